"""Evidence of a company's agency relationships: the relations its articles state about it.

Pure. Each Article fact (headline and feed snippet) goes through the relation extractor
(:mod:`dossier.agency.relations`); the relations whose brand is the company are kept, each with
the article it came from. An agency named in an article under a folded or renamed brand keeps
the name the article used (``agency``) and knows what it trades as today (``current``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date

from ..memo import Memo
from ..model import Article, Fact
from ..names import clean_name
from .gazetteer import AgencyEntry, Gazetteer, agency_key
from .outlets import is_trade
from .relations import Relation, extract_text, same_name, split_sentences

__all__ = ["Evidence", "company_names", "extract_evidence", "split_sentences"]


@dataclass(frozen=True)
class Evidence:
    """One relation the company's news states, with the article behind it."""

    agency: AgencyEntry | None  # the gazetteer entry (None: not in the gazetteer, or the account)
    relation: str  # appointed, retained, ended, review, credit
    role: str  # creative, media, pr, digital, other
    sentence: str
    article: Fact
    agency_name: str = ""  # as the sentence names it ("" for a review of the whole account)
    role_stated: bool = True  # False when the role is the gazetteer's default, not the text's
    current: AgencyEntry | None = None  # what a folded or renamed entry trades as today
    trade: bool = False  # from a trade-press or wire outlet
    linked: str = ""  # the sentence that named the brand or agency ``sentence`` only refers to

    @property
    def item(self) -> Article:
        """The reported article (evidence is only ever made from Article facts)."""
        value = self.article.value
        if not isinstance(value, Article):
            raise TypeError(f"evidence from a {type(value).__name__} fact, not an article")
        return value

    @property
    def published(self) -> date | None:
        value = self.article.value
        if isinstance(value, Article) and value.published is not None:
            p = value.published
            return (p if p.tzinfo else p.replace(tzinfo=UTC)).astimezone(UTC).date()
        return None

    @property
    def url(self) -> str:
        value = self.article.value
        return value.url if isinstance(value, Article) else self.article.provenance.url

    @property
    def outlet(self) -> str:
        value = self.article.value
        return value.outlet if isinstance(value, Article) else ""

    @property
    def in_gazetteer(self) -> bool:
        return self.agency is not None

    @property
    def key(self) -> str:
        """Which agency this is, for grouping: today's entry, else the name as written."""
        if self.current is not None:
            return self.current.name
        if self.agency is not None:
            return self.agency.name
        return self.agency_name

    @property
    def weight(self) -> float:
        """How much the report says on its own (appointed and retained 1, credit 0.6)."""
        base = {"appointed": 1.0, "retained": 1.0, "credit": 0.6}.get(self.relation, 0.0)
        return base * (1.0 if self.trade else 0.5)


def company_names(company: str) -> list[str]:
    """The forms a company is written in: "Apple Inc." -> ["Apple Inc.", "Apple"]."""
    out = [company.strip()]
    cleaned = clean_name(company)
    if cleaned:
        # keep the writer's capitalisation where the cleaned words appear in the original
        words = [w for w in re.findall(r"[\w&'+.-]+", company) if clean_name(w)]
        short = " ".join(w for w in words if clean_name(w) in cleaned.split())
        if short and short not in out:
            out.append(short)
    return out


def _about(brand: str, names: list[str]) -> bool:
    return any(_same_company(brand, n) for n in names)


def _same_company(brand: str, name: str) -> bool:
    """The relation's brand is the company: the same name, or the company's name plus a
    market or unit ("Nike" ~ "Nike China"), never a different word ("Apple" !~ "Apple Bank"
    only when the extra word is a place or a unit word)."""
    if same_name(brand, name) and len(clean_name(brand).split()) <= len(clean_name(name).split()):
        return True
    b, n = clean_name(brand).split(), clean_name(name).split()
    if not b or not n or b[: len(n)] != n:
        return False
    extra = b[len(n) :]
    return all(w in _UNIT_WORDS for w in extra)


_UNIT_WORDS = set(
    """
    us usa uk u.s u.k america americas north south east west europe asia apac emea australia
    china india japan canada germany france global worldwide international group holdings
    brands brand motor motors of the
    """.split()  # noqa: SIM905
)


#: The relations each article states, by (headline, snippet, gazetteer): the extractor is pure,
#: and an article is read again when two searches of one company find it (its news and its
#: relationship searches), when a trade-press item names several companies of a batch, and in
#: the agency profile (the agency's clients, from the same articles). Bounded (an article's
#: relations are a few small objects), so a batch of any size holds the same.
_relations: Memo[tuple[Relation, ...]] = Memo(2048)


def article_relations(headline: str, snippet: str, gazetteer: Gazetteer) -> list[Relation]:
    """:func:`~dossier.agency.relations.extract_text`, computed once per article text."""
    found = _relations.get(
        (headline, snippet, gazetteer), lambda: tuple(extract_text(headline, snippet, gazetteer))
    )
    return list(found)


def extract_evidence(
    articles: Iterable[Fact], company: str, gazetteer: Gazetteer
) -> list[Evidence]:
    """The relations the articles state about ``company``, one per (agency, role, status) and
    article (the headline's wording wins over the snippet's)."""
    names = company_names(company)
    if not any(names):
        return []
    out: list[Evidence] = []
    seen: set[tuple[str, str, str, str]] = set()
    for fact in articles:
        article = fact.value
        if not isinstance(article, Article):
            continue
        headline = _headline(article)
        for r in article_relations(headline, article.summary, gazetteer):
            if not _about(r.brand, names):
                continue
            ev = _evidence(r, fact, article, gazetteer)
            key = (article.url, agency_key(ev.key), ev.role, ev.relation)
            if key not in seen:
                seen.add(key)
                out.append(ev)
    return out


def relations_of_agency(
    articles: Iterable[Fact], agency: AgencyEntry | str, gazetteer: Gazetteer
) -> list[tuple[Relation, Fact]]:
    """The relations the articles state about one agency (its clients), with their article.

    For the agency profile: the same extractor on the agency's own news.
    """
    entry = agency if isinstance(agency, AgencyEntry) else gazetteer.match(agency)
    name = agency.name if isinstance(agency, AgencyEntry) else agency
    out = []
    for fact in articles:
        article = fact.value
        if not isinstance(article, Article):
            continue
        for r in article_relations(_headline(article), article.summary, gazetteer):
            if entry is not None and r.entry is not None:
                if gazetteer.current(r.entry).name != gazetteer.current(entry).name:
                    continue
            elif not same_name(r.agency, name):
                continue
            out.append((r, fact))
    return out


def _evidence(r: Relation, fact: Fact, article: Article, gazetteer: Gazetteer) -> Evidence:
    current = gazetteer.current(r.entry) if r.entry is not None else None
    return Evidence(
        agency=r.entry,
        relation=r.status,
        role=r.role,
        sentence=r.sentence,
        article=fact,
        agency_name=r.agency,
        role_stated=r.role_stated,
        current=current if current is not r.entry else None,
        trade=is_trade(article.outlet, article.url, fact.source),
        linked=r.linked,
    )


def _headline(a: Article) -> str:
    text = a.headline.strip()
    if a.outlet and text.lower().endswith(a.outlet.lower()):
        head = text[: -len(a.outlet)].rstrip()
        if head.endswith(("-", "\u2013", "\u2014", "|")):
            return head[:-1].rstrip()
    return text
