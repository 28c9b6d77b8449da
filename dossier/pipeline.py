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
from .model import Claim, Dossier, Fact, Gap, Organisation, ReviewWarning, Source
from .normalize import missing_fields, normalise
from .prose import source_label
from .resolve import Hints, Resolver
from .sources import SOURCES
from .sources.base import Entity

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
    news_days: int = 90
    brand: Path | None = None
    templates: Path | None = None
    sources_dir: Path | None = None
    cache: bool = True
    # The moved contact (issue: a briefing rather than a bare report).
    contact_title: str = ""
    previous_company: str = ""
    contact_email: str | None = None
    agency: str | None = None
    overrides_dir: Path | None = Path("overrides")

    @property
    def briefing(self) -> bool:
        """A contact or an agency turns a company report into a full briefing."""
        return bool(self.prepared_for or self.agency)


@dataclass
class BuildResult:
    """What a build produced."""

    dossier: Dossier
    folder: Path
    outputs: dict[str, Path]
    agency: Any = None  # briefing.AgencyOutcome when a briefing was built
    warnings: list[ReviewWarning] = field(default_factory=list)

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
            seen[f.provenance.url] = Source(
                number=len(seen) + 1,
                source=f.source,
                label=source_label(f.source),
                url=f.provenance.url,
                retrieved_at=f.provenance.retrieved_at,
                constructed=f.provenance.constructed,
            )
    return list(seen.values())


@dataclass
class Collected:
    """Everything the sources returned for one entity, before normalisation."""

    entity: Entity
    facts: list[Fact]
    gaps: list[Gap]
    active: list[str]


def collect(
    name: str | None,
    hints: Hints,
    client: PoliteClient,
    settings: dict[str, config.SourceSettings],
    contact: str | None,
    entity: Entity | None = None,
) -> Collected:
    """Resolve ``name`` (unless ``entity`` is given) and collect every source's facts."""
    sources, gaps = make_sources(settings, client, contact)
    resolver = Resolver(sources, client)
    if entity is None:
        entity = resolver.resolve(name, hints)
        log.info("resolved %r to %s (%s)", name, entity.name, "; ".join(entity.evidence))
    facts: list[Fact] = []
    for source_name, source in sources.items():
        fetched = source.fetch(entity)
        gaps.extend(fetched.gaps)
        facts.extend(_extract(source_name, source, fetched.documents, gaps))
    for g in resolver.gaps:
        if g not in gaps:
            gaps.append(g)
    return Collected(entity=entity, facts=facts, gaps=gaps, active=list(sources))


def assemble(
    collected: Collected,
    settings: dict[str, config.SourceSettings],
    news_days: int,
    offline: bool,
    query: str | None,
    extra_facts: list[Fact] = (),  # type: ignore[assignment]
) -> Dossier:
    """Normalise collected facts into a Dossier with numbered sources and named gaps."""
    now = datetime.now(UTC)
    entity, gaps = collected.entity, list(collected.gaps)
    org = normalise([*collected.facts, *extra_facts], entity.ids, entity.name, settings)
    org.news, extra = summarise_news(org.news, news_days, now)
    org.perception = [*org.perception, *extra]
    labels = [SOURCES[n].label for n in collected.active if n in COMPANY_FACT_SOURCES]
    gaps.extend(missing_fields(org, labels))
    return Dossier(
        organisation=org,
        sources=number_sources(org),
        gaps=gaps,
        generated_at=now,
        offline=offline,
        meta={"query": query, "evidence": list(entity.evidence), "news_days": news_days},
    )


def research(
    company: str | None,
    hints: Hints,
    client: PoliteClient,
    settings: dict[str, config.SourceSettings],
    contact: str | None,
    news_days: int = 90,
    overrides_dir: Path | None = None,
) -> Dossier:
    """Resolve the company, collect every source's facts and normalise them.

    A reviewer's ``overrides/<company-slug>.toml`` (in ``overrides_dir``) can pin the entity
    and set or remove facts; its values win and are cited to the file.
    """
    from dataclasses import replace

    from .overrides import find_override

    settings = with_news_days(settings, news_days)
    override = find_override([company], overrides_dir)
    if override is not None and override.entity:
        pins = {k: v for k, v in override.entity.items() if not getattr(hints, k)}
        hints = replace(hints, **pins)
    collected = collect(company, hints, client, settings, contact)
    override = override or find_override([collected.entity.name], overrides_dir)
    if override is not None:
        collected.facts = override.apply(collected.facts)
    dossier = assemble(collected, settings, news_days, client.offline, company)
    if override is not None:
        dossier.meta["override"] = {
            "file": str(override.path),
            "agency": override.agency,
            "note": override.note,
            "reviewer": override.reviewer,
        }
    return dossier


#: Sources that can supply the company's own facts (named in "not found in ..." gaps).
COMPANY_FACT_SOURCES = ("sec", "wikidata", "wikipedia", "website")


def _extract(name: str, source: Any, documents: list[Any], gaps: list[Gap]) -> list[Fact]:
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


def summarise_news(articles: list[Fact], days: int, now: datetime) -> tuple[list[Fact], list[Fact]]:
    """Recent, de-duplicated articles (newest first) and the headline-sentiment measures."""
    from .perception import dedupe, headline_sentiment, recent

    kept = dedupe(recent(articles, days, now.date()))
    return kept, (headline_sentiment(kept, now) if kept else [])


NEWS_SOURCES = ("google_news", "gdelt", "news")


def with_news_days(
    settings: dict[str, config.SourceSettings], days: int
) -> dict[str, config.SourceSettings]:
    """The settings with every news source's ``days`` option set."""
    from dataclasses import replace

    out = dict(settings)
    for name in NEWS_SOURCES:
        if name in out:
            out[name] = replace(out[name], options={**out[name].options, "days": days})
    return out


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


@dataclass
class Runtime:
    """What every build in a run shares: settings, brand, and one polite client."""

    settings: dict[str, config.SourceSettings]
    contact: str | None
    brand: config.Brand
    client: PoliteClient
    max_age_months: int
    pdf: Any = None  # a callable html -> PDF bytes (a process pool in batches), or None


def runtime(opts: BuildOptions) -> Runtime:
    """Load settings and brand and make the client (config errors surface here, before work)."""
    settings = config.load_sources(opts.sources_dir or config.user_sources_dir())
    contact = config.contact()
    return Runtime(
        settings=settings,
        contact=contact,
        brand=config.load_brand(opts.brand),
        client=make_client(opts, settings, contact),
        max_age_months=config.max_figure_age_months(),
    )


def research_company(opts: BuildOptions, rt: Runtime) -> Dossier:
    """The company's dossier (shared by every contact who moved there in a batch)."""
    from .audit import audit
    from .render import template_files

    dossier = research(
        opts.company,
        opts.hints,
        rt.client,
        rt.settings,
        rt.contact,
        opts.news_days,
        opts.overrides_dir,
    )
    dossier.max_figure_age_months = rt.max_age_months
    dossier.warnings = audit(dossier, template_files(opts.templates))
    override = dossier.meta.get("override")
    if override and override.get("note"):
        who = f" ({override['reviewer']})" if override.get("reviewer") else ""
        dossier.warnings.append(
            ReviewWarning(kind="reviewer", message=f"Reviewer note{who}: {override['note']}")
        )
    return dossier


def build(
    opts: BuildOptions,
    rt: Runtime | None = None,
    company: Dossier | None = None,
    agency_cache: dict[Any, Any] | None = None,
) -> BuildResult:
    """Research one company and write its report; with a contact, the whole briefing.

    The briefing adds the incumbent agency's profile and the two cover notes, all in
    ``output/<contact-slug>/`` (the company report alone goes to ``output/<company-slug>/``).
    A batch passes its shared ``rt``, the company's ready ``company`` dossier and an
    ``agency_cache`` so each company and agency is researched once.
    """
    from .fsutil import slugify
    from .render import write_outputs

    person = _contact(opts)  # validate before any network work
    rt = rt or runtime(opts)
    base = company if company is not None else research_company(opts, rt)
    dossier = base.model_copy(update={"prepared_for": opts.prepared_for})
    org = dossier.organisation
    folder = opts.out_dir / slugify(opts.prepared_for or org.display_name)
    outputs = write_outputs(dossier, folder, opts.formats, rt.brand, opts.templates, pdf=rt.pdf)
    result = BuildResult(
        dossier=dossier, folder=folder, outputs=outputs, warnings=list(dossier.warnings)
    )
    if not opts.briefing:
        return result
    from .briefing import agency_step, notes_step

    chosen = opts.agency or (dossier.meta.get("override") or {}).get("agency")
    outcome = agency_step(
        dossier,
        chosen,
        rt,
        rt.settings,  # research_agency applies the news window itself
        opts.news_days,
        folder,
        opts.formats,
        opts.templates,
        agency_cache,
    )
    result.agency = outcome
    result.warnings.extend(outcome.warnings)
    result.outputs.update({f"agency {k}": v for k, v in outcome.outputs.items()})
    if person is not None:
        agency_name = outcome.dossier.organisation.display_name if outcome.dossier else None
        if outcome.dossier is not None and not outcome.finding.confirmed:
            agency_name = None  # the note must not present an unconfirmed agency as fact
        notes, warnings = notes_step(
            _with_company(person, org.display_name),
            rt.brand,
            agency_name,
            folder,
            {1: outcome.outputs.get("pdf"), 2: outputs.get("pdf")},
            opts.templates,
        )
        result.outputs.update(notes)
        result.warnings.extend(warnings)
    return result


def _contact(opts: BuildOptions) -> Any:
    """The moved contact, checked (a bad e-mail is a clear error before any work)."""
    if not opts.prepared_for:
        return None
    from .notes import Contact

    return Contact(
        name=opts.prepared_for,
        new_company=opts.company or "the new company",
        new_title=opts.contact_title,
        previous_company=opts.previous_company,
        email=opts.contact_email,
    )


def _with_company(person: Any, company: str) -> Any:
    from dataclasses import replace

    return replace(person, new_company=company)
