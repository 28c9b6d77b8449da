"""Company research: resolve -> collect -> apply the reviewer's overrides -> normalise.

The result is a :class:`~dossier.model.Dossier` (the record, numbered citations, gaps); no
document is written here (that is ``dossier.writing`` and ``dossier.render``).
"""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

from .. import config
from ..model import Citation, Claim, Dossier, Fact, Organisation
from ..net import PoliteClient
from ..sources import registry
from ..sources.base import RunContext
from .collect import Collected, collect, labels
from .normalize import REVIEWER, missing_fields, normalise
from .overrides import find_override
from .perception import dedupe, headline_sentiment, recent
from .resolve import Hints

log = logging.getLogger(__name__)

#: The source name of figures dossier computes itself (each with its stated method).
COMPUTED = "dossier"
#: The source name of the bundled agency list.
GAZETTEER = "gazetteer"
#: Labels of the sources that are not registered sources. They are shown to the reader in the
#: source list, so they name what the source is, not the tool's files.
OWN_LABELS = {
    COMPUTED: "Computed for this report from the cited sources",
    REVIEWER: "Reviewer correction",
    GAZETTEER: "List of agencies and their networks, compiled from public pages",
    "articles": "Published article",
}


def all_facts(org: Organisation) -> list[Fact]:
    """Every fact in the record, chosen and not."""
    out: list[Fact] = []
    for name in type(org).model_fields:
        value = getattr(org, name)
        if isinstance(value, Claim):
            out.extend([value.chosen, *value.others])
        elif isinstance(value, list):
            out.extend(v for v in value if isinstance(v, Fact))
    return out


def number_citations(org: Organisation, shown: Mapping[str, str]) -> list[Citation]:
    """One numbered entry per distinct document behind the record's facts, in source order."""
    order = list(registry.sources())
    seen: dict[str, Citation] = {}
    facts = sorted(
        all_facts(org),
        key=lambda f: (order.index(f.source) if f.source in order else 99, f.provenance.url),
    )
    for f in facts:
        if f.provenance.url not in seen:
            seen[f.provenance.url] = Citation(
                number=len(seen) + 1,
                source=f.source,
                label=shown.get(f.source, f.source),
                url=f.provenance.url,
                retrieved_at=f.provenance.retrieved_at,
                constructed=f.provenance.constructed,
            )
    return list(seen.values())


def summarise_news(articles: list[Fact], days: int, now: datetime) -> tuple[list[Fact], list[Fact]]:
    """Recent, de-duplicated articles (newest first) and the headline-sentiment measures."""
    kept = dedupe(recent(articles, days, now.date()))
    return kept, (headline_sentiment(kept, now) if kept else [])


def assemble(
    collected: Collected,
    settings: Mapping[str, config.SourceSettings],
    ctx: RunContext,
    offline: bool,
    query: str | None,
    extra_facts: Sequence[Fact] = (),
) -> Dossier:
    """Normalise collected facts into a Dossier with numbered citations and named gaps."""
    now = datetime.now(UTC)
    entity, gaps = collected.entity, list(collected.gaps)
    org = normalise([*collected.facts, *extra_facts], entity.ids, entity.name, settings)
    org.news, extra = summarise_news(org.news, ctx.news_days, now)
    org.perception = [*org.perception, *extra]
    gaps.extend(missing_fields(org, collected.company_sources))
    shown = {**labels(settings), **OWN_LABELS}
    return Dossier(
        organisation=org,
        citations=number_citations(org, shown),
        gaps=gaps,
        generated_at=now,
        offline=offline,
        query=query,
        resolution=list(entity.evidence),
        news_days=ctx.news_days,
        labels=shown,
    )


def research(
    company: str | None,
    hints: Hints,
    client: PoliteClient,
    settings: Mapping[str, config.SourceSettings],
    ctx: RunContext,
    overrides_dir: Path | None = None,
) -> Dossier:
    """Resolve the company, collect every source's facts and normalise them.

    A reviewer's ``overrides/<company-slug>.toml`` (in ``overrides_dir``) can pin the entity
    and set or remove facts; its values win and are cited to the file.
    """
    override = find_override([company], overrides_dir)
    if override is not None and override.entity:
        pins = {k: v for k, v in override.entity.items() if not getattr(hints, k)}
        hints = replace(hints, **pins)
    collected = collect(company, hints, client, settings, ctx)
    override = override or find_override([collected.entity.name], overrides_dir)
    if override is not None:
        collected.facts = override.apply(collected.facts)
    dossier = assemble(collected, settings, ctx, client.offline, company)
    if override is not None:
        dossier.override = override.note_info()
    return dossier
