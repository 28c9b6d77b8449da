"""Two helper processes for one ``dossier build``, started before its research.

A build's own work is one long line (research, writing, the agency's evidence, the PDFs,
the notes), but two of its costliest parts need nothing from the research to get ready:

- the **PDF worker** imports WeasyPrint and sets up its fonts (fontconfig) while the company
  is researched, then renders each document as soon as its HTML exists, while the build goes
  on (the company report is rendered while the agency's evidence is read);
- the **agency worker** compiles the agency relation rules (several seconds of CPU) while
  the company is researched, then reads the company's reports for the incumbent agency
  (``find_incumbent``, the same function with the same arguments: the same finding).

Both are forked from a fork server that imported WeasyPrint and set up its fonts once
(:mod:`dossier.build_preload`), so the two cost one WeasyPrint start-up, not two (on Linux;
elsewhere each is a fresh interpreter that gets ready itself). They
are started from a thread, so the build researches while the server gets ready.
On two cores the processes overlap; on one they cost what the build did before plus
the start-up of the helpers. The PDFs and the finding are the ones the build would make
itself: a render that fails raises the same :class:`RenderError`; a worker that cannot start
or dies is replaced by doing the work in the build's own process. Log records a worker
emits (a blocked resource in a document) are handed back and logged by the build's
process, through its handlers.

This module imports only the standard library at the top (the CLI starts the workers before
it imports the build); the workers import what they use.
"""

from __future__ import annotations

import gc
import importlib
import logging
import multiprocessing
import os
import sys
import threading
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .agency import AgencyFinding
    from .config import Brand
    from .model import Fact
    from .render import PdfPool

log = logging.getLogger(__name__)

#: A sentence that exercises every relation rule's set-up (the rules compile on first use).
_WARM_SENTENCE = "Acme Corp hires Droga5 as its creative agency of record."


class _Records(logging.Handler):
    """Keeps the log records a task emits, made picklable, to hand back to the build."""

    def __init__(self) -> None:
        super().__init__(logging.NOTSET)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        if record.exc_info:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        record.msg, record.args, record.exc_info = record.getMessage(), None, None
        self.records.append(record)


def _init(level: int) -> None:
    """In a worker: Ctrl-C and the parent's death as for the batch's PDF workers (the parent
    being the process it was started from: the build, or the fork server, which ends when the
    build does); the ``dossier`` logger at the build's level; WeasyPrint's and fontTools'
    chatter off, as the CLI has it."""
    from .render.pdf import _worker_init

    _worker_init(os.getppid())
    logging.getLogger("dossier").setLevel(level)
    logging.getLogger("weasyprint").setLevel(logging.ERROR)
    logging.getLogger("fontTools").setLevel(logging.ERROR)


def _logged(fn: Any, *args: Any) -> tuple[Any, list[logging.LogRecord]]:
    """Run ``fn(*args)`` in a worker; its result and the records logged meanwhile."""
    handler = _Records()
    root = logging.getLogger()
    root.addHandler(handler)
    try:
        return fn(*args), handler.records
    finally:
        root.removeHandler(handler)


_pdf_ready = False


def warm_pdf() -> None:
    """WeasyPrint imported and its fonts set up, once per process (a worker forked from a fork
    server that did it starts ready)."""
    global _pdf_ready
    if _pdf_ready:
        return
    with _settled("imports-pdf-worker"):
        from .render.pdf import warm_up

        warm_up()
    _pdf_ready = True


def _context() -> Any:
    """Where the helpers come from: on Linux a fork server, which preloads
    :mod:`dossier.build_preload` (WeasyPrint ready) and forks each helper from that state (it
    runs no threads, so nothing held is copied into a helper); elsewhere each helper is a fresh
    interpreter ("spawn") that gets ready itself (on macOS, forking a process that has loaded
    the system's text libraries is not safe)."""
    if not sys.platform.startswith("linux"):
        return multiprocessing.get_context("spawn")
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(["dossier.build_preload"])
    return context


def pdf_pool(workers: int) -> PdfPool:
    """A batch's PDF workers: a :class:`~dossier.render.PdfPool` whose workers (and the ones
    that replace them when the pool is recycled) come from the same fork server as a build's
    helpers, so each starts with WeasyPrint imported and its fonts set up instead of spending
    about 0.6 s of CPU on that (a fresh worker's first document: 1.28 s against 0.65-0.8 s;
    ``docs/performance.md``). Each runs :func:`_init` (Ctrl-C left to the batch, gone when
    the batch is, WeasyPrint's chatter off)."""
    from .render import PdfPool

    level = logging.getLogger("dossier").getEffectiveLevel()
    return PdfPool(workers, context=_context(), initializer=_init, initargs=(level,))


def _render(html: str, brand: Brand, templates: Path | None) -> bytes:
    from .render.pdf import render_pdf

    return render_pdf(html, brand, templates)


def _warm_agency() -> None:
    """The packaged gazetteer loaded and the relation rules compiled."""
    with _settled("imports-agency-worker"):
        from .agency import load_gazetteer
        from .agency.relations import extract_text

        extract_text(_WARM_SENTENCE, "", load_gazetteer(None))


def _find(gazetteer: Path | None, args: tuple[Any, ...], kwargs: dict[str, Any]) -> AgencyFinding:
    from .agency import find_incumbent, load_gazetteer

    company, articles, today, named = args
    return find_incumbent(company, articles, load_gazetteer(gazetteer), today, named, **kwargs)


@dataclass
class _Pending:
    """A PDF queued in the worker: what to render (kept for a fallback) and where it goes."""

    html: str
    brand: Brand
    templates: Path | None
    path: Path
    future: Future[Any] | None


class BuildWorkers:
    """The PDF worker and the agency worker of one build (either may be absent).

    Made with :meth:`start`; :meth:`close` ends them (the CLI does, when the command ends).
    """

    def __init__(self, pdf: bool, agency: bool) -> None:
        self._agency: ProcessPoolExecutor | None = None
        self._pdf: ProcessPoolExecutor | None = None
        self._pending: list[_Pending] = []
        # Started from a thread: a worker forked from the fork server exists only once the
        # server has WeasyPrint ready (about 0.5 s), and the build researches meanwhile.
        self._starting = threading.Thread(
            target=self._start_both, args=(pdf, agency), name="dossier-build-workers", daemon=True
        )
        self._starting.start()

    def _start_both(self, pdf: bool, agency: bool) -> None:
        agency_pool = self._start(_warm_agency) if agency else None
        pdf_pool = self._start(warm_pdf) if pdf else None
        if pdf_pool is not None and agency_pool is not None:
            # The agency worker is idle once the incumbent is found; it renders a second PDF
            # while the PDF worker is still on the first (see :meth:`render`), so it gets
            # WeasyPrint ready too, after the rules (nothing to do when it was forked ready).
            _submit(agency_pool, warm_pdf)
        self._agency, self._pdf = agency_pool, pdf_pool

    def _started(self) -> None:
        """Wait until both workers exist (or are known not to)."""
        self._starting.join()

    @classmethod
    def start(cls, pdf: bool = True, agency: bool = True) -> BuildWorkers:
        """Start the workers (forked from the fork server, or spawned interpreters; each begins
        getting ready at once)."""
        return cls(pdf, agency)

    @staticmethod
    def _start(warm: Any) -> ProcessPoolExecutor | None:
        level = logging.getLogger("dossier").getEffectiveLevel()
        try:
            pool = ProcessPoolExecutor(
                max_workers=1,
                mp_context=_context(),
                initializer=_init,
                initargs=(level,),
            )
            pool.submit(_logged, warm)
        except (OSError, RuntimeError) as exc:  # cannot start a process here: do it in-process
            log.info("build worker not started (%s); working in this process", exc)
            return None
        return pool

    @property
    def renders_pdf(self) -> bool:
        self._started()
        return self._pdf is not None

    def render(self, html: str, brand: Brand, templates: Path | None, path: Path) -> None:
        """Queue ``html`` for the PDF worker; :meth:`wait` writes it to ``path`` (atomically).
        While the PDF worker is still rendering an earlier document, the agency worker takes
        this one (its queue runs after any finding it is working on): the two PDFs of a
        briefing render side by side on two cores."""
        self._started()
        busy = any(p.future is not None and not p.future.done() for p in self._pending)
        pool = self._agency if busy and self._agency is not None else self._pdf
        future = _submit(pool, _render, html, brand, templates)
        self._pending.append(_Pending(html, brand, templates, path, future))

    def wait(self) -> None:
        """Every queued PDF rendered and written, in order; the first failure raises (the
        same :class:`RenderError` an in-process render raises). Calling it again is free."""
        while self._pending:
            item = self._pending[0]
            data = _result(item.future, _render, item.html, item.brand, item.templates)
            from .fsutil import atomic_write_bytes

            atomic_write_bytes(item.path, data)
            self._pending.pop(0)

    def find_incumbent(
        self,
        gazetteer: Path | None,
        company: str,
        articles: list[Fact],
        today: date,
        named: str | None,
        **kwargs: Any,
    ) -> AgencyFinding:
        """``agency.find_incumbent`` in the agency worker (in this process without one);
        the gazetteer is loaded there from the user's file ``gazetteer`` (None: packaged only)."""
        return self.find_incumbent_later(gazetteer, company, articles, today, named, **kwargs)()

    def find_incumbent_later(
        self,
        gazetteer: Path | None,
        company: str,
        articles: list[Fact],
        today: date,
        named: str | None,
        **kwargs: Any,
    ) -> Callable[[], AgencyFinding]:
        """:meth:`find_incumbent` started now in the agency worker; the call returned waits
        for the finding (and finds it in this process if the worker cannot)."""
        args = (company, articles, today, named)
        self._started()
        future = _submit(self._agency, _find, gazetteer, args, kwargs)

        def finding() -> AgencyFinding:
            found: AgencyFinding = _result(future, _find, gazetteer, args, kwargs)
            return found

        return finding

    def close(self) -> None:
        """End both workers now, whatever they are doing (a queued PDF not yet waited for is
        dropped: :meth:`wait` is how a build gets its PDFs)."""
        from .render.pdf import end_processes

        self._started()
        self._pending.clear()
        pools = [pool for pool in (self._pdf, self._agency) if pool is not None]
        for pool in pools:
            pool.shutdown(wait=False, cancel_futures=True)
        end_processes(pools)
        self._pdf = self._agency = None

    def __enter__(self) -> BuildWorkers:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


#: The cyclic garbage collector's thresholds once a build's modules are loaded: a young
#: collection every 7,000 allocations instead of 700 (the older generations as Python has them).
GC_THRESHOLD = (7000, 10, 10)


@contextmanager
def settled_imports(name: str = "imports") -> Iterator[None]:
    """Around a build's imports, in the build's process (the CLI's ``dossier build``, and a
    batch before its first contact): the
    cyclic garbage collector paused while the modules load, then everything loaded moved out
    of its reach (:func:`gc.freeze`: modules, classes and functions are never garbage) and
    young collections made rarer. A build then spends about 0.1 s instead of 0.3 s of CPU in
    the collector (``docs/performance.md``); what it collects is the same garbage, later.
    Once per process: a process that has frozen objects already (a second build in the same
    interpreter, as the tests run the CLI) is left as it is. In a batch of 30 companies the
    main process spent 0.30 s instead of 1.18 s in the collector and peaked 3 MB higher (190
    against 187 MB): most garbage goes by reference counting, not by these collections.
    The patterns the modules compile as they load are rebuilt from the user's cache
    (:func:`dossier.regexcache.kept_compiles` under ``name``: about 0.2 s of CPU)."""
    if gc.get_freeze_count():
        yield
        return
    with _settled(name, outside=_UNSTEADY):
        for module in _PARSERS:
            importlib.import_module(module)
        yield


#: The parsers every company's research uses, loaded with the build's modules so the
#: patterns they compile as they load are kept too: BeautifulSoup's (soupsieve's CSS parser,
#: about 0.05 s of CPU) and feedparser's dates. The sources import them where they are used.
_PARSERS = ("bs4", "feedparser")


#: Modules a build loads whose patterns differ from one process to the next: the standard
#: library's e-mail header parser makes a few character classes from sets, in an order that
#: changes with each process's hash seed. Loaded before the patterns are kept, so they do not
#: count as new ones and rewrite the cache file (about 1 MB, growing) on every run.
_UNSTEADY = ("email._header_value_parser",)


@contextmanager
def _settled(name: str, outside: tuple[str, ...] = ()) -> Iterator[None]:
    """The collector paused around the block, its patterns kept under ``name``, then what it
    loaded frozen (see :func:`settled_imports`); in a worker, around each warm-up (the PDF
    worker renders with the same thresholds: a company report's render spent about 0.1 s in
    the collector)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        for module in outside:  # the collector paused, the patterns not kept (see _UNSTEADY)
            importlib.import_module(module)
        from .regexcache import kept_compiles

        with kept_compiles(name):
            yield
    finally:
        gc.freeze()
        gc.set_threshold(*GC_THRESHOLD)
        if enabled:
            gc.enable()


def _submit(pool: ProcessPoolExecutor | None, fn: Any, *args: Any) -> Future[Any] | None:
    """``fn(*args)`` started in ``pool``'s worker; None without one (or when it is broken)."""
    if pool is None:
        return None
    try:
        return pool.submit(_logged, fn, *args)
    except (BrokenProcessPool, RuntimeError):
        return None


def _result(future: Future[Any] | None, fn: Any, *args: Any) -> Any:
    """The worker's result, its log records logged here; ``fn(*args)`` in this process when
    there is no worker or it died (the work is pure: the same result either way)."""
    if future is not None:
        try:
            value, records = future.result()
        except BrokenProcessPool as exc:
            log.info("build worker stopped (%s); working in this process", exc)
        else:
            for record in records:
                logging.getLogger(record.name).handle(record)
            return value
    return fn(*args)
