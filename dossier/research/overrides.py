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

An agency's file, ``overrides/agency-<slug>.toml``, takes the same keys plus a reviewer-entered
employee rating and the agency's pages on review sites (see the end of this module and
docs/agency-profile.md).
"""

from __future__ import annotations

import math
import tomllib
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from ..errors import ConfigError, refuse_unknown_keys
from ..fields import FIELDS, FieldSpec
from ..fsutil import slugify
from ..model import (
    Citation,
    Fact,
    FormerName,
    Money,
    OverrideNote,
    Person,
    Provenance,
    Quantity,
    Rating,
    Ticker,
)
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


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except UnicodeDecodeError as exc:
        raise ConfigError(f"{path} is not UTF-8 text ({exc.reason} at byte {exc.start}).") from exc
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path} is not valid TOML: {exc}.") from exc
    except OSError as exc:
        raise ConfigError(f"{path} could not be read: {exc}.") from exc


def load_override(path: Path) -> Override:
    """Read and check one override file."""
    return _override(path, _read_toml(path))


def _override(path: Path, data: dict[str, Any]) -> Override:
    refuse_unknown_keys(str(path), data, KNOWN_KEYS)
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


# --- agencies: overrides/agency-<slug>.toml --------------------------------------------------
#
#     reviewer = "Sam Lee"
#     note = "Rating read on Glassdoor's overview page."
#
#     [[employee_rating]]           # one table per review site read by hand (never scraped)
#     site = "Glassdoor"            # Glassdoor, Indeed, Comparably or Kununu
#     rating = 4.1
#     scale = 5                     # optional (default 5)
#     reviews = 212                 # optional: how many reviews the rating is based on
#     as_of = 2026-11-20            # the day it was read
#     url = "https://www.glassdoor.com/Overview/..."   # the page it was read on
#
#     [review_pages]                # optional: the agency's own pages on the sites
#     glassdoor = "https://www.glassdoor.com/Overview/..."
#
#     [set]                         # and everything a company override file takes
#     offices = ["Los Angeles", "London"]

REVIEW_SITES = {
    "glassdoor": "Glassdoor",
    "indeed": "Indeed",
    "comparably": "Comparably",
    "kununu": "Kununu",
}
AGENCY_KEYS = {"employee_rating", "review_pages"}


@dataclass
class AgencyOverride:
    """A reviewer's file for an agency: the company-style corrections plus employee ratings
    (each with its site, date and page) and the agency's pages on review sites."""

    base: Override
    ratings: list[Fact] = field(default_factory=list)
    pages: list[Fact] = field(default_factory=list)

    @property
    def path(self) -> Path:
        return self.base.path

    def note_info(self) -> OverrideNote:
        return self.base.note_info()

    def apply(self, facts: list[Fact]) -> list[Fact]:
        return self.base.apply(facts) + self.ratings + self.pages

    def relabel(self, citations: list[Citation]) -> list[Citation]:
        """Citations of the rating pages read "Entered by a reviewer from Glassdoor"."""
        sites = {
            f.provenance.url: f.value.site for f in self.ratings if isinstance(f.value, Rating)
        }
        who = f" ({self.base.reviewer})" if self.base.reviewer else ""
        return [
            c.model_copy(update={"label": f"Entered by a reviewer{who} from {sites[c.url]}"})
            if c.url in sites
            else c
            for c in citations
        ]


def _site(raw: object, where: str) -> str:
    site = REVIEW_SITES.get(str(raw).strip().lower())
    if site is None:
        raise ConfigError(f"{where}: site must be one of {', '.join(REVIEW_SITES.values())}.")
    return site


def _page(raw: object, where: str) -> str:
    url = str(raw).strip() if isinstance(raw, str) else ""
    if not url.startswith(("https://", "http://")):
        raise ConfigError(f"{where} must be the http(s) address of the page that was read.")
    return url


def _rating(path: Path, i: int, raw: object, reviewer: str) -> Fact:
    where = f"{path}: employee_rating {i}"
    if not isinstance(raw, dict):
        raise ConfigError(f"{where} must be a table ([[employee_rating]]).")
    unknown = set(raw) - {"site", "rating", "scale", "reviews", "as_of", "url"}
    if unknown:
        raise ConfigError(f"{where}: unknown key(s) {', '.join(sorted(unknown))}.")
    site = _site(raw.get("site", ""), where)
    value = _number(raw.get("rating"), f"{where}.rating")
    scale = _number(raw.get("scale", 5), f"{where}.scale")
    if not 0 <= value <= scale:
        raise ConfigError(f"{where}: rating {value:g} is not between 0 and the scale {scale:g}.")
    reviews = raw.get("reviews")
    if reviews is not None and (isinstance(reviews, bool) or not isinstance(reviews, int)):
        raise ConfigError(f"{where}.reviews must be a whole number of reviews.")
    day = raw.get("as_of")
    if not isinstance(day, date) or isinstance(day, datetime):
        raise ConfigError(f"{where}.as_of must be the TOML date it was read (as_of = 2026-11-20).")
    url = _page(raw.get("url"), f"{where}.url")
    who = f" by {reviewer}" if reviewer else " by a reviewer"
    prov = Provenance(
        source=REVIEWER,
        url=url,
        retrieved_at=datetime(day.year, day.month, day.day, tzinfo=UTC),
        as_of=day,
        locator=f"{site} rating entered{who} from the page, read {day.isoformat()}",
    )
    rating = Rating(site=site, value=value, scale=scale, reviews=reviews)
    return Fact(field="employee_rating", value=rating, provenance=prov)


def load_agency_override(path: Path) -> AgencyOverride:
    """Read and check one agency override file (``overrides/agency-<slug>.toml``)."""
    data = _read_toml(path)
    ratings_raw = data.pop("employee_rating", [])
    pages_raw = data.pop("review_pages", {})
    base = _override(path, data)
    if not isinstance(ratings_raw, list):
        raise ConfigError(f"{path}: write each rating as an [[employee_rating]] table.")
    ratings = [_rating(path, i, r, base.reviewer) for i, r in enumerate(ratings_raw, 1)]
    if not isinstance(pages_raw, dict):
        raise ConfigError(f"{path}: [review_pages] must be a table of site = URL lines.")
    stamp = datetime.fromtimestamp(path.stat().st_mtime, UTC)
    pages = []
    for key, raw in pages_raw.items():
        site = _site(key, f"{path}: [review_pages]")
        url = _page(raw, f"{path}: [review_pages] {key}")
        prov = Provenance(
            source=REVIEWER,
            url=url,
            retrieved_at=stamp,
            as_of=stamp.date(),
            locator=f"{site} page given by a reviewer",
        )
        pages.append(Fact(field="review_pages", value=url, provenance=prov))
    return AgencyOverride(base=base, ratings=ratings, pages=pages)


def agency_override_path(name: str, folder: Path) -> Path:
    """Where a reviewer's file for the agency ``name`` lives."""
    return folder / f"agency-{slugify(name)}.toml"


def find_agency_override(name: str, folder: Path | None) -> AgencyOverride | None:
    """The reviewer's file for the agency ``name``, when there is one."""
    if folder is None or not folder.is_dir():
        return None
    path = agency_override_path(name, folder)
    return load_agency_override(path) if path.is_file() else None
