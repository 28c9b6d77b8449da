"""The agency gazetteer: agencies, networks and holding companies dossier can recognise.

Pure: no I/O except reading the gazetteer files (``dossier/data/agencies.toml`` and the user's
``sources/agencies.toml``). Matching is exact, then without generic words, then fuzzy.

Each entry is current as of its ``as_of`` date and cites the page that confirmed it
(``dossier/data/agencies-sources.md`` lists every page and what it confirmed). A folded or
renamed brand names its ``successor`` (:meth:`Gazetteer.current` follows the chain), and the
dated ``ownership`` rows say who owned it when (:meth:`AgencyEntry.owner_on`), so a 2019
article's "IPG's McCann" maps to today's McCann and the profile can say both owners.
"""

from __future__ import annotations

import re
import threading
import tomllib
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date, datetime
from functools import cached_property
from pathlib import Path
from typing import Any

from rapidfuzz import fuzz, process

from ..errors import ConfigError
from ..fields import FIELDS as RECORD_FIELDS
from ..memo import Memo
from ..nameindex import cleaned_titles
from ..names import clean_name
from ..once import once
from ..regexcache import compile_all, kept_toml, no_derivation

GAZETTEER_FILE = Path(__file__).resolve().parent.parent / "data" / "agencies.toml"
DISCIPLINES = ("creative", "media", "pr", "digital", "holding")
STATUSES = ("active", "folded", "renamed", "sold", "closed")
FIELDS = (
    "name",
    "aliases",
    "holding",
    "network",
    "discipline",
    "hq",
    "source",
    "note",
    "ambiguous",
    "status",
    "successor",
    "as_of",
    "website",
    "founded",
    "ownership",
    "history",
    "fact",
)
OWNERSHIP_FIELDS = ("owner", "start", "end", "source")
HISTORY_FIELDS = ("date", "event", "source")
#: The keys of an ``[[agency.fact]]`` row: which field, its value (plain or by parts), the page
#: it was read on (``source``), the page's date (``as_of``), when it was read (``retrieved``),
#: and the words on the page that support it (``quote``, for reviewers).
FACT_KEYS = (
    "field", "value", "source", "as_of", "retrieved", "quote", "subject",
    # parts of structured values
    "name", "role", "since", "year", "body", "work", "recipient", "client", "status",
    "date", "text", "type", "said", "said_by", "by", "amount", "currency", "period",
    "period_end", "unit", "estimate", "reported",
)  # fmt: skip
_PARTIAL_DATE = re.compile(r"^\d{4}(?:-\d{2}(?:-\d{2})?)?$")
_SEARCH_PAGE = re.compile(
    r"Special:Search|/search[/?]|[?&](?:q|s|query|search)=|search\.php|/results\?", re.I
)
FUZZY_CUTOFF = 92  # rapidfuzz ratio on cleaned names


@dataclass(frozen=True)
class Ownership:
    """Who owned an agency over a period; ``start``/``end`` are "YYYY", "YYYY-MM", "YYYY-MM-DD"
    or "" (unknown start, or still owned)."""

    owner: str
    start: str = ""
    end: str = ""
    source: str = ""

    def covers(self, when: date) -> bool:
        """Whether ``when`` falls in the period (an unknown start is open-ended)."""
        start, end = when.isoformat()[: len(self.start)], when.isoformat()[: len(self.end)]
        return (not self.start or start >= self.start) and (not self.end or end < self.end)


@dataclass(frozen=True)
class HistoryEvent:
    """A dated event in an agency's history ("" when undated), with the page that says so."""

    date: str
    event: str
    source: str = ""


@dataclass(frozen=True)
class FactRow:
    """One cited fact about an agency, read on a public page (``[[agency.fact]]``).

    ``values`` holds the row's other keys as written (a plain ``value`` or the parts of a
    structured one: ``name``/``role``/``since`` for a person, ``amount``/``currency``/``period``
    for money ...); ``research.agency`` turns it into a typed, cited fact.
    """

    field: str
    source: str
    as_of: date
    values: tuple[tuple[str, Any], ...] = ()
    retrieved: date | None = None
    quote: str = ""

    def get(self, key: str, default: Any = "") -> Any:
        return dict(self.values).get(key, default)


@dataclass(frozen=True)
class AgencyEntry:
    """One agency, network or holding company from the gazetteer."""

    name: str
    aliases: tuple[str, ...] = ()
    holding: str = ""
    network: str = ""
    discipline: tuple[str, ...] = ()
    hq: str = ""
    source: str = ""
    note: str = ""
    ambiguous: tuple[str, ...] = ()  # names that are also ordinary words ("Mother")
    status: str = "active"  # active, folded, renamed, sold, closed
    successor: str = ""  # for folded and renamed brands: the entry it became
    as_of: date | None = None  # when the current owner and status were confirmed
    website: str = ""
    founded: str = ""
    ownership: tuple[Ownership, ...] = ()  # oldest first
    history: tuple[HistoryEvent, ...] = ()
    facts: tuple[FactRow, ...] = ()  # cited facts read on public pages

    @property
    def names(self) -> tuple[str, ...]:
        return (self.name, *self.aliases)

    @property
    def current(self) -> bool:
        """Whether the brand still trades under this name."""
        return self.status not in ("folded", "renamed", "closed")

    def owner_on(self, when: date | None) -> str:
        """The owner on ``when`` (today's ``holding`` when no dated row covers it)."""
        if when is not None:
            covering = [row for row in self.ownership if row.covers(when)]
            # a row with dates says more than an undated one; the latest start wins
            covering.sort(key=lambda r: (bool(r.start or r.end), r.start))
            if covering:
                return covering[-1].owner
        return self.holding


_GENERIC = {"the", "of", "worldwide", "global", "group", "groupe", "international", "agency"}
_GENERIC |= {"company", "companies", "holdings", "network"}
_FALSE_FRIENDS = re.compile(
    r"\bMothers?['’]?s?\s+Day\b|\bMother\s+(?:Nature|Earth|Teresa|Superior|Jones|of\s+(?:all|the|God))\b"
    r"|\bEdelman\s+Trust\s+Barometer\b|\bEarl\s+Grey\b|\bGrey\s+(?:Goose|Poupon)\b|\bShades\s+of\s+Grey\b"
    r"|\bLowe['’]s\b(?!\s+(?:agency|network|chief|ceo|creative|global|worldwide))",  # the retailer
    re.IGNORECASE,
)


def agency_key(name: str) -> str:
    """A comparable form of an agency name: "TBWA\\Chiat\\Day" and "TBWA/Chiat/Day" agree."""
    text = _spaced(name)
    cleaned = _CLEANED.get(text)
    return " ".join(t for t in (cleaned or clean_name(text)).split() if t != "and")


def _spaced(name: str) -> str:
    return re.sub(r"[\\/+]", " ", unicodedata.normalize("NFKC", name))


#: ``clean_name`` of the packaged gazetteer's names, as kept between runs (cleanco is about
#: 0.06 s of CPU for its 900 names, in each process that reads agency names).
_CLEANED: dict[str, str] = {}


def _keep_cleaned(entries: Iterable[AgencyEntry]) -> None:
    texts = sorted({_spaced(n) for e in entries for n in (*e.names, *e.ambiguous, e.successor)})
    _CLEANED.update(zip(texts, cleaned_titles(texts, "gazetteer-names"), strict=True))


def _loose(key: str) -> str:
    return " ".join(t for t in key.split() if t not in _GENERIC)


def _case_sensitive(alias: str, entry: AgencyEntry) -> bool:
    """Ambiguous names (and other spellings of them: "MindShare") and short all-caps names."""
    letters = [c for c in alias if c.isalpha()]
    ambiguous = {agency_key(a) for a in entry.ambiguous}
    return agency_key(alias) in ambiguous or (
        len(letters) <= 5 and all(c.isupper() for c in letters)
    )


_SEPARATORS = re.compile(r"(\s*[&+]\s*|\s+and\s+|\s*[\\/]\s*|\s+|-)")


def _alias_regex(alias: str, case_sensitive: bool) -> re.Pattern[str]:
    """Word-bounded pattern; "&", "+" and "and" are interchangeable, as are "\\" and "/" (or
    nothing: "TBWAChiatDay")."""
    return re.compile(_alias_source(alias, case_sensitive))


def _alias_source(alias: str, case_sensitive: bool) -> str:
    """:func:`_alias_regex`'s pattern text, its case flag inline (``(?i)``), so that a
    gazetteer's patterns compile together (and are kept between runs: see ``_patterns``)."""
    parts = []
    for piece in _SEPARATORS.split(alias.strip()):
        sep = piece.strip().lower()
        if not piece:
            continue
        if sep in ("&", "+", "and") and piece != alias.strip():
            parts.append(r"\s*(?:&|\+|and)\s*")
        elif sep in ("\\", "/"):
            parts.append(r"\s*[\\/]?\s*")  # "TBWA\Chiat\Day", "TBWA/Chiat/Day", "TBWAChiatDay"
        elif sep == "-":
            parts.append(r"[\s-]?")
        elif not sep:
            parts.append(r"\s+")
        else:
            parts.append(re.escape(piece))
    return ("" if case_sensitive else "(?i)") + r"(?<!\w)" + "".join(parts) + r"(?!\w)"


#: Letters that re.IGNORECASE matches to ASCII letters though str.lower() does not map them.
_SPECIAL_FOLD = re.compile("[\u0130\u0131\u017f\u212a]")


def _literal(alias: str) -> str:
    """The longest ASCII word of ``alias``, lower-cased: every match of its pattern contains it
    ("" when it has none: that pattern always runs)."""
    whole = alias.strip()
    pieces = _SEPARATORS.split(whole)[::2]  # the literal pieces; the separators are between
    literal = [p for p in pieces if p.strip().lower() not in ("&", "+", "and") or p == whole]
    words = [w for p in literal for w in re.findall(r"\w+", p) if w.isascii()]
    return max(words, key=len).lower() if words else ""


class Gazetteer:
    """The agencies dossier can recognise, with exact, loose and fuzzy name matching."""

    def __init__(self, entries: Iterable[AgencyEntry]) -> None:
        self.entries = tuple(entries)
        self._exact: dict[str, AgencyEntry] = {}
        for entry in self.entries:  # later entries (user overrides) win a shared key
            for n in entry.names:
                if key := agency_key(n):
                    self._exact[key] = entry
        loose: dict[str, AgencyEntry | None] = {}
        for key, entry in self._exact.items():
            lk = _loose(key)
            loose[lk] = entry if loose.get(lk, entry) is entry else None
        self._loose = {k: e for k, e in loose.items() if k and e is not None}
        self._ambiguous = {agency_key(a) for e in self.entries for a in e.ambiguous}
        self._fuzzy = [k for k in self._exact if len(k) >= 5 and k not in self._ambiguous]

    def __len__(self) -> int:
        return len(self.entries)

    def get(self, name: str) -> AgencyEntry | None:
        """The entry with exactly this name (or alias key), or None."""
        return self._exact.get(agency_key(name))

    def current(self, entry: AgencyEntry) -> AgencyEntry:
        """The brand an entry trades as today: a folded or renamed one's successor, followed."""
        seen = {entry.name}
        while not entry.current and entry.successor:
            nxt = self._exact.get(agency_key(entry.successor))
            if nxt is None or nxt.name in seen:
                break
            seen.add(nxt.name)
            entry = nxt
        return entry

    def __iter__(self) -> Iterator[AgencyEntry]:
        return iter(self.entries)

    def match(self, name: str) -> AgencyEntry | None:
        """The entry for an agency name: exact, then without generic words, then fuzzy (>= 92)."""
        key = agency_key(name)
        if not key:
            return None
        entry = self._exact.get(key) or self._loose.get(_loose(key))
        if entry is not None:
            spelled = [n for n in entry.names if agency_key(n) == key]
            if key in self._ambiguous and not any(
                re.search(rf"(?<!\w){re.escape(a)}(?!\w)", name) for a in spelled
            ):
                return None  # "mother" is not the agency Mother
            return entry
        if len(key) < 5:
            return None
        found = process.extractOne(key, self._fuzzy, scorer=fuzz.ratio, score_cutoff=FUZZY_CUTOFF)
        return self._exact[found[0]] if found else None

    @cached_property
    def _patterns(self) -> list[tuple[re.Pattern[str], AgencyEntry, str]]:
        """Every alias's pattern, its entry and its literal word. The patterns (about 900) are
        compiled together through :func:`dossier.regexcache.compile_all`, kept between runs
        under a hash of their text: about 0.1 s of CPU in every process that reads a
        sentence."""
        aliases: dict[tuple[str, str], tuple[str, AgencyEntry]] = {}
        for entry in self.entries:
            for alias in entry.names:
                aliases[(alias, entry.name)] = (alias, entry)
        sources = [_alias_source(a, _case_sensitive(a, e)) for a, e in aliases.values()]
        compiled = compile_all("gazetteer", sources, 0, no_derivation)
        return [
            (pattern, entry, _literal(alias))
            for (pattern, _), (alias, entry) in zip(compiled, aliases.values(), strict=True)
        ]

    @cached_property
    def _by_literal(self) -> tuple[tuple[str, tuple[int, ...]], ...]:
        """Each literal word with the patterns (by index) that need it: about 930 patterns share
        fewer words, and a word absent from a text rules out all of its patterns at once."""
        groups: dict[str, list[int]] = {}
        for i, (_, _, word) in enumerate(self._patterns):
            groups.setdefault(word, []).append(i)
        return tuple((word, tuple(ix)) for word, ix in groups.items())

    def find_in(self, text: str) -> list[tuple[AgencyEntry, int, int]]:
        """Agency mentions in ``text`` as (entry, start, end), longest match first, in order.

        Remembered for the last texts asked about: reading one sentence asks about it (and
        its clauses) about four times."""
        return list(self._found.get(text, lambda: tuple(self._find_in(text))))

    @cached_property
    def _found(self) -> Memo[tuple[tuple[AgencyEntry, int, int], ...]]:
        return Memo(4096)

    def _find_in(self, text: str) -> list[tuple[AgencyEntry, int, int]]:
        masked = _FALSE_FRIENDS.sub(lambda m: " " * len(m.group()), text)
        # A pattern runs only when its longest literal word is in the text (lower-cased), which
        # any match needs; a text with a letter that folds specially to ASCII runs them all.
        lowered = None if _SPECIAL_FOLD.search(masked) else masked.lower()
        patterns = self._patterns
        if lowered is None:
            run: Iterable[int] = range(len(patterns))
        else:  # each literal word looked for once, its patterns run in their own order
            needed = [ix for word, ix in self._by_literal if word in lowered]
            run = sorted(i for ix in needed for i in ix)
        hits = [
            (m.start(), m.end(), patterns[i][1])
            for i in run
            for m in patterns[i][0].finditer(masked)
        ]
        hits.sort(key=lambda h: (h[0] - h[1], h[0]))
        taken: list[tuple[AgencyEntry, int, int]] = []
        for start, end, entry in hits:
            if all(end <= s or start >= e for _x, s, e in taken):
                taken.append((entry, start, end))
        return sorted(taken, key=lambda t: t[1])


def _strings(item: dict[str, Any], key: str, where: str) -> tuple[str, ...]:
    value = item.get(key, [])
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ConfigError(f"{where}: {key} must be a list of strings.")
    return tuple(v.strip() for v in value if v.strip())


def _read(path: Path, keep: bool = False) -> list[AgencyEntry]:
    """Parse and validate one gazetteer file (``keep``: the packaged one, its parse kept in the
    user's cache, :func:`dossier.regexcache.kept_toml`)."""
    try:
        text = path.read_text(encoding="utf-8")
        data = kept_toml(text, "gazetteer") if keep else tomllib.loads(text)
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise ConfigError(f"Cannot read the agency file {path}: {exc}. Fix or remove it.") from exc
    if set(data) - {"agency"} or not isinstance(data.get("agency", []), list):
        raise ConfigError(f"{path} must contain only [[agency]] entries.")
    out = []
    for i, item in enumerate(data.get("agency", []), 1):
        where = f"{path}, agency entry {i}"
        if not isinstance(item, dict):
            raise ConfigError(f"{where} is not a table; write it as [[agency]].")
        if unknown := sorted(set(item) - set(FIELDS)):
            raise ConfigError(f"{where} has unknown keys {unknown}; allowed: {', '.join(FIELDS)}.")
        name = item.get("name")
        if not isinstance(name, str) or not name.strip():
            raise ConfigError(f'{where} has no name. Add name = "..." to it.')
        where = f"{where} ({name.strip()})"
        discipline = _strings(item, "discipline", where)
        if not discipline:
            raise ConfigError(
                f"{where} has no discipline; use one or more of {', '.join(DISCIPLINES)}."
            )
        if bad := [d for d in discipline if d not in DISCIPLINES]:
            raise ConfigError(
                f"{where} has unknown discipline {bad[0]!r}; use {', '.join(DISCIPLINES)}."
            )
        texts = {}
        for key in ("holding", "network", "hq", "source", "note"):
            if not isinstance(item.get(key, ""), str):
                raise ConfigError(f"{where}: {key} must be a string.")
            texts[key] = item.get(key, "").strip()
        for key in ("successor", "website", "founded"):
            if not isinstance(item.get(key, ""), str):
                raise ConfigError(f"{where}: {key} must be a string.")
            texts[key] = item.get(key, "").strip()
        if texts["source"]:
            _url(texts["source"], f"{where}: source")
        aliases, ambiguous = _strings(item, "aliases", where), _strings(item, "ambiguous", where)
        if stray := [a for a in ambiguous if a not in (name.strip(), *aliases)]:
            raise ConfigError(f"{where}: ambiguous name {stray[0]!r} is not its name or an alias.")
        status = item.get("status", "active")
        if status not in STATUSES:
            raise ConfigError(f"{where} has unknown status {status!r}; use {', '.join(STATUSES)}.")
        if status in ("folded", "renamed") and not texts["successor"]:
            raise ConfigError(f'{where} is {status} but names no successor; add successor = "...".')
        as_of = item.get("as_of")
        if as_of is not None and (not isinstance(as_of, date) or isinstance(as_of, datetime)):
            raise ConfigError(f"{where}: as_of must be a TOML date (as_of = 2026-11-01).")
        out.append(
            AgencyEntry(
                name.strip(),
                aliases,
                discipline=discipline,
                ambiguous=ambiguous,
                status=status,
                as_of=as_of,
                ownership=tuple(
                    Ownership(**row) for row in _rows(item, "ownership", OWNERSHIP_FIELDS, where)
                ),
                history=tuple(
                    HistoryEvent(**row) for row in _rows(item, "history", HISTORY_FIELDS, where)
                ),
                facts=_fact_rows(item, where),
                **texts,
            )
        )
    return out


def _url(value: str, where: str) -> None:
    if not value.startswith(("https://", "http://")):
        raise ConfigError(f"{where} must be an http(s) URL, not {value!r}.")
    if _SEARCH_PAGE.search(value):
        raise ConfigError(f"{where} is a search page ({value}); cite the page that was read.")


def _tables(
    item: dict[str, Any], key: str, allowed: tuple[str, ...], where: str
) -> Iterator[tuple[str, dict[str, Any]]]:
    """The entry's [[agency.<key>]] tables, each with where it is ("..., fact row 2")."""
    rows = item.get(key, [])
    if not isinstance(rows, list) or not all(isinstance(r, dict) for r in rows):
        raise ConfigError(f"{where}: write {key} rows as [[agency.{key}]] tables.")
    for i, row in enumerate(rows, 1):
        at = f"{where}, {key} row {i}"
        if unknown := sorted(set(row) - set(allowed)):
            raise ConfigError(f"{at} has unknown keys {unknown}; allowed: {', '.join(allowed)}.")
        yield at, row


def _rows(
    item: dict[str, Any], key: str, fields: tuple[str, ...], where: str
) -> list[dict[str, str]]:
    """The [[agency.ownership]] or [[agency.history]] rows, checked."""
    out = []
    for at, row in _tables(item, key, fields, where):
        values = {}
        for f in fields:
            v = row.get(f, "")
            if isinstance(v, date):
                v = v.isoformat()
            if not isinstance(v, str):
                raise ConfigError(f"{at}: {f} must be a string or a date.")
            values[f] = v.strip()
        for f in ("start", "end", "date"):
            if values.get(f) and not _PARTIAL_DATE.match(values[f]):
                raise ConfigError(f"{at}: {f} {values[f]!r} is not YYYY, YYYY-MM or YYYY-MM-DD.")
        if values["source"]:
            _url(values["source"], f"{at}: source")
        if not values[fields[0]] if key == "ownership" else not values["event"]:
            raise ConfigError(f"{at} has no {'owner' if key == 'ownership' else 'event'}.")
        out.append(values)
    return out


def _fact_rows(item: dict[str, Any], where: str) -> tuple[FactRow, ...]:
    """The [[agency.fact]] rows, checked: a known field, a read page, its date."""
    out = []
    for at, row in _tables(item, "fact", FACT_KEYS, where):
        name = row.get("field")
        if name not in RECORD_FIELDS:
            raise ConfigError(
                f"{at}: field {name!r} is not a field of the record (dossier/fields.py)."
            )
        source = row.get("source")
        if not isinstance(source, str) or not source.strip():
            raise ConfigError(f"{at} has no source; cite the page the fact was read on.")
        _url(source.strip(), f"{at}: source")
        stamps = {}
        for key in ("as_of", "retrieved"):
            v = row.get(key)
            if v is None and key == "retrieved":
                continue
            if not isinstance(v, date) or isinstance(v, datetime):
                raise ConfigError(f"{at}: {key} must be a TOML date ({key} = 2026-11-20).")
            stamps[key] = v
        quote = row.get("quote", "")
        if not isinstance(quote, str):
            raise ConfigError(f"{at}: quote must be a string.")
        _check_parts(row, RECORD_FIELDS[str(name)].kind, str(name), at)
        rest = tuple(
            (k, v)
            for k, v in row.items()
            if k not in ("field", "source", "as_of", "retrieved", "quote")
        )
        out.append(
            FactRow(
                field=str(name),
                source=source.strip(),
                as_of=stamps["as_of"],
                values=rest,
                retrieved=stamps.get("retrieved"),
                quote=quote.strip(),
            )
        )
    return tuple(out)


#: What a fact row must give, by the kind of its field (see dossier/fields.py).
_PARTS = {
    "money": ("amount", "currency"),
    "billings": ("amount", "currency", "by"),
    "count": ("amount",),
    "person": ("name",),
    "account": ("client",),
    "work": ("name",),
    "event": ("date", "text"),
    "quote": ("text", "by"),
}


def _check_parts(row: dict[str, Any], kind: str, field: str, at: str) -> None:
    """A fact row has the parts its field's kind needs, with numbers where numbers go."""
    needed = ("name",) if field == "awards" else _PARTS.get(kind, ("value",))
    if kind == "person" and row.get("value") not in (None, ""):
        needed = ("value",)  # a plain name ("Lee Clow"), as the sources give founders
    if missing := [k for k in needed if row.get(k) in (None, "")]:
        raise ConfigError(f"{at}: a {field} fact needs {', '.join(missing)}.")
    amount = row.get("amount")
    if "amount" in needed and (isinstance(amount, bool) or not isinstance(amount, int | float)):
        raise ConfigError(f"{at}: amount must be a number, not {amount!r}.")
    currency = row.get("currency")
    if "currency" in needed and not (
        isinstance(currency, str) and len(currency) == 3 and currency.isalpha()
    ):
        raise ConfigError(f"{at}: currency must be a three-letter code such as USD.")
    for key in ("date", "since", "reported"):
        v = row.get(key)
        v = v.isoformat() if isinstance(v, date) else v
        if v not in (None, "") and not (isinstance(v, str) and _PARTIAL_DATE.match(v)):
            raise ConfigError(f"{at}: {key} {v!r} is not YYYY, YYYY-MM or YYYY-MM-DD.")


def _check(entries: list[AgencyEntry], path: Path) -> None:
    """Successors must be entries of the same file (or the packaged one)."""
    names = {agency_key(n) for e in entries for n in e.names}
    for e in entries:
        if e.successor and agency_key(e.successor) not in names:
            raise ConfigError(
                f"{path}, agency {e.name}: successor {e.successor!r} is not an entry; add it."
            )


@once(maxsize=1)
def _packaged() -> tuple[AgencyEntry, ...]:
    entries = _read(GAZETTEER_FILE, keep=True)
    _keep_cleaned(entries)
    _check(entries, GAZETTEER_FILE)
    return tuple(entries)


_loaded: dict[tuple[str, int, int] | None, Gazetteer] = {}
_loaded_lock = threading.Lock()


def load_gazetteer(extra: Path | None = None) -> Gazetteer:
    """The packaged gazetteer plus ``extra`` (same format; an entry of the same name replaces).

    Built once per process and user file (keyed by its path, modification time and size), so
    every company of a batch shares one gazetteer and its compiled patterns.
    """
    key = None
    if extra is not None:
        try:
            st = Path(extra).stat()
            key = (str(Path(extra).resolve()), st.st_mtime_ns, st.st_size)
        except OSError:
            key = ("", 0, 0)  # missing: _build says so, and nothing is kept
    with _loaded_lock:
        found = _loaded.get(key)
    if found is not None:
        return found
    gazetteer = _build(extra)
    with _loaded_lock:
        if len(_loaded) >= 4:
            _loaded.clear()
        return _loaded.setdefault(key, gazetteer)


def _build(extra: Path | None) -> Gazetteer:
    entries = list(_packaged())
    if extra is not None:
        if not Path(extra).is_file():
            raise ConfigError(f"The agency file {extra} does not exist. Check the path.")
        user = _read(Path(extra))
        replaced = {agency_key(e.name) for e in user}
        entries = [e for e in entries if agency_key(e.name) not in replaced] + user
        _check(entries, Path(extra))
    return Gazetteer(entries)
