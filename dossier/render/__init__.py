"""Rendering: a written document to HTML (Jinja2, autoescaped), PDF (WeasyPrint with a
locked-down fetcher) and ``facts.json``; the cover notes as Markdown, text and ``.eml``.
Imports no network, source, research or batch code.

The names below are imported on first use, so a module that needs only the Jinja
environment (``dossier.render.env``: the batch's review page) does not load the document
renderer, the record's schema and the writing rules with it.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .env import environment, safe_link
    from .html import (
        AGENCY,
        COMPANY,
        DocumentKind,
        facts_json,
        render_html,
        template_files,
        write_outputs,
    )
    from .pdf import PdfPool, PdfRenderer, render_pdf

#: Public name -> the module that defines it.
_WHERE = {
    "AGENCY": "html",
    "COMPANY": "html",
    "DocumentKind": "html",
    "PdfPool": "pdf",
    "PdfRenderer": "pdf",
    "environment": "env",
    "facts_json": "html",
    "render_html": "html",
    "render_pdf": "pdf",
    "safe_link": "env",
    "template_files": "html",
    "write_outputs": "html",
}

__all__ = [
    "AGENCY",
    "COMPANY",
    "DocumentKind",
    "PdfPool",
    "PdfRenderer",
    "environment",
    "facts_json",
    "render_html",
    "render_pdf",
    "safe_link",
    "template_files",
    "write_outputs",
]


def __getattr__(name: str) -> Any:
    if name not in _WHERE:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f".{_WHERE[name]}", __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted([*globals(), *_WHERE])
