"""Public sources, one module each, behind one interface (``base.Source``) and one registry.

``fetch`` does the I/O through ``dossier.net`` (the only package that touches the network);
``extract`` is a pure function from bytes to facts.
"""

from __future__ import annotations

from . import registry
from .base import Candidate, Entity, Fetched, RunContext, Source

__all__ = ["Candidate", "Entity", "Fetched", "RunContext", "Source", "registry"]
