"""The live path on recorded traffic: vcrpy cassettes replayed through the real client.

Each test builds a real PoliteClient (its urllib3 transport, size caps, guard and SQLite
cache) and replays a cassette from tests/cassettes/ with ``record_mode="none"``: nothing
goes to the network, and a request the cassette does not hold fails the test. The only fake
is the resolver (a fixed public address, so the guard passes without DNS); the replayed
connection never opens a socket.

``sec_submissions_apple.yaml`` is a real recording (see tests/cassettes/README.md); the
others are constructed from the hand-built fixtures and say so.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import vcr
from vcr.stubs.urllib3_stubs import VCRRequestsHTTPConnection, VCRRequestsHTTPSConnection

from dossier import config
from dossier.model import Identifiers
from dossier.net.client import PoliteClient
from dossier.net.transport import PinnedHTTPPool, PinnedHTTPSPool
from dossier.sources import news, sec, website, wikidata
from dossier.sources.base import Entity, RunContext

CASSETTES = Path(__file__).resolve().parent / "cassettes"
IDENTITY = "Jane Doe jane@example.com"
SUBMISSIONS = sec.SUBMISSIONS_URL.format(cik="0000320193")
CTX = RunContext(today=date(2026, 3, 5), news_days=90)


def replayer() -> vcr.VCR:
    """record_mode none; our pinned pools' connections patched like urllib3's own."""
    return vcr.VCR(
        record_mode="none",
        match_on=["method", "scheme", "host", "port", "path", "query"],
        custom_patches=(
            (PinnedHTTPPool, "ConnectionCls", VCRRequestsHTTPConnection),
            (PinnedHTTPSPool, "ConnectionCls", VCRRequestsHTTPSConnection),
        ),
    )


@pytest.fixture
def cassette() -> Iterator[Any]:
    def use(name: str) -> Any:
        return replayer().use_cassette(str(CASSETTES / name), allow_playback_repeats=False)

    yield use


def real_client(tmp_path: Path, **kw: Any) -> PoliteClient:
    return PoliteClient(
        config.load_sources(),
        identity=IDENTITY,
        cache_path=tmp_path / "cache" / "http.sqlite3",
        resolver=lambda host: ["93.184.216.34"],
        sleep=lambda s: None,
        **kw,
    )


# --- SEC EDGAR: the real recording ---------------------------------------------------------


def test_the_real_sec_recording_replays_byte_for_byte_and_then_serves_from_the_cache(
    tmp_path: Path, cassette: Any
) -> None:
    with cassette("sec_submissions_apple.yaml") as tape:
        doc = real_client(tmp_path).get(SUBMISSIONS, source="sec")
        assert tape.play_count == 1
    # The same bytes the SEC sent (the sha256 of the body the shared MANIFEST records).
    assert hashlib.sha256(doc.body).hexdigest() == (
        "d510d73a69969f32f39f33cf42366a3425ee2dae2f17d62b61823062439b52f2"
    )
    facts = sec.extract_submissions(doc)
    assert any(f.field == "legal_name" and f.value == "Apple Inc." for f in facts)
    # A warm rerun, with no cassette at all: the cache answers (sockets are blocked anyway).
    again = real_client(tmp_path).get(SUBMISSIONS, source="sec")
    assert again.body == doc.body and again.retrieved_at == doc.retrieved_at
    stored = (tmp_path / "cache" / "http.sqlite3").read_bytes()
    assert b"jane@example.com" not in stored


def test_sec_lookup_by_cik_through_the_real_client(tmp_path: Path, cassette: Any) -> None:
    client = real_client(tmp_path)
    with cassette("sec_submissions_apple.yaml"):
        found = sec.Sec(client.settings["sec"], client).by_cik("320193")
    assert found is not None and found.name == "Apple Inc." and found.cik == "0000320193"


def test_the_real_recording_over_a_small_cap_is_refused_and_not_cached(
    tmp_path: Path, cassette: Any
) -> None:
    from dataclasses import replace

    from dossier.errors import ResponseTooLarge

    settings = config.load_sources()
    settings["sec"] = replace(settings["sec"], max_bytes=100_000)  # the body is 160,745 bytes
    client = PoliteClient(
        settings,
        identity=IDENTITY,
        cache_path=tmp_path / "c.sqlite3",
        resolver=lambda host: ["93.184.216.34"],
    )
    with cassette("sec_submissions_apple.yaml"), pytest.raises(ResponseTooLarge):
        client.get(SUBMISSIONS, source="sec")
    assert client.cache is not None
    assert client.cache.get(SUBMISSIONS, 1e9, 10**9) is None


# --- constructed cassettes: Wikidata, the website, Google News ------------------------------


def test_wikidata_search_lookup_and_fetch_replay(tmp_path: Path, cassette: Any) -> None:
    client = real_client(tmp_path)
    source = wikidata.Wikidata(client.settings["wikidata"], client)
    with cassette("wikidata_apple.constructed.yaml"):
        [top, *_] = source.search("Apple Inc.")
        found = source.lookup("wikidata", "Q312")
        fetched = source.fetch(Entity(name="Apple Inc.", ids=Identifiers(wikidata="Q312")), CTX)
    assert top.wikidata == "Q312"
    assert found is not None and found.cik == "0000320193"
    assert fetched.gaps == []
    facts = source.extract(fetched.documents)
    assert any(f.field == "founded" for f in facts)


def test_website_replay_refuses_the_cross_site_redirect(tmp_path: Path, cassette: Any) -> None:
    client = real_client(tmp_path)
    source = website.Website(client.settings["website"], client)
    entity = Entity(
        name="Northwind Creative",
        ids=Identifiers(website="https://www.northwind-creative.com/"),
    )
    with cassette("website_northwind.constructed.yaml") as tape:
        fetched = source.fetch(entity, CTX)
    urls = [d.url for d in fetched.documents]
    assert "https://www.northwind-creative.com/" in urls
    assert not any("sitebuilder.example" in u for u in urls)
    messages = [g.message for g in fetched.gaps]
    assert any(
        "redirected to another site (northwind-creative.sitebuilder.example)" in m for m in messages
    )
    assert any("robots.txt" in m and "/team" in m for m in messages)
    assert all("sitebuilder" not in r.uri for r in tape.requests)  # never asked
    facts = source.extract(fetched.documents)
    assert all("sitebuilder" not in f.provenance.url for f in facts)


def test_google_news_replay(tmp_path: Path, cassette: Any) -> None:
    client = real_client(tmp_path)
    source = news.GoogleNews(client.settings["google_news"], client)
    with cassette("google_news_northwind.constructed.yaml"):
        fetched = source.fetch(Entity(name="Northwind Traders", ids=Identifiers()), CTX)
    assert fetched.gaps == []
    assert source.extract(fetched.documents)


def test_every_constructed_cassette_says_so() -> None:
    for path in CASSETTES.glob("*.yaml"):
        text = path.read_text(encoding="utf-8")
        if ".constructed." in path.name:
            assert text.startswith("# CONSTRUCTED") and "constructed: true" in text
        else:
            assert "CONSTRUCTED" not in text.upper().split("INTERACTIONS:")[0]
