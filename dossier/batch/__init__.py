"""Batches: a spreadsheet of moved contacts in, a reviewed folder of briefings out.

``run_batch`` builds every contact's briefing (each company researched once), keeps each
contact's state, and writes ``review.html`` (and ``follow-up.ics`` when asked). ``review``
records decisions; ``export`` copies the approved drafts.
"""

from __future__ import annotations

from .export import ExportResult, export_approved
from .run import BatchOptions, BatchResult, RowOutcome, run_batch

__all__ = [
    "BatchOptions",
    "BatchResult",
    "ExportResult",
    "RowOutcome",
    "export_approved",
    "run_batch",
]
