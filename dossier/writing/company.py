"""The company's own sentences: the overview, where sources differ, how it presents itself.

Every sentence is built from facts in a neutral, encyclopaedic voice; a missing fact removes
its sentence. Source names come from the dossier's labels, never from a list here.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping

from .. import formatting as fmt
from ..fields import FIELDS
from ..model import Claim, Fact, Filing, FormerName, Organisation, Person, Ticker
from .neutrality import lint_text
from .sentences import (
    Freshness,
    Sentence,
    _article,
    _as_of,
    _end,
    _founded_phrase,
    _role,
    display_value,
    figure_period,
    names_in,
)

Labels = Mapping[str, str]


def _label(labels: Labels, source: str) -> str:
    return labels.get(source, source)


def _about(
    claim: Claim | None, template: str, transform: Callable[[str], str] = str
) -> list[Sentence]:
    """One sentence stating a single claim's value, or none when the claim is missing."""
    if claim is None:
        return []
    return [Sentence(template.format(transform(display_value(claim.chosen))), (claim.chosen,))]


def _noun_phrase(text: str) -> bool:
    """A short description that is a noun phrase ("American technology company"), not a sentence."""
    words = text.split()
    return len(words) <= 12 and not re.search(r"\b(is|are|was|were|has|have)\b", text)


def _identity(org: Organisation, labels: Labels) -> list[Sentence]:
    out = []
    desc = org.description
    if desc is not None:
        text = str(desc.chosen.value).strip().rstrip(".")
        label = _label(labels, desc.chosen.source)
        names = [org.display_name, *names_in(_all_list_facts(org))]
        if any(f.severity == "error" for f in lint_text(text, names)):
            # Not our voice: quote it, attributed to the source.
            out.append(
                Sentence(f"{label} describes {org.display_name} as “{text}”.", (desc.chosen,))
            )
        elif _noun_phrase(text):
            out.append(Sentence(f"{org.display_name} is {_article(text)} {text}.", (desc.chosen,)))
        else:
            out.append(Sentence(_end(text), (desc.chosen,)))
    founded, founders = org.founded, org.founders
    if founded is not None and founders:
        who = fmt.join_names([display_value(f) for f in founders])
        out.append(
            Sentence(
                f"It was founded {_founded_phrase(founded.chosen)} by {who}.",
                (founded.chosen, *founders),
            )
        )
    elif founded is not None:
        out.append(
            Sentence(f"It was founded {_founded_phrase(founded.chosen)}.", (founded.chosen,))
        )
    elif founders:
        who = fmt.join_names([display_value(f) for f in founders])
        out.append(Sentence(f"Its founders were {who}.", tuple(founders)))
    out += _about(org.headquarters, "Its headquarters are in {}.")
    out += _about(org.parent, "It is a subsidiary of {}.")
    former = [f for f in org.former_names if isinstance(f.value, FormerName)]
    by_usage: dict[tuple[str, str], list[Fact]] = {}
    for f in former:
        usage = f.value.usage if isinstance(f.value, FormerName) else ""
        key = (f.source, usage) if usage else ("", "")
        by_usage.setdefault(key, []).append(f)
    for (source, usage), group in by_usage.items():
        listed = fmt.join_names([f.value.name for f in group if isinstance(f.value, FormerName)])
        if usage:
            text = f"{_label(labels, source)} lists its former {usage}s as {listed}"
        else:
            # Not "formerly known as": a relative-time word our own audit would flag.
            dated = [
                f"{f.value.name} (until {f.value.end.year})" if f.value.end else f.value.name
                for f in group
                if isinstance(f.value, FormerName)
            ]
            text = f"Its earlier names include {fmt.join_names(dated)}"
        out.append(Sentence(_end(text), tuple(group)))
    return out


def _market(org: Organisation) -> list[Sentence]:
    out = []
    tickers = [f for f in org.tickers if isinstance(f.value, Ticker)]
    if tickers:
        bits = [
            f"{f.value.symbol} on {f.value.exchange}" if f.value.exchange else f.value.symbol  # type: ignore[union-attr]
            for f in tickers
        ]
        out.append(Sentence(f"Its shares trade as {fmt.join_names(bits)}.", tuple(tickers)))
    out += _about(org.state_of_incorporation, "It is incorporated in {}.")
    out += _about(
        org.sic, "The SEC classifies it under Standard Industrial Classification code {}."
    )
    out += _about(org.industry, "Its industry is given as {}.", str.lower)
    return out


def _all_list_facts(org: Organisation) -> list[Fact]:
    facts: list[Fact] = []
    for name in ("legal_name", "common_name", "headquarters", "country", "parent"):
        claim = org.claim(name)
        if claim is not None:
            facts.append(claim.chosen)
    for name in ("former_names", "founders", "key_people", "subsidiaries", "tickers"):
        facts.extend(getattr(org, name))
    return facts


def _figures(org: Organisation, freshness: Freshness | None = None) -> list[Sentence]:
    out = []
    rev, ni = org.revenue, org.net_income
    if rev is not None and ni is not None and rev.chosen.period == ni.chosen.period:
        out.append(
            Sentence(
                f"For {figure_period(rev.chosen)} it reported revenue of {display_value(rev.chosen)} "
                f"and net income of {display_value(ni.chosen)}.",
                (rev.chosen, ni.chosen),
            )
        )
    else:
        for claim, label in ((rev, "revenue"), (ni, "net income")):
            if claim is not None:
                out.append(
                    Sentence(
                        f"For {figure_period(claim.chosen)} it reported {label} of "
                        f"{display_value(claim.chosen)}.",
                        (claim.chosen,),
                    )
                )
    if org.total_assets is not None:
        c = org.total_assets.chosen
        out.append(
            Sentence(
                f"Total assets were {display_value(c)} at the end of {figure_period(c)}.", (c,)
            )
        )
    annual = latest_annual_report(org)
    if annual is not None and isinstance(annual.value, Filing):
        a = annual.value
        # Dated, not "most recent": the sentence stays true when a later report is filed.
        if a.period:
            text = (
                f"Its annual report on Form {a.form} for the period ended "
                f"{fmt.human_date(a.period)} was filed on {fmt.human_date(a.filed)}."
            )
        else:
            text = f"It filed an annual report on Form {a.form} on {fmt.human_date(a.filed)}."
        out.append(Sentence(text, (annual,)))
    if org.employees is not None:
        c = org.employees.chosen
        out.append(
            Sentence(f"It reported {display_value(c)} employees for {figure_period(c)}.", (c,))
        )
    return [_as_of(s, freshness) for s in out]


def person_sentence(f: Fact) -> Sentence | None:
    """ "As of 20 November 2026, Tim Cook was chief executive officer (in the role from ...)."

    A person's role is time-bound: it is stated as of its source's date, never as still true
    today ("has held ... since" would tie an old fact to the day the report is read).
    """
    p = f.value
    if not isinstance(p, Person) or not p.role:
        return None
    since = f" (in the role from {fmt.human_date(p.since)})" if p.since else ""
    return Sentence(
        f"As of {fmt.human_date(f.provenance.as_of)}, {p.name} was {_role(p.role)}{since}.", (f,)
    )


def _people(org: Organisation) -> list[Sentence]:
    return [s for f in org.key_people[:4] if (s := person_sentence(f)) is not None]


def overview(
    org: Organisation, freshness: Freshness | None = None, labels: Labels | None = None
) -> list[list[Sentence]]:
    """The overview as paragraphs of sentences."""
    labels = labels or {}
    parts = (_identity(org, labels), _market(org) + _figures(org, freshness), _people(org))
    paragraphs = [p for p in parts if p]
    if paragraphs:
        # The overview must open with the company's name, not with "It".
        first = paragraphs[0][0]
        name = org.display_name
        text = first.text
        if text.startswith("Its "):
            text = f"{name}’s {text[4:]}"
        elif text.startswith("It "):
            text = f"{name} {text[3:]}"
        elif text.startswith("As of "):
            text = re.sub(r", its ", f", {name}’s ", text, count=1)
            text = re.sub(r", it ", f", {name} ", text, count=1)
        paragraphs[0][0] = Sentence(text, first.facts)
    return paragraphs


def conflict_sentences(org: Organisation, labels: Labels | None = None) -> list[Sentence]:
    """One neutral sentence per field where sources disagree for the same period."""
    out = []
    labels = labels or {}
    for spec in FIELDS.values():
        if not spec.conflict:
            continue
        label = spec.phrase or spec.label.lower()
        claim = getattr(org, spec.name)
        if not isinstance(claim, Claim) or not claim.conflict:
            continue
        parts = [
            f"{_label(labels, f.source)} gives {display_value(f)}"
            for f in (claim.chosen, *claim.conflict)
        ]
        period = f" for {claim.chosen.period}" if claim.chosen.period else ""
        out.append(
            Sentence(
                f"Sources differ on {label}{period}: {'; '.join(parts)}.",
                (claim.chosen, *claim.conflict),
            )
        )
    return out


def latest_annual_report(org: Organisation) -> Fact | None:
    """The most recent 10-K, 20-F or 40-F filing fact."""
    for f in org.filings:
        if isinstance(f.value, Filing) and f.value.form in {"10-K", "20-F", "40-F"}:
            return f
    return None


PROFILE_SITES = {
    "wikidata.org": "Wikidata",
    "wikipedia.org": "Wikipedia",
    "youtube.com": "YouTube",
    "linkedin.com": "LinkedIn",
    "facebook.com": "Facebook",
    "twitter.com": "X (Twitter)",
    "x.com": "X (Twitter)",
    "instagram.com": "Instagram",
    "crunchbase.com": "Crunchbase",
    "tiktok.com": "TikTok",
    "github.com": "GitHub",
    "threads.net": "Threads",
}


def _site_label(url: str) -> str:
    from urllib.parse import urlsplit

    host = (urlsplit(url).hostname or "").lower().removeprefix("www.")
    for domain, label in PROFILE_SITES.items():
        if host == domain or host.endswith("." + domain):
            return label
    return host


def self_presentation(org: Organisation) -> list[Sentence]:
    """How the company presents itself: its own words, always quoted and attributed."""
    out = []
    own = [f for f in org.self_description if str(f.value).strip()]
    if own:
        f = own[0]
        text = str(f.value).strip()
        out.append(
            Sentence(f"On its website, the company describes itself as follows: “{text}”", (f,))
        )
    if org.website_name:
        f = org.website_name[0]
        subs = [str(x.value) for x in org.sub_organizations]
        part = f" and names {fmt.join_names(subs)} as part of the organisation" if subs else ""
        out.append(
            Sentence(f"The site calls the company “{f.value}”{part}.", (f, *org.sub_organizations))
        )
    if org.same_as:
        labels = list(dict.fromkeys(_site_label(str(f.value)) for f in org.same_as))
        out.append(
            Sentence(
                f"Its website links to profiles on {fmt.join_names(labels)}.", tuple(org.same_as)
            )
        )
    if org.contact_points:
        points = "; ".join(str(f.value) for f in org.contact_points[:4])
        out.append(
            Sentence(f"It lists these contact points: {points}.", tuple(org.contact_points[:4]))
        )
    return out
