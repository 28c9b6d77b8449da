"""Agency research: the incumbent agency's dossier, researched like a company plus what the
gazetteer knows about it, its network and its holding company.

Every gazetteer fact is cited to the public page it was read on and labelled "dossier agency
list (as of DATE), from SITE" (the list is a source like any other). For an agency inside a
listed holding company the money is the holding company's reported revenue (SEC EDGAR for a
U.S. filer, the annual figure the gazetteer cites from the investor pages of WPP, Publicis,
Havas, Dentsu or S4 Capital), always named as the holding company's. The client roster comes
from the same relation extractor as the agency finding, run over the reports about the agency
(:func:`dossier.agency.relations_of_agency`). A reviewer's ``overrides/agency-<slug>.toml`` adds
an employee rating (with its date and source) and the agency's pages on review sites; review
sites are linked, never read. The sections a profile can have and the sources each consults
are in docs/agency-profile.md.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Mapping, Sequence
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

from .. import config
from .. import formatting as fmt
from ..agency import AgencyEntry, AgencyFinding, Gazetteer, load_gazetteer, relations_of_agency
from ..agency.gazetteer import FactRow
from ..agency.people import LEADERSHIP
from ..errors import FetchError, ResolutionError, SourceError
from ..fields import FIELDS
from ..model import (
    Account,
    AgencyContext,
    Article,
    Award,
    Billings,
    Dossier,
    Event,
    Fact,
    Gap,
    Identifiers,
    Money,
    Person,
    Provenance,
    Quantity,
    Quote,
    Value,
    Work,
)
from ..net import PoliteClient
from ..net.sites import registrable_domain
from ..sources import registry
from ..sources.base import Entity, RunContext
from .collect import Collected, collect, extract_all, make_sources
from .company import GAZETTEER, assemble
from .overrides import AgencyOverride, agency_override_path, find_agency_override
from .resolve import Hints
from .reuse import once

log = logging.getLogger(__name__)

GAZETTEER_AS_OF = date(2026, 12, 1)  # the rebuild date; each entry also has its own as_of
#: Listed holding companies and their tickers in the SEC's map (others do not file with the SEC).
HOLDING_TICKERS = {"Omnicom": "OMC", "Interpublic": "IPG", "Stagwell": "STGW"}
#: Relation statuses that make a client row (the extractor's words).
ACCOUNT_STATUSES = ("appointed", "retained", "ended", "review", "credit")
#: The reader-facing name of the bundled list, as its citations show it.
LIST_LABEL = "Agency list compiled from public pages"


def _stamp(day: date) -> datetime:
    return datetime(day.year, day.month, day.day, tzinfo=UTC)


def _prov(entry: AgencyEntry, url: str, as_of: date, read: date | None, what: str) -> Provenance:
    return Provenance(
        source=GAZETTEER,
        url=url,
        retrieved_at=_stamp(read or entry.as_of or GAZETTEER_AS_OF),
        as_of=as_of,
        locator=f"dossier/data/agencies.toml: {entry.name}, {what}",
    )


def _text(value: object) -> str:
    if isinstance(value, date):
        return value.isoformat()
    return str(value).strip() if value is not None else ""


def _row_value(row: FactRow) -> tuple[Value, str | None, date | None]:
    """A fact row's typed value (by the field's kind), its period and period end."""
    spec = FIELDS[row.field]
    g = row.get
    period = _text(g("period")) or None
    end = g("period_end") or None
    end = end if isinstance(end, date) else None
    if row.field == "awards":
        return (
            Award(
                name=_text(g("name") or g("value")),
                year=_text(g("year")),
                body=_text(g("body")),
                work=_text(g("work")),
                recipient=_text(g("recipient")),
            ),
            _text(g("year")) or None,
            None,
        )
    kind = spec.kind
    if kind == "money":
        return Money(amount=float(g("amount")), currency=_text(g("currency"))), period, end
    if kind == "billings":
        billings = Billings(
            amount=float(g("amount")),
            currency=_text(g("currency")),
            by=_text(g("by")),
            estimate=bool(g("estimate", False)),
        )
        return billings, period, end
    if kind == "count":
        return Quantity(amount=float(g("amount")), unit=_text(g("unit"))), period, end
    if kind == "person" and not g("name"):
        return _text(g("value")), None, None
    if kind == "person":
        since = _text(g("since")) or None
        return (
            Person(name=_text(g("name") or g("value")), role=_text(g("role")), since=since),
            None,
            None,
        )
    if kind == "account":
        account = Account(
            client=_text(g("client")),
            role=_text(g("role")),
            status=_text(g("status")),
            reported=_text(g("reported")),
            by=_text(g("by")),
        )
        return account, None, None
    if kind == "work":
        return (
            Work(name=_text(g("name")), client=_text(g("client")), year=_text(g("year"))),
            None,
            None,
        )
    if kind == "event":
        event = Event(
            date=_text(g("date")),
            text=_text(g("text")),
            type=_text(g("type")) or "other",
            said=_text(g("said")),
            said_by=_text(g("said_by")),
            subject=_text(g("subject")),
        )
        return event, None, None
    if kind == "quote":
        return Quote(text=_text(g("text")), by=_text(g("by")), when=_text(g("date"))), None, None
    return _text(g("value")), period, end


def row_facts(entry: AgencyEntry, rename: Mapping[str, str] | None = None) -> list[Fact]:
    """The entry's ``[[agency.fact]]`` rows as cited facts (``rename``: field -> field, for
    the facts of a network or holding company that describe it, not the agency)."""
    out = []
    for row in entry.facts:
        field = (rename or {}).get(row.field, row.field)
        if rename is not None and field == row.field:
            continue  # only the mapped fields of a network or holding company are used
        value, period, end = _row_value(row)
        if isinstance(value, Event) and rename is not None and not value.subject:
            value = value.model_copy(update={"subject": entry.name})
        read = row.retrieved or GAZETTEER_AS_OF
        prov = _prov(entry, row.source, row.as_of, read, f"fact: {row.field}")
        out.append(Fact(field=field, value=value, provenance=prov, period=period, period_end=end))
    return out


_EVENT_TYPES = (
    (re.compile(r"\b(?:founded|formed|set up|opened|launched)\b", re.I), "founded"),
    (re.compile(r"\b(?:acquired|bought|sold|stake|owned)\b", re.I), "ownership"),
    (re.compile(r"\b(?:merged|merger|combined|absorbed|folded)\b", re.I), "merger"),
    (re.compile(r"\b(?:renamed|rebrand\w*|became)\b", re.I), "rename"),
)


def _event_type(text: str) -> str:
    return next((t for pattern, t in _EVENT_TYPES if pattern.search(text)), "other")


def history_facts(entry: AgencyEntry, subject: str = "") -> list[Fact]:
    """The entry's dated ``[[agency.history]]`` and past ``[[agency.ownership]]`` rows as Event
    facts; rows without a cited page are left out (no citation of a page nobody read)."""
    out = []
    for h in entry.history:
        if not h.source or not h.date:
            continue
        value = Event(date=h.date, text=h.event, type=_event_type(h.event), subject=subject)
        prov = _prov(entry, h.source, entry.as_of or GAZETTEER_AS_OF, None, "history")
        out.append(Fact(field="history_events", value=value, provenance=prov))
    for row in entry.ownership:
        if not row.end or not row.source or row.owner == entry.holding:
            continue
        since = f" from {fmt.human_date(row.start)}" if row.start else ""
        text = f"{entry.name} was owned by {row.owner}{since} until {fmt.human_date(row.end)}."
        value = Event(date=row.end, text=text, type="ownership", subject=subject)
        prov = _prov(entry, row.source, entry.as_of or GAZETTEER_AS_OF, None, "ownership")
        out.append(Fact(field="history_events", value=value, provenance=prov))
    return out


def gazetteer_facts(
    entry: AgencyEntry, retrieved_at: datetime | None = None, gazetteer: Gazetteer | None = None
) -> list[Fact]:
    """The gazetteer's facts about an agency, cited to the public page each entry names.

    With ``gazetteer``, also its network's (offices, history, since when its holding company
    owns it) and its holding company's (reported revenue, as ``holding_revenue``).
    """
    del retrieved_at  # each fact's retrieval time is the day its page was read
    url = entry.source or "dossier/data/agencies.toml"
    prov = _prov(entry, url, entry.as_of or GAZETTEER_AS_OF, None, "entry")
    facts = []
    if entry.holding and entry.holding.lower() != "independent" and entry.holding != entry.name:
        facts.append(Fact(field="holding_company", value=entry.holding, provenance=prov))
    elif entry.holding.lower() == "independent":
        facts.append(Fact(field="holding_company", value="Independent", provenance=prov))
    if entry.network:
        facts.append(Fact(field="network", value=entry.network, provenance=prov))
    for d in entry.discipline:
        facts.append(Fact(field="disciplines", value=d, provenance=prov))
    if entry.hq:
        facts.append(Fact(field="headquarters", value=entry.hq, provenance=prov))
    if entry.founded and not any(r.field == "founded" for r in entry.facts):
        facts.append(Fact(field="founded", value=entry.founded, provenance=prov))
    if entry.note:
        facts.append(Fact(field="scope_note", value=entry.note, provenance=prov))
    facts += row_facts(entry)
    facts += history_facts(entry)
    facts += ownership_facts(entry)
    if gazetteer is None:
        return facts
    network = gazetteer.get(entry.network) if entry.network else None
    owned = _since(entry, entry.holding)
    if network is not None and network.name != entry.name:
        facts += row_facts(network, {"office_count": "network_office_count"})
        facts += history_facts(network, subject=network.name)
        owned += _since(network, entry.holding)
    # Since when the holding company owns it: the earliest dated row, its own or its network's
    # ("in the TBWA Worldwide network, which Omnicom Group has owned since 1993").
    facts += sorted(owned, key=lambda f: str(f.value))[:1]
    holding = gazetteer.get(entry.holding) if entry.holding else None
    if holding is not None and holding.name != entry.name:
        facts += row_facts(holding, {"revenue": "holding_revenue"})
    return facts


def _since(entry: AgencyEntry, holding: str) -> list[Fact]:
    """Since when ``holding`` owns the entry: its dated, cited, open ownership row."""
    for row in entry.ownership:
        if row.owner == holding and row.start and not row.end and row.source:
            prov = _prov(entry, row.source, entry.as_of or GAZETTEER_AS_OF, None, "ownership")
            return [
                Fact(
                    field="holding_since",
                    value=row.start,
                    provenance=prov.model_copy(
                        update={"locator": f"{prov.locator} ({entry.name}, owned by {holding})"}
                    ),
                )
            ]
    return []


def ownership_facts(entry: AgencyEntry, retrieved_at: datetime | None = None) -> list[Fact]:
    """The owner before today's, as a scope note ("It was owned by Interpublic Group until
    2025-11-26"), so a profile can say who owned the agency when an older report was written."""
    del retrieved_at
    out = []
    for row in entry.ownership:
        if not row.end or not row.source or row.owner == entry.holding:
            continue
        since = f" from {fmt.human_date(row.start)}" if row.start else ""
        text = f"It was owned by {row.owner}{since} until {fmt.human_date(row.end)}."
        prov = _prov(entry, row.source, entry.as_of or GAZETTEER_AS_OF, None, "ownership")
        out.append(Fact(field="scope_note", value=text, provenance=prov))
    return out


def folded_facts(named: AgencyEntry, current: AgencyEntry) -> list[Fact]:
    """A folded or renamed brand, profiled as what it became: one dated, cited event."""
    if named.name == current.name or not named.source:
        return []
    dated = [h for h in named.history if h.date and h.source]
    when = dated[-1].date if dated else (named.as_of.isoformat() if named.as_of else "")
    verb = "renamed" if named.status == "renamed" else "folded into"
    text = f"{named.name} was {verb} {current.name}."
    prov = _prov(named, named.source, named.as_of or GAZETTEER_AS_OF, None, "status")
    value = Event(date=when, text=text, type="folded", subject=named.name)
    return [Fact(field="history_events", value=value, provenance=prov)]


def holding_company_facts(
    entry: AgencyEntry,
    client: PoliteClient,
    settings: Mapping[str, config.SourceSettings],
    ctx: RunContext,
) -> tuple[list[Fact], list[Gap]]:
    """The listed holding company's annual revenue from the SEC, as ``holding_revenue``.

    The holding company is found by its ticker through the sources that identify tickers
    (SEC EDGAR among the built-ins); only its revenue facts are kept.
    """
    holding = next((h for h in HOLDING_TICKERS if entry.holding.startswith(h)), None)
    if holding is None:
        return [], []
    ticker = HOLDING_TICKERS[holding]
    sources, gaps = make_sources(settings, client)
    facts: list[Fact] = []
    for name, source in sources.items():
        if "ticker" not in source.identifies or not source.company_facts:
            continue
        try:
            cand = source.lookup("ticker", ticker)
        except (FetchError, SourceError) as exc:
            gaps.append(Gap(source=name, message=str(exc), url=getattr(exc, "url", None)))
            continue
        if cand is None:
            gaps.append(Gap(source=name, message=f"{holding} ({ticker}) was not found"))
            continue
        entity = Entity(name=cand.name, ids=Identifiers(cik=cand.cik, ticker=cand.ticker))
        fetched = source.fetch(entity, ctx)
        gaps.extend(fetched.gaps)
        found = extract_all(name, source, fetched.documents, gaps)
        facts += [
            f.model_copy(update={"field": "holding_revenue"}) for f in found if f.field == "revenue"
        ]
    # Only the gaps of sources that could have answered (not the others' "not used" notes).
    relevant = {n for n, cls in registry.sources().items() if "ticker" in cls.identifies}
    return facts, [g for g in gaps if g.source in relevant and not g.message.startswith("not used")]


def _article(f: Fact) -> Article | None:
    return f.value if isinstance(f.value, Article) else None


def _mentions(f: Fact, entries: Sequence[AgencyEntry], gazetteer: Gazetteer) -> bool:
    a = _article(f)
    if a is None:
        return False
    wanted = {e.name for e in entries}
    found = gazetteer.find_in(f"{a.headline}. {a.summary}")
    return any(e.name in wanted or gazetteer.current(e).name in wanted for e, _s, _e in found)


def agency_reports(
    articles: Sequence[Fact], entries: Sequence[AgencyEntry], gazetteer: Gazetteer
) -> list[Fact]:
    """The reports that name the agency (or a brand it absorbed), one per URL, newest first."""
    seen: dict[str, Fact] = {}
    for f in articles:
        a = _article(f)
        if a is not None and a.url not in seen and _mentions(f, entries, gazetteer):
            seen[a.url] = f.model_copy(update={"field": "agency_reports"})
    undated = datetime.min.replace(tzinfo=UTC)

    def when(f: Fact) -> datetime:
        p = getattr(f.value, "published", None)
        return (p if p.tzinfo else p.replace(tzinfo=UTC)) if isinstance(p, datetime) else undated

    return sorted(seen.values(), key=when, reverse=True)


def client_facts(
    articles: Sequence[Fact], entry: AgencyEntry | str, gazetteer: Gazetteer
) -> list[Fact]:
    """The agency's clients as the reports state them: one Account fact per (client, role,
    status) and report, cited to the report (the same extractor as the agency finding)."""
    out: list[Fact] = []
    seen: set[tuple[str, str, str, str]] = set()
    for relation, fact in relations_of_agency(articles, entry, gazetteer):
        a = _article(fact)
        if a is None or not relation.brand or relation.status not in ACCOUNT_STATUSES:
            continue
        key = (relation.brand.casefold(), relation.role, relation.status, a.url)
        if key in seen:
            continue
        seen.add(key)
        value = Account(
            client=relation.brand,
            role=relation.role if relation.role != "other" else "",
            status=relation.status,
            reported=a.published.date().isoformat() if a.published else "",
            by=a.outlet,
        )
        out.append(Fact(field="clients", value=value, provenance=fact.provenance))
    # Precision first: a client seen only in credits needs two reports ("Apple beats Bud, Nike
    # and GE to win the Emmy" once credits Bud); an appointment, end or review stands alone.
    accounts = [(f, f.value) for f in out if isinstance(f.value, Account)]
    stated = {acc.client.casefold() for _f, acc in accounts if acc.status != "credit"}
    credits: dict[str, set[str]] = {}
    for f, acc in accounts:
        credits.setdefault(acc.client.casefold(), set()).add(f.provenance.url)
    return [
        f
        for f, a in accounts
        if a.client.casefold() in stated or len(credits[a.client.casefold()]) > 1
    ]


def leadership_reports(reports: Sequence[Fact], today: date, years: int) -> list[Fact]:
    """The reports of senior appointments and departures at the agency within the window."""
    start = today - timedelta(days=round(365.25 * years))
    out = []
    for f in reports:
        a = _article(f)
        day = a.published.date() if a is not None and a.published else None
        if a is not None and day is not None and day >= start and LEADERSHIP.search(a.headline):
            out.append(f)
    return out


def _gazetteer_label(citation_url: str) -> str:
    """A gazetteer fact's label in the source list: the site its page is on (the citation's own
    "Retrieved DATE" says when the page was read)."""
    site = registrable_domain(citation_url) or citation_url
    return f"{site}, read for the agency list"


def _consulted(
    name: str,
    finding: AgencyFinding,
    company_sources: Sequence[str],
    reports: int,
    override_path: Path | None,
    override: AgencyOverride | None,
    holding_listed: str | None,
) -> dict[str, list[str]]:
    """Per section, the sources consulted for it (the reviewer's answer to "why is it empty?")."""
    listed = f"{LIST_LABEL} (dossier/data/agencies.toml)"
    public = [*company_sources, listed]
    searched = f"{reports} report(s) naming {name} among the articles searched"
    rating = (
        f"reviewer file {override_path} ({'found' if override is not None else 'not found'})"
        if override_path is not None
        else "reviewer files (no overrides folder)"
    )
    money = [listed + ": the holding company's reported revenue", *company_sources]
    if holding_listed:
        money.insert(0, f"SEC EDGAR: {holding_listed}'s annual revenue")
    evidence = f"{len(finding.evidence_for(name))} report(s) linking it to {finding.company}"
    return {
        "overview": public,
        "size": public,
        "money": money,
        "clients": [evidence, searched, listed],
        "people": [*public, searched],
        "history": [listed, *company_sources],
        "account_moves": [searched, evidence],
        "recognition": public,
        "employees": [
            rating,
            "employee-review sites (Glassdoor, Indeed, Comparably, Kununu): linked, never read",
        ],
        "strengths": ["the facts of the other sections"],
        "considerations": ["the facts of the other sections"],
    }


def _collect_agency(
    name: str,
    client: PoliteClient,
    settings: Mapping[str, config.SourceSettings],
    ctx: RunContext,
) -> Collected:
    """The agency resolved and its public sources collected (news read even when unresolved)."""
    try:
        return collect(name, Hints(), client, settings, ctx)
    except ResolutionError as exc:
        log.info("agency %s not resolved: %s", name, exc)
        # Still read its news and (with no domain) say why the website is missing.
        entity = Entity(name=name, ids=Identifiers())
        collected = collect(name, Hints(), client, settings, ctx, entity=entity)
        first = str(exc).splitlines()[0]
        collected.gaps.insert(
            0,
            Gap(
                source="",
                message=f"{name} could not be pinned to one entry in the sources searched: {first}",
            ),
        )
        return collected


def research_agency(
    finding: AgencyFinding,
    client: PoliteClient,
    settings: Mapping[str, config.SourceSettings],
    ctx: RunContext,
    overrides_dir: Path | None = None,
    articles: Sequence[Fact] = (),
    gazetteer: Gazetteer | None = None,
) -> Dossier:
    """The agency's dossier: public sources plus gazetteer, holding-company and report facts.

    ``articles`` are the reports the agency step read (the client roster and the agency's own
    reports come from them); ``overrides_dir`` holds a reviewer's ``agency-<slug>.toml``.
    """
    name = finding.name
    if name is None:
        raise ResolutionError(
            f"No agency to profile for {finding.company}: none was named and no public evidence "
            "of one was found. Name it with --agency."
        )
    gazetteer = gazetteer or load_gazetteer()
    # The agency's own research is the same for every company of the run: done once.
    shared = once(
        client,
        ("agency", name, id(settings), ctx),
        lambda: _collect_agency(name, client, settings, ctx),
    )
    collected = replace(
        shared,
        facts=list(shared.facts),
        gaps=list(shared.gaps),
        company_sources=list(shared.company_sources),
    )
    # The reports that link this agency to the company, so the profile can cite them.
    evidence = finding.evidence_for(name)
    extra: list[Fact] = [e.article.model_copy(update={"field": "relationship"}) for e in evidence]
    entries: list[AgencyEntry] = []
    folded_from = ""
    holding_listed = None
    if finding.entry is not None:
        entry = finding.entry
        entries.append(entry)
        named = gazetteer.match(finding.named) if finding.named else None
        folded = [named] if named is not None and not named.current else []
        folded += [e.agency for e in evidence if e.agency is not None and not e.agency.current]
        for old in {f.name: f for f in folded if f is not None}.values():
            entries.append(old)
            extra += folded_facts(old, entry)
            folded_from = folded_from or old.name
        extra += gazetteer_facts(entry, gazetteer=gazetteer)
        holding, gaps = once(
            client,
            ("holding", entry.name, id(settings), ctx),
            lambda: holding_company_facts(entry, client, settings, ctx),
        )
        holding, gaps = list(holding), list(gaps)
        extra += holding
        collected.gaps.extend(gaps)
        holding_listed = next(
            (entry.holding for h in HOLDING_TICKERS if entry.holding.startswith(h)), None
        )
    pool = [*articles, *extra, *(f for f in collected.facts if f.field in ("relationship", "news"))]
    reports = agency_reports(pool, entries, gazetteer) if entries else []
    extra += leadership_reports(reports, ctx.today, ctx.agency_years)
    # The company's own relationship comes from the finding's evidence (named as the company).
    linked = {e.url for e in evidence}
    extra += client_facts(
        [f for f in reports if getattr(f.value, "url", "") not in linked],
        finding.entry or name,
        gazetteer,
    )
    extra += [
        Fact(
            field="clients",
            value=_evidence_account(e, finding.company),
            provenance=e.article.provenance,
        )
        for e in evidence
        if e.relation in ACCOUNT_STATUSES
    ]
    override_path = agency_override_path(name, overrides_dir) if overrides_dir else None
    override = find_agency_override(name, overrides_dir)
    facts = [*collected.facts, *extra]
    if override is not None:
        facts = override.apply(facts)
    collected.facts = facts
    dossier = assemble(collected, settings, ctx, client.offline, name)
    dossier.citations = [
        c.model_copy(update={"label": _gazetteer_label(c.url)})
        if c.source == GAZETTEER and c.url.startswith("http")
        else c
        for c in dossier.citations
    ]
    if override is not None:
        dossier.override = override.note_info()
        dossier.citations = override.relabel(dossier.citations)
    dossier.agency = AgencyContext(
        company=finding.company,
        confirmed=finding.confirmed,
        named_by_user=finding.named,
        in_gazetteer=finding.entry is not None,
        consulted=_consulted(
            name,
            finding,
            collected.company_sources,
            len(reports),
            override_path,
            override,
            holding_listed,
        ),
        network=finding.entry.network if finding.entry else "",
        holding=finding.entry.holding if finding.entry else "",
        folded_from=folded_from,
    )
    return dossier


def _evidence_account(e: Any, company: str) -> Account:
    """The company's own relationship, from one piece of the finding's evidence."""
    return Account(
        client=company,
        role=e.role if e.role not in ("", "other", "unknown") else "",
        status=e.relation,
        reported=e.published.isoformat() if e.published else "",
        by=e.outlet,
    )
