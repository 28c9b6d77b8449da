"""PoliteClient: retries, politeness, size caps, SSRF refusal, budgets, cache, User-Agent.

Nothing here touches the network: the client gets a scripted transport, a fake resolver, a
fake clock and a sleep that only records how long it was asked to wait. The real wire is
tested against a local fault server in tests/test_http_faults.py.
"""

from __future__ import annotations

import gzip
import logging
import os
import socket
import stat
import zlib
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from pathlib import Path
from typing import Any

import pytest
from pytest_socket import SocketBlockedError

from dossier import __version__
from dossier.config import SourceSettings
from dossier.errors import (
    BlockedURL,
    BudgetExceeded,
    DeadlineExceeded,
    FetchError,
    NetworkError,
    ResponseTooLarge,
    WaitTooLong,
)
from dossier.net.client import MAX_REDIRECTS, PoliteClient, is_public_address, user_agent
from dossier.net.transport import NetFailure

from .fakes_http import (
    PUBLIC,
    FakeRaw,
    FakeTransport,
    fake_resolver,
    ok,
    redirect,
    short,
)


class Sleeps(list[float]):
    """A sleep() that records and, if given a clock, advances it."""

    def __init__(self, clock: FakeClock | None = None) -> None:
        super().__init__()
        self.clock = clock

    def __call__(self, seconds: float) -> None:
        self.append(seconds)
        if self.clock is not None:
            self.clock.now += seconds


class FakeClock:
    def __init__(self, now: float = 1000.0) -> None:
        self.now = now

    def __call__(self) -> float:
        return self.now


def settings(**kw: Any) -> dict[str, SourceSettings]:
    base: dict[str, Any] = {"min_interval": 0.0, "retries": 3, "backoff": 1.0, "max_bytes": 1000}
    base.update(kw)
    return {"test": SourceSettings(name="test", **base)}


def make_client(
    session: FakeTransport | None = None,
    *,
    sleep: Sleeps | None = None,
    clock: FakeClock | None = None,
    contact: str | None = None,
    cache_path: Path | None = None,
    **kw: Any,
) -> PoliteClient:
    return PoliteClient(
        settings(**kw),
        identity=contact,
        transport=session if session is not None else FakeTransport(),
        resolver=fake_resolver,
        sleep=sleep if sleep is not None else Sleeps(),
        clock=clock if clock is not None else FakeClock(),
        cache_path=cache_path,
    )


URL = "https://example.com/api/thing?id=1"


# --- the suite really is offline ---------------------------------------------------------


def test_sockets_are_blocked_in_the_test_suite() -> None:
    # pytest-socket also warns; the suite turns warnings into errors, so expect both.
    with pytest.warns(UserWarning, match="socket"), pytest.raises(SocketBlockedError):
        socket.socket().connect((PUBLIC, 80))


# --- happy path, memo, request options ---------------------------------------------------


def test_get_returns_a_document_and_passes_safe_request_options() -> None:
    session = FakeTransport([ok(b'{"a": 1}')])
    client = make_client(session, timeout=12.5)
    doc = client.get(URL, source="test", headers={"Accept": "application/json"})
    assert doc.body == b'{"a": 1}'
    assert doc.status == 200
    assert doc.url == URL
    assert doc.source == "test"
    assert doc.content_type == "application/json"
    assert doc.retrieved_at.tzinfo is not None
    assert doc.constructed is False
    [(url, kwargs)] = session.calls
    assert url == URL
    assert kwargs["timeout"] == 12.5
    assert kwargs["deadline"] == 30.0  # the default deadline_seconds
    assert kwargs["addresses"] == (PUBLIC,)  # the vetted address: no second lookup
    assert kwargs["headers"]["Accept"] == "application/json"
    assert kwargs["headers"]["Accept-Encoding"] == "gzip, deflate"


def test_same_url_twice_hits_the_session_once() -> None:
    session = FakeTransport([ok(b"first"), ok(b"second")])
    client = make_client(session)
    first = client.get(URL, source="test")
    second = client.get(URL, source="test")
    assert len(session.calls) == 1
    assert second.body == first.body == b"first"


def test_a_different_url_is_not_served_from_the_memo() -> None:
    session = FakeTransport([ok(b"first"), ok(b"second")])
    client = make_client(session)
    client.get(URL, source="test")
    assert client.get(URL + "&page=2", source="test").body == b"second"
    assert len(session.calls) == 2


def test_http_404_is_a_fetch_error_with_the_status_and_no_retry() -> None:
    session = FakeTransport([FakeRaw(404, b"nope")])
    sleeps = Sleeps()
    client = make_client(session, sleep=sleeps)
    with pytest.raises(FetchError) as info:
        client.get(URL, source="test")
    assert info.value.status == 404
    assert info.value.url == URL
    assert info.value.source == "test"
    assert len(session.calls) == 1
    assert sleeps == []


# --- retries ------------------------------------------------------------------------------


def test_429_honours_retry_after_seconds() -> None:
    session = FakeTransport([FakeRaw(429, headers={"Retry-After": "7"}), ok(b"done")])
    sleeps = Sleeps()
    doc = make_client(session, sleep=sleeps).get(URL, source="test")
    assert doc.body == b"done"
    assert sleeps == [7.0]
    assert len(session.calls) == 2


def test_retry_after_as_an_http_date() -> None:
    when = format_datetime(datetime.now(UTC) + timedelta(seconds=30), usegmt=True)
    session = FakeTransport([FakeRaw(503, headers={"Retry-After": when}), ok()])
    sleeps = Sleeps()
    make_client(session, sleep=sleeps).get(URL, source="test")
    [wait] = sleeps
    assert 25 <= wait <= 30.5


def test_retry_after_http_date_with_minus_zero_zone() -> None:
    # parsedate_to_datetime returns a naive datetime for "-0000"; that used to be a TypeError.
    when = (datetime.now(UTC) + timedelta(seconds=60)).strftime("%a, %d %b %Y %H:%M:%S -0000")
    session = FakeTransport([FakeRaw(429, headers={"Retry-After": when}), ok()])
    sleeps = Sleeps()
    make_client(session, sleep=sleeps).get(URL, source="test")
    [wait] = sleeps
    assert 55 <= wait <= 60.5


def test_retry_after_in_the_past_waits_zero() -> None:
    past = format_datetime(datetime(2000, 1, 1, tzinfo=UTC), usegmt=True)
    session = FakeTransport([FakeRaw(429, headers={"Retry-After": past}), ok()])
    sleeps = Sleeps()
    make_client(session, sleep=sleeps).get(URL, source="test")
    assert sleeps == [0.0]


def test_retry_after_over_the_bound_is_a_gap_without_waiting() -> None:
    session = FakeTransport([FakeRaw(429, headers={"Retry-After": "100000"}), ok()])
    sleeps = Sleeps()
    with pytest.raises(WaitTooLong) as info:
        make_client(session, sleep=sleeps, max_retry_after=60).get(URL, source="test")
    assert sleeps == []  # before: 3 x 300 s of sleep
    assert len(session.calls) == 1
    assert "example.com asked to wait 100,000 s" in str(info.value)
    assert "skipped" in str(info.value) and info.value.url == URL


def test_retry_after_at_the_bound_is_honoured() -> None:
    session = FakeTransport([FakeRaw(503, headers={"Retry-After": "60"}), ok()])
    sleeps = Sleeps()
    make_client(session, sleep=sleeps, max_retry_after=60).get(URL, source="test")
    assert sleeps == [60.0]


def test_503_twice_then_200_backs_off_exponentially(monkeypatch: pytest.MonkeyPatch) -> None:
    session = FakeTransport([FakeRaw(503), FakeRaw(503), ok(b"finally")])
    sleeps = Sleeps()
    doc = make_client(session, sleep=sleeps, backoff=2.0).get(URL, source="test")
    assert doc.body == b"finally"
    assert len(session.calls) == 3
    first, second = sleeps
    # backoff * 2**attempt with jitter in [0.5, 1]
    assert 1.0 <= first <= 2.0
    assert 2.0 <= second <= 4.0


def test_backoff_without_jitter_doubles(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("dossier.net.client.random.random", lambda: 1.0)
    session = FakeTransport([FakeRaw(502), FakeRaw(504), FakeRaw(500), ok()])
    sleeps = Sleeps()
    make_client(session, sleep=sleeps, backoff=1.5).get(URL, source="test")
    assert sleeps == [1.5, 3.0, 6.0]


def test_retried_responses_are_closed_without_reuse() -> None:
    failed, good = FakeRaw(503), ok()
    make_client(FakeTransport([failed, good])).get(URL, source="test")
    assert failed.closed and failed.complete is False and not failed.read_started
    assert good.closed and good.complete is True  # read to the end: the connection is reused


def test_500_every_time_gives_up_after_retries_plus_one_attempts() -> None:
    session = FakeTransport([FakeRaw(500, b"oops") for _ in range(10)])
    sleeps = Sleeps()
    with pytest.raises(FetchError) as info:
        make_client(session, sleep=sleeps, retries=2).get(URL, source="test")
    assert info.value.status == 500
    assert len(session.calls) == 3
    assert len(sleeps) == 2


def test_zero_retries_means_one_attempt() -> None:
    session = FakeTransport([FakeRaw(503) for _ in range(3)])
    with pytest.raises(FetchError) as info:
        make_client(session, retries=0).get(URL, source="test")
    assert info.value.status == 503
    assert len(session.calls) == 1


def test_timeout_then_200_succeeds() -> None:
    session = FakeTransport([NetFailure("timeout", "example.com sent nothing"), ok(b"late")])
    sleeps = Sleeps()
    doc = make_client(session, sleep=sleeps).get(URL, source="test")
    assert doc.body == b"late"
    assert len(session.calls) == 2
    assert len(sleeps) == 1


def test_a_reset_every_time_is_a_network_error_without_status() -> None:
    session = FakeTransport([NetFailure("reset", "example.com closed the connection")] * 10)
    with pytest.raises(NetworkError) as info:
        make_client(session, retries=3).get(URL, source="test")
    assert info.value.status is None
    assert info.value.kind == "reset"
    assert "example.com closed the connection" in str(info.value)
    assert "after 4 attempts" in str(info.value)
    assert URL in str(info.value)
    assert len(session.calls) == 4
    assert isinstance(info.value.__cause__, NetFailure)


@pytest.mark.parametrize("kind", ["refused", "unreachable", "tls"])
def test_refused_unreachable_and_tls_failures_are_not_retried(kind: str) -> None:
    session = FakeTransport([NetFailure(kind, f"{kind} at example.com")] * 4)
    sleeps = Sleeps()
    with pytest.raises(NetworkError) as info:
        make_client(session, sleep=sleeps).get(URL, source="test")
    assert info.value.kind == kind and f"{kind} at example.com" in str(info.value)
    assert len(session.calls) == 1 and sleeps == []


def test_a_failure_while_reading_the_body_is_retried() -> None:
    broken = FakeRaw(200, chunks=[b"half"], fail_while_reading=short("reset"))
    session = FakeTransport([broken, ok(b"whole")])
    doc = make_client(session).get(URL, source="test")
    assert doc.body == b"whole"
    assert len(session.calls) == 2
    assert broken.complete is False


def test_a_body_shorter_than_its_content_length_is_retried() -> None:
    cut = FakeRaw(200, b"0123", {"Content-Length": "10"})
    session = FakeTransport([cut, FakeRaw(200, b"0123456789", {"Content-Length": "10"})])
    doc = make_client(session).get(URL, source="test")
    assert doc.body == b"0123456789"
    assert len(session.calls) == 2


def test_a_body_short_every_time_is_a_clear_gap() -> None:
    session = FakeTransport([FakeRaw(200, b"0123", {"Content-Length": "10"}) for _ in range(4)])
    with pytest.raises(NetworkError) as info:
        make_client(session, retries=3).get(URL, source="test")
    assert info.value.kind == "short"
    assert "ended early (4 of 10 bytes arrived)" in str(info.value)


def test_a_deadline_is_a_gap_and_is_not_retried() -> None:
    session = FakeTransport([NetFailure("deadline", "example.com was still sending"), ok()])
    with pytest.raises(DeadlineExceeded) as info:
        make_client(session, deadline=2.0).get(URL, source="test")
    assert len(session.calls) == 1
    assert "gave up on" in str(info.value) and "after 2 s" in str(info.value)
    assert "deadline_seconds" in str(info.value)


def test_an_encoding_we_did_not_ask_for_is_a_fetch_error() -> None:
    session = FakeTransport([FakeRaw(200, b"x", {"Content-Encoding": "br"})])
    with pytest.raises(FetchError, match="encoding dossier cannot read"):
        make_client(session).get(URL, source="test")


# --- politeness ---------------------------------------------------------------------------


def test_same_host_waits_the_minimum_interval() -> None:
    session = FakeTransport([ok(), ok()])
    sleeps = Sleeps()  # the clock never advances: no time passes between the two requests
    client = make_client(session, sleep=sleeps, clock=FakeClock(), min_interval=0.2)
    client.get("https://example.com/a", source="test")
    assert sleeps == []
    client.get("https://example.com/b", source="test")
    assert sleeps == [pytest.approx(0.2)]


def test_only_the_remaining_part_of_the_interval_is_waited() -> None:
    clock = FakeClock()
    sleeps = Sleeps()
    client = make_client(
        FakeTransport([ok(), ok(), ok()]), sleep=sleeps, clock=clock, min_interval=1
    )
    client.get("https://example.com/a", source="test")
    clock.now += 0.75
    client.get("https://example.com/b", source="test")
    assert sleeps == [pytest.approx(0.25)]
    clock.now += 5
    client.get("https://example.com/c", source="test")
    assert sleeps == [pytest.approx(0.25)]


def test_different_hosts_do_not_wait_on_each_other() -> None:
    session = FakeTransport([ok(), ok()])
    sleeps = Sleeps()
    client = make_client(session, sleep=sleeps, clock=FakeClock(), min_interval=5)
    client.get("https://example.com/a", source="test")
    client.get("https://other.example.org/b", source="test")
    assert sleeps == []


def test_retries_also_respect_the_interval() -> None:
    clock = FakeClock()
    sleeps = Sleeps(clock)
    session = FakeTransport([FakeRaw(429, headers={"Retry-After": "0"}), ok()])
    make_client(session, sleep=sleeps, clock=clock, min_interval=2).get(URL, source="test")
    # Retry-After 0, then the per-host interval before the second attempt.
    assert sleeps == [0.0, pytest.approx(2.0)]


def test_user_agent_names_the_contact_on_every_request() -> None:
    session = FakeTransport([ok(), ok()])
    client = make_client(session, contact="Jane Doe jane@example.com")
    client.get(URL, source="test")
    client.get(URL + "&b", source="test", headers={"Accept": "text/html"})
    for _url, kwargs in session.calls:
        assert (
            kwargs["headers"]["User-Agent"] == f"dossier/{__version__} (Jane Doe jane@example.com)"
        )


def test_user_agent_without_contact_says_so() -> None:
    session = FakeTransport([ok()])
    make_client(session).get(URL, source="test")
    ua = session.calls[0][1]["headers"]["User-Agent"]
    assert ua.startswith(f"dossier/{__version__} (")
    assert "no identity configured" in ua
    assert user_agent(None) == f"dossier/{__version__} (no identity configured)"


def test_the_default_transport_is_the_pinned_urllib3_one() -> None:
    from dossier.net.transport import UrllibTransport

    client = PoliteClient(settings(), identity="Jane Doe jane@example.com")
    assert isinstance(client.transport, UrllibTransport)  # made lazily; nothing is sent


# --- size cap -----------------------------------------------------------------------------


def test_declared_content_length_over_the_cap_is_refused_before_reading() -> None:
    resp = FakeRaw(200, b"x" * 10, {"Content-Length": "101"})
    with pytest.raises(ResponseTooLarge) as info:
        make_client(FakeTransport([resp]), max_bytes=100).get(URL, source="test")
    assert not resp.read_started
    assert resp.closed
    assert info.value.url == URL


def test_streamed_body_passing_the_cap_is_refused() -> None:
    resp = FakeRaw(200, chunks=[b"x" * 60, b"y" * 41, b"z" * 1000])
    with pytest.raises(ResponseTooLarge):
        make_client(FakeTransport([resp]), max_bytes=100).get(URL, source="test")
    assert resp.closed


def test_body_exactly_at_the_cap_passes() -> None:
    resp = FakeRaw(200, chunks=[b"x" * 60, b"y" * 40], headers={"Content-Length": "100"})
    doc = make_client(FakeTransport([resp]), max_bytes=100).get(URL, source="test")
    assert len(doc.body) == 100


def test_a_large_response_is_not_retried() -> None:
    session = FakeTransport([FakeRaw(200, b"x" * 200), ok()])
    with pytest.raises(ResponseTooLarge):
        make_client(session, max_bytes=100).get(URL, source="test")
    assert len(session.calls) == 1


def _pieces(data: bytes, size: int = 64) -> list[bytes]:
    return [data[i : i + size] for i in range(0, len(data), size)]


def test_gzip_body_is_decoded() -> None:
    body = gzip.compress(b'{"a": 1}')
    resp = FakeRaw(200, chunks=_pieces(body), headers={"Content-Encoding": "gzip"})
    assert make_client(FakeTransport([resp])).get(URL, source="test").body == b'{"a": 1}'


def test_a_gzip_bomb_stops_at_the_decompressed_cap() -> None:
    bomb = gzip.compress(b"\0" * 5_000_000)  # about 5 KB on the wire
    assert len(bomb) < 1000 * 10
    resp = FakeRaw(200, chunks=_pieces(bomb), headers={"Content-Encoding": "gzip"})
    with pytest.raises(ResponseTooLarge) as info:
        make_client(FakeTransport([resp]), max_bytes=10_000).get(URL, source="test")
    assert "decompressed" in str(info.value)
    assert resp.complete is False


@pytest.mark.parametrize("wbits", [15, -15], ids=["zlib", "raw"])
def test_deflate_zlib_and_raw_are_decoded_and_capped(wbits: int) -> None:
    packer = zlib.compressobj(wbits=wbits)
    body = packer.compress(b"y" * 50_000) + packer.flush()
    doc = make_client(
        FakeTransport(
            [FakeRaw(200, chunks=_pieces(body), headers={"Content-Encoding": "deflate"})]
        ),
        max_bytes=60_000,
    ).get(URL, source="test")
    assert doc.body == b"y" * 50_000
    with pytest.raises(ResponseTooLarge):
        make_client(
            FakeTransport([FakeRaw(200, body, {"Content-Encoding": "deflate"})]), max_bytes=40_000
        ).get(URL, source="test")


def test_a_gzip_stream_cut_short_is_retried() -> None:
    body = gzip.compress(b"z" * 10_000)
    cut = FakeRaw(200, body[: len(body) // 2], {"Content-Encoding": "gzip"})
    whole = FakeRaw(200, body, {"Content-Encoding": "gzip"})
    session = FakeTransport([cut, whole])
    assert make_client(session, max_bytes=20_000).get(URL, source="test").body == b"z" * 10_000
    assert len(session.calls) == 2


# --- budgets ------------------------------------------------------------------------------


def test_request_budget_turns_further_requests_into_gaps() -> None:
    session = FakeTransport([ok(), ok(), ok()])
    client = make_client(session, max_requests=2)
    client.get("https://example.com/1", source="test")
    client.get("https://example.com/2", source="test")
    with pytest.raises(BudgetExceeded) as info:
        client.get("https://example.com/3", source="test")
    assert "used its budget for this company (2 requests" in str(info.value)
    assert len(session.calls) == 2


def test_time_budget_counts_waits_and_refuses_a_wait_it_cannot_afford() -> None:
    clock = FakeClock()
    sleeps = Sleeps(clock)
    session = FakeTransport(
        [
            FakeRaw(503, headers={"Retry-After": "40"}),
            ok(),
            FakeRaw(503, headers={"Retry-After": "10"}),
        ]
    )
    client = make_client(session, sleep=sleeps, clock=clock, budget_seconds=45)
    client.get("https://example.com/1", source="test")  # waits 40 s of its 45
    with pytest.raises(BudgetExceeded) as info:
        client.get("https://example.com/2", source="test")
    assert sleeps == [40.0]  # the second wait was not started
    assert "asked to wait 10 s" in str(info.value)


def test_time_budget_spent_refuses_the_next_request() -> None:
    clock = FakeClock()
    session = FakeTransport([ok(), ok()])
    client = make_client(session, clock=clock, budget_seconds=5)

    real_open = session.open

    def slow_open(url: str, **kw: Any) -> FakeRaw:
        clock.now += 6  # this attempt took 6 s
        return real_open(url, **kw)

    session.open = slow_open  # type: ignore[method-assign]
    client.get("https://example.com/1", source="test")
    with pytest.raises(BudgetExceeded, match="6 s"):
        client.get("https://example.com/2", source="test")


def test_each_budget_scope_starts_afresh() -> None:
    session = FakeTransport([ok(), ok(), ok()])
    client = make_client(session, max_requests=1)
    with client.budget_scope():
        client.get("https://example.com/1", source="test")
        with pytest.raises(BudgetExceeded):
            client.get("https://example.com/2", source="test")
    with client.budget_scope():  # the next company
        client.get("https://example.com/3", source="test")
    assert len(session.calls) == 2


def test_memo_and_cache_hits_do_not_use_the_budget() -> None:
    session = FakeTransport([ok()])
    client = make_client(session, max_requests=1)
    client.get(URL, source="test")
    assert client.get(URL, source="test").body == b'{"ok": true}'


# --- SSRF ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1/",
        "http://localhost:8080/admin",
        "http://169.254.169.254/latest/meta-data/",
        "http://10.0.0.5/",
        "http://192.168.1.1/",
        "http://172.16.0.1/",
        "http://[::1]/",
        "http://[::ffff:127.0.0.1]/",
        "http://[fe80::1]/",
        "http://0.0.0.0/",
        "http://100.64.0.1/",
        "http://224.0.0.1/",
        "https://mixed.example.net/",
    ],
)
def test_non_public_targets_are_blocked_before_any_request(url: str) -> None:
    session = FakeTransport([ok()])
    with pytest.raises(BlockedURL) as info:
        make_client(session).get(url, source="test")
    assert session.calls == []
    assert info.value.url == url
    assert "refused" in str(info.value)


@pytest.mark.parametrize(
    "url", ["file:///etc/passwd", "ftp://example.com/x", "gopher://example.com/", "http:///x"]
)
def test_non_http_urls_are_blocked(url: str) -> None:
    session = FakeTransport([ok()])
    with pytest.raises(BlockedURL):
        make_client(session).get(url, source="test")
    assert session.calls == []


def test_public_ipv6_host_is_allowed() -> None:
    session = FakeTransport([ok()])
    make_client(session).get("https://v6.example.net/x", source="test")
    make_client(FakeTransport([ok()])).get("https://[2606:4700::1111]/x", source="test")
    assert len(session.calls) == 1


def test_unresolvable_host_is_a_fetch_error_without_a_request() -> None:
    session = FakeTransport([ok()])
    with pytest.raises(NetworkError) as info:
        make_client(session).get("https://nowhere.invalid/", source="test")
    assert info.value.kind == "dns"
    assert "could not resolve nowhere.invalid: no network?" in str(info.value)
    assert session.calls == []


@pytest.mark.parametrize(
    ("code", "says"),
    [
        (socket.EAI_AGAIN, "could not resolve news.google.com: no network? (the name server"),
        (socket.EAI_NONAME, "could not resolve news.google.com: no network, or no such host?"),
    ],
)
def test_dns_failures_say_what_happened(code: int, says: str) -> None:
    def resolver(host: str) -> list[str]:
        raise socket.gaierror(code, "resolver said no")

    client = PoliteClient(settings(), transport=FakeTransport(), resolver=resolver)
    with pytest.raises(NetworkError) as info:
        client.get("https://news.google.com/rss", source="test")
    assert says in str(info.value)


def test_behind_a_proxy_an_unresolvable_host_goes_through_and_is_said_once(
    caplog: pytest.LogCaptureFixture,
) -> None:
    session = FakeTransport([ok(), ok()], proxy="http://proxy.corp:3128")

    def no_dns(host: str) -> list[str]:
        raise socket.gaierror(socket.EAI_AGAIN, "no local DNS")

    client = PoliteClient(settings(), transport=session, resolver=no_dns, sleep=Sleeps())
    with caplog.at_level(logging.WARNING, logger="dossier"):
        client.get("https://news.google.com/a", source="test")
        client.get("https://data.sec.gov/b", source="test")
    assert [kw["addresses"] for _, kw in session.calls] == [None, None]  # the proxy resolves
    said = [r.getMessage() for r in caplog.records if "proxy" in r.getMessage()]
    assert len(said) == 1 and "without dossier checking" in said[0]


def test_behind_a_proxy_a_host_resolving_private_is_still_refused() -> None:
    session = FakeTransport([ok()], proxy="http://proxy.corp:3128")
    client = PoliteClient(settings(), transport=session, resolver=fake_resolver)
    with pytest.raises(BlockedURL):
        client.get("http://localhost/admin", source="test")
    assert session.calls == []


def test_allow_addresses_lets_exactly_those_through_and_is_off_by_default() -> None:
    with pytest.raises(BlockedURL):
        make_client(FakeTransport([ok()])).get("http://127.0.0.1:8080/x", source="test")
    session = FakeTransport([ok()])
    client = PoliteClient(settings(), transport=session, allow_addresses=["127.0.0.1"])
    client.get("http://127.0.0.1:8080/x", source="test")
    with pytest.raises(BlockedURL):
        client.get("http://127.0.0.2:8080/x", source="test")
    assert session.calls[0][1]["addresses"] == ("127.0.0.1",)


def test_host_resolving_to_nothing_is_blocked() -> None:
    client = PoliteClient(settings(), transport=FakeTransport([ok()]), resolver=lambda host: [])
    with pytest.raises(BlockedURL):
        client.get("https://example.com/", source="test")


def test_redirect_to_loopback_is_refused_after_one_request() -> None:
    session = FakeTransport([redirect("http://127.0.0.1/admin"), ok(b"secret")])
    with pytest.raises(BlockedURL) as info:
        make_client(session).get(URL, source="test")
    assert session.urls == [URL]
    assert info.value.url == "http://127.0.0.1/admin"


def test_redirect_to_a_host_resolving_private_is_refused() -> None:
    session = FakeTransport([redirect("http://localhost/"), ok(b"secret")])
    with pytest.raises(BlockedURL):
        make_client(session).get(URL, source="test")
    assert len(session.calls) == 1


def test_redirect_to_a_file_url_is_refused() -> None:
    session = FakeTransport([redirect("file:///etc/passwd"), ok(b"root:x:0:0")])
    with pytest.raises(BlockedURL):
        make_client(session).get(URL, source="test")
    assert len(session.calls) == 1


@pytest.mark.parametrize("status", [301, 302, 303, 307, 308])
def test_redirect_to_another_public_host_is_followed(status: int) -> None:
    final = "https://other.example.org/moved?id=1"
    session = FakeTransport({URL: [redirect(final, status)], final: [ok(b"moved here")]})
    doc = make_client(session).get(URL, source="test")
    assert doc.url == final
    assert doc.body == b"moved here"
    assert session.urls == [URL, final]


def test_relative_redirect_is_resolved_against_the_current_url() -> None:
    final = "https://example.com/api/v2/thing"
    session = FakeTransport({URL: [redirect("v2/thing")], final: [ok(b"v2")]})
    doc = make_client(session).get(URL, source="test")
    assert doc.url == final


def test_too_many_redirects_is_a_fetch_error() -> None:
    loop = [redirect(f"https://example.com/hop{i}") for i in range(MAX_REDIRECTS + 5)]
    session = FakeTransport(loop)
    with pytest.raises(FetchError) as info:
        make_client(session).get(URL, source="test")
    assert type(info.value) is FetchError
    assert "too many redirects" in str(info.value)
    assert len(session.calls) == MAX_REDIRECTS + 1


def test_same_site_refuses_a_redirect_to_another_registrable_domain() -> None:
    final = "https://other.example.org/landing"
    session = FakeTransport({URL: [redirect(final)], final: [ok(b"not theirs")]})
    with pytest.raises(BlockedURL) as info:
        make_client(session).get(URL, source="test", same_site=True)
    assert session.urls == [URL]  # the other site was never asked
    assert "redirected to another site (other.example.org)" in str(info.value)
    assert info.value.url == final


def test_same_site_follows_a_redirect_within_the_site() -> None:
    final = "https://www.example.com/home"
    session = FakeTransport({URL: [redirect(final)], final: [ok(b"ours")]})
    doc = make_client(session).get(URL, source="test", same_site=True)
    assert doc.url == final and doc.body == b"ours"


def test_same_site_is_checked_on_a_remembered_redirect_too() -> None:
    final = "https://other.example.org/landing"
    session = FakeTransport({URL: [redirect(final)], final: [ok(b"elsewhere")]})
    client = make_client(session)
    assert client.get(URL, source="test").url == final  # a source that allows it
    with pytest.raises(BlockedURL):
        client.get(URL, source="test", same_site=True)


def test_redirect_without_location_is_an_http_error() -> None:
    session = FakeTransport([FakeRaw(302)])
    with pytest.raises(FetchError) as info:
        make_client(session).get(URL, source="test")
    assert info.value.status == 302


@pytest.mark.parametrize(
    ("addr", "public"),
    [
        ("93.184.216.34", True),
        ("8.8.8.8", True),
        ("2606:4700::1111", True),
        ("::ffff:93.184.216.34", True),
        ("127.0.0.1", False),
        ("127.8.9.10", False),
        ("10.0.0.5", False),
        ("172.31.255.255", False),
        ("192.168.0.1", False),
        ("169.254.169.254", False),
        ("100.64.0.1", False),
        ("0.0.0.0", False),
        ("255.255.255.255", False),
        ("224.0.0.251", False),
        ("192.0.2.1", False),
        ("::1", False),
        ("::", False),
        ("fe80::1%eth0", False),
        ("fc00::1", False),
        ("fd12:3456::1", False),
        ("ff02::1", False),
        ("::ffff:127.0.0.1", False),
        ("::ffff:10.0.0.1", False),
        ("::ffff:169.254.169.254", False),
    ],
)
def test_is_public_address(addr: str, public: bool) -> None:
    assert is_public_address(addr) is public


# --- the disk cache -----------------------------------------------------------------------

IDENTITY = "Jane Doe jane@example.com"


def _cached_client(tmp_path: Path, session: FakeTransport, **kw: Any) -> PoliteClient:
    return make_client(
        session, cache_path=tmp_path / "cache" / "http.sqlite3", contact=IDENTITY, **kw
    )


def test_disk_cache_serves_a_repeat_request_across_clients(tmp_path: Path) -> None:
    first_session = FakeTransport([ok(b'{"n": 1}')])
    first = _cached_client(tmp_path, first_session).get(URL, source="test")
    second_session = FakeTransport([])  # any request would fail the test
    second = _cached_client(tmp_path, second_session).get(URL, source="test")
    assert first.body == second.body == b'{"n": 1}'
    assert second_session.calls == []
    assert second.retrieved_at == first.retrieved_at  # the original retrieval time
    assert second.retrieved_at.tzinfo is not None


def test_cache_file_is_owner_only_and_holds_no_identity(tmp_path: Path) -> None:
    _cached_client(tmp_path, FakeTransport([ok(b"public body")])).get(URL, source="test")
    path = tmp_path / "cache" / "http.sqlite3"
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
    data = path.read_bytes()
    assert b"public body" in data
    assert b"jane@example.com" not in data and b"Jane Doe" not in data
    assert b"User-Agent" not in data


def test_an_existing_world_readable_cache_is_tightened(tmp_path: Path) -> None:
    path = tmp_path / "cache" / "http.sqlite3"
    path.parent.mkdir()
    path.touch(mode=0o644)
    os.chmod(path, 0o644)
    _cached_client(tmp_path, FakeTransport([ok()])).get(URL, source="test")
    assert stat.S_IMODE(path.stat().st_mode) == 0o600


def test_the_old_requests_cache_file_is_removed(tmp_path: Path) -> None:
    (tmp_path / "cache").mkdir()
    legacy = tmp_path / "cache" / "http-cache.sqlite"
    legacy.write_bytes(b"User-Agent: dossier/0.1.0 (Jane Doe jane@example.com)")
    _cached_client(tmp_path, FakeTransport([ok()])).get(URL, source="test")
    assert not legacy.exists()


@pytest.mark.parametrize(
    "bad",
    [
        FakeRaw(200, b"x" * 2000),  # over the cap
        FakeRaw(200, b"0123", {"Content-Length": "10"}),  # cut short, every time
        FakeRaw(503, b"busy"),  # a transient failure
        FakeRaw(404, b"gone"),  # not a 200
    ],
    ids=["over-cap", "short", "503", "404"],
)
def test_only_complete_in_cap_200s_are_cached(tmp_path: Path, bad: FakeRaw) -> None:
    session = FakeTransport([bad] * 4)
    with pytest.raises(FetchError):
        _cached_client(tmp_path, session, retries=0).get(URL, source="test")
    again = FakeTransport([ok(b"fresh")])
    assert _cached_client(tmp_path, again).get(URL, source="test").body == b"fresh"
    assert len(again.calls) == 1


def test_cache_entries_expire_by_the_source_ttl(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import time as time_mod

    now = [1_000_000.0]
    monkeypatch.setattr(time_mod, "time", lambda: now[0])
    _cached_client(tmp_path, FakeTransport([ok(b"old")]), cache_ttl_hours=1).get(URL, source="test")
    now[0] += 1800
    hit = _cached_client(tmp_path, FakeTransport([]), cache_ttl_hours=1).get(URL, source="test")
    assert hit.body == b"old"
    now[0] += 3600
    fresh = FakeTransport([ok(b"new")])
    assert _cached_client(tmp_path, fresh, cache_ttl_hours=1).get(URL, source="test").body == b"new"


def test_a_cached_body_over_a_lowered_cap_is_not_served(tmp_path: Path) -> None:
    _cached_client(tmp_path, FakeTransport([ok(b"x" * 500)])).get(URL, source="test")
    session = FakeTransport([ok(b"y" * 50)])
    assert (
        _cached_client(tmp_path, session, max_bytes=100).get(URL, source="test").body == b"y" * 50
    )


def test_a_cached_redirect_still_obeys_same_site(tmp_path: Path) -> None:
    final = "https://other.example.org/landing"
    _cached_client(tmp_path, FakeTransport({URL: [redirect(final)], final: [ok()]})).get(
        URL, source="test"
    )
    with pytest.raises(BlockedURL):
        _cached_client(tmp_path, FakeTransport([])).get(URL, source="test", same_site=True)


def test_an_unusable_cache_file_is_a_warning_not_a_crash(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    path = tmp_path / "cache" / "http.sqlite3"
    path.parent.mkdir()
    path.write_bytes(b"this is not a database" * 100)
    with caplog.at_level(logging.WARNING, logger="dossier"):
        doc = _cached_client(tmp_path, FakeTransport([ok(b"live")])).get(URL, source="test")
    assert doc.body == b"live"
    assert any("cannot be used" in r.getMessage() for r in caplog.records)
