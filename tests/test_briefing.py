"""The briefing for a moved contact: agency finding, agency profile and both cover notes."""

from __future__ import annotations

import email
import email.policy
import json
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from dossier.agency import find_incumbent, load_gazetteer
from dossier.build import BuildOptions, agency_step
from dossier.config import load_brand, load_sources
from dossier.model import Article, Contact, Dossier, Fact, Provenance

from .conftest import FIXTURES, build_apple
from .factories import dossier, pdf_text
from .fakes import FakeClient

pytestmark = pytest.mark.pdf
ITEMS = json.loads((FIXTURES / "agency" / "news_items.json").read_text())
TODAY = date.fromisoformat(ITEMS["today"])


def _articles(ids: set[str] | None = None) -> list[Fact]:
    out = []
    for item in ITEMS["items"]:
        if ids is not None and item["id"] not in ids:
            continue
        published = datetime.fromisoformat(item["published"]) if item.get("published") else None
        out.append(
            Fact(
                field="news",
                value=Article(
                    headline=item["headline"],
                    outlet=item["outlet"],
                    published=published,
                    url=item["url"],
                    summary=item.get("summary", ""),
                ),
                provenance=Provenance(
                    source="google_news",
                    url=f"https://news.example/feed#{item['id']}",
                    retrieved_at=datetime(2026, 3, 15, tzinfo=UTC),
                    as_of=TODAY,
                    constructed=True,
                ),
            )
        )
    return out


def _company(articles: list[Fact]) -> Dossier:
    name = Fact(
        field="common_name",
        value="Northwind Traders",
        provenance=Provenance(
            source="wikidata",
            url="https://www.wikidata.org/wiki/Q1",
            as_of=TODAY,
            retrieved_at=datetime(2026, 3, 15, tzinfo=UTC),
            constructed=True,
        ),
    )
    return dossier(
        name,
        *articles,
        name="Northwind Traders",
        generated_at=datetime(2026, 3, 15, 12, tzinfo=UTC),
        prepared_for="Jane Doe",
    )


def _run(company: Dossier, tmp_path: Path, named: str | None = None, **options):
    from dossier.build import Runtime

    # Nothing recorded: every request is a named gap.
    rt = Runtime(
        settings=load_sources(),
        identity=None,
        brand=load_brand(),
        client=FakeClient(),
        max_age_months=24,
    )
    opts = BuildOptions(formats=("pdf", "json"), **options)
    return agency_step(company, named, rt, opts, tmp_path)


def test_found_agency_profile_cites_the_reports(tmp_path: Path) -> None:
    company = _company(_articles({"wk-named", "wk-wins"}))
    finding = find_incumbent(
        "Northwind Traders", company.organisation.news, load_gazetteer(), TODAY
    )
    assert finding.name == "Wieden+Kennedy" and finding.role == "creative"
    outcome = _run(company, tmp_path)
    assert outcome.dossier is not None and outcome.finding.confirmed
    text = pdf_text(outcome.outputs["pdf"])
    assert "Wieden+Kennedy" in text
    assert "agency profile" in text.lower()  # the running header names the document
    assert "Clients Northwind Traders" in text  # the company's own relationship first
    assert (
        "Sample Trade Weekly reported: “Northwind Traders names Wieden+Kennedy lead creative agency”"
        in text
    )
    assert "Unconfirmed" not in text
    # a gazetteer fact, cited as the agency list
    assert "is an independent creative agency, not part of an advertising holding company." in text
    assert ", read for the agency list." in text
    data = json.loads(outcome.outputs["json"].read_text())
    assert data["agency"]["confirmed"] is True
    assert all(s["citations"] for s in data["sentences"])
    assert [w for w in outcome.warnings if w.kind == "neutrality"] == []


def _one_general_news_report() -> list[Fact]:
    """One general-news headline: never enough to confirm an agency."""
    (fact,) = _articles({"wk-named"})
    article = fact.value.model_copy(update={"outlet": "Example Wire"})  # type: ignore[union-attr]
    return [fact.model_copy(update={"value": article})]


def test_weak_evidence_drafts_no_profile_and_lists_candidates(tmp_path: Path) -> None:
    company = _company(_one_general_news_report())
    outcome = _run(company, tmp_path)
    assert not outcome.finding.confirmed and outcome.finding.name is None
    assert outcome.dossier is None and outcome.outputs == {}  # never drafted unconfirmed
    (warning,) = [w for w in outcome.warnings if w.kind == "agency"]
    assert "so no agency profile was drafted; choose one in review. Candidates: creative:" in (
        warning.message
    )
    assert warning.detail["roles"][0]["role"] == "creative"
    assert warning.detail["roles"][0]["confirmed"] is False


def test_a_reviewers_choice_is_profiled(tmp_path: Path) -> None:
    company = _company(_one_general_news_report())
    outcome = _run(company, tmp_path, agency_choices={"creative": "Wieden+Kennedy"})
    assert outcome.finding.settled and outcome.dossier is not None
    # one general-news report only: the reviewer's choice, not confirmed by public reports
    assert not outcome.finding.confirmed and outcome.finding.decided == "reviewer"
    assert outcome.dossier.organisation.display_name == "Wieden+Kennedy"
    assert [d.status for d in outcome.finding.roles] == ["chosen"]
    # note 1 states no relationship: the choice is not confirmed by public reports
    from dossier.render.mailing import note_agency
    from dossier.render.notes import render_note

    note = note_agency(outcome.finding, "Wieden+Kennedy")
    assert note.name == "Wieden+Kennedy" and not note.works_with
    contact = Contact(name="Jane Doe", new_company="Northwind Traders")
    text = render_note(1, contact, load_brand(), note.name, works_with=note.works_with)
    assert "profile of Wieden+Kennedy." in text and "according to public reports" not in text


def test_articles_file_feeds_the_agency_step(tmp_path: Path) -> None:
    articles = (FIXTURES / "agency" / "articles.jsonl",)
    outcome = _run(_company([]), tmp_path, articles=articles)
    assert outcome.finding.name == "Mother" and outcome.dossier is not None
    text = pdf_text(outcome.outputs["pdf"])
    assert "Adweek reported: “Northwind Traders names Mother as creative agency of record”" in text


def test_no_evidence_writes_no_profile_and_says_why(tmp_path: Path) -> None:
    outcome = _run(_company([]), tmp_path)
    assert outcome.dossier is None and outcome.outputs == {}
    assert "no agency profile was drafted. Name it with --agency" in outcome.warnings[0].message


def test_full_offline_briefing_with_notes(tmp_path: Path) -> None:
    r = build_apple(
        tmp_path,
        "--contact",
        "Jane Doe",
        "--title",
        "Chief Marketing Officer",
        "--previous-company",
        "Northwind Traders",
        "--agency",
        "TBWA\\Media Arts Lab",
        "--email",
        "jane@example.com",
    )
    assert r.exit_code == 0, r.output
    folder = tmp_path / "jane-doe--apple-inc"
    names = sorted(p.name for p in folder.iterdir())
    assert names == sorted(
        [
            "agency-profile.html",
            "agency-profile.json",
            "agency-profile.pdf",
            "company-report.html",
            "company-report.pdf",
            "facts.json",
            "note-1.eml",
            "note-1.md",
            "note-1.txt",
            "note-2.eml",
            "note-2.md",
            "note-2.txt",
            "review.json",
        ]
    )
    profile = pdf_text(folder / "agency-profile.pdf")
    assert "TBWA\\Media Arts Lab" in profile
    assert (
        "TBWA\\Media Arts Lab is a creative agency in the TBWA Worldwide network, which "
        "Omnicom Group has owned since 1993." in profile
    )
    # How the agency was found, and the gaps' causes, are for the reviewer, not the reader.
    assert "named as" not in profile and "not in snapshot" not in profile
    assert "About this profile" in profile
    review = json.loads((folder / "review.json").read_text())
    assert any("not in snapshot" in g["message"] for g in review["gaps"])
    assert any(
        w["kind"] == "mailing" and "Note 1 does not say that" in w["message"]
        for w in review["warnings"]
    )
    note1 = (folder / "note-1.md").read_text()
    assert "Dear Jane," in note1 and "Chief Marketing Officer at Apple Inc." in note1
    assert "TBWA\\\\Media Arts Lab" in note1 and "Northwind Traders" in note1  # Markdown-escaped
    assert "TBWA\\Media Arts Lab" in (folder / "note-1.txt").read_text()
    msg = email.message_from_bytes(
        (folder / "note-1.eml").read_bytes(), policy=email.policy.default
    )
    assert msg["To"] == "Jane Doe <jane@example.com>" and msg["X-Unsent"] == "1"
    (pdf,) = [p for p in msg.iter_attachments()]
    assert pdf.get_filename() == "TBWA-Media-Arts-Lab-agency-profile.pdf"
    assert pdf.get_content_type() == "application/pdf"
    assert pdf.get_content()[:5] == b"%PDF-"
    msg2 = email.message_from_bytes(
        (folder / "note-2.eml").read_bytes(), policy=email.policy.default
    )
    assert [a.get_filename() for a in msg2.iter_attachments()] == ["Apple-Inc-company-report.pdf"]
    assert "review: note" not in r.stderr  # the default notes ask for nothing
    assert "jane@example.com" not in r.stderr + r.stdout  # never logged
    assert "Agency: TBWA\\Media Arts Lab (named with --agency" in r.stdout


def test_agency_command_ranks_candidates(tmp_path: Path, monkeypatch) -> None:
    from click.testing import CliRunner

    from dossier.cli import cli

    r = CliRunner().invoke(cli, ["agency"])
    assert r.exit_code == 2
    r = CliRunner().invoke(
        cli,
        [
            "agency",
            "--company",
            "Apple Inc.",
            "--offline",
            str(Path(__file__).parent.parent / "examples" / "apple-inc" / "snapshot"),
        ],
    )
    assert r.exit_code == 0, r.output
    assert "were not looked for: none of the sources that report them could be read" in r.stdout


def test_the_demo_finds_its_agency_from_the_bundled_evidence(tmp_path: Path) -> None:
    """make demo's second run: the incumbent comes from real articles, with no --agency."""
    root = Path(__file__).parent.parent
    r = build_apple(
        tmp_path,
        "--news-days",
        "365",
        "--contact",
        "Jane Doe",
        "--title",
        "Chief Marketing Officer",
        "--previous-company",
        "Northwind Traders",
        "--articles",
        str(root / "examples" / "apple-inc" / "articles.jsonl"),
    )
    assert r.exit_code == 0, r.output
    assert "Agency: TBWA\\Media Arts Lab (found in public reports, creative)" in r.stdout
    folder = tmp_path / "jane-doe--apple-inc"
    assert (folder / "agency-profile.pdf").is_file()
    assert (folder / "note-1.md").is_file() and (folder / "note-2.md").is_file()
    report = pdf_text(folder / "company-report.pdf")
    # The news section: real articles from the constructed-from-real-articles feed, by month.
    assert "Tim Cook to step down as Apple CEO in September" in report
    assert "articles; syndicated copies counted once" in report
    # Leadership true as of the example's date: the announced succession.
    assert "John Ternus" in report


def test_a_briefing_folder_names_the_person_and_the_company() -> None:
    from dossier.build import briefing_folder

    assert briefing_folder("Jane Doe", "Apple Inc.") == "jane-doe--apple-inc"
    assert briefing_folder("Jane Doe", "Apple Inc.") != briefing_folder("Jane Doe", "Nike, Inc.")
    assert briefing_folder("王伟", "Apple Inc.") == "wang-wei--apple-inc"
    assert briefing_folder(None, "Apple Inc.") == "apple-inc"
    assert ".." not in briefing_folder("..", "..")
