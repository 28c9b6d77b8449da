"""Build ``dev5.jsonl`` and ``dev6.jsonl`` from the hand-written working file ``dev5_raw.txt``.

The format is that of ``dev2_raw.txt`` (see ``build_dev2.py``). dev5 and dev6 are one cold
collection (1 December 2026), made before any rule changed for it. The items are kept in the
order they were collected; the first page boundary after 60% of the items splits them: the first
part is ``dev5.jsonl`` (scored cold once, then developed on), the rest ``dev6.jsonl`` (kept cold,
scored once at the end of the round). A listing page's items stay in one file.

Checks, besides those of ``build_dev2.parse``: no URL, and no (headline, snippet) text, is already
in dev.jsonl, dev2.jsonl, dev3.jsonl, dev4.jsonl or test.jsonl. For every file only hashes of the
``url`` field and of the headline and snippet are kept, and nothing of the held-out file is ever
printed.
"""

from __future__ import annotations

import sys
from pathlib import Path

from build_dev2 import parse, record
from build_dev3 import _h, _known, write_split

HERE = Path(__file__).resolve().parent.parent
AGAINST = ("dev", "dev2", "dev3", "dev4", "test")
SHARE = 0.6


def split_at(items: list[dict], share: float = SHARE) -> int:
    """Index of the first item of dev6: the first page boundary at or after ``share`` of the items."""
    cut = round(len(items) * share)
    while 0 < cut < len(items) and items[cut]["url"] == items[cut - 1]["url"]:
        cut += 1
    return cut


def build(raw: str, against: tuple[str, ...], names: tuple[str, str], doubts_file: str, share: float = SHARE) -> int:
    """Build the two files ``names`` of one cold collection from the working file ``raw``: the
    items in the order collected, split at the first page boundary after ``share`` of them, none
    already in the files ``against`` (by hash); the doubtful items' notes go to ``doubts_file``."""
    items = parse((HERE / raw).read_text(encoding="utf-8"))
    urls, texts = _known(against)
    bad = [i["url"] for i in items if _h(i["url"]) in urls]
    bad += [i["url"] for i in items if _h(f"{i['headline']}\n{i['snippet']}") in texts]
    if bad:
        raise SystemExit(f"already in {', '.join(against)}: " + " ".join(sorted(set(bad))))
    pairs = [(i["url"], i["headline"], i["snippet"]) for i in items]
    if len(set(pairs)) != len(pairs):
        raise SystemExit("an item is listed twice")
    cut = split_at(items, share)
    files = {names[0]: items[:cut], names[1]: items[cut:]}
    doubts: list[str] = []
    for name, part in files.items():
        out = []
        for n, i in enumerate(part, 1):
            rid = f"ag{name[3:]}-{n:04d}"
            out.append(record(rid, i))
            if i["note"]:
                doubts.append(f"{rid}\t{i['note']}")
        write_split(name, out)
    (HERE / doubts_file).write_text("id\tnote\n" + "".join(d + "\n" for d in doubts), encoding="utf-8")
    return 0


def main() -> int:
    return build("dev5_raw.txt", AGAINST, ("dev5", "dev6"), "doubtful5.tsv")


if __name__ == "__main__":
    sys.exit(main())
