"""Research: resolve a name to an entity, collect every source's facts, apply the reviewer's
overrides, normalise into one record -> a :class:`~dossier.model.Dossier`. No documents here.
"""

from __future__ import annotations

from .agency import research_agency
from .collect import Collected, collect, make_sources
from .company import assemble, research
from .resolve import Hints, Resolver

__all__ = [
    "Collected",
    "Hints",
    "Resolver",
    "assemble",
    "collect",
    "make_sources",
    "research",
    "research_agency",
]
