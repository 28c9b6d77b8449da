"""Agency research: the incumbent agency's dossier, researched like a company plus what the
gazetteer knows (holding company, network, disciplines) and, for an agency inside a listed
holding company, the holding company's reported revenue, named as the holding company's.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from datetime import UTC, date, datetime

from .. import config
from ..agency import AgencyEntry, AgencyFinding
from ..errors import FetchError, ResolutionError, SourceError
from ..model import AgencyContext, Dossier, Fact, Gap, Identifiers, Provenance
from ..net import PoliteClient
from ..sources import registry
from ..sources.base import Entity, RunContext
from .collect import collect, extract_all, make_sources
from .company import GAZETTEER, assemble
from .resolve import Hints

log = logging.getLogger(__name__)

GAZETTEER_AS_OF = date(2026, 12, 1)  # the rebuild date; each entry also has its own as_of
#: Listed holding companies and their tickers in the SEC's map (others do not file with the SEC).
HOLDING_TICKERS = {"Omnicom": "OMC", "Interpublic": "IPG", "Stagwell": "STGW"}


def gazetteer_facts(entry: AgencyEntry, retrieved_at: datetime) -> list[Fact]:
    """The gazetteer's facts about an agency, cited to the public page each entry names."""
    # An entry without a public page is cited to the data file itself, never to an invented URL.
    url = entry.source or "dossier/data/agencies.toml"
    prov = Provenance(
        source=GAZETTEER,
        url=url,
        retrieved_at=retrieved_at,
        as_of=entry.as_of or GAZETTEER_AS_OF,
        locator=f"dossier/data/agencies.toml: {entry.name}",
    )
    facts = []
    if entry.holding and entry.holding.lower() != "independent":
        facts.append(Fact(field="holding_company", value=entry.holding, provenance=prov))
    elif entry.holding:
        facts.append(Fact(field="holding_company", value="Independent", provenance=prov))
    if entry.network:
        facts.append(Fact(field="network", value=entry.network, provenance=prov))
    for d in entry.discipline:
        facts.append(Fact(field="disciplines", value=d, provenance=prov))
    if entry.hq:
        facts.append(Fact(field="headquarters", value=entry.hq, provenance=prov))
    if entry.note:
        facts.append(Fact(field="scope_note", value=entry.note, provenance=prov))
    facts += ownership_facts(entry, retrieved_at)
    return facts


def ownership_facts(entry: AgencyEntry, retrieved_at: datetime) -> list[Fact]:
    """One sentence per past owner, cited to the row's page ("part of Interpublic Group until
    2025-11-26"), so a profile can say who owned the agency when an older report was written."""
    out = []
    for row in entry.ownership:
        if not row.end or not row.source or row.owner == entry.holding:
            continue
        since = f" from {row.start}" if row.start else ""
        text = f"It was owned by {row.owner}{since} until {row.end}."
        prov = Provenance(
            source=GAZETTEER,
            url=row.source,
            retrieved_at=retrieved_at,
            as_of=entry.as_of or GAZETTEER_AS_OF,
            locator=f"dossier/data/agencies.toml: {entry.name}, ownership",
        )
        out.append(Fact(field="scope_note", value=text, provenance=prov))
    return out


def holding_company_facts(
    entry: AgencyEntry,
    client: PoliteClient,
    settings: Mapping[str, config.SourceSettings],
    ctx: RunContext,
) -> tuple[list[Fact], list[Gap]]:
    """The listed holding company's annual revenue, as ``holding_revenue``.

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


def research_agency(
    finding: AgencyFinding,
    client: PoliteClient,
    settings: Mapping[str, config.SourceSettings],
    ctx: RunContext,
) -> Dossier:
    """The agency's dossier: public sources plus gazetteer and holding-company facts."""
    name = finding.name
    if name is None:
        raise ResolutionError(
            f"No agency to profile for {finding.company}: none was named and no public evidence "
            "of one was found. Name it with --agency."
        )
    try:
        collected = collect(name, Hints(), client, settings, ctx)
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
    # The reports that link this agency to the company, so the profile can cite them.
    extra: list[Fact] = [
        e.article.model_copy(update={"field": "relationship"}) for e in finding.evidence_for(name)
    ]
    if finding.entry is not None:
        extra += gazetteer_facts(finding.entry, datetime.now(UTC))
        holding, gaps = holding_company_facts(finding.entry, client, settings, ctx)
        extra += holding
        collected.gaps.extend(gaps)
    dossier = assemble(collected, settings, ctx, client.offline, name, extra)
    dossier.agency = AgencyContext(
        company=finding.company,
        confirmed=finding.confirmed,
        named_by_user=finding.named,
        in_gazetteer=finding.entry is not None,
    )
    return dossier
