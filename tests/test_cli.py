"""The CLI end to end through CliRunner, offline, with the PDFs opened and read (pypdf)."""

from __future__ import annotations

import json
import re
from datetime import date, timedelta
from pathlib import Path

import pytest
from click.testing import CliRunner
from pypdf import PdfReader

from dossier import __version__
from dossier.cli import cli

from .conftest import NVIDIA_SNAPSHOT, build_apple

pytestmark = pytest.mark.pdf


def pdf_text(path: Path) -> str:
    reader = PdfReader(str(path))
    return re.sub(r"\s+", " ", " ".join(page.extract_text() for page in reader.pages))


@pytest.fixture(scope="module")
def apple_build(tmp_path_factory: pytest.TempPathFactory) -> tuple[object, Path]:
    out = tmp_path_factory.mktemp("out")
    result = build_apple(out, "--contact", "Jane Doe")
    return result, out / "jane-doe--apple-inc"  # a contact's briefing goes into their own folder


def test_apple_build_succeeds_and_lists_outputs(apple_build) -> None:
    result, folder = apple_build
    assert result.exit_code == 0, result.output
    # 5 sources: SEC (2 documents), Wikidata, Wikipedia, apple.com. The 8 gaps are the
    # requests the offline example does not hold: robots.txt, Google News, GDELT x3, page views,
    # and (a briefing) the agency searches and the trade-press feeds, one gap each.
    # Review: Apple last tagged advertising expense for FY2015 and marketing expense for FY2011,
    # the agency was not looked for (the snapshot holds none of the searches that report
    # agencies, none was named, no articles were given), sources [3] and [4] are example data,
    # and so note 1 was not drafted (no agency profile).
    assert "Apple Inc.: 5 sources, 8 gaps, 5 review warnings" in result.stdout
    assert "review: Note 1 was not drafted: no agency profile was drafted" in result.stderr
    assert "Agency: not looked for (its sources could not be read)" in result.stdout
    assert "Apple Inc.'s agency was not looked for: Google News, GDELT" in result.stderr
    for name in ("company-report.pdf", "company-report.html", "facts.json"):
        assert (folder / name).stat().st_size > 0
        assert str(folder / name) in result.stdout


def test_apple_pdf_text(apple_build) -> None:
    _, folder = apple_build
    text = pdf_text(folder / "company-report.pdf")
    # The report is dated the day it was built (the fixture's build may have run before
    # midnight, this test after it).
    days = [date.today() - timedelta(days=n) for n in (0, 1)]
    day = next(
        (
            d
            for d in (f"{d.day} {d:%B %Y}" for d in days)
            if f"preparedon{d}" in text.replace(" ", "")
        ),
        f"{days[0].day} {days[0]:%B %Y}",
    )
    for expected in (
        "Apple Inc.",
        "Prepared for Jane Doe",
        "Cupertino, California",
        "For fiscal year 2025 (ended 27 September 2025) it reported revenue of US$416.2 billion "
        "and net income of US$112.0 billion.",
        "416,161",  # the exact figure, in USD millions, in the financials table
        "3571 (Electronic Computers)",
        "APPLE INC, APPLE COMPUTER INC and APPLE COMPUTER INC/ FA",
        "Its annual report on Form 10-K for the period ended 27 September 2025 was filed on 31 October 2025",
        # The dated timeline: each 8-K with its items' official titles and accession number.
        "Officer and director changes (Item 5.02, “Departure of Directors or "
        "Certain Officers; Election of Directors;",
        "0001140361-26-000199",
        "https://data.sec.gov/submissions/CIK0000320193.json",
        "https://data.sec.gov/api/xbrl/companyfacts/CIK0000320193.json",
        # One plain paragraph on what could not be covered, instead of a list of gaps:
        "About this report",
        f"This report was prepared on {day} from public sources: filings with the "
        "U.S. Securities and Exchange Commission, Wikidata, Wikipedia and the company’s own "
        "website.",
        f"No news coverage from the 90 days before {day} was found in the sources consulted.",
        # The company's own site (real recorded apple.com home page), in its own voice:
        "On its website, the company describes itself as follows: “Discover the innovative world of Apple",
        "The site calls the company “Apple” and names Apple Support as part of the",
        "Its website links to profiles on Wikidata, YouTube, LinkedIn, Facebook and X (Twitter).",
        "sales: +1-800-692-7753 (US)",
        "Page 1 of",
    ):
        assert expected.replace(" ", "") in text.replace(" ", ""), expected
    # The gaps' causes (request URLs, "not in snapshot") are for the reviewer, in review.json.
    for internal in ("not in snapshot", "Not available from public sources", "Compiled", "dossier"):
        assert internal not in text, internal
    review = json.loads((folder / "review.json").read_text())
    assert review["ready"] is True
    assert any(
        g["label"] == "GDELT" and g["message"].startswith("not in snapshot: https://api.gdelt")
        for g in review["gaps"]
    )
    assert [e["number"] for e in review["example_data"]] == [3, 4]
    # With nothing to show, the news section is left out rather than shown empty.
    assert "Recent news and public perception" not in text
    # Every summary sentence carries a citation mark.
    overview = text.split("What you are walking into", 1)[1].split("Key facts", 1)[0]
    sentences = [s for s in re.split(r"(?<=\])\s+", overview.strip()) if s]
    assert sentences and all(re.search(r"\[\d+\]$", s) for s in sentences), sentences


def test_apple_pdf_is_clean(apple_build) -> None:
    _, folder = apple_build
    reader = PdfReader(str(folder / "company-report.pdf"))
    assert 2 <= len(reader.pages) <= 5
    assert not reader.attachments
    fonts = set()
    for page in reader.pages:
        for f in (page.get("/Resources") or {}).get("/Font", {}).values():
            fonts.add(str(f.get_object().get("/BaseFont")))
    assert any("Inter" in f for f in fonts), fonts


def test_apple_facts_json_has_provenance(apple_build) -> None:
    _, folder = apple_build
    data = json.loads((folder / "facts.json").read_text())
    rev = data["organisation"]["revenue"]["chosen"]
    assert rev["value"] == {"kind": "money", "amount": 416161000000.0, "currency": "USD"}
    assert rev["period"] == "FY2025"
    prov = rev["provenance"]
    assert prov["url"] == "https://data.sec.gov/api/xbrl/companyfacts/CIK0000320193.json"
    assert prov["as_of"] == "2025-09-27" and prov["retrieved_at"].startswith("2026-03-25")
    assert data["organisation"]["identifiers"] == {
        "wikidata": "Q312",
        "cik": "0000320193",
        "domain": "apple.com",
        "ticker": "AAPL",
        "wikipedia_title": "Apple Inc.",
        "website": "https://www.apple.com/",
    }
    assert all(s["citations"] for s in data["sentences"])
    constructed = {s["source"] for s in data["citations"] if s["constructed"]}
    assert constructed == {"wikidata", "wikipedia"}


def test_nvidia_from_sec_only_snapshot_is_not_ready(tmp_path: Path) -> None:
    """One independent source (SEC EDGAR) is below the minimum: exit 1 with the reason, no
    client document, and the reviewer's facts.json and review.json with every gap."""
    result = CliRunner().invoke(
        cli,
        ["build", "--cik", "1045810", "--offline", str(NVIDIA_SNAPSHOT), "--out", str(tmp_path)],
        catch_exceptions=False,
    )
    assert result.exit_code == 1, result.output
    assert "NVIDIA CORP: 1 sources, 16 gaps, 1 review warnings; not ready to send" in result.stdout
    assert (
        "Error: The report on NVIDIA CORP is not ready to send: it has 21 cited facts from 1 "
        "independent source (SEC EDGAR); the minimum is 8 cited facts from at least 2 "
        "independent public sources."
    ) in result.stderr
    assert "warning: Wikidata: not in snapshot: https://www.wikidata.org/" in result.stderr
    folder = tmp_path / "nvidia-corp"
    assert sorted(p.name for p in folder.iterdir()) == ["facts.json", "review.json"]
    review = json.loads((folder / "review.json").read_text())
    assert review["ready"] is False and "not ready to send" in review["not_ready"]
    assert review["substance"]["sources"] == ["SEC EDGAR"]
    messages = [g["message"] for g in review["gaps"]]
    for expected in (
        "not in snapshot: https://www.wikidata.org/w/api.php?action=wbsearchentities",
        "not in snapshot: https://data.sec.gov/api/xbrl/companyfacts/CIK0001045810.json",
        "Revenue: not found in SEC EDGAR, Wikidata, Wikipedia or Company website",
        "no official website is known for NVIDIA CORP; pass --domain",
    ):
        assert any(m.startswith(expected) for m in messages), expected


def test_nvidia_gap_heavy_pdf_is_plain_for_the_reader(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """With the minimum lowered to one source (dossier.toml), the gap-heavy report renders:
    facts and an "About this report" paragraph, and none of the gaps' causes."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "dossier.toml").write_text("[substance]\nmin_sources = 1\n")
    result = CliRunner().invoke(
        cli,
        ["build", "--cik", "1045810", "--offline", str(NVIDIA_SNAPSHOT), "--out", str(tmp_path)],
        catch_exceptions=False,
    )
    assert result.exit_code == 0, result.output
    text = pdf_text(tmp_path / "nvidia-corp" / "company-report.pdf")
    for expected in (
        "NVIDIA CORP",
        "NVIDIA CORP/CA",
        "incorporated in Delaware",
        "Santa Clara, California",
        "31 January",
        "0001045810-26-000021",
        "No information was available from Wikipedia, the company’s own website, Wikipedia "
        "page-view statistics and Wikidata.",
        "Not found in the sources consulted: founding date, industry, number of employees, "
        "revenue, net income, total assets and key people.",
    ):
        assert expected.replace(" ", "") in text.replace(" ", ""), expected
    for internal in ("not in snapshot", "--domain", "pass --", "api.php", "Apple"):
        assert internal not in text, internal


def test_ambiguous_name_exits_1_with_choices(tmp_path: Path) -> None:
    snap = tmp_path / "snap"
    (snap / "b").mkdir(parents=True)
    from dossier.sources.wikidata import search_url

    body = (Path(__file__).parent / "fixtures" / "wikidata" / "search_acme.json").read_bytes()
    (snap / "b" / "acme.json").write_bytes(body)
    (snap / "index.jsonl").write_text(
        json.dumps(
            {
                "method": "GET",
                "url": search_url("Acme"),
                "status": 200,
                "content_type": "application/json",
                "retrieved_at": "2026-11-20T00:00:00+00:00",
                "body": "b/acme.json",
            }
        )
        + "\n"
    )
    result = CliRunner().invoke(
        cli, ["build", "--company", "Acme", "--offline", str(snap), "--out", str(tmp_path / "out")]
    )
    assert result.exit_code == 1
    assert "'Acme' matches more than one company. Pick one with its flag:" in result.stderr
    assert "--wikidata Q" in result.stderr
    assert not (tmp_path / "out").exists()


def test_usage_errors_exit_2(tmp_path: Path) -> None:
    runner = CliRunner()
    r = runner.invoke(cli, ["build"])
    assert r.exit_code == 2 and "Give --company NAME" in r.output
    r = runner.invoke(cli, ["build", "--company", "X", "--format", "docx"])
    assert r.exit_code == 2 and "docx is not a format" in r.output
    r = runner.invoke(cli, ["build", "--company", "X", "--offline", str(tmp_path / "nope")])
    assert r.exit_code == 2


def test_offline_folder_without_index_is_a_clear_error(tmp_path: Path) -> None:
    r = CliRunner().invoke(cli, ["build", "--company", "X", "--offline", str(tmp_path)])
    assert r.exit_code == 1
    assert "is not a snapshot folder: it has no index.jsonl" in r.stderr


def test_format_json_only_writes_no_pdf(tmp_path: Path) -> None:
    r = build_apple(tmp_path, "--format", "json")
    assert r.exit_code == 0, r.output
    assert sorted(p.name for p in (tmp_path / "apple-inc").iterdir()) == [
        "facts.json",
        "review.json",
    ]


def test_format_json_with_a_contact_drafts_no_note_without_its_pdf(tmp_path: Path) -> None:
    r = build_apple(tmp_path, "--format", "json", "--contact", "Jane Doe")
    assert r.exit_code == 0, r.output
    names = sorted(p.name for p in (tmp_path / "jane-doe--apple-inc").iterdir())
    assert not [n for n in names if n.startswith("note-")], names
    assert (
        "review: Note 2 was not drafted: its attachment, the company report PDF, was not "
        "rendered (pdf was not among the formats)."
    ) in r.stderr
    review = json.loads((tmp_path / "jane-doe--apple-inc" / "review.json").read_text())
    assert [(m["note"], m["drafted"]) for m in review["mailings"]] == [(1, False), (2, False)]


@pytest.mark.parametrize("var", ["DOSSIER_IDENTITY", "DOSSIER_CONTACT"])
def test_sources_command_explains_the_sec_identity(
    monkeypatch: pytest.MonkeyPatch, var: str
) -> None:
    r = CliRunner().invoke(cli, ["sources"])
    assert r.exit_code == 0
    assert re.search(
        r"^sec\s+SEC EDGAR\s+needs an identity for live runs: set DOSSIER_IDENTITY", r.output, re.M
    )
    assert re.search(r"^wikidata\s+Wikidata\s+enabled$", r.output, re.M)
    monkeypatch.setenv(var, "Jane Doe jane@example.com")  # the older name still works
    r = CliRunner().invoke(cli, ["sources"])
    assert re.search(r"^sec\s+SEC EDGAR\s+enabled$", r.output, re.M)
    assert "jane@example.com" not in r.output


def test_live_run_without_identity_skips_sec_with_one_line(monkeypatch, tmp_path: Path) -> None:
    from dossier import config
    from dossier.net.client import PoliteClient
    from dossier.research.collect import make_sources

    client = PoliteClient(config.load_sources(), identity=None)
    active, gaps = make_sources(config.load_sources(), client)
    assert "sec" not in active and {"wikidata", "wikipedia"} <= set(active)
    (gap,) = gaps
    assert gap.source == "sec" and "\n" not in gap.message
    assert "DOSSIER_IDENTITY" in gap.message and gap.message.startswith("skipped")


def test_version_and_help() -> None:
    r = CliRunner().invoke(cli, ["--version"])
    assert r.output.strip() == f"dossier, version {__version__}"
    r = CliRunner().invoke(cli, ["build", "--help"])
    assert "--save-snapshot" in r.output and "Example:" in r.output


def test_terminal_columns_count_wide_characters_twice() -> None:
    """The batch table lines up with names in Korean or Japanese: a wide character takes two
    columns on a terminal."""
    from dossier.cli import _fit, _width

    assert _width("김 민준") == 7 and _width("Jane Doe") == 8
    assert _fit("김 민준", 10) == "김 민준   " and _width(_fit("김 민준", 10)) == 10
    assert _fit("Zantheon Textiles Inc.", 8) == "Zantheon"
    assert _width(_fit("김민준김민준", 5)) == 4 + 1  # a wide character never split: padded instead
