"""The tasks CSVs on their own: formula cells quoted, priorities mapped, no sheet, no address."""

from __future__ import annotations

import csv
import io
from datetime import date
from pathlib import Path

from dossier.batch import BatchState
from dossier.crm.tasks import SALESFORCE_COLUMNS, Task, follow_up_tasks, tasks_csv


def _read(data: bytes) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"), newline="")))


def test_formula_cells_are_quoted_and_priorities_mapped() -> None:
    task = Task("k", '=HYPERLINK("x")', date(2027, 1, 5), "Alice", "a@x.example", "n", "medium")
    hubspot = _read(tasks_csv([task], "hubspot"))[0]
    assert hubspot["hs_task_subject"] == '\'=HYPERLINK("x")'
    assert (hubspot["hs_timestamp"], hubspot["hs_task_priority"]) == ("2027-01-05", "MEDIUM")
    salesforce = _read(tasks_csv([task], "salesforce"))[0]
    assert list(salesforce) == list(SALESFORCE_COLUMNS)
    assert (salesforce["Priority"], salesforce["Status"]) == ("Normal", "Not Started")


def test_without_the_sheet_the_tasks_say_why_they_have_no_address(tmp_path: Path) -> None:
    with BatchState.open(tmp_path) as state:
        tasks, warnings = follow_up_tasks(state, date(2026, 12, 1), tmp_path / "gone.csv")
    assert tasks == []
    assert "could not be read" in warnings[0] and "--contacts SHEET" in warnings[0]
