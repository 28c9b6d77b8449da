"""The network: the one polite HTTP client, the response type, and offline snapshots.

``client`` (politeness, the address guard, retries, budgets, redirects), ``transport`` (the
wire: urllib3 with pinned addresses, a deadline per attempt, env proxies), ``body`` (size
caps on the wire and after decompression), ``cache`` (SQLite, owner-only, no headers),
``sites`` (registrable domains), ``snapshot`` and ``document``.

Nothing else in dossier opens a connection. This package imports no source, research or
rendering code, so every layer above can depend on it.
"""

from __future__ import annotations

from .client import PoliteClient, is_public_address, user_agent
from .document import Document
from .snapshot import SnapshotReader, SnapshotWriter, match_key

__all__ = [
    "Document",
    "PoliteClient",
    "SnapshotReader",
    "SnapshotWriter",
    "is_public_address",
    "match_key",
    "user_agent",
]
