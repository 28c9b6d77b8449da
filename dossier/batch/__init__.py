"""Batches: a spreadsheet of moved contacts in, a reviewed folder of briefings out.

``run_batch`` builds every contact's briefing (each company researched once), keeps each
contact's state in ``state.sqlite`` (:class:`BatchState`, the API the CLI and any review app
share), and writes ``review.html`` (and ``follow-up.ics`` when asked). ``BatchState`` records
review decisions and agency choices; ``export`` copies the approved drafts.
"""

from __future__ import annotations

from .export import ExportResult, export_approved
from .run import BatchOptions, BatchResult, RowOutcome, run_batch
from .state import BatchBusy, BatchState, ContactNotFound, ContactState, ReviewRefused

__all__ = [
    "BatchBusy",
    "BatchOptions",
    "BatchResult",
    "BatchState",
    "ContactNotFound",
    "ContactState",
    "ExportResult",
    "ReviewRefused",
    "RowOutcome",
    "export_approved",
    "run_batch",
]
