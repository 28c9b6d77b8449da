"""Characters no font can show (dossier/render/glyphs.py): the reviewer is told before a
client document prints empty boxes. fontconfig's answer is replaced here, so the tests do not
depend on the fonts of the machine they run on."""

from __future__ import annotations

import pytest

from dossier.render import glyphs


@pytest.fixture
def asked(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    calls: list[str] = []

    def installed_has(char: str) -> bool:
        calls.append(char)
        return False  # a computer without fonts for the script

    monkeypatch.setattr(glyphs, "_installed_has", installed_has)
    return calls


def test_what_the_bundled_fonts_have_asks_nothing(asked: list[str]) -> None:
    assert glyphs.unshowable(["Jane Doe’s café — “Société Générale”, 5 €, Zürich, Łódź"]) == []
    assert asked == []


def test_a_script_no_font_has_is_named_once_per_block(asked: list[str]) -> None:
    assert glyphs.unshowable(["Prepared for 김 민준", "김민준"]) == ["김", "민", "준"]
    assert len(asked) == 3  # 김, 민 and 준 are in three blocks of 128 code points
    message, missing = glyphs.glyph_warning_text("company research report", ["Apple", "김 민준"])
    assert missing == ["김", "민", "준"]
    assert message.startswith("The company research report holds characters no font")
    assert "(김 민 준; first in “김”)" in message and "Noto Sans CJK" in message


def test_nothing_is_said_when_the_fonts_cannot_be_asked(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(glyphs, "_installed_has", lambda char: None)
    assert glyphs.unshowable(["김 민준"]) == []
    assert glyphs.glyph_warning_text("agency profile", ["김 민준"]) is None


def test_a_build_for_a_name_no_font_can_show_warns_the_reviewer(
    asked: list[str], tmp_path: object
) -> None:
    from dossier.build import BuildOptions, build
    from dossier.model import Contact

    from .conftest import APPLE_SNAPSHOT

    opts = BuildOptions(
        company="Apple Inc.",
        offline=APPLE_SNAPSHOT,
        out_dir=tmp_path,  # type: ignore[arg-type]
        formats=("json",),
        contact=Contact(name="김 민준", new_company="Apple Inc.", new_title="CMO"),
        cache=False,
        news_days=365,
    )
    result = build(opts)
    (font,) = [w for w in result.warnings if w.kind == "font"]
    assert font.detail == {"document": "company-report", "characters": "김민준"}


def test_a_batchs_shared_report_warns_for_each_contacts_name_and_stays_clean(
    asked: list[str], tmp_path: object
) -> None:
    """In a batch the company report is audited once for every contact; the contact's name on
    its cover is checked per contact, and the shared record is left as it was."""
    from pathlib import Path

    from dossier.build import BuildOptions, build, research_company, runtime
    from dossier.model import Contact

    from .conftest import APPLE_SNAPSHOT

    base_opts = BuildOptions(
        company="Apple Inc.", offline=APPLE_SNAPSHOT, formats=("json",), cache=False, news_days=365
    )
    rt = runtime(base_opts)
    shared = research_company(base_opts, rt)
    before = list(shared.dossier.warnings)
    opts = BuildOptions(
        company="Apple Inc.",
        offline=APPLE_SNAPSHOT,
        out_dir=Path(str(tmp_path)),
        formats=("json",),
        contact=Contact(name="김 민준", new_company="Apple Inc.", new_title="CMO"),
        cache=False,
        news_days=365,
    )
    result = build(opts, rt, company=shared)
    assert [w.detail["characters"] for w in result.warnings if w.kind == "font"] == ["김민준"]
    assert shared.dossier.warnings == before
