"""The HTTP cache: complete, in-cap 200 responses in one SQLite file only its owner can read.

What is stored: the requested URL (the key, with the method), the final URL after redirects,
status, Content-Type, the retrieval time and the decoded body. What is never stored: request
headers, so neither the operator's identity (it is in the User-Agent) nor anything else we
sent. A body reaches the cache only after it was read whole and within its size cap.

The file is created with mode 0600 (its folder 0700 when the cache creates it). The cache is
best effort: a cache that cannot be opened or written is logged and the run goes on without it.
"""

from __future__ import annotations

import contextlib
import logging
import os
import sqlite3
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

log = logging.getLogger(__name__)

SCHEMA_VERSION = 1
#: requests-cache's file from dossier 0.1, which stored request headers (the identity) and was
#: readable by everyone: removed when the new cache opens next to it.
LEGACY_NAMES = ("http-cache.sqlite",)


@dataclass(frozen=True)
class Cached:
    """One stored response."""

    url: str  # the final URL, after redirects
    status: int
    content_type: str
    retrieved_at: datetime
    body: bytes


class HttpCache:
    """A small SQLite cache keyed by method and URL; each read says how old is too old."""

    def __init__(self, path: Path, clock: Callable[[], float] | None = None) -> None:
        self.path = path
        self._clock: Callable[[], float] = clock or (lambda: time.time())
        self._lock = threading.Lock()
        self._db: sqlite3.Connection | None = None
        self._failed = False

    def _open(self) -> sqlite3.Connection | None:
        if self._db is not None or self._failed:
            return self._db
        try:
            folder = self.path.parent
            if not folder.exists():
                folder.mkdir(mode=0o700, parents=True)
            fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o600)
            os.close(fd)
            os.chmod(self.path, 0o600)  # also a file an older version left readable
            db = sqlite3.connect(self.path, timeout=10, check_same_thread=False)
            db.execute("CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT)")
            row = db.execute("SELECT value FROM meta WHERE key = 'schema'").fetchone()
            if row is not None and row[0] != str(SCHEMA_VERSION):
                db.execute("DROP TABLE IF EXISTS responses")
            db.execute(
                "CREATE TABLE IF NOT EXISTS responses ("
                " key TEXT PRIMARY KEY, url TEXT NOT NULL, status INTEGER NOT NULL,"
                " content_type TEXT NOT NULL, retrieved_at TEXT NOT NULL,"
                " stored_at REAL NOT NULL, body BLOB NOT NULL)"
            )
            db.execute(
                "INSERT OR REPLACE INTO meta (key, value) VALUES ('schema', ?)",
                (str(SCHEMA_VERSION),),
            )
            db.commit()
        except (OSError, sqlite3.Error) as exc:
            log.warning("HTTP cache %s cannot be used (%s); going on without it.", self.path, exc)
            self._failed = True
            return None
        for name in LEGACY_NAMES:
            old = self.path.parent / name
            if old != self.path and old.exists():
                with contextlib.suppress(OSError):
                    old.unlink()
                    log.info("removed the old HTTP cache %s (it stored request headers)", old)
        self._db = db
        return db

    @staticmethod
    def key(method: str, url: str) -> str:
        return f"{method.upper()} {url}"

    def get(self, url: str, max_age: float, max_bytes: int) -> Cached | None:
        """The stored response for GET ``url`` if younger than ``max_age`` seconds and in cap."""
        with self._lock:
            db = self._open()
            if db is None or max_age <= 0:
                return None
            try:
                row = db.execute(
                    "SELECT url, status, content_type, retrieved_at, stored_at, length(body)"
                    " FROM responses WHERE key = ?",
                    (self.key("GET", url),),
                ).fetchone()
                if row is None or self._clock() - row[4] > max_age or row[5] > max_bytes:
                    return None
                (body,) = db.execute(
                    "SELECT body FROM responses WHERE key = ?", (self.key("GET", url),)
                ).fetchone()
                return Cached(
                    url=row[0],
                    status=int(row[1]),
                    content_type=row[2],
                    retrieved_at=datetime.fromisoformat(row[3]),
                    body=bytes(body),
                )
            except (sqlite3.Error, ValueError, TypeError) as exc:
                log.warning("HTTP cache read failed (%s); fetching %s again.", exc, url)
                return None

    def put(self, url: str, entry: Cached) -> None:
        """Store a complete response for GET ``url`` (replacing an older one)."""
        with self._lock:
            db = self._open()
            if db is None:
                return
            try:
                db.execute(
                    "INSERT OR REPLACE INTO responses"
                    " (key, url, status, content_type, retrieved_at, stored_at, body)"
                    " VALUES (?, ?, ?, ?, ?, ?, ?)",
                    (
                        self.key("GET", url),
                        entry.url,
                        entry.status,
                        entry.content_type,
                        entry.retrieved_at.isoformat(),
                        self._clock(),
                        sqlite3.Binary(entry.body),
                    ),
                )
                db.commit()
            except sqlite3.Error as exc:
                log.warning("HTTP cache write failed (%s); %s is not cached.", exc, url)

    def close(self) -> None:
        with self._lock:
            if self._db is not None:
                self._db.close()
                self._db = None
