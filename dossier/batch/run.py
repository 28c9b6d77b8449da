"""Batch runs: a spreadsheet of moved contacts in, a reviewed folder of briefings out.

Each company is researched once however many contacts moved there; research runs in a
thread pool (the polite client keeps per-host intervals across threads) and PDF rendering in
a small process pool (WeasyPrint is CPU-bound; workers are recycled). Every contact's state is
in ``state.sqlite`` (:mod:`dossier.batch.state`); a rerun skips finished contacts unless the
row changed, a reviewer chose an agency, or ``--force``.

Stopping: Ctrl-C (SIGINT) or SIGTERM stops scheduling; contacts being written finish or stop
at their next PDF (a few seconds), the rest go back to "pending", the state is kept, and
:class:`BatchResult.interrupted` names the signal (the CLI exits 128 + its number: 130 for
Ctrl-C). A second signal quits at once, ending the PDF workers. A full disk stops the batch
the same way and is raised as one :class:`~dossier.fsutil.OutputError`.
"""

from __future__ import annotations

import logging
import os
import signal
import threading
from collections.abc import Callable, Iterator, Mapping
from concurrent.futures import Future, ThreadPoolExecutor, as_completed
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .. import config
from ..config import Brand
from ..errors import DossierError
from ..fsutil import OutputError, check_writable, slugify
from .calendar import write_follow_up_ics
from .contacts import ContactRow, read_contacts
from .options import record_options
from .records import document_fields
from .review import write_review_page
from .state import (
    DEFAULT_ROLE,
    BatchState,
    ContactState,
    describe_run,
    inside,
    scrub,
    sheet_message,
)
from .thumbs import Thumbnailer

if TYPE_CHECKING:
    from ..build import AgencyCache, BuildOptions, Document, Runtime
    from ..render import PdfPool

# Research, writing and rendering (dossier.build and everything under it: pydantic, Jinja,
# the relation rules, the HTTP client, WeasyPrint) are imported only when a contact is to be
# built, so a rerun of a finished batch, where every contact is skipped, stays quick.

log = logging.getLogger(__name__)

Progress = Callable[[str, dict[str, int]], None]


class Interrupted(DossierError):
    """The batch was asked to stop; the contact goes back to "pending"."""


@dataclass
class BatchOptions:
    """Everything ``dossier batch`` can be told."""

    contacts: Path
    out_dir: Path = Path("output")
    offline: Path | None = None
    workers: int = 4
    force: bool = False
    sheet: str | None = None
    formats: tuple[str, ...] = ("pdf", "html", "json")
    news_days: int = 90
    brand: Path | None = None
    templates: Path | None = None
    cache: bool = True
    pdf_processes: int = min(2, os.cpu_count() or 1)
    overrides_dir: Path | None = Path("overrides")
    follow_up: bool = False  # also write follow-up.ics
    today: date | None = None  # for the calendar (default: today)
    agency_years: int = 3  # how many years of agency reports count (--agency-years)
    articles: tuple[Path, ...] = ()  # the user's own articles files (--articles)
    wait: bool = False  # another batch on the folder: wait for it instead of refusing
    command: str = ""  # how this run was started, shown to a second run that is refused
    firm: Path | None = None  # firm.toml for the priorities (None: ./firm.toml if there is one)
    only: frozenset[str] | None = None  # rebuild just these contact keys (the review app)


@dataclass
class RowOutcome:
    """One contact's result, for the summary table."""

    key: str
    row: int
    name: str
    company: str
    status: str
    agency: str = ""  # the profiled agency and how it was decided, for the table
    warnings: int = 0
    folder: str = ""
    error: str = ""
    agency_name: str = ""  # the same, apart (for --json)
    agency_decided: str = ""
    agency_confirmed: bool = False  # confirmed by public reports, or chosen by a reviewer


@dataclass
class BatchResult:
    """What a batch did."""

    batch_dir: Path
    outcomes: list[RowOutcome] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    review_page: Path | None = None
    follow_up: Path | None = None
    interrupted: int | None = None  # the signal that stopped the run, if one did
    replaced: dict[str, str] = field(default_factory=dict)  # old key -> new key (edited rows)
    sheet_changed: dict[str, str] = field(default_factory=dict)  # approved key -> warning
    state_seconds: float = 0.0  # time spent keeping the state (for the benchmark)
    follow: Any = None  # dossier.crm.follow.FollowPlan: priorities, owners' load

    @property
    def failed(self) -> int:
        return sum(1 for o in self.outcomes if o.status == "failed")

    def as_dict(self) -> dict[str, Any]:
        """The summary as JSON-ready data, with every e-mail address in any cell masked."""
        data: dict[str, Any] = scrub(
            {
                "batch": str(self.batch_dir),
                "review": str(self.review_page) if self.review_page else None,
                "follow_up": str(self.follow_up) if self.follow_up else None,
                "interrupted": self.interrupted is not None,
                "skipped_rows": self.problems,
                "replaced": self.replaced,
                "sheet_changed": self.sheet_changed,
                "contacts": [o.__dict__ for o in self.outcomes],
                "follow": self.follow.as_dict() if self.follow is not None else None,
            }
        )
        return data


def company_key(row: ContactRow) -> tuple[str, str, str]:
    """Contacts who moved to the same company share one research.

    The name is compared without its legal form, so "Apple" and "Apple Inc." in one sheet
    are researched once (a domain or ticker in the row still tells two companies apart).
    """
    from ..names import clean_name

    return (
        clean_name(row.new_company) or row.new_company.casefold().strip(),
        (row.domain or "").lower(),
        (row.ticker or "").upper(),
    )


def batch_dir_for(opts: BatchOptions) -> Path:
    """``<out>/<spreadsheet name>``."""
    return opts.out_dir / slugify(opts.contacts.stem, fallback="batch")


def _options(
    row: ContactRow,
    opts: BatchOptions,
    folder: Path,
    choices: Mapping[str, Mapping[str, Any]] | None = None,
) -> BuildOptions:
    """The row's build. A reviewer's choices (role -> {agency: name or None}) win over the
    sheet's Agency column and over the evidence, role by role."""
    from ..build import BuildOptions
    from ..research.resolve import Hints

    chosen = {str(r): (c or {}).get("agency") or None for r, c in (choices or {}).items()}
    agency = None if chosen else (row.agency or None)
    return BuildOptions(
        company=row.new_company,
        hints=Hints(ticker=row.ticker or None, domain=row.domain or None),
        contact=row.to_contact(),
        offline=opts.offline,
        out_dir=folder.parent,
        folder=folder,
        formats=opts.formats,
        news_days=opts.news_days,
        brand=opts.brand,
        templates=opts.templates,
        cache=opts.cache,
        agency=agency,
        agency_from="sheet",
        agency_choices=chosen,
        overrides_dir=opts.overrides_dir,
        agency_years=opts.agency_years,
        articles=opts.articles,
    )


class _Stop:
    """Why the batch is stopping: a signal, a fatal error, or a caller's event."""

    def __init__(self, event: threading.Event | None) -> None:
        self.event = event or threading.Event()
        self.signum: int | None = None
        self.fatal: OutputError | None = None

    def __bool__(self) -> bool:
        return self.event.is_set()

    def set(self, signum: int | None = None, fatal: OutputError | None = None) -> None:
        if signum is not None and self.signum is None:
            self.signum = signum
        if fatal is not None and self.fatal is None:
            self.fatal = fatal
        self.event.set()


@contextmanager
def _signals(stop: _Stop, pool: PdfPool, progress: Progress | None) -> Iterator[None]:
    """SIGINT/SIGTERM stop the batch in order; a second one quits at once."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def handler(signum: int, _frame: Any) -> None:
        if stop.signum is not None:  # the second signal: quit now
            pool.kill()
            os._exit(128 + signum)
        stop.set(signum)
        if progress is not None:
            progress(
                "stopping: letting the contacts being written finish (press Ctrl-C again to "
                "quit at once)",
                {},
            )

    previous = {s: signal.signal(s, handler) for s in (signal.SIGINT, signal.SIGTERM)}
    try:
        yield
    finally:
        for s, h in previous.items():
            signal.signal(s, h)


def run_batch(
    opts: BatchOptions, progress: Progress | None = None, stop: threading.Event | None = None
) -> BatchResult:
    """Build every contact's briefing; a failing row is recorded and the batch goes on.

    ``stop`` (optional) is an event that, once set, stops the batch as Ctrl-C does. Raises
    :class:`BatchBusy` when another batch runs on the folder (unless ``opts.wait``), and
    :class:`OutputError` when the disk fills up (after recording the state).
    """
    from ..crm import follow as crm_follow
    from ..crm.firm import load_firm

    sheet = read_contacts(opts.contacts, opts.sheet)  # a bad sheet stops here, before any work
    firm = load_firm(opts.firm)  # so does a bad firm.toml
    # So do bad settings and a bad brand; the client (and the snapshot) are made when there is
    # a contact to build (see _runtime).
    config.load_sources(config.user_sources_dir())
    config.identity()
    brand = config.load_brand(opts.brand)
    batch_dir = batch_dir_for(opts)
    check_writable(batch_dir)  # before any research
    result = BatchResult(batch_dir=batch_dir)
    result.problems = [f"row {p.row}: {p.message}" for p in sheet.problems]
    state = BatchState.open(batch_dir, durable=False)
    halt = _Stop(stop)

    def waiting(holder: dict[str, Any]) -> None:
        if progress is not None:
            progress(f"waiting for the batch already running here ({describe_run(holder)})", {})

    try:
        with state.run(
            opts.command or f"dossier batch {opts.contacts}", wait=opts.wait, on_wait=waiting
        ):
            if opts.only is None:  # a whole run: what a rebuild from the review app repeats
                record_options(state, opts)
            _run(opts, sheet.rows, sheet.problems, state, result, halt, progress)
            result.state_seconds = state.seconds
            if halt.fatal is None and not halt:  # whom to follow first, who follows (crm)
                result.follow = crm_follow.plan_follow_up(state, sheet.rows, firm, opts.today)
            if halt.fatal is None:
                result.review_page = write_review_page(batch_dir, state, brand, opts.templates)
                if opts.follow_up:
                    result.follow_up = write_follow_up_ics(
                        batch_dir, state, opts.today or date.today()
                    )
    finally:
        state.close()
    if halt.fatal is not None:
        raise halt.fatal
    result.interrupted = halt.signum if halt else None
    if halt and result.interrupted is None:
        result.interrupted = signal.SIGINT  # stopped through the caller's event
    return result


def _run(
    opts: BatchOptions,
    rows: list[ContactRow],
    problems: list[Any],
    state: BatchState,
    result: BatchResult,
    halt: _Stop,
    progress: Progress | None,
) -> None:
    synced = state.sync_sheet(
        rows, [(p.row, p.message) for p in problems], source=str(opts.contacts)
    )
    result.replaced = synced.replaced
    sheet_changed = state.note_sheet_changes()
    current = {c.key: c for c in state.contacts()}
    keys = {row.row: synced.keys[row.identity] for row in rows}
    todo: list[ContactRow] = []
    for row in rows:
        c = current[keys[row.row]]
        if c.locked and not opts.force:
            changed = sheet_changed.get(c.key)
            status = f"approved, sheet changed: {', '.join(changed)}" if changed else None
            result.outcomes.append(_outcome(c, row, status or "approved (locked)"))
            if changed:
                result.sheet_changed[c.key] = sheet_message(c, changed)
        elif opts.force or not (
            c.status == "done" and c.fingerprint == row.fingerprint and not c.needs_rebuild
        ):
            todo.append(row)
        else:
            result.outcomes.append(_outcome(c, row))
    if opts.only is not None:  # the review app rebuilds the contacts it names, finished or not
        todo = [row for row in rows if keys[row.row] in opts.only]
        result.outcomes = [o for o in result.outcomes if o.key not in opts.only]
    counts = {"done": 0, "failed": 0, "todo": len(todo)}
    lock = threading.Lock()

    def tick(step: str) -> None:
        if progress is not None:
            with lock:
                progress(step, dict(counts))

    groups: dict[tuple[str, str, str], list[ContactRow]] = {}
    for row in todo:
        groups.setdefault(company_key(row), []).append(row)
    if not groups:
        return
    from ..build_workers import pdf_pool, settled_imports

    with settled_imports():  # the build's modules kept out of the collector's walks
        from ..build import BuildOptions, runtime

    rt = runtime(BuildOptions(offline=opts.offline, brand=opts.brand, cache=opts.cache))
    pool = pdf_pool(max(1, opts.pdf_processes))

    def render(html: str, brand: Brand, templates: Path | None) -> bytes:
        if halt:
            raise Interrupted("The batch was stopped before this document was rendered.")
        return pool.render(html, brand, templates)

    rt.pdf = render
    job = _Job(opts, rt, state, keys, tick, counts, lock, halt)
    job.thumbs = Thumbnailer(max(1, opts.pdf_processes)) if "pdf" in opts.formats else None
    try:
        with _signals(halt, pool, progress):
            writers = ThreadPoolExecutor(max_workers=max(2, 2 * opts.pdf_processes))
            threads = ThreadPoolExecutor(max_workers=max(1, opts.workers))
            try:
                futures = [threads.submit(job.company_group, g, writers) for g in groups.values()]
                for fut in as_completed(futures):
                    result.outcomes.extend(fut.result())
            finally:
                threads.shutdown(wait=True, cancel_futures=True)
                writers.shutdown(wait=True, cancel_futures=True)
    finally:
        pool.shutdown(kill=bool(halt))
        if job.thumbs is not None:
            job.thumbs.close(wait=not halt)
        for row in todo:  # anything a stop or a crash left half-way goes back to pending
            left = state.get(keys[row.row])
            if left is not None and left.status == "running":
                state.mark_interrupted(left.key, "interrupted: built again by the next run")
    seen = {o.key for o in result.outcomes}
    for row in todo:  # contacts never reached (cancelled when the batch stopped)
        if keys[row.row] not in seen and (never := state.get(keys[row.row])) is not None:
            result.outcomes.append(_outcome(never, row))
    result.outcomes.sort(key=lambda o: o.row)


@dataclass
class _Job:
    """What every company group of one run shares."""

    opts: BatchOptions
    rt: Runtime
    state: BatchState
    keys: dict[int, str]
    tick: Callable[[str], None]
    counts: dict[str, int]
    lock: threading.Lock
    halt: _Stop
    thumbs: Thumbnailer | None = None  # review-page thumbnails, made as contacts finish

    def folder(self, c: ContactState) -> Path:
        """The contact's own folder (its key, or the folder a migrated entry already had)."""
        name = c.folder if c.folder and "/" not in c.folder and "\\" not in c.folder else c.key
        if inside(self.state.batch_dir, name) is None:
            name = c.key
        return self.state.batch_dir / name

    def company_group(
        self, rows: list[ContactRow], writers: ThreadPoolExecutor
    ) -> list[RowOutcome]:
        """Research one company, then write its contacts' briefings in parallel.

        The first contact is written here, so the company's agency is researched once before
        the others (which then find it in the group's agency cache) are handed to ``writers``.
        The cache is the group's own and goes with it: a batch of many companies keeps only
        the agency findings of the companies being written (each holds the agency's dossier
        for that company, about 0.3 MB), not one per company of the run.
        """
        if self.halt:
            return []
        from ..build import research_company

        error: str | None = None
        company: Document | None = None
        self.tick(f"researching {rows[0].new_company}")
        try:
            opts = _options(rows[0], self.opts, self.state.batch_dir / self.keys[rows[0].row])
            company = research_company(opts, self.rt)
        except DossierError as exc:
            error = str(exc)
        except Exception as exc:  # a bug must not stop the batch; it is reported on the row
            log.exception("research failed for %s", rows[0].new_company)
            error = f"unexpected error: {type(exc).__name__}: {exc}"
        cache: AgencyCache = {}
        first = self.write(rows[0], company, error, cache)
        rest: list[Future[RowOutcome | None]] = [
            writers.submit(self.write, row, company, error, cache) for row in rows[1:]
        ]
        done = [first, *(f.result() for f in rest)]
        return [o for o in done if o is not None]

    def write(
        self,
        row: ContactRow,
        company: Document | None,
        error: str | None,
        cache: AgencyCache,
    ) -> RowOutcome | None:
        key = self.keys[row.row]
        if self.halt:
            return None
        if not self.state.mark_running(
            key, f"writing the briefing for {row.name}", force=self.opts.force
        ):
            c = self.state.require(key)  # a reviewer approved it meanwhile: left alone
            return _outcome(c, row, "approved (locked)")
        if error is not None or company is None:
            self.state.mark_failed(key, error or "research failed")
        else:
            self._build(row, key, company, cache)
        c = self.state.require(key)
        with self.lock:
            if c.status in ("done", "failed"):
                self.counts["failed" if c.status == "failed" else "done"] += 1
        self.tick("")
        return _outcome(c, row)

    def _build(self, row: ContactRow, key: str, company: Document, cache: AgencyCache) -> None:
        from ..build import build

        self.tick(f"writing {row.name}")
        c = self.state.require(key)
        choices = dict(c.agency_choices)
        opts = _options(row, self.opts, self.folder(c), choices)
        try:
            built = build(opts, self.rt, company, cache)
            outputs = {
                k: str(p.relative_to(self.state.batch_dir)) for k, p in built.outputs.items()
            }
            self.state.mark_done(
                key,
                outputs,
                built.warnings,
                fingerprint=row.fingerprint,
                built_fields=document_fields(row),
                agency_roles=agency_roles(built, opts),
                built_choices=choices,
            )
            if self.thumbs is not None:
                self.thumbs.submit(built.outputs.values())
        except Interrupted:
            self.state.mark_interrupted(key, "interrupted: built again by the next run")
        except OutputError as exc:
            if exc.fatal:  # a full disk: every other contact would fail the same way
                self.halt.set(fatal=exc)
                self.state.mark_interrupted(key, "interrupted: the disk is full")
            else:
                self.state.mark_failed(key, str(exc))
        except DossierError as exc:
            if self.halt:
                self.state.mark_interrupted(key, "interrupted: built again by the next run")
            else:
                self.state.mark_failed(key, str(exc))
        except Exception as exc:
            if self.halt:  # a PDF worker ended by the stop
                self.state.mark_interrupted(key, "interrupted: built again by the next run")
                return
            log.exception("briefing failed for row %s", row.row)
            self.state.mark_failed(key, f"unexpected error: {type(exc).__name__}: {exc}")


#: The agency step's statuses as the batch state keeps them.
_STATE_STATUS = {"current": "confirmed", "chosen": "confirmed", "unconfirmed": "unconfirmed"}


def agency_roles(built: Any, opts: BuildOptions) -> dict[str, dict[str, Any]]:
    """What the build found, per discipline: {role: {agency, status, candidates, how}}.

    "confirmed" (confirmed by public reports, or chosen by a reviewer), "named" (named by the
    user, not confirmed by public reports), "unconfirmed" (candidates, none confirmed) or
    "none" (none found, ended, in review, or a reviewer's "none"). ``how`` says how the agency
    was decided ("reports", "reviewer", "sheet", "option", "override"); the role whose agency
    the briefing profiles has ``profiled`` (and ``drafted`` False when its profile was below
    the agency minimum, so not drafted). A named agency takes the role the evidence (else
    the agency list) gives it, else the default role; the evidence's agency for that role, when
    it is another, is kept as ``found``.
    """
    from ..agency.incumbent import ROLE_ORDER
    from ..build import role_dict

    outcome = built.agency
    if outcome is None:
        return {DEFAULT_ROLE: {"agency": None, "status": "none"}}
    finding = outcome.finding
    roles: dict[str, dict[str, Any]] = {}
    for d in built.agency_roles:
        data = role_dict(d)
        status = _STATE_STATUS.get(str(d.status), "none")
        roles[str(d.role)] = {
            "agency": data["agency"] if status != "none" else None,
            "status": status,
            "candidates": [c["agency"] for c in data["candidates"][:5]],
        }
        if status == "confirmed":
            roles[str(d.role)]["how"] = "reviewer" if d.status == "chosen" else "reports"
    if finding.named:  # --agency / the Agency column, no evidence needed
        mine = finding.confirming or next(
            (c for c in finding.candidates if c.name.casefold() == (finding.name or "").casefold()),
            None,
        )
        listed = [r for r in (finding.entry.discipline if finding.entry else ()) if r in ROLE_ORDER]
        role = mine.role if mine is not None else (listed[0] if listed else DEFAULT_ROLE)
        before = roles.get(role) or {}
        entry: dict[str, Any] = {
            "agency": finding.name,
            "status": "confirmed" if finding.confirmed else "named",
            "how": finding.named_in,
            "profiled": True,
        }
        if before.get("candidates"):
            entry["candidates"] = before["candidates"]
        if before.get("status") == "confirmed" and before.get("agency") != finding.name:
            entry["found"] = before["agency"]
            entry["found_status"] = before.get("status")
        roles[role] = entry
    elif finding.chosen is not None and str(finding.chosen.role) in roles:
        roles[str(finding.chosen.role)]["profiled"] = True
    if outcome.not_ready:  # below the agency minimum: decided, but no profile drafted
        for v in roles.values():
            if v.get("profiled"):
                v["drafted"] = False
    if not roles and outcome.unsearched:  # nothing could be read to look for one
        roles[DEFAULT_ROLE] = {"agency": None, "status": "none", "searched": False}
    return roles or {DEFAULT_ROLE: {"agency": None, "status": "none"}}


def _outcome(c: ContactState, row: ContactRow, status: str | None = None) -> RowOutcome:
    agency = c.agency or ""
    if agency:
        agency = f"{agency} ({c.agency_decided or 'unconfirmed'})"
    return RowOutcome(
        key=c.key,
        row=row.row,
        name=c.name or row.name,
        company=c.company or row.new_company,
        status=status or c.status,
        agency=agency,
        warnings=len(c.warnings),
        folder=c.folder if c.outputs else "",
        error=c.error or "",
        agency_name=c.agency or "",
        agency_decided=c.agency_decided if c.agency else "",
        agency_confirmed=bool(c.agency) and c.agency_confirmed,
    )
