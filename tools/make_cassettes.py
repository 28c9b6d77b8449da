"""Build the constructed vcrpy cassettes in tests/cassettes/ from the fixtures in tests/fixtures/.

Only the SEC cassette there is a real recording (copied as it is). The others are built here,
by hand in vcrpy's format, because no real recording of those sources was available: each
says "constructed" in a comment, in a top-level ``constructed`` key and in every response's
``X-Dossier-Constructed`` header, and tests/cassettes/README.md lists them.

Run: ``python tools/make_cassettes.py`` (deterministic; rerun after changing a fixture).
"""

from __future__ import annotations

import gzip
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from dossier.model import Identifiers  # noqa: E402
from dossier.sources import news, wikidata  # noqa: E402
from dossier.sources.base import Entity  # noqa: E402

NORTHWIND = Entity(name="Northwind Traders", ids=Identifiers())

FIXTURES = ROOT / "tests" / "fixtures"
OUT = ROOT / "tests" / "cassettes"
DATE = "Thu, 05 Mar 2026 12:00:00 GMT"
NOTE = (
    "CONSTRUCTED, not recorded: built by tools/make_cassettes.py from the hand-built fixtures "
    "named in each interaction's X-Dossier-Fixture header (see tests/cassettes/README.md)."
)


def fixture(*parts: str) -> bytes:
    data = FIXTURES.joinpath(*parts).read_bytes()
    return gzip.decompress(data) if parts[-1].endswith(".gz") else data


def interaction(
    url: str,
    body: bytes,
    content_type: str,
    source: str,
    status: int = 200,
    extra: dict[str, str] | None = None,
) -> dict[str, object]:
    headers = {
        "Content-Type": [content_type],
        "Content-Length": [str(len(body))],
        "Date": [DATE],
        "X-Dossier-Constructed": ["true"],
        "X-Dossier-Fixture": [source],
        **{k: [v] for k, v in (extra or {}).items()},
    }
    return {
        "request": {"body": None, "headers": {}, "method": "GET", "uri": url},
        "response": {
            "body": {"string": body.decode("utf-8")},
            "headers": headers,
            "status": {
                "code": status,
                "message": {200: "OK", 301: "Moved Permanently", 404: "Not Found"}[status],
            },
        },
    }


def write(name: str, interactions: list[dict[str, object]]) -> None:
    OUT.mkdir(exist_ok=True)
    text = yaml.safe_dump(
        {"constructed": True, "note": NOTE, "interactions": interactions, "version": 1},
        sort_keys=False,
        allow_unicode=True,
        width=100,
    )
    (OUT / name).write_text(f"# {NOTE}\n" + text, encoding="utf-8")
    print(f"wrote tests/cassettes/{name} ({len(interactions)} interactions)")


def main() -> None:
    q312 = fixture("wikidata", "Q312.json")
    ids = wikidata.referenced_items(wikidata._entity(q312))
    [labels_url] = wikidata.label_urls(ids)
    write(
        "wikidata_apple.constructed.yaml",
        [
            interaction(
                wikidata.search_url("Apple Inc."),
                fixture("wikidata", "search_apple_inc.json"),
                "application/json; charset=utf-8",
                "tests/fixtures/wikidata/search_apple_inc.json",
            ),
            interaction(
                wikidata.entity_url("Q312"),
                q312,
                "application/json",
                "tests/fixtures/wikidata/Q312.json",
            ),
            interaction(
                labels_url,
                fixture("wikidata", "labels_Q312.json"),
                "application/json; charset=utf-8",
                "tests/fixtures/wikidata/labels_Q312.json",
            ),
        ],
    )
    site = "https://www.northwind-creative.com"
    write(
        "website_northwind.constructed.yaml",
        [
            interaction(
                f"{site}/robots.txt",
                fixture("website", "northwind_robots.txt"),
                "text/plain",
                "tests/fixtures/website/northwind_robots.txt",
            ),
            interaction(
                f"{site}/",
                fixture("website", "northwind_home.html"),
                "text/html; charset=utf-8",
                "tests/fixtures/website/northwind_home.html",
            ),
            # The about page has moved to a site builder on another domain: not the company's
            # own words (constructed to test the same-site rule).
            interaction(
                f"{site}/about",
                b"",
                "text/html",
                "none (an empty redirect)",
                status=301,
                extra={"Location": "https://northwind-creative.sitebuilder.example/about"},
            ),
            interaction(
                f"{site}/work/",
                b"",
                "text/html",
                "none (an empty 404)",
                status=404,
            ),
        ],
    )
    write(
        "google_news_northwind.constructed.yaml",
        [
            interaction(
                news.google_news_url(news.search_query(NORTHWIND, {}), 90),
                fixture("news", "google_news_northwind.xml"),
                "application/xml; charset=utf-8",
                "tests/fixtures/news/google_news_northwind.xml",
            )
        ],
    )


if __name__ == "__main__":
    main()
