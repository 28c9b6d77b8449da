"""Build ``dev7.jsonl`` and ``dev8.jsonl`` from the hand-written working file ``dev7_raw.txt``.

The format is that of ``dev2_raw.txt`` (see ``build_dev2.py``). dev7 and dev8 are one cold
collection (1 December 2026), made before any code changed for it. The items are kept in the
order they were collected; the first page boundary after 60% of the items splits them (as in
``build_dev5.py``): the first part is ``dev7.jsonl`` (scored cold once, then developed on), the
rest ``dev8.jsonl`` (kept cold: its per-item results are not looked at; scored once after the
freeze of the round). A listing page's items stay in one file.

Checks, besides those of ``build_dev2.parse``: no URL, and no (headline, snippet) text, is already
in dev..dev6 or test. Only hashes of the ``url`` field and of the headline and snippet of those
files are kept, and nothing of the held-out file is ever printed.
"""

from __future__ import annotations

import sys

from build_dev5 import build

AGAINST = ("dev", "dev2", "dev3", "dev4", "dev5", "dev6", "test")


def main() -> int:
    return build("dev7_raw.txt", AGAINST, ("dev7", "dev8"), "doubtful7.tsv")


if __name__ == "__main__":
    sys.exit(main())
