"""The batch's state: ``<batch dir>/state.sqlite``, one row per contact.

This is the one library API the batch run, the ``review``/``export`` commands and any review
app share, so they never disagree::

    state = BatchState.open(batch_dir)
    for c in state.contacts():             # ContactState, in sheet order
        print(c.key, c.status, c.decision, c.agency_roles)
    state.choose_agency(key, "creative", "Droga5", by="Sam")
    state.approve(key, by="Sam", note="checked")

Storage is SQLite from the standard library in WAL mode: readers never block the writer, every
change is one short transaction on one row (O(1) however large the batch), and each writes
only the fields it changes, so a batch still running never overwrites a reviewer's decision
with an older copy. A review decision is refused while its contact is being built, and a build
that starts after a contact was approved leaves it alone. Every decision is also appended to a
``decisions`` table that nothing deletes.

One batch runs per folder at a time: :meth:`BatchState.run` takes an exclusive lock
(``.batch.lock``, released by the kernel if the process dies) and a second run is refused with
:class:`BatchBusy`, which names the running one (or waits, with ``wait=True``).

E-mail addresses are never stored: a contact's identity is a hash of its address, and every
text is scrubbed of addresses before it is kept. A ``manifest.json`` from an older dossier is
migrated on first open (see :mod:`dossier.batch.migrate`).
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import socket
import sqlite3
import threading
import time
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any

from ..errors import ConfigError, DossierError
from ..fsutil import OutputError
from .migrate import LEGACY_FILES, migrate_manifest
from .records import (
    _COLUMNS,
    _SCHEMA,
    ADDED_COLUMNS,
    AGENCY_STATUSES,
    BUSY_TIMEOUT_MS,
    DEFAULT_ROLE,
    FILENAME,
    LOCKFILE,
    SCHEMA_VERSION,
    STATUSES,
    UNKNOWN_FIELDS,
    base_key,
    changed_fields,
    clean_fields,
    current_user,
    document_fields,
    fold,
    identity_of,
    inside,
    log_decision,
    now,
    scrub,
    sha256_file,
    strip_emails,
    typed,
    update,
)

log = logging.getLogger(__name__)


class BatchBusy(DossierError):
    """Another ``dossier batch`` is running on the same folder."""

    def __init__(self, batch_dir: Path, holder: Mapping[str, Any]) -> None:
        who = describe_run(holder)
        super().__init__(
            f"Another dossier batch is already running on {batch_dir} ({who}). Wait for it "
            "to finish, or run again with --wait to start when it has."
        )
        self.holder = dict(holder)


class ContactNotFound(DossierError):
    """No contact has that key."""


class ReviewRefused(DossierError):
    """A review action that cannot be done now (being built, agency unconfirmed, ...)."""


def describe_run(holder: Mapping[str, Any]) -> str:
    """ "pid 123 on host, started 2026-03-05 10:00 UTC: dossier batch x.csv" """
    parts = [f"pid {holder.get('pid', '?')}"]
    if holder.get("host"):
        parts[0] += f" on {holder['host']}"
    if holder.get("started_at"):
        parts.append(f"started {str(holder['started_at']).replace('T', ' ')[:19]} UTC")
    text = ", ".join(parts)
    return f"{text}: {holder['command']}" if holder.get("command") else text


# ---------------------------------------------------------------------------------------------
# One contact, as read from the state


@dataclass(frozen=True)
class ContactState:
    """One contact of a batch: who, how far the build got, the agency per role, the review."""

    key: str
    row: int = 0
    name: str = ""
    owner: str = ""
    company: str = ""
    start_date: str | None = None
    folder: str = ""
    fingerprint: str = ""
    status: str = "pending"
    step: str = ""
    error: str | None = None
    agency_roles: dict[str, dict[str, Any]] = field(default_factory=dict)
    agency_choices: dict[str, dict[str, Any]] = field(default_factory=dict)
    built_choices: dict[str, dict[str, Any]] = field(default_factory=dict)
    warnings: list[dict[str, str]] = field(default_factory=list)
    outputs: dict[str, str] = field(default_factory=dict)
    started_at: str | None = None
    finished_at: str | None = None
    decision: str | None = None
    review_by: str = ""
    review_at: str | None = None
    review_note: str = ""
    approved_files: dict[str, str] = field(default_factory=dict)
    in_sheet: bool = True
    replaced_by: str | None = None
    updated_at: str | None = None
    priority: int | None = None  # 0-100, from dossier.batch.follow; None: not computed yet
    priority_reasons: list[dict[str, Any]] = field(default_factory=list)
    sheet_fields: dict[str, str] = field(default_factory=dict)  # records.document_fields
    built_fields: dict[str, str] = field(default_factory=dict)
    acknowledged: dict[str, Any] = field(default_factory=dict)  # {by, at, warnings}

    @property
    def sheet_changes(self) -> list[str]:
        """The sheet's document fields ("title", "owner") that changed since the drafts were
        built (or since a reviewer kept them); empty when unknown (an older dossier's state)."""
        return changed_fields(self.built_fields, self.sheet_fields)

    @property
    def priority_label(self) -> str:
        """ "high", "medium" or "low" for the priority (empty when it is not computed)."""
        from ..crm.priority import priority_label

        return priority_label(self.priority)

    @property
    def current(self) -> bool:
        """In the latest sheet and not replaced by an edited row."""
        return self.in_sheet and not self.replaced_by

    @property
    def locked(self) -> bool:
        """Approved: a batch does not rebuild it without --force."""
        return self.decision == "approved"

    @property
    def review(self) -> dict[str, Any]:
        return {
            "decision": self.decision,
            "by": self.review_by,
            "at": self.review_at,
            "note": self.review_note,
        }

    def role_state(self, role: str) -> dict[str, Any]:
        """{agency, status, chosen_by, chosen_at} for one role, the reviewer's choice applied.

        ``status`` is "confirmed", "unconfirmed" or "none" from the build, or "chosen" when a
        reviewer chose (``agency`` None: the reviewer said there is none). ``searched`` is
        False when the build could read nothing to look for one (kept only without a choice).
        """
        built = dict(self.agency_roles.get(role) or {"agency": None, "status": "none"})
        choice = self.agency_choices.get(role)
        if choice is not None:
            built.update(
                agency=choice.get("agency"),
                status="chosen",
                chosen_by=choice.get("by", ""),
                chosen_at=choice.get("at"),
                found=(self.agency_roles.get(role) or {}).get("agency"),
            )
            built.pop("searched", None)  # the reviewer's choice stands, looked for or not
            built["how"] = "reviewer"
        built["decided"] = decided_text(built)
        return built

    def profiled_role(self) -> str | None:
        """The role whose agency the briefing profiles (or would: a pending choice counts),
        else None when no role has an agency settled."""
        roles = self.roles()
        if not self.needs_rebuild:
            for r in roles:
                if (self.agency_roles.get(r) or {}).get("profiled"):
                    return r
        for r in roles:
            st = self.role_state(r)
            if st.get("agency") and st.get("status") in ("confirmed", "chosen", "named"):
                return r
        return None

    def roles(self) -> list[str]:
        """Every role the build or a reviewer spoke about, the default role first."""
        names = {*self.agency_roles, *self.agency_choices}
        return sorted(names, key=lambda r: (r != DEFAULT_ROLE, r))

    @property
    def agency(self) -> str | None:
        """The profiled agency (else the default role's, else the first role's), as it now
        stands."""
        role = self._agency_role()
        return self.role_state(role).get("agency") if role else None

    @property
    def agency_confirmed(self) -> bool:
        """The agency is confirmed by public reports or chosen by a reviewer (a name the user
        gave is not confirmed by itself)."""
        role = self._agency_role()
        if role is None:
            return False
        return self.role_state(role).get("status") in ("confirmed", "chosen")

    @property
    def agency_decided(self) -> str:
        """How the agency was decided, in plain words ("named in the sheet", "chosen by Sam",
        "found in public reports", "unconfirmed", ...)."""
        role = self._agency_role()
        return self.role_state(role).get("decided", "") if role else ""

    def _agency_role(self) -> str | None:
        roles = self.roles()
        return self.profiled_role() or (roles[0] if roles else None)

    def unresolved_roles(self) -> list[str]:
        """Roles whose agency is unconfirmed and that no reviewer has chosen for.

        None when another role's agency is confirmed or chosen: the briefing then profiles that
        one, and the unconfirmed roles stay review notes, not a reason to hold the mailing.
        """
        settled = any(
            v.get("status") in ("confirmed", "chosen", "named") or r in self.agency_choices
            for r, v in self.agency_roles.items()
        ) or any(v is not None for v in self.agency_choices.values())
        if settled:
            return []
        return [
            r
            for r, v in self.agency_roles.items()
            if v.get("status") == "unconfirmed" and r not in self.agency_choices
        ]

    @property
    def needs_rebuild(self) -> bool:
        """A reviewer's agency choice that the documents do not reflect yet."""
        return _choice_values(self.agency_choices) != _choice_values(self.built_choices)

    def as_dict(self) -> dict[str, Any]:
        """A JSON-ready dict (the shape ``review show --json`` prints)."""
        d = {f.name: _copy(getattr(self, f.name)) for f in fields(self)}
        d["review"] = self.review
        d["agency"] = self.agency
        d["agency_confirmed"] = self.agency_confirmed
        d["agency_decided"] = self.agency_decided
        d["agency_status"] = {r: self.role_state(r) for r in self.roles()}
        d["needs_rebuild"] = self.needs_rebuild
        d["priority_label"] = self.priority_label
        return d


def _copy(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _copy(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_copy(v) for v in value]
    return value


def _choice_values(choices: Mapping[str, Mapping[str, Any]]) -> dict[str, Any]:
    return {role: (c or {}).get("agency") for role, c in choices.items()}


@dataclass
class SheetSync:
    """What :meth:`BatchState.sync_sheet` did: the key of each row, and what it replaced."""

    keys: dict[str, str] = field(default_factory=dict)  # identity -> key
    replaced: dict[str, str] = field(default_factory=dict)  # old key -> new key
    removed: list[str] = field(default_factory=list)  # keys no longer in the sheet


class BatchState:
    """The state of one batch folder. Thread-safe; several processes may open it at once."""

    def __init__(self, batch_dir: Path, db: sqlite3.Connection, durable: bool) -> None:
        self.batch_dir = Path(batch_dir)
        self.path = self.batch_dir / FILENAME
        self._db = db
        self._lock = threading.RLock()
        self.durable = durable
        self.migrated_from: Path | None = None
        self.seconds = 0.0  # CPU time of the calling threads in state calls (for the benchmark)

    # -- opening ------------------------------------------------------------------------------

    @classmethod
    def open(cls, batch_dir: Path, *, create: bool = True, durable: bool = True) -> BatchState:
        """The batch folder's state, created (or migrated from ``manifest.json``) if needed.

        ``create=False`` raises :class:`ConfigError` when the folder holds no batch.
        ``durable=False`` (the batch run) skips the fsync after each change: a power cut may
        lose the last few progress marks, which only means those contacts are built again;
        review decisions are always written durably by the review commands.
        """

        batch_dir = Path(batch_dir)
        path = batch_dir / FILENAME
        legacy = any((batch_dir / n).is_file() for n in LEGACY_FILES)
        if not path.exists() and not create and not legacy:
            raise ConfigError(
                f"{batch_dir} holds no dossier batch (no {FILENAME}); run dossier batch first, "
                "or give the batch folder with --batch output/<spreadsheet name>."
            )
        try:
            batch_dir.mkdir(parents=True, exist_ok=True)
            if not path.exists():  # the state names client contacts: owner-only
                os.close(os.open(path, os.O_CREAT | os.O_WRONLY, 0o600))
        except OSError as exc:
            raise OutputError(
                f"Cannot create the batch state {path}: {exc.strerror or exc}.", exc.errno
            ) from exc
        try:
            db = sqlite3.connect(
                path, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None, check_same_thread=False
            )
        except sqlite3.Error as exc:
            raise ConfigError(f"The batch state {path} cannot be opened: {exc}.") from exc
        state = cls(batch_dir, db, durable)
        try:
            state._setup()
            if legacy:
                state.migrated_from = migrate_manifest(batch_dir, state._tx)
        except BaseException:
            db.close()
            raise
        return state

    def _setup(self) -> None:
        try:
            self._db.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
            mode = self._db.execute("PRAGMA journal_mode = WAL").fetchone()
            if not mode or str(mode[0]).lower() != "wal":
                log.debug("%s: WAL not available (%s)", self.path, mode)
            self._db.execute(f"PRAGMA synchronous = {'FULL' if self.durable else 'NORMAL'}")
            with self._tx() as db:
                version = db.execute("PRAGMA user_version").fetchone()[0]
                if version > SCHEMA_VERSION:
                    raise ConfigError(
                        f"{self.path} was written by a newer dossier (state schema {version}; "
                        f"this one reads up to {SCHEMA_VERSION}). Upgrade dossier or use "
                        "another --out folder."
                    )
                for statement in _SCHEMA.split(";"):
                    if statement.strip():
                        db.execute(statement)
                if version < SCHEMA_VERSION:  # schema 2 -> 3: the columns added since
                    have = {str(r[1]) for r in db.execute("PRAGMA table_info(contacts)")}
                    for col, sql in ADDED_COLUMNS.items():
                        if col not in have:
                            db.execute(f'ALTER TABLE contacts ADD COLUMN "{col}" {sql}')
                if version < SCHEMA_VERSION:
                    db.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
                    db.execute(
                        "INSERT OR IGNORE INTO meta (name, value) VALUES ('created_at', ?)",
                        (now(),),
                    )
        except sqlite3.DatabaseError as exc:
            raise ConfigError(
                f"{self.path} is not a usable dossier batch state ({exc}). Move it away to start "
                "this batch afresh (every contact will be built again)."
            ) from exc

    def close(self) -> None:
        with self._lock:
            self._db.close()

    def __enter__(self) -> BatchState:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- transactions -------------------------------------------------------------------------

    @contextlib.contextmanager
    def _tx(self) -> Iterator[Any]:
        """One write transaction (BEGIN IMMEDIATE: it waits for, never races, other writers)."""
        start = time.thread_time()
        with self._lock:
            try:
                self._db.execute("BEGIN IMMEDIATE")
                try:
                    yield self._db
                except BaseException:
                    self._db.execute("ROLLBACK")
                    raise
                self._db.execute("COMMIT")
            except sqlite3.OperationalError as exc:
                raise self._error(exc) from exc
            finally:
                self.seconds += time.thread_time() - start

    def _read(self, sql: str, args: Iterable[Any] = ()) -> list[sqlite3.Row | tuple[Any, ...]]:
        start = time.thread_time()
        with self._lock:
            try:
                return list(self._db.execute(sql, tuple(args)).fetchall())
            except sqlite3.OperationalError as exc:
                raise self._error(exc) from exc
            finally:
                self.seconds += time.thread_time() - start

    def _error(self, exc: sqlite3.OperationalError) -> DossierError:
        text = str(exc).lower()
        if "full" in text:
            return OutputError(
                f"Could not write the batch state {self.path}: the disk is full; free some "
                "space and run again.",
                28,
            )
        if "locked" in text or "busy" in text:
            return DossierError(
                f"The batch state {self.path} stayed busy for {BUSY_TIMEOUT_MS // 1000} s "
                "(another dossier process is writing to it); try again."
            )
        if "readonly" in text or "read-only" in text:
            return OutputError(f"The batch state {self.path} is read-only; check its permissions.")
        return DossierError(f"The batch state {self.path} could not be used: {exc}.")

    # -- reading ------------------------------------------------------------------------------

    def _parse(self, row: Any) -> ContactState:
        key = str(row[0])
        values: dict[str, Any] = {"key": key}
        for (col, (kind, default)), value in zip(_COLUMNS.items(), row[1:], strict=True):
            if (kind == "str" and type(value) is str) or (kind == "opt" and value is None):
                values[col] = value  # the common cases, checked cheaply
            elif kind == "int" and type(value) is int:
                values[col] = value
            else:
                values[col] = typed(self.path, key, col, kind, default, value)
        return ContactState(**values)

    _SELECT = "SELECT key, " + ", ".join(f'"{c}"' for c in _COLUMNS) + " FROM contacts"

    def get(self, key: str) -> ContactState | None:
        """One contact, or None."""
        rows = self._read(self._SELECT + " WHERE key = ?", (key,))
        return self._parse(rows[0]) if rows else None

    def require(self, key: str) -> ContactState:
        c = self.get(key)
        if c is None:
            raise ContactNotFound(f"No contact {key!r} in the batch at {self.batch_dir}.")
        return c

    def contacts(self, *, include_retired: bool = True) -> list[ContactState]:
        """Every contact in sheet order; ``include_retired=False`` drops replaced and removed."""
        where = "" if include_retired else " WHERE in_sheet = 1 AND replaced_by IS NULL"
        return [self._parse(r) for r in self._read(self._SELECT + where + " ORDER BY row, key")]

    def entries(self) -> list[tuple[str, dict[str, Any]]]:
        """(key, dict) for every contact, in sheet order (the shape templates and JSON use)."""
        return [(c.key, c.as_dict()) for c in self.contacts()]

    def entry(self, key: str) -> dict[str, Any] | None:
        c = self.get(key)
        return c.as_dict() if c else None

    def keys(self) -> list[str]:
        return [str(r[0]) for r in self._read("SELECT key FROM contacts ORDER BY row, key")]

    def __contains__(self, key: object) -> bool:
        return bool(self._read("SELECT 1 FROM contacts WHERE key = ?", (str(key),)))

    def __len__(self) -> int:
        return int(self._read("SELECT COUNT(*) FROM contacts")[0][0])

    def summary(self) -> dict[str, int]:
        """How many current contacts have each status (every status present, zero or not)."""
        counts = dict.fromkeys(STATUSES, 0)
        for status, n in self._read(
            "SELECT status, COUNT(*) FROM contacts WHERE in_sheet = 1 AND replaced_by IS NULL "
            "GROUP BY status"
        ):
            counts[str(status)] = int(n)
        return counts

    def review_counts(self) -> dict[str, int]:
        """How many current contacts are approved, rejected and not yet reviewed (done ones)."""
        counts = {"approved": 0, "rejected": 0, "unreviewed": 0}
        for decision, status, n in self._read(
            "SELECT decision, status, COUNT(*) FROM contacts WHERE in_sheet = 1 AND "
            "replaced_by IS NULL GROUP BY decision, status"
        ):
            if decision in counts:
                counts[str(decision)] += int(n)
            elif status == "done":
                counts["unreviewed"] += int(n)
        return counts

    def is_locked(self, key: str) -> bool:
        c = self.get(key)
        return bool(c and c.locked)

    def needs_work(self, key: str, fingerprint: str, force: bool = False) -> bool:
        """True unless the contact is done from this input row with no pending agency choice."""
        c = self.get(key)
        if c is None or force:
            return True
        return not (c.status == "done" and c.fingerprint == fingerprint and not c.needs_rebuild)

    def changed_since_approval(self, key: str) -> list[str]:
        """Approved files that are now missing or differ from what was approved."""
        c = self.get(key)
        approved = dict(c.approved_files) if c else {}
        return [
            rel
            for rel, digest in approved.items()
            if (p := inside(self.batch_dir, rel)) is None
            or not p.is_file()
            or sha256_file(p) != digest
        ]

    def history(self, key: str | None = None) -> list[dict[str, Any]]:
        """Every review decision ever recorded (for ``key``), oldest first."""
        cols = ("id", "key", "action", "role", "agency", "by", "at", "note")
        sql = "SELECT " + ", ".join(f'"{c}"' for c in cols) + " FROM decisions"
        rows = self._read(
            sql + (" WHERE key = ?" if key else "") + " ORDER BY id", (key,) if key else ()
        )
        return [dict(zip(cols, r, strict=True)) for r in rows]

    def identities(self) -> dict[str, str]:
        """{identity hash: key} of the contacts in the latest sheet (for matching a sheet's
        rows to contacts again, as the tasks export does; addresses are never stored)."""
        return {
            str(i): str(k)
            for k, i in self._read(
                "SELECT key, identity FROM contacts WHERE identity IS NOT NULL AND in_sheet = 1"
            )
        }

    def skipped_rows(self) -> list[tuple[int, str]]:
        """The sheet rows the last batch run skipped, with the reason."""
        return [
            (int(r), str(m)) for r, m in self._read("SELECT row, message FROM skipped ORDER BY row")
        ]

    def meta(self, name: str) -> str | None:
        rows = self._read("SELECT value FROM meta WHERE name = ?", (name,))
        return str(rows[0][0]) if rows else None

    def find(self, query: str) -> list[str]:
        """Keys of the contacts ``query`` names exactly: the key, or the name with accents,
        case and punctuation ignored. Current contacts win over replaced or removed ones."""
        return [c.key for c in self.match(query)[0]]

    def match(self, query: str) -> tuple[list[ContactState], list[ContactState]]:
        """(exact matches, partial matches) for ``query``; act only on exactly one exact match."""
        raw = strip_emails(query, person=True).strip()
        q = fold(raw)
        if not q:
            return [], []
        exact: list[ContactState] = []
        partial: list[ContactState] = []
        for c in self.contacts():
            if raw.casefold() == c.key.casefold() or q in (fold(c.name), fold(c.key)):
                exact.append(c)
            elif q in fold(c.name) or q in fold(c.key):
                partial.append(c)
        if any(c.current for c in exact):
            exact = [c for c in exact if c.current]
        return exact, partial

    # -- writing: the sheet -------------------------------------------------------------------

    def upsert(self, key: str, **fields: Any) -> ContactState:
        """Create or update one contact's fields (field-level: other fields are untouched)."""
        clean = clean_fields(key, fields)
        with self._tx() as db:
            db.execute(
                "INSERT OR IGNORE INTO contacts (key, folder, updated_at) VALUES (?, ?, ?)",
                (key, key, now()),
            )
            if clean:
                update(db, key, clean)
        return self.require(key)

    def sync_sheet(
        self, rows: Iterable[Any], skipped: Iterable[tuple[int, str]] = (), source: str = ""
    ) -> SheetSync:
        """Record the sheet: one contact per person (``row.identity``), in one transaction.

        A new person gets a readable key and folder ("jane-doe--apple-inc"), with a suffix from
        the identity hash when another contact already has that name, so no two contacts ever
        share a folder. A known person keeps their key; if their name or company changed (an
        edited row) the old entry is marked replaced (it is not exported and its folder is
        left alone) and a new one is made. Contacts no longer in the sheet are marked so.
        """
        result = SheetSync()
        with self._tx() as db:
            existing = {
                str(k): (i, str(n), str(c))
                for k, i, n, c in db.execute("SELECT key, identity, name, company FROM contacts")
            }
            by_identity = {i: k for k, (i, _, _) in existing.items() if i}
            # Built by an earlier dossier (no built_fields): {key: the row fingerprint built}
            unknown = {
                str(k): str(f)
                for k, f in db.execute(
                    "SELECT key, fingerprint FROM contacts WHERE status = 'done' AND "
                    "built_fields = '{}'"
                )
            }
            taken = set(existing)
            seen: set[str] = set()
            for row in rows:
                identity = str(row.identity)
                base = base_key(row.name, row.new_company)
                key = by_identity.get(identity)
                old = None
                if key is not None and not _same_base(key, base, identity):
                    old, key = key, None  # an edited row: same person, new name or company
                if key is None:
                    legacy = existing.get(base)
                    if legacy is not None and not legacy[0] and base not in seen:
                        key = base  # an entry migrated from manifest.json (it had no identity)
                    else:
                        key = _free_key(base, identity, taken)
                    if old is not None:
                        db.execute(
                            "UPDATE contacts SET identity = NULL, in_sheet = 0, replaced_by = ?, "
                            "updated_at = ? WHERE key = ?",
                            (key, now(), old),
                        )
                        log_decision(db, old, "replaced", note=f"the sheet row changed; now {key}")
                        result.replaced[old] = key
                    db.execute(
                        "INSERT OR IGNORE INTO contacts (key, folder, updated_at) VALUES (?, ?, ?)",
                        (key, key, now()),
                    )
                    db.execute("UPDATE contacts SET identity = ? WHERE key = ?", (identity, key))
                    taken.add(key)
                    by_identity[identity] = key
                seen.add(key)
                result.keys[identity] = key
                fields = {
                    "row": row.row,
                    "name": row.name,
                    "owner": row.owner or "",
                    "company": row.new_company,
                    "start_date": row.start_date,
                    "in_sheet": True,
                    "replaced_by": None,
                    "sheet_fields": document_fields(row),
                }
                if key in unknown:  # the same row as built: its fields are the built ones
                    fields["built_fields"] = (
                        fields["sheet_fields"]
                        if unknown[key] == getattr(row, "fingerprint", None)
                        else {UNKNOWN_FIELDS: "1"}
                    )
                update(db, key, clean_fields(key, fields))
            gone = [k for k in existing if k not in seen]
            db.executemany(
                "UPDATE contacts SET in_sheet = 0 WHERE key = ? AND in_sheet = 1",
                [(k,) for k in gone],
            )
            result.removed = [k for k in gone if k not in result.replaced]
            db.execute("DELETE FROM skipped")
            db.executemany(
                "INSERT INTO skipped (row, message) VALUES (?, ?)",
                [(int(r), strip_emails(m)) for r, m in skipped],
            )
            if source:
                db.execute(
                    "INSERT OR REPLACE INTO meta (name, value) VALUES ('sheet', ?)", (source,)
                )
        return result

    # -- writing: build progress --------------------------------------------------------------

    def mark_running(self, key: str, step: str, *, force: bool = False) -> bool:
        """The contact is being built; ``step`` says what is happening now.

        Returns False (and changes nothing) when a reviewer approved the contact meanwhile and
        ``force`` is off: an approved contact is never rebuilt behind the reviewer's back.
        With ``force`` an approval is withdrawn (and the withdrawal recorded).
        """
        with self._tx() as db:
            row = db.execute(
                "SELECT status, decision FROM contacts WHERE key = ?", (key,)
            ).fetchone()
            if row is None:
                db.execute(
                    "INSERT INTO contacts (key, folder, updated_at) VALUES (?, ?, ?)",
                    (key, key, now()),
                )
                row = ("pending", None)
            status, decision = row
            if decision == "approved" and not force:
                return False
            fields: dict[str, Any] = {
                "status": "running",
                "step": strip_emails(step),
                "error": None,
            }
            if status != "running":
                fields.update(started_at=now(), finished_at=None)
            if decision == "approved":
                fields.update(decision=None, approved_files={})
                log_decision(db, key, "withdrawn", note="rebuilt with --force")
            update(db, key, clean_fields(key, fields))
            return True

    def mark_step(self, key: str, step: str) -> None:
        """A new step of a running build (only while it runs)."""
        with self._tx() as db:
            db.execute(
                "UPDATE contacts SET step = ?, updated_at = ? WHERE key = ? AND status = 'running'",
                (strip_emails(step), now(), key),
            )

    def mark_done(
        self,
        key: str,
        outputs: Mapping[str, Path | str],
        warnings: Iterable[Any] = (),
        agency: str | None = None,
        agency_confirmed: bool = False,
        fingerprint: str | None = None,
        *,
        agency_roles: Mapping[str, Mapping[str, Any]] | None = None,
        built_choices: Mapping[str, Mapping[str, Any]] | None = None,
        built_fields: Mapping[str, str] | None = None,
    ) -> None:
        """The contact is built (from the input row ``fingerprint``, when given).

        ``agency_roles`` is ``{role: {"agency": name or None, "status": confirmed|unconfirmed|
        none, "candidates": [...]}}``; without it, ``agency``/``agency_confirmed`` fill the
        default role. ``built_choices`` are the reviewer's agency choices the build applied.
        ``built_fields`` are the row's :func:`~dossier.batch.records.document_fields`.
        A new build needs a new review: an earlier rejection is cleared (and stays in the
        history). Output paths outside the batch folder are not recorded.
        """
        rels: dict[str, str] = {}
        for name, p in outputs.items():
            rel = self.relative(p)
            if inside(self.batch_dir, rel) is None:
                log.warning("not recording %s: it is outside the batch folder", p)
                continue
            rels[str(name)] = rel
        if agency_roles is None:
            agency_roles = {
                DEFAULT_ROLE: {
                    "agency": agency,
                    "status": ("confirmed" if agency_confirmed else "unconfirmed")
                    if agency
                    else "none",
                }
            }
        roles = {str(r): _role(v) for r, v in agency_roles.items()}
        fields: dict[str, Any] = {
            "status": "done",
            "step": "",
            "error": None,
            "outputs": rels,
            "warnings": [_warning(w) for w in warnings],
            "agency_roles": roles,
            "finished_at": now(),
            "decision": None,
            "review_by": "",
            "review_at": None,
            "review_note": "",
            "approved_files": {},
        }
        if fingerprint is not None:
            fields["fingerprint"] = fingerprint
        if built_choices is not None:
            fields["built_choices"] = dict(built_choices)
        if built_fields is not None:
            fields["built_fields"] = dict(built_fields)
        fields["acknowledged"] = {}
        with self._tx() as db:
            db.execute(
                "INSERT OR IGNORE INTO contacts (key, folder, updated_at) VALUES (?, ?, ?)",
                (key, key, now()),
            )
            decision = db.execute("SELECT decision FROM contacts WHERE key = ?", (key,)).fetchone()[
                0
            ]
            if decision == "approved":  # approved while running cannot happen; keep it if it did
                for name in (
                    "decision",
                    "review_by",
                    "review_at",
                    "review_note",
                    "approved_files",
                    "acknowledged",
                ):
                    fields.pop(name)
            update(db, key, clean_fields(key, fields))

    def set_follow_up(
        self,
        plan: Mapping[str, tuple[int | None, Iterable[Mapping[str, Any]], Iterable[Any]]],
        warning_kind: str = "owner",
    ) -> None:
        """Record whom to follow first, in one transaction: for each key its priority (0-100),
        the reasons (``{signal, points, max, text}``) and the ``warning_kind`` review warnings,
        which replace that kind's earlier warnings (the build's own warnings are kept).
        A contact whose three fields are already these is not written (a rerun of a finished
        batch, where nothing changed, writes nothing here)."""
        with self._tx() as db:
            stored = {
                str(row[0]): tuple(row[1:])
                for row in db.execute(
                    "SELECT key, priority, priority_reasons, warnings FROM contacts"
                ).fetchall()
            }
            for key, (priority, reasons, warnings) in plan.items():
                row = stored.get(key)
                if row is None:
                    continue
                kept = [
                    w
                    for w in typed(self.path, key, "warnings", "list", [], row[2])
                    if not (isinstance(w, Mapping) and w.get("kind") == warning_kind)
                ]
                fields = {
                    "priority": priority,
                    "priority_reasons": [dict(r) for r in reasons],
                    "warnings": kept + [_warning(w) for w in warnings],
                }
                if _stored_as(fields) == row:
                    continue  # already stored as this (stored values are clean): nothing to do
                clean = clean_fields(key, fields)
                if tuple(clean.values()) != row:
                    update(db, key, clean)

    def mark_failed(self, key: str, message: str) -> None:
        """The contact could not be built; ``message`` says why."""
        with self._tx() as db:
            db.execute(
                "INSERT OR IGNORE INTO contacts (key, folder, updated_at) VALUES (?, ?, ?)",
                (key, key, now()),
            )
            update(
                db,
                key,
                clean_fields(
                    key,
                    {"status": "failed", "step": "", "error": str(message), "finished_at": now()},
                ),
            )

    def mark_interrupted(self, key: str, why: str = "interrupted") -> None:
        """A build that was stopped: it is built again by the next run."""
        with self._tx() as db:
            db.execute(
                "UPDATE contacts SET status = 'pending', step = ?, updated_at = ? "
                "WHERE key = ? AND status = 'running'",
                (why, now(), key),
            )

    def relative(self, path: Path | str) -> str:
        """``path`` relative to the batch folder, with forward slashes."""
        p = Path(path)
        if not p.is_absolute() and (self.batch_dir / p).exists():
            return p.as_posix()
        try:
            return p.resolve().relative_to(self.batch_dir.resolve()).as_posix()
        except ValueError:
            return p.as_posix()

    # -- writing: review ----------------------------------------------------------------------

    def approve(
        self, key: str, by: str, note: str = "", *, acknowledged: Mapping[str, Any] | None = None
    ) -> ContactState:
        """Approve a finished contact: record who and when, and hash every output file.
        ``acknowledged`` ({by, at, warnings}) records the warnings the reviewer accepted.

        Refused while the contact is being built, when it is not done, when its agency is
        unconfirmed and no reviewer has chosen, and when a choice is not in its documents yet.
        """
        with self._tx() as db:
            c = self._get_in(db, key)
            who = c.name or key
            if c.status == "running":
                raise ReviewRefused(
                    f"{who} is being built right now; approve when the batch has finished."
                )
            if c.status != "done":
                raise ReviewRefused(
                    f"{who} is {c.status}, not done; only a finished contact can be approved. "
                    "Run the batch again first."
                )
            if not c.current:
                later = f" (now {c.replaced_by})" if c.replaced_by else ""
                raise ReviewRefused(
                    f"{who} ({key}) is no longer in the sheet{later}; nothing to approve."
                )
            if unresolved := c.unresolved_roles():
                raise ReviewRefused(_unconfirmed_message(c, unresolved))
            if c.needs_rebuild:
                raise ReviewRefused(
                    f"{who}'s documents do not show the agency chosen in review yet. Run the batch "
                    "again (it rebuilds this contact with the choice), then approve."
                )
            kept = c.sheet_changes if c.locked else []
            if c.sheet_changes and not c.locked:
                raise ReviewRefused(
                    f"{who}'s row in the sheet changed since the drafts were built "
                    f"({', '.join(c.sheet_changes)}). Run the batch again (it rebuilds this "
                    "contact from the new row), then approve."
                )
            files = {rel: inside(self.batch_dir, rel) for rel in c.outputs.values()}
            if missing := [rel for rel, p in files.items() if p is None or not p.is_file()]:
                raise ReviewRefused(
                    f"Cannot approve {who}: missing file(s) {', '.join(missing)}. "
                    "Run the batch again with --force for this contact."
                )
            hashes = {rel: sha256_file(p) for rel, p in files.items() if p is not None}
            fields = _review("approved", by, note) | {
                "approved_files": hashes,
                "acknowledged": dict(acknowledged or {}),
            }
            if acknowledged:
                log_decision(
                    db,
                    key,
                    "accepted-warnings",
                    by=by,
                    note="; ".join(
                        f"{w.get('kind')}: {w.get('message')}"
                        for w in acknowledged.get("warnings") or []
                    ),
                )
            if kept:  # approved again: the reviewer keeps the drafts for the changed row
                fields |= {"built_fields": c.sheet_fields, "warnings": _without_sheet(c.warnings)}
                log_decision(
                    db,
                    key,
                    "kept",
                    by=by,
                    note="approved drafts kept; the sheet changed: " + ", ".join(kept),
                )
            update(db, key, clean_fields(key, fields))
            log_decision(db, key, "approved", by=by, note=note)
        return self.require(key)

    def note_sheet_changes(self) -> dict[str, list[str]]:
        """Give every approved contact whose sheet row changed since its drafts were built a
        review warning saying which fields (kind "sheet"), and take it from the others;
        returns {key: changed fields} of the approved ones."""
        changed: dict[str, list[str]] = {}
        for c in self.contacts():
            fields_ = c.sheet_changes if c.locked and c.current else []
            want = _without_sheet(c.warnings)
            if fields_:
                changed[c.key] = fields_
                want.append({"kind": SHEET_WARNING, "message": sheet_message(c, fields_)})
            if want != c.warnings:
                self.upsert(c.key, warnings=want)
        return changed

    def reject(self, key: str, by: str, note: str) -> ContactState:
        """Reject a contact's documents, saying why (refused while it is being built)."""
        with self._tx() as db:
            c = self._get_in(db, key)
            if c.status == "running":
                raise ReviewRefused(
                    f"{c.name or key} is being built right now; reject it when the batch has finished."
                )
            update(
                db,
                key,
                clean_fields(
                    key, _review("rejected", by, note) | {"approved_files": {}, "acknowledged": {}}
                ),
            )
            log_decision(db, key, "rejected", by=by, note=note)
        return self.require(key)

    def choose_agency(
        self, key: str, role: str, agency: str | None, by: str, note: str = ""
    ) -> ContactState:
        """Record a reviewer's choice of the incumbent for ``role`` (``agency`` None: none).

        The next batch run rebuilds the contact with the choice; an approval waits for that.
        A contact already approved must be rejected first (its documents would change).
        """
        role = (role or DEFAULT_ROLE).strip().casefold()
        name = " ".join(str(agency).split()) if agency is not None else None
        if name is not None and (not name or name.casefold() == "none"):
            name = None
        with self._tx() as db:
            c = self._get_in(db, key)
            if c.locked:
                raise ReviewRefused(
                    f"{c.name or key} is approved; reject it first if the agency must change."
                )
            choices = dict(c.agency_choices)
            choices[role] = {"agency": name, "by": strip_emails(by, person=True), "at": now()}
            update(db, key, clean_fields(key, {"agency_choices": choices}))
            log_decision(db, key, "chose-agency", role=role, agency=name, by=by, note=note)
        return self.require(key)

    def record(self, key: str, action: str, by: str = "", note: str = "") -> None:
        """Append a reviewer's other action (an edited note, a fact correction) to the history."""
        with self._tx() as db:
            self._get_in(db, key)
            log_decision(db, key, action, by=by, note=note)

    def metas(self, prefix: str) -> dict[str, str]:
        """Every named value whose name starts with ``prefix``, in one read."""
        rows = self._read(
            "SELECT name, value FROM meta WHERE substr(name, 1, ?) = ?", (len(prefix), prefix)
        )
        return {str(n): str(v) for n, v in rows}

    def set_metas(self, values: Mapping[str, str]) -> None:
        """Keep several named values in one transaction (e-mail addresses masked)."""
        with self._tx() as db:
            db.executemany(
                "INSERT OR REPLACE INTO meta (name, value) VALUES (?, ?)",
                [(n, strip_emails(v)) for n, v in values.items()],
            )

    def set_meta(self, name: str, value: str) -> None:
        """Keep one named value about the batch (e-mail addresses masked)."""
        with self._tx() as db:
            db.execute(
                "INSERT OR REPLACE INTO meta (name, value) VALUES (?, ?)",
                (name, strip_emails(value)),
            )

    def _get_in(self, db: Any, key: str) -> ContactState:
        row = db.execute(self._SELECT + " WHERE key = ?", (key,)).fetchone()
        if row is None:
            raise ContactNotFound(f"No contact {key!r} in the batch at {self.batch_dir}.")
        return self._parse(row)

    # -- writing: export and runs -------------------------------------------------------------

    def exported(self, dest: str) -> dict[str, str]:
        """{file name: contact key} of what the last export to ``dest`` wrote."""
        return {
            str(n): str(k)
            for n, k in self._read("SELECT name, key FROM exports WHERE dest = ?", (dest,))
        }

    def record_export(self, dest: str, files: Mapping[str, str]) -> None:
        with self._tx() as db:
            db.execute("DELETE FROM exports WHERE dest = ?", (dest,))
            db.executemany(
                "INSERT INTO exports (dest, name, key) VALUES (?, ?, ?)",
                [(dest, n, k) for n, k in files.items()],
            )

    @contextlib.contextmanager
    def run(
        self,
        command: str = "",
        *,
        wait: bool = False,
        on_wait: Callable[[dict[str, Any]], None] | None = None,
    ) -> Iterator[int]:
        """Hold the folder's batch lock for one run (a second run: :class:`BatchBusy`, or wait).

        On entry, contacts a dead run left "running" go back to "pending" (they are built again)
        and temporary files a killed run left behind are removed.
        """
        import fcntl

        from ..fsutil import remove_stale_temps

        lock_path = self.batch_dir / LOCKFILE
        fh = lock_path.open("a+", encoding="utf-8")
        try:
            try:
                fcntl.flock(fh.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                holder = _read_holder(lock_path)
                if not wait:
                    raise BatchBusy(self.batch_dir, holder) from None
                if on_wait is not None:
                    on_wait(holder)
                fcntl.flock(fh.fileno(), fcntl.LOCK_EX)
            me = {
                "pid": os.getpid(),
                "host": socket.gethostname(),
                "command": command,
                "started_at": now(),
            }
            fh.seek(0)
            fh.truncate()
            fh.write(json.dumps(me))
            fh.flush()
            with self._tx() as db:
                last = db.execute("SELECT outcome FROM runs ORDER BY id DESC LIMIT 1").fetchone()
                cur = db.execute(
                    "INSERT INTO runs (pid, host, command, started_at) VALUES (?, ?, ?, ?)",
                    (me["pid"], me["host"], strip_emails(command), me["started_at"]),
                )
                run_id = int(cur.lastrowid or 0)
                db.execute(
                    "UPDATE contacts SET status = 'pending', step = 'interrupted' WHERE status = 'running'"
                )
            if last is None or last[0] != "finished":  # a run was killed: clean up after it
                remove_stale_temps(self.batch_dir)
            outcome = "interrupted"
            try:
                yield run_id
                outcome = "finished"
            finally:
                with contextlib.suppress(DossierError), self._tx() as db:
                    db.execute(
                        "UPDATE runs SET finished_at = ?, outcome = ? WHERE id = ?",
                        (now(), outcome, run_id),
                    )
                fh.seek(0)
                fh.truncate()
        finally:
            fh.close()  # closing releases the lock


def _read_holder(path: Path) -> dict[str, Any]:
    try:
        data = json.loads(path.read_text(encoding="utf-8") or "{}")
        return data if isinstance(data, dict) else {}
    except (OSError, ValueError):
        return {}


def _same_base(key: str, base: str, identity: str) -> bool:
    return (
        key == base
        or key.startswith(base + "-")
        and key[len(base) + 1 :] in (identity[:6], identity[:12])
    )


def _free_key(base: str, identity: str, taken: set[str]) -> str:
    """``base``, or ``base-<6 hex of the identity>`` when taken (12 in the unlikely worse case)."""
    for key in (base, f"{base}-{identity[:6]}", f"{base}-{identity[:12]}"):
        if key not in taken:
            return key
    n = 2
    while f"{base}-{identity[:12]}-{n}" in taken:
        n += 1
    return f"{base}-{identity[:12]}-{n}"


def _review(decision: str, by: str, note: str) -> dict[str, Any]:
    return {"decision": decision, "review_by": by, "review_at": now(), "review_note": note}


def _role(v: Mapping[str, Any]) -> dict[str, Any]:
    status = str(v.get("status") or "none")
    if status not in AGENCY_STATUSES:
        raise ValueError(f"Unknown agency status {status!r}; use one of {AGENCY_STATUSES}.")
    out: dict[str, Any] = {"agency": v.get("agency") or None, "status": status}
    if v.get("candidates"):
        out["candidates"] = [str(c) for c in v["candidates"]]
    if v.get("searched") is False and out["agency"] is None:  # not looked for (see build.py)
        out["searched"] = False
    for name in ("how", "found", "found_status"):  # how it was decided (see decided_text)
        if v.get(name):
            out[name] = str(v[name])
    if v.get("profiled"):
        out["profiled"] = True
        if v.get("drafted") is False:  # below the agency minimum (see build.agency_step)
            out["drafted"] = False
    return out


#: How a named agency was named (the state's ``how``), in plain words.
NAMED_IN = {
    "sheet": "named in the sheet",
    "option": "named with --agency",
    "override": "named in the company's override file",
}


def decided_text(v: Mapping[str, Any]) -> str:
    """How one role's agency was decided, in plain words: "named in the sheet", "named in
    the sheet; public reports name TBWA\\Media Arts Lab", "chosen by Sam", "found in public
    reports", "unconfirmed", "none found"."""
    status, how, found = v.get("status"), v.get("how"), v.get("found")
    if status == "chosen":
        if v.get("agency") is None:
            return f"{v.get('chosen_by') or 'a reviewer'} chose none"
        return f"chosen by {v.get('chosen_by') or 'a reviewer'}"
    if how in NAMED_IN:
        text = NAMED_IN[str(how)]
        if status == "confirmed":
            return f"{text}, confirmed by public reports"
        if found and found != v.get("agency"):
            return f"{text}; public reports name {found}"
        return f"{text}, not confirmed by public reports"
    if status == "confirmed":
        return "chosen by a reviewer" if how == "reviewer" else "found in public reports"
    if status == "unconfirmed":
        return "unconfirmed"
    if v.get("searched") is False:
        return "not looked for"
    return "none found"


def _warning(w: Any) -> dict[str, str]:
    """A ReviewWarning (or {kind, message}, or plain text) as {kind, message}."""
    if isinstance(w, Mapping):
        return {"kind": str(w.get("kind", "")), "message": str(w.get("message", ""))}
    return {"kind": str(getattr(w, "kind", "")), "message": str(getattr(w, "message", w))}


def _stored_as(fields: Mapping[str, Any]) -> tuple[Any, ...] | None:
    """The follow-up fields as the state stores them when they hold nothing to clean (plain
    JSON, no dates or paths): the same text :func:`clean_fields` writes for them. A rerun
    compares this with the stored row instead of cleaning every contact's fields again (an
    e-mail address can only be in the stored row if cleaning left it, which it never does, so
    a row equal to this one needs no cleaning). None when they are not plain JSON."""
    try:
        return (
            fields["priority"],
            json.dumps(fields["priority_reasons"], ensure_ascii=False),
            json.dumps(fields["warnings"], ensure_ascii=False),
        )
    except (TypeError, ValueError):
        return None


SHEET_WARNING = "sheet"


def sheet_message(c: ContactState, fields_: list[str]) -> str:
    """The review warning of an approved contact whose sheet row changed."""
    return (
        f"Approved, but the sheet changed since: {', '.join(fields_)}. The approved drafts "
        "still have the old details and are not exported. Reject it to rebuild it from the "
        f"new row, or approve it again to keep the approved drafts "
        f"(dossier review approve {c.key})."
    )


def _without_sheet(warnings: Iterable[Mapping[str, Any]]) -> list[dict[str, Any]]:
    return [dict(w) for w in warnings if w.get("kind") != SHEET_WARNING]


def _unconfirmed_message(c: ContactState, roles: list[str]) -> str:
    parts = []
    for r in roles:
        v = c.agency_roles.get(r) or {}
        cands = v.get("candidates") or ([v["agency"]] if v.get("agency") else [])
        parts.append(f"{r} ({', '.join(cands[:3]) or 'no candidate'})")
    first = roles[0]
    agency = (c.agency_roles.get(first) or {}).get("agency") or "NAME"
    return (
        f"{c.name or c.key}'s agency is unconfirmed for {', '.join(parts)}. Choose first: "
        f"dossier review choose-agency {c.key} {json.dumps(agency)} --role {first} "
        f"(or none) --batch ..., then approve."
    )


__all__ = [
    "AGENCY_STATUSES",
    "BatchBusy",
    "BatchState",
    "ContactNotFound",
    "ContactState",
    "DEFAULT_ROLE",
    "FILENAME",
    "ReviewRefused",
    "SCHEMA_VERSION",
    "SHEET_WARNING",
    "STATUSES",
    "SheetSync",
    "base_key",
    "current_user",
    "fold",
    "identity_of",
    "inside",
    "scrub",
    "strip_emails",
]
