"""Two audiences, two surfaces: what a client receives carries facts, citations, the numbered
source list and one "About this report" paragraph, and nothing for the reviewer (request URLs,
gaps' causes, option advice, confidence figures, candidates, example-data notices).

Checked with pypdf on every client PDF of the demo, a gap-heavy build (NVIDIA, SEC only) and
a batch, and on the cover notes; the reviewer's side (review.json, the terminal) is checked to
hold what left the documents.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner
from pypdf import PdfReader

from dossier.batch.state import BatchState
from dossier.cli import cli

from .conftest import APPLE_SNAPSHOT, NVIDIA_SNAPSHOT, ROOT, build_apple

pytestmark = pytest.mark.pdf

ARTICLES = ROOT / "examples" / "apple-inc" / "articles.jsonl"
URL = re.compile(r"https?://|\bwww\.\w", re.I)
FLAG = re.compile(r"(?<![\w-])--[a-z]")
CONFIDENCE = re.compile(
    r"\bconfidence\b(?![^“”]{0,200}”)|\bscore[sd]?\b|\(0\.\d+\)|\b0\.\d{2}\b", re.I
)
INTERNAL = (
    "not in snapshot",
    "snapshot",
    "facts.json",
    "review.json",
    "unconfirmed",
    "choose in review",
    "candidate",
    "Not available from public sources",
    "Example data:",
    "built by hand",
    "dossier",
)
ENTRY = re.compile(r".*?Retrieved \d{1,2} [A-Z][a-z]+ \d{4}\.")


def pages_of(pdf: Path) -> list[str]:
    return [re.sub(r"\s+", " ", p.extract_text()) for p in PdfReader(str(pdf)).pages]


def reader_problems(text: str, allow_urls: bool = False) -> list[str]:
    """Everything in ``text`` that belongs to the reviewer, not the reader."""
    found = [m.group(0) for m in (FLAG.search(text), CONFIDENCE.search(text)) if m]
    if not allow_urls and (m := URL.search(text)):
        found.append(text[max(0, m.start() - 30) : m.end() + 30])
    found += [w for w in INTERNAL if w.casefold() in text.casefold()]
    return found


def client_pdf_problems(pdf: Path) -> list[str]:
    """The reviewer's material in a client PDF: URLs anywhere but in the numbered source
    list's entries, flags, confidence figures, tool internals; and a page holding only the
    closing paragraph."""
    pages = pages_of(pdf)
    text = " ".join(pages)
    problems: list[str] = []
    end = text.rfind("About this ")
    start = text.rfind("Sources ", 0, end)  # the heading of the numbered list, just before it
    if end < 0 or start < 0:
        return [f"{pdf.name}: no numbered source list followed by “About this report/profile”"]
    listing = text[start + len("Sources ") : end]
    entries = ENTRY.findall(listing)
    if not entries or ENTRY.sub("", listing).strip():
        problems.append(f"{pdf.name}: the source list holds more than its entries: {listing!r}")
    body = text[:start] + text[end:]
    problems += [f"{pdf.name}: {p}" for p in reader_problems(body)]
    for entry in entries:
        # Each entry: label, its URL (the one place a URL may appear), retrieval date.
        problems += [f"{pdf.name} source: {p}" for p in reader_problems(entry, allow_urls=True)]
    for number, page in enumerate(pages, 1):
        if re.search(r"About this (report|profile)", page) and "Retrieved" not in page:
            problems.append(f"{pdf.name}: page {number} holds only the closing paragraph")
    return problems


def test_the_checks_catch_what_they_look_for(tmp_path: Path) -> None:
    bad = "Google News: not in snapshot: https://news.google.com/rss pass --domain (0.63)"
    assert len(reader_problems(bad)) >= 4
    assert reader_problems("Apple Inc. reported revenue of US$416.2 billion for FY2025.") == []


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo's two builds: the company report, and a briefing with the agency profile."""
    out = tmp_path_factory.mktemp("demo")
    r = build_apple(out)
    assert r.exit_code == 0, r.output
    extra = ["--articles", str(ARTICLES)] if ARTICLES.is_file() else []
    r = build_apple(
        out,
        "--contact",
        "Jane Doe",
        "--title",
        "Chief Marketing Officer",
        "--previous-company",
        "Northwind Traders",
        "--agency",
        "TBWA\\Media Arts Lab",
        *extra,
    )
    assert r.exit_code == 0, r.output
    (out / "stderr.txt").write_text(r.stderr)
    return out


def test_demo_pdfs_carry_nothing_for_the_reviewer(demo: Path) -> None:
    pdfs = sorted(demo.glob("*/*.pdf"))
    assert {p.name for p in pdfs} == {"company-report.pdf", "agency-profile.pdf"}
    assert len(pdfs) == 3
    problems = [p for pdf in pdfs for p in client_pdf_problems(pdf)]
    assert problems == []
    profile = " ".join(pages_of(demo / "jane-doe--apple-inc" / "agency-profile.pdf"))
    assert "About this profile" in profile and "This profile was prepared on" in profile


def test_what_left_the_documents_is_in_review_json_and_on_the_terminal(demo: Path) -> None:
    review = json.loads((demo / "jane-doe--apple-inc" / "review.json").read_text())
    assert review["version"] == 1 and review["ready"] is True
    assert review["contact"] == "Jane Doe" and review["company"] == "Apple Inc."
    assert {g["document"] for g in review["gaps"]} == {"company-report", "agency-profile"}
    assert any(g["url"] and "not in snapshot" in g["message"] for g in review["gaps"])
    assert [(e["document"], e["number"]) for e in review["example_data"]][:2] == [
        ("company-report", 3),
        ("company-report", 4),
    ]
    assert any(w["kind"] == "example" for w in review["warnings"])
    assert review["agency"]["profiled"] == "TBWA\\Media Arts Lab"
    assert review["agency"]["roles"] and "confidence" in json.dumps(review["agency"])
    assert [m["drafted"] for m in review["mailings"]] == [True, True]
    assert review["about"]["company-report"].startswith("This report was prepared on")
    stderr = (demo / "stderr.txt").read_text()
    assert "warning: GDELT: not in snapshot: https://api.gdeltproject.org/" in stderr
    assert "review: Example data in the company report" in stderr
    # No doubled backslash (a repr) anywhere a reviewer reads the agency's name.
    texts = [g["message"] for g in review["gaps"]] + [w["message"] for w in review["warnings"]]
    assert any("TBWA\\Media Arts Lab" in t for t in texts)
    assert not [t for t in [*texts, stderr] if "TBWA\\\\Media" in t]


def test_demo_notes_carry_no_link_or_flag(demo: Path) -> None:
    for note in sorted((demo / "jane-doe--apple-inc").glob("note-*.md")):
        assert reader_problems(note.read_text()) == [], note.name


def test_gap_heavy_pdf_carries_nothing_for_the_reviewer(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """NVIDIA from an SEC-only snapshot: 16 gaps. With the minimum lowered to one source in
    dossier.toml so that it renders, the PDF says in plain words what could not be covered."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "dossier.toml").write_text("[substance]\nmin_sources = 1\n")
    r = CliRunner().invoke(
        cli,
        ["build", "--cik", "1045810", "--offline", str(NVIDIA_SNAPSHOT), "--out", str(tmp_path)],
    )
    assert r.exit_code == 0, r.output
    pdf = tmp_path / "nvidia-corp" / "company-report.pdf"
    assert client_pdf_problems(pdf) == []
    text = " ".join(pages_of(pdf))
    assert "No information was available from" in text
    assert "pass --domain" in r.stderr  # the advice is for the person running it


BATCH_CSV = (
    "Name,E-mail,Previous company,New company,New title,Owner,Agency\n"
    "Jane Doe,jane@example.com,Northwind Traders,Apple Inc.,CMO,Priya Shah,TBWA\\Media Arts Lab\n"
    "OMAR HADDAD,,Contoso,Apple Inc.,VP Marketing,Chris Unknown,\n"
)


def _batch(folder: Path, csv: str, *extra: str):
    (folder / "moved.csv").write_text(csv, encoding="utf-8")
    return CliRunner().invoke(
        cli,
        [
            "batch",
            str(folder / "moved.csv"),
            "--out",
            str(folder / "out"),
            "--offline",
            str(APPLE_SNAPSHOT),
            "--quiet",
            *extra,
        ],
    )


def test_a_batch_is_coherent_and_its_pdfs_are_clean(tmp_path: Path) -> None:
    r = _batch(tmp_path, BATCH_CSV, "--follow-up")
    assert r.exit_code == 0, r.output
    out = tmp_path / "out" / "moved"
    pdfs = sorted(out.glob("*/*.pdf"))
    assert len(pdfs) == 3  # two company reports, one agency profile
    assert [p for pdf in pdfs for p in client_pdf_problems(pdf)] == []
    # Omar: no agency, so no note 1; note 2 is the first mailing and greets "Omar".
    omar = out / "omar-haddad--apple-inc"
    assert not list(omar.glob("note-1.*"))
    note2 = (omar / "note-2.md").read_text()
    assert note2.startswith("Dear Omar,\n") and "mentioned" not in note2
    assert "Congratulations on your new role as VP Marketing at Apple Inc." in note2
    # Jane's notes are signed by her owner; Omar's owner is unknown: the default signs.
    assert "Priya Shah\nAccount Director" in (out / "jane-doe--apple-inc" / "note-1.md").read_text()
    assert "Alex Morgan\nClient Partner" in note2
    manifest = dict(BatchState.open(out).entries())
    omar_entry = next(e for e in manifest.values() if e["name"] == "OMAR HADDAD")
    kinds = {w["kind"] for w in omar_entry["warnings"]}
    assert {"sender", "mailing"} <= kinds
    assert (omar / "review.json").is_file()
    ics = (out / "follow-up.ics").read_text()
    assert "Send note 1 and the agency profile to Jane Doe" in ics
    assert "Send note 1 and the agency profile to OMAR HADDAD" not in ics
    assert "Send note 2 and the company report to OMAR HADDAD" in ics


def test_a_batch_marks_a_not_ready_report_failed_and_drafts_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "dossier.toml").write_text("[substance]\nmin_facts = 1000\n")
    r = _batch(tmp_path, BATCH_CSV)
    assert r.exit_code == 1, r.output
    out = tmp_path / "out" / "moved"
    manifest = dict(BatchState.open(out).entries())
    assert {e["status"] for e in manifest.values()} == {"failed"}
    for e in manifest.values():
        assert "The report on Apple Inc. is not ready to send" in e["error"]
        assert "the minimum is 1000 cited facts" in e["error"]
        assert "No cover note was drafted." in e["error"]
    assert not list(out.glob("*/note-*")) and not list(out.glob("*/*.pdf"))
    review = json.loads((out / "jane-doe--apple-inc" / "review.json").read_text())
    assert review["ready"] is False and review["mailings"][0]["drafted"] is False
