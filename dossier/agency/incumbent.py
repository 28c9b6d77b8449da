"""The incumbent decision, per discipline: current, ended, in review or unconfirmed. Pure.

The rule (written out for users in docs/agency.md), for each agency and role:

* Only dated reports inside the window (``years``, default 3, before ``today``) can confirm.
* **ended** when an "ended" report is dated on or after its latest appointment, retention or
  credit (a later "ended" wins; an undated one decides nothing because its order is unknown);
* **in review** when a review of the account (naming it as incumbent, or naming no agency, for
  the same role) is dated after its latest positive report;
* **current** (confirmed) when, inside the window, at least one explicit appointment,
  retention or credit comes from a trade-press or wire outlet, or at least two reports from
  different outlets say so. A single general-news report is never enough;
* **unconfirmed** otherwise (shown to the reviewer, never to the client).

For a role, the confirmed agency is the incumbent; two confirmed agencies for one role whose
latest reports are within ``TIE_DAYS`` of each other leave the role unconfirmed (precision
first: naming a wrong incumbent to a client is worse than saying none was found).

``confidence`` is for the reviewer only: 1 - exp(-score), the score summing each positive
report's weight (appointment or retention 1, credit 0.6; halved outside trade and wire) times
a recency factor (half-life two years), inside the window.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta

from ..formatting import human_date
from ..names import outlet_key
from .evidence import Evidence
from .gazetteer import AgencyEntry

ROLE_ORDER = ("creative", "media", "pr", "digital", "other")
POSITIVE = frozenset({"appointed", "retained", "credit"})
DEFAULT_YEARS = 3
HALF_LIFE_DAYS = 2 * 365.25
TIE_DAYS = 30
#: Statuses of one agency for one role, best first.
STATUS_ORDER = {"current": 0, "in review": 1, "unconfirmed": 2, "ended": 3}


@dataclass(frozen=True)
class AgencyCandidate:
    """One agency's standing for one role, with the reports behind it (newest first)."""

    name: str  # what it trades as today (a folded brand's successor), or the name as written
    role: str
    status: str  # current, in review, unconfirmed, ended
    confidence: float
    evidence: tuple[Evidence, ...]
    latest: date | None
    entry: AgencyEntry | None = None  # today's gazetteer entry (None: not in the gazetteer)
    reason: str = ""  # why this status, in one line for the reviewer
    written_as: tuple[str, ...] = ()  # the names the reports used ("DDB" for TBWA today)

    @property
    def reports(self) -> int:
        return len({e.url for e in self.evidence})

    @property
    def confirmed(self) -> bool:
        return self.status == "current"

    @property
    def in_gazetteer(self) -> bool:
        return self.entry is not None


@dataclass
class RoleDecision:
    """The incumbent for one discipline (``agency`` None unless confirmed or chosen)."""

    role: str
    status: str  # current, ended, in review, unconfirmed, chosen, none (a reviewer said none)
    agency: AgencyCandidate | None = None
    candidates: list[AgencyCandidate] = field(default_factory=list)
    chosen: str | None = None  # a reviewer's or the user's choice for this role

    @property
    def confirmed(self) -> bool:
        return self.status in ("current", "chosen")

    @property
    def name(self) -> str | None:
        if self.status == "chosen":
            return self.chosen
        return self.agency.name if self.agency is not None and self.confirmed else None


def decay(published: date | None, today: date) -> float:
    """Recency factor: 1 today, 0.5 after two years, 0 when undated."""
    if published is None:
        return 0.0
    return float(0.5 ** (max(0, (today - published).days) / HALF_LIFE_DAYS))


def _newest_first(items: Iterable[Evidence]) -> tuple[Evidence, ...]:
    return tuple(
        sorted(
            items, key=lambda e: (e.published is not None, e.published or date.min), reverse=True
        )
    )


def _source_key(e: Evidence) -> str:
    """Which outlet a report is from (its name, else its URL's host)."""
    if key := outlet_key(e.outlet):
        return key
    return e.url.split("/")[2] if "//" in e.url else e.url


def assess(
    items: list[Evidence],
    account_reviews: list[Evidence],
    today: date,
    years: int = DEFAULT_YEARS,
) -> tuple[str, float, str]:
    """(status, confidence, reason) for one agency and role; see the module docstring."""
    start = today - timedelta(days=round(years * 365.25))
    window = [e for e in items if e.published is not None and start <= e.published <= today]
    positives = [e for e in window if e.relation in POSITIVE]
    latest = max((e.published for e in positives if e.published), default=None)
    ended = [e for e in items if e.relation == "ended" and e.published is not None]
    latest_end = max((e.published for e in ended if e.published), default=None)
    score = sum(e.weight * decay(e.published, today) for e in positives)
    confidence = round(1 - math.exp(-score), 4)
    if latest_end is not None and (latest is None or latest_end >= latest):
        return "ended", 0.0, f"reported ended on {human_date(latest_end)}"
    reviews = [
        e for e in [*items, *account_reviews] if e.relation == "review" and e.published is not None
    ]
    latest_review = max((e.published for e in reviews if e.published), default=None)
    if latest_review is not None and (latest is None or latest_review > latest):
        return "in review", confidence, f"account reported in review on {human_date(latest_review)}"
    if not positives:
        if any(e.relation in POSITIVE for e in items):
            return "unconfirmed", confidence, f"no dated report in the last {years} years"
        return "unconfirmed", confidence, "no report of an appointment, retention or credit"
    trade = [e for e in positives if e.trade]
    outlets = {_source_key(e) for e in positives}
    if trade:
        return (
            "current",
            confidence,
            f"{trade[0].relation} reported by {trade[0].outlet or 'a trade source'}",
        )
    if len(outlets) >= 2:
        return "current", confidence, f"reported by {len(outlets)} independent outlets"
    return "unconfirmed", confidence, "one general-news report only"


def candidates(
    evidence: list[Evidence], today: date, years: int = DEFAULT_YEARS
) -> list[AgencyCandidate]:
    """Each (agency, role) with its status, best first.

    An ended or review report whose role the text did not state applies to every role the
    agency has evidence for.
    """
    account_reviews = [e for e in evidence if not e.agency_name and e.relation == "review"]
    groups: dict[tuple[str, str], list[Evidence]] = {}
    for e in evidence:
        if e.agency_name and (e.relation in POSITIVE or e.role_stated):
            groups.setdefault((e.key, e.role), []).append(e)
    for e in evidence:
        if e.agency_name and e.relation not in POSITIVE and not e.role_stated:
            roles = [r for (k, r) in groups if k == e.key] or [e.role]
            for role in roles:
                groups.setdefault((e.key, role), []).append(e)
    out = []
    for (key, role), items in groups.items():
        reviews = [e for e in account_reviews if e.role in (role, "other")]
        status, confidence, reason = assess(items, reviews, today, years)
        shown = _newest_first([*items, *[r for r in reviews if status == "in review"]])
        dates = [e.published for e in shown if e.published is not None]
        entry = next((e.current or e.agency for e in items if e.agency is not None), None)
        written = tuple(dict.fromkeys(e.agency_name for e in items if e.agency_name))
        out.append(
            AgencyCandidate(
                name=key,
                role=role,
                status=status,
                confidence=confidence,
                evidence=shown,
                latest=max(dates, default=None),
                entry=entry,
                reason=reason,
                written_as=written,
            )
        )
    return sorted(
        out,
        key=lambda c: (
            STATUS_ORDER[c.status],
            ROLE_ORDER.index(c.role) if c.role in ROLE_ORDER else 9,
            -c.confidence,
            -(c.latest or date.min).toordinal(),
            c.name,
        ),
    )


def decide(
    cands: list[AgencyCandidate],
    choices: dict[str, str | None] | None = None,
) -> list[RoleDecision]:
    """One decision per role that has evidence or a choice, in ROLE_ORDER.

    ``choices`` (role -> agency name, or None for "none") are a reviewer's or the user's and
    replace the evidence for their role.
    """
    choices = choices or {}
    roles = [r for r in ROLE_ORDER if r in choices or any(c.role == r for c in cands)]
    out = []
    for role in roles:
        mine = [c for c in cands if c.role == role]
        if role in choices:
            chosen = choices[role]
            match = next(
                (c for c in mine if chosen and c.name.casefold() == chosen.casefold()), None
            )
            out.append(
                RoleDecision(
                    role,
                    "chosen" if chosen else "none",
                    agency=match,
                    candidates=mine,
                    chosen=chosen,
                )
            )
            continue
        current = [c for c in mine if c.status == "current"]
        if current:
            current.sort(key=lambda c: c.latest or date.min, reverse=True)
            best = current[0]
            rivals = [
                c
                for c in current[1:]
                if best.latest and c.latest and (best.latest - c.latest).days <= TIE_DAYS
            ]
            status = "unconfirmed" if rivals else "current"
            out.append(RoleDecision(role, status, agency=best, candidates=mine))
            continue
        best = mine[0]
        status = "ended" if all(c.status == "ended" for c in mine) else best.status
        if status == "current":  # pragma: no cover - handled above
            status = "unconfirmed"
        out.append(RoleDecision(role, status, agency=best, candidates=mine))
    return out


def profile_choice(decisions: list[RoleDecision]) -> RoleDecision | None:
    """The role whose agency gets the profile: the first confirmed or chosen, in ROLE_ORDER."""
    return next((d for d in decisions if d.confirmed and d.name), None)


def describe(candidate: AgencyCandidate) -> str:
    """One neutral line for the reviewer: name, role, status, reports, latest date, why."""
    n = candidate.reports
    when = f"latest {human_date(candidate.latest)}" if candidate.latest else "undated"
    listed = "" if candidate.in_gazetteer else ", not in the agency list"
    return (
        f"{candidate.name} ({candidate.role}): {candidate.status}{listed}; "
        f"{n} report{'' if n == 1 else 's'}, {when}; {candidate.reason}"
    )
