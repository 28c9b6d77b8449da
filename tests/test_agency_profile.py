"""The agency profile: every section from cited facts, hidden when empty, in a neutral voice.

The agencies in ``fixtures/agency/profile_gazetteer.toml`` and the reports below are
CONSTRUCTED (fictional names, example.com pages); the holding-company, independent and folded
cases also use real entries of the packaged gazetteer (WPP, Wieden+Kennedy, DDB).
"""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from dossier.agency import find_incumbent, load_gazetteer
from dossier.config import load_brand, load_sources
from dossier.errors import ConfigError
from dossier.model import Article, Fact, Provenance
from dossier.render import render_html
from dossier.render.html import AGENCY, facts_json
from dossier.research.agency import research_agency
from dossier.sources.base import RunContext
from dossier.writing import audit, write_agency

from .conftest import FIXTURES, build_apple
from .fakes import FakeClient

GAZETTEER = FIXTURES / "agency" / "profile_gazetteer.toml"
TODAY = datetime.now(UTC).date()
SECTIONS = (
    "overview",
    "size",
    "money",
    "clients",
    "people",
    "history",
    "account_moves",
    "recognition",
    "strengths",
    "considerations",
)


def report(n: int, headline: str, days_ago: int, outlet: str = "Example Trade Weekly") -> Fact:
    """A constructed trade report, dated ``days_ago`` before today."""
    published = datetime.now(UTC) - timedelta(days=days_ago)
    url = f"https://example.com/trade/{n}"
    return Fact(
        field="relationship",
        value=Article(headline=headline, outlet=outlet, published=published, url=url),
        provenance=Provenance(
            source="articles",
            url=url,
            retrieved_at=datetime.now(UTC),
            as_of=published.date(),
            constructed=True,
        ),
    )


REPORTS = [
    report(1, "Northwind Traders appoints Harbour & Finch as creative agency of record", 400),
    report(
        2,
        "Northwind Traders names Harbour & Finch lead creative agency after review",
        380,
        "Example Business Daily",
    ),
    report(3, "Fabrikam parts ways with Harbour & Finch after six years", 200),
    report(4, "Tailspin Toys reviews creative account held by Harbour & Finch", 90),
    report(5, "Litware hires Harbour & Finch as creative agency", 60),
    report(6, "Harbour & Finch names Dana Reed chief strategy officer", 30),
]


def profile(
    named: str | None = None,
    articles: list[Fact] | None = None,
    overrides: Path | None = None,
    gazetteer_file: Path | None = GAZETTEER,
    company: str = "Northwind Traders",
):
    """Research and write a profile with no network (every source request is a gap)."""
    gazetteer = load_gazetteer(gazetteer_file)
    articles = REPORTS if articles is None else articles
    finding = find_incumbent(company, articles, gazetteer, TODAY, named=named)
    ctx = RunContext(today=TODAY, agency_years=3, agency_search=True)
    d = research_agency(finding, FakeClient(), load_sources(), ctx, overrides, articles, gazetteer)
    return d, write_agency(d, finding), finding


def texts(written, name: str) -> list[str]:
    return [s.text for s in written.flat(name)]


@pytest.fixture(scope="module")
def harbour():
    return profile()


def test_every_section_comes_from_cited_facts(harbour) -> None:
    d, w, finding = harbour
    assert finding.name == "Harbour & Finch" and finding.confirmed
    for key in SECTIONS:
        assert w.shown(key), key
    assert not w.shown("employees")  # no reviewer rating: hidden
    assert all(s.facts for s in w)
    cited = {c.url for c in d.citations}
    assert all(f.provenance.url in cited for s in w for f in s.facts)
    assert texts(w, "overview")[:3] == [
        "Harbour & Finch is a creative agency in the Finch Global network, which Meridian Group "
        "has owned since 2004.",
        "It was founded in 2009 by Ada Harbour.",
        "Its headquarters are in Bristol.",
    ]
    assert (
        "Example Trade Weekly described it on 2 May 2025 as “the agency behind the Contoso Foods "
        "relaunch”." in texts(w, "overview")
    )


def test_size_money_and_billings_are_dated_and_apart(harbour) -> None:
    _d, w, _f = harbour
    size = texts(w, "size")
    assert "It had 240 employees in 2025." in size
    assert "Reports name its offices in Manchester, besides its headquarters in Bristol." in size
    assert "As of 1 June 2026, its network, Finch Global, had 40 offices in 22 countries." in size
    money = texts(w, "money")
    assert money[0] == (
        "Harbour & Finch does not publish a revenue figure of its own; its holding company, "
        "Meridian Group, reported revenue of €4.2 billion for 2025, for all of its agencies together."
    )
    # Billings only as a named party gave them, never called revenue.
    assert money[1] == (
        "Example Trade Weekly's agency ranking estimated its billings (the client spend it "
        "handles, which is not its revenue) at £310.0 million for 2025."
    )


def test_clients_show_the_company_first_with_the_latest_report(harbour) -> None:
    _d, w, _f = harbour
    rows = [s.cells for s in w.flat("client_rows")]
    assert rows[0][:3] == ("Northwind Traders", "creative", "appointed")
    by_client = {r[0]: r[2] for r in rows}
    assert by_client == {
        "Northwind Traders": "appointed",
        "Contoso Foods": "work credited",
        "Fabrikam": "ended",
        "Litware": "appointed",
        "Tailspin Toys": "in review",
    }
    quoted = texts(w, "relationship")
    assert len(quoted) == 2 and all(" reported: “Northwind Traders " in t for t in quoted)


def test_account_moves_are_a_dated_table_in_the_window(harbour) -> None:
    _d, w, _f = harbour
    moves = [s.cells[1:3] for s in w.flat("account_moves")]
    assert moves[:3] == [
        ("Litware", "appointed it (creative)"),
        ("Tailspin Toys", "put the account in review (creative)"),
        ("Fabrikam", "ended the relationship (creative)"),
    ]
    assert all(s.cells[0] for s in w.flat("account_moves"))  # every move is dated


def test_people_history_and_recognition(harbour) -> None:
    _d, w, _f = harbour
    assert texts(w, "people") == [
        "As of 2025, Ada Harbour was chief executive (in the role from 2009).",
        "As of 2025, Ben Finch was chief creative officer (in the role from March 2024).",
    ]
    notes = texts(w, "people_notes")
    assert (
        "Earlier leaders named in reports include Cleo Marsh (chief creative officer from 2012)."
        in notes
    )
    assert any("Harbour & Finch names Dana Reed chief strategy officer" in t for t in notes)
    history = [s.cells for s in w.flat("history")]
    assert ("1988", "Finch Global (its network): Founded in Amsterdam.") in history
    assert history[0][0] == "1988"  # oldest first
    assert "April 2009" in [c[0] for c in history]
    assert texts(w, "campaigns") == [
        "Campaigns credited to it for Contoso Foods in reports include “Fresh Every Day” (2025)."
    ]
    awards = [s.cells for s in w.flat("recognition")]
    assert awards == [
        ("2023", "Agency of the Year", "", "Example Trade Weekly"),
        ("2025", "Gold Award for Film", "Fresh Every Day", "Example Advertising Festival"),
    ]
    assert texts(w, "recognition_notes") == [
        "Its network, Finch Global, was named Network of the Year by Example Advertising "
        "Festival in 2024."
    ]


def test_strengths_and_points_to_consider_are_cited_and_neutral(harbour) -> None:
    d, w, _f = harbour
    strengths = texts(w, "strengths")
    assert strengths[0].startswith("Reports link it to Northwind Traders from April 2009 to ")
    assert (
        "Reports list two awards for its work between 2023 and 2025, including the Gold Award "
        "for Film (Example Advertising Festival) in 2025." in strengths
    )
    (wins,) = [t for t in strengths if "account appointment" in t]
    assert wins.startswith("A report dated ")
    assert wins.endswith(" describes an account appointment for it (Litware).")
    assert "Its reported headcount rose from 180 in 2022 to 240 in 2025." in strengths
    assert "As of 2025, Ada Harbour had been in the role since 2009." in strengths
    points = texts(w, "considerations")
    assert any(
        t.startswith("A report by Example Trade Weekly dated")
        and "the end of its creative work for Fabrikam" in t
        for t in points
    )
    assert any("a review of its creative work for Tailspin Toys" in t for t in points)
    # A restructuring from before the window (three years, as the strengths) is history, not a
    # point to consider now; what the agency said is still stated with the fact.
    assert not any("Leeds office" in t for t in points)
    assert (
        "September 2021: It closed its Leeds office; the agency said at the time: “We are "
        "concentrating our northern team in Manchester”." in texts(w, "history")
    )
    assert all(len(s.facts) >= 1 for s in w.flat("strengths") + w.flat("considerations"))
    warnings = audit(d, w)
    assert [x.message for x in warnings if x.kind == "neutrality"] == []


def test_gazetteer_facts_are_cited_as_the_agency_list(harbour) -> None:
    d, _w, _f = harbour
    listed = [c for c in d.citations if c.source == "gazetteer"]
    assert listed and all(c.label == "example.com, read for the agency list" for c in listed)


def test_facts_json_says_what_each_section_consulted(harbour) -> None:
    d, w, _f = harbour
    data = json.loads(facts_json(d, w))
    sections = {s["section"]: s for s in data["sections"]}
    assert set(SECTIONS) <= set(sections) and sections["overview"]["shown"] is True
    employees = sections["employees"]
    assert employees["shown"] is False and employees["facts"] == 0
    assert any("reviewer file" in c for c in employees["consulted"])
    assert "never read" in " ".join(employees["consulted"])
    assert "No employee rating was entered" in employees["note"]
    assert any(
        "Agency list compiled from public pages" in c for c in sections["money"]["consulted"]
    )
    sites = [link["site"] for link in data["review_links"]]
    assert sites == ["Glassdoor", "Indeed", "Comparably", "Kununu"]


def test_the_profile_never_shows_an_empty_heading(tmp_path: Path) -> None:
    # An agency the sources know almost nothing about: only the gazetteer's entry.
    d, w, _f = profile(named="Quiet Studio", articles=[])
    html = render_html(d, w, load_brand(), kind=AGENCY, extra=_extra(d))
    for heading in (
        "Size",
        "Money",
        "Clients",
        "People",
        "History",
        "Account moves",
        "Recognition",
        "What employees say",
        "Strengths and points to consider",
    ):
        assert f"<h2>{heading}</h2>" not in html, heading
    assert "<h2>Overview</h2>" in html
    assert "Quiet Studio is an independent creative agency" in html


def _extra(d) -> dict:
    return {
        "agency": {"company": "Northwind Traders", "confirmed": True, "named": None, "role": None},
        "relationship": [],
    }


def test_agency_in_a_listed_holding_company_names_the_figure_as_the_holdings() -> None:
    d, w, _f = profile(named="Ogilvy", articles=[], gazetteer_file=None)
    (money,) = texts(w, "money")
    assert money.startswith(
        "Ogilvy does not publish a revenue figure of its own; its holding company, WPP, reported revenue of £"
    )
    assert money.endswith("for 2025, for all of its agencies together.")
    holding = d.organisation.holding_revenue
    assert holding is not None and holding.chosen.provenance.url.startswith(
        "https://www.stocktitan.net/"
    )
    assert d.organisation.revenue is None  # never the agency's own


def test_independent_agency() -> None:
    d, w, _f = profile(named="Wieden+Kennedy", articles=[], gazetteer_file=None)
    assert texts(w, "overview")[0] == (
        "Wieden+Kennedy is an independent creative agency, not part of an advertising holding "
        "company."
    )
    assert not w.shown("money")  # no holding company, no published revenue
    (money,) = [c for c in w.coverage if c.section == "money"]
    assert money.consulted and "No revenue of its own" in money.note


def test_folded_brand_says_what_it_became() -> None:
    d, w, finding = profile(named="Old Harbour", articles=[])
    assert finding.name == "Harbour & Finch" and d.organisation.display_name == "Harbour & Finch"
    assert texts(w, "overview")[1] == (
        "Old Harbour was folded into Harbour & Finch (on 15 January 2026); this profile "
        "describes Harbour & Finch, the brand Old Harbour became."
    )
    assert d.agency is not None and d.agency.folded_from == "Old Harbour"
    # said once, in the overview, not again among the points to consider
    assert not any("Old Harbour" in t for t in texts(w, "considerations"))


def test_a_packaged_folded_brand_ddb_is_profiled_as_tbwa() -> None:
    d, w, _f = profile(named="DDB", articles=[], gazetteer_file=None)
    assert d.organisation.display_name == "TBWA Worldwide"
    overview = " ".join(texts(w, "overview"))
    assert "DDB Worldwide was folded into TBWA Worldwide" in overview
    assert "this profile describes TBWA Worldwide, the brand DDB Worldwide became." in overview


RATING = """\
reviewer = "Sam Lee"

[[employee_rating]]
site = "Glassdoor"
rating = 4.1
reviews = 212
as_of = 2026-11-20
url = "https://www.glassdoor.com/Overview/Working-at-Harbour-and-Finch-EI_IE000.htm"

[review_pages]
glassdoor = "https://www.glassdoor.com/Overview/Working-at-Harbour-and-Finch-EI_IE000.htm"
"""


def test_a_reviewer_entered_employee_rating(tmp_path: Path) -> None:
    folder = tmp_path / "overrides"
    folder.mkdir()
    (folder / "agency-harbour-finch.toml").write_text(RATING)
    d, w, _f = profile(overrides=folder)
    assert w.shown("employees")
    assert texts(w, "employees") == [
        "As of 20 November 2026, its rating on Glassdoor was 4.1 out of 5, from 212 reviews "
        "(read on the site and entered by a reviewer)."
    ]
    (cite,) = [c for c in d.citations if "glassdoor.com" in c.url]
    assert cite.label == "Entered by a reviewer (Sam Lee) from Glassdoor"
    links = {k.label: k for k in w.links_for("employees")}
    assert links["Glassdoor"].given and "Overview/Working-at" in links["Glassdoor"].url
    assert links["Kununu"].url == "https://www.kununu.com/de/search?q=Harbour+%26+Finch"
    html = render_html(d, w, load_brand(), kind=AGENCY, extra=_extra(d))
    assert "<h2>What employees say</h2>" in html and "kununu.com/de/search" in html
    assert audit(d, w) == [x for x in audit(d, w) if x.kind != "neutrality"]


@pytest.mark.parametrize(
    ("body", "message"),
    [
        (
            '[[employee_rating]]\nsite = "Yelp"\nrating = 4\nas_of = 2026-11-20\nurl = "https://x.example/"',
            "site must be one of",
        ),
        (
            '[[employee_rating]]\nsite = "Indeed"\nrating = 7\nas_of = 2026-11-20\nurl = "https://x.example/"',
            "not between 0 and the scale 5",
        ),
        (
            '[[employee_rating]]\nsite = "Indeed"\nrating = 4\nas_of = 2026-11-20',
            "address of the page that was read",
        ),
        (
            '[[employee_rating]]\nsite = "Indeed"\nrating = 4\nurl = "https://x.example/"',
            "as_of must be the TOML date",
        ),
    ],
)
def test_bad_rating_files_are_refused_with_the_file_named(
    tmp_path: Path, body: str, message: str
) -> None:
    folder = tmp_path / "overrides"
    folder.mkdir()
    (folder / "agency-harbour-finch.toml").write_text(body)
    with pytest.raises(ConfigError, match=message) as exc:
        profile(overrides=folder)
    assert "agency-harbour-finch.toml" in str(exc.value)


@pytest.mark.parametrize(
    ("row", "message"),
    [
        ('field = "shoe_size"\nvalue = "9"', "not a field of the record"),
        (
            'field = "offices"\nvalue = "Paris"\nsource = "https://example.com/search?q=x"',
            "search page",
        ),
        ('field = "revenue"\ncurrency = "EUR"', "needs amount"),
        ('field = "revenue"\namount = "lots"\ncurrency = "EUR"', "amount must be a number"),
        ('field = "history_events"\ndate = "spring 2020"\ntext = "x"', "is not YYYY"),
        ('field = "offices"\nvalue = "Paris"\nas_of = "2020"', "as_of must be a TOML date"),
    ],
)
def test_fact_rows_are_checked(tmp_path: Path, row: str, message: str) -> None:
    body = (
        '[[agency]]\nname = "Test Agency"\ndiscipline = ["creative"]\n[[agency.fact]]\n'
        + row
        + ("" if "source" in row else '\nsource = "https://example.com/page"')
        + ("" if "as_of" in row else "\nas_of = 2026-01-01")
        + "\n"
    )
    path = tmp_path / "agencies.toml"
    path.write_text(body)
    with pytest.raises(ConfigError, match=message) as exc:
        load_gazetteer(path)
    assert "agencies.toml" in str(exc.value) and "fact row 1" in str(exc.value)


@pytest.mark.pdf
def test_the_demo_profile_reads_as_an_entry_with_many_cited_facts(tmp_path: Path) -> None:
    """The bundled example: real articles about Apple and its agency, offline."""
    root = Path(__file__).resolve().parent.parent
    r = build_apple(
        tmp_path,
        "--contact",
        "Jane Doe",
        "--title",
        "CMO",
        "--previous-company",
        "Northwind Traders",
        "--articles",
        str(root / "examples" / "apple-inc" / "articles.jsonl"),
    )
    assert r.exit_code == 0, r.output
    data = json.loads((tmp_path / "jane-doe--apple-inc" / "agency-profile.json").read_text())
    shown = [s["section"] for s in data["sections"] if s["shown"]]
    assert len(shown) >= 6, shown
    facts = {
        (f["field"], json.dumps(f["value"], sort_keys=True))
        for s in data["sentences"]
        for f in s["facts"]
    }
    assert len(facts) >= 15
    assert all(s["citations"] and not s["findings"] for s in data["sentences"])
    from .factories import pdf_text

    text = pdf_text(tmp_path / "jane-doe--apple-inc" / "agency-profile.pdf")
    assert "TBWA\\Media Arts Lab is a creative agency in the TBWA Worldwide network" in text
    assert "What employees say" not in text  # no reviewer rating in the example
    assert "Strengths and points to consider" in text


def test_every_fact_row_cites_a_page_listed_in_the_sources_file() -> None:
    from dossier.agency.gazetteer import GAZETTEER_FILE

    listed = (GAZETTEER_FILE.parent / "agencies-sources.md").read_text(encoding="utf-8")
    rows = [(e.name, f) for e in load_gazetteer() for f in e.facts]
    assert len(rows) >= 40
    assert [f.source for _n, f in rows if f.source not in listed] == []
    assert all(f.quote for _n, f in rows)  # the page's words that support it, for reviewers
