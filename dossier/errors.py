"""The whole exception tree of dossier.

::

    DossierError                      base; str(e) is a complete sentence a user can act on
    ├── ConfigError                   bad sources/*.toml, brand.toml, unknown source or template
    │   └── SourceNotConfigured       the source switches itself off; the build continues
    ├── ResolutionError               the company name could not be pinned to one entity
    │   ├── CompanyNotFound           no source knows the name
    │   └── AmbiguousCompany          several candidates; carries them and the flag that picks each
    ├── SourceError                   carries .source and .url
    │   ├── FetchError                network/HTTP failure after retries; carries .status
    │   │   ├── NotInSnapshot         --offline and the snapshot has no such request
    │   │   ├── BlockedURL            the URL points at a private, loopback or reserved address
    │   │   └── ResponseTooLarge      the body passed the size cap
    │   └── ExtractError              a response did not have the shape we expect
    └── RenderError                   template or PDF failure; names the template

Library code raises only these. Only ``cli.py`` turns them into exit codes.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any


class DossierError(Exception):
    """Base class: the message is a complete sentence that says what to do."""


class ConfigError(DossierError):
    """A configuration file or option is wrong."""


class SourceNotConfigured(ConfigError):
    """A source cannot run with the current settings (for example SEC without a contact)."""

    def __init__(self, source: str, message: str) -> None:
        super().__init__(message)
        self.source = source


class ResolutionError(DossierError):
    """The company could not be resolved to one entity."""


class CompanyNotFound(ResolutionError):
    """No configured source knows the company."""

    def __init__(self, name: str, searched: Sequence[str]) -> None:
        where = ", ".join(searched) if searched else "no sources (all are disabled)"
        super().__init__(
            f"No company matching {name!r} was found. Searched: {where}. "
            "Check the spelling, or pin it with --ticker, --cik, --wikidata or --domain."
        )
        self.name = name
        self.searched = list(searched)


class AmbiguousCompany(ResolutionError):
    """Several candidates fit the name about equally well."""

    def __init__(self, name: str, candidates: Sequence[Any]) -> None:
        lines = [f"{name!r} matches more than one company. Pick one with its flag:"]
        for c in candidates:
            lines.append(f"  {c.label}: {c.flag}")
        super().__init__("\n".join(lines))
        self.name = name
        self.candidates = list(candidates)


class SourceError(DossierError):
    """A source failed; the build records it as a gap and goes on."""

    def __init__(self, source: str, message: str, url: str | None = None) -> None:
        super().__init__(message)
        self.source = source
        self.url = url


class FetchError(SourceError):
    """A request failed after retries (status None means no response at all)."""

    def __init__(
        self, source: str, message: str, url: str | None = None, status: int | None = None
    ) -> None:
        super().__init__(source, message, url)
        self.status = status


class NotInSnapshot(FetchError):
    """Offline mode and the snapshot holds no response for this request."""

    def __init__(self, source: str, url: str) -> None:
        super().__init__(source, f"not in snapshot: {url}", url)


class BlockedURL(FetchError):
    """The URL resolves to a private, loopback, link-local or reserved address."""


class ResponseTooLarge(FetchError):
    """The response body passed the configured size cap."""


class ExtractError(SourceError):
    """A response was not in the shape the parser expects."""


class RenderError(DossierError):
    """A document could not be rendered."""
