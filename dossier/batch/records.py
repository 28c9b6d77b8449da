"""The rows of the batch state, below :class:`~dossier.batch.state.BatchState`: the schema,
typed columns, the e-mail rule, identities and keys, and paths kept inside the batch folder.

Nothing here opens the database; :mod:`.state` and :mod:`.migrate` both build on it.
"""

from __future__ import annotations

import functools
import getpass
import hashlib
import json
import os
import re
import unicodedata
from collections.abc import Mapping
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from ..errors import ConfigError
from ..fsutil import person_folder, transliterate

SCHEMA_VERSION = 4  # 1 was manifest.json; 3 added priority and priority_reasons; 4 the
# sheet fields (sheet_fields, built_fields) and acknowledged warnings
FILENAME = "state.sqlite"
LOCKFILE = ".batch.lock"
STATUSES = ("pending", "running", "done", "failed", "skipped")
DECISIONS = ("approved", "rejected")
#: "named": the user named the agency (--agency, the sheet's Agency column) and no public
#: report confirms it; "confirmed": public reports confirm it (or a reviewer chose it).
AGENCY_STATUSES = ("confirmed", "named", "unconfirmed", "none")
DEFAULT_ROLE = "creative"
BUSY_TIMEOUT_MS = 15_000
_EMAIL = re.compile(r"[\w.!#$%&'*+/=?^`{|}~-]+@[\w-]+(?:\.[\w-]+)+")
_BRACKETED_EMAIL = re.compile(r"\s*[<(\[]\s*" + _EMAIL.pattern + r"\s*[>)\]]")


def now() -> str:
    """The time now, UTC, ISO 8601 to the second."""
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
    return _EMAIL.sub("[e-mail]", text) if "@" in text else text  # no address without an @


def scrub(value: Any) -> Any:
    """A JSON-ready copy of ``value`` with every e-mail address in every string replaced."""
    if isinstance(value, str):
        return strip_emails(value)
    if isinstance(value, date | datetime):
        return value.isoformat()
    if isinstance(value, Path):
        return value.as_posix()
    if isinstance(value, Mapping):
        return {str(k): scrub(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set | frozenset):
        return [scrub(v) for v in value]
    return value


def fold(text: str) -> str:
    """A name as matched by people: accents, case, spacing and punctuation ignored.

    "Zoë Ångström-Øvergaard" and "zoe angstrom overgaard" fold alike; so do "王伟" and "Wang Wei".
    """
    ascii_text = transliterate(unicodedata.normalize("NFKC", str(text)))
    return re.sub(r"[^a-z0-9]+", "", ascii_text.casefold())


def identity_of(name: str, company: str, email: str | None) -> str:
    """Who a contact is, as a hash: the e-mail address when there is one, else name + company.

    The address itself is never kept; two people with one name at one company but different
    addresses are two contacts.
    """
    if email and email.strip():
        basis = "email:" + email.strip().casefold()
    else:

        def key(text: str) -> str:  # punctuation-only names ("..") stay apart
            return fold(text) or " ".join(str(text).split()).casefold()

        basis = "name:" + key(name) + "\x1f" + key(company)
    return hashlib.sha256(basis.encode("utf-8")).hexdigest()


def base_key(name: str, company: str) -> str:
    """The readable key (and folder name) a contact starts from: "jane-doe--apple-inc"."""
    return person_folder(name, company)


@functools.lru_cache(maxsize=64)
def _real(folder: str) -> str:
    return os.path.realpath(folder)


_DRIVE = re.compile(r"^[A-Za-z]:")


def safe_parts(rel: str) -> list[str] | None:
    """The parts of the relative path ``rel`` ("\\" read as "/", empty and "." parts
    dropped), or None when it is empty, absolute, names a drive or goes up (".."): the
    check :func:`inside` makes before it looks at the disk."""
    text = str(rel).replace("\\", "/")
    parts = [p for p in text.split("/") if p not in ("", ".")]
    if not parts or text.startswith("/") or ".." in parts or _DRIVE.match(text):
        return None
    return parts


def inside(batch_dir: Path, rel: str, *, follow_links: bool = True) -> Path | None:
    """The file ``rel`` names inside the batch folder, or None if it would leave it.

    Absolute paths, ``..`` and (unless ``follow_links`` is off: a link shown, not read)
    symbolic links that lead out of the folder are refused.
    """
    parts = safe_parts(rel)
    if parts is None:
        return None
    if not follow_links:
        return Path(batch_dir, *parts)
    root = _real(os.fspath(batch_dir))
    real = os.path.realpath(os.path.join(root, *parts))
    if real != root and not real.startswith(root + os.sep):
        return None
    return Path(batch_dir, *parts)


def sha256_file(path: Path) -> str:
    """The file's SHA-256, hex."""
    with path.open("rb") as fh:
        return hashlib.file_digest(fh, "sha256").hexdigest()


_COLUMNS: dict[str, tuple[str, Any]] = {
    # column: (kind, default)   kind: int, optint (int or NULL), str, opt (str or NULL), dict, list, bool
    "row": ("int", 0),
    "name": ("str", ""),
    "owner": ("str", ""),
    "company": ("str", ""),
    "start_date": ("opt", None),
    "folder": ("str", ""),
    "fingerprint": ("str", ""),
    "status": ("str", "pending"),
    "step": ("str", ""),
    "error": ("opt", None),
    "agency_roles": ("dict", {}),
    "agency_choices": ("dict", {}),
    "built_choices": ("dict", {}),
    "warnings": ("list", []),
    "outputs": ("dict", {}),
    "started_at": ("opt", None),
    "finished_at": ("opt", None),
    "decision": ("opt", None),
    "review_by": ("str", ""),
    "review_at": ("opt", None),
    "review_note": ("str", ""),
    "approved_files": ("dict", {}),
    "in_sheet": ("bool", True),
    "replaced_by": ("opt", None),
    "updated_at": ("opt", None),
    # Schema 3: whom to follow first (dossier.batch.follow), None until a run computes it.
    "priority": ("optint", None),
    "priority_reasons": ("list", []),
    # Schema 4: the sheet's document fields as hashes (contacts.document_fields): as the
    # latest sheet has them, as the drafts were built (or kept by a reviewer) from; and the
    # "fix before sending" warnings a reviewer acknowledged at approval ({by, at, warnings}).
    "sheet_fields": ("dict", {}),
    "built_fields": ("dict", {}),
    "acknowledged": ("dict", {}),
}
FIELDS = frozenset(_COLUMNS)
#: Columns added after schema 2, with their SQL: a schema-2 state gains them when opened.
ADDED_COLUMNS = {
    "priority": "INTEGER",
    "priority_reasons": "TEXT NOT NULL DEFAULT '[]'",
    "sheet_fields": "TEXT NOT NULL DEFAULT '{}'",
    "built_fields": "TEXT NOT NULL DEFAULT '{}'",
    "acknowledged": "TEXT NOT NULL DEFAULT '{}'",
}
_PERSON_FIELDS = ("name", "owner", "review_by")

_SCHEMA = f"""
CREATE TABLE IF NOT EXISTS meta (name TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS contacts (
    key TEXT PRIMARY KEY,
    identity TEXT UNIQUE,
    row INTEGER NOT NULL DEFAULT 0,
    name TEXT NOT NULL DEFAULT '',
    owner TEXT NOT NULL DEFAULT '',
    company TEXT NOT NULL DEFAULT '',
    start_date TEXT,
    folder TEXT NOT NULL DEFAULT '',
    fingerprint TEXT NOT NULL DEFAULT '',
    status TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ({", ".join(f"'{s}'" for s in STATUSES)})),
    step TEXT NOT NULL DEFAULT '',
    error TEXT,
    agency_roles TEXT NOT NULL DEFAULT '{{}}',
    agency_choices TEXT NOT NULL DEFAULT '{{}}',
    built_choices TEXT NOT NULL DEFAULT '{{}}',
    warnings TEXT NOT NULL DEFAULT '[]',
    outputs TEXT NOT NULL DEFAULT '{{}}',
    started_at TEXT,
    finished_at TEXT,
    decision TEXT CHECK (decision IS NULL OR decision IN ('approved', 'rejected')),
    review_by TEXT NOT NULL DEFAULT '',
    review_at TEXT,
    review_note TEXT NOT NULL DEFAULT '',
    approved_files TEXT NOT NULL DEFAULT '{{}}',
    in_sheet INTEGER NOT NULL DEFAULT 1,
    replaced_by TEXT,
    updated_at TEXT,
    priority INTEGER,
    priority_reasons TEXT NOT NULL DEFAULT '[]',
    sheet_fields TEXT NOT NULL DEFAULT '{{}}',
    built_fields TEXT NOT NULL DEFAULT '{{}}',
    acknowledged TEXT NOT NULL DEFAULT '{{}}'
);
CREATE INDEX IF NOT EXISTS contacts_row ON contacts (row, key);
CREATE TABLE IF NOT EXISTS decisions (
    id INTEGER PRIMARY KEY,
    key TEXT NOT NULL,
    action TEXT NOT NULL,
    role TEXT,
    agency TEXT,
    by TEXT NOT NULL DEFAULT '',
    at TEXT NOT NULL,
    note TEXT NOT NULL DEFAULT ''
);
CREATE INDEX IF NOT EXISTS decisions_key ON decisions (key, id);
CREATE TABLE IF NOT EXISTS skipped (row INTEGER NOT NULL, message TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS exports (
    dest TEXT NOT NULL, name TEXT NOT NULL, key TEXT NOT NULL, PRIMARY KEY (dest, name)
);
CREATE TABLE IF NOT EXISTS runs (
    id INTEGER PRIMARY KEY, pid INTEGER, host TEXT, command TEXT, started_at TEXT,
    finished_at TEXT, outcome TEXT
);
"""


def typed(path: Path, key: str, col: str, kind: str, default: Any, value: Any) -> Any:
    """A column's value with its type checked; ConfigError naming the file, contact and field."""

    def bad(what: str) -> ConfigError:
        return ConfigError(
            f"{path}: contact {key!r} has a damaged {col!r} field ({what}). Move the file away "
            "to start the batch afresh, or restore it from a backup."
        )

    if value is None:
        if kind in ("opt", "optint"):
            return None
        return default.copy() if isinstance(default, dict | list) else default
    if kind in ("int", "optint"):
        if isinstance(value, bool) or not isinstance(value, int):
            raise bad(f"{value!r} is not a whole number")
        return value
    if kind == "bool":
        return bool(value)
    if kind in ("str", "opt"):
        if not isinstance(value, str):
            raise bad(f"{value!r} is not text")
        return value
    try:
        parsed = json.loads(value) if isinstance(value, str | bytes) else None
    except ValueError as exc:
        raise bad(f"not JSON: {exc}") from exc
    want = dict if kind == "dict" else list
    if not isinstance(parsed, want):
        raise bad(f"expected a {'table' if want is dict else 'list'}")
    return parsed


def clean_fields(key: str, fields: Mapping[str, Any]) -> dict[str, Any]:
    """Checked, e-mail-free values ready for SQL (JSON text for tables and lists)."""
    if _EMAIL.search(str(key)):
        raise ValueError("A contact key must not contain an e-mail address; hash it instead.")
    unknown = set(fields) - FIELDS
    if unknown:
        raise TypeError(f"Unknown contact field(s): {', '.join(sorted(unknown))}")
    out: dict[str, Any] = {}
    for name, value in fields.items():
        kind, _default = _COLUMNS[name]
        if name == "status" and value not in STATUSES:
            raise ValueError(f"Unknown status {value!r}; use one of {STATUSES}.")
        if name == "decision" and value is not None and value not in DECISIONS:
            raise ValueError(f"Unknown decision {value!r}; use one of {DECISIONS}.")
        if name in _PERSON_FIELDS:
            out[name] = strip_emails(value or "", person=True)
        elif kind in ("dict", "list"):
            v = scrub(value or ({} if kind == "dict" else []))
            out[name] = json.dumps(v, ensure_ascii=False)
        elif kind == "int":
            out[name] = int(value or 0)
        elif kind == "optint":
            out[name] = None if value is None else int(value)
        elif kind == "bool":
            out[name] = 1 if value else 0
        elif kind == "opt":
            out[name] = None if value is None else strip_emails(scrub(value))
        else:
            out[name] = strip_emails(scrub(value if value is not None else ""))
    return out


def update(db: Any, key: str, clean: Mapping[str, Any]) -> None:
    if not clean:
        return
    cols = ", ".join(f'"{c}" = ?' for c in clean)
    db.execute(
        f"UPDATE contacts SET {cols}, updated_at = ? WHERE key = ?", (*clean.values(), now(), key)
    )


def log_decision(
    db: Any,
    key: str,
    action: str,
    *,
    role: str | None = None,
    agency: str | None = None,
    by: str = "",
    note: str = "",
) -> None:
    db.execute(
        "INSERT INTO decisions (key, action, role, agency, by, at, note) VALUES (?, ?, ?, ?, ?, ?, ?)",
        (key, action, role, agency, strip_emails(by, person=True), now(), strip_emails(note)),
    )


#: The sheet's fields the documents and notes are written from, in the words a reviewer reads.
DOCUMENT_FIELDS = {
    "name": "name",
    "new_title": "title",
    "new_company": "company",
    "previous_company": "previous company",
    "owner": "owner",
    "agency": "agency",
    "email": "e-mail",
    "domain": "website",
    "ticker": "ticker",
}


def document_fields(row: Any) -> dict[str, str]:
    """A sheet row's document fields as short hashes (no value, no address is kept), for
    telling which of them changed since the drafts were built: {field: hash}."""
    return {
        f: hashlib.sha256(f"{f}\0{getattr(row, f, '') or ''}".encode()).hexdigest()[:16]
        for f in DOCUMENT_FIELDS
    }


#: ``built_fields`` of a contact an earlier dossier built from a row that has changed since:
#: which fields changed is not known.
UNKNOWN_FIELDS = "unknown"


def changed_fields(built: Mapping[str, Any], sheet: Mapping[str, Any]) -> list[str]:
    """The document fields (reviewer's words) that differ between two :func:`document_fields`;
    none when either is unknown (a state from an older dossier, not yet synced)."""
    if not built or not sheet:
        return []
    if UNKNOWN_FIELDS in built:
        return ["the row (built by an earlier dossier: which details is not known)"]
    return [label for f, label in DOCUMENT_FIELDS.items() if built.get(f) != sheet.get(f)]
