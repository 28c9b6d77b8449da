"""Review warnings for a written document: old figures, sources that differ, words to watch.

Every generated sentence is checked with proper names masked; so is the static text of the
templates used (which users may edit). Our own voice must come out with zero findings.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from ..fields import FIELDS, SPEND_FIELDS
from ..memo import Memo
from ..model import Dossier, ReviewWarning
from .marketing import review_warnings as marketing_warnings
from .neutrality import Finding, lint_file, lint_text
from .sentences import Sentence, names_in
from .written import Written, freshness_of

#: Findings by (sentence text, names masked): a sentence is checked by the audit and again for
#: facts.json (measured on a batch: 1,580 checks of 402 distinct sentences for 10 contacts).
#: Bounded, so a batch of any size holds the same; the words file is the package's own.
_sentence_lint: Memo[tuple[Finding, ...]] = Memo(1024)


def sentence_findings(dossier: Dossier, sentence: Sentence) -> list[dict[str, object]]:
    """Words-to-watch findings in one generated sentence (names masked)."""
    names = (dossier.organisation.display_name, *names_in(sentence.facts))
    found = _sentence_lint.get(
        (sentence.text, names), lambda: tuple(lint_text(sentence.text, list(names)))
    )
    return [f.as_dict() for f in found]


#: Findings in a template's own text, by (path, modification time, size): linted once per
#: process and version of the file.
_template_lint: Memo[tuple[Finding, ...]] = Memo(64)


def template_findings(path: Path) -> list[Finding]:
    """Words-to-watch findings in a template's own text, linted once per process and version
    of the file (keyed by its path, modification time and size)."""
    try:
        st = path.stat()
    except OSError:
        return lint_file(path)  # it raises the error that names the file
    key = (str(path.resolve()), st.st_mtime_ns, st.st_size)
    return list(_template_lint.get(key, lambda: tuple(lint_file(path))))


def audit(
    dossier: Dossier, written: Written, template_files: Sequence[Path] = ()
) -> list[ReviewWarning]:
    """The review warnings for ``dossier`` as written in ``written``."""
    org = dossier.organisation
    fresh = freshness_of(dossier)
    out: list[ReviewWarning] = []
    for spec in FIELDS.values():
        if not spec.figure:
            continue
        claim = org.claim(spec.name)
        if claim is None:
            continue
        f = claim.chosen
        label = spec.gap_label
        if not f.period:
            out.append(
                ReviewWarning(
                    kind="stale",
                    message=f"{label}: the source does not state the year of the figure.",
                    detail={"field": spec.name, "source": f.source, "url": f.provenance.url},
                )
            )
        elif fresh.is_stale(f):
            year = f.provenance.as_of.year
            out.append(
                ReviewWarning(
                    kind="stale",
                    message=f"{label} is as of {year}"
                    + (f" ({f.period})" if f.period != str(year) else "")
                    + f", older than {dossier.max_figure_age_months} months; shown as "
                    + (
                        f"“last reported for {f.period}”."
                        if spec.name in SPEND_FIELDS
                        else f"“as of {year}”."
                    ),
                    detail={
                        "field": spec.name,
                        "as_of": f.provenance.as_of.isoformat(),
                        "source": f.source,
                    },
                )
            )
    if written.kind == "company-report":
        out.extend(marketing_warnings(dossier))
    for s in written.flat("conflicts"):
        out.append(ReviewWarning(kind="conflict", message=s.text))
    for s in written:
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
        for tf in template_findings(path):
            out.append(
                ReviewWarning(
                    kind="neutrality",
                    message=f"{path.name}:{tf.line}: {tf.describe()}",
                    detail={**tf.as_dict(), "file": str(path)},
                )
            )
    note = dossier.override
    if note is not None and note.note:
        who = f" ({note.reviewer})" if note.reviewer else ""
        out.append(ReviewWarning(kind="reviewer", message=f"Reviewer note{who}: {note.note}"))
    return out
