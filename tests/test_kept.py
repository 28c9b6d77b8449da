"""Results kept between runs (``dossier.regexcache.kept``) and the ticker map's cleaned titles
kept with it (``dossier.nameindex.cleaned_titles``): the same values cold or warm, and made
again when the kept file is missing, stale, damaged or cannot be written."""

from __future__ import annotations

from pathlib import Path

import pytest

from dossier import nameindex, regexcache
from dossier.nameindex import NameIndex, cleaned_titles
from dossier.names import clean_name
from dossier.sources.sec import parse_tickers

from .conftest import fixture_bytes


def _files(folder: str = "test") -> list[Path]:
    where = regexcache._folder(folder)
    assert where is not None
    return sorted(where.glob("*.marshal"))


def _is_list(value: object) -> bool:
    return isinstance(value, list)


def test_kept_is_made_once_then_loaded() -> None:
    calls: list[int] = []

    def make() -> list[str]:
        calls.append(1)
        return ["a", "b"]

    assert regexcache.kept("test", "x", ["one"], make, _is_list) == ["a", "b"]
    assert regexcache.kept("test", "x", ["one"], make, _is_list) == ["a", "b"]
    assert len(calls) == 1
    (path,) = _files()
    assert path.stat().st_mode & 0o077 == 0  # private to the user


def test_other_inputs_make_it_again_and_the_oldest_files_go() -> None:
    for i in range(4):
        assert regexcache.kept("test", "x", [str(i), b"bytes too"], lambda i=i: [i], _is_list) == [
            i
        ]
    assert len(_files()) == 4  # the default: four versions kept
    first = regexcache.kept("test", "x", ["0", b"bytes too"], lambda: pytest.fail("made"), _is_list)
    assert first == [0]
    regexcache.kept("test", "x", ["new"], lambda: [9], _is_list, versions=2)
    assert len(_files()) == 2


def test_a_refused_or_damaged_file_is_made_again() -> None:
    regexcache.kept("test", "x", ["one"], lambda: [1], _is_list)
    (path,) = _files()
    assert regexcache.kept("test", "x", ["one"], lambda: [2], lambda v: v == [2]) == [2]
    path.write_bytes(b"\xff not marshal")
    assert regexcache.kept("test", "x", ["one"], lambda: [3], _is_list) == [3]
    assert regexcache.kept("test", "x", ["one"], lambda: [4], _is_list) == [3]  # kept again


def test_without_a_cache_folder_it_is_made_every_time(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(regexcache, "_folder", lambda _name="": None)
    assert regexcache.kept("test", "x", ["one"], lambda: [1], _is_list) == [1]
    assert regexcache.kept("test", "x", ["one"], lambda: [2], _is_list) == [2]


def _titles() -> list[str]:
    rows = parse_tickers(fixture_bytes("sec", "company_tickers.json.gz"))
    return [title for _cik, _ticker, title in rows]


def test_cleaned_titles_cold_and_warm_are_clean_name(monkeypatch: pytest.MonkeyPatch) -> None:
    titles = _titles()
    expected = [clean_name(t) for t in titles]
    assert cleaned_titles(titles) == expected  # cold: cleaned and kept
    assert len(_files("names")) == 1
    monkeypatch.setattr(nameindex, "clean_name", lambda _t: pytest.fail("cleaned again"))
    assert cleaned_titles(titles) == expected  # warm: loaded
    rows = [(str(i), "T", t) for i, t in enumerate(titles)]
    assert NameIndex(rows).cleaned == expected


def test_cleaned_titles_of_other_titles_are_cleaned_again() -> None:
    titles = _titles()
    cleaned_titles(titles)
    other = [*titles[:-1], "Quorvane Dynamics Inc."]
    assert cleaned_titles(other) == [clean_name(t) for t in other]
    assert cleaned_titles(titles[:3]) == [clean_name(t) for t in titles[:3]]


PATTERNS = [
    (r"(?P<brand>[A-Z]\w+)\s+(?:names|hires)\s+(?P<agency>[A-Z]\w*)", 0),
    (r"\b(?:agency\s+of\s+record|aor)\b", 2),  # re.IGNORECASE
    (r"café|naïve", 0),
    (rb"\x00(?P<b>\d+)", 0),
]
TEXTS = ["Nike names Wieden agency of record", "Apple hires TBWA; AOR", "un café naïve", ""]


def _compiled_in_block(name: str = "test-imports") -> list[object]:
    import re

    re.purge()  # re's own memo would answer before the compiler is asked
    with regexcache.kept_compiles(name):
        return [re.compile(p, f) for p, f in PATTERNS]


def _behaviour(pattern: object) -> tuple[object, ...]:
    import re

    assert isinstance(pattern, re.Pattern)
    texts = [t.encode() if isinstance(pattern.pattern, bytes) else t for t in TEXTS]
    found = [[m.span() + m.groups() for m in pattern.finditer(t)] for t in texts]  # type: ignore[arg-type]
    return (pattern.pattern, pattern.flags, pattern.groupindex, found)


def test_kept_compiles_cold_and_warm_are_re_compile(monkeypatch: pytest.MonkeyPatch) -> None:
    import re

    from dossier.regexcache import _compiler

    original = _compiler.compile
    expected = [_behaviour(original(p, f)) for p, f in PATTERNS]
    assert [_behaviour(p) for p in _compiled_in_block()] == expected  # cold: compiled, kept
    assert _compiler.compile is original
    (path,) = _files("regex")
    assert path.name.startswith("test-imports-")
    monkeypatch.setattr(regexcache, "_compile_one", lambda *_a: pytest.fail("compiled again"))
    assert [_behaviour(p) for p in _compiled_in_block()] == expected  # warm: rebuilt
    re.purge()


def test_kept_compiles_with_a_damaged_or_refused_file_compiles() -> None:
    import re

    expected = [_behaviour(re.compile(p, f)) for p, f in PATTERNS]
    _compiled_in_block()
    (path,) = _files("regex")
    path.write_bytes(b"\x00 not marshal")
    assert [_behaviour(p) for p in _compiled_in_block()] == expected
    import marshal

    kept = marshal.loads(path.read_bytes())
    assert len(kept) == len(PATTERNS)
    path.write_bytes(marshal.dumps({k: (0, [1, 2, 3], 0, {}, ()) for k in kept}))  # refused
    assert [_behaviour(p) for p in _compiled_in_block()] == expected
    re.purge()


def test_kept_compiles_puts_the_compiler_back_after_an_error() -> None:
    from dossier.regexcache import _compiler

    original = _compiler.compile
    with pytest.raises(RuntimeError), regexcache.kept_compiles("test-imports"):
        raise RuntimeError("an import failed")
    assert _compiler.compile is original
