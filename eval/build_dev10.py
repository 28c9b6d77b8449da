"""Build ``eval/asks/dev10.jsonl`` and ``eval/asks/dev11.jsonl`` from their ``.raw`` lists: the
tenth collection, cold when it was gathered. dev10 (about half, by a hash of URL and text) is
development data after its one cold scoring; dev11 (the rest) is scored once, at the end, and
only its totals are ever printed.

Usage: ``python eval/build_dev10.py`` (writes both files; exits 1 on any problem).

Same format and checks as ``build_dev8.py``: an item is refused when its (URL, text), or its
text alone, is already in ``dev.jsonl`` ... ``dev9.jsonl`` or ``test.jsonl`` (dev11 also against
dev10), and a page is refused when its URL is one an earlier collection used (dev11 shares its
pages with dev10, since the harvest was split by item). Only SHA-256 hashes of the held-out
files' ``url`` and ``text`` are kept, and nothing of them is printed.
"""

from __future__ import annotations

import sys

from build_dev2 import build_chain
from build_dev8 import earlier_than

EARLIER = ("dev", "dev2", "dev3", "dev4", "dev5", "dev6", "dev7", "dev8", "dev9", "test")
PARTS = (
    ("dev10", "ak10", EARLIER),
    ("dev11", "ak11", (*EARLIER, "dev10")),
)


def main() -> int:
    return build_chain(PARTS, refuse=earlier_than(EARLIER))


if __name__ == "__main__":
    sys.exit(main())
