"""PoliteClient: retries, politeness, size caps, SSRF refusal and the User-Agent.

Nothing here touches the network: the client gets a fake session, a fake resolver, a fake
clock and a sleep that only records how long it was asked to wait.
"""

from __future__ import annotations

import socket
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from typing import Any

import pytest
import requests
from pytest_socket import SocketBlockedError
from requests.structures import CaseInsensitiveDict

from dossier import __version__
from dossier.config import SourceSettings
from dossier.errors import BlockedURL, FetchError, ResponseTooLarge
from dossier.net.client import MAX_REDIRECTS, PoliteClient, is_public_address, user_agent

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


class FakeResponse:
    """Enough of requests.Response for PoliteClient."""

    def __init__(
        self,
        status: int = 200,
        body: bytes = b"",
        headers: dict[str, str] | None = None,
        *,
        chunks: list[bytes] | None = None,
        fail_while_reading: BaseException | None = None,
    ) -> None:
        self.status_code = status
        self.headers: CaseInsensitiveDict[str] = CaseInsensitiveDict(headers or {})
        self._chunks = chunks if chunks is not None else ([body] if body else [])
        self._fail = fail_while_reading
        self.read_started = False
        self.closed = False

    def iter_content(self, chunk_size: int) -> Iterator[bytes]:
        self.read_started = True
        if self._fail is not None:
            raise self._fail
        yield from self._chunks

    def close(self) -> None:
        self.closed = True


def ok(body: bytes = b'{"ok": true}', content_type: str = "application/json") -> FakeResponse:
    return FakeResponse(200, body, {"Content-Type": content_type})


def redirect(location: str, status: int = 302) -> FakeResponse:
    return FakeResponse(status, b"", {"Location": location})


class FakeSession:
    """Answers GETs from a script: a list (in order) or a dict of URL -> list.

    A script item is a FakeResponse to return or an exception to raise. Calling it with
    nothing left in the script fails the test.
    """

    def __init__(self, script: list[Any] | dict[str, list[Any]] | None = None) -> None:
        self.script = script if script is not None else []
        self.headers: dict[str, str] = {}
        self.calls: list[tuple[str, dict[str, Any]]] = []

    @property
    def urls(self) -> list[str]:
        return [url for url, _ in self.calls]

    def get(self, url: str, **kwargs: Any) -> FakeResponse:
        self.calls.append((url, kwargs))
        queue = self.script.get(url, []) if isinstance(self.script, dict) else self.script
        if not queue:
            raise AssertionError(f"unexpected request to {url}")
        item = queue.pop(0)
        if isinstance(item, BaseException):
            raise item
        return item


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
    session: FakeSession | None = None,
    *,
    sleep: Sleeps | None = None,
    clock: FakeClock | None = None,
    contact: str | None = None,
    **kw: Any,
) -> PoliteClient:
    return PoliteClient(
        settings(**kw),
        identity=contact,
        session=session if session is not None else FakeSession(),
        resolver=fake_resolver,
        sleep=sleep if sleep is not None else Sleeps(),
        clock=clock if clock is not None else FakeClock(),
    )


URL = "https://example.com/api/thing?id=1"


# --- the suite really is offline ---------------------------------------------------------


def test_sockets_are_blocked_in_the_test_suite() -> None:
    # pytest-socket also warns; the suite turns warnings into errors, so expect both.
    with pytest.warns(UserWarning, match="socket"), pytest.raises(SocketBlockedError):
        socket.socket().connect((PUBLIC, 80))


# --- happy path, memo, request options ---------------------------------------------------


def test_get_returns_a_document_and_passes_safe_request_options() -> None:
    session = FakeSession([ok(b'{"a": 1}')])
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
    assert kwargs["allow_redirects"] is False  # the client checks every hop itself
    assert kwargs["stream"] is True  # so the size cap can stop a large body early
    assert kwargs["headers"]["Accept"] == "application/json"


def test_same_url_twice_hits_the_session_once() -> None:
    session = FakeSession([ok(b"first"), ok(b"second")])
    client = make_client(session)
    first = client.get(URL, source="test")
    second = client.get(URL, source="test")
    assert len(session.calls) == 1
    assert second.body == first.body == b"first"


def test_a_different_url_is_not_served_from_the_memo() -> None:
    session = FakeSession([ok(b"first"), ok(b"second")])
    client = make_client(session)
    client.get(URL, source="test")
    assert client.get(URL + "&page=2", source="test").body == b"second"
    assert len(session.calls) == 2


def test_http_404_is_a_fetch_error_with_the_status_and_no_retry() -> None:
    session = FakeSession([FakeResponse(404, b"nope")])
    sleeps = Sleeps()
    client = make_client(session, sleep=sleeps)
    with pytest.raises(FetchError) as info:
        client.get(URL, source="test")
    assert info.value.status == 404
    assert info.value.url == URL
    assert info.value.source == "test"
    assert len(session.calls) == 1
    assert sleeps == []


def test_created_at_from_the_cache_is_used_as_retrieved_at() -> None:
    resp = ok()
    resp.created_at = datetime(2026, 1, 2, 3, 4, 5)  # type: ignore[attr-defined]  # naive UTC
    doc = make_client(FakeSession([resp])).get(URL, source="test")
    assert doc.retrieved_at == datetime(2026, 1, 2, 3, 4, 5, tzinfo=UTC)


# --- retries ------------------------------------------------------------------------------


def test_429_honours_retry_after_seconds() -> None:
    session = FakeSession([FakeResponse(429, headers={"Retry-After": "7"}), ok(b"done")])
    sleeps = Sleeps()
    doc = make_client(session, sleep=sleeps).get(URL, source="test")
    assert doc.body == b"done"
    assert sleeps == [7.0]
    assert len(session.calls) == 2


def test_retry_after_as_an_http_date() -> None:
    when = format_datetime(datetime.now(UTC) + timedelta(seconds=30), usegmt=True)
    session = FakeSession([FakeResponse(503, headers={"Retry-After": when}), ok()])
    sleeps = Sleeps()
    make_client(session, sleep=sleeps).get(URL, source="test")
    [wait] = sleeps
    assert 25 <= wait <= 30.5


def test_retry_after_http_date_with_minus_zero_zone() -> None:
    # parsedate_to_datetime returns a naive datetime for "-0000"; that used to be a TypeError.
    when = (datetime.now(UTC) + timedelta(seconds=60)).strftime("%a, %d %b %Y %H:%M:%S -0000")
    session = FakeSession([FakeResponse(429, headers={"Retry-After": when}), ok()])
    sleeps = Sleeps()
    make_client(session, sleep=sleeps).get(URL, source="test")
    [wait] = sleeps
    assert 55 <= wait <= 60.5


def test_retry_after_in_the_past_waits_zero_and_huge_values_are_capped() -> None:
    past = format_datetime(datetime(2000, 1, 1, tzinfo=UTC), usegmt=True)
    session = FakeSession(
        [
            FakeResponse(429, headers={"Retry-After": past}),
            FakeResponse(429, headers={"Retry-After": "86400"}),
            ok(),
        ]
    )
    sleeps = Sleeps()
    make_client(session, sleep=sleeps).get(URL, source="test")
    assert sleeps == [0.0, 300.0]


def test_503_twice_then_200_backs_off_exponentially(monkeypatch: pytest.MonkeyPatch) -> None:
    session = FakeSession([FakeResponse(503), FakeResponse(503), ok(b"finally")])
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
    session = FakeSession([FakeResponse(502), FakeResponse(504), FakeResponse(500), ok()])
    sleeps = Sleeps()
    make_client(session, sleep=sleeps, backoff=1.5).get(URL, source="test")
    assert sleeps == [1.5, 3.0, 6.0]


def test_retried_responses_are_closed() -> None:
    failed = FakeResponse(503)
    make_client(FakeSession([failed, ok()])).get(URL, source="test")
    assert failed.closed


def test_500_every_time_gives_up_after_retries_plus_one_attempts() -> None:
    session = FakeSession([FakeResponse(500, b"oops") for _ in range(10)])
    sleeps = Sleeps()
    with pytest.raises(FetchError) as info:
        make_client(session, sleep=sleeps, retries=2).get(URL, source="test")
    assert info.value.status == 500
    assert len(session.calls) == 3
    assert len(sleeps) == 2


def test_zero_retries_means_one_attempt() -> None:
    session = FakeSession([FakeResponse(503) for _ in range(3)])
    with pytest.raises(FetchError) as info:
        make_client(session, retries=0).get(URL, source="test")
    assert info.value.status == 503
    assert len(session.calls) == 1


def test_timeout_then_200_succeeds() -> None:
    session = FakeSession([requests.Timeout("read timed out"), ok(b"late")])
    sleeps = Sleeps()
    doc = make_client(session, sleep=sleeps).get(URL, source="test")
    assert doc.body == b"late"
    assert len(session.calls) == 2
    assert len(sleeps) == 1


def test_connection_error_every_time_is_a_fetch_error_without_status() -> None:
    session = FakeSession([requests.ConnectionError("refused") for _ in range(10)])
    with pytest.raises(FetchError) as info:
        make_client(session, retries=3).get(URL, source="test")
    assert info.value.status is None
    assert "4 attempts" in str(info.value)
    assert URL in str(info.value)
    assert len(session.calls) == 4
    assert isinstance(info.value.__cause__, requests.ConnectionError)


def test_a_failure_while_reading_the_body_is_retried() -> None:
    broken = FakeResponse(200, fail_while_reading=requests.ConnectionError("reset mid-body"))
    session = FakeSession([broken, ok(b"whole")])
    doc = make_client(session).get(URL, source="test")
    assert doc.body == b"whole"
    assert len(session.calls) == 2


def test_other_requests_errors_become_fetch_errors() -> None:
    session = FakeSession([requests.exceptions.InvalidHeader("bad header")])
    with pytest.raises(FetchError) as info:
        make_client(session).get(URL, source="test")
    assert "InvalidHeader" in str(info.value)
    assert len(session.calls) == 1


# --- politeness ---------------------------------------------------------------------------


def test_same_host_waits_the_minimum_interval() -> None:
    session = FakeSession([ok(), ok()])
    sleeps = Sleeps()  # the clock never advances: no time passes between the two requests
    client = make_client(session, sleep=sleeps, clock=FakeClock(), min_interval=0.2)
    client.get("https://example.com/a", source="test")
    assert sleeps == []
    client.get("https://example.com/b", source="test")
    assert sleeps == [pytest.approx(0.2)]


def test_only_the_remaining_part_of_the_interval_is_waited() -> None:
    clock = FakeClock()
    sleeps = Sleeps()
    client = make_client(FakeSession([ok(), ok(), ok()]), sleep=sleeps, clock=clock, min_interval=1)
    client.get("https://example.com/a", source="test")
    clock.now += 0.75
    client.get("https://example.com/b", source="test")
    assert sleeps == [pytest.approx(0.25)]
    clock.now += 5
    client.get("https://example.com/c", source="test")
    assert sleeps == [pytest.approx(0.25)]


def test_different_hosts_do_not_wait_on_each_other() -> None:
    session = FakeSession([ok(), ok()])
    sleeps = Sleeps()
    client = make_client(session, sleep=sleeps, clock=FakeClock(), min_interval=5)
    client.get("https://example.com/a", source="test")
    client.get("https://other.example.org/b", source="test")
    assert sleeps == []


def test_retries_also_respect_the_interval() -> None:
    clock = FakeClock()
    sleeps = Sleeps(clock)
    session = FakeSession([FakeResponse(429, headers={"Retry-After": "0"}), ok()])
    make_client(session, sleep=sleeps, clock=clock, min_interval=2).get(URL, source="test")
    # Retry-After 0, then the per-host interval before the second attempt.
    assert sleeps == [0.0, pytest.approx(2.0)]


def test_user_agent_names_the_contact_on_the_session() -> None:
    session = FakeSession([ok()])
    client = make_client(session, contact="Jane Doe jane@example.com")
    client.get(URL, source="test")
    assert session.headers["User-Agent"] == f"dossier/{__version__} (Jane Doe jane@example.com)"


def test_user_agent_without_contact_says_so() -> None:
    session = FakeSession([ok()])
    make_client(session).get(URL, source="test")
    ua = session.headers["User-Agent"]
    assert ua.startswith(f"dossier/{__version__} (")
    assert "no identity configured" in ua


def test_the_default_session_carries_the_user_agent() -> None:
    client = PoliteClient(settings(), identity="Jane Doe jane@example.com")
    session = client.session()  # a plain requests.Session; nothing is sent
    assert isinstance(session, requests.Session)
    assert session.headers["User-Agent"] == user_agent("Jane Doe jane@example.com")
    assert user_agent(None) == f"dossier/{__version__} (no identity configured)"


# --- size cap -----------------------------------------------------------------------------


def test_declared_content_length_over_the_cap_is_refused_before_reading() -> None:
    resp = FakeResponse(200, b"x" * 10, {"Content-Length": "101"})
    with pytest.raises(ResponseTooLarge) as info:
        make_client(FakeSession([resp]), max_bytes=100).get(URL, source="test")
    assert not resp.read_started
    assert resp.closed
    assert info.value.url == URL


def test_streamed_body_passing_the_cap_is_refused() -> None:
    resp = FakeResponse(200, chunks=[b"x" * 60, b"y" * 41, b"z" * 1000])
    with pytest.raises(ResponseTooLarge):
        make_client(FakeSession([resp]), max_bytes=100).get(URL, source="test")
    assert resp.closed


def test_body_exactly_at_the_cap_passes() -> None:
    resp = FakeResponse(200, chunks=[b"x" * 60, b"y" * 40], headers={"Content-Length": "100"})
    doc = make_client(FakeSession([resp]), max_bytes=100).get(URL, source="test")
    assert len(doc.body) == 100


def test_a_large_response_is_not_retried() -> None:
    session = FakeSession([FakeResponse(200, b"x" * 200), ok()])
    with pytest.raises(ResponseTooLarge):
        make_client(session, max_bytes=100).get(URL, source="test")
    assert len(session.calls) == 1


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
    session = FakeSession([ok()])
    with pytest.raises(BlockedURL) as info:
        make_client(session).get(url, source="test")
    assert session.calls == []
    assert info.value.url == url
    assert "refused" in str(info.value)


@pytest.mark.parametrize(
    "url", ["file:///etc/passwd", "ftp://example.com/x", "gopher://example.com/", "http:///x"]
)
def test_non_http_urls_are_blocked(url: str) -> None:
    session = FakeSession([ok()])
    with pytest.raises(BlockedURL):
        make_client(session).get(url, source="test")
    assert session.calls == []


def test_public_ipv6_host_is_allowed() -> None:
    session = FakeSession([ok()])
    make_client(session).get("https://v6.example.net/x", source="test")
    make_client(FakeSession([ok()])).get("https://[2606:4700::1111]/x", source="test")
    assert len(session.calls) == 1


def test_unresolvable_host_is_a_fetch_error_without_a_request() -> None:
    session = FakeSession([ok()])
    with pytest.raises(FetchError) as info:
        make_client(session).get("https://nowhere.invalid/", source="test")
    assert not isinstance(info.value, BlockedURL)
    assert "nowhere.invalid" in str(info.value)
    assert session.calls == []


def test_host_resolving_to_nothing_is_blocked() -> None:
    client = PoliteClient(settings(), session=FakeSession([ok()]), resolver=lambda host: [])
    with pytest.raises(BlockedURL):
        client.get("https://example.com/", source="test")


def test_redirect_to_loopback_is_refused_after_one_request() -> None:
    session = FakeSession([redirect("http://127.0.0.1/admin"), ok(b"secret")])
    with pytest.raises(BlockedURL) as info:
        make_client(session).get(URL, source="test")
    assert session.urls == [URL]
    assert info.value.url == "http://127.0.0.1/admin"


def test_redirect_to_a_host_resolving_private_is_refused() -> None:
    session = FakeSession([redirect("http://localhost/"), ok(b"secret")])
    with pytest.raises(BlockedURL):
        make_client(session).get(URL, source="test")
    assert len(session.calls) == 1


def test_redirect_to_a_file_url_is_refused() -> None:
    session = FakeSession([redirect("file:///etc/passwd"), ok(b"root:x:0:0")])
    with pytest.raises(BlockedURL):
        make_client(session).get(URL, source="test")
    assert len(session.calls) == 1


@pytest.mark.parametrize("status", [301, 302, 303, 307, 308])
def test_redirect_to_another_public_host_is_followed(status: int) -> None:
    final = "https://other.example.org/moved?id=1"
    session = FakeSession({URL: [redirect(final, status)], final: [ok(b"moved here")]})
    doc = make_client(session).get(URL, source="test")
    assert doc.url == final
    assert doc.body == b"moved here"
    assert session.urls == [URL, final]


def test_relative_redirect_is_resolved_against_the_current_url() -> None:
    final = "https://example.com/api/v2/thing"
    session = FakeSession({URL: [redirect("v2/thing")], final: [ok(b"v2")]})
    doc = make_client(session).get(URL, source="test")
    assert doc.url == final


def test_too_many_redirects_is_a_fetch_error() -> None:
    loop = [redirect(f"https://example.com/hop{i}") for i in range(MAX_REDIRECTS + 5)]
    session = FakeSession(loop)
    with pytest.raises(FetchError) as info:
        make_client(session).get(URL, source="test")
    assert type(info.value) is FetchError
    assert "too many redirects" in str(info.value)
    assert len(session.calls) == MAX_REDIRECTS + 1


def test_redirect_without_location_is_an_http_error() -> None:
    session = FakeSession([FakeResponse(302)])
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


def test_disk_cache_serves_a_repeat_request_across_clients(tmp_path) -> None:
    """The real requests-cache session, with a transport adapter instead of a network."""
    import io

    import requests
    import urllib3
    from requests.adapters import BaseAdapter

    from dossier.config import SourceSettings

    calls: list[str] = []

    class Adapter(BaseAdapter):
        def send(self, request, **kwargs):
            calls.append(request.url)
            r = requests.Response()
            r.status_code = 200
            r.headers["Content-Type"] = "application/json"
            r.raw = urllib3.HTTPResponse(
                body=io.BytesIO(b'{"n": %d}' % len(calls)),
                preload_content=False,
                status=200,
                headers={"Content-Type": "application/json"},
                request_url=request.url,
            )
            r.url, r.request = request.url, request
            return r

        def close(self) -> None:
            pass

    def client() -> PoliteClient:
        c = PoliteClient(
            {"t": SourceSettings(name="t", min_interval=0, cache_ttl_hours=1)},
            identity="Jane Doe jane@example.com",
            cache_path=tmp_path / "cache.sqlite",
            resolver=fake_resolver,
        )
        c.session().mount("https://", Adapter())
        return c

    first = client().get("https://example.com/a", source="t")
    second = client().get("https://example.com/a", source="t")
    assert first.body == second.body == b'{"n": 1}'
    assert calls == ["https://example.com/a"]
    assert second.retrieved_at.tzinfo is not None
    assert abs((second.retrieved_at - first.retrieved_at).total_seconds()) < 60
