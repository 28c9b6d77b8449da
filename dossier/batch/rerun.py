"""Rebuild one contact of a batch with the options the batch was run with (the review app's
"Rebuild" button).

Every ``dossier batch`` run records its options in the state (:func:`record_options`: the
sheet, the snapshot, formats, news window, overrides folder, brand, templates, articles, all as
absolute paths), so a rebuild later, from any folder, researches and writes the contact exactly
as the batch would. The rebuild *is* a batch run (:func:`~dossier.batch.run.run_batch` limited
to the contact with ``BatchOptions.only``): it takes the folder's batch lock, re-reads the
sheet, applies the reviewer's agency choices, overrides and edited notes, never touches an
approved contact, and rewrites ``review.html``.
"""

from __future__ import annotations

import threading
from dataclasses import replace
from pathlib import Path

from ..errors import ConfigError
from .options import recorded_values
from .run import BatchOptions, Progress, batch_dir_for, run_batch
from .state import BatchState, ContactState, ReviewRefused


def recorded_options(state: BatchState) -> BatchOptions | None:
    """The options the last batch run on this folder recorded (None: an older dossier's)."""
    values = recorded_values(state)
    return BatchOptions(**values) if values is not None else None


def rebuild_options(batch_dir: Path, key: str) -> BatchOptions:
    """The options that rebuild contact ``key`` alone; ReviewRefused or ConfigError saying why
    it cannot be rebuilt now."""
    with BatchState.open(batch_dir, create=False) as state:
        c = state.require(key)
        opts = recorded_options(state)
    who = c.name or key
    if c.locked:
        raise ReviewRefused(f"{who} is approved and locked; reject it first to rebuild it.")
    if not c.current:
        raise ReviewRefused(f"{who} is no longer in the sheet; there is nothing to rebuild.")
    if c.status == "running":
        raise ReviewRefused(f"{who} is being built right now.")
    if opts is None:
        raise ConfigError(
            f"The batch at {batch_dir} was made by an earlier dossier that did not record its "
            "options; run the same dossier batch command once more, then rebuild from here."
        )
    if not opts.contacts.is_file():
        raise ConfigError(
            f"The sheet this batch was made from, {opts.contacts}, is no longer there; put it "
            "back (or run dossier batch with its new place) to rebuild."
        )
    opts = replace(
        opts,
        out_dir=Path(batch_dir).resolve().parent,
        only=frozenset({key}),
        force=False,
        wait=False,
        command=f"dossier review serve: rebuild {key}",
    )
    if batch_dir_for(opts).resolve() != Path(batch_dir).resolve():
        raise ConfigError(
            f"The batch folder {batch_dir} does not match its sheet {opts.contacts.name} "
            f"(it would be {batch_dir_for(opts)}); run dossier batch again."
        )
    return opts


def rebuild_contact(
    batch_dir: Path,
    key: str,
    progress: Progress | None = None,
    stop: threading.Event | None = None,
) -> ContactState:
    """Rebuild contact ``key`` as the batch would; returns its new state.

    Raises :class:`BatchBusy` when a batch is running on the folder, ReviewRefused when the
    contact is approved, gone or being built, ConfigError when the batch cannot be repeated.
    """
    run_batch(rebuild_options(batch_dir, key), progress, stop)
    with BatchState.open(batch_dir, create=False) as state:
        return state.require(key)
