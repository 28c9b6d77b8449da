"""Start-up work kept between runs: WeasyPrint's library lookups and the gazetteer's parse
(dossier/render/libraries.py, dossier.regexcache.kept_toml, the gazetteer's cleaned names).
Each kept answer must be the answer made afresh; a damaged or failed one is made again."""

from __future__ import annotations

import ctypes.util
import tomllib
from datetime import date, datetime, time
from pathlib import Path

import pytest

from dossier.agency import gazetteer
from dossier.fsutil import cache_folder
from dossier.regexcache import kept_toml
from dossier.render import libraries


def _lookups(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    asked: list[str] = []

    def find(name: str) -> str | None:
        asked.append(name)
        return f"lib{name}.so.1" if name.startswith("real") else None

    monkeypatch.setattr(ctypes.util, "find_library", find)
    return asked


def test_library_lookups_are_kept_and_answered_the_same(monkeypatch: pytest.MonkeyPatch) -> None:
    asked = _lookups(monkeypatch)
    with libraries.found_libraries():
        first = [ctypes.util.find_library(n) for n in ("realpango", "missing")]
    assert asked == ["realpango", "missing"]
    with libraries.found_libraries():
        again = [ctypes.util.find_library(n) for n in ("realpango", "missing")]
        other = ctypes.util.find_library("realother")
    assert again == first == ["librealpango.so.1", None]
    assert other == "librealother.so.1"
    assert asked == ["realpango", "missing", "realother"]  # only the new name was looked up
    assert ctypes.util.find_library.__name__ == "find"  # put back after the block


def test_a_changed_library_path_looks_everything_up_again(monkeypatch: pytest.MonkeyPatch) -> None:
    asked = _lookups(monkeypatch)
    with libraries.found_libraries():
        ctypes.util.find_library("realpango")
    monkeypatch.setenv("LD_LIBRARY_PATH", "/opt/other/lib")
    with libraries.found_libraries():
        ctypes.util.find_library("realpango")
    assert asked == ["realpango", "realpango"]


def test_a_failure_inside_the_block_forgets_the_kept_answers(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    asked = _lookups(monkeypatch)
    with libraries.found_libraries():
        ctypes.util.find_library("realpango")
    with pytest.raises(OSError), libraries.found_libraries():
        ctypes.util.find_library("realpango")  # kept: not asked
        raise OSError("cannot load library")
    with libraries.found_libraries():
        ctypes.util.find_library("realpango")
    assert asked == ["realpango", "realpango"]


def test_a_damaged_kept_file_is_looked_up_again(monkeypatch: pytest.MonkeyPatch) -> None:
    asked = _lookups(monkeypatch)
    with libraries.found_libraries():
        ctypes.util.find_library("realpango")
    folder = cache_folder("libraries")
    assert folder is not None
    for path in folder.glob("find-*.marshal"):
        path.write_bytes(b"not marshal")
    with libraries.found_libraries():
        assert ctypes.util.find_library("realpango") == "librealpango.so.1"
    assert asked == ["realpango", "realpango"]


def test_weasyprint_renders_with_kept_lookups() -> None:
    """In a fresh interpreter twice: the second import answers from the kept file and renders."""
    import subprocess
    import sys

    code = (
        "from dossier.render import render_pdf; from dossier.config import load_brand; "
        "print(render_pdf('<p>kept</p>', load_brand(None))[:5])"
    )
    for _ in range(2):
        done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
        assert done.returncode == 0, done.stderr
        assert "%PDF-" in done.stdout
    folder = cache_folder("libraries")
    assert folder is not None and list(folder.glob("find-*.marshal"))


TOML = """
title = "t"
when = 2025-11-26
at = 2025-11-26T10:30:00+00:00
local = 2025-11-26T10:30:00
clock = 10:30:00
nested = [{ a = 1, d = [2024-01-02, "x"] }, 2.5, true]
[[agency]]
name = "A"
as_of = 2026-10-01
"""


def test_kept_toml_is_what_tomllib_parses_dates_included() -> None:
    fresh = tomllib.loads(TOML)
    assert kept_toml(TOML, "test") == fresh  # made
    again = kept_toml(TOML, "test")  # kept
    assert again == fresh
    assert type(again["when"]) is date and type(again["at"]) is datetime
    assert type(again["clock"]) is time and again["at"].tzinfo is not None
    assert again["nested"][0]["d"][0] == date(2024, 1, 2)


def test_kept_toml_raises_on_bad_toml_as_tomllib_does() -> None:
    with pytest.raises(tomllib.TOMLDecodeError):
        kept_toml("a = = 1", "test")


def test_the_packaged_gazetteer_kept_is_the_gazetteer_parsed() -> None:
    text = gazetteer.GAZETTEER_FILE.read_text(encoding="utf-8")
    assert kept_toml(text, "gazetteer") == tomllib.loads(text)
    made = gazetteer._read(gazetteer.GAZETTEER_FILE, keep=True)
    kept = gazetteer._read(gazetteer.GAZETTEER_FILE, keep=True)
    assert made == kept == gazetteer._read(gazetteer.GAZETTEER_FILE)  # kept, made, unkept
    assert len(kept) >= 150


def test_kept_cleaned_names_give_the_same_agency_keys() -> None:
    gazetteer._packaged()
    names = [n for e in gazetteer._packaged() for n in e.names]
    assert gazetteer._CLEANED
    kept = [gazetteer.agency_key(n) for n in names]
    saved = dict(gazetteer._CLEANED)
    gazetteer._CLEANED.clear()
    try:
        assert kept == [gazetteer.agency_key(n) for n in names]
    finally:
        gazetteer._CLEANED.update(saved)
    assert gazetteer.agency_key("TBWA\\Chiat\\Day") == gazetteer.agency_key("TBWA/Chiat/Day")


def test_a_user_gazetteer_is_parsed_not_kept(tmp_path: Path) -> None:
    path = tmp_path / "agencies.toml"
    path.write_text('[[agency]]\nname = "X"\ndiscipline = ["creative"]\n', encoding="utf-8")
    assert [e.name for e in gazetteer._read(path)] == ["X"]
    folder = cache_folder("toml")
    assert folder is None or not any(folder.glob("*.marshal"))
