"""Wikipedia: an infobox written for a national unit is not reported as the whole network's."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest

from dossier.model import Fact, FormerName, Person, Ticker
from dossier.sources.base import Document
from dossier.sources.wikipedia import InfoboxScope, extract_article, infobox_scope, revisions_url
from dossier.sources.wikitext import find_infobox, lead_text
from tests.conftest import values_by_field

FIXTURES = Path(__file__).parent / "fixtures" / "wikipedia"
RETRIEVED = datetime(2026, 11, 20, tzinfo=UTC)
LEAD = (
    "Ogilvy is a New York City-based British advertising, marketing, and public relations agency "
    "with a worldwide network of offices."
)
UNIT_FIELDS = (
    "employees",
    "revenue",
    "net_income",
    "total_assets",
    "headquarters",
    "country",
    "founded",
    "key_people",
    "founders",
    "org_type",
    "website",
    "tickers",
    "former_names",
)


def doc(body: bytes, title: str) -> Document:
    return Document(
        source="wikipedia",
        url=revisions_url("en", title),
        status=200,
        content_type="application/json",
        body=body,
        retrieved_at=RETRIEVED,
        constructed=True,
    )


def from_fixture(name: str, title: str) -> list[Fact]:
    return extract_article(doc((FIXTURES / name).read_bytes(), title))


def from_wikitext(content: str, title: str) -> list[Fact]:
    revision = {"revid": 7, "slots": {"main": {"content": content}}}
    body = {"query": {"pages": [{"title": title, "revisions": [revision]}]}}
    return extract_article(doc(json.dumps(body).encode(), title))


def wikitext_of(name: str) -> str:
    page = json.loads((FIXTURES / name).read_bytes())["query"]["pages"][0]
    return page["revisions"][0]["slots"]["main"]["content"]


def test_fixtures_are_labelled_constructed() -> None:
    for name in (
        "agency_network_uk_infobox.json",
        "agency_network_matching_infobox.json",
        "agency_network_group_infobox.json",
        "wpp_plc_revisions.json",
    ):
        assert "_constructed" in json.loads((FIXTURES / name).read_bytes())
        assert wikitext_of(name).startswith("<!-- CONSTRUCTED")
        assert f"`{name}`" in (FIXTURES / "README.md").read_text(encoding="utf-8")


# --- the network's page with an "Ogilvy UK" infobox ---------------------------------------------


@pytest.fixture
def uk() -> list[Fact]:
    return from_fixture("agency_network_uk_infobox.json", "Ogilvy")


def test_unit_figures_are_not_the_networks(uk: list[Fact]) -> None:
    got = values_by_field(uk)
    for field in UNIT_FIELDS:
        assert field not in got, field
    assert all("1,200" not in f.display() and "London" not in f.display() for f in uk)
    assert all(f.display() != "A. N. Example (CEO)" for f in uk)


def test_unit_is_reported_as_a_subsidiary_with_a_scope_note(uk: list[Fact]) -> None:
    got = values_by_field(uk)
    assert got["subsidiaries"] == ["Ogilvy UK"]
    assert got["scope_note"] == [
        "The Wikipedia infobox describes Ogilvy UK, not Ogilvy as a whole; "
        "its figures were not used."
    ]
    facts = {f.field: f for f in uk}
    assert facts["subsidiaries"].provenance.locator == "infobox name (describes a national unit)"
    assert facts["scope_note"].provenance.locator == "infobox name"
    assert facts["scope_note"].provenance.constructed is True


def test_subject_name_and_description_come_from_title_and_lead(uk: list[Fact]) -> None:
    got = values_by_field(uk)
    assert got["common_name"] == ["Ogilvy"]
    assert got["description"] == [LEAD]
    facts = {f.field: f for f in uk}
    assert facts["common_name"].provenance.locator == "title"
    assert facts["description"].provenance.locator == "lead"


def test_parent_is_kept_only_when_it_is_not_the_subject(uk: list[Fact]) -> None:
    # The unit's infobox lists "Ogilvy" (the subject itself) and "WPP plc" as parents.
    assert values_by_field(uk)["parent"] == ["WPP plc"]
    # Industry is not a figure of the unit: the unit works in its network's industry.
    assert values_by_field(uk)["industry"] == ["Advertising", "Public relations"]


def test_scope_of_the_uk_fixture_is_explained() -> None:
    content = wikitext_of("agency_network_uk_infobox.json")
    scope = infobox_scope("Ogilvy", find_infobox(content), lead_text(content))
    assert scope == InfoboxScope(
        matches=False,
        infobox_name="Ogilvy UK",
        reason="the infobox name 'Ogilvy UK' is the page title 'Ogilvy' plus the place "
        "qualifier 'UK', so it describes a national or local unit",
    )


# --- controls: the infobox describes the subject ------------------------------------------------


def test_matching_infobox_is_used_as_before() -> None:
    got = values_by_field(from_fixture("agency_network_matching_infobox.json", "Ogilvy"))
    assert got["common_name"] == ["Ogilvy"]
    assert got["headquarters"] == ["New York City, U.S."]
    assert got["founded"] == ["1948"]
    assert got["founders"] == ["David Ogilvy"]
    assert got["former_names"] == [FormerName(name="Ogilvy & Mather")]
    assert got["parent"] == ["WPP plc"]
    assert got["description"] == [LEAD]
    assert "scope_note" not in got and "subsidiaries" not in got


def test_group_qualifier_is_the_same_entity() -> None:
    got = values_by_field(from_fixture("agency_network_group_infobox.json", "Ogilvy"))
    assert got["common_name"] == ["Ogilvy Group"]
    assert got["headquarters"] == ["New York City, U.S."]
    assert got["founders"] == ["David Ogilvy"]
    assert "scope_note" not in got and "subsidiaries" not in got


def test_wpp_plc_infobox_matches_its_title() -> None:
    got = values_by_field(from_fixture("wpp_plc_revisions.json", "WPP plc"))
    assert got["common_name"] == ["WPP plc"]
    assert got["headquarters"] == ["London, England, UK"]
    assert got["tickers"] == [Ticker(symbol="WPP", exchange="LSE")]
    assert got["subsidiaries"] == ["Ogilvy"]
    assert "scope_note" not in got


# --- the rule itself ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("title", "name", "qualifier"),
    [
        ("Ogilvy", "Ogilvy UK", "UK"),
        ("Ogilvy", "Ogilvy U.K. Limited", "UK"),
        ("Ogilvy", "Ogilvy India Pvt Ltd", "India"),
        ("Ogilvy", "Ogilvy New York", "New York"),
        ("Ogilvy", "Ogilvy Asia Pacific", "Asia Pacific"),
        ("Ogilvy", "Ogilvy EMEA", "EMEA"),
        ("Ogilvy", "Ogilvy & Mather Germany", "Germany"),
        ("Honda (company)", "Honda USA", "USA"),
    ],
)
def test_place_qualifier_means_a_narrower_unit(title: str, name: str, qualifier: str) -> None:
    scope = infobox_scope(title, {"name": name})
    assert scope.matches is False and scope.infobox_name == name
    assert f"plus the place qualifier {qualifier!r}" in scope.reason


@pytest.mark.parametrize(
    ("title", "name"),
    [
        ("Ogilvy", "Ogilvy"),
        ("Ogilvy", "Ogilvy Group"),
        ("Ogilvy", "Ogilvy Worldwide"),
        ("Ogilvy", "Ogilvy Global"),
        ("Ogilvy", "Ogilvy International"),
        ("Ogilvy", "Ogilvy Inc."),
        ("Ogilvy", "Ogilvy Holdings plc"),
        ("WPP plc", "WPP plc"),
        ("WPP plc", "WPP"),
        ("Apple Inc.", "Apple Inc."),
        ("Statoil", "Statoil ASA"),
        ("Air India", "Air India Limited"),
        ("Mother (advertising agency)", "Mother"),
    ],
)
def test_same_entity_names_match(title: str, name: str) -> None:
    scope = infobox_scope(title, {"name": name}, "a worldwide network")
    assert scope.matches is True
    assert scope.reason.startswith(f"the infobox name {name!r} is the page title")


def test_other_name_differences_are_not_guessed_at() -> None:
    scope = infobox_scope("Ogilvy", {"name": "Ogilvy & Mather Worldwide"}, LEAD)
    assert scope.matches is True
    assert "nothing says it describes a narrower unit" in scope.reason


def test_one_country_area_served_against_a_worldwide_lead() -> None:
    box = {"name": "O&M", "area_served": "[[United Kingdom]]"}
    scope = infobox_scope("Ogilvy", box, "Ogilvy has offices in over 80 countries.")
    assert scope.matches is False
    assert scope.reason == (
        "the infobox name 'O&M' differs from the page title 'Ogilvy', its area_served is "
        "'United Kingdom' alone, and the lead says 'offices in over 80 countries'"
    )
    # Not without the worldwide lead, nor when the names are the same entity.
    assert infobox_scope("Ogilvy", box, "Ogilvy is an agency in London.").matches is True
    same = {"name": "Ogilvy", "area_served": "United Kingdom"}
    assert infobox_scope("Ogilvy", same, "a worldwide network").matches is True


def test_head_office_country_alone_is_not_a_signal() -> None:
    box = {"name": "Ogilvy", "hq_location_country": "United States"}
    assert infobox_scope("Ogilvy", box, LEAD).matches is True


def test_no_infobox_or_no_name_matches() -> None:
    assert infobox_scope("Ogilvy", None) == InfoboxScope(
        True, "", "the article has no company infobox"
    )
    assert infobox_scope("Ogilvy", {"industry": "Advertising"}).matches is True


def test_nynorsk_name_parameter_is_used() -> None:
    # The Nynorsk parameter map applies to the Nynorsk wiki ("nn"), not to English articles.
    scope = infobox_scope("Statoil", {"namn": "Statoil Noreg"}, lang="nn")
    assert scope.matches is False and scope.infobox_name == "Statoil Noreg"
    assert infobox_scope("Statoil", {"namn": "Statoil ASA"}, lang="nn").matches is True


def test_inline_unit_infobox_keeps_only_safe_facts() -> None:
    wikitext = (
        "{{Infobox company|name=Ogilvy India|hq_location=[[Mumbai]]|num_employees=500"
        "|revenue={{INR|10 billion}}|founded=1928|key_people=X Y (CEO)|parent=[[Ogilvy Group]]"
        "|traded_as={{NSE|OGV}}|subsid=Z Ltd}}\n'''Ogilvy''' is a global agency."
    )
    facts = from_wikitext(wikitext, "Ogilvy")
    assert [(f.field, f.display()) for f in facts] == [
        ("common_name", "Ogilvy"),
        ("subsidiaries", "Ogilvy India"),
        (
            "scope_note",
            "The Wikipedia infobox describes Ogilvy India, not Ogilvy as a whole; "
            "its figures were not used.",
        ),
        ("description", "Ogilvy is a global agency."),
    ]
    assert facts[0].provenance.url == "https://en.wikipedia.org/w/index.php?title=Ogilvy&oldid=7"


def test_matching_inline_infobox_is_unchanged() -> None:
    wikitext = "{{Infobox company|name=Ogilvy|key_people=X Y (CEO)}}\n'''Ogilvy''' is an agency."
    got = values_by_field(from_wikitext(wikitext, "Ogilvy"))
    assert got["key_people"] == [Person(name="X Y", role="CEO")]
    assert got["common_name"] == ["Ogilvy"]
