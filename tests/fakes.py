"""A fake HTTP client for source and resolution tests: URL -> fixture body."""

from __future__ import annotations

from dossier.errors import NotInSnapshot
from dossier.net import Document, match_key

from .conftest import RETRIEVED


class FakeClient:
    """Serves registered bodies; anything else raises NotInSnapshot like --offline does."""

    offline = True
    identity: str | None = None

    def __init__(self, routes: dict[str, bytes] | None = None) -> None:
        self.routes = {match_key("GET", u): (u, b) for u, b in (routes or {}).items()}
        self.failures: dict[tuple[object, ...], Exception] = {}
        self.requested: list[str] = []

    def add(self, url: str, body: bytes) -> None:
        self.routes[match_key("GET", url)] = (url, body)

    def fail(self, url: str, exc: Exception) -> None:
        """Raise ``exc`` for ``url`` (a FetchError with a status, a NetworkError...)."""
        self.failures[match_key("GET", url)] = exc

    def get(
        self, url: str, *, source: str, headers: object = None, same_site: bool = False
    ) -> Document:
        self.requested.append(url)
        if match_key("GET", url) in self.failures:
            raise self.failures[match_key("GET", url)]
        hit = self.routes.get(match_key("GET", url))
        if hit is None:
            raise NotInSnapshot(source, url)
        return Document(
            source=source,
            url=hit[0],
            status=200,
            content_type="application/json",
            body=hit[1],
            retrieved_at=RETRIEVED,
        )
