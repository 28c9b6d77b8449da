"""Scoring: each (agency, role) with its status and confidence, and the incumbent decision.

Pure. Scores decay with a two-year half-life and a later "ended" or "review" report
overrides earlier positives.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from ..formatting import human_date
from ..model import Fact
from .evidence import NEGATIVE, RELATION_WEIGHTS, Evidence, extract_evidence
from .gazetteer import AgencyEntry, Gazetteer

THRESHOLD = 0.6  # confidence needed before an incumbent is named
MARGIN = 0.15  # lead needed over the next current candidate of the same role
HALF_LIFE_DAYS = 2 * 365.25
UNDATED_FACTOR = 0.5


@dataclass(frozen=True)
class AgencyCandidate:
    """An agency's standing for one role, with the evidence behind it (newest first)."""

    entry: AgencyEntry
    role: str
    status: str  # "current", "ended", "in review"
    confidence: float
    evidence: tuple[Evidence, ...]
    latest: date | None
    score: float = 0.0

    @property
    def reports(self) -> int:
        return len({e.url for e in self.evidence})


def decay(published: date | None, today: date) -> float:
    """Recency factor: 1 today, 0.5 after two years; 0.5 for an undated report."""
    if published is None:
        return UNDATED_FACTOR
    return float(0.5 ** (max(0, (today - published).days) / HALF_LIFE_DAYS))


def _overrides(negative: Evidence, positives: list[Evidence]) -> bool:
    """Whether a negative report is later than every dated positive one.

    An undated negative overrides nothing (its order is unknown) unless there is no positive
    report at all; a dated one overrides positives that are all undated.
    """
    if not positives:
        return True
    dated = [p.published for p in positives if p.published is not None]
    if negative.published is None:
        return False
    return not dated or negative.published > max(dated)


def _newest_first(items: Iterable[Evidence]) -> tuple[Evidence, ...]:
    return tuple(
        sorted(
            items, key=lambda e: (e.published is not None, e.published or date.min), reverse=True
        )
    )


def find_candidates(
    articles: list[Fact], company: str, gazetteer: Gazetteer, today: date
) -> list[AgencyCandidate]:
    """Each (agency, role) with its status and confidence, best first.

    score = sum of relation weight x source weight x recency decay over positive reports;
    confidence = 1 - exp(-score). A later "ended" report sets the status "ended" (confidence 0);
    a later "review" (of this agency, or of the whole account for the role) sets "in review"
    and halves the confidence. An ended or review report whose role was not stated applies to
    every role of that agency.
    """
    evidence = extract_evidence(articles, company, gazetteer)
    account_reviews = [e for e in evidence if e.agency is None]
    groups: dict[tuple[str, str], list[Evidence]] = {}
    for e in evidence:
        if e.agency is not None and e.relation not in NEGATIVE:
            groups.setdefault((e.agency.name, e.role), []).append(e)
    for e in evidence:
        if e.agency is not None and e.relation in NEGATIVE:
            roles = [r for (n, r) in groups if n == e.agency.name] if not e.role_stated else []
            for role in roles or [e.role]:
                groups.setdefault((e.agency.name, role), []).append(e)
    out = []
    for (_name, role), items in groups.items():
        entry = next(e.agency for e in items if e.agency is not None)
        positives = [e for e in items if e.relation in RELATION_WEIGHTS]
        urls = {e.url for e in items}
        reviews = [
            e
            for e in account_reviews
            if e.role in ("", role) and e.url not in urls and _overrides(e, positives)
        ]
        later = [e for e in items if e.relation in NEGATIVE and _overrides(e, positives)]
        score = sum(e.weight * decay(e.published, today) for e in positives)
        confidence, status = 1 - math.exp(-score), "current"
        if any(e.relation == "ended" for e in later):
            status, confidence, reviews = "ended", 0.0, []
        elif later or reviews:
            status, confidence = "in review", confidence / 2
        shown = _newest_first([*items, *reviews])
        dates = [e.published for e in shown if e.published is not None]
        out.append(
            AgencyCandidate(
                entry, role, status, round(confidence, 4), shown, max(dates, default=None), score
            )
        )
    order = {"current": 0, "in review": 1, "ended": 2}
    return sorted(
        out,
        key=lambda c: (
            order[c.status],
            -c.confidence,
            -(c.latest or date.min).toordinal(),
            c.entry.name,
        ),
    )


def choose_incumbent(
    candidates: list[AgencyCandidate], role: str | None = None
) -> AgencyCandidate | None:
    """The clear incumbent, or None (the caller then shows "unconfirmed" and the candidates).

    Clear means: status "current", confidence >= THRESHOLD, and at least MARGIN ahead of the
    next current candidate for the same role. ``role`` limits the choice to one role.
    """
    current = [c for c in candidates if c.status == "current" and role in (None, c.role)]
    if not current:
        return None
    best = max(current, key=lambda c: c.confidence)
    rivals = [c.confidence for c in current if c is not best and c.role == best.role]
    if best.confidence < THRESHOLD or (rivals and best.confidence - max(rivals) < MARGIN - 1e-9):
        return None
    return best


def describe(candidate: AgencyCandidate) -> str:
    """One neutral line for the CLI: name, role, status, confidence, reports and latest date."""
    n = candidate.reports
    when = f"latest {human_date(candidate.latest)}" if candidate.latest else "undated"
    return (
        f"{candidate.entry.name} ({candidate.role}): {candidate.status}, confidence "
        f"{candidate.confidence:.2f}; {n} report{'' if n == 1 else 's'}, {when}"
    )
