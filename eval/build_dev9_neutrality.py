"""Build ``eval/neutrality/dev9.jsonl`` and ``eval/neutrality/dev10.jsonl`` from
``eval/neutrality/dev9.raw``: the sixth, cold collection for the neutral-voice lint.

Usage: ``python eval/build_dev9_neutrality.py`` (writes both files; exits 1 on any problem).

The checks of ``build_dev3_neutrality.py``, against every earlier file (dev .. dev8 and test):
an item is refused when its (URL, text), or its text alone, is already in one of them, and a
page is refused when an earlier collection used its URL. Of the held-out files only hashes of
the ``url`` and ``text`` fields are kept, and nothing of them is printed.

The split is the fourth collection's (``build_dev5_neutrality.split``): whole pages, in the
order of the SHA-1 of their URL, each to the part that keeps the running counts of tag,
neutral (plain and trap) and attributed items closest to 60 / 40. ``dev9.jsonl`` (ids
``nv9-NNNN``) is scored cold once and then developed on; ``dev10.jsonl`` (ids ``nv10-NNNN``)
is scored once, after the round's freeze, totals only, never listed.
"""

from __future__ import annotations

import sys

from build_dev3_neutrality import build_collection
from build_dev5_neutrality import split

EARLIER = ("dev", "dev2", "dev3", "dev4", "dev5", "dev6", "dev7", "dev8", "test")


def main() -> int:
    return build_collection("dev9.raw", (("dev9", "nv9"), ("dev10", "nv10")), EARLIER, split)


if __name__ == "__main__":
    sys.exit(main())
