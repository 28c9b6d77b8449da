"""Build ``eval/asks/dev8.jsonl`` and ``eval/asks/dev9.jsonl`` from their ``.raw`` lists: the
eighth collection, cold when it was gathered. dev8 (its first three fifths) is development
data after its one cold scoring; dev9 (the rest) is scored once, at the end, and never listed.

Usage: ``python eval/build_dev8.py`` (writes both files; exits 1 on any problem).

Same format and checks as ``build_dev6.py``: an item is refused when its (URL, text), or its
text alone, is already in ``dev.jsonl`` ... ``dev7.jsonl`` or ``test.jsonl`` (dev9 also
against dev8), and a page is refused when its URL is one an earlier collection used (dev9
shares its pages with dev8, since the harvest was split by item, so dev8 is not counted as
earlier for pages). Only
SHA-256 hashes of the held-out file's ``url`` and ``text`` are kept, and nothing of it is
printed.
"""

from __future__ import annotations

import sys
from collections.abc import Callable

from build_dev2 import build_chain
from build_dev6 import known_pages

EARLIER = ("dev", "dev2", "dev3", "dev4", "dev5", "dev6", "dev7", "test")
PARTS = (
    ("dev8", "ak8", EARLIER),
    ("dev9", "ak9", (*EARLIER, "dev8")),
)


def earlier_than(
    earlier: tuple[str, ...],
) -> Callable[[str, list[dict], tuple[str, ...]], list[str]]:
    """The page check of a harvest split by item: a problem for each page of a part that a
    collection in ``earlier`` (before this harvest) used; the parts share their pages."""

    def refuse(stem: str, items: list[dict], against: tuple[str, ...]) -> list[str]:
        return known_pages(stem, items, tuple(s for s in against if s in earlier))

    return refuse


earlier_pages = earlier_than(EARLIER)


def main() -> int:
    return build_chain(PARTS, refuse=earlier_pages)


if __name__ == "__main__":
    sys.exit(main())
