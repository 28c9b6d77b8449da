"""The successor brief: for the person who replaces a departed contact at an old client.

``dossier handover --company OLD --activities ACTIVITIES.csv`` reads a CRM activities export
(HubSpot engagements, Salesforce activity reports: :data:`ACTIVITY_COLUMNS`), keeps the rows
of the company (cleaned names: "NORTHWIND TRADERS INC." is Northwind Traders) and writes a
branded PDF (the report's stylesheet, the locked-down WeasyPrint fetcher):

- a short note to the successor, offering help settling in (no ask: it must pass the
  ask-guard, ``render.notes.check_asks``, or nothing is written);
- the work done together: per project or campaign, the span, the number of activities and
  the results the firm recorded;
- the timeline of completed activities;
- the people involved: the firm's own staff by name, the client's side by role only;
- what is in progress (not completed, or dated after today).

Only the firm's own records are used, and nothing personal about the departed contact:
free-text bodies and notes are never read (only subject, type, project, result, status,
dates, who at the firm, and the client contact's job title); e-mail addresses and phone
numbers are removed from what is printed, and a client contact's name is replaced by their
role. A bad row (no date a calendar can read) is reported with its row number, never fatal.
"""

from __future__ import annotations

import dataclasses
import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

from markupsafe import Markup

from .. import __version__
from ..batch.contacts import parse_date
from ..config import Brand, load_brand
from ..errors import ConfigError, RenderError
from ..fsutil import atomic_write_bytes, atomic_write_text, slugify
from ..names import clean_name, name_score
from .columns import match_columns
from .sheets import read_table

TEMPLATE = "handover.html.j2"
STEM = "handover-brief"
ACTIVITY_COLUMNS: dict[str, tuple[str, ...]] = {
    "date": ("activity date", "date", "activity date time", "due date", "completed date", "create date", "created date", "start date"),
    "type": ("activity type", "engagement type", "type", "task type", "task subtype"),
    "subject": ("subject", "activity title", "task title", "call title", "meeting name", "title"),
    "company": ("associated company", "company", "company name", "account", "account name", "company / account", "related to"),
    "contact": ("associated contact", "contact", "contact name", "name"),
    "contact_title": ("contact job title", "contact title", "job title"),
    "staff": ("activity assigned to", "assigned to", "assigned", "activity owner", "owner", "created by"),
    "status": ("status", "task status", "activity status", "meeting outcome"),
    "project": ("project", "campaign", "deal name", "opportunity name", "opportunity", "deal"),
    "result": ("result", "outcome", "call outcome", "deliverable"),
}  # fmt: skip
_DONE = {"completed", "complete", "done", "closed", "sent", "held", "finished", "delivered"}
_EMAIL = re.compile(r"[^\s@<>()]+@[^\s@<>()]+\.[A-Za-z]{2,}")
_PHONE = re.compile(r"(?<!\w)\+?\d[\d\s().-]{6,}\d(?!\w)")
OTHER_WORK = "Other work"


@dataclass(frozen=True)
class Activity:
    """One activity of the firm with the old client (printed fields only, already masked)."""

    row: int
    day: date
    kind: str
    subject: str
    project: str
    result: str
    staff: str
    role: str  # the client contact's job title ("" when not recorded)
    status: str
    done: bool


@dataclass
class Handover:
    """What the brief says, and where it was written."""

    company: str
    activities: list[Activity] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    note: str = ""
    sender: str = ""
    outputs: dict[str, Path] = field(default_factory=dict)

    @property
    def done(self) -> list[Activity]:
        return sorted((a for a in self.activities if a.done), key=lambda a: (a.day, a.row))

    @property
    def in_progress(self) -> list[Activity]:
        return sorted((a for a in self.activities if not a.done), key=lambda a: (a.day, a.row))

    def projects(self) -> list[dict[str, Any]]:
        """Per project: name, first and last day, activities, results, still open?"""
        groups: dict[str, list[Activity]] = {}
        for a in sorted(self.activities, key=lambda a: (a.day, a.row)):
            groups.setdefault(a.project or OTHER_WORK, []).append(a)
        out = []
        for name, items in groups.items():
            results = list(dict.fromkeys(a.result for a in items if a.result))
            out.append(
                {
                    "name": name,
                    "first": items[0].day,
                    "last": items[-1].day,
                    "count": len(items),
                    "results": results,
                    "open": any(not a.done for a in items),
                }
            )
        return sorted(out, key=lambda p: (p["name"] == OTHER_WORK, -p["last"].toordinal()))

    def staff(self) -> list[tuple[str, int]]:
        counts = Counter(a.staff for a in self.activities if a.staff)
        return sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))

    def client_roles(self) -> list[tuple[str, int]]:
        counts = Counter(a.role or "a client contact (role not recorded)" for a in self.activities)
        return sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))


def _mask(text: str, names: dict[str, str]) -> str:
    """E-mail addresses and phone numbers out; each client contact's name -> their role."""
    text = _EMAIL.sub("[address removed]", text)
    text = _PHONE.sub("[number removed]", text)
    for name in sorted(names, key=len, reverse=True):
        text = re.sub(rf"(?i)\b{re.escape(name)}\b", names[name], text)
    return " ".join(text.split())


def read_activities(path: Path, company: str, today: date | None = None) -> Handover:
    """The company's activities from a CRM activities export (CSV or XLSX)."""
    today = today or date.today()
    table = read_table(path, "activities export")
    found = match_columns(table.headers, ACTIVITY_COLUMNS)
    missing = [f for f in ("date", "subject", "company") if f not in found]
    if missing:
        seen = ", ".join(h for h in table.headers if h) or "none"
        want = "; ".join(
            f"{ACTIVITY_COLUMNS[f][0]} (or {', '.join(ACTIVITY_COLUMNS[f][1:4])})" for f in missing
        )
        raise ConfigError(
            f"{path.name} has no column for {', '.join(missing)}. Columns found: {seen}. "
            f"Expected: {want}, as the CRM's activities export names them."
        )
    out = Handover(company=" ".join(company.split()))
    target = clean_name(company)
    rows: list[tuple[int, dict[str, str]]] = []
    for number, cells in table.rows:
        values = {f: (cells[i] if i < len(cells) else "") for f, i in found.items()}
        other = values["company"]
        if not other or not (clean_name(other) == target or name_score(company, other) >= 0.9):
            continue
        rows.append((number, values))
    if not rows:
        raise ConfigError(
            f"{path.name} has no activity with {company!r} in its "
            f"{table.headers[found['company']]} column; check the company name."
        )
    # The company as the CRM spells it most often ("Northwind Traders", not what was typed).
    out.company = Counter(v["company"] for _n, v in rows).most_common(1)[0][0]
    staff = {v.get("staff", "") for _n, v in rows if v.get("staff")}
    names: dict[str, str] = {}
    for _n, v in rows:
        who = v.get("contact", "")
        if who and who not in staff:
            names[who] = (
                f"the {v['contact_title']}" if v.get("contact_title") else "the client team"
            )
    for number, v in rows:
        day, why = parse_date(v["date"])
        if day is None:
            why = why.replace("The start date", "The date") if why else "It has no date"
            out.problems.append(f"{path.name} row {number}: {why}; the activity was left out.")
            continue
        status = v.get("status", "")
        done = status.casefold() in _DONE or (not status and day <= today)
        if day > today:
            done = False
        out.activities.append(
            Activity(
                row=number,
                day=day,
                kind=v.get("type", "").capitalize(),
                subject=_mask(v["subject"], names),
                project=_mask(v.get("project", ""), names),
                result=_mask(v.get("result", ""), names),
                staff=v.get("staff", ""),
                role=v.get("contact_title", "") if v.get("contact") not in staff else "",
                status=status,
                done=done,
            )
        )
    return out


def intro_note(h: Handover, firm: str, sender: str, sender_title: str) -> str:
    """The short note to the successor: welcome, what the brief holds, no ask."""
    since = min((a.day for a in h.activities), default=None)
    latest = next((p["name"] for p in h.projects() if p["name"] != OTHER_WORK), "")
    lines = [
        "Welcome to your new role.",
        "",
        f"{firm} has worked with the team at {h.company}"
        + (f" since {since.strftime('%B %Y')}" if since else "")
        + (f", most recently on {latest}" if latest else "")
        + ". This brief sets out the work done together, the people involved and what is "
        "still under way, so that the history stays with the role.",
    ]
    if h.in_progress:
        n = len(h.in_progress)
        lines.append("")
        lines.append(
            f"{n} piece{'s' if n != 1 else ''} of work {'are' if n != 1 else 'is'} in "
            "progress; the last section lists them with their dates."
        )
    lines += ["", "We hope it helps you settle in. There is no need to reply.", ""]
    lines.append(sender + (f", {sender_title}" if sender_title else "") + f", {firm}")
    return "\n".join(lines)


def guard(note: str) -> None:
    """Refuse a note the ask-guard flags (the note must never ask for business)."""
    from ..render.notes import check_asks

    findings = check_asks(note)
    if findings:
        terms = ", ".join(repr(f.term) for f in findings[:5])
        raise RenderError(f"The handover note reads as an ask ({terms}); it was not written.")


def render(h: Handover, brand: Brand, templates: Path | None = None) -> str:
    """The brief as one self-contained HTML string."""
    from jinja2 import TemplateError

    from ..render.colours import ink
    from ..render.html import _logo, environment, soft_breaks

    env = environment(templates)
    try:
        css = env.get_template("report.css.j2").render(
            brand=brand, document_title="Handover brief", ink=ink(brand)
        )
        html = env.get_template(TEMPLATE).render(
            css=Markup(css),
            brand=brand,
            logo_uri=_logo(brand),
            version=__version__,
            d={"prepared_for": "", "generated_at": datetime.now()},
            h=h,
            note_paragraphs=[p for p in h.note.split("\n\n") if p.strip()],
        )
    except TemplateError as exc:
        raise RenderError(f"Template error in {TEMPLATE}: {exc}") from exc
    return soft_breaks(html)


def write_handover(
    company: str,
    activities: Path,
    out_dir: Path | None = None,
    *,
    brand_file: Path | None = None,
    owner: str = "",
    formats: tuple[str, ...] = ("pdf", "html"),
    today: date | None = None,
) -> Handover:
    """``dossier handover``: read, write the note (ask-guarded), render HTML and PDF."""
    from ..render.pdf import render_pdf

    brand = load_brand(brand_file)
    # The brand's footer speaks of public sources and citations; this brief is the firm's own.
    brand = dataclasses.replace(
        brand, footer=f"Prepared by {brand.name} from its own records of the work with {company}."
    )
    h = read_activities(activities, company, today)
    if not h.activities:
        raise ConfigError(f"{activities.name}: no activity with {company!r} has a readable date.")
    staff = h.staff()
    sender, _matched = brand.sender_for(owner or (staff[0][0] if staff else ""))
    h.sender = sender.name or brand.name
    h.note = intro_note(h, brand.name, sender.name or brand.name, sender.title)
    guard(h.note)
    folder = Path(out_dir) if out_dir else Path("output") / f"handover-{slugify(company)}"
    folder.mkdir(parents=True, exist_ok=True)
    html = render(h, brand)
    h.outputs["note"] = folder / "handover-note.txt"
    atomic_write_text(h.outputs["note"], h.note + "\n")
    if "html" in formats:
        h.outputs["html"] = folder / f"{STEM}.html"
        atomic_write_text(h.outputs["html"], html)
    if "pdf" in formats:
        h.outputs["pdf"] = folder / f"{STEM}.pdf"
        atomic_write_bytes(h.outputs["pdf"], render_pdf(html, brand))
    return h
