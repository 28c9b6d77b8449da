"""Build ``eval/neutrality/dev7.jsonl`` and ``eval/neutrality/dev8.jsonl`` from
``eval/neutrality/dev7.raw``: the fifth, cold collection for the neutral-voice lint.

Usage: ``python eval/build_dev7_neutrality.py`` (writes both files; exits 1 on any problem).

The checks of ``build_dev3_neutrality.py``, against every earlier file (dev .. dev6 and test):
an item is refused when its (URL, text), or its text alone, is already in one of them, and a
page is refused when an earlier collection used its URL. Of the held-out files only hashes of
the ``url`` and ``text`` fields are kept, and nothing of them is printed.

The split is the fourth collection's (``build_dev5_neutrality.split``): whole pages, in the
order of the SHA-1 of their URL, each to the part that keeps the running counts of tag,
neutral (plain and trap) and attributed items closest to 60 / 40. ``dev7.jsonl`` (ids
``nv7-NNNN``) is scored cold once and then developed on; ``dev8.jsonl`` (ids ``nv8-NNNN``) is
scored cold once before any change and once after the freeze, totals only, never listed.
"""

from __future__ import annotations

import sys

from build_dev3_neutrality import build_collection
from build_dev5_neutrality import split

EARLIER = ("dev", "dev2", "dev3", "dev4", "dev5", "dev6", "test")


def main() -> int:
    return build_collection("dev7.raw", (("dev7", "nv7"), ("dev8", "nv8")), EARLIER, split)


if __name__ == "__main__":
    sys.exit(main())
