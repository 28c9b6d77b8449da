"""The incumbent agency: find it in public evidence, research it, and profile it fairly.

The agency comes from ``--agency NAME`` (the user's word) or from news evidence scored in
``agency.py``; below the confidence threshold it is shown as "unconfirmed: choose in review"
with the candidates. The profile is researched like a company (Wikidata, Wikipedia, website,
news) plus the gazetteer's holding company, network and disciplines, and, for an agency inside
a listed holding company, the holding company's SEC figures, named as the holding company's.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import Any

from . import config
from .agency import AgencyCandidate, AgencyEntry, Gazetteer, choose_incumbent, find_candidates
from .errors import FetchError, ResolutionError, SourceError
from .http import PoliteClient
from .model import Dossier, Fact, Gap, Identifiers, Provenance
from .pipeline import SEC_NEEDS_CONTACT, assemble, collect, with_news_days
from .resolve import Hints
from .sources.base import Entity
from .sources.sec import Sec

log = logging.getLogger(__name__)

GAZETTEER = "gazetteer"
GAZETTEER_AS_OF = date(2026, 11, 1)
#: Listed holding companies and their tickers in the SEC's map (others do not file with the SEC).
HOLDING_TICKERS = {"Omnicom": "OMC", "Interpublic": "IPG", "Stagwell": "STGW"}


@dataclass
class AgencyFinding:
    """What is known about the company's agency before the profile is researched."""

    company: str
    candidates: list[AgencyCandidate] = field(default_factory=list)
    chosen: AgencyCandidate | None = None
    named: str | None = None
    entry: AgencyEntry | None = None

    @property
    def confirmed(self) -> bool:
        return bool(self.named) or self.chosen is not None

    @property
    def name(self) -> str | None:
        if self.named:
            return self.entry.name if self.entry else self.named
        if self.chosen is not None:
            return self.chosen.entry.name
        return self.candidates[0].entry.name if self.candidates else None

    def evidence_for(self, entry_name: str) -> list[Any]:
        """Every piece of evidence about ``entry_name`` and the company, newest first."""
        out = [e for c in self.candidates if c.entry.name == entry_name for e in c.evidence]
        return sorted(out, key=lambda e: _published(e.article), reverse=True)


def _published(article: Fact) -> datetime:
    value = getattr(article.value, "published", None)
    return value or datetime.min.replace(tzinfo=UTC)


def find_incumbent(
    company: str, articles: list[Fact], gazetteer: Gazetteer, today: date, named: str | None = None
) -> AgencyFinding:
    """The agency: the user's ``named`` one, else the evidence's choice, else candidates only."""
    candidates = find_candidates(articles, company, gazetteer, today)
    finding = AgencyFinding(company=company, candidates=candidates, named=named)
    if named:
        finding.entry = gazetteer.match(named)
    else:
        finding.chosen = choose_incumbent(candidates)
        if finding.chosen is not None:
            finding.entry = finding.chosen.entry
        elif candidates:
            finding.entry = candidates[0].entry
    return finding


def gazetteer_facts(entry: AgencyEntry, retrieved_at: datetime) -> list[Fact]:
    """The gazetteer's facts about an agency, cited to the public page each entry names."""
    # An entry without a public page is cited to the data file itself, never to an invented URL.
    url = entry.source or "dossier/data/agencies.toml"
    prov = Provenance(
        source=GAZETTEER,
        url=url,
        retrieved_at=retrieved_at,
        as_of=GAZETTEER_AS_OF,
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
    return facts


def holding_company_facts(
    entry: AgencyEntry,
    client: PoliteClient,
    settings: dict[str, config.SourceSettings],
    contact: str | None,
) -> tuple[list[Fact], list[Gap]]:
    """The listed holding company's annual revenue from SEC EDGAR, as ``holding_revenue``."""
    holding = next((h for h in HOLDING_TICKERS if entry.holding.startswith(h)), None)
    if holding is None:
        return [], []
    sec_settings = settings.get("sec")
    if sec_settings is None or not sec_settings.enabled:
        return [], []
    if not contact and not client.offline:
        return [], [Gap(source="sec", message=SEC_NEEDS_CONTACT)]
    sec = Sec(sec_settings, client)
    try:
        cand = sec.by_ticker(HOLDING_TICKERS[holding])
    except (FetchError, SourceError) as exc:
        return [], [Gap(source="sec", message=str(exc), url=getattr(exc, "url", None))]
    if cand is None or not cand.cik:
        return [], [Gap(source="sec", message=f"{holding} is not in the SEC's ticker map")]
    fetched = sec.fetch(Entity(name=cand.name, ids=Identifiers(cik=cand.cik)))
    try:
        facts = sec.extract(fetched.documents)
    except SourceError as exc:
        return [], [*fetched.gaps, Gap(source="sec", message=str(exc), url=exc.url)]
    revenue = [
        f.model_copy(update={"field": "holding_revenue"}) for f in facts if f.field == "revenue"
    ]
    return revenue, fetched.gaps


def research_agency(
    finding: AgencyFinding,
    client: PoliteClient,
    settings: dict[str, config.SourceSettings],
    contact: str | None,
    news_days: int = 90,
) -> Dossier:
    """The agency's dossier: public sources plus gazetteer and holding-company facts."""
    name = finding.name
    if name is None:
        raise ResolutionError(
            f"No agency to profile for {finding.company}: none was named and no public evidence "
            "of one was found. Name it with --agency."
        )
    settings = with_news_days(settings, news_days)
    try:
        collected = collect(name, Hints(), client, settings, contact)
    except ResolutionError as exc:
        log.info("agency %s not resolved: %s", name, exc)
        # Still read its news and (with no domain) say why the website is missing.
        collected = collect(
            name, Hints(), client, settings, contact, entity=Entity(name=name, ids=Identifiers())
        )
        first = str(exc).splitlines()[0]
        collected.gaps.insert(
            0,
            Gap(
                source="",
                message=f"{name} could not be pinned to one "
                f"entry in Wikidata or SEC EDGAR: {first}",
            ),
        )
    # Every report behind every candidate, so the profile can cite them all.
    extra: list[Fact] = [
        e.article.model_copy(update={"field": "relationship"})
        for c in finding.candidates
        for e in c.evidence
    ]
    if finding.entry is not None:
        extra += gazetteer_facts(finding.entry, datetime.now(UTC))
        holding, gaps = holding_company_facts(finding.entry, client, settings, contact)
        extra += holding
        collected.gaps.extend(gaps)
    dossier = assemble(collected, settings, news_days, client.offline, name, extra)
    dossier.meta["agency"] = {
        "company": finding.company,
        "confirmed": finding.confirmed,
        "named_by_user": finding.named,
        "in_gazetteer": finding.entry is not None,
    }
    return dossier


def agency_context(dossier: Dossier, finding: AgencyFinding, days: int) -> dict[str, Any]:
    """What the agency-profile template needs beyond the common context."""
    from . import profile_text
    from .agency import THRESHOLD

    org = dossier.organisation
    today = dossier.generated_at.date()
    name = finding.name or org.display_name
    evidence = finding.evidence_for(name)
    relationship = profile_text.relationship(evidence)
    strengths = profile_text.strengths(org, finding.company, evidence, today, days)
    considerations = profile_text.considerations(org, finding.company, evidence, today, days)
    holding = profile_text.holding_figures(org, org.display_name)
    return {
        "agency": {
            "company": finding.company,
            "confirmed": finding.confirmed,
            "named": finding.named,
        },
        "relationship": relationship,
        "candidates": finding.candidates,
        "threshold": THRESHOLD,
        "strengths": strengths,
        "considerations": considerations,
        "holding": holding,
        "extra_sentences": [*holding, *relationship, *strengths, *considerations],
    }
