"""SEC EDGAR: ticker map, submissions (registry facts, filings) and XBRL company facts."""

from __future__ import annotations

import functools
import json
import threading
from datetime import date
from typing import Any, ClassVar

from pydantic_core import from_json

from ..errors import ExtractError, FetchError
from ..model import (
    Code,
    Fact,
    Filing,
    FilingItem,
    FormerName,
    Money,
    Provenance,
    Quantity,
    Ticker,
)
from ..nameindex import NameIndex
from ..names import pad_cik
from ..once import once
from .base import Candidate, Document, Entity, Fetched, RunContext, Source

TICKERS_URL = "https://www.sec.gov/files/company_tickers.json"
SUBMISSIONS_URL = "https://data.sec.gov/submissions/CIK{cik}.json"
COMPANYFACTS_URL = "https://data.sec.gov/api/xbrl/companyfacts/CIK{cik}.json"
ARCHIVE_URL = "https://www.sec.gov/Archives/edgar/data/{cik}/{acc}/{doc}"
LICENCE = "Public domain (U.S. government work)"

#: US-GAAP concepts per field, most preferred first (older filings use the later ones).
CONCEPTS: dict[str, tuple[str, ...]] = {
    "revenue": (
        "RevenueFromContractWithCustomerExcludingAssessedTax",
        "Revenues",
        "SalesRevenueNet",
        "RevenueFromContractWithCustomerIncludingAssessedTax",
    ),
    "net_income": ("NetIncomeLoss", "ProfitLoss"),
    "total_assets": ("Assets",),
    # Marketing spend: one field per concept, so each figure keeps its own name and meaning.
    "marketing_advertising_expense": ("MarketingAndAdvertisingExpense",),
    "advertising_expense": ("AdvertisingExpense",),
    "marketing_expense": ("MarketingExpense",),
    "selling_marketing_expense": ("SellingAndMarketingExpense",),
    "sga_expense": ("SellingGeneralAndAdministrativeExpense",),
}
IFRS_CONCEPTS: dict[str, tuple[str, ...]] = {
    "revenue": ("Revenue",),
    "net_income": ("ProfitLoss",),
    "total_assets": ("Assets",),
}
ANNUAL_FORMS = frozenset({"10-K", "10-K/A", "20-F", "20-F/A", "40-F", "40-F/A"})
FORM_NAMES = {
    "10-K": "Annual report",
    "20-F": "Annual report (foreign private issuer)",
    "40-F": "Annual report (Canadian issuer)",
    "10-Q": "Quarterly report",
}
#: Form 8-K items: the official title (Form 8-K, General Instructions B and the items of the
#: form) and the same in a few plain words for sentences.
ITEMS: dict[str, tuple[str, str]] = {
    "1.01": ("Entry into a Material Definitive Agreement", "a material agreement"),
    "1.02": ("Termination of a Material Definitive Agreement", "the end of a material agreement"),
    "1.03": ("Bankruptcy or Receivership", "bankruptcy or receivership"),
    "1.04": ("Mine Safety - Reporting of Shutdowns and Patterns of Violations", "mine safety"),
    "1.05": ("Material Cybersecurity Incidents", "a cybersecurity incident"),
    "2.01": (
        "Completion of Acquisition or Disposition of Assets",
        "an acquisition or disposal of assets",
    ),
    "2.02": ("Results of Operations and Financial Condition", "financial results"),
    "2.03": (
        "Creation of a Direct Financial Obligation or an Obligation under an Off-Balance Sheet "
        "Arrangement of a Registrant",
        "a new financial obligation",
    ),
    "2.04": (
        "Triggering Events That Accelerate or Increase a Direct Financial Obligation or an "
        "Obligation under an Off-Balance Sheet Arrangement",
        "an accelerated financial obligation",
    ),
    "2.05": ("Costs Associated with Exit or Disposal Activities", "restructuring and exit costs"),
    "2.06": ("Material Impairments", "an impairment"),
    "3.01": (
        "Notice of Delisting or Failure to Satisfy a Continued Listing Rule or Standard; "
        "Transfer of Listing",
        "its stock listing",
    ),
    "3.02": ("Unregistered Sales of Equity Securities", "unregistered sales of shares"),
    "3.03": ("Material Modification to Rights of Security Holders", "shareholders' rights"),
    "4.01": ("Changes in Registrant's Certifying Accountant", "a change of auditor"),
    "4.02": (
        "Non-Reliance on Previously Issued Financial Statements or a Related Audit Report or "
        "Completed Interim Review",
        "non-reliance on earlier financial statements",
    ),
    "5.01": ("Changes in Control of Registrant", "a change in control"),
    "5.02": (
        "Departure of Directors or Certain Officers; Election of Directors; Appointment of "
        "Certain Officers; Compensatory Arrangements of Certain Officers",
        "officer and director changes",
    ),
    "5.03": (
        "Amendments to Articles of Incorporation or Bylaws; Change in Fiscal Year",
        "changes to its articles or bylaws",
    ),
    "5.04": (
        "Temporary Suspension of Trading Under Registrant's Employee Benefit Plans",
        "a trading suspension in employee benefit plans",
    ),
    "5.05": (
        "Amendments to the Registrant's Code of Ethics, or Waiver of a Provision of the Code "
        "of Ethics",
        "its code of ethics",
    ),
    "5.06": ("Change in Shell Company Status", "its shell company status"),
    "5.07": ("Submission of Matters to a Vote of Security Holders", "a shareholder vote"),
    "5.08": ("Shareholder Director Nominations", "shareholder director nominations"),
    "7.01": ("Regulation FD Disclosure", "a Regulation FD disclosure"),
    "8.01": ("Other Events", "other events"),
    "9.01": ("Financial Statements and Exhibits", "financial statements and exhibits"),
}
#: How many of each form to keep, newest first (8-Ks feed the report's dated timeline).
RECENT_FORMS = {"10-K": 3, "20-F": 3, "40-F": 3, "10-Q": 3, "8-K": 30}


def parse_tickers(body: bytes) -> list[tuple[str, str, str]]:
    """company_tickers.json to (cik, ticker, title) rows."""
    try:
        data = json.loads(body)
        return [(pad_cik(v["cik_str"]), str(v["ticker"]), str(v["title"])) for v in data.values()]
    except (ValueError, KeyError, TypeError, AttributeError) as exc:
        raise ExtractError("sec", f"company_tickers.json has an unexpected shape ({exc})") from exc


class TickerIndex:
    """The ticker map as a :class:`~dossier.nameindex.NameIndex` (every title cleaned once)."""

    def __init__(self, rows: list[tuple[str, str, str]]) -> None:
        self.rows = rows
        self.names = NameIndex(rows)

    def match(self, query: str, limit: int = 5) -> list[Candidate]:
        """Rows whose title matches ``query`` (cleaned-name similarity) or whose ticker equals it."""
        out = []
        for rank, hit in enumerate(self.names.search(query, limit)):
            cik, ticker, title = self.rows[hit.index]
            out.append(
                Candidate(
                    source="sec",
                    name=title,
                    description=f"SEC filer, ticker {ticker}",
                    cik=cik,
                    ticker=ticker,
                ).ranked(rank)
            )
        return out

    def ticker(self, symbol: str) -> Candidate | None:
        """The filer listed under ``symbol``."""
        i = self.names.ticker(symbol)
        if i is None:
            return None
        cik, ticker, title = self.rows[i]
        return Candidate(source="sec", name=title, cik=cik, ticker=ticker)


@once(maxsize=2)
def ticker_index(body: bytes) -> TickerIndex:
    """The index of one ticker map, built once per process (every company shares it)."""
    return TickerIndex(parse_tickers(body))


def match_tickers(rows: list[tuple[str, str, str]], query: str, limit: int = 5) -> list[Candidate]:
    """Rows whose title matches ``query`` (cleaned-name similarity) or whose ticker equals it."""
    return TickerIndex(rows).match(query, limit)


def _prov(doc: Document, as_of: date | None = None, locator: str = "") -> Provenance:
    return Provenance(
        source="sec",
        url=doc.url,
        retrieved_at=doc.retrieved_at,
        as_of=as_of or doc.retrieved_at.date(),
        locator=locator,
        licence=LICENCE,
        constructed=doc.constructed,
    )


def _address(addr: dict[str, Any]) -> str:
    street = ", ".join(s for s in (addr.get("street1"), addr.get("street2")) if s)
    city = (addr.get("city") or "").title()
    region = addr.get("stateOrCountryDescription") or addr.get("stateOrCountry") or ""
    tail = " ".join(x for x in (region, addr.get("zipCode") or "") if x)
    return ", ".join(x for x in (street.title(), city, tail) if x)


def _day(value: str | None) -> date | None:
    return date.fromisoformat(value[:10]) if value else None


def extract_submissions(doc: Document) -> list[Fact]:
    """Registry facts and recent filings from a submissions JSON."""
    try:
        d = _json(doc.body)
        cik = pad_cik(d["cik"])
    except (ValueError, KeyError, TypeError) as exc:
        raise ExtractError(
            "sec", f"{doc.url} is not a submissions document ({exc})", doc.url
        ) from exc
    facts: list[Fact] = []

    def add(field: str, value: Any, locator: str, as_of: date | None = None) -> None:
        facts.append(Fact(field=field, value=value, provenance=_prov(doc, as_of, locator)))

    if d.get("name"):
        add("legal_name", d["name"], "name")
    for fn in d.get("formerNames") or []:
        add(
            "former_names",
            FormerName(
                name=fn["name"],
                start=_day(fn.get("from")),
                end=_day(fn.get("to")),
                usage="filer name",
            ),
            "formerNames",
        )
    if d.get("sic"):
        add(
            "sic",
            Code(code=str(d["sic"]), description=d.get("sicDescription") or "", scheme="SEC SIC"),
            "sic",
        )
    if d.get("stateOfIncorporation"):
        add(
            "state_of_incorporation",
            d.get("stateOfIncorporationDescription") or d["stateOfIncorporation"],
            "stateOfIncorporation",
        )
    fye = str(d.get("fiscalYearEnd") or "")
    if len(fye) == 4 and fye.isdigit():
        add("fiscal_year_end", f"--{fye[:2]}-{fye[2:]}", "fiscalYearEnd")
    business = (d.get("addresses") or {}).get("business") or {}
    if business.get("city"):
        add("address", _address(business), "addresses.business")
        city = business["city"].title()
        region = business.get("stateOrCountry") or ""
        add("headquarters", f"{city}, {region}".strip(", "), "addresses.business")
    if d.get("phone"):
        add("phone", d["phone"], "phone")
    if d.get("website"):
        add("website", d["website"], "website")
    tickers = d.get("tickers") or []
    exchanges = d.get("exchanges") or []
    for i, symbol in enumerate(tickers):
        exch = exchanges[i] if i < len(exchanges) else None
        add("tickers", Ticker(symbol=symbol, exchange=exch), "tickers")
    if tickers:
        add("org_type", "Public company", "tickers")
    facts.extend(_recent_filings(doc, d, cik))
    return facts


def filing_item(number: str) -> FilingItem:
    """An 8-K item with its official title and plain words (empty for an unknown number)."""
    title, topic = ITEMS.get(number, ("", ""))
    return FilingItem(number=number, title=title, topic=topic)


def _recent_filings(doc: Document, d: dict[str, Any], cik: str) -> list[Fact]:
    recent = ((d.get("filings") or {}).get("recent")) or {}
    forms = recent.get("form") or []
    wanted = dict(RECENT_FORMS)
    out: list[Fact] = []
    for i, form in enumerate(forms):
        if wanted.get(form, 0) <= 0:
            continue
        wanted[form] -= 1
        acc = recent["accessionNumber"][i]
        primary = (recent.get("primaryDocument") or [""] * len(forms))[i]
        filed = date.fromisoformat(recent["filingDate"][i])
        report = (recent.get("reportDate") or [""] * len(forms))[i]
        url = ARCHIVE_URL.format(cik=int(cik), acc=acc.replace("-", ""), doc=primary)
        numbers = [x.strip() for x in ((recent.get("items") or [""] * len(forms))[i]).split(",")]
        items = [filing_item(x) for x in numbers if x]
        filing = Filing(
            form=form,
            filed=filed,
            accession=acc,
            period=_day(report) if report else None,
            url=url,
            description="; ".join(f"Item {x.number} {x.title}".strip() for x in items)
            or FORM_NAMES.get(form, ""),
            items=items,
        )
        out.append(
            Fact(
                field="filings", value=filing, provenance=_prov(doc, filed, f"filings.recent[{i}]")
            )
        )
    return out


def _is_annual(r: dict[str, Any]) -> bool:
    """A whole fiscal year (or an instant) from an annual report."""
    if r.get("form") not in ANNUAL_FORMS or r.get("fp") != "FY" or "end" not in r:
        return False
    start = r.get("start")
    return _year_long(start, r["end"]) if start else True


@functools.lru_cache(maxsize=4096)
def _year_long(start: str, end: str) -> bool:
    """Whether ``start`` to ``end`` is a fiscal year (330 to 400 days). The same few dozen
    periods recur across a companyfacts document's 16,000 rows: each is worked out once."""
    days = (date.fromisoformat(end) - date.fromisoformat(start)).days
    return 330 <= days <= 400


def report_periods(facts_root: dict[str, Any]) -> dict[str, str]:
    """Each annual report's own fiscal-year end: the last day of the full-year figures it tags.

    Read across every concept, so a report that tags a concept only for earlier years (Apple's
    2012 10-K gives marketing expense for 2010 and 2011 only) is still dated by its own year.
    """
    out: dict[str, str] = {}
    for taxonomy in facts_root.values():
        for node in (taxonomy or {}).values():
            for rows in ((node or {}).get("units") or {}).values():
                for r in rows:
                    if r.get("start") and "accn" in r and _is_annual(r):
                        out[r["accn"]] = max(out.get(r["accn"], ""), r["end"])
    return out


def _annual_series(
    doc: Document,
    field: str,
    concept: str,
    rows: list[dict[str, Any]],
    periods: dict[str, str] | None = None,
) -> dict[str, Fact]:
    """One value per fiscal period: the latest filing's value (restatements win).

    The fiscal-year label comes from the filing whose own reporting period ends on that date
    (``fy`` is the filing's fiscal year, not the row's; ``periods`` gives each report's own
    year end, see :func:`report_periods`); failing that, the end date's year.
    """
    annual = [r for r in rows if _is_annual(r)]
    primary_end = (
        periods if periods is not None else report_periods({"": {"": {"units": {"": rows}}}})
    )
    by_end: dict[str, list[dict[str, Any]]] = {}
    for r in annual:
        by_end.setdefault(r["end"], []).append(r)
    out: dict[str, Fact] = {}
    for end, group in by_end.items():
        group.sort(key=lambda r: (r.get("filed", ""), r.get("accn", "")))
        latest = group[-1]
        own = [r for r in group if primary_end.get(r["accn"]) == end and r.get("fy")]
        fiscal_year = own[0]["fy"] if own else int(end[:4])
        out[end] = Fact(
            field=field,
            value=Money(amount=float(latest["val"]), currency="USD"),
            period=f"FY{fiscal_year}",
            period_end=date.fromisoformat(end),
            provenance=_prov(
                doc,
                date.fromisoformat(end),
                f"{concept}; {latest['form']} accession {latest['accn']} filed {latest.get('filed')}",
            ),
        )
    return out


#: One companyfacts document parsed at a time in a process. Parsed, one is about 17 MB of
#: Python objects (3.5 MB of JSON, 500 concepts of which the record uses a dozen); a batch
#: researches several companies in threads, and four parsed at once set the main process's
#: peak memory. Parsing holds the interpreter lock throughout, so taking turns costs no time.
_PARSING = threading.Lock()


def extract_companyfacts(doc: Document) -> list[Fact]:
    """Annual revenue, net income, total assets and marketing spend (and employees where tagged).

    Only figures for a whole fiscal year from annual reports count; where a later report
    restated a year, the later figure wins (see :func:`_annual_series`).
    """
    with _PARSING:
        return _extract_companyfacts(doc)


def _json(body: bytes) -> Any:
    """A large JSON body parsed: pydantic's Rust parser (about a third quicker than
    :func:`json.loads` on a 3.7 MB companyfacts document, the same objects), else the standard
    library's, which also reads what the Rust parser refuses (a lone surrogate escape) and
    raises the error for a body that is not JSON."""
    try:
        return from_json(body)
    except ValueError:
        return json.loads(body)


def _extract_companyfacts(doc: Document) -> list[Fact]:
    try:
        d = _json(doc.body)
        facts_root = d["facts"]
    except (ValueError, KeyError, TypeError) as exc:
        raise ExtractError(
            "sec", f"{doc.url} is not a companyfacts document ({exc})", doc.url
        ) from exc
    out: list[Fact] = []
    periods = report_periods(facts_root)
    for field, concepts in CONCEPTS.items():
        merged: dict[str, Fact] = {}
        for taxonomy, names in (("us-gaap", concepts), ("ifrs-full", IFRS_CONCEPTS.get(field, ()))):
            for concept in names:
                node = (facts_root.get(taxonomy) or {}).get(concept)
                if not node:
                    continue
                for unit, rows in (node.get("units") or {}).items():
                    if len(unit) != 3 or not unit.isalpha():
                        continue
                    series = _annual_series(doc, field, f"{taxonomy}:{concept}", rows, periods)
                    for end, fact in series.items():
                        if end not in merged and isinstance(fact.value, Money):
                            value = Money(amount=fact.value.amount, currency=unit.upper())
                            merged[end] = fact.model_copy(update={"value": value})
        out.extend(merged[end] for end in sorted(merged))
    emp = ((facts_root.get("dei") or {}).get("EntityNumberOfEmployees") or {}).get("units", {})
    for rows in emp.values():
        for r in rows:
            if r.get("form") in ANNUAL_FORMS and "end" in r:
                out.append(
                    Fact(
                        field="employees",
                        value=Quantity(amount=float(r["val"])),
                        period=f"FY{r.get('fy') or r['end'][:4]}",
                        provenance=_prov(
                            doc,
                            date.fromisoformat(r["end"]),
                            f"dei:EntityNumberOfEmployees; accession {r.get('accn')}",
                        ),
                    )
                )
    return out


class Sec(Source):
    """SEC EDGAR (U.S. filers): registry facts, filings and XBRL financials."""

    name: ClassVar[str] = "sec"
    label: ClassVar[str] = "SEC EDGAR"
    licence: ClassVar[str] = LICENCE
    company_facts: ClassVar[bool] = True
    searchable: ClassVar[bool] = True
    identifies: ClassVar[tuple[str, ...]] = ("cik", "ticker")
    needs_identity: ClassVar[bool] = True
    search_bias: ClassVar[float] = -0.02

    def __init__(self, settings: Any, client: Any) -> None:
        super().__init__(settings, client)
        self._index: TickerIndex | None = None

    def _tickers(self) -> TickerIndex:
        if self._index is None:
            self._index = ticker_index(self.client.get(TICKERS_URL, source=self.name).body)
        return self._index

    def search(self, query: str) -> list[Candidate]:
        """Filers whose name or ticker matches ``query``."""
        return self._tickers().match(query)

    def lookup(self, kind: str, value: str) -> Candidate | None:
        """A filer by ticker (the ticker map) or CIK (its submissions document)."""
        if kind == "ticker":
            return self._tickers().ticker(value)
        if kind == "cik":
            return self.by_cik(value)
        return None

    def by_cik(self, cik: str) -> Candidate | None:
        """The filer's name from its submissions document (None when EDGAR has no such CIK).

        A failed request raises its FetchError and a body that is not JSON an ExtractError,
        so resolution can tell "no such filer" from "EDGAR could not be asked".
        """
        url = SUBMISSIONS_URL.format(cik=pad_cik(cik))
        try:
            doc = self.client.get(url, source=self.name)
        except FetchError as exc:
            if exc.status in (404, 410):
                return None  # EDGAR answers 404 for a CIK it does not know
            raise
        try:
            data = json.loads(doc.body)
        except ValueError as exc:
            raise ExtractError(
                self.name, f"the EDGAR submissions response for CIK {pad_cik(cik)} is not JSON", url
            ) from exc
        name = data.get("name") if isinstance(data, dict) else None
        return Candidate(source="sec", name=str(name or ""), cik=pad_cik(cik))

    def fetch(self, entity: Entity, ctx: RunContext) -> Fetched:
        """Submissions and company facts for the entity's CIK."""
        out = Fetched()
        if not entity.ids.cik:
            return out
        cik = pad_cik(entity.ids.cik)
        for template in (SUBMISSIONS_URL, COMPANYFACTS_URL):
            out.get(self.client, template.format(cik=cik), self.name)
        return out

    def extract(self, documents: list[Document]) -> list[Fact]:
        """Facts from submissions and companyfacts documents."""
        facts: list[Fact] = []
        for doc in documents:
            if "/submissions/" in doc.url:
                facts.extend(extract_submissions(doc))
            elif "/companyfacts/" in doc.url:
                facts.extend(extract_companyfacts(doc))
        return facts
