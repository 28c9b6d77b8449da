"""Evidence search made for agency relationships: targeted news queries, trade-press feeds and
the company's own newsroom feed.

Every source here gives ``relationship`` facts (Article values) that the agency step reads; none
of them feeds the company report's news section. They run only when the run asks for agency
evidence (``RunContext.agency_search``: a briefing, a batch, ``dossier agency``), over
``RunContext.agency_years`` (``--agency-years``, default 3). Parsers are the pure feed parsers
of :mod:`dossier.sources.news`.
"""

from __future__ import annotations

import html
import logging
import re
from datetime import date
from typing import TYPE_CHECKING, ClassVar
from urllib.parse import urlencode, urljoin, urlsplit

from ..model import Article, Fact, Gap
from .base import Document, Entity, Fetched, RunContext, Source
from .news import (
    GOOGLE_NEWS_URL,
    HEADLINE_LICENCE,
    Feeds,
    mentions,
    parse_google_news,
    search_name,
)

log = logging.getLogger(__name__)

if TYPE_CHECKING:
    from ..config import SourceSettings
    from ..net import PoliteClient

#: Words that make a headline about a brand worth reading for agency relationships.
AGENCY_TERMS = (
    '"agency of record"', "AOR", '"creative agency"', '"media agency"', '"PR agency"',
    '"digital agency"', "account", "pitch", "review", "appoints", "hires", "picks", "moves",
    "consolidates", '"parts ways"',
)  # fmt: skip
#: Trade-press sites for the second, site-restricted query (sources.md §9a).
TRADE_SITES = (
    "adweek.com", "adage.com", "campaignlive.com", "campaignlive.co.uk", "thedrum.com",
    "marketingdive.com", "prweek.com", "lbbonline.com", "mumbrella.com.au", "campaignasia.com",
)  # fmt: skip
_AGENCY_WORDS = re.compile(
    r"\b(?:agency|agencies|aor|account|pitch|review|appoint\w*|hires?|hired|names?|named|picks?|"
    r"selects?|moves?|consolidat\w+|parts?\s+ways|creative|media|campaign|retains?|drops?|wins?)\b",
    re.IGNORECASE,
)


def collapse_gaps(fetched: Fetched, source: str, what: str, tried: int) -> Fetched:
    """One gap for the requests that failed ("3 of 12 feeds could not be read: ..."), so a
    run without these sources' responses (an older snapshot) does not list each URL."""
    mine = [g for g in fetched.gaps if g.source == source]
    if len(mine) > 1:
        others = [g for g in fetched.gaps if g.source != source]
        first = mine[0]
        fetched.gaps = [
            *others,
            Gap(
                source=source,
                message=f"{len(mine)} of {tried} {what} could not be read (first: {first.message})",
                url=first.url,
            ),
        ]
    return fetched


def relationship_facts(facts: list[Fact]) -> list[Fact]:
    """The same facts filed as ``relationship`` (agency evidence), not ``news``."""
    return [f.model_copy(update={"field": "relationship"}) for f in facts]


def agency_query(name: str, trade: bool = False) -> str:
    """The Google News query: the brand and agency terms (optionally trade sites only)."""
    query = f'"{name}" ({" OR ".join(AGENCY_TERMS)})'
    if trade:
        query += " (" + " OR ".join(f"site:{s}" for s in TRADE_SITES) + ")"
    return query


def agency_news_url(name: str, ctx: RunContext, trade: bool = False) -> str:
    """A Google News RSS search for agency news about ``name`` since ``agency_years`` ago."""
    # From 1 January of the first year: the URL stays the same all year (snapshots replay it);
    # the agency step applies the exact window.
    after = date(ctx.today.year - max(1, ctx.agency_years), 1, 1)
    q = f"{agency_query(name, trade)} after:{after.isoformat()}"
    return f"{GOOGLE_NEWS_URL}?{urlencode({'q': q, 'hl': 'en-US', 'gl': 'US', 'ceid': 'US:en'})}"


class AgencyNews(Source):
    """Google News RSS, searched for the company with agency terms over a long window."""

    name: ClassVar[str] = "agency_news"
    agency_evidence: ClassVar[bool] = True
    label: ClassVar[str] = "Google News (agency search)"
    licence: ClassVar[str] = HEADLINE_LICENCE

    def fetch(self, entity: Entity, ctx: RunContext) -> Fetched:
        """Two searches (any outlet; trade press only); nothing unless agency evidence is asked."""
        fetched = Fetched()
        if not ctx.agency_search:
            return fetched
        name = search_name(entity.name)
        for trade in (False, True):
            fetched.get(self.client, agency_news_url(name, ctx, trade), self.name)
        return collapse_gaps(fetched, self.name, "agency searches", 2)

    def extract(self, documents: list[Document]) -> list[Fact]:
        """Relationship facts (pure)."""
        return relationship_facts([f for d in documents for f in parse_google_news(d, self.name)])


class TradePress(Feeds):
    """The trade-press feeds in ``sources/trade_press.toml``: items naming the company."""

    name: ClassVar[str] = "trade_press"
    label: ClassVar[str] = "Trade-press feeds"

    def fetch(self, entity: Entity, ctx: RunContext) -> Fetched:
        if not ctx.agency_search:
            return Fetched()
        return collapse_gaps(super().fetch(entity, ctx), self.name, "feeds", len(self.feeds))

    def extract(self, documents: list[Document]) -> list[Fact]:
        return relationship_facts(super().extract(documents))


_ALTERNATE = re.compile(r"<link\b[^>]*>", re.IGNORECASE)
_ATTR = re.compile(r"""([\w:-]+)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))""")


def feed_links(body: bytes, base: str) -> list[str]:
    """The RSS or Atom feeds a page declares (``<link rel="alternate" type=...>``), absolute."""
    text = body[:300_000].decode("utf-8", "replace")
    out = []
    for tag in _ALTERNATE.findall(text):
        attrs = {m[0].lower(): html.unescape(m[1] or m[2] or m[3]) for m in _ATTR.findall(tag)}
        rel = attrs.get("rel", "").lower().split()
        kind = attrs.get("type", "").lower()
        if "alternate" in rel and kind in ("application/rss+xml", "application/atom+xml"):
            href = attrs.get("href", "").strip()
            if href:
                url = urljoin(base, href)
                if url.startswith(("http://", "https://")) and url not in out:
                    out.append(url)
    return out


class Newsroom(Source):
    """The company's own newsroom feed, when its home page declares one: items that talk about
    agencies, accounts or campaigns (the company's own announcements)."""

    name: ClassVar[str] = "newsroom"
    agency_evidence: ClassVar[bool] = True
    label: ClassVar[str] = "Company newsroom feed"
    licence: ClassVar[str] = HEADLINE_LICENCE

    def __init__(self, settings: SourceSettings, client: PoliteClient) -> None:
        super().__init__(settings, client)
        self.max_feeds = int(self.options.get("max_feeds") or 2)
        self._company = ""

    def fetch(self, entity: Entity, ctx: RunContext) -> Fetched:
        """The home page, then up to ``max_feeds`` feeds it declares on the same site."""
        from ..net.sites import registrable_domain
        from .website import _start_url

        fetched = Fetched()
        if not ctx.agency_search:
            return fetched
        self._company = search_name(entity.name)
        start = _start_url(entity)
        if start is None:
            return fetched
        home = fetched.get(self.client, start, self.name)
        if home is None:
            return fetched
        fetched.documents.remove(home)
        site = registrable_domain(home.url)
        feeds = [u for u in feed_links(home.body, home.url) if registrable_domain(u) == site]
        if not feeds:
            log.info("%s declares no news feed", urlsplit(home.url).hostname)
        for url in feeds[: self.max_feeds]:
            fetched.get(self.client, url, self.name)
        return fetched

    def extract(self, documents: list[Document]) -> list[Fact]:
        """Feed items that use agency words (pure apart from the company name set by fetch)."""
        out: list[Fact] = []
        for doc in documents:
            for f in _all_items(doc, self.name):
                a = f.value
                if isinstance(a, Article) and _AGENCY_WORDS.search(f"{a.headline} {a.summary}"):
                    out.append(f)
        return relationship_facts(out)


def _all_items(doc: Document, source: str) -> list[Fact]:
    """Every item of a feed (the company's own feed: it need not name itself)."""
    import feedparser

    from .news import _article_fact, _entry_article

    parsed = feedparser.parse(doc.body)
    outlet = str(parsed.feed.get("title") or "")
    language = str(parsed.feed.get("language") or "")[:2].lower()
    facts = []
    for i, entry in enumerate(parsed.entries):
        article = _entry_article(entry, outlet, language, split=False)
        if article is not None:
            facts.append(
                _article_fact(doc, source, HEADLINE_LICENCE, article, f"feed item {i + 1}")
            )
    return facts


__all__ = [
    "AGENCY_TERMS",
    "AgencyNews",
    "Newsroom",
    "TradePress",
    "agency_news_url",
    "agency_query",
    "feed_links",
    "mentions",
]
