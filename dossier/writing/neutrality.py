"""The neutral voice, checked: Wikipedia's "words to watch" over every text dossier writes.

The word lists live in ``dossier/data/words_to_watch.toml`` with the guideline each comes
from. Our own voice must have zero findings. Quoted text may contain listed words only inside
an attribution ("The company describes itself as “...”", "“...”, the company said").
Proper names (a company called "Legendary Entertainment") are masked before checking.
"""

from __future__ import annotations

import html
import re
import tomllib
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass
from functools import lru_cache
from pathlib import Path

WORDS_FILE = Path(__file__).resolve().parent.parent / "data" / "words_to_watch.toml"

QUOTE = re.compile(r"“[^”]*”|\"[^\"\n]*\"")
ATTRIBUTION = re.compile(
    r"\b(describes? (?:itself|themselves|himself|herself|its \w+) as|described (?:itself|themselves)"
    r" as|describes [\w .,&'’-]{1,60}? as|according to|said|says|stated|states|wrote|writes|"
    r"reported|reports|calls|called|told)\b",
    re.IGNORECASE,
)
SENTENCE_END = re.compile(r"[.!?](?=\s|$)")
URL = re.compile(r"\b(?:https?|file|ftp)://\S+|\bwww\.\S+")


@dataclass(frozen=True)
class Category:
    """One list of words to watch."""

    name: str
    guideline: str
    url: str
    severity: str
    advice: str
    regex: re.Pattern[str]
    allow: tuple[str, ...]


@dataclass(frozen=True)
class Finding:
    """A word to watch found in a text."""

    category: str
    guideline: str
    severity: str
    term: str
    line: int
    column: int
    context: str
    advice: str
    quoted: bool = False

    def as_dict(self) -> dict[str, object]:
        return asdict(self)

    def describe(self) -> str:
        where = " in a quotation with no attribution" if self.quoted else ""
        return (
            f"{self.severity}: {self.category.replace('_', ' ')} ({self.guideline}): "
            f"“{self.term}”{where}. {self.advice}"
        )


def _compile(words: Iterable[str], patterns: Iterable[str]) -> re.Pattern[str]:
    parts = [r"(?<![\w-])" + re.escape(w).replace(r"\ ", r"\s+") + r"(?![\w-])" for w in words]
    parts += list(patterns)
    return re.compile("|".join(f"(?:{p})" for p in parts), re.IGNORECASE)


@lru_cache(maxsize=4)
def load_categories(path: Path = WORDS_FILE) -> tuple[Category, ...]:
    """The categories from the data file."""
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    out = []
    for name, c in data["categories"].items():
        out.append(
            Category(
                name=name,
                guideline=c["guideline"],
                url=c.get("url", ""),
                severity=c.get("severity", "error"),
                advice=c.get("advice", ""),
                regex=_compile(c.get("words", []), c.get("patterns", [])),
                allow=tuple(a.lower() for a in c.get("allow", [])),
            )
        )
    return tuple(out)


def _blank(text: str, start: int, end: int) -> str:
    """Replace text[start:end] by spaces, keeping newlines (so offsets and lines stay put)."""
    return text[:start] + re.sub(r"[^\n]", " ", text[start:end]) + text[end:]


def mask(text: str, names: Iterable[str]) -> str:
    """Blank out proper names and URLs: they are data, not our voice."""
    for m in list(URL.finditer(text)):
        text = _blank(text, m.start(), m.end())
    for name in sorted({n for n in names if n and len(n) > 1}, key=len, reverse=True):
        for m in list(re.finditer(re.escape(name), text)):
            text = _blank(text, m.start(), m.end())
    return text


def _sentence_bounds(text: str, pos: int) -> tuple[int, int]:
    start = 0
    for m in SENTENCE_END.finditer(text, 0, pos):
        start = m.end()
    end_m = SENTENCE_END.search(text, pos)
    return start, (end_m.end() if end_m else len(text))


def _attributed(text: str, quote: re.Match[str]) -> bool:
    start, end = _sentence_bounds(text, quote.start())
    outside = text[start : quote.start()] + " " + text[quote.end() : max(end, quote.end())]
    return bool(ATTRIBUTION.search(outside))


def _allowed(category: Category, text: str, start: int, end: int) -> bool:
    if not category.allow:
        return False
    term = text[start:end].lower()
    if term in category.allow:
        return True
    window = text[max(0, start - 20) : end + 20].lower()
    return any(a in window and term in a for a in category.allow)


def lint_text(
    text: str, names: Sequence[str] = (), categories: Sequence[Category] | None = None
) -> list[Finding]:
    """Every word to watch in ``text``, with 1-based line and column."""
    cats = categories if categories is not None else load_categories()
    masked = mask(text, names)
    quotes = list(QUOTE.finditer(masked))
    findings: list[Finding] = []
    for cat in cats:
        for m in cat.regex.finditer(masked):
            if _allowed(cat, masked, m.start(), m.end()):
                continue
            quote = next((q for q in quotes if q.start() <= m.start() < q.end()), None)
            if quote is not None and _attributed(masked, quote):
                continue
            line = masked.count("\n", 0, m.start()) + 1
            col = m.start() - (masked.rfind("\n", 0, m.start()) + 1) + 1
            line_text = text.splitlines()[line - 1] if text else ""
            findings.append(
                Finding(
                    category=cat.name,
                    guideline=cat.guideline,
                    severity=cat.severity,
                    term=text[m.start() : m.end()],
                    line=line,
                    column=col,
                    context=line_text.strip()[:200],
                    advice=cat.advice,
                    quoted=quote is not None,
                )
            )
    return sorted(findings, key=lambda f: (f.line, f.column))


_JINJA = re.compile(r"\{#.*?#\}|\{%.*?%\}|\{\{.*?\}\}", re.DOTALL)
_SCRIPT = re.compile(r"<(script|style)\b.*?</\1\s*>", re.DOTALL | re.IGNORECASE)
_TAG = re.compile(r"<[^>]*>", re.DOTALL)


def visible_text(source: str, kind: str) -> str:
    """The prose of a file, with markup blanked out and line numbers kept."""
    text = source
    if kind in {"html", "jinja"}:
        for pattern in (_JINJA, _SCRIPT, _TAG):
            for m in list(pattern.finditer(text)):
                text = _blank(text, m.start(), m.end())
        text = html.unescape(text)
    elif kind == "css":
        # Only the text a stylesheet prints (content: "..."), not property names.
        kept = re.sub(r"[^\n]", " ", text)
        for m in re.finditer(r'content:\s*"([^"\n]*)"', text):
            kept = kept[: m.start(1)] + m.group(1) + kept[m.end(1) :]
        text = kept
        for m in list(_JINJA.finditer(text)):
            text = _blank(text, m.start(), m.end())
    elif kind == "markdown":
        for m in list(_JINJA.finditer(text)):
            text = _blank(text, m.start(), m.end())
        for m in list(re.finditer(r"```.*?```|`[^`\n]*`|\]\([^)]*\)", text, re.DOTALL)):
            text = _blank(text, m.start(), m.end())
    return text


def file_kind(path: Path) -> str:
    """html, jinja, markdown or text, from the file name."""
    name = path.name.lower()
    if name.endswith((".css", ".css.j2")):
        return "css"
    if name.endswith((".html.j2", ".htm.j2", ".j2", ".jinja", ".jinja2")):
        return "jinja"
    if name.endswith((".html", ".htm")):
        return "html"
    if name.endswith((".md", ".markdown")):
        return "markdown"
    return "text"


def lint_file(path: Path) -> list[Finding]:
    """Lint a Markdown, text, HTML or Jinja file."""
    source = path.read_text(encoding="utf-8", errors="replace")
    return lint_text(visible_text(source, file_kind(path)))
