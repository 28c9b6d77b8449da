"""Names: company-name cleaning and similarity, outlet keys, identifiers, people's names.

Pure functions, shared by sources, research, agency matching and the notes.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from urllib.parse import urlsplit

from cleanco import basename
from rapidfuzz import fuzz


@lru_cache(maxsize=1 << 16)
def clean_name(name: str) -> str:
    """Lower-case name without legal suffixes and punctuation: "Apple Inc." -> "apple".

    Memoised (cleanco is slow and the same names come back for every document of a run).
    """
    text = unicodedata.normalize("NFKC", name).strip()
    text = re.sub(r"\s*/\s*[A-Z]{2}\s*$", "", text)  # SEC state tags such as "NVIDIA CORP/CA"
    text = basename(text) or text
    text = text.replace("&", " and ").lower()
    text = re.sub(r"[^\w\s]", " ", text)
    return re.sub(r"\s+", " ", text).strip()


def name_score(query: str, name: str) -> float:
    """Similarity of two company names from 0 to 1 (1 = same cleaned name)."""
    a, b = clean_name(query), clean_name(name)
    if not a or not b:
        return 0.0
    if a == b:
        return 1.0
    return fuzz.ratio(a, b) / 100.0 * 0.95


def outlet_key(outlet: str) -> str:
    """A key under which "Example Wire" and "www.examplewire.example" are the same outlet."""
    text = unicodedata.normalize("NFKC", outlet or "").strip().lower()
    if text and " " not in text and "." in text:  # a domain: keep its first meaningful label
        labels = [x for x in text.split(".") if x not in ("www", "m", "amp", "")]
        text = labels[0] if len(labels) > 1 else text
    text = re.sub(r"^the\s+", "", text)
    return re.sub(r"[^\w]+", "", text)


def pad_cik(cik: str | int) -> str:
    """CIK as the 10-digit zero-padded string the SEC URLs use (ValueError when not digits)."""
    digits = str(cik).strip().lstrip("CIKcik")
    if not digits.isdigit():
        raise ValueError(f"not a CIK: {cik!r}")
    return digits.zfill(10)


def one_line(value: object) -> str:
    """One line of text: control characters and runs of whitespace become one space."""
    return re.sub(r"[\s\x00-\x1f\x7f]+", " ", str(value or "")).strip()


@dataclass(frozen=True)
class Greeting:
    """The name to greet a person by ("Dear ...") and whether it is clearly their first name.

    ``clear`` is False when the first name could not be told from the full name (only a title
    and a surname, an initial, a single name, a script whose name order is not known); then
    ``name`` is the most formal correct greeting that needs no guess (the title and surname, or
    the name as given) and ``reason`` says what a reviewer should check.
    """

    name: str
    clear: bool = True
    reason: str = ""


_INITIAL = re.compile(r"(?:[^\W\d_]\.)+[^\W\d_]?\.?|[^\W\d_]")
_LATIN = re.compile(r"^[\sA-Za-z\u00c0-\u024f\u1e00-\u1eff'’.,()/\-]*$")
_NICKNAME = re.compile(r"^[^\W\d_][^\W\d_'’\-]*(?:[-'’][^\W\d_]+)*$")


def greeting_of(full_name: str) -> Greeting:
    """How to greet ``full_name``, parsed with nameparser (titles, suffixes, "Last, First",
    nicknames in brackets; all-capitals or all-lower-case names capitalised).

    "Dr. Jane Doe" -> Jane, "Jane Doe, PhD" -> Jane, "JANE DOE" -> Jane, "Robert (Bob) Smith"
    -> Bob. Never a guess: "Dr Doe", "J. Doe" or "Doe" alone are greeted as written and marked
    unclear.
    """
    text = one_line(full_name)
    if not text:
        return Greeting("", False, "no name was given")
    if not _LATIN.match(text):
        return Greeting(
            text, False, f"the order of given name and family name in “{text}” is not known"
        )
    # nameparser's tables load in about 0.1 s: only where a person's name is parsed (not in
    # the agency worker, nor in a build without a contact, which import this module too)
    from nameparser import HumanName

    parsed = HumanName(text)
    parsed.capitalize()  # only changes all-capitals or all-lower-case names
    as_written = str(parsed).strip() or text
    first, last, title = parsed.first.strip(), parsed.last.strip(), parsed.title.strip()
    nickname = parsed.nickname.strip()
    if nickname and _NICKNAME.match(nickname) and not _INITIAL.fullmatch(nickname):
        return Greeting(nickname)
    if first and last and not _INITIAL.fullmatch(first):
        return Greeting(first)
    formal = f"{title} {last}" if title and last else as_written
    if not first:
        reason = f"“{text}” gives a title and a surname but no first name"
    elif _INITIAL.fullmatch(first):
        reason = f"“{text}” gives only an initial for the first name"
    else:
        reason = f"“{text}” is a single name: it may be a first name or a surname"
    return Greeting(formal, False, reason)


def first_name_of(name: str) -> str:
    """The name to greet: "Dr. Jane Doe" -> "Jane", "Doe, Jane" -> "Jane", "Dr Doe" -> "Dr Doe".

    See :func:`greeting_of`, which also says whether the first name was clear.
    """
    return greeting_of(name).name


def domain_of(url: str) -> str | None:
    """The host of a website URL without ``www.`` ("https://www.apple.com/" -> "apple.com")."""
    host = urlsplit(url if "//" in url else f"https://{url}").hostname or ""
    host = host.lower().removeprefix("www.")
    return host or None
