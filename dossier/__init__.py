"""dossier: sourced, neutral research briefings from public sources.

>>> from dossier import build, BuildOptions                        # doctest: +SKIP
>>> result = build(BuildOptions(company="Apple Inc."))
>>> result.outputs["pdf"]
PosixPath('output/apple-inc/company-report.pdf')

The public names are imported on first use, so ``import dossier`` (and ``dossier --help``)
stays fast. ``build`` and ``research`` are also the names of the modules that define them
(``dossier/build.py``, ``dossier/research/``): on the package they always mean the functions;
import the modules by their full names (``from dossier.build import BuildOptions``).
"""

from __future__ import annotations

import importlib
import sys
import types

__version__ = "0.1.0"

#: :data:`typing.TYPE_CHECKING` without importing :mod:`typing` (its import is a good part of
#: ``dossier --help``'s time; type checkers treat a name TYPE_CHECKING as true).
TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

    from .batch import BatchOptions, BatchResult, run_batch
    from .build import BuildOptions, BuildResult, build
    from .errors import (
        AmbiguousCompany,
        CompanyNotFound,
        ConfigError,
        DossierError,
        ExtractError,
        FetchError,
        RenderError,
        ResolutionError,
        SourceError,
        SourceNotConfigured,
    )
    from .model import Contact, Dossier, Fact, Provenance
    from .research import research
    from .research.resolve import Hints

_EXPORTS = {
    "AmbiguousCompany": "errors",
    "BatchOptions": "batch",
    "BatchResult": "batch",
    "BuildOptions": "build",
    "BuildResult": "build",
    "CompanyNotFound": "errors",
    "ConfigError": "errors",
    "Contact": "model",
    "Dossier": "model",
    "DossierError": "errors",
    "ExtractError": "errors",
    "Fact": "model",
    "FetchError": "errors",
    "Hints": "research.resolve",
    "Provenance": "model",
    "RenderError": "errors",
    "ResolutionError": "errors",
    "SourceError": "errors",
    "SourceNotConfigured": "errors",
    "build": "build",
    "research": "research",
    "run_batch": "batch",
}

__all__ = [
    "AmbiguousCompany",
    "BatchOptions",
    "BatchResult",
    "BuildOptions",
    "BuildResult",
    "CompanyNotFound",
    "ConfigError",
    "Contact",
    "Dossier",
    "DossierError",
    "ExtractError",
    "Fact",
    "FetchError",
    "Hints",
    "Provenance",
    "RenderError",
    "ResolutionError",
    "SourceError",
    "SourceNotConfigured",
    "build",
    "research",
    "run_batch",
]


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'dossier' has no attribute {name!r}")
    value = getattr(importlib.import_module(f".{module}", __name__), name)
    globals()[name] = value
    return value


def _function_named_like_its_module(name: str) -> property:
    """A package attribute that is the function even after its module of the same name loads.

    Importing ``dossier.build`` sets the package attribute ``build`` to the module; the setter
    keeps the module aside instead, so ``from dossier import build`` is always the function.
    """

    def get(self: types.ModuleType) -> Any:
        return getattr(importlib.import_module(f".{name}", __name__), name)

    def put(self: types.ModuleType, value: Any) -> None:
        self.__dict__[f"_{name}_module"] = value

    return property(get, put)


class _Package(types.ModuleType):
    build = _function_named_like_its_module("build")
    research = _function_named_like_its_module("research")


sys.modules[__name__].__class__ = _Package
