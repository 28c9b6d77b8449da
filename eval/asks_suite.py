"""The cover-note ask-guard, scored on real sentences (``eval/asks/``).

An "ask" sentence counts as caught when the ask-guard has any finding in it (error or
warning: both stop a note from going out as it is); a "warm" line counts as flagged on any
finding. Only the ask-guard (``dossier/data/asks.toml``) is scored here, not the words to watch.
"""

from __future__ import annotations

import json
from pathlib import Path

from dossier.render.notes import check_asks

HERE = Path(__file__).resolve().parent / "asks"


def items(split: str) -> list[dict]:
    with (HERE / f"{split}.jsonl").open(encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def flagged(item: dict) -> bool:
    return bool(check_asks(item["text"]))


def _rate(hits: int, total: int) -> str:
    return f"{hits}/{total} = {hits / total:.2f}" if total else "0/0"


def run(split: str) -> list[str]:
    data = items(split)
    asks = [i for i in data if i["label"] == "ask"]
    soft = [i for i in asks if i.get("soft")]
    hard = [i for i in asks if not i.get("soft")]
    warm = [i for i in data if i["label"] == "warm"]
    return [
        f"ask-guard recall (all asks):  {_rate(sum(map(flagged, asks)), len(asks))}",
        f"  soft asks:                  {_rate(sum(map(flagged, soft)), len(soft))}",
        f"  explicit asks:              {_rate(sum(map(flagged, hard)), len(hard))}",
        f"warm lines flagged:           {_rate(sum(map(flagged, warm)), len(warm))}",
    ]


def dev_report() -> list[str]:
    """Development only: every dev item the ask-guard gets wrong. Never on test."""
    out = []
    for i in items("dev"):
        found = check_asks(i["text"])
        if i["label"] == "ask" and not found:
            out.append(f"MISS {i['id']} soft={i.get('soft')} {i['text']}")
        elif i["label"] == "warm" and found:
            terms = ", ".join(f.term for f in found)
            out.append(f"FP   {i['id']} {{{terms}}} {i['text']}")
    return out


if __name__ == "__main__":
    print("\n".join(dev_report()))
