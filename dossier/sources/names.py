"""Company-name cleaning and similarity, shared by search and resolution."""

from __future__ import annotations

import re
import unicodedata

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
