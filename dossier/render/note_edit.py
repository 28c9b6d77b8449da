"""A reviewer's own wording of a cover note: ``<contact folder>/note-N.override.md``.

The file holds the whole note as Markdown, exactly as it will be sent. While it exists, every
build of the contact uses it instead of the note template (``mailing.write_mailings``), so an
edit survives rebuilds; deleting it brings the template back at the next build. The edit is
checked by the same words-to-watch lint and ask-guard as a generated note.

:func:`rewrite_note` writes an edited note's ``.md``, ``.txt`` and ``.eml`` at once, keeping
the draft's headers (From, To, Subject) and its attachment, so what a reviewer approves is what
the export sends even before the next rebuild.
"""

from __future__ import annotations

import email
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from email import policy
from email.message import EmailMessage
from pathlib import Path

from ..errors import RenderError
from ..fsutil import atomic_write_bytes, atomic_write_text, output_error
from ..model import ReviewWarning
from .notes import check_note, markdown_to_html, markdown_to_text

OVERRIDE_SUFFIX = ".override.md"
MAX_NOTE_CHARS = 20_000  # a cover note is a few hundred words; this is a cap, not a goal
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def override_path(folder: Path, stem: str) -> Path:
    """Where the reviewer's wording of note ``stem`` ("note-1") lives."""
    if stem not in ("note-1", "note-2"):
        raise RenderError(f"{stem!r} is not a cover note (note-1 or note-2).")
    return Path(folder) / f"{stem}{OVERRIDE_SUFFIX}"


def clean_note(text: str) -> str:
    """A note as a reviewer typed it, made safe to store: Unix line ends, no control or
    direction-changing characters, no trailing spaces, one final newline. Empty or longer than
    :data:`MAX_NOTE_CHARS`: a RenderError saying so."""
    text = str(text).replace("\r\n", "\n").replace("\r", "\n").replace("\t", "    ")
    text = _CONTROL.sub("", text)
    text = "\n".join(line.rstrip() for line in text.split("\n")).strip("\n")
    if not text.strip():
        raise RenderError("The note is empty; write the note, or use the template again.")
    if len(text) > MAX_NOTE_CHARS:
        raise RenderError(
            f"The note is {len(text):,} characters long; a cover note may have at most "
            f"{MAX_NOTE_CHARS:,}."
        )
    return text + "\n"


def read_override(folder: Path, stem: str) -> str | None:
    """The reviewer's wording of the note, or None when there is none."""
    path = override_path(folder, stem)
    if not path.is_file() or path.is_symlink():
        return None
    try:
        return clean_note(path.read_text(encoding="utf-8"))
    except UnicodeDecodeError as exc:
        raise RenderError(
            f"{path} is not UTF-8 text; save it as UTF-8, or delete it to use the template."
        ) from exc
    except OSError as exc:
        raise RenderError(f"{path} could not be read: {exc.strerror or exc}.") from exc


def write_override(folder: Path, stem: str, text: str) -> Path:
    """Save the reviewer's wording (cleaned) atomically; returns the file."""
    path = override_path(folder, stem)
    atomic_write_text(path, clean_note(text))
    return path


def remove_override(folder: Path, stem: str) -> bool:
    """Go back to the template at the next build; True when there was an edit to remove."""
    path = override_path(folder, stem)
    if not path.exists() and not path.is_symlink():
        return False
    try:
        path.unlink()
    except OSError as exc:
        raise output_error(path, exc) from exc
    return True


def finding_warnings(stem: str, markdown: str, names: Sequence[str]) -> list[ReviewWarning]:
    """The lint and ask-guard findings in a note, as the review warnings a build records."""
    return [
        ReviewWarning(
            kind="ask" if f.guideline == "dossier ask-guard" else "neutrality",
            message=f"{stem}.md line {f.line}: “{f.term}” ({f.category.replace('_', ' ')}): "
            f"{f.advice}",
            detail={**f.as_dict(), "note": stem},
        )
        for f in check_note(markdown, names)
    ]


def is_finding_of(message: str, stem: str) -> bool:
    """Is this review warning's message a lint or ask-guard finding in note ``stem``?"""
    return str(message).startswith(f"{stem}.md line ")


def edited_warning(stem: str) -> ReviewWarning:
    """The review note that says a note is the reviewer's wording, not the template's."""
    which = stem.rsplit("-", 1)[-1]
    return ReviewWarning(
        kind="edited",
        message=f"Note {which} is a reviewer's wording ({stem}{OVERRIDE_SUFFIX}), not the "
        "template's; it is kept through rebuilds. Read it once more if the agency or the "
        f"contact's details changed, or delete {stem}{OVERRIDE_SUFFIX} to use the template.",
        detail={"note": stem, "file": f"{stem}{OVERRIDE_SUFFIX}"},
    )


def rewrite_note(folder: Path, stem: str, markdown: str) -> dict[str, Path]:
    """Write ``<stem>.md``, ``.txt`` and ``.eml`` from ``markdown``, keeping the existing
    draft's From, To, Subject and attachment (the draft must exist: the build made it)."""
    folder = Path(folder)
    eml_path = folder / f"{stem}.eml"
    if not eml_path.is_file() or eml_path.is_symlink():
        raise RenderError(
            f"{eml_path} does not exist, so there is no draft to put the edited note in; "
            "rebuild the contact first."
        )
    old = email.message_from_bytes(eml_path.read_bytes(), policy=policy.default)
    msg = EmailMessage(policy=policy.SMTP)
    for header in ("From", "To", "Subject", "X-Unsent"):
        if old[header] is not None:
            msg[header] = str(old[header])
    msg.set_content(markdown_to_text(markdown))
    msg.add_alternative(markdown_to_html(markdown, str(old["Subject"] or "")), subtype="html")
    for part in old.iter_attachments():
        msg.add_attachment(
            part.get_content(),
            maintype=part.get_content_maintype(),
            subtype=part.get_content_subtype(),
            filename=part.get_filename(),
        )
    paths = {ext: folder / f"{stem}.{ext}" for ext in ("md", "txt", "eml")}
    atomic_write_text(paths["md"], markdown)
    atomic_write_text(paths["txt"], markdown_to_text(markdown))
    atomic_write_bytes(paths["eml"], msg.as_bytes(policy=policy.SMTP))
    return paths


@dataclass
class Agreement:
    """Do a note's ``.md``, ``.txt`` and ``.eml`` say the same thing (see :func:`note_agreement`)?

    ``md_edited``: the ``.txt`` and the ``.eml`` agree with each other but not with the ``.md``,
    so the ``.md`` was edited after the draft was built (they can be written again from it).
    ``hand_edited``: the ``.txt`` or ``.eml`` files that say something the ``.md`` does not.
    """

    stem: str
    md_edited: bool = False
    hand_edited: list[str] = field(default_factory=list)

    @property
    def agrees(self) -> bool:
        return not self.md_edited and not self.hand_edited


def _same(a: str, b: str) -> bool:
    return a.replace("\r\n", "\n").rstrip() == b.replace("\r\n", "\n").rstrip()


def _read(path: Path) -> str | None:
    try:
        return path.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return None


def note_agreement(folder: Path, stem: str) -> Agreement:
    """Compare a note's three files: the ``.txt`` must be the ``.md`` as text, and the
    ``.eml``'s text and HTML parts the ``.md`` as the build writes them. Nothing is written.
    A note whose ``.md`` is missing is not drafted: it agrees (there is nothing to send); a
    missing ``.txt`` or HTML part is not compared (a missing file stops approval anyway)."""
    folder = Path(folder)
    md = _read(folder / f"{stem}.md")
    out = Agreement(stem)
    if md is None:
        return out
    txt = _read(folder / f"{stem}.txt")
    plain = html_part = subject = None
    try:
        msg = email.message_from_bytes((folder / f"{stem}.eml").read_bytes(), policy=policy.default)
        subject = str(msg["Subject"] or "")
        if (part := msg.get_body(("plain",))) is not None:
            plain = str(part.get_content())
        if (part := msg.get_body(("html",))) is not None:
            html_part = str(part.get_content())
    except (OSError, LookupError, ValueError):
        pass
    want = markdown_to_text(md)
    txt_ok = txt is None or _same(txt, want)  # no .txt: nothing to disagree (nor to send)
    eml_ok = (
        plain is not None
        and _same(plain, want)
        and (html_part is None or _same(html_part, markdown_to_html(md, subject or "")))
    )
    if txt_ok and eml_ok:
        return out
    if (txt is None and not eml_ok) or (
        not txt_ok and txt is not None and plain is not None and _same(txt, plain)
    ):
        out.md_edited = True  # the build's .txt and .eml (or its .eml alone), older than the .md
        return out
    out.hand_edited = [f"{stem}.{ext}" for ext, ok in (("txt", txt_ok), ("eml", eml_ok)) if not ok]
    return out
