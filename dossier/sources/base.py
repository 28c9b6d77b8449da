"""The Source interface: ``fetch`` does all I/O, ``extract`` is a pure function of bytes."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, ClassVar, Protocol

from ..model import Fact, Gap, Identifiers

if TYPE_CHECKING:
    from ..config import SourceSettings
    from ..http import PoliteClient


@dataclass(frozen=True)
class Document:
    """One fetched response: raw bytes plus what provenance needs."""

    source: str
    url: str
    status: int
    content_type: str
    body: bytes
    retrieved_at: datetime
    constructed: bool = False

    def json(self) -> object:
        import json

        return json.loads(self.body)


@dataclass
class Fetched:
    """What a source's fetch returns: the documents it got and the gaps it met."""

    documents: list[Document] = field(default_factory=list)
    gaps: list[Gap] = field(default_factory=list)

    def get(self, client: PoliteClient, url: str, source: str) -> Document | None:
        """GET ``url``; keep the document, or record the failure as a gap and return None."""
        from ..errors import FetchError

        try:
            doc = client.get(url, source=source)
        except FetchError as err:
            self.gaps.append(Gap(source=source, message=str(err), url=err.url or url))
            return None
        self.documents.append(doc)
        return doc


@dataclass(frozen=True)
class Candidate:
    """A possible match for a company name, from one source's search."""

    source: str
    name: str
    description: str = ""
    wikidata: str | None = None
    cik: str | None = None
    ticker: str | None = None
    domain: str | None = None
    rank: int = 0

    @property
    def label(self) -> str:
        bits = [self.name]
        if self.description:
            bits.append(f"({self.description})")
        return " ".join(bits)

    @property
    def flag(self) -> str:
        if self.wikidata:
            return f"--wikidata {self.wikidata}"
        if self.cik:
            return f"--cik {self.cik}"
        if self.ticker:
            return f"--ticker {self.ticker}"
        return f"--company {self.name!r}"


@dataclass(frozen=True)
class Entity:
    """A company resolved to identifiers every source can use."""

    name: str
    ids: Identifiers
    evidence: tuple[str, ...] = ()


class Source(Protocol):
    """A public source of facts."""

    name: ClassVar[str]
    label: ClassVar[str]
    licence: ClassVar[str]

    def __init__(self, settings: SourceSettings, client: PoliteClient) -> None: ...

    def fetch(self, entity: Entity) -> Fetched:
        """All network I/O for this source; failures become gaps, never exceptions."""
        ...

    def extract(self, documents: list[Document]) -> list[Fact]:
        """Pure: documents to facts, each with provenance."""
        ...


class Searchable(Protocol):
    """A source that can propose candidates for a company name (used by resolution)."""

    name: ClassVar[str]

    def search(self, query: str) -> list[Candidate]: ...
