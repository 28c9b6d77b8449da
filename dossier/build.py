"""The orchestrator: research -> write -> audit -> render. Callable from Python.

>>> from dossier import build, BuildOptions                       # doctest: +SKIP
>>> build(BuildOptions(company="Apple Inc.", offline=Path("examples/apple-inc/snapshot")))

For a contact who moved (``BuildOptions.contact``) the build is the whole briefing, in
``output/<contact-slug>/``: the company report, the incumbent agency's profile and the two
cover notes. Without one, the company report alone goes to ``output/<company-slug>/``.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

from platformdirs import user_cache_dir

from . import config
from . import formatting as fmt
from .agency import DEFAULT_YEARS, AgencyFinding, RoleDecision, find_incumbent, load_gazetteer
from .errors import ReportNotReady, ResolutionError
from .fsutil import check_writable, person_folder, slugify
from .model import Contact, Dossier, Fact, Gap, ReviewWarning
from .net import PoliteClient
from .render import AGENCY, COMPANY, PdfRenderer, template_files, write_outputs
from .render.glyphs import glyph_warning_text
from .render.mailing import Mailing, not_drafted, note_agency, write_mailings
from .render.review_data import document_warnings, review_record, write_review_json
from .research import research, research_agency
from .research.articles import load_articles
from .research.resolve import Hints
from .sources.base import RunContext
from .writing import Written, audit, write_agency, write_company
from .writing.substance import AgencySubstance, Substance, agency_substance, substance

if TYPE_CHECKING:
    from collections.abc import Callable

    from .build_workers import BuildWorkers

log = logging.getLogger(__name__)


@dataclass
class BuildOptions:
    """Everything ``dossier build`` can be told."""

    company: str | None = None
    hints: Hints = field(default_factory=Hints)
    contact: Contact | None = None  # the client contact who moved: builds the whole briefing
    agency: str | None = None  # the new company's agency, when the user knows it
    agency_from: str = "option"  # where ``agency`` came from: "option" (--agency) or "sheet"
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
    #: Agency evidence: how many years of reports count (``--agency-years``), the user's own
    #: articles files (``--articles``), and a reviewer's choices (role -> agency, or None for
    #: "none"), which are treated as confirmed and replace the evidence for their role.
    agency_years: int = DEFAULT_YEARS
    articles: tuple[Path, ...] = ()
    agency_choices: dict[str, str | None] = field(default_factory=dict)
    folder: Path | None = None  # where the documents go (default: out_dir/<contact or company>)
    #: Helper processes started by the caller before the build (``dossier build`` starts
    #: them): the PDFs are rendered and the agency's evidence read there, overlapping the
    #: research (dossier/build_workers.py). None: all in this process. The caller closes them.
    workers: BuildWorkers | None = None

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
    minimum: tuple[int, int] = (8, 2)  # cited facts, independent sources (writing/substance)


@dataclass(frozen=True)
class Document:
    """A researched and written document: the record and every sentence of it, and whether
    its review warnings are on the record yet (:func:`audit_document`)."""

    dossier: Dossier
    written: Written
    audited: bool = True


@dataclass
class AgencyOutcome:
    """What the agency step produced."""

    finding: AgencyFinding
    dossier: Dossier | None = None
    outputs: dict[str, Path] = field(default_factory=dict)
    warnings: list[ReviewWarning] = field(default_factory=list)
    #: The profile's count against the agency minimum (None: no profile was researched);
    #: below it the profile is not drafted and ``not_ready`` says why.
    substance: AgencySubstance | None = None
    not_ready: str = ""

    @property
    def unsearched(self) -> bool:
        """No agency found, and nothing was read to look for one: every agency-evidence source
        that ran failed and no articles file was given (offline without the searches in the
        snapshot, say). The review says "not looked for", never "none found"."""
        return self.finding.name is None and any(
            w.detail.get("searched") is False for w in self.warnings if w.kind == "agency"
        )


@dataclass
class BuildResult:
    """What a build produced."""

    dossier: Dossier
    folder: Path
    outputs: dict[str, Path]
    agency: AgencyOutcome | None = None
    warnings: list[ReviewWarning] = field(default_factory=list)
    mailings: list[Mailing] = field(default_factory=list)
    ready: bool = True  # False: below the minimum of substance (build raised ReportNotReady)

    @property
    def gaps(self) -> list[Gap]:
        return self.dossier.gaps

    @property
    def agency_roles(self) -> list[RoleDecision]:
        """The agency decision per discipline (empty without a briefing)."""
        return self.agency.finding.roles if self.agency is not None else []


def make_client(
    opts: BuildOptions, settings: Mapping[str, config.SourceSettings], identity: str | None
) -> PoliteClient:
    """The HTTP client for a build: offline, recording, or live with the disk cache."""
    cache = None
    if opts.cache and opts.offline is None:
        cache = Path(user_cache_dir("dossier")) / "http.sqlite3"  # mode 0600, no headers
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
        minimum=config.minimum_substance(),
    )


def run_context(opts: BuildOptions, agency: bool = False) -> RunContext:
    """The run-time options every source's fetch reads (``agency``: search agency evidence,
    as every briefing does)."""
    return RunContext(
        today=datetime.now(UTC).date(),
        news_days=opts.news_days,
        agency_years=opts.agency_years,
        agency_search=agency or opts.briefing,
    )


def agency_articles(company: Dossier | None, opts: BuildOptions) -> list[Fact]:
    """The reports the agency step reads: the company's relationship reports and news (from
    the searches) and the user's articles files."""
    out: list[Fact] = []
    if company is not None:
        out += [*company.organisation.relationship, *company.organisation.news]
    for path in opts.articles:
        out += load_articles(path)
    return out


def research_company(opts: BuildOptions, rt: Runtime, audited: bool = True) -> Document:
    """The company's report, researched, written and audited (shared by every contact who moved
    there in a batch). ``audited=False`` leaves the audit to the caller (:func:`build` audits
    while the report's PDF renders)."""
    dossier = research(
        opts.company, opts.hints, rt.client, rt.settings, run_context(opts), opts.overrides_dir
    )
    dossier.max_figure_age_months = rt.max_age_months
    written = write_company(dossier)
    if audited:
        audit_document(dossier, written, opts.templates)
    return Document(dossier, written, audited)


def audit_document(dossier: Dossier, written: Written, templates: Path | None) -> None:
    """The document's review warnings (the audit of its sentences and template, and what the
    document itself calls for) put on its record, replacing any there."""
    kind = AGENCY if written.kind == AGENCY.stem else COMPANY
    dossier.warnings = audit(dossier, written, template_files(templates, kind))
    dossier.warnings += document_warnings(dossier, written.kind)
    org = dossier.organisation
    shown = [dossier.prepared_for or "", org.display_name, *(s.text for s in written)]
    dossier.warnings += glyph_warnings(kind.title.lower(), written.kind, shown)


def glyph_warnings(title: str, kind: str, texts: Sequence[str]) -> list[ReviewWarning]:
    """A "font" review warning when ``texts`` hold characters no font can show (they would
    print as empty boxes: :mod:`dossier.render.glyphs`)."""
    boxes = glyph_warning_text(title, texts)
    if boxes is None:
        return []
    message, missing = boxes
    detail = {"document": kind, "characters": "".join(missing)}
    return [ReviewWarning(kind="font", message=message, detail=detail)]


def gazetteer_file() -> Path | None:
    """The user's ``sources/agencies.toml``, when there is one."""
    folder = config.user_sources_dir()
    path = folder / "agencies.toml" if folder else None
    return path if path is not None and path.is_file() else None


@dataclass
class AgencyReport:
    """A company's agencies (``dossier agency``): the decision per discipline and its evidence.

    ``dossier`` is None when only the user's articles were read (no search, no resolution).
    """

    company: str
    finding: AgencyFinding
    dossier: Dossier | None = None
    articles: int = 0  # how many reports were read


def find_agency(opts: BuildOptions, rt: Runtime | None = None, search: bool = True) -> AgencyReport:
    """The company's agencies from the agency search and ``opts.articles``.

    With ``search`` False only the articles files are read: no network and no resolution; the
    company is taken as named.
    """
    today = datetime.now(UTC).date()
    gazetteer = load_gazetteer(gazetteer_file())
    dossier = None
    name = (opts.company or "").strip()
    if search:
        rt = rt or runtime(opts)
        ctx = run_context(opts, agency=True)
        dossier = research(
            opts.company, opts.hints, rt.client, rt.settings, ctx, opts.overrides_dir
        )
        name = dossier.organisation.display_name
        today = dossier.generated_at.date()
    articles = agency_articles(dossier, opts)
    finding = find_incumbent(
        name, articles, gazetteer, today, choices=opts.agency_choices, years=opts.agency_years
    )
    return AgencyReport(company=name, finding=finding, dossier=dossier, articles=len(articles))


AgencyCache = dict[tuple[Any, ...], tuple[AgencyFinding, Any]]


def agency_step(
    company: Dossier,
    named: str | None,
    rt: Runtime,
    opts: BuildOptions,
    folder: Path,
    cache: AgencyCache | None = None,
    incumbent: Callable[[], AgencyFinding] | None = None,
) -> AgencyOutcome:
    """Find the incumbent agency in the company's news (or take ``named``) and profile it.

    ``cache`` (a batch's) keeps each (company, agency) researched once; ``incumbent`` gives
    the finding when the caller started it earlier (:func:`incumbent_later`).
    """
    org = company.organisation
    choices = tuple(sorted((k, v or "") for k, v in opts.agency_choices.items()))
    key = (
        org.display_name,
        (named or "").casefold(),
        named_in(named, opts),
        choices,
        opts.agency_years,
        opts.articles,
    )
    researched: Dossier | ResolutionError | None
    if cache is not None and key in cache:
        finding, researched = cache[key]
    else:
        finding = (
            incumbent()
            if incumbent is not None
            else _incumbent(org.display_name, company, named, opts)
        )
        gazetteer = load_gazetteer(gazetteer_file())
        researched = None
        if finding.name is not None:
            try:
                researched = research_agency(
                    finding,
                    rt.client,
                    rt.settings,
                    run_context(opts),
                    opts.overrides_dir,
                    agency_articles(company, opts),
                    gazetteer,
                )
            except ResolutionError as exc:
                researched = exc
        if cache is not None:
            cache[key] = (finding, researched)
    outcome = AgencyOutcome(finding=finding)
    outcome.warnings.extend(elsewhere_warnings(finding))
    if finding.name is None:
        read = len(agency_articles(company, opts))
        unread = unread_agency_sources(company)
        outcome.warnings.append(agency_warning(finding, read, unread, bool(opts.articles)))
        return outcome
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
    outcome.substance = agency_substance(dossier, written, listed=finding.entry is not None)
    if not outcome.substance.ready:  # too little to send: no profile, so no note 1
        outcome.not_ready = outcome.substance.reason(finding.name)
        remove_stale_profile(folder)
        outcome.warnings.append(
            ReviewWarning(
                kind="agency",
                message=outcome.not_ready
                + " No note 1 was drafted; note 2 goes with the company report as the first "
                "mailing.",
                detail={
                    "agency": finding.name,
                    "decided": finding.decided,
                    "substance": outcome.substance.as_dict(),
                },
            )
        )
        return outcome
    outcome.dossier = dossier
    extra = {
        "agency": {
            "company": finding.company,
            "confirmed": finding.confirmed,
            "named": finding.named,
            "role": finding.role,
        },
        "relationship": written.flat("relationship"),
        "strengths": written.flat("strengths"),
        "considerations": written.flat("considerations"),
        "holding": written.flat("holding"),
    }
    outcome.outputs = write_outputs(
        dossier,
        written,
        folder,
        opts.formats,
        rt.brand,
        opts.templates,
        AGENCY,
        extra,
        rt.pdf,
        pdf_later=pdf_later(opts, rt),
        before_record=lambda: audit_document(dossier, written, opts.templates),
    )
    outcome.warnings.extend(dossier.warnings)
    return outcome


#: How a profiled agency was decided, in the reviewer's words (see AgencyFinding.decided).
DECIDED = {
    "sheet": "named in the sheet",
    "option": "named with --agency",
    "override": "named in the company's override file",
    "reviewer": "chosen by a reviewer",
    "reports": "found in public reports",
}

#: Who stated the agency, as the subject of a sentence ("The sheet names OMD; ...").
_STATED_BY = {
    "sheet": "The sheet names",
    "option": "The --agency option names",
    "override": "The company's override file names",
    "reviewer": "A reviewer chose",
}


def elsewhere_warnings(finding: AgencyFinding) -> list[ReviewWarning]:
    """A review warning per discipline whose confirmed agency in public reports is not the
    one the user named or a reviewer chose ("The sheet names OMD; public reports name TBWA\\
    Media Arts Lab as Apple Inc.'s creative agency (confirmed, 3 reports)")."""
    out = []
    for d, best in finding.elsewhere():
        n = best.reports
        out.append(
            ReviewWarning(
                kind="agency",
                message=f"{_STATED_BY.get(finding.decided, 'The user names')} {finding.name}; "
                f"public reports name {best.name} as {finding.company}'s {d.role} agency "
                f"(confirmed, {n} report{'' if n == 1 else 's'}). Check which is right "
                "before sending.",
                detail={
                    "agency": finding.name,
                    "decided": finding.decided,
                    "role": d.role,
                    "found": best.name,
                    "reports": n,
                },
            )
        )
    return out


def remove_stale_profile(folder: Path) -> None:
    """Delete the agency profile an earlier run left (this run drafts none)."""
    for name in (f"{AGENCY.stem}.pdf", f"{AGENCY.stem}.html", AGENCY.json_name):
        path = folder / name
        if path.is_file():
            path.unlink()


def _incumbent(name: str, company: Dossier, named: str | None, opts: BuildOptions) -> AgencyFinding:
    """``find_incumbent`` over the company's reports, in the agency worker when there is one."""
    return incumbent_later(name, company, named, opts)()


def incumbent_later(
    name: str, company: Dossier, named: str | None, opts: BuildOptions
) -> Callable[[], AgencyFinding]:
    """``find_incumbent`` over the company's reports, started now in the agency worker when
    the build has one (the build writes the company report meanwhile); the call returned
    gives the finding (without a worker it is found then, in this process)."""
    articles = agency_articles(company, opts)
    today = company.generated_at.date()
    kwargs: dict[str, Any] = {
        "choices": opts.agency_choices,
        "years": opts.agency_years,
        "named_in": named_in(named, opts),
    }
    if opts.workers is not None:
        return opts.workers.find_incumbent_later(
            gazetteer_file(), name, articles, today, named, **kwargs
        )
    return lambda: find_incumbent(
        name, articles, load_gazetteer(gazetteer_file()), today, named, **kwargs
    )


def named_in(named: str | None, opts: BuildOptions) -> str:
    """Where a named agency came from: the user's ``opts.agency`` (--agency or the sheet's
    Agency column), else the company's override file."""
    if named and opts.agency and named == opts.agency:
        return opts.agency_from
    return "override" if named else opts.agency_from


def pdf_later(opts: BuildOptions, rt: Runtime) -> Callable[[str, Path], None] | None:
    """Where a document's PDF goes when the build has a PDF worker (and no batch pool)."""
    workers = opts.workers
    if workers is None or not workers.renders_pdf or rt.pdf is not None:
        return None
    return lambda html, path: workers.render(html, rt.brand, opts.templates, path)


def wait_for_pdfs(opts: BuildOptions) -> None:
    """Every PDF queued in the build's PDF worker written (a failed render raises here)."""
    if opts.workers is not None:
        opts.workers.wait()


def unread_agency_sources(company: Dossier) -> list[str]:
    """The labels of the sources the agency step reads (``Source.agency_evidence``) that
    could not be read: a gap, and no fact from them."""
    from .sources import registry

    known = registry.sources()
    gave = {c.source for c in company.citations if c.source}
    out: list[str] = []
    for gap in company.gaps:
        cls = known.get(gap.source)
        if cls is None or not cls.agency_evidence or gap.source in gave:
            continue
        label = company.label(gap.source)
        if label not in out:
            out.append(label)
    return out


def not_looked_for(read: int, unread: Sequence[str]) -> bool:
    """Nothing was read to look for the agency: no report, and a source of agency evidence
    could not be read (so "none found" would not be true)."""
    return bool(unread) and not read


def agency_warning(
    finding: AgencyFinding, read: int = 0, unread: Sequence[str] = (), articles: bool = False
) -> ReviewWarning:
    """Why no agency profile was drafted, with the candidates per discipline for the reviewer.

    ``read`` is how many reports the agency step read; ``unread`` the agency-evidence sources
    that could not be read; ``articles`` whether the user gave an articles file. With nothing
    read and a source unread the agency was not looked for, and the message says that
    ("searched": False in the detail), never that none was found.
    """
    said_none = [d.role for d in finding.roles if d.status == "none"]
    searched = True
    if finding.candidates:
        message = (
            f"No agency is confirmed for {finding.company}, so no agency profile was drafted; "
            "choose one in review. Candidates: " + finding.unconfirmed_summary() + "."
        )
    elif said_none:
        message = f"A reviewer chose no agency for {finding.company} ({', '.join(said_none)})."
    elif not_looked_for(read, unread):
        searched = False
        message = (
            f"{finding.company}'s agency was not looked for: {fmt.join_names(list(unread))} "
            f"could not be read{'' if articles else ' and no articles file was given'}, so "
            "nothing was searched; no agency profile was drafted. Name it with --agency, give "
            "--articles, or choose it in review."
        )
    else:
        reports = f"{read} report{'' if read == 1 else 's'} read" if read else "reports searched"
        message = (
            f"No public evidence of {finding.company}'s agency was found in the {reports} "
            f"(the last {finding.years} years); no agency profile was drafted. "
            "Name it with --agency or choose it in review."
        )
        if unread:
            message += (
                f" The search was incomplete: {fmt.join_names(list(unread))} could not be read."
            )
    detail: dict[str, Any] = {
        "roles": [role_dict(d) for d in finding.roles],
        "searched": searched,
        "read": read,
        "unread": list(unread),
    }
    return ReviewWarning(kind="agency", message=message, detail=detail)


def role_dict(d: RoleDecision) -> dict[str, Any]:
    """One discipline's decision as plain data (for JSON and the batch state)."""
    best = d.agency
    return {
        "role": d.role,
        "status": d.status,
        "agency": d.name or (best.name if best is not None else None),
        "confirmed": d.confirmed,
        "candidates": [
            {
                "agency": c.name,
                "status": c.status,
                "confidence": c.confidence,
                "reports": c.reports,
                "latest": c.latest.isoformat() if c.latest else None,
                "in_gazetteer": c.in_gazetteer,
                "reason": c.reason,
                "evidence": [evidence_dict(e) for e in c.evidence[:EVIDENCE_SHOWN]],
            }
            for c in d.candidates
        ],
    }


#: How many reports per candidate review.json keeps (newest first) for the reviewer to read.
EVIDENCE_SHOWN = 5


def evidence_dict(e: Any) -> dict[str, Any]:
    """One report behind a candidate: headline, outlet, date, link and the sentence read."""
    item = getattr(e.article, "value", None)
    return {
        "headline": str(getattr(item, "headline", "") or ""),
        "outlet": e.outlet,
        "published": e.published.isoformat() if e.published else None,
        "url": e.url,
        "sentence": e.sentence,
        "relation": e.relation,
        "trade": e.trade,
    }


def agency_review(outcome: AgencyOutcome | None) -> dict[str, Any] | None:
    """The agency decision for review.json: per discipline, with candidates and confidence."""
    if outcome is None:
        return None
    finding = outcome.finding
    return {
        "company": finding.company,
        "profiled": outcome.dossier.organisation.display_name if outcome.dossier else None,
        "agency": finding.name,
        "named": finding.named,
        # how the agency was decided (sheet, option, override, reviewer, reports)
        "decided": finding.decided or None,
        "decided_text": DECIDED.get(finding.decided, ""),
        # public reports confirm it (never true for a name alone)
        "confirmed": finding.confirmed,
        "role": finding.role,
        "years": finding.years,
        # the profile against the agency minimum; not_ready: why it was not drafted
        "substance": outcome.substance.as_dict() if outcome.substance else None,
        "not_ready": outcome.not_ready or None,
        "method": "docs/agency.md",
        "roles": [role_dict(d) for d in finding.roles],
    }


def briefing_folder(person: str | None, company: str) -> str:
    """A briefing's folder name: the person and the company ("jane-doe--apple-inc"), as a
    batch names it; the company alone ("apple-inc") when no one is named."""
    return person_folder(person, company) if person else slugify(company)


def build(
    opts: BuildOptions,
    rt: Runtime | None = None,
    company: Document | None = None,
    agency_cache: AgencyCache | None = None,
) -> BuildResult:
    """Research one company and write its report; with a contact, the whole briefing.

    A batch passes its shared ``rt``, the company's ready ``company`` document and an
    ``agency_cache`` so each company and agency is researched once. A report below the
    minimum of substance raises :class:`ReportNotReady` (only facts.json and review.json
    are written, and no note).
    """
    rt = rt or runtime(opts)
    if company is None:
        check_writable(opts.folder or opts.out_dir)  # before any research
    # A build on its own audits the report while its PDF renders (a batch's is audited once).
    base = company if company is not None else research_company(opts, rt, audited=False)
    title = (opts.contact.new_title or None) if opts.contact else None
    dossier = base.dossier.model_copy(
        update={"prepared_for": opts.prepared_for, "prepared_for_title": title}
    )

    def audit_report() -> None:
        if not base.audited:
            audit_document(dossier, base.written, opts.templates)
        elif opts.prepared_for:  # audited once for the company (a batch): the contact's name
            title = COMPANY.title.lower()
            found = glyph_warnings(title, base.written.kind, [opts.prepared_for])
            dossier.warnings = [*dossier.warnings, *found]  # a new list: the base's is shared

    org = dossier.organisation
    folder = opts.folder or opts.out_dir / briefing_folder(opts.prepared_for, org.display_name)
    enough = substance(dossier, base.written, *rt.minimum)
    owner = opts.contact.owner if opts.contact else ""
    if not enough.ready:
        audit_report()
        not_ready(opts, rt, base, dossier, folder, enough, owner)
    chosen = opts.agency or (dossier.override.agency if dossier.override else None)
    # The incumbent is looked for in the agency worker while the report is written.
    incumbent = (
        incumbent_later(org.display_name, dossier, chosen, opts)
        if opts.briefing and opts.workers is not None and agency_cache is None
        else None
    )
    outputs = write_outputs(
        dossier,
        base.written,
        folder,
        opts.formats,
        rt.brand,
        opts.templates,
        COMPANY,
        pdf=rt.pdf,
        pdf_later=pdf_later(opts, rt),
        before_record=audit_report,
    )
    result = BuildResult(
        dossier=dossier, folder=folder, outputs=outputs, warnings=list(dossier.warnings)
    )
    if opts.briefing:
        outcome = agency_step(dossier, chosen, rt, opts, folder, agency_cache, incumbent)
        result.agency = outcome
        result.warnings.extend(outcome.warnings)
        result.outputs.update({f"agency {k}": v for k, v in outcome.outputs.items()})
        if opts.contact is not None:
            profiled = outcome.dossier.organisation.display_name if outcome.dossier else None
            notes, warnings, result.mailings = write_mailings(
                replace(opts.contact, new_company=org.display_name),
                rt.brand,
                note_agency(outcome.finding, profiled),
                folder,
                {1: outcome.outputs.get("pdf"), 2: outputs.get("pdf")},
                opts.templates,
                ready=lambda: wait_for_pdfs(opts),  # the notes attach them
            )
            result.outputs.update(notes)
            result.warnings.extend(warnings)
    wait_for_pdfs(opts)
    record = review_record(
        dossier,
        substance=enough.as_dict(),
        warnings=result.warnings,
        profile=result.agency.dossier if result.agency else None,
        agency=agency_review(result.agency),
        mailings=result.mailings,
        owner=owner,
    )
    result.outputs["review"] = write_review_json(folder, record)
    return result


def not_ready(
    opts: BuildOptions,
    rt: Runtime,
    base: Document,
    dossier: Dossier,
    folder: Path,
    enough: Substance,
    owner: str,
) -> NoReturn:
    """Write only what the reviewer needs (facts.json, review.json), remove client documents
    and drafts an earlier run left, and raise ReportNotReady with the reason."""
    reason = enough.reason(dossier.organisation.display_name)
    formats = tuple(f for f in opts.formats if f == "json")
    outputs = write_outputs(dossier, base.written, folder, formats, rt.brand, opts.templates)
    for stale in (folder / f"{COMPANY.stem}.pdf", folder / f"{COMPANY.stem}.html"):
        if stale.is_file():
            stale.unlink()
    mailings = not_drafted(folder, reason) if opts.contact is not None else []
    result = BuildResult(
        dossier=dossier,
        folder=folder,
        outputs=outputs,
        warnings=list(dossier.warnings),
        mailings=mailings,
        ready=False,
    )
    record = review_record(
        dossier,
        substance=enough.as_dict(),
        not_ready=reason,
        warnings=result.warnings,
        mailings=mailings,
        owner=owner,
    )
    result.outputs["review"] = write_review_json(folder, record)
    drafted = " No cover note was drafted." if opts.contact is not None else ""
    raise ReportNotReady(
        f"{reason}{drafted} Its gaps and their causes are in {result.outputs['review']}.",
        result,
    )
