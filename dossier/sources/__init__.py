"""The built-in sources, keyed by name (the name of their sources/<name>.toml)."""

from __future__ import annotations

from typing import Any

from .news import Feeds, Gdelt, GoogleNews, Pageviews
from .sec import Sec
from .website import Website
from .wikidata import Wikidata
from .wikipedia import Wikipedia

#: Order matters: it is the order of the source list in every document.
SOURCES: dict[str, Any] = {
    s.name: s for s in (Sec, Wikidata, Wikipedia, Website, GoogleNews, Gdelt, Feeds, Pageviews)
}

__all__ = ["SOURCES"]
