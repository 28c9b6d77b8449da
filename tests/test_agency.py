"""The agency gazetteer, relation extraction from news text, and the incumbent decision.

Every headline here is constructed for the test (the brand Northwind Traders and the outlets are
fictitious; the agency names are real, the events are not). Real trade-press text is measured
by ``make eval`` (eval/agency_suite.py), not here.
"""

from __future__ import annotations

import tomllib
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest

from dossier.agency import (
    AgencyFinding,
    Gazetteer,
    describe,
    extract_evidence,
    extract_sentence,
    extract_text,
    find_incumbent,
    load_gazetteer,
    relations_of_agency,
)
from dossier.agency.gazetteer import DISCIPLINES, GAZETTEER_FILE, STATUSES, agency_key
from dossier.agency.incumbent import decay
from dossier.agency.mentions import place
from dossier.agency.outlets import is_trade, outlet_kind
from dossier.agency.relations import split_sentences
from dossier.errors import ConfigError
from dossier.model import Article, Fact, Provenance

FIXTURES = Path(__file__).parent / "fixtures" / "agency"
TODAY = date(2026, 3, 15)
COMPANY = "Northwind Traders Inc."


def fact(item: dict) -> Fact:
    """An Article fact built from a dict (headline, outlet, published, url, summary)."""
    published = datetime.fromisoformat(item["published"]) if item["published"] else None
    article = Article(
        headline=item["headline"],
        outlet=item["outlet"],
        published=published,
        url=item["url"],
        summary=item["summary"],
    )
    prov = Provenance(
        source="google_news",
        url="https://news.google.com/rss/search?q=%22Northwind+Traders%22",
        retrieved_at=datetime(2026, 3, 15, tzinfo=UTC),
        as_of=TODAY,
        constructed=True,
    )
    return Fact(field="news", value=article, provenance=prov)


def news(
    headline: str, published: date | None, summary: str = "", outlet: str = "Example Wire"
) -> Fact:
    """An ad-hoc Article fact for one headline ("Example Wire" is general news)."""
    when = published.isoformat() + "T09:00:00+00:00" if published else None
    slug = abs(hash((headline, published, outlet)))
    item = {"headline": headline, "outlet": outlet, "published": when}
    return fact({**item, "url": f"https://{slug}.example/story", "summary": summary})


def trade(headline: str, published: date | None, summary: str = "") -> Fact:
    """The same, from a trade-press outlet (Adweek)."""
    return news(headline, published, summary, outlet="Adweek")


def rel(sentence: str, gaz: Gazetteer) -> set[tuple[str, str, str]]:
    """(brand, agency, status) for every relation one headline states."""
    return {(r.brand, r.agency_name, r.status) for r in extract_text(sentence, "", gaz)}


def decided(finding: AgencyFinding) -> dict[str, tuple[str | None, str]]:
    return {d.role: (d.name, d.status) for d in finding.roles}


# ----------------------------------------------------------------------------- gazetteer


def test_packaged_gazetteer_is_complete_and_valid(gaz: Gazetteer) -> None:
    raw = tomllib.loads(GAZETTEER_FILE.read_text(encoding="utf-8"))["agency"]
    assert len(gaz) == len(raw) >= 150  # nothing the loader rejects is dropped silently
    for entry in gaz:
        assert entry.source.startswith(("https://", "http://")), entry.name
        assert "Special:Search" not in entry.source and "search?" not in entry.source
        assert entry.as_of is not None and entry.as_of <= date(2026, 12, 1), entry.name
        assert entry.holding and entry.discipline and set(entry.discipline) <= set(DISCIPLINES)
        assert entry.status in STATUSES
        for amb in entry.ambiguous:
            assert amb in entry.names
        if entry.status in ("folded", "renamed"):
            assert gaz.get(entry.successor) is not None, entry.name
            assert gaz.current(entry).current, entry.name
        for row in entry.ownership:
            assert row.source.startswith("http"), (entry.name, row)
    holdings = [e.name for e in gaz if "holding" in e.discipline]
    for name in ("WPP", "Omnicom Group", "Publicis Groupe", "Interpublic Group", "Dentsu", "Havas"):
        assert name in holdings
    assert {"Stagwell", "S4 Capital"} <= set(holdings)
    # every former Interpublic agency is Omnicom's today and says since when
    for entry in gaz:
        if any(r.owner == "Interpublic Group" and r.end == "2025-11-26" for r in entry.ownership):
            assert entry.owner_on(date(2019, 6, 1)) == "Interpublic Group", entry.name
            if entry.status != "sold":
                assert entry.holding == "Omnicom Group", entry.name
                assert entry.owner_on(date(2026, 6, 1)) == "Omnicom Group", entry.name


def test_the_provenance_of_the_gazetteer_is_kept() -> None:
    sources = (GAZETTEER_FILE.parent / "agencies-sources.md").read_text(encoding="utf-8")
    assert "agencies-sources.md" in GAZETTEER_FILE.read_text(encoding="utf-8")[:2000]
    raw = tomllib.loads(GAZETTEER_FILE.read_text(encoding="utf-8"))["agency"]
    cited = {a["source"] for a in raw}
    assert all(url in sources for url in cited)


def test_every_cited_page_is_listed_once_and_is_no_search_page() -> None:
    """Each entry's page and each ownership and history row's page is a page that was read (no
    search page) and is listed, once, in agencies-sources.md with what it confirmed."""
    from dossier.agency.gazetteer import _SEARCH_PAGE

    sources = (GAZETTEER_FILE.parent / "agencies-sources.md").read_text(encoding="utf-8")
    pages = sources.split("## Per-agency facts")[
        0
    ]  # the page list (the fact rows are listed after it)
    listed = [
        line.split(" — ", 1)[0][2:] for line in pages.splitlines() if line.startswith("- http")
    ]
    raw = tomllib.loads(GAZETTEER_FILE.read_text(encoding="utf-8"))["agency"]
    cited = {a["source"] for a in raw} | {
        row["source"] for a in raw for key in ("ownership", "history") for row in a.get(key, [])
    }
    assert len(raw) >= 290  # 205 from the rebuild + 86 added for issue 17
    for url in cited:
        assert not _SEARCH_PAGE.search(url), url
        assert url in listed or url in sources, url
    new = [line for line in listed if line in cited]
    assert len(new) == len(set(new))  # listed once


@pytest.mark.parametrize(
    ("written", "today", "owner_then"),
    [
        ("McCann Erickson", "McCann", "Interpublic Group"),  # IPG's McCann in 2019: Omnicom's now
        ("DDB", "TBWA Worldwide", "Omnicom Group"),  # folded into TBWA (December 2025)
        ("GroupM", "WPP Media", "WPP"),  # renamed May 2025
        ("Leo Burnett", "Leo", "Publicis Groupe"),  # renamed January 2025
    ],
)
def test_renamed_and_folded_brands_map_to_today(
    gaz: Gazetteer, written: str, today: str, owner_then: str
) -> None:
    entry = gaz.match(written)
    assert entry is not None
    assert gaz.current(entry).name == today
    assert entry.owner_on(date(2019, 6, 1)) == owner_then


def test_no_name_or_alias_is_claimed_by_two_entries(gaz: Gazetteer) -> None:
    owner: dict[str, str] = {}
    for entry in gaz:
        for name in entry.names:
            key = agency_key(name)
            assert owner.setdefault(key, entry.name) == entry.name, (name, owner[key])
            assert gaz.match(name) is entry, name
            hits = gaz.find_in(f"News: {name} said so.")
            assert hits and hits[0][0] is entry, name


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("Ogilvy & Mather Worldwide, Inc.", "Ogilvy"),
        ("Ogilvy and Mather", "Ogilvy"),
        ("W+K", "Wieden+Kennedy"),
        ("Wieden and Kennedy", "Wieden+Kennedy"),
        ("Wieden Kennedy", "Wieden+Kennedy"),
        ("Weiden+Kennedy", "Wieden+Kennedy"),  # typo: fuzzy match
        ("TBWA\\Chiat\\Day", "TBWA\\Chiat\\Day"),
        ("TBWA/Chiat/Day", "TBWA\\Chiat\\Day"),
        ("BBDO Worldwide Inc.", "BBDO"),
        ("The Interpublic Group of Companies, Inc.", "Interpublic Group"),
        ("Publicis Groupe S.A.", "Publicis Groupe"),
        ("Leo Burnett", "Leo Burnett"),  # the renamed entry, whose successor is Leo
        ("Media.Monks", "Monks"),
        ("R/GA", "R/GA"),
        ("Mother Ltd", "Mother"),
        ("Motherboard", None),
        ("Mother's Day", None),
        ("mother", None),
        ("Northwind Traders", None),
    ],
)
def test_match(gaz: Gazetteer, query: str, expected: str | None) -> None:
    entry = gaz.match(query)
    assert (entry.name if entry else None) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Northwind Traders hires W+K and OMD", ["W+K", "OMD"]),
        ("TBWA\\Chiat\\Day beat TBWA", ["TBWA\\Chiat\\Day", "TBWA"]),  # longest first
        ("Ogilvy & Mather Worldwide opened", ["Ogilvy & Mather"]),
        ("Mother wins the account", ["Mother"]),
        ("Mother's campaign for the brand", ["Mother"]),
        ("A Mother's Day sale", []),
        ("A Mother’s Day sale", []),
        ("his mother said", []),
        ("the Motherboard range", []),
        ("um, the phd student and the omd", []),  # short all-caps aliases are case-sensitive
        ("brand mindshare grew", []),
        ("Earl Grey tea", []),
        # names added for issue 17 that are also ordinary words: only as written
        ("Uber hails a taxi; search engine traffic; a critical mass of brands", []),
        ("an orchard, a hotwire, the archetype of the hallway", []),
        ("Taxi wins the account from Engine", ["Taxi", "Engine"]),
    ],
)
def test_find_in(gaz: Gazetteer, text: str, expected: list[str]) -> None:
    assert [text[s:e] for _entry, s, e in gaz.find_in(text)] == expected


def test_user_file_overrides_and_adds(tmp_path: Path) -> None:
    user = tmp_path / "agencies.toml"
    user.write_text(
        "[[agency]]\n"
        'name = "Mother"\naliases = ["Mother NY"]\nambiguous = ["Mother"]\n'
        'holding = "independent"\ndiscipline = ["creative", "media"]\nhq = "New York City"\n'
        'source = "https://example.org/mother"\n\n'
        "[[agency]]\n"
        'name = "Sample Studio"\ndiscipline = "digital"\nholding = "independent"\n',
        encoding="utf-8",
    )
    gaz = load_gazetteer(user)
    assert len(gaz) == len(load_gazetteer()) + 1
    mother = gaz.match("Mother NY")
    assert (
        mother is not None
        and mother.hq == "New York City"
        and mother.discipline == ("creative", "media")
    )
    assert gaz.match("Mother") is mother
    assert gaz.match("Sample Studio").discipline == ("digital",)  # type: ignore[union-attr]
    assert [e.name for e in gaz].count("Mother") == 1


@pytest.mark.parametrize(
    ("body", "message"),
    [
        (
            '[[agency]]\nname = "Fine"\ndiscipline = ["creative"]\n\n[[agency]]\nholding = "WPP"\n',
            "agency entry 2",
        ),
        (
            '[[agency]]\nname = "Odd"\ndiscipline = ["advertising"]\n',
            "unknown discipline 'advertising'",
        ),
        ('[[agency]]\nname = "Odd"\n', "has no discipline"),
        ('[[agency]]\nname = "Odd"\ndiscipline = ["pr"]\nwebsites = "x"\n', "unknown keys"),
        ('[[agency]]\nname = "Odd"\ndiscipline = ["pr"]\nstatus = "gone"\n', "unknown status"),
        ('[[agency]]\nname = "Odd"\ndiscipline = ["pr"]\nstatus = "folded"\n', "no successor"),
        (
            '[[agency]]\nname = "Odd"\ndiscipline = ["pr"]\nstatus = "renamed"\nsuccessor = "Nope"\n',
            "successor 'Nope' is not an entry",
        ),
        (
            '[[agency]]\nname = "Odd"\ndiscipline = ["pr"]\n'
            'source = "https://en.wikipedia.org/wiki/Special:Search?search=Odd"\n',
            "search page",
        ),
        ('[[agency]]\nname = "Odd"\ndiscipline = ["pr"]\nas_of = "2026"\n', "TOML date"),
        (
            '[[agency]]\nname = "Odd"\ndiscipline = ["pr"]\n[[agency.ownership]]\n'
            'owner = "X"\nstart = "May 2020"\n',
            "not YYYY",
        ),
        ('[[agency]]\nname = "Odd"\ndiscipline = ["pr"]\nambiguous = ["Even"]\n', "ambiguous name"),
        ("[[agency]\nname = 1\n", "Cannot read"),
    ],
)
def test_bad_user_file_is_a_config_error(tmp_path: Path, body: str, message: str) -> None:
    user = tmp_path / "agencies.toml"
    user.write_text(body, encoding="utf-8")
    with pytest.raises(ConfigError) as info:
        load_gazetteer(user)
    assert str(user) in str(info.value) and message in str(info.value)


def test_missing_user_file_is_a_config_error(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="does not exist"):
        load_gazetteer(tmp_path / "nope.toml")


# ----------------------------------------------------------------------------- relations


def test_split_sentences() -> None:
    assert split_sentences(
        "Northwind Traders Inc. named W+K. The U.S. arm follows. J. Smith said so!"
    ) == [
        "Northwind Traders Inc. named W+K.",
        "The U.S. arm follows.",
        "J. Smith said so!",
    ]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # appointed
        (
            "Northwind Traders names Droga5 its creative agency of record",
            {("Northwind Traders", "Droga5", "appointed")},
        ),
        (
            "Northwind Traders hands its media account to OMD",
            {("Northwind Traders", "OMD", "appointed")},
        ),
        (
            "Weber Shandwick wins Northwind Traders PR account",
            {("Northwind Traders", "Weber Shandwick", "appointed")},
        ),
        (
            "Mindshare has been appointed to handle media for Northwind Traders",
            {("Northwind Traders", "Mindshare", "appointed")},
        ),
        # retained
        (
            "Northwind Traders retains Ogilvy after a creative review",
            {("Northwind Traders", "Ogilvy", "retained")},
        ),
        (
            "PHD holds on to Northwind Traders media business after pitch",
            {("Northwind Traders", "PHD", "retained")},
        ),
        # ended
        (
            "Northwind Traders parts ways with BBDO after 12 years",
            {("Northwind Traders", "BBDO", "ended")},
        ),
        (
            "Havas Media loses Northwind Traders media business",
            {("Northwind Traders", "Havas Media Network", "ended")},
        ),
        # review: with and without the incumbent
        (
            "Northwind Traders puts its creative account in review",
            {("Northwind Traders", "", "review")},
        ),
        (
            "Northwind Traders calls media review, putting Carat on alert",
            {("Northwind Traders", "Carat", "review")},
        ),
        # credit
        (
            "Mother's new campaign for Northwind Traders features a talking bear",
            {("Northwind Traders", "Mother", "credit")},
        ),
        (
            "Northwind Traders' spring campaign was created by BBH",
            {("Northwind Traders", "BBH", "credit")},
        ),
        # an awards story that says whose work it is states a credit (eval/agency/README.md)
        (
            "Northwind Traders ad by Wieden+Kennedy wins Grand Prix at Cannes",
            {("Northwind Traders", "Wieden+Kennedy", "credit")},
        ),
    ],
)
def test_each_status(gaz: Gazetteer, sentence: str, expected: set[tuple[str, str, str]]) -> None:
    assert rel(sentence, gaz) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "Northwind Traders moves its media account from OMD to Mindshare",
            {
                ("Northwind Traders", "OMD", "ended"),
                ("Northwind Traders", "Mindshare", "appointed"),
            },
        ),
        (
            "Northwind Traders drops Ogilvy in favour of Mother",
            {
                ("Northwind Traders", "Ogilvy", "ended"),
                ("Northwind Traders", "Mother", "appointed"),
            },
        ),
        (
            "Northwind Traders has appointed DDB and OMD as its creative and media agencies",
            {
                ("Northwind Traders", "DDB Worldwide", "appointed"),
                ("Northwind Traders", "OMD", "appointed"),
            },
        ),
        (
            "Wavemaker loses Northwind Traders media account to OMD",
            {
                ("Northwind Traders", "Wavemaker", "ended"),
                ("Northwind Traders", "OMD", "appointed"),
            },
        ),
        (
            "Northwind Traders' new Breeze ad from Mother celebrates spring",
            {("Northwind Traders", "Mother", "credit")},  # the brand, not its product
        ),
    ],
)
def test_account_moves_and_several_relations(
    gaz: Gazetteer, sentence: str, expected: set[tuple[str, str, str]]
) -> None:
    assert rel(sentence, gaz) == expected


def test_roles_per_agency(gaz: Gazetteer) -> None:
    found = extract_text(
        "Northwind Traders has appointed DDB and OMD as its creative and media agencies", "", gaz
    )
    assert {r.agency_name: r.role for r in found} == {"DDB Worldwide": "creative", "OMD": "media"}
    (pr,) = extract_text("Northwind Traders hires Golin for public relations", "", gaz)
    assert pr.role == "pr" and pr.role_stated
    (media,) = extract_text("Northwind Traders picks OMD", "", gaz)
    assert media.role == "media" and not media.role_stated  # the gazetteer's first discipline


def test_an_agency_not_in_the_gazetteer(gaz: Gazetteer) -> None:
    (r,) = extract_text(
        "Northwind Traders has appointed Kansas City-based Brightwater Partners as its new ad agency",
        "",
        gaz,
    )
    assert (r.brand, r.agency, r.status, r.in_gazetteer) == (
        "Northwind Traders",
        "Brightwater Partners",
        "appointed",
        False,
    )
    assert r.role == "creative"


def test_the_article_names_the_brand_a_sentence_only_refers_to(gaz: Gazetteer) -> None:
    found = extract_text(
        "Northwind Traders hands media account to Mindshare",
        "The agency won the account from incumbent OMD after a three-month pitch.",
        gaz,
    )
    assert {(r.brand, r.agency_name, r.status) for r in found} == {
        ("Northwind Traders", "Mindshare", "appointed"),
        ("Northwind Traders", "OMD", "ended"),
    }


@pytest.mark.parametrize(
    ("kind", "sentence"),
    [
        ("person_move", "Northwind Traders hires a Wieden+Kennedy strategist as CMO"),
        (
            "person_move",
            "Ogilvy names a former Northwind Traders marketer as its North America president",
        ),
        ("person_move", "Jane Doe, formerly of Ogilvy, joins Northwind Traders as CMO"),
        (
            "person_move",
            "Northwind Traders has appointed Jane Doe as its new chief marketing officer",
        ),
        ("award", "Droga5 named Agency of the Year at the Northwind Traders awards"),
        ("award", "Mother tops the creative agency rankings"),
        ("acquisition", "WPP acquires Northwind Traders' in-house agency"),
        ("layoff", "Ogilvy cuts 40 jobs after layoffs in its London office"),
        ("lost_pitch", "BBDO loses the Northwind Traders pitch"),
        ("shortlist", "Northwind Traders shortlists Mother and BBH for its creative account"),
        ("agency_business", "Mother opens a new office in Berlin"),
        ("person_move", "Droga5 retains creative chief after Accenture deal"),
        ("agency_business", "How Droga5 landed its first Super Bowl spot"),
        ("award", "Amazon picks up Emmy for ad"),
        ("agency_business", "Agency review consultant Ebiquity launches new service"),
        ("other", "Grey Goose vodka launches new ad"),
        ("other", "Audi scraps creative review"),
        ("shortlist", "Mindshare and Wavemaker vie for Northwind Traders' media account"),
        ("award", "Wieden+Kennedy wins Grand Prix at Cannes"),
    ],
)
def test_distractors_give_no_relation(gaz: Gazetteer, kind: str, sentence: str) -> None:
    assert extract_text(sentence, "", gaz) == [], kind


@pytest.mark.parametrize(
    "sentence",
    [
        # a person's title after the object: a hire, not an account (the demo's 8-K headline)
        "Apple names Ben Borders Principal Accounting Officer effective Jan 1, 2026",
        "Northwind Traders appoints Kevan Parekh Chief Financial Officer",
        # a person named after an agency: where the person works, not an account
        "Northwind Traders picks Ogilvy's Sarah Jones to lead marketing",
        "Northwind Traders picks Ogilvy exec Sarah Jones to lead marketing",
    ],
)
def test_a_person_after_the_object_is_a_hire(gaz: Gazetteer, sentence: str) -> None:
    assert extract_text(sentence, "", gaz) == []


def snip(snippet: str, gaz: Gazetteer) -> set[tuple[str, str, str]]:
    """(brand, agency as written, status) for a snippet without a headline."""
    return {(r.brand, r.agency, r.status) for r in extract_text("", snippet, gaz)}


def test_a_brand_led_by_a_first_name_is_an_organisation_when_the_text_says_so(
    gaz: Gazetteer,
) -> None:
    # a classifier before it, or "its" after it
    assert snip("Fitness group Ada Lovell has awarded its media account to Harlow Media.", gaz) == {
        ("Ada Lovell", "Harlow Media", "appointed")
    }
    assert snip("Ada Lovell has awarded its media account to Harlow Media.", gaz) == {
        ("Ada Lovell", "Harlow Media", "appointed")
    }


def test_an_office_of_a_listed_agency_is_no_person(gaz: Gazetteer) -> None:
    # "Leo" is a first name; "Leo Burnett London" is the agency's office
    found = snip(
        "Northwind Traders has handed its global advertising account to Leo Burnett London.", gaz
    )
    assert found == {("Northwind Traders", "Leo Burnett London", "appointed")}


def test_owners_words_keep_a_list_of_agencies_whole(gaz: Gazetteer) -> None:
    found = snip(
        "IPG's UM and Omnicom Group's BBDO have been awarded Northwind's media and "
        "advertising respectively.",
        gaz,
    )
    assert found == {("Northwind", "UM", "appointed"), ("Northwind", "BBDO", "appointed")}


def test_capitals_are_a_dateline_only_where_the_sentence_opens(gaz: Gazetteer) -> None:
    found = snip("Ocean Park has selected WE Communications as its main advertising partner.", gaz)
    assert found == {("Ocean Park", "WE Communications", "appointed")}


def test_a_name_before_an_account_word_is_the_brands_product(gaz: Gazetteer) -> None:
    placed = place("Northwind Traders awards Leo Burnett NorthFresh ad task", gaz)
    assert [n.text for n in placed.names] == ["Northwind Traders", "Leo Burnett", "NorthFresh"]
    # "has handed its Breeze ad account": active, so Northwind is no agency handed Breeze's account
    found = snip("Northwind Traders has handed its Breeze ad account to Leo Burnett.", gaz)
    assert found == {("Northwind Traders", "Leo Burnett", "appointed")}


def test_the_subject_that_owns_the_account_is_the_brand(gaz: Gazetteer) -> None:
    found = snip(
        "-The Northwind Navy is relocating its marketing team as its advertising account moves "
        "from McCann to DDB.",
        gaz,
    )
    assert found == {
        ("The Northwind Navy", "McCann", "ended"),
        ("The Northwind Navy", "DDB", "appointed"),
    }


@pytest.mark.parametrize(
    ("snippet", "expected"),
    [
        (
            "Northwind Traders' media buying is with OMD Canada.",
            ("Northwind Traders", "OMD Canada", "credit"),
        ),
        (
            'Northwind Traders\' campaign "Highway Gallery" from TBWA\\RAAD Dubai.',
            ("Northwind Traders", "TBWA\\RAAD Dubai", "credit"),
        ),
        (
            "Northwind Traders' new ad, by Droga5, features a bear.",
            ("Northwind Traders", "Droga5", "credit"),
        ),
        (
            "Northwind Traders had worked with Harlow Road on its consumer PR account since 2016.",
            ("Northwind Traders", "Harlow Road", "credit"),
        ),
    ],
)
def test_credit_frames(gaz: Gazetteer, snippet: str, expected: tuple[str, str, str]) -> None:
    assert snip(snippet, gaz) == {expected}


def test_an_incumbent_with_no_contest_reported_is_the_brands_agency_not_a_review(
    gaz: Gazetteer,
) -> None:
    # shaped on B&T, 3 December 2023: "incumbent" alone describes the agency; no review
    calm = (
        "Northwind Traders' new ad, the work of incumbent creative agency Droga5, features a bear."
    )
    assert snip(calm, gaz) == {("Northwind Traders", "Droga5", "credit")}
    contest = (
        "Northwind Traders has called a pitch for its creative account; Droga5 is the incumbent."
    )
    assert ("Northwind Traders", "Droga5", "review") in snip(contest, gaz)


def test_extract_sentence_is_reusable_for_an_agencys_own_news(gaz: Gazetteer) -> None:
    articles = [
        trade("Mother wins Contoso creative account", TODAY),
        trade("Contoso drops Mother", TODAY - timedelta(days=5)),
        trade("BBH wins Fabrikam account", TODAY),
    ]
    clients = relations_of_agency(articles, "Mother", gaz)
    assert sorted((r.brand, r.status) for r, _f in clients) == [
        ("Contoso", "appointed"),
        ("Contoso", "ended"),
    ]
    assert extract_sentence("", gaz) == []


def test_evidence_is_about_the_company_only(gaz: Gazetteer) -> None:
    articles = [trade("Contoso names Droga5 creative agency", TODAY)]
    assert extract_evidence(articles, COMPANY, gaz) == []
    assert extract_evidence(articles, "", gaz) == []
    (e,) = extract_evidence(articles, "Contoso Ltd", gaz)
    assert e.agency is not None and e.agency.name == "Droga5" and e.trade


def test_a_folded_agency_is_grouped_under_its_successor(gaz: Gazetteer) -> None:
    (e,) = extract_evidence(
        [trade("Northwind Traders names DDB creative agency", TODAY)], COMPANY, gaz
    )
    assert e.agency_name == "DDB" and e.agency is not None and e.agency.name == "DDB Worldwide"
    assert e.key == "TBWA Worldwide"
    finding = find_incumbent(
        COMPANY, [trade("Northwind Traders names DDB creative agency", TODAY)], gaz, TODAY
    )
    assert finding.name == "TBWA Worldwide"
    assert finding.candidates[0].written_as == ("DDB",)


# ----------------------------------------------------------------------------- decision


def test_one_general_news_headline_is_not_enough(gaz: Gazetteer) -> None:
    finding = find_incumbent(
        COMPANY, [news("Northwind Traders names Mother lead creative agency", TODAY)], gaz, TODAY
    )
    assert decided(finding) == {"creative": (None, "unconfirmed")}
    assert finding.name is None and not finding.confirmed
    assert "one general-news report only" in describe(finding.candidates[0])


def test_one_trade_report_or_two_independent_reports_confirm(gaz: Gazetteer) -> None:
    headline = "Northwind Traders names Mother lead creative agency"
    one = find_incumbent(COMPANY, [trade(headline, TODAY)], gaz, TODAY)
    assert decided(one) == {"creative": ("Mother", "current")} and one.name == "Mother"
    two = find_incumbent(
        COMPANY,
        [news(headline, TODAY), news(headline, TODAY - timedelta(days=2), outlet="Demo Gazette")],
        gaz,
        TODAY,
    )
    assert decided(two) == {"creative": ("Mother", "current")}
    same_outlet = find_incumbent(
        COMPANY, [news(headline, TODAY), news(headline + " again", TODAY)], gaz, TODAY
    )
    assert decided(same_outlet)["creative"] == (None, "unconfirmed")


def test_a_later_ended_report_wins(gaz: Gazetteer) -> None:
    articles = [
        trade("Northwind Traders names Mother lead creative agency", TODAY - timedelta(days=400)),
        news("Northwind Traders parts ways with Mother", TODAY - timedelta(days=20)),
    ]
    finding = find_incumbent(COMPANY, articles, gaz, TODAY)
    assert decided(finding) == {"creative": (None, "ended")}
    assert finding.name is None
    # reappointed after the split: current again
    again = [*articles, trade("Northwind Traders rehires Mother as creative agency", TODAY)]
    assert decided(find_incumbent(COMPANY, again, gaz, TODAY))["creative"] == ("Mother", "current")


def test_an_undated_ending_decides_nothing_and_undated_reports_never_confirm(
    gaz: Gazetteer,
) -> None:
    articles = [
        trade("Northwind Traders appoints Ogilvy as creative agency", TODAY - timedelta(days=10)),
        news("Northwind Traders parts ways with Ogilvy", None),
    ]
    assert decided(find_incumbent(COMPANY, articles, gaz, TODAY))["creative"] == (
        "Ogilvy",
        "current",
    )
    undated = [trade("Northwind Traders appoints Ogilvy as creative agency", None)]
    assert decided(find_incumbent(COMPANY, undated, gaz, TODAY))["creative"] == (
        None,
        "unconfirmed",
    )


def test_the_window(gaz: Gazetteer) -> None:
    old = [
        trade(
            "Northwind Traders names Mother lead creative agency", TODAY - timedelta(days=4 * 365)
        )
    ]
    assert decided(find_incumbent(COMPANY, old, gaz, TODAY))["creative"] == (None, "unconfirmed")
    wide = find_incumbent(COMPANY, old, gaz, TODAY, years=5)
    assert decided(wide)["creative"] == ("Mother", "current")
    assert decay(TODAY - timedelta(days=round(2 * 365.25)), TODAY) == pytest.approx(0.5, abs=0.001)
    assert decay(None, TODAY) == 0


def test_a_later_review_puts_the_incumbent_in_review(gaz: Gazetteer) -> None:
    articles = [
        trade(
            "Northwind Traders names Mindshare media agency of record", TODAY - timedelta(days=300)
        ),
        trade("Northwind Traders puts its media account in review", TODAY - timedelta(days=10)),
    ]
    assert decided(find_incumbent(COMPANY, articles, gaz, TODAY)) == {"media": (None, "in review")}


def test_per_discipline_and_the_profile_order(gaz: Gazetteer) -> None:
    articles = [
        trade(
            "Northwind Traders moves its media account from OMD to Mindshare",
            TODAY - timedelta(days=30),
        ),
        trade("Northwind Traders names Mother lead creative agency", TODAY - timedelta(days=60)),
        trade("Northwind Traders hires Golin for public relations", TODAY - timedelta(days=90)),
    ]
    finding = find_incumbent(COMPANY, articles, gaz, TODAY)
    assert decided(finding) == {
        "creative": ("Mother", "current"),
        "media": ("Mindshare", "current"),
        "pr": ("Golin", "current"),
    }
    assert finding.name == "Mother" and finding.role == "creative"  # creative first
    media_only = find_incumbent(COMPANY, articles[:1], gaz, TODAY)
    assert media_only.name == "Mindshare" and media_only.role == "media"


def test_two_confirmed_agencies_for_one_role_leave_it_unconfirmed(gaz: Gazetteer) -> None:
    articles = [
        trade("Northwind Traders names Mother creative agency", TODAY - timedelta(days=3)),
        trade("Northwind Traders names BBH creative agency", TODAY - timedelta(days=5)),
    ]
    assert decided(find_incumbent(COMPANY, articles, gaz, TODAY))["creative"] == (
        None,
        "unconfirmed",
    )


def test_a_reviewers_choice_is_profiled_but_not_confirmed_by_itself(gaz: Gazetteer) -> None:
    articles = [news("Northwind Traders names Mother lead creative agency", TODAY)]
    chosen = find_incumbent(COMPANY, articles, gaz, TODAY, choices={"creative": "Mother"})
    assert decided(chosen) == {"creative": ("Mother", "chosen")}
    # one general-news report: the choice is profiled, public reports do not confirm it
    assert chosen.name == "Mother" and chosen.settled and not chosen.confirmed
    assert chosen.decided == "reviewer"
    none = find_incumbent(COMPANY, articles, gaz, TODAY, choices={"creative": None})
    assert decided(none) == {"creative": (None, "none")} and none.name is None
    named = find_incumbent(COMPANY, [], gaz, TODAY, named="Leo Burnett")
    assert named.name == "Leo" and named.settled  # the renamed brand's successor
    assert not named.confirmed and named.decided == "option"  # the user's word, no report


# ----------------------------------------------------------------------------- outlets


def test_trade_outlets() -> None:
    assert outlet_kind("Adweek") == "trade" and outlet_kind("AD AGE") == "trade"
    assert outlet_kind("Adweek (AgencySpy) via example.com") == "trade"
    assert outlet_kind("", "https://www.campaignlive.co.uk/article/x/1") == "trade"
    assert outlet_kind("PR Newswire") == "wire"
    assert outlet_kind("Example Daily", "https://example.com/x") is None
    assert is_trade("Example Daily", "https://example.com/x", "trade_press")


@pytest.mark.parametrize(
    ("snippet", "expected"),
    [
        # an office in capitals belongs to the agency; the owner's words go with it
        (
            "In February, Northwind Traders put its regional media account out for tender. "
            "Interpublic's Initiative MENA successfully defended the account.",
            {("Northwind Traders", "Initiative MENA", "retained")},
        ),
        # the brand by reference, in a relative clause
        (
            "Northwind Traders has picked Mother as its creative agency. The retailer, which had "
            "previously worked with McCann Manchester since 2012, appointed Mother after a pitch.",
            {
                ("Northwind Traders", "Mother", "appointed"),
                ("Northwind Traders", "McCann Manchester", "ended"),
            },
        ),
        # a figure that is rumoured is no rumoured move
        (
            "Maxus has lost the Northwind Traders account – rumoured to be worth $16 million – to rival Carat.",
            {("Northwind Traders", "Maxus", "ended"), ("Northwind Traders", "Carat", "appointed")},
        ),
        # "founding client X": the brand a later sentence calls "the bank"
        (
            "Mother was built on the back of founding client Northwind Bank. This year the bank "
            "switched its account to DDB.",
            {("Northwind Bank", "DDB", "appointed")},
        ),
        # an agency's office as the subject
        (
            "Anomaly's London office has snagged the global digital business for Northwind Traders.",
            {("Northwind Traders", "Anomaly", "appointed")},
        ),
    ],
)
def test_item_level_frames(
    gaz: Gazetteer, snippet: str, expected: set[tuple[str, str, str]]
) -> None:
    assert snip(snippet, gaz) == expected


def test_a_rumoured_move_stays_unread(gaz: Gazetteer) -> None:
    assert snip("Northwind Traders is rumoured to be moving its account to Mother.", gaz) == set()
