"""Review warnings for a dossier: old figures, sources that differ, words to watch.

Every generated sentence is checked with proper names masked; so is the static text of the
templates used (which users may edit). Our own voice must come out with zero findings.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from . import prose
from .model import Dossier, ReviewWarning
from .neutrality import lint_file, lint_text

FIGURES = {
    "revenue": "Revenue",
    "net_income": "Net income",
    "total_assets": "Total assets",
    "employees": "Number of employees",
}


def freshness_of(dossier: Dossier) -> prose.Freshness:
    """The freshness rule in force for this dossier."""
    return prose.Freshness(dossier.generated_at.date(), dossier.max_figure_age_months)


def sentences(dossier: Dossier, extra: Sequence[prose.Sentence] = ()) -> list[prose.Sentence]:
    """Every generated sentence of a document, in document order (``extra``: its own parts)."""
    org = dossier.organisation
    paragraphs = prose.overview(org, freshness_of(dossier))
    return (
        [s for p in paragraphs for s in p]
        + prose.conflict_sentences(org)
        + list(extra)
        + prose.self_presentation(org)
        + prose.perception_sentences(org)
    )


def sentence_findings(dossier: Dossier, sentence: prose.Sentence) -> list[dict[str, object]]:
    """Words-to-watch findings in one generated sentence (names masked)."""
    names = [dossier.organisation.display_name, *prose.names_in(sentence.facts)]
    return [f.as_dict() for f in lint_text(sentence.text, names)]


def audit(
    dossier: Dossier,
    template_files: Sequence[Path] = (),
    extra: Sequence[prose.Sentence] = (),
) -> list[ReviewWarning]:
    """The review warnings for ``dossier`` (``extra``: the document's own sentences)."""
    org = dossier.organisation
    fresh = freshness_of(dossier)
    out: list[ReviewWarning] = []
    for field, label in FIGURES.items():
        claim = org.claim(field)
        if claim is None:
            continue
        f = claim.chosen
        if not f.period:
            out.append(
                ReviewWarning(
                    kind="stale",
                    message=f"{label}: the source does not state the year of the figure.",
                    detail={"field": field, "source": f.source, "url": f.provenance.url},
                )
            )
        elif fresh.is_stale(f):
            out.append(
                ReviewWarning(
                    kind="stale",
                    message=f"{label} is as of {f.provenance.as_of.year}"
                    + (f" ({f.period})" if f.period != str(f.provenance.as_of.year) else "")
                    + ", older than "
                    f"{dossier.max_figure_age_months} months; shown as “as of {f.provenance.as_of.year}”.",
                    detail={
                        "field": field,
                        "as_of": f.provenance.as_of.isoformat(),
                        "source": f.source,
                    },
                )
            )
    for s in prose.conflict_sentences(org):
        out.append(ReviewWarning(kind="conflict", message=s.text))
    for s in sentences(dossier, extra):
        for finding in sentence_findings(dossier, s):
            out.append(
                ReviewWarning(
                    kind="neutrality",
                    message=f"Generated text: “{finding['term']}” "
                    f"({finding['guideline']}) in: {s.text}",
                    detail=finding,
                )
            )
    for path in template_files:
        for f in lint_file(path):
            out.append(
                ReviewWarning(
                    kind="neutrality",
                    message=f"{path.name}:{f.line}: {f.describe()}",
                    detail={**f.as_dict(), "file": str(path)},
                )
            )
    return out
