"""The one polite HTTP client: the only module that decides what goes over the network.

It identifies itself (``dossier/<version> (<identity>)``, the operator's name and e-mail),
waits a per-host minimum interval, and retries timeouts, resets, bodies cut short, 429 and
5xx with back-off (honouring Retry-After up to a bound). It refuses private, loopback,
link-local and reserved addresses on every redirect hop and connects to exactly the address it
checked (no second DNS lookup to rebind), keeps each source to its hosts (and, when asked, to
the site it started on), reads every body within its size cap on the wire and after
decompression, gives each attempt a deadline and each source a budget per company, caches
complete responses on disk without any request header, and can serve everything from an
offline snapshot or record one.

Every failure is a :class:`~dossier.errors.FetchError` subclass whose message names the host
and says what happened; sources turn them into gaps.
"""

from __future__ import annotations

import contextlib
import contextvars
import ipaddress
import logging
import random
import socket
import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from pathlib import Path
from urllib.parse import urljoin, urlsplit

from .. import __version__
from ..config import SourceSettings
from ..errors import (
    BlockedURL,
    BudgetExceeded,
    DeadlineExceeded,
    FetchError,
    NetworkError,
    NotInSnapshot,
    ResponseTooLarge,
    WaitTooLong,
)
from .body import OverCap, Truncated, UnsupportedEncoding, read_capped
from .cache import Cached, HttpCache
from .document import Document
from .sites import same_site as _same_site
from .snapshot import SnapshotReader, SnapshotWriter
from .transport import NetFailure, Transport, dns_message

log = logging.getLogger(__name__)

RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})
REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})
#: Wire failures worth another attempt; refused, unreachable, DNS and TLS failures are not.
RETRY_KINDS = frozenset({"timeout", "reset", "short"})
MAX_REDIRECTS = 5
#: Documents kept in memory for repeat requests in one run (a batch shares one client), the
#: least recently used dropped first: enough for the ticker map and an agency's pages, which
#: every company asks for again, while a company's own bodies leave with its research (memory
#: stays flat however many companies a batch has; the disk cache keeps the rest).
MEMO_BYTES = 16_000_000
Resolver = Callable[[str], list[str]]


def default_resolver(host: str) -> list[str]:
    """Every address ``host`` resolves to, in the system's order of preference.

    Raises ``socket.gaierror`` (an OSError) when it does not resolve.
    """
    infos = socket.getaddrinfo(host, None, proto=socket.IPPROTO_TCP)
    return list(dict.fromkeys(str(info[4][0]) for info in infos))


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


def _root_cause(exc: BaseException) -> str:
    """The innermost exception behind ``exc``, for -v logs."""
    seen = 0
    while (exc.__cause__ or exc.__context__) is not None and seen < 10:
        exc = exc.__cause__ or exc.__context__  # type: ignore[assignment]
        seen += 1
    return f"{type(exc).__name__}: {exc}"


@dataclass
class _Budget:
    requests: int = 0
    seconds: float = 0.0


#: The per-source budgets of the company being researched on this thread (see budget_scope).
_SCOPE: contextvars.ContextVar[dict[str, _Budget] | None] = contextvars.ContextVar(
    "dossier_budget", default=None
)


class PoliteClient:
    """GET with politeness, safety, caching and offline snapshots.

    Args:
        settings: per-source settings (interval, timeout, deadline, budget, retries, size cap,
            cache TTL, hosts).
        identity: the operator's name and e-mail, named in the User-Agent (never stored).
        offline: a snapshot folder to serve every request from; nothing goes to the network.
        save_snapshot: a folder to record every response this run used into.
        cache_path: SQLite file for the HTTP cache; None turns the cache off.
        resolver: host name -> addresses (tests pass a fake).
        transport: the wire (default: urllib3 with pinned addresses and env proxies).
        allow_addresses: addresses the guard lets through although they are not public.
            For tests against a server on 127.0.0.1 only; empty (refuse them all) by default.
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
        transport: Transport | None = None,
        allow_addresses: Iterable[str] = (),
    ) -> None:
        self.settings = dict(settings)
        self.identity = identity
        self.snapshot = SnapshotReader(offline) if offline is not None else None
        self.recorder = SnapshotWriter(save_snapshot) if save_snapshot is not None else None
        self.cache = HttpCache(cache_path) if cache_path is not None else None
        self.resolver = resolver
        self.sleep = sleep
        self.clock = clock
        self.allow_addresses = frozenset(str(ipaddress.ip_address(a)) for a in allow_addresses)
        self._transport = transport
        self._memo: OrderedDict[str, Document] = OrderedDict()
        self._memo_bytes = 0
        self._last: dict[str, float] = {}
        self._host_locks: dict[str, threading.Lock] = {}
        self._inflight: dict[str, threading.Event] = {}
        self._lock = threading.Lock()
        self._run_budgets: dict[str, _Budget] = {}
        self._said_unvetted = False

    @property
    def offline(self) -> bool:
        return self.snapshot is not None

    @property
    def transport(self) -> Transport:
        """The wire, created on first live use (keeps urllib3 off the offline path)."""
        if self._transport is None:
            from .transport import UrllibTransport

            self._transport = UrllibTransport()
        return self._transport

    def _settings(self, source: str) -> SourceSettings:
        return self.settings.get(source) or SourceSettings(name=source)

    @contextlib.contextmanager
    def budget_scope(self) -> Iterator[None]:
        """Fresh per-source budgets (time and requests) for the work inside: one company."""
        token = _SCOPE.set({})
        try:
            yield
        finally:
            _SCOPE.reset(token)

    def _budget(self, source: str) -> _Budget:
        scope = _SCOPE.get()
        budgets = scope if scope is not None else self._run_budgets
        with self._lock:
            return budgets.setdefault(source, _Budget())

    # --- the public call -----------------------------------------------------------------

    def get(
        self,
        url: str,
        *,
        source: str,
        headers: Mapping[str, str] | None = None,
        same_site: bool = False,
    ) -> Document:
        """Fetch ``url`` for ``source``; raise a FetchError subclass on failure.

        ``same_site``: refuse a redirect to another registrable domain (the website source,
        whose pages are quoted as the company's own words).
        """
        self._check_host(url, source)
        while True:  # one request per URL at a time: another thread's answer is waited for
            with self._lock:
                memo = self._memo.get(url)
                if memo is not None:
                    self._memo.move_to_end(url)
                    break
                busy = self._inflight.get(url)
                if busy is None:
                    self._inflight[url] = threading.Event()
                    break
            busy.wait()  # then the memo has it, or that request failed and this one is sent
        if memo is not None:
            self._check_final(url, memo.url, source, same_site)
            return memo
        try:
            if self.snapshot is not None:
                doc = self._from_snapshot(url, source)
            else:
                doc = self._live(url, source, headers, same_site)
            if doc.status != 200:
                raise FetchError(source, f"HTTP {doc.status} from {url}", url, doc.status)
            self._remember(url, doc)
        finally:
            with self._lock:
                self._inflight.pop(url).set()
        return doc

    def _remember(self, url: str, doc: Document) -> None:
        with self._lock:
            if url in self._memo:
                return
            self._memo[url] = doc
            self._memo_bytes += len(doc.body)
            while self._memo_bytes > MEMO_BYTES and len(self._memo) > 1:
                _, old = self._memo.popitem(last=False)
                self._memo_bytes -= len(old.body)

    def _check_host(self, url: str, source: str) -> None:
        hosts = self._settings(source).hosts
        if not host_allowed(url, hosts):
            raise BlockedURL(
                source,
                f"refused {url}: this source may contact only {', '.join(hosts)} "
                f"(hosts in sources/{source}.toml)",
                url,
            )

    def _check_final(self, start: str, current: str, source: str, same_site: bool) -> None:
        """The host rules for a redirect target (or a cached final URL)."""
        self._check_host(current, source)
        if same_site and not _same_site(start, current):
            raise BlockedURL(
                source,
                f"refused {current}: {start} redirected to another site "
                f"({urlsplit(current).hostname}); its pages are not the company's own words",
                current,
            )

    def _from_snapshot(self, url: str, source: str) -> Document:
        assert self.snapshot is not None
        entry = self.snapshot.lookup("GET", url)
        if entry is None:
            raise NotInSnapshot(source, url)
        cap = self._settings(source).max_bytes
        try:
            body = entry.read_body(cap)
        except OverCap as exc:
            raise ResponseTooLarge(
                source, f"response from {url} is over {cap:,} bytes ({exc.where})", url
            ) from exc
        return Document(
            source=source,
            url=entry.url,
            status=entry.status,
            content_type=entry.content_type,
            body=body,
            retrieved_at=entry.retrieved_at,
            constructed=entry.constructed,
        )

    # --- the guard -----------------------------------------------------------------------

    def _address_ok(self, addr: str) -> bool:
        return is_public_address(addr) or str(ipaddress.ip_address(addr)) in self.allow_addresses

    def check_url(self, url: str, source: str, *, proxied: bool = False) -> tuple[str, ...] | None:
        """The vetted addresses to connect to, or BlockedURL / NetworkError.

        Refuses non-HTTP schemes and hosts with any non-public address. Behind a proxy
        (``proxied``) a host that does not resolve here is let through unvetted (None: the
        proxy resolves it); the client says so once per run.
        """
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise BlockedURL(source, f"refused {url}: only http(s) URLs are fetched", url)
        host = parts.hostname
        try:
            addrs = [str(ipaddress.ip_address(host.split("%", 1)[0]))]
        except ValueError:
            try:
                addrs = self.resolver(host)
            except OSError as exc:
                if proxied:
                    self._say_unvetted(host)
                    return None
                message = f"{dns_message(host, exc)} (for {url})"
                log.info("%s: %s [%s]", source, message, _root_cause(exc))
                raise NetworkError(source, "dns", message, url) from exc
        bad = [a for a in addrs if not self._address_ok(a)]
        if bad or not addrs:
            raise BlockedURL(
                source,
                f"refused {url}: {host} resolves to a non-public address ({bad[0] if bad else 'none'})",
                url,
            )
        return tuple(addrs)

    def _say_unvetted(self, host: str) -> None:
        with self._lock:
            if self._said_unvetted:
                return
            self._said_unvetted = True
        log.warning(
            "%s does not resolve here, so requests go through the proxy (HTTPS_PROXY/HTTP_PROXY) "
            "without dossier checking that they reach only public addresses; the proxy must "
            "refuse internal ones. (Said once per run.)",
            host,
        )

    # --- the live path -------------------------------------------------------------------

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

    def _from_cache(self, url: str, source: str, same_site: bool) -> Document | None:
        if self.cache is None:
            return None
        cfg = self._settings(source)
        hit = self.cache.get(url, cfg.cache_ttl_hours * 3600, cfg.max_bytes)
        if hit is None:
            return None
        self._check_final(url, hit.url, source, same_site)
        retrieved = hit.retrieved_at
        if retrieved.tzinfo is None:
            retrieved = retrieved.replace(tzinfo=UTC)
        log.debug("%s: %s from the cache", source, url)
        return Document(
            source=source,
            url=hit.url,
            status=hit.status,
            content_type=hit.content_type,
            body=hit.body,
            retrieved_at=retrieved,
        )

    def _live(
        self, url: str, source: str, headers: Mapping[str, str] | None, same_site: bool
    ) -> Document:
        doc = self._from_cache(url, source, same_site)
        if doc is None:
            doc = self._network(url, source, headers, same_site)
            if doc.status == 200 and self.cache is not None:
                self.cache.put(
                    url,
                    Cached(doc.url, doc.status, doc.content_type, doc.retrieved_at, doc.body),
                )
        # Definite answers (200, and "no such thing" 404/410) replay faithfully offline;
        # transient failures are not recorded.
        if self.recorder is not None and doc.status in (200, 404, 410):
            self.recorder.add("GET", url, doc.status, doc.content_type, doc.retrieved_at, doc.body)
        return doc

    def _network(
        self, url: str, source: str, headers: Mapping[str, str] | None, same_site: bool
    ) -> Document:
        cfg = self._settings(source)
        current = url
        for _hop in range(MAX_REDIRECTS + 1):
            self._check_host(current, source)
            proxied = self.transport.proxy_for(current) is not None
            addresses = self.check_url(current, source, proxied=proxied)
            self._check_final(url, current, source, same_site)
            status, resp_headers, body = self._attempts(current, addresses, source, cfg, headers)
            location = resp_headers.get("Location")
            if status in REDIRECT_STATUSES and location:
                current = urljoin(current, location)
                continue
            return Document(
                source=source,
                url=current,
                status=status,
                content_type=resp_headers.get("Content-Type", ""),
                body=body,
                retrieved_at=datetime.now(UTC),
            )
        raise FetchError(source, f"too many redirects from {url}", url)

    def _charge(self, budget: _Budget, seconds: float) -> None:
        with self._lock:
            budget.seconds += seconds

    def _admit(self, url: str, source: str, cfg: SourceSettings, budget: _Budget) -> None:
        with self._lock:
            over = budget.requests >= cfg.max_requests or budget.seconds >= cfg.budget_seconds
            if not over:
                budget.requests += 1
        if over:
            raise BudgetExceeded(
                source,
                f"skipped {url}: this source has used its budget for this company "
                f"({budget.requests} requests, {budget.seconds:.0f} s; max_requests and "
                f"budget_seconds in sources/{source}.toml)",
                url,
            )

    def _attempts(
        self,
        url: str,
        addresses: tuple[str, ...] | None,
        source: str,
        cfg: SourceSettings,
        headers: Mapping[str, str] | None,
    ) -> tuple[int, Mapping[str, str], bytes]:
        host = urlsplit(url).hostname or ""
        budget = self._budget(source)
        sent = {
            "User-Agent": user_agent(self.identity),
            "Accept-Encoding": "gzip, deflate",
            **dict(headers or {}),
        }
        attempts = max(1, cfg.retries + 1)
        for attempt in range(attempts):
            self._wait_turn(host, cfg.min_interval)
            self._admit(url, source, cfg, budget)
            last = attempt + 1 == attempts
            delay = cfg.backoff * (2**attempt) * (0.5 + random.random() / 2)
            started = self.clock()
            try:
                status, resp_headers, body = self._one(url, addresses, source, cfg, sent, last)
            except NetFailure as fail:
                self._charge(budget, self.clock() - started)
                if fail.kind == "deadline":
                    message = (
                        f"gave up on {url} after {cfg.deadline:g} s: {fail.message} "
                        f"(deadline_seconds in sources/{source}.toml)"
                    )
                    log.info("%s: %s", source, message)
                    raise DeadlineExceeded(source, message, url) from fail
                if fail.kind in RETRY_KINDS and not last:
                    log.info("%s: %s, retrying in %.1fs", source, fail.message, delay)
                    self._pause(delay, budget)
                    continue
                tries = f"after {attempt + 1} attempts" if attempt else "no retry"
                message = f"{fail.message} (for {url}; {tries})"
                log.info("%s: %s [%s]", source, message, _root_cause(fail))
                raise NetworkError(source, fail.kind, message, url) from fail
            self._charge(budget, self.clock() - started)
            if status in RETRY_STATUSES and not last:
                wait = _retry_after(resp_headers.get("Retry-After"))
                if wait is not None and wait > cfg.max_retry_after:
                    raise WaitTooLong(
                        source,
                        f"{host} asked to wait {wait:,.0f} s before asking again (HTTP {status}); "
                        f"skipped {url} (max_retry_after_seconds = {cfg.max_retry_after:g})",
                        url,
                    )
                pause = delay if wait is None else wait
                with self._lock:
                    left = cfg.budget_seconds - budget.seconds
                if pause > left:
                    raise BudgetExceeded(
                        source,
                        f"skipped {url}: {host} asked to wait {pause:,.0f} s (HTTP {status}), "
                        f"more than this source's budget for this company has left ({left:.0f} s "
                        f"of budget_seconds = {cfg.budget_seconds:g})",
                        url,
                    )
                self._pause(pause, budget)
                continue
            return status, resp_headers, body
        raise AssertionError("unreachable")

    def _pause(self, seconds: float, budget: _Budget) -> None:
        self.sleep(seconds)
        self._charge(budget, seconds)

    def _one(
        self,
        url: str,
        addresses: tuple[str, ...] | None,
        source: str,
        cfg: SourceSettings,
        headers: Mapping[str, str],
        last: bool,
    ) -> tuple[int, Mapping[str, str], bytes]:
        """One attempt: status, headers and the body (read only when it will be used)."""
        raw = self.transport.open(
            url, addresses=addresses, headers=headers, timeout=cfg.timeout, deadline=cfg.deadline
        )
        complete = False
        try:
            status = raw.status
            if status in REDIRECT_STATUSES or (status in RETRY_STATUSES and not last):
                return status, raw.headers, b""
            try:
                body = read_capped(raw.chunks(64 * 1024), raw.headers, cfg.max_bytes)
            except OverCap as exc:
                raise ResponseTooLarge(
                    source,
                    f"response from {url} is over {cfg.max_bytes:,} bytes ({exc.where}); "
                    f"max_response_mb in sources/{source}.toml",
                    url,
                ) from exc
            except Truncated as exc:
                host = urlsplit(url).hostname
                raise NetFailure("short", f"the response from {host} ended early ({exc})") from exc
            except UnsupportedEncoding as exc:
                raise FetchError(
                    source, f"response from {url} uses an encoding dossier cannot read ({exc})", url
                ) from exc
            complete = True
            return status, raw.headers, body
        finally:
            raw.close(complete=complete)
