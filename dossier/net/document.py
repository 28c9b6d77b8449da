"""The response type every source receives: raw bytes plus what provenance needs."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True)
class Document:
    """One fetched response: raw bytes plus what provenance needs."""

    source: str
    url: str
    status: int
    content_type: str
    body: bytes
    retrieved_at: datetime
    constructed: bool = False

    def json(self) -> object:
        """The body parsed as JSON (ValueError when it is not JSON)."""
        return json.loads(self.body)
