"""What the company report's marketing and timeline parts need besides sentences: the spend
table and its chart, and where the timeline starts and ends."""

from __future__ import annotations

from typing import Any

from ..config import Brand
from ..model import Dossier
from ..writing import Written
from ..writing.marketing import filings_read, spend_table, timeline_window
from ..writing.written import freshness_of
from . import charts


def marketing_context(dossier: Dossier, written: Written, brand: Brand) -> dict[str, Any]:
    """Template names for the summary, marketing and timeline parts of the company report."""
    table = spend_table(dossier.organisation, freshness_of(dossier))
    points = table.chart_points if table is not None else []
    chart = (
        charts.spend_bars(
            points,
            table.currency,
            table.columns[0],
            brand.primary,
            brand.accent,
            brand.font_body,
        )
        if table is not None and len(points) >= 2
        else None
    )
    start, end = timeline_window(dossier)
    return {
        "summary": written.flat("summary"),
        "spend": written.flat("spend"),
        "spend_table": table,
        "spend_chart": chart,
        "marketing_leadership": written.flat("marketing_leadership"),
        "leadership_filings": written.flat("leadership_filings"),
        "agencies": written.flat("agencies"),
        "timeline": written.flat("timeline"),
        "timeline_start": start,
        "timeline_end": end,
        "filings_read": filings_read(dossier),
    }
