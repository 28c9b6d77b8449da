"""Cover notes: the two short, warm notes that go with the agency profile and the company report.

The notes are a gift: they never ask for business. Every note is checked against the words to
watch and the ask-guard (``dossier/data/asks.toml``). Templates are Markdown (Jinja, no
autoescape) in ``templates/notes/``; a user folder overrides them. Nothing here sends mail: the
``.eml`` is a draft (``X-Unsent: 1``) for the sender to open, read and send by hand.
"""

from __future__ import annotations

import html
import logging
import re
from collections.abc import Sequence
from email.headerregistry import Address
from email.message import EmailMessage
from email.policy import SMTP
from functools import lru_cache
from pathlib import Path
from types import SimpleNamespace
from typing import Any
from urllib.parse import urlsplit

from jinja2 import ChoiceLoader, Environment, FileSystemLoader, StrictUndefined, TemplateError

from ..config import Brand, data_dir
from ..errors import ConfigError, RenderError
from ..fsutil import atomic_write_bytes, atomic_write_text
from ..model import Contact
from ..names import one_line as _clean
from ..writing.neutrality import Finding, lint_text, load_categories

log = logging.getLogger(__name__)

ASKS_FILE = Path(__file__).resolve().parent.parent / "data" / "asks.toml"
NOTES = {1: "note-1.md.j2", 2: "note-2.md.j2"}


#: Characters that are Markdown syntax inside a line; in a contact's or agency's name they are
#: escaped, so "[Acme](https://evil.example/login)" stays text in the .md and the .eml.
_MD_SPECIAL = "\\`*_[]<>~|#!{}()"
_MD_ESCAPE = {ord(c): "\\" + c for c in _MD_SPECIAL}
_PROTECT_BASE = 0xE000  # escaped characters ride through the conversions as private-use ones


def md_escape(text: str) -> str:
    """Plain text as Markdown that shows exactly that text (no links, emphasis or HTML)."""
    return str(text).translate(_MD_ESCAPE)


def _protect(md: str) -> str:
    """``\\X`` escapes as private-use characters, so no pattern below can see the X."""
    md = re.sub("[\ue000-\ue07f]", "", md)  # none may come in from outside
    return re.sub(
        r"\\([\\`*_{}\[\]()#+\-.!<>~|])", lambda m: chr(_PROTECT_BASE + ord(m.group(1))), md
    )


def _restore(text: str, html_out: bool = False) -> str:
    def back(m: re.Match[str]) -> str:
        c = chr(ord(m.group(0)) - _PROTECT_BASE)
        return html.escape(c, quote=True) if html_out else c

    return re.sub("[\ue000-\ue07f]", back, text)


def _md_contact(contact: Contact) -> SimpleNamespace:
    """The contact as the note templates see it: every field escaped as Markdown."""
    return SimpleNamespace(
        name=md_escape(contact.name),
        first_name=md_escape(contact.first_name),
        new_company=md_escape(contact.new_company),
        new_title=md_escape(contact.new_title),
        previous_company=md_escape(contact.previous_company),
        email=contact.email,
    )


def note_names(contact: Contact, brand: Brand, agency_name: str | None) -> list[str]:
    """The proper names in a note: data, masked before the lint (as written and as escaped)."""
    raw = [
        n
        for n in (
            contact.name,
            contact.first_name,
            contact.new_company,
            contact.new_title,
            contact.previous_company,
            agency_name or "",
            brand.name,
            brand.sender_name,
            brand.sender_title,
            brand.sender_email,
        )
        if n
    ]
    return raw + [e for n in raw if (e := md_escape(n)) != n]


def check_asks(text: str, names: Sequence[str] = ()) -> list[Finding]:
    """Every ask for business in ``text`` (meetings, pitches, prices...)."""
    return lint_text(text, names, categories=load_categories(ASKS_FILE))


def check_note(text: str, names: Sequence[str] = ()) -> list[Finding]:
    """The ask-guard and the words to watch, together, in line order."""
    found = check_asks(text, names) + lint_text(text, names)
    return sorted(found, key=lambda f: (f.line, f.column))


@lru_cache(maxsize=8)  # compiled templates are reused across a batch
def environment(user_templates: Path | None = None) -> Environment:
    """Jinja for the notes: the user's folder (or its notes/) first, then the packaged notes."""
    loaders: list[Any] = []
    if user_templates is not None:
        if not user_templates.is_dir():
            raise RenderError(f"Templates folder {user_templates} does not exist.")
        if (user_templates / "notes").is_dir():
            loaders.append(FileSystemLoader(str(user_templates / "notes")))
        loaders.append(FileSystemLoader(str(user_templates)))
    loaders.append(FileSystemLoader(str(data_dir("templates") / "notes")))
    return Environment(
        loader=ChoiceLoader(loaders),
        autoescape=False,  # Markdown and plain text; the HTML part escapes on its own
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )


def _tidy(text: str) -> str:
    """Clean what empty values leave behind: double spaces, " ,", "()", extra blank lines."""
    lines = []
    for line in text.splitlines():
        indent = line[: len(line) - len(line.lstrip(" "))]
        body = re.sub(r" {2,}", " ", line.strip())
        body = re.sub(r"\s*\(\s*\)", "", body)
        body = re.sub(r" +([,.;:!?])", r"\1", body)
        # A name that ends in a full stop ("Apple Inc.") at the end of a sentence.
        body = re.sub(r"(?<=\w)\.\.(?!\.)", ".", body)
        lines.append(indent + body if body else "")
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip() + "\n"


def render_note(
    which: int,
    contact: Contact,
    brand: Brand,
    agency_name: str | None,
    templates: Path | None = None,
) -> str:
    """Cover note 1 (with the agency profile) or 2 (with the company report), as Markdown."""
    if which not in NOTES:
        raise RenderError(f"There is no cover note {which}; choose 1 or 2.")
    name = NOTES[which]
    context = {
        "contact": _md_contact(contact),
        "agency": SimpleNamespace(name=md_escape(_clean(agency_name)) or None),
        "sender": SimpleNamespace(
            name=brand.sender_name, title=brand.sender_title, email=brand.sender_email
        ),
        "brand": brand,
    }
    try:
        text = environment(templates).get_template(name).render(**context)
    except TemplateError as exc:
        lineno = getattr(exc, "lineno", None)
        where = f" (line {lineno})" if lineno else ""
        raise RenderError(
            f"The note template {name}{where} could not be rendered: {exc}. "
            "Fix the template, or delete your copy to use the packaged one."
        ) from exc
    return _tidy(text)


def subject(which: int, contact: Contact, agency_name: str | None) -> str:
    """The e-mail subject of note 1 or 2."""
    if which == 1:
        return "Congratulations on the new role"
    if which == 2:
        return f"The {contact.new_company} report we mentioned"
    raise RenderError(f"There is no cover note {which}; choose 1 or 2.")


_LINK = re.compile(r"!?\[([^\]\n]*)\]\(\s*<?((?:[^()\s<>]|\([^()\s]*\))*)>?\s*\)")
_AUTOLINK = re.compile(r"<((?:https?|mailto):[^>\s]+)>")
_BOLD = re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1")
_EM = re.compile(
    r"(?<![\w*])\*(?=\S)([^*\n]+?)(?<=\S)\*(?!\*)|(?<!\w)_(?=\S)([^_\n]+?)(?<=\S)_(?!\w)"
)


def _link_text(m: re.Match[str]) -> str:
    label, url = m.group(1).strip(), m.group(2).strip()
    if not url or label in (url, url.removeprefix("mailto:")):
        return label or url
    return f"{label} ({url})" if label else url


def _plain_lines(md: str) -> list[str]:
    """Markdown lines without heading marks, quote marks, rules and code marks."""
    out = []
    for line in md.splitlines():
        line = re.sub(r"^\s{0,3}#{1,6}\s+(.*?)\s*#*\s*$", r"\1", line)
        line = re.sub(r"^\s{0,3}>\s?", "", line)
        if re.fullmatch(r"\s{0,3}([-*_])(\s*\1){2,}\s*", line):
            line = ""
        line = _AUTOLINK.sub(r"[\1](\1)", line)
        out.append(re.sub(r"`([^`]*)`", r"\1", line).rstrip())
    return out


def markdown_to_text(md: str) -> str:
    """Plain text for the .txt and the text/plain part: no emphasis, links as "x (url)"."""
    text = "\n".join(_plain_lines(_protect(md)))
    text = _LINK.sub(_link_text, text)
    text = _BOLD.sub(r"\2", text)
    text = _EM.sub(lambda m: m.group(1) or m.group(2), text)
    return re.sub(r"\n{3,}", "\n\n", _restore(text)).strip() + "\n"


def _html_link(m: re.Match[str]) -> str:
    label, url = m.group(1).strip(), html.unescape(m.group(2).strip())
    if urlsplit(url).scheme in ("http", "https", "mailto"):
        return f'<a href="{html.escape(url, quote=True)}">{label or html.escape(url)}</a>'
    return label or html.escape(url)


def markdown_to_html(md: str, title: str = "") -> str:
    """A small HTML page: paragraphs and line breaks, every piece of text escaped first."""
    paragraphs = []
    for block in re.split(r"\n\s*\n", "\n".join(_plain_lines(_protect(md))).strip()):
        body = html.escape(block.strip(), quote=True)
        body = _LINK.sub(_html_link, body)
        body = _BOLD.sub(r"<strong>\2</strong>", body)
        body = _EM.sub(lambda m: f"<em>{m.group(1) or m.group(2)}</em>", body)
        paragraphs.append("<p>" + _restore(body, html_out=True).replace("\n", "<br>\n") + "</p>")
    return (
        '<!DOCTYPE html>\n<html><head><meta charset="utf-8">'
        f"<title>{html.escape(title)}</title></head>\n"
        '<body style="font-family: Arial, Helvetica, sans-serif; line-height: 1.5;">\n'
        + "\n".join(paragraphs)
        + "\n</body></html>\n"
    )


def _address(name: str, email: str) -> Address:
    """A header address; a bad one is a ConfigError, never a malformed header."""
    try:
        return Address(display_name=_clean(name), addr_spec=_clean(email))
    except (ValueError, IndexError) as exc:
        raise ConfigError(f"{email!r} is not a usable e-mail address: {exc}.") from exc


def build_eml(
    markdown: str, contact: Contact, brand: Brand, subject: str, attachment: Path | None
) -> bytes:
    """A draft e-mail (X-Unsent: 1): text and HTML alternatives, the PDF attached. Never sent."""
    msg = EmailMessage(policy=SMTP)
    if brand.sender_email:
        msg["From"] = _address(brand.sender_name, brand.sender_email)
    if contact.email:
        msg["To"] = _address(contact.name, contact.email)
    msg["Subject"] = _clean(subject)
    msg["X-Unsent"] = "1"
    msg.set_content(markdown_to_text(markdown))
    msg.add_alternative(markdown_to_html(markdown, _clean(subject)), subtype="html")
    if attachment is not None:
        if not attachment.is_file():
            raise RenderError(f"The attachment {attachment} does not exist; build it first.")
        msg.add_attachment(
            attachment.read_bytes(), maintype="application", subtype="pdf", filename=attachment.name
        )
    return msg.as_bytes(policy=SMTP)


def write_note(
    folder: Path,
    stem: str,
    markdown: str,
    contact: Contact,
    brand: Brand,
    subject: str,
    attachment: Path | None,
) -> dict[str, Path]:
    """Write <stem>.md, <stem>.txt and <stem>.eml atomically into ``folder``."""
    if not stem or stem.startswith(".") or Path(stem).name != stem:
        raise RenderError(f"{stem!r} is not a plain file name for a note.")
    paths = {ext: folder / f"{stem}.{ext}" for ext in ("md", "txt", "eml")}
    eml = build_eml(markdown, contact, brand, subject, attachment)
    atomic_write_text(paths["md"], markdown)
    atomic_write_text(paths["txt"], markdown_to_text(markdown))
    atomic_write_bytes(paths["eml"], eml)
    log.info("Wrote cover note %s (.md, .txt, .eml)", folder / stem)
    return paths
