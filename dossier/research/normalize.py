"""Merge facts from every source into one Organisation record: precedence, conflicts, gaps.

Pure functions. The precedence of each source comes from ``sources/<name>.toml``
(``[precedence] default = N`` and per-field overrides; lower wins). Each field also has a
mode (see docs/precedence.md):

* ``source``: the best-ranked source that has the field wins; for dated figures, its latest
  period. SEC EDGAR's audited figures therefore win over Wikidata for a U.S. filer.
* ``latest``: the most recent period wins, ties broken by source rank (headcounts).

The other sources' values are kept as ``others``. A value that differs beyond the tolerance
for the same period is a conflict, shown in the document as "sources differ".
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date

from ..config import SourceSettings
from ..fields import FIELDS, by_mode
from ..model import Claim, Fact, FormerName, Gap, Identifiers, Money, Organisation, Person, Quantity
from ..names import clean_name

NUMERIC_TOLERANCE = 0.02
#: The source name of reviewers' corrections (overrides/*.toml): it outranks every source.
REVIEWER = "reviewer"


@dataclass(frozen=True)
class Ranking:
    """Source ranks per field, from the source settings."""

    settings: Mapping[str, SourceSettings]

    def rank(self, source: str, field: str) -> int:
        if source == REVIEWER:
            return -1  # a reviewer's correction (overrides/*.toml) always wins
        s = self.settings.get(source)
        if s is None:
            return 1000
        return s.precedence_by_field.get(field, s.precedence)


def _year(fact: Fact) -> int | None:
    if fact.period:
        m = re.search(r"(\d{4})", fact.period)
        if m:
            return int(m.group(1))
    return None


def _when(fact: Fact) -> date:
    return fact.provenance.as_of


def _number(fact: Fact) -> float | None:
    v = fact.value
    if isinstance(v, Money | Quantity):
        return v.amount
    if isinstance(v, int | float):
        return float(v)
    return None


def differs(a: Fact, b: Fact) -> bool:
    """Whether two facts for the same field and period disagree beyond the tolerance."""
    if (
        isinstance(a.value, Money)
        and isinstance(b.value, Money)
        and a.value.currency != b.value.currency
    ):
        return False  # different currencies are not comparable without a rate
    x, y = _number(a), _number(b)
    if x is not None and y is not None:
        base = max(abs(x), abs(y)) or 1.0
        return abs(x - y) / base > NUMERIC_TOLERANCE
    if a.field == "founded":
        sa, sb = str(a.value), str(b.value)
        return not (sa.startswith(sb) or sb.startswith(sa))
    return False


def _same_period(a: Fact, b: Fact) -> bool:
    ya, yb = _year(a), _year(b)
    return ya == yb if (ya is not None and yb is not None) else (ya is None and yb is None)


def choose(facts: list[Fact], field: str, mode: str, ranking: Ranking) -> Claim:
    """Pick the fact to show and keep the rest, flagging same-period disagreements."""

    def by_source(f: Fact) -> tuple[int, int, float]:
        return (ranking.rank(f.source, field), -(_year(f) or 0), -_when(f).toordinal())

    def by_latest(f: Fact) -> tuple[int, float, int]:
        return (-(_year(f) or 0), -_when(f).toordinal(), ranking.rank(f.source, field))

    ordered = sorted(facts, key=by_latest if mode == "latest" else by_source)
    chosen = ordered[0]
    # Keep one value per other source: the one that is comparable, else its latest.
    others: list[Fact] = []
    seen_sources = {chosen.source}
    for f in sorted(ordered[1:], key=lambda f: (not _same_period(f, chosen), -(_year(f) or 0))):
        if f.source in seen_sources:
            continue
        seen_sources.add(f.source)
        others.append(f)
    conflict = [f for f in others if _same_period(f, chosen) and differs(chosen, f)]
    return Claim(chosen=chosen, others=others, conflict=conflict)


def _dedupe_key(fact: Fact) -> str:
    v = fact.value
    if isinstance(v, Person):
        return clean_name(v.name)
    if isinstance(v, FormerName):
        return clean_name(v.name)
    return clean_name(fact.display()) or fact.display().casefold()


def merge_list(facts: list[Fact], field: str, ranking: Ranking) -> list[Fact]:
    """Merge a multi-valued field across sources, best source first.

    A source's own entries are all kept (SEC lists "APPLE COMPUTER INC" and
    "APPLE COMPUTER INC/ FA" as separate filer names); another source's entry is dropped when
    a better-ranked source already has the same value.
    """
    ordered = sorted(facts, key=lambda f: ranking.rank(f.source, field))
    out: list[Fact] = []
    owner: dict[str, str] = {}
    for f in ordered:
        key = _dedupe_key(f)
        if key in owner and (owner[key] != f.source or f in out):
            continue
        owner.setdefault(key, f.source)
        out.append(f)
    return out


def normalise(
    facts: Iterable[Fact],
    ids: Identifiers,
    fallback_name: str,
    settings: Mapping[str, SourceSettings],
) -> Organisation:
    """Build the Organisation record from all sources' facts (modes from the field table)."""
    ranking = Ranking(settings)
    by_field: dict[str, list[Fact]] = {}
    for f in facts:
        if f.field not in FIELDS:  # Fact refuses unknown fields; a copy could still carry one
            raise ValueError(f"fact for unknown field {f.field!r} from {f.source}")
        by_field.setdefault(f.field, []).append(f)
    values: dict[str, object] = {}
    for spec in by_mode("single"):
        if by_field.get(spec.name):
            values[spec.name] = choose(by_field[spec.name], spec.name, spec.choose, ranking)
    for spec in by_mode("list"):
        values[spec.name] = merge_list(by_field.get(spec.name, []), spec.name, ranking)
    for spec in by_mode("raw"):
        values[spec.name] = list(by_field.get(spec.name, []))
    values["filings"] = sorted(
        by_field.get("filings", []), key=lambda f: getattr(f.value, "filed", date.min), reverse=True
    )
    for spec in by_mode("history"):
        claim = values.get(spec.history_of or "")
        if isinstance(claim, Claim):
            src = claim.chosen.source
            series = {
                y: f for f in by_field[spec.history_of or ""] if f.source == src and (y := _year(f))
            }
            values[spec.name] = [series[y] for y in sorted(series)][-6:]
    name = fallback_name
    for field in ("common_name", "legal_name"):
        claim = values.get(field)
        if isinstance(claim, Claim):
            name = str(claim.chosen.value)
            break
    return Organisation.model_validate({"display_name": name, "identifiers": ids, **values})


def missing_fields(org: Organisation, searched: list[str]) -> list[Gap]:
    """A gap for each expected field that no source had."""
    where = ", ".join(searched[:-1]) + (
        f" or {searched[-1]}" if len(searched) > 1 else "".join(searched)
    )
    gaps = []
    for spec in FIELDS.values():
        if not spec.expected:
            continue
        value = getattr(org, spec.name)
        if value is None or value == []:
            gaps.append(Gap(source="", message=f"{spec.gap_label}: not found in {where}"))
    return gaps
