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


# ---------------------------------------------------------------------------------------------
# The agency profile's minimum

#: An agency profile is drafted only when it cites at least this many distinct facts ...
AGENCY_MIN_FACTS = 3
#: ... from at least this many public sources besides the agency list (dossier/data/
#: agencies.toml): a page the list's fact was read on counts by its site, an article by its
#: outlet, any other source by its name. The agency list's own entry (a name, a holding
#: company) is no source by itself. The rule and its reasons: docs/agency.md.
AGENCY_MIN_SOURCES = 1

_GAZETTEER = "gazetteer"  # the agency list's source key (research.company.GAZETTEER)


@dataclass(frozen=True)
class AgencySubstance(Substance):
    """How much an agency profile cites, and whether that is enough to draft it (the same count
    and test as :class:`Substance`, against the agency minimum, with its own reason)."""

    min_facts: int = AGENCY_MIN_FACTS
    min_sources: int = AGENCY_MIN_SOURCES  # public sources besides the agency list
    listed: bool = True  # the agency is in the agency list

    def reason(self, name: str) -> str:
        """Why the profile of ``name`` was not drafted, in plain words ("" when it was)."""
        if self.ready:
            return ""
        if not self.facts:
            why = "no public source returned facts about it"
        else:
            n = len(self.sources)
            why = (
                f"the public sources returned {self.facts} fact{'' if self.facts == 1 else 's'} "
                f"about it from {n} source{'' if n == 1 else 's'} besides the agency list; the "
                f"minimum is {self.min_facts} facts from at least {self.min_sources}"
            )
        text = f"The agency profile of {name} was not drafted: {why}."
        if not self.listed:
            text += (
                f" {name} is not in the agency list either: check the spelling (or choose "
                "another agency in review)."
            )
        return text

    def as_dict(self) -> dict[str, Any]:
        counted = super().as_dict()
        minimum = counted.pop("minimum")  # the record's order: the list's answer before it
        return {**counted, "in_agency_list": self.listed, "minimum": minimum}


def _site(url: str) -> str:
    host = url.split("//", 1)[1].split("/", 1)[0] if "//" in url else ""
    host = host.rsplit("@", 1)[-1].split(":", 1)[0].lower()
    return host.removeprefix("www.")


def agency_substance(
    dossier: Dossier,
    written: Written,
    listed: bool = True,
    min_facts: int = AGENCY_MIN_FACTS,
    min_sources: int = AGENCY_MIN_SOURCES,
) -> AgencySubstance:
    """Count the agency profile's cited facts and its public sources besides the agency list
    against the agency minimum (``listed``: the agency is in the agency list)."""
    facts = cited_facts(dossier, written)
    sources: dict[str, str] = {}
    for f in facts:
        if f.source in NOT_PUBLIC:
            continue
        url = f.provenance.url or ""
        if f.source == _GAZETTEER:
            if not url.startswith(("http://", "https://")):
                continue  # the agency list's own entry: no public page behind it
            site = _site(url)
            sources.setdefault(site, site)
            continue
        if f.source == "articles" and url.startswith(("http://", "https://")):
            site = _site(url)
            sources.setdefault(site, site)
            continue
        publisher = PUBLISHER.get(f.source, f.source)
        sources.setdefault(publisher, dossier.label(publisher))
    return AgencySubstance(
        facts=len(facts),
        sources=tuple(sources.values()),
        listed=listed,
        min_facts=min_facts,
        min_sources=min_sources,
    )
