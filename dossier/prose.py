"""The overview in a neutral, encyclopaedic voice: every sentence is built from facts.

A :class:`Sentence` holds its text and the facts behind it; a sentence with no fact cannot be
made, so a missing fact removes its sentence instead of leaving it uncited.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date

from . import formatting as fmt
from .model import Claim, Fact, Filing, FormerName, Money, Organisation, Person, Quantity, Ticker
from .neutrality import lint_text

COMPUTED = "dossier"  # the source name of figures dossier computes itself (stated method)


def source_label(name: str) -> str:
    """The reader-facing name of a source ("sec" -> "SEC EDGAR")."""
    from .sources import SOURCES

    if name == COMPUTED:
        return "Computed by dossier"
    if name == "reviewer":
        return "Reviewer correction"
    if name == "gazetteer":
        return "Agency list bundled with dossier (dossier/data/agencies.toml), compiled from public pages"
    cls = SOURCES.get(name)
    return str(cls.label) if cls is not None else name


FIGURE_FIELDS = frozenset({"revenue", "net_income", "total_assets", "employees"})
#: Fields whose values are proper names: masked before the words-to-watch check.
NAME_FIELDS = frozenset(
    {
        "legal_name",
        "common_name",
        "former_names",
        "founders",
        "key_people",
        "headquarters",
        "country",
        "parent",
        "subsidiaries",
        "tickers",
        "sic",
        "awards",
        "address",
        "website",
    }
)


@dataclass(frozen=True)
class Freshness:
    """When a figure counts as old: older than ``max_age_months`` before ``today``."""

    today: date
    max_age_months: int = 24

    def is_stale(self, fact: Fact) -> bool:
        if fact.field not in FIGURE_FIELDS:
            return False
        a = fact.provenance.as_of
        months = (self.today.year - a.year) * 12 + (self.today.month - a.month)
        return months > self.max_age_months


@dataclass(frozen=True)
class Sentence:
    """One generated sentence and the facts it states."""

    text: str
    facts: tuple[Fact, ...]

    def __post_init__(self) -> None:
        if not self.facts:
            raise ValueError(f"a sentence needs at least one fact behind it: {self.text!r}")


def _end(text: str) -> str:
    """Close a sentence without doubling a final full stop ("Apple Computer, Inc.")."""
    return text if text.endswith((".", "!", "?")) else text + "."


def _role(role: str) -> str:
    """Roles read in lower case mid-sentence, acronyms excepted ("Chair" -> "chair", "CEO")."""
    return role if role.isupper() else role[:1].lower() + role[1:]


def _founded_phrase(fact: Fact) -> str:
    text = str(fact.value)
    return f"on {fmt.human_date(text)}" if text.count("-") == 2 else f"in {fmt.human_date(text)}"


def _article(word: str) -> str:
    return "an" if word[:1].lower() in "aeiou" else "a"


def figure_period(fact: Fact) -> str:
    """How a figure's period reads: "fiscal year 2025 (ended 27 September 2025)" or "2024"."""
    if fact.period and fact.period.startswith("FY"):
        if fact.source != "sec":  # only SEC figures carry the period's end date as their as-of
            return f"fiscal year {fact.period[2:]}"
        return f"fiscal year {fact.period[2:]} (ended {fmt.human_date(fact.provenance.as_of)})"
    if fact.period:
        return fact.period
    return f"a year the source does not state (seen {fmt.human_date(fact.provenance.as_of)})"


def display_value(fact: Fact) -> str:
    """A fact's value as it reads in a sentence or table cell."""
    v = fact.value
    if isinstance(v, Money):
        return fmt.money(v)
    if isinstance(v, Quantity):
        return fmt.count(v)
    if isinstance(v, Person):
        return v.name
    if fact.field == "founded":
        return fmt.human_date(str(v))
    if fact.field in {"headquarters", "state_of_incorporation"}:
        return fmt.place(str(v))
    if fact.field == "fiscal_year_end":
        return fmt.month_day(str(v))
    return fact.display()


def _as_of(sentence: Sentence, freshness: Freshness | None) -> Sentence:
    """Prefix "As of YEAR," when a figure behind the sentence is older than the limit."""
    if freshness is None:
        return sentence
    stale = [f for f in sentence.facts if freshness.is_stale(f) and f.period]
    if not stale:
        return sentence
    year = min(f.provenance.as_of.year for f in stale)
    first, _, rest = sentence.text.partition(" ")
    if first in {"It", "Its", "For", "Total"}:
        first = first.lower()
    return Sentence(f"As of {year}, {first} {rest}", sentence.facts)


def names_in(facts: Iterable[Fact]) -> list[str]:
    """The proper names among the facts' values (masked by the neutrality check)."""
    out = []
    for f in facts:
        if f.field in NAME_FIELDS:
            v = f.value
            out.append(v.name if isinstance(v, Person | FormerName) else display_value(f))
            if isinstance(v, Person) and v.role:
                out.append(v.role)
    return out


def _about(
    claim: Claim | None, template: str, transform: Callable[[str], str] = str
) -> list[Sentence]:
    """One sentence stating a single claim's value, or none when the claim is missing."""
    if claim is None:
        return []
    return [Sentence(template.format(transform(display_value(claim.chosen))), (claim.chosen,))]


def _identity(org: Organisation) -> list[Sentence]:
    out = []
    desc = org.description
    if desc is not None:
        text = str(desc.chosen.value).strip().rstrip(".")
        label = source_label(desc.chosen.source)
        names = [org.display_name, *names_in(_all_list_facts(org))]
        if any(f.severity == "error" for f in lint_text(text, names)):
            # Not our voice: quote it, attributed to the source.
            out.append(
                Sentence(f"{label} describes {org.display_name} as “{text}”.", (desc.chosen,))
            )
        elif desc.chosen.source == "wikidata" and len(text.split()) <= 12:
            out.append(Sentence(f"{org.display_name} is {_article(text)} {text}.", (desc.chosen,)))
        else:
            out.append(Sentence(_end(text), (desc.chosen,)))
    founded, founders = org.founded, org.founders
    if founded is not None and founders:
        names = fmt.join_names([display_value(f) for f in founders])
        out.append(
            Sentence(
                f"It was founded {_founded_phrase(founded.chosen)} by {names}.",
                (founded.chosen, *founders),
            )
        )
    elif founded is not None:
        out.append(
            Sentence(f"It was founded {_founded_phrase(founded.chosen)}.", (founded.chosen,))
        )
    elif founders:
        names = fmt.join_names([display_value(f) for f in founders])
        out.append(Sentence(f"Its founders were {names}.", tuple(founders)))
    out += _about(org.headquarters, "Its headquarters are in {}.")
    out += _about(org.parent, "It is a subsidiary of {}.")
    former = [f for f in org.former_names if isinstance(f.value, FormerName)]
    filed = [f for f in former if f.source == "sec"]
    other = [f for f in former if f.source != "sec"]
    if filed:
        names = fmt.join_names([f.value.name for f in filed])  # type: ignore[union-attr]
        out.append(
            Sentence(_end(f"SEC EDGAR lists its former filer names as {names}"), tuple(filed))
        )
    if other:
        names = fmt.join_names([f.value.name for f in other])  # type: ignore[union-attr]
        out.append(Sentence(_end(f"It was formerly known as {names}"), tuple(other)))
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
        period = f" for the period ended {fmt.human_date(a.period)}" if a.period else ""
        out.append(
            Sentence(
                f"Its most recent annual report on Form {a.form} was filed on "
                f"{fmt.human_date(a.filed)}{period}.",
                (annual,),
            )
        )
    if org.employees is not None:
        c = org.employees.chosen
        out.append(
            Sentence(f"It reported {display_value(c)} employees for {figure_period(c)}.", (c,))
        )
    return [_as_of(s, freshness) for s in out]


def _people(org: Organisation) -> list[Sentence]:
    out = []
    for f in org.key_people[:4]:
        p = f.value
        if not isinstance(p, Person) or not p.role:
            continue
        since = f" since {fmt.human_date(p.since)}" if p.since else ""
        out.append(Sentence(f"{p.name} has held the role of {_role(p.role)}{since}.", (f,)))
    return out


def overview(org: Organisation, freshness: Freshness | None = None) -> list[list[Sentence]]:
    """The overview as paragraphs of sentences."""
    parts = (_identity(org), _market(org) + _figures(org, freshness), _people(org))
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


def conflict_sentences(org: Organisation) -> list[Sentence]:
    """One neutral sentence per field where sources disagree for the same period."""
    out = []
    labels = {
        "revenue": "revenue",
        "net_income": "net income",
        "total_assets": "total assets",
        "employees": "the number of employees",
        "founded": "the founding date",
    }
    for field, label in labels.items():
        claim = getattr(org, field)
        if not isinstance(claim, Claim) or not claim.conflict:
            continue
        parts = [
            f"{source_label(f.source)} gives {display_value(f)}"
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


def _perception_fact(org: Organisation, name: str) -> Fact | None:
    for f in org.perception:
        if getattr(f.value, "name", None) == name:
            return f
    return None


def perception_sentences(org: Organisation) -> list[Sentence]:
    """Coverage volume, tone, headline sentiment, topics and attention, each with its method."""
    from .model import Measure, Series
    from .perception import topics, volume_trend

    out: list[Sentence] = []
    vol = _perception_fact(org, "gdelt_volume")
    if vol is not None and isinstance(vol.value, Series) and vol.value.points:
        pts = sorted(vol.value.points)
        total = sum(v for _, v in pts)
        out.append(
            Sentence(
                f"GDELT counted {total:,.0f} online news articles mentioning the company between "
                f"{fmt.human_date(pts[0][0])} and {fmt.human_date(pts[-1][0])}.",
                (vol,),
            )
        )
        _first, _second, change = volume_trend(vol.value)
        if change is not None:
            if abs(change) < 5:
                trend = "about the same as in the first half"
            else:
                trend = f"{abs(change):.0f}% {'higher' if change > 0 else 'lower'} than in the first half"
            out.append(
                Sentence(f"The count in the second half of that period was {trend}.", (vol,))
            )
    tone = _perception_fact(org, "gdelt_tone")
    if tone is not None and isinstance(tone.value, Series) and tone.value.points:
        mean = sum(v for _, v in tone.value.points) / len(tone.value.points)
        out.append(
            Sentence(
                f"The mean of GDELT’s daily average tone for that coverage was {mean:+.1f}, on a "
                "scale where 0 is neutral and most values fall between −10 and +10.",
                (tone,),
            )
        )
    counts = {
        n: _perception_fact(org, f"headline_{n}") for n in ("positive", "neutral", "negative")
    }
    if all(isinstance(c.value, Measure) for c in counts.values() if c) and all(counts.values()):
        pos, neu, neg = (int(c.value.value) for c in counts.values())  # type: ignore[union-attr]
        m = counts["positive"].value  # type: ignore[union-attr]
        out.append(
            Sentence(
                f"VADER sentiment scoring of the {pos + neu + neg} de-duplicated headlines published "
                f"between {fmt.human_date(m.start)} and {fmt.human_date(m.end)} classed {pos} as "  # type: ignore[union-attr]
                f"positive, {neu} as neutral and {neg} as negative.",
                (*[c for c in counts.values() if c], *org.news[:20]),
            )
        )
    names = set(org.display_name.lower().split())
    common = topics(org.news, names) if org.news else []
    if len(common) >= 3:
        words = [w for w, _ in common[:6]]
        out.append(
            Sentence(
                f"Counting words in those headlines (common words excluded), the most frequent terms "
                f"were {fmt.join_names([f'“{w}”' for w in words])}.",
                tuple(org.news[:20]),
            )
        )
    views = _perception_fact(org, "pageviews_total")
    if views is not None and isinstance(views.value, Measure):
        v = views.value
        out.append(
            Sentence(
                f"The English Wikipedia article on the company was viewed {v.value:,.0f} times by "
                f"people (automated traffic excluded) between {fmt.human_date(v.start)} and "
                f"{fmt.human_date(v.end)}.",
                (views,),
            )
        )
    return out
