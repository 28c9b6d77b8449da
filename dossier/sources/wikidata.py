"""Wikidata: one Special:EntityData document plus English labels, turned into facts (CC0).

``fetch`` gets ``Special:EntityData/<QID>.json`` and then the English labels of every item the
claims we use point at (``wbgetentities``, at most 50 ids a request). ``extract`` and the
module-level helpers are pure functions of those bytes.
"""

from __future__ import annotations

import json
import re
from datetime import date
from typing import TYPE_CHECKING, Any, ClassVar
from urllib.parse import urlencode

from ..errors import ExtractError
from ..model import Fact, Gap, Money, Person, Provenance, Quantity, Ticker, Value
from ..names import domain_of
from .base import Candidate, Document, Entity, Fetched, RunContext, Source

if TYPE_CHECKING:
    pass

SOURCE = "wikidata"
LICENCE = "CC0 1.0"
API = "https://www.wikidata.org/w/api.php"
LABEL_BATCH = 50

CURRENCIES = {"Q4917": "USD", "Q4916": "EUR", "Q25224": "GBP", "Q8146": "JPY"}
ROLES = {"P169": "Chief executive officer", "P488": "Chair"}
# property -> (fact field, how to read the value)
PROPERTIES: dict[str, tuple[str, str]] = {
    "P1448": ("legal_name", "text"),
    "P31": ("org_type", "item"),
    "P452": ("industry", "item"),
    "P571": ("founded", "time"),
    "P112": ("founders", "item"),
    "P159": ("headquarters", "item"),
    "P17": ("country", "item"),
    "P169": ("key_people", "role"),
    "P488": ("key_people", "role"),
    "P1128": ("employees", "quantity"),
    "P2139": ("revenue", "money"),
    "P2295": ("net_income", "money"),
    "P2403": ("total_assets", "money"),
    "P749": ("parent", "item"),
    "P355": ("subsidiaries", "item"),
    "P856": ("website", "string"),
    "P414": ("tickers", "ticker"),
    "P154": ("logo", "string"),
    "P166": ("awards", "item"),
}
# Properties whose claims name other items, so whose labels we must fetch.
ITEM_PROPERTIES = tuple(p for p, (_, k) in PROPERTIES.items() if k in ("item", "role", "ticker"))
# Only the preferred claims count when a property of this set has any.
SINGLE_VALUED = frozenset({"P571", "P159", "P17", "P856", "P1448", "P749", "P5531"})

_QID = re.compile(r"Q[1-9][0-9]*")
_TIME = re.compile(r"\+0*(\d{1,4})-(\d\d)-(\d\d)T")  # old dumps pad years to 11 digits


def search_url(query: str) -> str:
    """The wbsearchentities URL for an English name search."""
    params = {
        "action": "wbsearchentities",
        "search": query,
        "language": "en",
        "uselang": "en",
        "type": "item",
        "limit": "10",
        "format": "json",
    }
    return f"{API}?{urlencode(params)}"


def entity_url(qid: str) -> str:
    """The Special:EntityData JSON URL of one item."""
    return f"https://www.wikidata.org/wiki/Special:EntityData/{qid}.json"


def page_url(qid: str) -> str:
    """The human-readable page of one item (what facts cite)."""
    return f"https://www.wikidata.org/wiki/{qid}"


def label_urls(ids: list[str]) -> list[str]:
    """wbgetentities URLs fetching English labels for ``ids``, at most 50 per request."""
    urls = []
    for start in range(0, len(ids), LABEL_BATCH):
        params = {
            "action": "wbgetentities",
            "ids": "|".join(ids[start : start + LABEL_BATCH]),
            "props": "labels",
            "languages": "en",
            "format": "json",
        }
        urls.append(f"{API}?{urlencode(params)}")
    return urls


def _load(body: bytes, what: str) -> dict[str, Any]:
    try:
        data = json.loads(body)
    except (ValueError, UnicodeDecodeError) as err:
        raise ExtractError(SOURCE, f"The Wikidata {what} is not valid JSON ({err}).") from err
    if not isinstance(data, dict):
        raise ExtractError(SOURCE, f"The Wikidata {what} is not a JSON object.")
    return data


def _dict(value: Any) -> dict[str, Any]:
    """``value`` if it is a dict, else {} (Wikibase writes empty maps as [] at times)."""
    return value if isinstance(value, dict) else {}


def _entity(body: bytes) -> dict[str, Any]:
    entities = _dict(_load(body, "entity document").get("entities"))
    entity = _dict(next(iter(entities.values()), None))
    if not isinstance(entity.get("id"), str):
        raise ExtractError(SOURCE, "The Wikidata entity document holds no entity with an id.")
    return entity


def _value(snak: Any) -> Any:
    snak = _dict(snak)
    return _dict(snak.get("datavalue")).get("value") if snak.get("snaktype") == "value" else None


def _claims(entity: dict[str, Any], prop: str) -> list[dict[str, Any]]:
    """Usable claims: not deprecated, with a value; only preferred ones for single-valued props."""
    claims = [
        c
        for c in _dict(entity.get("claims")).get(prop, [])
        if isinstance(c, dict)
        and c.get("rank") != "deprecated"
        and _value(c.get("mainsnak")) is not None
    ]
    if prop in SINGLE_VALUED and any(c.get("rank") == "preferred" for c in claims):
        claims = [c for c in claims if c.get("rank") == "preferred"]
    return claims


def _qualifiers(claim: dict[str, Any], prop: str) -> list[Any]:
    snaks = _dict(claim.get("qualifiers")).get(prop, [])
    return [v for s in snaks if (v := _value(s)) is not None]


def _item_id(value: Any) -> str | None:
    qid = _dict(value).get("id")
    return qid if isinstance(qid, str) and _QID.fullmatch(qid) else None


def _time(value: Any) -> tuple[str, date] | None:
    """A Wikibase time as (ISO text cut to its precision, first day it covers); None if vague."""
    value = _dict(value)
    match = _TIME.match(str(value.get("time", "")))
    precision = value.get("precision")
    if not match or not isinstance(precision, int) or precision < 9 or int(match[1]) == 0:
        return None
    year = int(match[1])
    month = int(match[2]) if precision >= 10 else 0
    day = int(match[3]) if precision >= 11 and month else 0
    try:
        first = date(year, month or 1, day or 1)
    except ValueError:
        return None
    text = f"{year:04d}" + (f"-{month:02d}" if month else "") + (f"-{day:02d}" if day else "")
    return text, first


def _point_in_time(claim: dict[str, Any]) -> tuple[str, date] | None:
    return next((t for v in _qualifiers(claim, "P585") if (t := _time(v))), None)


def _amount(value: Any) -> float | None:
    try:
        return float(_dict(value)["amount"])
    except (KeyError, TypeError, ValueError):
        return None


def _values(prop: str, kind: str, claim: dict[str, Any], labels: dict[str, str]) -> list[Value]:
    """The fact values one claim gives (none when a label or unit is unknown)."""
    raw = _value(claim.get("mainsnak"))
    label = labels.get(_item_id(raw) or "")
    if kind == "item":
        return [label] if label else []
    if kind == "string":
        return [raw] if isinstance(raw, str) and raw else []
    if kind == "text":
        text = _dict(raw).get("text")
        return [text] if isinstance(text, str) and text else []
    if kind == "time":
        when = _time(raw)
        return [when[0]] if when else []
    if kind == "role":
        ends = _dict(claim.get("qualifiers")).get("P582", [])
        ended = any(_dict(s).get("snaktype") != "novalue" for s in ends)
        if not label or ended:
            return []
        since = next((t[0] for v in _qualifiers(claim, "P580") if (t := _time(v))), None)
        return [Person(name=label, role=ROLES[prop], since=since)]
    if kind == "ticker":
        symbols = [s for s in _qualifiers(claim, "P249") if isinstance(s, str) and s]
        return [Ticker(symbol=s, exchange=label) for s in symbols]
    amount = _amount(raw)
    if amount is None:
        return []
    if kind == "quantity":
        return [Quantity(amount=amount)]
    currency = CURRENCIES.get(str(_dict(raw).get("unit", "")).rsplit("/", 1)[-1])
    return [Money(amount=amount, currency=currency)] if currency else []


def _labels(label_docs: list[Document]) -> dict[str, str]:
    labels: dict[str, str] = {}
    for doc in label_docs:
        for qid, item in _dict(_load(doc.body, "label response").get("entities")).items():
            value = _dict(_dict(_dict(item).get("labels")).get("en")).get("value")
            if isinstance(value, str) and value:
                labels[qid] = value
    return labels


def referenced_items(entity: dict[str, Any]) -> list[str]:
    """Item ids the claims we use point at, in numeric order (what needs a label)."""
    ids = {
        qid
        for prop in ITEM_PROPERTIES
        for c in _claims(entity, prop)
        if (qid := _item_id(_value(c.get("mainsnak"))))
    }
    return sorted(ids, key=lambda q: int(q[1:]))


def extract_entity(entity_doc: Document, label_docs: list[Document]) -> list[Fact]:
    """Facts from one Special:EntityData document, naming items by the labels in ``label_docs``."""
    entity = _entity(entity_doc.body)
    labels = _labels(label_docs)
    url = page_url(entity["id"])

    def fact(field: str, value: Value, locator: str, when: tuple[str, date] | None) -> Fact:
        as_of = when[1] if when else entity_doc.retrieved_at.date()
        provenance = Provenance(
            source=SOURCE,
            url=url,
            retrieved_at=entity_doc.retrieved_at,
            as_of=as_of,
            locator=locator,
            licence=LICENCE,
            constructed=entity_doc.constructed,
        )
        return Fact(
            field=field,
            value=value,
            provenance=provenance,
            period=str(when[1].year) if when else None,
        )

    facts = []
    for key, field in (("labels", "common_name"), ("descriptions", "description")):
        text = _dict(_dict(entity.get(key)).get("en")).get("value")
        if isinstance(text, str) and text:
            facts.append(fact(field, text, key[:-1], None))
    for prop, (field, kind) in PROPERTIES.items():
        for claim in _claims(entity, prop):
            when = _point_in_time(claim)
            facts.extend(fact(field, v, prop, when) for v in _values(prop, kind, claim, labels))
    return facts


def entity_summary(body: bytes) -> dict[str, Any]:
    """Identifiers and names from an entity document, for the resolver."""
    entity = _entity(body)

    def first(prop: str) -> str | None:
        return next(
            (
                v
                for c in _claims(entity, prop)
                if isinstance(v := _value(c.get("mainsnak")), str) and v
            ),
            None,
        )

    cik = first("P5531")
    tickers = [
        s for c in _claims(entity, "P414") for s in _qualifiers(c, "P249") if isinstance(s, str)
    ]
    title = _dict(_dict(entity.get("sitelinks")).get("enwiki")).get("title")
    return {
        "id": entity["id"],
        "label": _dict(_dict(entity.get("labels")).get("en")).get("value"),
        "description": _dict(_dict(entity.get("descriptions")).get("en")).get("value"),
        "cik": cik.zfill(10) if cik and cik.isdigit() else None,
        "enwiki_title": title if isinstance(title, str) else None,
        "website": first("P856"),
        "tickers": list(dict.fromkeys(tickers)),
    }


def parse_search(body: bytes) -> list[Candidate]:
    """Candidates from a wbsearchentities response, best first (rank 0 is the top hit)."""
    data = _load(body, "search response")
    if "error" in data:
        info = _dict(data["error"]).get("info", "unknown error")
        raise ExtractError(SOURCE, f"Wikidata search failed: {info}.")
    results = data.get("search")
    if not isinstance(results, list):
        raise ExtractError(SOURCE, "The Wikidata search response has no 'search' list.")
    candidates: list[Candidate] = []
    for hit in filter(None, map(_dict, results)):
        qid = hit.get("id")
        name = hit.get("label") or _dict(hit.get("match")).get("text")
        if isinstance(qid, str) and isinstance(name, str) and name:
            description = hit.get("description")
            candidates.append(
                Candidate(
                    source=SOURCE,
                    name=name,
                    wikidata=qid,
                    rank=len(candidates),
                    description=description if isinstance(description, str) else "",
                )
            )
    return candidates


class Wikidata(Source):
    """The Wikidata source: entity document and labels via the Action API."""

    name: ClassVar[str] = "wikidata"
    label: ClassVar[str] = "Wikidata"
    licence: ClassVar[str] = LICENCE
    company_facts: ClassVar[bool] = True
    searchable: ClassVar[bool] = True
    identifies: ClassVar[tuple[str, ...]] = ("wikidata",)

    def search(self, query: str) -> list[Candidate]:
        """Candidates for a company name; a FetchError propagates."""
        return parse_search(self.client.get(search_url(query), source=SOURCE).body)

    def lookup(self, kind: str, value: str) -> Candidate | None:
        """The item ``value`` (a Q-id) as a candidate with its identifiers; None when unusable."""
        if kind != "wikidata":
            return None
        doc = self.client.get(entity_url(value.strip().upper()), source=SOURCE)
        summary = entity_summary(doc.body)
        if not summary:
            return None
        website = summary.get("website")
        tickers = summary.get("tickers") or []
        return Candidate(
            source=SOURCE,
            name=summary.get("label") or "",
            description=summary.get("description") or "",
            wikidata=summary.get("id") or value.strip().upper(),
            cik=summary.get("cik"),
            ticker=tickers[0] if tickers else None,
            domain=domain_of(website) if website else None,
            website=website,
            wikipedia_title=summary.get("enwiki_title"),
        )

    def details(self, candidate: Candidate) -> Candidate | None:
        """The search candidate's item, with its identifiers and website."""
        return self.lookup("wikidata", candidate.wikidata) if candidate.wikidata else None

    def fetch(self, entity: Entity, ctx: RunContext) -> Fetched:
        """The entity document and its label documents; failures become gaps."""
        fetched = Fetched()
        if entity.ids.wikidata is None:
            return fetched
        qid = entity.ids.wikidata.strip().upper()
        if not _QID.fullmatch(qid):
            message = f"{entity.ids.wikidata!r} is not a Wikidata item id (Q followed by digits)."
            fetched.gaps.append(Gap(source=SOURCE, message=message))
            return fetched
        doc = fetched.get(self.client, entity_url(qid), SOURCE)
        if doc is not None:
            try:
                ids = referenced_items(_entity(doc.body))
            except ExtractError as err:
                fetched.gaps.append(Gap(source=SOURCE, message=str(err), url=doc.url))
                ids = []
            for url in label_urls(ids):
                fetched.get(self.client, url, SOURCE)
        return fetched

    def extract(self, documents: list[Document]) -> list[Fact]:
        """Facts from fetched documents (pure); raises ExtractError on a malformed document."""
        entity_docs = [d for d in documents if "Special:EntityData/" in d.url]
        label_docs = [d for d in documents if "action=wbgetentities" in d.url]
        return [f for doc in entity_docs for f in extract_entity(doc, label_docs)]
