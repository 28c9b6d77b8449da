"""Many-company batch benchmark: every contact moved to a different company.

Run with ``make bench`` (20, 50 and 200 companies) or ``make bench BENCH=quick`` (20 only), or
``python bench/many_bench.py 20 50``. Each size gets a synthetic offline snapshot from
``bench/synthetic.py`` (fictitious companies with the example's real bodies: SYNTHETIC, FOR
PERFORMANCE ONLY) and a contacts sheet with one contact per company, and runs
``dossier batch`` as a subprocess, exactly as a user does. Printed per size:

- wall time of the batch and seconds per contact;
- the render floor measured in the same run: WeasyPrint alone rendering the HTML files the
  batch wrote, in the same number of spawned worker processes as the batch's PDF workers
  (above 60 documents, an even sample of 60 scaled to all: the documents are alike);
- the ratio of the batch to the floor (goal on 2 cores: 1.3);
- peak RSS of the batch's main process and of its whole process tree (the sum of the RSS of
  the main process and every live descendant, sampled every 50 ms), and the tree's peak in
  PSS ("tree PSS"), where a page two processes share counts once: a child forked by the
  batch (a thumbnail's pdftoppm, a PDF worker being spawned) shows the whole batch's RSS
  until it execs, so the RSS sum counts the batch twice at such moments;
- the time of a rerun of the finished batch (everything skipped; the quicker of two);
- what the PDF workers and pdftoppm held (each process's first and peak RSS) and the tree's
  make-up at its peak;
- the main process's CPU seconds per contact (research, writing and scheduling; the PDFs are
  rendered in the workers).

Then the start-up time of ``dossier --help`` (the quickest of 5) and, except in the quick
mode, a single ``dossier build`` of a whole briefing against its own render floor (see
:func:`single_build`). The last line is
``ratio to render floor: X`` for the largest size (the quick mode's only one).
A benchmark, not a test: nothing here is asserted except that no contact failed.
"""

from __future__ import annotations

import multiprocessing
import os
import subprocess
import sys
import tempfile
import threading
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
import synthetic  # noqa: E402

ROOT = synthetic.ROOT
PAGE = os.sysconf("SC_PAGE_SIZE")
WORKERS = min(2, os.cpu_count() or 1)  # the batch's default number of PDF workers
SAMPLE = 60  # at most this many documents rendered for the floor (see render_floor)
AGENCY = "TBWA\\Media Arts Lab"  # named on every row: one agency shared by every company
#: The environment dossier runs in, as an installed copy does: with its bytecode written and
#: reused (PYTHONDONTWRITEBYTECODE, set in some shells and CI, would make every run compile
#: every module from source again, about 0.3 s of a rerun here).
USER_ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


def _children(pid: int) -> list[int]:
    out: list[int] = []
    try:
        for task in os.listdir(f"/proc/{pid}/task"):
            with open(f"/proc/{pid}/task/{task}/children") as f:
                out += [int(c) for c in f.read().split()]
    except OSError:
        pass
    return out


def _cpu(pid: int) -> float:
    """CPU seconds (user + system) of ``pid`` so far, or 0."""
    try:
        with open(f"/proc/{pid}/stat") as f:
            fields = f.read().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    except (OSError, IndexError, ValueError):
        return 0.0


def _rss(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/statm") as f:
            return int(f.read().split()[1]) * PAGE
    except (OSError, IndexError, ValueError):
        return 0


def _pss(pid: int) -> int:
    """Proportional set size: the process's RSS with each shared page divided among sharers."""
    try:
        with open(f"/proc/{pid}/smaps_rollup") as f:
            for line in f:
                if line.startswith("Pss:"):
                    return int(line.split()[1]) * 1024
    except (OSError, IndexError, ValueError):
        pass
    return 0


def _role(pid: int) -> str:
    """The process's part: PDF "worker", "tracker" (multiprocessing's), "pdftoppm" or "other"."""
    try:
        with open(f"/proc/{pid}/cmdline", "rb") as f:
            cmd = f.read().replace(b"\0", b" ")
    except OSError:
        return "other"
    if b"dossier.cli import main" in cmd:
        return "fork"  # forked from the batch, not yet exec'd: its pages are the batch's own
    if b"resource_tracker" in cmd:
        return "tracker"  # multiprocessing's resource tracker, not a PDF worker
    if b"multiprocessing" in cmd:
        return "worker"
    return "pdftoppm" if b"pdftoppm" in cmd else "other"


class TreeMemory:
    """Samples the RSS of a process and of its whole tree until stopped.

    Besides the peaks of the main process and of the tree, it keeps each descendant's peak
    (by role: PDF worker, pdftoppm) and what the tree held at its peak, so a high tree figure
    can be traced to the process that made it.
    """

    def __init__(self, pid: int, every: float = 0.05) -> None:
        self.pid, self.every = pid, every
        self.main = 0
        self.tree = 0
        self.most_processes = 0
        self.main_cpu = 0.0  # CPU seconds of the main process (the last sample)
        self.tree_pss = 0  # the same sum in PSS: pages shared between processes counted once
        self.peaks: dict[int, tuple[str, int, int]] = {}  # pid -> (role, first RSS, peak RSS)
        self.at_peak: dict[str, int] = {}  # role -> RSS summed over its processes
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._loop, daemon=True)
        self._thread.start()

    def _loop(self) -> None:
        while not self._stop.is_set():
            pids, todo = [], [self.pid]
            while todo:
                p = todo.pop()
                pids.append(p)
                todo += _children(p)
            main = _rss(self.pid)
            self.main_cpu = max(self.main_cpu, _cpu(self.pid))
            self.main = max(self.main, main)
            now = {"main": main}
            for p in pids[1:]:
                rss = _rss(p)
                role, first, peak = self.peaks.get(p) or (_role(p), rss, 0)
                self.peaks[p] = (role, first, max(peak, rss))
                now[role] = now.get(role, 0) + rss
            if sum(now.values()) > self.tree:
                self.tree, self.at_peak = sum(now.values()), now
            self.tree_pss = max(self.tree_pss, sum(_pss(p) for p in pids))
            self.most_processes = max(self.most_processes, len(pids))
            self._stop.wait(self.every)

    def stop(self) -> None:
        self._stop.set()
        self._thread.join()

    def describe(self) -> str:
        """The processes behind the figures: PDF workers (how many there were, their first
        and peak RSS), the largest pdftoppm, and the tree's make-up at its peak."""
        mb = 2**20
        workers = [(first, peak) for role, first, peak in self.peaks.values() if role == "worker"]
        thumbs = [peak for role, _, peak in self.peaks.values() if role == "pdftoppm"]
        parts = []
        if workers:
            parts.append(
                f"{len(workers)} PDF workers, first seen at {min(f for f, _ in workers) / mb:.0f}-"
                f"{max(f for f, _ in workers) / mb:.0f} MB, peak {min(p for _, p in workers) / mb:.0f}-"
                f"{max(p for _, p in workers) / mb:.0f} MB"
            )
        if thumbs:
            parts.append(f"{len(thumbs)} pdftoppm, largest {max(thumbs) / mb:.0f} MB")
        at = ", ".join(f"{role} {rss / mb:.0f}" for role, rss in sorted(self.at_peak.items()))
        parts.append(f"tree at its peak (MB): {at}")
        return "; ".join(parts)


def _render(path: str) -> int:
    from dossier.config import load_brand
    from dossier.render import render_pdf

    return len(render_pdf(Path(path).read_text(encoding="utf-8"), load_brand()))


def render_floor(html: list[str]) -> float:
    """Seconds WeasyPrint alone takes for ``html`` in ``WORKERS`` spawned processes.

    Every synthetic company's documents are the same size, so above SAMPLE documents an evenly
    spread sample of SAMPLE is rendered and the time scaled to all of them (this keeps the
    full run short; the quick run renders everything).
    """
    sample = html if len(html) <= SAMPLE else html[:: -(-len(html) // SAMPLE)]
    ctx = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(max_workers=WORKERS, mp_context=ctx) as pool:
        list(pool.map(_render, [html[0]] * WORKERS))  # start-up and imports are not the floor
        start = time.perf_counter()
        list(pool.map(_render, sample, chunksize=1))
        return (time.perf_counter() - start) * len(html) / len(sample)


def batch(csv: Path, snap: Path, out: Path) -> tuple[float, TreeMemory, str]:
    """Run ``dossier batch`` as a user does; (seconds, memory samples, stderr tail)."""
    cmd = [
        sys.executable,
        "-c",
        "from dossier.cli import main; main()",
        "batch",
        str(csv),
        "--offline",
        str(snap),
        "--out",
        str(out),
        "--news-days",
        str(synthetic.NEWS_DAYS),
        "--quiet",
    ]
    return measured(cmd, USER_ENV)


def measured(cmd: list[str], env: dict[str, str]) -> tuple[float, TreeMemory, str]:
    """Run ``cmd`` with its process tree's memory sampled; (seconds, memory, stderr)."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
    memory = TreeMemory(proc.pid)
    stdout, stderr = proc.communicate()
    wall = time.perf_counter() - start
    memory.stop()
    if proc.returncode != 0:
        raise SystemExit(f"dossier exited {proc.returncode}:\n{stdout[-3000:]}\n{stderr[-3000:]}")
    return wall, memory, stderr


def write_contacts(work: Path, made: list[synthetic.Company]) -> Path:
    """A contacts sheet with one contact moved to each of ``made``, all naming AGENCY."""
    csv = work / f"contacts-{len(made)}.csv"
    lines = ["Name,Previous company,New company,New title,Owner,Agency"]
    lines += [
        f"Contact {c.index:04d},Northwind Traders,{c.name},CMO,Owner {c.index % 5},{AGENCY}"
        for c in made
    ]
    csv.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return csv


def help_time(times: int = 5) -> tuple[float, float]:
    """``dossier --help`` as a user runs it (the console script; its kept answer, see
    ``dossier/__main__.py``): (the first run, through click, the quickest of ``times`` after)."""
    script = Path(sys.executable).with_name("dossier")
    code = "import sys; sys.argv[0] = 'dossier'; from dossier.__main__ import main; main()"
    cmd = [str(script)] if script.is_file() else [sys.executable, "-c", code]
    with tempfile.TemporaryDirectory(prefix="dossier-help-") as cache:
        env = {**USER_ENV, "XDG_CACHE_HOME": cache}
        runs = []
        for _ in range(times + 1):
            start = time.perf_counter()
            subprocess.run([*cmd, "--help"], check=True, capture_output=True, env=env)
            runs.append(time.perf_counter() - start)
    return runs[0], min(runs[1:])


def _render_all(paths: list[str]) -> float:
    """Seconds to render ``paths`` one after another in this process (after one warm-up)."""
    _render(paths[0])
    start = time.perf_counter()
    for path in paths:
        _render(path)
    return time.perf_counter() - start


def single_build(work: Path) -> tuple[float, float]:
    """A single ``dossier build`` of a whole briefing (company report, agency profile, notes)
    for the first synthetic company, as a user runs it: (wall seconds, render floor). The floor
    is WeasyPrint alone rendering the build's HTML files one after another in one warm
    process, as the build does (it renders in its own process, one document at a time)."""
    snap, made = synthetic.make_snapshot(work, 1)
    out = work / "single"
    cmd = [sys.executable, "-c", "from dossier.cli import main; main()", "build"]
    cmd += ["--company", made[0].name, "--offline", str(snap), "--out", str(out)]
    cmd += ["--news-days", str(synthetic.NEWS_DAYS), "--contact", "Contact 0000"]
    cmd += ["--title", "CMO", "--previous-company", "Northwind Traders", "--agency", AGENCY]
    start = time.perf_counter()
    done = subprocess.run(cmd, capture_output=True, text=True, env=USER_ENV)
    wall = time.perf_counter() - start
    if done.returncode != 0:
        raise SystemExit(f"dossier build exited {done.returncode}:\n{done.stderr[-3000:]}")
    html = sorted(str(p) for p in out.glob("*/*.html"))
    ctx = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(max_workers=1, mp_context=ctx) as pool:
        floor = pool.submit(_render_all, html).result()
    return wall, floor


def run(size: int, work: Path) -> dict[str, Any]:
    snap, made = synthetic.make_snapshot(work, size)
    csv = write_contacts(work, made)
    out = work / "out"
    wall, memory, _ = batch(csv, snap, out)
    rerun = min(batch(csv, snap, out)[0] for _ in range(2))  # the quicker of two reruns
    html = sorted(str(p) for p in (out / csv.stem).glob("*/*.html"))
    floor = render_floor(html)
    return {
        "size": size,
        "wall": wall,
        "per_contact": wall / size,
        "floor": floor,
        "floor_per_contact": floor / size,
        "ratio": wall / floor,
        "rerun": rerun,
        "main_mb": memory.main / 2**20,
        "tree_mb": memory.tree / 2**20,
        "tree_pss_mb": memory.tree_pss / 2**20,
        "main_cpu": memory.main_cpu / size,
        "pdfs": len(html),
        "memory": memory.describe(),
    }


def main(argv: list[str]) -> None:
    quick = os.environ.get("BENCH", "") == "quick"
    sizes = [int(a) for a in argv] or ([20] if quick else [20, 50, 200])
    print(f"{synthetic.LABEL}; {os.cpu_count()} CPUs, {WORKERS} PDF workers")
    print(
        f"{'companies':>9} {'wall s':>8} {'s/contact':>10} {'floor s':>8} {'floor/c':>8} "
        f"{'ratio':>6} {'main MB':>8} {'tree MB':>8} {'tree PSS':>8} {'rerun s':>8} "
        f"{'main CPU/c':>10}"
    )
    last = None
    for size in sizes:
        with tempfile.TemporaryDirectory(prefix="dossier-bench-") as tmp:
            last = r = run(size, Path(tmp))
        print(
            f"{r['size']:>9} {r['wall']:>8.1f} {r['per_contact']:>10.2f} {r['floor']:>8.1f} "
            f"{r['floor_per_contact']:>8.2f} {r['ratio']:>6.2f} {r['main_mb']:>8.0f} "
            f"{r['tree_mb']:>8.0f} {r['tree_pss_mb']:>8.0f} {r['rerun']:>8.2f} {r['main_cpu']:>10.2f}",
            flush=True,
        )
        print(f"{'':>9} memory: {r['memory']}", flush=True)
    first, kept = help_time()
    print(f"dossier --help: {kept:.3f} s (the quickest of 5; the first, through click: {first:.3f} s)")
    if not quick:
        with tempfile.TemporaryDirectory(prefix="dossier-bench-") as tmp:
            wall, floor = single_build(Path(tmp))
        print(
            f"single build (whole briefing): {wall:.2f} s, render floor {floor:.2f} s, "
            f"ratio {wall / floor:.2f}",
            flush=True,
        )
    if last is not None:
        print(f"ratio to render floor: {last['ratio']:.2f}")


if __name__ == "__main__":
    main(sys.argv[1:])
