"""Build ``eval/asks/dev6.jsonl`` and ``eval/asks/dev7.jsonl`` from their ``.raw`` lists: the
sixth collection, cold when it was gathered; dev7 (its last third) is kept cold for the end.

Usage: ``python eval/build_dev6.py`` (writes both files; exits 1 on any problem).

Same format and checks as ``build_dev2.py``. An item is refused when its (URL, text), or its
text alone, is already in ``dev.jsonl`` ... ``dev5.jsonl`` or ``test.jsonl`` (dev7 also against
dev6), and a page is refused when its URL is one an earlier collection used: the collection is
meant to come from pages the guard's authors have not read. Only SHA-256 hashes of the held-out
file's ``url`` and ``text`` are kept, and nothing of it is printed.
"""

from __future__ import annotations

import hashlib
import json
import sys
from pathlib import Path

from build_dev2 import build_chain

HERE = Path(__file__).resolve().parent / "asks"
EARLIER = ("dev", "dev2", "dev3", "dev4", "dev5", "test")
PARTS = (
    ("dev6", "ak6", EARLIER),
    ("dev7", "ak7", (*EARLIER, "dev6")),
)


def _url_key(url: str) -> str:
    return hashlib.sha256(url.strip().encode()).hexdigest()


def known_urls(stems: tuple[str, ...]) -> set[str]:
    """Hashes of every URL in the ``stems`` files (nothing else is kept)."""
    keys = set()
    for stem in stems:
        with (HERE / f"{stem}.jsonl").open(encoding="utf-8") as f:
            keys |= {_url_key(json.loads(line)["url"]) for line in f if line.strip()}
    return keys


def known_pages(stem: str, items: list[dict], against: tuple[str, ...]) -> list[str]:
    """A problem for each page of ``stem`` an earlier collection used."""
    used = known_urls(against)
    pages = sorted({i["url"] for i in items if _url_key(i["url"]) in used})
    return [
        f"{HERE / (stem + '.raw')}: page already used by an earlier collection: {u}" for u in pages
    ]


def main() -> int:
    return build_chain(PARTS, refuse=known_pages)


if __name__ == "__main__":
    sys.exit(main())
