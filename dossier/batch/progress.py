"""The batch's progress on a terminal: a rich progress bar, plain lines elsewhere, or nothing.

On a terminal (stderr is a TTY): one bar with the contacts done out of those to build, the
failures, the current step and an estimate of the time left. Anywhere else (a pipe, a log
file, CI): one plain line per step, ``[3/10 done, 1 failed] researching Apple Inc.``. With
``quiet``: nothing. Messages about the run itself (waiting for another batch, stopping) are
printed in every mode but quiet. Every step is scrubbed of e-mail addresses.
"""

from __future__ import annotations

import sys
from types import TracebackType
from typing import IO, Any

from .state import scrub


class BatchProgress:
    """A ``Progress`` callback for :func:`dossier.batch.run_batch`; use it as a context."""

    def __init__(self, quiet: bool = False, stream: IO[str] | None = None, console: Any = None):
        self.quiet = quiet
        self.stream = stream if stream is not None else sys.stderr
        self.console = console
        self.tty = console is not None or bool(getattr(self.stream, "isatty", lambda: False)())
        self._bar: Any = None
        self._task: Any = None

    def __enter__(self) -> BatchProgress:
        if self.quiet or not self.tty:
            return self
        from rich.console import Console
        from rich.progress import (
            BarColumn,
            MofNCompleteColumn,
            Progress,
            SpinnerColumn,
            TextColumn,
            TimeRemainingColumn,
        )

        console = self.console or Console(file=self.stream, stderr=True)
        self._bar = Progress(
            SpinnerColumn(),
            BarColumn(),
            MofNCompleteColumn(),
            TextColumn("[red]{task.fields[failed]} failed[/red]"),
            TextColumn("ETA"),
            TimeRemainingColumn(),
            TextColumn("{task.description}"),
            console=console,
            transient=False,
        )
        self._bar.start()
        self._task = self._bar.add_task("starting", total=None, failed=0)
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        if self._bar is not None:
            self._bar.stop()
            self._bar = None

    def __call__(self, step: str, counts: dict[str, int]) -> None:
        if self.quiet:
            return
        if not counts:  # a message about the run itself
            if step:
                self._line(scrub(step))
            return
        finished = counts.get("done", 0) + counts.get("failed", 0)
        if self._bar is not None:
            fields: dict[str, Any] = {"failed": counts.get("failed", 0)}
            if step:
                fields["description"] = scrub(step)[:70]
            self._bar.update(self._task, total=counts.get("todo", 0), completed=finished, **fields)
            return
        if step:
            self._line(
                f"[{finished}/{counts.get('todo', 0)} done, {counts.get('failed', 0)} failed] "
                f"{scrub(step)}"
            )

    def _line(self, text: str) -> None:
        if self._bar is not None:
            self._bar.console.print(text, markup=False, highlight=False)
        else:
            print(text, file=self.stream, flush=True)
