"""dossier: sourced, neutral research briefings from public sources."""

from __future__ import annotations

__version__ = "0.1.0"
