"""The agency profile's own prose: an encyclopaedia entry about the incumbent agency.

Sections, in document order (docs/agency-profile.md): overview, size, money, clients, people,
history, account moves, recognition, what employees say, strengths and points to consider.
Every sentence is built from cited facts; a section without facts has no sentences (the
template leaves it out; ``facts.json`` says which sources were consulted for it). Reports are
quoted and attributed to their outlet; figures are stated with their date; a person's role is
stated as of its source's date, never as still true today. Strengths and points to consider
are one cited fact each, in the same neutral verbs, and a point to consider carries what the
agency or its client said about it when a source reports that (the benefit of the doubt).
The audit runs the words-to-watch check over every sentence here.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from .. import formatting as fmt
from ..agency import Evidence
from ..agency.evidence import company_names
from ..agency.people import LEADERSHIP
from ..model import (
    Account,
    AgencyContext,
    Article,
    Award,
    Billings,
    Event,
    Fact,
    Money,
    Organisation,
    Person,
    Quantity,
    Quote,
    Rating,
    Work,
)
from ..names import clean_name
from .sentences import (
    Freshness,
    Sentence,
    _as_of,
    _end,
    _founded_phrase,
    display_value,
    figure_period,
)


@dataclass(frozen=True)
class Row(Sentence):
    """A sentence that is also one row of a table: ``cells`` in column order."""

    cells: tuple[str, ...] = ()


#: Event types shown under points to consider rather than history.
CONSIDER_EVENTS = frozenset({"restructuring", "review", "in-house"})
#: Event types that are changes of ownership or brand (points to consider when in the window).
CHANGE_EVENTS = frozenset({"ownership", "merger", "rename", "folded"})
#: How the reports' statuses read in a sentence or a table cell.
STATUS_WORDS = {
    "appointed": "appointed",
    "retained": "retained after a review",
    "credit": "work credited",
    "ended": "ended",
    "review": "in review",
    "sole": "sole client",
}
MOVES = {
    "appointed": "appointed it",
    "retained": "retained it after a review",
    "ended": "ended the relationship",
    "review": "put the account in review",
}
DISCIPLINE_NOUNS = {
    "creative": "a creative agency",
    "media": "a media agency",
    "pr": "a public relations agency",
    "digital": "a digital agency",
    "holding": "an advertising holding company",
}
DISCIPLINE_WORDS = {"pr": "public relations", "holding": "holding company"}


# --- small helpers ------------------------------------------------------------------------------


def when_text(day: date) -> str:
    """A fact's as-of date as it reads: "2025" when only the year is known (1 January, the
    convention of the sources and the gazetteer), else "7 December 2023"."""
    return str(day.year) if (day.month, day.day) == (1, 1) else fmt.human_date(day)


def _partial(text: str) -> str:
    return fmt.human_date(text) if text else ""


def _in(text: str) -> str:
    """ "in 2006", "in July 2006", "on 3 July 2006"."""
    return f"on {fmt.human_date(text)}" if text.count("-") == 2 else f"in {fmt.human_date(text)}"


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


_NUMBERS = ("no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine")


def _number(n: int) -> str:
    """Small counts in words ("one", "eight"), larger ones in figures."""
    return _NUMBERS[n] if 0 <= n < len(_NUMBERS) else f"{n:,}"


def _dated_event(org: Organisation, e: Event) -> str:
    """ "On 1 December 2025, Omnicom announced ..."; an event of its network that does not name
    the network says whose it is."""
    text = _end(e.text.strip())
    if e.subject and e.subject != org.display_name:
        head = e.subject.split()[0].rstrip("\\")
        if not re.match(r"^[A-Z][a-z]+ed\b", text) and head.casefold() in text.casefold():
            return f"{_cap(_in(e.date))}, {_lower_pronoun(text)}" if e.date else text
        return f"{_cap(_partial(e.date))}: {_event_text(org, e)}" if e.date else _event_text(org, e)
    return f"{_cap(_in(e.date))}, {_lower_pronoun(text)}" if e.date else text


def _lower_pronoun(text: str) -> str:
    """ "It cut ..." -> "it cut ..." after a leading date; proper names keep their capital."""
    first, _, rest = text.partition(" ")
    return f"{first.lower()} {rest}" if first in {"It", "Its", "A", "An", "The"} else text


def _year_of(text: str) -> int | None:
    m = re.match(r"(\d{4})", text or "")
    return int(m.group(1)) if m else None


def _published(a: Article) -> date | None:
    return a.published.date() if isinstance(a.published, datetime) else None


def _is_company(name: str, company: str) -> bool:
    forms = {clean_name(n) for n in company_names(company) if clean_name(n)}
    return clean_name(name) in forms


def _values(facts: Iterable[Fact], kind: type) -> list[tuple[Fact, object]]:
    return [(f, f.value) for f in facts if isinstance(f.value, kind)]


def _own(org: Organisation) -> list[tuple[Fact, Award]]:
    out = []
    for f in org.awards:
        v = f.value
        if isinstance(v, Award):
            out.append((f, v))
        elif isinstance(v, str):  # a name from Wikidata or an infobox
            out.append((f, Award(name=v, year=f.period or "")))
    return out


def report_sentence(f: Fact) -> Sentence | None:
    """A report quoted and attributed: "On 3 December 2023, B&T reported: “...”."."""
    a = f.value
    if not isinstance(a, Article):
        return None
    outlet = a.outlet or "a news source"
    day = _published(a)
    lead = f"On {fmt.human_date(day)}, {outlet} reported" if day else f"{outlet} reported"
    return Sentence(f"{lead}: “{a.headline.rstrip('.')}”.", (f,))


# --- overview -------------------------------------------------------------------------------------


def _discipline(org: Organisation) -> str:
    found = [str(f.value) for f in org.disciplines]
    if len(found) == 1:
        return DISCIPLINE_NOUNS.get(found[0], "an agency")
    words = [DISCIPLINE_WORDS.get(d, d) for d in found]
    return f"an agency for {fmt.join_names(words)} work" if words else "an agency"


def identity(org: Organisation, ctx: AgencyContext | None) -> list[Sentence]:
    """What the agency is: discipline, network, holding company and since when."""
    name = org.display_name
    disc = _discipline(org)
    disc_facts = tuple(org.disciplines)
    net = org.network.chosen if org.network else None
    hold = org.holding_company.chosen if org.holding_company else None
    since = org.holding_since.chosen if org.holding_since else None
    if hold is not None and str(hold.value) == "Independent":
        what = disc.split(" ", 1)[1] if disc.startswith(("a ", "an ")) else disc
        text = f"{name} is an independent {what}, not part of an advertising holding company."
        if net is not None:
            text = f"{name} is an independent {what}, part of the {net.value} network."
            return [Sentence(text, (*disc_facts, hold, net))]
        return [Sentence(text, (*disc_facts, hold))]
    if hold is None and net is None:
        return [Sentence(f"{name} is {disc}.", disc_facts)] if disc_facts else []
    owner = ""
    facts: tuple[Fact, ...] = disc_facts
    if hold is not None:
        owner = f"owned by {hold.value}"
        facts = (*facts, hold)
        if since is not None:
            whose = (
                "network" if ctx and ctx.network and ctx.network in since.provenance.locator else ""
            )
            if whose and net is not None:
                owner = f"which {hold.value} has owned since {_partial(str(since.value))}"
            else:
                owner = f"owned by {hold.value} since {_partial(str(since.value))}"
            facts = (*facts, since)
    if net is not None and str(net.value) != name:
        facts = (*facts, net)
        text = f"{name} is {disc} in the {net.value} network"
        text += f", {owner}." if owner else "."
    else:
        text = f"{name} is {disc}, {owner}." if owner else f"{name} is {disc}."
    return [Sentence(text, facts)]


def described(org: Organisation, labels: dict[str, str]) -> list[Sentence]:
    """One attributed description: a named source's words, quoted (never our voice)."""
    out = []
    desc = org.description.chosen if org.description else None
    if desc is not None and desc.source == "wikipedia" and isinstance(desc.value, str):
        label = labels.get(desc.source, "Wikipedia")
        text = desc.value.strip()
        out.append(Sentence(f"{label}’s article on it begins: “{text}”", (desc,)))
    quotes = sorted(_values(org.described_as, Quote), key=lambda p: p[0].provenance.as_of)
    if quotes:
        f, q = quotes[-1]
        assert isinstance(q, Quote)
        said = f" {_in(q.when)}" if q.when else ""
        out.append(Sentence(f"{q.by} described it{said} as “{q.text.strip().rstrip('.')}”.", (f,)))
    return out[:2]


def founding(org: Organisation) -> list[Sentence]:
    out = []
    founded, founders = org.founded, list(org.founders)
    names = fmt.join_names([display_value(f) for f in founders])
    if founded is not None and founders:
        f = founded.chosen
        out.append(Sentence(f"It was founded {_founded_phrase(f)} by {names}.", (f, *founders)))
    elif founded is not None:
        f = founded.chosen
        out.append(Sentence(f"It was founded {_founded_phrase(f)}.", (f,)))
    elif founders:
        out.append(Sentence(f"Its founders were {names}.", tuple(founders)))
    if org.headquarters is not None:
        h = org.headquarters.chosen
        out.append(Sentence(f"Its headquarters are in {display_value(h)}.", (h,)))
    return out


def folded_note(org: Organisation, ctx: AgencyContext | None) -> list[Sentence]:
    """A folded or renamed brand named in the evidence: what it became."""
    if ctx is None or not ctx.folded_from:
        return []
    out = []
    for f, v in _values(org.history_events, Event):
        assert isinstance(v, Event)
        if v.type == "folded" and v.subject == ctx.folded_from:
            when = f" ({_in(v.date)})" if v.date else ""
            out.append(
                Sentence(
                    f"{v.text.rstrip('.')}{when}; this profile describes {org.display_name}, "
                    f"the brand {ctx.folded_from} became.",
                    (f,),
                )
            )
    return out


def overview(
    org: Organisation, ctx: AgencyContext | None, labels: dict[str, str]
) -> list[list[Sentence]]:
    """The overview: what it is, how sources describe it, founding and headquarters."""
    first = identity(org, ctx) + folded_note(org, ctx) + founding(org)
    second = described(org, labels)
    return [p for p in (first, second) if p]


# --- size and money -----------------------------------------------------------------------------


def _count(q: Quantity) -> str:
    n = int(q.amount) if q.amount.is_integer() else q.amount
    return f"{n:,}" if isinstance(n, int) else f"{n:,.1f}"


def size(org: Organisation, fresh: Freshness | None) -> list[Sentence]:
    """Employees (dated), offices (named in reports), its network's size, growth."""
    out = []
    if org.employees is not None:
        c = org.employees.chosen
        out.append(
            _as_of(
                Sentence(f"It had {display_value(c)} employees in {figure_period(c)}.", (c,)), fresh
            )
        )
        counts = _headcounts(org)
        if len(counts) >= 2 and counts[0].value.amount > counts[-1].value.amount:  # type: ignore[union-attr]
            old, new = counts[0], counts[-1]
            out.append(
                Sentence(
                    f"Its reported headcount fell from {display_value(old)} in {old.period} to "
                    f"{display_value(new)} in {new.period}.",
                    (old, new),
                )
            )
    if org.office_count is not None and isinstance(org.office_count.chosen.value, Quantity):
        f = org.office_count.chosen
        q = f.value
        assert isinstance(q, Quantity)
        unit = q.unit or "offices"
        out.append(
            Sentence(f"As of {when_text(f.provenance.as_of)}, it had {_count(q)} {unit}.", (f,))
        )
    hq = str(org.headquarters.chosen.value) if org.headquarters else ""
    cities = [f for f in org.offices if clean_name(str(f.value)) != clean_name(hq)]
    if cities:
        names = fmt.join_names([display_value(f) for f in cities])
        where = f", besides its headquarters in {hq}" if hq else ""
        out.append(Sentence(f"Reports name its offices in {names}{where}.", tuple(cities)))
    if org.network_office_count is not None and org.network is not None:
        f = org.network_office_count.chosen
        q = f.value
        if isinstance(q, Quantity):
            out.append(
                Sentence(
                    f"As of {when_text(f.provenance.as_of)}, its network, {org.network.chosen.value}, "
                    f"had {_count(q)} {q.unit or 'offices'}.",
                    (f, org.network.chosen),
                )
            )
    return out


def money(org: Organisation, fresh: Freshness | None) -> list[Sentence]:
    """Its own revenue when public, else its holding company's, named as such; billings only as
    a named party reported them, never mixed with revenue."""
    out = []
    name = org.display_name
    if org.revenue is not None and isinstance(org.revenue.chosen.value, Money):
        r = org.revenue.chosen
        out.append(
            _as_of(
                Sentence(
                    f"It reported revenue of {display_value(r)} for {figure_period(r)}.", (r,)
                ),
                fresh,
            )
        )
    claim, hold = org.holding_revenue, org.holding_company
    if claim is not None and hold is not None and isinstance(claim.chosen.value, Money):
        f, h = claim.chosen, hold.chosen
        lead = (
            ""
            if org.revenue is not None
            else f"{name} does not publish a revenue figure of its own; "
        )
        text = (
            f"{lead}its holding company, {h.value}, reported revenue of {display_value(f)} for "
            f"{figure_period(f)}, for all of its agencies together."
        )
        out.append(Sentence(_cap(text), (f, h)))
    if org.billings is not None and isinstance(org.billings.chosen.value, Billings):
        f = org.billings.chosen
        b = f.value
        assert isinstance(b, Billings)
        verb = "estimated" if b.estimate else "reported"
        amount = fmt.money(Money(amount=b.amount, currency=b.currency))
        period = f" for {figure_period(f)}" if f.period else ""
        out.append(
            Sentence(
                f"{b.by} {verb} its billings (the client spend it handles, which is not its "
                f"revenue) at {amount}{period}.",
                (f,),
            )
        )
    return out


# --- clients and account moves --------------------------------------------------------------------


def _accounts(org: Organisation) -> list[tuple[Fact, Account]]:
    return [(f, f.value) for f in org.clients if isinstance(f.value, Account)]


def _by(a: Account) -> str:
    return a.by or "a report"


def relationship(evidence: Sequence[Evidence], limit: int = 4) -> list[Sentence]:
    """The reports that link the agency to the company, newest first, each quoted."""
    seen: set[str] = set()
    out = []
    for e in evidence:
        if e.item.url in seen:
            continue
        seen.add(e.item.url)
        s = report_sentence(e.article)
        if s is not None:
            out.append(s)
        if len(out) >= limit:
            break
    return out


def company_accounts(org: Organisation, company: str) -> list[Sentence]:
    """What the gazetteer's cited reports say about the company's account (sole client ...)."""
    out = []
    for f, a in _accounts(org):
        if a.status == "sole" and f.source == "gazetteer":
            when = f"As of {_partial(a.reported)}, " if a.reported else ""
            out.append(
                Sentence(f"{when}{a.client} was its sole client, according to {_by(a)}.", (f,))
            )
    return out


def client_rows(org: Organisation, company: str) -> list[Row]:
    """One row per client: the status in its latest report, with that report's date and source;
    the contact's new company first."""
    groups: dict[str, list[tuple[Fact, Account]]] = {}
    for f, a in _accounts(org):
        key = clean_name(company) if _is_company(a.client, company) else clean_name(a.client)
        groups.setdefault(key, []).append((f, a))
    rows = []
    for key, items in groups.items():
        items.sort(key=lambda p: (p[1].reported or "", p[0].provenance.as_of.isoformat()))
        f, a = items[-1]
        client = company if key == clean_name(company) else a.client
        status = STATUS_WORDS.get(a.status, a.status)
        role = DISCIPLINE_WORDS.get(a.role, a.role)
        when = _partial(a.reported)
        text = f"{client}: {status}"
        text += f" ({role})" if role else ""
        text += f", in a report by {_by(a)}" + (f" dated {when}" if when else "") + "."
        rows.append(Row(text, (f,), cells=(client, role, status, when, a.by)))
    rows.sort(key=lambda r: (r.cells[0] != company, r.cells[0].casefold()))
    return rows


def account_moves(org: Organisation, today: date, years: int) -> list[Row]:
    """Wins, losses, retentions and reviews reported in the window, newest first."""
    start = (today - timedelta(days=round(365.25 * years))).isoformat()
    rows = []
    for f, a in _accounts(org):
        if a.status not in MOVES or not a.reported or a.reported < start:
            continue
        role = DISCIPLINE_WORDS.get(a.role, a.role)
        what = MOVES[a.status] + (f" ({role})" if role else "")
        text = f"{_cap(_in(a.reported))}, {_by(a)} reported that {a.client} {what}."
        rows.append(Row(text, (f,), cells=(_partial(a.reported), a.client, what, a.by)))
    rows.sort(key=lambda r: r.facts[0].value.reported, reverse=True)  # type: ignore[union-attr]
    return rows


# --- people -----------------------------------------------------------------------------------------


def people_rows(org: Organisation) -> list[Row]:
    """Leadership: each person with role, the year in the role from, and the source's date."""
    rows = []
    for f in org.key_people:
        p = f.value
        if not isinstance(p, Person):
            continue
        since = f" (in the role from {_partial(p.since)})" if p.since else ""
        role = p.role or "named among its leaders"
        text = f"As of {when_text(f.provenance.as_of)}, {p.name} was {role}{since}."
        rows.append(
            Row(
                text,
                (f,),
                cells=(p.name, p.role, _partial(p.since or ""), when_text(f.provenance.as_of)),
            )
        )
    return rows


def earlier_leaders(org: Organisation) -> list[Sentence]:
    items = []
    for f in org.former_leaders:
        p = f.value
        if not isinstance(p, Person):
            continue
        detail = (
            f"{p.role} from {_partial(p.since)}"
            if p.since
            else f"{p.role}, as of {when_text(f.provenance.as_of)}"
        )
        items.append((f, f"{p.name} ({detail})" if p.role else p.name))
    if not items:
        return []
    names = fmt.join_names([t for _f, t in items])
    return [
        Sentence(f"Earlier leaders named in reports include {names}.", tuple(f for f, _t in items))
    ]


def _in_window(f: Fact, today: date, years: int) -> bool:
    a = f.value
    day = _published(a) if isinstance(a, Article) else None
    return day is not None and day >= today - timedelta(days=round(365.25 * years))


def appointment_reports(org: Organisation, today: date, years: int, limit: int = 3) -> list[Fact]:
    """Reports of senior appointments and departures at the agency within the window."""
    out: list[Fact] = []
    for f in [*org.agency_reports, *org.news]:
        a = f.value
        if (
            isinstance(a, Article)
            and LEADERSHIP.search(a.headline)
            and _in_window(f, today, years)
            and all(getattr(g.value, "url", "") != a.url for g in out)
        ):
            out.append(f)
    return out[:limit]


def people_notes(org: Organisation, today: date, years: int) -> list[Sentence]:
    return earlier_leaders(org) + [
        s for f in appointment_reports(org, today, years) if (s := report_sentence(f)) is not None
    ]


# --- history and recognition ------------------------------------------------------------------------


def _events(org: Organisation) -> list[tuple[Fact, Event]]:
    out = [(f, f.value) for f in org.history_events if isinstance(f.value, Event)]
    return sorted(out, key=lambda p: p[1].date)


def _event_text(org: Organisation, e: Event) -> str:
    text = _end(e.text.strip())
    if e.subject and e.subject != org.display_name:
        whose = " (its network)" if org.network and e.subject == org.network.chosen.value else ""
        text = f"{e.subject}{whose}: {text}"
    return text


def _day_in_window(day: str, today: date, years: int) -> bool:
    """Whether a (partial) ISO date is inside the window of ``years`` before ``today``."""
    start = (today - timedelta(days=round(365.25 * years))).isoformat()
    return bool(day) and day >= start[: len(day)]


def _window_changes(org: Organisation, today: date, years: int) -> list[tuple[Fact, Event]]:
    return [
        (f, e)
        for f, e in _events(org)
        if e.type in CHANGE_EVENTS and _day_in_window(e.date, today, years)
    ]


def _past_considerations(org: Organisation, today: date, years: int) -> set[int]:
    """The dated restructurings, reviews and in-house moves from before the window: history,
    not points to consider now (the strengths are counted over the same window)."""
    return {
        id(f)
        for f, e in _events(org)
        if e.type in CONSIDER_EVENTS and e.date and not _day_in_window(e.date, today, years)
    }


def history_rows(org: Organisation, today: date, years: int) -> list[Row]:
    """Founding, ownership, mergers, renames and leadership, and the restructurings, reviews
    and in-house moves from before the window, dated, oldest first; the changes and those
    events inside the window are under points to consider instead."""
    moved = {id(f) for f, _e in _window_changes(org, today, years)}
    past = _past_considerations(org, today, years)
    rows = []
    seen: set[tuple[str, str]] = set()
    for f, e in _events(org):
        if (e.type in CONSIDER_EVENTS and id(f) not in past) or id(f) in moved:
            continue
        key = (e.date, clean_name(e.text))
        if key in seen:
            continue
        seen.add(key)
        text = _event_text(org, e)
        if e.said:  # the benefit of the doubt goes with the fact, wherever it is shown
            said = e.said.strip().rstrip(".")
            text = (
                f"{text.rstrip('.')}; {e.said_by or 'a spokesperson'} said at the time: “{said}”."
            )
        rows.append(Row(f"{_cap(_partial(e.date))}: {text}", (f,), cells=(_partial(e.date), text)))
    return rows


def campaigns(org: Organisation) -> list[Sentence]:
    works = sorted(_values(org.campaigns, Work), key=lambda p: getattr(p[1], "year", ""))
    if not works:
        return []
    items = []
    for _f, w in works:
        assert isinstance(w, Work)
        items.append(f"“{w.name}” ({w.year})" if w.year else f"“{w.name}”")
    clients = {w.client for _f, w in works if isinstance(w, Work) and w.client}
    for_whom = f" for {next(iter(clients))}" if len(clients) == 1 else ""
    return [
        Sentence(
            f"Campaigns credited to it{for_whom} in reports include {fmt.join_names(items)}.",
            tuple(f for f, _w in works),
        )
    ]


def recognition_rows(org: Organisation) -> list[Row]:
    rows = []
    for f, a in sorted(_own(org), key=lambda p: p[1].year):
        if a.recipient:
            continue
        body = f" ({a.body})" if a.body else ""
        work = f" for “{a.work}”" if a.work else ""
        year = f"{a.year}: " if a.year else ""
        rows.append(
            Row(f"{year}{a.name}{body}{work}.", (f,), cells=(a.year, a.name, a.work, a.body))
        )
    return rows


def recognition_notes(org: Organisation) -> list[Sentence]:
    """Awards to its network or its client, named as theirs."""
    groups: dict[tuple[str, str, str], list[tuple[Fact, Award]]] = {}
    for f, a in _own(org):
        if a.recipient:
            groups.setdefault((a.recipient, a.name, a.body), []).append((f, a))
    out = []
    net = str(org.network.chosen.value) if org.network else ""
    for (recipient, name, body), items in groups.items():
        years = fmt.join_names(sorted({a.year for _f, a in items if a.year}))
        whose = "Its network" if recipient == net else "Its client"
        by = f" by {body}" if body else ""
        when = f" in {years}" if years else ""
        out.append(
            Sentence(
                f"{whose}, {recipient}, was named {name}{by}{when}.", tuple(f for f, _a in items)
            )
        )
    return out


# --- employees ----------------------------------------------------------------------------------------


def employee_sentences(org: Organisation) -> list[Sentence]:
    out = []
    for f, r in _values(org.employee_rating, Rating):
        assert isinstance(r, Rating)
        reviews = f", from {r.reviews:,} reviews" if r.reviews else ""
        out.append(
            Sentence(
                f"As of {when_text(f.provenance.as_of)}, its rating on {r.site} was "
                f"{r.value:g} out of {r.scale:g}{reviews} (read on the site and entered by a reviewer).",
                (f,),
            )
        )
    return out


# --- strengths and points to consider -------------------------------------------------------------------


def _company_dates(
    org: Organisation, company: str, evidence: Sequence[Evidence]
) -> list[tuple[str, Fact]]:
    """Dated facts that link the agency to the company: reports, accounts, its founding."""
    out: list[tuple[str, Fact]] = []
    for e in evidence:
        if e.relation in ("appointed", "retained", "credit") and e.published:
            out.append((e.published.isoformat(), e.article))
    for f, a in _accounts(org):
        if (
            _is_company(a.client, company)
            and a.reported
            and a.status in ("credit", "appointed", "retained", "sole")
        ):
            out.append((a.reported, f))
    forms = [n for n in company_names(company) if n]
    for f, ev in _events(org):
        if (
            ev.type == "founded"
            and not ev.subject
            and any(re.search(rf"\b{re.escape(n)}\b", ev.text) for n in forms)
        ):
            out.append((ev.date, f))
    return sorted(out, key=lambda p: p[0])


def tenure(org: Organisation, company: str, evidence: Sequence[Evidence]) -> list[Sentence]:
    dated = _company_dates(org, company, evidence)
    if len(dated) < 2 or _year_of(dated[0][0]) == _year_of(dated[-1][0]):
        return []
    (first, f1), (last, f2) = dated[0], dated[-1]
    short = company_names(company)[-1]
    return [
        Sentence(
            f"Reports link it to {short} from {_partial(first)} to {_partial(last)}.", (f1, f2)
        )
    ]


def award_strength(org: Organisation) -> list[Sentence]:
    own = [(f, a) for f, a in _own(org) if not a.recipient]
    years = sorted(a.year for _f, a in own if a.year)
    if not own:
        return []
    if len(own) == 1:
        f, a = own[0]
        when = f" in {a.year}" if a.year else ""
        return [Sentence(f"Reports credit its work with the {a.name}{when}.", (f,))]
    _f, newest = max(own, key=lambda p: p[1].year)
    span = f" between {years[0]} and {years[-1]}" if years and years[0] != years[-1] else ""
    body = f" ({newest.body})" if newest.body else ""
    when = f" in {newest.year}" if newest.year else ""
    return [
        Sentence(
            f"Reports list {_number(len(own))} awards for its work{span}, including the "
            f"{newest.name}{body}{when}.",
            tuple(f for f, _a in own),
        )
    ]


def wins(org: Organisation, company: str, today: date, years: int) -> list[Sentence]:
    """Account appointments and retentions reported in the window, for other clients."""
    won = [
        (r, a)
        for r in account_moves(org, today, years)
        if isinstance(a := r.facts[0].value, Account)
        and a.status in ("appointed", "retained")
        and not _is_company(a.client, company)
    ]
    if not won:
        return []
    statuses = {a.status for _r, a in won}
    noun = {"appointed": "appointment", "retained": "retention"}.get(
        next(iter(statuses)) if len(statuses) == 1 else "", "appointment or retention"
    )
    clients = fmt.join_names(sorted({a.client for _r, a in won}))
    facts = tuple(f for r, _a in won for f in r.facts)
    if len(won) == 1:
        ((r, _a),) = won
        return [
            Sentence(
                f"A report dated {r.cells[0]} describes an account {noun} for it ({clients}).",
                facts,
            )
        ]
    n = _number(len(won))
    plural = noun.replace("appointment", "appointments").replace("retention", "retentions")
    return [
        Sentence(
            f"Reports dated {won[-1][0].cells[0]} to {won[0][0].cells[0]} describe {n} account "
            f"{plural} for it ({clients}).",
            facts,
        )
    ]


def _headcounts(org: Organisation) -> list[Fact]:
    """The dated headcounts of the chosen source, oldest first (two or more show a trend)."""
    c = org.employees
    if c is None:
        return []
    dated = [f for f in [*org.employees_history, c.chosen] if isinstance(f.value, Quantity)]
    series = {f.period: f for f in dated if f.period and f.source == c.chosen.source}
    return [series[p] for p in sorted(series)]


def growth(org: Organisation) -> list[Sentence]:
    """Growth where two dated figures exist (a fall is stated under size, not as a strength)."""
    counts = _headcounts(org)
    if len(counts) < 2:
        return []
    old, new = counts[0], counts[-1]
    if old.value.amount >= new.value.amount:  # type: ignore[union-attr]
        return []
    return [
        Sentence(
            f"Its reported headcount rose from {display_value(old)} in {old.period} to "
            f"{display_value(new)} in {new.period}.",
            (old, new),
        )
    ]


def leadership_tenure(org: Organisation) -> list[Sentence]:
    """Leaders in their roles for five years or more as of their source's date."""
    long = []
    for f in org.key_people:
        p = f.value
        y = _year_of(p.since or "") if isinstance(p, Person) else None
        if y is not None and f.provenance.as_of.year - y >= 5:
            long.append((f, p, y))
    if not long:
        return []
    by_since: dict[tuple[int, int], list[tuple[Fact, Person]]] = {}
    for f, p, y in long:
        by_since.setdefault((y, f.provenance.as_of.year), []).append((f, p))  # type: ignore[arg-type]
    out = []
    for (y, as_of), items in sorted(by_since.items()):
        names = fmt.join_names([p.name for _f, p in items])
        verb = "had been in their roles" if len(items) > 1 else "had been in the role"
        out.append(
            Sentence(f"As of {as_of}, {names} {verb} since {y}.", tuple(f for f, _p in items))
        )
    return out


def strengths(
    org: Organisation, company: str, evidence: Sequence[Evidence], today: date, years: int
) -> list[Sentence]:
    """Cited facts that speak for the agency: tenure with the client, awards, account wins,
    growth, leadership tenure."""
    return (
        tenure(org, company, evidence)
        + award_strength(org)
        + wins(org, company, today, years)
        + growth(org)
        + leadership_tenure(org)
    )


def _latest_credit(
    org: Organisation, company: str, evidence: Sequence[Evidence]
) -> tuple[str, Fact] | None:
    dated = [p for p in _company_dates(org, company, evidence)]
    return dated[-1] if dated else None


def considerations(
    org: Organisation,
    company: str,
    evidence: Sequence[Evidence],
    today: date,
    years: int,
    ctx: AgencyContext | None = None,
) -> list[Sentence]:
    """Cited facts a new client contact may want to know, from the window the strengths are
    counted over (``years`` before ``today``): account losses and reviews reported,
    restructurings and in-house moves, changes of ownership or brand, senior appointments;
    and dependence on one client. Each with what the agency or client said when a source has
    it. Older restructurings and the like are in the history; older account losses in the
    clients table."""
    out: list[Sentence] = []
    past = _past_considerations(org, today, years)
    for f, a in _accounts(org):
        if (
            a.status in ("ended", "review")
            and a.reported
            and _day_in_window(a.reported, today, years)
        ):
            what = "the end of" if a.status == "ended" else "a review of"
            role = f" {DISCIPLINE_WORDS.get(a.role, a.role)}" if a.role else ""
            out.append(
                Sentence(
                    f"A report by {_by(a)} dated {_partial(a.reported)} describes {what} its{role} "
                    f"work for {a.client}.",
                    (f,),
                )
            )
    out += [s for s in company_accounts(org, company)]
    latest = _latest_credit(org, company, evidence)
    short = company_names(company)[-1]
    for f, e in _events(org):
        if e.type not in CONSIDER_EVENTS or id(f) in past:
            continue
        text = f"{_cap(_in(e.date))}, {_lower_pronoun(e.text)}" if e.date else e.text
        text = text.rstrip(".")
        facts: tuple[Fact, ...] = (f,)
        if e.said:
            text += f"; {e.said_by or 'a spokesperson'} said at the time: “{e.said.strip().rstrip('.')}”"
        elif e.type == "review" and latest is not None and latest[0] > e.date:
            text += (
                f"; reports credit the agency with {short}’s work through {_partial(latest[0])}."
            )
            facts = (f, latest[1])
        out.append(Sentence(_end(text), facts))
    for f, e in _window_changes(org, today, years):
        if e.type == "folded" and e.subject == (ctx.folded_from if ctx else None):
            continue  # the overview says what the folded brand became
        out.append(Sentence(_dated_event(org, e), (f,)))
    people = appointment_reports(org, today, years, limit=10)
    if people:
        n = len(people)
        start = today - timedelta(days=round(365.25 * years))
        out.append(
            Sentence(
                f"Reports dated from {fmt.human_date(start)} to {fmt.human_date(today)} describe "
                f"{_number(n)} senior appointment{'s' if n != 1 else ''} or "
                f"departure{'s' if n != 1 else ''} at the agency.",
                tuple(people),
            )
        )
    return out
