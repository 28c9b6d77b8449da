"""The batch's memory: ``<batch dir>/manifest.json``, one entry per contact.

Every change is written at once, atomically, so an interrupted batch resumes where it stopped.
Before each save the previous good copy goes to ``manifest.json.bak``; a damaged manifest falls
back to it. Many worker threads may share one :class:`Manifest` (one lock guards it all).
E-mail addresses are never stored: they are removed from every text before it is kept.
"""

from __future__ import annotations

import copy
import getpass
import hashlib
import json
import logging
import os
import re
import threading
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from ..errors import ConfigError, DossierError
from ..fsutil import atomic_write_text

log = logging.getLogger(__name__)

SCHEMA_VERSION = 1
FILENAME = "manifest.json"
BACKUP = "manifest.json.bak"
STATUSES = ("pending", "running", "done", "failed", "skipped")
_EMAIL = re.compile(r"[\w.!#$%&'*+/=?^`{|}~-]+@[\w-]+(?:\.[\w-]+)+")
_BRACKETED_EMAIL = re.compile(r"\s*[<(\[]\s*" + _EMAIL.pattern + r"\s*[>)\]]")


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def current_user() -> str:
    """Who is reviewing: $DOSSIER_REVIEWER, else the login name."""
    env = os.environ.get("DOSSIER_REVIEWER", "").strip()
    if env:
        return env
    try:
        return getpass.getuser()
    except (OSError, KeyError, ImportError):  # no login name (containers, odd platforms)
        return "unknown"


def strip_emails(text: str, *, person: bool = False) -> str:
    """``text`` without e-mail addresses.

    For a person's name or owner (``person=True``) addresses are dropped ("Jane <j@x.com>" ->
    "Jane") and a bare address keeps only its local part; elsewhere they become "[e-mail]".
    """
    text = str(text)
    if person:
        bare = text.strip()
        if _EMAIL.fullmatch(bare):
            return bare.split("@", 1)[0]
        text = _EMAIL.sub("", _BRACKETED_EMAIL.sub("", text))
        return re.sub(r"\s+", " ", text).strip(" ,;")
    return _EMAIL.sub("[e-mail]", text)


def _scrub(value: Any) -> Any:
    if isinstance(value, str):
        return strip_emails(value)
    if isinstance(value, date | datetime):
        return value.isoformat()
    if isinstance(value, Path):
        return value.as_posix()
    if isinstance(value, Mapping):
        return {str(k): _scrub(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_scrub(v) for v in value]
    return value


def _default_entry() -> dict[str, Any]:
    return {
        "row": 0,
        "name": "",
        "owner": "",
        "company": "",
        "start_date": None,
        "fingerprint": "",
        "status": "pending",
        "step": "",
        "error": None,
        "agency": None,
        "agency_confirmed": False,
        "warnings": [],
        "outputs": {},
        "started_at": None,
        "finished_at": None,
        "review": {"decision": None, "by": "", "at": None, "note": ""},
        "approved_files": {},
    }


FIELDS = frozenset(_default_entry())


def sha256_file(path: Path) -> str:
    """The file's SHA-256, hex."""
    with path.open("rb") as fh:
        return hashlib.file_digest(fh, "sha256").hexdigest()


class Manifest:
    """The contacts of one batch and how far each has got. Thread-safe."""

    def __init__(self, batch_dir: Path, contacts: dict[str, dict[str, Any]] | None = None) -> None:
        self.batch_dir = Path(batch_dir)
        self.path = self.batch_dir / FILENAME
        self.backup_path = self.batch_dir / BACKUP
        self.recovered_from_backup = False
        self._contacts: dict[str, dict[str, Any]] = contacts or {}
        self._lock = threading.RLock()
        self._last_saved: str | None = None  # the text now on disk, known good
        self._deferred = 0
        self._dirty = False

    @classmethod
    def load(cls, batch_dir: Path) -> Manifest:
        """The batch's manifest; empty when there is none yet, the backup when it is damaged."""
        m = cls(batch_dir)
        if not m.path.exists():
            return m
        try:
            text = m.path.read_text(encoding="utf-8")
            m._contacts = _parse(text, m.path)
        except (OSError, UnicodeDecodeError, ValueError) as main_exc:
            try:
                text = m.backup_path.read_text(encoding="utf-8")
                m._contacts = _parse(text, m.backup_path)
            except (OSError, UnicodeDecodeError, ValueError) as bak_exc:
                raise ConfigError(
                    f"The batch manifest {m.path} is damaged ({main_exc}) and its backup "
                    f"{m.backup_path.name} cannot be used either ({bak_exc}). Move both files "
                    "away to start this batch afresh (every contact will be built again)."
                ) from main_exc
            log.warning("%s is damaged (%s); using %s", m.path, main_exc, m.backup_path.name)
            m.recovered_from_backup = True
        m._last_saved = text
        return m

    @contextmanager
    def deferred(self) -> Iterator[Manifest]:
        """Save once at the end of the block instead of after every change (setup loops)."""
        with self._lock:
            self._deferred += 1
        try:
            yield self
        finally:
            with self._lock:
                self._deferred -= 1
                if not self._deferred and self._dirty:
                    self.save()

    def save(self) -> None:
        """Write the manifest atomically, keeping the previous good copy as manifest.json.bak."""
        with self._lock:
            if self._deferred:
                self._dirty = True
                return
            self._dirty = False
            data = {
                "schema": SCHEMA_VERSION,
                "generator": "dossier",
                "saved_at": _now(),
                "contacts": self._contacts,
            }
            text = json.dumps(data, indent=2, ensure_ascii=False, sort_keys=False) + "\n"
            if self._last_saved is not None:
                atomic_write_text(self.backup_path, self._last_saved)
            atomic_write_text(self.path, text)
            self._last_saved = text

    def entry(self, key: str) -> dict[str, Any] | None:
        """A copy of the contact's entry, or None."""
        with self._lock:
            e = self._contacts.get(key)
            return copy.deepcopy(e) if e is not None else None

    def keys(self) -> list[str]:
        """Every contact key, in input-row order."""
        return [k for k, _ in self.entries()]

    def entries(self) -> list[tuple[str, dict[str, Any]]]:
        """(key, copy of entry) for every contact, in input-row order."""
        with self._lock:
            items = copy.deepcopy(list(self._contacts.items()))
        return sorted(items, key=lambda kv: (kv[1].get("row") or 0, kv[0]))

    def __contains__(self, key: object) -> bool:
        with self._lock:
            return key in self._contacts

    def __len__(self) -> int:
        with self._lock:
            return len(self._contacts)

    def upsert(self, key: str, **fields: Any) -> dict[str, Any]:
        """Create or update a contact's entry with ``fields`` and save; returns a copy."""
        if _EMAIL.search(str(key)):
            raise ValueError("A manifest key must not contain an e-mail address; hash it instead.")
        unknown = set(fields) - FIELDS
        if unknown:
            raise TypeError(f"Unknown manifest field(s): {', '.join(sorted(unknown))}")
        if "status" in fields and fields["status"] not in STATUSES:
            raise ValueError(f"Unknown status {fields['status']!r}; use one of {STATUSES}.")
        clean = {
            name: strip_emails(value or "", person=True)
            if name in ("name", "owner")
            else _scrub(value)
            for name, value in fields.items()
        }
        json.dumps(clean)  # a TypeError here, before anything changes, names the bad value
        with self._lock:
            current = self._contacts.setdefault(key, _default_entry())
            current.update(clean)
            self.save()
            return copy.deepcopy(current)

    def needs_work(self, key: str, fingerprint: str, force: bool = False) -> bool:
        """True unless the contact is done, its input row is unchanged and ``force`` is off.

        Locked (approved) contacts are the caller's to skip: check :meth:`is_locked` first.
        """
        with self._lock:
            e = self._contacts.get(key)
            if e is None or force:
                return True
            return not (e["status"] == "done" and e["fingerprint"] == fingerprint)

    def mark_running(self, key: str, step: str) -> None:
        """The contact is being built; ``step`` says what is happening now."""
        with self._lock:
            e = self._contacts.get(key)
            fields: dict[str, Any] = {"status": "running", "step": step, "error": None}
            if e is None or e["status"] != "running":
                fields.update(started_at=_now(), finished_at=None)
            self.upsert(key, **fields)

    def mark_done(
        self,
        key: str,
        outputs: Mapping[str, Path | str],
        warnings: Iterable[Any] = (),
        agency: str | None = None,
        agency_confirmed: bool = False,
        fingerprint: str | None = None,
    ) -> None:
        """The contact is built (from the input row ``fingerprint``, when given).

        A new build needs a new review, so any earlier decision is cleared.
        """
        rows = [_warning(w) for w in warnings]
        extra = {} if fingerprint is None else {"fingerprint": fingerprint}
        self.upsert(
            key,
            **extra,
            status="done",
            step="",
            error=None,
            outputs={name: self.relative(p) for name, p in outputs.items()},
            warnings=rows,
            agency=agency,
            agency_confirmed=bool(agency_confirmed),
            finished_at=_now(),
            review=_default_entry()["review"],
            approved_files={},
        )

    def mark_failed(self, key: str, message: str) -> None:
        """The contact could not be built; ``message`` says why."""
        self.upsert(key, status="failed", error=str(message), finished_at=_now())

    def relative(self, path: Path | str) -> str:
        """``path`` relative to the batch folder, with forward slashes.

        A relative path is taken as relative to the batch folder, unless only the current
        folder holds it (``output/batch/jane/note-1.md``).
        """
        p = Path(path)
        if not p.is_absolute() and (self.batch_dir / p).exists():
            return p.as_posix()
        try:
            return p.resolve().relative_to(self.batch_dir.resolve()).as_posix()
        except ValueError:
            return p.as_posix()

    def approve(self, key: str, by: str, note: str = "") -> None:
        """Approve a finished contact: record who and when, and hash every output file."""
        with self._lock:
            e = self._require(key)
            if e["status"] != "done":
                raise DossierError(
                    f"{e['name'] or key} is {e['status']}, not done; only a finished contact "
                    "can be approved. Run the batch again first."
                )
            files = {rel: self.batch_dir / rel for rel in e["outputs"].values()}
            if missing := [rel for rel, path in files.items() if not path.is_file()]:
                raise DossierError(
                    f"Cannot approve {e['name'] or key}: missing file(s) {', '.join(missing)}. "
                    "Run the batch again with --force for this contact."
                )
            hashes = {rel: sha256_file(path) for rel, path in files.items()}
            self.upsert(key, review=_review("approved", by, note), approved_files=hashes)

    def reject(self, key: str, by: str, note: str) -> None:
        """Reject a contact's documents, saying why."""
        with self._lock:
            self._require(key)
            self.upsert(key, review=_review("rejected", by, note), approved_files={})

    def is_locked(self, key: str) -> bool:
        """True when the contact is approved: a batch must not rebuild it."""
        with self._lock:
            e = self._contacts.get(key)
            return bool(e and e["review"].get("decision") == "approved")

    def changed_since_approval(self, key: str) -> list[str]:
        """Approved files that are now missing or differ from what was approved."""
        with self._lock:
            e = self._contacts.get(key)
            approved = dict(e["approved_files"]) if e else {}
        return [
            rel
            for rel, digest in approved.items()
            if not (p := self.batch_dir / rel).is_file() or sha256_file(p) != digest
        ]

    def find(self, query: str) -> list[str]:
        """Keys whose key or name matches ``query`` (case-insensitive; exact matches win)."""
        q = _norm(strip_emails(query, person=True))
        if not q:
            return []
        exact, partial = [], []
        for key, e in self.entries():
            k, name = _norm(key), _norm(e.get("name", ""))
            if q in (k, name):
                exact.append(key)
            elif q in k or q in name:
                partial.append(key)
        return exact or partial

    def summary(self) -> dict[str, int]:
        """How many contacts have each status (every status present, zero or not)."""
        counts = dict.fromkeys(STATUSES, 0)
        for _, e in self.entries():
            counts[e["status"]] = counts.get(e["status"], 0) + 1
        return counts

    def review_counts(self) -> dict[str, int]:
        """How many contacts are approved, rejected and not yet reviewed (done ones only)."""
        counts = {"approved": 0, "rejected": 0, "unreviewed": 0}
        for _, e in self.entries():
            decision = e["review"].get("decision")
            if decision in counts:
                counts[decision] += 1
            elif e["status"] == "done":
                counts["unreviewed"] += 1
        return counts

    def _require(self, key: str) -> dict[str, Any]:
        e = self._contacts.get(key)
        if e is None:
            raise DossierError(f"No contact {key!r} in the batch at {self.batch_dir}.")
        return e


def _warning(w: Any) -> dict[str, str]:
    """A ReviewWarning (or {kind, message}, or plain text) as {kind, message}."""
    if isinstance(w, Mapping):
        return {"kind": str(w.get("kind", "")), "message": str(w.get("message", ""))}
    return {"kind": str(getattr(w, "kind", "")), "message": str(getattr(w, "message", w))}


def _review(decision: str, by: str, note: str) -> dict[str, Any]:
    return {"decision": decision, "by": strip_emails(by, person=True), "at": _now(), "note": note}


def _norm(text: str) -> str:
    return re.sub(r"\s+", " ", str(text)).strip().casefold()


def _parse(text: str, path: Path) -> dict[str, dict[str, Any]]:
    """The contacts of a manifest text; ValueError when it is not a usable manifest."""
    data = json.loads(text)
    if not isinstance(data, dict) or not isinstance(data.get("contacts"), dict):
        raise ValueError("not a dossier manifest")
    schema = data.get("schema")
    if not isinstance(schema, int):
        raise ValueError("no schema version")
    if schema > SCHEMA_VERSION:
        raise ConfigError(
            f"{path} has manifest schema {schema!r}; this dossier reads up to "
            f"{SCHEMA_VERSION}. Upgrade dossier or use another batch folder."
        )
    contacts: dict[str, dict[str, Any]] = {}
    for key, entry in data["contacts"].items():
        if not isinstance(entry, dict):
            raise ValueError(f"entry {key!r} is not an object")
        merged = _default_entry()
        merged.update({k: v for k, v in entry.items() if k in FIELDS})
        if merged["status"] not in STATUSES:
            raise ValueError(f"entry {key!r} has unknown status {merged['status']!r}")
        contacts[str(key)] = merged
    return contacts
