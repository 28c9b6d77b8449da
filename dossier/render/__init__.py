"""Rendering: a written document to HTML (Jinja2, autoescaped), PDF (WeasyPrint with a
locked-down fetcher) and ``facts.json``; the cover notes as Markdown, text and ``.eml``.

Imports no network, source, research or batch code.
"""

from __future__ import annotations

from .html import (
    AGENCY,
    COMPANY,
    DocumentKind,
    environment,
    facts_json,
    render_html,
    safe_link,
    template_files,
    write_outputs,
)
from .pdf import PdfPool, PdfRenderer, render_pdf

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
