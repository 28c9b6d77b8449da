"""Render a Dossier to HTML (Jinja2, autoescaped), PDF (WeasyPrint, locked-down fetcher) and JSON.

Templates come from the user's folder first, then the packaged defaults
(``{% extends "default:base.html.j2" %}`` reaches the packaged one). WeasyPrint may read only
files inside the template folders and the brand folder, and ``data:`` URIs; everything else
(``file:///etc/passwd``, ``http://169.254.169.254/``) is refused.
"""

from __future__ import annotations

import base64
import logging
import mimetypes
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from jinja2 import TemplateError
from markupsafe import Markup

from .. import __version__
from ..config import EXAMPLE_BRAND, Brand, brand_logo
from ..errors import RenderError
from ..fields import key_fact_fields
from ..fsutil import atomic_write_bytes, atomic_write_text, json_text
from ..model import Article, Claim, Dossier, Fact, Money, Organisation, Series
from ..writing import Written
from ..writing.about import about_text
from ..writing.audit import sentence_findings
from ..writing.company import latest_annual_report
from ..writing.written import freshness_of
from . import charts
from .colours import ink
from .env import MAX_PRINTED as MAX_PRINTED  # re-exported (defined with the environment)
from .env import environment as environment  # re-exported (dossier.crm.handover uses it)
from .marketing import marketing_context
from .pdf import PdfRenderer, render_pdf

log = logging.getLogger(__name__)

REPORT_TEMPLATE = "company-report.html.j2"


class Citations:
    """Turns facts into citation numbers, from the dossier's numbered source list."""

    def __init__(self, dossier: Dossier) -> None:
        self._by_url = {s.url: s.number for s in dossier.citations}

    def numbers(self, facts: list[Fact] | tuple[Fact, ...]) -> list[int]:
        return sorted({self._by_url[f.provenance.url] for f in facts})

    def marks(self, *facts: Fact) -> Markup:
        nums = self.numbers(list(facts))
        inner = "".join(f'<a class="cite" href="#src-{n}">[{n}]</a>' for n in nums)
        return Markup(f'<sup class="cites">{inner}</sup>')


def _data_uri(path: Path) -> str:
    mime = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
    if path.suffix == ".svg":
        mime = "image/svg+xml"
    return f"data:{mime};base64,{base64.b64encode(path.read_bytes()).decode()}"


def _logo(brand: Brand) -> str:
    """The brand's logo as a data: URI; only a file inside the brand's folder (brand_logo).
    "" for a brand without one (the cover prints its name)."""
    if not brand.logo:
        return ""
    example = brand.name.strip() == EXAMPLE_BRAND
    return _data_uri(brand_logo(brand.root, brand.logo, f"the brand {brand.name!r}", example))


def key_facts(org: Organisation) -> list[tuple[str, Claim]]:
    """The rows of the key-facts panel that have a value (order and labels: the field table)."""
    return [(f.label, c) for f in key_fact_fields() if (c := org.claim(f.name)) is not None]


def _coverage_chart(org: Organisation, brand: Brand) -> Markup | None:
    series = {f.value.name: f.value.points for f in org.perception if isinstance(f.value, Series)}
    volume, tone = series.get("gdelt_volume", []), series.get("gdelt_tone", [])
    if len(volume) + len(tone) >= 2:
        return charts.coverage_timeline(volume, tone, brand.primary, brand.accent, brand.font_body)
    # No coverage timeline from a news index: count the listed articles by month instead.
    months: dict[date, int] = {}
    for f in org.news:
        if isinstance(f.value, Article) and f.value.published is not None:
            key = f.value.published.date().replace(day=1)
            months[key] = months.get(key, 0) + 1
    if len(months) < 2 or sum(months.values()) < 4:
        return None
    first, last = min(months), max(months)
    filled, m = [], first
    while m <= last:  # every month in the span, empty ones too
        filled.append((m, months.get(m, 0)))
        m = (m.replace(day=28) + timedelta(days=4)).replace(day=1)
    return charts.monthly_articles(filled, brand.primary, brand.font_body)


def context(dossier: Dossier, written: Written, brand: Brand) -> dict[str, Any]:
    """Everything the templates may use."""
    org = dossier.organisation
    cites = Citations(dossier)
    fresh = freshness_of(dossier)
    rev = org.revenue_history
    chart = (
        charts.financial_bars(
            rev, org.net_income_history, brand.primary, brand.accent, brand.font_body
        )
        if len(rev) >= 2
        else None
    )
    return {
        "d": dossier,
        "org": org,
        "w": written,
        "brand": brand,
        "logo_uri": _logo(brand),
        "cite": cites.marks,
        "overview": written["overview"],
        "stale": fresh.is_stale,
        "conflicts": written.flat("conflicts"),
        "presentation": written.flat("presentation"),
        "perception": written.flat("perception"),
        "news": org.news[:10],
        "news_days": dossier.news_days,
        "coverage_chart": _coverage_chart(org, brand),
        "key_facts": key_facts(org),
        "latest_annual": latest_annual_report(org),
        "chart": chart,
        "today": date.today(),
        "source_label": dossier.label,
        "version": __version__,
        "constructed_sources": [s for s in dossier.citations if s.constructed],
        "about": about_text(dossier, written.kind),
        "about_heading": (
            "About this profile" if written.kind == "agency-profile" else "About this report"
        ),
        "money_unit": (
            f"{rev[0].value.currency} million" if rev and isinstance(rev[0].value, Money) else ""
        ),
        **marketing_context(dossier, written, brand),
    }


@dataclass(frozen=True)
class DocumentKind:
    """One kind of document: its template and its output file names."""

    template: str
    stem: str
    json_name: str
    title: str


COMPANY = DocumentKind(REPORT_TEMPLATE, "company-report", "facts.json", "Company research report")
AGENCY = DocumentKind(
    "agency-profile.html.j2", "agency-profile", "agency-profile.json", "Agency profile"
)


_LONG_RUN = 30  # a run of this many characters without a break opportunity gets some
_CHUNK = 10  # every this many characters (narrow table columns hold ten)
_TEXT = re.compile(r"(<(style|script)\b.*?</\2>)|(<[^>]*>)|([^<]+)", re.S | re.I)
_RUN = re.compile(rf"[^\s\u200b/\-&;]{{{_LONG_RUN},}}")  # & and ; end a run: entities stay whole


def soft_breaks(html: str) -> str:
    """Zero-width spaces inside long unbroken runs of text (never in tags, styles or scripts),
    so a 20,000-character scraped value wraps on the page; tables lay out in linear time."""

    def run(m: re.Match[str]) -> str:
        s = m.group(0)
        return "\u200b".join(s[i : i + _CHUNK] for i in range(0, len(s), _CHUNK))

    def piece(m: re.Match[str]) -> str:
        text = m.group(4)
        return _RUN.sub(run, text) if text is not None else m.group(0)

    return _TEXT.sub(piece, html)


def render_html(
    dossier: Dossier,
    written: Written,
    brand: Brand,
    templates: Path | None = None,
    kind: DocumentKind = COMPANY,
    extra: dict[str, Any] | None = None,
) -> str:
    """The document as one self-contained HTML string."""
    env = environment(templates)
    try:
        css = env.get_template("report.css.j2").render(
            brand=brand, document_title=kind.title, ink=ink(brand)
        )
        ctx = {**context(dossier, written, brand), **(extra or {})}
        return soft_breaks(env.get_template(kind.template).render(css=Markup(css), **ctx))
    except TemplateError as exc:
        raise RenderError(
            f"Template error in {getattr(exc, 'name', None) or kind.template}: {exc}"
        ) from exc


def template_files(templates: Path | None = None, kind: DocumentKind = COMPANY) -> list[Path]:
    """The files of the document's template in use (the user's copy when they have one)."""
    env = environment(templates)
    files = []
    for name in (kind.template, "_parts.html.j2"):
        filename = env.get_template(name).filename
        if filename:
            files.append(Path(filename))
    return files


def facts_json(dossier: Dossier, written: Written) -> str:
    """The record with all provenance, the sources, the gaps, warnings and every sentence."""
    cites = Citations(dossier)
    rows = [
        {
            "text": s.text,
            "citations": cites.numbers(s.facts),
            "facts": [f.model_dump(mode="json") for f in s.facts],
            "findings": sentence_findings(dossier, s),
        }
        for s in written
    ]
    data = dossier.model_dump(mode="json")
    data["sentences"] = rows
    if written.coverage:  # agency profiles: each heading, shown or not, and what was consulted
        data["sections"] = [c.as_dict() for c in written.coverage]
        data["review_links"] = [
            {"site": k.label, "url": k.url, "given": k.given} for k in written.links
        ]
    data["generator"] = f"dossier {__version__}"
    return json_text(data)


def write_outputs(
    dossier: Dossier,
    written: Written,
    folder: Path,
    formats: tuple[str, ...],
    brand: Brand,
    templates: Path | None = None,
    kind: DocumentKind = COMPANY,
    extra: dict[str, Any] | None = None,
    pdf: PdfRenderer | None = None,
    pdf_later: Callable[[str, Path], None] | None = None,
    before_record: Callable[[], None] | None = None,
) -> dict[str, Path]:
    """Write <stem>.pdf, <stem>.html and the JSON record atomically into ``folder``.

    ``pdf_later`` (a build's PDF worker) is handed the HTML and the PDF's path first, instead of
    the PDF being rendered here; it writes the file itself, while this writes the rest.
    ``before_record`` runs before the JSON record is written (after the PDF is handed over): a
    build audits the document there, since the record holds the audit's warnings and the
    client document does not."""
    out: dict[str, Path] = {}
    html = (
        render_html(dossier, written, brand, templates, kind, extra)
        if {"html", "pdf"} & set(formats)
        else ""
    )
    pdf_path = folder / f"{kind.stem}.pdf"
    later = "pdf" in formats and pdf_later is not None
    if later:
        pdf_later(html, pdf_path)  # type: ignore[misc]  # later implies pdf_later
    if before_record is not None:
        before_record()
    if "json" in formats:
        out["json"] = folder / kind.json_name
        atomic_write_text(out["json"], facts_json(dossier, written))
    if "html" in formats:
        out["html"] = folder / f"{kind.stem}.html"
        atomic_write_text(out["html"], html)
    if "pdf" in formats:
        out["pdf"] = pdf_path
    if "pdf" in formats and not later:
        data = (
            pdf(html, brand, templates) if pdf is not None else render_pdf(html, brand, templates)
        )
        atomic_write_bytes(pdf_path, data)
    return out
