"""The real client and wire against a misbehaving server on 127.0.0.1 (tests/faultserver.py).

Each test is one fault from the red-team pass, in the form "the same input now gives a clear
message or a gap, and nothing is lost (or stored)". The guard refuses loopback, so these
clients name the fault server in ``allow_addresses`` (test-only; the first test checks the
default refuses it). Sockets are enabled for this module only, and only to 127.0.0.1.
"""

from __future__ import annotations

import logging
import shutil
import socket
import ssl
import subprocess
import threading
import time
from pathlib import Path
from typing import Any

import pytest
import urllib3

from dossier.config import SourceSettings
from dossier.errors import (
    BlockedURL,
    DeadlineExceeded,
    NetworkError,
    ResponseTooLarge,
    WaitTooLong,
)
from dossier.net.client import PoliteClient
from dossier.net.transport import UrllibTransport

from .faultserver import FaultServer, running

pytestmark = [pytest.mark.enable_socket, pytest.mark.allow_hosts(["127.0.0.1"])]

IDENTITY = "Jane Doe jane@example.com"
PUBLIC = "93.184.216.34"


def cfg(**kw: Any) -> dict[str, SourceSettings]:
    base: dict[str, Any] = {
        "min_interval": 0.0,
        "retries": 1,
        "backoff": 0.01,
        "timeout": 5.0,
        "deadline": 1.5,
        "max_bytes": 1_000_000,
    }
    base.update(kw)
    return {"t": SourceSettings(name="t", **base)}


def client(tmp_path: Path | None = None, *, resolver: Any = None, **kw: Any) -> PoliteClient:
    extra: dict[str, Any] = {}
    if resolver is not None:
        extra["resolver"] = resolver
    return PoliteClient(
        cfg(**kw),
        identity=IDENTITY,
        cache_path=tmp_path / "cache" / "http.sqlite3" if tmp_path is not None else None,
        allow_addresses=["127.0.0.1"],
        transport=UrllibTransport(trust_env=False),
        **extra,
    )


@pytest.fixture
def server() -> Any:
    with running() as s:
        yield s


def loopback(host: str) -> list[str]:
    return ["127.0.0.1"]


# --- the guard's default, and the plain path ------------------------------------------------


def test_the_default_client_refuses_the_loopback_server(server: FaultServer) -> None:
    plain = PoliteClient(cfg(), transport=UrllibTransport(trust_env=False))
    with pytest.raises(BlockedURL, match="non-public address"):
        plain.get(server.url("/ok"), source="t")
    assert server.requests == []


def test_a_plain_request_carries_the_identity_and_is_cached_without_it(
    server: FaultServer, tmp_path: Path
) -> None:
    doc = client(tmp_path).get(server.url("/ok"), source="t")
    assert doc.body.startswith(b'{"ok": true')
    [(_, headers)] = server.requests
    assert headers["User-Agent"].endswith(f"({IDENTITY})")
    again = client(tmp_path).get(server.url("/ok"), source="t")  # a warm rerun
    assert again.body == doc.body and len(server.requests) == 1  # served from the cache
    data = (tmp_path / "cache" / "http.sqlite3").read_bytes()
    assert b"jane@example.com" not in data


def test_connection_refused_says_so(tmp_path: Path) -> None:
    probe = socket.socket()
    probe.bind(("127.0.0.1", 0))
    port = probe.getsockname()[1]
    probe.close()  # nothing listens there now
    with pytest.raises(NetworkError) as info:
        client().get(f"http://127.0.0.1:{port}/x", source="t")
    assert info.value.kind == "refused"
    assert "127.0.0.1 refused the connection" in str(info.value)


# --- size caps: before the cache, on the wire and decompressed -------------------------------


def test_a_chunked_body_over_the_cap_stops_at_the_cap_and_is_not_cached(
    server: FaultServer, tmp_path: Path
) -> None:
    url = server.url("/big?mb=50")
    with pytest.raises(ResponseTooLarge) as info:
        client(tmp_path).get(url, source="t")
    assert "over 1,000,000 bytes (on the wire)" in str(info.value)
    with pytest.raises(ResponseTooLarge):
        client(tmp_path).get(url, source="t")
    assert server.paths() == ["/big", "/big"]  # never served from the cache


def test_a_gzip_bomb_stops_at_the_decompressed_cap(server: FaultServer, tmp_path: Path) -> None:
    with pytest.raises(ResponseTooLarge) as info:
        client(tmp_path).get(server.url("/bomb"), source="t")
    assert "(decompressed)" in str(info.value)


# --- short reads, slow drips, long waits -----------------------------------------------------


def test_a_short_body_is_retried_then_a_clear_gap(server: FaultServer) -> None:
    with pytest.raises(NetworkError) as info:
        client().get(server.url("/short"), source="t")
    assert info.value.kind == "short"
    assert "ended early" in str(info.value) and "after 2 attempts" in str(info.value)
    assert server.paths() == ["/short", "/short"]


def test_a_short_body_once_is_retried_and_the_whole_one_is_kept(
    server: FaultServer, tmp_path: Path
) -> None:
    doc = client(tmp_path).get(server.url("/short-once"), source="t")
    assert doc.body == b"y" * 100
    assert client(tmp_path).get(server.url("/short-once"), source="t").body == b"y" * 100
    assert server.paths() == ["/short-once", "/short-once"]  # the third came from the cache


@pytest.mark.parametrize("path", ["/drip", "/drip-headers"])
def test_a_slow_drip_ends_at_the_deadline(server: FaultServer, path: str) -> None:
    started = time.monotonic()
    with pytest.raises(DeadlineExceeded) as info:
        client(deadline=1.0).get(server.url(path), source="t")
    # Behaviour, not a speed goal: the drip would take 200 s; the request gives up near 1 s.
    assert time.monotonic() - started < 10
    assert "gave up on" in str(info.value) and "deadline_seconds" in str(info.value)
    assert server.paths() == [path]  # not retried


def test_a_huge_retry_after_is_a_gap_without_waiting(server: FaultServer) -> None:
    slept: list[float] = []
    c = client()
    c.sleep = slept.append
    with pytest.raises(WaitTooLong, match="asked to wait 100,000 s"):
        c.get(server.url("/wait"), source="t")
    assert slept == [] and server.paths() == ["/wait"]


# --- redirects -------------------------------------------------------------------------------


def test_a_cross_site_redirect_is_refused_for_a_same_site_request(server: FaultServer) -> None:
    target = server.url("/ok", host="elsewhere.test")
    start = server.url(f"/redirect?to={target}", host="www.company.test")
    with pytest.raises(BlockedURL, match=r"redirected to another site \(elsewhere.test\)"):
        client(resolver=loopback).get(start, source="t", same_site=True)
    assert server.paths() == ["/redirect"]
    # A source that may follow it does, and the pinned connection keeps the Host header.
    doc = client(resolver=loopback).get(start, source="t")
    assert doc.url == target
    assert server.requests[-1][1]["Host"] == f"elsewhere.test:{server.port}"


# --- DNS rebinding ---------------------------------------------------------------------------


class RebindingDNS:
    """Answers a public address for the first lookup of rebind.test, 127.0.0.1 after."""

    def __init__(self, real: Any) -> None:
        self.real = real
        self.asked = 0

    def __call__(self, host: Any, port: Any, *args: Any, **kwargs: Any) -> Any:
        if host == "rebind.test":
            self.asked += 1
            host = PUBLIC if self.asked == 1 else "127.0.0.1"
        return self.real(host, port, *args, **kwargs)


@pytest.fixture
def rebinding(monkeypatch: pytest.MonkeyPatch) -> tuple[RebindingDNS, list[tuple[str, int]]]:
    dns = RebindingDNS(socket.getaddrinfo)
    monkeypatch.setattr(socket, "getaddrinfo", dns)
    connects: list[tuple[str, int]] = []
    real_connect = urllib3.util.connection.create_connection

    def connect(address: tuple[str, int], *args: Any, **kwargs: Any) -> socket.socket:
        # A host name is looked up here (through the rebinding DNS), as urllib3 would.
        ip = socket.getaddrinfo(address[0], address[1], type=socket.SOCK_STREAM)[0][4][0]
        connects.append((ip, address[1]))
        if ip != "127.0.0.1":  # the internet is out of reach from the test
            raise ConnectionRefusedError(111, "Connection refused")
        return real_connect((ip, address[1]), *args, **kwargs)

    monkeypatch.setattr(urllib3.util.connection, "create_connection", connect)
    return dns, connects


def test_dns_rebinding_never_reaches_the_loopback(
    server: FaultServer, rebinding: tuple[RebindingDNS, list[tuple[str, int]]]
) -> None:
    dns, connects = rebinding
    url = f"http://rebind.test:{server.port}/ok"
    plain = PoliteClient(cfg(), transport=UrllibTransport(trust_env=False))  # default resolver
    with pytest.raises(NetworkError) as info:
        plain.get(url, source="t")
    assert info.value.kind == "refused"
    assert connects == [(PUBLIC, server.port)]  # the vetted address, and only it
    assert server.requests == []  # 127.0.0.1 was never reached


def test_the_rebinding_fixture_does_reach_the_loopback_for_a_client_that_looks_up_again(
    server: FaultServer, rebinding: tuple[RebindingDNS, list[tuple[str, int]]]
) -> None:
    # The control: a client that resolves once to check and again to connect is fooled.
    dns, _ = rebinding
    dns("rebind.test", None)  # the check sees the public address
    urllib3.PoolManager().request("GET", f"http://rebind.test:{server.port}/ok", retries=False)
    assert server.paths() == ["/ok"]


# --- proxies ---------------------------------------------------------------------------------


def test_through_a_proxy_without_local_dns_the_request_goes_and_is_said_once(
    server: FaultServer, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    monkeypatch.setenv("HTTP_PROXY", f"http://127.0.0.1:{server.port}")
    monkeypatch.delenv("NO_PROXY", raising=False)
    monkeypatch.delenv("no_proxy", raising=False)

    def no_dns(host: str) -> list[str]:
        raise socket.gaierror(socket.EAI_AGAIN, "Temporary failure in name resolution")

    c = PoliteClient(cfg(), transport=UrllibTransport(), resolver=no_dns)
    with caplog.at_level(logging.WARNING, logger="dossier"):
        doc = c.get("http://intranet-free.test/ok", source="t")
        c.get("http://intranet-free.test/ok?again=1", source="t")
    assert doc.body.startswith(b'{"ok"')
    assert server.requests[0][1]["Host"] == "intranet-free.test"  # the proxy was asked for it
    said = [r for r in caplog.records if "HTTPS_PROXY" in r.getMessage()]
    assert len(said) == 1


def test_no_proxy_sends_the_request_direct_and_dns_fails_clearly(
    server: FaultServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("HTTP_PROXY", f"http://127.0.0.1:{server.port}")
    monkeypatch.setenv("NO_PROXY", ".intranet-free.test")

    def no_dns(host: str) -> list[str]:
        raise socket.gaierror(socket.EAI_AGAIN, "Temporary failure in name resolution")

    c = PoliteClient(cfg(), transport=UrllibTransport(), resolver=no_dns)
    with pytest.raises(NetworkError, match="could not resolve www.intranet-free.test: no network"):
        c.get("http://www.intranet-free.test/ok", source="t")
    assert server.requests == []


# --- TLS: pinned to the address, verified for the name ----------------------------------------


@pytest.fixture
def tls_server(tmp_path: Path) -> Any:
    if shutil.which("openssl") is None:
        pytest.skip("openssl is not installed")
    cert, key = tmp_path / "cert.pem", tmp_path / "key.pem"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1"]
        + ["-keyout", str(key), "-out", str(cert), "-subj", "/CN=pinned.test"]
        + ["-addext", "subjectAltName=DNS:pinned.test"],
        check=True,
        capture_output=True,
    )
    server = FaultServer()
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(cert, key)
    server.socket = context.wrap_socket(server.socket, server_side=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server, str(cert)
    server.shutdown()
    server.server_close()


def test_tls_to_the_pinned_address_checks_the_certificate_for_the_host_name(
    tls_server: tuple[FaultServer, str],
) -> None:
    server, ca = tls_server

    def make() -> PoliteClient:
        return PoliteClient(
            cfg(),
            resolver=loopback,
            allow_addresses=["127.0.0.1"],
            transport=UrllibTransport(trust_env=False, ca_certs=ca),
        )

    doc = make().get(f"https://pinned.test:{server.port}/ok", source="t")
    assert doc.body.startswith(b'{"ok"')  # SNI and the certificate name were pinned.test
    with pytest.raises(NetworkError) as info:
        make().get(f"https://other.test:{server.port}/ok", source="t")
    assert info.value.kind == "tls"
    assert "TLS certificate of other.test could not be verified" in str(info.value)
