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
from pathlib import Path

from build_dev2 import parse, record
from build_dev3 import _h, _known, write_split
from build_dev5 import split_at

HERE = Path(__file__).resolve().parent.parent
AGAINST = ("dev", "dev2", "dev3", "dev4", "dev5", "dev6", "test")


def main() -> int:
    items = parse((HERE / "dev7_raw.txt").read_text(encoding="utf-8"))
    urls, texts = _known(AGAINST)
    bad = [i["url"] for i in items if _h(i["url"]) in urls]
    bad += [i["url"] for i in items if _h(f"{i['headline']}\n{i['snippet']}") in texts]
    if bad:
        raise SystemExit("already in dev..dev6 or test: " + " ".join(sorted(set(bad))))
    pairs = [(i["url"], i["headline"], i["snippet"]) for i in items]
    if len(set(pairs)) != len(pairs):
        raise SystemExit("an item is listed twice")
    cut = split_at(items)
    files = {"dev7": items[:cut], "dev8": items[cut:]}
    doubts: list[str] = []
    for name, part in files.items():
        out = []
        for n, i in enumerate(part, 1):
            rid = f"ag{name[-1]}-{n:04d}"
            out.append(record(rid, i))
            if i["note"]:
                doubts.append(f"{rid}\t{i['note']}")
        write_split(name, out)
    (HERE / "doubtful7.tsv").write_text("id\tnote\n" + "".join(d + "\n" for d in doubts), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
