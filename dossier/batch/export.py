"""Export: the approved contacts' .eml drafts, copied into one folder (nothing is sent).

The export folder mirrors the current approvals: a draft exported earlier whose contact is no
longer approved (rejected, rebuilt, replaced by an edited row, gone from the sheet, or changed
since approval, or whose sheet row changed since its drafts were built) is removed from it. A contact whose notes' ``.md``, ``.txt`` and ``.eml``
disagree is left out (an approval checks that; this catches one approved before it did). Only files inside the batch folder are ever copied, and
only files an export wrote are ever removed.
"""

from __future__ import annotations

import io
import os
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from ..fsutil import atomic_write_bytes, output_error
from .state import BatchState, inside


@dataclass
class ExportResult:
    """What an export wrote, what it removed, and what it left out, with the reason."""

    folder: Path
    written: list[Path] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    removed: list[Path] = field(default_factory=list)


def export_approved(batch_dir: Path, dest: Path | None = None) -> ExportResult:
    """Copy every approved, unchanged contact's drafts to ``dest`` (default ``<batch>/export``).

    A contact whose files changed since approval is skipped and named in ``skipped``.
    """
    with BatchState.open(batch_dir, create=False) as state:
        return _export(state, dest or Path(batch_dir) / "export")


def approved_drafts(state: BatchState) -> tuple[dict[str, tuple[str, Path]], list[str]]:
    """({export file name: (contact key, draft)}, what was left out and why) for every current,
    approved contact whose files have not changed since approval."""
    from .decide import disagreements  # the notes' checks: not imported by a batch run

    wanted: dict[str, tuple[str, Path]] = {}  # file name -> (key, source)
    skipped: list[str] = []
    for c in state.contacts(include_retired=False):
        if c.decision != "approved":
            continue
        if c.sheet_changes:
            skipped.append(
                f"{c.key}: approved, but the sheet changed since ({', '.join(c.sheet_changes)}); "
                "reject it to rebuild it from the new row, or approve it again to keep the "
                "approved drafts"
            )
            continue
        changed = state.changed_since_approval(c.key)
        if changed:
            skipped.append(f"{c.key}: changed since approval ({', '.join(changed)})")
            continue
        if found := disagreements(state, c):  # approved before the notes were compared
            skipped.append(
                f"{c.key}: the note files disagree ("
                + ", ".join(f"{a.stem}.md, .txt and .eml" for a in found)
                + "); reject it, put the wording in the .md, and approve again"
            )
            continue
        for rel in sorted(c.outputs.values()):
            path = inside(state.batch_dir, rel)
            if path is None:
                skipped.append(f"{c.key}: {rel} is outside the batch folder; not copied")
                continue
            if path.suffix == ".eml" and path.is_file() and rel in c.approved_files:
                wanted[f"{c.key}--{path.name}"] = (c.key, path)
    return wanted, skipped


def drafts_zip(state: BatchState) -> tuple[bytes, list[str], list[str]]:
    """The approved drafts (as :func:`approved_drafts` picks them) in one zip archive:
    (the archive, the file names in it, what was left out and why)."""
    wanted, skipped = approved_drafts(state)
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, (_key, path) in sorted(wanted.items()):
            zf.writestr(name, path.read_bytes())
    return buf.getvalue(), sorted(wanted), skipped


def _export(state: BatchState, folder: Path) -> ExportResult:
    out = ExportResult(folder=folder)
    dest_id = os.path.realpath(folder)
    wanted, out.skipped = approved_drafts(state)
    previous = set(state.exported(dest_id))
    if folder.resolve() == (state.batch_dir / "export").resolve() and folder.is_dir():
        previous |= {p.name for p in folder.glob("*.eml")}  # the batch's own export folder
    for name in sorted(previous - set(wanted)):
        target = folder / name
        if target.is_file() and not target.is_symlink():
            try:
                target.unlink()
            except OSError as exc:
                raise output_error(target, exc) from exc
            out.removed.append(target)
    for name, (_key, path) in sorted(wanted.items()):
        target = folder / name
        atomic_write_bytes(target, path.read_bytes())
        out.written.append(target)
    state.record_export(dest_id, {n: k for n, (k, _p) in wanted.items()})
    return out
