"""Batch runs: a spreadsheet of moved contacts in, a reviewed folder of briefings out.

Each company is researched once however many contacts moved there; research runs in a
thread pool (the polite client keeps per-host intervals across threads) and PDF rendering in
a small process pool (WeasyPrint is CPU-bound; workers are recycled). Every contact's state is
in ``manifest.json``; a rerun skips finished contacts unless the row changed or ``--force``;
an interrupted run leaves no half-written file (every write is atomic) and loses nothing done.
"""

from __future__ import annotations

import logging
import os
import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from ..build import AgencyCache, BuildOptions, Document, Runtime, build, research_company, runtime
from ..errors import DossierError
from ..fsutil import slugify
from ..render import PdfPool
from ..research.resolve import Hints
from .calendar import write_follow_up_ics
from .contacts import ContactRow, read_contacts
from .manifest import Manifest
from .review import write_review_page

log = logging.getLogger(__name__)

Progress = Callable[[str, dict[str, int]], None]


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


@dataclass
class RowOutcome:
    """One contact's result, for the summary table."""

    key: str
    row: int
    name: str
    company: str
    status: str
    agency: str = ""
    warnings: int = 0
    folder: str = ""
    error: str = ""


@dataclass
class BatchResult:
    """What a batch did."""

    batch_dir: Path
    outcomes: list[RowOutcome] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    review_page: Path | None = None
    follow_up: Path | None = None

    @property
    def failed(self) -> int:
        return sum(1 for o in self.outcomes if o.status == "failed")


def company_key(row: ContactRow) -> tuple[str, str, str]:
    """Contacts who moved to the same company share one research."""
    return (
        row.new_company.casefold().strip(),
        (row.domain or "").lower(),
        (row.ticker or "").upper(),
    )


def _options(row: ContactRow, opts: BatchOptions, batch_dir: Path) -> BuildOptions:
    return BuildOptions(
        company=row.new_company,
        hints=Hints(ticker=row.ticker or None, domain=row.domain or None),
        contact=row.to_contact(),
        offline=opts.offline,
        out_dir=batch_dir,
        formats=opts.formats,
        news_days=opts.news_days,
        brand=opts.brand,
        templates=opts.templates,
        cache=opts.cache,
        agency=row.agency or None,
        overrides_dir=opts.overrides_dir,
        agency_years=opts.agency_years,
        articles=opts.articles,
    )


def run_batch(opts: BatchOptions, progress: Progress | None = None) -> BatchResult:
    """Build every contact's briefing; a failing row is recorded and the batch goes on."""
    sheet = read_contacts(opts.contacts, opts.sheet)  # a bad sheet stops here, before any work
    batch_dir = opts.out_dir / slugify(opts.contacts.stem)
    manifest = Manifest.load(batch_dir)
    result = BatchResult(batch_dir=batch_dir)
    result.problems = [f"row {p.row}: {p.message}" for p in sheet.problems]
    rt = runtime(BuildOptions(offline=opts.offline, brand=opts.brand, cache=opts.cache))
    todo: list[ContactRow] = []
    with manifest.deferred():  # one save for the whole sheet, not one per row
        for row in sheet.rows:
            manifest.upsert(
                row.key,
                row=row.row,
                name=row.name,
                owner=row.owner or "",
                company=row.new_company,
                start_date=row.start_date,
            )
            if manifest.is_locked(row.key) and not opts.force:
                result.outcomes.append(_outcome(manifest, row, "approved (locked)"))
            elif manifest.needs_work(row.key, row.fingerprint, opts.force):
                todo.append(row)
            else:
                result.outcomes.append(_outcome(manifest, row))
    manifest.save()
    counts = {"done": 0, "failed": 0, "todo": len(todo)}
    lock = threading.Lock()

    def tick(step: str) -> None:
        if progress is not None:
            with lock:
                progress(step, dict(counts))

    groups: dict[tuple[str, str, str], list[ContactRow]] = {}
    for row in todo:
        groups.setdefault(company_key(row), []).append(row)
    agency_cache: AgencyCache = {}
    pool = PdfPool(max(1, opts.pdf_processes))
    rt.pdf = pool.render
    try:
        writers = ThreadPoolExecutor(max_workers=max(2, 2 * opts.pdf_processes))
        with writers, ThreadPoolExecutor(max_workers=max(1, opts.workers)) as threads:
            futures = [
                threads.submit(
                    _company_group,
                    rows,
                    opts,
                    batch_dir,
                    rt,
                    manifest,
                    agency_cache,
                    tick,
                    counts,
                    lock,
                    writers,
                )
                for rows in groups.values()
            ]
            for fut in as_completed(futures):
                result.outcomes.extend(fut.result())
    finally:
        pool.shutdown()
        manifest.save()
    result.outcomes.sort(key=lambda o: o.row)
    result.review_page = write_review_page(batch_dir, manifest, rt.brand)
    if opts.follow_up:
        result.follow_up = write_follow_up_ics(batch_dir, manifest, opts.today or date.today())
    return result


def _company_group(
    rows: list[ContactRow],
    opts: BatchOptions,
    batch_dir: Path,
    rt: Runtime,
    manifest: Manifest,
    agency_cache: AgencyCache,
    tick: Callable[[str], None],
    counts: dict[str, int],
    lock: threading.Lock,
    writers: ThreadPoolExecutor,
) -> list[RowOutcome]:
    """Research one company, then write its contacts' briefings in parallel.

    The first contact is written here, so the company's agency is researched once before the
    others (which then find it in ``agency_cache``) are handed to the ``writers`` pool.
    """
    error: str | None = None
    company: Document | None = None
    for row in rows:
        manifest.mark_running(row.key, f"researching {row.new_company}")
    tick(f"researching {rows[0].new_company}")
    try:
        company = research_company(_options(rows[0], opts, batch_dir), rt)
    except DossierError as exc:
        error = str(exc)
    except Exception as exc:  # a bug must not stop the batch; it is reported on the row
        log.exception("research failed for %s", rows[0].new_company)
        error = f"unexpected error: {type(exc).__name__}: {exc}"

    def write(row: ContactRow) -> RowOutcome:
        if error is not None or company is None:
            manifest.mark_failed(row.key, error or "research failed")
        else:
            _write_row(row, opts, batch_dir, rt, manifest, agency_cache, company, tick)
        with lock:
            entry = manifest.entry(row.key) or {}
            counts["failed" if entry.get("status") == "failed" else "done"] += 1
        tick("")
        return _outcome(manifest, row)

    first = write(rows[0])
    rest = [writers.submit(write, row) for row in rows[1:]]
    return [first, *(f.result() for f in rest)]


def _write_row(
    row: ContactRow,
    opts: BatchOptions,
    batch_dir: Path,
    rt: Runtime,
    manifest: Manifest,
    agency_cache: AgencyCache,
    company: Document,
    tick: Callable[[str], None],
) -> None:
    manifest.mark_running(row.key, f"writing the briefing for {row.name}")
    tick(f"writing {row.name}")
    try:
        built = build(_options(row, opts, batch_dir), rt, company, agency_cache)
        agency = (
            built.agency.dossier.organisation.display_name
            if (built.agency and built.agency.dossier)
            else None
        )
        confirmed = bool(built.agency and built.agency.finding.confirmed)
        outputs = {k: str(p.relative_to(batch_dir)) for k, p in built.outputs.items()}
        manifest.mark_done(
            row.key, outputs, built.warnings, agency, confirmed, fingerprint=row.fingerprint
        )
    except DossierError as exc:
        manifest.mark_failed(row.key, str(exc))
    except Exception as exc:
        log.exception("briefing failed for row %s", row.row)
        manifest.mark_failed(row.key, f"unexpected error: {type(exc).__name__}: {exc}")


def _outcome(manifest: Manifest, row: ContactRow, status: str | None = None) -> RowOutcome:
    e = manifest.entry(row.key) or {}
    agency = e.get("agency") or ""
    if agency and not e.get("agency_confirmed"):
        agency = f"{agency} (unconfirmed)"
    outputs = e.get("outputs") or {}
    folder = str(Path(next(iter(outputs.values()))).parent) if outputs else ""
    return RowOutcome(
        key=row.key,
        row=row.row,
        name=row.name,
        company=row.new_company,
        status=status or e.get("status", "pending"),
        agency=agency,
        warnings=len(e.get("warnings") or []),
        folder=folder,
        error=e.get("error") or "",
    )
