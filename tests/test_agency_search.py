"""Agency evidence from the user's articles files and the agency search sources, and the
agency step of a briefing (constructed fixtures: tests/fixtures/agency/README.md)."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from click.testing import CliRunner

from dossier.agency import find_incumbent, load_gazetteer
from dossier.cli import cli
from dossier.errors import ConfigError
from dossier.net import Document
from dossier.research.articles import load_articles, parse_when
from dossier.sources.agency_news import (
    AGENCY_TERMS,
    agency_news_url,
    agency_query,
    feed_links,
)
from dossier.sources.base import RunContext

FIXTURES = Path(__file__).parent / "fixtures" / "agency"
TODAY = date(2026, 6, 1)


@pytest.mark.parametrize("name", ["articles.jsonl", "articles.csv"])
def test_articles_file_gives_the_same_facts(name: str) -> None:
    facts = load_articles(FIXTURES / name)
    assert [f.field for f in facts] == ["relationship"] * 3
    first = facts[0].value
    assert first.headline == "Northwind Traders names Mother as creative agency of record"  # type: ignore[union-attr]
    assert first.outlet == "Adweek"  # type: ignore[union-attr]
    assert first.published.date() == date(2026, 1, 12)  # type: ignore[union-attr]
    assert first.summary.startswith("The retailer picked Mother")  # type: ignore[union-attr]
    assert facts[0].provenance.url == first.url  # type: ignore[union-attr]
    assert (
        facts[0].provenance.locator == f"{name} line 2"
        if name.endswith("csv")
        else "articles.jsonl line 1"
    )
    finding = find_incumbent("Northwind Traders", facts, load_gazetteer(), TODAY)
    assert {d.role: (d.name, d.status) for d in finding.roles} == {
        "creative": ("Mother", "current"),
        "media": (None, "unconfirmed"),
    }


def test_articles_xlsx(tmp_path: Path) -> None:
    openpyxl = pytest.importorskip("openpyxl")
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["Title", "Summary", "Link", "Outlet", "Published"])
    sheet.append(
        [
            "Contoso hires Golin for public relations",
            "",
            "https://www.prweek.com/a/1",
            "PRWeek",
            datetime(2026, 4, 1),
        ]
    )
    path = tmp_path / "export.xlsx"
    book.save(path)
    (fact,) = load_articles(path)
    assert fact.value.outlet == "PRWeek" and fact.value.published.date() == date(2026, 4, 1)  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ("Title,Body\nx,y\n", "no column for the url"),
        ("Headline,URL,Date\nA headline,not-a-url,2026-01-01\n", "line 2 has no http(s) URL"),
        (
            "Headline,URL,Date\nA,https://x.example/1,05/06/2026\n",
            "line 2: the date '05/06/2026' could be",
        ),
        ("Headline,URL,Date\n,https://x.example/1,2026-01-01\n", "line 2 has no headline"),
    ],
)
def test_bad_articles_file_names_the_line(tmp_path: Path, body: str, message: str) -> None:
    path = tmp_path / "mine.csv"
    path.write_text(body, encoding="utf-8")
    with pytest.raises(ConfigError) as info:
        load_articles(path)
    assert "mine.csv" in str(info.value) and message in str(info.value)


def test_bad_json_line_and_unknown_suffix(tmp_path: Path) -> None:
    path = tmp_path / "mine.jsonl"
    path.write_text('{"headline": "A", "url": "https://x.example/a"}\nnot json\n', encoding="utf-8")
    with pytest.raises(ConfigError, match="mine.jsonl line 2 is not a JSON object"):
        load_articles(path)
    other = tmp_path / "mine.pdf"
    other.write_bytes(b"%PDF")
    with pytest.raises(ConfigError, match="use a .csv, .xlsx or .jsonl"):
        load_articles(other)


def test_parse_when() -> None:
    assert parse_when("2026-05-02") == datetime(2026, 5, 2, tzinfo=UTC)
    assert parse_when("25/12/2025") == datetime(2025, 12, 25, tzinfo=UTC)
    assert parse_when("March 3rd, 2024") == datetime(2024, 3, 3, tzinfo=UTC)
    assert parse_when("") is None


def test_agency_json_without_network_for_several_companies() -> None:
    runner = CliRunner()
    result = runner.invoke(
        cli,
        [
            "agency",
            "--company", "Northwind Traders",
            "--company", "Contoso",
            "--articles", str(FIXTURES / "articles.csv"),
            "--json",
        ],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    northwind, contoso = data["companies"]
    assert northwind["company"] == "Northwind Traders"
    creative = next(i for i in northwind["incumbents"] if i["role"] == "creative")
    assert creative["agency"] == "Mother" and creative["status"] == "current"
    assert (
        creative["evidence"][0]["url"]
        == "https://www.adweek.com/agencies/northwind-traders-mother/"
    )
    keys = {
        "agency",
        "network",
        "holding",
        "role",
        "status",
        "in_gazetteer",
        "url",
        "published",
        "outlet",
        "sentence",
    }
    assert all(keys <= set(r) for r in northwind["relations"])
    assert {(r["agency"], r["status"]) for r in northwind["relations"]} == {
        ("Mother", "appointed"),
        ("OMD", "ended"),
        ("Mindshare", "appointed"),
    }
    assert contoso["incumbents"] == [
        {
            "role": "pr",
            "agency": "Golin",
            "status": "current",
            "confidence": contoso["incumbents"][0]["confidence"],
            "evidence": contoso["incumbents"][0]["evidence"],
        }
    ]


def test_agency_human_format_per_discipline() -> None:
    result = CliRunner().invoke(
        cli,
        [
            "agency",
            "--company",
            "Northwind Traders",
            "--articles",
            str(FIXTURES / "articles.jsonl"),
        ],
    )
    assert result.exit_code == 0, result.output
    assert "creative: Mother (current)" in result.output
    assert "media: none confirmed (unconfirmed)" in result.output
    assert "Profile: Mother (creative)" in result.output


def test_agency_usage_errors() -> None:
    runner = CliRunner()
    many = runner.invoke(cli, ["agency", "--company", "A", "--company", "B"])
    assert many.exit_code == 2 and "only with --articles" in many.output
    pinned = runner.invoke(
        cli, ["agency", "--ticker", "AAPL", "--articles", str(FIXTURES / "articles.csv")]
    )
    assert pinned.exit_code == 2


# ----------------------------------------------------------------------------- sources


def test_agency_query_and_url() -> None:
    ctx = RunContext(today=date(2026, 12, 1), agency_years=3, agency_search=True)
    url = agency_news_url("Apple", ctx)
    assert "after%3A2023-01-01" in url and "news.google.com/rss/search" in url
    assert agency_query("Apple").startswith('"Apple" (') and all(
        t in agency_query("Apple") for t in AGENCY_TERMS
    )
    assert "site%3Aadweek.com" in agency_news_url("Apple", ctx, trade=True)


def test_feed_links() -> None:
    body = (
        b'<html><head><link rel="alternate" type="application/rss+xml" href="/newsroom/rss">'
        b"<link rel='alternate' type='application/atom+xml' href='https://news.example.com/a.xml'>"
        b'<link rel="stylesheet" href="/x.css"></head></html>'
    )
    assert feed_links(body, "https://www.example.com/") == [
        "https://www.example.com/newsroom/rss",
        "https://news.example.com/a.xml",
    ]


def test_agency_sources_give_relationship_facts_and_stay_quiet_without_a_briefing() -> None:
    from dossier import config
    from dossier.model import Identifiers
    from dossier.sources.agency_news import AgencyNews, TradePress
    from dossier.sources.base import Entity

    settings = config.load_sources(None)
    rss = (Path(__file__).parent / "fixtures" / "news" / "google_news_northwind.xml").read_bytes()

    class Client:
        offline = True
        identity = None

        def get(self, url: str, source: str = "") -> Document:
            raise AssertionError("no request without agency_search")

    quiet = RunContext(today=TODAY)
    entity = Entity(name="Northwind Traders", ids=Identifiers())
    assert AgencyNews(settings["agency_news"], Client()).fetch(entity, quiet).documents == []  # type: ignore[arg-type]
    assert TradePress(settings["trade_press"], Client()).fetch(entity, quiet).documents == []  # type: ignore[arg-type]
    doc = Document(
        url="https://news.google.com/rss/search?q=x",
        source="agency_news",
        status=200,
        body=rss,
        content_type="application/rss+xml",
        retrieved_at=datetime(2026, 3, 1, tzinfo=UTC),
    )
    facts = AgencyNews(settings["agency_news"], Client()).extract([doc])  # type: ignore[arg-type]
    assert facts and {f.field for f in facts} == {"relationship"}


def test_agency_json_names_the_sentence_a_reference_was_linked_to(tmp_path: Path) -> None:
    # constructed: the headline names the brand, the snippet only "the carmaker"
    articles = tmp_path / "mine.jsonl"
    articles.write_text(
        json.dumps(
            {
                "headline": "Ford's review",
                "snippet": "The carmaker moved its account to BBDO after 75 years with WPP.",
                "url": "https://trade.example/ford-bbdo",
                "published": "2026-03-02",
                "outlet": "Campaign",
            }
        )
        + "\n",
        encoding="utf-8",
    )
    result = CliRunner().invoke(
        cli, ["agency", "--company", "Ford", "--articles", str(articles), "--json"]
    )
    assert result.exit_code == 0, result.output
    relations = json.loads(result.output)["companies"][0]["relations"]
    bbdo = next(r for r in relations if r["agency"] == "BBDO" and r["status"] == "appointed")
    assert bbdo["sentence"] == "The carmaker moved its account to BBDO after 75 years with WPP."
    assert bbdo["linked"] == "Ford's review"
