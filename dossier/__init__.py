"""dossier: sourced, neutral research briefings from public sources.

>>> from dossier import build, BuildOptions                        # doctest: +SKIP
>>> result = build(BuildOptions(company="Apple Inc."))
>>> result.outputs["pdf"]
PosixPath('output/apple-inc/company-report.pdf')

The public names are imported on first use, so ``import dossier`` (and ``dossier --help``)
stays fast.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

if TYPE_CHECKING:
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
    import importlib

    value = getattr(importlib.import_module(f".{module}", __name__), name)
    globals()[name] = value
    return value
