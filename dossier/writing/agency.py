"""The agency profile's own prose: the relationship, strengths and considerations.

Written like an encyclopaedia entry: every point is a cited fact in neutral words, reports are
quoted and attributed to their outlet, and nothing is said in our own voice about quality.
The audit runs the same words-to-watch check (including loaded wording in either direction)
over every sentence here.
"""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta

from .. import formatting as fmt
from ..agency import Evidence
from ..model import Article, Fact, Money, Organisation
from .sentences import Sentence, display_value, figure_period

POSITIVE = frozenset({"appointed", "won", "retained"})
CLOSING = frozenset({"ended", "review"})
LEADERSHIP = re.compile(
    r"\b(appoints|names|hires|promotes|elevates|steps down|departs|exits|leaves|resigns|"
    r"to retire|retires)\b.*\b(CEO|chief executive|chief creative officer|CCO|chief strategy "
    r"officer|president|managing director|chair|chairman|chairwoman|ECD|executive creative "
    r"director)\b",
    re.IGNORECASE,
)


def _when(article: Fact) -> str:
    published = getattr(article.value, "published", None)
    return fmt.human_date(published) if published else "an undated report"


def _report(e: Evidence) -> Sentence:
    """One piece of evidence as an attributed quotation of its headline."""
    article, a = e.article, e.item
    outlet = a.outlet or "a news source"
    when = _when(article)
    lead = f"On {when}, {outlet} reported" if when != "an undated report" else f"{outlet} reported"
    return Sentence(f"{lead}: “{a.headline.rstrip('.')}”.", (article,))


def relationship(evidence: list[Evidence], limit: int = 6) -> list[Sentence]:
    """The reports that link the agency to the company, newest first, each quoted."""
    seen: set[str] = set()
    out = []
    for e in evidence:
        url = e.item.url
        if url in seen:
            continue
        seen.add(url)
        out.append(_report(e))
        if len(out) >= limit:
            break
    return out


def _recent(news: list[Fact], today: date, days: int) -> list[tuple[Fact, Article]]:
    start = today - timedelta(days=days)
    return [
        (f, f.value)
        for f in news
        if isinstance(f.value, Article) and f.value.published and f.value.published.date() >= start
    ]


WINS = re.compile(
    r"\b(wins?|won|lands?|landed|scoops?|picks up|secures?|secured|retains?|retained|"
    r"named|appointed|hired|selected|tapped|picked|awarded)\b",
    re.IGNORECASE,
)
LOSSES = re.compile(
    r"\b(loses|lost|parts ways|splits? (?:with|from)|dropped|drops|exits|ends (?:its )?"
    r"(?:relationship|partnership)|moves? (?:its )?(?:account|business) (?:away )?from|"
    r"(?:account|business) (?:in|into|up for) review|reviews? (?:its )?\w* ?account)\b",
    re.IGNORECASE,
)


def classify_relation(text: str, agency: str) -> str | None:
    """For the agency's own news: "ended" (a loss or review), "won", or None.

    A headline about the agency that reports a loss or review counts as "ended" even when it
    also uses a winning word (for example "X loses account as Y wins it").
    """
    if agency.lower() not in text.lower():
        return None
    if LOSSES.search(text):
        return "ended"
    if WINS.search(text):
        return "won"
    return None


def _classify(article: Article, name: str) -> str | None:
    return classify_relation(f"{article.headline}. {article.summary}", name)


def strengths(
    org: Organisation, company: str, evidence: list[Evidence], today: date, days: int
) -> list[Sentence]:
    """Cited facts that speak for the agency, in neutral words."""
    out = []
    if org.founded is not None:
        f = org.founded.chosen
        out.append(Sentence(f"It has operated since {str(f.value)[:4]}.", (f,)))
    if org.network is not None and org.holding_company is not None:
        n, h = org.network.chosen, org.holding_company.chosen
        owner = "an independent agency" if str(h.value) == "Independent" else f"owned by {h.value}"
        out.append(Sentence(f"It is part of {n.value}, {owner}.", (n, h)))
    elif org.holding_company is not None:
        h = org.holding_company.chosen
        text = (
            "It is independent of the advertising holding companies."
            if str(h.value) == "Independent"
            else f"It is owned by {h.value}."
        )
        out.append(Sentence(text, (h,)))
    if org.awards:
        names = [display_value(f) for f in org.awards[:3]]
        out.append(
            Sentence(
                f"Awards recorded for it include {fmt.join_names(names)}.", tuple(org.awards[:3])
            )
        )
    if org.employees is not None:
        c = org.employees.chosen
        out.append(
            Sentence(f"It reported {display_value(c)} employees for {figure_period(c)}.", (c,))
        )
    positive = [e for e in evidence if e.relation in POSITIVE]
    dated = [(e, e.item.published) for e in positive if e.item.published]
    if dated:
        first, when = min(dated, key=lambda pair: pair[1] or datetime.max)
        out.append(
            Sentence(
                f"The earliest report found that links it to {company} is dated "
                f"{fmt.human_date(when)}.",
                (first.article,),
            )
        )
    wins = [f for f, a in _recent(org.news, today, days) if _classify(a, org.display_name) == "won"]
    if wins:
        out.append(
            Sentence(
                f"News reports from the last {days} days describe {len(wins)} account "
                f"appointment{'s' if len(wins) != 1 else ''} for it.",
                tuple(wins[:10]),
            )
        )
    return out


def considerations(
    org: Organisation, company: str, evidence: list[Evidence], today: date, days: int
) -> list[Sentence]:
    """Cited facts a new client contact may want to know, in the same neutral words."""
    out = []
    closing = [e for e in evidence if e.relation in CLOSING]
    if closing:
        e = closing[0]
        what = "the end of its" if e.relation == "ended" else "a review of its"
        role = e.role if e.role and e.role != "unknown" else "agency"
        out.append(
            Sentence(
                f"A report dated {_when(e.article)} describes {what} {role} relationship with "
                f"{company}.",
                (e.article,),
            )
        )
    recent = _recent(org.news, today, days)
    losses = [f for f, a in recent if _classify(a, org.display_name) == "ended"]
    if losses:
        out.append(
            Sentence(
                f"News reports from the last {days} days describe {len(losses)} account "
                f"departure{'s' if len(losses) != 1 else ''} or review{'s' if len(losses) != 1 else ''} "
                "involving it.",
                tuple(losses[:10]),
            )
        )
    people = [f for f, a in recent if LEADERSHIP.search(a.headline)]
    if people:
        out.append(
            Sentence(
                f"News reports from the last {days} days describe {len(people)} senior "
                f"appointment{'s' if len(people) != 1 else ''} or departure{'s' if len(people) != 1 else ''} "
                "at the agency.",
                tuple(people[:10]),
            )
        )
    for f in org.scope_note:
        out.append(Sentence(str(f.value).rstrip(".") + ".", (f,)))
    return out


def holding_figures(org: Organisation, agency: str) -> list[Sentence]:
    """What the listed holding company reports, and that the agency's own figure is not public."""
    claim = org.holding_revenue
    if claim is None or org.holding_company is None:
        return []
    f, h = claim.chosen, org.holding_company.chosen
    if not isinstance(f.value, Money):
        return []
    return [
        Sentence(
            f"Its holding company, {h.value}, reported revenue of {display_value(f)} for "
            f"{figure_period(f)}; {agency} does not publish a revenue figure of its own.",
            (f, h),
        )
    ]
