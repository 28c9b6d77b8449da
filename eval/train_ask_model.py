"""Train the ask-guard's classifier (``dossier/data/ask_model.json``) on the development
collections, and say honestly how well it does on a collection it was not trained on.

Usage: ``python eval/train_ask_model.py [--write] [--date YYYY-MM-DD]``

- leave-one-collection-out over dev.jsonl ... dev6.jsonl, dev8.jsonl, dev10.jsonl, dev11.jsonl,
  dev12.jsonl and dev14.jsonl: for each
  collection, train on the others and score it; the out-of-fold probabilities choose the L2 strength and
  the threshold (the lowest threshold at which the classifier, on collections it did not see,
  adds no warm line to what the rules already flag: ``MAX_WARM_RATE`` is 0);
- prints, per held-out collection: the rules alone, the classifier alone, and both (a sentence
  is flagged when the rules fire or the probability reaches the threshold). The rules (the
  phrase lists and the speech-act reading of ``dossier/render/asks.py``) were written while
  reading dev ... dev6, dev8, dev10, dev11, dev12 and dev14, so their rows are fitted; only the classifier column is
  out of fold;
- ``--write`` trains on all of them with the chosen settings and writes the model file.

Never reads ``test.jsonl``, ``dev7.jsonl``, ``dev9.jsonl`` or ``dev13.jsonl`` (scored only, by
``make eval`` and ``python eval/asks_suite.py cold``). Deterministic: full-batch AdaGrad from zero weights, no
randomness, features sorted.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import math
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "eval"))

from asks_suite import FILES, items, rules_flag  # noqa: E402

from dossier.render.ask_model import FORMAT, MODEL_FILE, features  # noqa: E402

FOLDS = ("dev1", "dev2", "dev3", "dev4", "dev5", "dev6", "dev8", "dev10", "dev11", "dev12", "dev14")
L2S = (0.003, 0.01, 0.03)
ITERATIONS = 300
LEARNING_RATE = 0.5
MIN_COUNT = 2  # a feature must occur in at least this many training sentences
MAX_WARM_RATE = 0.0  # out of fold, the classifier may add no warm line to the rules' findings
THRESHOLDS = tuple(round(0.50 + 0.01 * i, 2) for i in range(50))


def train(rows: list[tuple[list[str], int]], l2: float) -> tuple[dict[str, float], float]:
    """Logistic regression, L2-penalised, full-batch AdaGrad; returns weights and bias."""
    counts: dict[str, int] = {}
    for feats, _ in rows:
        for f in feats:
            counts[f] = counts.get(f, 0) + 1
    names = sorted(f for f, c in counts.items() if c >= MIN_COUNT)
    index = {f: i for i, f in enumerate(names)}
    xs = [[index[f] for f in feats if f in index] for feats, _ in rows]
    ys = [y for _, y in rows]
    n = len(rows)
    w = [0.0] * len(names)
    b = 0.0
    gw2 = [1e-8] * len(names)
    gb2 = 1e-8
    for _ in range(ITERATIONS):
        grad = [l2 * wi for wi in w]
        gb = 0.0
        for x, y in zip(xs, ys, strict=True):
            z = b + sum(w[i] for i in x)
            p = 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))
            d = (p - y) / n
            gb += d
            for i in x:
                grad[i] += d
        for i, g in enumerate(grad):
            gw2[i] += g * g
            w[i] -= LEARNING_RATE * g / math.sqrt(gw2[i])
        gb2 += gb * gb
        b -= LEARNING_RATE * gb / math.sqrt(gb2)
    return {f: round(w[i], 4) for f, i in index.items() if abs(w[i]) >= 1e-4}, round(b, 4)


def probability(weights: dict[str, float], bias: float, feats: list[str]) -> float:
    z = bias + sum(weights.get(f, 0.0) for f in feats)
    return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


def load(split: str) -> list[dict]:
    out = items(split)
    for item in out:
        item["_features"] = features(item["text"])
        item["_rules"] = rules_flag(item)
        item["_fold"] = split
    return out


def out_of_fold(data: dict[str, list[dict]], l2: float) -> None:
    for held in FOLDS:
        rows = [
            (i["_features"], int(i["label"] == "ask")) for f in FOLDS if f != held for i in data[f]
        ]
        weights, bias = train(rows, l2)
        for item in data[held]:
            item[f"_p{l2}"] = probability(weights, bias, item["_features"])


def choose_threshold(all_items: list[dict], key: str) -> float:
    warm = [i for i in all_items if i["label"] == "warm"]
    for t in THRESHOLDS:
        added = sum(1 for i in warm if not i["_rules"] and i[key] >= t)
        if added <= MAX_WARM_RATE * len(warm):
            return t
    return THRESHOLDS[-1]


def rate(hits: int, total: int) -> str:
    return f"{hits}/{total} = {hits / total:.2f}" if total else "0/0"


def report(data: dict[str, list[dict]], key: str, t: float) -> list[str]:
    lines = [
        f"{'held out':8} {'rules alone':>22} {'classifier alone':>22} {'both':>22}   warm flagged (rules / classifier / both)"
    ]
    for fold in (*FOLDS, "all"):
        got = [i for f in FOLDS for i in data[f]] if fold == "all" else data[fold]
        asks = [i for i in got if i["label"] == "ask"]
        warm = [i for i in got if i["label"] == "warm"]

        def count(group: list[dict], how: str) -> int:
            if how == "rules":
                return sum(i["_rules"] for i in group)
            if how == "clf":
                return sum(i[key] >= t for i in group)
            return sum(i["_rules"] or i[key] >= t for i in group)

        lines.append(
            f"{fold:8} {rate(count(asks, 'rules'), len(asks)):>22} "
            f"{rate(count(asks, 'clf'), len(asks)):>22} {rate(count(asks, 'both'), len(asks)):>22}   "
            f"{count(warm, 'rules')} / {count(warm, 'clf')} / {count(warm, 'both')} of {len(warm)}"
        )
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--write", action="store_true", help="write dossier/data/ask_model.json")
    parser.add_argument("--date", default=dt.date.today().isoformat())
    args = parser.parse_args(argv)
    data = {f: load(f) for f in FOLDS}
    everything = [i for f in FOLDS for i in data[f]]
    best: tuple[float, float, float] | None = None  # (recall, l2, threshold)
    for l2 in L2S:
        out_of_fold(data, l2)
        key = f"_p{l2}"
        t = choose_threshold(everything, key)
        asks = [i for i in everything if i["label"] == "ask"]
        recall = sum(i["_rules"] or i[key] >= t for i in asks) / len(asks)
        print(f"== L2 {l2}: threshold {t}, out-of-fold recall (rules or classifier) {recall:.3f}")
        print("\n".join(report(data, key, t)))
        if best is None or recall > best[0]:
            best = (recall, l2, t)
    assert best is not None
    _, l2, t = best
    print(f"\nchosen: L2 {l2}, threshold {t}")
    if args.write:
        rows = [(i["_features"], int(i["label"] == "ask")) for i in everything]
        weights, bias = train(rows, l2)
        corpus = {}
        for f in FOLDS:
            stem = FILES[f][0]
            asks = sum(1 for i in data[f] if i["label"] == "ask")
            corpus[f"{stem}.jsonl"] = {"asks": asks, "warm": len(data[f]) - asks}
        model = {
            "format": FORMAT,
            "trained": args.date,
            "trained_by": "eval/train_ask_model.py",
            "corpus": corpus,
            "settings": {
                "l2": l2,
                "iterations": ITERATIONS,
                "learning_rate": LEARNING_RATE,
                "min_count": MIN_COUNT,
                "max_warm_rate_out_of_fold": MAX_WARM_RATE,
            },
            "threshold": t,
            "bias": bias,
            "weights": dict(sorted(weights.items())),
        }
        MODEL_FILE.write_text(
            json.dumps(model, indent=0, ensure_ascii=False) + "\n", encoding="utf-8"
        )
        print(f"wrote {MODEL_FILE} ({len(weights)} weights)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
