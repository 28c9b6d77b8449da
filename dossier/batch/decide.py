"""Review decisions with every check, for the CLI and the review app alike.

:func:`approve` is :meth:`BatchState.approve` (refused while the contact is being built, not
done, its agency unconfirmed or a choice not in its documents yet) plus one more check: the
cover notes as they will be sent pass the ask-guard and the words-to-watch lint (no finding of
severity "error"). A note a reviewer edited is checked the same way, so an edited note that
asks for business cannot be approved from either front end.
"""

from __future__ import annotations

from .notes import blocking, describe, notes
from .state import BatchState, ContactState, ReviewRefused


def note_problems(state: BatchState, c: ContactState) -> list[str]:
    """Why the contact's notes cannot be approved as they stand (empty: they can)."""
    out = []
    for view in notes(state, c):
        if view.drafted and (bad := blocking(view.findings)):
            out.append(f"note {view.which}: {describe(bad)}")
    return out


def approve(state: BatchState, key: str, by: str, note: str = "") -> ContactState:
    """Approve contact ``key`` after every check (see the module docstring)."""
    c = state.require(key)
    if c.status == "done" and (problems := note_problems(state, c)):
        raise ReviewRefused(
            f"Cannot approve {c.name or key}: the cover notes fail the check ("
            + " | ".join(problems)
            + "). Edit the note (dossier review serve) or its template, then approve."
        )
    return state.approve(key, by, note)
