"""Build ``eval/asks/dev4.jsonl`` and ``eval/asks/dev5.jsonl`` from their ``.raw`` lists: the
fourth and fifth, cold collections.

Usage: ``python eval/build_dev4.py`` (writes both files; exits 1 on any problem).

Same format and checks as ``build_dev2.py``. An item of dev4 is refused when its (URL, text),
or its text alone, is already in ``dev.jsonl``, ``dev2.jsonl``, ``dev3.jsonl`` or
``test.jsonl``; an item of dev5 also when it is in ``dev4.raw``. Only hashes of the held-out
file's ``url`` and ``text`` are kept, and nothing of it is printed.
"""

from __future__ import annotations

import sys

from build_dev2 import build_chain

PARTS = (
    ("dev4", "ak4", ("dev", "dev2", "dev3", "test")),
    ("dev5", "ak5", ("dev", "dev2", "dev3", "dev4", "test")),
)


def main() -> int:
    return build_chain(PARTS)


if __name__ == "__main__":
    sys.exit(main())
