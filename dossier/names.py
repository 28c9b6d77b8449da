"""Names: company-name cleaning and similarity, outlet keys, identifiers, people's names.

Pure functions, shared by sources, research, agency matching and the notes.
"""

from __future__ import annotations

import re
import unicodedata
from urllib.parse import urlsplit

from cleanco import basename
from rapidfuzz import fuzz


def clean_name(name: str) -> str:
    """Lower-case name without legal suffixes and punctuation: "Apple Inc." -> "apple"."""
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


_HONORIFICS = {
    "mr", "mrs", "ms", "miss", "mx", "dr", "prof", "professor", "sir", "dame", "lord", "lady",
    "rev", "revd", "fr",
}  # fmt: skip


def first_name_of(name: str) -> str:
    """The name to greet: "Dr. Jane Doe" -> "Jane", "Doe, Jane" -> "Jane", "Dr Doe" -> "Dr Doe"."""
    if "," in name:
        last, _, given = name.partition(",")
        name = f"{given.strip()} {last.strip()}".strip()
    tokens = name.split()
    kept = [t for t in tokens if t.lower().rstrip(".") not in _HONORIFICS]
    if len(kept) < 2 and len(tokens) > 1 and len(kept) < len(tokens):
        return " ".join(tokens)  # "Dr Doe": the title is part of the greeting
    return kept[0] if kept else name


def domain_of(url: str) -> str | None:
    """The host of a website URL without ``www.`` ("https://www.apple.com/" -> "apple.com")."""
    host = urlsplit(url if "//" in url else f"https://{url}").hostname or ""
    host = host.lower().removeprefix("www.")
    return host or None
