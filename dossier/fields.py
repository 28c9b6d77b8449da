"""The one field table: every slot of the organisation record and how each part treats it.

``normalize`` (how values are merged), ``overrides`` (what a reviewer may set and as what type),
the sentences (which values are proper names, masked before the words-to-watch check), the
audit (which figures must show their period), the key-facts panel (order and label) and the
gaps list (which missing fields are worth telling the reader about) all read this table.
A test keeps it equal to ``Organisation``'s fields, so a new field cannot be half-wired.

Imports nothing of dossier.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final, Literal

Mode = Literal["single", "list", "raw", "history"]
Choose = Literal["source", "latest"]
Kind = Literal[
    "text",  # free text (descriptions, notes)
    "name",  # a proper name (an organisation, a brand, an award)
    "person",  # a Person value
    "place",  # a city, state or country
    "date",  # an ISO date or year
    "month_day",  # --MM-DD (fiscal year end)
    "money",  # a Money value
    "count",  # a Quantity value (employees)
    "code",  # a Code value (SIC)
    "ticker",  # a Ticker value
    "filing",  # a Filing value
    "url",  # a web address
    "phone",  # a telephone number or contact point
    "article",  # an Article value (news, relationship reports)
    "measure",  # Measure and Series values (perception)
    "account",  # an Account value (an agency's client, as one report states it)
    "work",  # a Work value (a campaign credited to an agency)
    "event",  # an Event value (a dated event in its history)
    "rating",  # a Rating value (an employee-review rating a reviewer entered)
    "quote",  # a Quote value (a named source's words about it)
    "billings",  # a Billings value (as a named party reported them)
]

#: Kinds whose values are proper names or identifiers: data, not our voice.
PROPER_KINDS: Final = frozenset(
    {"name", "person", "place", "ticker", "code", "url", "account", "work"}
)


@dataclass(frozen=True)
class FieldSpec:
    """One slot of the organisation record.

    Attributes:
        name: the attribute of ``Organisation``.
        mode: ``single`` (one chosen fact, the others kept), ``list`` (merged across sources),
            ``raw`` (kept as the sources gave them) or ``history`` (a derived yearly series).
        kind: what the value is (see :data:`Kind`).
        label: the short label of a table row ("Founded").
        phrase: the field in a sentence ("the founding date"); also, capitalised and without
            "the", the label of a gap ("Founding date: not found in ...").
        choose: for single fields, ``source`` (best-ranked source wins) or ``latest`` (most
            recent period wins).
        overridable: a reviewer may set it in ``overrides/<company>.toml``.
        expected: its absence is listed for the reader as a gap.
        figure: a dated figure: shown with its period, flagged when old.
        key_fact: its position in the key-facts panel (None: not shown there).
        history_of: for ``history`` fields, the single field whose yearly values it holds.
        conflict: same-period disagreement between sources is stated in a sentence.
    """

    name: str
    mode: Mode
    kind: Kind
    label: str
    phrase: str = ""
    choose: Choose = "source"
    overridable: bool = False
    expected: bool = False
    figure: bool = False
    key_fact: int | None = None
    history_of: str | None = None
    conflict: bool = False

    @property
    def proper(self) -> bool:
        """Whether the values are proper names (masked before the words-to-watch check)."""
        return self.kind in PROPER_KINDS

    @property
    def gap_label(self) -> str:
        text = (self.phrase or self.label).removeprefix("the ")
        return text[:1].upper() + text[1:]


def _f(name: str, mode: Mode, kind: Kind, label: str, **kw: object) -> FieldSpec:
    return FieldSpec(name, mode, kind, label, **kw)  # type: ignore[arg-type]


def _spend(name: str, label: str) -> tuple[FieldSpec, FieldSpec]:
    """A spend figure from annual reports and its yearly history."""
    figure = _f(name, "single", "money", label, phrase=label.lower(), overridable=True, figure=True)
    return figure, _f(f"{name}_history", "history", "money", f"{label} by year", history_of=name)


#: The marketing spend slots, most specific first (the wider SG&A line last).
SPEND_FIELDS: Final = (
    "marketing_advertising_expense",
    "advertising_expense",
    "marketing_expense",
    "selling_marketing_expense",
    "sga_expense",
)

_TABLE: Final = (
    _f("legal_name", "single", "name", "Legal name", overridable=True, key_fact=1),
    _f("common_name", "single", "name", "Name", overridable=True),
    _f("description", "single", "text", "Description", overridable=True),
    _f("org_type", "single", "text", "Type", overridable=True, key_fact=6),
    _f(
        "founded",
        "single",
        "date",
        "Founded",
        phrase="the founding date",
        overridable=True,
        expected=True,
        key_fact=2,
        conflict=True,
    ),
    _f(
        "headquarters",
        "single",
        "place",
        "Headquarters",
        overridable=True,
        expected=True,
        key_fact=3,
    ),
    _f("industry", "single", "text", "Industry", overridable=True, expected=True, key_fact=4),
    _f("sic", "single", "code", "SEC industry code", key_fact=5),
    _f("country", "single", "place", "Country", overridable=True),
    _f("address", "single", "place", "Address", overridable=True),
    _f("phone", "single", "phone", "Phone", overridable=True),
    _f("state_of_incorporation", "single", "place", "Incorporated in", key_fact=7),
    _f("fiscal_year_end", "single", "month_day", "Fiscal year ends", key_fact=8),
    _f("website", "single", "url", "Website", overridable=True, key_fact=16),
    _f("logo", "single", "url", "Logo"),
    _f("parent", "single", "name", "Parent", overridable=True, key_fact=15),
    _f(
        "employees",
        "single",
        "count",
        "Employees",
        phrase="the number of employees",
        choose="latest",
        overridable=True,
        expected=True,
        figure=True,
        key_fact=9,
        conflict=True,
    ),
    _f(
        "revenue",
        "single",
        "money",
        "Revenue",
        phrase="revenue",
        overridable=True,
        expected=True,
        figure=True,
        key_fact=10,
        conflict=True,
    ),
    _f(
        "net_income",
        "single",
        "money",
        "Net income",
        phrase="net income",
        overridable=True,
        expected=True,
        figure=True,
        key_fact=11,
        conflict=True,
    ),
    _f(
        "total_assets",
        "single",
        "money",
        "Total assets",
        phrase="total assets",
        overridable=True,
        expected=True,
        figure=True,
        key_fact=12,
        conflict=True,
    ),
    _f("former_names", "list", "name", "Former names", overridable=True),
    _f("founders", "list", "person", "Founders", overridable=True),
    _f("key_people", "list", "person", "Key people", overridable=True, expected=True),
    _f("tickers", "list", "ticker", "Listed as"),
    _f("subsidiaries", "list", "name", "Subsidiaries", overridable=True),
    _f("awards", "list", "name", "Awards", overridable=True),
    _f("filings", "raw", "filing", "Filings"),
    _f("self_description", "list", "text", "Self-description"),
    _f("website_name", "list", "name", "Name on its website"),
    _f("page_title", "list", "name", "Home page title"),
    _f("sub_organizations", "list", "name", "Parts named on its website"),
    _f("same_as", "list", "url", "Profiles"),
    _f("contact_points", "list", "phone", "Contact points"),
    _f("holding_company", "single", "name", "Holding company", overridable=True, key_fact=13),
    _f("network", "single", "name", "Network", overridable=True, key_fact=14),
    _f("holding_revenue", "single", "money", "Holding company revenue", overridable=True),
    _f("disciplines", "list", "text", "Disciplines"),
    _f("scope_note", "list", "text", "Scope"),
    _f("relationship", "raw", "article", "Relationship reports"),
    # Agencies: the profile's sections (docs/agency-profile.md).
    _f("described_as", "list", "quote", "Described as"),
    _f("holding_since", "single", "date", "Owned by its holding company since"),
    _f("offices", "list", "place", "Offices", overridable=True),
    _f("office_count", "single", "count", "Offices of its own", overridable=True),
    _f("network_office_count", "single", "count", "Offices of its network"),
    _f("services", "list", "text", "Services"),
    _f("clients", "list", "account", "Clients"),
    _f("campaigns", "list", "work", "Campaigns credited to it"),
    _f("history_events", "list", "event", "History"),
    _f("former_leaders", "list", "person", "Earlier leaders", overridable=True),
    _f("billings", "single", "billings", "Billings"),
    _f("employee_rating", "list", "rating", "Employee rating"),
    _f("review_pages", "list", "url", "Employee-review pages"),
    _f("agency_reports", "raw", "article", "Reports about the agency"),
    _f("news", "raw", "article", "News"),
    _f("perception", "raw", "measure", "Perception"),
    _f("revenue_history", "history", "money", "Revenue by year", history_of="revenue"),
    _f("employees_history", "history", "count", "Employees by year", history_of="employees"),
    _f("net_income_history", "history", "money", "Net income by year", history_of="net_income"),
    # Marketing spend, one slot per XBRL concept (the concept names are in sources/sec.py), most
    # specific first; selling, general and administrative expense is the wider line.
    *_spend("marketing_advertising_expense", "Marketing and advertising expense"),
    *_spend("advertising_expense", "Advertising expense"),
    *_spend("marketing_expense", "Marketing expense"),
    *_spend("selling_marketing_expense", "Selling and marketing expense"),
    *_spend("sga_expense", "Selling, general and administrative expense"),
    _f("marketing_leadership", "list", "person", "Marketing leadership", overridable=True),
)

#: Every field, by name, in record order.
FIELDS: Final[dict[str, FieldSpec]] = {f.name: f for f in _TABLE}


def spec(name: str) -> FieldSpec:
    """The field's entry; KeyError names the field when it is not in the table."""
    try:
        return FIELDS[name]
    except KeyError:
        raise KeyError(f"{name!r} is not a field of the organisation record") from None


def by_mode(mode: Mode) -> tuple[FieldSpec, ...]:
    """The fields of one mode, in record order."""
    return tuple(f for f in _TABLE if f.mode == mode)


def key_fact_fields() -> tuple[FieldSpec, ...]:
    """The key-facts panel's rows, in panel order."""
    return tuple(sorted((f for f in _TABLE if f.key_fact), key=lambda f: f.key_fact or 0))


def proper_fields() -> frozenset[str]:
    """Names of the fields whose values are proper names."""
    return frozenset(f.name for f in _TABLE if f.proper)
