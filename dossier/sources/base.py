"""The Source interface: ``fetch`` does all I/O, ``extract`` is a pure function of bytes.

A source is a class with a ``name`` (its key in the registry and the stem of
``sources/<name>.toml``), a ``label`` readers see, and capabilities declared as class
attributes, so the core never has to know a source by its name:

* ``company_facts``: it gives facts about the organisation itself; its label is named in the
  "not found in ..." gaps.
* ``news_window``: it reads ``RunContext.news_days``.
* ``agency_evidence``: the agency step reads its facts (news, relationship reports); when every
  such source fails and no articles file is given, the agency was not looked for, and the
  review says so instead of "none found".
* ``searchable``: ``search(name)`` proposes candidates for a company name.
* ``identifies``: the identifier kinds (``"cik"``, ``"ticker"``, ``"wikidata"``) that
  ``lookup(kind, value)`` can resolve.
* ``needs_identity``: a live run without the operator's identity is refused (the SEC asks
  every client to name one).

A source that cannot run with the current settings raises :class:`SourceNotConfigured` from
its constructor; the collector turns that into a gap and the build goes on (scrapy's
``NotConfigured``). Run-time options reach ``fetch`` through a :class:`RunContext`.

Example, a source in a test module (see ``tests/test_registry.py``)::

    class Toy(Source):
        name = "toy"
        label = "Toy"
        company_facts = True

        def fetch(self, entity, ctx):
            out = Fetched()
            out.get(self.client, "https://toy.example/" + entity.name, self.name)
            return out

        def extract(self, documents):
            return [Fact(field="industry", value=d.body.decode(), provenance=...) for d in documents]

    registry.register(Toy)
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date
from typing import TYPE_CHECKING, ClassVar

from ..errors import FetchError, SourceNotConfigured, quoted
from ..model import Fact, Gap, Identifiers
from ..net import Document

if TYPE_CHECKING:
    from ..config import SourceSettings
    from ..net import PoliteClient

__all__ = [
    "Candidate",
    "Document",
    "Entity",
    "Fetched",
    "RunContext",
    "Source",
    "SourceNotConfigured",
]

#: Identifier kinds a source may resolve with ``lookup``; also the pinning hints' names.
IDENTIFIER_KINDS = ("wikidata", "cik", "ticker")


@dataclass(frozen=True)
class RunContext:
    """Run-time options every source's ``fetch`` may read."""

    today: date
    news_days: int = 90
    #: Agency evidence: how many years back to search, and whether to search at all (the agency
    #: sources do nothing for a company report without a briefing).
    agency_years: int = 3
    agency_search: bool = False


@dataclass
class Fetched:
    """What a source's fetch returns: the documents it got and the gaps it met."""

    documents: list[Document] = field(default_factory=list)
    gaps: list[Gap] = field(default_factory=list)

    def get(
        self, client: PoliteClient, url: str, source: str, *, same_site: bool = False
    ) -> Document | None:
        """GET ``url``; keep the document, or record the failure as a gap and return None.

        ``same_site``: a redirect to another registrable domain is refused (a gap).
        """
        try:
            doc = (
                client.get(url, source=source, same_site=True)
                if same_site
                else client.get(url, source=source)
            )
        except FetchError as err:
            self.gaps.append(Gap(source=source, message=str(err), url=err.url or url))
            return None
        self.documents.append(doc)
        return doc


@dataclass(frozen=True)
class Candidate:
    """A possible match for a company name, from one source's search or lookup."""

    source: str
    name: str
    description: str = ""
    wikidata: str | None = None
    cik: str | None = None
    ticker: str | None = None
    domain: str | None = None
    website: str | None = None
    wikipedia_title: str | None = None
    rank: int = 0

    @property
    def label(self) -> str:
        return f"{self.name} ({self.description})" if self.description else self.name

    @property
    def flag(self) -> str:
        """The command-line flag that picks this candidate."""
        if self.wikidata:
            return f"--wikidata {self.wikidata}"
        if self.cik:
            return f"--cik {self.cik}"
        if self.ticker:
            return f"--ticker {self.ticker}"
        return f"--company {quoted(self.name)}"

    def ranked(self, rank: int) -> Candidate:
        return replace(self, rank=rank)


@dataclass(frozen=True)
class Entity:
    """A company resolved to identifiers every source can use."""

    name: str
    ids: Identifiers
    evidence: tuple[str, ...] = ()


class Source:
    """A public source of facts. Subclass it, set the class attributes, and register it."""

    name: ClassVar[str]
    label: ClassVar[str]
    licence: ClassVar[str] = ""
    company_facts: ClassVar[bool] = False
    news_window: ClassVar[bool] = False
    agency_evidence: ClassVar[bool] = False
    searchable: ClassVar[bool] = False
    identifies: ClassVar[tuple[str, ...]] = ()
    needs_identity: ClassVar[bool] = False
    #: Added to this source's candidates' name scores in resolution (a tie-breaker).
    search_bias: ClassVar[float] = 0.0

    def __init__(self, settings: SourceSettings, client: PoliteClient) -> None:
        if self.needs_identity and not client.offline and not client.identity:
            raise SourceNotConfigured(
                self.name,
                f"skipped, because {self.label} asks every client to name an operator. Set "
                'DOSSIER_IDENTITY="Your Name you@example.com" or identity = "..." in dossier.toml.',
            )
        self.settings = settings
        self.client = client
        self.options = dict(settings.options or {})

    def fetch(self, entity: Entity, ctx: RunContext) -> Fetched:
        """All network I/O for this source; failures become gaps, never exceptions."""
        raise NotImplementedError

    def extract(self, documents: list[Document]) -> list[Fact]:
        """Pure: documents to facts, each with provenance."""
        raise NotImplementedError

    def search(self, query: str) -> list[Candidate]:
        """Candidates for a company name (only when ``searchable``)."""
        return []

    def lookup(self, kind: str, value: str) -> Candidate | None:
        """The candidate an identifier of ``kind`` (one of ``identifies``) names, or None."""
        return None

    def details(self, candidate: Candidate) -> Candidate | None:
        """A fuller version of one of this source's search candidates (identifiers, website)."""
        return None
