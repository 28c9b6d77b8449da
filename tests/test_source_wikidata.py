"""Wikidata source: pure extraction from hand-built fixtures, and fetch with a fake client."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime
from pathlib import Path
from types import SimpleNamespace
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest

from dossier.errors import ExtractError, NotInSnapshot
from dossier.model import Fact, Identifiers, Money, Person, Quantity, Ticker
from dossier.sources.base import Document, Entity, RunContext
from dossier.sources.wikidata import (
    Wikidata,
    entity_summary,
    entity_url,
    extract_entity,
    label_urls,
    parse_search,
    search_url,
)
from tests.conftest import values_by_field

FIXTURES = Path(__file__).parent / "fixtures" / "wikidata"
RETRIEVED = datetime(2026, 11, 20, tzinfo=UTC)
Q312_URL = "https://www.wikidata.org/wiki/Special:EntityData/Q312.json"
LABELS_URL = (
    "https://www.wikidata.org/w/api.php?action=wbgetentities"
    "&ids=Q30%7CQ11661%7CQ19837%7CQ82059%7CQ265852%7CQ332591%7CQ420121%7CQ483382%7CQ891723"
    "%7CQ1095432%7CQ2903015%7CQ4798880&props=labels&languages=en&format=json"
)


CTX = RunContext(today=date(2026, 3, 5))


def doc(body: bytes, url: str = Q312_URL) -> Document:
    return Document(
        source="wikidata",
        url=url,
        status=200,
        content_type="application/json",
        body=body,
        retrieved_at=RETRIEVED,
        constructed=True,
    )


def fixture(name: str) -> bytes:
    return (FIXTURES / name).read_bytes()


@pytest.fixture
def facts() -> list[Fact]:
    return extract_entity(doc(fixture("Q312.json")), [doc(fixture("labels_Q312.json"), LABELS_URL)])


def test_every_field_is_produced_with_model_types(facts: list[Fact]) -> None:
    values = values_by_field(facts)
    assert values["common_name"] == ["Apple Inc."]
    assert values["description"] == ["American multinational technology company"]
    assert values["legal_name"] == ["Apple Inc."]
    assert values["org_type"] == ["public company"]
    assert values["industry"] == ["information technology"]
    assert values["founded"] == ["1976-04-01"]
    assert values["headquarters"] == ["Apple Park"]
    assert values["country"] == ["United States"]
    assert values["subsidiaries"] == ["Beats Electronics", "Claris"]
    assert values["website"] == ["https://www.apple.com/"]
    assert values["logo"] == ["Apple logo black.svg"]
    assert values["tickers"] == [Ticker(symbol="AAPL", exchange="Nasdaq")]
    assert all(isinstance(v, Quantity) and v.unit == "" for v in values["employees"])
    for field in ("revenue", "net_income", "total_assets"):
        assert all(isinstance(v, Money) for v in values[field]), field
    assert "parent" not in values and "awards" not in values  # Apple has neither in the fixture


def test_item_labels_are_resolved(facts: list[Fact]) -> None:
    assert values_by_field(facts)["founders"] == ["Steve Jobs", "Steve Wozniak", "Ronald Wayne"]
    assert not any(isinstance(f.value, str) and f.value.startswith("Q") for f in facts)


def test_deprecated_claim_is_skipped(facts: list[Fact]) -> None:
    employees = [f for f in facts if f.field == "employees"]
    assert [(f.value.amount, f.period) for f in employees] == [
        (164000.0, "2024"),
        (161000.0, "2023"),
    ]


def test_ended_office_is_skipped_and_since_is_kept(facts: list[Fact]) -> None:
    assert values_by_field(facts)["key_people"] == [
        Person(name="Tim Cook", role="Chief executive officer", since="2011-08-24"),
        Person(name="Arthur Levinson", role="Chair", since="2011-11-15"),
    ]


def test_money_currency_period_and_as_of(facts: list[Fact]) -> None:
    revenue = [f for f in facts if f.field == "revenue"]
    assert [(f.value, f.period, f.provenance.as_of) for f in revenue] == [
        (Money(amount=391035000000.0, currency="USD"), "2024", date(2024, 1, 1)),
        (Money(amount=383285000000.0, currency="USD"), "2023", date(2023, 1, 1)),
    ]
    (net,) = [f for f in facts if f.field == "net_income"]
    assert net.value == Money(amount=93736000000.0, currency="USD")
    assert (net.period, net.provenance.as_of) == ("2024", date(2024, 9, 28))
    (assets,) = [f for f in facts if f.field == "total_assets"]
    assert assets.value.amount == 364980000000.0 and assets.period == "2024"


def test_provenance(facts: list[Fact]) -> None:
    for f in facts:
        p = f.provenance
        assert (p.source, p.url, p.licence) == (
            "wikidata",
            "https://www.wikidata.org/wiki/Q312",
            "CC0 1.0",
        )
        assert p.retrieved_at == RETRIEVED and p.constructed is True
    founded = next(f for f in facts if f.field == "founded")
    assert (founded.provenance.as_of, founded.provenance.locator, founded.period) == (
        date(2026, 11, 20),
        "P571",
        None,
    )
    assert {f.provenance.locator for f in facts if f.field == "revenue"} == {"P2139"}


def test_missing_labels_drop_values_rather_than_show_qids() -> None:
    labels = json.loads(fixture("labels_Q312.json"))
    del labels["entities"]["Q332591"]  # Ronald Wayne
    labels["entities"]["Q82059"] = {"id": "Q82059", "missing": ""}  # Nasdaq
    facts = extract_entity(doc(fixture("Q312.json")), [doc(json.dumps(labels).encode(), "l")])
    values = values_by_field(facts)
    assert values["founders"] == ["Steve Jobs", "Steve Wozniak"]
    assert values["tickers"] == [Ticker(symbol="AAPL", exchange=None)]
    unlabelled = values_by_field(extract_entity(doc(fixture("Q312.json")), []))
    assert "founders" not in unlabelled and "key_people" not in unlabelled
    assert len(unlabelled["revenue"]) == 2  # numbers need no labels


# A tiny fictitious entity exercising rank rules and the rarer value shapes.
def _snak(prop: str, value: Any, kind: str, snaktype: str = "value") -> dict[str, Any]:
    snak: dict[str, Any] = {"snaktype": snaktype, "property": prop}
    if snaktype == "value":
        snak["datavalue"] = {"value": value, "type": kind}
    return snak


def _item(q: str) -> dict[str, Any]:
    return {"entity-type": "item", "numeric-id": int(q[1:]), "id": q}


def _time(t: str, precision: int) -> dict[str, Any]:
    return {"time": t, "precision": precision, "timezone": 0, "before": 0, "after": 0}


def _claim(snak: dict[str, Any], rank: str = "normal", **quals: list[Any]) -> dict[str, Any]:
    return {"mainsnak": snak, "rank": rank, "type": "statement", "qualifiers": quals}


SYNTHETIC = {
    "entities": {
        "Q1000001": {
            "id": "Q1000001",
            "type": "item",
            "claims": {
                "P17": [
                    _claim(_snak("P17", _item("Q2"), "wikibase-entityid")),
                    _claim(_snak("P17", _item("Q3"), "wikibase-entityid"), "preferred"),
                ],
                "P31": [
                    _claim(_snak("P31", _item("Q4"), "wikibase-entityid")),
                    _claim(_snak("P31", _item("Q5"), "wikibase-entityid"), "preferred"),
                ],
                "P749": [
                    _claim(_snak("P749", None, "", "novalue")),
                    _claim(_snak("P749", _item("Q6"), "wikibase-entityid")),
                ],
                "P571": [_claim(_snak("P571", _time("+1998-07-15T00:00:00Z", 10), "time"))],
                "P166": [
                    _claim(
                        _snak("P166", _item("Q7"), "wikibase-entityid"),
                        P585=[_snak("P585", _time("+2019-00-00T00:00:00Z", 9), "time")],
                    )
                ],
                "P169": [
                    _claim(
                        _snak("P169", _item("Q8"), "wikibase-entityid"),
                        P582=[_snak("P582", None, "", "somevalue")],
                    )
                ],
                "P2139": [
                    _claim(
                        _snak(
                            "P2139",
                            {"amount": "+5", "unit": "http://www.wikidata.org/entity/Q9"},
                            "quantity",
                        )
                    ),
                    _claim(
                        _snak(
                            "P2139",
                            {"amount": "+7", "unit": "http://www.wikidata.org/entity/Q4916"},
                            "quantity",
                        )
                    ),
                ],
            },
        }
    }
}
SYNTHETIC_LABELS = {
    "entities": {f"Q{n}": {"labels": {"en": {"value": f"label {n}"}}} for n in range(2, 10)}
}


def test_rank_rules_and_rare_shapes() -> None:
    facts = extract_entity(
        doc(json.dumps(SYNTHETIC).encode()), [doc(json.dumps(SYNTHETIC_LABELS).encode(), "l")]
    )
    values = values_by_field(facts)
    assert values["country"] == ["label 3"]  # single-valued: preferred only
    assert values["org_type"] == ["label 4", "label 5"]  # multi-valued: every non-deprecated
    assert values["parent"] == ["label 6"]  # the novalue claim is ignored
    assert values["founded"] == ["1998-07"]
    (award,) = [f for f in facts if f.field == "awards"]
    assert (award.value, award.period) == ("label 7", "2019")
    assert award.provenance.as_of == date(2019, 1, 1)
    assert "key_people" not in values  # an unknown end time still ends the office
    assert values["revenue"] == [Money(amount=7.0, currency="EUR")]  # unknown unit Q9 dropped


def test_malformed_documents_raise_extract_error() -> None:
    with pytest.raises(ExtractError):
        extract_entity(doc(b"<html>"), [])
    with pytest.raises(ExtractError):
        extract_entity(doc(b'{"entities": {}}'), [])
    with pytest.raises(ExtractError):
        parse_search(b'{"error": {"code": "x", "info": "bad"}}')


def test_entity_summary() -> None:
    assert entity_summary(fixture("Q312.json")) == {
        "id": "Q312",
        "label": "Apple Inc.",
        "description": "American multinational technology company",
        "cik": "0000320193",
        "enwiki_title": "Apple Inc.",
        "website": "https://www.apple.com/",
        "tickers": ["AAPL"],
    }


def test_parse_search_fixtures() -> None:
    exact = parse_search(fixture("search_apple_inc.json"))
    assert [(c.wikidata, c.rank) for c in exact] == [("Q312", 0), ("Q1000011", 1), ("Q1000012", 2)]
    assert exact[0].name == "Apple Inc." and exact[0].source == "wikidata"
    assert exact[0].description == "American multinational technology company"
    apple = parse_search(fixture("search_apple.json"))
    assert [c.wikidata for c in apple][:3] == ["Q89", "Q312", "Q213710"]
    assert apple[2].label == "Apple Records (British record label)"
    acme = parse_search(fixture("search_acme.json"))
    assert [(c.name, c.flag) for c in acme] == [
        ("Acme Corporation", "--wikidata Q1000001"),
        ("Acme Corp", "--wikidata Q1000002"),
    ]


def test_label_urls_batch_fifty_ids() -> None:
    ids = [f"Q{n}" for n in range(1, 121)]
    urls = label_urls(ids)
    batches = [parse_qs(urlsplit(u).query)["ids"][0].split("|") for u in urls]
    assert [len(b) for b in batches] == [50, 50, 20]
    assert sum(batches, []) == ids
    assert label_urls([]) == []


class FakeClient:
    """Serves canned documents by URL; anything else is not in the snapshot."""

    def __init__(self, docs: dict[str, Document]) -> None:
        self.docs = docs
        self.calls: list[str] = []

    def get(self, url: str, *, source: str) -> Document:
        assert source == "wikidata"
        self.calls.append(url)
        if url not in self.docs:
            raise NotInSnapshot(source, url)
        return self.docs[url]


def make(docs: dict[str, Document]) -> tuple[Wikidata, FakeClient]:
    client = FakeClient(docs)
    return Wikidata(SimpleNamespace(options={}), client), client  # type: ignore[arg-type]


APPLE = Entity(name="Apple Inc.", ids=Identifiers(wikidata="Q312"))


def test_fetch_gets_entity_then_labels_and_extract_reads_them() -> None:
    entity_doc, labels_doc = doc(fixture("Q312.json")), doc(fixture("labels_Q312.json"), LABELS_URL)
    source, client = make({Q312_URL: entity_doc, LABELS_URL: labels_doc})
    fetched = source.fetch(APPLE, CTX)
    assert client.calls == [Q312_URL, LABELS_URL]
    assert fetched.documents == [entity_doc, labels_doc] and fetched.gaps == []
    assert source.extract(fetched.documents) == extract_entity(entity_doc, [labels_doc])
    assert (Wikidata.name, Wikidata.label, Wikidata.licence) == ("wikidata", "Wikidata", "CC0 1.0")


def test_fetch_records_gaps_instead_of_raising() -> None:
    source, _ = make({Q312_URL: doc(fixture("Q312.json"))})
    fetched = source.fetch(APPLE, CTX)
    assert len(fetched.documents) == 1
    assert [(g.source, g.url) for g in fetched.gaps] == [("wikidata", LABELS_URL)]
    assert "not in snapshot" in fetched.gaps[0].message
    empty, client = make({})
    missing = empty.fetch(APPLE, CTX)
    assert missing.documents == [] and [g.url for g in missing.gaps] == [Q312_URL]
    assert client.calls == [Q312_URL]  # no label request without an entity document


def test_fetch_without_or_with_bad_qid() -> None:
    source, client = make({})
    assert source.fetch(Entity(name="X", ids=Identifiers()), CTX).documents == []
    bad = source.fetch(Entity(name="X", ids=Identifiers(wikidata="apple")), CTX)
    assert bad.documents == [] and len(bad.gaps) == 1
    assert client.calls == []
    assert entity_url("Q312") == Q312_URL


def test_search_builds_the_documented_url() -> None:
    url = search_url("Apple Inc.")
    assert url == (
        "https://www.wikidata.org/w/api.php?action=wbsearchentities&search=Apple+Inc."
        "&language=en&uselang=en&type=item&limit=10&format=json"
    )
    source, _ = make({url: doc(fixture("search_apple_inc.json"), url)})
    assert [c.wikidata for c in source.search("Apple Inc.")][0] == "Q312"
    with pytest.raises(NotInSnapshot):
        source.search("Nothing")
