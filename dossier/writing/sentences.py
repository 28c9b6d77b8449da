"""Sentences: every sentence dossier writes is built from facts and carries them.

A :class:`Sentence` holds its text and the facts behind it; a sentence with no fact cannot be
made, so a missing fact removes its sentence instead of leaving it uncited.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from .. import formatting as fmt
from ..fields import FIELDS, proper_fields
from ..model import Fact, Filing, FormerName, Money, Person, Quantity

#: Fields whose values are proper names: masked before the words-to-watch check.
NAME_FIELDS = proper_fields()
FIGURE_FIELDS = frozenset(n for n, f in FIELDS.items() if f.figure)


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
    first = role.split(maxsplit=1)[0].strip(",;:") if role.strip() else ""
    if role.isupper() or (len(first) > 1 and first.isupper()):  # "EVP, Chief Marketing Officer"
        return role
    return role[:1].lower() + role[1:]


def _founded_phrase(fact: Fact) -> str:
    text = str(fact.value)
    return f"on {fmt.human_date(text)}" if text.count("-") == 2 else f"in {fmt.human_date(text)}"


def _article(word: str) -> str:
    return "an" if word[:1].lower() in "aeiou" else "a"


def figure_period(fact: Fact) -> str:
    """How a figure's period reads: "fiscal year 2025 (ended 27 September 2025)" or "2024"."""
    if fact.period and fact.period.startswith("FY"):
        if fact.period_end is None:  # only some sources state the period's last day
            return f"fiscal year {fact.period[2:]}"
        return f"fiscal year {fact.period[2:]} (ended {fmt.human_date(fact.period_end)})"
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
        elif isinstance(f.value, Filing):
            # Official item titles ("Entry into a Material Definitive Agreement") are names.
            out.extend(i.title for i in f.value.items if i.title)
    return out
