"""Follow-up calendar: an RFC 5545 ``.ics`` file with all-day reminders per contact.

The calendar follows what was produced (the contact's note drafts in the manifest):

1. note 1 and the agency profile, in the first week of the new role (start date + 3 days),
   only when note 1 was drafted;
2. note 2 and the company report, about four weeks in (start date + 28 days); when there is
   no note 1, note 2 is the first mailing and takes the first week's slot;
3. a check-in at about six months (start date + 182 days).

Without a start date, the new role counts as starting today and the first reminder is
tomorrow. A reminder whose date has passed moves to tomorrow (its description keeps the
original date), so nothing lands silently in the past; the second mailing then still keeps
the plan's spacing (``MAILING_GAP``, 25 days) after the first, and the check-in four weeks
after the mailings. Output is reproducible: DTSTAMP comes from ``today`` and each UID is
fixed per contact and step.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from ..fsutil import atomic_write_text

PRODID = "-//dossier//follow-up//EN"
CALENDAR_FILE = "follow-up.ics"


@dataclass(frozen=True)
class Step:
    """One follow-up step: its UID part, days after the start, and its summary."""

    uid: str
    days: int
    summary: str


STEPS = (
    Step("note-1", 3, "Send note 1 and the agency profile to {name}"),
    Step("note-2", 28, "Send note 2 and the company report to {name}"),
    Step("check-in", 182, "Check in with {name}"),
)
MAILING_GAP = timedelta(days=STEPS[1].days - STEPS[0].days)  # between the two mailings
CHECK_IN_GAP = timedelta(days=28)  # at least this long after the mailings


def escape_text(text: str) -> str:
    """RFC 5545 TEXT escaping: backslash, semicolon, comma and newline."""
    text = str(text).replace("\r\n", "\n").replace("\r", "\n")
    text = "".join(ch for ch in text if ch == "\n" or ch == "\t" or ord(ch) >= 0x20)
    return text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n")


def fold(line: str, limit: int = 75) -> str:
    """Fold a content line at ``limit`` octets (UTF-8), never inside a character."""
    out: list[str] = []
    current, size = "", 0
    for ch in line:
        n = len(ch.encode("utf-8"))
        if size + n > limit:
            out.append(current)
            current, size = " ", 1  # a continuation line starts with one space
        current += ch
        size += n
    out.append(current)
    return "\r\n".join(out)


def _start_date(value: Any) -> date | None:
    if isinstance(value, date):
        return value
    if isinstance(value, str) and value.strip():
        try:
            return date.fromisoformat(value.strip()[:10])
        except ValueError:
            return None
    return None


def _items(entries: Mapping[str, Mapping[str, Any]] | Iterable[Any]) -> list[tuple[str, Any]]:
    if isinstance(entries, Mapping):
        return list(entries.items())
    items: list[tuple[str, Any]] = []
    for item in entries:
        if isinstance(item, Mapping):  # an entry carrying its own key
            items.append((str(item.get("key", "")), item))
        else:
            pair: tuple[Any, Any] = tuple(item)  # (key, entry)
            items.append((str(pair[0]), pair[1]))
    return items


def event_dates(
    start: date | None, today: date, mailings: tuple[bool, bool] = (True, True)
) -> list[tuple[Step, date, date]]:
    """(step, date it falls on, date the plan gives) for each step that exists.

    ``mailings`` says whether note 1 and note 2 were drafted. A second mailing keeps
    ``MAILING_GAP`` after the first even when the first moved because its date had passed.
    """
    anchor = start or today
    tomorrow = today + timedelta(days=1)
    first_due = tomorrow if start is None else anchor + timedelta(days=STEPS[0].days)
    out: list[tuple[Step, date, date]] = []
    previous: date | None = None
    for step, drafted in zip(STEPS[:2], mailings, strict=True):
        if not drafted:
            continue
        if previous is None:
            due = first_due
            when = max(due, tomorrow)
        else:
            due = anchor + timedelta(days=step.days)
            when = max(due, tomorrow, previous + MAILING_GAP)
        out.append((step, when, due))
        previous = when
    due = anchor + timedelta(days=STEPS[2].days)
    floor = previous + CHECK_IN_GAP if previous is not None else tomorrow
    out.append((STEPS[2], max(due, tomorrow, floor), due))
    return out


def drafted_mailings(entry: Mapping[str, Any]) -> tuple[bool, bool]:
    """Whether note 1 and note 2 were drafted for a manifest entry (its output names)."""
    names = [str(k) for k in entry.get("outputs") or {}]
    return (
        any(k.startswith("note-1.") for k in names),
        any(k.startswith("note-2.") for k in names),
    )


def follow_up_ics(
    manifest_entries: Mapping[str, Mapping[str, Any]] | Iterable[Any], today: date
) -> str:
    """The VCALENDAR text for every done, not rejected contact.

    ``manifest_entries`` is ``{key: entry}``, or ``(key, entry)`` pairs as from
    :meth:`BatchState.entries`, or entries that carry a ``key`` field.
    """
    stamp = today.strftime("%Y%m%dT000000Z")
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:{PRODID}",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        "X-WR-CALNAME:dossier follow-ups",
    ]
    for key, e in sorted(_items(manifest_entries), key=lambda kv: (kv[1].get("row") or 0, kv[0])):
        if e.get("status") != "done" or (e.get("review") or {}).get("decision") == "rejected":
            continue
        if e.get("replaced_by") or e.get("in_sheet") is False:  # no longer in the sheet
            continue
        name = str(e.get("name") or key)
        company = str(e.get("company") or "")
        owner = str(e.get("owner") or "") or "no owner"
        start = _start_date(e.get("start_date"))
        for step, when, due in event_dates(start, today, drafted_mailings(e)):
            desc = [
                f"Contact: {name}",
                f"Company: {company or 'unknown'}",
                f"Owner: {owner}",
            ]
            if e.get("agency"):
                agency = e["agency"] + ("" if e.get("agency_confirmed") else " (unconfirmed)")
                desc.append(f"Agency: {agency}")
            desc.append(f"New role started: {start.isoformat() if start else 'date not known'}")
            if when != due:
                why = (
                    "that date passed"
                    if due < today + timedelta(days=1)
                    else "to keep about four weeks after the previous step"
                )
                desc.append(f"Originally due {due.isoformat()}; moved because {why}.")
            lines += [
                "BEGIN:VEVENT",
                f"UID:{escape_text(f'{key}-{step.uid}@dossier')}",
                f"DTSTAMP:{stamp}",
                f"DTSTART;VALUE=DATE:{when.strftime('%Y%m%d')}",
                f"DTEND;VALUE=DATE:{(when + timedelta(days=1)).strftime('%Y%m%d')}",
                f"SUMMARY:{escape_text(step.summary.format(name=name))}",
                f"DESCRIPTION:{escape_text(chr(10).join(desc))}",
                "TRANSP:TRANSPARENT",
                "END:VEVENT",
            ]
    lines.append("END:VCALENDAR")
    return "".join(fold(line) + "\r\n" for line in lines)


def write_follow_up_ics(batch_dir: Path, manifest: Any, today: date) -> Path:
    """Write ``<batch dir>/follow-up.ics`` atomically from a :class:`BatchState`."""
    path = Path(batch_dir) / CALENDAR_FILE
    atomic_write_text(path, follow_up_ics(manifest.entries(), today))
    return path
