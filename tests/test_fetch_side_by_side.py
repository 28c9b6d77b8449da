"""A company's sources fetch side by side when live (dossier.research.collect.fetch_all), one
after another offline; two threads asking for one URL send one request (PoliteClient).

No timing is asserted: a barrier that every source's fetch must reach proves they run at the
same time (one after another, the first would wait at it alone and the barrier would break).
"""

from __future__ import annotations

import contextvars
import threading
from datetime import date
from typing import Any, ClassVar

import pytest

from dossier.config import SourceSettings
from dossier.model import Identifiers
from dossier.net.client import PoliteClient
from dossier.research.collect import fetch_all
from dossier.sources.base import Entity, Fetched, RunContext, Source

from .fakes_http import FakeRaw, FakeTransport, fake_resolver, ok

_MARK: contextvars.ContextVar[str] = contextvars.ContextVar("test_mark", default="unset")


class _Client:
    def __init__(self, offline: bool) -> None:
        self.offline = offline


class _Meeting(Source):
    """A source whose fetch waits at a barrier all sources share, and says which thread and
    context it ran in."""

    name: ClassVar[str] = "meeting"
    label: ClassVar[str] = "Meeting"
    licence: ClassVar[str] = ""

    def __init__(self, barrier: threading.Barrier | None, seen: list[Any], tag: str) -> None:
        self.barrier, self.seen, self.tag = barrier, seen, tag

    def fetch(self, entity: Entity, ctx: RunContext) -> Fetched:
        if self.barrier is not None:
            self.barrier.wait(timeout=20)
        self.seen.append((self.tag, threading.current_thread().name, _MARK.get()))
        return Fetched(gaps=[])

    def extract(self, documents: list[Any]) -> list[Any]:
        return []


def _entity() -> Entity:
    return Entity(name="Acme Inc.", ids=Identifiers())


def _ctx() -> RunContext:
    return RunContext(today=date(2026, 12, 2))


def test_live_sources_fetch_at_the_same_time_in_this_thread_s_context() -> None:
    barrier = threading.Barrier(3)
    seen: list[Any] = []
    sources = {t: _Meeting(barrier, seen, t) for t in ("a", "b", "c")}
    token = _MARK.set("this company")
    try:
        got = fetch_all(sources, _entity(), _ctx(), _Client(False))  # type: ignore[arg-type]
    finally:
        _MARK.reset(token)
    assert list(got) == ["a", "b", "c"]  # the sources' order, whoever finished first
    assert {mark for *_, mark in seen} == {"this company"}
    assert all(name.startswith("dossier-fetch") for _, name, _ in seen)


def test_offline_sources_fetch_one_after_another_here() -> None:
    seen: list[Any] = []
    sources = {t: _Meeting(None, seen, t) for t in ("a", "b", "c")}
    fetch_all(sources, _entity(), _ctx(), _Client(True))  # type: ignore[arg-type]
    assert [tag for tag, *_ in seen] == ["a", "b", "c"]
    assert {name for _, name, _ in seen} == {threading.current_thread().name}


def test_a_fetch_that_raises_raises_from_fetch_all() -> None:
    class Broken(_Meeting):
        def fetch(self, entity: Entity, ctx: RunContext) -> Fetched:
            raise RuntimeError("broken source")

    seen: list[Any] = []
    sources = {"a": _Meeting(None, seen, "a"), "b": Broken(None, seen, "b")}
    with pytest.raises(RuntimeError, match="broken source"):
        fetch_all(sources, _entity(), _ctx(), _Client(False))  # type: ignore[arg-type]
    assert [tag for tag, *_ in seen] == ["a"]  # the others still ran


class _SlowTransport(FakeTransport):
    """Answers once, after the second thread is known to be waiting for the same URL."""

    def __init__(self, started: threading.Event, release: threading.Event) -> None:
        super().__init__({"https://example.com/home": [ok(b"home page", "text/html")]})
        self.started, self.release = started, release

    def open(self, url: str, **kwargs: Any) -> Any:
        self.started.set()
        assert self.release.wait(timeout=20)
        return super().open(url, **kwargs)


def test_two_threads_asking_for_one_url_send_one_request() -> None:
    started, release = threading.Event(), threading.Event()
    transport = _SlowTransport(started, release)
    s = {"min_interval": 0.0, "retries": 0, "max_bytes": 10_000}
    client = PoliteClient(
        {n: SourceSettings(name=n, **s) for n in ("website", "newsroom")},
        transport=transport,
        resolver=fake_resolver,
    )
    bodies: list[bytes] = []

    def get(source: str) -> None:
        bodies.append(client.get("https://example.com/home", source=source).body)

    first = threading.Thread(target=get, args=("website",))
    first.start()
    assert started.wait(timeout=20)
    second = threading.Thread(target=get, args=("newsroom",))
    second.start()
    second.join(timeout=0.5)
    assert second.is_alive()  # waiting for the first thread's answer, not sending its own
    release.set()
    first.join(timeout=20)
    second.join(timeout=20)
    assert bodies == [b"home page", b"home page"]
    assert transport.urls == ["https://example.com/home"]


def test_a_failed_request_lets_the_waiting_thread_send_its_own() -> None:
    transport = FakeTransport({"https://example.com/x": [FakeRaw(404), ok()]})
    s = {"min_interval": 0.0, "retries": 0, "max_bytes": 10_000}
    client = PoliteClient(
        {"test": SourceSettings(name="test", **s)}, transport=transport, resolver=fake_resolver
    )
    with pytest.raises(Exception, match="404"):
        client.get("https://example.com/x", source="test")
    assert client.get("https://example.com/x", source="test").status == 200
    assert not client._inflight
