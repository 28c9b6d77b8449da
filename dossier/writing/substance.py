"""Enough to send: the minimum of substance a company report needs before it may go out.

A report is *ready* when it cites at least ``MIN_FACTS`` distinct facts (in its sentences and
its key-facts panel) from at least ``MIN_SOURCES`` independent public sources. Below that it
is *not ready*: ``dossier build`` exits 1 with the reason, a batch marks the contact failed
with it, and no cover note is drafted. Sources from one publisher count once (Wikipedia and
its page-view statistics); a reviewer's correction is cited but is not a public source.
The rule and its reasons: docs/notes.md ("Enough to send").
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..fields import key_fact_fields
from ..model import Dossier, Fact
from .written import Written

MIN_FACTS = 8
MIN_SOURCES = 2

#: Sources published by the same body count as one.
PUBLISHER = {"pageviews": "wikipedia"}
#: Cited, but not public sources: a reviewer's correction.
NOT_PUBLIC = frozenset({"reviewer"})


@dataclass(frozen=True)
class Substance:
    """How much a written document cites, and whether that is enough to send."""

    facts: int
    sources: tuple[str, ...]  # the independent sources' labels, in citation order
    min_facts: int = MIN_FACTS
    min_sources: int = MIN_SOURCES

    @property
    def ready(self) -> bool:
        return self.facts >= self.min_facts and len(self.sources) >= self.min_sources

    def reason(self, name: str) -> str:
        """Why the report on ``name`` is not ready ("" when it is)."""
        if self.ready:
            return ""
        n = len(self.sources)
        found = (
            f"{self.facts} cited fact{'' if self.facts == 1 else 's'} from "
            f"{n} independent source{'' if n == 1 else 's'}"
            + (f" ({', '.join(self.sources)})" if self.sources else "")
        )
        return (
            f"The report on {name} is not ready to send: it has {found}; the minimum is "
            f"{self.min_facts} cited facts from at least {self.min_sources} independent public "
            "sources."
        )

    def as_dict(self) -> dict[str, Any]:
        return {
            "ready": self.ready,
            "facts": self.facts,
            "sources": list(self.sources),
            "minimum": {"facts": self.min_facts, "sources": self.min_sources},
        }


def cited_facts(dossier: Dossier, written: Written) -> list[Fact]:
    """The distinct facts the document states with a citation: its sentences' facts and the
    key-facts panel's rows, in document order."""
    org = dossier.organisation
    facts: list[Fact] = [f for s in written for f in s.facts]
    for spec in key_fact_fields():
        claim = org.claim(spec.name)
        if claim is not None:
            facts.append(claim.chosen)
    seen: dict[tuple[str, str, str], Fact] = {}
    for f in facts:
        key = (f.field, repr(f.value), f.provenance.url)
        seen.setdefault(key, f)
    return list(seen.values())


def substance(
    dossier: Dossier, written: Written, min_facts: int = MIN_FACTS, min_sources: int = MIN_SOURCES
) -> Substance:
    """Count the document's cited facts and independent sources against the minimum."""
    facts = cited_facts(dossier, written)
    publishers: dict[str, str] = {}
    for f in facts:
        if f.source in NOT_PUBLIC:
            continue
        publisher = PUBLISHER.get(f.source, f.source)
        publishers.setdefault(publisher, dossier.label(publisher))
    return Substance(
        facts=len(facts),
        sources=tuple(publishers.values()),
        min_facts=min_facts,
        min_sources=min_sources,
    )
