"""Resolution: names and hints to one entity, or a clear error listing the candidates."""

from __future__ import annotations

import json

import pytest

from dossier.config import SourceSettings
from dossier.errors import AmbiguousCompany, CompanyNotFound, FetchError
from dossier.research.resolve import Hints, Resolver
from dossier.sources import sec as sec_mod
from dossier.sources import wikidata as wd_mod
from dossier.sources.sec import Sec
from dossier.sources.wikidata import Wikidata

from .conftest import fixture_bytes
from .fakes import FakeClient

SETTINGS = SourceSettings(name="test")


def _client(**searches: str) -> FakeClient:
    c = FakeClient()
    c.add(sec_mod.TICKERS_URL, fixture_bytes("sec", "company_tickers.json.gz"))
    c.add(wd_mod.entity_url("Q312"), fixture_bytes("wikidata", "Q312.json"))
    c.add(
        sec_mod.SUBMISSIONS_URL.format(cik="0000320193"),
        fixture_bytes("sec", "submissions_CIK0000320193_apple.json"),
    )
    for query, fixture in searches.items():
        c.add(wd_mod.search_url(query), fixture_bytes("wikidata", fixture))
    return c


def _resolver(client: FakeClient, only: tuple[str, ...] = ("sec", "wikidata")) -> Resolver:
    sources = {"sec": Sec(SETTINGS, client), "wikidata": Wikidata(SETTINGS, client)}
    return Resolver({k: v for k, v in sources.items() if k in only})


def test_exact_name_links_wikidata_and_sec() -> None:
    client = _client(**{"Apple Inc.": "search_apple_inc.json"})
    entity = _resolver(client).resolve("Apple Inc.", Hints())
    assert entity.ids.wikidata == "Q312"
    assert entity.ids.cik == "0000320193"
    assert entity.ids.ticker == "AAPL"
    assert entity.ids.wikipedia_title == "Apple Inc."
    assert entity.ids.domain == "apple.com"
    assert any("same CIK" in e for e in entity.evidence)


def test_short_name_skips_the_fruit() -> None:
    client = _client(Apple="search_apple.json")
    entity = _resolver(client).resolve("Apple", Hints())
    assert entity.ids.wikidata == "Q312"
    assert entity.name == "Apple Inc."


def test_ambiguous_lists_candidates_with_flags() -> None:
    client = _client(Acme="search_acme.json")
    with pytest.raises(AmbiguousCompany) as err:
        _resolver(client, only=("wikidata",)).resolve("Acme", Hints())
    message = str(err.value)
    ids = [e["id"] for e in json.loads(fixture_bytes("wikidata", "search_acme.json"))["search"][:2]]
    assert "'Acme' matches more than one company" in message
    for qid in ids:
        assert f"--wikidata {qid}" in message


def test_domain_hint_breaks_a_tie() -> None:
    client = _client(Acme="search_acme.json")
    first = json.loads(fixture_bytes("wikidata", "search_acme.json"))["search"][0]["id"]
    body = {
        "entities": {
            first: {
                "id": first,
                "labels": {"en": {"language": "en", "value": "Acme Corporation"}},
                "descriptions": {},
                "claims": {
                    "P856": [
                        {
                            "mainsnak": {
                                "snaktype": "value",
                                "property": "P856",
                                "datavalue": {
                                    "value": "https://www.acme.example/",
                                    "type": "string",
                                },
                            },
                            "rank": "normal",
                        }
                    ]
                },
                "sitelinks": {},
            }
        }
    }
    client.add(wd_mod.entity_url(first), json.dumps(body).encode())
    entity = _resolver(client, only=("wikidata",)).resolve("Acme", Hints(domain="acme.example"))
    assert entity.ids.wikidata == first
    assert entity.ids.domain == "acme.example"


def test_unknown_name_names_the_sources_searched() -> None:
    client = _client(Zzyzx="search_acme.json")
    client.add(
        wd_mod.search_url("Qwxz Holdings"), b'{"searchinfo": {}, "search": [], "success": 1}'
    )
    with pytest.raises(CompanyNotFound) as err:
        _resolver(client).resolve("Qwxz Holdings", Hints())
    assert "No company matching 'Qwxz Holdings' was found. Searched: SEC EDGAR, Wikidata." in str(
        err.value
    )


def test_unreachable_search_is_a_gap_not_a_crash() -> None:
    client = _client()  # the Wikidata search URL is not there
    resolver = _resolver(client)
    entity = resolver.resolve("Apple Inc.", Hints())
    assert entity.ids.cik == "0000320193"
    assert any(
        g.message.startswith("not in snapshot: https://www.wikidata.org/w/api.php")
        for g in resolver.gaps
    )


def test_cik_hint_pins_without_search() -> None:
    client = _client()
    resolver = _resolver(client, only=("sec",))
    entity = resolver.resolve(None, Hints(cik="320193"))
    assert entity.ids.cik == "0000320193"
    assert entity.name == "Apple Inc."
    assert wd_mod.search_url("Apple Inc.") not in client.requested


def test_ticker_hint() -> None:
    entity = _resolver(_client(), only=("sec",)).resolve(None, Hints(ticker="aapl"))
    assert (entity.ids.cik, entity.ids.ticker) == ("0000320193", "AAPL")


def test_wikidata_hint_reads_identifiers() -> None:
    entity = _resolver(_client()).resolve("Apple", Hints(wikidata="q312"))
    assert entity.ids.wikidata == "Q312"
    assert entity.ids.cik == "0000320193"
    assert entity.name == "Apple Inc."


def test_unknown_cik_is_a_clear_error() -> None:
    client = _client()
    url = sec_mod.SUBMISSIONS_URL.format(cik="0000000001")
    client.fail(url, FetchError("sec", f"HTTP 404 from {url}", url, 404))  # EDGAR's answer
    with pytest.raises(CompanyNotFound, match="CIK 0000000001"):
        _resolver(client, only=("sec",)).resolve(None, Hints(cik="1"))
