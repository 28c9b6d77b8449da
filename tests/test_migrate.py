"""manifest.json (dossier before state.sqlite) is migrated once, checked, and repaired."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from dossier.batch.state import BatchState
from dossier.errors import ConfigError


def _entry(**fields: object) -> dict:
    """An entry as the manifest of dossier 0.x wrote it (constructed)."""
    base = {
        "row": 2,
        "name": "Jane Doe",
        "owner": "Sam",
        "company": "Apple Inc.",
        "start_date": "2026-03-02",
        "fingerprint": "fp",
        "status": "done",
        "step": "",
        "error": None,
        "agency": "Ogilvy",
        "agency_confirmed": True,
        "warnings": [{"kind": "gap", "message": "No revenue"}],
        "outputs": {"pdf": "jane-doe/company-report.pdf"},
        "started_at": "2026-03-05T10:00:00+00:00",
        "finished_at": "2026-03-05T10:01:00+00:00",
        "review": {"decision": None, "by": "", "at": None, "note": ""},
        "approved_files": {},
    }
    return base | fields


def _write(folder: Path, contacts: dict, name: str = "manifest.json") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    data = {"schema": 1, "generator": "dossier", "saved_at": "2026-03-05", "contacts": contacts}
    path.write_text(json.dumps(data, indent=2), encoding="utf-8")
    return path


def test_entries_and_decisions_are_migrated(tmp_path: Path) -> None:
    (tmp_path / "jane-doe").mkdir()
    (tmp_path / "jane-doe" / "company-report.pdf").write_bytes(b"%PDF")
    approved = {
        "decision": "approved",
        "by": "sam",
        "at": "2026-03-05T11:00:00+00:00",
        "note": "ok",
    }
    _write(
        tmp_path,
        {
            "jane-doe--apple-inc": _entry(
                review=approved, approved_files={"jane-doe/company-report.pdf": "ab"}
            ),
            "bob--beta": _entry(
                row=3,
                name="Bob",
                company="Beta",
                status="running",
                outputs={"x": "../../etc/passwd"},
            ),
        },
    )
    state = BatchState.open(tmp_path)
    assert state.migrated_from == tmp_path / "manifest.json"
    jane = state.get("jane-doe--apple-inc")
    assert jane is not None and jane.decision == "approved" and jane.review_by == "sam"
    assert jane.folder == "jane-doe" and jane.agency == "Ogilvy" and jane.agency_confirmed
    assert [h["action"] for h in state.history("jane-doe--apple-inc")] == ["approved"]
    bob = state.get("bob--beta")
    assert bob is not None and bob.status == "pending"  # it was left running
    assert bob.outputs == {}  # a path outside the batch is dropped
    assert not (tmp_path / "manifest.json").exists()
    assert (tmp_path / "manifest.json.migrated").is_file()
    state.close()
    assert BatchState.open(tmp_path).get("jane-doe--apple-inc") == jane  # migrated once


def test_contacts_that_shared_a_folder_are_built_again(tmp_path: Path) -> None:
    approved = {"decision": "approved", "by": "sam", "at": "2026-03-05", "note": ""}
    _write(
        tmp_path,
        {
            "jane-doe--apple-inc": _entry(review=approved),
            "jane-doe--apple": _entry(row=3, company="Apple"),
        },
    )
    state = BatchState.open(tmp_path)
    for key, other in (
        ("jane-doe--apple-inc", "jane-doe--apple"),
        ("jane-doe--apple", "jane-doe--apple-inc"),
    ):
        c = state.get(key)
        assert c is not None and c.status == "pending" and c.decision is None
        assert c.folder == key and other in c.step
    assert [h["action"] for h in state.history("jane-doe--apple-inc")] == ["approved", "withdrawn"]


def test_a_damaged_manifest_falls_back_to_its_backup(tmp_path: Path) -> None:
    _write(tmp_path, {"a--x": _entry(name="A")}, "manifest.json.bak")
    (tmp_path / "manifest.json").write_text('{"schema": 1, "contacts": {', encoding="utf-8")
    assert BatchState.open(tmp_path).keys() == ["a--x"]


def test_both_damaged_is_a_clear_error(tmp_path: Path) -> None:
    (tmp_path / "manifest.json").write_text("not json", encoding="utf-8")
    (tmp_path / "manifest.json.bak").write_text("[]", encoding="utf-8")
    with pytest.raises(ConfigError) as info:
        BatchState.open(tmp_path)
    assert "manifest.json is damaged" in str(info.value) and "Move both files away" in str(
        info.value
    )


def test_a_wrong_field_type_names_the_file_line_and_contact(tmp_path: Path) -> None:
    path = _write(tmp_path, {"a--x": _entry(), "b--y": _entry(warnings="lots", row=3)})
    line = path.read_text().splitlines().index('    "b--y": {') + 1
    with pytest.raises(ConfigError) as info:
        BatchState.open(tmp_path)
    message = str(info.value)
    assert f"manifest.json line {line}: contact 'b--y': field 'warnings' must be a list" in message
    assert "Traceback" not in message


def test_a_newer_manifest_is_refused(tmp_path: Path) -> None:
    (tmp_path / "manifest.json").write_text('{"schema": 99, "contacts": {}}', encoding="utf-8")
    with pytest.raises(ConfigError, match="schema 99"):
        BatchState.open(tmp_path)
