"""The incumbent decision for one company: the user's named agency, or the evidence's choice."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime

from ..model import Fact
from .evidence import Evidence
from .gazetteer import AgencyEntry, Gazetteer
from .scoring import AgencyCandidate, choose_incumbent, find_candidates


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

    def evidence_for(self, entry_name: str) -> list[Evidence]:
        """Every piece of evidence about ``entry_name`` and the company, newest first."""
        out = [e for c in self.candidates if c.entry.name == entry_name for e in c.evidence]
        return sorted(out, key=lambda e: _published(e.article), reverse=True)

    def reports(self) -> list[Fact]:
        """Every article behind every candidate (the profile cites them all)."""
        return [e.article for c in self.candidates for e in c.evidence]


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
