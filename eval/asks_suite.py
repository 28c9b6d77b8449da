"""The cover-note ask-guard, scored on real sentences (``eval/asks/``).

An "ask" sentence counts as caught when the ask-guard has any finding in it (error or
warning: both stop a note from going out as it is); a "warm" line counts as flagged on any
finding. Only the ask-guard is scored here (the rules of ``dossier/data/asks.toml`` and, when it
is on, the classifier of ``dossier/data/ask_model.json``), not the words to watch; the rules
alone are shown beside it.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from dossier.render.notes import USE_MODEL, check_asks, rule_asks

HERE = Path(__file__).resolve().parent / "asks"


# "dev" is everything we develop on: the hash-split dev.jsonl, the later dev2.jsonl and the
# cold collections dev3.jsonl and dev4.jsonl (each scored once before any rule was changed for
# it: see eval/asks/README.md), dev5.jsonl, the last part of the fourth harvest, kept out of
# the rule work as a second cold check, scored once, then opened for what it showed, and
# dev6.jsonl, the sixth collection, scored cold once and then used to train the classifier,
# and dev8.jsonl, three fifths of the eighth, scored cold once and then developed on (the
# speech-act reading of dossier/render/asks.py), and dev10.jsonl, half of the tenth, scored
# cold once and then developed on (the forms of the soft ask), dev11.jsonl, its other half,
# scored cold once at the end of that round and opened in the next, and dev12.jsonl, half of
# the twelfth (all from the `pages` corpus), scored cold once before any rule changed for it,
# and dev14.jsonl (the cold14 collection, eval/build_cold14.py, 2 December 2026), scored cold
# once in that round and opened in the lint16 round. dev7.jsonl (the last third of the sixth
# collection), dev9.jsonl (the rest of the eighth), dev13.jsonl (the other half of the twelfth),
# dev15.jsonl (the cold15 collection, eval/build_cold15.py, 3 December 2026) and test.jsonl
# are scored only.
FILES = {
    "dev": (
        "dev",
        "dev2",
        "dev3",
        "dev4",
        "dev5",
        "dev6",
        "dev8",
        "dev10",
        "dev11",
        "dev12",
        "dev14",
    ),
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
    "dev13": ("dev13",),
    "dev14": ("dev14",),
    "dev15": ("dev15",),
    "test": ("test",),
}
PARTS = ("dev1", "dev2", "dev3", "dev4", "dev5", "dev6", "dev8", "dev10", "dev11", "dev12", "dev14")
#: Scored only, never listed or trained on: the held-out test and the cold dev7, dev9, dev13, dev15.
SCORED_ONLY = ("test", "dev7", "dev9", "dev13", "dev15")


def items(split: str) -> list[dict]:
    out = []
    for stem in FILES[split]:
        with (HERE / f"{stem}.jsonl").open(encoding="utf-8") as f:
            out += [json.loads(line) for line in f if line.strip()]
    return out


def flagged(item: dict) -> bool:
    """The guard as it ships (rules, and the classifier when it is on)."""
    return bool(check_asks(item["text"]))


def rules_flag(item: dict) -> bool:
    """The phrase and grammar rules alone."""
    return bool(rule_asks(item["text"]))


def _rate(hits: int, total: int) -> str:
    return f"{hits}/{total} = {hits / total:.2f}" if total else "0/0"


def figures(data: list[dict]) -> list[str]:
    asks = [i for i in data if i["label"] == "ask"]
    soft = [i for i in asks if i.get("soft")]
    hard = [i for i in asks if not i.get("soft")]
    warm = [i for i in data if i["label"] == "warm"]
    ruled = [i for i in data if rules_flag(i)]
    return [
        f"ask-guard recall (all asks):  {_rate(sum(map(flagged, asks)), len(asks))}",
        f"  soft asks:                  {_rate(sum(map(flagged, soft)), len(soft))}",
        f"  explicit asks:              {_rate(sum(map(flagged, hard)), len(hard))}",
        f"warm lines flagged:           {_rate(sum(map(flagged, warm)), len(warm))}",
        f"  rules alone, recall:        {_rate(sum(1 for i in ruled if i['label'] == 'ask'), len(asks))}",
        f"  rules alone, warm flagged:  {_rate(sum(1 for i in ruled if i['label'] == 'warm'), len(warm))}",
    ]


def run(split: str) -> list[str]:
    """The figures for a split; for "dev", also for each of its files on its own."""
    lines = [f"classifier: {'on' if USE_MODEL else 'off'} by default"]
    lines += figures(items(split))
    if split == "dev":
        for part in PARTS:
            lines.append(f"-- {FILES[part][0]}.jsonl alone")
            lines += ["   " + line for line in figures(items(part))]
    if split == "test":  # the cold collections: totals only, beside the test
        for part in (p for p in SCORED_ONLY if p != "test"):
            lines.append(f"-- {FILES[part][0]}.jsonl (cold: scored only, never listed)")
            lines += ["   " + line for line in figures(items(part))]
    return lines


def dev_report(split: str = "dev") -> list[str]:
    """Development only: every dev item the ask-guard gets wrong. Never on a scored-only split."""
    if split in SCORED_ONLY:
        raise SystemExit(f"The {split} split is scored only, never listed.")
    out = []
    for i in items(split):
        found = check_asks(i["text"])
        if i["label"] == "ask" and not found:
            out.append(f"MISS {i['id']} soft={i.get('soft')} {i['text']}")
        elif i["label"] == "warm" and found:
            terms = ", ".join(f.term for f in found)
            out.append(f"FP   {i['id']} {{{terms}}} {i['text']}")
    return out


if __name__ == "__main__":
    # "python eval/asks_suite.py cold [SPLIT]": the figures of a cold split (default dev7),
    # never its items.
    if sys.argv[1:2] == ["cold"]:
        print("\n".join(figures(items((sys.argv[2:3] or ["dev7"])[0]))))
    else:
        print("\n".join(dev_report(*sys.argv[1:2])))
