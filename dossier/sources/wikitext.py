"""Pure wikitext helpers: find the company infobox, turn field markup into plain text, parse values.

Built on mwparserfromhell. Nothing here does I/O; every function takes and returns plain strings.
"""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal, InvalidOperation

import mwparserfromhell
from mwparserfromhell.nodes import (
    ExternalLink,
    Heading,
    HTMLEntity,
    Node,
    Tag,
    Template,
    Text,
    Wikilink,
)

INFOBOX_NAMES = frozenset(
    {
        "infobox company",
        "infobox corporation",
        "infobox business",
        "infobox organization",
        "infobox dot-com company",
        "infoboks verksemd",
        "infobox unternehmen",
    }
)
# fmt: off
_LISTS = {"ubl", "unbulleted list", "plainlist", "plain list", "hlist", "flatlist", "flat list"}
_DATES = {"start date", "start date and age", "end date", "end date and age"}
_URLS = {"url", "official url", "official website"}
_FIRST = {"nowrap", "nobr", "small", "big", "nobold", "noitalic", "abbr"}
_CONSTANTS = {"!": "|", "ndash": "–", "mdash": "—", "snd": " – ", "spaced ndash": " – ",
              "nbsp": " ", "•": " • ", "·": " · ", "dot": " · "}
_CURRENCIES = {"us$": "US$", "usd": "US$", "us dollar": "US$", "€": "€", "eur": "€", "euro": "€",
               "gbp": "£", "£": "£", "jpy": "¥", "¥": "¥", "cn¥": "CN¥", "cny": "CN¥",
               "inr": "₹", "₹": "₹", "ca$": "CA$", "cad": "CA$", "a$": "A$", "aud": "A$",
               "hk$": "HK$", "hkd": "HK$", "chf": "CHF ", "nok": "NOK ", "sek": "SEK ",
               "dkk": "DKK "}
EXCHANGES = {"nasdaq": "NASDAQ", "nyse": "NYSE", "nyse american": "NYSE American", "lse": "LSE",
             "euronext": "Euronext", "tyo": "TYO", "asx": "ASX", "tsx": "TSX", "hkex": "HKEX",
             "fwb": "FWB", "six": "SIX", "bmad": "BMAD", "bit": "BIT", "otc pink": "OTC Pink"}
_DROP_TAGS = {"ref", "script", "style", "table", "gallery", "math", "timeline", "templatestyles",
              "references", "syntaxhighlight", "hr"}
_SKIP_NS = {"file", "image", "fil", "bilete", "bilde", "category", "kategori", "media"}
_MONTH_NAMES = ["January", "February", "March", "April", "May", "June", "July", "August",
                "September", "October", "November", "December"]
_MONTHS = {m.lower(): i + 1 for i, m in enumerate(_MONTH_NAMES)}
_MONTHS.update({m[:3]: i for m, i in list(_MONTHS.items())})
_MONTHS.update({"sept": 9, "januar": 1, "februar": 2, "mars": 3, "mai": 5, "juni": 6, "juli": 7,
                "oktober": 10, "desember": 12})
# fmt: on


def _norm(name: object) -> str:
    text = re.sub(r"<!--.*?-->", "", str(name), flags=re.S)
    text = re.sub(r"\s+", " ", text.replace("_", " ")).strip().lower()
    return text.removeprefix("template:").strip()


def _arg(t: Template, key: str | int) -> str | None:
    """The rendered text of a template parameter, or None when it is absent."""
    key = str(key)
    if not t.has(key):
        return None
    return _tidy(_render(t.get(key).value.nodes))


def _positional(t: Template) -> list[str]:
    out, i = [], 1
    while t.has(str(i)):
        out.append(_arg(t, i) or "")
        i += 1
    return out


def _iso(year: str | None, month: str | None = None, day: str | None = None) -> str:
    if not year or not year.strip().isdigit():
        return ""
    parts = [year.strip().zfill(4)]
    for bit in (month, day):
        if not bit or not bit.strip().isdigit():
            break
        parts.append(bit.strip().zfill(2))
    return "-".join(parts)


def _template(t: Template) -> str:
    name = _norm(t.name)
    if name in _LISTS:
        return "; ".join(item for item in _positional(t) if item)
    if name in _DATES:
        return _iso(_arg(t, 1), _arg(t, 2), _arg(t, 3))
    if name in _URLS:
        return _arg(t, 1) or ""
    if name in _CURRENCIES:
        amount = _arg(t, 1)
        return f"{_CURRENCIES[name]}{amount}" if amount else ""
    if name in EXCHANGES:
        symbol = _arg(t, 1)
        return f"{EXCHANGES[name]}: {symbol}" if symbol else ""
    if name in _FIRST or name.startswith("lang-"):
        return _arg(t, 1) or ""
    if name in {"lang", "native name"}:
        return _arg(t, 2) or ""
    if name in _CONSTANTS:
        return _CONSTANTS[name]
    if name in {"circa", "c."}:
        return f"c. {_arg(t, 1) or ''}".strip()
    if name in {"convert", "cvt"}:
        bits = _positional(t)
        if len(bits) >= 4 and bits[1] in {"-", "–", "to", "and", "or", "by", "x", "+"}:
            return " ".join(bits[:4])
        return " ".join(bits[:2])
    if name == "as of":
        if t.has("alt"):
            return _arg(t, "alt") or ""
        year, month, day = _arg(t, 1), _arg(t, 2), _arg(t, 3)
        when = year or ""
        if month and month.isdigit() and 1 <= int(month) <= 12:
            when = f"{_MONTH_NAMES[int(month) - 1]} {when}"
            if day and day.isdigit():
                when = f"{int(day)} {when}"
        return f"As of {when}" if when else ""
    return ""


def _link(link: Wikilink, br: str) -> str:
    title = str(link.title).strip()
    if title.startswith(":"):
        title = title[1:]
    elif ":" in title:
        ns = title.split(":", 1)[0].strip().lower()
        if ns in _SKIP_NS or (link.text is None and re.fullmatch(r"[a-z]{2,3}(-[a-z]+)?", ns)):
            return ""
    if link.text is not None and str(link.text).strip():
        return _render(link.text.nodes, br)
    return _render(mwparserfromhell.parse(title).nodes, br)


def _render(nodes: list[Node], br: str = "; ") -> str:
    """Plain text of parsed nodes (line breaks kept; list items marked with a leading '*')."""
    out: list[str] = []
    for node in nodes:
        if isinstance(node, Text):
            out.append(str(node.value))
        elif isinstance(node, Template):
            out.append(_template(node))
        elif isinstance(node, Wikilink):
            out.append(_link(node, br))
        elif isinstance(node, ExternalLink):
            if node.title is not None and str(node.title).strip():
                out.append(_render(node.title.nodes, br))
            elif not node.brackets:
                out.append(str(node.url))
        elif isinstance(node, HTMLEntity):
            out.append(node.normalize())
        elif isinstance(node, Heading):
            out.append(_render(node.title.nodes, br))
        elif isinstance(node, Tag):
            tag = str(node.tag).strip().lower()
            if tag == "br":
                out.append(br)
            elif tag in {"li", "dt", "dd"} and node.wiki_markup:
                out.append("*" if tag == "li" else "")
            elif tag not in _DROP_TAGS and node.contents is not None:
                out.append(_render(node.contents.nodes, br))
    return "".join(out)


def _strip_residue(text: str) -> str:
    text = re.sub(r"</?[A-Za-z][^<>]*>", "", text)
    text = re.sub(r"\{\{|\}\}|\[\[|\]\]|'{2,}|__[A-Z]+__", "", text)
    return text


def _tidy(text: str) -> str:
    text = _strip_residue(text)
    lines = text.split("\n")
    if any(line.lstrip().startswith("*") for line in lines):
        lines = [line.strip().lstrip("*#:").strip() for line in lines]
        text = "; ".join(line for line in lines if line)
    text = re.sub(r"\s+", " ", text)
    text = re.sub(r"\s*;[\s;]*", "; ", text)
    return text.strip().strip(";").strip()


def find_infobox(wikitext: str) -> dict[str, str] | None:
    """The first top-level company infobox's raw parameters by stripped name, or None."""
    for t in mwparserfromhell.parse(wikitext).filter_templates(recursive=False):
        if _norm(t.name) in INFOBOX_NAMES:
            return {str(p.name).strip(): str(p.value) for p in t.params}
    return None


def clean_value(raw: str) -> str:
    """Plain text of one infobox field: refs and comments gone, known templates unwrapped."""
    return _tidy(_render(mwparserfromhell.parse(raw).nodes, "; "))


def find_tickers(raw: str) -> list[tuple[str, str]]:
    """(symbol, exchange) pairs from exchange templates such as {{NASDAQ|AAPL}} in a raw field."""
    out: list[tuple[str, str]] = []
    for t in mwparserfromhell.parse(raw).filter_templates(recursive=True):
        name = _norm(t.name)
        symbol = _arg(t, 1) if name in EXCHANGES else None
        if symbol and (symbol, EXCHANGES[name]) not in out:
            out.append((symbol, EXCHANGES[name]))
    return out


_NUM = r"\d{1,3}(?:[,\u00a0\u202f\u2009 ]\d{3})+(?:\.\d+)?|\d+(?:[.,]\d+)?"
# fmt: off
_SCALES = {"trillion": 12, "tn": 12, "billion": 9, "bn": 9, "bln": 9, "b": 9, "mrd": 9,
           "milliardar": 9, "milliarder": 9, "milliard": 9, "million": 6, "millionar": 6,
           "millioner": 6, "mill": 6, "mil": 6, "mln": 6, "mn": 6, "m": 6, "thousand": 3, "k": 3}
_SYMBOLS = {"US$": "USD", "CA$": "CAD", "C$": "CAD", "AU$": "AUD", "A$": "AUD", "HK$": "HKD",
            "NZ$": "NZD", "S$": "SGD", "R$": "BRL", "CN¥": "CNY", "JP¥": "JPY", "€": "EUR",
            "£": "GBP", "¥": "JPY", "₹": "INR", "₩": "KRW"}
_CODES = {"USD", "EUR", "GBP", "JPY", "NOK", "SEK", "DKK", "ISK", "CHF", "CAD", "AUD", "NZD",
          "CNY", "HKD", "SGD", "INR", "KRW", "BRL", "ZAR", "MXN", "PLN", "RUB"}
# fmt: on
_SCALE = "|".join(sorted(_SCALES, key=len, reverse=True))
_CUR = "|".join(
    [re.escape(s) for s in sorted(_SYMBOLS, key=len, reverse=True)]
    + [rf"{c}\b" for c in sorted(_CODES)]
    + [r"RMB\b"]
)
_AMOUNT = rf"(?P<neg2>[-−])?(?P<num>{_NUM})(?:\s?(?P<scale>(?i:{_SCALE}))\.?(?![^\W\d_]))?"
_PREFIX = re.compile(rf"(?P<neg1>[-−])?(?<![A-Za-z])(?P<cur>{_CUR})\s?{_AMOUNT}")
_SUFFIX = re.compile(rf"{_AMOUNT}\s?(?P<cur>(?:{'|'.join(sorted(_CODES))})\b|€|£)")


def _number(num: str, scale: str | None) -> float | None:
    if re.fullmatch(r"\d{1,3}(?:[,\u00a0\u202f\u2009 ]\d{3})+(?:\.\d+)?", num):
        num = re.sub(r"[,\u00a0\u202f\u2009 ]", "", num)
    else:
        num = num.replace(",", ".")
    try:
        value = Decimal(num)
    except InvalidOperation:
        return None
    if scale:
        value *= Decimal(10) ** _SCALES[scale.lower()]
    return float(value)


def parse_money(text: str) -> tuple[float, str] | None:
    """(amount, ISO currency) from text like "US$391.035 billion", or None when unsure."""
    found = [m for m in (_PREFIX.search(text), _SUFFIX.search(text)) if m]
    if not found:
        return None
    m = min(found, key=lambda m: m.start())
    cur = m.group("cur")
    code = _SYMBOLS.get(cur) or _SYMBOLS.get(cur.upper()) or cur.upper()
    code = "CNY" if code == "RMB" else code
    amount = _number(m.group("num"), m.group("scale"))
    if amount is None or code not in _CODES:
        return None
    negative = bool(m.groupdict().get("neg1") or m.group("neg2"))
    return (-amount if negative else amount, code)


def parse_count(text: str) -> float | None:
    """A head count such as "164,000 (2024)", "29 500" or "c. 10,000", or None."""
    text = re.sub(r"\([^)]*\)", " ", text)
    m = re.search(rf"(?P<num>{_NUM})(?:\s?(?P<scale>million|thousand)(?![^\W\d_]))?", text)
    return _number(m.group("num"), m.group("scale")) if m else None


def parse_date(text: str) -> str | None:
    """An ISO date, year-month or year from free text ("18. september 1972", "1976-04-01")."""
    if re.search(r"(?i)(?<![^\W\d_])(c\.|ca\.|circa|about|around)\s*\d|\d{3}0s\b", text):
        return None
    m = re.search(r"\b(\d{4})-(\d{2})(?:-(\d{2}))?\b", text)
    if m:
        return _valid(m.group(1), m.group(2), m.group(3))
    for pattern, order in (
        (r"\b([^\W\d_]+)\.?\s+(\d{1,2}),?\s+(\d{4})\b", "mdy"),
        (r"\b(\d{1,2})\.?\s+([^\W\d_]+)\.?,?\s+(\d{4})\b", "dmy"),
        (r"\b([^\W\d_]+)\.?\s+(\d{4})\b", "my"),
    ):
        for m in re.finditer(pattern, text):
            parts = dict(zip(order, m.groups(), strict=True))
            month = _MONTHS.get(parts["m"].lower())
            if month:
                found = _valid(parts["y"], str(month), parts.get("d"))
                if found:
                    return found
    m = re.search(r"(?<!\d)(1\d{3}|20\d{2})(?!\d)", text)
    return m.group(1) if m else None


def _valid(year: str, month: str | None, day: str | None) -> str | None:
    try:
        date(int(year), int(month or 1), int(day or 1))
    except ValueError:
        return None
    return _iso(year, month, day)


def split_people(text: str) -> list[tuple[str, str]]:
    """(name, role) pairs from cleaned key_people text like "Tim Cook (CEO); Jane Doe (CFO)"."""
    people: list[tuple[str, str]] = []
    for item in (bit.strip() for bit in text.split(";")):
        m = re.fullmatch(r"(.*?)\s*\((.+)\)", item)
        name, role = (m.group(1).strip(), m.group(2).strip()) if m else (item, "")
        if not name and role and people and not people[-1][1]:
            people[-1] = (people[-1][0], role)
        elif name:
            if not role and ", " in name:
                head, tail = name.split(", ", 1)
                if tail.rstrip(".").lower() not in {"jr", "sr", "ii", "iii", "iv"}:
                    name, role = head, tail
            people.append((name, role))
    return people


def lead_text(wikitext: str) -> str:
    """Plain text of the lead (before the first heading); paragraphs separated by blank lines."""
    nodes: list[Node] = []
    for node in mwparserfromhell.parse(wikitext).nodes:
        if isinstance(node, Heading):
            break
        nodes.append(node)
    paragraphs = []
    for para in re.split(r"\n[ \t]*\n", _strip_residue(_render(nodes, " "))):
        lines = [line.strip().lstrip("*#:").strip() for line in para.split("\n")]
        text = re.sub(r"\s+", " ", " ".join(lines)).strip()
        text = re.sub(r"\(\s*[,;]?\s*\)", "", text)
        text = re.sub(r"\s+([,.;:!?])", r"\1", re.sub(r"\s+", " ", text)).strip()
        if text:
            paragraphs.append(text)
    return "\n\n".join(paragraphs)


_ABBREVIATIONS = {
    "inc",
    "corp",
    "co",
    "ltd",
    "plc",
    "st",
    "mr",
    "mrs",
    "ms",
    "dr",
    "jr",
    "sr",
    "no",
    "vs",
    "c",
    "ca",
    "approx",
    "est",
}


def first_sentence(text: str) -> str:
    """The first sentence of the first paragraph (the whole paragraph if no clear end is found)."""
    para = text.split("\n\n", 1)[0].strip()
    for m in re.finditer(r"([.!?])\s+(?=[\"'“(]?[^\W\d_])", para):
        nxt = para[m.end() :].lstrip("\"'“(")
        word = para[: m.start(1)].rsplit(" ", 1)[-1]
        if not nxt[:1].isupper() or "." in word or word.lower() in _ABBREVIATIONS:
            continue
        if len(word) == 1 and word.isupper():
            continue
        return para[: m.end(1)]
    return para
