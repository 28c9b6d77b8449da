"""One written document: every sentence of it, built once, in document order.

The audit, the HTML/PDF and ``facts.json`` all read the same :class:`Written` object, so what
is checked is what is shown and what is listed.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from urllib.parse import quote_plus

from .. import formatting as fmt
from ..agency import AgencyFinding
from ..model import AgencyContext, Dossier, Incumbent, Organisation
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
class Link:
    """A link a section offers the reader (a review site's page): not a fact, never cited."""

    section: str
    label: str
    url: str
    given: bool = False  # the page a reviewer gave, not a site search


@dataclass(frozen=True)
class Coverage:
    """For the reviewer: one heading of the document, whether it is shown, what it rests on
    and which sources were consulted for it (so an absent section can be explained)."""

    section: str
    title: str
    shown: bool
    sentences: int
    facts: int
    consulted: tuple[str, ...] = ()
    note: str = ""

    def as_dict(self) -> dict[str, object]:
        return {
            "section": self.section,
            "title": self.title,
            "shown": self.shown,
            "sentences": self.sentences,
            "facts": self.facts,
            "consulted": list(self.consulted),
            "note": self.note,
        }


@dataclass(frozen=True)
class Written:
    """Every generated sentence of one document, by section, in document order.

    ``coverage`` (agency profiles) lists each heading, shown or not, with the sources
    consulted for it; ``links`` are the non-fact links a section offers.
    """

    kind: str
    sections: tuple[Section, ...]
    coverage: tuple[Coverage, ...] = ()
    links: tuple[Link, ...] = ()

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

    def shown(self, heading: str) -> bool:
        """Whether a heading of the document has anything to show (see ``coverage``)."""
        return any(c.shown for c in self.coverage if c.section == heading)

    def links_for(self, section: str) -> list[Link]:
        return [link for link in self.links if link.section == section]

    def fact_count(self) -> int:
        """How many distinct cited facts the document's sentences state."""
        return len({id(f) for s in self for f in s.facts})


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


#: The agency profile's headings, in document order: (key, title, the sections under it).
AGENCY_HEADINGS: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("overview", "Overview", ("overview", "conflicts")),
    ("size", "Size", ("size",)),
    ("money", "Money", ("money",)),
    ("clients", "Clients", ("relationship", "client_rows")),
    ("people", "People", ("people", "people_notes")),
    ("history", "History", ("history", "campaigns")),
    ("account_moves", "Account moves", ("account_moves",)),
    ("recognition", "Recognition", ("recognition", "recognition_notes")),
    ("employees", "What employees say", ("employees",)),
    ("strengths", "Strengths", ("strengths",)),
    ("considerations", "Points to consider", ("considerations",)),
    ("presentation", "In its own words", ("presentation",)),
    ("perception", "News", ("perception",)),
)
#: The review sites "What employees say" links to (searches unless a reviewer gave the page).
REVIEW_SEARCHES = (
    ("Glassdoor", "https://www.glassdoor.com/Search/results.htm?keyword={q}"),
    ("Indeed", "https://www.indeed.com/companies/search?q={q}"),
    ("Comparably", "https://www.comparably.com/search?q={q}"),
    ("Kununu", "https://www.kununu.com/de/search?q={q}"),
)


def review_links(org: Organisation) -> tuple[Link, ...]:
    """The agency's pages on the review sites: the reviewer's, else a search for its name."""
    given: dict[str, str] = {}
    for f in org.review_pages:
        site = f.provenance.locator.split(" ", 1)[0]
        given.setdefault(site, str(f.value))
    q = quote_plus(org.display_name)
    return tuple(
        Link("employees", site, given.get(site) or pattern.format(q=q), site in given)
        for site, pattern in REVIEW_SEARCHES
    )


_EMPTY_NOTES = {
    "employees": "No employee rating was entered: review sites are never read by dossier; add "
    "[[employee_rating]] (site, rating, reviews, as_of, url) to the reviewer file named above.",
    "money": "No revenue of its own, holding-company revenue or billings from a named party was "
    "found in the sources consulted.",
    "account_moves": "No appointment, retention, end or review of an account was reported in the "
    "window searched.",
}


def agency_coverage(sections: Sequence[Section], ctx: AgencyContext | None) -> tuple[Coverage, ...]:
    """Each heading: shown or not, its sentence and fact counts, the sources consulted."""
    by_name = {s.name: s for s in sections}
    out = []
    for key, title, names in AGENCY_HEADINGS:
        sentences = [x for n in names if n in by_name for x in by_name[n].sentences]
        facts = {id(f) for x in sentences for f in x.facts}
        consulted = tuple((ctx.consulted if ctx else {}).get(key, ()))
        note = (
            ""
            if sentences
            else _EMPTY_NOTES.get(
                key, "None of the sources consulted gave a fact for this section."
            )
        )
        out.append(
            Coverage(key, title, bool(sentences), len(sentences), len(facts), consulted, note)
        )
    return tuple(out)


def write_agency(dossier: Dossier, finding: AgencyFinding) -> Written:
    """The agency profile's sentences, by section (see ``AGENCY_HEADINGS``), with the
    coverage of each heading for the reviewer."""
    org, labels = dossier.organisation, dossier.labels
    ctx = dossier.agency
    today: date = dossier.generated_at.date()
    years = finding.years
    fresh = freshness_of(dossier)
    name = finding.name or org.display_name
    evidence = finding.evidence_for(name)
    company = finding.company
    a = agency_text
    sections = (
        Section("overview", tuple(tuple(p) for p in a.overview(org, ctx, labels))),
        _section("conflicts", conflict_sentences(org, labels)),
        _section("size", a.size(org, fresh), one_paragraph=True),
        _section("money", a.money(org, fresh), one_paragraph=True),
        _section("relationship", a.relationship(evidence), one_paragraph=True),
        _section("client_rows", a.client_rows(org, company)),
        _section("people", a.people_rows(org)),
        _section("people_notes", a.people_notes(org, today, years)),
        _section("history", a.history_rows(org, today, years)),
        _section("campaigns", a.campaigns(org)),
        _section("account_moves", a.account_moves(org, today, years)),
        _section("recognition", a.recognition_rows(org)),
        _section("recognition_notes", a.recognition_notes(org)),
        _section("employees", a.employee_sentences(org) + _pages(org)),
        _section("strengths", a.strengths(org, company, evidence, today, years)),
        _section("considerations", a.considerations(org, company, evidence, today, years, ctx)),
        _section("presentation", self_presentation(org), one_paragraph=True),
        _section("perception", perception_sentences(org), one_paragraph=True),
    )
    return Written(
        kind="agency-profile",
        sections=sections,
        coverage=agency_coverage(sections, ctx),
        links=review_links(org),
    )


def _pages(org: Organisation) -> list[Sentence]:
    """The review-site pages a reviewer gave, as one cited sentence."""
    if not org.review_pages or org.employee_rating:
        return []
    sites = fmt.join_names([f.provenance.locator.split(" ", 1)[0] for f in org.review_pages])
    return [Sentence(f"A reviewer found its pages on {sites}.", tuple(org.review_pages))]
