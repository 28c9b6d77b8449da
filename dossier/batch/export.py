"""Export: the approved contacts' .eml drafts, copied into one folder (nothing is sent)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..fsutil import atomic_write_bytes
from .manifest import Manifest


@dataclass
class ExportResult:
    """What an export wrote and what it left out, with the reason."""

    folder: Path
    written: list[Path] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)


def export_approved(batch_dir: Path, dest: Path | None = None) -> ExportResult:
    """Copy every approved, unchanged contact's drafts to ``dest`` (default ``<batch>/export``).

    A contact whose files changed since approval is skipped and named in ``skipped``.
    """
    manifest = Manifest.load(batch_dir)
    out = ExportResult(folder=dest or batch_dir / "export")
    for key, e in manifest.entries():
        if (e.get("review") or {}).get("decision") != "approved":
            continue
        changed = manifest.changed_since_approval(key)
        if changed:
            out.skipped.append(f"{key}: changed since approval ({', '.join(changed)})")
            continue
        for rel in sorted((e.get("outputs") or {}).values()):
            path = batch_dir / rel
            if path.suffix == ".eml" and path.is_file():
                target = out.folder / f"{key}--{path.name}"
                atomic_write_bytes(target, path.read_bytes())
                out.written.append(target)
    return out
