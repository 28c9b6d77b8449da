"""Collection: instantiate the enabled sources, resolve the entity, fetch and extract.

Every failure is a gap, never the end of the build: a disabled source, a source that cannot
run (:class:`~dossier.errors.SourceNotConfigured`), a failed request, a malformed response.
"""

from __future__ import annotations

import contextlib
import contextvars
import logging
from collections.abc import Mapping
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

from .. import config
from ..errors import ExtractError, SourceError, SourceNotConfigured
from ..model import Fact, Gap
from ..net import Document, PoliteClient
from ..sources import registry
from ..sources.base import Entity, Fetched, RunContext, Source
from .resolve import Hints, Resolver

log = logging.getLogger(__name__)


def labels(settings: Mapping[str, config.SourceSettings]) -> dict[str, str]:
    """Every registered source's reader-facing label (``label`` in its toml wins)."""
    out = {}
    for name, cls in registry.sources().items():
        s = settings.get(name)
        out[name] = (s.label if s is not None and s.label else "") or cls.label
    return out


def make_sources(
    settings: Mapping[str, config.SourceSettings],
    client: PoliteClient,
    only: tuple[str, ...] | None = None,
) -> tuple[dict[str, Source], list[Gap]]:
    """Instantiate the enabled sources (``only``: these names); one that cannot run is a gap."""
    active: dict[str, Source] = {}
    gaps: list[Gap] = []
    for name, cls in registry.sources().items():
        if only is not None and name not in only:
            continue
        s = settings.get(name) or config.SourceSettings(name=name)
        if not s.enabled:
            why = s.disabled_reason or f"disabled in sources/{name}.toml"
            gaps.append(Gap(source=name, message=f"not used: {why}"))
            continue
        try:
            active[name] = cls(s, client)
        except SourceNotConfigured as exc:
            gaps.append(Gap(source=name, message=str(exc)))
    return active, gaps


@dataclass
class Collected:
    """Everything the sources returned for one entity, before normalisation."""

    entity: Entity
    facts: list[Fact]
    gaps: list[Gap]
    company_sources: list[str]  # labels of the active sources that give company facts


def collect(
    name: str | None,
    hints: Hints,
    client: PoliteClient,
    settings: Mapping[str, config.SourceSettings],
    ctx: RunContext,
    entity: Entity | None = None,
) -> Collected:
    """Resolve ``name`` (unless ``entity`` is given) and collect every source's facts.

    Each source's time and request budget (``budget_seconds``, ``max_requests``) covers this
    one company.
    """
    sources, gaps = make_sources(settings, client)
    resolver = Resolver(sources)
    scope = getattr(client, "budget_scope", None)  # test doubles may not have one
    with scope() if scope is not None else contextlib.nullcontext():
        if entity is None:
            entity = resolver.resolve(name, hints)
            log.info("resolved %r to %s (%s)", name, entity.name, "; ".join(entity.evidence))
        facts: list[Fact] = []
        for source_name, fetched in fetch_all(sources, entity, ctx, client).items():
            source = sources[source_name]
            for gap in fetched.gaps:
                log.info("%s: %s", source_name, gap.message)
            gaps.extend(fetched.gaps)
            facts.extend(extract_all(source_name, source, fetched.documents, gaps))
    for g in resolver.gaps:
        if g not in gaps:
            gaps.append(g)
    shown = labels(settings)
    company = [shown[n] for n, s in sources.items() if s.company_facts]
    return Collected(entity=entity, facts=facts, gaps=gaps, company_sources=company)


def fetch_all(
    sources: Mapping[str, Source], entity: Entity, ctx: RunContext, client: PoliteClient
) -> dict[str, Fetched]:
    """Every source's fetch for ``entity``, in the sources' order.

    Live, the sources fetch side by side, one thread each: their hosts differ, and each host's
    interval is kept by the client across threads, so a company's research takes as long as
    its slowest source instead of the sum of them all (the news hosts ask for 5 to 6 s between
    requests). Two sources asking for the same page (the website and the newsroom feed both
    read the home page) send one request: the client waits for the other's answer. Offline
    (a snapshot) there is nothing to wait for, and the sources fetch one after another. A
    source whose fetch raises raises here, as it would alone.
    """
    if len(sources) <= 1 or getattr(client, "offline", True):
        return {name: source.fetch(entity, ctx) for name, source in sources.items()}
    with ThreadPoolExecutor(max_workers=len(sources), thread_name_prefix="dossier-fetch") as pool:
        # Each thread runs in a copy of this one's context: the company's budgets (the
        # client's budget scope) and anything else set for this company go along.
        futures = {
            name: pool.submit(contextvars.copy_context().run, source.fetch, entity, ctx)
            for name, source in sources.items()
        }
        return {name: future.result() for name, future in futures.items()}


def extract_all(
    name: str, source: Source, documents: list[Document], gaps: list[Gap]
) -> list[Fact]:
    """A source's facts; when one document is malformed, keep what the others give."""
    try:
        return list(source.extract(documents))
    except (ExtractError, SourceError) as exc:
        if len(documents) <= 1:
            gaps.append(Gap(source=name, message=str(exc), url=getattr(exc, "url", None)))
            return []
    facts: list[Fact] = []
    for doc in documents:
        try:
            facts.extend(source.extract([doc]))
        except (ExtractError, SourceError) as exc:
            gaps.append(
                Gap(source=name, message=str(exc), url=getattr(exc, "url", None) or doc.url)
            )
    return facts
