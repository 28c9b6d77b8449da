"""Build ``eval/asks/dev2.jsonl`` and ``eval/neutrality/dev2.jsonl`` from their ``.raw`` lists.

Usage: ``python eval/build_dev2.py`` (writes both files; exits 1 on any problem).

A ``.raw`` file is the harvest list: ``@ URL`` starts a page, then one line per sentence,
``LABEL :: TEXT``, with TEXT copied verbatim from the stored page; a ``# round N`` line marks
the items below it as harvested in round N (they get a ``round`` field). Labels:

- asks: ``ask soft``, ``ask hard`` or ``warm``;
- neutrality: ``tag CATEGORY [names=A|B]``, ``neutral``, ``neutral trap=A|B`` (the listed
  words occur only inside the names A, B) or ``attributed``.

Checks: every text at most 300 characters, no text twice, every URL an http(s) URL, and no
(URL, text) pair already in ``dev.jsonl`` or ``test.jsonl``. For the held-out file only the
``url`` and ``text`` fields are read, and only to build a set of keys: nothing of it is printed.
"""

from __future__ import annotations

import hashlib
import json
import sys
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent
CATEGORIES = {
    "puffery",
    "weasel",
    "editorializing",
    "relative_time",
    "contentious_label",
    "said",
    "euphemism",
    "doubt",
    "idiom",
    "contrast",
}


def _key(url: str, text: str) -> str:
    """A hash of (url, text): what the duplicate check compares, never the text itself."""
    return hashlib.sha256(f"{url.strip()}\n{' '.join(text.split())}".encode()).hexdigest()


def _text_key(text: str) -> str:
    """A hash of the text alone (case and spacing ignored): the same sentence on another page."""
    return hashlib.sha256(" ".join(text.lower().split()).encode()).hexdigest()


def _known(folder: Path, splits: tuple[str, ...] = ("dev", "test")) -> set[str]:
    """Hashes of (url, text) and of the text of every item in ``splits``; nothing else is read
    or kept, and nothing of a held-out file is ever printed."""
    keys = set()
    for split in splits:
        with (folder / f"{split}.jsonl").open(encoding="utf-8") as f:
            for line in f:
                if line.strip():
                    item = json.loads(line)
                    keys.add(_key(item["url"], item["text"]))
                    keys.add(_text_key(item["text"]))
    return keys


def _names(field: str) -> list[str]:
    return [n.strip() for n in field.split("=", 1)[1].split("|") if n.strip()]


def _item(corpus: str, label: str, text: str, url: str) -> dict:
    words = label.split(" ", 2)
    if corpus == "asks":
        if label == "warm":
            return {"text": text, "url": url, "label": "warm", "soft": False}
        if label in {"ask soft", "ask hard"}:
            return {"text": text, "url": url, "label": "ask", "soft": label == "ask soft"}
        raise ValueError(f"unknown label {label!r}")
    item = {"text": text, "url": url, "label": words[0], "category": None, "trap": False}
    names: list[str] = []
    if words[0] == "tag":
        if len(words) < 2 or words[1] not in CATEGORIES:
            raise ValueError(f"tag needs one of {sorted(CATEGORIES)}: {label!r}")
        item["category"] = words[1]
        if len(words) == 3:
            if not words[2].startswith("names="):
                raise ValueError(f"unknown field {words[2]!r}")
            names = _names(words[2])
    elif words[0] == "neutral":
        rest = label[len("neutral") :].strip()
        if rest:
            if not rest.startswith("trap="):
                raise ValueError(f"unknown field {rest!r}")
            names = _names(rest)
            item["trap"] = True
    elif label != "attributed":
        raise ValueError(f"unknown label {label!r}")
    item["names"] = names
    return item


def build(
    corpus: str, prefix: str, raw_name: str = "dev2.raw", against: tuple[str, ...] = ("dev", "test")
) -> tuple[list[dict], list[str]]:
    """Items from ``corpus/raw_name``, ids ``prefix-0001`` ..., and the problems found; an item
    already in one of the ``against`` files (same URL and text, or the same text) is a problem."""
    folder = HERE / corpus
    raw = folder / raw_name
    known = _known(folder, against)
    items: list[dict] = []
    problems: list[str] = []
    seen: set[str] = set()
    url = ""
    harvest: int | None = None
    for n, line in enumerate(raw.read_text(encoding="utf-8").splitlines(), 1):
        if line.startswith("# round "):
            # "# round N": the items below were harvested in round N (a later cold check).
            harvest = int(line.split()[2])
            continue
        if not line.strip() or line.startswith("#"):
            continue
        if line.startswith("@ "):
            url = line[2:].strip()
            if not url.startswith(("http://", "https://")):
                problems.append(f"{raw}:{n}: not a URL: {url}")
            continue
        if " :: " not in line:
            problems.append(f"{raw}:{n}: expected 'LABEL :: TEXT'")
            continue
        label, text = line.split(" :: ", 1)
        if not url:
            problems.append(f"{raw}:{n}: a sentence before any '@ URL' line")
            continue
        if len(text) > 300:
            problems.append(f"{raw}:{n}: {len(text)} characters (at most 300)")
        norm = " ".join(text.split())
        if norm in seen:
            problems.append(f"{raw}:{n}: the same text twice")
        seen.add(norm)
        if _key(url, text) in known or _text_key(text) in known:
            where = " or ".join(f"{s}.jsonl" for s in against)
            problems.append(f"{raw}:{n}: already in {where} (same URL and text, or same text)")
        try:
            item = _item(corpus, label.strip(), text, url)
        except ValueError as exc:
            problems.append(f"{raw}:{n}: {exc}")
            continue
        if harvest is not None:
            item["round"] = harvest
        items.append({"id": f"{prefix}-{len(items) + 1:04d}", **item})
    return items, problems


def write_asks(stem: str, items: list[dict]) -> None:
    """Write ``asks/<stem>.jsonl`` and say what is in it (asks, soft asks, warm lines)."""
    out = HERE / "asks" / f"{stem}.jsonl"
    with out.open("w", encoding="utf-8") as f:
        for item in items:
            f.write(json.dumps(item, ensure_ascii=False) + "\n")
    asks = [i for i in items if i["label"] == "ask"]
    soft = sum(1 for i in asks if i["soft"])
    warm = len(items) - len(asks)
    print(f"{out}: {len(items)} items ({len(asks)} asks, {soft} soft; {warm} warm)")


def build_chain(
    parts: tuple[tuple[str, str, tuple[str, ...]], ...],
    refuse: Callable[[str, list[dict], tuple[str, ...]], list[str]] | None = None,
) -> int:
    """Build the ask collections ``parts`` ((stem, id prefix, files to refuse against), ...) in
    order, each checked against the files written before it; ``refuse`` adds problems of its own.
    Prints the problems and returns the exit status (1 on any)."""
    problems: list[str] = []
    for stem, prefix, against in parts:
        items, found = build("asks", prefix, raw_name=f"{stem}.raw", against=against)
        if refuse is not None:
            found += refuse(stem, items, against)
        problems += found
        if found:
            break  # a later part is checked against the file written here
        write_asks(stem, items)
    for p in problems:
        print(p, file=sys.stderr)
    return 1 if problems else 0


def main() -> int:
    problems: list[str] = []
    for corpus, prefix in (("asks", "ak2"), ("neutrality", "nv2")):
        items, found = build(corpus, prefix)
        problems += found
        if not found:
            out = HERE / corpus / "dev2.jsonl"
            with out.open("w", encoding="utf-8") as f:
                for item in items:
                    f.write(json.dumps(item, ensure_ascii=False) + "\n")
            print(f"{out}: {len(items)} items")
    for p in problems:
        print(p, file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
