"""The agency gazetteer: agencies, networks and holding companies dossier can recognise.

Pure: no I/O except reading the gazetteer files (``dossier/data/agencies.toml`` and the user's
``sources/agencies.toml``). Matching is exact, then without generic words, then fuzzy.
"""

from __future__ import annotations

import re
import tomllib
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cached_property, lru_cache
from pathlib import Path
from typing import Any

from rapidfuzz import fuzz, process

from ..errors import ConfigError
from ..names import clean_name

GAZETTEER_FILE = Path(__file__).resolve().parent.parent / "data" / "agencies.toml"
DISCIPLINES = ("creative", "media", "pr", "digital", "holding")
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
)
FUZZY_CUTOFF = 92  # rapidfuzz ratio on cleaned names


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

    @property
    def names(self) -> tuple[str, ...]:
        return (self.name, *self.aliases)


_GENERIC = {"the", "of", "worldwide", "global", "group", "groupe", "international", "agency"}
_GENERIC |= {"company", "companies", "holdings", "network"}
_FALSE_FRIENDS = re.compile(
    r"\bMothers?['’]?s?\s+Day\b|\bMother\s+(?:Nature|Earth|Teresa|Superior|Jones|of\s+(?:all|the|God))\b"
    r"|\bEdelman\s+Trust\s+Barometer\b|\bEarl\s+Grey\b|\bGrey\s+(?:Goose|Poupon)\b|\bShades\s+of\s+Grey\b",
    re.IGNORECASE,
)


def agency_key(name: str) -> str:
    """A comparable form of an agency name: "TBWA\\Chiat\\Day" and "TBWA/Chiat/Day" agree."""
    text = re.sub(r"[\\/+]", " ", unicodedata.normalize("NFKC", name))
    return " ".join(t for t in clean_name(text).split() if t != "and")


def _loose(key: str) -> str:
    return " ".join(t for t in key.split() if t not in _GENERIC)


def _case_sensitive(alias: str, entry: AgencyEntry) -> bool:
    letters = [c for c in alias if c.isalpha()]
    return alias in entry.ambiguous or (len(letters) <= 5 and all(c.isupper() for c in letters))


def _alias_regex(alias: str, case_sensitive: bool) -> re.Pattern[str]:
    """Word-bounded pattern; "&", "+" and "and" are interchangeable, as are "\\" and "/"."""
    parts = []
    for piece in re.split(r"(\s*[&+]\s*|\s+and\s+|\s*[\\/]\s*|\s+|-)", alias.strip()):
        sep = piece.strip().lower()
        if not piece:
            continue
        if sep in ("&", "+", "and") and piece != alias.strip():
            parts.append(r"\s*(?:&|\+|and)\s*")
        elif sep in ("\\", "/"):
            parts.append(r"\s*[\\/]\s*")
        elif sep == "-":
            parts.append(r"[\s-]?")
        elif not sep:
            parts.append(r"\s+")
        else:
            parts.append(re.escape(piece))
    flags = 0 if case_sensitive else re.IGNORECASE
    return re.compile(r"(?<!\w)" + "".join(parts) + r"(?!\w)", flags)


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

    def __iter__(self) -> Iterator[AgencyEntry]:
        return iter(self.entries)

    def match(self, name: str) -> AgencyEntry | None:
        """The entry for an agency name: exact, then without generic words, then fuzzy (>= 92)."""
        key = agency_key(name)
        if not key:
            return None
        entry = self._exact.get(key) or self._loose.get(_loose(key))
        if entry is not None:
            if key in self._ambiguous and not any(
                re.search(rf"(?<!\w){re.escape(a)}(?!\w)", name) for a in entry.ambiguous
            ):
                return None  # "mother" is not the agency Mother
            return entry
        if len(key) < 5:
            return None
        found = process.extractOne(key, self._fuzzy, scorer=fuzz.ratio, score_cutoff=FUZZY_CUTOFF)
        return self._exact[found[0]] if found else None

    @cached_property
    def _patterns(self) -> list[tuple[re.Pattern[str], AgencyEntry]]:
        out = {}
        for entry in self.entries:
            for alias in entry.names:
                out[(alias, entry.name)] = (
                    _alias_regex(alias, _case_sensitive(alias, entry)),
                    entry,
                )
        return list(out.values())

    def find_in(self, text: str) -> list[tuple[AgencyEntry, int, int]]:
        """Agency mentions in ``text`` as (entry, start, end), longest match first, in order."""
        masked = _FALSE_FRIENDS.sub(lambda m: " " * len(m.group()), text)
        hits = [(m.start(), m.end(), e) for p, e in self._patterns for m in p.finditer(masked)]
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


def _read(path: Path) -> list[AgencyEntry]:
    """Parse and validate one gazetteer file."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
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
        aliases, ambiguous = _strings(item, "aliases", where), _strings(item, "ambiguous", where)
        if stray := [a for a in ambiguous if a not in (name.strip(), *aliases)]:
            raise ConfigError(f"{where}: ambiguous name {stray[0]!r} is not its name or an alias.")
        out.append(
            AgencyEntry(name.strip(), aliases, discipline=discipline, ambiguous=ambiguous, **texts)
        )
    return out


@lru_cache(maxsize=1)
def _packaged() -> tuple[AgencyEntry, ...]:
    return tuple(_read(GAZETTEER_FILE))


def load_gazetteer(extra: Path | None = None) -> Gazetteer:
    """The packaged gazetteer plus ``extra`` (same format; an entry of the same name replaces)."""
    entries = list(_packaged())
    if extra is not None:
        if not Path(extra).is_file():
            raise ConfigError(f"The agency file {extra} does not exist. Check the path.")
        user = _read(Path(extra))
        replaced = {agency_key(e.name) for e in user}
        entries = [e for e in entries if agency_key(e.name) not in replaced] + user
    return Gazetteer(entries)
