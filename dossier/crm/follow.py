"""Whom to follow first, and who follows: the batch's priorities and owner warnings.

After a batch has built its contacts, :func:`plan_follow_up` scores every contact of the
current sheet (:mod:`.priority`) from what the batch knows:

- the new company's SEC SIC code, industry and employees from the contact's ``facts.json``
  (the research; capped at :data:`MAX_FACTS_BYTES`), else the sheet's Industry and
  Employees columns (``dossier changes`` writes them from the CRM export);
- the new title and the change date (Start Date) from the sheet;
- the relationship's start from a Relationship Since / Create Date / Created Date column.

It also checks that one person owns each followed contact: a contact with no owner, or an
owner with more open follow-ups than ``[owners] max_open_follow_ups`` in ``firm.toml``, gets
an ``owner`` review warning. An owner's open follow-ups are the contacts of the current sheet
they own that a reviewer has not rejected. Priorities, reasons and warnings are stored in the
batch state (``BatchState.set_follow_up``) so the review page and app can sort by them.
"""

from __future__ import annotations

import json
import logging
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from stat import S_ISREG
from typing import Any

from ..batch.contacts import ContactRow, parse_date
from ..batch.state import BatchState, ContactState, inside
from .columns import EXPORT_COLUMNS, norm_header
from .firm import Firm
from .priority import Priority, Signals, priority_label, score

log = logging.getLogger(__name__)

MAX_FACTS_BYTES = 20_000_000
WARNING_KIND = "owner"
NO_OWNER = "(no owner)"


@dataclass(frozen=True)
class Followed:
    """One contact's place in the follow-up order."""

    key: str
    row: int
    name: str
    company: str
    owner: str
    priority: Priority

    @property
    def label(self) -> str:
        return priority_label(self.priority.score)


@dataclass
class FollowPlan:
    """The contacts, highest priority first; each owner's load; the owner warnings."""

    followed: list[Followed] = field(default_factory=list)
    loads: dict[str, int] = field(default_factory=dict)  # owner (or NO_OWNER) -> open follow-ups
    limit: int = 0
    warnings: dict[str, list[dict[str, str]]] = field(default_factory=dict)  # key -> warnings

    def as_dict(self) -> dict[str, Any]:
        return {
            "followed": [
                {
                    "key": f.key,
                    "row": f.row,
                    "name": f.name,
                    "company": f.company,
                    "owner": f.owner,
                    "priority": f.priority.score,
                    "label": f.label,
                    "reasons": [r.as_dict() for r in f.priority.reasons],
                }
                for f in self.followed
            ],
            "owners": self.loads,
            "max_open_follow_ups": self.limit,
            "warnings": self.warnings,
        }

    def lines(self) -> list[str]:
        """The summary's "whom to follow first" and owners' load, for a terminal."""
        out = ["Whom to follow first:"] if self.followed else []
        for f in self.followed:
            out.append(
                f"  {f.priority.score:>3} {f.label:<6} {f.name} ({f.company}), {f.owner or NO_OWNER}"
            )
            out += [f"        {r.text} ({r.points}/{r.max})" for r in f.priority.reasons if r.max]
        if self.loads:
            loads = ", ".join(
                f"{o} {n}" + (" (over the limit)" if o != NO_OWNER and n > self.limit else "")
                for o, n in sorted(self.loads.items(), key=lambda kv: (-kv[1], kv[0]))
            )
            out.append(f"Open follow-ups per owner (limit {self.limit}): {loads}")
        return out


def _extra(row: ContactRow, field_name: str) -> str:
    aliases = {norm_header(a) for a in EXPORT_COLUMNS[field_name]}
    return next((v for h, v in row.extra.items() if norm_header(h) in aliases and v), "")


def _facts_file(batch_dir: Path, outputs: Mapping[str, str]) -> tuple[Path, list[int]] | None:
    """The contact's facts.json inside the batch folder and within the size cap, with its
    [size, modification time in ns], or None."""
    for rel in outputs.values():
        if not str(rel).endswith("facts.json"):
            continue
        path = inside(batch_dir, str(rel))
        try:
            st = path.stat() if path is not None else None
        except OSError:
            continue
        if (
            path is not None
            and st is not None
            and S_ISREG(st.st_mode)
            and st.st_size <= MAX_FACTS_BYTES
        ):
            return path, [st.st_size, st.st_mtime_ns]
    return None


def _load_facts(path: Path) -> dict[str, Any] | None:
    """A facts.json found by :func:`_facts_file`, parsed, or None when it cannot be read."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        log.debug("facts for priority not read (%s): %s", path.name, exc)
        return None
    return data if isinstance(data, dict) else None


#: The batch state's meta rows that keep each contact's priority inputs (the facts.json fields
#: the priority reads, with that file's size and modification time), so a rerun of a finished
#: batch does not parse every facts.json again (it was 60% of a 200-contact rerun).
INPUTS_PREFIX = "priority-inputs:"
_INPUT_FIELDS = ("sic", "industry", "employees")


def priority_facts(state: BatchState, contacts: Iterable[ContactState]) -> dict[str, Any]:
    """For each contact's key, the part of its facts.json the priority reads (or None).

    Kept in the state keyed by the file's size and modification time: a facts.json rewritten
    by a build is read again; an unchanged one is not."""
    kept = state.metas(INPUTS_PREFIX)
    fresh: dict[str, str] = {}
    out: dict[str, Any] = {}
    for c in contacts:
        found = _facts_file(state.batch_dir, c.outputs)
        out[c.key] = None
        if found is None:
            continue
        path, stamp = found
        try:
            hit = json.loads(kept.get(INPUTS_PREFIX + c.key) or "null")
        except ValueError:
            hit = None
        if isinstance(hit, dict) and hit.get("stamp") == stamp:
            out[c.key] = {"organisation": hit.get("organisation") or {}}
            continue
        facts = _load_facts(path)
        if facts is None:
            continue
        org = facts.get("organisation")
        org = org if isinstance(org, Mapping) else {}
        part = {k: org[k] for k in _INPUT_FIELDS if k in org}
        out[c.key] = {"organisation": part}
        fresh[INPUTS_PREFIX + c.key] = json.dumps({"stamp": stamp, "organisation": part})
    if fresh:
        state.set_metas(fresh)
    return out


def _chosen(org: Mapping[str, Any], name: str) -> tuple[Any, Mapping[str, Any]] | None:
    slot = org.get(name)
    if not isinstance(slot, Mapping):
        return None
    chosen = slot.get("chosen")
    if not isinstance(chosen, Mapping):
        return None
    prov = chosen.get("provenance")
    return chosen.get("value"), prov if isinstance(prov, Mapping) else {}


def signals_for(row: ContactRow, facts: Mapping[str, Any] | None, today: date) -> Signals:
    """What the sheet and the research say about the contact's new role."""
    org = facts.get("organisation") if isinstance(facts, Mapping) else None
    org = org if isinstance(org, Mapping) else {}
    sic: tuple[str, str] | None = None
    if (hit := _chosen(org, "sic")) is not None and isinstance(hit[0], Mapping):
        code = str(hit[0].get("code") or "").strip()
        if code.isdigit():
            sic = (code, str(hit[0].get("description") or ""))
    industries: list[tuple[str, str]] = []
    industry_source = ""
    slot = org.get("industry")
    if isinstance(slot, Mapping):
        items = [slot.get("chosen"), *(slot.get("others") or [])]
        for item in items:
            if isinstance(item, Mapping) and isinstance(item.get("value"), str):
                industries.append((item["value"], ""))
                if not industry_source:
                    prov = item.get("provenance") or {}
                    industry_source = str(prov.get("source", "")).title()
    employees: float | None = None
    employees_source = ""
    if (hit := _chosen(org, "employees")) is not None and isinstance(hit[0], Mapping):
        amount = hit[0].get("amount")
        if isinstance(amount, int | float) and not isinstance(amount, bool) and amount >= 0:
            employees = float(amount)
            source = str(hit[1].get("source", "research")).title()
            as_of = str(hit[1].get("as_of") or "")[:4]
            employees_source = f"{source}, {as_of}" if as_of else source
    since, _why = parse_date(_extra(row, "created"))
    return Signals(
        title=row.new_title,
        sic=sic,
        industries=tuple(industries),
        industry_source=industry_source,
        sheet_industry=_extra(row, "industry"),
        employees=employees,
        employees_source=employees_source,
        sheet_employees=_extra(row, "employees"),
        relationship_since=since,
        as_of=row.start_date or today,
    )


def owner_warnings(
    contacts: Iterable[tuple[str, str, str]], limit: int
) -> tuple[dict[str, int], dict[str, list[dict[str, str]]]]:
    """(load per owner, warnings per key) for ``(key, name, owner)`` of the open follow-ups.
    One person written in two ways ("Priya Shah", "priya  shah") is one owner, under the
    spelling the sheet gives first."""
    spelled: dict[str, str] = {}
    listed = []
    for key, name, owner in contacts:
        same = " ".join(owner.split()).casefold()
        listed.append((key, name, spelled.setdefault(same, owner) if owner else ""))
    loads = Counter(owner or NO_OWNER for _k, _n, owner in listed)
    warnings: dict[str, list[dict[str, str]]] = {}
    for key, name, owner in listed:
        if not owner:
            warnings[key] = [
                {
                    "kind": WARNING_KIND,
                    "message": f"No one owns {name}: fill in the Owner column so one person "
                    "follows up, then run the batch again.",
                }
            ]
        elif loads[owner] > limit:
            warnings[key] = [
                {
                    "kind": WARNING_KIND,
                    "message": f"{owner} owns {loads[owner]} open follow-ups, more than the "
                    f"{limit} firm.toml allows ([owners] max_open_follow_ups): hand some to "
                    "a colleague in the Owner column.",
                }
            ]
    return dict(loads), warnings


def plan_follow_up(
    state: BatchState, rows: Iterable[ContactRow], firm: Firm, today: date | None = None
) -> FollowPlan:
    """Score the current sheet's contacts, check their owners, store both in the state."""
    today = today or date.today()
    keys = state.identities()
    current = {c.key: c for c in state.contacts(include_retired=False)}
    found: list[tuple[ContactRow, ContactState]] = []
    for row in rows:
        key = keys.get(row.identity)
        if key is not None and key in current:
            found.append((row, current[key]))
    plan = FollowPlan(limit=firm.max_open_follow_ups)
    open_ = [
        (c.key, c.name or row.name, c.owner or row.owner)
        for row, c in found
        if c.decision != "rejected"
    ]
    plan.loads, plan.warnings = owner_warnings(open_, firm.max_open_follow_ups)
    inputs = priority_facts(state, [c for _row, c in found])
    for row, c in found:
        p = score(signals_for(row, inputs[c.key], today), firm)
        plan.followed.append(
            Followed(
                c.key,
                row.row,
                c.name or row.name,
                c.company or row.new_company,
                c.owner or row.owner,
                p,
            )
        )
    plan.followed.sort(key=lambda f: (-f.priority.score, f.row))
    state.set_follow_up(
        {
            f.key: (
                f.priority.score,
                [r.as_dict() for r in f.priority.reasons],
                plan.warnings.get(f.key, []),
            )
            for f in plan.followed
        },
        warning_kind=WARNING_KIND,
    )
    return plan
