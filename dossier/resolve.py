"""Resolution: a company name plus optional hints -> one Entity, or a clear error.

Candidates come from Wikidata's entity search and SEC's ticker map. A Wikidata candidate
whose SEC CIK (P5531) matches an SEC candidate is the same company and scores higher; a
hint (``--ticker``, ``--cik``, ``--wikidata``, ``--domain``) pins or filters. When two
candidates stay within :data:`MARGIN` of each other the run stops and lists them, each with
the flag that picks it.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

from .errors import AmbiguousCompany, CompanyNotFound, DossierError, FetchError
from .model import Gap, Identifiers
from .sources.base import Candidate, Entity
from .sources.names import name_score

log = logging.getLogger(__name__)

MIN_SCORE = 0.75
MARGIN = 0.1
ORG_WORDS = re.compile(
    r"\b(company|corporation|business|manufacturer|agency|firm|conglomerate|enterprise|retailer|"
    r"bank|group|holding|subsidiary|network|publisher|studio|label|airline|brand|maker|"
    r"developer|provider|operator|organi[sz]ation|startup|chain|consultancy|producer|insurer|"
    r"multinational|cooperative|partnership|limited|plc)\b",
    re.IGNORECASE,
)


@dataclass
class Hints:
    """What the user told us besides the name."""

    ticker: str | None = None
    cik: str | None = None
    wikidata: str | None = None
    domain: str | None = None

    def any(self) -> bool:
        return any((self.ticker, self.cik, self.wikidata, self.domain))


@dataclass
class Group:
    """One company as seen by one or more sources."""

    score: float
    name: str
    description: str = ""
    wikidata: str | None = None
    cik: str | None = None
    ticker: str | None = None
    domain: str | None = None
    website: str | None = None
    wikipedia_title: str | None = None
    evidence: list[str] = field(default_factory=list)

    @property
    def label(self) -> str:
        return f"{self.name} ({self.description})" if self.description else self.name

    @property
    def flag(self) -> str:
        c = Candidate(
            source="", name=self.name, wikidata=self.wikidata, cik=self.cik, ticker=self.ticker
        )
        return c.flag


def domain_of(url: str) -> str | None:
    """The host of a website URL without ``www.``."""
    host = urlsplit(url if "//" in url else f"https://{url}").hostname or ""
    host = host.lower().removeprefix("www.")
    return host or None


class Resolver:
    """Resolves names to entities with the configured sources."""

    def __init__(self, sources: dict[str, Any], client: Any) -> None:
        self.sources = sources
        self.client = client
        self.gaps: list[Gap] = []

    def _wikidata_summary(self, qid: str) -> dict[str, Any] | None:
        if "wikidata" not in self.sources:
            return None
        from .sources.wikidata import entity_summary, entity_url

        try:
            doc = self.client.get(entity_url(qid), source="wikidata")
        except FetchError as exc:
            self._gap(exc)
            return None
        return entity_summary(doc.body)

    def _gap(self, exc: DossierError) -> None:
        source = getattr(exc, "source", "")
        url = getattr(exc, "url", None)
        gap = Gap(source=source, message=str(exc), url=url)
        if gap not in self.gaps:
            self.gaps.append(gap)

    def resolve(self, name: str | None, hints: Hints) -> Entity:
        """One entity for ``name`` and ``hints``, or AmbiguousCompany / CompanyNotFound."""
        if hints.wikidata or hints.cik or hints.ticker:
            return self._pinned(name, hints)
        if not name:
            raise CompanyNotFound("", [])
        groups = self._candidates(name, hints)
        if not groups:
            searched = [
                getattr(s, "label", k) for k, s in self.sources.items() if hasattr(s, "search")
            ]
            raise CompanyNotFound(name, searched)
        groups.sort(key=lambda g: -g.score)
        top = groups[0]
        close = [g for g in groups[1:] if top.score - g.score < MARGIN and g.score >= MIN_SCORE]
        if top.score < MIN_SCORE or close:
            raise AmbiguousCompany(name, [top, *close][:5])
        return self._entity(top, hints)

    def _entity(self, g: Group, hints: Hints) -> Entity:
        domain = domain_of(hints.domain) if hints.domain else g.domain
        # The official URL as a source gives it, unless --domain names another site.
        website = g.website if (g.website and domain_of(g.website) == domain) else None
        if website is None and domain:
            website = f"https://{domain}/"
        ids = Identifiers(
            wikidata=g.wikidata,
            cik=g.cik,
            domain=domain,
            ticker=g.ticker,
            wikipedia_title=g.wikipedia_title,
            website=website,
        )
        return Entity(name=g.name, ids=ids, evidence=tuple(g.evidence))

    def _apply_summary(self, g: Group, summary: dict[str, Any]) -> None:
        g.wikidata = summary.get("id") or g.wikidata
        g.wikipedia_title = summary.get("enwiki_title") or g.wikipedia_title
        if summary.get("website"):
            g.domain = g.domain or domain_of(summary["website"])
            g.website = g.website or summary["website"]
        if summary.get("cik") and not g.cik:
            g.cik = summary["cik"]
        tickers = summary.get("tickers") or []
        if tickers and not g.ticker:
            g.ticker = tickers[0]
        if summary.get("label"):
            g.name = summary["label"]
        g.description = summary.get("description") or g.description

    def _pinned(self, name: str | None, hints: Hints) -> Entity:
        g = Group(score=1.0, name=name or "")
        sec = self.sources.get("sec")
        if hints.wikidata:
            g.wikidata = hints.wikidata.upper()
            g.evidence.append(f"--wikidata {g.wikidata}")
            summary = self._wikidata_summary(g.wikidata)
            if summary:
                self._apply_summary(g, summary)
        if hints.cik:
            from .sources.sec import pad_cik

            try:
                g.cik = pad_cik(hints.cik)
            except ValueError as exc:
                raise DossierError(f"--cik {hints.cik!r} is not a CIK (digits only).") from exc
            g.evidence.append(f"--cik {g.cik}")
            if sec is not None:
                c = sec.by_cik(g.cik)
                if c is None and not (g.name or g.wikidata):
                    raise CompanyNotFound(f"CIK {g.cik}", ["SEC EDGAR submissions"])
                if c is not None and c.name:
                    g.name = g.name or c.name
        if hints.ticker:
            g.ticker = hints.ticker.upper()
            g.evidence.append(f"--ticker {g.ticker}")
            if sec is not None and not g.cik:
                try:
                    c = sec.by_ticker(hints.ticker)
                except FetchError as exc:
                    self._gap(exc)
                    c = None
                if c is not None:
                    g.cik, g.name = c.cik, g.name or c.name
        if not g.name:
            raise CompanyNotFound(name or hints.ticker or hints.cik or "", ["the hints given"])
        if not g.wikidata and "wikidata" in self.sources:
            self._link_wikidata(g)
        return self._entity(g, hints)

    def _link_wikidata(self, g: Group) -> None:
        """Find the Wikidata item for a company pinned by CIK or ticker (CIK must agree)."""
        try:
            found = self.sources["wikidata"].search(g.name)
        except FetchError as exc:
            self._gap(exc)
            return
        for cand in found[:3]:
            if name_score(g.name, cand.name) < MIN_SCORE or not cand.wikidata:
                continue
            summary = self._wikidata_summary(cand.wikidata)
            if summary and g.cik and summary.get("cik") == g.cik:
                self._apply_summary(g, summary)
                g.evidence.append(f"Wikidata {cand.wikidata} has the same CIK")
                return

    def _candidates(self, name: str, hints: Hints) -> list[Group]:
        wd: list[Candidate] = []
        sec: list[Candidate] = []
        if "wikidata" in self.sources:
            try:
                wd = self.sources["wikidata"].search(name)
            except FetchError as exc:
                self._gap(exc)
        if "sec" in self.sources:
            try:
                sec = self.sources["sec"].search(name)
            except FetchError as exc:
                self._gap(exc)
        groups: list[Group] = []
        for c in wd:
            score = name_score(name, c.name)
            if c.description and not ORG_WORDS.search(c.description):
                score -= 0.3  # a fruit, a film or a person, not a company
            score -= 0.01 * c.rank
            if score < 0.5:
                continue
            groups.append(
                Group(
                    score=score,
                    name=c.name,
                    description=c.description,
                    wikidata=c.wikidata,
                    evidence=[f"Wikidata search: {c.wikidata}"],
                )
            )
        # Look up identifiers for the plausible Wikidata candidates so SEC can be linked.
        for g in sorted(groups, key=lambda g: -g.score)[:3]:
            if g.score >= MIN_SCORE and g.wikidata:
                summary = self._wikidata_summary(g.wikidata)
                if summary:
                    self._apply_summary(g, summary)
        for c in sec:
            linked = next((g for g in groups if g.cik and g.cik == c.cik), None)
            if linked is not None:
                linked.score += 0.1
                linked.ticker = linked.ticker or c.ticker
                linked.evidence.append(f"SEC {c.name} (CIK {c.cik}) has the same CIK")
                continue
            groups.append(
                Group(
                    score=name_score(name, c.name) - 0.02,
                    name=c.name,
                    description=f"SEC filer, ticker {c.ticker}",
                    cik=c.cik,
                    ticker=c.ticker,
                    evidence=[f"SEC ticker map: CIK {c.cik}"],
                )
            )
        if hints.domain:
            wanted = domain_of(hints.domain)
            for g in groups:
                if g.domain and wanted and (g.domain == wanted or g.domain.endswith("." + wanted)):
                    g.score += 0.2
                    g.evidence.append(f"official website {g.domain} matches --domain")
        return groups
