"""News sources: pure parsers on constructed fixtures, exact URLs, and fetch with a fake client."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from dossier.config import SourceSettings
from dossier.errors import ExtractError
from dossier.model import Article, Fact, Identifiers, Measure, Series
from dossier.sources.base import Document, Entity, RunContext
from dossier.sources.news import (
    GDELT_MODES,
    HEADLINE_LICENCE,
    Feeds,
    Gdelt,
    GoogleNews,
    Pageviews,
    clean_headline,
    gdelt_url,
    google_news_url,
    mentions,
    pageviews_url,
    pageviews_window,
    parse_feed,
    parse_gdelt_articles,
    parse_gdelt_timeline,
    parse_google_news,
    parse_pageviews,
    search_name,
    search_query,
    split_outlet,
    window,
)
from tests.conftest import RETRIEVED
from tests.fakes import FakeClient

FIXTURES = Path(__file__).parent / "fixtures" / "news"
ENTITY = Entity(name="Northwind Traders Inc.", ids=Identifiers(wikipedia_title="Northwind Traders"))
GOOGLE_URL = (
    "https://news.google.com/rss/search?q=%22Northwind+Traders%22+when%3A90d"
    "&hl=en-US&gl=US&ceid=US%3Aen"
)
GDELT_BASE = "https://api.gdeltproject.org/api/v2/doc/doc?query=%22Northwind+Traders%22"
ARTLIST_URL = f"{GDELT_BASE}&mode=ArtList&format=json&maxrecords=75&timespan=90d&sort=DateDesc"
VOLUME_URL = f"{GDELT_BASE}&mode=TimelineVolRaw&format=json&timespan=90d"
TONE_URL = f"{GDELT_BASE}&mode=TimelineTone&format=json&timespan=90d"
PAGEVIEWS_URL = (
    "https://wikimedia.org/api/rest_v1/metrics/pageviews/per-article/en.wikipedia/all-access/"
    "user/Northwind_Traders/monthly/20250301/20260228"
)
FEED_URL = "https://sampletradeweekly.example/feed.atom"
TODAY = date(2026, 3, 5)
CTX = RunContext(today=TODAY, news_days=90)


def fixture(name: str) -> bytes:
    return (FIXTURES / name).read_bytes()


def doc(name: str, url: str, source: str) -> Document:
    return Document(
        source=source,
        url=url,
        status=200,
        content_type="application/octet-stream",
        body=fixture(name),
        retrieved_at=RETRIEVED,
        constructed=True,
    )


def settings(name: str, **options: object) -> SourceSettings:
    return SourceSettings(name=name, options=dict(options))


def articles(facts: list[Fact]) -> list[Article]:
    out = [f.value for f in facts]
    assert all(isinstance(a, Article) for a in out)
    return out  # type: ignore[return-value]


# --- names, options and URLs -------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Apple Inc.", "Apple"),
        ("Northwind Traders Inc.", "Northwind Traders"),
        ("Tesla, Inc.", "Tesla"),
        ("Banco Santander, S.A.", "Banco Santander"),
        ("ASML Holding N.V.", "ASML Holding"),
        ("Siemens AG", "Siemens"),
        ("Airbus SE", "Airbus"),
        ("WPP plc", "WPP"),
        ("Ford Motor Co., Ltd.", "Ford Motor"),
        ("Microsoft Corporation", "Microsoft"),
        ("NVIDIA CORP/CA", "NVIDIA"),
        ("The Coca-Cola Company", "Coca-Cola"),
        ("Alphabet Inc. (Google)", "Alphabet"),
        ("Marks and Spencer Group plc", "Marks and Spencer Group"),
        ("Procter & Gamble Co", "Procter & Gamble"),
        ("Ltd", "Ltd"),
    ],
)
def test_search_name_strips_legal_suffixes_and_keeps_case(name: str, expected: str) -> None:
    assert search_name(name) == expected


def test_query_is_the_quoted_name_unless_overridden() -> None:
    assert search_query(ENTITY, {}) == '"Northwind Traders"'
    assert search_query(ENTITY, {"query": ' "Northwind" OR "NWT" '}) == '"Northwind" OR "NWT"'
    assert search_query(ENTITY, {"query": "  "}) == '"Northwind Traders"'


def test_news_window_comes_from_the_run_and_falls_back_to_90() -> None:
    assert window(RunContext(today=TODAY)) == 90
    assert window(RunContext(today=TODAY, news_days=30)) == 30
    assert window(RunContext(today=TODAY, news_days=0)) == 90


def test_exact_urls_for_the_fixture_company() -> None:
    query = search_query(ENTITY, {})
    assert google_news_url(query, 90) == GOOGLE_URL
    assert [gdelt_url(query, m, 90) for m in GDELT_MODES] == [ARTLIST_URL, VOLUME_URL, TONE_URL]
    assert pageviews_url("Northwind Traders", TODAY) == PAGEVIEWS_URL


@pytest.mark.parametrize(
    ("today", "start", "end"),
    [
        (date(2026, 3, 5), date(2025, 3, 1), date(2026, 2, 28)),
        (date(2026, 3, 1), date(2025, 3, 1), date(2026, 2, 28)),
        (date(2026, 1, 15), date(2025, 1, 1), date(2025, 12, 31)),
        (date(2026, 12, 31), date(2025, 12, 1), date(2026, 11, 30)),
        (date(2024, 3, 10), date(2023, 3, 1), date(2024, 2, 29)),
    ],
)
def test_pageviews_window_is_the_12_full_months_before_this_month(
    today: date, start: date, end: date
) -> None:
    assert pageviews_window(today) == (start, end)


def test_pageviews_title_is_underscored_and_percent_encoded() -> None:
    url = pageviews_url("Procter & Gamble (company)/Brands", TODAY)
    assert "/user/Procter_%26_Gamble_%28company%29%2FBrands/monthly/" in url


# --- Google News -------------------------------------------------------------------------


@pytest.fixture
def google() -> list[Fact]:
    return parse_google_news(doc("google_news_northwind.xml", GOOGLE_URL, "google_news"))


def test_google_news_headlines_are_plain_text_with_the_outlet_split_off(
    google: list[Fact],
) -> None:
    items = articles(google)
    assert len(items) == 9
    assert items[0].headline == (
        "Northwind Traders & partners open shared logistics hub in Rotterdam"
    )
    assert items[0].outlet == "Example Wire"
    assert items[1].headline == "Northwind Traders\u2019 Lisbon distribution centre to open in May"
    assert all("<" not in a.headline and "&amp;" not in a.headline for a in items)
    assert all(" - " not in a.headline for a in items)
    # No <source> element: the outlet comes from the " - Outlet" suffix.
    assert (items[5].headline, items[5].outlet) == (
        "Analysts weigh Northwind Traders quarterly results",
        "Placeholder Times",
    )
    assert {a.language for a in items} == {"en"}
    assert items[0].url == "https://news.google.com/rss/articles/CBMiCONSTRUCTED0001?oc=5"


def test_google_news_dates_rfc822_iso_garbage_and_missing(google: list[Fact]) -> None:
    items = articles(google)
    assert items[0].published == datetime(2026, 3, 2, 14, 30, tzinfo=UTC)
    assert items[1].published == datetime(2026, 2, 27, 9, 15, tzinfo=UTC)
    assert items[5].published is None  # "sometime last week"
    assert items[6].published is None  # no pubDate
    assert items[7].published == datetime(2026, 2, 10, 16, 20, tzinfo=UTC)
    assert google[0].provenance.as_of == date(2026, 3, 2)
    assert google[5].provenance.as_of == RETRIEVED.date()


def test_google_news_provenance(google: list[Fact]) -> None:
    prov = google[0].provenance
    assert google[0].field == "news"
    assert (prov.source, prov.url, prov.locator) == ("google_news", GOOGLE_URL, "rss item 1")
    assert prov.licence == HEADLINE_LICENCE
    assert prov.retrieved_at == RETRIEVED
    assert prov.constructed is True


def test_split_outlet() -> None:
    assert split_outlet("A headline - Example Wire", "Example Wire") == (
        "A headline",
        "Example Wire",
    )
    assert split_outlet("A headline - Example Wire") == ("A headline", "Example Wire")
    assert split_outlet("Plain headline", "Demo Gazette") == ("Plain headline", "Demo Gazette")
    assert split_outlet("Plain headline") == ("Plain headline", "")
    assert split_outlet("Q4 - what next - Demo Gazette") == ("Q4 - what next", "Demo Gazette")


def test_a_page_that_is_not_a_feed_is_an_extract_error() -> None:
    bad = Document("google_news", GOOGLE_URL, 200, "text/html", b"<html>nope</html>", RETRIEVED)
    with pytest.raises(ExtractError) as err:
        parse_google_news(bad)
    assert err.value.url == GOOGLE_URL


# --- GDELT -------------------------------------------------------------------------------


def test_gdelt_article_list() -> None:
    facts = parse_gdelt_articles(doc("gdelt_artlist.json", ARTLIST_URL, "gdelt"))
    items = articles(facts)
    assert len(items) == 4  # the row without a usable URL is skipped
    assert items[0].outlet == "examplewire.example"
    assert items[0].published == datetime(2026, 3, 2, 15, 15, tzinfo=UTC)
    assert items[0].url == "https://examplewire.example/business/2026/03/northwind-rotterdam-hub"
    assert [a.language for a in items] == ["en", "fr", "en", "en"]
    assert items[3].headline == "Warehouse fire disrupts Northwind Traders deliveries"
    assert facts[0].provenance.url == ARTLIST_URL
    assert facts[0].provenance.source == "gdelt"
    assert facts[0].field == "news"


def test_gdelt_empty_answer_gives_no_facts() -> None:
    assert parse_gdelt_articles(doc("gdelt_artlist_empty.json", ARTLIST_URL, "gdelt")) == []
    empty = Document("gdelt", ARTLIST_URL, 200, "application/json", b"{}", RETRIEVED)
    assert parse_gdelt_articles(empty) == []
    none = Document("gdelt", ARTLIST_URL, 200, "application/json", b'{"articles": []}', RETRIEVED)
    assert parse_gdelt_articles(none) == []
    assert parse_gdelt_timeline(empty, "TimelineVolRaw") == []


def test_gdelt_throttling_text_is_an_extract_error() -> None:
    throttled = doc("gdelt_throttled.txt", ARTLIST_URL, "gdelt")
    with pytest.raises(ExtractError) as err:
        parse_gdelt_articles(throttled)
    assert err.value.source == "gdelt"
    assert err.value.url == ARTLIST_URL
    assert "Please limit requests to one every 5 seconds" in str(err.value)
    assert "not measured" in str(err.value)
    with pytest.raises(ExtractError):
        Gdelt(settings("gdelt"), FakeClient()).extract(
            [doc("gdelt_throttled.txt", TONE_URL, "gdelt")]
        )


def test_gdelt_volume_timeline() -> None:
    facts = parse_gdelt_timeline(
        doc("gdelt_timelinevolraw.json", VOLUME_URL, "gdelt"), "TimelineVolRaw"
    )
    assert len(facts) == 1
    series = facts[0].value
    assert isinstance(series, Series)
    assert (series.name, series.unit) == ("gdelt_volume", "articles")
    assert series.method.startswith("GDELT DOC 2.0 TimelineVolRaw: number of monitored")
    assert len(series.points) == 90
    assert series.points[0] == (date(2025, 12, 5), 10.0)
    assert series.points[-1][0] == date(2026, 3, 4)
    assert dict(series.points)[date(2026, 2, 10)] == 50.0
    assert sum(v for _, v in series.points) == 1298
    assert facts[0].field == "perception"
    assert facts[0].provenance.as_of == date(2026, 3, 4)
    assert facts[0].provenance.url == VOLUME_URL


def test_gdelt_tone_timeline() -> None:
    facts = parse_gdelt_timeline(doc("gdelt_timelinetone.json", TONE_URL, "gdelt"), "TimelineTone")
    series = facts[0].value
    assert isinstance(series, Series)
    assert (series.name, series.unit) == ("gdelt_tone", "GDELT tone")
    assert "0 is neutral" in series.method
    assert series.points[0] == (date(2025, 12, 5), -0.4)
    assert dict(series.points)[date(2026, 2, 10)] == -2.1662


def test_gdelt_finer_timelines_become_one_point_a_day() -> None:
    rows = [
        '{"date": "20260301T000000Z", "value": 2}',
        '{"date": "20260301T120000Z", "value": 4}',
        '{"date": "20260302T000000Z", "value": 1}',
        '{"date": "garbage", "value": 9}',
        '{"date": "20260303T000000Z"}',
    ]
    body = ('{"timeline": [{"series": "s", "data": [' + ", ".join(rows) + "]}]}").encode()
    vol = Document("gdelt", VOLUME_URL, 200, "application/json", body, RETRIEVED)
    (fact,) = parse_gdelt_timeline(vol, "TimelineVolRaw")
    assert fact.value.points == [(date(2026, 3, 1), 6.0), (date(2026, 3, 2), 1.0)]  # type: ignore[union-attr]
    (fact,) = parse_gdelt_timeline(vol, "TimelineTone")
    assert fact.value.points == [(date(2026, 3, 1), 3.0), (date(2026, 3, 2), 1.0)]  # type: ignore[union-attr]


def test_gdelt_extract_dispatches_on_the_mode_in_the_url() -> None:
    source = Gdelt(settings("gdelt"), FakeClient())
    facts = source.extract(
        [
            doc("gdelt_artlist.json", ARTLIST_URL, "gdelt"),
            doc("gdelt_timelinevolraw.json", VOLUME_URL, "gdelt"),
            doc("gdelt_timelinetone.json", TONE_URL, "gdelt"),
        ]
    )
    assert [f.field for f in facts] == ["news"] * 4 + ["perception"] * 2
    assert [f.value.name for f in facts[4:]] == ["gdelt_volume", "gdelt_tone"]  # type: ignore[union-attr]


# --- your own feeds ----------------------------------------------------------------------


def test_mentions_matches_whole_words_ignoring_case() -> None:
    assert mentions("Inside NORTHWIND traders' plan", "Northwind Traders")
    assert not mentions("The Northwind Tradersville fair", "Northwind Traders")
    assert not mentions("Pineapple prices", "Apple")
    assert not mentions("anything", "")


def test_feed_keeps_items_mentioning_the_company() -> None:
    facts = parse_feed(doc("trade_feed.atom", FEED_URL, "news"), "Northwind Traders")
    items = articles(facts)
    assert [a.headline for a in items] == [
        "Northwind Traders appoints Example Agency for regional campaign",
        "Retail logistics roundup: five warehouses to watch",
    ]
    assert {a.outlet for a in items} == {"Sample Trade Weekly"}  # the feed's title
    assert items[0].published == datetime(2026, 2, 25, 10, tzinfo=UTC)  # Atom <updated>
    assert items[1].published == datetime(2026, 2, 18, 7, 30, tzinfo=UTC)  # <published> wins
    assert items[0].url == "https://sampletradeweekly.example/news/northwind-example-agency"
    assert items[0].language == "en"
    assert facts[0].provenance.url == FEED_URL
    assert facts[0].provenance.locator == "feed item 1"


def test_feeds_source_uses_the_configured_name_as_outlet() -> None:
    client = FakeClient({FEED_URL: fixture("trade_feed.atom")})
    source = Feeds(settings("news", feeds=[{"url": FEED_URL, "name": "Trade Weekly"}]), client)
    assert source.extract([doc("trade_feed.atom", FEED_URL, "news")]) == []  # no term before fetch
    fetched = source.fetch(ENTITY, CTX)
    assert fetched.gaps == []
    assert client.requested == [FEED_URL]
    items = articles(source.extract(fetched.documents))
    assert len(items) == 2
    assert {a.outlet for a in items} == {"Trade Weekly"}


@pytest.mark.parametrize(
    ("query", "term"),
    [
        (None, "Northwind Traders"),
        ('"Northwind"', "Northwind"),
        ("Northwind Traders Lisbon", "Northwind Traders Lisbon"),
        ('"Northwind" OR "NWT"', "Northwind Traders"),  # operators: fall back to the name
        ('"Northwind Traders" -Tradersville', "Northwind Traders"),
    ],
)
def test_feeds_filter_term(query: str | None, term: str) -> None:
    options: dict[str, object] = {"feeds": []} | ({"query": query} if query else {})
    source = Feeds(SourceSettings(name="news", options=options), FakeClient())
    source.fetch(ENTITY, CTX)
    assert source.term == term


def test_feeds_without_configuration_do_nothing() -> None:
    client = FakeClient()
    fetched = Feeds(settings("news", feeds=[]), client).fetch(ENTITY, CTX)
    assert (fetched.documents, fetched.gaps, client.requested) == ([], [], [])
    fetched = Feeds(settings("news"), client).fetch(ENTITY, CTX)
    assert (fetched.documents, fetched.gaps) == ([], [])


def test_feeds_failures_and_bad_urls_are_gaps() -> None:
    feeds = [{"url": FEED_URL, "name": "Trade Weekly"}, {"url": "file:///etc/passwd"}]
    fetched = Feeds(settings("news", feeds=feeds), FakeClient()).fetch(ENTITY, CTX)
    assert fetched.documents == []
    assert [g.url for g in fetched.gaps] == [FEED_URL, "file:///etc/passwd"]
    assert all(g.source == "news" for g in fetched.gaps)


# --- page views --------------------------------------------------------------------------


def test_pageviews_series_and_total() -> None:
    facts = parse_pageviews(doc("pageviews_northwind.json", PAGEVIEWS_URL, "pageviews"))
    series, total = (f.value for f in facts)
    assert isinstance(series, Series) and isinstance(total, Measure)
    assert (series.name, series.unit) == ("pageviews", "views")
    assert "agent=user" in series.method
    assert len(series.points) == 12
    assert series.points[0] == (date(2025, 3, 1), 41230.0)
    assert series.points[-1] == (date(2026, 2, 1), 49675.0)
    assert (total.name, total.value, total.unit) == ("pageviews_total", 563619.0, "views")
    assert (total.start, total.end) == (date(2025, 3, 1), date(2026, 2, 28))
    assert {f.field for f in facts} == {"perception"}
    assert facts[0].provenance.as_of == date(2026, 2, 1)
    assert facts[0].provenance.url == PAGEVIEWS_URL


def test_pageviews_without_items_gives_no_facts_and_bad_json_raises() -> None:
    empty = Document(
        "pageviews", PAGEVIEWS_URL, 200, "application/json", b'{"items": []}', RETRIEVED
    )
    assert parse_pageviews(empty) == []
    bad = Document("pageviews", PAGEVIEWS_URL, 200, "text/html", b"<html>", RETRIEVED)
    with pytest.raises(ExtractError):
        parse_pageviews(bad)


def test_pageviews_fetch_builds_the_window_from_today() -> None:
    client = FakeClient({PAGEVIEWS_URL: fixture("pageviews_northwind.json")})
    source = Pageviews(settings("pageviews"), client)
    fetched = source.fetch(ENTITY, CTX)
    assert client.requested == [PAGEVIEWS_URL]
    assert fetched.gaps == []
    assert len(source.extract(fetched.documents)) == 2


def test_pageviews_without_a_wikipedia_title_is_a_gap() -> None:
    client = FakeClient()
    entity = Entity(name="Northwind Traders Inc.", ids=Identifiers())
    fetched = Pageviews(settings("pageviews"), client).fetch(entity, CTX)
    assert client.requested == []
    assert [g.message for g in fetched.gaps] == ["no Wikipedia article to count views for"]


# --- fetch with a fake client ------------------------------------------------------------


def test_google_news_fetch() -> None:
    client = FakeClient({GOOGLE_URL: fixture("google_news_northwind.xml")})
    source = GoogleNews(settings("google_news"), client)
    fetched = source.fetch(ENTITY, CTX)
    assert client.requested == [GOOGLE_URL]
    assert fetched.gaps == []
    assert len(source.extract(fetched.documents)) == 9


def test_google_news_fetch_uses_the_news_window_and_query_option() -> None:
    client = FakeClient()
    GoogleNews(settings("google_news", query='"NWT"'), client).fetch(
        ENTITY, RunContext(today=TODAY, news_days=30)
    )
    assert client.requested == [
        "https://news.google.com/rss/search?q=%22NWT%22+when%3A30d&hl=en-US&gl=US&ceid=US%3Aen"
    ]


def test_gdelt_fetch_makes_three_requests() -> None:
    client = FakeClient(
        {
            ARTLIST_URL: fixture("gdelt_artlist.json"),
            VOLUME_URL: fixture("gdelt_timelinevolraw.json"),
            TONE_URL: fixture("gdelt_timelinetone.json"),
        }
    )
    fetched = Gdelt(settings("gdelt"), client).fetch(ENTITY, CTX)
    assert client.requested == [ARTLIST_URL, VOLUME_URL, TONE_URL]
    assert fetched.gaps == []
    assert len(fetched.documents) == 3


@pytest.mark.parametrize(
    "make",
    [
        lambda c: GoogleNews(settings("google_news"), c),
        lambda c: Gdelt(settings("gdelt"), c),
        lambda c: Feeds(settings("news", feeds=[{"url": FEED_URL}]), c),
        lambda c: Pageviews(settings("pageviews"), c),
    ],
)
def test_fetch_failures_become_gaps_not_exceptions(make: object) -> None:
    source = make(FakeClient())  # type: ignore[operator]
    fetched = source.fetch(ENTITY, CTX)
    assert fetched.documents == []
    assert fetched.gaps
    assert all(g.source == source.name and "not in snapshot" in g.message for g in fetched.gaps)
    assert source.extract(fetched.documents) == []


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        # Six Colors' link posts end with "↦" (the demo's feed has one).
        (
            "Tim Cook to exit as Apple CEO, replaced by John Ternus ↦",
            "Tim Cook to exit as Apple CEO, replaced by John Ternus",
        ),
        ("Read the full story »", "Read the full story"),
        ("A &raquo; B &amp; C", "A » B & C"),  # a marker inside the title is text
        ("<b>Bold</b>   title", "Bold title"),
    ],
)
def test_clean_headline_drops_trailing_link_markers(raw: str, clean: str) -> None:
    assert clean_headline(raw) == clean
