"""A scripted transport for PoliteClient tests: no sockets, no urllib3, exact control.

A script item is a :class:`FakeRaw` to answer with or an exception to raise from ``open``.
The real wire (urllib3, pinned addresses, the deadline watchdog) is tested against a local
fault server in ``tests/test_http_faults.py``.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from urllib3 import HTTPHeaderDict

from dossier.net.transport import NetFailure

PUBLIC = "93.184.216.34"
HOSTS = {
    "example.com": [PUBLIC],
    "www.example.com": [PUBLIC],
    "other.example.org": ["93.184.216.35"],
    "localhost": ["127.0.0.1"],
    "mixed.example.net": [PUBLIC, "10.1.2.3"],
    "v6.example.net": ["2606:2800:220:1:248:1893:25c8:1946"],
}


def fake_resolver(host: str) -> list[str]:
    try:
        return list(HOSTS[host])
    except KeyError:
        raise OSError(f"could not resolve host {host}") from None


class FakeRaw:
    """A response the client has not read yet."""

    def __init__(
        self,
        status: int = 200,
        body: bytes = b"",
        headers: dict[str, str] | None = None,
        *,
        chunks: list[bytes] | None = None,
        fail_while_reading: BaseException | None = None,
    ) -> None:
        self.status = status
        self.headers: Mapping[str, str] = HTTPHeaderDict(headers or {})
        self._chunks = chunks if chunks is not None else ([body] if body else [])
        self._fail = fail_while_reading
        self.read_started = False
        self.closed = False
        self.complete: bool | None = None

    def chunks(self, size: int) -> Iterator[bytes]:
        self.read_started = True
        yield from self._chunks
        if self._fail is not None:
            raise self._fail

    def close(self, complete: bool = False) -> None:
        self.closed = True
        self.complete = complete


def ok(body: bytes = b'{"ok": true}', content_type: str = "application/json") -> FakeRaw:
    return FakeRaw(200, body, {"Content-Type": content_type})


def redirect(location: str, status: int = 302) -> FakeRaw:
    return FakeRaw(status, b"", {"Location": location})


def short(kind: str = "short") -> NetFailure:
    return NetFailure(kind, f"the response from example.com ended early ({kind})")


class FakeTransport:
    """Answers GETs from a script: a list (in order) or a dict of URL -> list."""

    def __init__(
        self, script: list[Any] | dict[str, list[Any]] | None = None, proxy: str | None = None
    ) -> None:
        self.script = script if script is not None else []
        self.proxy = proxy
        self.calls: list[tuple[str, dict[str, Any]]] = []

    @property
    def urls(self) -> list[str]:
        return [url for url, _ in self.calls]

    def proxy_for(self, url: str) -> str | None:
        return self.proxy

    def open(self, url: str, **kwargs: Any) -> FakeRaw:
        self.calls.append((url, kwargs))
        queue = self.script.get(url, []) if isinstance(self.script, dict) else self.script
        if not queue:
            raise AssertionError(f"unexpected request to {url}")
        item = queue.pop(0)
        if isinstance(item, BaseException):
            raise item
        return item
