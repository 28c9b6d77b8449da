"""Reviewer corrections that survive rebuilds: ``overrides/<company-slug>.toml``.

::

    [entity]                      # pin the company (used before resolution)
    wikidata = "Q312"             # also: cik, ticker, domain
    agency = "TBWA\\\\Media Arts Lab"  # choose the incumbent agency
    remove = ["industry"]         # drop every source's value for these fields
    note = "Checked against the 10-K on 20 November."   # shown to reviewers
    reviewer = "Sam Lee"

    [set]                         # set a value; documents show "Reviewer" as its source
    employees = 166000
    headquarters = "Cupertino, California"
    revenue = { amount = 416161000000, currency = "USD", period = "FY2025" }
    key_people = [{ name = "Tim Cook", role = "Chief executive officer" }]
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from .errors import ConfigError
from .fsutil import slugify
from .model import Fact, Money, Person, Provenance, Quantity

REVIEWER = "reviewer"
MONEY = {"revenue", "net_income", "total_assets", "holding_revenue"}
LISTS = {"key_people", "founders", "former_names", "subsidiaries", "awards", "tickers"}
KNOWN_KEYS = {"entity", "set", "remove", "agency", "note", "reviewer"}


@dataclass
class Override:
    """One company's reviewer corrections."""

    path: Path
    entity: dict[str, str] = field(default_factory=dict)
    agency: str | None = None
    remove: set[str] = field(default_factory=set)
    facts: list[Fact] = field(default_factory=list)
    note: str = ""
    reviewer: str = ""

    def apply(self, facts: list[Fact]) -> list[Fact]:
        """Drop removed and replaced fields' values, then add the reviewer's."""
        replaced = {f.field for f in self.facts} | self.remove
        return [f for f in facts if f.field not in replaced] + list(self.facts)


def find_override(names: list[str | None], folder: Path | None) -> Override | None:
    """The override file for the first of ``names`` (the query, the resolved name) that has one."""
    if folder is None or not folder.is_dir():
        return None
    for name in names:
        if name:
            path = folder / f"{slugify(name)}.toml"
            if path.is_file():
                return load_override(path)
    return None


def _value(field_name: str, raw: Any, where: str) -> tuple[Any, str | None]:
    if field_name in MONEY:
        if not isinstance(raw, dict) or "amount" not in raw:
            raise ConfigError(
                f'{where}: {field_name} needs {{ amount = ..., currency = "USD", '
                'period = "FY2025" }}.'
            )
        money = Money(amount=float(raw["amount"]), currency=str(raw.get("currency", "USD")))
        return money, (str(raw["period"]) if raw.get("period") else None)
    if field_name == "employees":
        if isinstance(raw, dict):
            return Quantity(amount=float(raw["amount"])), str(raw.get("period") or "") or None
        return Quantity(amount=float(raw)), None
    if field_name == "key_people":
        if not isinstance(raw, dict) or "name" not in raw:
            raise ConfigError(f"{where}: key_people entries need {{ name = ..., role = ... }}.")
        return Person(name=str(raw["name"]), role=str(raw.get("role", ""))), None
    return str(raw), None


def load_override(path: Path) -> Override:
    """Read and check one override file."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise ConfigError(f"{path} could not be read: {exc}.") from exc
    unknown = set(data) - KNOWN_KEYS
    if unknown:
        raise ConfigError(
            f"{path}: unknown key(s) {', '.join(sorted(unknown))}. "
            f"Known keys: {', '.join(sorted(KNOWN_KEYS))}."
        )
    stamp = datetime.fromtimestamp(path.stat().st_mtime, UTC)
    reviewer = str(data.get("reviewer", ""))
    prov = Provenance(
        source=REVIEWER,
        url=str(path),
        retrieved_at=stamp,
        as_of=stamp.date(),
        locator=f"set by {reviewer}" if reviewer else "set by a reviewer",
    )
    facts: list[Fact] = []
    for name, raw in (data.get("set") or {}).items():
        items = raw if (name in LISTS and isinstance(raw, list)) else [raw]
        for item in items:
            value, period = _value(name, item, str(path))
            facts.append(Fact(field=name, value=value, period=period, provenance=prov))
    entity = {k: str(v) for k, v in (data.get("entity") or {}).items()}
    bad = set(entity) - {"wikidata", "cik", "ticker", "domain"}
    if bad:
        raise ConfigError(
            f"{path}: [entity] takes wikidata, cik, ticker or domain, not {', '.join(sorted(bad))}."
        )
    return Override(
        path=path,
        entity=entity,
        agency=data.get("agency") or None,
        remove={str(x) for x in data.get("remove", [])},
        facts=facts,
        note=str(data.get("note", "")),
        reviewer=reviewer,
    )
