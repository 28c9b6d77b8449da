"""Cover notes: warm, short, never an ask; drafts that parse back and escape what they show."""

from __future__ import annotations

import email
import email.policy
import shutil
from dataclasses import replace
from pathlib import Path

import pytest

from dossier.config import Brand, data_dir, load_brand
from dossier.errors import ConfigError, RenderError
from dossier.model import Contact
from dossier.names import first_name_of
from dossier.render.notes import (
    ASKS_FILE,
    build_eml,
    check_asks,
    check_note,
    markdown_to_html,
    markdown_to_text,
    note_names,
    render_note,
    subject,
    write_note,
)
from dossier.writing.neutrality import lint_file, lint_text

from .conftest import ROOT

NOTES_DIR = ROOT / "templates" / "notes"
FULL = Contact(
    name="Dr. Jane Doe",
    email="jane.doe@acme.example",
    new_title="Chief Marketing Officer",
    new_company="Acme Holdings",
    previous_company="Globex",
)
MINIMAL = Contact(name="Priya", new_company="Umbrella Group")
PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"


@pytest.fixture
def brand() -> Brand:
    return load_brand()


@pytest.fixture
def pdf(tmp_path: Path) -> Path:
    path = tmp_path / "initech-agency-profile.pdf"
    path.write_bytes(PDF)
    return path


def _assert_clean(text: str) -> None:
    for artefact in ("None", "{{", "{%", "}}", "  ", "()", " ,", " .", "\n\n\n"):
        assert artefact not in text, (artefact, text)


@pytest.mark.parametrize("which", [1, 2])
@pytest.mark.parametrize(
    ("contact", "agency"), [(FULL, "Initech Partners"), (MINIMAL, None)], ids=["full", "minimal"]
)
def test_default_notes_render_cleanly_and_pass_both_lints(
    which: int, contact: Contact, agency: str | None, brand: Brand
) -> None:
    if which == 1 and agency is None:
        with pytest.raises(RenderError, match="goes with an agency profile"):
            render_note(which, contact, brand, agency)
        return
    md = render_note(which, contact, brand, agency)
    _assert_clean(md)
    assert md.startswith(f"Dear {contact.first_name},\n")
    assert contact.new_company in md
    assert brand.sender_name in md and brand.name in md
    if contact.new_title and which == 1:
        assert f"as {contact.new_title} at {contact.new_company}" in md
    if contact.previous_company:
        assert contact.previous_company in md
    if agency:
        assert agency in md
    if which == 2:  # without an agency profile, note 2 is the first mailing and says hello
        assert ("Congratulations on your new role" in md) == (agency is None)
        assert ("we mentioned" in md) == (agency is not None)
    # Zero findings, warnings included, without masking any name.
    assert check_note(md) == []
    assert check_note(subject(which, contact, agency)) == []
    assert 60 <= len(markdown_to_text(md).split()) <= 140


@pytest.mark.parametrize("name", ["note-1.md.j2", "note-2.md.j2"])
def test_note_templates_pass_the_lint_and_the_ask_guard(name: str) -> None:
    path = NOTES_DIR / name
    assert lint_file(path) == []
    assert check_asks(path.read_text(encoding="utf-8")) == []
    assert (data_dir("templates") / "notes" / name).is_file()


def test_notes_with_no_sender_and_awkward_names(brand: Brand) -> None:
    bare = replace(brand, sender_name="", sender_title="", sender_email="")
    contact = Contact(name="Sam Lee", new_company="Leading Edge Coffee Ltd")
    md = render_note(1, contact, bare, "Pitch Perfect Agency")
    _assert_clean(md)
    assert md.rstrip().endswith("Kind regards,\n\nFieldstone & Co")
    # Multi-word capitalised names are masked even when nobody passes them in ...
    assert check_note(md) == []
    assert check_note(md, note_names(contact, bare, "Pitch Perfect Agency")) == []
    # ... a name the heuristic cannot see as one is masked when it is passed in.
    lower = "Dear Sam,\n\nCongratulations on joining iconic.ly.\n"
    assert check_note(lower) != []
    assert check_note(lower, ["iconic.ly"]) == []


def test_first_name() -> None:
    assert FULL.first_name == "Jane"
    assert first_name_of("Jane") == "Jane"
    assert first_name_of("Doe, Jane") == "Jane"
    assert first_name_of("Prof. Dr. Doe") == "Prof. Dr. Doe"
    assert Contact(name="Jane Doe", new_company="Acme", first_name="JD").first_name == "JD"
    assert Contact(name="  Mx  Alex\nKim ", new_company="Acme").name == "Mx Alex Kim"


def test_contact_checks_and_keeps_the_email_out_of_repr() -> None:
    assert "jane.doe" not in repr(FULL)
    with pytest.raises(ConfigError):
        Contact(name="", new_company="Acme")
    with pytest.raises(ConfigError):
        Contact(name="Jane", new_company="Acme", email="jane@acme.example\r\nBcc: x@y.example")


@pytest.mark.parametrize(
    ("sentence", "category", "term"),
    [
        ("Could we grab a coffee next week?", "meetings", "grab a"),
        ("We'd love to pitch for the account.", "proposals_and_pitches", "pitch"),
        ("Let's work together again.", "working_together", "work together again"),
        ("Happy to send our rate card.", "pricing", "rate card"),
        ("Here's what we do.", "our_services", "what we do"),
    ],
)
def test_ask_guard_catches_each_category(sentence: str, category: str, term: str) -> None:
    text = f"Dear Jane,\n\nCongratulations.\n{sentence}\n"
    findings = check_asks(text)
    assert findings, sentence
    assert term in [f.term for f in findings if f.category == category], findings
    assert {f.line for f in findings} == {4}
    assert all(f.guideline == "dossier ask-guard" for f in findings)


def test_ask_guard_severity_and_quotations() -> None:
    found = check_asks("Could we grab a coffee?\nShall we meet up?")
    grab, coffee, meet = [f for f in found if f.category == "meetings"]
    assert [f.term for f in found if f.category == "offers_and_requests"] == ["Shall we"]
    assert (grab.term, grab.line, grab.severity) == ("grab a", 1, "warning")
    assert (coffee.term, coffee.line) == ("coffee", 1)
    assert (meet.term, meet.line) == ("meet up", 2)
    assert check_asks("Send us the RFP.")[0].severity == "error"
    # A quotation with an attribution is allowed in the error categories (pitches, prices),
    # as in the words-to-watch lint ...
    assert check_asks("The press release said “we are pitching for growth”.") == []
    # ... but a quoted ask is still a warning: the note that quotes it still asks.
    quoted = check_asks("As the guide puts it, “let's set up a call”.")
    assert quoted and {(f.severity, f.quoted) for f in quoted} == {("warning", True)}
    (unattributed,) = check_asks("We liked “we are pitching for growth”.")
    assert unattributed.quoted
    assert check_asks("The share price and a calling card.") == []


def test_ask_findings_name_line_category_and_advice() -> None:
    md = "Dear Jane,\n\nThanks.\n\nWe could hop on a call. Here is our rate card.\n"
    found = [(f.line, f.term, f.category, f.advice) for f in check_asks(md)]
    assert found == [
        (
            5,
            "hop on a call",
            "meetings",
            "Asking for time is an ask. Leave it out: the contact knows how to reach you.",
        ),
        (
            5,
            "rate card",
            "pricing",
            "Prices belong in a proposal the contact asked for, never in a gift.",
        ),
    ]
    assert check_asks(render_note(2, FULL, load_brand(), None)) == []


def test_asks_file_is_in_the_words_to_watch_format() -> None:
    from dossier.writing.neutrality import load_categories

    cats = {c.name: c for c in load_categories(ASKS_FILE)}
    assert set(cats) == {
        "meetings",
        "proposals_and_pitches",
        "working_together",
        "our_services",
        "pricing",
        "offers_and_requests",
        "requests",
        "offers",
        "invitations",
        "pitch",
    }
    assert all(c.url == "docs/notes.md" for c in cats.values())
    assert lint_text("Meeting", categories=tuple(cats.values()))[0].category == "meetings"


def test_eml_parses_back(brand: Brand, pdf: Path) -> None:
    md = render_note(1, FULL, brand, "Initech Partners")
    raw = build_eml(md, FULL, brand, subject(1, FULL, "Initech Partners"), pdf)
    assert b"\r\n" in raw
    msg = email.message_from_bytes(raw, policy=email.policy.default)
    assert msg["Subject"] == "Congratulations on the new role"
    assert msg["From"] == "Alex Morgan <alex.morgan@fieldstone.example>"
    assert msg["To"] == '"Dr. Jane Doe" <jane.doe@acme.example>'
    assert msg["X-Unsent"] == "1"
    text = msg.get_body(("plain",)).get_content()
    assert "Dear Jane," in text and "Initech Partners" in text
    page = msg.get_body(("html",)).get_content()
    assert "<p>Dear Jane,</p>" in page and "Fieldstone &amp; Co" in page
    (part,) = list(msg.iter_attachments())
    assert part.get_content_type() == "application/pdf"
    assert part.get_filename() == "initech-agency-profile.pdf"
    assert part.get_content() == PDF


def test_eml_escapes_html_and_has_no_to_without_an_email(brand: Brand) -> None:
    evil = Contact(name="<script>alert(1)</script> Eve", new_company="Acme <b>Corp</b>")
    md = render_note(2, evil, brand, None)
    raw = build_eml(md, evil, brand, subject(2, evil, None), None)
    msg = email.message_from_bytes(raw, policy=email.policy.default)
    assert msg["To"] is None
    # (The long subject is folded onto its own line; the parser keeps the fold's space.)
    assert msg["Subject"].strip() == (
        "Congratulations on the new role, and a short report on Acme <b>Corp</b>"
    )
    page = msg.get_body(("html",)).get_content()
    assert "<script>" not in page and "<b>" not in page
    assert "Dear &lt;script&gt;alert(1)&lt;/script&gt; Eve," in page  # unclear: greeted in full
    assert "&lt;b&gt;Corp&lt;/b&gt;" in page
    assert not list(msg.iter_attachments())
    # With no sender e-mail there is no From either; the mail program fills it in.
    bare = replace(brand, sender_email="")
    msg = email.message_from_bytes(
        build_eml(md, evil, bare, "x", None), policy=email.policy.default
    )
    assert msg["From"] is None


def test_missing_attachment_is_a_render_error(brand: Brand, tmp_path: Path) -> None:
    with pytest.raises(RenderError, match="missing.pdf"):
        build_eml("Hello", FULL, brand, "x", tmp_path / "missing.pdf")


def test_write_note(tmp_path: Path, brand: Brand, pdf: Path) -> None:
    md = render_note(1, FULL, brand, "Initech Partners")
    paths = write_note(tmp_path / "out", "note-1", md, FULL, brand, "Hello", pdf)
    assert {k: p.name for k, p in paths.items()} == {
        "md": "note-1.md",
        "txt": "note-1.txt",
        "eml": "note-1.eml",
    }
    assert paths["md"].read_text(encoding="utf-8") == md
    assert paths["txt"].read_text(encoding="utf-8") == markdown_to_text(md)
    assert paths["eml"].read_bytes().startswith(b"From: ")
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == [
        "note-1.eml",
        "note-1.md",
        "note-1.txt",
    ]
    with pytest.raises(RenderError):
        write_note(tmp_path, "../evil", md, FULL, brand, "Hello", None)


def test_markdown_to_text_and_html() -> None:
    md = (
        "# A heading\n\nSee **the report** and *this* or _that_, "
        "[our site](https://example.com/a?b=1&c=2) and <https://example.com/x>.\n"
        "Second line with `code` and a file_name.\n"
    )
    assert markdown_to_text(md) == (
        "A heading\n\nSee the report and this or that, our site (https://example.com/a?b=1&c=2)"
        " and https://example.com/x.\nSecond line with code and a file_name.\n"
    )
    page = markdown_to_html(md + "\n[bad](javascript:alert(1))\n", "T <1>")
    assert "<title>T &lt;1&gt;</title>" in page
    assert '<a href="https://example.com/a?b=1&amp;c=2">our site</a>' in page
    assert "<strong>the report</strong>" in page and "<em>this</em>" in page
    assert "</a>.<br>\nSecond line" in page
    assert "<p>bad</p>" in page and "javascript" not in page


def test_user_templates_override_and_broken_ones_name_the_template(
    tmp_path: Path, brand: Brand
) -> None:
    user = tmp_path / "templates"
    (user / "notes").mkdir(parents=True)
    source = (NOTES_DIR / "note-1.md.j2").read_text(encoding="utf-8")
    edited = source.replace("Kind regards,", "Warm wishes,")
    (user / "notes" / "note-1.md.j2").write_text(edited, encoding="utf-8")
    md = render_note(1, FULL, brand, "Initech Partners", user)
    assert "Warm wishes," in md and "Kind regards," not in md
    # Note 2 still comes from the packaged defaults.
    assert "Kind regards," in render_note(2, FULL, brand, None, user)
    # A flat folder works too.
    flat = tmp_path / "flat"
    flat.mkdir()
    shutil.copy(user / "notes" / "note-1.md.j2", flat / "note-1.md.j2")
    assert "Warm wishes," in render_note(1, FULL, brand, "Initech Partners", flat)

    (user / "notes" / "note-1.md.j2").write_text("Dear {{ contact.first_name }\n")
    with pytest.raises(RenderError, match=r"note-1\.md\.j2"):
        render_note(1, FULL, brand, "Initech Partners", user)
    (user / "notes" / "note-1.md.j2").write_text("Dear {{ contact.nickname }},\n")
    with pytest.raises(RenderError, match=r"note-1\.md\.j2.*nickname"):
        render_note(1, FULL, brand, "Initech Partners", user)
    with pytest.raises(RenderError, match="does not exist"):
        render_note(1, FULL, brand, "Initech Partners", tmp_path / "nowhere")
    with pytest.raises(RenderError, match="no cover note 3"):
        render_note(3, FULL, brand, None)


def test_a_company_name_ending_in_a_full_stop_does_not_double_it() -> None:
    from dossier.config import load_brand
    from dossier.render.notes import render_note

    contact = Contact(name="Jane Doe", new_company="Apple Inc.", new_title="CMO")
    text = render_note(1, contact, load_brand(), "TBWA\\Media Arts Lab")
    assert "Apple Inc.." not in text and "CMO at Apple Inc." in text


def test_lint_command_checks_asks_on_request(tmp_path) -> None:
    from click.testing import CliRunner

    from dossier.cli import cli

    note = tmp_path / "note.md"
    note.write_text("Dear Jane,\n\nCould we grab a coffee one day to talk through our rate card?\n")
    assert CliRunner().invoke(cli, ["lint", str(note)]).exit_code == 0
    r = CliRunner().invoke(cli, ["lint", "--asks", str(note)])
    assert r.exit_code == 1
    assert f"{note}:3:52: error: pricing (dossier ask-guard): “rate card”." in r.stdout
