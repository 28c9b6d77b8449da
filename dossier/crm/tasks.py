"""Back to the CRM: the follow-up plan as task-import CSVs for HubSpot and Salesforce.

``dossier export --tasks`` writes, beside ``follow-up.ics``, one row per follow-up step (the
calendar's steps and dates, :mod:`dossier.batch.calendar`) for every built, not rejected
contact of the current sheet:

- ``follow-up-tasks-hubspot.csv``: HubSpot task properties by their internal names
  (``hs_task_subject`` the title, ``hs_timestamp`` the due date, ``hubspot_owner_id`` the
  owner, ``hs_task_body`` the notes, ``hs_task_status``, ``hs_task_priority``) and
  ``Email``, the contact's address, by which HubSpot's import associates each task with the
  contact record;
- ``follow-up-tasks-salesforce.csv``: the Task fields by API name (``Subject``,
  ``ActivityDate`` the due date, ``Description`` the comments, ``Status``, ``Priority``),
  with ``Assigned To`` (the owner's name) and ``Contact Email``: Salesforce's Data Loader
  needs record ids for ``OwnerId`` and ``WhoId``, so docs/crm.md shows how to look them up.

The batch state never stores an e-mail address, so the addresses come from the contact
sheet the batch read (its path is in the state; ``--contacts`` names another), matched to the
contacts by the state's identity hashes. The priority (``dossier.crm.follow``) becomes the
task priority. Cells a spreadsheet would run as formulas are quoted.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from ..batch.calendar import _start_date, drafted_mailings, event_dates
from ..batch.contacts import read_contacts
from ..batch.state import BatchState
from ..errors import ConfigError
from ..fsutil import atomic_write_bytes
from .priority import counted
from .sheets import safe_cell

HUBSPOT_FILE = "follow-up-tasks-hubspot.csv"
SALESFORCE_FILE = "follow-up-tasks-salesforce.csv"
HUBSPOT_COLUMNS = (
    "hs_task_subject",
    "hs_timestamp",
    "hubspot_owner_id",
    "Email",
    "hs_task_body",
    "hs_task_status",
    "hs_task_priority",
    "hs_task_type",
)
SALESFORCE_COLUMNS = (
    "Subject",
    "ActivityDate",
    "Assigned To",
    "Contact Email",
    "Description",
    "Status",
    "Priority",
)
_HS_PRIORITY = {"high": "HIGH", "medium": "MEDIUM", "low": "LOW"}
_SF_PRIORITY = {"high": "High", "medium": "Normal", "low": "Low"}
CRMS = ("hubspot", "salesforce")


@dataclass(frozen=True)
class Task:
    """One follow-up step as a CRM task."""

    key: str
    subject: str
    due: date
    owner: str
    email: str
    notes: str
    priority: str  # "high", "medium", "low" or ""


@dataclass
class TasksResult:
    """What the tasks export wrote, and what it could not fill in."""

    tasks: list[Task] = field(default_factory=list)
    files: dict[str, Path] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)


def _emails(state: BatchState, sheet: Path | None) -> tuple[dict[str, str], list[str]]:
    """{key: e-mail} from the contact sheet, and why some are missing."""
    source = sheet or (Path(m) if (m := state.meta("sheet")) else None)
    if source is None or not source.is_file():
        where = f" ({source} is not there)" if source else ""
        return {}, [
            f"The contact sheet could not be read{where}, so the tasks carry no contact "
            "e-mail; name it with --contacts SHEET."
        ]
    ids = state.identities()
    out: dict[str, str] = {}
    for row in read_contacts(source).rows:
        key = ids.get(row.identity)
        if key is not None and row.email:
            out[key] = row.email
    return out, []


def follow_up_tasks(
    state: BatchState, today: date, sheet: Path | None = None
) -> tuple[list[Task], list[str]]:
    """The tasks of every built, not rejected contact of the current sheet, in sheet order."""
    emails, warnings = _emails(state, sheet)
    tasks: list[Task] = []
    for key, e in state.entries():
        if e.get("status") != "done" or (e.get("review") or {}).get("decision") == "rejected":
            continue
        if e.get("replaced_by") or e.get("in_sheet") is False:
            continue
        name = str(e.get("name") or key)
        company = str(e.get("company") or "")
        owner = str(e.get("owner") or "")
        start = _start_date(e.get("start_date"))
        reasons = counted(e.get("priority_reasons"))
        label = str(e.get("priority_label") or "")
        for step, when, due in event_dates(start, today, drafted_mailings(e)):
            said = f"{name}, {company}" if company else name
            notes = [said if said.endswith(".") else f"{said}."]  # "Apple Inc.", not "Apple Inc.."
            if e.get("priority") is not None:
                notes.append(
                    f"Priority {e['priority']} ({label}): "
                    + "; ".join(str(r.get("text", "")) for r in reasons)
                    + "."
                )
            if when != due:
                notes.append(f"Originally due {due.isoformat()}.")
            notes.append(f"From dossier batch {state.batch_dir.name} ({key}).")
            tasks.append(
                Task(
                    key=key,
                    subject=step.summary.format(name=name),
                    due=when,
                    owner=owner,
                    email=emails.get(key, ""),
                    notes=" ".join(notes),
                    priority=label,
                )
            )
    missing_owner = sorted({t.key for t in tasks if not t.owner})
    if missing_owner:
        warnings.append(
            f"{len(missing_owner)} contact(s) have no owner; their tasks are unassigned: "
            + ", ".join(missing_owner[:10])
        )
    return tasks, warnings


def _row(task: Task, crm: str) -> list[str]:
    """The task's cells in the column order of ``crm`` (subject, due, owner, e-mail, notes,
    then that CRM's status, priority and, for HubSpot, type)."""
    common = [task.subject, task.due.isoformat(), task.owner, task.email, task.notes]
    if crm == "hubspot":
        return [*common, "NOT_STARTED", _HS_PRIORITY.get(task.priority, ""), "TODO"]
    return [*common, "Not Started", _SF_PRIORITY.get(task.priority, "Normal")]


def tasks_csv(tasks: list[Task], crm: str) -> bytes:
    """The CSV bytes (UTF-8 with a byte-order mark, CRLF) for ``crm``."""
    if crm not in CRMS:
        raise ConfigError(f"Unknown CRM {crm!r}; choose {' or '.join(CRMS)}.")
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(HUBSPOT_COLUMNS if crm == "hubspot" else SALESFORCE_COLUMNS)
    for t in tasks:
        writer.writerow([safe_cell(c) for c in _row(t, crm)])
    return buffer.getvalue().encode("utf-8-sig")


def export_tasks(
    batch_dir: Path,
    today: date | None = None,
    sheet: Path | None = None,
    crms: tuple[str, ...] = CRMS,
) -> TasksResult:
    """Write the task CSVs into the batch folder (beside follow-up.ics)."""
    out = TasksResult()
    with BatchState.open(batch_dir, create=False) as state:
        out.tasks, out.warnings = follow_up_tasks(state, today or date.today(), sheet)
    names: dict[str, Any] = {"hubspot": HUBSPOT_FILE, "salesforce": SALESFORCE_FILE}
    for crm in crms:
        path = Path(batch_dir) / names[crm]
        atomic_write_bytes(path, tasks_csv(out.tasks, crm))
        out.files[crm] = path
    return out
