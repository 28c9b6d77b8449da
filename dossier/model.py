"""The neutral schema: facts with provenance, and the normalised organisation record.

Every value dossier shows is a :class:`Fact`, and a fact cannot be built without a
:class:`Provenance` (source, URL, retrieval time, as-of date). No I/O here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from .bidi import BIDI_CONTROLS as BIDI_CONTROLS  # re-exported: defined in dossier.bidi
from .bidi import BIDI_TABLE as _BIDI_TABLE
from .bidi import strip_bidi as strip_bidi
from .errors import ConfigError
from .fields import FIELDS
from .names import first_name_of, greeting_of, one_line


def _neutralise(value: Any) -> Any:
    """Every string in ``value`` (dicts, lists, tuples) without bidirectional controls."""
    if isinstance(value, str):
        return value.translate(_BIDI_TABLE)
    if isinstance(value, dict):
        return {k: _neutralise(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return type(value)(_neutralise(v) for v in value)
    return value


class _Untrusted(BaseModel):
    """Models built from scraped data: bidirectional controls are removed from every string."""

    @model_validator(mode="before")
    @classmethod
    def _no_bidi_controls(cls, data: Any) -> Any:
        return _neutralise(data)


class _Frozen(_Untrusted):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Money(_Frozen):
    """An amount of money in one currency (ISO 4217 code)."""

    kind: Literal["money"] = "money"
    amount: float
    currency: str


class Quantity(_Frozen):
    """A counted quantity, such as employees."""

    kind: Literal["quantity"] = "quantity"
    amount: float
    unit: str = ""


class Person(_Frozen):
    """A person in a role at the organisation."""

    kind: Literal["person"] = "person"
    name: str
    role: str = ""
    since: str | None = None


class Ticker(_Frozen):
    """A listing: symbol and exchange."""

    kind: Literal["ticker"] = "ticker"
    symbol: str
    exchange: str | None = None


class Code(_Frozen):
    """A classification code with its description (for example SEC SIC 3571)."""

    kind: Literal["code"] = "code"
    code: str
    description: str = ""
    scheme: str = ""


class FilingItem(_Frozen):
    """One item a current report (SEC Form 8-K) was filed under.

    ``number`` is the item ("5.02"), ``title`` its official title in the form's instructions,
    ``topic`` the same in a few plain words ("officer and director changes").
    """

    number: str
    title: str = ""
    topic: str = ""


class Filing(_Frozen):
    """A regulatory filing."""

    kind: Literal["filing"] = "filing"
    form: str
    filed: date
    accession: str
    period: date | None = None
    url: str
    description: str = ""
    items: list[FilingItem] = []  # Form 8-K items, in the order the filing lists them


class FormerName(_Frozen):
    """A name the organisation used before, with the dates it was used.

    ``usage`` says what kind of name it was where the source is specific ("filer name": the
    name under which it filed with a regulator).
    """

    kind: Literal["former_name"] = "former_name"
    name: str
    start: date | None = None
    end: date | None = None
    usage: str = ""


class Article(_Frozen):
    """A news item: headline, outlet, date, URL; syndicated copies folded in."""

    kind: Literal["article"] = "article"
    headline: str
    outlet: str = ""
    published: datetime | None = None
    url: str
    language: str = ""
    tone: float | None = None
    copies: list[str] = []  # other outlets that ran the same story
    summary: str = ""  # the feed's own snippet, plain text, at most 500 characters


class Measure(_Frozen):
    """A figure computed or reported about coverage, with its method and period."""

    kind: Literal["measure"] = "measure"
    name: str  # "gdelt_article_count", "gdelt_average_tone", "pageviews_total", ...
    value: float
    unit: str = ""
    method: str
    start: date
    end: date


class Series(_Frozen):
    """A time series (coverage volume, tone, page views), with its method."""

    kind: Literal["series"] = "series"
    name: str  # "gdelt_volume", "gdelt_tone", "pageviews"
    points: list[tuple[date, float]]
    unit: str = ""
    method: str


class Award(_Frozen):
    """An award or festival result: what, when, from whom, for which work, won by whom.

    ``recipient`` is empty when the organisation itself won it; otherwise it names the
    winner (the agency's network, or its client), so a profile never claims another's award.
    """

    kind: Literal["award"] = "award"
    name: str
    year: str = ""
    body: str = ""  # the awarding body ("Cannes Lions", "Academy of Television Arts & Sciences")
    work: str = ""  # the campaign or piece it was given for
    recipient: str = ""


class Account(_Frozen):
    """A client of an agency, as one report states it: who, which discipline, what status.

    ``status`` is the report's word: appointed, retained, credit (work credited to the agency),
    ended, review, sole (the agency's only client); ``reported`` is the report's date.
    """

    kind: Literal["account"] = "account"
    client: str
    role: str = ""
    status: str = ""
    reported: str = ""  # "YYYY", "YYYY-MM" or "YYYY-MM-DD"
    by: str = ""  # the outlet or party that reported it


class Work(_Frozen):
    """A campaign or piece of work credited to an agency in a report."""

    kind: Literal["work"] = "work"
    name: str
    client: str = ""
    year: str = ""


class Event(_Frozen):
    """A dated event in an organisation's history, in plain words.

    ``type`` groups events (founded, ownership, merger, rename, folded, leadership,
    restructuring, relationship, campaign, other); ``said`` and ``said_by`` hold what the
    agency or its client said about it when a source reports it (the benefit of the doubt).
    """

    kind: Literal["event"] = "event"
    date: str  # "YYYY", "YYYY-MM" or "YYYY-MM-DD"
    text: str
    type: str = "other"
    said: str = ""
    said_by: str = ""
    subject: str = ""  # whose event, when not the organisation's own (its network's)


class Rating(_Frozen):
    """An employee-review rating a reviewer read on a review site and entered by hand."""

    kind: Literal["rating"] = "rating"
    site: str
    value: float
    scale: float = 5.0
    reviews: int | None = None


class Quote(_Frozen):
    """Words a named source used about the organisation: quoted, never our voice."""

    kind: Literal["quote"] = "quote"
    text: str
    by: str
    when: str = ""  # "YYYY", "YYYY-MM" or "YYYY-MM-DD"


class Billings(_Frozen):
    """Billings as a named party (a trade ranking, the agency) reported or estimated them.

    Never revenue: billings are the media and production spend an agency handles.
    """

    kind: Literal["billings"] = "billings"
    amount: float
    currency: str
    by: str
    estimate: bool = False


Structured = Annotated[
    Money
    | Quantity
    | Person
    | Ticker
    | Code
    | Filing
    | FormerName
    | Article
    | Measure
    | Series
    | Award
    | Account
    | Work
    | Event
    | Rating
    | Quote
    | Billings,
    Field(discriminator="kind"),
]
Value = Structured | str | int | float


class Provenance(_Frozen):
    """Where a fact came from: source, document URL, retrieval time and as-of date."""

    source: str
    url: str
    retrieved_at: datetime
    as_of: date
    locator: str = ""
    licence: str = ""
    constructed: bool = False


class Fact(_Frozen):
    """One value about the organisation, with its provenance.

    ``period`` labels what a figure covers ("FY2025", "2024"); ``period_end`` is the last day of
    that period when the source states it; ``field`` names the slot of the record
    (:data:`dossier.fields.FIELDS`): a fact for any other field is refused.
    """

    field: str
    value: Value
    provenance: Provenance
    period: str | None = None
    period_end: date | None = None

    @field_validator("field")
    @classmethod
    def _known_field(cls, name: str) -> str:
        if name not in FIELDS:
            raise ValueError(f"{name!r} is not a field of the organisation record")
        return name

    @property
    def source(self) -> str:
        return self.provenance.source

    def display(self) -> str:
        """A plain-text rendering of the value (used for de-duplication and messages)."""
        v = self.value
        if isinstance(v, Person):
            return f"{v.name} ({v.role})" if v.role else v.name
        if isinstance(v, Money):
            return f"{v.amount:,.0f} {v.currency}"
        if isinstance(v, Quantity):
            return f"{v.amount:,.0f}"
        if isinstance(v, Ticker):
            return f"{v.exchange}: {v.symbol}" if v.exchange else v.symbol
        if isinstance(v, Code):
            return f"{v.code} ({v.description})" if v.description else v.code
        if isinstance(v, Filing):
            return f"{v.form} filed {v.filed.isoformat()}"
        if isinstance(v, FormerName):
            return v.name
        if isinstance(v, Award):
            return v.name
        if isinstance(v, Account):
            return f"{v.client} ({v.status})" if v.status else v.client
        if isinstance(v, Work):
            return f"{v.name} ({v.year})" if v.year else v.name
        if isinstance(v, Event):
            return f"{v.date}: {v.text}"
        if isinstance(v, Rating):
            return f"{v.site} {v.value:g}/{v.scale:g}"
        if isinstance(v, Quote):
            return f"{v.by}: {v.text}"
        if isinstance(v, Billings):
            return f"{v.amount:,.0f} {v.currency} ({v.by})"
        return str(v)


class Claim(_Frozen):
    """A field's chosen fact, the other sources' facts, and whether they disagree."""

    chosen: Fact
    others: list[Fact] = []
    conflict: list[Fact] = []


class Gap(_Frozen):
    """Something we could not get: a failed source or request, or a field no source had."""

    source: str
    message: str
    url: str | None = None


class ReviewWarning(_Frozen):
    """Something a reviewer should look at before the document is sent."""

    kind: str  # "stale", "neutrality", "conflict", "gap"
    message: str
    detail: dict[str, Any] = {}


class Identifiers(_Frozen):
    """The identifiers the entity was resolved to."""

    wikidata: str | None = None
    cik: str | None = None
    domain: str | None = None
    ticker: str | None = None
    wikipedia_title: str | None = None
    website: str | None = None  # the official site's URL as a source gives it


class Organisation(_Untrusted):
    """The normalised record of one organisation."""

    model_config = ConfigDict(extra="forbid")

    display_name: str
    identifiers: Identifiers
    legal_name: Claim | None = None
    common_name: Claim | None = None
    description: Claim | None = None
    org_type: Claim | None = None
    industry: Claim | None = None
    sic: Claim | None = None
    founded: Claim | None = None
    headquarters: Claim | None = None
    country: Claim | None = None
    address: Claim | None = None
    phone: Claim | None = None
    state_of_incorporation: Claim | None = None
    fiscal_year_end: Claim | None = None
    website: Claim | None = None
    logo: Claim | None = None
    parent: Claim | None = None
    employees: Claim | None = None
    revenue: Claim | None = None
    net_income: Claim | None = None
    total_assets: Claim | None = None
    former_names: list[Fact] = []
    founders: list[Fact] = []
    key_people: list[Fact] = []
    tickers: list[Fact] = []
    subsidiaries: list[Fact] = []
    awards: list[Fact] = []
    filings: list[Fact] = []
    self_description: list[Fact] = []  # the company's own words, always quoted and attributed
    website_name: list[Fact] = []  # the name the site uses for itself (JSON-LD, og:site_name)
    page_title: list[Fact] = []  # the home page's <title>
    sub_organizations: list[Fact] = []  # JSON-LD subOrganization: parts the site names
    same_as: list[Fact] = []  # profile links the company's site lists (JSON-LD sameAs)
    contact_points: list[Fact] = []
    holding_company: Claim | None = None  # agencies: the group that owns the agency
    network: Claim | None = None  # agencies: the network an office or brand belongs to
    holding_revenue: Claim | None = None  # agencies: the listed holding company's revenue
    disciplines: list[Fact] = []  # agencies: creative, media, pr, digital
    scope_note: list[Fact] = []  # e.g. a Wikipedia infobox that describes a national unit
    relationship: list[Fact] = []  # agencies: the reports that link it to the client company
    # Agencies: the profile's sections (each fact cited; see docs/agency-profile.md).
    described_as: list[Fact] = []  # Quote facts: how named sources describe it
    holding_since: Claim | None = None  # since when its holding company owns it (or its network)
    offices: list[Fact] = []  # cities with an office
    office_count: Claim | None = None  # offices of its own (a Quantity)
    network_office_count: Claim | None = None  # its network's offices (a Quantity)
    services: list[Fact] = []  # services or divisions an infobox lists
    clients: list[Fact] = []  # Account facts: one report each
    campaigns: list[Fact] = []  # Work facts credited to it
    history_events: list[Fact] = []  # Event facts: founding, ownership, mergers, renames ...
    former_leaders: list[Fact] = []  # Person facts: leaders before the ones in key_people
    billings: Claim | None = None  # Billings as a named party reported them (never revenue)
    employee_rating: list[Fact] = []  # Rating facts a reviewer entered (overrides/agency-*.toml)
    review_pages: list[Fact] = []  # the agency's pages on employee-review sites (reviewer-given)
    agency_reports: list[Fact] = []  # Article facts about the agency from the reports searched
    news: list[Fact] = []  # Article facts, newest first, duplicates folded
    perception: list[Fact] = []  # Measure and Series facts
    revenue_history: list[Fact] = []
    employees_history: list[Fact] = []  # the chosen source's yearly headcounts (growth)
    net_income_history: list[Fact] = []
    # Marketing: spend lines from annual reports (one per XBRL concept) and the marketing heads.
    marketing_advertising_expense: Claim | None = None
    advertising_expense: Claim | None = None
    marketing_expense: Claim | None = None
    selling_marketing_expense: Claim | None = None
    sga_expense: Claim | None = None
    marketing_advertising_expense_history: list[Fact] = []
    advertising_expense_history: list[Fact] = []
    marketing_expense_history: list[Fact] = []
    selling_marketing_expense_history: list[Fact] = []
    sga_expense_history: list[Fact] = []
    marketing_leadership: list[Fact] = []  # Person facts: the chief marketing officer and the like

    def claim(self, name: str) -> Claim | None:
        value = getattr(self, name)
        return value if isinstance(value, Claim) else None


class Citation(_Frozen):
    """A numbered entry in the document's source list."""

    number: int
    source: str
    label: str
    url: str
    retrieved_at: datetime
    constructed: bool = False


class OverrideNote(_Frozen):
    """What a reviewer's override file said besides facts: the agency, a note, who."""

    file: str
    agency: str | None = None
    note: str = ""
    reviewer: str = ""


class Incumbent(_Frozen):
    """An agency the company works with, for one discipline, and the fact that says so.

    Given to the company report by the agency-finding step; ``status`` is that step's word for
    how well the evidence supports it ("confirmed", "reported", ...). An unconfirmed agency is
    never shown in a client document.
    """

    discipline: str  # "creative", "media", "pr", "digital"
    agency: str
    status: str
    fact: Fact


class AgencyContext(_Frozen):
    """For an agency's dossier: whose agency it is and how it was chosen."""

    company: str
    confirmed: bool
    named_by_user: str | None = None
    in_gazetteer: bool = False
    #: Per profile section, the sources consulted for it (for the reviewer: why it is empty).
    consulted: dict[str, list[str]] = {}
    #: The gazetteer's cited facts about the network and the holding company, by name.
    network: str = ""
    holding: str = ""
    #: When the brand named in the evidence (or by the user) was folded or renamed: its name.
    folded_from: str = ""


class Dossier(_Untrusted):
    """Everything a rendered document needs: the record, the numbered sources and the gaps."""

    model_config = ConfigDict(extra="forbid")

    organisation: Organisation
    citations: list[Citation]
    gaps: list[Gap]
    generated_at: datetime
    warnings: list[ReviewWarning] = []
    max_figure_age_months: int = 24
    prepared_for: str | None = None
    prepared_for_title: str | None = None  # the contact's new role at this company
    offline: bool = False
    query: str | None = None  # the name the user asked for
    resolution: list[str] = []  # how the name was pinned to one entity
    news_days: int = 90
    labels: dict[str, str] = {}  # source name -> the label readers see
    override: OverrideNote | None = None
    agency: AgencyContext | None = None

    def label(self, source: str) -> str:
        """The reader-facing name of a source ("sec" -> "SEC EDGAR")."""
        return self.labels.get(source, source)


_EMAIL = re.compile(r"^[^@\s<>,;\"]+@[^@\s<>,;\"]+\.[^@\s<>,;\"]+$")


@dataclass(frozen=True)
class Contact:
    """The former client contact who moved to a new company (the e-mail is never logged)."""

    name: str
    new_company: str
    new_title: str = ""
    previous_company: str = ""
    email: str | None = field(default=None, repr=False)
    first_name: str = ""
    owner: str = ""  # who in the agency looks after the contact (the sender of the notes)

    def __post_init__(self) -> None:
        for key in ("name", "new_company", "new_title", "previous_company", "first_name", "owner"):
            object.__setattr__(self, key, strip_bidi(one_line(getattr(self, key))))
        if not self.name:
            raise ConfigError("The contact needs a name (for example --contact 'Jane Doe').")
        if not self.new_company:
            raise ConfigError("The contact needs a new company (for example --company 'Acme').")
        if not self.first_name:
            object.__setattr__(self, "first_name", first_name_of(self.name))
        email = one_line(self.email) or None
        if email is not None and not _EMAIL.match(email):
            raise ConfigError("The contact's e-mail address is not valid; check it and retry.")
        object.__setattr__(self, "email", email)

    @property
    def first_name_unclear(self) -> str:
        """Why the greeting is not clearly the contact's first name ("" when it is, or when a
        first name was given)."""
        greeting = greeting_of(self.name)
        return "" if greeting.clear or self.first_name != greeting.name else greeting.reason
