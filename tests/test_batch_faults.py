"""A batch under stress, each in the form "the same input now gives a clear message, and
nothing is lost": Ctrl-C and SIGTERM midway (a real subprocess), a second batch on the same
folder, an approval while the batch runs, a full disk, e-mails in cells, an edited row and the
export that mirrors approvals."""

from __future__ import annotations

import errno
import json
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from dossier.batch import BatchState
from dossier.cli import cli

from .conftest import APPLE_SNAPSHOT

pytestmark = pytest.mark.pdf

HEADER = "Name,E-mail,Previous company,New company,New title,Owner,Agency\n"


def _sheet(folder: Path, n: int, name: str = "moved.csv") -> Path:
    rows = [
        f"Contact {i:02d},c{i}@example.com,Northwind,Apple Inc.,CMO,Sam,TBWA\\Media Arts Lab\n"
        for i in range(n)
    ]
    path = folder / name
    path.write_text(HEADER + "".join(rows), encoding="utf-8")
    return path


def _args(sheet: Path, out: Path, *extra: str) -> list[str]:
    return ["batch", str(sheet), "--out", str(out), "--offline", str(APPLE_SNAPSHOT), *extra]


def _statuses(batch_dir: Path) -> dict[str, str]:
    with BatchState.open(batch_dir, create=False) as state:
        return {c.key: c.status for c in state.contacts()}


def _children(pid: int) -> list[int]:
    """Processes whose parent is ``pid`` (from /proc)."""
    out = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            out.append(int(stat.parent.name))
    return out


def _running(pid: int) -> bool:
    try:  # a zombie (state Z) has ended; only its exit status is left
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


def _cmdline(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/cmdline").read_text().replace("\0", " ")[:100]
    except OSError:
        return "?"


GATED = Path(__file__).with_name("gated_batch.py")


def _start(sheet: Path, out: Path, gate: Path, *extra: str) -> subprocess.Popen[str]:
    """The batch in a subprocess; every contact after the first waits until ``gate`` exists."""
    return subprocess.Popen(
        [sys.executable, str(GATED), str(gate), *_args(sheet, out, *extra)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def _wait_for_done(batch_dir: Path, proc: subprocess.Popen[str], n: int = 1) -> None:
    deadline = time.monotonic() + 240
    while time.monotonic() < deadline:
        if (batch_dir / "state.sqlite").exists():
            with BatchState.open(batch_dir) as state:
                if state.summary()["done"] >= n:
                    return
        if proc.poll() is not None:
            raise AssertionError(f"the batch ended early: {proc.communicate()}")
        time.sleep(0.2)
    raise AssertionError("no contact was finished in time")


@pytest.mark.parametrize(("signum", "code"), [(signal.SIGINT, 130), (signal.SIGTERM, 143)])
def test_a_signal_midway_stops_cleanly_and_a_rerun_finishes(
    tmp_path: Path, signum: int, code: int
) -> None:
    # the gate holds every contact after the first, so the signal finds the batch running
    # however fast the machine is; it opens after the signal, as if the work had gone on
    sheet, out, gate = _sheet(tmp_path, 6), tmp_path / "out", tmp_path / "gate"
    batch_dir = out / "moved"
    proc = _start(sheet, out, gate, "--workers", "1", "--format", "pdf")
    _wait_for_done(batch_dir, proc)
    workers = _children(proc.pid)
    sent = time.monotonic()
    proc.send_signal(signum)
    time.sleep(0.5)
    gate.touch()
    stdout, stderr = proc.communicate(timeout=60)
    took = time.monotonic() - sent
    assert proc.returncode == code, stderr
    # generous: the machine may be busy; "fewer than all done" below is what shows the stop
    assert took < 45, f"took {took:.1f} s to stop"
    assert "Interrupted: the state is saved; run the same command to resume." in stderr
    assert "Traceback" not in stderr
    deadline = time.monotonic() + 10  # a worker's watch of its parent runs once a second
    while (alive := [p for p in workers if _running(p)]) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert alive == [], f"PDF workers outlived the batch: {[_cmdline(p) for p in alive]}"
    assert not [p for p in batch_dir.rglob("*.tmp")]
    statuses = _statuses(batch_dir)
    assert "running" not in statuses.values()
    assert list(statuses.values()).count("done") == 1  # nothing was written after the stop
    r = CliRunner().invoke(cli, _args(sheet, out, "--quiet", "--format", "pdf"))
    assert r.exit_code == 0, r.output
    assert set(_statuses(batch_dir).values()) == {"done"}


def test_second_batch_refused_and_approval_during_the_batch_kept(tmp_path: Path) -> None:
    sheet, out, gate = _sheet(tmp_path, 2), tmp_path / "out", tmp_path / "gate"
    batch_dir = out / "moved"
    r = CliRunner().invoke(cli, _args(sheet, out, "--quiet", "--format", "pdf"))
    assert r.exit_code == 0, r.output
    first = "contact-00--apple-inc"
    _sheet(tmp_path, 8)  # six more contacts, held at the gate after the first of them
    proc = _start(sheet, out, gate, "--workers", "1", "--format", "pdf")
    try:
        _wait_for_done(batch_dir, proc, 3)
        again = CliRunner().invoke(cli, _args(sheet, out, "--quiet"))
        assert again.exit_code == 1
        assert (
            f"Another dossier batch is already running on {batch_dir} (pid {proc.pid}"
            in again.stderr
        )
        assert "--wait" in again.stderr
        ok = CliRunner().invoke(
            cli,
            ["review", "approve", "Contact 00", "--batch", str(batch_dir), "--accept-warnings"],
        )
        assert ok.exit_code == 0 and f"approved {first}" in ok.output
    finally:
        gate.touch()
        stdout, stderr = proc.communicate(timeout=300)
    assert proc.returncode == 0, stderr
    with BatchState.open(batch_dir) as state:
        c = state.require(first)
        assert c.decision == "approved"  # the batch did not overwrite it
        assert [h["action"] for h in state.history(first)] == ["accepted-warnings", "approved"]
        assert state.summary()["done"] == 8


def test_a_full_disk_midway_is_one_sentence_and_a_rerun_finishes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import dossier.fsutil as fsutil

    sheet, out = _sheet(tmp_path, 4), tmp_path / "out"
    real = fsutil.atomic_write_bytes
    writes = {"n": 0}

    def filling(path: Path, data: bytes) -> None:
        writes["n"] += 1
        if writes["n"] > 12:  # the disk fills up after the first contacts
            raise fsutil.output_error(path, OSError(errno.ENOSPC, "No space left on device"))
        real(path, data)

    monkeypatch.setattr(fsutil, "atomic_write_bytes", filling)
    r = CliRunner().invoke(cli, _args(sheet, out, "--quiet", "--workers", "1"))
    assert r.exit_code == 1
    lines = r.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("Error: Could not write ")
    assert lines[0].endswith(": the disk is full; free some space and run again.")
    statuses = _statuses(out / "moved")
    assert "failed" not in statuses.values() and "running" not in statuses.values()
    monkeypatch.setattr(fsutil, "atomic_write_bytes", real)
    r = CliRunner().invoke(cli, _args(sheet, out, "--quiet", "--workers", "1"))
    assert r.exit_code == 0, r.output
    assert set(_statuses(out / "moved").values()) == {"done"}


def test_json_summary_never_prints_an_email(tmp_path: Path) -> None:
    sheet = tmp_path / "moved.csv"
    sheet.write_text(
        HEADER
        + "Jane Doe jane.doe@acme.example,jane@x.example,N,Apple Inc.,CMO via cmo@acme.example,"
        "owner@fieldstone.example,TBWA\\Media Arts Lab\n"
        ",bob@x.example,N,Apple Inc.,,,\n",
        encoding="utf-8",
    )
    r = CliRunner().invoke(
        cli, _args(sheet, tmp_path / "out", "--quiet", "--json", "--format", "json")
    )
    assert r.exit_code == 0, r.output
    assert "@" not in r.stdout
    data = json.loads(r.stdout)
    assert data["contacts"][0]["name"] == "Jane Doe"


def test_edited_row_and_export_mirror_the_approvals(tmp_path: Path) -> None:
    sheet, out = tmp_path / "moved.csv", tmp_path / "out"
    batch_dir = out / "moved"
    jane = "Jane Doe,jane@example.com,Northwind,Apple Inc.,CMO,Sam,TBWA\\Media Arts Lab\n"
    sheet.write_text(HEADER + jane, encoding="utf-8")
    assert CliRunner().invoke(cli, _args(sheet, out, "--quiet", "--format", "pdf")).exit_code == 0
    CliRunner().invoke(
        cli, ["review", "approve", "jane doe", "--batch", str(batch_dir), "--accept-warnings"]
    )
    r = CliRunner().invoke(cli, ["export", "--approved", "--batch", str(batch_dir)])
    assert "2 draft(s) written" in r.output
    # the same person's row now says she joined another company (constructed: the snapshot
    # knows Apple only, so the new company fails, which is enough to see the entry replaced)
    sheet.write_text(HEADER + jane.replace("Apple Inc.", "Apple Incorporated"), encoding="utf-8")
    r = CliRunner().invoke(cli, _args(sheet, out, "--format", "pdf"))
    assert "replaced jane-doe--apple-inc by jane-doe--apple-incorporated" in r.stdout
    with BatchState.open(batch_dir) as state:
        keys = [c.key for c in state.contacts(include_retired=False)]
        assert keys == ["jane-doe--apple-incorporated"]
        assert state.require("jane-doe--apple-inc").replaced_by == "jane-doe--apple-incorporated"
    r = CliRunner().invoke(cli, ["export", "--approved", "--batch", str(batch_dir)])
    assert "0 draft(s) written" in r.output
    assert "removed jane-doe--apple-inc--note-1.eml (no longer approved)" in r.stderr
    assert list((batch_dir / "export").iterdir()) == []
    listing = CliRunner().invoke(cli, ["review", "list", "--batch", str(batch_dir)]).output
    assert "not in the sheet" in listing
