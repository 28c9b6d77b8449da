"""Build ``dev2.jsonl`` from the hand-written working file ``dev2_raw.txt``.

Format of ``dev2_raw.txt`` (one block per item, blocks separated by a blank line; lines starting
with "#" are comments):

    U <url exactly as returned by the search tool>
    O <outlet>
    D <YYYY-MM-DD, or ->
    L <language, default en>
    H <headline, verbatim>
    S <snippet, verbatim, at most 300 characters>
    R <brand> | <agency> | <role> | <status>      (one line per relation)
    K <distractor kind>                           (distractors only, instead of R lines)
    N <note: why the label or the text is doubtful>  (optional; goes to doubtful2.tsv)

Checks: every field present, snippet length, statuses, roles and kinds from the README's
vocabulary, and that no URL is already in dev.jsonl or test.jsonl (only test's ``url`` field is
read). Items from one listing page may share its URL (each has its own headline or snippet).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from known_urls import known

HERE = Path(__file__).resolve().parent.parent
STATUSES = {"appointed", "retained", "ended", "review", "credit"}
ROLES = {"creative", "media", "pr", "digital", "other"}
KINDS = {"person_move", "award", "acquisition", "layoff", "lost_pitch", "shortlist", "agency_business", "other"}


def parse(text: str) -> list[dict]:
    items = []
    for n, block in enumerate(text.split("\n\n"), 1):
        lines = [ln for ln in block.strip().splitlines() if ln.strip() and not ln.startswith("#")]
        if not lines:
            continue
        item: dict = {"relations": [], "lang": "en", "note": None, "kind_": None}
        for ln in lines:
            tag, _, value = ln.partition(" ")
            value = value.strip()
            if tag == "U":
                item["url"] = value
            elif tag == "O":
                item["outlet"] = value
            elif tag == "D":
                item["published"] = None if value == "-" else value
            elif tag == "L":
                item["lang"] = value
            elif tag == "H":
                item["headline"] = value
            elif tag == "S":
                item["snippet"] = value
            elif tag == "R":
                parts = [p.strip() for p in value.split("|")]
                if len(parts) != 4 or parts[2] not in ROLES or parts[3] not in STATUSES:
                    raise SystemExit(f"block {n}: bad relation {value!r}")
                item["relations"].append(dict(zip(("brand", "agency", "role", "status"), parts, strict=True)))
            elif tag == "K":
                if value not in KINDS:
                    raise SystemExit(f"block {n}: bad kind {value!r}")
                item["kind_"] = value
            elif tag == "N":
                item["note"] = value
            else:
                raise SystemExit(f"block {n}: unknown line {ln!r}")
        for key in ("url", "outlet", "published", "headline", "snippet"):
            if key not in item:
                raise SystemExit(f"block {n}: missing {key} ({lines[0][:60]})")
        if len(item["snippet"]) > 300:
            raise SystemExit(f"block {n}: snippet is {len(item['snippet'])} characters")
        if bool(item["relations"]) == bool(item["kind_"]):
            raise SystemExit(f"block {n}: give relations or a distractor kind, not both or neither")
        items.append(item)
    return items


def record(rid: str, i: dict) -> dict:
    """The corpus record of a parsed item (the format in eval/agency/README.md)."""
    return {
        "id": rid,
        "headline": i["headline"],
        "snippet": i["snippet"],
        "url": i["url"],
        "published": i["published"],
        "outlet": i["outlet"],
        "lang": i["lang"],
        "kind": "distractor" if i["kind_"] else "relation",
        "distractor_kind": i["kind_"],
        "relations": i["relations"],
    }


def main() -> int:
    items = parse((HERE / "dev2_raw.txt").read_text(encoding="utf-8"))
    seen = known()
    bad = [i["url"] for i in items if i["url"] in seen["dev"] or i["url"] in seen["test"]]
    if bad:
        raise SystemExit("already in dev or test: " + " ".join(bad))
    pairs = [(i["url"], i["headline"], i["snippet"]) for i in items]
    if len(set(pairs)) != len(pairs):
        raise SystemExit("an item is listed twice")
    out, doubts = [], []
    for k, i in enumerate(items, 1):
        rid = f"ag2-{k:04d}"
        out.append(record(rid, i))
        if i["note"]:
            doubts.append(f"{rid}\t{i['note']}")
    (HERE / "dev2.jsonl").write_text(
        "".join(json.dumps(o, ensure_ascii=False) + "\n" for o in out), encoding="utf-8"
    )
    (HERE / "doubtful2.tsv").write_text("id\tnote\n" + "".join(d + "\n" for d in doubts), encoding="utf-8")
    rel = [o for o in out if o["kind"] == "relation"]
    print(f"{len(out)} items: {len(rel)} with relations, {len(out) - len(rel)} distractors")
    return 0


if __name__ == "__main__":
    sys.exit(main())
