"""The agency gazetteer, evidence extraction from news text, and incumbent scoring."""

from __future__ import annotations

import json
import tomllib
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest

from dossier.agency import (
    THRESHOLD,
    AgencyCandidate,
    Evidence,
    Gazetteer,
    choose_incumbent,
    describe,
    extract_evidence,
    find_candidates,
    load_gazetteer,
)
from dossier.agency.evidence import split_sentences
from dossier.agency.gazetteer import DISCIPLINES, GAZETTEER_FILE, agency_key
from dossier.agency.scoring import decay
from dossier.errors import ConfigError
from dossier.model import Article, Fact, Provenance

FIXTURE = Path(__file__).parent / "fixtures" / "agency" / "news_items.json"
DATA = json.loads(FIXTURE.read_text(encoding="utf-8"))
TODAY = date.fromisoformat(DATA["today"])
ITEMS = {item["id"]: item for item in DATA["items"]}
COMPANY = "Northwind Traders Inc."


def fact(item: dict) -> Fact:
    """An Article fact built from a fixture item."""
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


def news(headline: str, published: date | None, summary: str = "") -> Fact:
    """An ad-hoc Article fact for one headline."""
    when = published.isoformat() + "T09:00:00+00:00" if published else None
    slug = abs(hash((headline, published)))
    item = {"headline": headline, "outlet": "Example Wire", "published": when}
    return fact({**item, "url": f"https://examplewire.example/{slug}", "summary": summary})


def facts(*ids: str) -> list[Fact]:
    return [fact(ITEMS[i]) for i in ids] if ids else [fact(i) for i in DATA["items"]]


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return load_gazetteer()


def by_name(candidates: list[AgencyCandidate]) -> dict[tuple[str, str], AgencyCandidate]:
    return {(c.entry.name, c.role): c for c in candidates}


# ----------------------------------------------------------------------------- gazetteer


def test_packaged_gazetteer_is_complete_and_valid(gaz: Gazetteer) -> None:
    assert 60 <= len(gaz) <= 100
    raw = tomllib.loads(GAZETTEER_FILE.read_text(encoding="utf-8"))["agency"]
    assert len(raw) == len(gaz)
    for entry in gaz:
        assert entry.source.startswith("https://"), entry.name
        assert entry.holding and entry.discipline and set(entry.discipline) <= set(DISCIPLINES)
        for amb in entry.ambiguous:
            assert amb in entry.names
    holdings = [e.name for e in gaz if "holding" in e.discipline]
    for name in ("WPP", "Omnicom Group", "Publicis Groupe", "Interpublic Group", "Dentsu", "Havas"):
        assert name in holdings
    assert {"Stagwell", "S4 Capital"} <= set(holdings)
    # every Interpublic entry says that Omnicom acquired it
    for entry in gaz:
        if entry.holding == "Interpublic":
            assert "Omnicom" in entry.note, entry.name


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
        ("Leo Burnett", "Leo"),
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
        ("Ogilvy & Mather Worldwide opened", ["Ogilvy & Mather Worldwide"]),
        ("Mother wins the account", ["Mother"]),
        ("Mother's campaign for the brand", ["Mother"]),
        ("A Mother's Day sale", []),
        ("A Mother’s Day sale", []),
        ("his mother said", []),
        ("the Motherboard range", []),
        ("um, the phd student and the omd", []),  # short all-caps aliases are case-sensitive
        ("brand mindshare grew", []),
        ("Earl Grey tea", []),
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
        ('[[agency]]\nname = "Odd"\ndiscipline = ["pr"]\nwebsite = "x"\n', "unknown keys"),
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


# ----------------------------------------------------------------------------- evidence


def test_split_sentences() -> None:
    text = "Northwind Traders Inc. named W+K. The U.S. arm follows. J. Smith said so!"
    assert split_sentences(text) == [
        "Northwind Traders Inc. named W+K.",
        "The U.S. arm follows.",
        "J. Smith said so!",
    ]


@pytest.mark.parametrize("item_id", list(ITEMS))
def test_fixture_item_relation_and_role(gaz: Gazetteer, item_id: str) -> None:
    found = extract_evidence([fact(ITEMS[item_id])], COMPANY, gaz)
    got = sorted((e.agency.name if e.agency else "", e.relation, e.role) for e in found)
    want = sorted((x["agency"] or "", x["relation"], x["role"]) for x in ITEMS[item_id]["expect"])
    assert got == want


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "Mindshare wins Northwind Traders media account from OMD",
            {"Mindshare": "won", "OMD": "ended"},
        ),
        (
            "Northwind Traders drops Ogilvy, names W+K",
            {"Ogilvy": "ended", "Wieden+Kennedy": "appointed"},
        ),
        (
            "Northwind Traders drops Ogilvy in favour of Mother as creative agency",
            {"Ogilvy": "ended", "Mother": "appointed"},
        ),
        (
            "W+K wins Northwind Traders creative pitch, beating incumbent Ogilvy",
            {"Wieden+Kennedy": "won", "Ogilvy": "ended"},
        ),
        (
            "Northwind Traders hires Mother for creative and Mindshare for media",
            {"Mother": "appointed", "Mindshare": "appointed"},
        ),
        ("Northwind Traders awards its creative account to Droga5", {"Droga5": "appointed"}),
        ("Northwind Traders hands creative duties to 72andSunny", {"72andSunny": "appointed"}),
        (
            "Northwind Traders selects Publicis Sapient for CRM and e-commerce",
            {"Publicis Sapient": "appointed"},
        ),
        (
            "Northwind Traders names Initiative its media agency of record",
            {"Initiative": "appointed"},
        ),
        ("Northwind Traders keeps Ogilvy after review", {"Ogilvy": "appointed"}),
        ("Weber Shandwick lands Northwind Traders PR brief", {"Weber Shandwick": "won"}),
        ("Ogilvy retains Northwind Traders account", {"Ogilvy": "won"}),
        ("Havas Media loses Northwind Traders media business", {"Havas Media": "ended"}),
        ("Northwind Traders ends its relationship with Havas Media", {"Havas Media": "ended"}),
        ("Northwind Traders moves its account away from BBDO", {"BBDO": "ended"}),
        (
            "Northwind Traders splits with McCann after 12 years with the agency",
            {"McCann": "ended"},
        ),
        (
            "Northwind Traders puts media account in review; incumbent Mindshare to defend",
            {"Mindshare": "review"},
        ),
        (
            "Droga5's new campaign for Northwind Traders features a talking bear",
            {"Droga5": "credit"},
        ),
        ("The Northwind Traders campaign was created by Mother", {"Mother": "credit"}),
        ("Northwind Traders' agency Ogilvy unveils new spot", {"Ogilvy": "incumbent"}),
        (
            "W+K, which has handled Northwind Traders since 2015, opens an office",
            {"Wieden+Kennedy": "incumbent"},
        ),
        ("Ogilvy and Northwind Traders part ways after a decade", {"Ogilvy": "ended"}),
        ("Publicis Groupe wins Northwind Traders media business", {"Publicis Groupe": "won"}),
        ("Northwind Traders calls media pitch; Starcom, Zenith and Carat to compete", {}),
        ("Northwind Traders launches recycling Initiative", {}),  # an ordinary word, no agency cue
        ("Ogilvy adds former Northwind Traders CMO", {}),
        ("Jane Doe, formerly of Ogilvy, joins Northwind Traders as CMO", {}),
        ("Northwind Traders hires Ogilvy veteran Jane Doe as CMO", {}),
        ("Northwind Traders hires Ogilvy's chief strategist", {}),
        ("Northwind Traders taps Edelman Trust Barometer data", {}),
        ("Leo Messi stars in Northwind Traders ad", {}),
    ],
)
def test_phrasings(gaz: Gazetteer, sentence: str, expected: dict[str, str]) -> None:
    found = extract_evidence([news(sentence, TODAY)], COMPANY, gaz)
    assert {e.agency.name: e.relation for e in found if e.agency} == expected


@pytest.mark.parametrize(
    ("sentence", "role"),
    [
        ("Northwind Traders moves media planning and buying to OMD", "media"),
        ("Northwind Traders hires Golin for public relations", "pr"),
        ("Northwind Traders names Ogilvy its communications agency", "pr"),
        ("Northwind Traders taps VML for social", "digital"),
        ("Northwind Traders picks Mindshare for brand advertising", "creative"),
        ("Northwind Traders picks OMD", "media"),  # the gazetteer's first discipline
    ],
)
def test_role_from_words(gaz: Gazetteer, sentence: str, role: str) -> None:
    (found,) = extract_evidence([news(sentence, TODAY)], COMPANY, gaz)
    assert found.role == role and found.role_stated == (sentence != "Northwind Traders picks OMD")


def test_one_report_per_article_and_plain_sentence(gaz: Gazetteer) -> None:
    found = extract_evidence(facts("wk-wins"), COMPANY, gaz)
    assert len(found) == 1 and isinstance(found[0], Evidence)
    assert found[0].sentence == "W+K wins Northwind Traders account after review"
    assert found[0].weight == pytest.approx(0.9)


def test_company_must_be_named(gaz: Gazetteer) -> None:
    assert extract_evidence(facts(), "Contoso Ltd", gaz) == []
    assert extract_evidence(facts(), "", gaz) == []


# ----------------------------------------------------------------------------- scoring


def test_candidates_from_all_fixtures(gaz: Gazetteer) -> None:
    cands = by_name(find_candidates(facts(), COMPANY, gaz, TODAY))
    wk = cands[("Wieden+Kennedy", "creative")]
    assert wk.status == "current" and wk.confidence == pytest.approx(0.85, abs=0.01)
    assert [e.relation for e in wk.evidence] == ["won", "appointed"]  # newest first
    assert cands[("Ogilvy", "creative")].status == "ended"
    assert cands[("Ogilvy", "creative")].confidence == 0
    assert cands[("OMD", "media")].status == "ended"
    assert cands[("Mindshare", "media")].status == "current"
    edelman = cands[("Edelman", "pr")]
    assert edelman.status == "in review" and 0 < edelman.confidence < 0.35
    # the creative review (December 2025) came after the credits, before the W+K appointment
    assert cands[("Droga5", "creative")].status == "in review"
    assert cands[("Bartle Bogle Hegarty", "creative")].status == "in review"
    assert ("Mother", "creative") in cands and not any(name == "Motherboard" for name, _r in cands)
    chosen = choose_incumbent(list(cands.values()))
    assert chosen is wk
    assert choose_incumbent(list(cands.values()), role="media") is cands[("Mindshare", "media")]
    assert (
        describe(wk)
        == "Wieden+Kennedy (creative): current, confidence 0.85; 2 reports, latest 12 March 2026"
    )


def test_one_weak_credit_is_below_threshold(gaz: Gazetteer) -> None:
    cands = find_candidates(
        [news("Northwind Traders unveils spring film via BBH", TODAY)], COMPANY, gaz, TODAY
    )
    assert len(cands) == 1 and cands[0].confidence < THRESHOLD
    assert choose_incumbent(cands) is None


def test_two_recent_appointments_are_chosen(gaz: Gazetteer) -> None:
    cands = find_candidates(facts("wk-named", "wk-wins"), COMPANY, gaz, TODAY)
    assert choose_incumbent(cands) is cands[0] and cands[0].confidence >= THRESHOLD


def test_one_explicit_appointment_today() -> None:
    gaz = load_gazetteer()
    one = find_candidates(
        [news("Northwind Traders names Mother lead creative agency", TODAY)], COMPANY, gaz, TODAY
    )
    assert one[0].confidence == pytest.approx(0.632, abs=0.001)


def test_two_close_candidates_are_ambiguous(gaz: Gazetteer) -> None:
    cands = find_candidates(facts("digital-pair"), COMPANY, gaz, TODAY)
    assert {c.entry.name for c in cands} == {"R/GA", "Monks"}
    assert choose_incumbent(cands) is None
    everything = find_candidates(facts(), COMPANY, gaz, TODAY)
    assert choose_incumbent(everything, role="digital") is None


def test_recency_decay(gaz: Gazetteer) -> None:
    headline = "Northwind Traders names Mother lead creative agency"
    old = find_candidates([news(headline, TODAY - timedelta(days=6 * 365))], COMPANY, gaz, TODAY)[0]
    new = find_candidates([news(headline, TODAY - timedelta(days=30))], COMPANY, gaz, TODAY)[0]
    assert old.confidence < new.confidence
    assert decay(TODAY - timedelta(days=round(2 * 365.25)), TODAY) == pytest.approx(0.5, abs=0.001)
    assert decay(None, TODAY) == 0.5
    cands = by_name(find_candidates(facts(), COMPANY, gaz, TODAY))
    assert cands[("Anomaly", "digital")].confidence < cands[("R/GA", "digital")].confidence


def test_ended_then_reappointed_is_current(gaz: Gazetteer) -> None:
    articles = [
        news("Northwind Traders parts ways with Ogilvy", TODAY - timedelta(days=300)),
        news("Northwind Traders rehires Ogilvy as creative agency", TODAY - timedelta(days=10)),
        news("Northwind Traders appoints Ogilvy as creative agency", TODAY - timedelta(days=10)),
    ]
    (ogilvy,) = find_candidates(articles, COMPANY, gaz, TODAY)
    assert ogilvy.status == "current" and ogilvy.reports == 3


def test_undated_ending_does_not_override_a_dated_appointment(gaz: Gazetteer) -> None:
    articles = [
        news("Northwind Traders appoints Ogilvy as creative agency", TODAY - timedelta(days=10)),
        news("Northwind Traders parts ways with Ogilvy", None),
    ]
    (ogilvy,) = find_candidates(articles, COMPANY, gaz, TODAY)
    assert ogilvy.status == "current" and ogilvy.latest == TODAY - timedelta(days=10)
    assert describe(ogilvy).endswith("; 2 reports, latest 5 March 2026")


def test_unstated_role_ending_applies_to_every_role(gaz: Gazetteer) -> None:
    articles = [
        news("Northwind Traders hires Ogilvy for public relations", TODAY - timedelta(days=100)),
        news("Northwind Traders parts ways with Ogilvy", TODAY - timedelta(days=5)),
    ]
    cands = by_name(find_candidates(articles, COMPANY, gaz, TODAY))
    assert cands[("Ogilvy", "pr")].status == "ended"
