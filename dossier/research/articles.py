"""Articles from the user's own tools (``--articles FILE``): CSV, XLSX or JSON Lines.

Media-monitoring exports (Meltwater, Cision, Muck Rack, Google Alerts sheets, a hand-made list)
name their columns differently; the aliases below map them. Each row becomes an Article fact
cited to the article's own URL, with the file and line as the locator, and feeds the agency
evidence step exactly as searched news does. Bad input stops with the file and line named.
"""

from __future__ import annotations

import csv
import io
import json
import re
import unicodedata
from datetime import UTC, date, datetime, time
from functools import lru_cache
from pathlib import Path
from typing import Any

from ..errors import ConfigError
from ..model import Article, Fact, Provenance

#: The source name and label of facts from an articles file.
SOURCE = "articles"
LABEL = "Articles file supplied by the user"
MAX_SUMMARY = 500
COLUMNS: dict[str, tuple[str, ...]] = {
    "headline": ("headline", "title", "article title", "story title", "heading", "subject"),
    "summary": (
        "snippet", "summary", "text", "description", "excerpt", "lede", "lead", "abstract",
        "opening text", "hit sentence", "article text", "content", "body", "extract",
    ),
    "url": ("url", "link", "article url", "article link", "permalink", "source url", "web url"),
    "published": (
        "published", "date", "publish date", "published date", "publication date", "pub date",
        "date published", "published at", "datetime", "date time", "time", "article date",
    ),
    "outlet": (
        "outlet", "source", "publication", "source name", "media outlet", "publisher", "site",
        "media", "source title", "outlet name", "media title", "news source",
    ),
    # true for a row built by hand from real articles (shown as constructed to the reviewer)
    "constructed": ("constructed",),
}  # fmt: skip
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2066-\u2069]")


def _norm(header: str) -> str:
    return re.sub(r"[\W_]+", "", str(header).casefold())


def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime | date):
        return value.isoformat()
    return " ".join(_CONTROL.sub(" ", unicodedata.normalize("NFC", str(value))).split())


def parse_when(value: object) -> datetime | None:
    """A date or date-time as exports write it (ISO, "1 March 2024", d/m/Y when unambiguous)."""
    if isinstance(value, datetime):
        return value if value.tzinfo else value.replace(tzinfo=UTC)
    if isinstance(value, date):
        return datetime.combine(value, time(), tzinfo=UTC)
    s = _text(value)
    if not s:
        return None
    iso = s.replace("Z", "+00:00").replace(" ", "T", 1) if re.match(r"\d{4}-\d\d-\d\d", s) else ""
    if iso:
        try:
            d = datetime.fromisoformat(iso)
            return d if d.tzinfo else d.replace(tzinfo=UTC)
        except ValueError:
            pass
    if m := re.fullmatch(r"(\d{1,2})[/.](\d{1,2})[/.](\d{4})(?:[ T].*)?", s):
        first, second, year = map(int, m.groups())
        if first != second and first <= 12 and second <= 12:
            raise ValueError(f"{s!r} could be day/month or month/day; write it as YYYY-MM-DD")
        day, month = (first, second) if first > 12 else (second, first)
        return datetime(year, month, day, tzinfo=UTC)
    cleaned = " ".join(re.sub(r"(?<=\d)(st|nd|rd|th)\b|,", " ", s).split())
    for fmt in ("%d %B %Y", "%d %b %Y", "%B %d %Y", "%b %d %Y", "%a %d %b %Y %H:%M:%S %z"):
        try:
            d = datetime.strptime(cleaned, fmt)
            return d if d.tzinfo else d.replace(tzinfo=UTC)
        except ValueError:
            continue
    raise ValueError(f"{s!r} is not a date dossier can read; write it as YYYY-MM-DD")


def _columns(headers: list[str], path: Path) -> dict[str, int]:
    index: dict[str, int] = {}
    for i, h in enumerate(headers):
        index.setdefault(_norm(h), i)
    found = {}
    for field, aliases in COLUMNS.items():
        hit = next((index[_norm(a)] for a in aliases if _norm(a) in index), None)
        if hit is not None:
            found[field] = hit
    missing = [f for f in ("headline", "url") if f not in found]
    if missing:
        seen = ", ".join(h for h in headers if h) or "none"
        want = "; ".join(f"{f}: {', '.join(COLUMNS[f][:4])}" for f in missing)
        raise ConfigError(
            f"{path.name}: no column for the {' and the '.join(missing)}. Columns found: {seen}. "
            f"Expected (any of): {want}."
        )
    return found


def _decode(data: bytes, path: Path) -> str:
    for bom, enc in (
        (b"\xef\xbb\xbf", "utf-8-sig"),
        (b"\xff\xfe", "utf-16"),
        (b"\xfe\xff", "utf-16"),
    ):
        if data.startswith(bom):
            return data.decode(enc)
    for enc in ("utf-8", "cp1252"):
        try:
            return data.decode(enc)
        except UnicodeDecodeError:
            continue
    raise ConfigError(f"{path.name} is not UTF-8 or Windows-1252 text; save it as UTF-8.")


def _rows(path: Path) -> list[tuple[int, dict[str, Any]]]:
    """(line or row number, {field: raw value}) for every non-blank row."""
    suffix = path.suffix.lower()
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ConfigError(f"The articles file {path} could not be read: {exc}.") from exc
    out: list[tuple[int, dict[str, Any]]] = []
    if suffix in (".jsonl", ".ndjson", ".json"):
        text = _decode(data, path)
        for n, line in enumerate(text.splitlines(), 1):
            if not line.strip():
                continue
            try:
                item = json.loads(line)
            except ValueError as exc:
                raise ConfigError(f"{path.name} line {n} is not a JSON object: {exc}.") from exc
            if not isinstance(item, dict):
                raise ConfigError(f"{path.name} line {n} is not a JSON object.")
            cols = _columns(list(item), path)
            keys = list(item)
            out.append((n, {f: item[keys[i]] for f, i in cols.items()}))
        return out
    if suffix in (".xlsx", ".xlsm"):
        import openpyxl

        try:
            book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
            rows = [list(r) for r in book.worksheets[0].iter_rows(values_only=True)]
            book.close()
        except Exception as exc:  # openpyxl raises many types on a damaged file
            raise ConfigError(
                f"{path.name} could not be read as an Excel workbook ({type(exc).__name__}); "
                "save it again as .xlsx or export it as CSV."
            ) from exc
    elif suffix in (".csv", ".tsv", ".txt"):
        text = _decode(data, path)
        sample = text[:8192]
        try:
            delim = csv.Sniffer().sniff(sample, delimiters=",;\t").delimiter
        except csv.Error:
            delim = "\t" if suffix == ".tsv" else ","
        reader = csv.reader(io.StringIO(text, newline=""), delimiter=delim)
        try:
            rows = [list(r) for r in reader]
        except csv.Error as exc:
            raise ConfigError(
                f"{path.name} line {reader.line_num} is not valid CSV: {exc}."
            ) from exc
    else:
        raise ConfigError(
            f"{path.name}: use a .csv, .xlsx or .jsonl file of articles (found {suffix or 'no suffix'})."
        )
    start = next((i for i, r in enumerate(rows) if any(_text(c) for c in r)), None)
    if start is None:
        return []
    cols = _columns([_text(c) for c in rows[start]], path)
    for n, row in enumerate(rows[start + 1 :], start + 2):
        if any(_text(c) for c in row):
            out.append((n, {f: row[i] if i < len(row) else None for f, i in cols.items()}))
    return out


def load_articles(path: Path) -> list[Fact]:
    """Article facts from an articles file; ConfigError naming the file and line on bad input."""
    path = Path(path)
    if not path.is_file():
        raise ConfigError(f"The articles file {path} does not exist. Check the path.")
    stamp = path.stat().st_mtime
    return list(_load(path.resolve(), stamp))


@lru_cache(maxsize=8)
def _load(path: Path, stamp: float) -> tuple[Fact, ...]:
    retrieved = datetime.fromtimestamp(stamp, UTC)
    facts = []
    seen: set[str] = set()
    for n, row in _rows(path):
        where = f"{path.name} line {n}"
        headline, url = _text(row.get("headline")), _text(row.get("url"))
        if not headline:
            raise ConfigError(f"{where} has no headline.")
        if not re.match(r"https?://[^\s/]+", url):
            raise ConfigError(f"{where} has no http(s) URL (found {url[:60]!r}).")
        try:
            published = parse_when(row.get("published"))
        except ValueError as exc:
            raise ConfigError(f"{where}: the date {exc}.") from exc
        if url in seen:
            continue
        seen.add(url)
        article = Article(
            headline=headline[:300],
            outlet=_text(row.get("outlet"))[:120],
            published=published,
            url=url,
            summary=_text(row.get("summary"))[:MAX_SUMMARY],
        )
        prov = Provenance(
            source=SOURCE,
            url=url,
            retrieved_at=retrieved,
            as_of=published.date() if published else retrieved.date(),
            locator=where,
            constructed=_text(row.get("constructed")).lower() in ("true", "1", "yes"),
            licence="Headline and snippet as supplied; the articles are the publishers' copyright",
        )
        facts.append(Fact(field="relationship", value=article, provenance=prov))
    return tuple(facts)
