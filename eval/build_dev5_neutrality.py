"""Build ``eval/neutrality/dev5.jsonl`` and ``eval/neutrality/dev6.jsonl`` from
``eval/neutrality/dev5.raw``: the fourth, cold collection for the neutral-voice lint.

Usage: ``python eval/build_dev5_neutrality.py`` (writes both files; exits 1 on any problem).

The checks of ``build_dev3_neutrality.py``, against every earlier file: an item is refused when
its (URL, text), or its text alone, is already in ``dev``, ``dev2``, ``dev3``, ``dev4`` or
``test``, and a page is refused when an earlier collection used its URL. Of the held-out file
only hashes of the ``url`` and ``text`` fields are kept, and nothing of it is printed.

The split is by page, not by harvest order (the harvest went topic by topic, so a cut in
harvest order would give the two parts different kinds of page). Pages are taken in the order
of the SHA-1 of their URL, and each goes to the part that keeps the running counts of tag,
neutral (plain and trap) and attributed items closest to 60 / 40: ``dev5.jsonl`` (ids
``nv5-NNNN``, scored cold once, then developed on) and ``dev6.jsonl`` (ids ``nv6-NNNN``, kept
cold: scored once before any change and once after the freeze, never listed). Labels decide
only which part a whole page joins; no item is chosen or dropped by its label.
"""

from __future__ import annotations

import hashlib
import sys
from collections import Counter

from build_dev3_neutrality import build_collection

EARLIER = ("dev", "dev2", "dev3", "dev4", "test")
SHARE = 0.6


def _kind(item: dict) -> str:
    return "trap" if item.get("trap") else item["label"]


def _miss(counts: Counter[str], total: Counter[str]) -> float:
    """How far ``counts`` is from SHARE of ``total``, summed over the kinds."""
    return sum(abs(counts[k] - SHARE * total[k]) for k in total)


def split(items: list[dict]) -> tuple[list[dict], list[dict]]:
    """dev5 and dev6: whole pages, in hash order, each to the part that keeps every kind's
    count nearest to SHARE of that kind so far."""
    pages: dict[str, list[dict]] = {}
    for item in items:
        pages.setdefault(item["url"], []).append(item)
    order = sorted(pages, key=lambda u: hashlib.sha1(u.encode("utf-8")).hexdigest())
    first: set[str] = set()
    total: Counter[str] = Counter()
    ours: Counter[str] = Counter()
    for url in order:
        page = Counter(_kind(i) for i in pages[url])
        total += page

        if _miss(ours + page, total) <= _miss(ours, total):
            ours += page
            first.add(url)
    return [i for i in items if i["url"] in first], [i for i in items if i["url"] not in first]


def main() -> int:
    return build_collection("dev5.raw", (("dev5", "nv5"), ("dev6", "nv6")), EARLIER, split)


if __name__ == "__main__":
    sys.exit(main())
