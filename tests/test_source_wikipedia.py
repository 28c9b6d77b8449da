"""Wikipedia source: pure extraction from fixtures, and fetch with a fake client (no network)."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest

from dossier.errors import ConfigError, ExtractError, FetchError, NotInSnapshot
from dossier.model import Fact, FormerName, Identifiers, Money, Person, Quantity, Ticker
from dossier.sources.base import Document, Entity, RunContext
from dossier.sources.wikipedia import (
    Wikipedia,
    article_url,
    clean_name,
    extract_article,
    pick_title,
    revisions_url,
    search_url,
)
from tests.conftest import values_by_field

FIXTURES = Path(__file__).parent / "fixtures" / "wikipedia"
RETRIEVED = datetime(2026, 11, 20, tzinfo=UTC)
APPLE_REV_URL = (
    "https://en.wikipedia.org/w/api.php?action=query&prop=revisions"
    "&rvprop=content|ids|timestamp&rvslots=main&titles=Apple+Inc.&redirects=1"
    "&format=json&formatversion=2"
)
APPLE_SEARCH_URL = (
    "https://en.wikipedia.org/w/api.php?action=query&list=search&srsearch=Apple+Inc."
    "&srnamespace=0&srlimit=5&format=json&formatversion=2"
)
APPLE_PERMALINK = "https://en.wikipedia.org/w/index.php?title=Apple_Inc.&oldid=1250000000"


CTX = RunContext(today=date(2026, 3, 5))


def doc(body: bytes, url: str = APPLE_REV_URL) -> Document:
    return Document(
        source="wikipedia",
        url=url,
        status=200,
        content_type="application/json",
        body=body,
        retrieved_at=RETRIEVED,
        constructed=True,
    )


def revisions_body(content: str, title: str, **rev: Any) -> bytes:
    """A minimal formatversion=2 revisions envelope built by hand around some wikitext."""
    revision = {**rev, "slots": {"main": {"content": content}}}
    return json.dumps({"query": {"pages": [{"title": title, "revisions": [revision]}]}}).encode()


@pytest.fixture
def apple() -> list[Fact]:
    return extract_article(doc((FIXTURES / "apple_inc_revisions.json").read_bytes()))


@pytest.fixture
def statoil() -> list[Fact]:
    # The real Nynorsk wikitext, wrapped by this test in a hand-built revisions envelope
    # (its revision id and timestamp are unknown, so none are given).
    wikitext = (FIXTURES / "statoil_nn.wikitext").read_text(encoding="utf-8")
    return extract_article(doc(revisions_body(wikitext, "Statoil"), revisions_url("nn", "Statoil")))


def test_urls() -> None:
    assert search_url("en", "Apple Inc.") == APPLE_SEARCH_URL
    assert revisions_url("en", "Apple Inc.") == APPLE_REV_URL
    assert article_url("en", "Apple Inc.") == "https://en.wikipedia.org/wiki/Apple_Inc."
    assert article_url("en", "AT&T") == "https://en.wikipedia.org/wiki/AT%26T"
    assert article_url("nn", "Statoil") == "https://nn.wikipedia.org/wiki/Statoil"


def test_apple_every_field(apple: list[Fact]) -> None:
    got = values_by_field(apple)
    assert got["common_name"] == ["Apple Inc."]
    assert got["former_names"] == [FormerName(name="Apple Computer, Inc.")]
    assert got["org_type"] == ["Public"]
    assert got["industry"] == ["Consumer electronics", "Software", "Online services"]
    assert got["founded"] == ["1976-04-01"]
    assert got["founders"] == ["Steve Jobs", "Steve Wozniak", "Ronald Wayne"]
    assert got["headquarters"] == ["Apple Park, Cupertino, California, U.S."]
    assert "country" not in got
    assert got["key_people"] == [
        Person(name="Tim Cook", role="CEO"),
        Person(name="Arthur Levinson", role="Chairman"),
    ]
    assert got["employees"] == [Quantity(amount=164_000.0)]
    assert got["revenue"] == [Money(amount=391_035_000_000.0, currency="USD")]
    assert got["net_income"] == [Money(amount=93_736_000_000.0, currency="USD")]
    assert got["total_assets"] == [Money(amount=364_980_000_000.0, currency="USD")]
    assert "parent" not in got
    assert got["subsidiaries"] == [
        "Beats Electronics",
        "Braeburn Capital",
        "Claris",
        "Apple Studios",
    ]
    assert got["website"] == ["apple.com"]
    assert got["tickers"] == [Ticker(symbol="AAPL", exchange="NASDAQ")]
    assert got["description"] == [
        "Apple Inc. is an American multinational technology company headquartered in "
        "Cupertino, California."
    ]


def test_apple_provenance(apple: list[Fact]) -> None:
    facts = {f.field: f for f in apple}
    for f in apple:
        p = f.provenance
        assert p.source == "wikipedia" and p.licence == "CC BY-SA 4.0"
        assert p.url == APPLE_PERMALINK
        assert p.retrieved_at == RETRIEVED and p.constructed is True
    assert facts["revenue"].provenance.as_of == date(2024, 1, 1)
    assert facts["revenue"].period == "2024"
    assert facts["revenue"].provenance.locator == "infobox:revenue"
    assert facts["employees"].provenance.as_of == date(2024, 1, 1)
    assert facts["employees"].period == "2024"
    # No year companion: the revision's timestamp date.
    assert facts["founded"].provenance.as_of == date(2024, 11, 15)
    assert facts["founders"].provenance.locator == "infobox:founders"
    assert facts["description"].provenance.locator == "lead"
    assert facts["former_names"].period == "1977–2007"


def test_statoil_real_nynorsk_infobox(statoil: list[Fact]) -> None:
    got = values_by_field(statoil)
    assert got["common_name"] == ["Statoil ASA"]
    assert got["founded"] == ["1972-09-18"]
    assert got["headquarters"] == ["Stavanger, Noreg"]
    # Roles through the Nynorsk parameter map, in English; never the Nynorsk words.
    assert got["key_people"] == [
        Person(name="Svein Rennemo", role="chair of the board (acting)"),
        Person(name="Helge Lund", role="director"),
    ]
    assert got["employees"] == [Quantity(amount=29_500.0)]
    assert got["revenue"] == [Money(amount=650_000_000_000.0, currency="NOK")]
    assert got["website"] == ["www.statoil.com"]
    # Free text in another language (company form "Allmenaksjeføretak", industry "Energi", the
    # lead "Statoil ASA er eit børsnotert oljeselskap ...") is never shown as our English voice.
    assert "org_type" not in got and "industry" not in got and "description" not in got
    assert "tickers" not in got and "country" not in got


def test_statoil_provenance_without_revision(statoil: list[Fact]) -> None:
    facts = {f.field: f for f in statoil}
    assert facts["common_name"].provenance.url == "https://nn.wikipedia.org/wiki/Statoil"
    assert facts["common_name"].provenance.locator == "infobox:namn"
    assert facts["key_people"].provenance.locator == "infobox:direktør"
    assert facts["employees"].period is None
    assert facts["employees"].provenance.as_of == RETRIEVED.date()


def test_missing_page_gives_no_facts() -> None:
    body = json.dumps({"query": {"pages": [{"ns": 0, "title": "Nope Inc.", "missing": True}]}})
    assert extract_article(doc(body.encode())) == []


def test_not_json_is_an_extract_error() -> None:
    with pytest.raises(ExtractError):
        extract_article(doc(b"<html>oops</html>"))


def test_article_without_infobox_still_gives_description() -> None:
    body = revisions_body("'''Foo''' is a company.<ref>x</ref>\n== A ==\nmore", "Foo", revid=7)
    facts = extract_article(doc(body))
    assert [(f.field, f.value) for f in facts] == [("description", "Foo is a company.")]
    assert facts[0].provenance.url == "https://en.wikipedia.org/w/index.php?title=Foo&oldid=7"


def test_unparseable_money_is_skipped() -> None:
    wikitext = (
        "{{Infobox company|name=X|revenue=$5 billion|net_income=undisclosed|assets=kr 5 mrd}}"
    )
    got = values_by_field(extract_article(doc(revisions_body(wikitext, "X"))))
    assert "revenue" not in got and "net_income" not in got and "total_assets" not in got


def test_city_country_and_year_companions() -> None:
    wikitext = (
        "{{Infobox company|name=Y|hq_location_city=[[London]]|hq_location_country=England"
        "|profit={{GBP|1.5 billion}}|profit_year=2023|parent=[[Z plc]]|founder=A, B and C}}"
    )
    facts = extract_article(doc(revisions_body(wikitext, "Y")))
    got = values_by_field(facts)
    assert got["headquarters"] == ["London, England"]
    assert got["country"] == ["England"]
    assert got["net_income"] == [Money(amount=1_500_000_000.0, currency="GBP")]
    assert got["parent"] == ["Z plc"]
    assert got["founders"] == ["A", "B", "C"]
    ni = next(f for f in facts if f.field == "net_income")
    assert ni.provenance.as_of == date(2023, 1, 1) and ni.provenance.locator == "infobox:profit"


def test_hostile_values_come_out_as_plain_text() -> None:
    wikitext = (
        "{{Infobox company\n| name = <script>alert('x')</script>Evil Corp\n"
        "| industry = <img src=x onerror=alert(1)>Widgets\n"
        "| hq_location = file:///etc/passwd\n| website = {{URL|file:///etc/passwd}}\n}}"
    )
    facts = extract_article(doc(revisions_body(wikitext, "Evil Corp")))
    got = values_by_field(facts)
    assert got["common_name"] == ["Evil Corp"]
    assert got["industry"] == ["Widgets"]
    assert got["headquarters"] == ["file:///etc/passwd"]  # plain text; the renderer escapes it
    assert "website" not in got  # only http(s) addresses or bare host names count as websites
    assert all("<" not in f.display() for f in facts)


class FakeClient:
    """Serves recorded documents by exact URL; anything else is not in the snapshot."""

    def __init__(self, docs: dict[str, Document]) -> None:
        self.docs = docs
        self.calls: list[str] = []

    def get(self, url: str, source: str) -> Document:
        assert source == "wikipedia"
        self.calls.append(url)
        if url not in self.docs:
            raise NotInSnapshot("wikipedia", url)
        return self.docs[url]


def settings(**options: Any) -> SimpleNamespace:
    return SimpleNamespace(options=options)


def apple_docs() -> dict[str, Document]:
    rev = (FIXTURES / "apple_inc_revisions.json").read_bytes()
    search = (FIXTURES / "search_apple_inc.json").read_bytes()
    return {APPLE_REV_URL: doc(rev), APPLE_SEARCH_URL: doc(search, APPLE_SEARCH_URL)}


def test_fetch_with_known_title() -> None:
    client = FakeClient(apple_docs())
    source = Wikipedia(settings(), client)  # type: ignore[arg-type]
    entity = Entity(name="Apple", ids=Identifiers(wikipedia_title="Apple Inc."))
    fetched = source.fetch(entity, CTX)
    assert client.calls == [APPLE_REV_URL]
    assert fetched.gaps == []
    assert values_by_field(source.extract(fetched.documents))["common_name"] == ["Apple Inc."]


def test_fetch_searches_when_no_title() -> None:
    client = FakeClient(apple_docs())
    source = Wikipedia(settings(language="en"), client)  # type: ignore[arg-type]
    fetched = source.fetch(Entity(name="Apple Inc.", ids=Identifiers()), CTX)
    assert client.calls == [APPLE_SEARCH_URL, APPLE_REV_URL]
    assert fetched.gaps == [] and len(fetched.documents) == 2
    facts = source.extract(fetched.documents)  # the search document is ignored
    assert values_by_field(facts)["tickers"] == [Ticker(symbol="AAPL", exchange="NASDAQ")]


def test_fetch_unknown_url_is_a_gap_not_an_exception() -> None:
    client = FakeClient({})
    source = Wikipedia(settings(language="nn"), client)  # type: ignore[arg-type]
    fetched = source.fetch(Entity(name="Statoil", ids=Identifiers(wikipedia_title="Statoil")), CTX)
    url = revisions_url("nn", "Statoil")
    assert fetched.documents == []
    assert len(fetched.gaps) == 1
    gap = fetched.gaps[0]
    assert gap.source == "wikipedia" and gap.url == url and gap.message == f"not in snapshot: {url}"


def test_fetch_http_error_is_a_gap() -> None:
    class Failing:
        def get(self, url: str, source: str) -> Document:
            raise FetchError("wikipedia", "HTTP 503 from en.wikipedia.org", url, 503)

    fetched = Wikipedia(settings(), Failing()).fetch(  # type: ignore[arg-type]
        Entity(name="Apple Inc.", ids=Identifiers()), CTX
    )
    assert [g.message for g in fetched.gaps] == ["HTTP 503 from en.wikipedia.org"]
    assert fetched.gaps[0].url == APPLE_SEARCH_URL


def test_fetch_search_without_match_is_a_gap() -> None:
    url = search_url("en", "Mother London")
    body = json.dumps({"query": {"search": [{"ns": 0, "title": "Mother"}]}}).encode()
    client = FakeClient({url: doc(body, url)})
    fetched = Wikipedia(settings(), client).fetch(  # type: ignore[arg-type]
        Entity(name="Mother London", ids=Identifiers()), CTX
    )
    assert client.calls == [url]
    assert [g.message for g in fetched.gaps] == ["no Wikipedia article found for Mother London"]


def test_fetch_missing_page_is_a_gap() -> None:
    url = revisions_url("en", "Nope Inc.")
    body = json.dumps({"query": {"pages": [{"title": "Nope Inc.", "missing": True}]}}).encode()
    source = Wikipedia(settings(), FakeClient({url: doc(body, url)}))  # type: ignore[arg-type]
    fetched = source.fetch(Entity(name="Nope", ids=Identifiers(wikipedia_title="Nope Inc.")), CTX)
    assert len(fetched.documents) == 1 and fetched.gaps[0].url == url
    assert source.extract(fetched.documents) == []


def test_bad_language_option_is_a_config_error() -> None:
    with pytest.raises(ConfigError):
        Wikipedia(settings(language="evil.com/x"), FakeClient({}))  # type: ignore[arg-type]


def test_pick_title_and_clean_name() -> None:
    results = [{"title": "History of Apple Inc."}, {"title": "Apple Inc."}]
    assert pick_title(results, "Apple") == "Apple Inc."
    assert pick_title(results, "apple inc") == "Apple Inc."
    assert pick_title([{"title": "Mother (advertising agency)"}], "Mother") == (
        "Mother (advertising agency)"
    )
    assert pick_title([{"title": "Mother (film)"}], "Mother") is None
    assert pick_title([], "Apple") is None
    assert clean_name("WPP plc") == "wpp"
    assert clean_name("Omnicom Group Inc.") == "omnicom group"
    assert clean_name("Apple Computer, Inc.") == "apple computer"


def test_german_infobox_unternehmen_through_its_parameter_map() -> None:
    # CONSTRUCTED wikitext (a fictional agency): German numbers, money, dates and roles.
    wikitext = (FIXTURES / "beispiel_werbeagentur_de.wikitext").read_text(encoding="utf-8")
    title = "Beispiel Werbeagentur"
    facts = extract_article(doc(revisions_body(wikitext, title), revisions_url("de", title)))
    got = values_by_field(facts)
    assert got["common_name"] == ["Beispiel Werbeagentur GmbH"]
    assert got["founded"] == ["1981-03-16"]
    assert got["founders"] == ["Anna Beispiel"]
    assert got["headquarters"] == ["Hamburg, Germany"]
    # A role is kept only in English ("Geschäftsführerin" is mapped; "Kreativdirektor" is not).
    assert got["key_people"] == [
        Person(name="Anna Beispiel", role="managing director"),
        Person(name="Karl Muster", role=""),
    ]
    assert got["employees"] == [Quantity(amount=1250.0)]
    assert got["revenue"] == [Money(amount=182_500_000.0, currency="EUR")]
    by_field = {f.field: f for f in facts}
    assert by_field["employees"].period == "2023" and by_field["revenue"].period == "2023"
    assert by_field["employees"].provenance.locator == "infobox:Mitarbeiterzahl"
    assert by_field["founded"].provenance.url.startswith("https://de.wikipedia.org/")
    # Its German text is never our English voice: no lead, no company form, no industry.
    assert not {"description", "org_type", "industry"} & set(got)


def test_a_wiki_without_a_parameter_map_gives_no_infobox_facts() -> None:
    wikitext = (
        "{{Infobox company\n| name = Exemple SA\n| founded = 1990\n}}\nExemple est une agence."
    )
    facts = extract_article(
        doc(revisions_body(wikitext, "Exemple"), revisions_url("fr", "Exemple"))
    )
    assert facts == []


def test_agency_infobox_parameters_services_divisions_parent() -> None:
    wikitext = (
        "<!-- constructed -->{{Infobox company\n| name = Example Agency\n| parent = Example Group\n"
        "| key_people = Jo Bloggs (CEO)\n| num_employees = 850 (2024)\n"
        "| services = Advertising, Public relations\n| divisions = Example Media; Example PR\n}}\n"
        "'''Example Agency''' is an advertising agency based in London.\n"
    )
    facts = extract_article(doc(revisions_body(wikitext, "Example Agency")))
    got = values_by_field(facts)
    assert got["parent"] == ["Example Group"]
    assert got["key_people"] == [Person(name="Jo Bloggs", role="CEO")]
    assert got["employees"] == [Quantity(amount=850.0)]
    assert got["services"] == ["Advertising", "Public relations"]
    assert got["subsidiaries"] == ["Example Media", "Example PR"]
    assert got["description"] == ["Example Agency is an advertising agency based in London."]
