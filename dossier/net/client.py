"""The one polite HTTP client: the only module that touches the network.

It identifies itself (``dossier/<version> (<identity>)``, the operator's name and e-mail), waits a per-host minimum interval,
retries timeouts, 429 and 5xx with back-off (honouring Retry-After), refuses private, loopback,
link-local and reserved addresses on every redirect hop, caps response sizes, caches on disk,
and can serve everything from an offline snapshot or record one.
"""

from __future__ import annotations

import ipaddress
import logging
import random
import socket
import threading
import time
from collections.abc import Callable, Mapping
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urljoin, urlsplit

from .. import __version__
from ..config import SourceSettings
from ..errors import BlockedURL, FetchError, NotInSnapshot, ResponseTooLarge
from .document import Document
from .snapshot import SnapshotReader, SnapshotWriter

if TYPE_CHECKING:
    import requests

log = logging.getLogger(__name__)

RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})
MAX_REDIRECTS = 5
Resolver = Callable[[str], list[str]]


def default_resolver(host: str) -> list[str]:
    """All addresses ``host`` resolves to."""
    try:
        infos = socket.getaddrinfo(host, None, proto=socket.IPPROTO_TCP)
    except socket.gaierror as exc:
        raise OSError(f"could not resolve host {host}") from exc
    return sorted({str(info[4][0]) for info in infos})


def is_public_address(addr: str) -> bool:
    """True only for globally routable unicast addresses."""
    ip = ipaddress.ip_address(addr.split("%", 1)[0])
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    return ip.is_global and not ip.is_multicast


def host_allowed(url: str, hosts: tuple[str, ...]) -> bool:
    """Whether ``url``'s host is one of ``hosts`` or a subdomain of one (empty: any host)."""
    if not hosts:
        return True
    host = (urlsplit(url).hostname or "").lower().rstrip(".")
    return any(host == h.lower() or host.endswith("." + h.lower()) for h in hosts)


def user_agent(identity: str | None) -> str:
    """The User-Agent header: tool, version and the operator's identity."""
    return f"dossier/{__version__} ({identity or 'no identity configured'})"


def _retry_after(value: str | None) -> float | None:
    if not value:
        return None
    try:
        return max(0.0, float(value))
    except ValueError:
        pass
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:  # "-0000" zones parse naive; HTTP dates are UTC
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - datetime.now(UTC)).total_seconds())


class PoliteClient:
    """GET with politeness, safety, caching and offline snapshots.

    Args:
        settings: per-source settings (interval, timeout, retries, size cap, cache TTL).
        identity: the operator's name and e-mail, named in the User-Agent.
        offline: a snapshot folder to serve every request from; nothing goes to the network.
        save_snapshot: a folder to record every response this run used into.
        cache_path: SQLite file for the HTTP cache; None turns the cache off.
    """

    def __init__(
        self,
        settings: Mapping[str, SourceSettings],
        *,
        identity: str | None = None,
        offline: Path | None = None,
        save_snapshot: Path | None = None,
        cache_path: Path | None = None,
        resolver: Resolver = default_resolver,
        sleep: Callable[[float], None] = time.sleep,
        clock: Callable[[], float] = time.monotonic,
        session: requests.Session | None = None,
    ) -> None:
        self.settings = dict(settings)
        self.identity = identity
        self.snapshot = SnapshotReader(offline) if offline is not None else None
        self.recorder = SnapshotWriter(save_snapshot) if save_snapshot is not None else None
        self.resolver = resolver
        self.sleep = sleep
        self.clock = clock
        self._cache_path = cache_path
        self._session = session
        self._identified = False
        self._memo: dict[str, Document] = {}
        self._last: dict[str, float] = {}
        self._host_locks: dict[str, threading.Lock] = {}
        self._lock = threading.Lock()

    @property
    def offline(self) -> bool:
        return self.snapshot is not None

    def _settings(self, source: str) -> SourceSettings:
        return self.settings.get(source) or SourceSettings(name=source)

    def session(self) -> requests.Session:
        """The requests session, created on first live use (keeps imports off the fast path)."""
        if self._session is None:
            if self._cache_path is not None:
                import requests_cache

                self._cache_path.parent.mkdir(parents=True, exist_ok=True)
                self._session = requests_cache.CachedSession(
                    str(self._cache_path),
                    backend="sqlite",
                    allowable_codes=(200,),
                    stale_if_error=False,
                )
            else:
                import requests

                self._session = requests.Session()
        if not self._identified:
            # Also for an injected session: every request must carry the User-Agent.
            session_headers = getattr(self._session, "headers", None)
            if session_headers is not None:
                session_headers["User-Agent"] = user_agent(self.identity)
                session_headers["Accept-Encoding"] = "gzip, deflate"
            self._identified = True
        return self._session

    def get(self, url: str, *, source: str, headers: Mapping[str, str] | None = None) -> Document:
        """Fetch ``url`` for ``source``; raise a FetchError subclass on failure."""
        self._check_host(url, source)
        with self._lock:
            memo = self._memo.get(url)
        if memo is not None:
            return memo
        doc = (
            self._from_snapshot(url, source) if self.snapshot else self._live(url, source, headers)
        )
        if doc.status != 200:
            raise FetchError(source, f"HTTP {doc.status} from {url}", url, doc.status)
        with self._lock:
            self._memo[url] = doc
        return doc

    def _check_host(self, url: str, source: str) -> None:
        hosts = self._settings(source).hosts
        if not host_allowed(url, hosts):
            raise BlockedURL(
                source,
                f"refused {url}: this source may contact only {', '.join(hosts)} "
                f"(hosts in sources/{source}.toml)",
                url,
            )

    def _from_snapshot(self, url: str, source: str) -> Document:
        assert self.snapshot is not None
        entry = self.snapshot.lookup("GET", url)
        if entry is None:
            raise NotInSnapshot(source, url)
        body = entry.read_body()
        cap = self._settings(source).max_bytes
        if len(body) > cap:
            raise ResponseTooLarge(source, f"response from {url} is over {cap:,} bytes", url)
        return Document(
            source=source,
            url=entry.url,
            status=entry.status,
            content_type=entry.content_type,
            body=body,
            retrieved_at=entry.retrieved_at,
            constructed=entry.constructed,
        )

    def check_url(self, url: str, source: str) -> None:
        """Refuse non-HTTP schemes and hosts that resolve to non-public addresses."""
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise BlockedURL(source, f"refused {url}: only http(s) URLs are fetched", url)
        host = parts.hostname
        try:
            addrs = [str(ipaddress.ip_address(host))]
        except ValueError:
            try:
                addrs = self.resolver(host)
            except OSError as exc:
                raise FetchError(source, f"{exc} (for {url})", url) from exc
        bad = [a for a in addrs if not is_public_address(a)]
        if bad or not addrs:
            raise BlockedURL(
                source,
                f"refused {url}: {host} resolves to a non-public address ({bad[0] if bad else 'none'})",
                url,
            )

    def _wait_turn(self, host: str, interval: float) -> None:
        with self._lock:
            lock = self._host_locks.setdefault(host, threading.Lock())
        with lock:
            last = self._last.get(host)
            if last is not None:
                wait = interval - (self.clock() - last)
                if wait > 0:
                    self.sleep(wait)
            self._last[host] = self.clock()

    def _live(self, url: str, source: str, headers: Mapping[str, str] | None) -> Document:
        cfg = self._settings(source)
        current = url
        for _hop in range(MAX_REDIRECTS + 1):
            self._check_host(current, source)
            self.check_url(current, source)
            resp, body = self._request_with_retries(current, source, cfg, headers)
            if resp.status_code in (301, 302, 303, 307, 308) and resp.headers.get("Location"):
                current = urljoin(current, resp.headers["Location"])
                continue
            created = getattr(resp, "created_at", None)
            retrieved = created if isinstance(created, datetime) else datetime.now(UTC)
            if retrieved.tzinfo is None:
                retrieved = retrieved.replace(tzinfo=UTC)
            ctype = resp.headers.get("Content-Type", "")
            doc = Document(
                source=source,
                url=current,
                status=resp.status_code,
                content_type=ctype,
                body=body,
                retrieved_at=retrieved,
            )
            # Definite answers (200, and "no such thing" 404/410) replay faithfully offline;
            # transient failures are not recorded.
            if self.recorder is not None and resp.status_code in (200, 404, 410):
                self.recorder.add("GET", url, resp.status_code, ctype, retrieved, body)
            return doc
        raise FetchError(source, f"too many redirects from {url}", url)

    def _request_with_retries(
        self, url: str, source: str, cfg: SourceSettings, headers: Mapping[str, str] | None
    ) -> tuple[requests.Response, bytes]:
        import requests

        host = urlsplit(url).hostname or ""
        attempts = max(1, cfg.retries + 1)
        for attempt in range(attempts):
            self._wait_turn(host, cfg.min_interval)
            delay = cfg.backoff * (2**attempt) * (0.5 + random.random() / 2)
            kwargs: dict[str, Any] = {
                "headers": dict(headers or {}),
                "timeout": cfg.timeout,
                "stream": True,
                "allow_redirects": False,
            }
            if self._cache_path is not None:
                kwargs["expire_after"] = int(cfg.cache_ttl_hours * 3600)
            try:
                resp = self.session().get(url, **kwargs)
                retry = resp.status_code in RETRY_STATUSES and attempt + 1 < attempts
                # Read the body here: with stream=True a timeout can happen while reading.
                body = b"" if retry else self._read_capped(resp, url, source, cfg.max_bytes)
            except (
                requests.Timeout,
                requests.ConnectionError,
                requests.exceptions.ChunkedEncodingError,
            ) as exc:
                if attempt + 1 < attempts:
                    log.info("%s: %s, retrying in %.1fs", source, type(exc).__name__, delay)
                    self.sleep(delay)
                    continue
                raise FetchError(
                    source,
                    f"no response from {url} after {attempts} attempts ({type(exc).__name__})",
                    url,
                ) from exc
            except requests.RequestException as exc:
                raise FetchError(
                    source, f"request to {url} failed ({type(exc).__name__}: {exc})", url
                ) from exc
            if retry:
                wait = _retry_after(resp.headers.get("Retry-After"))
                resp.close()
                self.sleep(delay if wait is None else min(wait, 300.0))
                continue
            return resp, body
        raise AssertionError("unreachable")

    @staticmethod
    def _read_capped(resp: requests.Response, url: str, source: str, cap: int) -> bytes:
        declared = resp.headers.get("Content-Length")
        if declared and declared.isdigit() and int(declared) > cap:
            resp.close()
            raise ResponseTooLarge(source, f"response from {url} is over {cap:,} bytes", url)
        chunks: list[bytes] = []
        size = 0
        for chunk in resp.iter_content(64 * 1024):
            size += len(chunk)
            if size > cap:
                resp.close()
                raise ResponseTooLarge(source, f"response from {url} is over {cap:,} bytes", url)
            chunks.append(chunk)
        return b"".join(chunks)
