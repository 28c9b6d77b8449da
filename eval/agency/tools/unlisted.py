"""Which labelled agency names the gazetteer does not match, with counts.

Usage: ``python eval/agency/tools/unlisted.py [--held-out] [--all]``

By default it reads the development collections only (dev, dev2, dev3, dev4, dev5, dev7, dev9: the
``relations[].agency`` labels) and prints each agency name that ``Gazetteer.match`` does not map
to an entry and in which no listed name is found (``Gazetteer.find_in``), most frequent first.
``--held-out`` reads the held-out collections instead (dev6, dev8, dev10, test) and prints only counts
(how many of their labelled agency mentions and distinct names the gazetteer matches), so the
held-out names are never shown while the list is being worked on. ``--all`` also prints the
names that are matched (dev collections only).
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[2]))

from dossier.agency.gazetteer import Gazetteer, agency_key, load_gazetteer  # noqa: E402

DEV = ("dev", "dev2", "dev3", "dev4", "dev5", "dev7", "dev9")
HELD_OUT = ("dev6", "dev8", "dev10", "test")


def labels(names: tuple[str, ...]) -> Counter[str]:
    """Labelled agency names (non-empty) over the collections, counted per mention."""
    out: Counter[str] = Counter()
    for name in names:
        path = HERE.parent / f"{name}.jsonl"
        for line in path.read_text(encoding="utf-8").splitlines():
            if not line.strip():
                continue
            for rel in json.loads(line).get("relations") or []:
                if agency := (rel.get("agency") or "").strip():
                    out[agency] += 1
    return out


def listed(name: str, gaz: Gazetteer) -> bool:
    """Whether the gazetteer knows the name (as a whole, or a listed name inside it)."""
    return gaz.match(name) is not None or bool(gaz.find_in(name))


def main(argv: list[str]) -> int:
    gaz = load_gazetteer()
    if "--held-out" in argv:
        counts = labels(HELD_OUT)
        keys = {agency_key(n) for n in counts}
        hit = {agency_key(n) for n in counts if listed(n, gaz)}
        mentions = sum(c for n, c in counts.items() if listed(n, gaz))
        print(
            f"held-out ({', '.join(HELD_OUT)}): {len(gaz)} entries; labelled agency mentions "
            f"{mentions}/{sum(counts.values())} listed; distinct names {len(hit)}/{len(keys)} listed"
        )
        return 0
    counts = labels(DEV)
    missing = Counter({n: c for n, c in counts.items() if not listed(n, gaz)})
    print(
        f"dev ({', '.join(DEV)}): {len(gaz)} entries; {sum(missing.values())} of "
        f"{sum(counts.values())} labelled agency mentions unlisted, {len(missing)} distinct names"
    )
    for name, count in sorted(missing.items(), key=lambda kv: (-kv[1], kv[0].lower())):
        print(f"{count:4d}  {name}")
    if "--all" in argv:
        print("-- listed --")
        for name, count in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0].lower())):
            if name not in missing:
                print(f"{count:4d}  {name}  -> {(gaz.match(name) or gaz.find_in(name)[0][0]).name}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
