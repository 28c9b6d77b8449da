"""Sort the extractor's misses and false positives on development files by cause.

Usage: ``python eval/agency/tools/causes.py dev10 dev11`` (development files only; the test split
and the cold files are refused); ``--table`` prints one row per cause and a column per file. A miss
is put under the first cause that applies:

* ``agency not recognised``: the labelled agency is one of the names, but not in the gazetteer,
  not marked as an agency by the text and not shaped like one ("... Partners", "... PR");
* ``agency unlisted, shaped or marked``: an unlisted agency the text does mark ("agency X") or
  whose name is agency-shaped, yet no frame read it (counted apart: the name was recognisable);
* ``agency not a name``: no name of the sentence is the agency (cut or merged wrongly);
* ``brand not recognised``: the brand is not among the item's names (typed as a place, or cut);
* ``status wrong``: the same brand and agency were predicted with another status;
* ``brand wrong``: the agency was predicted with this status for another brand;
* ``relation across sentences``: both names were found, but in different sentences (the headline
  names the brand, the snippet the agency, or a later sentence refers back);
* ``status frame missing``: both names stand in one sentence and no frame joined them.

A false positive is ``distractor misread`` (a distractor item), ``status wrong``, ``brand
wrong`` (the agency and status are labelled for another brand), ``agency wrong`` (the brand
and status are labelled with another agency) or ``spurious``. ``role wrong`` counts matched
relations whose role disagrees with the label (not an error of the match, shown apart).
Labelling disagreements are not found by the script: they are read by hand (eval/agency/README.md).
"""

from __future__ import annotations

import re
import sys
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent.parent.parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))

from agency_suite import _agency_match, load_file, match  # noqa: E402

from dossier.agency.gazetteer import load_gazetteer  # noqa: E402
from dossier.agency.mentions import agency_like, normalise, place, split_clauses  # noqa: E402
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


def _marked(item: dict, agency: str) -> bool:
    """Whether the text marks the unlisted agency ("agency X", "X, the shop") or its name is agency-shaped."""
    if agency_like(agency):
        return True
    text = f"{item['headline']} {item['snippet'] or ''}"
    at = text.find(agency)
    return at >= 0 and re.search(r"(?:agency|agencies|shop|firm|outfit|indie|incumbent)\s*,?\s*$", text[:at], re.I) is not None


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
            fp["(role wrong, matched)"] += sum(g["role"] != p.role for g, p in pairs)
            hit_g = {id(g) for g, _ in pairs}
            hit_p = {id(p) for _, p in pairs}
            every, agencies = names(item, gaz)
            for g in gold:
                if id(g) in hit_g:
                    continue
                if g["agency"] and not any(same_name(g["agency"], a) or (gaz.match(a) and gaz.match(a) == gaz.match(g["agency"])) for a in agencies):
                    if any(same_name(g["agency"], n) for n in every):
                        miss["agency unlisted, shaped or marked" if _marked(item, g["agency"]) else "agency not recognised"] += 1
                    else:
                        miss["agency not a name"] += 1
                elif not any(same_name(g["brand"], n) for n in every):
                    miss["brand not recognised"] += 1
                elif any(same_name(g["brand"], p.brand) and _agency_match(g["agency"], p, gaz) for p in pred):
                    miss["status wrong"] += 1
                elif any(p.status == g["status"] and _agency_match(g["agency"], p, gaz) for p in pred):
                    miss["brand wrong"] += 1
                elif not any(
                    any(same_name(g["brand"], n.text) for n in ns) and (not g["agency"] or any(same_name(g["agency"], n.text) for n in ns))
                    for ns in (place(normalise(t), gaz).names for t in sentences(item))
                ):
                    miss["relation across sentences"] += 1
                else:
                    miss["status frame missing"] += 1
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


MISSES = (
    "agency not recognised",
    "agency unlisted, shaped or marked",
    "agency not a name",
    "brand not recognised",
    "status wrong",
    "brand wrong",
    "relation across sentences",
    "status frame missing",
)
FALSE = ("distractor misread", "status wrong", "brand wrong", "agency wrong", "spurious", "(role wrong, matched)")


def table(files: list[str]) -> list[str]:
    """One row per cause, one column per file (misses first, then false positives)."""
    counts = [causes([f]) for f in files]
    out = ["| cause | " + " | ".join(files) + " |", "|---|" + "---|" * len(files)]
    out += [f"| miss: {c} | " + " | ".join(str(m[c]) for m, _ in counts) + " |" for c in MISSES]
    out += [f"| false positive: {c} | " + " | ".join(str(p[c]) for _, p in counts) + " |" for c in FALSE]
    return out


if __name__ == "__main__":
    args = sys.argv[1:]
    as_table = "--table" in args
    files = [a for a in args if a != "--table"] or ["dev3", "dev4", "dev5"]
    if {"test", "dev6", "dev8", "dev12"} & set(files):
        raise SystemExit("causes are shown for development files only")
    if as_table:
        print("\n".join(table(files)))
    else:
        for f in files:
            m, p = causes([f])
            print(f, "misses:", dict(m.most_common()), "false positives:", dict(p.most_common()))
