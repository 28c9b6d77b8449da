"""The batch state (state.sqlite): round trip, resume rules, review, threads, processes,
migration from manifest.json, damaged files, and the e-mail rule."""

from __future__ import annotations

import json
import threading
from datetime import date
from pathlib import Path

import pytest

from dossier.batch.state import BatchState, current_user, strip_emails
from dossier.errors import ConfigError, DossierError
from dossier.model import ReviewWarning


def _done(
    m: BatchState,
    batch: Path,
    key: str = "jane-doe",
    name: str = "Jane Doe",
    confirmed: bool = True,
) -> None:
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
        agency_confirmed=confirmed,
        fingerprint="fp1",
    )


def test_round_trip(tmp_path: Path) -> None:
    m = BatchState.open(tmp_path)
    assert len(m) == 0 and m.entries() == []
    _done(m, tmp_path)
    again = BatchState.open(tmp_path)
    e = again.entry("jane-doe")
    assert e is not None
    assert e["name"] == "Jane Doe" and e["owner"] == "Alex" and e["company"] == "Acme"
    assert e["status"] == "done" and e["step"] == "" and e["error"] is None
    assert e["agency"] == "Ogilvy" and e["agency_confirmed"] is True
    assert e["agency_roles"] == {"creative": {"agency": "Ogilvy", "status": "confirmed"}}
    assert e["warnings"] == [{"kind": "gap", "message": "No revenue found"}]
    assert e["outputs"] == {
        "company_pdf": "jane-doe/company-report.pdf",
        "note2_md": "jane-doe/note-2.md",
    }
    assert e["started_at"] and e["finished_at"]
    assert e["fingerprint"] == "fp1" and e["start_date"] == "2026-03-02"
    assert e["review"]["decision"] is None
    assert again.meta("created_at")
    assert again.summary() == {"pending": 0, "running": 0, "done": 1, "failed": 0, "skipped": 0}


def test_entry_is_a_copy(tmp_path: Path) -> None:
    m = BatchState.open(tmp_path)
    m.upsert("k", name="A")
    m.entry("k")["name"] = "changed"  # type: ignore[index]
    assert m.entry("k")["name"] == "A"  # type: ignore[index]
    assert m.entry("missing") is None


def test_needs_work_rules(tmp_path: Path) -> None:
    m = BatchState.open(tmp_path)
    assert m.needs_work("new", "fp1")
    _done(m, tmp_path)
    assert not m.needs_work("jane-doe", "fp1")
    assert m.needs_work("jane-doe", "fp2")
    assert m.needs_work("jane-doe", "fp1", force=True)
    m.mark_running("jane-doe", "rendering")
    # An interrupted run leaves "running" behind: the next run redoes it.
    assert BatchState.open(tmp_path).needs_work("jane-doe", "fp1")
    m.mark_done("jane-doe", outputs={}, fingerprint="fp1")
    m.mark_failed("jane-doe", "Company not found")
    assert m.needs_work("jane-doe", "fp1")
    assert m.entry("jane-doe")["error"] == "Company not found"  # type: ignore[index]


def test_approve_hashes_outputs_and_locks(tmp_path: Path) -> None:
    m = BatchState.open(tmp_path)
    _done(m, tmp_path)
    assert not m.is_locked("jane-doe")
    m.approve("jane-doe", by="sam", note="looks good")
    e = BatchState.open(tmp_path).entry("jane-doe")
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
    m = BatchState.open(tmp_path)
    m.upsert("k", name="Kim", status="failed")
    with pytest.raises(DossierError, match="only a finished contact"):
        m.approve("k", by="sam")
    m.upsert("k", status="running")
    with pytest.raises(DossierError, match="being built right now"):
        m.approve("k", by="sam")
    with pytest.raises(DossierError, match="No contact"):
        m.approve("nobody", by="sam")


def test_reject(tmp_path: Path) -> None:
    m = BatchState.open(tmp_path)
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
    m = BatchState.open(tmp_path)
    _done(m, tmp_path)
    m.reject("jane-doe", by="kim", note="stale")
    _done(m, tmp_path)
    assert m.entry("jane-doe")["review"]["decision"] is None  # type: ignore[index]


def test_find(tmp_path: Path) -> None:
    m = BatchState.open(tmp_path)
    m.upsert("row-2-jane-doe", row=2, name="Jane Doe")
    m.upsert("row-3-jane-doeson", row=3, name="Jane Doeson")
    m.upsert("row-4-bob", row=4, name="Bob Stone")
    assert m.find("jane doe") == ["row-2-jane-doe"]  # the exact name wins
    assert m.find("JANE") == []  # a partial match never acts...
    exact, partial = m.match("JANE")
    assert exact == [] and [c.key for c in partial] == ["row-2-jane-doe", "row-3-jane-doeson"]
    assert m.find("row-4-bob") == ["row-4-bob"]
    assert m.find("  bob   STONE ") == ["row-4-bob"]
    assert m.find("Jane Doe <jane@acme.example>") == ["row-2-jane-doe"]
    assert m.find("nobody") == []
    assert m.find("") == []


def test_threads(tmp_path: Path) -> None:
    m = BatchState.open(tmp_path)
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
    loaded = BatchState.open(tmp_path)
    assert len(loaded) == 10
    assert loaded.summary()["done"] == 10


def test_no_email_is_stored(tmp_path: Path) -> None:
    m = BatchState.open(tmp_path)
    m.upsert("k", name="Jane Doe <jane.doe@acme.example>", owner="alex.morgan@fieldstone.example")
    m.mark_done(
        "k",
        outputs={},
        warnings=[{"kind": "ask", "message": "Write to jane.doe@acme.example, not a form"}],
    )
    m.mark_failed("k", "SMTP refused jane.doe@acme.example")
    m.close()
    for f in tmp_path.glob("state.sqlite*"):
        assert b"acme.example" not in f.read_bytes() and b"fieldstone.example" not in f.read_bytes()
    m = BatchState.open(tmp_path)
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


# --- agency choice and approval ---------------------------------------------------------------


def test_unconfirmed_agency_blocks_approval_until_chosen_and_rebuilt(tmp_path: Path) -> None:
    m = BatchState.open(tmp_path)
    _done(m, tmp_path, confirmed=False)
    with pytest.raises(DossierError, match="agency is unconfirmed for creative \\(Ogilvy\\)"):
        m.approve("jane-doe", by="sam")
    c = m.choose_agency("jane-doe", "creative", "Droga5", by="Sam Lee <sam@x.example>")
    assert c.role_state("creative")["status"] == "chosen"
    assert c.role_state("creative")["agency"] == "Droga5" and c.agency == "Droga5"
    assert c.role_state("creative")["chosen_by"] == "Sam Lee" and c.needs_rebuild
    with pytest.raises(DossierError, match="do not show the agency chosen in review yet"):
        m.approve("jane-doe", by="sam")
    assert m.needs_work("jane-doe", "fp1")  # the next run rebuilds it with the choice
    m.mark_running("jane-doe", "writing")
    m.mark_done(
        "jane-doe",
        outputs={"pdf": tmp_path / "jane-doe" / "company-report.pdf"},
        fingerprint="fp1",
        agency_roles={"creative": {"agency": "Droga5", "status": "confirmed"}},
        built_choices=c.agency_choices,
    )
    assert not m.needs_work("jane-doe", "fp1")
    approved = m.approve("jane-doe", by="sam")
    assert approved.decision == "approved"
    actions = [(h["action"], h["agency"]) for h in m.history("jane-doe")]
    assert actions == [("chose-agency", "Droga5"), ("approved", None)]
    with pytest.raises(DossierError, match="reject it first"):
        m.choose_agency("jane-doe", "creative", None, by="kim")


def test_choose_none(tmp_path: Path) -> None:
    m = BatchState.open(tmp_path)
    _done(m, tmp_path, confirmed=False)
    c = m.choose_agency("jane-doe", "creative", "none", by="sam")
    assert c.role_state("creative") | {"chosen_at": None} == {
        "agency": None,
        "status": "chosen",
        "chosen_by": "sam",
        "chosen_at": None,
        "found": "Ogilvy",
        "how": "reviewer",
        "decided": "sam chose none",  # how it was decided, in plain words
    }
    assert c.unresolved_roles() == [] and c.needs_rebuild


def test_rebuild_clears_a_rejection_but_history_keeps_it(tmp_path: Path) -> None:
    m = BatchState.open(tmp_path)
    _done(m, tmp_path)
    m.reject("jane-doe", by="kim", note="stale")
    _done(m, tmp_path)
    assert m.get("jane-doe").decision is None  # type: ignore[union-attr]
    assert [h["action"] for h in m.history("jane-doe")] == ["rejected"]


def test_build_started_after_approval_leaves_it_alone(tmp_path: Path) -> None:
    m = BatchState.open(tmp_path)
    _done(m, tmp_path)
    m.approve("jane-doe", by="sam")
    assert m.mark_running("jane-doe", "writing") is False  # approved: not rebuilt
    assert m.get("jane-doe").decision == "approved"  # type: ignore[union-attr]
    assert m.mark_running("jane-doe", "writing", force=True) is True  # --force withdraws it
    assert m.get("jane-doe").decision is None  # type: ignore[union-attr]
    assert [h["action"] for h in m.history("jane-doe")] == ["approved", "withdrawn"]


# --- one contact per person, readable and unique folders --------------------------------------


def _rows(tmp_path: Path, text: str, name: str = "moved.csv"):
    from dossier.batch.contacts import read_contacts

    path = tmp_path / name
    path.write_text("Name,E-mail,New company\n" + text, encoding="utf-8")
    return read_contacts(path)


def test_non_latin_and_colliding_names_get_their_own_folders(tmp_path: Path) -> None:
    sheet = _rows(
        tmp_path,
        "王伟,,Acme\n李娜,,Acme\nمحمد علي,,Acme\n..,,Acme\n.,,Acme\n"
        "Jane Doe,,Apple Inc.\nJane Doe,,Apple\n"
        "Sam Lee,sam.one@example.com,Acme\nSam Lee,sam.two@example.com,Acme\n",
    )
    assert sheet.problems == []
    m = BatchState.open(tmp_path / "batch")
    keys = m.sync_sheet(sheet.rows).keys
    by_row = {r.row: keys[r.identity] for r in sheet.rows}
    assert by_row[2] == "wang-wei--acme" and by_row[3] == "li-na--acme"
    assert by_row[4] == "mhmd-ly--acme"
    assert by_row[5].startswith("contact-") and by_row[6].startswith("contact-")
    assert by_row[5] != by_row[6]
    assert by_row[7] == "jane-doe--apple-inc" and by_row[8] == "jane-doe--apple"
    assert by_row[9] == "sam-lee--acme" and by_row[10].startswith("sam-lee--acme-")
    assert len(set(by_row.values())) == len(by_row) == 9
    folders = [c.folder for c in m.contacts()]
    assert len(set(folders)) == 9 and not {".", "..", ""} & set(folders)
    again = m.sync_sheet(sheet.rows).keys  # a rerun keeps every key
    assert again == keys


def test_edited_row_replaces_its_entry(tmp_path: Path) -> None:
    m = BatchState.open(tmp_path / "batch")
    first = _rows(tmp_path, "Jane Doe,jane@example.com,Apple Inc.\nBob Stone,,Beta\n")
    m.sync_sheet(first.rows)
    _done(m, tmp_path / "batch", key="jane-doe--apple-inc")
    m.approve("jane-doe--apple-inc", by="sam")
    edited = _rows(tmp_path, "Jane Doe,jane@example.com,Microsoft\n")
    sync = m.sync_sheet(edited.rows)
    assert sync.replaced == {"jane-doe--apple-inc": "jane-doe--microsoft"}
    assert sync.removed == ["bob-stone--beta"]
    old, new = m.get("jane-doe--apple-inc"), m.get("jane-doe--microsoft")
    assert old is not None and new is not None
    assert old.replaced_by == "jane-doe--microsoft" and not old.current
    assert new.current and new.status == "pending" and new.folder == "jane-doe--microsoft"
    assert [c.key for c in m.contacts(include_retired=False)] == ["jane-doe--microsoft"]
    assert m.find("Jane Doe") == ["jane-doe--microsoft"]  # the current one
    with pytest.raises(DossierError, match="no longer in the sheet"):
        m.approve("jane-doe--apple-inc", by="sam")


# --- names as people type them ----------------------------------------------------------------


def test_match_ignores_accents_and_case_and_never_guesses(tmp_path: Path) -> None:
    m = BatchState.open(tmp_path)
    m.upsert("zoe--acme", name="Zoë Ångström-Øvergaard")
    m.upsert("jane-doe--acme", name="Jane Doe")
    m.upsert("jane-doeson--acme", name="Jane Doeson")
    m.upsert("wang-wei--acme", name="王伟")
    assert m.find("Zoe Angstrom-Overgaard") == ["zoe--acme"]
    assert m.find("ZOË ÅNGSTRÖM ØVERGAARD") == ["zoe--acme"]
    assert m.find("王伟") == ["wang-wei--acme"] and m.find("Wang Wei") == ["wang-wei--acme"]
    exact, partial = m.match("Jane")
    assert exact == [] and {c.key for c in partial} == {"jane-doe--acme", "jane-doeson--acme"}


# --- one batch at a time; readers and writers in other processes ------------------------------


def test_a_second_run_is_refused_naming_the_first(tmp_path: Path) -> None:
    from dossier.batch.state import BatchBusy

    a, b = BatchState.open(tmp_path), BatchState.open(tmp_path)
    with a.run("dossier batch moved.csv"):
        with pytest.raises(BatchBusy) as info, b.run("dossier batch moved.csv"):
            pass
        message = str(info.value)
        assert "already running" in message and "dossier batch moved.csv" in message
        assert f"pid {__import__('os').getpid()}" in message and "--wait" in message
    with b.run("second"):  # free again
        pass


def test_wait_starts_when_the_first_run_ends(tmp_path: Path) -> None:
    a, b = BatchState.open(tmp_path), BatchState.open(tmp_path)
    order: list[str] = []
    waited: list[dict] = []
    release = threading.Event()

    def second() -> None:
        with b.run("second", wait=True, on_wait=waited.append):
            order.append("second")

    with a.run("first"):
        t = threading.Thread(target=second)
        t.start()
        release.wait(0.5)
        order.append("first done")
    t.join(10)
    assert order == ["first done", "second"] and waited and waited[0]["command"] == "first"


def test_a_run_resets_contacts_a_dead_run_left_running(tmp_path: Path) -> None:
    m = BatchState.open(tmp_path)
    m.upsert("k", name="Kim", status="running")
    (tmp_path / ".note-1.md.abc123.tmp").write_text("half")  # what kill -9 leaves
    with m.run("x"):
        assert m.get("k").status == "pending"  # type: ignore[union-attr]
    assert not (tmp_path / ".note-1.md.abc123.tmp").exists()


_WRITER = """
import sys, time
from dossier.batch.state import BatchState
m = BatchState.open(sys.argv[1], durable=False)
for i in range(300):
    m.mark_step("jane-doe", f"step {i}")
    m.upsert("other", row=9, step=f"s{i}", warnings=[{"kind": "x", "message": str(i)}])
print("ok")
"""


def test_approval_during_a_running_batch_process_is_kept(tmp_path: Path) -> None:
    """Another process writes progress as fast as it can while the reviewer approves."""
    import subprocess
    import sys

    m = BatchState.open(tmp_path)
    _done(m, tmp_path)
    m.upsert("other", name="Other")
    proc = subprocess.Popen(
        [sys.executable, "-c", _WRITER, str(tmp_path)], stdout=subprocess.PIPE, text=True
    )
    m.approve("jane-doe", by="sam", note="during the batch")
    out, _ = proc.communicate(timeout=120)
    assert proc.returncode == 0 and out.strip() == "ok"
    c = BatchState.open(tmp_path).get("jane-doe")
    assert c is not None and c.decision == "approved" and c.review_note == "during the batch"


# --- damaged files name themselves ------------------------------------------------------------


def test_a_file_that_is_not_a_database_is_a_clear_error(tmp_path: Path) -> None:
    (tmp_path / "state.sqlite").write_bytes(b"this is not sqlite at all, sorry" * 40)
    with pytest.raises(ConfigError, match="state.sqlite is not a usable dossier batch state"):
        BatchState.open(tmp_path)


def test_a_damaged_field_names_the_file_contact_and_field(tmp_path: Path) -> None:
    import sqlite3

    m = BatchState.open(tmp_path)
    m.upsert("k", name="Kim")
    m.close()
    db = sqlite3.connect(tmp_path / "state.sqlite")
    db.execute("UPDATE contacts SET warnings = '\"oops\"', row = 'two' WHERE key = 'k'")
    db.commit()
    db.close()
    with pytest.raises(ConfigError) as info:
        BatchState.open(tmp_path).contacts()
    assert "state.sqlite: contact 'k' has a damaged 'row' field" in str(info.value)


def test_a_newer_state_is_refused(tmp_path: Path) -> None:
    import sqlite3

    BatchState.open(tmp_path).close()
    db = sqlite3.connect(tmp_path / "state.sqlite")
    db.execute("PRAGMA user_version = 99")
    db.close()
    with pytest.raises(ConfigError, match="newer dossier \\(state schema 99"):
        BatchState.open(tmp_path)


def test_no_batch_here(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="holds no dossier batch"):
        BatchState.open(tmp_path, create=False)


def test_the_state_is_private(tmp_path: Path) -> None:
    BatchState.open(tmp_path).close()
    assert (tmp_path / "state.sqlite").stat().st_mode & 0o077 == 0


def test_follow_up_is_written_only_where_it_changed(tmp_path: Path) -> None:
    """A rerun that changes no priority writes nothing: each contact's three follow-up fields
    are compared with what is stored; a changed one (or its owner warning) is written."""
    m = BatchState.open(tmp_path)
    _done(m, tmp_path)
    m.upsert("other", name="Omar")
    reasons = [{"signal": "title", "points": 30, "max": 30, "text": "C-level"}]
    owner = [{"kind": "owner", "message": "Alex owns 12 open follow-ups"}]
    plan = {"jane-doe": (82, reasons, owner), "other": (10, [], [])}
    m.set_follow_up(plan)
    first = {k: m.entry(k) for k in plan}
    assert first["jane-doe"]["priority"] == 82  # type: ignore[index]
    assert first["jane-doe"]["warnings"] == [  # type: ignore[index]
        {"kind": "gap", "message": "No revenue found"},
        *owner,
    ]
    writes: list[str] = []
    m._db.set_trace_callback(lambda sql: writes.append(sql) if sql.startswith("UPDATE") else None)
    m.set_follow_up(plan)
    assert writes == [] and {k: m.entry(k) for k in plan} == first
    m.set_follow_up({"jane-doe": (82, reasons, []), "other": (10, [], [])})
    assert len(writes) == 1  # jane-doe only
    e = m.entry("jane-doe")
    assert e["warnings"] == [{"kind": "gap", "message": "No revenue found"}]  # type: ignore[index]
    assert m.entry("other") == first["other"]
    m._db.set_trace_callback(None)


def test_a_follow_up_holding_an_address_is_stored_clean_every_time(tmp_path: Path) -> None:
    """The quick comparison with the stored row never lets an e-mail address through: a
    reason naming one is stored scrubbed, and asked again (the same fields) it is compared,
    found unchanged once cleaned, and not written."""
    m = BatchState.open(tmp_path)
    _done(m, tmp_path)
    reasons = [{"signal": "owner", "points": 5, "max": 10, "text": "ask alex@fieldstone.example"}]
    m.set_follow_up({"jane-doe": (40, reasons, [])})
    stored = m.entry("jane-doe")
    assert stored is not None and "@" not in json.dumps(stored["priority_reasons"])
    writes: list[str] = []
    m._db.set_trace_callback(lambda sql: writes.append(sql) if sql.startswith("UPDATE") else None)
    m.set_follow_up({"jane-doe": (40, reasons, [])})
    m._db.set_trace_callback(None)
    assert writes == [] and m.entry("jane-doe") == stored
