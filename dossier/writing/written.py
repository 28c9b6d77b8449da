"""One written document: every sentence of it, built once, in document order.

The audit, the HTML/PDF and ``facts.json`` all read the same :class:`Written` object, so what
is checked is what is shown and what is listed.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date

from ..agency import AgencyFinding
from ..model import Dossier, Incumbent
from . import agency as agency_text
from . import marketing
from .company import conflict_sentences, overview, self_presentation
from .perception import perception_sentences
from .sentences import Freshness, Sentence

Paragraphs = tuple[tuple[Sentence, ...], ...]


@dataclass(frozen=True)
class Section:
    """A named part of a document: paragraphs of sentences."""

    name: str
    paragraphs: Paragraphs

    @property
    def sentences(self) -> list[Sentence]:
        return [s for p in self.paragraphs for s in p]


@dataclass(frozen=True)
class Written:
    """Every generated sentence of one document, by section, in document order."""

    kind: str
    sections: tuple[Section, ...]

    def __getitem__(self, name: str) -> list[list[Sentence]]:
        """The section's paragraphs (empty when the document has no such section)."""
        for s in self.sections:
            if s.name == name:
                return [list(p) for p in s.paragraphs]
        return []

    def flat(self, name: str) -> list[Sentence]:
        """The section's sentences, one list."""
        return [s for p in self[name] for s in p]

    def __iter__(self) -> Iterator[Sentence]:
        for section in self.sections:
            yield from section.sentences

    def sentences(self) -> list[Sentence]:
        """Every sentence of the document, in order."""
        return list(self)


def _section(name: str, sentences: Sequence[Sentence], one_paragraph: bool = False) -> Section:
    if one_paragraph:
        return Section(name, (tuple(sentences),) if sentences else ())
    return Section(name, tuple((s,) for s in sentences))


def freshness_of(dossier: Dossier) -> Freshness:
    """The freshness rule in force for this dossier."""
    return Freshness(dossier.generated_at.date(), dossier.max_figure_age_months)


def write_company(dossier: Dossier, incumbents: Sequence[Incumbent] = ()) -> Written:
    """The company report's sentences, in the report's order: the summary, marketing (spend,
    leadership, agencies), the business (overview, timeline), its own words, perception.

    ``incumbents`` are the agencies the agency-finding step names, by discipline (optional).
    """
    org, labels = dossier.organisation, dossier.labels
    fresh = freshness_of(dossier)
    paragraphs = overview(org, fresh, labels)
    return Written(
        kind="company-report",
        sections=(
            _section("summary", marketing.summary(dossier, fresh, incumbents)),
            _section("spend", marketing.spend_sentences(org, fresh)),
            _section("marketing_leadership", marketing.marketing_leadership(org)),
            _section("leadership_filings", marketing.leadership_filings(org)),
            _section("agencies", marketing.agency_sentences(incumbents)),
            Section("overview", tuple(tuple(p) for p in paragraphs)),
            _section("conflicts", conflict_sentences(org, labels)),
            _section("timeline", marketing.timeline(dossier)),
            _section("presentation", self_presentation(org), one_paragraph=True),
            _section("perception", perception_sentences(org), one_paragraph=True),
        ),
    )


def write_agency(dossier: Dossier, finding: AgencyFinding) -> Written:
    """The agency profile's sentences: the company's parts plus relationship and points."""
    org, labels = dossier.organisation, dossier.labels
    today: date = dossier.generated_at.date()
    days = dossier.news_days
    name = finding.name or org.display_name
    evidence = finding.evidence_for(name)
    paragraphs = overview(org, freshness_of(dossier), labels)
    return Written(
        kind="agency-profile",
        sections=(
            Section("overview", tuple(tuple(p) for p in paragraphs)),
            _section("conflicts", conflict_sentences(org, labels)),
            _section(
                "holding", agency_text.holding_figures(org, org.display_name), one_paragraph=True
            ),
            _section("relationship", agency_text.relationship(evidence), one_paragraph=True),
            _section(
                "strengths", agency_text.strengths(org, finding.company, evidence, today, days)
            ),
            _section(
                "considerations",
                agency_text.considerations(org, finding.company, evidence, today, days),
            ),
            _section("presentation", self_presentation(org), one_paragraph=True),
            _section("perception", perception_sentences(org), one_paragraph=True),
        ),
    )
