"""SEC EDGAR parsers on the real recorded responses (tests/fixtures/sec, public domain)."""

from __future__ import annotations

from datetime import date

import pytest

from dossier.errors import ExtractError
from dossier.model import Code, Filing, FormerName, Money, Ticker
from dossier.sources.sec import (
    COMPANYFACTS_URL,
    SUBMISSIONS_URL,
    extract_companyfacts,
    extract_submissions,
    match_tickers,
    pad_cik,
    parse_tickers,
)

from .conftest import doc, fixture_bytes


def _by_field(facts):
    out = {}
    for f in facts:
        out.setdefault(f.field, []).append(f)
    return out


@pytest.fixture(scope="module")
def apple():
    body = fixture_bytes("sec", "submissions_CIK0000320193_apple.json")
    return _by_field(
        extract_submissions(doc("sec", SUBMISSIONS_URL.format(cik="0000320193"), body))
    )


@pytest.fixture(scope="module")
def apple_facts():
    body = fixture_bytes("sec", "companyfacts_CIK0000320193_apple.json.gz")
    return _by_field(
        extract_companyfacts(doc("sec", COMPANYFACTS_URL.format(cik="0000320193"), body))
    )


def test_submissions_registry_facts(apple) -> None:
    assert apple["legal_name"][0].value == "Apple Inc."
    assert apple["sic"][0].value == Code(
        code="3571", description="Electronic Computers", scheme="SEC SIC"
    )
    assert apple["state_of_incorporation"][0].value == "CA"
    assert apple["fiscal_year_end"][0].value == "--09-26"
    assert apple["address"][0].value == "One Apple Park Way, Cupertino, CA 95014"
    assert apple["headquarters"][0].value == "Cupertino, CA"
    assert apple["phone"][0].value == "(408) 996-1010"
    assert [t.value for t in apple["tickers"]] == [Ticker(symbol="AAPL", exchange="Nasdaq")]
    names = [f.value for f in apple["former_names"]]
    assert [n.name for n in names] == ["APPLE INC", "APPLE COMPUTER INC", "APPLE COMPUTER INC/ FA"]
    assert names[1] == FormerName(
        name="APPLE COMPUTER INC", start=date(1994, 1, 26), end=date(2007, 1, 4), usage="filer name"
    )


def test_submissions_provenance(apple) -> None:
    p = apple["legal_name"][0].provenance
    assert p.source == "sec"
    assert p.url == "https://data.sec.gov/submissions/CIK0000320193.json"
    assert p.licence.startswith("Public domain")


def test_latest_10k_is_first_and_linked(apple) -> None:
    tenk = [f.value for f in apple["filings"] if f.value.form == "10-K"]
    assert isinstance(tenk[0], Filing)
    assert tenk[0].filed == date(2025, 10, 31)
    assert tenk[0].accession == "0000320193-25-000079"
    assert tenk[0].period == date(2025, 9, 27)
    assert tenk[0].url.startswith(
        "https://www.sec.gov/Archives/edgar/data/320193/000032019325000079/"
    )
    assert len(tenk) == 3
    eightk = [f.value for f in apple["filings"] if f.value.form == "8-K"]
    assert eightk[0].description == (
        "Item 5.07 Submission of Matters to a Vote of Security Holders; "
        "Item 9.01 Financial Statements and Exhibits"
    )
    assert [(i.number, i.topic) for i in eightk[0].items] == [
        ("5.07", "a shareholder vote"),
        ("9.01", "financial statements and exhibits"),
    ]


def test_companyfacts_annual_revenue_and_net_income(apple_facts) -> None:
    rev = {f.period: f for f in apple_facts["revenue"]}
    assert rev["FY2025"].value == Money(amount=416_161_000_000, currency="USD")
    assert rev["FY2024"].value.amount == 391_035_000_000
    assert rev["FY2025"].provenance.as_of == date(2025, 9, 27)
    assert "0000320193-25-000079" in rev["FY2025"].provenance.locator
    # Older years come from older concepts, labelled by their own fiscal year.
    assert rev["FY2017"].value.amount == 229_234_000_000
    assert rev["FY2016"].value.amount == 215_639_000_000
    assert "us-gaap:Revenues" in rev["FY2016"].provenance.locator
    assert rev["FY2015"].value.amount == 233_715_000_000
    assert "SalesRevenueNet" in rev["FY2015"].provenance.locator
    assert rev["FY2007"].provenance.as_of == date(2007, 9, 29)
    ni = {f.period: f.value.amount for f in apple_facts["net_income"]}
    assert ni["FY2025"] == 112_010_000_000
    assert ni["FY2024"] == 93_736_000_000
    assets = {f.period: f.value.amount for f in apple_facts["total_assets"]}
    assert assets["FY2025"] == 359_241_000_000


def test_companyfacts_skips_quarters() -> None:
    body = fixture_bytes("sec", "companyfacts_CIK0000320193_apple.json.gz")
    facts = extract_companyfacts(doc("sec", COMPANYFACTS_URL.format(cik="0000320193"), body))
    # Apple's 10-K for FY2018 also tags quarterly revenues with fp=FY; none may leak through.
    revenue = [f for f in facts if f.field == "revenue"]
    assert 52_579_000_000 not in {f.value.amount for f in revenue}  # the Q4 2017 quarter
    assert len({f.period for f in facts if f.field == "revenue"}) == len(
        [f for f in facts if f.field == "revenue"]
    )


def test_nvidia_submissions() -> None:
    body = fixture_bytes("sec", "submissions_CIK0001045810_nvidia.json")
    f = _by_field(extract_submissions(doc("sec", SUBMISSIONS_URL.format(cik="0001045810"), body)))
    assert f["legal_name"][0].value == "NVIDIA CORP"
    assert f["state_of_incorporation"][0].value == "DE"
    assert f["sic"][0].value.code == "3674"
    assert f["fiscal_year_end"][0].value == "--01-31"
    assert f["address"][0].value == "2788 San Tomas Expressway, Santa Clara, CA 95051"
    assert [x.value.name for x in f["former_names"]] == ["NVIDIA CORP/CA"]
    tenk = next(x.value for x in f["filings"] if x.value.form == "10-K")
    assert (tenk.filed, tenk.accession) == (date(2026, 2, 25), "0001045810-26-000021")


def test_ticker_map_matching() -> None:
    rows = parse_tickers(fixture_bytes("sec", "company_tickers.json.gz"))
    assert ("0000320193", "AAPL", "Apple Inc.") in rows
    found = match_tickers(rows, "Apple")
    assert found[0].cik == "0000320193"
    assert all(c.cik != "0001418121" for c in found)  # Apple Hospitality REIT is not "Apple"
    assert match_tickers(rows, "nvda")[0].name == "NVIDIA CORP"


def test_bad_shapes_raise_extract_error() -> None:
    with pytest.raises(ExtractError):
        extract_submissions(
            doc("sec", SUBMISSIONS_URL.format(cik="1"), b"<html>rate limited</html>")
        )
    with pytest.raises(ExtractError):
        parse_tickers(b"[]")


def test_pad_cik() -> None:
    assert pad_cik("320193") == "0000320193"
    assert pad_cik("CIK0000320193") == "0000320193"
    with pytest.raises(ValueError, match="not a CIK"):
        pad_cik("apple")
