"""The agency finding for one company: every relation, a decision per discipline, and which
agency (if any) gets the profile."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime

from ..model import Fact
from .evidence import Evidence, extract_evidence
from .gazetteer import AgencyEntry, Gazetteer
from .incumbent import (
    DEFAULT_YEARS,
    AgencyCandidate,
    RoleDecision,
    candidates,
    decide,
    profile_choice,
)


@dataclass
class AgencyFinding:
    """What is known about the company's agencies before a profile is researched.

    ``name`` is the agency to profile: the user's ``named`` one, else the first confirmed (or
    reviewer-chosen) role's agency; None when nothing is confirmed (then no profile is drafted
    and the reviewer sees ``candidates``).
    """

    company: str
    evidence: list[Evidence] = field(default_factory=list)
    candidates: list[AgencyCandidate] = field(default_factory=list)
    roles: list[RoleDecision] = field(default_factory=list)
    chosen: RoleDecision | None = None
    named: str | None = None
    entry: AgencyEntry | None = None
    years: int = DEFAULT_YEARS
    #: Where ``named`` came from: "option" (--agency), "sheet" (a batch sheet's Agency column)
    #: or "override" (an override file's agency).
    named_in: str = "option"

    @property
    def settled(self) -> bool:
        """There is an agency to profile: named by the user, or confirmed or chosen per role."""
        return bool(self.named) or self.chosen is not None

    @property
    def confirmed(self) -> bool:
        """Public reports confirm the profiled agency (a current report of it for the company).
        A name the user gave or a reviewer chose is their statement, not confirmed by itself."""
        return self.confirming is not None

    @property
    def confirming(self) -> AgencyCandidate | None:
        """The evidence's current candidate for the profiled agency, if there is one."""
        name = self.name
        if not name:
            return None
        keys = {name.casefold()}
        if self.entry is not None:
            keys.update(n.casefold() for n in self.entry.names)
        for c in self.candidates:
            if c.status != "current":
                continue
            names = {c.name, *c.written_as, *((c.entry.name,) if c.entry else ())}
            if keys & {n.casefold() for n in names}:
                return c
        return None

    @property
    def decided(self) -> str:
        """How the profiled agency was decided: "sheet", "option", "override" (named by the
        user), "reviewer" (chosen in review) or "reports" (found in public reports); "" when
        there is none."""
        if self.named:
            return self.named_in
        if self.chosen is not None:
            return "reviewer" if self.chosen.status == "chosen" else "reports"
        return ""

    def elsewhere(self) -> list[tuple[RoleDecision, AgencyCandidate]]:
        """The disciplines whose confirmed agency (from the evidence) is not the profiled one,
        when the user named or a reviewer chose it: the reviewer is told."""
        if self.decided not in ("sheet", "option", "override", "reviewer"):
            return []
        mine = self.confirming
        out = []
        for d in self.roles:
            best = d.agency if d.status == "current" else None
            if d.status == "chosen":  # the evidence's own agency for the role, if confirmed
                if d.agency is not None and d.agency.status == "current":
                    continue  # the reviewer's choice is the evidence's agency
                best = next((c for c in d.candidates if c.status == "current"), None)
            if best is None or (mine is not None and best.name == mine.name):
                continue
            if self.name and best.name.casefold() == self.name.casefold():
                continue
            out.append((d, best))
        return out

    @property
    def name(self) -> str | None:
        if self.named:
            return self.entry.name if self.entry else self.named
        return self.chosen.name if self.chosen is not None else None

    @property
    def role(self) -> str | None:
        """The discipline of the profiled agency, when it came from the evidence or a choice."""
        return self.chosen.role if self.chosen is not None and not self.named else None

    def evidence_for(self, name: str) -> list[Evidence]:
        """Every report about the agency ``name`` and the company, newest first."""
        out = {
            id(e): e
            for c in self.candidates
            if c.name == name or name in c.written_as or (c.entry and c.entry.name == name)
            for e in c.evidence
        }
        return sorted(out.values(), key=lambda e: _published(e.article), reverse=True)

    def reports(self) -> list[Fact]:
        """Every article behind every candidate (the reviewer sees them all)."""
        seen: dict[str, Fact] = {}
        for c in self.candidates:
            for e in c.evidence:
                seen.setdefault(e.url, e.article)
        return list(seen.values())

    def unconfirmed_summary(self) -> str:
        """For the reviewer: the candidates per role, one clause each."""
        parts = []
        for d in self.roles:
            names = ", ".join(f"{c.name} ({c.status})" for c in d.candidates[:4])
            parts.append(f"{d.role}: {names or 'none'}")
        return "; ".join(parts)


def _published(article: Fact) -> datetime:
    value = getattr(article.value, "published", None)
    if not isinstance(value, datetime):
        return datetime.min.replace(tzinfo=UTC)
    return value if value.tzinfo else value.replace(tzinfo=UTC)


def find_incumbent(
    company: str,
    articles: list[Fact],
    gazetteer: Gazetteer,
    today: date,
    named: str | None = None,
    choices: dict[str, str | None] | None = None,
    years: int = DEFAULT_YEARS,
    named_in: str = "option",
) -> AgencyFinding:
    """The relations the articles state about ``company`` and the decision per discipline.

    ``named`` (the user's --agency or an override file's agency) is profiled as given;
    ``choices`` (role -> agency or None, a reviewer's) replace the evidence for their role.
    """
    evidence = extract_evidence(articles, company, gazetteer)
    cands = candidates(evidence, today, years)
    roles = decide(cands, choices)
    finding = AgencyFinding(
        company=company,
        evidence=evidence,
        candidates=cands,
        roles=roles,
        named=named,
        years=years,
        named_in=named_in,
    )
    if named:
        finding.entry = gazetteer.match(named)
        if finding.entry is not None:
            finding.entry = gazetteer.current(finding.entry)
        return finding
    finding.chosen = profile_choice(roles)
    if finding.chosen is not None and finding.name:
        match = gazetteer.match(finding.name)
        finding.entry = gazetteer.current(match) if match is not None else None
    return finding
