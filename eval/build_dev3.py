"""Build ``eval/asks/dev3.jsonl`` from ``eval/asks/dev3.raw``: the third, cold collection.

Usage: ``python eval/build_dev3.py`` (writes the file; exits 1 on any problem).

Same format and checks as ``build_dev2.py``; an item is refused when its (URL, text), or its
text alone, is already in ``dev.jsonl``, ``dev2.jsonl`` or ``test.jsonl``. Only hashes of the
held-out file's ``url`` and ``text`` are kept, and nothing of it is printed.
"""

from __future__ import annotations

import sys

from build_dev2 import build, write_asks


def main() -> int:
    items, problems = build("asks", "ak3", raw_name="dev3.raw", against=("dev", "dev2", "test"))
    if not problems:
        write_asks("dev3", items)
    for p in problems:
        print(p, file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
