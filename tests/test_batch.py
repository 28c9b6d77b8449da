"""Batch runs from a spreadsheet, offline on the bundled example: failures, resume, review."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from dossier.cli import cli

from .conftest import APPLE_SNAPSHOT

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


@pytest.fixture
def batch(tmp_path: Path) -> Path:
    (tmp_path / "moved.csv").write_text(CSV, encoding="utf-8")
    r = _run(tmp_path, "--follow-up")
    assert r.exit_code == 1, r.output  # one contact's company cannot be found: the batch goes on
    assert "skipped row 4: It has no new company for Li Wei." in r.stderr
    return tmp_path


def test_every_good_row_is_built_once_per_company(batch: Path) -> None:
    out = batch / "out" / "moved"
    manifest = json.loads((out / "manifest.json").read_text())["contacts"]
    status = {e["name"]: e["status"] for e in manifest.values()}
    assert status == {"Jane Doe": "done", "Omar Haddad": "done", "Max Mustermann": "failed"}
    assert (
        "No company matching 'Qwzx Unfindable Holdings' was found"
        in manifest["max-mustermann--qwzx-unfindable-holdings"]["error"]
    )
    assert (out / "jane-doe" / "agency-profile.pdf").is_file()
    assert (out / "omar-haddad" / "company-report.pdf").is_file()
    assert "jane@example.com" not in (out / "manifest.json").read_text()
    page = (out / "review.html").read_text()
    assert "Sam Lee" in page and "Ana Ruiz" in page and "jane-doe/company-report.pdf" in page
    ics = (out / "follow-up.ics").read_text()
    assert ics.count("BEGIN:VEVENT") == 6  # 3 steps x 2 finished contacts


def test_rerun_resumes_and_approval_locks(batch: Path) -> None:
    out = batch / "out" / "moved"
    pdf = out / "jane-doe" / "company-report.pdf"
    before = pdf.stat().st_mtime_ns
    r = _run(batch)
    assert pdf.stat().st_mtime_ns == before  # finished contacts are not rebuilt
    r = CliRunner().invoke(cli, ["review", "approve", "Jane Doe", "--batch", str(out)])
    assert r.exit_code == 0 and "approved jane-doe--apple-inc" in r.output
    (batch / "moved.csv").write_text(
        CSV.replace(
            "Jane Doe,jane@example.com,Northwind Traders,Apple Inc.,CMO",
            "Jane Doe,jane@example.com,Northwind Traders,Apple Inc.,Chief Marketing Officer",
        )
    )
    r = _run(batch)
    assert pdf.stat().st_mtime_ns == before  # approved: not overwritten without --force
    assert "approved (locked)" in r.stdout
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
