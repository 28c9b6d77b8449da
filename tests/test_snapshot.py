"""Offline snapshots: replaying them (--offline) and recording them (--save-snapshot)."""

from __future__ import annotations

import gzip
import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from dossier.errors import ConfigError, FetchError, NotInSnapshot, ResponseTooLarge
from dossier.net.client import PoliteClient
from dossier.net.snapshot import SnapshotReader, SnapshotWriter, match_key
from tests.fakes_http import FakeRaw as FakeResponse
from tests.fakes_http import FakeTransport as FakeSession
from tests.fakes_http import fake_resolver
from tests.test_http import FakeClock, Sleeps, settings

CONTACT = "Jane Doe jane@example.com"
WHEN = "2026-03-05T12:30:00+00:00"
API = "https://www.example.com/w/api.php?action=query&format=json&titles=Apple%20Inc."


class NoNetwork:
    """A transport that fails the test if the client ever reaches for the network."""

    def proxy_for(self, url: str) -> None:
        raise AssertionError(f"offline client went to the network for {url}")

    def open(self, url: str, **kwargs: Any) -> None:
        raise AssertionError(f"offline client went to the network for {url}")


def entry(url: str, body: str, **extra: Any) -> dict[str, Any]:
    return {
        "method": "GET",
        "url": url,
        "status": 200,
        "content_type": "application/json",
        "retrieved_at": WHEN,
        "body": body,
        **extra,
    }


def write_snapshot(
    root: Path, entries: list[dict[str, Any]], bodies: dict[str, bytes] | None = None
) -> Path:
    root.mkdir(parents=True, exist_ok=True)
    (root / "index.jsonl").write_text(
        "".join(json.dumps(e) + "\n" for e in entries), encoding="utf-8"
    )
    for rel, data in (bodies or {}).items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(gzip.compress(data) if rel.endswith(".gz") else data)
    return root


def offline(root: Path, **kw: Any) -> PoliteClient:
    return PoliteClient(settings(**kw), offline=root, transport=NoNetwork(), resolver=fake_resolver)


@pytest.fixture
def snap(tmp_path: Path) -> Path:
    return write_snapshot(
        tmp_path / "snap",
        [
            entry(API, "bodies/apple.json"),
            entry(
                "https://www.wikidata.org/w/api.php?action=wbgetentities&ids=Q312&props=labels%7Cclaims",
                "bodies/q312.json",
            ),
            entry("https://api.example.org/search?q=a|b", "bodies/pipe.json"),
            entry("https://data.example.org/big.json", "bodies/big.json.gz"),
            entry("https://data.example.org/missing.json", "bodies/404.json", status=404),
            entry(
                "https://data.example.org/made.json",
                "bodies/made.json",
                constructed=True,
                note="built by hand from the annual report",
            ),
        ],
        {
            "bodies/apple.json": b'{"title": "Apple Inc."}',
            "bodies/q312.json": b'{"id": "Q312"}',
            "bodies/pipe.json": b'{"pipe": true}',
            "bodies/big.json.gz": b'{"big": "' + b"x" * 500 + b'"}',
            "bodies/404.json": b'{"error": "not found"}',
            "bodies/made.json": b'{"made": true}',
        },
    )


# --- replay -------------------------------------------------------------------------------


def test_exact_url_is_served_from_the_snapshot(snap: Path) -> None:
    doc = offline(snap).get(API, source="test")
    assert doc.body == b'{"title": "Apple Inc."}'
    assert doc.status == 200
    assert doc.content_type == "application/json"
    assert doc.retrieved_at == datetime(2026, 3, 5, 12, 30, tzinfo=UTC)
    assert doc.url == API
    assert doc.source == "test"
    assert doc.constructed is False


def test_query_parameters_in_another_order_match(snap: Path) -> None:
    url = "https://www.example.com/w/api.php?titles=Apple%20Inc.&format=json&action=query"
    assert offline(snap).get(url, source="test").body == b'{"title": "Apple Inc."}'


def test_percent_encoded_and_literal_characters_match_both_ways(snap: Path) -> None:
    client = offline(snap)
    literal = "https://www.wikidata.org/w/api.php?action=wbgetentities&ids=Q312&props=labels|claims"
    assert client.get(literal, source="test").body == b'{"id": "Q312"}'
    encoded = "https://api.example.org/search?q=a%7Cb"
    assert client.get(encoded, source="test").body == b'{"pipe": true}'
    lower = "https://api.example.org/search?q=a%7cb"
    assert client.get(lower, source="test").body == b'{"pipe": true}'


def test_space_as_plus_or_percent_20_matches(snap: Path) -> None:
    url = "https://www.example.com/w/api.php?action=query&format=json&titles=Apple+Inc."
    assert offline(snap).get(url, source="test").body == b'{"title": "Apple Inc."}'


def test_host_and_scheme_case_do_not_matter(snap: Path) -> None:
    url = "HTTPS://WWW.Example.COM/w/api.php?action=query&format=json&titles=Apple%20Inc."
    assert offline(snap).get(url, source="test").body == b'{"title": "Apple Inc."}'


@pytest.mark.parametrize(
    "url",
    [
        # another path (paths are case-sensitive)
        "https://www.example.com/W/api.php?action=query&format=json&titles=Apple%20Inc.",
        # another scheme
        "http://www.example.com/w/api.php?action=query&format=json&titles=Apple%20Inc.",
        # another host
        "https://example.com/w/api.php?action=query&format=json&titles=Apple%20Inc.",
        # another value, a missing parameter, an extra parameter
        "https://www.example.com/w/api.php?action=query&format=json&titles=Apple",
        "https://www.example.com/w/api.php?action=query&titles=Apple%20Inc.",
        "https://www.example.com/w/api.php?action=query&format=json&titles=Apple%20Inc.&x=1",
    ],
)
def test_near_misses_are_not_in_the_snapshot(snap: Path, url: str) -> None:
    with pytest.raises(NotInSnapshot):
        offline(snap).get(url, source="test")


def test_gz_body_is_decompressed(snap: Path) -> None:
    doc = offline(snap).get("https://data.example.org/big.json", source="test")
    assert doc.json() == {"big": "x" * 500}


def test_a_recorded_404_is_a_fetch_error_with_status(snap: Path) -> None:
    with pytest.raises(FetchError) as info:
        offline(snap).get("https://data.example.org/missing.json", source="test")
    assert not isinstance(info.value, NotInSnapshot)
    assert info.value.status == 404


def test_missing_url_raises_not_in_snapshot(snap: Path) -> None:
    url = "https://data.example.org/nope.json?x=1"
    with pytest.raises(NotInSnapshot) as info:
        offline(snap).get(url, source="wikidata")
    assert str(info.value) == f"not in snapshot: {url}"
    assert info.value.url == url
    assert info.value.source == "wikidata"
    assert info.value.status is None
    assert isinstance(info.value, FetchError)  # callers catch FetchError and record a gap


def test_constructed_entries_are_marked(snap: Path) -> None:
    doc = offline(snap).get("https://data.example.org/made.json", source="test")
    assert doc.constructed is True
    assert doc.body == b'{"made": true}'


def test_offline_never_checks_or_resolves_hosts(snap: Path) -> None:
    def resolver(host: str) -> list[str]:
        raise AssertionError("offline runs resolve nothing")

    client = PoliteClient(settings(), offline=snap, transport=NoNetwork(), resolver=resolver)
    assert client.offline
    assert client.get(API, source="test").status == 200


def test_offline_enforces_the_size_cap(snap: Path) -> None:
    with pytest.raises(ResponseTooLarge):
        offline(snap, max_bytes=100).get("https://data.example.org/big.json", source="test")
    doc = offline(snap, max_bytes=23).get(API, source="test")  # exactly at the cap
    assert len(doc.body) == 23


def test_blank_lines_and_extra_keys_are_allowed(tmp_path: Path) -> None:
    root = tmp_path / "snap"
    write_snapshot(root, [], {"b.json": b"{}"})
    line = json.dumps(entry("https://example.com/a", "b.json", note="hi", extra=[1]))
    (root / "index.jsonl").write_text(f"\n{line}\n\n", encoding="utf-8")
    reader = SnapshotReader(root)
    assert len(reader) == 1
    assert reader.lookup("get", "https://example.com/a") is not None
    assert reader.lookup("POST", "https://example.com/a") is None


def test_naive_retrieved_at_is_read_as_utc(tmp_path: Path) -> None:
    root = write_snapshot(
        tmp_path / "snap",
        [entry("https://example.com/a", "b.json", retrieved_at="2026-03-05T10:00:00")],
        {"b.json": b"{}"},
    )
    doc = offline(root).get("https://example.com/a", source="test")
    assert doc.retrieved_at == datetime(2026, 3, 5, 10, tzinfo=UTC)


# --- broken snapshots ---------------------------------------------------------------------


def test_folder_without_index_is_a_config_error(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    with pytest.raises(ConfigError, match="index.jsonl"):
        offline(tmp_path / "empty")
    with pytest.raises(ConfigError, match="index.jsonl"):
        offline(tmp_path / "does-not-exist")


@pytest.mark.parametrize(
    "bad_line",
    [
        "{not json",
        json.dumps({"url": "https://example.com/b", "status": 200, "body": "b.json"}),
        json.dumps(entry("https://example.com/b", "b.json", status="two hundred")),
        json.dumps(entry("https://example.com/b", "b.json", retrieved_at="yesterday")),
        json.dumps(["https://example.com/b", 200]),
        '"just a string"',
    ],
)
def test_a_bad_index_line_is_a_config_error_naming_the_line(tmp_path: Path, bad_line: str) -> None:
    root = write_snapshot(tmp_path / "snap", [entry("https://example.com/a", "a.json")])
    with (root / "index.jsonl").open("a", encoding="utf-8") as fh:
        fh.write(bad_line + "\n")
    with pytest.raises(ConfigError) as info:
        offline(root)
    assert "line 2" in str(info.value)
    assert "index.jsonl" in str(info.value)


@pytest.mark.parametrize("body", ["../x", "bodies/../../x", "/etc/passwd"])
def test_a_body_path_outside_the_folder_is_a_config_error(tmp_path: Path, body: str) -> None:
    (tmp_path / "x").write_bytes(b"outside")
    root = write_snapshot(tmp_path / "snap", [entry("https://example.com/a", body)])
    with pytest.raises(ConfigError, match="outside"):
        offline(root)


def test_a_symlink_out_of_the_folder_is_a_config_error(tmp_path: Path) -> None:
    (tmp_path / "secret").write_bytes(b"outside")
    root = write_snapshot(tmp_path / "snap", [entry("https://example.com/a", "link.json")])
    (root / "link.json").symlink_to(tmp_path / "secret")
    with pytest.raises(ConfigError, match="outside"):
        offline(root)


def test_a_missing_or_corrupt_body_file_is_a_config_error(tmp_path: Path) -> None:
    root = write_snapshot(
        tmp_path / "snap",
        [entry("https://example.com/gone", "gone.json"), entry("https://example.com/bad", "b.gz")],
    )
    (root / "b.gz").write_bytes(b"this is not gzip")
    client = offline(root)
    with pytest.raises(ConfigError, match="gone.json"):
        client.get("https://example.com/gone", source="test")
    with pytest.raises(ConfigError, match="b.gz"):
        client.get("https://example.com/bad", source="test")


# --- match_key ----------------------------------------------------------------------------


def test_match_key() -> None:
    assert match_key("get", "HTTPS://Example.COM/a?b=2&a=1") == (
        "GET",
        "https",
        "example.com",
        "/a",
        (("a", "1"), ("b", "2")),
    )
    assert match_key("GET", "https://e.com/a?x=") == match_key("GET", "https://e.com/a?x")
    assert match_key("GET", "https://e.com/a?x=1&x=2") == match_key(
        "GET", "https://e.com/a?x=2&x=1"
    )
    assert match_key("GET", "https://e.com/a") != match_key("GET", "https://e.com/a/")
    assert match_key("GET", "https://e.com/a?x=1") != match_key("GET", "https://e.com/a?x=1&x=1")


# --- recording ----------------------------------------------------------------------------


def recorder(session: FakeSession, root: Path, **kw: Any) -> PoliteClient:
    return PoliteClient(
        settings(**kw),
        identity=CONTACT,
        save_snapshot=root,
        transport=session,
        resolver=fake_resolver,
        sleep=Sleeps(),
        clock=FakeClock(),
    )


def ok(body: bytes, content_type: str = "application/json") -> FakeResponse:
    return FakeResponse(200, body, {"Content-Type": content_type})


def index_lines(root: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in (root / "index.jsonl").read_text("utf-8").splitlines()]


def test_a_live_run_records_index_and_body_and_replays_identically(tmp_path: Path) -> None:
    root = tmp_path / "rec"
    session = FakeSession([ok(b'{"title": "Apple Inc."}')])
    live = recorder(session, root).get(API, source="test")

    [line] = index_lines(root)
    assert set(line) == {"method", "url", "status", "content_type", "retrieved_at", "body"}
    assert line["method"] == "GET"
    assert line["url"] == API
    assert line["status"] == 200
    assert line["content_type"] == "application/json"
    assert datetime.fromisoformat(line["retrieved_at"]) == live.retrieved_at
    assert not Path(line["body"]).is_absolute()
    assert (root / line["body"]).read_bytes() == b'{"title": "Apple Inc."}'

    replayed = offline(root).get(API, source="test")
    assert replayed.body == live.body
    assert replayed.retrieved_at == live.retrieved_at
    assert replayed.content_type == live.content_type
    assert replayed.status == 200


def test_rerecording_the_same_request_replaces_its_line(tmp_path: Path) -> None:
    root = tmp_path / "rec"
    recorder(FakeSession([ok(b"old")]), root).get(API, source="test")
    reordered = "https://www.example.com/w/api.php?titles=Apple%20Inc.&action=query&format=json"
    recorder(FakeSession([ok(b"new")]), root).get(reordered, source="test")
    lines = index_lines(root)
    assert len(lines) == 1
    assert offline(root).get(API, source="test").body == b"new"


def test_a_second_run_keeps_earlier_entries(tmp_path: Path) -> None:
    root = tmp_path / "rec"
    recorder(FakeSession([ok(b"a")]), root).get("https://example.com/a", source="test")
    recorder(FakeSession([ok(b"b")]), root).get("https://example.com/b", source="test")
    assert [line["url"] for line in index_lines(root)] == [
        "https://example.com/a",
        "https://example.com/b",
    ]
    client = offline(root)
    assert client.get("https://example.com/a", source="test").body == b"a"
    assert client.get("https://example.com/b", source="test").body == b"b"


def test_large_bodies_are_stored_gzipped(tmp_path: Path) -> None:
    root = tmp_path / "rec"
    big = b"[" + b"1," * 700_000 + b"1]"
    recorder(FakeSession([ok(big)]), root, max_bytes=10_000_000).get(
        "https://example.com/big", source="test"
    )
    [line] = index_lines(root)
    assert line["body"].endswith(".gz")
    stored = (root / line["body"]).read_bytes()
    assert len(stored) < len(big)
    assert gzip.decompress(stored) == big
    replayed = offline(root, max_bytes=10_000_000).get("https://example.com/big", source="test")
    assert replayed.body == big


def test_small_bodies_are_stored_raw_with_a_fitting_extension(tmp_path: Path) -> None:
    root = tmp_path / "rec"
    session = FakeSession([ok(b"<html></html>", "text/html; charset=UTF-8")])
    recorder(session, root).get("https://example.com/page", source="test")
    [line] = index_lines(root)
    assert line["body"].endswith(".html")
    assert (root / line["body"]).read_bytes() == b"<html></html>"


def test_errors_are_not_recorded_as_successes(tmp_path: Path) -> None:
    root = tmp_path / "rec"
    client = recorder(FakeSession([FakeResponse(500, b"oops")]), root, retries=0)
    with pytest.raises(FetchError):
        client.get("https://example.com/down", source="test")
    recorded = index_lines(root) if (root / "index.jsonl").exists() else []
    assert not any(line["status"] == 200 for line in recorded)


def test_a_redirected_request_replays_under_the_url_that_was_asked_for(tmp_path: Path) -> None:
    root = tmp_path / "rec"
    final = "https://other.example.org/moved"
    session = FakeSession(
        {API: [FakeResponse(301, headers={"Location": final})], final: [ok(b"moved")]}
    )
    recorder(session, root).get(API, source="test")
    assert offline(root).get(API, source="test").body == b"moved"


def test_the_snapshot_never_holds_the_contact_or_user_agent(tmp_path: Path) -> None:
    root = tmp_path / "rec"
    session = FakeSession(
        {
            API: [ok(b'{"title": "Apple Inc."}')],
            "https://example.com/big": [ok(b"y" * 1_200_000, "application/octet-stream")],
        }
    )
    client = recorder(session, root, max_bytes=10_000_000)
    client.get(API, source="test")
    client.get("https://example.com/big", source="test")
    ua = session.calls[0][1]["headers"]["User-Agent"]
    assert ua.endswith(f"({CONTACT})")  # the contact was in use

    files = [p for p in root.rglob("*") if p.is_file()]
    assert len(files) == 3
    for path in files:
        data = path.read_bytes()
        if path.suffix == ".gz":
            data = gzip.decompress(data)
        assert b"jane@example.com" not in data, path
        assert b"Jane Doe" not in data, path
        assert b"User-Agent" not in data, path
        assert b"dossier/" not in data, path


def test_snapshot_writer_can_be_used_directly(tmp_path: Path) -> None:
    root = tmp_path / "rec"
    when = datetime(2026, 3, 5, tzinfo=UTC)
    writer = SnapshotWriter(root)
    writer.add("get", "https://example.com/a?b=1&a=2", 200, "application/json", when, b"{}")
    reader = SnapshotReader(root)
    found = reader.lookup("GET", "https://example.com/a?a=2&b=1")
    assert found is not None
    assert found.read_body() == b"{}"
    assert found.retrieved_at == when
    assert found.method == "GET"


def test_a_404_is_recorded_and_replays_as_the_same_failure(tmp_path: Path) -> None:
    root = tmp_path / "rec"
    client = recorder(FakeSession([FakeResponse(404, b"no such page")]), root, retries=0)
    with pytest.raises(FetchError):
        client.get("https://example.com/gone", source="test")
    assert [line["status"] for line in index_lines(root)] == [404]
    offline = PoliteClient(settings(), offline=root)
    with pytest.raises(FetchError) as err:
        offline.get("https://example.com/gone", source="test")
    assert err.value.status == 404 and not isinstance(err.value, NotInSnapshot)


def test_a_transient_failure_is_not_recorded(tmp_path: Path) -> None:
    root = tmp_path / "rec"
    client = recorder(FakeSession([FakeResponse(503, b"busy")]), root, retries=0)
    with pytest.raises(FetchError):
        client.get("https://example.com/busy", source="test")
    assert not (root / "index.jsonl").exists()


def test_constructed_must_be_literally_true(tmp_path: Path) -> None:
    (tmp_path / "b").write_bytes(b"{}")
    line = {
        "method": "GET",
        "url": "https://e.com/x",
        "status": 200,
        "content_type": "",
        "retrieved_at": "2026-01-01T00:00:00+00:00",
        "body": "b",
        "constructed": "false",
    }
    (tmp_path / "index.jsonl").write_text(json.dumps(line) + "\n")
    entry = SnapshotReader(tmp_path).lookup("GET", "https://e.com/x")
    assert entry is not None and entry.constructed is False


def test_recording_into_a_folder_with_a_broken_index_is_a_config_error(tmp_path: Path) -> None:
    (tmp_path / "index.jsonl").write_text('{"url": "https://e.com/x"}\nnot json\n')
    with pytest.raises(ConfigError, match="line 2"):
        SnapshotWriter(tmp_path)
