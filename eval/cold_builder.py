"""What every round's cold-collection builder shares (eval/build_cold14.py, build_cold15.py,
build_cold16.py): an item's id, and the refusals.

Refusals: a text (agency: a snippet, or a non-empty headline) longer than 300 characters; a text
already in any earlier file of its corpus; a text twice in the collection; a page (URL, compared
without scheme, ``www.``/mirror host prefixes, query strings and trailing slashes) that any file
under ``eval/`` other than the round's own already names. Earlier files are read only to build
SHA-256 sets of those keys; nothing of them is printed.
"""

from __future__ import annotations

import hashlib
import json
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent

#: (corpus folder, working file, output stem, id prefix, text fields)
Part = tuple[str, str, str, str, tuple[str, ...]]
URL_RE = re.compile(r"https?://[^\s\"'<>\])]+")


def _h(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def page_key(url: str) -> str:
    """A URL as a page: no scheme, no www./mirror host prefix, no fragment, no query on a path."""
    u = url.strip().lower()
    u = re.sub(r"^https?://", "", u)
    u = re.sub(r"^(www|aws\d|staging|m|amp)\.", "", u)
    u = u.split("#")[0]
    base, _, query = u.partition("?")
    if base.rstrip("/").count("/") >= 1 and not re.search(r"(^|&)(p|id|page_id)=", query):
        u = base
    return u.rstrip("/")


class Round:
    """One round's builder: its parts, and the files that are its own (never "earlier")."""

    def __init__(self, parts: tuple[Part, ...]) -> None:
        self.parts = parts
        self.ours = {f"{corpus}/{name}.jsonl" for corpus, _raw, name, _, _ in parts} | {
            f"{corpus}/{raw}.jsonl" for corpus, raw, _, _, _ in parts
        }

    def known_pages(self) -> set[str]:
        """Hashes of every page any earlier file under eval/ names (data, harvest lists, notes)."""
        seen: set[str] = set()
        for path in HERE.rglob("*"):
            rel = path.relative_to(HERE).as_posix()
            if (
                not path.is_file()
                or path.suffix not in (".jsonl", ".raw", ".txt", ".tsv")
                or rel in self.ours
            ):
                continue
            for m in URL_RE.finditer(path.read_text(encoding="utf-8", errors="ignore")):
                seen.add(_h(page_key(m.group(0).rstrip(".,;"))))
        return seen

    def known_texts(self, corpus: str, fields: tuple[str, ...]) -> set[str]:
        seen: set[str] = set()
        for path in (HERE / corpus).glob("*.jsonl"):
            if f"{corpus}/{path.name}" in self.ours:
                continue
            for line in path.read_text(encoding="utf-8").splitlines():
                if line.strip():
                    item = json.loads(line)
                    seen |= {_h(item[f].strip().lower()) for f in fields if item.get(f)}
        return seen

    def build(self) -> tuple[dict[Path, list[dict]], list[str]]:
        pages = self.known_pages()
        out: dict[Path, list[dict]] = {}
        problems: list[str] = []
        for corpus, raw, stem, prefix, fields in self.parts:
            texts = self.known_texts(corpus, fields)
            own: set[str] = set()
            items = []
            lines = (HERE / corpus / f"{raw}.jsonl").read_text(encoding="utf-8").splitlines()
            for n, line in enumerate((x for x in lines if x.strip()), 1):
                item = json.loads(line)
                where = f"{corpus}/{raw}.jsonl item {n}"
                if _h(page_key(item["url"])) in pages:
                    problems.append(f"{where}: page already used by an earlier collection")
                for f in fields:
                    text = (item.get(f) or "").strip()
                    if not text:
                        continue
                    if len(text) > 300:
                        problems.append(f"{where}: {f} longer than 300 characters")
                    key = _h(text.lower())
                    if key in texts:
                        problems.append(f"{where}: {f} already in an earlier file")
                    if f != "headline" and key in own:
                        problems.append(f"{where}: {f} twice in this collection")
                    if f != "headline":
                        own.add(key)
                items.append({"id": f"{prefix}-{n:04d}", **item})
            out[HERE / corpus / f"{stem}.jsonl"] = items
        return out, problems

    def main(self) -> int:
        out, problems = self.build()
        if problems:
            print("\n".join(problems), file=sys.stderr)
            return 1
        for path, items in out.items():
            text = "".join(json.dumps(i, ensure_ascii=False) + "\n" for i in items)
            path.write_text(text, encoding="utf-8")
            print(f"{path.relative_to(HERE)}: {len(items)} items")
        return 0
