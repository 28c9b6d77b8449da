"""Who the incumbent agency is: the gazetteer, relation extraction, the decision. Pure.

Reads only its own data files; takes Article facts and returns findings. Imports no network,
source, rendering or batch code.
"""

from __future__ import annotations

from .evidence import Evidence, extract_evidence, relations_of_agency
from .finding import AgencyFinding, find_incumbent
from .gazetteer import AgencyEntry, Gazetteer, load_gazetteer
from .incumbent import (
    DEFAULT_YEARS,
    ROLE_ORDER,
    AgencyCandidate,
    RoleDecision,
    candidates,
    decide,
    describe,
)
from .relations import Relation, extract_sentence, extract_text

__all__ = [
    "DEFAULT_YEARS",
    "ROLE_ORDER",
    "AgencyCandidate",
    "AgencyEntry",
    "AgencyFinding",
    "Evidence",
    "Gazetteer",
    "Relation",
    "RoleDecision",
    "candidates",
    "decide",
    "describe",
    "extract_evidence",
    "extract_sentence",
    "extract_text",
    "find_incumbent",
    "load_gazetteer",
    "relations_of_agency",
]
