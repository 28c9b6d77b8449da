"""Check URLs against the existing splits without reading anything but the ``url`` field.

Usage: ``python eval/agency/tools/known_urls.py URL [URL ...]`` prints, for each URL, whether
dev.jsonl or test.jsonl already holds it (test items are never printed or read beyond ``url``).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent.parent


def urls(split: str) -> set[str]:
    path = HERE / f"{split}.jsonl"
    if not path.exists():
        return set()
    return {json.loads(line)["url"] for line in path.read_text(encoding="utf-8").splitlines() if line}


def known() -> dict[str, set[str]]:
    return {split: urls(split) for split in ("dev", "test")}


if __name__ == "__main__":
    sets = known()
    for url in sys.argv[1:]:
        hits = [s for s, u in sets.items() if url in u]
        print("DUP" if hits else "new", url)
