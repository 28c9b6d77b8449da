"""The orchestrator: research -> write -> audit -> render. Callable from Python.

>>> from dossier import build, BuildOptions                       # doctest: +SKIP
>>> build(BuildOptions(company="Apple Inc.", offline=Path("examples/apple-inc/snapshot")))

For a contact who moved (``BuildOptions.contact``) the build is the whole briefing, in
``output/<contact-slug>/``: the company report, the incumbent agency's profile and the two
cover notes. Without one, the company report alone goes to ``output/<company-slug>/``.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from platformdirs import user_cache_dir

from . import config
from .agency import THRESHOLD, AgencyFinding, describe, find_incumbent, load_gazetteer
from .errors import ResolutionError
from .fsutil import check_writable, slugify
from .model import Contact, Dossier, Gap, ReviewWarning
from .net import PoliteClient
from .render import AGENCY, COMPANY, PdfRenderer, template_files, write_outputs
from .render.notes import check_note, note_names, render_note, subject, write_note
from .research import research, research_agency
from .research.resolve import Hints
from .sources.base import RunContext
from .writing import Written, audit, write_agency, write_company

log = logging.getLogger(__name__)


@dataclass
class BuildOptions:
    """Everything ``dossier build`` can be told."""

    company: str | None = None
    hints: Hints = field(default_factory=Hints)
    contact: Contact | None = None  # the client contact who moved: builds the whole briefing
    agency: str | None = None  # the new company's agency, when the user knows it
    offline: Path | None = None
    save_snapshot: Path | None = None
    out_dir: Path = Path("output")
    formats: tuple[str, ...] = ("pdf", "html", "json")
    news_days: int = 90
    brand: Path | None = None
    templates: Path | None = None
    sources_dir: Path | None = None
    cache: bool = True
    overrides_dir: Path | None = Path("overrides")
    folder: Path | None = None  # where the documents go (default: out_dir/<contact or company>)
    skip_agency: bool = False  # a reviewer said there is no incumbent: no agency profile

    @property
    def prepared_for(self) -> str | None:
        return self.contact.name if self.contact else None

    @property
    def briefing(self) -> bool:
        """A contact or an agency turns a company report into a full briefing."""
        return bool(self.contact or self.agency)


@dataclass
class Runtime:
    """What every build in a run shares: settings, brand, and one polite client."""

    settings: dict[str, config.SourceSettings]
    identity: str | None
    brand: config.Brand
    client: PoliteClient
    max_age_months: int
    pdf: PdfRenderer | None = None  # a process pool's render in batches; None: in-process


@dataclass(frozen=True)
class Document:
    """A researched and written document: the record and every sentence of it."""

    dossier: Dossier
    written: Written


@dataclass
class AgencyOutcome:
    """What the agency step produced."""

    finding: AgencyFinding
    dossier: Dossier | None = None
    outputs: dict[str, Path] = field(default_factory=dict)
    warnings: list[ReviewWarning] = field(default_factory=list)


@dataclass
class BuildResult:
    """What a build produced."""

    dossier: Dossier
    folder: Path
    outputs: dict[str, Path]
    agency: AgencyOutcome | None = None
    warnings: list[ReviewWarning] = field(default_factory=list)

    @property
    def gaps(self) -> list[Gap]:
        return self.dossier.gaps


def make_client(
    opts: BuildOptions, settings: Mapping[str, config.SourceSettings], identity: str | None
) -> PoliteClient:
    """The HTTP client for a build: offline, recording, or live with the disk cache."""
    cache = None
    if opts.cache and opts.offline is None:
        cache = Path(user_cache_dir("dossier")) / "http-cache.sqlite"
    return PoliteClient(
        settings,
        identity=identity,
        offline=opts.offline,
        save_snapshot=opts.save_snapshot,
        cache_path=cache,
    )


def runtime(opts: BuildOptions) -> Runtime:
    """Load settings and brand and make the client (config errors surface here, before work)."""
    settings = config.load_sources(opts.sources_dir or config.user_sources_dir())
    identity = config.identity()
    return Runtime(
        settings=settings,
        identity=identity,
        brand=config.load_brand(opts.brand),
        client=make_client(opts, settings, identity),
        max_age_months=config.max_figure_age_months(),
    )


def run_context(opts: BuildOptions) -> RunContext:
    """The run-time options every source's fetch reads."""
    return RunContext(today=datetime.now(UTC).date(), news_days=opts.news_days)


def research_company(opts: BuildOptions, rt: Runtime) -> Document:
    """The company's report, researched, written and audited (shared by every contact who moved
    there in a batch)."""
    dossier = research(
        opts.company, opts.hints, rt.client, rt.settings, run_context(opts), opts.overrides_dir
    )
    dossier.max_figure_age_months = rt.max_age_months
    written = write_company(dossier)
    dossier.warnings = audit(dossier, written, template_files(opts.templates, COMPANY))
    return Document(dossier, written)


def gazetteer_file() -> Path | None:
    """The user's ``sources/agencies.toml``, when there is one."""
    folder = config.user_sources_dir()
    path = folder / "agencies.toml" if folder else None
    return path if path is not None and path.is_file() else None


@dataclass
class AgencyReport:
    """The candidates for a company's agency (``dossier agency``)."""

    dossier: Dossier
    finding: AgencyFinding


def find_agency(opts: BuildOptions, rt: Runtime | None = None) -> AgencyReport:
    """Research the company's news and rank the candidate agencies, with their evidence."""
    rt = rt or runtime(opts)
    dossier = research(
        opts.company, opts.hints, rt.client, rt.settings, run_context(opts), opts.overrides_dir
    )
    org = dossier.organisation
    finding = find_incumbent(
        org.display_name, org.news, load_gazetteer(gazetteer_file()), dossier.generated_at.date()
    )
    return AgencyReport(dossier=dossier, finding=finding)


AgencyCache = dict[tuple[str, str], tuple[AgencyFinding, Any]]


def agency_step(
    company: Dossier,
    named: str | None,
    rt: Runtime,
    opts: BuildOptions,
    folder: Path,
    cache: AgencyCache | None = None,
) -> AgencyOutcome:
    """Find the incumbent agency in the company's news (or take ``named``) and profile it.

    ``cache`` (a batch's) keeps each (company, agency) researched once.
    """
    org = company.organisation
    key = (org.display_name, (named or "").casefold())
    researched: Dossier | ResolutionError | None
    if cache is not None and key in cache:
        finding, researched = cache[key]
    else:
        gazetteer = load_gazetteer(gazetteer_file())
        finding = find_incumbent(
            org.display_name, org.news, gazetteer, company.generated_at.date(), named
        )
        researched = None
        if finding.name is not None:
            try:
                researched = research_agency(finding, rt.client, rt.settings, run_context(opts))
            except ResolutionError as exc:
                researched = exc
        if cache is not None:
            cache[key] = (finding, researched)
    outcome = AgencyOutcome(finding=finding)
    if finding.name is None:
        outcome.warnings.append(
            ReviewWarning(
                kind="agency",
                message=f"No public evidence of {org.display_name}'s agency was found "
                "in the news searched; no agency profile was written. Name it with --agency.",
            )
        )
        return outcome
    if not finding.confirmed:
        outcome.warnings.append(
            ReviewWarning(
                kind="agency",
                message="Agency unconfirmed: choose in review. Candidates: "
                + "; ".join(describe(c) for c in finding.candidates[:5]),
            )
        )
    if not isinstance(researched, Dossier):
        outcome.warnings.append(ReviewWarning(kind="agency", message=str(researched)))
        return outcome
    dossier = researched.model_copy(
        update={
            "prepared_for": company.prepared_for,
            "max_figure_age_months": company.max_figure_age_months,
        }
    )
    written = write_agency(dossier, finding)
    dossier.warnings = audit(dossier, written, template_files(opts.templates, AGENCY))
    outcome.dossier = dossier
    extra = {
        "agency": {
            "company": finding.company,
            "confirmed": finding.confirmed,
            "named": finding.named,
        },
        "relationship": written.flat("relationship"),
        "candidates": finding.candidates,
        "threshold": THRESHOLD,
        "strengths": written.flat("strengths"),
        "considerations": written.flat("considerations"),
        "holding": written.flat("holding"),
    }
    outcome.outputs = write_outputs(
        dossier, written, folder, opts.formats, rt.brand, opts.templates, AGENCY, extra, rt.pdf
    )
    outcome.warnings.extend(dossier.warnings)
    return outcome


def notes_step(
    contact: Contact,
    brand: config.Brand,
    agency_name: str | None,
    folder: Path,
    attachments: Mapping[int, Path | None],
    templates: Path | None,
) -> tuple[dict[str, Path], list[ReviewWarning]]:
    """Render both notes, check them for asks and words to watch, and write them."""
    outputs: dict[str, Path] = {}
    warnings: list[ReviewWarning] = []
    names = note_names(contact, brand, agency_name)
    for which in (1, 2):
        if which == 1 and agency_name is None and attachments.get(1) is None:
            continue  # no agency profile to send
        markdown = render_note(which, contact, brand, agency_name, templates)
        stem = f"note-{which}"
        for f in check_note(markdown, names):
            warnings.append(
                ReviewWarning(
                    kind="ask" if f.guideline == "dossier ask-guard" else "neutrality",
                    message=f"{stem}.md line {f.line}: “{f.term}” ({f.category.replace('_', ' ')}): "
                    f"{f.advice}",
                    detail={**f.as_dict(), "note": stem},
                )
            )
        paths = write_note(
            folder,
            stem,
            markdown,
            contact,
            brand,
            subject(which, contact, agency_name),
            attachments.get(which),
        )
        outputs.update({f"{stem}.{k}": v for k, v in paths.items()})
    return outputs, warnings


def build(
    opts: BuildOptions,
    rt: Runtime | None = None,
    company: Document | None = None,
    agency_cache: AgencyCache | None = None,
) -> BuildResult:
    """Research one company and write its report; with a contact, the whole briefing.

    A batch passes its shared ``rt``, the company's ready ``company`` document and an
    ``agency_cache`` so each company and agency is researched once.
    """
    rt = rt or runtime(opts)
    if company is None:
        check_writable(opts.folder or opts.out_dir)  # before any research
    base = company if company is not None else research_company(opts, rt)
    dossier = base.dossier.model_copy(update={"prepared_for": opts.prepared_for})
    org = dossier.organisation
    folder = opts.folder or opts.out_dir / slugify(opts.prepared_for or org.display_name)
    outputs = write_outputs(
        dossier, base.written, folder, opts.formats, rt.brand, opts.templates, COMPANY, pdf=rt.pdf
    )
    result = BuildResult(
        dossier=dossier, folder=folder, outputs=outputs, warnings=list(dossier.warnings)
    )
    if not opts.briefing:
        return result
    chosen = opts.agency or (dossier.override.agency if dossier.override else None)
    if opts.skip_agency:
        outcome = AgencyOutcome(finding=AgencyFinding(company=org.display_name))
    else:
        outcome = agency_step(dossier, chosen, rt, opts, folder, agency_cache)
    result.agency = outcome
    result.warnings.extend(outcome.warnings)
    result.outputs.update({f"agency {k}": v for k, v in outcome.outputs.items()})
    if opts.contact is not None:
        agency_name = outcome.dossier.organisation.display_name if outcome.dossier else None
        if outcome.dossier is not None and not outcome.finding.confirmed:
            agency_name = None  # the note must not present an unconfirmed agency as fact
        notes, warnings = notes_step(
            replace(opts.contact, new_company=org.display_name),
            rt.brand,
            agency_name,
            folder,
            {1: outcome.outputs.get("pdf"), 2: outputs.get("pdf")},
            opts.templates,
        )
        result.outputs.update(notes)
        result.warnings.extend(warnings)
    return result
