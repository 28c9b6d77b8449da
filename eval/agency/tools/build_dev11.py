"""Build ``dev11.jsonl`` and ``dev12.jsonl`` from the hand-written working file ``dev11_raw.txt``.

The format is that of ``dev2_raw.txt`` (see ``build_dev2.py``). dev11 and dev12 are one cold
collection (2 December 2026), made before any code changed for it. The items are kept in the
order they were collected; the first page boundary after half of the items splits them (as in
``build_dev9.py``): the first part is ``dev11.jsonl`` (scored cold once, then developed on), the
rest ``dev12.jsonl`` (kept cold: only its totals are ever looked at; scored once after the
freeze of the round). A listing page's items stay in one file.

Checks, besides those of ``build_dev2.parse``: no URL, and no (headline, snippet) text, is already
in dev..dev10 or test. Only hashes of the ``url`` field and of the headline and snippet of those
files are kept, and nothing of the held-out files is ever printed.
"""

from __future__ import annotations

import sys

from build_dev5 import build

AGAINST = ("dev", "dev2", "dev3", "dev4", "dev5", "dev6", "dev7", "dev8", "dev9", "dev10", "test")


def main() -> int:
    return build("dev11_raw.txt", AGAINST, ("dev11", "dev12"), "doubtful11.tsv", share=0.5)


if __name__ == "__main__":
    sys.exit(main())
