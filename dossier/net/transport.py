"""The wire: one GET over urllib3, to the vetted address, within a deadline.

* **Pinned addresses.** The client resolves a host once, checks every address, and hands the
  addresses here; the connection goes to exactly those (``_PinnedConnection``), while the
  Host header, SNI and the certificate check still use the host name. A DNS answer that
  changes between the check and the connection (rebinding) is never used.
* **Deadline.** Each attempt has a deadline for the whole exchange, connect to last byte: a
  watchdog shuts the connection's socket when it passes, so a server that drips one byte at
  a time (in headers or body) cannot hold a request open.
* **Proxies.** ``HTTPS_PROXY``/``HTTP_PROXY``/``NO_PROXY`` from the environment (as curl and
  requests read them). Through a proxy the proxy resolves and connects: the address cannot be
  pinned (see docs/configuration.md).
* **Raw bytes.** Bodies come back as they were sent (``Content-Encoding`` not decoded), so
  the caller can cap the compressed and the decompressed size itself.

Failures are :class:`NetFailure` with a ``kind`` (see :class:`dossier.errors.NetworkError`)
and a message that names the host; the client adds the source and URL.
"""

from __future__ import annotations

import contextlib
import contextvars
import errno
import http.client
import os
import socket
import ssl
import threading
import urllib.request
from collections.abc import Iterator, Mapping
from typing import Any, Protocol
from urllib.parse import urlsplit

import urllib3
from urllib3.connection import HTTPConnection, HTTPSConnection
from urllib3.connectionpool import HTTPConnectionPool, HTTPSConnectionPool
from urllib3.exceptions import ConnectTimeoutError, ReadTimeoutError


class NetFailure(Exception):
    """A request failed on the wire; ``kind`` is one of NetworkError's kinds or ``deadline``."""

    def __init__(self, kind: str, message: str) -> None:
        super().__init__(message)
        self.kind = kind
        self.message = message


class Raw(Protocol):
    """A response whose body has not been read yet."""

    status: int
    headers: Mapping[str, str]

    def chunks(self, size: int) -> Iterator[bytes]:
        """The body as sent (transfer coding removed, content coding kept), in pieces."""
        ...

    def close(self, complete: bool = False) -> None:
        """Let go of the connection (``complete``: the body was read to its end)."""
        ...


class Transport(Protocol):
    """What the client needs from the wire (tests pass a fake)."""

    def proxy_for(self, url: str) -> str | None:
        """The proxy a request to ``url`` goes through, or None."""
        ...

    def open(
        self,
        url: str,
        *,
        addresses: tuple[str, ...] | None,
        headers: Mapping[str, str],
        timeout: float,
        deadline: float,
    ) -> Raw:
        """Send GET ``url`` to one of ``addresses`` (None: let the proxy resolve the host)."""
        ...


# --- the watchdog ----------------------------------------------------------------------------


class _Watch:
    """Shuts the request's socket when its deadline passes; knows whether it did."""

    def __init__(self, seconds: float) -> None:
        self.conn: Any = None
        self.fired = False
        self._done = False
        self._lock = threading.Lock()
        self._timer = threading.Timer(max(0.0, seconds), self._fire)
        self._timer.daemon = True
        self._timer.start()

    def _fire(self) -> None:
        with self._lock:
            if self._done:
                return
            self.fired = True
            sock = getattr(self.conn, "sock", None)
        if sock is not None:
            with contextlib.suppress(OSError):
                sock.shutdown(socket.SHUT_RDWR)

    def cancel(self) -> None:
        """Stop watching; after this the watchdog never touches the connection."""
        with self._lock:
            self._done = True
        self._timer.cancel()


#: The watch of the request being sent on this thread (the pool hands it the connection).
_WATCH: contextvars.ContextVar[_Watch | None] = contextvars.ContextVar(
    "dossier_watch", default=None
)


# --- pinned connections ----------------------------------------------------------------------


class _PinnedMixin:
    """Connects to the vetted addresses instead of resolving the host name again."""

    pinned: tuple[str, ...] = ()  # set by the pool after it creates the connection
    _dns_host: str

    def _new_conn(self) -> socket.socket:
        if not self.pinned:
            return super()._new_conn()  # type: ignore[misc,no-any-return]
        name = self._dns_host
        last: Exception | None = None
        try:
            for address in self.pinned:
                # urllib3 connects to _dns_host; host, SNI and the certificate check use the
                # name again as soon as it is put back.
                self._dns_host = address
                try:
                    return super()._new_conn()  # type: ignore[misc,no-any-return]
                except (ConnectTimeoutError, OSError) as exc:  # NewConnectionError included
                    last = exc
        finally:
            self._dns_host = name
        assert last is not None
        raise last


class _PinnedHTTPConnection(_PinnedMixin, HTTPConnection):
    pass


class _PinnedHTTPSConnection(_PinnedMixin, HTTPSConnection):
    pass


class _PoolMixin:
    """Gives new connections their pinned addresses and the current watch its connection."""

    def __init__(self, *args: Any, pinned: tuple[str, ...] = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.pinned = pinned

    def _new_conn(self) -> Any:
        conn = super()._new_conn()  # type: ignore[misc]
        conn.pinned = self.pinned
        return conn

    def _get_conn(self, timeout: float | None = None) -> Any:
        conn = super()._get_conn(timeout)  # type: ignore[misc]
        watch = _WATCH.get()
        if watch is not None:
            watch.conn = conn
        return conn


class PinnedHTTPPool(_PoolMixin, HTTPConnectionPool):
    ConnectionCls = _PinnedHTTPConnection


class PinnedHTTPSPool(_PoolMixin, HTTPSConnectionPool):
    ConnectionCls = _PinnedHTTPSConnection


POOL_CLASSES = (PinnedHTTPPool, PinnedHTTPSPool)


# --- failures --------------------------------------------------------------------------------


def _causes(exc: BaseException) -> Iterator[BaseException]:
    """``exc``, what it wraps (args, cause, context), depth first, each once."""
    seen: set[int] = set()
    stack = [exc]
    while stack and len(seen) < 20:
        e = stack.pop()
        if id(e) in seen:
            continue
        seen.add(id(e))
        yield e
        stack += [a for a in e.args if isinstance(a, BaseException)]
        stack += [c for c in (e.__context__, e.__cause__) if c is not None]


_UNREACHABLE = {errno.ENETUNREACH, errno.EHOSTUNREACH, errno.ENETDOWN, errno.EHOSTDOWN}


def classify(exc: BaseException, host: str, timeout: float) -> NetFailure:
    """What went wrong, in words that name ``host``."""
    chain = list(_causes(exc))
    for e in chain:
        if isinstance(e, ssl.SSLCertVerificationError):
            why = e.verify_message or e.reason or str(e)
            return NetFailure("tls", f"the TLS certificate of {host} could not be verified ({why})")
    for e in chain:
        if isinstance(e, socket.gaierror):
            return NetFailure("dns", dns_message(host, e))
        if isinstance(e, ConnectionRefusedError):
            return NetFailure("refused", f"{host} refused the connection")
        if isinstance(e, OSError) and e.errno in _UNREACHABLE:
            return NetFailure("unreachable", f"could not reach {host}: no network? ({e.strerror})")
        if isinstance(e, ssl.SSLError | urllib3.exceptions.SSLError):
            return NetFailure("tls", f"the TLS handshake with {host} failed ({e})")
    for e in chain:
        if isinstance(e, http.client.IncompleteRead):
            return NetFailure("short", f"the response from {host} ended early ({e})")
        if isinstance(e, ConnectTimeoutError) and not isinstance(
            e, urllib3.exceptions.NewConnectionError
        ):
            return NetFailure("timeout", f"{host} did not accept a connection within {timeout:g} s")
        if isinstance(e, ReadTimeoutError | TimeoutError):
            return NetFailure("timeout", f"{host} sent nothing for {timeout:g} s")
        if isinstance(e, ConnectionResetError | BrokenPipeError | ConnectionAbortedError):
            return NetFailure("reset", f"{host} closed the connection")
        if isinstance(e, http.client.RemoteDisconnected):
            return NetFailure("reset", f"{host} closed the connection without answering")
    if isinstance(exc, urllib3.exceptions.ProxyError):
        return NetFailure("refused", f"the proxy for {host} failed ({exc})")
    return NetFailure("reset", f"the connection to {host} failed ({type(exc).__name__}: {exc})")


def dns_message(host: str, exc: OSError) -> str:
    """Why ``host`` did not resolve, for a person: the usual cause first."""
    if isinstance(exc, socket.gaierror) and exc.errno == socket.EAI_AGAIN:
        return f"could not resolve {host}: no network? (the name server did not answer)"
    if isinstance(exc, socket.gaierror) and exc.errno in (
        socket.EAI_NONAME,
        getattr(socket, "EAI_NODATA", socket.EAI_NONAME),
    ):
        return f"could not resolve {host}: no network, or no such host?"
    return f"could not resolve {host}: no network? ({exc})"


# --- the real transport ----------------------------------------------------------------------


class _Response:
    """A urllib3 response read as raw pieces, under its watch."""

    def __init__(
        self, resp: urllib3.BaseHTTPResponse, watch: _Watch, host: str, timeout: float
    ) -> None:
        self._resp = resp
        self._watch = watch
        self._host = host
        self._timeout = timeout
        self.status = resp.status
        self.headers: Mapping[str, str] = resp.headers

    def chunks(self, size: int) -> Iterator[bytes]:
        try:
            yield from self._resp.stream(size, decode_content=False)
        except Exception as exc:
            if self._watch.fired:
                raise NetFailure("deadline", f"{self._host} was still sending") from exc
            raise classify(exc, self._host, self._timeout) from exc
        if self._watch.fired:  # the socket was shut: what came is not the whole body
            raise NetFailure("deadline", f"{self._host} was still sending")

    def close(self, complete: bool = False) -> None:
        self._watch.cancel()
        if complete and not self._watch.fired:
            self._resp.release_conn()  # back to the pool for the next request
        else:
            self._resp.close()  # unread or suspect bytes: never reuse this connection
            self._resp.release_conn()


def bypassed(host: str, no_proxy: str) -> bool:
    """Whether NO_PROXY (``*``, or hosts and domains, with or without a leading dot) covers ``host``."""
    host = host.lower().rstrip(".")
    for entry in no_proxy.replace(" ", ",").split(","):
        entry = entry.strip().lower().lstrip("*").lstrip(".").rstrip(".")
        if no_proxy.strip() == "*" or (entry and (host == entry or host.endswith("." + entry))):
            return True
    return False


def _ca_certs() -> str | None:
    """SSL_CERT_FILE when set (a corporate CA), else certifi's bundle, else the system's."""
    if os.environ.get("SSL_CERT_FILE"):
        return None  # OpenSSL reads SSL_CERT_FILE itself
    try:
        import certifi
    except ImportError:  # pragma: no cover - certifi comes with urllib3's usual company
        return None
    return str(certifi.where())


class UrllibTransport:
    """The real wire: pinned pools per (scheme, host, port, addresses), proxies from the env."""

    def __init__(
        self, *, trust_env: bool = True, maxsize: int = 4, ca_certs: str | None = None
    ) -> None:
        self.trust_env = trust_env
        self._ca = ca_certs
        self._maxsize = maxsize
        self._pools: dict[tuple[str, str, int, tuple[str, ...]], HTTPConnectionPool] = {}
        self._proxies: dict[str, urllib3.ProxyManager] = {}
        self._lock = threading.Lock()

    def proxy_for(self, url: str) -> str | None:
        if not self.trust_env:
            return None
        parts = urlsplit(url)
        proxies = urllib.request.getproxies_environment()
        proxy = proxies.get(parts.scheme)
        if not proxy or bypassed(parts.hostname or "", proxies.get("no", "")):
            return None
        return proxy

    def _pool(self, scheme: str, host: str, port: int, addresses: tuple[str, ...]) -> Any:
        key = (scheme, host, port, addresses)
        with self._lock:
            pool = self._pools.get(key)
            if pool is None:
                kw: dict[str, Any] = {"maxsize": self._maxsize, "pinned": addresses}
                if scheme == "https":
                    pool = PinnedHTTPSPool(host, port, ca_certs=self._ca or _ca_certs(), **kw)
                else:
                    pool = PinnedHTTPPool(host, port, **kw)
                self._pools[key] = pool
            return pool

    def _proxy_manager(self, proxy: str) -> urllib3.ProxyManager:
        with self._lock:
            pm = self._proxies.get(proxy)
            if pm is None:
                pm = urllib3.ProxyManager(proxy, num_pools=8, ca_certs=self._ca or _ca_certs())
                # Our pool classes (unpinned: the proxy resolves) so the watchdog still works.
                pm.pool_classes_by_scheme = {"http": PinnedHTTPPool, "https": PinnedHTTPSPool}
                self._proxies[proxy] = pm
            return pm

    def open(
        self,
        url: str,
        *,
        addresses: tuple[str, ...] | None,
        headers: Mapping[str, str],
        timeout: float,
        deadline: float,
    ) -> Raw:
        parts = urlsplit(url)
        host = parts.hostname or ""
        scheme = parts.scheme
        port = parts.port or (443 if scheme == "https" else 80)
        limit = urllib3.Timeout(connect=min(timeout, deadline), read=min(timeout, deadline))
        options: dict[str, Any] = {
            "headers": dict(headers),
            "retries": False,
            "redirect": False,
            "preload_content": False,
            "decode_content": False,
            "timeout": limit,
        }
        watch = _Watch(deadline)
        token = _WATCH.set(watch)
        try:
            if addresses is None:
                proxy = self.proxy_for(url)
                assert proxy is not None, "an unpinned request must go through a proxy"
                resp = self._proxy_manager(proxy).urlopen("GET", url, **options)
            else:
                path = parts.path or "/"
                if parts.query:
                    path += "?" + parts.query
                pool = self._pool(scheme, host, port, addresses)
                resp = pool.urlopen("GET", path, assert_same_host=False, **options)
        except Exception as exc:
            watch.cancel()
            if watch.fired:
                raise NetFailure("deadline", f"{host} did not answer in time") from exc
            raise classify(exc, host, timeout) from exc
        finally:
            _WATCH.reset(token)
        return _Response(resp, watch, host, timeout)
