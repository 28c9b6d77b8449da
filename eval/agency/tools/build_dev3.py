"""Build ``dev3.jsonl`` and ``dev4.jsonl`` from the hand-written working file ``dev3_raw.txt``.

The format is that of ``dev2_raw.txt`` (see ``build_dev2.py``). dev3 and dev4 are one cold
collection (December 2026), split by page: an item goes to dev4 when
``int(sha1(url).hexdigest(), 16) % 4 == 0``, so the items of one listing page stay together.
dev4 is kept unscored until the end of a round of rule changes, as a second cold check.

Checks, besides those of ``build_dev2.parse``: no URL, and no (headline, snippet) text, is already
in dev.jsonl, dev2.jsonl or test.jsonl. For every file only hashes of the ``url`` field and of
the headline and snippet are kept, and nothing of the held-out file is ever printed.
"""

from __future__ import annotations

import hashlib
import json
import sys
from pathlib import Path

from build_dev2 import parse, record

HERE = Path(__file__).resolve().parent.parent
AGAINST = ("dev", "dev2", "test")


def _h(text: str) -> str:
    return hashlib.sha256(" ".join(text.lower().split()).encode()).hexdigest()


def _known(against: tuple[str, ...] = AGAINST) -> tuple[set[str], set[str]]:
    """Hashes of the URLs and of the headline+snippet texts already in the other files."""
    urls, texts = set(), set()
    for name in against:
        for line in (HERE / f"{name}.jsonl").read_text(encoding="utf-8").splitlines():
            if line.strip():
                item = json.loads(line)
                urls.add(_h(item["url"]))
                texts.add(_h(f"{item['headline']}\n{item['snippet']}"))
    return urls, texts


def write_split(name: str, out: list[dict]) -> None:
    """Write ``<name>.jsonl`` and print its counts."""
    (HERE / f"{name}.jsonl").write_text("".join(json.dumps(o, ensure_ascii=False) + "\n" for o in out), encoding="utf-8")
    rel = [o for o in out if o["kind"] == "relation"]
    n_rel = sum(len(o["relations"]) for o in out)
    print(f"{name}: {len(out)} items: {len(rel)} with relations ({n_rel} relations), {len(out) - len(rel)} distractors")


def to_dev4(url: str) -> bool:
    return int(hashlib.sha1(url.encode()).hexdigest(), 16) % 4 == 0


def main() -> int:
    items = parse((HERE / "dev3_raw.txt").read_text(encoding="utf-8"))
    urls, texts = _known()
    bad = [i["url"] for i in items if _h(i["url"]) in urls]
    bad += [i["url"] for i in items if _h(f"{i['headline']}\n{i['snippet']}") in texts]
    if bad:
        raise SystemExit("already in dev, dev2 or test: " + " ".join(sorted(set(bad))))
    pairs = [(i["url"], i["headline"], i["snippet"]) for i in items]
    if len(set(pairs)) != len(pairs):
        raise SystemExit("an item is listed twice")
    files: dict[str, list[dict]] = {"dev3": [], "dev4": []}
    doubts: list[str] = []
    for i in items:
        name = "dev4" if to_dev4(i["url"]) else "dev3"
        rid = f"ag{name[-1]}-{len(files[name]) + 1:04d}"
        files[name].append(record(rid, i))
        if i["note"]:
            doubts.append(f"{rid}\t{i['note']}")
    for name, out in files.items():
        write_split(name, out)
    (HERE / "doubtful3.tsv").write_text("id\tnote\n" + "".join(d + "\n" for d in doubts), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
