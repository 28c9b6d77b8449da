"""Compiled patterns kept between runs (dossier.regexcache): the same as re.compile, cold or
warm, and never wrong when the cache file is missing, stale, corrupt or cannot be written."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from dossier import regexcache

PATTERNS = [
    r"(?P<brand>[A-Z]\w+)\s+(?:names|hires|appoints)\s+(?P<agency>[A-Z][\w+&]*(?:\s+[A-Z]\w*)*)",
    r"\b(?:agency\s+of\s+record|aor)\b",
    r"(?<![\w-])(?:pitch|review)(?:ing|ed)?\b(?=\s+(?:its|the))",
    r"^\W*(?:earlier|later)\b[^,]{0,30},\s*",
    r"café|naïve|straße",
]
TEXTS = [
    "Nike names Wieden+Kennedy agency of record",
    "Later this year, Apple hires TBWA Media Arts Lab; the AOR review ended.",
    "The brand is pitching its account; reviewed the roster; a pre-review",
    "Ein Café an der Straße, naïve reading",
    "",
]


def _first_letter(parsed: object) -> str:
    return str(parsed)[:1]


def _same(a: re.Pattern[str], b: re.Pattern[str]) -> None:
    assert a.pattern == b.pattern and a.flags == b.flags and a.groupindex == b.groupindex
    for text in TEXTS:
        assert [m.span() + m.groups() for m in a.finditer(text)] == [
            m.span() + m.groups() for m in b.finditer(text)
        ]


def _cache_files() -> list[Path]:
    folder = regexcache._folder()
    assert folder is not None
    return sorted(folder.glob("test-*.marshal"))


def test_cold_and_warm_match_re_compile(monkeypatch: pytest.MonkeyPatch) -> None:
    cold = regexcache.compile_all("test", PATTERNS, re.IGNORECASE.value, _first_letter)
    files = _cache_files()
    assert len(files) == 1 and files[0].stat().st_mode & 0o077 == 0  # private to the user

    # The second call must come from the file: compiling again would fail here.
    def refuse(*_a: object) -> None:
        raise AssertionError("compiled again")

    monkeypatch.setattr(regexcache, "_compile_one", refuse)
    warm = regexcache.compile_all("test", PATTERNS, re.IGNORECASE.value, _first_letter)
    for (c, cd), (w, wd), source in zip(cold, warm, PATTERNS, strict=True):
        ref = re.compile(source, re.IGNORECASE)
        _same(c, ref)
        _same(w, ref)
        assert cd == wd


def test_a_changed_pattern_or_flag_is_a_new_file_and_the_old_one_goes() -> None:
    regexcache.compile_all("test", PATTERNS, re.IGNORECASE.value, _first_letter)
    first = _cache_files()
    regexcache.compile_all("test", [*PATTERNS[:-1], r"cafe"], re.IGNORECASE.value, _first_letter)
    second = _cache_files()
    regexcache.compile_all("test", PATTERNS, 0, _first_letter)
    third = _cache_files()
    assert len(first) == len(second) == len(third) == 1
    assert len({*first, *second, *third}) == 3


@pytest.mark.parametrize(
    "damage",
    [
        b"not marshal at all",
        b"",
        # a well-formed file whose program the engine must refuse
        None,
    ],
)
def test_a_damaged_file_means_compiling_again(damage: bytes | None) -> None:
    import marshal

    regexcache.compile_all("test", PATTERNS, 0, _first_letter)
    (path,) = _cache_files()
    if damage is None:
        stored = marshal.loads(path.read_bytes())
        flags, code, groups, groupindex, indexgroup = stored[0][0]
        stored[0] = ((flags, [7, 7, 7, 7] + code[4:], groups, groupindex, indexgroup), stored[0][1])
        damage = marshal.dumps(stored)
    path.write_bytes(damage)
    again = regexcache.compile_all("test", PATTERNS, 0, _first_letter)
    for (p, _d), source in zip(again, PATTERNS, strict=True):
        _same(p, re.compile(source))


def test_no_cache_folder_still_compiles(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(regexcache, "_folder", lambda: None)
    out = regexcache.compile_all("test", PATTERNS, 0, _first_letter)
    for (p, _d), source in zip(out, PATTERNS, strict=True):
        _same(p, re.compile(source))


def test_the_relation_rules_from_the_cache_are_the_rules() -> None:
    """The shipped rules, compiled cold and then rebuilt from the file, find the same matches
    on real headlines as re.compile's patterns."""
    import json

    from dossier.agency import relations

    rules = relations._RULES.strip().splitlines()
    templates = [
        relations._t(line.split(" : ", 1)[1])
        for line in rules
        if line.strip() and not line.startswith("#")
    ]
    cold = regexcache.compile_all("rules", templates, re.IGNORECASE.value, relations._words)
    warm = regexcache.compile_all("rules", templates, re.IGNORECASE.value, relations._words)
    path = Path(__file__).parent.parent / "eval" / "agency" / "dev.jsonl"
    items = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line][
        :40
    ]
    texts = [f"{i['headline']} {i['snippet']}" for i in items]
    for (c, cw), (w, ww), source in zip(cold, warm, templates, strict=True):
        ref = re.compile(source, re.IGNORECASE)
        assert cw == ww == relations._words(re._parser.parse(source, re.IGNORECASE.value))  # type: ignore[attr-defined]
        assert c.groupindex == w.groupindex == ref.groupindex
        for text in texts:
            expected = [m.span() for m in ref.finditer(text)]
            assert [m.span() for m in w.finditer(text)] == expected


def test_the_word_lists_from_the_cache_find_what_they_found(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The words-to-watch categories, compiled cold and then read from the cache, are the same
    patterns and flag the same words."""
    from dossier.writing import neutrality

    cold = neutrality.load_categories.__wrapped__()  # type: ignore[attr-defined]
    monkeypatch.setattr(regexcache, "_compile_one", lambda *_a: pytest.fail("compiled again"))
    warm = neutrality.load_categories.__wrapped__()  # type: ignore[attr-defined]
    text = (
        "The world-renowned firm, which some say is iconic, recently unveiled a game-changing plan."
    )
    assert [c.name for c in cold] == [c.name for c in warm]
    for c, w in zip(cold, warm, strict=True):
        assert (c.regex is None) == (w.regex is None)
        if c.regex is not None and w.regex is not None:
            assert c.regex.pattern == w.regex.pattern
            assert [m.span() for m in c.regex.finditer(text)] == [
                m.span() for m in w.regex.finditer(text)
            ]


def test_lists_of_different_names_keep_their_own_files() -> None:
    """The words to watch and the ask-guard's list are two pattern sets: loading one must not
    throw the other's file away (each run would compile both again)."""
    from dossier.render.notes import ASKS_FILE
    from dossier.writing import neutrality

    neutrality.load_categories.__wrapped__()  # type: ignore[attr-defined]
    neutrality.load_categories.__wrapped__(ASKS_FILE)  # type: ignore[attr-defined]
    folder = regexcache._folder()
    assert folder is not None
    names = sorted(p.name.rsplit("-", 1)[0] for p in folder.glob("words-*.marshal"))
    assert names == ["words-asks", "words-words_to_watch"]


def test_the_word_lists_pattern_text_is_kept_and_follows_the_files(tmp_path: Path) -> None:
    """The categories' pattern text (the tries built from the word lists) is read back from
    the cache on the next load, and a changed word file is read again, not the kept text."""
    from dossier.writing import neutrality

    words = tmp_path / "words.toml"
    words.write_text(
        '[categories.puffery]\nguideline = "WP:PEACOCK"\nword_files = ["extra.txt"]\n',
        encoding="utf-8",
    )
    (tmp_path / "extra.txt").write_text("legendary\nworld class # a comment\n", encoding="utf-8")
    load = neutrality.load_categories.__wrapped__  # type: ignore[attr-defined]
    cold = load(words)
    made = neutrality._category_sources
    try:
        neutrality._category_sources = lambda *_a: pytest.fail("built again")  # type: ignore[assignment]
        warm = load(words)
    finally:
        neutrality._category_sources = made  # type: ignore[assignment]
    assert cold[0].regex is not None and warm[0].regex is not None
    assert cold[0].regex.pattern == warm[0].regex.pattern
    assert warm[0].regex.search("a World  Class firm") and not warm[0].regex.search("iconic")
    (tmp_path / "extra.txt").write_text("iconic\n", encoding="utf-8")
    changed = load(words)
    assert changed[0].regex is not None
    assert changed[0].regex.search("an iconic firm") and not changed[0].regex.search("legendary")


def test_the_gazetteer_patterns_from_the_cache_are_its_patterns(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The agency names' patterns, compiled together and then rebuilt from the cache, are
    re.compile's patterns (case flag included) and find the same agencies."""
    from dossier.agency import gazetteer

    entries = list(gazetteer.load_gazetteer())
    cold = gazetteer.Gazetteer(entries)._patterns
    monkeypatch.setattr(regexcache, "_compile_one", lambda *_a: pytest.fail("compiled again"))
    fresh = gazetteer.Gazetteer(entries)
    warm = fresh._patterns
    assert len(cold) == len(warm) > 500
    for (c, ce, cw), (w, we, ww) in zip(cold, warm, strict=True):
        assert c.pattern == w.pattern and c.flags == w.flags and ce is we and cw == ww
    mal = [p for p, e, _ in warm if e.name == "TBWA\\Media Arts Lab"]
    assert any(not p.flags & re.IGNORECASE for p in mal)  # "MAL" is case-sensitive
    assert any(p.flags & re.IGNORECASE for p in mal)
    text = "Apple names TBWA\\Media Arts Lab; mccann and OMD win media; a mal-formed MAL brief"
    found = [(e.name, text[s:e2]) for e, s, e2 in fresh.find_in(text)]
    assert found == [
        ("TBWA\\Media Arts Lab", "TBWA\\Media Arts Lab"),
        ("McCann", "mccann"),
        ("OMD", "OMD"),
        ("TBWA\\Media Arts Lab", "MAL"),
    ]
