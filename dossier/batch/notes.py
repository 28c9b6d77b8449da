"""A reviewer edits a contact's cover note: check it, save it as the note's override, or go
back to the template.

Saving writes ``<contact folder>/note-N.override.md`` (which every later build uses instead of
the template: :mod:`dossier.render.note_edit`), rewrites the note's ``.md``, ``.txt`` and
``.eml`` at once (same headers and attachment), replaces the note's lint and ask-guard
findings in the state and in ``review.json`` with those of the new text, and records who saved
it in the contact's history. An approved contact, or one being built, is not edited.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..fsutil import atomic_write_text, json_text
from ..model import ReviewWarning
from ..render.note_edit import (
    clean_note,
    edited_warning,
    finding_warnings,
    is_finding_of,
    override_path,
    read_override,
    remove_override,
    rewrite_note,
)
from ..render.notes import check_note
from .overview import contact_folder, read_review, review_path
from .state import BatchState, ContactState, ReviewRefused, inside

NOTES = (1, 2)
ASK_GUARD = "dossier ask-guard"


def blocking(findings: Iterable[Mapping[str, Any]]) -> list[Mapping[str, Any]]:
    """The findings that stop a note from being saved or approved: every ask-guard finding
    and every lint finding of severity "error" (advice-level findings are shown, not held)."""
    return [
        f
        for f in findings
        if f.get("guideline") == ASK_GUARD or str(f.get("severity") or "error") == "error"
    ]


def describe(findings: Iterable[Mapping[str, Any]]) -> str:
    """One line per finding: where, the words, the advice."""
    return "; ".join(
        f"line {f.get('line')}: “{f.get('term')}” "
        f"({str(f.get('category') or '').replace('_', ' ')}): {f.get('advice')}"
        for f in findings
    )


@dataclass
class NoteView:
    """One note of a contact as it will be sent, for the review page."""

    which: int
    drafted: bool
    text: str = ""
    why: str = ""  # why it is not drafted
    edited: bool = False
    subject: str = ""
    attachment: str = ""
    findings: list[dict[str, Any]] = field(default_factory=list)


def _stem(which: int) -> str:
    if which not in NOTES:
        raise ReviewRefused(f"There is no note {which}; the notes are 1 and 2.")
    return f"note-{which}"


def check_names(c: ContactState, record: Mapping[str, Any]) -> list[str]:
    """The proper names the lint masks in the contact's notes: those the build used (kept in
    review.json), else the names the state knows."""
    for m in record.get("mailings") or []:
        if isinstance(m, Mapping) and m.get("names"):
            return [str(n) for n in m["names"]]
    names = [c.name, c.company, c.owner, str(record.get("company") or "")]
    names += [str(v.get("agency") or "") for v in c.agency_roles.values()]
    return [n for n in names if n]


def check_text(state: BatchState, key: str, text: str) -> list[dict[str, Any]]:
    """The lint and ask-guard findings in ``text``, as the build would record them."""
    c = state.require(key)
    return [f.as_dict() for f in check_note(str(text), check_names(c, read_review(state, c)))]


def notes(state: BatchState, c: ContactState) -> list[NoteView]:
    """Both notes as they will be sent (the files the build or an edit wrote)."""
    record = read_review(state, c)
    mailings = {
        int(m.get("note", 0)): m for m in record.get("mailings") or [] if isinstance(m, Mapping)
    }
    names = check_names(c, record)
    folder = contact_folder(state, c)
    out = []
    for which in NOTES:
        stem = _stem(which)
        m = mailings.get(which, {})
        rel = c.outputs.get(f"{stem}.md")
        path = inside(state.batch_dir, rel) if rel else None
        if path is None or not path.is_file():
            why = str(m.get("why") or "") or (
                "not built yet" if c.status != "done" else "this build drafted no such note"
            )
            out.append(NoteView(which, False, why=why))
            continue
        text = path.read_text(encoding="utf-8", errors="replace")
        out.append(
            NoteView(
                which,
                True,
                text=text,
                edited=folder is not None and override_path(folder, stem).is_file(),
                subject=str(m.get("subject") or ""),
                attachment=str(m.get("attachment") or ""),
                findings=[f.as_dict() for f in check_note(text, names)],
            )
        )
    return out


def _editable(state: BatchState, key: str, which: int) -> tuple[ContactState, Path, str]:
    c = state.require(key)
    who = c.name or key
    stem = _stem(which)
    if c.locked:
        raise ReviewRefused(f"{who} is approved and locked; reject it first to edit a note.")
    if c.status == "running":
        raise ReviewRefused(f"{who} is being built right now; edit the note when it has finished.")
    if f"{stem}.eml" not in c.outputs:
        raise ReviewRefused(f"{who} has no note {which} to edit: this build did not draft it.")
    folder = contact_folder(state, c)
    if folder is None or not folder.is_dir():
        raise ReviewRefused(f"{who}'s folder is missing; rebuild the contact.")
    return c, folder, stem


def _replace_findings(warnings: list[Any], stem: str, new: list[Any], message_of: Any) -> list[Any]:
    edited = edited_warning(stem).message
    kept = [
        w for w in warnings if not is_finding_of(message_of(w), stem) and message_of(w) != edited
    ]
    return kept + new


def save_note(state: BatchState, key: str, which: int, text: str, by: str) -> list[dict[str, Any]]:
    """Save the reviewer's wording of note ``which`` (see the module docstring); returns the
    lint findings of the saved text. A text the ask-guard flags, or with a lint finding of
    severity "error", is refused (ReviewRefused naming each finding) and nothing is written."""
    c, folder, stem = _editable(state, key, which)
    markdown = clean_note(text)
    record = read_review(state, c)
    names = check_names(c, record)
    if bad := blocking(f.as_dict() for f in check_note(markdown, names)):
        raise ReviewRefused(
            f"Note {which} was not saved: it fails the check ({describe(bad)}). "
            "Reword it and save again."
        )
    override_path(folder, stem).parent.mkdir(parents=True, exist_ok=True)
    atomic_write_text(override_path(folder, stem), markdown)
    rewrite_note(folder, stem, markdown)
    found = finding_warnings(stem, markdown, names)
    new = [edited_warning(stem), *found]
    state.upsert(
        key,
        warnings=_replace_findings(
            list(c.warnings),
            stem,
            [{"kind": w.kind, "message": w.message} for w in new],
            lambda w: w.get("message", ""),
        ),
    )
    _update_review(state, c, stem, new, edited=True)
    state.record(key, "edited-note", by=by, note=f"{stem}: {len(found)} finding(s) on save")
    return [dict(w.detail) for w in found]


def reset_note(state: BatchState, key: str, which: int, by: str) -> bool:
    """Use the template again from the next build on (the files stay as they are until then)."""
    c, folder, stem = _editable(state, key, which)
    removed = remove_override(folder, stem)
    if removed:
        state.record(
            key, "template-note", by=by, note=f"{stem}: back to the template at the next build"
        )
    return removed


def _update_review(
    state: BatchState, c: ContactState, stem: str, new: list[ReviewWarning], *, edited: bool
) -> None:
    path = review_path(state, c)
    record = read_review(state, c)
    if path is None or not record:
        return
    warnings = [w for w in record.get("warnings") or [] if isinstance(w, Mapping)]
    record["warnings"] = _replace_findings(
        warnings, stem, [w.model_dump(mode="json") for w in new], lambda w: w.get("message", "")
    )
    for m in record.get("mailings") or []:
        if isinstance(m, dict) and m.get("note") == int(stem[-1]):
            m["edited"] = edited
    atomic_write_text(path, json_text(record))


__all__ = [
    "NoteView",
    "blocking",
    "check_text",
    "describe",
    "notes",
    "read_override",
    "reset_note",
    "save_note",
]
