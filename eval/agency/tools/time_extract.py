"""Time the relation extractor per sentence over the development corpora (never the test split).

Usage: ``python eval/agency/tools/time_extract.py [ROUNDS]``. Every headline and snippet of
dev..dev5 is read with ``extract_text`` ROUNDS times (default 5); the best round's CPU time (process_time) divided by
the number of sentences (``split_clauses``) is printed in microseconds. The gazetteer is loaded
and the rules compiled before the clock starts. A benchmark for a before/after comparison, not a
test.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(HERE.parent.parent))

from dossier.agency.gazetteer import load_gazetteer  # noqa: E402
from dossier.agency.relations import extract_text, split_clauses  # noqa: E402

FILES = ("dev", "dev2", "dev3", "dev4", "dev5")


def main(rounds: int = 5) -> int:
    items = [
        json.loads(line)
        for name in FILES
        for line in (HERE / f"{name}.jsonl").read_text(encoding="utf-8").splitlines()
        if line.strip()
    ]
    gaz = load_gazetteer()
    sentences = sum(len(split_clauses(i["headline"])) + len(split_clauses(i["snippet"] or "", headline=False)) for i in items)
    extract_text("Nike appoints Wieden+Kennedy", "", gaz)  # compile the rules
    best = float("inf")
    for _ in range(rounds):
        start = time.process_time()
        for i in items:
            extract_text(i["headline"], i["snippet"] or "", gaz)
        best = min(best, time.process_time() - start)
    print(f"{len(items)} items, {sentences} sentences: {best * 1e6 / sentences:.0f} us per sentence (best of {rounds}, {best:.2f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main(*(int(a) for a in sys.argv[1:2])))
