"""Build ``eval/asks/dev12.jsonl`` and ``eval/asks/dev13.jsonl`` from their ``.raw`` lists: the
twelfth collection, cold when it was gathered, all of it from the ``pages`` corpus. dev12 (about
half, by a hash of URL and text) was scored cold once before any rule changed and is development
data after that; dev13 (the rest) is scored once, after the freeze, and only its totals are ever
printed.

Usage: ``python eval/build_dev12.py`` (writes both files; exits 1 on any problem).

Same format and checks as ``build_dev10.py``: an item is refused when its (URL, text), or its
text alone, is already in ``dev.jsonl`` ... ``dev11.jsonl`` or ``test.jsonl`` (dev13 also against
dev12), and a page is refused when its URL is one an earlier collection used (dev13 shares its
pages with dev12, since the harvest was split by item). Only SHA-256 hashes of the held-out
files' ``url`` and ``text`` are kept, and nothing of them is printed. It also checks the split:
an item belongs to dev12 when the first byte of SHA-256(URL + "\\n" + text) is below 128.
"""

from __future__ import annotations

import hashlib
import sys

from build_dev2 import HERE, build_chain
from build_dev8 import earlier_than

EARLIER = (
    "dev",
    "dev2",
    "dev3",
    "dev4",
    "dev5",
    "dev6",
    "dev7",
    "dev8",
    "dev9",
    "dev10",
    "dev11",
    "test",
)
PARTS = (
    ("dev12", "ak12", EARLIER),
    ("dev13", "ak13", (*EARLIER, "dev12")),
)


def split_of(url: str, text: str) -> str:
    """The part an item of this harvest belongs to, by the hash rule it was split with."""
    first = hashlib.sha256(f"{url}\n{text}".encode()).digest()[0]
    return "dev12" if first < 128 else "dev13"


def misplaced() -> list[str]:
    """A problem for each line of a ``.raw`` file the hash rule puts in the other part."""
    problems = []
    for stem in ("dev12", "dev13"):
        raw = HERE / "asks" / f"{stem}.raw"
        url = ""
        for n, line in enumerate(raw.read_text(encoding="utf-8").splitlines(), 1):
            if line.startswith("@ "):
                url = line[2:].strip()
            elif " :: " in line and not line.startswith("#"):
                text = line.split(" :: ", 1)[1]
                if split_of(url, text) != stem:
                    problems.append(f"{raw}:{n}: belongs to {split_of(url, text)}.raw")
    return problems


def main() -> int:
    problems = misplaced()
    for p in problems:
        print(p, file=sys.stderr)
    if problems:
        return 1
    return build_chain(PARTS, refuse=earlier_than(EARLIER))


if __name__ == "__main__":
    sys.exit(main())
