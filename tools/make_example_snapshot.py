"""Assemble the bundled offline snapshots from the fixtures in tests/fixtures/.

Run from the repository root: ``python tools/make_example_snapshot.py``. It writes
examples/apple-inc/snapshot/ (real SEC responses + hand-built Wikidata and Wikipedia
responses, marked ``constructed``) and tests/fixtures/snapshots/nvidia-sec-only/ (real SEC
submissions only). Only a maintainer runs it; nothing reads tests/fixtures at run time.
"""

from __future__ import annotations

import gzip
import json
import shutil
from datetime import UTC, datetime
from pathlib import Path

from dossier.sources import news, wikidata, wikipedia
from dossier.sources.sec import COMPANYFACTS_URL, SUBMISSIONS_URL, TICKERS_URL

ROOT = Path(__file__).resolve().parent.parent
FIX = ROOT / "tests" / "fixtures"
EXAMPLE = ROOT / "examples" / "apple-inc"
SOURCE = EXAMPLE / "source"
#: The demo asks for a year of news (make demo passes --news-days 365).
DEMO_NEWS_DAYS = 365
JSON = "application/json"


def write(dest: Path, entries: list[dict[str, object]]) -> None:
    if dest.exists():
        shutil.rmtree(dest)
    (dest / "bodies").mkdir(parents=True)
    lines = []
    for e in entries:
        src = Path(str(e.pop("file")))
        target = dest / "bodies" / src.name
        shutil.copyfile(src, target)
        e["body"] = f"bodies/{src.name}"
        lines.append(json.dumps(e, ensure_ascii=False))
    (dest / "index.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")


def sec_entries(cik: str, name: str, facts: bool) -> list[dict[str, object]]:
    out: list[dict[str, object]] = [
        {
            "method": "GET",
            "url": SUBMISSIONS_URL.format(cik=cik),
            "status": 200,
            "content_type": JSON,
            "retrieved_at": "2026-03-05T00:00:00+00:00",
            "file": FIX / "sec" / f"submissions_CIK{cik}_{name}.json",
        },
    ]
    if facts:
        out.append(
            {
                "method": "GET",
                "url": COMPANYFACTS_URL.format(cik=cik),
                "status": 200,
                "content_type": JSON,
                "retrieved_at": "2026-03-25T00:00:00+00:00",
                "file": FIX / "sec" / f"companyfacts_CIK{cik}_{name}.json.gz",
            }
        )
    return out


def google_news_rss(articles: Path) -> str:
    """A Google News RSS body around the dated general-news items of the example's articles."""
    from email.utils import format_datetime
    from xml.sax.saxutils import escape

    items = []
    for line in articles.read_text(encoding="utf-8").splitlines():
        a = json.loads(line)
        if a.get("topic") != "news" or not a.get("published"):
            continue
        when = datetime.fromisoformat(a["published"]).replace(hour=12, tzinfo=UTC)
        outlet = a["outlet"]
        items.append(
            "    <item>\n"
            f"      <title>{escape(a['headline'])} - {escape(outlet)}</title>\n"
            f"      <link>{escape(a['url'])}</link>\n"
            f'      <guid isPermaLink="false">{escape(a["url"])}</guid>\n'
            f"      <pubDate>{format_datetime(when, usegmt=True)}</pubDate>\n"
            f"      <description>{escape(a['snippet'])}</description>\n"
            f"      <source>{escape(outlet)}</source>\n"
            "    </item>"
        )
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        "<!-- CONSTRUCTED FROM REAL ARTICLES for dossier's offline example: every item's headline,\n"
        "     snippet, outlet, date and link are those of a real public article (see\n"
        "     examples/apple-inc/articles.jsonl and README.md); the feed around them is hand-built in\n"
        "     the Google News RSS format. Not a recorded response. -->\n"
        '<rss version="2.0">\n  <channel>\n'
        f'    <title>"Apple" when:{DEMO_NEWS_DAYS}d - Google News</title>\n'
        "    <link>https://news.google.com/</link>\n    <language>en-US</language>\n"
        "    <description>Google News (constructed from real articles)</description>\n"
        + "\n".join(items)
        + "\n  </channel>\n</rss>\n"
    )


def main() -> None:
    note = "constructed by hand for the offline example; not a recorded response"
    entity = json.loads((SOURCE / "Q312.json").read_bytes())["entities"]["Q312"]
    label_urls = wikidata.label_urls(wikidata.referenced_items(entity))
    assert len(label_urls) == 1
    apple = [
        {
            "method": "GET",
            "url": TICKERS_URL,
            "status": 200,
            "content_type": JSON,
            "retrieved_at": "2024-05-14T00:00:00+00:00",
            "file": FIX / "sec" / "company_tickers.json.gz",
        },
        *sec_entries("0000320193", "apple", facts=True),
        {
            "method": "GET",
            "url": wikidata.search_url("Apple Inc."),
            "status": 200,
            "content_type": JSON,
            "retrieved_at": "2026-11-20T00:00:00+00:00",
            "constructed": True,
            "note": note,
            "file": SOURCE / "search_apple_inc.json",
        },
        {
            "method": "GET",
            "url": wikidata.entity_url("Q312"),
            "status": 200,
            "content_type": JSON,
            "retrieved_at": "2026-11-20T00:00:00+00:00",
            "constructed": True,
            "note": note,
            "file": SOURCE / "Q312.json",
        },
        {
            "method": "GET",
            "url": label_urls[0],
            "status": 200,
            "content_type": JSON,
            "retrieved_at": "2026-11-20T00:00:00+00:00",
            "constructed": True,
            "note": note,
            "file": SOURCE / "labels_Q312.json",
        },
        {
            "method": "GET",
            "url": wikipedia.revisions_url("en", "Apple Inc."),
            "status": 200,
            "content_type": JSON,
            "retrieved_at": "2026-11-20T00:00:00+00:00",
            "constructed": True,
            "note": note,
            "file": SOURCE / "apple_inc_revisions.json",
        },
    ]
    apple.append(
        {
            "method": "GET",
            "url": "https://www.apple.com/",
            "status": 200,
            "content_type": "text/html; charset=UTF-8",
            "retrieved_at": "2026-02-28T11:28:00+00:00",
            "file": FIX / "website" / "apple.com_homepage_2026-02-28.html",
        }
    )
    rss = google_news_rss(EXAMPLE / "articles.jsonl")
    (SOURCE / "google_news_apple.xml").write_text(rss, encoding="utf-8")
    apple.append(
        {
            "method": "GET",
            "url": news.google_news_url('"Apple"', DEMO_NEWS_DAYS),
            "status": 200,
            "content_type": "application/rss+xml; charset=utf-8",
            "retrieved_at": "2026-11-20T00:00:00+00:00",
            "constructed": True,
            "note": "constructed from real articles: each item's headline, snippet, outlet, "
            "date and link are those of a real public article (examples/apple-inc/articles.jsonl); "
            "the feed around them is hand-built in Google News RSS's format",
            "file": SOURCE / "google_news_apple.xml",
        }
    )
    write(EXAMPLE / "snapshot", apple)
    write(FIX / "snapshots" / "nvidia-sec-only", sec_entries("0001045810", "nvidia", facts=False))
    # The tickers map is not needed offline for a --cik run; keep the NVIDIA snapshot SEC-only.
    assert gzip.decompress((FIX / "sec" / "company_tickers.json.gz").read_bytes())[:1] == b"{"


if __name__ == "__main__":
    main()
