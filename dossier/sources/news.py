"""News and attention sources: Google News RSS, GDELT DOC 2.0, your own feeds, page views.

Each class does its I/O in ``fetch`` (failures become gaps) and turns the bytes into facts in
``extract``; the module-level parsers are pure. Feeds are always parsed from bytes we fetched
(feedparser never sees a URL). Headlines, outlets, dates and links only: no article bodies.
"""

from __future__ import annotations

import calendar
import html
import json
import re
from datetime import UTC, date, datetime, timedelta
from typing import TYPE_CHECKING, Any, ClassVar
from urllib.parse import parse_qs, quote, urlencode, urlsplit

from ..errors import ExtractError
from ..model import Article, Fact, Gap, Measure, Provenance, Series, Value
from .base import Document, Entity, Fetched, RunContext, Source

if TYPE_CHECKING:
    from ..config import SourceSettings
    from ..net import PoliteClient

GOOGLE_NEWS_URL = "https://news.google.com/rss/search"
GDELT_URL = "https://api.gdeltproject.org/api/v2/doc/doc"
PAGEVIEWS_URL = (
    "https://wikimedia.org/api/rest_v1/metrics/pageviews/per-article/en.wikipedia/all-access/"
    "user/{title}/monthly/{start}/{end}"
)
HEADLINE_LICENCE = "Headline and link only; the articles are the publishers' copyright"
GDELT_LICENCE = (
    "GDELT Project, free and open with citation; the articles are the publishers' copyright"
)
PAGEVIEWS_LICENCE = "CC0 1.0 (Wikimedia pageview data)"
DEFAULT_DAYS = 90
GDELT_MAX_RECORDS = 75
GDELT_MODES = ("ArtList", "TimelineVolRaw", "TimelineTone")
VOLUME_METHOD = (
    "GDELT DOC 2.0 TimelineVolRaw: number of monitored online news articles per day matching "
    "the query"
)
TONE_METHOD = (
    "GDELT DOC 2.0 TimelineTone: average tone of matching articles per day, on GDELT's scale "
    "where negative is negative coverage and 0 is neutral, typically between -10 and +10"
)
#: Timeline mode -> (Series name, unit, method).
GDELT_SERIES = {
    "TimelineVolRaw": ("gdelt_volume", "articles", VOLUME_METHOD),
    "TimelineTone": ("gdelt_tone", "GDELT tone", TONE_METHOD),
}
PAGEVIEWS_METHOD = (
    "Wikimedia REST API per-article page views, English Wikipedia, agent=user (humans), monthly"
)
#: GDELT names languages in English; the rest of dossier uses ISO 639-1 codes.
LANGUAGES = {
    "english": "en", "french": "fr", "german": "de", "spanish": "es", "italian": "it",
    "portuguese": "pt", "dutch": "nl", "japanese": "ja", "chinese": "zh", "russian": "ru",
    "arabic": "ar", "korean": "ko", "swedish": "sv", "polish": "pl", "turkish": "tr",
}  # fmt: skip

_LEGAL_SUFFIX = re.compile(
    r"(?:[,\s]+(?:Inc\.?|Incorporated|Corp\.?|Corporation|Ltd\.?|Limited|plc|P\.L\.C\.|LLC|"
    r"L\.L\.C\.|LLP|L\.P\.|LP|Co\.?|Company|N\.\s?V\.?|NV|S\.\s?A\.?|SA|AG|SE|GmbH|S\.p\.A\.?|"
    r"SpA|B\.V\.?|BV|AB|ASA|A/S|Oyj|K\.K\.|Pty|S\.A\.S\.?|SAS|S\.L\.?))+\.?$",
    re.I,
)
_SEC_STATE = re.compile(r"\s*/\s*[A-Z]{2}\s*$")
_PAREN = re.compile(r"\s*\([^)]*\)\s*$")
_TAG = re.compile(r"<!--.*?-->|</?[A-Za-z][^>]*>", re.S)
_SPACE = re.compile(r"\s+")
#: Link-post markers some blogs put at the end of a title ("... replaced by John Ternus ↦").
_TRAILING_MARK = re.compile("[\\s\u2192\u21a6\u21e2\u27a1\u279c\u279d\u00bb\u203a\u25b8]+$")
_OUTLET_SUFFIX = re.compile(
    r"^(?P<headline>.+\S)\s+[-\u2013\u2014|]\s+(?P<outlet>[^-\u2013\u2014|]+)$"
)


# --- options and URLs ---------------------------------------------------------------------


def search_name(name: str) -> str:
    """The name without a trailing legal suffix, case kept: "Apple Inc." -> "Apple"."""
    text = _SPACE.sub(" ", name).strip()
    text = _SEC_STATE.sub("", text)
    text = _PAREN.sub("", text) or text
    stripped = _LEGAL_SUFFIX.sub("", text).strip(" ,")
    if stripped.lower().startswith("the ") and len(stripped) > 4:
        stripped = stripped[4:]
    return stripped or text


def window(ctx: RunContext) -> int:
    """The news window of the run in days (``--news-days``; 90 when not a positive number)."""
    return ctx.news_days if ctx.news_days > 0 else DEFAULT_DAYS


def search_query(entity: Entity, options: dict[str, Any]) -> str:
    """The ``query`` option if set, else the cleaned name in double quotes."""
    override = options.get("query")
    if isinstance(override, str) and override.strip():
        return override.strip()
    return f'"{search_name(entity.name)}"'


def google_news_url(query: str, days: int) -> str:
    """The Google News RSS search URL for ``query`` over the last ``days`` days (US English)."""
    params = {"q": f"{query} when:{days}d", "hl": "en-US", "gl": "US", "ceid": "US:en"}
    return f"{GOOGLE_NEWS_URL}?{urlencode(params)}"


def gdelt_url(query: str, mode: str, days: int) -> str:
    """A GDELT DOC 2.0 API URL: the article list (newest first) or a timeline, JSON."""
    span = {"timespan": f"{days}d"}
    if mode == "ArtList":
        span = {"maxrecords": str(GDELT_MAX_RECORDS), **span, "sort": "DateDesc"}
    return f"{GDELT_URL}?{urlencode({'query': query, 'mode': mode, 'format': 'json', **span})}"


def pageviews_window(today: date) -> tuple[date, date]:
    """The 12 full calendar months before ``today``'s month: (first day, last day)."""
    end = today.replace(day=1) - timedelta(days=1)
    start = date(end.year, 1, 1) if end.month == 12 else date(end.year - 1, end.month + 1, 1)
    return start, end


def pageviews_url(title: str, today: date) -> str:
    """The monthly per-article page-view URL for an English Wikipedia title."""
    start, end = pageviews_window(today)
    return PAGEVIEWS_URL.format(
        title=quote(title.strip().replace(" ", "_"), safe=""),
        start=start.strftime("%Y%m%d"),
        end=end.strftime("%Y%m%d"),
    )


# --- parsing ------------------------------------------------------------------------------


def clean_headline(text: Any) -> str:
    """Plain text from a feed title: tags stripped, entities decoded, whitespace collapsed."""
    if not isinstance(text, str):
        return ""
    text = _TAG.sub("", html.unescape(text))
    return _TRAILING_MARK.sub("", _SPACE.sub(" ", html.unescape(text))).strip()


def split_outlet(title: str, source: str = "") -> tuple[str, str]:
    """(headline, outlet) from a Google-style "Headline - Outlet" title; ``source`` wins."""
    source = clean_headline(source)
    if source:
        for sep in (" - ", " \u2013 ", " \u2014 ", " | "):
            if title.endswith(sep + source):
                return title[: -len(sep + source)].strip(), source
        return title, source
    match = _OUTLET_SUFFIX.match(title)
    if match and len(match["outlet"]) <= 60:
        return match["headline"], match["outlet"].strip()
    return title, ""


def _utc(value: Any) -> datetime | None:
    """A feedparser time tuple (always UTC) as an aware datetime; None when odd."""
    try:
        year, month, day, hour, minute, second = (int(v) for v in value[:6])
        return datetime(year, month, day, hour, minute, second, tzinfo=UTC)
    except (TypeError, ValueError, IndexError, OverflowError):
        return None


def _parse_feed(doc: Document, source: str) -> Any:
    import feedparser

    parsed = feedparser.parse(doc.body)
    if not parsed.get("version") and not parsed.get("entries"):
        raise ExtractError(source, f"{doc.url} did not return an RSS or Atom feed.", doc.url)
    return parsed


def _prov(doc: Document, source: str, licence: str, as_of: date | None, locator: str) -> Provenance:
    return Provenance(
        source=source,
        url=doc.url,
        retrieved_at=doc.retrieved_at,
        as_of=as_of or doc.retrieved_at.date(),
        locator=locator,
        licence=licence,
        constructed=doc.constructed,
    )


def _article_fact(doc: Document, source: str, licence: str, article: Article, locator: str) -> Fact:
    as_of = article.published.date() if article.published else None
    return Fact(field="news", value=article, provenance=_prov(doc, source, licence, as_of, locator))


def _entry_article(entry: Any, outlet: str, language: str, split: bool) -> Article | None:
    title = clean_headline(entry.get("title"))
    link = entry.get("link") or ""
    if not title or not isinstance(link, str) or not link.startswith(("http://", "https://")):
        return None
    if split:
        source = entry.get("source") or {}
        title, outlet = split_outlet(
            title, source.get("title", "") if isinstance(source, dict) else ""
        )
    if not title:
        return None
    # dict.get: FeedParserDict.get maps one key onto the other with a DeprecationWarning.
    published = next(
        (d for key in ("published_parsed", "updated_parsed") if (d := _utc(dict.get(entry, key)))),
        None,
    )
    summary = clean_headline(dict.get(entry, "summary"))
    if summary.startswith(title):  # Google News repeats the headline as the snippet
        summary = summary[len(title) :].strip(" -\u00a0")
    return Article(
        headline=title,
        outlet=outlet,
        published=published,
        url=link,
        language=language,
        summary=summary[:500],
    )


def parse_google_news(doc: Document, source: str = "google_news") -> list[Fact]:
    """Article facts from a Google News RSS search response."""
    facts = []
    for i, entry in enumerate(_parse_feed(doc, source).entries):
        article = _entry_article(entry, "", "en", split=True)
        if article is not None:
            facts.append(_article_fact(doc, source, HEADLINE_LICENCE, article, f"rss item {i + 1}"))
    return facts


def mentions(text: str, term: str) -> bool:
    """Whether ``text`` mentions ``term`` as whole words, ignoring case."""
    term = term.strip()
    return bool(term) and re.search(rf"(?<!\w){re.escape(term)}(?!\w)", text, re.I) is not None


def parse_feed(doc: Document, term: str, outlet: str = "", source: str = "news") -> list[Fact]:
    """Article facts from an RSS or Atom feed: the items whose title or summary mention ``term``."""
    parsed = _parse_feed(doc, source)
    outlet = outlet or clean_headline(parsed.feed.get("title"))
    language = str(parsed.feed.get("language") or "")[:2].lower()
    facts = []
    for i, entry in enumerate(parsed.entries):
        text = f"{clean_headline(entry.get('title'))} {clean_headline(entry.get('summary'))}"
        if not mentions(text, term):
            continue
        article = _entry_article(entry, outlet, language, split=False)
        if article is not None:
            facts.append(
                _article_fact(doc, source, HEADLINE_LICENCE, article, f"feed item {i + 1}")
            )
    return facts


def _gdelt_json(doc: Document) -> dict[str, Any]:
    try:
        data = json.loads(doc.body)
    except (ValueError, UnicodeDecodeError):
        first = doc.body[:200].decode("utf-8", "replace").strip().splitlines()
        said = f" ({first[0].strip()!r})" if first else ""
        raise ExtractError(
            "gdelt",
            f"GDELT answered with text instead of JSON{said}, which it does when throttled or "
            "when it cannot run the query; coverage was not measured.",
            doc.url,
        ) from None
    if not isinstance(data, dict):
        raise ExtractError("gdelt", "The GDELT response is not a JSON object.", doc.url)
    return data


def _gdelt_time(value: Any) -> datetime | None:
    try:
        return datetime.strptime(str(value)[:15], "%Y%m%dT%H%M%S").replace(tzinfo=UTC)
    except ValueError:
        return None


def gdelt_mode(url: str) -> str:
    """The ``mode`` parameter of a GDELT API URL ("" when absent)."""
    return (parse_qs(urlsplit(url).query).get("mode") or [""])[0]


def parse_gdelt_articles(doc: Document) -> list[Fact]:
    """Article facts from a GDELT ArtList JSON response (``{}`` means no articles)."""
    articles = _gdelt_json(doc).get("articles") or []
    if not isinstance(articles, list):
        raise ExtractError("gdelt", "The GDELT article list is not a list.", doc.url)
    facts = []
    for i, a in enumerate(articles):
        if not isinstance(a, dict):
            continue
        title, url = clean_headline(a.get("title")), a.get("url")
        if not title or not isinstance(url, str) or not url.startswith(("http://", "https://")):
            continue
        lang = str(a.get("language") or "")
        article = Article(
            headline=title,
            outlet=str(a.get("domain") or ""),
            published=_gdelt_time(a.get("seendate")),
            url=url,
            language=LANGUAGES.get(lang.lower(), lang),
        )
        facts.append(_article_fact(doc, "gdelt", GDELT_LICENCE, article, f"articles[{i}]"))
    return facts


def parse_gdelt_timeline(doc: Document, mode: str) -> list[Fact]:
    """A Series fact from a GDELT TimelineVolRaw or TimelineTone JSON response."""
    name, unit, method = GDELT_SERIES[mode]
    timeline = _gdelt_json(doc).get("timeline") or []
    if not isinstance(timeline, list):
        raise ExtractError("gdelt", "The GDELT timeline is not a list.", doc.url)
    first = next((s for s in timeline if isinstance(s, dict)), {})
    by_day: dict[date, list[float]] = {}
    for row in first.get("data") or []:
        when = _gdelt_time(row.get("date")) if isinstance(row, dict) else None
        try:
            value = float(row["value"])
        except (KeyError, TypeError, ValueError):
            continue
        if when is not None:
            by_day.setdefault(when.date(), []).append(value)
    # Short timespans come back hourly or finer: one point a day (volume summed, tone averaged).
    combine = sum if mode == "TimelineVolRaw" else (lambda vs: sum(vs) / len(vs))
    points = sorted((d, float(combine(vs))) for d, vs in by_day.items())
    if not points:
        return []
    series = Series(name=name, points=points, unit=unit, method=method)
    prov = _prov(doc, "gdelt", GDELT_LICENCE, points[-1][0], f"timeline[0] ({mode})")
    return [Fact(field="perception", value=series, provenance=prov)]


def parse_pageviews(doc: Document) -> list[Fact]:
    """A monthly page-view Series and its total (a Measure) from a Wikimedia REST response."""
    try:
        items = json.loads(doc.body).get("items")
    except (ValueError, UnicodeDecodeError, AttributeError) as exc:
        raise ExtractError(
            "pageviews", f"The page-view response is not JSON ({exc}).", doc.url
        ) from exc
    points: list[tuple[date, float]] = []
    for item in items if isinstance(items, list) else []:
        try:
            stamp = str(item["timestamp"])
            points.append((date(int(stamp[:4]), int(stamp[4:6]), 1), float(item["views"])))
        except (KeyError, TypeError, ValueError):
            continue
    if not points:
        return []
    points.sort()
    last = points[-1][0]
    end = last.replace(day=calendar.monthrange(last.year, last.month)[1])
    prov = _prov(doc, "pageviews", PAGEVIEWS_LICENCE, last, "items")
    series = Series(name="pageviews", points=points, unit="views", method=PAGEVIEWS_METHOD)
    total = Measure(
        name="pageviews_total",
        value=sum(v for _, v in points),
        unit="views",
        method=PAGEVIEWS_METHOD,
        start=points[0][0],
        end=end,
    )
    values: list[Value] = [series, total]
    return [Fact(field="perception", value=v, provenance=prov) for v in values]


# --- sources ------------------------------------------------------------------------------


class GoogleNews(Source):
    """Google News RSS search: recent headlines, outlets and links."""

    name: ClassVar[str] = "google_news"
    label: ClassVar[str] = "Google News"
    licence: ClassVar[str] = HEADLINE_LICENCE
    news_window: ClassVar[bool] = True
    agency_evidence: ClassVar[bool] = True

    def fetch(self, entity: Entity, ctx: RunContext) -> Fetched:
        """One RSS search request; a failure becomes a gap."""
        fetched = Fetched()
        query = search_query(entity, self.options)
        fetched.get(self.client, google_news_url(query, window(ctx)), self.name)
        return fetched

    def extract(self, documents: list[Document]) -> list[Fact]:
        """Article facts (pure); raises ExtractError when a response is not a feed."""
        return [f for doc in documents for f in parse_google_news(doc, self.name)]


class Gdelt(Source):
    """GDELT DOC 2.0: article list, daily volume and daily average tone."""

    name: ClassVar[str] = "gdelt"
    label: ClassVar[str] = "GDELT"
    licence: ClassVar[str] = GDELT_LICENCE
    news_window: ClassVar[bool] = True
    agency_evidence: ClassVar[bool] = True

    def fetch(self, entity: Entity, ctx: RunContext) -> Fetched:
        """Three requests (ArtList, TimelineVolRaw, TimelineTone); failures become gaps."""
        fetched = Fetched()
        query = search_query(entity, self.options)
        for mode in GDELT_MODES:
            fetched.get(self.client, gdelt_url(query, mode, window(ctx)), self.name)
        return fetched

    def extract(self, documents: list[Document]) -> list[Fact]:
        """Article and Series facts (pure); raises ExtractError on a text (throttled) answer."""
        facts: list[Fact] = []
        for doc in documents:
            mode = gdelt_mode(doc.url)
            if mode == "ArtList":
                facts.extend(parse_gdelt_articles(doc))
            elif mode in GDELT_SERIES:
                facts.extend(parse_gdelt_timeline(doc, mode))
        return facts


class Feeds(Source):
    """Your own RSS/Atom feeds (trade press, wires): items that mention the company."""

    name: ClassVar[str] = "news"
    label: ClassVar[str] = "News feeds"
    licence: ClassVar[str] = HEADLINE_LICENCE
    news_window: ClassVar[bool] = True
    agency_evidence: ClassVar[bool] = True

    def __init__(self, settings: SourceSettings, client: PoliteClient) -> None:
        super().__init__(settings, client)
        self.feeds: list[tuple[str, str]] = []
        for feed in self.options.get("feeds") or []:
            if isinstance(feed, dict) and isinstance(feed.get("url"), str):
                self.feeds.append((feed["url"].strip(), str(feed.get("name") or "").strip()))
        #: Set by ``fetch``: the words an item must mention to be kept.
        self.term: str | None = None
        self._outlets: dict[str, str] = {}  # final document URL -> configured name

    def fetch(self, entity: Entity, ctx: RunContext) -> Fetched:
        """GET every configured feed; none configured means nothing to do (and no gap)."""
        fetched = Fetched()
        # The query option, when it is plain words or one quoted phrase; else the cleaned name.
        own = str(self.options.get("query") or "").strip().strip('"').strip()
        plain = own and '"' not in own and not re.search(r"\bOR\b|[():]|(?:^|\s)-", own)
        self.term = own if plain else search_name(entity.name)
        for url, name in self.feeds:  # the client refuses non-http(s) URLs: that is a gap too
            doc = fetched.get(self.client, url, self.name)
            if doc is not None and name:
                self._outlets[doc.url] = name
        return fetched

    def extract(self, documents: list[Document]) -> list[Fact]:
        """Article facts for items mentioning the company (none before ``fetch`` set the term)."""
        if not self.term:
            return []
        names = {**dict(self.feeds), **self._outlets}
        return [
            f
            for doc in documents
            for f in parse_feed(doc, self.term, names.get(doc.url, ""), self.name)
        ]


class Pageviews(Source):
    """Wikimedia per-article page views of the English Wikipedia article, last 12 months."""

    name: ClassVar[str] = "pageviews"
    label: ClassVar[str] = "Wikipedia page views"
    licence: ClassVar[str] = PAGEVIEWS_LICENCE

    def fetch(self, entity: Entity, ctx: RunContext) -> Fetched:
        """One request for the 12 full months before this month; no article means a gap."""
        fetched = Fetched()
        title = entity.ids.wikipedia_title
        if not title:
            fetched.gaps.append(
                Gap(source=self.name, message="no Wikipedia article to count views for")
            )
            return fetched
        fetched.get(self.client, pageviews_url(title, ctx.today), self.name)
        return fetched

    def extract(self, documents: list[Document]) -> list[Fact]:
        """The page-view Series and total (pure)."""
        return [f for doc in documents for f in parse_pageviews(doc)]
