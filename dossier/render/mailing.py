"""The mailings of a briefing: which cover notes are drafted, from whom, with what attached.

The notes follow what was produced:

- note 1 goes with the agency profile, so it is drafted only when a profile of the agency was
  rendered as PDF; it says the agency works with the company "according to public reports"
  only when public reports confirm that agency (a name the user gave or a reviewer chose is
  not enough: the note then states no relationship);
- note 2 goes with the company report; when no note 1 goes before it, it is the first
  mailing and its wording says hello first;
- a note whose PDF was not rendered (``--format json``) is not drafted, and the run says why;
- the notes are signed by the contact's owner's ``[[senders]]`` entry in brand.toml (an
  unknown owner: a review warning and the default sender);
- a greeting that is not clearly the first name is a review warning.

A note that is not drafted leaves no stale draft of an earlier run behind.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from ..agency import AgencyFinding
from ..config import Brand, Sender
from ..model import Contact, ReviewWarning
from .note_edit import (
    OVERRIDE_SUFFIX,
    edited_warning,
    finding_warnings,
    override_path,
    read_override,
)
from .notes import attachment_name, note_names, render_note, subject, write_note

log = logging.getLogger(__name__)

NOTE_FILES = ("md", "txt", "eml")


@dataclass(frozen=True)
class NoteAgency:
    """The agency note 1 is about: its name (None: no profile), and whether the evidence
    confirms that it works with the company, in which discipline."""

    name: str | None = None
    works_with: bool = False
    role: str | None = None
    named: bool = False  # named by the user (--agency or an override), not found in evidence


def note_agency(finding: AgencyFinding | None, profiled: str | None) -> NoteAgency:
    """What note 1 may say about the ``profiled`` agency, from the agency ``finding``.

    Only public reports that confirm this agency (a current report of it for the company) let
    the note say the company works with it. A name the user gave or a reviewer chose is their
    statement: the note then states no relationship.
    """
    if finding is None or profiled is None or not finding.settled:
        return NoteAgency()
    named = bool(finding.named)
    confirming = finding.confirming
    if confirming is None:
        keys = {profiled.casefold(), (finding.name or "").casefold()}
        confirming = next(
            (c for c in finding.candidates if c.status == "current" and c.name.casefold() in keys),
            None,
        )
    if confirming is not None:
        return NoteAgency(profiled, True, confirming.role, named)
    return NoteAgency(profiled, False, None, named)


@dataclass
class Mailing:
    """One cover note: drafted or not (and why), its subject, sender and attachment name."""

    note: int
    drafted: bool
    why: str = ""
    first: bool = False
    subject: str = ""
    sender: str = ""
    attachment: str = ""
    files: dict[str, str] = field(default_factory=dict)
    edited: bool = False  # the reviewer's wording (note-N.override.md), not the template's
    names: list[str] = field(default_factory=list)  # proper names the lint masks (not e-mails)

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def _remove_stale(folder: Path, stem: str) -> None:
    """Delete a draft an earlier run left for a note that is not drafted now."""
    for ext in NOTE_FILES:
        path = folder / f"{stem}.{ext}"
        if path.is_file():
            path.unlink()
            log.info("Removed %s: this run drafts no %s", path, stem)


def sender_warnings(contact: Contact, brand: Brand) -> tuple[Sender, list[ReviewWarning]]:
    """The sender for ``contact`` and the warnings about the owner and the greeting."""
    sender, matched = brand.sender_for(contact.owner)
    out: list[ReviewWarning] = []
    if contact.owner and not matched:
        out.append(
            ReviewWarning(
                kind="sender",
                message=f"The owner “{contact.owner}” of {contact.name} is not among the "
                f"[[senders]] of the brand file, so the notes are signed by the default sender "
                f"({sender.name or 'no name'}). Add the owner to [[senders]] (name, title, "
                "email, aliases) or correct the Owner column.",
                detail={"owner": contact.owner, "sender": sender.name},
            )
        )
    if why := contact.first_name_unclear:
        out.append(
            ReviewWarning(
                kind="greeting",
                message=f"First name unclear for {contact.name}: {why}; the notes greet "
                f"“Dear {contact.first_name},”. Write the full name in the contact sheet (or "
                "--contact), or edit the greeting in the notes, before sending.",
                detail={"name": contact.name, "greeting": contact.first_name, "reason": why},
            )
        )
    return sender, out


def write_mailings(
    contact: Contact,
    brand: Brand,
    agency: NoteAgency,
    folder: Path,
    attachments: Mapping[int, Path | None],
    templates: Path | None = None,
    ready: Callable[[], None] | None = None,
) -> tuple[dict[str, Path], list[ReviewWarning], list[Mailing]]:
    """Draft the notes the produced documents allow; say why any other is not drafted.

    ``attachments`` maps 1 to the agency profile's PDF and 2 to the company report's (None
    when it was not rendered). ``ready`` is called once the notes are worded and checked,
    before the first is written with its attachment (a build waits there for its PDFs).
    """
    outputs: dict[str, Path] = {}
    sender, warnings = sender_warnings(contact, brand)
    names = note_names(contact, brand, agency.name, sender)
    mailings: list[Mailing] = []
    profile_pdf, report_pdf = attachments.get(1), attachments.get(2)
    if agency.name is None:
        why1 = "no agency profile was drafted, so there is nothing for note 1 to go with"
    elif profile_pdf is None:
        why1 = "its attachment, the agency profile PDF, was not rendered (pdf was not among the formats)"
    else:
        why1 = ""
    why2 = (
        ""
        if report_pdf is not None
        else "its attachment, the company report PDF, was not rendered (pdf was not among the formats)"
    )
    first2 = bool(why1)
    plan = [
        (1, why1, profile_pdf, attachment_name(agency.name or "", "agency-profile"), True),
        (2, why2, report_pdf, attachment_name(contact.new_company, "company-report"), first2),
    ]
    drafts: list[tuple[int, str, str, str, Path, str, bool, bool]] = []
    for which, why, pdf, filename, first in plan:
        stem = f"note-{which}"
        if why or pdf is None:
            _remove_stale(folder, stem)
            mailings.append(Mailing(which, False, why=why))
            if override_path(folder, stem).is_file():
                warnings.append(
                    ReviewWarning(
                        kind="edited",
                        message=f"The reviewer's wording of note {which} ({stem}{OVERRIDE_SUFFIX}) "
                        f"was not used: note {which} was not drafted ({why}).",
                        detail={"note": stem, "why": why},
                    )
                )
            warnings.append(
                ReviewWarning(
                    kind="mailing",
                    message=f"Note {which} was not drafted: {why}."
                    + (
                        " Note 2 is written as the first mailing."
                        if which == 1 and not why2
                        else ""
                    ),
                    detail={"note": stem, "why": why},
                )
            )
            continue
        markdown = render_note(
            which,
            contact,
            brand,
            agency.name,
            templates,
            sender=sender,
            first=first,
            agency_role=agency.role,
            works_with=agency.works_with,
        )
        edited = read_override(folder, stem)  # a reviewer's wording wins over the template
        if edited is not None:
            markdown = edited
            warnings.append(edited_warning(stem))
        warnings.extend(finding_warnings(stem, markdown, names))
        title = subject(which, contact, agency.name, first=first)
        drafts.append((which, stem, markdown, title, pdf, filename, first, edited is not None))
        mailings.append(Mailing(which, False))  # a place kept, filled once written
    if drafts and ready is not None:
        ready()
    for which, stem, markdown, title, pdf, filename, first, was_edited in drafts:
        paths = write_note(
            folder, stem, markdown, contact, brand, title, pdf, sender=sender, filename=filename
        )
        outputs.update({f"{stem}.{k}": v for k, v in paths.items()})
        mailings[which - 1] = Mailing(
            which,
            True,
            first=first,
            subject=title,
            sender=sender.name,
            attachment=filename,
            files={k: v.name for k, v in paths.items()},
            edited=was_edited,
            names=[n for n in names if "@" not in n],
        )
    if agency.name is not None and not agency.works_with:
        warnings.append(
            ReviewWarning(
                kind="mailing",
                message=f"Note 1 does not say that {agency.name} works with "
                f"{contact.new_company}: no confirmed public report in the evidence says so"
                + (
                    " (the agency was named, not found in public reports)."
                    if agency.named
                    else " (the agency was chosen in review, not confirmed by public reports)."
                ),
                detail={"note": "note-1", "agency": agency.name},
            )
        )
    return outputs, warnings, mailings


def not_drafted(folder: Path, why: str) -> list[Mailing]:
    """No note at all (the company report is not ready): remove earlier drafts, say why."""
    for which in (1, 2):
        _remove_stale(folder, f"note-{which}")
    return [Mailing(which, False, why=why) for which in (1, 2)]
