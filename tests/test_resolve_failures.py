"""Resolution when sources fail: "could not ask" is not "no match", one bad source is a gap,
and hints that name different companies are a usage error naming both.

Each test is "the same input now gives a clear message or a gap": before, a network failure
read "No company matching ... check the spelling", a malformed Wikidata search ended the
build although SEC alone could resolve the company, and conflicting hints built a mix.
Bodies are the real SEC fixtures and the labelled, hand-built Wikidata ones (tests/fixtures).
"""

from __future__ import annotations

import json
import logging
from pathlib import Path

import pytest
from click.testing import CliRunner

from dossier.cli import cli
from dossier.errors import (
    CompanyNotFound,
    ConflictingHints,
    FetchError,
    NetworkError,
    SourcesUnreachable,
)
from dossier.research.resolve import Hints, Resolver, names_agree
from dossier.sources import sec as sec_mod
from dossier.sources import wikidata as wd_mod

from .conftest import APPLE_SNAPSHOT
from .fakes import FakeClient
from .test_resolve import _client, _resolver

SEARCH = wd_mod.search_url("Apple Inc.")
SUBMISSIONS = sec_mod.SUBMISSIONS_URL.format(cik="0000320193")


def no_network(source: str, url: str) -> NetworkError:
    host = url.split("/")[2]
    return NetworkError(source, "dns", f"could not resolve {host}: no network? (for {url})", url)


def offline_everywhere(client: FakeClient) -> FakeClient:
    for url in (sec_mod.TICKERS_URL, SEARCH, SUBMISSIONS, wd_mod.entity_url("Q312")):
        source = "sec" if "sec.gov" in url else "wikidata"
        client.fail(url, no_network(source, url))
    return client


# --- could not ask vs no match ------------------------------------------------------------


def test_no_network_is_not_reported_as_no_match() -> None:
    with pytest.raises(SourcesUnreachable) as info:
        _resolver(offline_everywhere(_client())).resolve("Apple Inc.", Hints())
    message = str(info.value)
    assert not isinstance(info.value, CompanyNotFound)
    assert "Check the spelling" not in message
    assert "could not be reached" in message
    assert "SEC EDGAR: could not resolve www.sec.gov: no network?" in message
    assert "Wikidata: could not resolve www.wikidata.org: no network?" in message
    assert [label for label, _ in info.value.failures] == ["SEC EDGAR", "Wikidata"]


def test_one_source_unreachable_and_the_other_without_a_match_says_both() -> None:
    client = _client()
    client.add(wd_mod.search_url("Qwxz Holdings"), b'{"search": [], "success": 1}')
    client.fail(sec_mod.TICKERS_URL, no_network("sec", sec_mod.TICKERS_URL))
    with pytest.raises(SourcesUnreachable) as info:
        _resolver(client).resolve("Qwxz Holdings", Hints())
    assert info.value.answered == ["Wikidata"]
    assert "(Wikidata answered, with no match.)" in str(info.value)


def test_every_source_answering_without_a_match_is_still_company_not_found() -> None:
    client = _client()
    client.add(wd_mod.search_url("Qwxz Holdings"), b'{"search": [], "success": 1}')
    with pytest.raises(CompanyNotFound):
        _resolver(client).resolve("Qwxz Holdings", Hints())


@pytest.mark.parametrize(
    "body",
    [
        b'{"searchinfo": {"search": "Apple Inc."}, "search": [{"id": "Q3',  # truncated
        b"<!DOCTYPE html><html><body>Wikimedia Error</body></html>",  # HTML, not JSON
    ],
    ids=["truncated-json", "html"],
)
def test_a_malformed_wikidata_search_is_a_gap_when_sec_resolves(body: bytes) -> None:
    client = _client()
    client.add(SEARCH, body)
    resolver = _resolver(client)
    entity = resolver.resolve("Apple Inc.", Hints())
    assert entity.ids.cik == "0000320193"  # SEC alone resolved it
    assert any(g.source == "wikidata" and "not valid JSON" in g.message for g in resolver.gaps)


def test_a_malformed_search_and_an_unreachable_source_is_unreachable() -> None:
    client = _client()
    client.add(SEARCH, b"<html>maintenance</html>")
    client.fail(sec_mod.TICKERS_URL, no_network("sec", sec_mod.TICKERS_URL))
    with pytest.raises(SourcesUnreachable) as info:
        _resolver(client).resolve("Apple Inc.", Hints())
    assert "Wikidata: The Wikidata search response is not valid JSON" in str(info.value)


# --- pinned by a hint ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("hints", "url"),
    [
        (Hints(cik="320193"), SUBMISSIONS),
        (Hints(ticker="AAPL"), sec_mod.TICKERS_URL),
        (Hints(wikidata="Q312"), wd_mod.entity_url("Q312")),
    ],
    ids=["cik", "ticker", "wikidata"],
)
def test_a_hint_that_cannot_be_checked_is_unreachable_not_unknown(hints: Hints, url: str) -> None:
    with pytest.raises(SourcesUnreachable) as info:
        _resolver(offline_everywhere(_client())).resolve(None, hints)
    assert "could not resolve" in str(info.value) and url in str(info.value)


def test_an_sec_submissions_200_that_is_not_json_is_unreachable_for_a_cik_alone() -> None:
    client = FakeClient()
    client.add(SUBMISSIONS, b"<html>Your request has been blocked</html>")
    with pytest.raises(SourcesUnreachable) as info:
        _resolver(client, only=("sec",)).resolve(None, Hints(cik="320193"))
    assert "submissions response for CIK 0000320193 is not JSON" in str(info.value)


def test_an_sec_submissions_200_that_is_not_json_is_a_gap_when_wikidata_pins_it() -> None:
    client = _client()
    client.add(SUBMISSIONS, b"<html>Your request has been blocked</html>")
    resolver = _resolver(client)
    entity = resolver.resolve(None, Hints(wikidata="Q312", cik="320193"))
    assert entity.ids.wikidata == "Q312" and entity.name == "Apple Inc."
    assert any("not JSON" in g.message for g in resolver.gaps)


def test_an_unknown_cik_is_still_not_found() -> None:
    client = FakeClient()
    url = sec_mod.SUBMISSIONS_URL.format(cik="0000000001")
    client.fail(url, FetchError("sec", f"HTTP 404 from {url}", url, 404))
    with pytest.raises(CompanyNotFound):
        _resolver(client, only=("sec",)).resolve(None, Hints(cik="1"))


# --- conflicting hints --------------------------------------------------------------------


def test_a_name_and_a_ticker_of_another_company_conflict() -> None:
    with pytest.raises(ConflictingHints) as info:
        _resolver(_client()).resolve("Apple", Hints(ticker="MSFT"))
    message = str(info.value)
    assert "--company 'Apple'" in message
    assert "--ticker MSFT (MICROSOFT CORP on SEC EDGAR)" in message
    assert "name different companies" in message
    assert info.value.exit_status == 2


def test_a_brand_name_with_its_companys_ticker_builds_that_company() -> None:
    """ "Google" with GOOGL: no SEC filer is called Google, so the ticker's company is meant."""
    entity = _resolver(_client()).resolve("Google", Hints(ticker="GOOGL"))
    assert entity.ids.ticker == "GOOGL" and entity.ids.cik == "0001652044"
    assert entity.name == "Alphabet Inc."  # the record is about one company, not a mix
    assert any("'Google' taken as Alphabet Inc." in e for e in entity.evidence)


def test_a_cik_and_a_ticker_of_different_filers_conflict() -> None:
    with pytest.raises(ConflictingHints) as info:
        _resolver(_client()).resolve(None, Hints(cik="320193", ticker="MSFT"))
    message = str(info.value)
    assert "--cik 0000320193 (Apple Inc. on SEC EDGAR)" in message
    assert "--ticker MSFT (MICROSOFT CORP on SEC EDGAR)" in message


def test_a_wikidata_item_and_a_cik_of_different_companies_conflict() -> None:
    client = _client()
    ms = sec_mod.SUBMISSIONS_URL.format(cik="0000789019")
    client.add(ms, json.dumps({"name": "MICROSOFT CORP", "cik": "789019"}).encode())
    with pytest.raises(ConflictingHints) as info:
        _resolver(client).resolve(None, Hints(wikidata="Q312", cik="789019"))
    assert "--wikidata Q312 (Apple Inc. on Wikidata)" in str(info.value)
    assert "--cik 0000789019" in str(info.value)


@pytest.mark.parametrize(
    ("name", "hints"),
    [
        ("Apple Inc.", Hints(ticker="AAPL")),
        ("Apple", Hints(cik="320193", ticker="AAPL")),
        ("Apple", Hints(wikidata="Q312", cik="320193")),
    ],
)
def test_agreeing_hints_resolve(name: str, hints: Hints) -> None:
    entity = _resolver(_client()).resolve(name, hints)
    assert entity.ids.cik == "0000320193"


@pytest.mark.parametrize(
    ("given", "found", "agree"),
    [
        ("Apple", "MICROSOFT CORP", False),
        ("Google", "Alphabet Inc.", False),
        ("Meta", "Meta Platforms, Inc.", True),
        ("IBM", "INTERNATIONAL BUSINESS MACHINES CORP", True),
        ("P&G", "PROCTER & GAMBLE Co", True),
        ("Amazon", "AMAZON COM INC", True),
        ("Disney", "Walt Disney Co", True),
    ],
)
def test_names_agree(given: str, found: str, agree: bool) -> None:
    assert names_agree(given, found) is agree


# --- the command line ---------------------------------------------------------------------


def test_cli_conflicting_hints_exit_2_naming_both(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        cli,
        ["build", "--company", "Apple", "--ticker", "MSFT"]
        + ["--offline", str(APPLE_SNAPSHOT), "--out", str(tmp_path)],
    )
    assert result.exit_code == 2
    assert (
        "--company 'Apple' (Apple Inc. on SEC EDGAR) and --ticker MSFT (MICROSOFT CORP"
        in result.stderr
    )
    assert "Traceback" not in result.output
    assert not any(tmp_path.iterdir())  # nothing built


def test_cli_unreachable_sources_say_so_and_v_logs_the_cause(tmp_path: Path) -> None:
    empty = tmp_path / "empty-snapshot"
    empty.mkdir()
    (empty / "index.jsonl").write_text("")
    result = CliRunner().invoke(
        cli,
        ["-v", "build", "--company", "Apple Inc.", "--offline", str(empty)]
        + ["--out", str(tmp_path / "out")],
    )
    assert result.exit_code == 1
    assert "Could not look up 'Apple Inc.': the snapshot holds no answer" in result.stderr
    assert "--save-snapshot" in result.stderr
    assert "check the spelling" not in result.stderr.lower()
    assert "SEC EDGAR: not in snapshot: https://www.sec.gov/files/company_tickers.json" in (
        result.stderr
    )
    assert "Wikidata search failed: not in snapshot" in result.stderr  # the -v log line


def test_resolver_failures_are_logged_with_their_cause(caplog: pytest.LogCaptureFixture) -> None:
    client = offline_everywhere(_client())
    err = client.failures[next(iter(client.failures))]
    err.__cause__ = OSError(101, "Network is unreachable")
    with caplog.at_level(logging.INFO, logger="dossier"), pytest.raises(SourcesUnreachable):
        Resolver(_resolver(client).sources).resolve("Apple Inc.", Hints())
    assert any(
        "[OSError: [Errno 101] Network is unreachable]" in r.getMessage() for r in caplog.records
    )
