"""Bidirectional control characters, and removing them (no imports: the batch's sheet reader
uses it without loading the record's schema).

Scraped text is data; a U+202E from a web page must not reverse dossier's own next sentence,
so every string that enters the record loses them (direction is isolated by the templates
instead). :mod:`dossier.model` re-exports both names.
"""

from __future__ import annotations

#: Embeddings, overrides, isolates, marks.
BIDI_CONTROLS = "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
BIDI_TABLE = dict.fromkeys(map(ord, BIDI_CONTROLS))


def strip_bidi(text: str) -> str:
    """``text`` without bidirectional control characters."""
    return text.translate(BIDI_TABLE)
