"""Hostile content, each gives a clear message or is made harmless, and nothing is lost:
brand files outside the brand folder, oversized logos, bidirectional controls, Markdown in
contact fields, a 20,000-character value, and full or unwritable output folders."""

from __future__ import annotations

import errno
import os
from pathlib import Path

import pytest

from dossier.config import load_brand
from dossier.errors import ConfigError, DossierError
from dossier.fsutil import OutputError, atomic_write_bytes, check_writable
from dossier.model import Contact, Person

from .factories import dossier, fact, pdf_text
from .factories import html as render_page

# --- brand files --------------------------------------------------------------------------


def _brand(folder: Path, logo: str, extra: str = "") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "brand.toml"
    path.write_text(f'name = "Acme"\nlogo = "{logo}"\n{extra}', encoding="utf-8")
    return path


@pytest.mark.parametrize("logo", ["../../../../etc/passwd", "/etc/passwd", "assets/../../x.svg"])
def test_logo_outside_the_brand_folder_is_refused(tmp_path: Path, logo: str) -> None:
    path = _brand(tmp_path / "brand", logo)
    with pytest.raises(ConfigError) as info:
        load_brand(path)
    message = str(info.value)
    assert str(path) in message and "line 2" in message and "inside the brand's folder" in message


def test_logo_symlink_out_of_the_folder_is_refused(tmp_path: Path) -> None:
    secret = tmp_path / "secret.svg"
    secret.write_text("<svg/>", encoding="utf-8")
    path = _brand(tmp_path / "brand", "logo.svg")
    (tmp_path / "brand" / "logo.svg").symlink_to(secret)
    with pytest.raises(ConfigError, match="is a link to .*outside the brand's folder"):
        load_brand(path)


def test_a_logo_inside_the_folder_is_used(tmp_path: Path) -> None:
    path = _brand(tmp_path / "brand", "assets/mine.svg")
    (tmp_path / "brand" / "assets").mkdir()
    (tmp_path / "brand" / "assets" / "mine.svg").write_text(
        "<svg xmlns='http://www.w3.org/2000/svg'/>"
    )
    assert load_brand(path).logo == "assets/mine.svg"


def test_an_oversized_logo_is_a_clear_error(tmp_path: Path) -> None:
    """A 20000x20000 PNG (constructed, a few KB compressed) is refused from its header."""
    import zlib

    def png(width: int, height: int) -> bytes:
        import struct

        def chunk(kind: bytes, data: bytes) -> bytes:
            body = kind + data
            return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

        ihdr = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)
        return (
            b"\x89PNG\r\n\x1a\n"
            + chunk(b"IHDR", ihdr)
            + chunk(b"IDAT", zlib.compress(b""))
            + chunk(b"IEND", b"")
        )

    path = _brand(tmp_path / "brand", "big.png")
    (tmp_path / "brand" / "big.png").write_bytes(png(20000, 20000))
    with pytest.raises(
        ConfigError, match="the logo big.png is 20000x20000 pixels; use an image of at most"
    ):
        load_brand(path)


@pytest.mark.parametrize(
    ("extra", "expected"),
    [
        ("footer = 5\n", "line 3: footer must be text in quotes, not 5"),
        ('colours = "red"\n', "line 3: colours must be a table"),
        ("[sender]\nname = 7\n", "line 4: sender.name must be text in quotes, not 7"),
    ],
)
def test_brand_fields_of_the_wrong_type_name_the_file_and_line(
    tmp_path: Path, extra: str, expected: str
) -> None:
    path = _brand(tmp_path / "brand", "assets/logo.svg", extra)
    with pytest.raises(ConfigError) as info:
        load_brand(path)
    assert str(path) in str(info.value) and expected in str(info.value)


# --- bidirectional controls --------------------------------------------------------------


def test_bidi_controls_never_reach_the_record_or_the_page() -> None:
    rlo = "\u202e"
    d = dossier(
        fact("description", f"A maker of {rlo}sgnihtemos things"),
        fact("key_people", Person(name=f"Mal{rlo}lory", role="Chief Executive Officer")),
        name=f"Evil{rlo} Corp",
    )
    page = render_page(d)
    for ch in "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c":
        assert ch not in page
    assert "Mallory" in page and "sgnihtemos" in page
    assert "unicode-bidi: isolate" in page


def test_contact_fields_lose_bidi_controls() -> None:
    c = Contact(name="Jane \u202eeoD", new_company="Ac\u2067me")
    assert c.name == "Jane eoD" and c.new_company == "Acme"


# --- Markdown and HTML in contact fields --------------------------------------------------


def test_markdown_in_a_contact_field_is_not_a_link(tmp_path: Path) -> None:
    import email
    import email.policy

    from dossier.render.notes import render_note, write_note

    brand = load_brand()
    contact = Contact(
        name="Jane Doe",
        new_company="[Acme](https://evil.example/login)",
        new_title="<a href='https://evil.example'>CMO</a> **boss**",
        previous_company="Globex <img src=x>",
        email="jane@example.com",
    )
    md = render_note(1, contact, brand, "[Ogilvy](https://evil.example/agency)")
    paths = write_note(tmp_path, "note-1", md, contact, brand, "Hello", None)
    text = paths["md"].read_text(encoding="utf-8")
    assert "](https://evil.example" not in text.replace("\\]\\(", "")
    assert "\\[Acme\\]\\(https://evil.example/login\\)" in text
    msg = email.message_from_bytes(paths["eml"].read_bytes(), policy=email.policy.default)
    html_part = msg.get_body(("html",)).get_content()
    plain = msg.get_body(("plain",)).get_content()
    assert "evil.example" in html_part  # shown as text, so the reader sees it
    assert "<a " not in html_part and "<img" not in html_part and "<strong>" not in html_part
    assert "[Acme](https://evil.example/login)" in html_part
    assert "[Acme](https://evil.example/login)" in plain and "**boss**" in plain
    assert "[Acme](https://evil.example/login)" in paths["txt"].read_text(encoding="utf-8")


# --- a very long unbroken value -----------------------------------------------------------


@pytest.mark.pdf
def test_a_long_unbroken_value_wraps_inside_the_page(tmp_path: Path) -> None:
    """2,000 characters here (WeasyPrint's line breaking grows with the square of a
    paragraph's length: 20,000 take minutes); the same holds for 20,000 (see CHANGELOG)."""
    from weasyprint import HTML

    long = "X" * 2_000
    d = dossier(fact("description", f"A company called {long}"), fact("industry", long))
    page = render_page(d)
    document = HTML(string=page).render()
    width = document.pages[0].width

    def boxes(box):  # every box of every page
        yield box
        for child in getattr(box, "children", []) or []:
            yield from boxes(child)

    lines = [
        b
        for p in document.pages
        for b in boxes(p._page_box)
        if type(b).__name__ in ("LineBox", "TextBox")
    ]
    assert len(lines) > 20
    assert all(b.position_x + b.width <= width + 1 for b in lines)  # nothing runs off the page
    pdf = tmp_path / "long.pdf"
    document.write_pdf(pdf)
    text = pdf_text(pdf).replace(" ", "").replace("\u200b", "")
    assert text.count("X") >= 4_000  # both values whole: nothing is cut


# --- writing: unwritable --out, full disk ---------------------------------------------------


def _deny_writes_under(folder: Path, monkeypatch: pytest.MonkeyPatch, code: int) -> None:
    """Make every file created under ``folder`` fail with ``code`` (as a read-only or full
    disk would; the tests run as root, for whom permissions are no obstacle)."""
    real_open = os.open

    def fake_open(path, flags, *args, **kwargs):
        if str(path).startswith(str(folder)) and flags & os.O_CREAT:
            raise OSError(code, os.strerror(code), str(path))
        return real_open(path, flags, *args, **kwargs)

    monkeypatch.setattr(os, "open", fake_open)


def test_an_unwritable_out_folder_is_found_before_any_research(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import importlib

    from click.testing import CliRunner

    from dossier.cli import cli

    from .conftest import APPLE_SNAPSHOT

    out = tmp_path / "out"
    _deny_writes_under(out, monkeypatch, errno.EACCES)

    def no_research(*a, **k):  # pragma: no cover - it must not get this far
        raise AssertionError("research started")

    monkeypatch.setattr(importlib.import_module("dossier.build"), "research_company", no_research)
    args = ["--company", "Apple Inc.", "--offline", str(APPLE_SNAPSHOT), "--out", str(out)]
    r = CliRunner().invoke(cli, ["build", *args])
    assert r.exit_code == 1
    assert r.stderr.strip().splitlines() == [
        f"Error: Cannot write to the output folder {out}: permission denied; choose a folder "
        "you can write to (--out)."
    ]


def test_out_that_is_a_file(tmp_path: Path) -> None:
    (tmp_path / "out").write_text("x")
    with pytest.raises(OutputError, match="is a file, not a folder"):
        check_writable(tmp_path / "out")


def test_a_full_disk_is_one_sentence_and_leaves_no_temp_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real_write = os.write

    class Full:
        def __init__(self, fh):
            self.fh = fh

    import builtins

    real_fdopen = os.fdopen

    def fdopen(fd, *a, **k):
        fh = real_fdopen(fd, *a, **k)

        def write(_data):
            raise OSError(errno.ENOSPC, "No space left on device")

        fh.write = write  # type: ignore[method-assign]
        return fh

    monkeypatch.setattr(os, "fdopen", fdopen)
    with pytest.raises(OutputError) as info:
        atomic_write_bytes(tmp_path / "x" / "report.pdf", b"%PDF")
    assert (
        str(info.value)
        == f"Could not write {tmp_path / 'x' / 'report.pdf'}: the disk is full; free some space and run again."
    )
    assert info.value.fatal and isinstance(info.value, DossierError)
    assert list((tmp_path / "x").iterdir()) == []
    del real_write, Full, builtins


def test_ctrl_c_during_a_write_leaves_no_temp_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real_fdopen = os.fdopen

    def fdopen(fd, *a, **k):
        fh = real_fdopen(fd, *a, **k)

        def write(_data):
            raise KeyboardInterrupt

        fh.write = write  # type: ignore[method-assign]
        return fh

    monkeypatch.setattr(os, "fdopen", fdopen)
    with pytest.raises(KeyboardInterrupt):
        atomic_write_bytes(tmp_path / "a.txt", b"x")
    assert list(tmp_path.iterdir()) == []


def test_a_20000_character_value_is_shortened_in_the_document_not_in_the_record() -> None:
    from dossier.model import Claim, Identifiers, Organisation
    from dossier.render.html import MAX_PRINTED

    from .factories import dossier_of, fact, html

    huge = "A" * 20_000
    org = Organisation(
        display_name="Acme",
        identifiers=Identifiers(),
        headquarters=Claim(chosen=fact("headquarters", huge)),
    )
    d = dossier_of(org)
    page = html(d)
    assert huge not in page and "A" * MAX_PRINTED in page.replace("\u200b", "")
    assert d.organisation.headquarters.chosen.value == huge  # the record keeps it whole


def test_record_files_hold_the_json_the_standard_library_writes() -> None:
    """:func:`dossier.fsutil.json_text` (pydantic's serialiser, for speed) writes what
    ``json.dumps(indent=2, ensure_ascii=False)`` writes, escapes included, and what it reads
    back is the same; a float that is not a number becomes null, never the invalid NaN."""
    import json

    from dossier.fsutil import json_text

    data = {
        "empty": [[], {}],
        "numbers": [0, -7, 2.5, 391035000000.0, -0.0, 1e16, 10**30],
        "text": 'Société Générale \u2028 "quoted" \\ tab\there\nline\x00\x1f\x7f',
        "none": None,
        "flags": [True, False],
        "é": {"nested": [{"a": 1}]},
    }
    assert json_text(data) == json.dumps(data, indent=2, ensure_ascii=False) + "\n"
    assert json.loads(json_text({"small": 1e-05})) == {"small": 1e-05}
    assert json.loads(json_text({"x": float("nan")})) == {"x": None}
