"""Review decisions with every check, for the CLI and the review app alike.

:func:`approve` is :meth:`BatchState.approve` (refused while the contact is being built, not
done, its agency unconfirmed or a choice not in its documents yet) plus more checks:

- the three files of each cover note must say the same thing (:func:`align_notes`). The
  ``.md`` is the one place to edit a note: a ``.md`` edited after its draft was built is
  saved as the reviewer's wording (the same checks and files as the review app's *Save*:
  :func:`~dossier.batch.notes.save_note`), which writes the ``.txt`` and ``.eml`` again from
  it with the draft's headers and attachment; a ``.txt`` or ``.eml`` changed by hand is
  refused, since the export would send what nobody checked (``from_md=True`` writes them
  again from the ``.md`` instead, dropping the change);
- the cover notes as they will be sent pass the ask-guard and the words-to-watch lint (no
  finding of severity "error"), so an edited note that asks for business cannot be approved
  from either front end (this one cannot be acknowledged away);
- no review warning that says "fix before sending" stands (:data:`BLOCKING`: an unclear
  first name, an owner who is not a known sender, example data), unless the reviewer
  acknowledges them (``accept_warnings=True``, ``--accept-warnings``), which is recorded with
  who, when and the warnings' text. An ask found in a note is never acknowledged: the note
  must be edited (the check above).
"""

from __future__ import annotations

from typing import Any

from ..errors import RenderError
from ..render.note_edit import Agreement, note_agreement
from .notes import NOTES, blocking, check_text, describe, notes, save_note
from .overview import BLOCKING, contact_folder
from .records import now
from .state import BatchState, ContactState, ReviewRefused

#: Kinds that stop approval and cannot be acknowledged: an ask (ask-guard) or an error-level
#: lint finding in a note is checked on the note as it will be sent (:func:`note_problems`).
NEVER_ACCEPTED = {"ask": "a note asks the contact for something: edit the note"}


def blocking_warnings(c: ContactState) -> list[dict[str, str]]:
    """The contact's review warnings of a :data:`BLOCKING` kind."""
    return [dict(w) for w in c.warnings if str(w.get("kind") or "") in BLOCKING]


def blocking_message(c: ContactState, found: list[dict[str, str]]) -> str:
    """Plain words: which warnings stop approval, and the two ways on."""
    lines = "".join(
        f"\n  - {BLOCKING.get(str(w.get('kind')), w.get('kind'))}: {w.get('message')}"
        for w in found
    )
    return (
        f"Cannot approve {c.name or c.key}: {len(found)} warning(s) say to fix something "
        f"before sending:{lines}\nFix them (the sheet, brand.toml or the notes) and run the "
        "batch again; or, if you have checked that the drafts are right as they are, approve "
        "with --accept-warnings (in the review app: tick “I have checked these warnings”). "
        "Your name and the time are recorded."
    )


def note_problems(state: BatchState, c: ContactState) -> list[str]:
    """Why the contact's notes cannot be approved as they stand (empty: they can)."""
    out = []
    for view in notes(state, c):
        if view.drafted and (bad := blocking(view.findings)):
            out.append(f"note {view.which}: {describe(bad)}")
    return out


def disagreements(state: BatchState, c: ContactState) -> list[Agreement]:
    """The contact's drafted notes whose ``.md``, ``.txt`` and ``.eml`` disagree."""
    folder = contact_folder(state, c)
    if folder is None:
        return []
    return [
        a
        for which in NOTES
        if f"note-{which}.md" in c.outputs
        and not (a := note_agreement(folder, f"note-{which}")).agrees
    ]


def hand_edited_message(who: str, found: list[Agreement]) -> str:
    """Plain words: which .txt/.eml were changed by hand, and what to do."""
    files = [f for a in found for f in a.hand_edited]
    stems = sorted({a.stem for a in found})
    return (
        f"{', '.join(files)} {'was' if len(files) == 1 else 'were'} changed by hand and no "
        f"longer say{'s' if len(files) == 1 else ''} what {' and '.join(s + '.md' for s in stems)} "
        "says, so nobody has checked what would be sent. The .md is the one place to edit a "
        "note: put the wording you want in the .md (or edit the note in dossier review serve "
        "and press Save), then approve with --notes-from-md, which writes the .txt and .eml "
        "again from the .md (what was typed into them is lost)."
    )


def align_notes(state: BatchState, key: str, by: str, *, from_md: bool = False) -> list[str]:
    """Make each drafted note's ``.txt`` and ``.eml`` say what its ``.md`` says (see the module
    docstring); returns the notes written again ("note-2"). ReviewRefused, before anything
    is written, when a ``.txt`` or ``.eml`` was changed by hand (unless ``from_md``) or an
    edited ``.md`` fails the ask-guard or the lint."""
    c = state.require(key)
    who = c.name or key
    found = disagreements(state, c)
    if not found:
        return []
    if (hand := [a for a in found if a.hand_edited]) and not from_md:
        raise ReviewRefused(f"Cannot approve {who}: " + hand_edited_message(who, hand))
    folder = contact_folder(state, c)
    assert folder is not None  # disagreements() found files in it
    texts = {}
    for a in found:
        text = (folder / f"{a.stem}.md").read_text(encoding="utf-8", errors="replace")
        if bad := blocking(check_text(state, key, text)):
            raise ReviewRefused(
                f"Cannot approve {who}: {a.stem}.md was edited after its draft was built, and "
                f"the edited note fails the check ({describe(bad)}). Reword it in {a.stem}.md, "
                "then approve."
            )
        texts[a.stem] = text
    for stem, text in texts.items():
        try:
            save_note(state, key, int(stem[-1]), text, by)
        except RenderError as exc:
            raise ReviewRefused(f"Cannot approve {who}: {stem}.md: {exc}") from exc
    return sorted(texts)


def approve(
    state: BatchState,
    key: str,
    by: str,
    note: str = "",
    *,
    from_md: bool = False,
    accept_warnings: bool = False,
    rewritten: list[str] | None = None,
) -> ContactState:
    """Approve contact ``key`` after every check (see the module docstring). The notes
    written again from their edited ``.md`` are appended to ``rewritten`` when given."""
    c = state.require(key)
    # The state's own refusals (being built, not done, gone, agency unconfirmed or not built
    # yet) come first: fixing those rebuilds the contact, which makes its warnings anew.
    ready = c.status == "done" and c.current and not c.unresolved_roles() and not c.needs_rebuild
    found = blocking_warnings(c) if ready else []
    if found and not accept_warnings:
        raise ReviewRefused(blocking_message(c, found))
    if c.status == "done" and (problems := note_problems(state, c)):
        raise ReviewRefused(
            f"Cannot approve {c.name or key}: the cover notes fail the check ("
            + " | ".join(problems)
            + "). Edit the note (dossier review serve) or its template, then approve."
        )
    if c.status == "done" and c.current and not c.locked:
        done = align_notes(state, key, by, from_md=from_md)
        if rewritten is not None:
            rewritten.extend(done)
        c = state.require(key)
    if c.status == "done" and (apart := disagreements(state, c)):  # an approved one, say
        raise ReviewRefused(
            f"Cannot approve {c.name or key}: the note files disagree ("
            + ", ".join(f"{a.stem}.md" for a in apart)
            + "). Reject it, put the wording you want in the .md, then approve."
        )
    acknowledged: dict[str, Any] | None = None
    if found := blocking_warnings(c):
        acknowledged = {"by": by, "at": now(), "warnings": found}
    return state.approve(key, by, note, acknowledged=acknowledged)
