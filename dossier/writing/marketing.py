"""What a new marketing leader walks into: spend, marketing leadership, the dated timeline and
the opening summary.

Every sentence is built from cited facts in the record, in plain words, and checked like every
other sentence (``audit``). Spend comes from the annual figures the SEC source reads from XBRL
company facts, one field per concept (``fields.SPEND_FIELDS``); the concept, form and filing
date are read back from the fact's locator, which ``sources/sec.py`` writes as
``"us-gaap:Concept; 10-K accession 0000320187-25-000047 filed 2025-07-17"``.

Review warnings (no spend figure; leadership older than an Item 5.02 filing) are made here too,
for the reviewer only: the client document never says why a section is missing.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, timedelta

from .. import formatting as fmt
from ..fields import FIELDS, SPEND_FIELDS
from ..model import (
    Article,
    Dossier,
    Fact,
    Filing,
    Incumbent,
    Measure,
    Money,
    Organisation,
    Person,
    ReviewWarning,
    Series,
)
from .company import person_sentence
from .sentences import Freshness, Sentence

#: The wider line: shown beside a marketing figure, never as one.
WIDER = "sga_expense"
#: The marketing lines, most specific first.
MARKETING_FIELDS = tuple(f for f in SPEND_FIELDS if f != WIDER)
#: How far back the dated timeline of filings and marketing news reaches (at least).
TIMELINE_DAYS = 365
#: How many years of spend the table and chart show.
SPEND_YEARS = 5
#: Two lines whose latest figures differ by less than this are one figure tagged twice.
SAME_FIGURE = 0.005

_LOCATOR = re.compile(
    r"^(?P<concept>[\w-]+:\w+);\s*(?P<form>[\w/-]+) accession (?P<accession>[\d-]+)"
    r"(?: filed (?P<filed>\d{4}-\d{2}-\d{2}))?"
)
#: A role that heads marketing.
MARKETING_ROLE = re.compile(
    r"\b(?:marketing|CMO|chief brand officer|brand officer)\b", re.IGNORECASE
)
_MOVE = re.compile(
    r"\b(?:names?|named|appoints?|appointed|hires?|hired|taps|tapped|promotes?|promoted|joins?|"
    r"joined|depart(?:s|ed|ure)?|exits?|exited|leaves|leaving|left|steps? down|stepped down|"
    r"succeeds?|succeeded|replaces?|replaced|to lead|to head|retires?|retired|new)\b",
    re.IGNORECASE,
)
_MARKETING_HEAD = re.compile(
    r"\b(?:CMO|chief marketing officer|marketing chief|head of marketing|marketing head|"
    r"marketing director|director of marketing|marketing boss|chief brand officer|"
    r"marketing lead|global marketing)\b",
    re.IGNORECASE,
)
_MARKETING_NEWS = re.compile(
    r"\b(?:marketing|advertis\w*|ads?|campaigns?|commercials?|agency|agencies|sponsor\w*|"
    r"brand ambassadors?|rebrand\w*|Super Bowl|account review|pitch)\b",
    re.IGNORECASE,
)


# --- spend -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class SpendLine:
    """One reported spend concept: its yearly figures (oldest first) as facts."""

    field: str
    history: tuple[Fact, ...]

    @property
    def latest(self) -> Fact:
        return self.history[-1]

    @property
    def label(self) -> str:
        """The concept in plain words ("marketing and advertising expense")."""
        return FIELDS[self.field].phrase

    @property
    def concept(self) -> str:
        return concept_of(self.latest)


def concept_of(fact: Fact) -> str:
    """The XBRL concept behind a figure ("us-gaap:AdvertisingExpense"), or ""."""
    m = _LOCATOR.match(fact.provenance.locator)
    return m.group("concept") if m else ""


def filing_of(fact: Fact) -> tuple[str, date | None]:
    """The form and filing date of the annual report a figure was taken from."""
    m = _LOCATOR.match(fact.provenance.locator)
    if not m:
        return "", None
    filed = m.group("filed")
    return m.group("form"), (date.fromisoformat(filed) if filed else None)


def _amount(fact: Fact) -> float | None:
    return fact.value.amount if isinstance(fact.value, Money) else None


def _history(org: Organisation, field: str) -> tuple[Fact, ...]:
    facts = list(getattr(org, f"{field}_history"))
    claim = org.claim(field)
    if claim is not None and claim.chosen not in facts:
        # A reviewer's correction (or a source without a history) still shows as the latest.
        facts = [f for f in facts if f.period != claim.chosen.period] + [claim.chosen]
    return tuple(sorted(facts, key=lambda f: f.period_end or f.provenance.as_of))


def _same_figure(a: Fact, b: Fact) -> bool:
    x, y = _amount(a), _amount(b)
    if x is None or y is None or a.period_end != b.period_end:
        return False
    return abs(x - y) <= SAME_FIGURE * max(abs(x), abs(y), 1.0)


def spend_lines(org: Organisation) -> list[SpendLine]:
    """The marketing lines the company reports, most specific first.

    A line whose latest figure repeats a more specific line's (the same amount tagged under
    two concepts, as Under Armour's marketing expense and marketing and advertising expense)
    is left out; it stays in facts.json.
    """
    out: list[SpendLine] = []
    for field in MARKETING_FIELDS:
        history = _history(org, field)
        if not history:
            continue
        line = SpendLine(field, history)
        if any(_same_figure(line.latest, kept.latest) for kept in out):
            continue
        out.append(line)
    return out


def wider_line(org: Organisation) -> SpendLine | None:
    """Selling, general and administrative expense, when reported."""
    history = _history(org, WIDER)
    return SpendLine(WIDER, history) if history else None


def headline(lines: Sequence[SpendLine], freshness: Freshness) -> SpendLine | None:
    """The line the summary and chart follow: the most specific current one, else the newest."""
    current = [line for line in lines if not freshness.is_stale(line.latest)]
    if current:
        return current[0]
    return max(lines, key=lambda line: line.latest.period_end or date.min, default=None)


def revenue_for(org: Organisation, fact: Fact) -> Fact | None:
    """Revenue for the same fiscal period as ``fact`` (the same last day), when known."""
    candidates = list(org.revenue_history)
    if org.revenue is not None:
        candidates.append(org.revenue.chosen)
    for f in candidates:
        if fact.period_end is not None and f.period_end == fact.period_end:
            return f
    return None


def share_of_revenue(org: Organisation, fact: Fact) -> tuple[float, Fact] | None:
    """The figure as a share of revenue for the same period, with the revenue fact."""
    rev = revenue_for(org, fact)
    if rev is None:
        return None
    x, r = _amount(fact), _amount(rev)
    if x is None or not r or not isinstance(rev.value, Money) or not isinstance(fact.value, Money):
        return None
    if rev.value.currency != fact.value.currency:
        return None
    return x / r, rev


def _money(fact: Fact) -> str:
    return fmt.money_precise(fact.value) if isinstance(fact.value, Money) else fact.display()


def _period(fact: Fact) -> str:
    """ "fiscal year 2025 (ended 31 May 2025)"."""
    if fact.period and fact.period.startswith("FY") and fact.period_end is not None:
        return f"fiscal year {fact.period[2:]} (ended {fmt.human_date(fact.period_end)})"
    return fact.period or fmt.human_date(fact.provenance.as_of)


def _source_phrase(fact: Fact) -> str:
    """ "(Form 10-K filed 17 July 2025)". The XBRL concept behind the figure stays in facts.json
    and the review page: a reader of the report has no use for "us-gaap:..."."""
    form, filed = filing_of(fact)
    if not form:
        return ""
    return f" (Form {form}" + (f" filed {fmt.human_date(filed)}" if filed else "") + ")"


def _stale_sentence(org: Organisation, line: SpendLine) -> Sentence:
    """ "Apple Inc. last reported advertising expense for FY2015 (...): US$1.8 billion ..."."""
    f = line.latest
    return Sentence(
        f"{org.display_name} last reported {line.label} for "
        f"{f.period or f.provenance.as_of.year}{_source_phrase(f)}: {_money(f)} for "
        f"{_period(f)}; the SEC company facts hold no later annual figure for it.",
        (f,),
    )


def spend_sentences(org: Organisation, freshness: Freshness) -> list[Sentence]:
    """The current marketing lines (each with its share of revenue), the wider SG&A line for
    the same year, then the lines the company stopped reporting ("last reported for FY2015")."""
    name = org.display_name
    lines = spend_lines(org)
    current = [line for line in lines if not freshness.is_stale(line.latest)]
    out: list[Sentence] = []
    for line in current:
        f = line.latest
        share = share_of_revenue(org, f)
        tail, facts = "", [f]
        if share is not None:
            tail = f", {fmt.percent(share[0])} of revenue for the same year"
            facts.append(share[1])
        out.append(
            Sentence(
                f"For {_period(f)}, {name} reported {line.label} of {_money(f)}"
                f"{_source_phrase(f)}{tail}.",
                tuple(facts),
            )
        )
    wider = wider_line(org)
    if wider is not None and current:
        end = current[0].latest.period_end
        same = next((w for w in wider.history if w.period_end == end), None)
        if same is not None:
            out.append(
                Sentence(
                    f"Its {wider.label}, a wider line that includes selling and administrative "
                    f"costs, was {_money(same)} for {_period(same)}{_source_phrase(same)}.",
                    (same,),
                )
            )
    out += [_stale_sentence(org, line) for line in lines if line not in current]
    return out


@dataclass(frozen=True)
class SpendRow:
    """One fiscal year of the spend table."""

    period: str
    period_end: date
    cells: tuple[Fact | None, ...]  # one per column
    revenue: Fact | None
    share: float | None  # the headline line's share of revenue


@dataclass(frozen=True)
class SpendTable:
    """The spend table: current lines (and SG&A) by fiscal year, newest first."""

    columns: tuple[str, ...]  # plain-word labels, capitalised
    concepts: tuple[str, ...]
    rows: tuple[SpendRow, ...]
    currency: str
    headline: str  # the label of the line the share column follows

    @property
    def chart_points(self) -> list[tuple[str, float, float | None]]:
        """(period, headline amount, share) oldest first, for the chart."""
        out = []
        for row in reversed(self.rows):
            cell = row.cells[0]
            amount = _amount(cell) if cell is not None else None
            if amount is not None:
                out.append((row.period, amount, row.share))
        return out


def spend_table(org: Organisation, freshness: Freshness) -> SpendTable | None:
    """The table of current spend lines over the last few reported years (None: nothing)."""
    lines = [line for line in spend_lines(org) if not freshness.is_stale(line.latest)]
    if not lines:
        return None
    wider = wider_line(org)
    if wider is not None and not freshness.is_stale(wider.latest):
        lines.append(wider)
    lead = lines[0]
    ends = sorted({f.period_end for f in lead.history if f.period_end}, reverse=True)
    ends = ends[:SPEND_YEARS]
    rows = []
    for end in ends:
        cells = tuple(
            next((f for f in line.history if f.period_end == end), None) for line in lines
        )
        first = cells[0]
        share = share_of_revenue(org, first) if first is not None else None
        period = next((c.period for c in cells if c is not None and c.period), str(end.year))
        rows.append(
            SpendRow(
                period=period,
                period_end=end,
                cells=cells,
                revenue=revenue_for(org, first) if first is not None else None,
                share=share[0] if share else None,
            )
        )
    currency = lead.latest.value.currency if isinstance(lead.latest.value, Money) else ""
    return SpendTable(
        columns=tuple(line.label[:1].upper() + line.label[1:] for line in lines),
        concepts=tuple(line.concept for line in lines),
        rows=tuple(rows),
        currency=currency,
        headline=lead.label,
    )


# --- leadership ------------------------------------------------------------------------------


def _is_marketing_role(fact: Fact) -> bool:
    return isinstance(fact.value, Person) and bool(MARKETING_ROLE.search(fact.value.role))


def marketing_people(org: Organisation) -> list[Fact]:
    """The marketing heads: the marketing_leadership field, then key people in marketing roles."""
    out: list[Fact] = []
    seen: set[str] = set()
    for f in [*org.marketing_leadership, *filter(_is_marketing_role, org.key_people)]:
        if isinstance(f.value, Person) and f.value.name.casefold() not in seen:
            seen.add(f.value.name.casefold())
            out.append(f)
    return out


def _published(f: Fact) -> date | None:
    v = f.value
    if isinstance(v, Article) and v.published is not None:
        return v.published.astimezone(UTC).date()
    return None


def appointment_news(org: Organisation) -> list[Fact]:
    """Dated articles whose headline reports a marketing head arriving or leaving."""
    return [
        f
        for f in org.news
        if isinstance(f.value, Article)
        and _published(f) is not None
        and _MARKETING_HEAD.search(f.value.headline)
        and _MOVE.search(f.value.headline)
    ]


def _reported(f: Fact) -> Sentence:
    a = f.value
    assert isinstance(a, Article)
    outlet = a.outlet or "A news source"
    day = _published(f)
    when = f"On {fmt.human_date(day)}, " if day else ""
    who = outlet if when else outlet[:1].upper() + outlet[1:]
    return Sentence(f"{when}{who} reported: “{a.headline.strip()}”.", (f,))


def marketing_leadership(org: Organisation) -> list[Sentence]:
    """Marketing heads as of their sources' dates, then dated reports of appointments."""
    out = [s for f in marketing_people(org) if (s := person_sentence(f)) is not None]
    out += [_reported(f) for f in appointment_news(org)[:4]]
    return out


def leadership_facts(org: Organisation) -> list[Fact]:
    """The time-bound leadership facts a report states (executives and marketing heads)."""
    return [f for f in [*org.key_people, *marketing_people(org)] if isinstance(f.value, Person)]


def _eight_ks(org: Organisation, item: str | None = None) -> list[Fact]:
    return [
        f
        for f in org.filings
        if isinstance(f.value, Filing)
        and f.value.form.startswith("8-K")
        and (item is None or any(i.number == item for i in f.value.items))
    ]


def later_officer_filings(org: Organisation) -> list[Fact]:
    """Item 5.02 filings made after the oldest leadership fact's as-of date, newest first."""
    people = leadership_facts(org)
    if not people:
        return []
    oldest = min(f.provenance.as_of for f in people)
    return [
        f for f in _eight_ks(org, "5.02") if isinstance(f.value, Filing) and f.value.filed > oldest
    ]


def leadership_filings(org: Organisation) -> list[Sentence]:
    """The Item 5.02 filings newer than the leadership shown, to sit beside its table."""
    out = []
    for f in later_officer_filings(org)[:4]:
        assert isinstance(f.value, Filing)
        item = next(i for i in f.value.items if i.number == "5.02")
        out.append(
            Sentence(
                f"On {fmt.human_date(f.value.filed)}, after the date of at least one entry above, "
                f"{org.display_name} filed a Form 8-K under Item 5.02, “{item.title}”.",
                (f,),
            )
        )
    return out


def leadership_warnings(org: Organisation) -> list[ReviewWarning]:
    """One review warning per Item 5.02 filing newer than a leadership fact."""
    people = leadership_facts(org)
    out = []
    for f in later_officer_filings(org):
        assert isinstance(f.value, Filing)
        older = [p for p in people if p.provenance.as_of < f.value.filed]
        out.append(
            ReviewWarning(
                kind="stale",
                message=f"Leadership may have changed: 8-K Item 5.02 filed "
                f"{fmt.human_date(f.value.filed)} ({f.value.url}), after "
                + fmt.join_names(
                    [
                        f"{p.value.name} (as of {fmt.human_date(p.provenance.as_of)})"
                        for p in older[:4]
                        if isinstance(p.value, Person)
                    ]
                )
                + ".",
                detail={
                    "filed": f.value.filed.isoformat(),
                    "accession": f.value.accession,
                    "url": f.value.url,
                    "older": [p.display() for p in older],
                },
            )
        )
    return out


# --- timeline --------------------------------------------------------------------------------


def timeline_window(dossier: Dossier) -> tuple[date, date]:
    """The first and last day the timeline covers: a year (or the news window when longer)
    up to the day the filings and news were retrieved (the report's day when there are none).

    Ending on the retrieval day keeps a replayed snapshot's timeline what it was when recorded,
    and never claims that nothing happened after the list was read.
    """
    org = dossier.organisation
    read = [f.provenance.retrieved_at.date() for f in [*org.filings, *org.news]]
    end = max(read) if read else dossier.generated_at.date()
    return end - timedelta(days=max(TIMELINE_DAYS, dossier.news_days)), end


def filings_read(dossier: Dossier) -> date | None:
    """The day the company's list of SEC filings was read, when that is more than a week
    before the timeline's last day (a snapshot's filings recorded earlier than its news, say):
    the report says that later filings are not listed. None otherwise."""
    read = [f.provenance.retrieved_at.date() for f in dossier.organisation.filings]
    if not read:
        return None
    day = max(read)
    return day if (timeline_window(dossier)[1] - day).days > 7 else None


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def _filing_sentence(f: Fact) -> Sentence | None:
    """What a filing reports, in plain words and, for an 8-K, under each item's official title
    ("Officer and director changes (Item 5.02, “Departure of Directors or ...”).")."""
    v = f.value
    if not isinstance(v, Filing):
        return None
    if v.form.startswith("8-K"):
        items = [i for i in v.items if i.title]
        if len(items) > 1:
            items = [i for i in items if i.number != "9.01"]  # exhibits accompany the others
        if not items:
            return Sentence(f"A current report on Form {v.form}.", (f,))
        topics = fmt.join_names([i.topic for i in items if i.topic])
        titles = "; ".join(f"Item {i.number}, “{i.title}”" for i in items)
        return Sentence(f"{_capital(topics)} ({titles}).", (f,))
    kinds = {"10-K": "Annual report", "10-Q": "Quarterly report", "20-F": "Annual report"}
    kind = kinds.get(v.form.removesuffix("/A"), "Report")
    period = ""
    if v.period:
        span = "quarter" if v.form.startswith("10-Q") else "fiscal year"
        period = f" for the {span} ended {fmt.human_date(v.period)}"
    return Sentence(f"{kind} on Form {v.form}{period}.", (f,))


def _filing_day(f: Fact) -> date:
    return f.value.filed if isinstance(f.value, Filing) else date.min


def marketing_news(org: Organisation) -> list[Fact]:
    """Dated articles about the company's marketing (campaigns, agencies, sponsorships),
    appointments excepted (they are listed with the marketing leadership)."""
    moves = {id(f) for f in appointment_news(org)}
    return [
        f
        for f in org.news
        if isinstance(f.value, Article)
        and id(f) not in moves
        and _published(f) is not None
        and _MARKETING_NEWS.search(f.value.headline)
    ]


def timeline(dossier: Dossier) -> list[Sentence]:
    """Filings and marketing news in the window, newest first; each sentence's one fact gives
    the date and the link."""
    org = dossier.organisation
    start, end = timeline_window(dossier)
    dated: list[tuple[date, Sentence]] = []
    for f in org.filings:
        day = _filing_day(f)
        if start <= day <= end and (s := _filing_sentence(f)) is not None:
            dated.append((day, s))
    for f in marketing_news(org):
        published = _published(f)
        if published is not None and start <= published <= end:
            dated.append((published, _reported(f)))
    dated.sort(key=lambda pair: pair[0], reverse=True)
    return [s for _day, s in dated]


# --- agencies --------------------------------------------------------------------------------


def shown_incumbents(incumbents: Sequence[Incumbent]) -> list[Incumbent]:
    """The agencies a client document may name (never an unconfirmed one)."""
    return [i for i in incumbents if i.status.casefold() not in {"unconfirmed", "candidate", ""}]


def agency_sentences(incumbents: Sequence[Incumbent]) -> list[Sentence]:
    """One sentence per discipline: the agency the evidence names."""
    out = []
    for i in shown_incumbents(incumbents):
        status = "" if i.status.casefold() == "confirmed" else f" ({i.status})"
        out.append(
            Sentence(f"For {i.discipline}, the agency named is {i.agency}{status}.", (i.fact,))
        )
    return out


# --- summary ---------------------------------------------------------------------------------


def _signed(percent: float) -> str:
    """+1.2% or −9.6% (a true minus sign)."""
    return f"{'−' if percent < 0 else '+'}{abs(percent):.1f}%"


def _series_sentence(
    org: Organisation, label: str, facts: Sequence[Fact], freshness: Freshness
) -> Sentence | None:
    """ "X reported revenue of A for FY2023, B for FY2024 and C for FY2025, a change of ..."."""
    facts = [f for f in facts if _amount(f) is not None][-3:]
    if not facts:
        return None
    parts = [f"{_money(f)} for {f.period or f.provenance.as_of.year}" for f in facts]
    text = f"{org.display_name} reported {label} of {fmt.join_names(parts)}"
    first, last = _amount(facts[0]), _amount(facts[-1])
    if len(facts) >= 2 and first and last is not None:
        change = (last - first) / abs(first) * 100
        text += f", a change of {_signed(change)} from {facts[0].period} to {facts[-1].period}"
    if freshness.is_stale(facts[-1]):
        text = f"As of {facts[-1].provenance.as_of.year}, {text}"
    return Sentence(text + ".", tuple(facts))


def _spend_summary(org: Organisation, freshness: Freshness) -> list[Sentence]:
    lines = spend_lines(org)
    lead = headline(lines, freshness)
    if lead is None:
        return []
    out: list[Sentence] = []
    if not freshness.is_stale(lead.latest):
        recent = list(lead.history[-3:])
        shares = [share_of_revenue(org, f) for f in recent]
        parts = [f"{_money(f)} for {f.period}" for f in recent]
        text = f"It reported {lead.label} of {fmt.join_names(parts)}"
        facts: list[Fact] = list(recent)
        known = [(f, s) for f, s in zip(recent, shares, strict=True) if s is not None]
        if known:
            text += "; as a share of revenue for the same years, " + fmt.join_names(
                [f"{fmt.percent(s[0])} for {f.period}" for f, s in known]
            )
            facts += [s[1] for _f, s in known]
        out.append(Sentence(text + ".", tuple(facts)))
    # A more specific line the company stopped reporting (Apple's advertising expense).
    for line in lines:
        if line is lead:
            break
        if freshness.is_stale(line.latest):
            f = line.latest
            out.append(
                Sentence(f"It last reported {line.label} for {f.period} ({_money(f)}).", (f,))
            )
            break
    if freshness.is_stale(lead.latest):
        f = lead.latest
        out.append(Sentence(f"It last reported {lead.label} for {f.period} ({_money(f)}).", (f,)))
    return out


def _officer_summary(dossier: Dossier) -> list[Sentence]:
    start, end = timeline_window(dossier)
    # The filing list is complete only up to the day it was read, whatever the news's date.
    read = [f.provenance.retrieved_at.date() for f in dossier.organisation.filings]
    end = min(end, max(read)) if read else end
    filings = [f for f in _eight_ks(dossier.organisation, "5.02") if start <= _filing_day(f) <= end]
    if not filings:
        return []
    days = fmt.join_names([fmt.human_date(_filing_day(f)) for f in reversed(filings)])
    count = len(filings)
    noun = "a Form 8-K" if count == 1 else f"{_count_word(count)} Form 8-K reports"
    return [
        Sentence(
            f"Between {fmt.human_date(start)} and {fmt.human_date(end)} it filed {noun} on "
            f"officer and director changes (Item 5.02): {'on ' if count == 1 else ''}{days}.",
            tuple(filings),
        )
    ]


def _count_word(n: int) -> str:
    words = ("no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine")
    return words[n] if 0 <= n < len(words) else f"{n:,}"


def _coverage_summary(org: Organisation) -> list[Sentence]:
    by_name = {getattr(f.value, "name", ""): f for f in org.perception}
    vol, tone = by_name.get("gdelt_volume"), by_name.get("gdelt_tone")
    if vol is None or not isinstance(vol.value, Series) or not vol.value.points:
        return []
    pts = sorted(vol.value.points)
    text = (
        f"GDELT counted {sum(v for _, v in pts):,.0f} online news articles mentioning it between "
        f"{fmt.human_date(pts[0][0])} and {fmt.human_date(pts[-1][0])}"
    )
    facts = [vol]
    if tone is not None and isinstance(tone.value, Series) and tone.value.points:
        mean = sum(v for _, v in tone.value.points) / len(tone.value.points)
        text += f", with a mean daily average tone of {mean:+.1f} on a scale where 0 is neutral"
        facts.append(tone)
    return [Sentence(text + ".", tuple(facts))]


def _headline_count(org: Organisation) -> list[Sentence]:
    counts = {
        getattr(f.value, "name", ""): f
        for f in org.perception
        if isinstance(f.value, Measure) and getattr(f.value, "name", "").startswith("headline_")
    }
    parts = [counts.get(f"headline_{n}") for n in ("positive", "neutral", "negative")]
    if not all(parts):
        return []
    pos, neu, neg = (int(p.value.value) for p in parts if p and isinstance(p.value, Measure))
    return [
        Sentence(
            f"Of the {pos + neu + neg} headlines collected, an automated reading of their tone classed "
            f"{pos} as positive, {neu} as neutral and {neg} as negative.",
            tuple(p for p in parts if p),
        )
    ]


def summary(
    dossier: Dossier, freshness: Freshness, incumbents: Sequence[Incumbent] = ()
) -> list[Sentence]:
    """ "What you are walking into": cited facts only, in a fixed order, no judgement."""
    org = dossier.organisation
    out: list[Sentence] = []
    revenue = _series_sentence(org, "revenue", list(org.revenue_history), freshness)
    if revenue is not None:
        out.append(revenue)
    spend = _spend_summary(org, freshness)
    if spend and not out:
        first = spend[0]
        spend[0] = Sentence(first.text.replace("It ", f"{org.display_name} ", 1), first.facts)
    out += spend
    out += _officer_summary(dossier)
    out += agency_sentences(incumbents)
    out += _coverage_summary(org)
    out += _headline_count(org)
    return out


# --- review ----------------------------------------------------------------------------------


def spend_warnings(dossier: Dossier) -> list[ReviewWarning]:
    """Why the spend section is missing, for the reviewer (never in the client document)."""
    org = dossier.organisation
    if spend_lines(org) or not org.identifiers.cik:
        return []  # a company that files no XBRL with the SEC has no such concept to look for
    concepts = "AdvertisingExpense, MarketingAndAdvertisingExpense, MarketingExpense and "
    concepts += "SellingAndMarketingExpense"
    if wider_line(org) is not None:
        why = (
            "the SEC company facts give only the wider SellingGeneralAndAdministrativeExpense "
            f"line, none of {concepts}"
        )
    elif any(f.source == "sec" for f in org.revenue_history):
        why = f"the SEC company facts hold none of {concepts}"
    else:
        why = "no SEC XBRL company facts were read for this filer"
    return [
        ReviewWarning(
            kind="gap",
            message=f"No marketing or advertising spend figure: {why}; the report leaves the "
            "spend section out. Annual reports may still state it in the notes (look for "
            "“advertising” in the latest 10-K).",
            detail={"fields": list(MARKETING_FIELDS)},
        )
    ]


def review_warnings(dossier: Dossier) -> list[ReviewWarning]:
    """The marketing part's review warnings."""
    return [*spend_warnings(dossier), *leadership_warnings(dossier.organisation)]
