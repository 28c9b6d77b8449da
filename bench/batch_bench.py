"""Batch benchmark: wall time, time per contact, peak memory and the ratio to the render floor.

Run with ``make bench`` (sizes 10, 50 and 200) or ``python bench/batch_bench.py 10 50``.
Every contact moves to Apple Inc. and the run is offline on the bundled snapshot, so the
figures measure dossier itself: one research, then per contact a company report, an agency
profile and two notes. The render floor is WeasyPrint alone rendering the same HTML files in
the same kind of process pool. Goals on 2 cores: batch within 1.3x the floor, time per
contact flat as the batch grows, peak memory under 500 MB at 200, a rerun under 3 s.
"""

from __future__ import annotations

import multiprocessing
import os
import resource
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SNAPSHOT = ROOT / "examples" / "apple-inc" / "snapshot"


def _peak_mb() -> float:
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return max(own, children) / 1024  # ru_maxrss is in KiB on Linux


def _render(path: str) -> int:
    from dossier.config import load_brand
    from dossier.render import render_pdf

    return len(render_pdf(Path(path).read_text(encoding="utf-8"), load_brand()))


def run(size: int, work: Path) -> dict[str, float]:
    from dossier.batch import BatchOptions, run_batch

    csv = work / f"contacts-{size}.csv"
    lines = ["Name,Previous company,New company,New title,Owner,Agency"]
    lines += [
        f"Contact {i:04d},Northwind Traders,Apple Inc.,CMO,Owner {i % 5},TBWA\\Media Arts Lab"
        for i in range(size)
    ]
    csv.write_text("\n".join(lines) + "\n", encoding="utf-8")
    opts = BatchOptions(contacts=csv, out_dir=work / "out", offline=SNAPSHOT)
    start = time.perf_counter()
    result = run_batch(opts)
    wall = time.perf_counter() - start
    assert result.failed == 0, [o.error for o in result.outcomes if o.error]
    start = time.perf_counter()
    run_batch(opts)
    rerun = time.perf_counter() - start
    html = sorted(str(p) for p in result.batch_dir.glob("*/*.html"))
    start = time.perf_counter()
    with ProcessPoolExecutor(
        max_workers=min(2, os.cpu_count() or 1), mp_context=multiprocessing.get_context("spawn")
    ) as pool:
        list(pool.map(_render, html, chunksize=4))
    floor = time.perf_counter() - start
    return {
        "size": size,
        "wall": wall,
        "per_contact": wall / size,
        "floor": floor,
        "ratio": wall / floor,
        "rerun": rerun,
        "peak_mb": _peak_mb(),
        "pdfs": len(html),
    }


def main(argv: list[str]) -> None:
    sizes = [int(a) for a in argv] or [10, 50, 200]
    print(
        f"{'contacts':>8} {'wall s':>8} {'s/contact':>10} {'floor s':>8} {'ratio':>6} "
        f"{'rerun s':>8} {'peak MB':>8}"
    )
    for size in sizes:
        with tempfile.TemporaryDirectory() as tmp:
            r = run(size, Path(tmp))
        print(
            f"{r['size']:>8} {r['wall']:>8.1f} {r['per_contact']:>10.2f} {r['floor']:>8.1f} "
            f"{r['ratio']:>6.2f} {r['rerun']:>8.2f} {r['peak_mb']:>8.0f}",
            flush=True,
        )


if __name__ == "__main__":
    main(sys.argv[1:])
