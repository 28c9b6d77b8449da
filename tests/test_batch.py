"""Batch runs from a spreadsheet, offline on the bundled example: failures, resume, review."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from dossier.batch import BatchState
from dossier.cli import cli

from .conftest import APPLE_SNAPSHOT, requires_chromium

pytestmark = pytest.mark.pdf

CSV = (
    "Name,E-mail,Previous company,New company,New title,Owner,Agency\n"
    "Jane Doe,jane@example.com,Northwind Traders,Apple Inc.,CMO,Sam Lee,TBWA\\Media Arts Lab\n"
    "Omar Haddad,,Contoso,Apple Inc.,VP Marketing,Sam Lee,\n"
    "Li Wei,li@example.com,Fabrikam,,Director,Ana Ruiz,\n"
    "Max Mustermann,max@example.com,Fabrikam,Qwzx Unfindable Holdings,CMO,Ana Ruiz,\n"
)


def _run(tmp_path: Path, *extra: str):
    return CliRunner().invoke(
        cli,
        [
            "batch",
            str(tmp_path / "moved.csv"),
            "--out",
            str(tmp_path / "out"),
            "--offline",
            str(APPLE_SNAPSHOT),
            "--quiet",
            *extra,
        ],
    )


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The batch, built once for the module (each test gets its own copy of it)."""
    folder = tmp_path_factory.mktemp("batch")
    (folder / "moved.csv").write_text(CSV, encoding="utf-8")
    r = _run(folder, "--follow-up")
    assert r.exit_code == 1, r.output  # one contact's company cannot be found: the batch goes on
    assert "skipped row 4: It has no new company for Li Wei." in r.stderr
    # the table cuts the reason short; the whole of it follows the table
    assert (
        "(Max Mustermann, Qwzx Unfindable Holdings) failed: Could not look up 'Qwzx Unfindable Holdings': the snapshot holds no answer"
        in r.stdout
    )
    return folder


@pytest.fixture
def batch(built: Path, tmp_path: Path) -> Path:
    copy = tmp_path / "batch"
    shutil.copytree(built, copy)
    return copy


def _state(out: Path) -> dict[str, dict]:
    with BatchState.open(out, create=False) as state:
        return dict(state.entries())


def test_every_good_row_is_built_once_per_company(batch: Path) -> None:
    out = batch / "out" / "moved"
    manifest = _state(out)
    status = {e["name"]: e["status"] for e in manifest.values()}
    assert status == {"Jane Doe": "done", "Omar Haddad": "done", "Max Mustermann": "failed"}
    assert (
        # Offline, a name the snapshot holds no answer for is "could not ask", not "no match".
        "Could not look up 'Qwzx Unfindable Holdings': the snapshot holds no answer"
        in manifest["max-mustermann--qwzx-unfindable-holdings"]["error"]
    )
    assert (out / "jane-doe--apple-inc" / "agency-profile.pdf").is_file()
    assert (out / "omar-haddad--apple-inc" / "company-report.pdf").is_file()
    for f in out.glob("state.sqlite*"):
        assert b"jane@example.com" not in f.read_bytes()
    page = (out / "review.html").read_text()
    assert "Sam Lee" in page and "Ana Ruiz" in page
    assert "jane-doe--apple-inc/company-report.pdf" in page
    assert "Row 4: It has no new company for Li Wei." in page  # skipped rows are listed
    ics = (out / "follow-up.ics").read_text()
    # Jane: note 1, note 2, check-in. Omar has no agency profile, so no note 1: note 2 and the
    # check-in only (the calendar follows what was drafted).
    assert ics.count("BEGIN:VEVENT") == 5
    assert "Send note 1 and the agency profile to Omar Haddad" not in ics


def test_rerun_resumes_and_approval_locks(batch: Path) -> None:
    out = batch / "out" / "moved"
    pdf = out / "jane-doe--apple-inc" / "company-report.pdf"
    before = pdf.stat().st_mtime_ns
    r = _run(batch)
    assert pdf.stat().st_mtime_ns == before  # finished contacts are not rebuilt
    r = CliRunner().invoke(
        cli, ["review", "approve", "Jane Doe", "--batch", str(out), "--accept-warnings"]
    )
    assert r.exit_code == 0 and "approved jane-doe--apple-inc" in r.output
    (batch / "moved.csv").write_text(
        CSV.replace(
            "Jane Doe,jane@example.com,Northwind Traders,Apple Inc.,CMO",
            "Jane Doe,jane@example.com,Northwind Traders,Apple Inc.,Chief Marketing Officer",
        )
    )
    r = _run(batch)
    assert pdf.stat().st_mtime_ns == before  # approved: not overwritten without --force
    assert "approved, sheet changed: title" in r.stdout  # said, not exported as it stands
    r = CliRunner().invoke(cli, ["export", "--approved", "--batch", str(out)])
    assert "0 draft(s) written" in r.output and "the sheet changed since (title)" in r.output
    r = CliRunner().invoke(
        cli, ["review", "approve", "Jane Doe", "--batch", str(out), "--accept-warnings"]
    )
    assert r.exit_code == 0, r.output  # approved again: the reviewer keeps the drafts
    r = CliRunner().invoke(cli, ["export", "--approved", "--batch", str(out)])
    assert "2 draft(s) written" in r.output
    assert sorted(p.name for p in (out / "export").iterdir()) == [
        "jane-doe--apple-inc--note-1.eml",
        "jane-doe--apple-inc--note-2.eml",
    ]


def test_missing_required_column_stops_before_any_work(tmp_path: Path) -> None:
    (tmp_path / "moved.csv").write_text("Name,Email,Title\nJane Doe,jane@example.com,CMO\n")
    r = _run(tmp_path)
    assert r.exit_code == 1
    assert "has no column for the new company. Columns found: Name, Email, Title." in r.stderr
    assert not (tmp_path / "out").exists()


def test_stopped_batch_resumes_without_half_written_files(tmp_path: Path) -> None:
    """A stop (the library's Ctrl-C) midway: state kept, no temp file, the rerun finishes."""
    import threading

    from dossier.batch import BatchOptions, run_batch

    (tmp_path / "moved.csv").write_text(CSV, encoding="utf-8")
    opts = BatchOptions(
        contacts=tmp_path / "moved.csv", out_dir=tmp_path / "out", offline=APPLE_SNAPSHOT, workers=1
    )
    stop = threading.Event()

    def stop_after_first(step: str, counts: dict[str, int]) -> None:
        if counts.get("done", 0) >= 1:
            stop.set()  # as if the user pressed Ctrl-C

    first = run_batch(opts, stop_after_first, stop)
    assert first.interrupted is not None
    out = tmp_path / "out" / "moved"
    assert not list(out.rglob("*.tmp")) and not list(out.rglob(".*.tmp"))
    statuses = {e["name"]: e["status"] for e in _state(out).values()}
    assert "done" in statuses.values() and "running" not in statuses.values()
    result = run_batch(opts)  # the rerun finishes the rest
    statuses = {o.name: o.status for o in result.outcomes}
    assert result.interrupted is None
    assert statuses["Jane Doe"] == "done" and statuses["Omar Haddad"] == "done"


@requires_chromium
def test_review_page_in_headless_chromium(batch: Path) -> None:
    """The review page opened straight from disk in Debian's Chromium (skipped without it)."""
    import subprocess

    chromium = shutil.which("chromium")
    assert chromium is not None
    page = batch / "out" / "moved" / "review.html"
    shot = batch / "review.png"
    subprocess.run(
        [
            chromium,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            f"--user-data-dir={batch / 'chrome'}",
            "--window-size=1280,1600",
            f"--screenshot={shot}",
            page.as_uri(),
        ],
        check=True,
        timeout=120,
        capture_output=True,
    )
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and shot.stat().st_size > 20_000


def test_pdf_pool_recycles_workers_and_keeps_rendering() -> None:
    from dossier.config import load_brand
    from dossier.render import PdfPool

    pool = PdfPool(workers=2, recycle_after=1)  # a fresh pool after every 2 renders
    try:
        pdfs = [pool.render(f"<p>document {i}</p>", load_brand(), None) for i in range(5)]
    finally:
        pool.shutdown()
    assert all(p.startswith(b"%PDF-") for p in pdfs) and len(pdfs) == 5


def test_an_unconfirmed_agency_blocks_approval_until_a_reviewer_chooses(tmp_path: Path) -> None:
    """One general-news headline is not enough: the reviewer chooses, the rebuild uses it."""
    # CONSTRUCTED for this test: a fictitious outlet and URL; no such report exists.
    (tmp_path / "articles.jsonl").write_text(
        '{"headline": "Apple hires Droga5 for its creative account", "snippet": "", '
        '"url": "https://gazette.example/apple-droga5", "published": "2026-06-01", '
        '"outlet": "Demo Gazette", "constructed": true}\n',
        encoding="utf-8",
    )
    (tmp_path / "moved.csv").write_text(
        "Name,E-mail,New company,Owner\nOmar Haddad,omar@example.com,Apple Inc.,Sam Lee\n",
        encoding="utf-8",
    )
    r = _run(tmp_path, "--articles", str(tmp_path / "articles.jsonl"))
    assert r.exit_code == 0, r.output
    out = tmp_path / "out" / "moved"
    folder = out / "omar-haddad--apple-inc"
    assert not (folder / "agency-profile.pdf").exists()  # unconfirmed: no profile drafted
    assert not (folder / "note-1.md").exists()
    approve = CliRunner().invoke(cli, ["review", "approve", "Omar Haddad", "--batch", str(out)])
    assert approve.exit_code == 1 and "unconfirmed" in approve.output
    chose = CliRunner().invoke(
        cli, ["review", "choose-agency", "Omar Haddad", "Droga5", "--batch", str(out)]
    )
    assert chose.exit_code == 0, chose.output
    r = _run(tmp_path, "--articles", str(tmp_path / "articles.jsonl"))  # the choice is built
    assert r.exit_code == 0, r.output
    assert (folder / "agency-profile.pdf").is_file() and (folder / "note-1.md").is_file()
    assert "Droga5" in (folder / "note-1.txt").read_text()
    approve = CliRunner().invoke(
        cli, ["review", "approve", "Omar Haddad", "--batch", str(out), "--accept-warnings"]
    )  # the bundled example's data is acknowledged
    assert approve.exit_code == 0, approve.output


def test_one_company_written_with_and_without_its_legal_form_is_researched_once() -> None:
    from dossier.batch.contacts import ContactRow
    from dossier.batch.run import company_key

    def row(company: str, ticker: str = "") -> ContactRow:
        return ContactRow(
            row=2,
            name="Jane Doe",
            email=None,
            previous_company="",
            new_company=company,
            new_title="",
            start_date=None,
            owner="",
            agency="",
            domain="",
            ticker=ticker,
            notes="",
            key="k",
            fingerprint="f",
        )

    assert (
        company_key(row("Apple")) == company_key(row("Apple Inc.")) == company_key(row("APPLE INC"))
    )
    assert company_key(row("Apple")) != company_key(row("Apple", ticker="AAPL"))
    assert company_key(row("Apple")) != company_key(row("Applied Materials"))
