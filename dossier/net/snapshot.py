"""Offline snapshots: a folder of recorded responses, replayed by ``--offline DIR``.

Format (see docs/snapshots.md): ``DIR/index.jsonl`` holds one JSON object per line,
``{"method", "url", "status", "content_type", "retrieved_at", "body"}``; ``body`` is a path
relative to DIR and a path ending in ``.gz`` is gzip. Extra keys are allowed; ``constructed``
(true) and ``note`` mark a response that was built by hand rather than recorded.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import threading
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import parse_qsl, urlsplit

from ..errors import ConfigError
from ..fsutil import atomic_write_bytes
from .body import PIECE, Inflater, OverCap, Truncated


def match_key(method: str, url: str) -> tuple[str, str, str, str, tuple[tuple[str, str], ...]]:
    """The key two requests must share to match: method, scheme, host, path, sorted query."""
    parts = urlsplit(url)
    query = tuple(sorted(parse_qsl(parts.query, keep_blank_values=True)))
    return (method.upper(), parts.scheme.lower(), (parts.hostname or "").lower(), parts.path, query)


def index_lines(index: Path) -> list[tuple[int, str]]:
    """The numbered lines of an index file; ConfigError naming the line that is not UTF-8."""
    try:
        data = index.read_bytes()
    except OSError as exc:
        raise ConfigError(f"{index} cannot be read ({exc}).") from exc
    out: list[tuple[int, str]] = []
    for n, raw in enumerate(data.splitlines(), 1):
        try:
            out.append((n, raw.decode("utf-8")))
        except UnicodeDecodeError as exc:
            raise ConfigError(
                f"{index}, line {n}: not UTF-8 text (byte {exc.start + 1} of the line); "
                "snapshot indexes are UTF-8 JSON lines (see docs/snapshots.md)."
            ) from exc
    return out


@dataclass(frozen=True)
class Entry:
    """One recorded response."""

    method: str
    url: str
    status: int
    content_type: str
    retrieved_at: datetime
    body_path: Path
    constructed: bool = False

    def read_body(self, max_bytes: int | None = None) -> bytes:
        """The body, decompressed when gzip; OverCap as soon as it passes ``max_bytes``."""
        cap = max_bytes if max_bytes is not None else 1 << 62
        try:
            if self.body_path.suffix != ".gz":
                if self.body_path.stat().st_size > cap:
                    raise OverCap("on disk")
                return self.body_path.read_bytes()
            inflater = Inflater("gzip", cap)
            with self.body_path.open("rb") as f:
                while piece := f.read(PIECE):
                    inflater.feed(piece)
            return inflater.finish()
        except (OSError, EOFError, Truncated) as exc:
            raise ConfigError(
                f"Snapshot body {self.body_path} for {self.url} cannot be read ({exc})."
            ) from exc


class SnapshotReader:
    """Looks requests up in a snapshot folder."""

    def __init__(self, root: Path) -> None:
        self.root = root
        index = root / "index.jsonl"
        if not index.is_file():
            raise ConfigError(
                f"{root} is not a snapshot folder: it has no index.jsonl. "
                "Make one with --save-snapshot DIR on a live run (see docs/snapshots.md)."
            )
        self._entries: dict[tuple[object, ...], Entry] = {}
        for n, line in index_lines(index):
            if not line.strip():
                continue
            try:
                raw = json.loads(line)
                if not isinstance(raw, dict):
                    raise TypeError("expected a JSON object")
                retrieved_at = datetime.fromisoformat(str(raw["retrieved_at"]))
                if retrieved_at.tzinfo is None:
                    retrieved_at = retrieved_at.replace(tzinfo=UTC)
                entry = Entry(
                    method=str(raw.get("method", "GET")),
                    url=str(raw["url"]),
                    status=int(raw["status"]),
                    content_type=str(raw.get("content_type", "")),
                    retrieved_at=retrieved_at,
                    body_path=self._body_path(str(raw["body"])),
                    constructed=raw.get("constructed", False) is True,
                )
            except (KeyError, ValueError, TypeError) as exc:
                raise ConfigError(
                    f"{index}, line {n}: not a valid snapshot entry ({exc})."
                ) from exc
            self._entries[match_key(entry.method, entry.url)] = entry

    def _body_path(self, rel: str) -> Path:
        path = (self.root / rel).resolve()
        if not path.is_relative_to(self.root.resolve()):
            raise ConfigError(f"Snapshot body path {rel!r} points outside {self.root}.")
        return path

    def __len__(self) -> int:
        return len(self._entries)

    def lookup(self, method: str, url: str) -> Entry | None:
        """The entry that matches, or None."""
        return self._entries.get(match_key(method, url))


class SnapshotWriter:
    """Appends every response a live run used to a snapshot folder."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self._lock = threading.Lock()
        self._lines: dict[tuple[object, ...], str] = {}
        index = root / "index.jsonl"
        if index.is_file():
            for n, line in index_lines(index):
                if not line.strip():
                    continue
                try:
                    raw = json.loads(line)
                    self._lines[match_key(raw.get("method", "GET"), raw["url"])] = line
                except (ValueError, KeyError, TypeError, AttributeError) as exc:
                    raise ConfigError(
                        f"{index}, line {n}: not a valid snapshot entry ({exc}); "
                        "fix or remove it before recording into this folder."
                    ) from exc

    def add(
        self,
        method: str,
        url: str,
        status: int,
        content_type: str,
        retrieved_at: datetime,
        body: bytes,
    ) -> None:
        """Store one response (replacing an earlier one for the same request)."""
        parts = urlsplit(url)
        digest = hashlib.sha256(f"{method} {url}".encode()).hexdigest()[:16]
        ext = ".json" if "json" in content_type else ".html" if "html" in content_type else ".bin"
        rel = f"bodies/{parts.hostname or 'unknown'}/{digest}{ext}"
        if len(body) > 1_000_000:
            rel += ".gz"
            body = gzip.compress(body, mtime=0)
        line = json.dumps(
            {
                "method": method.upper(),
                "url": url,
                "status": status,
                "content_type": content_type,
                "retrieved_at": retrieved_at.isoformat(),
                "body": rel,
            },
            ensure_ascii=False,
        )
        with self._lock:
            atomic_write_bytes(self.root / rel, body)
            self._lines[match_key(method, url)] = line
            text = "".join(v + "\n" for v in self._lines.values())
            atomic_write_bytes(self.root / "index.jsonl", text.encode("utf-8"))
