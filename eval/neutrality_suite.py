"""The neutral-voice lint, scored on real sentences (``eval/neutrality/``).

Recall: a "tag" sentence (one a Wikipedia editor would tag) counts as caught when the lint has
any finding in it (error or warning: both send the sentence to a person). False positives: a
"neutral" or "attributed" sentence counts as flagged when the lint has an *error* in it (a
warning is advice; an error fails the audit). The lint gets the names a caller would give it:
the agency gazetteer's names, always; the record's names (the item's labelled ``names``) only in
the figure marked "with record names", since most sentences come with no record.
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from collections.abc import Callable, Sequence
from functools import lru_cache
from pathlib import Path

from dossier.agency.gazetteer import load_gazetteer
from dossier.writing.neutrality import Finding, lint_text, load_categories

HERE = Path(__file__).resolve().parent / "neutrality"


# "dev" is everything we develop on: the hash-split dev.jsonl, the later dev2.jsonl, dev3.jsonl
# and dev4.jsonl (the third collection, eval/build_dev3_neutrality.py: dev3 scored cold, then
# developed on; dev4 scored cold once at the end of that round, then developed on in the
# fourth) and dev5.jsonl. dev5.jsonl and dev6.jsonl are the fourth collection
# (eval/build_dev5_neutrality.py): dev5 scored cold once, then developed on; dev6 scored cold
# once before the fourth round's changes and is scored with the held-out test (make eval),
# never listed. dev7.jsonl and dev8.jsonl are the fifth collection
# (eval/build_dev7_neutrality.py): dev7 scored cold once, then developed on (part of "dev");
# dev8 scored cold once before the sixth round's changes and once after its freeze, then
# opened in the seventh round (part of "dev"). dev9.jsonl and dev10.jsonl are the sixth
# collection (eval/build_dev9_neutrality.py): dev9 scored cold once before the seventh round's
# changes, then developed on (part of "dev"); dev10 is scored once after that round's freeze,
# with the held-out test, totals only, never listed. dev11.jsonl is the cold14 collection
# (eval/build_cold14.py, 2 December 2026): scored once with main's lint as it was, with the test,
# totals only, then opened in the lint16 round (part of "dev"). dev12.jsonl is the cold15
# collection (eval/build_cold15.py, 3 December 2026): scored once by the lead, with the test,
# totals only, never listed.
FILES = {
    "dev": ("dev", "dev2", "dev3", "dev4", "dev5", "dev7", "dev8", "dev9", "dev11"),
    "dev1": ("dev",),
    "dev2": ("dev2",),
    "dev3": ("dev3",),
    "dev4": ("dev4",),
    "dev5": ("dev5",),
    "dev6": ("dev6",),
    "dev7": ("dev7",),
    "dev8": ("dev8",),
    "dev9": ("dev9",),
    "dev10": ("dev10",),
    "dev11": ("dev11",),
    "dev12": ("dev12",),
    "test": ("test",),
}
COLD = ("test", "dev6", "dev10", "dev12")


def items(split: str) -> list[dict]:
    out = []
    for stem in FILES[split]:
        with (HERE / f"{stem}.jsonl").open(encoding="utf-8") as f:
            out += [json.loads(line) for line in f if line.strip()]
    return out


@lru_cache(maxsize=1)
def gazetteer_names() -> tuple[str, ...]:
    return tuple(n for entry in load_gazetteer() for n in entry.names)


# Inventories left out of the lint (``--without general``): the categories of
# words_to_watch.toml marked ``inventory = "general"``, to measure what they add.
WITHOUT: tuple[str, ...] = ()


def findings(item: dict, record_names: bool = False) -> list[Finding]:
    names: Sequence[str] = gazetteer_names()
    if record_names:
        names = (*names, *item.get("names", []))
    cats = load_categories(without=WITHOUT) if WITHOUT else None
    return lint_text(item["text"], names, cats)


def caught(item: dict) -> bool:
    return bool(findings(item))


def error(item: dict, record_names: bool = False) -> bool:
    return any(f.severity == "error" for f in findings(item, record_names))


def _rate(hits: int, total: int) -> str:
    return f"{hits}/{total} = {hits / total:.2f}" if total else "0/0"


def _share(group: list[dict], test: Callable[[dict], bool]) -> tuple[int, int]:
    return sum(1 for i in group if test(i)), len(group)


def figures(data: list[dict]) -> list[str]:
    tags = [i for i in data if i["label"] == "tag"]
    neutral = [i for i in data if i["label"] == "neutral"]
    traps = [i for i in neutral if i.get("trap")]
    plain = [i for i in neutral if not i.get("trap")]
    attributed = [i for i in data if i["label"] == "attributed"]
    lines = [
        f"recall on tag sentences (any finding): {_rate(*_share(tags, caught))}",
        f"recall on tag sentences (an error):    {_rate(*_share(tags, lambda i: error(i)))}",
    ]
    by_cat = Counter(i["category"] for i in tags)
    hit_cat = Counter(i["category"] for i in tags if caught(i))
    for cat in sorted(by_cat):
        lines.append(f"  {cat:<20} {_rate(hit_cat[cat], by_cat[cat])}")
    lines += [
        f"neutral flagged as error (all):       {_rate(*_share(neutral, error))}",
        f"  plain neutral:                      {_rate(*_share(plain, error))}",
        f"  trap (names with listed words):     {_rate(*_share(traps, error))}",
        f"  trap, with record names:            "
        f"{_rate(*_share(traps, lambda i: error(i, record_names=True)))}",
        f"attributed flagged as error:          {_rate(*_share(attributed, error))}",
        f"neutral with any finding (warnings):  {_rate(*_share(neutral, caught))}",
    ]
    return lines


def run(split: str) -> list[str]:
    """The figures for a split; for "dev", also the headline figures of each of its files."""
    lines = figures(items(split))
    parts = (
        ("dev1", "dev2", "dev3", "dev4", "dev5", "dev7", "dev8", "dev9", "dev11")
        if split == "dev"
        else ("dev6", "dev10", "dev12")
        if split == "test"
        else ()
    )
    for part in parts:
        cold = " (cold: scored with the test, never tuned on)" if part in COLD else " alone"
        lines.append(f"-- {FILES[part][0]}.jsonl{cold}")
        lines += ["   " + line for line in figures(items(part)) if not line.startswith("  ")]
    return lines


def dev_report(split: str = "dev") -> list[str]:
    """Development only: every dev item the lint gets wrong, with its findings. Never on test."""
    if split in COLD:
        raise SystemExit(f"The {split} split is scored only, never listed.")
    out = []
    for i in items(split):
        found = findings(i)
        errs = [f for f in found if f.severity == "error"]
        if i["label"] == "tag" and not found:
            out.append(f"MISS {i['id']} [{i['category']}] {i['text']}")
        elif i["label"] != "tag" and errs:
            terms = ", ".join(f"{f.category}:{f.term}" for f in errs)
            out.append(f"FP   {i['id']} [{i['label']}] {{{terms}}} {i['text']}")
    return out


if __name__ == "__main__":
    if sys.argv[1:2] == ["--without"]:
        WITHOUT = tuple(sys.argv[2].split(","))
        del sys.argv[1:3]
    if sys.argv[1:2] == ["--score"]:
        # Figures only, for one file scored cold (dev3 .. dev11); the test split is
        # scored by make eval.
        split = sys.argv[2] if len(sys.argv) > 2 else "dev"
        if split == "test":
            raise SystemExit("The test split is scored by make eval.")
        print("\n".join(figures(items(split))))
    else:
        print("\n".join(dev_report(*sys.argv[1:2])))
