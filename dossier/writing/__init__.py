"""Writing: the sentences of each document, built once from cited facts, and checked.

``write_company`` and ``write_agency`` return a :class:`Written` (every sentence of one
document); ``audit`` turns it into review warnings (old figures, conflicts, words to watch).
Imports no network, source, rendering or batch code.
"""

from __future__ import annotations

from .audit import audit
from .sentences import Freshness, Sentence
from .written import Section, Written, freshness_of, write_agency, write_company

__all__ = [
    "Freshness",
    "Section",
    "Sentence",
    "Written",
    "audit",
    "freshness_of",
    "write_agency",
    "write_company",
]
