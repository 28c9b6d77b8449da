"""The build: resolve -> fetch -> extract -> normalise -> (render). Callable from Python.

>>> from dossier.pipeline import build, BuildOptions   # doctest: +SKIP
>>> build(BuildOptions(company="Apple Inc.", offline=Path("examples/apple-inc/snapshot")))
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from platformdirs import user_cache_dir

from . import config
from .errors import ExtractError, SourceError
from .http import PoliteClient
from .model import Claim, Dossier, Fact, Gap, Organisation, Source
from .normalize import missing_fields, normalise
from .resolve import Hints, Resolver
from .sources import SOURCES

log = logging.getLogger(__name__)


@dataclass
class BuildOptions:
    """Everything ``dossier build`` can be told."""

    company: str | None = None
    hints: Hints = field(default_factory=Hints)
    prepared_for: str | None = None
    offline: Path | None = None
    save_snapshot: Path | None = None
    out_dir: Path = Path("output")
    formats: tuple[str, ...] = ("pdf", "html", "json")
    brand: Path | None = None
    templates: Path | None = None
    sources_dir: Path | None = None
    cache: bool = True


@dataclass
class BuildResult:
    """What a build produced."""

    dossier: Dossier
    folder: Path
    outputs: dict[str, Path]

    @property
    def gaps(self) -> list[Gap]:
        return self.dossier.gaps


def make_sources(
    settings: dict[str, config.SourceSettings], client: PoliteClient, contact: str | None
) -> tuple[dict[str, Any], list[Gap]]:
    """Instantiate the enabled sources; a source that cannot run becomes a gap."""
    active: dict[str, Any] = {}
    gaps: list[Gap] = []
    for name, cls in SOURCES.items():
        s = settings.get(name) or config.SourceSettings(name=name)
        if not s.enabled:
            why = s.disabled_reason or f"disabled in sources/{name}.toml"
            gaps.append(Gap(source=name, message=f"not used: {why}"))
            continue
        if name == "sec" and not contact and not client.offline:
            gaps.append(Gap(source=name, message=SEC_NEEDS_CONTACT))
            continue
        active[name] = cls(s, client)
    return active, gaps


SEC_NEEDS_CONTACT = (
    "skipped, because the SEC asks every client to name a contact. Set "
    'DOSSIER_CONTACT="Your Name you@example.com" or contact = "..." in dossier.toml.'
)


def _all_facts(org: Organisation) -> list[Fact]:
    out: list[Fact] = []
    for name in type(org).model_fields:
        value = getattr(org, name)
        if isinstance(value, Claim):
            out.extend([value.chosen, *value.others])
        elif isinstance(value, list):
            out.extend(v for v in value if isinstance(v, Fact))
    return out


def number_sources(org: Organisation) -> list[Source]:
    """One numbered entry per distinct document behind the record's facts."""
    order = list(SOURCES)
    seen: dict[str, Source] = {}
    facts = sorted(
        _all_facts(org),
        key=lambda f: (order.index(f.source) if f.source in order else 99, f.provenance.url),
    )
    for f in facts:
        if f.provenance.url not in seen:
            cls = SOURCES.get(f.source)
            seen[f.provenance.url] = Source(
                number=len(seen) + 1,
                source=f.source,
                label=cls.label if cls else f.source,
                url=f.provenance.url,
                retrieved_at=f.provenance.retrieved_at,
                constructed=f.provenance.constructed,
            )
    return list(seen.values())


def research(
    company: str | None,
    hints: Hints,
    client: PoliteClient,
    settings: dict[str, config.SourceSettings],
    contact: str | None,
) -> Dossier:
    """Resolve the company, collect every source's facts and normalise them."""
    sources, gaps = make_sources(settings, client, contact)
    resolver = Resolver(sources, client)
    entity = resolver.resolve(company, hints)
    log.info("resolved %r to %s (%s)", company, entity.name, "; ".join(entity.evidence))
    facts: list[Fact] = []
    for name, source in sources.items():
        fetched = source.fetch(entity)
        gaps.extend(fetched.gaps)
        try:
            facts.extend(source.extract(fetched.documents))
        except (ExtractError, SourceError) as exc:
            gaps.append(Gap(source=name, message=str(exc), url=getattr(exc, "url", None)))
    for g in resolver.gaps:
        if g not in gaps:
            gaps.append(g)
    org = normalise(facts, entity.ids, entity.name, settings)
    labels = [SOURCES[n].label for n in sources]
    gaps.extend(missing_fields(org, labels))
    return Dossier(
        organisation=org,
        sources=number_sources(org),
        gaps=gaps,
        generated_at=datetime.now(UTC),
        offline=client.offline,
        meta={"query": company, "evidence": list(entity.evidence)},
    )


def make_client(
    opts: BuildOptions, settings: dict[str, config.SourceSettings], contact: str | None
) -> PoliteClient:
    """The HTTP client for a build: offline, recording, or live with the disk cache."""
    cache = None
    if opts.cache and opts.offline is None:
        cache = Path(user_cache_dir("dossier")) / "http-cache.sqlite"
    return PoliteClient(
        settings,
        contact=contact,
        offline=opts.offline,
        save_snapshot=opts.save_snapshot,
        cache_path=cache,
    )


def build(opts: BuildOptions) -> BuildResult:
    """Research one company and write its report in the requested formats."""
    from .audit import audit
    from .fsutil import slugify
    from .render import template_files, write_outputs

    settings = config.load_sources(opts.sources_dir or config.user_sources_dir())
    contact = config.contact()
    brand = config.load_brand(opts.brand)
    client = make_client(opts, settings, contact)
    dossier = research(opts.company, opts.hints, client, settings, contact)
    dossier.prepared_for = opts.prepared_for
    dossier.max_figure_age_months = config.max_figure_age_months()
    dossier.warnings = audit(dossier, template_files(opts.templates))
    folder = opts.out_dir / slugify(dossier.organisation.display_name)
    outputs = write_outputs(dossier, folder, opts.formats, brand, opts.templates)
    return BuildResult(dossier=dossier, folder=folder, outputs=outputs)
