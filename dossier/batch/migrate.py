"""From ``manifest.json`` (dossier before the SQLite state) to ``state.sqlite``, once.

The old manifest is read (its ``manifest.json.bak`` when the main file is damaged), every
field's type is checked (a wrong one is a :class:`ConfigError` naming the file, the line and the
contact), and each entry becomes one contact row in one transaction. Decisions are kept and
copied into the decision history. Two problems of the old layout are repaired on the way: an
output path outside the batch folder is dropped, and contacts that shared one folder (each
overwrote the other's documents) go back to "pending" with their approval withdrawn (and the
withdrawal recorded), so they are built again into folders of their own. Afterwards
``manifest.json`` is renamed ``manifest.json.migrated``; nothing is deleted.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable
from contextlib import AbstractContextManager
from pathlib import Path, PurePosixPath
from typing import Any

from ..errors import ConfigError
from .records import STATUSES, clean_fields, inside, log_decision, now, update

log = logging.getLogger(__name__)

MANIFEST = "manifest.json"
BACKUP = "manifest.json.bak"
LEGACY_FILES = (MANIFEST, BACKUP)
MIGRATED_SUFFIX = ".migrated"
LEGACY_SCHEMA = 1

# field: accepted types (None allowed where listed)
_TYPES: dict[str, tuple[type, ...]] = {
    "row": (int,),
    "name": (str,),
    "owner": (str,),
    "company": (str,),
    "start_date": (str, type(None)),
    "fingerprint": (str,),
    "status": (str,),
    "step": (str,),
    "error": (str, type(None)),
    "agency": (str, type(None)),
    "agency_confirmed": (bool,),
    "warnings": (list,),
    "outputs": (dict,),
    "started_at": (str, type(None)),
    "finished_at": (str, type(None)),
    "review": (dict,),
    "approved_files": (dict,),
}
_NAMES = {
    str: "text",
    int: "a whole number",
    bool: "true or false",
    list: "a list",
    dict: "an object",
}


def _line_of(text: str, key: str) -> int:
    """The line of ``text`` where the contact ``key`` starts (1 when not found)."""
    at = text.find(json.dumps(key, ensure_ascii=False) + ":")
    return text.count("\n", 0, at) + 1 if at >= 0 else 1


def read_manifest(path: Path) -> list[tuple[str, dict[str, Any]]]:
    """The entries of an old manifest, type-checked; ValueError when it is not readable."""
    text = path.read_text(encoding="utf-8")
    data = json.loads(text)
    if not isinstance(data, dict) or not isinstance(data.get("contacts"), dict):
        raise ValueError("not a dossier manifest")
    schema = data.get("schema")
    if not isinstance(schema, int) or isinstance(schema, bool):
        raise ValueError("no schema version")
    if schema > LEGACY_SCHEMA:
        raise ConfigError(
            f"{path} has manifest schema {schema!r}; this dossier reads up to "
            f"{LEGACY_SCHEMA}. Upgrade dossier or use another batch folder."
        )
    out = []
    for key, entry in data["contacts"].items():
        where = f"{path} line {_line_of(text, key)}: contact {key!r}"
        if not isinstance(entry, dict):
            raise ConfigError(f"{where} is not an object; fix or remove it.")
        for name, value in entry.items():
            types = _TYPES.get(name)
            if types is None:
                continue
            if not isinstance(value, types) or (isinstance(value, bool) and bool not in types):
                want = " or ".join(_NAMES.get(t, "null") for t in types)
                raise ConfigError(
                    f"{where}: field {name!r} must be {want}, not {json.dumps(value)[:60]}. "
                    "Fix the value, or move the file away to build this batch afresh."
                )
        if entry.get("status", "pending") not in STATUSES:
            raise ConfigError(
                f"{where}: unknown status {entry['status']!r}; use one of {', '.join(STATUSES)}."
            )
        out.append((str(key), entry))
    return out


def migrate_manifest(
    folder: Path, transaction: Callable[[], AbstractContextManager[Any]]
) -> Path | None:
    """Copy the old manifest of ``folder`` into its state (once); returns the file read.

    ``transaction`` opens one write transaction on the state and yields its connection.
    """
    main, backup = folder / MANIFEST, folder / BACKUP
    if not (main.is_file() or backup.is_file()):
        return None
    with transaction() as db:
        if db.execute("SELECT 1 FROM meta WHERE name = 'migrated_from'").fetchone():
            return None
    try:
        entries, used = read_manifest(main), main
    except (OSError, UnicodeDecodeError, ValueError) as main_exc:
        try:
            entries, used = read_manifest(backup), backup
        except (OSError, UnicodeDecodeError, ValueError) as bak_exc:
            raise ConfigError(
                f"The batch manifest {main} is damaged ({main_exc}) and its backup "
                f"{backup.name} cannot be used either ({bak_exc}). Move both files "
                "away to start this batch afresh (every contact will be built again)."
            ) from main_exc
        log.warning("%s is damaged (%s); migrating %s", main, main_exc, backup.name)
    rows: dict[str, dict[str, Any]] = {}
    folders: dict[str, list[str]] = {}
    for key, e in entries:
        outputs = {
            str(k): str(v)
            for k, v in (e.get("outputs") or {}).items()
            if isinstance(v, str) and inside(folder, v) is not None
        }
        review = e.get("review") or {}
        tops = {PurePosixPath(v).parts[0] for v in outputs.values() if PurePosixPath(v).parts}
        agency = e.get("agency")
        status = "confirmed" if e.get("agency_confirmed") else "unconfirmed"
        rows[key] = {
            "row": e.get("row") or 0,
            "name": e.get("name") or "",
            "owner": e.get("owner") or "",
            "company": e.get("company") or "",
            "start_date": e.get("start_date"),
            "fingerprint": e.get("fingerprint") or "",
            "status": "pending" if e.get("status") == "running" else e.get("status") or "pending",
            "step": e.get("step") or "",
            "error": e.get("error"),
            "warnings": e.get("warnings") or [],
            "outputs": outputs,
            "agency_roles": {
                "creative": {"agency": agency, "status": status if agency else "none"}
            },
            "started_at": e.get("started_at"),
            "finished_at": e.get("finished_at"),
            "decision": review.get("decision")
            if review.get("decision") in ("approved", "rejected")
            else None,
            "review_by": str(review.get("by") or ""),
            "review_at": review.get("at"),
            "review_note": str(review.get("note") or ""),
            "approved_files": {
                k: v
                for k, v in (e.get("approved_files") or {}).items()
                if inside(folder, k) is not None
            },
            "folder": next(iter(tops)) if len(tops) == 1 else key,
        }
        for top in tops:
            folders.setdefault(top, []).append(key)
    shared: dict[str, set[str]] = {}
    for keys in folders.values():
        for k in keys if len(keys) > 1 else ():
            shared.setdefault(k, set()).update(x for x in keys if x != k)
    with transaction() as db:
        if db.execute("SELECT 1 FROM meta WHERE name = 'migrated_from'").fetchone():
            return None  # another process migrated it meanwhile
        for key, fields in rows.items():
            if fields["decision"]:
                log_decision(
                    db,
                    key,
                    fields["decision"],
                    by=fields["review_by"],
                    note=fields["review_note"] + " (from manifest.json)",
                )
            if key in shared:
                others = ", ".join(sorted(shared[key]))
                fields.update(
                    status="pending",
                    step=f"migrated: its folder was shared with {others}; it is built again",
                    fingerprint="",
                )
                if fields["decision"] == "approved":
                    log_decision(
                        db, key, "withdrawn", note="its folder was shared with another contact"
                    )
                fields.update(decision=None, approved_files={}, folder=key)
            db.execute(
                "INSERT OR IGNORE INTO contacts (key, updated_at) VALUES (?, ?)", (key, now())
            )
            update(db, key, clean_fields(key, fields))
        db.execute(
            "INSERT OR REPLACE INTO meta (name, value) VALUES ('migrated_from', ?)", (used.name,)
        )
    try:
        main.replace(main.with_name(MANIFEST + MIGRATED_SUFFIX))
    except OSError as exc:  # the state is written; the rename only keeps old dossiers away
        log.warning("could not rename %s: %s", main, exc)
    return used
