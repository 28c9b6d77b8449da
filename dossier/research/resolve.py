"""Resolution: a company name plus optional hints -> one Entity, or a clear error.

Candidates come from every ``searchable`` source (Wikidata's entity search and the SEC ticker
map among the built-ins). Candidates from different sources that share an identifier (a
Wikidata item whose SEC CIK matches an SEC filer) are the same company and score higher. A
hint (``--ticker``, ``--cik``, ``--wikidata``) pins the company through the sources that
``identify`` that kind of identifier; ``--domain`` picks between candidates. When two
candidates stay within :data:`MARGIN` of each other the run stops and lists them, each with
the flag that picks it.

No source is named here: the sources' capabilities (see ``dossier.sources.base``) decide.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Mapping
from dataclasses import dataclass, field

from ..errors import AmbiguousCompany, CompanyNotFound, DossierError, FetchError
from ..model import Gap, Identifiers
from ..names import domain_of, name_score, pad_cik
from ..sources.base import IDENTIFIER_KINDS, Candidate, Entity, Source

log = logging.getLogger(__name__)

MIN_SCORE = 0.75
MARGIN = 0.1
AGREEMENT_BONUS = 0.1  # two sources name the same company
DOMAIN_BONUS = 0.2  # the candidate's official site matches --domain
DETAILS_PER_SOURCE = 3  # plausible search candidates looked up in full, per source
ORG_WORDS = re.compile(
    r"\b(company|corporation|business|manufacturer|agency|firm|conglomerate|enterprise|retailer|"
    r"bank|group|holding|subsidiary|network|publisher|studio|label|airline|brand|maker|"
    r"developer|provider|operator|organi[sz]ation|startup|chain|consultancy|producer|insurer|"
    r"multinational|cooperative|partnership|limited|plc|filer)\b",
    re.IGNORECASE,
)
_QID = re.compile(r"Q[1-9]\d*")


@dataclass
class Hints:
    """What the user told us besides the name."""

    ticker: str | None = None
    cik: str | None = None
    wikidata: str | None = None
    domain: str | None = None


def check_hints(hints: Hints) -> Hints:
    """The hints in canonical form; DossierError when one is not an identifier of its kind."""
    cik = hints.cik
    if cik:
        try:
            cik = pad_cik(cik)
        except ValueError as exc:
            raise DossierError(f"--cik {hints.cik!r} is not a CIK (digits only).") from exc
    qid = hints.wikidata.strip().upper() if hints.wikidata else None
    if qid and not _QID.fullmatch(qid):
        raise DossierError(f"--wikidata {hints.wikidata!r} is not a Wikidata item id (Q123).")
    ticker = hints.ticker.strip().upper() if hints.ticker else None
    return Hints(ticker=ticker or None, cik=cik or None, wikidata=qid, domain=hints.domain)


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
    sources: set[str] = field(default_factory=set)

    @property
    def label(self) -> str:
        return f"{self.name} ({self.description})" if self.description else self.name

    @property
    def flag(self) -> str:
        return Candidate(
            source="", name=self.name, wikidata=self.wikidata, cik=self.cik, ticker=self.ticker
        ).flag

    def ids(self) -> dict[str, str]:
        return {k: v for k in IDENTIFIER_KINDS if (v := getattr(self, k))}

    def shares_id(self, other: Group) -> bool:
        mine, theirs = self.ids(), other.ids()
        # The ticker alone is not enough: share classes and old tickers get reused.
        return any(mine.get(k) and mine.get(k) == theirs.get(k) for k in ("wikidata", "cik"))

    def absorb(self, c: Candidate | Group, *, rename: bool = False) -> None:
        """Fill in what ``c`` knows and this group does not (``rename``: take its name too)."""
        for key in ("wikidata", "cik", "ticker", "domain", "website", "wikipedia_title"):
            if getattr(c, key) and not getattr(self, key):
                setattr(self, key, getattr(c, key))
        if c.website and not self.domain:
            self.domain = domain_of(c.website)
        if c.name and (rename or not self.name):
            self.name = c.name
        if c.description and (rename or not self.description):
            self.description = c.description


class Resolver:
    """Resolves names to entities with the configured sources."""

    def __init__(self, sources: Mapping[str, Source]) -> None:
        self.sources = dict(sources)
        self.gaps: list[Gap] = []

    def _gap(self, exc: DossierError) -> None:
        gap = Gap(
            source=getattr(exc, "source", ""), message=str(exc), url=getattr(exc, "url", None)
        )
        if gap not in self.gaps:
            self.gaps.append(gap)

    def _searchers(self) -> list[Source]:
        return [s for s in self.sources.values() if s.searchable]

    def resolve(self, name: str | None, hints: Hints) -> Entity:
        """One entity for ``name`` and ``hints``, or AmbiguousCompany / CompanyNotFound."""
        hints = check_hints(hints)
        if hints.wikidata or hints.cik or hints.ticker:
            return self._pinned(name, hints)
        if not name:
            raise CompanyNotFound("", [])
        groups = self._candidates(name, hints)
        if not groups:
            raise CompanyNotFound(name, [type(s).label for s in self._searchers()])
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

    def _lookup(self, source: Source, kind: str, value: str) -> Candidate | None:
        try:
            return source.lookup(kind, value)
        except FetchError as exc:
            self._gap(exc)
            return None

    def _pinned(self, name: str | None, hints: Hints) -> Entity:
        g = Group(score=1.0, name=name or "")
        for kind in IDENTIFIER_KINDS:
            value = getattr(hints, kind)
            if not value:
                continue
            setattr(g, kind, value)
            g.evidence.append(f"--{kind} {value}")
            for source in self.sources.values():
                if kind not in source.identifies:
                    continue
                if any(getattr(g, k) for k in source.identifies if k != kind) and kind == "ticker":
                    continue  # already pinned through this source by a stronger identifier
                found = self._lookup(source, kind, value)
                if found is not None:
                    # An item found by its own id names the company; otherwise keep the user's.
                    g.absorb(found, rename=kind == "wikidata")
                    g.sources.add(source.name)
                elif kind == "cik" and not (g.name or g.wikidata):
                    raise CompanyNotFound(f"CIK {value}", [f"{type(source).label} submissions"])
        if not g.name:
            raise CompanyNotFound(name or hints.ticker or hints.cik or "", ["the hints given"])
        self._link(g)
        return self._entity(g, hints)

    def _link(self, g: Group) -> None:
        """Find the pinned company in the other searchable sources; an identifier must agree."""
        for source in self._searchers():
            missing = [k for k in source.identifies if not getattr(g, k)]
            if source.name in g.sources or not missing:
                continue
            try:
                found = source.search(g.name)
            except FetchError as exc:
                self._gap(exc)
                continue
            for cand in found[:DETAILS_PER_SOURCE]:
                if name_score(g.name, cand.name) < MIN_SCORE:
                    continue
                try:
                    full = source.details(cand) or cand
                except FetchError as exc:
                    self._gap(exc)
                    continue
                other = Group(score=0.0, name=full.name)
                other.absorb(full)
                if g.shares_id(other):
                    g.absorb(full, rename=True)
                    g.sources.add(source.name)
                    shared = "CIK" if g.cik and g.cik == other.cik else "identifier"
                    label = type(source).label
                    g.evidence.append(f"{label} {full.wikidata or full.name} has the same {shared}")
                    break

    def _candidates(self, name: str, hints: Hints) -> list[Group]:
        groups: list[Group] = []
        for source in self._searchers():
            try:
                found = source.search(name)
            except FetchError as exc:
                self._gap(exc)
                continue
            own: list[Group] = []
            for c in found:
                score = name_score(name, c.name) + source.search_bias - 0.01 * c.rank
                if c.description and not ORG_WORDS.search(c.description):
                    score -= 0.3  # a fruit, a film or a person, not a company
                if score < 0.5:
                    continue
                g = Group(score=score, name="", sources={source.name})
                g.absorb(c)
                g.evidence.append(f"{type(source).label}: {c.wikidata or c.cik or c.name}")
                own.append(g)
            # Look up identifiers for the plausible candidates so sources can be linked.
            for g in sorted(own, key=lambda g: -g.score)[:DETAILS_PER_SOURCE]:
                if g.score < MIN_SCORE:
                    continue
                try:
                    full = source.details(_as_candidate(source.name, g))
                except FetchError as exc:
                    self._gap(exc)
                    continue
                if full is not None:
                    g.absorb(full, rename=True)
            for g in own:
                linked = next((x for x in groups if x.shares_id(g)), None)
                if linked is None:
                    groups.append(g)
                    continue
                keep, other = (linked, g) if linked.score >= g.score else (g, linked)
                keep.absorb(other)
                keep.score = max(keep.score, other.score) + AGREEMENT_BONUS
                keep.sources |= other.sources
                keep.evidence.extend(other.evidence)
                shared = f"CIK {keep.cik}" if keep.cik and keep.cik == other.cik else "item"
                keep.evidence.append(f"{other.name} ({shared}) has the same {shared.split()[0]}")
                if keep is g:
                    groups[groups.index(linked)] = g
        if hints.domain:
            wanted = domain_of(hints.domain)
            for g in groups:
                if g.domain and wanted and (g.domain == wanted or g.domain.endswith("." + wanted)):
                    g.score += DOMAIN_BONUS
                    g.evidence.append(f"official website {g.domain} matches --domain")
        return groups


def _as_candidate(source: str, g: Group) -> Candidate:
    return Candidate(
        source=source,
        name=g.name,
        description=g.description,
        wikidata=g.wikidata,
        cik=g.cik,
        ticker=g.ticker,
        domain=g.domain,
        website=g.website,
        wikipedia_title=g.wikipedia_title,
    )
