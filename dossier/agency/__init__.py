"""Who the incumbent agency is: the gazetteer, evidence extraction and scoring. Pure.

Reads only its own data files; takes Article facts and returns findings. Imports no network,
source, rendering or batch code.
"""

from __future__ import annotations

from .evidence import Evidence, extract_evidence
from .finding import AgencyFinding, find_incumbent
from .gazetteer import AgencyEntry, Gazetteer, load_gazetteer
from .scoring import THRESHOLD, AgencyCandidate, choose_incumbent, describe, find_candidates

__all__ = [
    "THRESHOLD",
    "AgencyCandidate",
    "AgencyEntry",
    "AgencyFinding",
    "Evidence",
    "Gazetteer",
    "choose_incumbent",
    "describe",
    "extract_evidence",
    "find_candidates",
    "find_incumbent",
    "load_gazetteer",
]
