"""The name index matches exactly as the plain loop over the ticker map did."""

from __future__ import annotations

from rapidfuzz import fuzz

from dossier.nameindex import NameIndex
from dossier.names import clean_name
from dossier.sources.sec import TickerIndex, parse_tickers

from .conftest import fixture_bytes


def _loop(rows: list[tuple[str, str, str]], query: str, limit: int = 5) -> list[tuple[str, str]]:
    """The matching the ticker map used before the index: every row scored in Python."""
    scored: dict[str, tuple[float, tuple[str, str]]] = {}
    q_upper, q_clean = query.strip().upper(), clean_name(query)
    for cik, ticker, title in rows:
        if ticker.upper() == q_upper:
            score = 1.0
        else:
            cleaned = clean_name(title)
            if not q_clean or not cleaned:
                continue
            score = 1.0 if cleaned == q_clean else fuzz.ratio(q_clean, cleaned) / 100.0 * 0.95
        if score < 0.85:
            continue
        if cik not in scored or score > scored[cik][0]:
            scored[cik] = (score, (cik, ticker))
    return [c for _s, c in sorted(scored.values(), key=lambda sc: -sc[0])[:limit]]


QUERIES = [
    "Apple",
    "Apple Inc.",
    "apple inc",
    "AAPL",
    "nvda",
    "NVIDIA",
    "Microsoft Corporation",
    "Alphabet",
    "The Walt Disney Company",
    "Walt Disney",
    "McDonald's",
    "Kraft Heinz",
    "Walmart",
    "Wal-Mart Stores",
    "Coca Cola",
    "Procter & Gamble",
    "Procter and Gamble",
    "Berkshire",
    "Meta Platforms",
    "Tesla Motors",
    "Ford",
    "General Motors",
    "IBM",
    "Nike",
    "Pepsico",
    "Omnicom Group",
    "Interpublic",
    "WPP",
    "Northwind Traders",
    "",
    "   ",
    "Inc.",
    "a",
    "Bank of America",
    "JPMorgan Chase & Co",
    "Amazon.com",
]


def test_index_gives_the_loops_matches_on_the_recorded_ticker_map() -> None:
    rows = parse_tickers(fixture_bytes("sec", "company_tickers.json.gz"))
    index = NameIndex(rows)
    for query in QUERIES:
        got = [(rows[h.index][0], rows[h.index][1]) for h in index.search(query)]
        assert got == _loop(rows, query), query
    assert [h for q in QUERIES for h in index.search(q, limit=50)]  # something matched at all


def test_exact_cleaned_name_and_ticker_first() -> None:
    rows = [
        ("0000000001", "AAA", "Quorvane Dynamics Inc."),
        ("0000000002", "QDYN", "Quorvane Dynamic Corp"),
        ("0000000001", "AAB", "Quorvane Dynamics Inc."),  # a second share class
    ]
    index = TickerIndex(rows)
    found = index.match("Quorvane Dynamics")
    assert [(c.cik, c.ticker, c.rank) for c in found] == [
        ("0000000001", "AAA", 0),
        ("0000000002", "QDYN", 1),
    ]
    assert index.match("qdyn")[0].cik == "0000000002"
    ticker = index.ticker("aab")
    assert ticker is not None and ticker.cik == "0000000001"
    assert index.ticker("ZZZZ") is None
    assert index.match("Something Else Entirely") == []
