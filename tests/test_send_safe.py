"""What is exported is what was reviewed: note files that disagree, a sheet row that changed
after approval, and warnings that must be fixed (or acknowledged) before approval."""

from __future__ import annotations

import email
import shutil
from email import policy
from pathlib import Path

import pytest
from click.testing import CliRunner

from dossier.batch import BatchState
from dossier.cli import cli

from .conftest import APPLE_SNAPSHOT, ROOT

pytestmark = pytest.mark.pdf

HEADER = "Name,Email,Previous company,New company,New title,Owner\n"
SAM = "Sam Smith,sam@example.com,Beta Ltd,Apple Inc.,VP Marketing,Alex Morgan\n"
KIM = "김 민준,kim@example.com,Gamma,Apple Inc.,Director,Nobody Known\n"
SAM_KEY = "sam-smith--apple-inc"
KIM_KEY = "gim-min-jun--apple-inc"


@pytest.fixture(scope="module", autouse=True)
def _every_character_has_a_font():
    """The counts below do not depend on the fonts of the machine the tests run on (the font
    warning for 김 민준 on a machine without Korean fonts is tested in tests/test_glyphs.py)."""
    from dossier.render import glyphs

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(glyphs, "_installed_has", lambda _char: True)
        yield


def _batch(folder: Path, *extra: str):
    return CliRunner().invoke(
        cli,
        [
            "batch",
            str(folder / "contacts.csv"),
            "--out",
            str(folder / "out"),
            "--offline",
            str(APPLE_SNAPSHOT),
            "--articles",
            str(ROOT / "examples" / "apple-inc" / "articles.jsonl"),
            "--news-days",
            "365",
            "--quiet",
            *extra,
        ],
    )


def _cli(*args: str):
    return CliRunner().invoke(cli, list(args))


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("sendsafe")
    (folder / "contacts.csv").write_text(HEADER + SAM + KIM, encoding="utf-8")
    r = _batch(folder)
    assert r.exit_code == 0, r.output
    return folder


@pytest.fixture
def batch(built: Path, tmp_path: Path) -> Path:
    shutil.copytree(built, tmp_path / "b")
    return tmp_path / "b"


def _out(batch: Path) -> Path:
    return batch / "out" / "contacts"


def _approve(batch: Path, key: str, *extra: str):
    """Approve (the bundled example's data is acknowledged: part 3 is tested on its own)."""
    return _cli("review", "approve", key, "--batch", str(_out(batch)), "--accept-warnings", *extra)


def _eml_text(path: Path) -> str:
    msg = email.message_from_bytes(path.read_bytes(), policy=policy.default)
    return str(msg.get_body(("plain",)).get_content())


# -- 1. the three files of a note ----------------------------------------------------------


def test_an_edited_md_is_written_into_the_txt_and_eml_at_approval(batch: Path) -> None:
    folder = _out(batch) / SAM_KEY
    md = folder / "note-2.md"
    md.write_text(md.read_text().replace("Dear Sam,", "Dear Samuel,"))
    r = _approve(batch, SAM_KEY)
    assert r.exit_code == 0, r.output
    assert "note-2.md was edited: note-2.txt and note-2.eml written again from it" in r.output
    assert "Dear Samuel," in (folder / "note-2.txt").read_text()
    assert "Dear Samuel," in _eml_text(folder / "note-2.eml")
    assert (folder / "note-2.override.md").is_file()  # kept through a later rebuild
    msg = email.message_from_bytes((folder / "note-2.eml").read_bytes(), policy=policy.default)
    assert [p.get_filename() for p in msg.iter_attachments()]  # the report is still attached
    r = _cli("export", "--approved", "--batch", str(_out(batch)))
    assert r.exit_code == 0, r.output
    assert "Dear Samuel," in _eml_text(_out(batch) / "export" / f"{SAM_KEY}--note-2.eml")


def test_an_edited_md_that_asks_is_refused(batch: Path) -> None:
    folder = _out(batch) / SAM_KEY
    md = folder / "note-2.md"
    before = (folder / "note-2.eml").read_bytes()
    md.write_text(md.read_text() + "\nCould we set up a call to pitch our agency?\n")
    r = _approve(batch, SAM_KEY)
    assert r.exit_code == 1
    assert "the cover notes fail the check" in r.output and "pitch" in r.output
    assert (folder / "note-2.eml").read_bytes() == before  # nothing written
    assert not (folder / "note-2.override.md").exists()


@pytest.mark.parametrize("edited", ["note-2.txt", "note-2.eml"])
def test_a_pitch_typed_into_the_txt_or_eml_is_refused(batch: Path, edited: str) -> None:
    folder = _out(batch) / SAM_KEY
    path = folder / edited
    text = path.read_text()
    path.write_text(text.replace("Dear Sam,", "Dear Sam, could we set up a call to pitch?"))
    r = _approve(batch, SAM_KEY)
    assert r.exit_code == 1
    assert f"{edited} was changed by hand" in r.output
    assert "The .md is the one place to edit a note" in r.output
    with BatchState.open(_out(batch), create=False) as state:
        assert state.require(SAM_KEY).decision is None
    # the way out: write them again from the .md (what was typed into them is dropped)
    r = _approve(batch, SAM_KEY, "--notes-from-md")
    assert r.exit_code == 0, r.output
    assert "pitch" not in (folder / "note-2.txt").read_text()
    assert "pitch" not in _eml_text(folder / "note-2.eml")


def test_export_leaves_out_an_approved_contact_whose_notes_disagree(batch: Path) -> None:
    out = _out(batch)
    with BatchState.open(out, create=False) as state:  # approved before the check existed
        state.approve(SAM_KEY, by="old dossier")
        txt = out / SAM_KEY / "note-2.txt"
        txt.write_text(txt.read_text() + "Could we set up a call?\n")
        state.approve(SAM_KEY, by="old dossier")  # hashes taken with the edit in place
    r = _cli("export", "--approved", "--batch", str(out))
    assert f"{SAM_KEY}: the note files disagree" in r.output
    assert not list((out / "export").glob(f"{SAM_KEY}--*")) if (out / "export").exists() else True


# -- 2. a sheet row changed after approval ---------------------------------------------------


def _edit_sheet(batch: Path, old: str, new: str) -> None:
    path = batch / "contacts.csv"
    path.write_text(path.read_text().replace(old, new), encoding="utf-8")


def test_an_approved_contact_whose_row_changed_is_named_and_not_exported(batch: Path) -> None:
    out = _out(batch)
    with BatchState.open(out, create=False) as state:
        state.approve(SAM_KEY, by="Ann")
    _edit_sheet(batch, "VP Marketing,Alex Morgan", "CEO,Bob Other")
    r = _batch(batch)
    assert r.exit_code == 0, r.output
    assert "approved, sheet changed: title, owner" in r.output
    assert f"{SAM_KEY}: Approved, but the sheet changed since: title, owner." in r.output
    assert "Reject it to rebuild it from the new row" in r.output
    listed = _cli("review", "list", "--batch", str(out)).output
    assert "(sheet changed since: title, owner; not exported)" in listed
    shown = _cli("review", "show", SAM_KEY, "--batch", str(out)).output
    assert "sheet: Approved, but the sheet changed since: title, owner" in shown
    assert "Approved, but the sheet changed since" in (out / "review.html").read_text()
    r = _cli("export", "--approved", "--batch", str(out))
    assert f"skipped {SAM_KEY}: approved, but the sheet changed since (title, owner)" in r.output
    assert not list((out / "export").glob("*.eml")) if (out / "export").is_dir() else True
    # Rejected, the next run builds it from the new row, and the warning is gone.
    _cli("review", "reject", SAM_KEY, "--batch", str(out), "--note", "new title")
    _batch(batch)
    assert "CEO" in (out / SAM_KEY / "note-1.txt").read_text()
    with BatchState.open(out, create=False) as state:
        c = state.require(SAM_KEY)
        assert c.sheet_changes == [] and all(w["kind"] != "sheet" for w in c.warnings)


def test_approving_again_keeps_the_approved_drafts(batch: Path) -> None:
    out = _out(batch)
    with BatchState.open(out, create=False) as state:
        state.approve(SAM_KEY, by="Ann")
    _edit_sheet(batch, "VP Marketing", "Vice President, Marketing")
    _batch(batch)
    r = _approve(batch, SAM_KEY)
    assert r.exit_code == 0, r.output
    with BatchState.open(out, create=False) as state:
        c = state.require(SAM_KEY)
        assert c.sheet_changes == [] and all(w["kind"] != "sheet" for w in c.warnings)
        assert [h["action"] for h in state.history(SAM_KEY)][-2:] == ["kept", "approved"]
    r = _cli("export", "--approved", "--batch", str(out))
    assert (out / "export" / f"{SAM_KEY}--note-2.eml").is_file(), r.output


def test_a_new_address_or_a_removed_row_is_never_exported_to_the_old_one(batch: Path) -> None:
    out = _out(batch)
    with BatchState.open(out, create=False) as state:
        state.approve(SAM_KEY, by="Ann")
    _edit_sheet(batch, "sam@example.com", "samuel@example.com")
    _batch(batch)
    listed = _cli("review", "list", "--batch", str(out)).output
    assert f"{SAM_KEY} " in listed and "(not in the sheet" in listed
    r = _cli("export", "--approved", "--batch", str(out))
    assert not (out / "export").is_dir() or not list((out / "export").glob("*.eml")), r.output
    _edit_sheet(batch, "samuel@example.com", "sam@example.com")  # back: the approval stands
    (batch / "contacts.csv").write_text(HEADER + KIM, encoding="utf-8")  # Sam's row removed
    _batch(batch)
    r = _cli("export", "--approved", "--batch", str(out))
    assert not (out / "export").is_dir() or not list((out / "export").glob("*.eml")), r.output


def test_an_unapproved_contact_whose_row_changed_unbuilt_is_refused(batch: Path) -> None:
    out = _out(batch)
    with BatchState.open(out, create=False) as state:  # a sync without a rebuild (as a
        c = state.require(SAM_KEY)  # rebuild of another contact from the review app does)
        state.upsert(SAM_KEY, sheet_fields={**c.sheet_fields, "new_title": "changed"})
    r = _approve(batch, SAM_KEY)
    assert r.exit_code == 1 and "row in the sheet changed since the drafts were built (title)" in (
        r.output
    )


# -- 3. warnings that say "fix before sending" ------------------------------------------------


def test_warnings_to_fix_before_sending_stop_approval_until_accepted(batch: Path) -> None:
    out = _out(batch)
    r = _cli("review", "approve", KIM_KEY, "--batch", str(out))
    assert r.exit_code == 1
    assert "3 warning(s) say to fix something before sending" in r.output
    for words in (
        "the first name is unclear",
        "the owner is not a known sender",
        "example data, not research",
        "--accept-warnings",
    ):
        assert words in r.output
    with BatchState.open(out, create=False) as state:
        assert state.require(KIM_KEY).decision is None
    r = _cli("review", "approve", KIM_KEY, "--batch", str(out), "--accept-warnings", "--by", "Ann")
    assert r.exit_code == 0, r.output
    with BatchState.open(out, create=False) as state:
        c = state.require(KIM_KEY)
        assert c.decision == "approved" and c.acknowledged["by"] == "Ann"
        assert c.acknowledged["at"]
        assert sorted(w["kind"] for w in c.acknowledged["warnings"]) == [
            "example",
            "greeting",
            "sender",
        ]
        assert "accepted-warnings" in [h["action"] for h in state.history(KIM_KEY)]
    shown = _cli("review", "show", KIM_KEY, "--batch", str(out)).output
    assert "Accepted:  warnings example, sender, greeting accepted by Ann" in shown
    _cli("review", "reject", KIM_KEY, "--batch", str(out), "--note", "greeting")
    with BatchState.open(out, create=False) as state:
        assert state.require(KIM_KEY).acknowledged == {}


def test_an_ask_in_a_note_is_never_accepted(batch: Path) -> None:
    md = _out(batch) / KIM_KEY / "note-2.md"
    md.write_text(md.read_text() + "\nWould you introduce us to your marketing team?\n")
    r = _approve(batch, KIM_KEY)  # with --accept-warnings
    assert r.exit_code == 1 and "the cover notes fail the check" in r.output


def test_the_blocking_kinds_are_in_the_help_and_the_docs() -> None:
    text = _cli("review", "approve", "--help").output
    for kind in ("greeting", "sender", "example", "--accept-warnings"):
        assert kind in text
    docs = (ROOT / "docs" / "review.md").read_text()
    assert "--accept-warnings" in docs and "`greeting`" in docs and "`example`" in docs


def test_a_contact_built_by_an_earlier_dossier_is_caught_too(batch: Path) -> None:
    out = _out(batch)
    with BatchState.open(out, create=False) as state:  # as an earlier dossier left it
        state.approve(SAM_KEY, by="Ann")
        state.approve(KIM_KEY, by="Ann")
        state.upsert(SAM_KEY, built_fields={})
        state.upsert(KIM_KEY, built_fields={})
    _edit_sheet(batch, "VP Marketing", "CEO")
    r = _batch(batch)
    assert f"{SAM_KEY}: Approved, but the sheet changed since: the row (built by an earlier" in (
        r.output
    )
    with BatchState.open(out, create=False) as state:
        assert state.require(SAM_KEY).sheet_changes
        kim = state.require(KIM_KEY)  # unchanged row: its fields are taken as built
        assert kim.sheet_changes == [] and kim.built_fields == kim.sheet_fields
    r = _cli("export", "--approved", "--batch", str(out))
    assert f"skipped {SAM_KEY}: approved, but the sheet changed since" in r.output
    assert (out / "export" / f"{KIM_KEY}--note-2.eml").is_file()
