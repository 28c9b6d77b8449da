"""State-keeping benchmark: a 5,000-row batch, many contacts and few companies, offline.

Run with ``make bench`` or ``python bench/state_bench.py 5000``. The snapshot is the bundled
Apple Inc. example, copied into a temporary folder, so the company is really researched (once;
the NVIDIA SEC-only test snapshot it also used is below the report's minimum of substance since
that rule landed, so its contacts now fail by design). Each contact's documents are replaced by one tiny
JSON file (a real build costs about 0.4 s of CPU a contact, which ``batch_bench.py``
measures), so the figures are the batch's own bookkeeping: reading the sheet, the state,
the thread pools, the review page. Printed:

- state overhead per contact: time spent in the batch state (state.sqlite) during the run,
  divided by the contacts (goal: under 5 ms);
- the state alone: the same changes without any building (sync, running, done per contact);
- the rerun of the finished sheet, which builds nothing (goal: under 3 s);
- peak memory of the process (goal: under 500 MB).
"""

from __future__ import annotations

import json
import resource
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SNAPSHOTS = (ROOT / "examples" / "apple-inc" / "snapshot",)
COMPANIES = (("Apple Inc.", ""),)


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux


def merged_snapshot(work: Path) -> Path:
    """One snapshot folder holding both recorded snapshots' responses."""
    out = work / "snapshot"
    (out / "bodies").mkdir(parents=True)
    lines = []
    for snap in SNAPSHOTS:
        for body in (snap / "bodies").iterdir():
            shutil.copy2(body, out / "bodies" / body.name)
        lines += [line for line in (snap / "index.jsonl").read_text().splitlines() if line.strip()]
    (out / "index.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return out


def sheet(work: Path, size: int) -> Path:
    path = work / f"contacts-{size}.csv"
    rows = ["Name,E-mail,Previous company,New company,Ticker,New title,Owner,Agency"]
    for i in range(size):
        company, ticker = COMPANIES[i % len(COMPANIES)]
        rows.append(
            f"Contact {i:05d},c{i}@example.com,Northwind Traders,{company},{ticker},CMO,"
            f"Owner {i % 7},TBWA\\Media Arts Lab"
        )
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    return path


def state_alone(work: Path, size: int) -> float:
    """Seconds per contact for the state changes of one build, with no build at all."""
    from dossier.batch.contacts import read_contacts
    from dossier.batch.state import BatchState

    rows = read_contacts(sheet(work, size)).rows
    with BatchState.open(work / "alone", durable=False) as state:
        start = time.perf_counter()
        keys = state.sync_sheet(rows).keys
        for row in rows:
            key = keys[row.identity]
            state.mark_running(key, "writing")
            state.mark_done(key, {}, [], "TBWA\\Media Arts Lab", True, row.fingerprint)
            state.get(key)
        return (time.perf_counter() - start) / size


def tiny_build(opts, rt, company, agency_cache):  # noqa: ANN001, ANN201 - stands in for build()
    """One small JSON file for the contact, as quickly as a write can be."""
    from types import SimpleNamespace

    from dossier.fsutil import atomic_write_text

    path = opts.folder / "facts.json"
    atomic_write_text(path, json.dumps({"contact": opts.contact.name}) + "\n")
    return SimpleNamespace(outputs={"json": path}, warnings=[], agency=None)


def run(size: int, work: Path) -> dict[str, float]:
    import dossier.build
    from dossier.batch import BatchOptions, run_batch

    # the batch imports build() from dossier.build when it first builds a contact
    dossier.build.build = tiny_build  # type: ignore[assignment]

    opts = BatchOptions(
        contacts=sheet(work, size),
        out_dir=work / "out",
        offline=merged_snapshot(work),
        formats=("json",),
        workers=2,
    )
    start = time.perf_counter()
    result = run_batch(opts)
    wall = time.perf_counter() - start
    failed = [o.error for o in result.outcomes if o.error]
    assert not failed, failed[:3]
    start = time.perf_counter()
    again = run_batch(opts)
    rerun = time.perf_counter() - start
    assert all(o.status == "done" for o in again.outcomes)
    return {
        "size": size,
        "wall": wall,
        "state_ms": 1000 * result.state_seconds / size,
        "alone_ms": 1000 * state_alone(work, size),
        "rerun": rerun,
        "rerun_state": again.state_seconds,
        "peak_mb": _peak_mb(),
    }


def main(argv: list[str]) -> None:
    sizes = [int(a) for a in argv] or [5000]
    print(
        f"{'contacts':>8} {'wall s':>8} {'state ms/contact':>17} {'state alone ms':>15} "
        f"{'rerun s':>8} {'peak MB':>8}"
    )
    for size in sizes:
        with tempfile.TemporaryDirectory() as tmp:
            r = run(size, Path(tmp))
        print(
            f"{r['size']:>8} {r['wall']:>8.1f} {r['state_ms']:>17.2f} {r['alone_ms']:>15.2f} "
            f"{r['rerun']:>8.2f} {r['peak_mb']:>8.0f}",
            flush=True,
        )
    print("goals: state under 5 ms per contact, rerun under 3 s, peak under 500 MB")


if __name__ == "__main__":
    main(sys.argv[1:])
