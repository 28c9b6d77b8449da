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
from dossier.model import Article, Dossier, Fact, Provenance

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


def _run(company: Dossier, tmp_path: Path, named: str | None = None):
    from dossier.build import Runtime

    # Nothing recorded: every request is a named gap.
    rt = Runtime(
        settings=load_sources(),
        identity=None,
        brand=load_brand(),
        client=FakeClient(),
        max_age_months=24,
    )
    opts = BuildOptions(formats=("pdf", "json"))
    return agency_step(company, named, rt, opts, tmp_path)


def test_found_agency_profile_cites_the_reports(tmp_path: Path) -> None:
    company = _company(_articles({"wk-named", "wk-wins"}))
    finding = find_incumbent(
        "Northwind Traders", company.organisation.news, load_gazetteer(), TODAY
    )
    assert finding.chosen is not None and finding.chosen.entry.name == "Wieden+Kennedy"
    outcome = _run(company, tmp_path)
    assert outcome.dossier is not None and outcome.finding.confirmed
    text = pdf_text(outcome.outputs["pdf"])
    assert "Wieden+Kennedy" in text
    assert "agency profile" in text.lower()  # the running header names the document
    assert "Relationship with Northwind Traders" in text
    assert (
        "Sample Trade Weekly reported: “Northwind Traders names Wieden+Kennedy lead creative agency”"
        in text
    )
    assert "Unconfirmed" not in text
    assert "It is independent of the advertising holding companies." in text  # gazetteer fact
    data = json.loads(outcome.outputs["json"].read_text())
    assert data["agency"]["confirmed"] is True
    assert all(s["citations"] for s in data["sentences"])
    assert [w for w in outcome.warnings if w.kind == "neutrality"] == []


def test_weak_evidence_is_unconfirmed_and_lists_candidates(tmp_path: Path) -> None:
    weak = [
        i["id"]
        for i in ITEMS["items"]
        if any(e["relation"] == "credit" for e in i.get("expect", []))
    ]
    company = _company(_articles(set(weak[:1])))
    outcome = _run(company, tmp_path)
    assert not outcome.finding.confirmed
    assert any(
        w.message.startswith("Agency unconfirmed: choose in review.") for w in outcome.warnings
    )
    text = pdf_text(outcome.outputs["pdf"])
    assert "Unconfirmed: choose in review." in text
    assert "Confidence" in text


def test_no_evidence_writes_no_profile_and_says_why(tmp_path: Path) -> None:
    outcome = _run(_company([]), tmp_path)
    assert outcome.dossier is None and outcome.outputs == {}
    assert "no agency profile was written. Name it with --agency." in outcome.warnings[0].message


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
    folder = tmp_path / "jane-doe"
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
        ]
    )
    profile = pdf_text(folder / "agency-profile.pdf")
    assert "TBWA\\Media Arts Lab" in profile
    assert "It is part of TBWA Worldwide, owned by Omnicom." in profile
    assert "was named as Apple Inc.’s agency by the person who prepared this profile" in profile
    assert "not in snapshot" in profile  # its sources are not in the offline example: gaps named
    note1 = (folder / "note-1.md").read_text()
    assert "Dear Jane," in note1 and "Chief Marketing Officer at Apple Inc." in note1
    assert "TBWA\\\\Media Arts Lab" in note1 and "Northwind Traders" in note1  # Markdown-escaped
    assert "TBWA\\Media Arts Lab" in (folder / "note-1.txt").read_text()
    msg = email.message_from_bytes(
        (folder / "note-1.eml").read_bytes(), policy=email.policy.default
    )
    assert msg["To"] == "Jane Doe <jane@example.com>" and msg["X-Unsent"] == "1"
    (pdf,) = [p for p in msg.iter_attachments()]
    assert (
        pdf.get_filename() == "agency-profile.pdf" and pdf.get_content_type() == "application/pdf"
    )
    assert pdf.get_content()[:5] == b"%PDF-"
    msg2 = email.message_from_bytes(
        (folder / "note-2.eml").read_bytes(), policy=email.policy.default
    )
    assert [a.get_filename() for a in msg2.iter_attachments()] == ["company-report.pdf"]
    assert "review: note" not in r.stderr  # the default notes ask for nothing
    assert "jane@example.com" not in r.stderr + r.stdout  # never logged
    assert "Agency: TBWA\\Media Arts Lab (confirmed)" in r.stdout


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
    assert "No public evidence of the current agency was found." in r.stdout
