"""The whole exception tree of dossier.

::

    DossierError                      base; str(e) is a complete sentence a user can act on
    ├── ConfigError                   bad sources/*.toml, brand.toml, unknown source or template
    │   └── SourceNotConfigured       the source switches itself off; the build continues
    ├── ResolutionError               the company name could not be pinned to one entity
    │   ├── CompanyNotFound           every source answered and none knows the name
    │   ├── SourcesUnreachable        no match because the sources could not be asked; lists why
    │   ├── AmbiguousCompany          several candidates; carries them and the flag that picks each
    │   └── ConflictingHints          two hints name different companies (a usage error: exit 2)
    ├── SourceError                   carries .source and .url
    │   ├── FetchError                network/HTTP failure after retries; carries .status
    │   │   ├── NotInSnapshot         --offline and the snapshot has no such request
    │   │   ├── BlockedURL            the URL points at a private, loopback or reserved address,
    │   │   │                         or a redirect leaves the site a source is confined to
    │   │   ├── ResponseTooLarge      the body (on the wire or decompressed) passed the size cap
    │   │   ├── NetworkError          no usable answer: .kind is dns, unreachable, refused,
    │   │   │                         timeout, tls, reset or short (a body cut off)
    │   │   ├── DeadlineExceeded      one request took longer than its deadline
    │   │   ├── BudgetExceeded        the source used up its time or requests for this company
    │   │   └── WaitTooLong           the server asked to wait (Retry-After) longer than allowed
    │   └── ExtractError              a response did not have the shape we expect
    ├── RenderError                   template or PDF failure; names the template
    └── ReportNotReady                the company report is below the minimum of substance;
                                      carries .result (what was built for the reviewer)

Library code raises only these. Only ``cli.py`` turns them into exit codes: each class's
``exit_status`` (1, or 2 for a usage error).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any, ClassVar


def quoted(name: str) -> str:
    """A name in quotes as the user typed it ('TBWA\\Media Arts Lab'), never with repr's
    doubled backslashes; double quotes when the name holds a single quote."""
    return f"'{name}'" if "'" not in name else f'"{name}"'


class DossierError(Exception):
    """Base class: the message is a complete sentence that says what to do."""

    #: The command line's exit status for this error (2: the command was used wrongly).
    exit_status: ClassVar[int] = 1


class ConfigError(DossierError):
    """A configuration file or option is wrong."""


def refuse_unknown_keys(where: str, keys: Iterable[str], known: Iterable[str]) -> None:
    """Raise :class:`ConfigError` naming the keys of a settings table that are not ``known``
    ("brand.toml: unknown key(s) colour. Known keys: footer, logo, name.")."""
    allowed = set(known)
    unknown = set(keys) - allowed
    if unknown:
        raise ConfigError(
            f"{where}: unknown key(s) {', '.join(sorted(unknown))}. "
            f"Known keys: {', '.join(sorted(allowed))}."
        )


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
            f"No company matching {quoted(name)} was found. Searched: {where}. "
            "Check the spelling, or pin it with --ticker, --cik, --wikidata or --domain."
        )
        self.name = name
        self.searched = list(searched)


class SourcesUnreachable(ResolutionError):
    """No match, because the sources that could have matched could not be asked.

    ``failures`` holds (source label, what went wrong) for each; ``answered`` names the
    sources that did answer (with no match).
    """

    def __init__(
        self,
        name: str,
        failures: Sequence[tuple[str, str]],
        answered: Sequence[str] = (),
        offline: bool = False,
    ) -> None:
        what = quoted(name) if name else "the company"
        if offline:
            lines = [f"Could not look up {what}: the snapshot holds no answer for it."]
        else:
            lines = [
                f"Could not look up {what}: the sources could not be reached or did not answer."
            ]
        lines += [f"  {label}: {message}" for label, message in failures]
        if answered:
            lines.append(f"  ({', '.join(answered)} answered, with no match.)")
        if offline:
            lines.append(
                "This is not a 'no match': record this company with --save-snapshot DIR on a "
                "live run, or pin it with a hint the snapshot holds."
            )
        else:
            lines.append(
                "This is not a 'no match': check the network connection (or the proxy in "
                "HTTPS_PROXY) and run again, or replay a snapshot with --offline DIR."
            )
        super().__init__("\n".join(lines))
        self.name = name
        self.failures = list(failures)
        self.answered = list(answered)


class ConflictingHints(ResolutionError):
    """Two of the names and identifiers given point at different companies."""

    exit_status: ClassVar[int] = 2

    def __init__(self, first: str, second: str) -> None:
        super().__init__(
            f"{first} and {second} name different companies. Give only one of them, "
            "or correct the one that is wrong."
        )
        self.first = first
        self.second = second


class AmbiguousCompany(ResolutionError):
    """Several candidates fit the name about equally well."""

    def __init__(self, name: str, candidates: Sequence[Any]) -> None:
        lines = [f"{quoted(name)} matches more than one company. Pick one with its flag:"]
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


class NetworkError(FetchError):
    """No usable answer from the network; ``kind`` says what happened.

    Kinds: ``dns`` (the name did not resolve), ``unreachable`` (no route: no network?),
    ``refused``, ``timeout``, ``tls`` (handshake or certificate), ``reset`` (the server closed
    the connection) and ``short`` (the body ended before its declared length).
    """

    def __init__(self, source: str, kind: str, message: str, url: str | None = None) -> None:
        super().__init__(source, message, url)
        self.kind = kind


class DeadlineExceeded(FetchError):
    """One request (all its attempts, redirects and waits) took longer than its deadline."""


class BudgetExceeded(FetchError):
    """The source has used up its time or request budget for this company."""


class WaitTooLong(FetchError):
    """The server asked (Retry-After) to wait longer than the client is willing to."""


class ExtractError(SourceError):
    """A response was not in the shape the parser expects."""


class RenderError(DossierError):
    """A document could not be rendered."""


class ReportNotReady(DossierError):
    """The company report cites too little to be sent (see ``writing/substance.py``).

    ``result`` is the build's result so far (the record, its gaps and review warnings; only
    ``facts.json`` and ``review.json`` were written), for the caller to show the reviewer.
    """

    def __init__(self, message: str, result: Any = None) -> None:
        super().__init__(message)
        self.result = result
