"""HTML to PDF with WeasyPrint, through a locked-down fetcher; a process pool for batches.

WeasyPrint may read only files inside the template folders and the brand folder, and
``data:`` URIs; everything else (``file:///etc/passwd``, ``http://169.254.169.254/``) is
refused and logged.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import signal
import sys
import threading
import time
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

from ..config import Brand, data_dir
from ..errors import RenderError

log = logging.getLogger(__name__)

#: Renders one document: (html, brand, user templates folder) -> PDF bytes.
PdfRenderer = Callable[[str, Brand, "Path | None"], bytes]


def _safe_fetcher(roots: list[Path]) -> Any:
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    allowed = [Path(os.path.realpath(r)) for r in roots]

    class SafeFetcher(URLFetcher):  # type: ignore[misc]
        """Allow data: URIs and regular files inside the template and brand folders only."""

        def __init__(self) -> None:
            super().__init__(allowed_protocols=("file", "data"), allow_redirects=False, timeout=2)

        def fetch(self, url: str, headers: Any = None) -> Any:
            scheme = url.split(":", 1)[0].lower()
            if scheme == "data":
                return super().fetch(url, headers)
            if scheme == "file":
                path = Path(os.path.realpath(unquote(urlsplit(url).path)))
                if path.is_file() and any(path.is_relative_to(root) for root in allowed):
                    return URLFetcherResponse(url, path.read_bytes())
            log.warning("blocked resource in document: %s", url[:200])
            raise ValueError(f"blocked resource: {url[:200]}")

    return SafeFetcher()


def render_pdf(html: str, brand: Brand, templates: Path | None = None) -> bytes:
    """HTML to PDF bytes with the locked-down fetcher."""
    try:
        if "weasyprint" in sys.modules:
            from weasyprint import HTML
        else:
            from .libraries import found_libraries

            with found_libraries():  # its system libraries' names looked up once per machine
                from weasyprint import HTML
    except OSError as exc:  # missing Pango & co.
        raise RenderError(
            f"WeasyPrint cannot load its system libraries ({exc}). "
            "Run: sudo apt-get install libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0"
        ) from exc
    packaged = data_dir("templates")
    roots = [packaged, brand.root] + ([templates] if templates else [])
    base = (templates or packaged).resolve().as_uri() + "/"
    try:
        return bytes(HTML(string=html, base_url=base, url_fetcher=_safe_fetcher(roots)).write_pdf())
    except Exception as exc:  # WeasyPrint raises many kinds; name the document
        raise RenderError(f"PDF rendering failed: {exc}") from exc


def warm_up() -> None:
    """Import WeasyPrint and set up its fonts (fontconfig) by rendering a one-line page, so a
    worker's first document costs what the others do."""
    render_pdf("<p>dossier</p>", Brand(name="dossier"))


def _watch_parent(parent: int) -> None:
    """In a worker: exit when the parent process is gone (even after kill -9), so no PDF
    worker outlives the batch."""
    while True:
        time.sleep(1.0)
        if os.getppid() != parent:
            os._exit(0)


def _worker_init(parent: int) -> None:
    """A PDF worker leaves Ctrl-C to the parent (which stops the batch in order), and dies
    with it."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    threading.Thread(target=_watch_parent, args=(parent,), daemon=True).start()


class PdfPool:
    """A process pool for WeasyPrint that is replaced every ``recycle_after`` renders per worker.

    WeasyPrint's memory grows slowly with each document, so workers are recycled. This is
    done by swapping in a fresh pool rather than with ``max_tasks_per_child``, which hung here
    on Python 3.11 when workers were replaced under load. By default the workers are spawned
    interpreters ("spawn": forking a process that runs threads can copy a held lock into the
    child), each importing WeasyPrint and setting up its fonts itself. A caller can pass another
    ``context`` and the ``initializer`` its workers run instead: the batch passes the fork
    server of :mod:`dossier.build_workers`, which did that set-up once, so a worker (and every
    recycled one) starts ready.
    """

    def __init__(
        self,
        workers: int,
        recycle_after: int = 50,
        context: Any = None,
        initializer: Callable[..., None] | None = None,
        initargs: tuple[Any, ...] = (),
    ) -> None:
        self.workers = workers
        self.limit = recycle_after * workers
        self._count = 0
        self._lock = threading.Lock()
        self._context = context if context is not None else multiprocessing.get_context("spawn")
        if initializer is None:
            initializer, initargs = _worker_init, (os.getpid(),)
        self._init = (initializer, initargs)
        self._pool = self._new()
        self._retired: list[ProcessPoolExecutor] = []

    def _new(self) -> ProcessPoolExecutor:
        return ProcessPoolExecutor(
            max_workers=self.workers,
            mp_context=self._context,
            initializer=self._init[0],
            initargs=self._init[1],
        )

    def render(self, html: str, brand: Brand, templates: Path | None) -> bytes:
        """Render one document in a worker process and wait for the PDF bytes."""
        with self._lock:
            if self._count >= self.limit:
                # Its renders finish before the new workers start, so old and new workers are
                # never alive together (the tree's memory stays at one pool's: a 50-company
                # batch peaked at 642 MB PSS with both). The other render threads wait here
                # for at most the renders already running.
                self._retired = [*self._retired[-3:], self._pool]
                self._pool.shutdown(wait=True)
                self._pool, self._count = self._new(), 0
            self._count += 1
            pool = self._pool
        return pool.submit(render_pdf, html, brand, templates).result()

    def shutdown(self, kill: bool = False) -> None:
        """Stop the workers (cancelling renders not yet started); ``kill`` ends running ones too."""
        with self._lock:
            pool = self._pool
        if kill:
            self.kill()
        pool.shutdown(wait=True, cancel_futures=True)

    def kill(self) -> None:
        """End every worker process now (their renders fail with BrokenProcessPool)."""
        with self._lock:
            pools = [*self._retired, self._pool]
        end_processes(pools)


def end_processes(pools: list[ProcessPoolExecutor]) -> None:
    """End the worker processes of ``pools`` now (their tasks fail with BrokenProcessPool)."""
    processes = [
        proc for pool in pools for proc in list((getattr(pool, "_processes", None) or {}).values())
    ]
    for proc in processes:
        try:
            proc.terminate()
        except (OSError, AttributeError):  # already gone
            continue
    for proc in processes:
        proc.join(timeout=5)
