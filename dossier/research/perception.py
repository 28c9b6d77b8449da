"""Coverage analysis over Article and Series facts: de-duplication, windows, sentiment, topics.

Pure functions, no I/O. Headline sentiment uses VADER (lexicon shipped in the wheel), scored on
headlines only and always reported with its method and thresholds.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from datetime import UTC, date, datetime, timedelta
from functools import lru_cache
from typing import TYPE_CHECKING

from ..model import Article, Fact, Measure, Provenance, Series
from ..names import outlet_key

if TYPE_CHECKING:
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

VADER_URL = "https://github.com/cjhutto/vaderSentiment"
VADER_LICENCE = "Computed by dossier with VADER (MIT licence)"
POSITIVE, NEGATIVE = 0.05, -0.05  # VADER's documented compound-score thresholds
SIMILARITY = 90  # rapidfuzz token_set_ratio at or above which two headlines are one story
MIN_SET_WORDS = 4  # shorter headlines are one story only when equal after normalising

_OUTLET_SUFFIX = re.compile(r"\s+[-\u2013\u2014|]\s+[^-\u2013\u2014|]{1,60}$")
_NON_WORD = re.compile(r"[^\w\s]+")
_SPACE = re.compile(r"\s+")

_STOPWORD_TEXT = """
a about above after again against all also am an and any are as at be because been before being
below between both but by can could did do does doing down during each few for from further had
has have having he her here hers herself him himself his how i if in into is it its itself just
me more most my myself no nor not now of off on once only or other our ours ourselves out over
own same she should so some such than that the their theirs them themselves then there these
they this those through to too under until up very was we were what when where which while who
whom why will with would you your yours yourself yourselves amid among via per vs versus says
say said new news report reports reported update updates latest today week weeks month months
year years day days inc corp ltd plc llc company companies group co heres whats hows may might
must shall cant wont dont doesnt isnt arent wasnt werent hasnt havent hadnt couldve wouldve
shouldve one two three first second last next back still get gets got make makes made take takes
"""
#: Words that say nothing about a topic (apostrophes removed, as headlines are tokenised).
STOPWORDS = frozenset(_STOPWORD_TEXT.split())


def _date(f: Fact) -> date:
    """The publication date of an article fact, or its as-of (retrieval) date when undated."""
    value = f.value
    if isinstance(value, Article) and value.published is not None:
        return value.published.astimezone(UTC).date()
    return f.provenance.as_of


def _sort_key(f: Fact) -> tuple[int, datetime]:
    value = f.value
    published = value.published if isinstance(value, Article) else None
    if published is None:
        return (1, datetime.max.replace(tzinfo=UTC))
    return (0, published if published.tzinfo else published.replace(tzinfo=UTC))


def normalise_headline(text: str, outlet: str = "") -> str:
    """Lower-case words of a headline, without its " - Outlet" suffix or punctuation."""
    text = unicodedata.normalize("NFKC", text or "").strip()
    if outlet and text.lower().endswith(outlet.lower()):
        head = text[: -len(outlet)].rstrip()
        if head.endswith(("-", "\u2013", "\u2014", "|")):
            text = head[:-1]
    else:
        text = _OUTLET_SUFFIX.sub("", text)
    text = _NON_WORD.sub(" ", text.lower().replace("\u2019", "'").replace("'", ""))
    return _SPACE.sub(" ", text).strip()


def _same_story(a: str, b: str) -> bool:
    """Whether two normalised headlines are copies of one story (see :func:`dedupe`)."""
    from rapidfuzz import fuzz

    if a == b:
        return True
    short, long = sorted((a.split(), b.split()), key=len)
    if len(short) < MIN_SET_WORDS or set(short) - set(long) - STOPWORDS:
        return False
    return fuzz.token_set_ratio(a, b) >= SIMILARITY


def _other_outlets(own: str, outlets: list[str]) -> list[str]:
    """The distinct outlets other than ``own``, preferring a name over a bare domain."""
    own_key = outlet_key(own)
    chosen: dict[str, str] = {}
    for outlet in outlets:
        key = outlet_key(outlet)
        if not key or key == own_key:
            continue
        if key not in chosen or (" " in outlet and " " not in chosen[key]):
            chosen[key] = outlet.strip()
    return sorted(chosen.values(), key=str.casefold)


def dedupe(articles: list[Fact]) -> list[Fact]:
    """Fold syndicated copies into the earliest-published one (``copies`` = the other outlets).

    Two items are one story when they share a URL, or their normalised headlines are equal, or
    similar: rapidfuzz ``token_set_ratio`` >= 90, the shorter has at least four words and adds
    no word (stopwords aside) the longer lacks. The last rule keeps "X opens office" and
    "X closes office" apart, which ``token_set_ratio`` alone scores above 90.
    Outlets are compared with :func:`outlet_key`, so a site's name and domain count once.
    Returns the representatives newest first, undated ones last (other facts are dropped).
    """
    clusters: list[list[tuple[Fact, Article, str]]] = []
    for f in sorted((f for f in articles if isinstance(f.value, Article)), key=_sort_key):
        a = f.value
        assert isinstance(a, Article)
        norm = normalise_headline(a.headline, a.outlet)
        for cluster in clusters:
            if any(b.url == a.url or _same_story(n, norm) for _g, b, n in cluster):
                cluster.append((f, a, norm))
                break
        else:
            clusters.append([(f, a, norm)])
    out: list[Fact] = []
    for cluster in clusters:
        rep, art, _norm = cluster[0]
        outlets = [*art.copies, *(o for _g, b, _n in cluster[1:] for o in (b.outlet, *b.copies))]
        copies = _other_outlets(art.outlet, outlets)
        if copies != list(art.copies):
            rep = rep.model_copy(update={"value": art.model_copy(update={"copies": copies})})
        out.append(rep)
    dated = sorted((f for f in out if _sort_key(f)[0] == 0), key=_sort_key, reverse=True)
    return dated + [f for f in out if _sort_key(f)[0] == 1]


def recent(articles: list[Fact], days: int, today: date) -> list[Fact]:
    """Articles published in the ``days`` days up to ``today``; undated ones by retrieval date."""
    start = today - timedelta(days=days)
    out = []
    for f in articles:
        if not isinstance(f.value, Article):
            continue
        when = _date(f) if f.value.published else f.provenance.retrieved_at.date()
        if when >= start:
            out.append(f)
    return out


@lru_cache(maxsize=1)
def _analyzer() -> SentimentIntensityAnalyzer:
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    return SentimentIntensityAnalyzer()


def headline_score(headline: str) -> float:
    """VADER's compound score of one headline, from -1 (negative) to +1 (positive)."""
    return float(_analyzer().polarity_scores(headline)["compound"])


def headline_class(score: float) -> str:
    """The class of a compound score by VADER's documented thresholds (+/-0.05)."""
    if score >= POSITIVE:
        return "positive"
    if score <= NEGATIVE:
        return "negative"
    return "neutral"


def headline_sentiment(articles: list[Fact], computed_at: datetime) -> list[Fact]:
    """Counts of positive, neutral and negative headlines (three Measure facts; none if empty)."""
    items = [f for f in articles if isinstance(f.value, Article)]
    if not items:
        return []
    headlines = [f.value.headline for f in items if isinstance(f.value, Article)]
    counts = Counter(headline_class(headline_score(h)) for h in headlines)
    dates = [_date(f) for f in items]
    start, end = min(dates), max(dates)
    method = (
        f"VADER sentiment (compound score; positive >= {POSITIVE}, negative <= {NEGATIVE}) "
        f"on {len(items)} deduplicated headlines"
    )
    prov = Provenance(
        source="dossier",
        url=VADER_URL,
        retrieved_at=computed_at,
        as_of=end,
        locator="headline sentiment (automated, approximate)",
        licence=VADER_LICENCE,
        constructed=any(f.provenance.constructed for f in items),
    )
    return [
        Fact(
            field="perception",
            value=Measure(
                name=f"headline_{kind}",
                value=float(counts[kind]),
                unit="headlines",
                method=method,
                start=start,
                end=end,
            ),
            provenance=prov,
        )
        for kind in ("positive", "neutral", "negative")
    ]


def _words(text: str) -> list[str]:
    """Lower-case alphabetic words of ``text`` (numbers and mixed tokens such as "q4" dropped)."""
    text = unicodedata.normalize("NFKC", text or "").lower().replace("\u2019", "'")
    text = re.sub(r"'s\b", "", text)  # possessives: "northwind's" counts as "northwind"
    tokens = _NON_WORD.sub(" ", text.replace("'", "")).split()
    return [t for t in tokens if t.isalpha()]


def topics(articles: list[Fact], exclude: set[str], n: int = 8) -> list[tuple[str, int]]:
    """The ``n`` most frequent meaningful words and two-word phrases in the headlines.

    Counts are per headline (a word repeated in one headline counts once). Stopwords, numbers,
    words under three letters, the ``exclude`` words (the company's name) and outlet names are
    dropped. A two-word phrase found in two or more headlines is counted instead of its words.
    Only terms found in at least two headlines are returned, most frequent first.
    """
    items = [f.value for f in articles if isinstance(f.value, Article)]
    drop = set(STOPWORDS)
    for word in exclude:
        drop.update(_words(word))
    for a in items:
        for outlet in (a.outlet, *a.copies):
            drop.update(_words(outlet.replace(".", " ")))
    tokenised = []
    for a in items:
        words = _words(a.headline)
        keep = [w if len(w) >= 3 and w not in drop else None for w in words]
        tokenised.append(keep)
    pair_counts: Counter[str] = Counter()
    for keep in tokenised:
        pair_counts.update({f"{x} {y}" for x, y in zip(keep, keep[1:], strict=False) if x and y})
    good_pairs = {p for p, c in pair_counts.items() if c >= 2}
    counts: Counter[str] = Counter()
    for keep in tokenised:
        terms: set[str] = set()
        covered: set[int] = set()
        for i in range(len(keep) - 1):
            pair = f"{keep[i]} {keep[i + 1]}"
            if keep[i] and keep[i + 1] and pair in good_pairs:
                terms.add(pair)
                covered.update((i, i + 1))
        terms.update(w for i, w in enumerate(keep) if w and i not in covered)
        counts.update(terms)
    ranked = sorted(
        ((t, c) for t, c in counts.items() if c >= 2),
        key=lambda tc: (-tc[1], -tc[0].count(" "), tc[0]),
    )
    return ranked[:n]


def volume_trend(series: Series) -> tuple[float, float, float | None]:
    """Totals of the first and second halves of the period and the % change (None from 0).

    With an odd number of points the middle one belongs to neither half.
    """
    values = [v for _d, v in sorted(series.points)]
    half = len(values) // 2
    first = float(sum(values[:half]))
    second = float(sum(values[len(values) - half :])) if half else 0.0
    change = (second - first) / first * 100.0 if first else None
    return first, second, change
