"""Coverage analysis: de-duplication, the recency window, VADER counts, topics and trends."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest

from dossier.model import Article, Fact, Measure, Provenance, Series
from dossier.research.perception import (
    VADER_URL,
    dedupe,
    headline_class,
    headline_score,
    headline_sentiment,
    normalise_headline,
    outlet_key,
    recent,
    topics,
    volume_trend,
)
from dossier.sources.base import Document
from dossier.sources.news import parse_gdelt_articles, parse_gdelt_timeline, parse_google_news

FIXTURES = Path(__file__).parent / "fixtures" / "news"
RETRIEVED = datetime(2026, 3, 5, tzinfo=UTC)
TODAY = RETRIEVED.date()


def article(
    headline: str,
    outlet: str = "Example Wire",
    published: datetime | None = None,
    url: str | None = None,
    retrieved: datetime = RETRIEVED,
) -> Fact:
    value = Article(
        headline=headline,
        outlet=outlet,
        published=published,
        url=url or f"https://{outlet.replace(' ', '').lower()}.example/{abs(hash(headline))}",
    )
    prov = Provenance(
        source="google_news",
        url="https://news.google.com/rss/search?q=x",
        retrieved_at=retrieved,
        as_of=published.date() if published else retrieved.date(),
    )
    return Fact(field="news", value=value, provenance=prov)


def day(d: int, month: int = 2, hour: int = 12) -> datetime:
    return datetime(2026, month, d, hour, tzinfo=UTC)


def fixture_doc(name: str, url: str, source: str) -> Document:
    body = (FIXTURES / name).read_bytes()
    return Document(source, url, 200, "application/octet-stream", body, RETRIEVED, True)


@pytest.fixture
def google() -> list[Fact]:
    return parse_google_news(
        fixture_doc("google_news_northwind.xml", "https://gn/x", "google_news")
    )


def values(facts: list[Fact]) -> list[Article]:
    return [f.value for f in facts if isinstance(f.value, Article)]


# --- headlines and duplicates ------------------------------------------------------------


def test_normalise_headline() -> None:
    assert normalise_headline("Northwind Traders Names  New COO! - Demo Gazette") == (
        "northwind traders names new coo"
    )
    assert normalise_headline("Q4: what next - Demo Gazette", "Demo Gazette") == "q4 what next"
    assert normalise_headline("Northwind Traders\u2019 plan | Example Wire") == (
        "northwind traders plan"
    )
    assert normalise_headline("No outlet here") == "no outlet here"


def test_outlet_key_matches_names_and_domains() -> None:
    assert outlet_key("Example Wire") == outlet_key("www.examplewire.example") == "examplewire"
    assert outlet_key("The Demo Gazette") == outlet_key("m.demogazette.example")
    assert outlet_key("") == ""


def test_dedupe_folds_the_three_syndicated_copies(google: list[Fact]) -> None:
    kept = values(dedupe(google))
    assert len(kept) == 7
    coo = [a for a in kept if "chief operating officer" in a.headline.lower()]
    assert len(coo) == 1
    # The earliest copy (Example Wire, 20 Feb 08:00) represents the story.
    assert coo[0].outlet == "Example Wire"
    assert coo[0].published == datetime(2026, 2, 20, 8, tzinfo=UTC)
    assert coo[0].copies == ["Demo Gazette", "Sample Business Daily"]


def test_dedupe_returns_newest_first_and_undated_last(google: list[Fact]) -> None:
    kept = values(dedupe(google))
    dated = [a.published for a in kept if a.published]
    assert dated == sorted(dated, reverse=True)
    assert [a.published for a in kept[-2:]] == [None, None]


def test_dedupe_across_sources_counts_a_site_once(google: list[Fact]) -> None:
    gdelt = parse_gdelt_articles(
        fixture_doc("gdelt_artlist.json", "https://api.gdeltproject.org/x?mode=ArtList", "gdelt")
    )
    kept = values(dedupe([*google, *gdelt]))
    hub = next(a for a in kept if "Rotterdam" in a.headline)
    assert hub.outlet == "Example Wire"  # Google's copy is 45 minutes earlier
    assert hub.copies == []  # GDELT's "examplewire.example" is the same outlet
    coo = next(a for a in kept if "chief operating officer" in a.headline.lower())
    assert coo.copies == ["Demo Gazette", "Sample Business Daily"]
    assert len(kept) == 8  # + the French story; the fire story folds into Demo Gazette's


@pytest.mark.parametrize(
    ("one", "other"),
    [
        ("Northwind Traders opens Lisbon office", "Northwind Traders closes Lisbon office"),
        ("Northwind Traders raises prices again", "Northwind Traders cuts prices again"),
        (
            "Warehouse fire disrupts Northwind Traders deliveries",
            "Northwind Traders deliveries resume after warehouse fire",
        ),
        ("Northwind Traders hires", "Northwind Traders fires"),
        ("Northwind Traders", "Northwind Traders hires new chief financial officer"),
    ],
)
def test_dedupe_keeps_different_stories_apart(one: str, other: str) -> None:
    facts = [article(one, published=day(1)), article(other, "Demo Gazette", day(2))]
    assert len(dedupe(facts)) == 2


def test_dedupe_folds_suffix_case_and_punctuation_variants() -> None:
    facts = [
        article("Northwind Traders names new CFO - Demo Gazette", "Demo Gazette", day(2)),
        article("NORTHWIND TRADERS NAMES NEW CFO", "Placeholder Times", day(3)),
        article("Northwind Traders names new CFO, effective May", "Example Wire", day(1)),
        article("Northwind Traders names CFO", "Fictional Ledger", day(4)),  # "new" is a stopword
    ]
    (kept,) = values(dedupe(facts))
    assert kept.outlet == "Example Wire"
    assert kept.copies == ["Demo Gazette", "Fictional Ledger", "Placeholder Times"]


def test_dedupe_merges_existing_copies_and_same_urls() -> None:
    first = article("Story one about a thing", "Example Wire", day(1), url="https://a.example/1")
    first = first.model_copy(
        update={"value": first.value.model_copy(update={"copies": ["Placeholder Times"]})}
    )
    same_url = article(
        "Entirely different words", "Demo Gazette", day(2), url="https://a.example/1"
    )
    (kept,) = values(dedupe([same_url, first]))
    assert kept.outlet == "Example Wire"
    assert kept.copies == ["Demo Gazette", "Placeholder Times"]


def test_recent_window(google: list[Fact]) -> None:
    kept = values(recent(google, 90, TODAY))
    assert len(kept) == 8
    assert all(a.published is None or a.published.date() >= date(2025, 12, 5) for a in kept)
    assert not any("council" in a.headline for a in kept)  # 1 October 2025
    shorter = values(recent(google, 20, TODAY))  # from 13 February: the fire story goes too
    assert len(shorter) == 7 and not any("fire" in a.headline for a in shorter)
    old_undated = article("Undated", retrieved=RETRIEVED - timedelta(days=200))
    new_undated = article("Undated too", retrieved=RETRIEVED - timedelta(days=2))
    assert values(recent([old_undated, new_undated], 90, TODAY)) == [new_undated.value]


# --- headline sentiment ------------------------------------------------------------------


def test_vader_classes_follow_the_documented_thresholds() -> None:
    assert headline_class(0.05) == "positive"
    assert headline_class(0.0499) == "neutral"
    assert headline_class(-0.0499) == "neutral"
    assert headline_class(-0.05) == "negative"
    assert headline_score("Northwind Traders wins regional logistics award") == pytest.approx(
        0.802, abs=1e-3
    )
    assert headline_score("Warehouse fire disrupts Northwind Traders deliveries") == (
        pytest.approx(-0.34, abs=1e-3)
    )
    assert headline_score("Northwind Traders names new chief operating officer") == 0.0


def test_headline_sentiment_counts(google: list[Fact]) -> None:
    kept = dedupe(recent(google, 90, TODAY))
    facts = headline_sentiment(kept, RETRIEVED)
    measures = {f.value.name: f.value for f in facts if isinstance(f.value, Measure)}
    assert list(measures) == ["headline_positive", "headline_neutral", "headline_negative"]
    assert [m.value for m in measures.values()] == [2.0, 3.0, 1.0]
    m = measures["headline_positive"]
    assert m.unit == "headlines"
    assert m.method == (
        "VADER sentiment (compound score; positive >= 0.05, negative <= -0.05) "
        "on 6 deduplicated headlines"
    )
    # 10 February is the earliest publication; undated items count as of their retrieval.
    assert (m.start, m.end) == (date(2026, 2, 10), date(2026, 3, 5))
    prov = facts[0].provenance
    assert (prov.source, prov.url, prov.as_of) == ("dossier", VADER_URL, date(2026, 3, 5))
    assert prov.retrieved_at == RETRIEVED
    assert prov.constructed is True  # built from constructed fixtures
    assert {f.field for f in facts} == {"perception"}


def test_headline_sentiment_of_nothing_is_nothing() -> None:
    assert headline_sentiment([], RETRIEVED) == []


# --- topics and trend --------------------------------------------------------------------


def test_topics_prefer_frequent_bigrams_and_drop_names_and_outlets() -> None:
    facts = [
        article("Northwind Traders opens logistics hub in Lisbon", "Example Wire"),
        article("Lisbon logistics hub to create 300 jobs, says Northwind", "Demo Gazette"),
        article("Northwind Traders logistics hub wins planning approval", "Example Wire"),
        article("Example Wire interview: Northwind Traders chief on jobs", "Example Wire"),
        article("Planning approval for Northwind's warehouse in Q4", "Sample Business Daily"),
    ]
    result = topics(facts, {"Northwind", "Traders", "Inc."})
    assert result[0] == ("logistics hub", 3)
    terms = dict(result)
    assert terms["planning approval"] == 2
    assert terms["lisbon"] == 2
    assert terms["jobs"] == 2
    assert "logistics" not in terms and "hub" not in terms  # counted as the bigram
    assert not {"northwind", "northwinds", "traders", "example", "wire", "300", "q4"} & set(terms)
    assert all(c >= 2 for _, c in result)
    assert len(topics(facts, {"northwind traders"}, n=2)) == 2


def test_volume_trend() -> None:
    series = Series(
        name="gdelt_volume",
        points=[(date(2026, 1, d), float(v)) for d, v in enumerate([1, 2, 3, 4, 5, 6], start=1)],
        method="m",
    )
    assert volume_trend(series) == (6.0, 15.0, 150.0)
    odd = Series(name="v", points=[(date(2026, 1, d), 2.0) for d in (3, 1, 2)], method="m")
    assert volume_trend(odd) == (2.0, 2.0, 0.0)  # the middle point belongs to neither half
    zero = Series(name="v", points=[(date(2026, 1, 1), 0.0), (date(2026, 1, 2), 4.0)], method="m")
    assert volume_trend(zero) == (0.0, 4.0, None)
    assert volume_trend(Series(name="v", points=[], method="m")) == (0.0, 0.0, None)


def test_volume_trend_on_the_gdelt_fixture() -> None:
    doc = fixture_doc("gdelt_timelinevolraw.json", "https://api.gdeltproject.org/x", "gdelt")
    (fact,) = parse_gdelt_timeline(doc, "TimelineVolRaw")
    assert isinstance(fact.value, Series)
    first, second, change = volume_trend(fact.value)
    assert (first, second) == (492.0, 806.0)
    assert change == pytest.approx(63.82, abs=0.01)
