"""Shared builders for tests: facts, documents, dossiers, written documents and PDF text.

Every builder makes the smallest valid object and takes keywords for what a test cares about.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from dossier.config import load_sources
from dossier.model import Dossier, Fact, Identifiers, Organisation, Provenance, Value
from dossier.net import Document
from dossier.research.collect import labels
from dossier.research.company import OWN_LABELS, number_citations
from dossier.research.normalize import normalise
from dossier.writing import Written, write_company

RETRIEVED = datetime(2026, 3, 5, tzinfo=UTC)


def prov(
    source: str = "wikidata",
    url: str | None = None,
    as_of: date = date(2024, 1, 1),
    retrieved_at: datetime = datetime(2026, 11, 20, tzinfo=UTC),
    constructed: bool = False,
    **kw: Any,
) -> Provenance:
    """A provenance; the URL defaults to one per source."""
    return Provenance(
        source=source,
        url=url or f"https://{source}.example/x",
        as_of=as_of,
        retrieved_at=retrieved_at,
        constructed=constructed,
        **kw,
    )


def fact(field: str, value: Value, source: str = "wikidata", **kw: Any) -> Fact:
    """A fact; keywords go to :func:`prov` except ``period`` and ``period_end``."""
    period = kw.pop("period", None)
    period_end = kw.pop("period_end", None)
    return Fact(
        field=field,
        value=value,
        provenance=prov(source, **kw),
        period=period,
        period_end=period_end,
    )


def document(
    source: str, url: str, body: bytes, constructed: bool = False, status: int = 200
) -> Document:
    """Wrap a body in a Document, as the HTTP client would."""
    return Document(
        source=source,
        url=url,
        status=status,
        content_type="application/json",
        body=body,
        retrieved_at=RETRIEVED,
        constructed=constructed,
    )


def shown_labels() -> dict[str, str]:
    """The labels a build gives its sources (packaged settings)."""
    return {**labels(load_sources()), **OWN_LABELS}


def dossier_of(
    org: Organisation,
    generated_at: datetime = datetime(2026, 11, 23, tzinfo=UTC),
    **kw: Any,
) -> Dossier:
    """A dossier around ``org`` with numbered citations and the packaged labels."""
    shown = shown_labels()
    return Dossier(
        organisation=org,
        citations=number_citations(org, shown),
        gaps=kw.pop("gaps", []),
        generated_at=generated_at,
        labels=shown,
        **kw,
    )


def dossier(
    *facts: Fact, name: str = "Acme Corp", ids: Identifiers | None = None, **kw: Any
) -> Dossier:
    """A dossier normalised from ``facts`` with the packaged precedence."""
    org = normalise(list(facts), ids or Identifiers(), name, load_sources())
    return dossier_of(org, **kw)


def written(d: Dossier) -> Written:
    """The company report's sentences for ``d``."""
    return write_company(d)


def pdf_text(path: Path | str) -> str:
    """Every page's text of a PDF, whitespace collapsed."""
    from pypdf import PdfReader

    pages: Iterable[Any] = PdfReader(str(path)).pages
    return re.sub(r"\s+", " ", " ".join(p.extract_text() for p in pages))


def html(d: Dossier, templates: Path | None = None) -> str:
    """The company report's HTML for ``d`` with the packaged brand."""
    from dossier.config import load_brand
    from dossier.render import render_html

    return render_html(d, write_company(d), load_brand(), templates)
