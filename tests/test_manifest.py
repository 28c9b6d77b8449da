"""The batch manifest: round trip, atomic saves with a backup, resume rules, review, threads."""

from __future__ import annotations

import json
import threading
from datetime import date
from pathlib import Path

import pytest

from dossier.batch.manifest import Manifest, current_user, strip_emails
from dossier.errors import ConfigError, DossierError
from dossier.model import ReviewWarning


def _done(m: Manifest, batch: Path, key: str = "jane-doe", name: str = "Jane Doe") -> None:
    folder = batch / key
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "company-report.pdf").write_bytes(b"%PDF-1.7 fake")
    (folder / "note-2.md").write_text("Hello", encoding="utf-8")
    m.upsert(key, row=2, name=name, owner="Alex", company="Acme", start_date=date(2026, 3, 2))
    m.mark_running(key, "resolving company")
    m.mark_done(
        key,
        outputs={
            "company_pdf": folder / "company-report.pdf",  # absolute: stored relative
            "note2_md": f"{key}/note-2.md",
        },
        warnings=[ReviewWarning(kind="gap", message="No revenue found")],
        agency="Ogilvy",
        agency_confirmed=False,
        fingerprint="fp1",
    )


def test_round_trip(tmp_path: Path) -> None:
    m = Manifest.load(tmp_path)
    assert len(m) == 0 and m.entries() == []
    _done(m, tmp_path)
    again = Manifest.load(tmp_path)
    e = again.entry("jane-doe")
    assert e is not None
    assert e["name"] == "Jane Doe" and e["owner"] == "Alex" and e["company"] == "Acme"
    assert e["status"] == "done" and e["step"] == "" and e["error"] is None
    assert e["agency"] == "Ogilvy" and e["agency_confirmed"] is False
    assert e["warnings"] == [{"kind": "gap", "message": "No revenue found"}]
    assert e["outputs"] == {
        "company_pdf": "jane-doe/company-report.pdf",
        "note2_md": "jane-doe/note-2.md",
    }
    assert e["started_at"] and e["finished_at"]
    assert e["fingerprint"] == "fp1" and e["start_date"] == "2026-03-02"
    assert e["review"]["decision"] is None
    data = json.loads((tmp_path / "manifest.json").read_text(encoding="utf-8"))
    assert data["schema"] == 1
    assert again.summary() == {"pending": 0, "running": 0, "done": 1, "failed": 0, "skipped": 0}


def test_entry_is_a_copy(tmp_path: Path) -> None:
    m = Manifest.load(tmp_path)
    m.upsert("k", name="A")
    m.entry("k")["name"] = "changed"  # type: ignore[index]
    assert m.entry("k")["name"] == "A"  # type: ignore[index]
    assert m.entry("missing") is None


def test_saves_are_atomic_and_keep_a_backup(tmp_path: Path) -> None:
    m = Manifest.load(tmp_path)
    m.upsert("a", name="First")
    m.upsert("b", name="Second")
    leftovers = [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")]
    assert leftovers == []
    backup = json.loads((tmp_path / "manifest.json.bak").read_text(encoding="utf-8"))
    assert set(backup["contacts"]) == {"a"}  # the copy before the last save


def test_corrupt_manifest_falls_back_to_backup(tmp_path: Path) -> None:
    m = Manifest.load(tmp_path)
    m.upsert("a", name="First")
    m.upsert("b", name="Second")
    (tmp_path / "manifest.json").write_text('{"schema": 1, "contacts": {', encoding="utf-8")
    recovered = Manifest.load(tmp_path)
    assert recovered.recovered_from_backup
    assert recovered.keys() == ["a"]
    recovered.upsert("c", name="Third")  # saving again repairs the main file
    assert Manifest.load(tmp_path).keys() == ["a", "c"]


def test_both_corrupt_is_a_clear_error(tmp_path: Path) -> None:
    (tmp_path / "manifest.json").write_text("not json", encoding="utf-8")
    (tmp_path / "manifest.json.bak").write_text("[]", encoding="utf-8")
    with pytest.raises(ConfigError) as info:
        Manifest.load(tmp_path)
    assert "Move both files away" in str(info.value)
    assert "manifest.json" in str(info.value)


def test_corrupt_without_backup_is_a_clear_error(tmp_path: Path) -> None:
    (tmp_path / "manifest.json").write_text("{", encoding="utf-8")
    with pytest.raises(ConfigError, match="damaged"):
        Manifest.load(tmp_path)


def test_newer_schema_is_refused(tmp_path: Path) -> None:
    (tmp_path / "manifest.json").write_text('{"schema": 99, "contacts": {}}', encoding="utf-8")
    with pytest.raises(ConfigError, match="schema 99"):
        Manifest.load(tmp_path)


def test_needs_work_rules(tmp_path: Path) -> None:
    m = Manifest.load(tmp_path)
    assert m.needs_work("new", "fp1")
    _done(m, tmp_path)
    assert not m.needs_work("jane-doe", "fp1")
    assert m.needs_work("jane-doe", "fp2")
    assert m.needs_work("jane-doe", "fp1", force=True)
    m.mark_running("jane-doe", "rendering")
    # An interrupted run leaves "running" behind: the next run redoes it.
    assert Manifest.load(tmp_path).needs_work("jane-doe", "fp1")
    m.mark_failed("jane-doe", "Company not found")
    assert m.needs_work("jane-doe", "fp1")
    assert m.entry("jane-doe")["error"] == "Company not found"  # type: ignore[index]


def test_approve_hashes_outputs_and_locks(tmp_path: Path) -> None:
    m = Manifest.load(tmp_path)
    _done(m, tmp_path)
    assert not m.is_locked("jane-doe")
    m.approve("jane-doe", by="sam", note="looks good")
    e = Manifest.load(tmp_path).entry("jane-doe")
    assert e is not None
    assert e["review"]["decision"] == "approved" and e["review"]["by"] == "sam"
    assert e["review"]["note"] == "looks good" and e["review"]["at"]
    assert set(e["approved_files"]) == {"jane-doe/company-report.pdf", "jane-doe/note-2.md"}
    assert all(len(h) == 64 for h in e["approved_files"].values())
    assert m.is_locked("jane-doe")
    assert m.changed_since_approval("jane-doe") == []
    (tmp_path / "jane-doe" / "note-2.md").write_text("Edited", encoding="utf-8")
    assert m.changed_since_approval("jane-doe") == ["jane-doe/note-2.md"]
    assert m.review_counts() == {"approved": 1, "rejected": 0, "unreviewed": 0}


def test_approve_needs_a_finished_contact(tmp_path: Path) -> None:
    m = Manifest.load(tmp_path)
    m.upsert("k", name="Kim", status="failed")
    with pytest.raises(DossierError, match="only a finished contact"):
        m.approve("k", by="sam")
    with pytest.raises(DossierError, match="No contact"):
        m.approve("nobody", by="sam")


def test_reject(tmp_path: Path) -> None:
    m = Manifest.load(tmp_path)
    _done(m, tmp_path)
    m.approve("jane-doe", by="sam")
    m.reject("jane-doe", by="kim", note="wrong agency")
    e = m.entry("jane-doe")
    assert e is not None
    assert e["review"]["decision"] == "rejected" and e["review"]["by"] == "kim"
    assert e["review"]["note"] == "wrong agency"
    assert e["approved_files"] == {}
    assert not m.is_locked("jane-doe")


def test_rebuild_clears_the_review(tmp_path: Path) -> None:
    m = Manifest.load(tmp_path)
    _done(m, tmp_path)
    m.reject("jane-doe", by="kim", note="stale")
    _done(m, tmp_path)
    assert m.entry("jane-doe")["review"]["decision"] is None  # type: ignore[index]


def test_find(tmp_path: Path) -> None:
    m = Manifest.load(tmp_path)
    m.upsert("row-2-jane-doe", row=2, name="Jane Doe")
    m.upsert("row-3-jane-doeson", row=3, name="Jane Doeson")
    m.upsert("row-4-bob", row=4, name="Bob Stone")
    assert m.find("jane doe") == ["row-2-jane-doe"]  # the exact name wins
    assert m.find("JANE") == ["row-2-jane-doe", "row-3-jane-doeson"]
    assert m.find("row-4-bob") == ["row-4-bob"]
    assert m.find("  bob   STONE ") == ["row-4-bob"]
    assert m.find("Jane Doe <jane@acme.example>") == ["row-2-jane-doe"]
    assert m.find("nobody") == []
    assert m.find("") == []


def test_threads(tmp_path: Path) -> None:
    m = Manifest.load(tmp_path)
    errors: list[BaseException] = []

    def work(i: int) -> None:
        try:
            for j in range(5):
                m.upsert(f"c{i}", row=i, name=f"Contact {i}", step=f"step {j}")
            m.mark_done(f"c{i}", outputs={}, warnings=[])
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)

    threads = [threading.Thread(target=work, args=(i,)) for i in range(10)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    loaded = Manifest.load(tmp_path)
    assert len(loaded) == 10
    assert loaded.summary()["done"] == 10
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]


def test_no_email_is_stored(tmp_path: Path) -> None:
    m = Manifest.load(tmp_path)
    m.upsert("k", name="Jane Doe <jane.doe@acme.example>", owner="alex.morgan@fieldstone.example")
    m.mark_done(
        "k",
        outputs={},
        warnings=[{"kind": "ask", "message": "Write to jane.doe@acme.example, not a form"}],
    )
    m.mark_failed("k", "SMTP refused jane.doe@acme.example")
    text = (tmp_path / "manifest.json").read_text(encoding="utf-8")
    assert "@" not in text
    e = m.entry("k")
    assert e is not None and e["name"] == "Jane Doe" and e["owner"] == "alex.morgan"
    with pytest.raises(ValueError):
        m.upsert("jane@acme.example", name="Jane")


def test_strip_emails() -> None:
    assert strip_emails("Jane Doe (jane@x.io)", person=True) == "Jane Doe"
    assert strip_emails("mail a@b.co now") == "mail [e-mail] now"


def test_current_user(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DOSSIER_REVIEWER", "Robin")
    assert current_user() == "Robin"
    monkeypatch.delenv("DOSSIER_REVIEWER")
    assert current_user()


def test_deferred_saves_once(tmp_path: Path) -> None:
    m = Manifest.load(tmp_path)
    with m.deferred():
        for i in range(3):
            m.upsert(f"c{i}", row=i, name=f"C{i}")
        assert not (tmp_path / "manifest.json").exists()
    assert Manifest.load(tmp_path).keys() == ["c0", "c1", "c2"]
