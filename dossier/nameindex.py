"""A company-name index built once per process: exact cleaned-name and ticker lookups first,
then rapidfuzz over the precomputed cleaned names.

Matching a company against the SEC ticker map (about 10,000 titles) used to clean every title
and compare it in Python for every search; cleaning is the slow part (cleanco), so the index
cleans each title once and leaves the fuzzy comparison to ``rapidfuzz.process`` (C++). The
scores, the threshold and the order are those of :func:`dossier.names.name_score`: a ticker or
an identical cleaned name scores 1.0, any other name ``ratio / 100 * 0.95``; one CIK keeps its
best row; ties keep the ticker map's order. ``tests/test_nameindex.py`` checks the index
against the plain loop on the recorded ticker map.
"""

from __future__ import annotations

import sys
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from rapidfuzz import fuzz, process

from . import names
from .names import clean_name
from .regexcache import kept

#: The lowest score a match may have (names.name_score scale, 0 to 1).
THRESHOLD = 0.85
#: Fuzzy names score ``ratio / 100 * 0.95``; this ratio cut-off keeps every row that can reach
#: THRESHOLD (a little below it, so float rounding never drops one; the exact test follows).
_RATIO_CUTOFF = THRESHOLD / 0.95 * 100 - 0.5


def row_score(query_upper: str, query_clean: str, ticker: str, cleaned: str) -> float:
    """One row's score for a query, exactly as the ticker-map matching has always scored it."""
    if ticker.upper() == query_upper:
        return 1.0
    if not query_clean or not cleaned:
        return 0.0
    if cleaned == query_clean:
        return 1.0
    return fuzz.ratio(query_clean, cleaned) / 100.0 * 0.95


@dataclass(frozen=True)
class Hit:
    """One matching row: its position in the rows, its key (e.g. the CIK) and its score."""

    index: int
    key: str
    score: float


class NameIndex:
    """Rows of (key, ticker, title), every title cleaned once, looked up by name or ticker.

    ``key`` groups rows that are one entity (the SEC lists a CIK once per share class).
    """

    def __init__(self, rows: Sequence[tuple[str, str, str]]) -> None:
        self.rows = list(rows)
        self.cleaned = cleaned_titles([title for _key, _ticker, title in self.rows])
        self._by_clean: dict[str, list[int]] = {}
        self._by_ticker: dict[str, list[int]] = {}
        pairs = zip(self.rows, self.cleaned, strict=True)
        for i, ((_key, ticker, _title), cleaned) in enumerate(pairs):
            if cleaned:
                self._by_clean.setdefault(cleaned, []).append(i)
            self._by_ticker.setdefault(ticker.upper(), []).append(i)

    def __len__(self) -> int:
        return len(self.rows)

    def ticker(self, symbol: str) -> int | None:
        """The first row listed under ``symbol`` (any case), or None."""
        found = self._by_ticker.get(symbol.strip().upper())
        return found[0] if found else None

    def search(self, query: str, limit: int = 5) -> list[Hit]:
        """The best row per key whose ticker equals ``query`` or whose cleaned title is close to
        it (score >= THRESHOLD), best first, at most ``limit``."""
        q_upper = query.strip().upper()
        q_clean = clean_name(query)
        rows = set(self._by_ticker.get(q_upper, ()))
        if q_clean:
            rows.update(self._by_clean.get(q_clean, ()))
            for _name, _ratio, i in process.extract(
                q_clean,
                self.cleaned,
                scorer=fuzz.ratio,
                score_cutoff=_RATIO_CUTOFF,
                limit=None,
            ):
                rows.add(i)
        best: dict[str, Hit] = {}
        for i in sorted(rows):
            key, ticker, _title = self.rows[i]
            score = row_score(q_upper, q_clean, ticker, self.cleaned[i])
            if score < THRESHOLD:
                continue
            if key not in best or score > best[key].score:
                best[key] = Hit(i, key, score)
        return sorted(best.values(), key=lambda h: -h.score)[:limit]


def cleaned_titles(titles: list[str], kind: str = "cleaned-titles") -> list[str]:
    """``clean_name`` of every title, kept between runs (:func:`dossier.regexcache.kept`):
    cleaning the ticker map's 10,000 titles is most of a single build's SEC research (about
    0.8 s of CPU). Kept under a hash of the titles and of the code that cleans them (this
    module's ``names`` and every loaded ``cleanco`` module), so a change to either cleans
    again. ``kind`` names the list (the ticker maps' and the gazetteer's are kept apart)."""
    code = [_source(names), *(_source(m) for n, m in sorted(sys.modules.items()) if _cleanco(n))]

    def valid(value: object) -> bool:
        return (
            isinstance(value, list)
            and len(value) == len(titles)
            and all(isinstance(v, str) for v in value)
        )

    return kept(
        "names",
        kind,
        [unicodedata.unidata_version, *code, "\0".join(titles)],
        lambda: [clean_name(title) for title in titles],
        valid,
    )


def _cleanco(name: str) -> bool:
    return name == "cleanco" or name.startswith("cleanco.")


def _source(module: object) -> bytes:
    """A module's source file (empty when it has none)."""
    path = getattr(module, "__file__", None)
    try:
        return Path(path).read_bytes() if path else b""
    except OSError:
        return b""
