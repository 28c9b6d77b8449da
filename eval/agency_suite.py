"""The agency-relationship benchmark: dossier's extractor on real trade-press items.

The development split is ``eval/agency/dev.jsonl``, ``dev2.jsonl``, ``dev3.jsonl``,
``dev4.jsonl``, ``dev5.jsonl``, ``dev7.jsonl``, ``dev9.jsonl``, ``dev10.jsonl``, ``dev11.jsonl`` and
``dev13.jsonl`` (scored together, and each on a line of its own; dev3, dev4, dev5, dev7, dev9, dev10,
dev11 and dev13 were each scored cold before any code changed for them, figures in docs/agency.md);
``dev6.jsonl``, ``dev8.jsonl``, ``dev12.jsonl``, ``dev14.jsonl`` and ``dev15.jsonl`` are printed on lines of their own as cold
checks (each scored once, after the last change of its round, never tuned on); the pair scorer
(``dossier/agency/pairs.py``) is measured on its own lines when its file leaves it switched off; the test split is ``test.jsonl``, only ever scored. Each item is a headline and a snippet (at most 300 characters)
from a public trade-press page, labelled with every (brand, agency, role, status) it states;
items with no relationship are distractors (people moves, awards, acquisitions, layoffs, lost
pitches, shortlists, agency business). The extractor sees the headline and snippet only.

Matching, per item and one to one: a predicted relation matches a labelled one when the status
is the same, the brands are the same name (case, possessives, "The" and legal words aside; or
one name's words contain the other's: "Domino's" and "Domino's Pizza"), and the agencies are
the same gazetteer entry or the same name in that sense ("" matches only ""). The role is not
part of the match; the share of matched relations whose role also agrees is printed.

Printed: precision, recall and F1 per status and overall (English items; the other languages
on a line of their own), role agreement, and how many distractor items produced any relation
("misread"); for the development split, how many relations the discourse links
(``dossier/agency/discourse.py``) add and how many of those are labelled.
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from dossier.agency.gazetteer import AgencyEntry, Gazetteer, agency_key, load_gazetteer  # noqa: E402
from dossier.agency.pairs import MODEL_FILE, read_model  # noqa: E402
from dossier.agency.relations import STATUSES, Relation, extract_text, same_name  # noqa: E402

# The development split is every file we develop on; the test split is only ever scored.
SPLITS = {
    "dev": ("dev", "dev2", "dev3", "dev4", "dev5", "dev7", "dev9", "dev10", "dev11", "dev13"),
    "test": ("test",),
}
# collections scored with the dev split on a line of their own and never tuned on: dev6, the
# last ~40% of the dev5 collection, scored once at the end of the dev5 round; dev8, the last
# ~40% of the dev7 collection, scored once at the end of the dev7 round; dev12, the second half
# of the dev11 collection, scored once at the end of the dev11 round (totals only). dev10, the
# cold half of the dev9 collection, was opened for development in the dev11 round. dev13, the
# cold14 collection (eval/build_cold14.py, 2 December 2026), was scored once with main's code as
# it was, totals only, and was opened for development in the agency17 round (3 December 2026).
# dev14, the cold15 collection (eval/build_cold15.py, 3 December 2026), is scored once by the
# lead, totals only, and is not tuned on.
# dev15, the cold16 collection (eval/build_cold16.py, 3 December 2026; 49 items, 28 English), is
# scored once by the lead, totals only, and is not tuned on.
COLD: tuple[str, ...] = ("dev6", "dev8", "dev12", "dev14", "dev15")


_FRAMES_DEFAULT: Any = object()  # the extractor as shipped (its pair scorer on only if its file says so)


def load_file(name: str) -> list[dict]:
    path = HERE / "agency" / f"{name}.jsonl"
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]


def load(split: str) -> list[dict]:
    """The items of a split (``dev`` is dev.jsonl and dev2.jsonl together)."""
    return [item for name in SPLITS.get(split, (split,)) for item in load_file(name)]


def _agency_match(gold: str, pred: Relation, gaz: Gazetteer) -> bool:
    if not gold or not pred.agency:
        return not gold and not pred.agency
    return _agency_match_text(gold, pred.agency, pred.entry, gaz)


def _agency_match_text(gold: str, agency: str, found: AgencyEntry | None, gaz: Gazetteer) -> bool:
    """A labelled agency name and a found one (with its gazetteer entry, if any) agree."""
    entry = gaz.match(gold)
    if entry is not None and found is not None:
        return entry.name == found.name
    return agency_key(gold) == agency_key(agency) or same_name(gold, agency)


def match(gold: list[dict], pred: list[Relation], gaz: Gazetteer) -> list[tuple[dict, Relation]]:
    """One-to-one pairs of labelled and predicted relations that agree."""
    pairs, used = [], set()
    for g in gold:
        for i, p in enumerate(pred):
            if i in used or p.status != g["status"]:
                continue
            if same_name(g["brand"], p.brand) and _agency_match(g["agency"], p, gaz):
                pairs.append((g, p))
                used.add(i)
                break
    return pairs


def score(items: list[dict], gaz: Gazetteer, model: Any = _FRAMES_DEFAULT, linking: bool = True) -> dict:
    tp: Counter[str] = Counter()
    fp: Counter[str] = Counter()
    fn: Counter[str] = Counter()
    role_ok = matched = 0
    misread: Counter[str] = Counter()
    distractors: Counter[str] = Counter()
    errors = []
    for item in items:
        if model is _FRAMES_DEFAULT:
            pred = extract_text(item["headline"], item.get("snippet") or "", gaz, linking=linking)
        else:
            pred = extract_text(item["headline"], item.get("snippet") or "", gaz, model=model, linking=linking)
        gold = item["relations"]
        if item["kind"] == "distractor":
            distractors[item["distractor_kind"]] += 1
            if pred:
                misread[item["distractor_kind"]] += 1
        pairs = match(gold, pred, gaz)
        matched += len(pairs)
        role_ok += sum(g["role"] == p.role for g, p in pairs)
        hit_g = {id(g) for g, _p in pairs}
        hit_p = {id(p) for _g, p in pairs}
        for g in gold:
            (tp if id(g) in hit_g else fn)[g["status"]] += 1
        for p in pred:
            if id(p) not in hit_p:
                fp[p.status] += 1
        if len(pairs) != len(gold) or len(pairs) != len(pred):
            errors.append((item, pred, pairs))
    return {
        "tp": tp,
        "fp": fp,
        "fn": fn,
        "role_ok": role_ok,
        "matched": matched,
        "misread": misread,
        "distractors": distractors,
        "errors": errors,
    }


def _prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def lines_for(result: dict, label: str) -> list[str]:
    tp, fp, fn = result["tp"], result["fp"], result["fn"]
    out = [f"{label}", f"  {'status':<10} {'prec':>6} {'recall':>6} {'F1':>6} {'tp':>4} {'fp':>4} {'fn':>4}"]
    for s in STATUSES:
        p, r, f = _prf(tp[s], fp[s], fn[s])
        out.append(f"  {s:<10} {p:6.2f} {r:6.2f} {f:6.2f} {tp[s]:4d} {fp[s]:4d} {fn[s]:4d}")
    T, F, N = sum(tp.values()), sum(fp.values()), sum(fn.values())
    p, r, f = _prf(T, F, N)
    out.append(f"  {'overall':<10} {p:6.2f} {r:6.2f} {f:6.2f} {T:4d} {F:4d} {N:4d}")
    if result["matched"]:
        out.append(
            f"  role agrees on {result['role_ok']}/{result['matched']} matched relations "
            f"({result['role_ok'] / result['matched']:.0%})"
        )
    total = sum(result["distractors"].values())
    bad = sum(result["misread"].values())
    if total:
        kinds = ", ".join(
            f"{k} {result['misread'][k]}/{n}" for k, n in sorted(result["distractors"].items())
        )
        out.append(f"  distractors misread: {bad}/{total} ({bad / total:.1%}): {kinds}")
    return out


def _overall(result: dict) -> str:
    T, F, N = (sum(result[k].values()) for k in ("tp", "fp", "fn"))
    p, r, f = _prf(T, F, N)
    total = sum(result["distractors"].values())
    bad = sum(result["misread"].values())
    share = f"{bad / total:.1%}" if total else "-"
    return f"precision {p:.2f}, recall {r:.2f}, F1 {f:.2f}; distractors misread {bad}/{total} ({share})"


def _linking_line(items: list[dict], gaz: Gazetteer) -> str:
    """What the discourse links (dossier/agency/discourse.py) add: the relations the extractor
    gives with them and not without, and how many of those are labelled (development files only)."""
    added = right = 0
    for item in items:
        args = (item["headline"], item.get("snippet") or "", gaz)
        on, off = extract_text(*args), extract_text(*args, linking=False)
        new = [r for r in on if not any(r.status == o.status and r.brand == o.brand and r.agency_name == o.agency_name for o in off)]
        hit = {id(p) for _g, p in match(item["relations"], on, gaz)}
        added += len(new)
        right += sum(id(r) in hit for r in new)
    return f"discourse links (a later sentence's 'the retailer', 'the agency', 'It'): {added} relations added, {right} of them labelled"


def run(split: str) -> list[str]:
    gaz = load_gazetteer()
    items = load(split)
    english = [i for i in items if i.get("lang", "en") == "en"]
    other = [i for i in items if i.get("lang", "en") != "en"]
    files = SPLITS.get(split, (split,))
    out = lines_for(score(english, gaz), f"English items: {len(english)} ({' + '.join(f + '.jsonl' for f in files)})")
    if len(files) > 1:
        for name in files:
            part = [i for i in load_file(name) if i.get("lang", "en") == "en"]
            out.append(f"  {name + '.jsonl':<11} ({len(part)} items): {_overall(score(part, gaz))}")
    if split == "dev":
        out.append(f"  {_linking_line(english, gaz)}")
        for name in COLD:
            part = [i for i in load_file(name) if i.get("lang", "en") == "en"]
            out.append(f"  {name + '.jsonl':<11} ({len(part)} items, cold check, not tuned on): {_overall(score(part, gaz))}")
    # the pair scorer (dossier/agency/pairs.py), measured whether or not its file switches it on
    scorer, enabled = read_model() if MODEL_FILE.exists() else (None, False)
    if scorer is not None and not enabled:
        names = [*COLD] if split == "dev" else list(files)
        for name in names:
            part = [i for i in load_file(name) if i.get("lang", "en") == "en"]
            out.append(f"  {name + '.jsonl':<11} with the pair scorer (off in the product): {_overall(score(part, gaz, scorer))}")
    if other:
        res = score(other, gaz)
        T, F, N = (sum(res[k].values()) for k in ("tp", "fp", "fn"))
        p, r, _f = _prf(T, F, N)
        langs = ", ".join(f"{k} {v}" for k, v in sorted(Counter(i["lang"] for i in other).items()))
        out.append(
            f"Other languages ({langs}; a stretch goal): precision {p:.2f}, recall {r:.2f} "
            f"({T} tp, {F} fp, {N} fn)"
        )
    return out


def show_errors(name: str = "dev") -> None:
    """Print the development items the extractor gets wrong (never the test split)."""
    if name not in (*SPLITS["dev"], "dev"):
        raise SystemExit("errors are shown for the development files only (not the test, nor the cold dev6, dev8, dev12, dev14 and dev15)")
    gaz = load_gazetteer()
    for item, pred, pairs in score(load(name), gaz)["errors"]:
        hit = {id(p) for _g, p in pairs}
        ghit = {id(g) for g, _p in pairs}
        print(item["id"], item["kind"], item.get("distractor_kind") or "")
        print("  H:", item["headline"])
        print("  S:", item["snippet"])
        for g in item["relations"]:
            print("   ", "ok  " if id(g) in ghit else "MISS", g["brand"], "|", g["agency"], "|", g["role"], "|", g["status"])
        for p in pred:
            if id(p) not in hit:
                print("    FP  ", p.brand, "|", p.agency, "|", p.role, "|", p.status, " <-", p.sentence[:90])


if __name__ == "__main__":
    show_errors(*sys.argv[1:2])
