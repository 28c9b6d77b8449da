"""Build ``eval/neutrality/dev3.jsonl`` and ``eval/neutrality/dev4.jsonl`` from
``eval/neutrality/dev3.raw``: the third, cold collection for the neutral-voice lint.

Usage: ``python eval/build_dev3_neutrality.py`` (writes both files; exits 1 on any problem).

Same format and checks as ``build_dev2.py`` (at most 300 characters, no text twice, http(s)
URLs), and an item is refused when its (URL, text), or its text alone, is already in
``dev.jsonl``, ``dev2.jsonl`` or ``test.jsonl``; a page is refused when an earlier collection
already used its URL (the third collection is from new pages only). Of the held-out file only
hashes of the ``url`` and ``text`` fields are kept, and nothing of it is printed.

The harvest is split in harvest order at the page boundary nearest to 60 %: the first part is
``dev3.jsonl`` (ids ``nv3-NNNN``), scored cold once and then developed on; the rest is
``dev4.jsonl`` (ids ``nv4-NNNN``), kept cold and scored once at the very end.
"""

from __future__ import annotations

import hashlib
import json
import sys
from collections.abc import Callable
from pathlib import Path

from build_dev2 import build

HERE = Path(__file__).resolve().parent / "neutrality"
EARLIER = ("dev", "dev2", "test")
SHARE = 0.6


def _url_key(url: str) -> str:
    return hashlib.sha256(url.strip().rstrip("/").lower().encode()).hexdigest()


def _earlier_pages(splits: tuple[str, ...] = EARLIER) -> set[str]:
    """Hashes of every page URL an earlier collection used (only the ``url`` field is read)."""
    keys = set()
    for split in splits:
        with (HERE / f"{split}.jsonl").open(encoding="utf-8") as f:
            keys |= {_url_key(json.loads(line)["url"]) for line in f if line.strip()}
    return keys


def split(items: list[dict]) -> tuple[list[dict], list[dict]]:
    """The first part (about 60 %, ending at a page boundary) and the rest."""
    target = round(len(items) * SHARE)
    bounds = [i for i in range(1, len(items)) if items[i]["url"] != items[i - 1]["url"]]
    cut = min(bounds, key=lambda i: abs(i - target)) if bounds else len(items)
    return items[:cut], items[cut:]


def _write(stem: str, prefix: str, part: list[dict]) -> None:
    out = HERE / f"{stem}.jsonl"
    with out.open("w", encoding="utf-8") as f:
        for n, item in enumerate(part, 1):
            f.write(json.dumps({**item, "id": f"{prefix}-{n:04d}"}, ensure_ascii=False) + "\n")
    labels = {k: sum(1 for i in part if i["label"] == k) for k in ("tag", "neutral", "attributed")}
    traps = sum(1 for i in part if i.get("trap"))
    print(
        f"{out}: {len(part)} items ({labels['tag']} tag, {labels['neutral']} neutral "
        f"of which {traps} traps, {labels['attributed']} attributed)"
    )


def build_collection(
    raw_name: str,
    parts: tuple[tuple[str, str], tuple[str, str]],
    earlier: tuple[str, ...],
    splitter: Callable[[list[dict]], tuple[list[dict], list[dict]]],
) -> int:
    """Build a cold collection from ``raw_name`` into two parts ((stem, id prefix), ...), split
    by ``splitter``, refusing what the ``earlier`` files hold; 1 and the problems on stderr if
    anything is refused."""
    items, problems = build("neutrality", parts[0][1], raw_name=raw_name, against=earlier)
    used = _earlier_pages(earlier)
    for url in dict.fromkeys(i["url"] for i in items):
        if _url_key(url) in used:
            problems.append(f"{HERE / raw_name}: page already used by an earlier collection: {url}")
    if not problems:
        for (stem, prefix), part in zip(parts, splitter(items), strict=True):
            _write(stem, prefix, part)
    for p in problems:
        print(p, file=sys.stderr)
    return 1 if problems else 0


def main() -> int:
    return build_collection("dev3.raw", (("dev3", "nv3"), ("dev4", "nv4")), EARLIER, split)


if __name__ == "__main__":
    sys.exit(main())
