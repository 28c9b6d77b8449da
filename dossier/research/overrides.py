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

import math
import tomllib
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from ..errors import ConfigError
from ..fields import FIELDS, FieldSpec
from ..fsutil import slugify
from ..model import Fact, FormerName, Money, OverrideNote, Person, Provenance, Quantity, Ticker
from .normalize import REVIEWER

KNOWN_KEYS = {"entity", "set", "remove", "agency", "note", "reviewer"}
ENTITY_KEYS = ("wikidata", "cik", "ticker", "domain")


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

    def note_info(self) -> OverrideNote:
        """What the file says besides facts, for the dossier and the review page."""
        return OverrideNote(
            file=str(self.path), agency=self.agency, note=self.note, reviewer=self.reviewer
        )

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


def _number(raw: object, where: str) -> float:
    if isinstance(raw, bool) or not isinstance(raw, int | float):
        raise ConfigError(f"{where} must be a number, not {raw!r}.")
    value = float(raw)
    if not math.isfinite(value):
        raise ConfigError(f"{where} must be a finite number, not {raw!r}.")
    return value


def _period(raw: dict[str, object], where: str) -> str | None:
    period = raw.get("period")
    if period is None or period == "":
        return None
    if not isinstance(period, str | int):
        raise ConfigError(f'{where}: period must be text such as "FY2025".')
    return str(period)


def _value(spec: FieldSpec, raw: object, where: str) -> tuple[Any, str | None]:
    """The typed value (and period) of one ``[set]`` entry, by the field's kind."""
    where = f"{where}: {spec.name}"
    if spec.kind == "money":
        if not isinstance(raw, dict) or "amount" not in raw:
            raise ConfigError(
                f'{where} needs {{ amount = ..., currency = "USD", period = "FY2025" }}.'
            )
        currency = str(raw.get("currency", "USD"))
        if not (len(currency) == 3 and currency.isalpha()):
            raise ConfigError(f"{where}: currency must be a three-letter code such as USD.")
        amount = _number(raw["amount"], f"{where}.amount")
        return Money(amount=amount, currency=currency.upper()), _period(raw, where)
    if spec.kind == "count":
        if isinstance(raw, dict):
            if "amount" not in raw:
                raise ConfigError(f'{where} needs {{ amount = ..., period = "FY2025" }}.')
            return Quantity(amount=_number(raw["amount"], f"{where}.amount")), _period(raw, where)
        return Quantity(amount=_number(raw, where)), None
    if spec.kind == "person":
        if isinstance(raw, str) and raw.strip():
            return Person(name=raw.strip()), None
        if not isinstance(raw, dict) or not isinstance(raw.get("name"), str):
            raise ConfigError(f"{where} entries need {{ name = ..., role = ... }}.")
        return Person(name=str(raw["name"]), role=str(raw.get("role", ""))), None
    if spec.name == "former_names" and isinstance(raw, str) and raw.strip():
        return FormerName(name=raw.strip()), None
    if spec.kind == "ticker":
        if not isinstance(raw, str) or not raw.strip():
            raise ConfigError(f'{where} entries are ticker symbols such as "AAPL".')
        return Ticker(symbol=raw.strip().upper()), None
    if not isinstance(raw, str | int) or isinstance(raw, bool) or not str(raw).strip():
        raise ConfigError(f"{where} must be text, not {raw!r}.")
    return str(raw).strip(), None


def load_override(path: Path) -> Override:
    """Read and check one override file."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except UnicodeDecodeError as exc:
        raise ConfigError(f"{path} is not UTF-8 text ({exc.reason} at byte {exc.start}).") from exc
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path} is not valid TOML: {exc}.") from exc
    except OSError as exc:
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
    settable = sorted(n for n, f in FIELDS.items() if f.overridable)
    wanted = data.get("set") or {}
    if not isinstance(wanted, dict):
        raise ConfigError(f"{path}: [set] must be a table of field = value lines.")
    for name, raw in wanted.items():
        spec = FIELDS.get(name)
        if spec is None or not spec.overridable:
            raise ConfigError(
                f"{path}: [set] {name} is not a field a reviewer can set. "
                f"Fields: {', '.join(settable)}."
            )
        items = raw if spec.mode == "list" and isinstance(raw, list) else [raw]
        for item in items:
            value, period = _value(spec, item, str(path))
            facts.append(Fact(field=name, value=value, period=period, provenance=prov))
    entity = data.get("entity") or {}
    if not isinstance(entity, dict):
        raise ConfigError(f"{path}: [entity] must be a table (wikidata, cik, ticker, domain).")
    bad = set(entity) - set(ENTITY_KEYS)
    if bad:
        raise ConfigError(
            f"{path}: [entity] takes wikidata, cik, ticker or domain, not {', '.join(sorted(bad))}."
        )
    remove: list[object] = data.get("remove", [])
    if isinstance(remove, str) or not isinstance(remove, list):
        raise ConfigError(
            f'{path}: remove must be a list of fields, such as remove = ["industry"].'
        )
    strays = sorted(str(x) for x in remove if str(x) not in FIELDS)
    if strays:
        raise ConfigError(f"{path}: remove names unknown field(s) {', '.join(strays)}.")
    for key in ("agency", "note", "reviewer"):
        if key in data and not isinstance(data[key], str):
            raise ConfigError(f"{path}: {key} must be text in quotes.")
    return Override(
        path=path,
        entity={k: str(v) for k, v in entity.items()},
        agency=data.get("agency") or None,
        remove={str(x) for x in remove},
        facts=facts,
        note=str(data.get("note", "")),
        reviewer=reviewer,
    )
