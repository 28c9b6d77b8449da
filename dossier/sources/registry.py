"""The source registry: built-in sources are registered by module path, others by ``register``.

Order matters: it is the order sources are consulted in and the order of the source list in
every document. Built-ins load on first use, so importing dossier does not import them.
"""

from __future__ import annotations

import importlib
import threading

from ..errors import ConfigError
from .base import Source

#: The built-in sources, "module:Class", in order.
BUILTIN: tuple[str, ...] = (
    "dossier.sources.sec:Sec",
    "dossier.sources.wikidata:Wikidata",
    "dossier.sources.wikipedia:Wikipedia",
    "dossier.sources.website:Website",
    "dossier.sources.news:GoogleNews",
    "dossier.sources.news:Gdelt",
    "dossier.sources.news:Feeds",
    "dossier.sources.news:Pageviews",
    "dossier.sources.agency_news:AgencyNews",
    "dossier.sources.agency_news:TradePress",
    "dossier.sources.agency_news:Newsroom",
)

_registry: dict[str, type[Source]] = {}
_loaded = False
_lock = threading.Lock()


def _load_builtins() -> None:
    global _loaded
    with _lock:
        if _loaded:
            return
        builtins: dict[str, type[Source]] = {}
        for path in BUILTIN:
            module, _, attr = path.partition(":")
            cls = getattr(importlib.import_module(module), attr)
            builtins[cls.name] = cls
        # Built-ins first, then whatever was registered before they loaded.
        extra = dict(_registry)
        _registry.clear()
        _registry.update(builtins)
        _registry.update(extra)
        _loaded = True


def register(cls: type[Source]) -> type[Source]:
    """Add a source class (usable as a decorator); a second class with the same name is refused."""
    if not (isinstance(cls, type) and issubclass(cls, Source)):
        raise TypeError(f"{cls!r} is not a Source subclass")
    name = getattr(cls, "name", "")
    if not name or not getattr(cls, "label", ""):
        raise ConfigError(f"Source class {cls.__name__} needs a name and a label.")
    _load_builtins()
    existing = _registry.get(name)
    if existing is not None and existing is not cls:
        raise ConfigError(f"A source named {name!r} is already registered ({existing.__name__}).")
    _registry[name] = cls
    return cls


def unregister(name: str) -> None:
    """Remove a registered source (tests use it to clean up)."""
    _load_builtins()
    _registry.pop(name, None)


def sources() -> dict[str, type[Source]]:
    """Every registered source class by name, in order."""
    _load_builtins()
    return dict(_registry)


def get(name: str) -> type[Source]:
    """One source class; ConfigError lists the valid names."""
    found = sources().get(name)
    if found is None:
        raise ConfigError(f"No source named {name!r}. Sources: {', '.join(sources())}.")
    return found
