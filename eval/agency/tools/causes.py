"""Sort the extractor's misses and false positives on development files by cause.

Usage: ``python eval/agency/tools/causes.py dev3 dev4 dev5`` (development files only; the test
split is refused). A miss is put under the first cause that applies:

* ``agency unlisted, unmarked``: the labelled agency is one of the names, but not in the gazetteer
  and not marked as an agency by the text (only a frame that itself marks an agency can use it);
* ``agency not a name``: no name of the sentence is the agency (cut or merged wrongly);
* ``brand not a name``: the brand is not among the item's names (typed as a place, or cut);
* ``status wrong``: the same brand and agency were predicted with another status;
* ``brand wrong``: the agency was predicted with this status for another brand;
* ``frame missing``: both names were found but no frame joined them, either in one sentence
  (clause) or because they stand in different ones (the headline names the brand, the snippet
  the agency, or a later sentence refers back).

A false positive is ``distractor misread`` (a distractor item), ``status wrong``, ``brand
wrong`` (the agency and status are labelled for another brand), ``agency wrong`` (the brand
and status are labelled with another agency) or ``spurious``.
"""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent.parent.parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))

from agency_suite import _agency_match, load_file, match  # noqa: E402

from dossier.agency.gazetteer import load_gazetteer  # noqa: E402
from dossier.agency.mentions import normalise, place, split_clauses  # noqa: E402
from dossier.agency.relations import extract_text, same_name  # noqa: E402


def sentences(item: dict) -> list[str]:
    return [*split_clauses(item["headline"]), *split_clauses(item["snippet"] or "", headline=False)]


def names(item: dict, gaz) -> tuple[list[str], list[str]]:  # type: ignore[no-untyped-def]
    """(every name, the names typed as agencies) of the item's sentences."""
    every, agencies = [], []
    for s in [*split_clauses(item["headline"]), *split_clauses(item["snippet"] or "", headline=False)]:
        for n in place(normalise(s), gaz).names:
            every.append(n.text)
            if n.kind == "agency":
                agencies.append(n.text)
    return every, agencies


def causes(files: list[str]) -> tuple[Counter[str], Counter[str]]:
    gaz = load_gazetteer()
    miss: Counter[str] = Counter()
    fp: Counter[str] = Counter()
    for name in files:
        for item in load_file(name):
            if item.get("lang", "en") != "en":
                continue
            pred = extract_text(item["headline"], item["snippet"] or "", gaz)
            gold = item["relations"]
            pairs = match(gold, pred, gaz)
            hit_g = {id(g) for g, _ in pairs}
            hit_p = {id(p) for _, p in pairs}
            every, agencies = names(item, gaz)
            for g in gold:
                if id(g) in hit_g:
                    continue
                if g["agency"] and not any(same_name(g["agency"], a) or (gaz.match(a) and gaz.match(a) == gaz.match(g["agency"])) for a in agencies):
                    if any(same_name(g["agency"], n) for n in every):
                        miss["agency unlisted, unmarked"] += 1
                    else:
                        miss["agency not a name"] += 1
                elif not any(same_name(g["brand"], n) for n in every):
                    miss["brand not a name"] += 1
                elif any(same_name(g["brand"], p.brand) and _agency_match(g["agency"], p, gaz) for p in pred):
                    miss["status wrong"] += 1
                elif any(p.status == g["status"] and _agency_match(g["agency"], p, gaz) for p in pred):
                    miss["brand wrong"] += 1
                elif not any(
                    any(same_name(g["brand"], n.text) for n in ns) and (not g["agency"] or any(same_name(g["agency"], n.text) for n in ns))
                    for ns in (place(normalise(t), gaz).names for t in sentences(item))
                ):
                    miss["frame missing: brand and agency in different sentences"] += 1
                else:
                    miss["frame missing: in one sentence"] += 1
            for p in pred:
                if id(p) in hit_p:
                    continue
                if item["kind"] == "distractor":
                    fp["distractor misread"] += 1
                elif any(same_name(g["brand"], p.brand) and _agency_match(g["agency"], p, gaz) for g in gold):
                    fp["status wrong"] += 1
                elif any(g["status"] == p.status and _agency_match(g["agency"], p, gaz) for g in gold):
                    fp["brand wrong"] += 1
                elif any(g["status"] == p.status and same_name(g["brand"], p.brand) for g in gold):
                    fp["agency wrong"] += 1
                else:
                    fp["spurious"] += 1
    return miss, fp


if __name__ == "__main__":
    files = sys.argv[1:] or ["dev3", "dev4", "dev5"]
    if "test" in files:
        raise SystemExit("causes are shown for development files only")
    for f in files:
        m, p = causes([f])
        print(f, "misses:", dict(m.most_common()), "false positives:", dict(p.most_common()))
