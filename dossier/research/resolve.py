"""Resolution: a company name plus optional hints -> one Entity, or a clear error.

Candidates come from every ``searchable`` source (Wikidata's entity search and the SEC ticker
map among the built-ins). Candidates from different sources that share an identifier (a
Wikidata item whose SEC CIK matches an SEC filer) are the same company and score higher. A
hint (``--ticker``, ``--cik``, ``--wikidata``) pins the company through the sources that
``identify`` that kind of identifier; ``--domain`` picks between candidates. When two
candidates stay within :data:`MARGIN` of each other the run stops and lists them, each with
the flag that picks it.

"No match" and "could not ask" are different answers: :class:`CompanyNotFound` only when every
source that could match answered; :class:`SourcesUnreachable` (listing each failure) when the
sources that could have matched failed, whether for the network or a malformed response. One
source failing while another resolves the company is a gap. Hints that name different
companies (``--company Apple --ticker MSFT``, or a CIK and a ticker of different filers) are
:class:`ConflictingHints`.

No source is named here: the sources' capabilities (see ``dossier.sources.base``) decide.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Mapping
from dataclasses import dataclass, field

from ..errors import (
    AmbiguousCompany,
    CompanyNotFound,
    ConflictingHints,
    DossierError,
    NotInSnapshot,
    SourceError,
    SourcesUnreachable,
    quoted,
)
from ..model import Gap, Identifiers
from ..names import clean_name, domain_of, name_score, pad_cik
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
NAME_AGREES = 0.6  # a user's name and a looked-up name below this (and not a part) disagree


def names_agree(given: str, found: str) -> bool:
    """Whether a name the user gave can be the company an identifier names.

    Lenient: "Meta" fits "Meta Platforms, Inc.", "IBM" fits "International Business Machines
    Corp", "Amazon" fits "AMAZON COM INC"; "Apple" does not fit "MICROSOFT CORP".
    """
    if name_score(given, found) >= NAME_AGREES:
        return True
    a, b = clean_name(given), clean_name(found)
    if not a or not b:
        return True  # nothing to compare
    ta, tb = set(a.split()), set(b.split())
    if ta <= tb or tb <= ta:
        return True
    return _squeezed(a) == _initials(b) or _squeezed(b) == _initials(a)


_SMALL_WORDS = ("and", "of", "the")


def _squeezed(name: str) -> str:
    return "".join(w for w in name.split() if w not in _SMALL_WORDS)


def _initials(name: str) -> str:
    """The acronym of a cleaned name: international business machines -> ibm."""
    return "".join(w[0] for w in name.split() if w not in _SMALL_WORDS)


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
        #: (source label, message) for each source that could not be asked, in order.
        self.failures: list[tuple[str, str]] = []
        self._only_snapshot_misses = True  # every failure so far: --offline had no answer

    def _gap(self, exc: DossierError, source: Source | None = None, what: str = "") -> None:
        gap = Gap(
            source=getattr(exc, "source", ""), message=str(exc), url=getattr(exc, "url", None)
        )
        if gap not in self.gaps:
            self.gaps.append(gap)
        if source is not None:
            label = type(source).label
            if (label, str(exc)) not in self.failures:
                self.failures.append((label, str(exc)))
            self._only_snapshot_misses &= isinstance(exc, NotInSnapshot)
            cause = exc.__cause__ or exc.__context__
            log.info(
                "%s %s failed: %s%s",
                label,
                what or "request",
                exc,
                f" [{type(cause).__name__}: {cause}]" if cause is not None else "",
            )

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
            failed = {label for label, _ in self.failures}
            if failed:
                answered = [type(s).label for s in self._searchers() if type(s).label not in failed]
                raise SourcesUnreachable(
                    name, self.failures, answered, offline=self._only_snapshot_misses
                )
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
        except SourceError as exc:
            self._gap(exc, source, f"lookup of {kind} {value}")
            return None

    def _pinned(self, name: str | None, hints: Hints) -> Entity:
        g = Group(score=1.0, name=name or "")
        # Where each identifier came from, to name both sides of a conflict.
        origin: dict[str, str] = {}
        verified = False
        for kind in IDENTIFIER_KINDS:
            value = getattr(hints, kind)
            if not value:
                continue
            flag = f"--{kind} {value}"
            if kind == "ticker":  # the user's ticker wins; its filer's CIK is what must agree
                g.ticker, origin[kind] = value, flag
            else:
                _claim(g, origin, kind, value, flag)
            g.evidence.append(flag)
            for source in self.sources.values():
                if kind not in source.identifies:
                    continue
                found = self._lookup(source, kind, value)
                if found is None:
                    if kind == "cik" and not (g.name or g.wikidata) and not self.failures:
                        raise CompanyNotFound(f"CIK {value}", [f"{type(source).label} submissions"])
                    continue
                verified = True
                said = f"{flag} ({found.name} on {type(source).label})" if found.name else flag
                if origin.get(kind) == flag:
                    origin[kind] = said
                for k in ("wikidata", "cik"):  # tickers get reused; these do not
                    if getattr(found, k):
                        _claim(g, origin, k, getattr(found, k), said)
                if name and found.name and not names_agree(name, found.name):
                    other = self._names_another(source, name, found)
                    if other is not None:
                        raise ConflictingHints(f"--company {quoted(name)} ({other})", said)
                    # A brand name for the identifier's company ("Google" with GOOGL): the
                    # identifier wins and the record uses its company's name, not a mix.
                    g.evidence.append(f"--company {quoted(name)} taken as {found.name} ({flag})")
                    g.name = found.name
                # An item found by its own id names the company; otherwise keep the user's.
                g.absorb(found, rename=kind == "wikidata")
                g.sources.add(source.name)
        if not verified and self.failures:
            raise SourcesUnreachable(
                name or hints.ticker or hints.cik or "",
                self.failures,
                offline=self._only_snapshot_misses,
            )
        if not g.name:
            raise CompanyNotFound(name or hints.ticker or hints.cik or "", ["the hints given"])
        self._link(g)
        return self._entity(g, hints)

    def _names_another(self, source: Source, name: str, found: Candidate) -> str | None:
        """The other company ``name`` plainly names in ``source`` (not the one ``found``), if any."""
        if not source.searchable:
            return None
        try:
            hits = source.search(name)
        except SourceError as exc:
            self._gap(exc, source, "search")
            return None
        for hit in hits:
            same = (hit.cik and hit.cik == found.cik) or (
                hit.wikidata and hit.wikidata == found.wikidata
            )
            if not same and name_score(name, hit.name) >= 0.9:
                return f"{hit.name} on {type(source).label}"
        return None

    def _link(self, g: Group) -> None:
        """Find the pinned company in the other searchable sources; an identifier must agree."""
        for source in self._searchers():
            missing = [k for k in source.identifies if not getattr(g, k)]
            if source.name in g.sources or not missing:
                continue
            try:
                found = source.search(g.name)
            except SourceError as exc:
                self._gap(exc, source, "search")
                continue
            for cand in found[:DETAILS_PER_SOURCE]:
                if name_score(g.name, cand.name) < MIN_SCORE:
                    continue
                try:
                    full = source.details(cand) or cand
                except SourceError as exc:
                    self._gap(exc, source, "lookup")
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
            except SourceError as exc:
                self._gap(exc, source, "search")
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
                except SourceError as exc:
                    self._gap(exc)  # the search answered: a gap, not a failure to ask
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


def _claim(g: Group, origin: dict[str, str], kind: str, value: str, said: str) -> None:
    """Set ``g``'s identifier ``kind``; ConflictingHints when it already holds another value."""
    held = getattr(g, kind)
    if held and held != value:
        raise ConflictingHints(origin[kind], said)
    if not held:
        setattr(g, kind, value)
        origin[kind] = said


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
