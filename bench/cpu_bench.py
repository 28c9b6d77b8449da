"""The batch's main-process work per contact, without PDFs: CPU seconds and what the run holds.

``python bench/cpu_bench.py [N]`` (default 20) makes the synthetic snapshot of
``bench/synthetic.py`` (SYNTHETIC, FOR PERFORMANCE ONLY), runs a 3-company batch to pay the
one-time costs (imports, the compiled relation rules, the ticker index), then a batch of N
other companies in the same process with HTML and JSON only, and prints the CPU seconds
(``time.process_time``: every thread of the process) per contact of the second batch. The PDF
workers' rendering is not in it: this is what the main process adds per contact, the figure
that bounds a batch's ratio to its render floor on two cores. CPU seconds rather than wall
time, so runs on a shared machine can be compared.

``python bench/cpu_bench.py N --held`` also traces the Python memory the run holds (tracemalloc)
at the end of a batch of 4 companies and of one of N, taken while the run is still alive
(when the PDF pool is shut down), and prints what grew between them: what a run keeps per
company. Slow (tracemalloc); the figures are in docs/performance.md.

A benchmark, not a test: nothing is asserted but that no contact failed.
"""

from __future__ import annotations

import gc
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
import many_bench  # noqa: E402
import synthetic  # noqa: E402


def _batch(snap: Path, work: Path, made: list[synthetic.Company], tag: str) -> Any:
    from dossier.batch.run import BatchOptions, run_batch

    folder = work / tag
    folder.mkdir()
    csv = many_bench.write_contacts(folder, made)
    opts = BatchOptions(
        contacts=csv,
        out_dir=work / f"out-{tag}",
        offline=snap,
        news_days=synthetic.NEWS_DAYS,
        formats=("html", "json"),
    )
    result = run_batch(opts)
    if result.failed:
        raise SystemExit(f"{result.failed} contacts failed")
    return result


def cpu(n: int, work: Path) -> float:
    """CPU seconds per contact of an N-company batch after a 3-company warm-up."""
    snap, made = synthetic.make_snapshot(work, n + 3)
    _batch(snap, work, made[:3], "warm")
    start = time.process_time()
    _batch(snap, work, made[3:], "measured")
    return (time.process_time() - start) / n


def held(n: int, work: Path) -> None:
    """What the run holds at its end, after 4 companies and after N: the largest growths."""
    import dossier.render as render

    snap, made = synthetic.make_snapshot(work, n + 6)
    shots: list[tracemalloc.Snapshot] = []
    shutdown = render.PdfPool.shutdown

    def snapshot_then_shutdown(self: Any, *args: Any, **kwargs: Any) -> Any:
        if tracemalloc.is_tracing():
            gc.collect()
            shots.append(tracemalloc.take_snapshot())
        return shutdown(self, *args, **kwargs)

    render.PdfPool.shutdown = snapshot_then_shutdown  # type: ignore[method-assign]
    _batch(snap, work, made[:2], "warm")
    tracemalloc.start(6)
    _batch(snap, work, made[2:6], "small")
    _batch(snap, work, made[6:], "large")
    tracemalloc.stop()
    small, large = (sum(s.size for s in shot.statistics("filename")) for shot in shots)
    mb = 2**20
    print(f"held at the end of the run: 4 companies {small / mb:.1f} MB, {n} {large / mb:.1f} MB")
    print(f"per company: {(large - small) / (n - 4) / 1024:.0f} KiB")
    for stat in shots[1].compare_to(shots[0], "traceback")[:8]:
        print(f"{stat.size_diff / 1024:8.0f} KiB {stat.count_diff:+7d} objects")
        for line in stat.traceback.format()[-8:]:
            print("     ", line)


def main(argv: list[str]) -> None:
    n = int(next((a for a in argv if a.isdigit()), "20"))
    print(synthetic.LABEL)
    with tempfile.TemporaryDirectory(prefix="dossier-bench-") as tmp:
        if "--held" in argv:
            held(max(n, 8), Path(tmp))
        else:
            print(
                f"main-process CPU per contact, {n} companies, no PDFs: {cpu(n, Path(tmp)):.3f} s"
            )


if __name__ == "__main__":
    main(sys.argv[1:])
