"""Single-build benchmark: one ``dossier build`` of a whole briefing against its render floor.

Run with ``make bench BENCH=single`` or ``python bench/single_bench.py [RUNS]`` (default 3).
The company is the first of ``bench/synthetic.py``'s fictitious companies (the example's real
bodies under another name: SYNTHETIC, FOR PERFORMANCE ONLY). Each run is a fresh
``dossier build --contact ... --agency ...`` subprocess, exactly as a user types it: the
company report, the agency profile and the two cover notes, PDF, HTML and JSON.

The render floor, measured in the same run after each build: WeasyPrint alone rendering the
HTML files that build wrote, one after another, in one warm spawned process (started and
warmed by one render before the clock starts). A build cannot render in less time on one
core; on two cores it may overlap its renders with each other and with its research.

Printed per run: wall seconds and CPU seconds (user + system, the whole process tree, sampled
from ``/proc`` every 20 ms: the helpers a fork server forks are not the build's children) of the
build, the same for the floor, and their ratio; then the quickest and the median ratio. The
machine is often shared, so the CPU seconds say what the build costs whatever the load, and
the ratio (wall / floor, each run against its own floor) is the figure to compare.
A benchmark, not a test: nothing is asserted except that the build succeeded.
"""

from __future__ import annotations

import multiprocessing
import os
import statistics
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import many_bench  # noqa: E402
import synthetic  # noqa: E402

AGENCY = "TBWA\\Media Arts Lab"
#: As an installed copy runs: bytecode written and reused.
USER_ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


def _render(path: str) -> int:
    from dossier.config import load_brand
    from dossier.render import render_pdf

    return len(render_pdf(Path(path).read_text(encoding="utf-8"), load_brand()))


def _render_all(paths: list[str]) -> tuple[float, float]:
    """(wall, CPU) seconds to render ``paths`` one after another here, after one warm-up."""
    _render(paths[0])
    start, cpu = time.perf_counter(), time.process_time()
    for path in paths:
        _render(path)
    return time.perf_counter() - start, time.process_time() - cpu


def build_once(snap: Path, name: str, out: Path) -> tuple[float, float, list[str]]:
    """One ``dossier build`` of a whole briefing: (wall s, CPU s of its tree, HTML files)."""
    cmd = [sys.executable, "-c", "from dossier.cli import main; main()", "build"]
    cmd += ["--company", name, "--offline", str(snap), "--out", str(out)]
    cmd += ["--news-days", str(synthetic.NEWS_DAYS), "--contact", "Contact 0000"]
    cmd += ["--title", "CMO", "--previous-company", "Northwind Traders", "--agency", AGENCY]
    start = time.perf_counter()
    proc = subprocess.Popen(
        cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, env=USER_ENV
    )
    seen: dict[int, float] = {}
    while proc.poll() is None:  # the tree's CPU, sampled: the helpers forked from the fork
        tree, i = [proc.pid], 0  # server are not the build's children, so rusage misses them
        while i < len(tree):
            tree += many_bench._children(tree[i])
            i += 1
        for pid in tree:
            seen[pid] = max(seen.get(pid, 0.0), many_bench._cpu(pid))
        time.sleep(0.02)
    wall = time.perf_counter() - start
    stderr = proc.stderr.read() if proc.stderr else ""
    cpu = sum(seen.values())
    if proc.returncode != 0:
        raise SystemExit(f"dossier build exited {proc.returncode}:\n{stderr[-3000:]}")
    return wall, cpu, sorted(str(p) for p in out.glob("*/*.html"))


def floor(html: list[str]) -> tuple[float, float]:
    """WeasyPrint alone: the build's HTML rendered one after another in one warm process."""
    ctx = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(max_workers=1, mp_context=ctx) as pool:
        return pool.submit(_render_all, html).result()


def single_build(work: Path) -> tuple[float, float]:
    """One build and its floor: (wall seconds, floor seconds) (as ``bench/many_bench.py``
    reports it in the full bench)."""
    snap, made = synthetic.make_snapshot(work, 1)
    wall, _, html = build_once(snap, made[0].name, work / "single")
    return wall, floor(html)[0]


def main(argv: list[str]) -> None:
    runs = int(argv[0]) if argv else 3
    load = os.getloadavg()
    print(f"{synthetic.LABEL}; {os.cpu_count()} CPUs; load average {load[0]:.2f} {load[1]:.2f}")
    print(f"{'run':>3} {'build s':>8} {'CPU s':>6} {'floor s':>8} {'CPU s':>6} {'ratio':>6}")
    ratios = []
    with tempfile.TemporaryDirectory(prefix="dossier-bench-") as tmp:
        work = Path(tmp)
        snap, made = synthetic.make_snapshot(work, 1)
        for i in range(runs):
            wall, cpu, html = build_once(snap, made[0].name, work / f"single-{i}")
            fwall, fcpu = floor(html)
            ratios.append(wall / fwall)
            print(
                f"{i + 1:>3} {wall:>8.2f} {cpu:>6.2f} {fwall:>8.2f} {fcpu:>6.2f} {ratios[-1]:>6.2f}"
            )
    print(f"documents rendered per build: {len(html)}")
    print(
        f"single build ratio to render floor: {min(ratios):.2f} "
        f"(quickest of {runs}; median {statistics.median(ratios):.2f})"
    )


if __name__ == "__main__":
    main(sys.argv[1:])
