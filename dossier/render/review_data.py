"""``review.json``: everything about one build that is for the reviewer, not the reader.

Client documents carry facts, citations, the numbered source list and one "About this report"
paragraph. What a reviewer needs besides (every gap with its cause and request URL, the advice
on options such as ``--domain``, example-data notices, the agency decision with candidates,
confidence and method, which mailing was drafted and why another was not, whether the report
is ready to send) is written here, next to the documents, for the batch review page and for
anyone reading the folder. ``facts.json`` keeps the record itself.

Shape (``version`` 1)::

    {"version": 1, "generator": "dossier X", "generated_at": ISO, "company": NAME,
     "contact": NAME | null, "owner": NAME | "",
     "ready": bool, "not_ready": REASON | "", "substance": {ready, facts, sources, minimum},
     "about": {"company-report": TEXT, "agency-profile": TEXT},
     "gaps": [{"document", "source", "label", "message", "url"}],
     "example_data": [{"document", "number", "label", "url"}],
     "warnings": [{"kind", "message", "detail"}],
     "agency": {...} | null, "mailings": [{"note", "drafted", "why", "first", "subject",
     "sender", "attachment", "files"}]}
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from .. import __version__
from ..fsutil import atomic_write_text, json_text
from ..model import Dossier, ReviewWarning
from ..writing.about import about_findings, about_text
from .mailing import Mailing

REVIEW_FILE = "review.json"
VERSION = 1


def example_data_warning(dossier: Dossier, document: str) -> ReviewWarning | None:
    """The notice that some sources were built by hand for the bundled example (not recorded).

    The client document only marks them "example data" in its source list.
    """
    made = [c for c in dossier.citations if c.constructed]
    if not made:
        return None
    numbers = ", ".join(f"[{c.number}]" for c in made)
    return ReviewWarning(
        kind="example",
        message=f"Example data in the {document.replace('-', ' ')}: source"
        f"{'s' if len(made) > 1 else ''} {numbers} "
        f"{'were' if len(made) > 1 else 'was'} built by hand for the bundled offline example "
        "in the documented format of the source, not recorded from it. Do not send it as "
        "research.",
        detail={"document": document, "sources": [c.number for c in made]},
    )


def document_warnings(dossier: Dossier, document: str) -> list[ReviewWarning]:
    """The review warnings a document adds to its audit: example data, and any words to
    watch in its "About this report" paragraph (dossier's own text: there must be none)."""
    out = []
    if (example := example_data_warning(dossier, document)) is not None:
        out.append(example)
    for f in about_findings(dossier, document):
        out.append(
            ReviewWarning(
                kind="neutrality",
                message=f"“About this report”: {f.describe()}",
                detail=f.as_dict(),
            )
        )
    return out


def _gaps(document: str, dossier: Dossier) -> list[dict[str, Any]]:
    return [
        {
            "document": document,
            "source": g.source,
            "label": dossier.label(g.source) if g.source else "",
            "message": g.message,
            "url": g.url,
        }
        for g in dossier.gaps
    ]


def _example(document: str, dossier: Dossier) -> list[dict[str, Any]]:
    return [
        {"document": document, "number": c.number, "label": c.label, "url": c.url}
        for c in dossier.citations
        if c.constructed
    ]


def review_record(
    company: Dossier,
    *,
    substance: dict[str, Any],
    not_ready: str = "",
    warnings: Iterable[ReviewWarning] = (),
    profile: Dossier | None = None,
    agency: dict[str, Any] | None = None,
    mailings: Sequence[Mailing] = (),
    owner: str = "",
) -> dict[str, Any]:
    """The review record of one build (see the module docstring for its shape)."""
    docs = [("company-report", company)] + ([("agency-profile", profile)] if profile else [])
    return {
        "version": VERSION,
        "generator": f"dossier {__version__}",
        "generated_at": company.generated_at.isoformat(),
        "company": company.organisation.display_name,
        "contact": company.prepared_for,
        "owner": owner,
        "ready": not not_ready,
        "not_ready": not_ready,
        "substance": substance,
        "about": {kind: about_text(d, kind) for kind, d in docs},
        "gaps": [g for kind, d in docs for g in _gaps(kind, d)],
        "example_data": [e for kind, d in docs for e in _example(kind, d)],
        "warnings": [w.model_dump(mode="json") for w in warnings],
        "agency": agency,
        "mailings": [m.as_dict() for m in mailings],
    }


def write_review_json(folder: Path, record: dict[str, Any]) -> Path:
    """Write ``<folder>/review.json`` atomically."""
    path = folder / REVIEW_FILE
    atomic_write_text(path, json_text(record))
    return path
