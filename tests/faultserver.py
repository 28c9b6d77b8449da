"""A misbehaving HTTP server on 127.0.0.1, run in a thread, for the client's fault tests.

Every path is one fault (the bodies are generated, nothing here is recorded data):

=====================  ======================================================================
``/ok``                a small JSON body with Content-Length
``/big?mb=N``          N MB, chunked, no Content-Length (stops when the client hangs up)
``/bomb``              a gzip bomb: 1 GiB of zeros as 16 gzip members, about 1 MB sent
``/short``             Content-Length 100, 40 bytes sent, then the connection closes
``/short-once``        ``/short`` the first time, the whole body after
``/drip``              Content-Length 1000, one byte every ``drip`` seconds
``/drip-headers``      the status line, then one header byte every ``drip`` seconds
``/wait``              429 with ``Retry-After: 100000``
``/redirect?to=URL``   302 to URL
=====================  ======================================================================

``server.requests`` lists (path, headers) of everything asked, so a test can check what
reached the server and what never did.
"""

from __future__ import annotations

import contextlib
import threading
import time
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlsplit

BODY = b'{"ok": true, "source": "fault server (constructed)"}'


def _gzip_member(size: int) -> bytes:
    c = zlib.compressobj(9, zlib.DEFLATED, 31)
    block = b"\0" * (1 << 20)
    out = [c.compress(block) for _ in range(size >> 20)]
    return b"".join(out) + c.flush()


_BOMB: bytes | None = None


def gzip_bomb() -> bytes:
    """1 GiB of zeros when inflated; about 1 MB as sent."""
    global _BOMB
    if _BOMB is None:
        _BOMB = _gzip_member(64 << 20) * 16
    return _BOMB


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server: FaultServer

    def log_message(self, format: str, *args: Any) -> None:  # quiet
        pass

    def _send(self, status: int, headers: dict[str, str], body: bytes = b"") -> None:
        self.send_response(status)
        for k, v in headers.items():
            self.send_header(k, v)
        self.end_headers()
        if body:
            self.wfile.write(body)

    def _chunk(self, data: bytes) -> None:
        self.wfile.write(b"%x\r\n%s\r\n" % (len(data), data))

    def do_GET(self) -> None:  # noqa: N802 - the http.server name
        parts = urlsplit(self.path)
        query = {k: v[0] for k, v in parse_qs(parts.query).items()}
        with self.server.lock:
            self.server.requests.append((parts.path, dict(self.headers.items())))
            seen = sum(1 for p, _ in self.server.requests if p == parts.path)
        fault = getattr(self, "fault_" + parts.path.strip("/").replace("-", "_"), self.fault_404)
        # The client hanging up mid-body is what the caps and the deadline are for.
        with contextlib.suppress(BrokenPipeError, ConnectionResetError):
            fault(query, seen)

    def fault_404(self, query: dict[str, str], seen: int) -> None:
        self._send(404, {"Content-Length": "0"})

    def fault_ok(self, query: dict[str, str], seen: int) -> None:
        self._send(
            200, {"Content-Type": "application/json", "Content-Length": str(len(BODY))}, BODY
        )

    def fault_big(self, query: dict[str, str], seen: int) -> None:
        self._send(200, {"Content-Type": "text/plain", "Transfer-Encoding": "chunked"})
        piece = b"x" * (64 * 1024)
        for _ in range(int(query.get("mb", "300")) * 16):
            self._chunk(piece)
        self.wfile.write(b"0\r\n\r\n")

    def fault_bomb(self, query: dict[str, str], seen: int) -> None:
        self._send(
            200,
            {
                "Content-Type": "application/json",
                "Content-Encoding": "gzip",
                "Transfer-Encoding": "chunked",
            },
        )
        bomb = gzip_bomb()
        for i in range(0, len(bomb), 64 * 1024):
            self._chunk(bomb[i : i + 64 * 1024])
        self.wfile.write(b"0\r\n\r\n")

    def fault_short(self, query: dict[str, str], seen: int) -> None:
        self._send(200, {"Content-Type": "text/plain", "Content-Length": "100"}, b"y" * 40)
        self.close_connection = True

    def fault_short_once(self, query: dict[str, str], seen: int) -> None:
        if seen == 1:
            self.fault_short(query, seen)
        else:
            self._send(200, {"Content-Type": "text/plain", "Content-Length": "100"}, b"y" * 100)

    def fault_drip(self, query: dict[str, str], seen: int) -> None:
        self._send(200, {"Content-Type": "text/plain", "Content-Length": "1000"})
        for _ in range(1000):
            if self.server.stopping.wait(self.server.drip):
                return
            self.wfile.write(b"z")
            self.wfile.flush()

    def fault_drip_headers(self, query: dict[str, str], seen: int) -> None:
        self.wfile.write(b"HTTP/1.1 200 OK\r\n")
        for byte in b"X-Slow: " + b"a" * 1000:
            if self.server.stopping.wait(self.server.drip):
                return
            self.wfile.write(bytes([byte]))
            self.wfile.flush()

    def fault_wait(self, query: dict[str, str], seen: int) -> None:
        self._send(429, {"Retry-After": "100000", "Content-Length": "0"})

    def fault_redirect(self, query: dict[str, str], seen: int) -> None:
        self._send(302, {"Location": query["to"], "Content-Length": "0"})


class FaultServer(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, drip: float = 0.2) -> None:
        super().__init__(("127.0.0.1", 0), _Handler)
        self.requests: list[tuple[str, dict[str, str]]] = []
        self.lock = threading.Lock()
        self.drip = drip
        self.stopping = threading.Event()

    @property
    def port(self) -> int:
        return int(self.server_address[1])

    def url(self, path: str, host: str = "127.0.0.1") -> str:
        return f"http://{host}:{self.port}{path}"

    def paths(self) -> list[str]:
        with self.lock:
            return [p for p, _ in self.requests]


@contextmanager
def running(drip: float = 0.2) -> Iterator[FaultServer]:
    """A fault server in a daemon thread, shut down (and its drips stopped) on exit."""
    server = FaultServer(drip)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server
    finally:
        server.stopping.set()
        server.shutdown()
        server.server_close()
        thread.join(5)
        time.sleep(0)  # let handler threads see the stop
