"""Review-page thumbnails made while the batch runs, a few at a time.

The review page shows the first page of each contact's PDFs. Making them one ``pdftoppm`` at a
time after the batch (7.5 s at 200 contacts) left the machine idle at the end; instead each
contact's thumbnails are made in a small thread pool as soon as its PDFs are written (pdftoppm
is a separate process, so the threads run at once), and the review page finds them up to date
(:func:`~dossier.batch.review.thumbnail_for` makes one again only when the PDF is newer).
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path

from .review import THUMBNAILS, thumbnail_for

log = logging.getLogger(__name__)

_NAMES = frozenset(name for name, _label in THUMBNAILS)


class Thumbnailer:
    """Makes thumbnails of the PDFs the review page shows, in ``workers`` threads."""

    def __init__(self, workers: int = 2) -> None:
        self._pool = ThreadPoolExecutor(max_workers=max(1, workers), thread_name_prefix="thumb")
        self._futures: list[Future[Path | None]] = []

    def submit(self, outputs: Iterable[Path]) -> None:
        """Queue the thumbnails of the PDFs among ``outputs`` that the review page shows."""
        for path in outputs:
            if Path(path).name in _NAMES:
                self._futures.append(self._pool.submit(thumbnail_for, Path(path)))

    def close(self, wait: bool = True) -> int:
        """Finish (or, with ``wait`` False, drop) the queued thumbnails; how many were made."""
        self._pool.shutdown(wait=wait, cancel_futures=not wait)
        made = 0
        for fut in self._futures:
            if fut.done() and not fut.cancelled():
                try:
                    made += fut.result() is not None
                except Exception:  # a preview is never worth failing the batch
                    log.warning("no preview", exc_info=True)
        return made
