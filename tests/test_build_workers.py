"""A build's helper processes (dossier/build_workers.py): the same documents and the same agency
finding as a build done in one process, the same errors, and the work still done when a
worker is gone."""

from __future__ import annotations

import json
import logging
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from dossier.agency import find_incumbent, load_gazetteer
from dossier.build import BuildOptions, build
from dossier.build_workers import BuildWorkers
from dossier.config import load_brand
from dossier.errors import RenderError
from dossier.model import Contact, ReviewWarning
from dossier.render import render_pdf

from .conftest import APPLE_SNAPSHOT, ROOT
from .factories import pdf_text
from .test_briefing import TODAY, _articles


def _kill(workers: BuildWorkers) -> None:
    """End the worker processes behind the object's back (as a crash or the OOM killer would)."""
    workers._started()
    for pool in (workers._pdf, workers._agency):
        for proc in list((getattr(pool, "_processes", None) or {}).values()):
            proc.kill()
            proc.join()


def _finding_data(finding: object) -> dict[str, object]:
    from dossier.build import role_dict

    return {
        "name": finding.name,  # type: ignore[attr-defined]
        "entry": finding.entry,  # type: ignore[attr-defined]
        "roles": [role_dict(d) for d in finding.roles],  # type: ignore[attr-defined]
        "evidence": len(finding.evidence),  # type: ignore[attr-defined]
    }


def test_the_agency_worker_finds_what_this_process_finds() -> None:
    articles = _articles()
    expected = find_incumbent("Northwind Traders", articles, load_gazetteer(None), TODAY)
    with BuildWorkers.start(pdf=False, agency=True) as workers:
        got = workers.find_incumbent(None, "Northwind Traders", articles, TODAY, None)
        assert workers._agency is not None  # it ran there, not in this process
    assert got.evidence, "the fixture's reports hold relations"
    assert _finding_data(got) == _finding_data(expected)


def test_a_dead_agency_worker_means_the_work_is_done_here() -> None:
    articles = _articles()
    expected = find_incumbent("Northwind Traders", articles, load_gazetteer(None), TODAY)
    with BuildWorkers.start(pdf=False, agency=True) as workers:
        _kill(workers)
        got = workers.find_incumbent(None, "Northwind Traders", articles, TODAY, None)
    assert _finding_data(got) == _finding_data(expected)


@pytest.mark.pdf
def test_a_failed_render_raises_the_same_error(tmp_path: Path) -> None:
    with pytest.raises(RenderError) as here:
        render_pdf(None, load_brand())  # type: ignore[arg-type]
    with BuildWorkers.start(pdf=True, agency=False) as workers:
        workers.render(None, load_brand(), None, tmp_path / "x.pdf")  # type: ignore[arg-type]
        with pytest.raises(RenderError) as there:
            workers.wait()
    assert str(there.value) == str(here.value)
    assert str(there.value).startswith("PDF rendering failed: ")
    assert not (tmp_path / "x.pdf").exists()


@pytest.mark.pdf
def test_worker_log_records_reach_this_process(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    html = '<p>Hello</p><img src="file:///etc/passwd">'
    with caplog.at_level(logging.WARNING):
        render_pdf(html, load_brand())
    here = [(r.name, r.levelno, r.getMessage()) for r in caplog.records]
    caplog.clear()
    with caplog.at_level(logging.WARNING), BuildWorkers.start(pdf=True, agency=False) as workers:
        workers.render(html, load_brand(), None, tmp_path / "x.pdf")
        workers.wait()
        assert workers._pdf is not None
    assert pdf_text(tmp_path / "x.pdf").strip() == "Hello"
    there = [(r.name, r.levelno, r.getMessage()) for r in caplog.records]
    assert (
        "dossier.render.pdf",
        logging.WARNING,
        "blocked resource in document: file:///etc/passwd",
    ) in there
    assert there == here


@pytest.mark.pdf
def test_a_dead_pdf_worker_means_the_pdf_is_rendered_here(tmp_path: Path) -> None:
    with BuildWorkers.start(pdf=True, agency=False) as workers:
        workers.render("<p>Queued</p>", load_brand(), None, tmp_path / "x.pdf")
        _kill(workers)
        workers.wait()
    assert pdf_text(tmp_path / "x.pdf").strip() == "Queued"


def _briefing(out: Path, workers: BuildWorkers | None) -> dict[str, str]:
    contact = Contact(
        name="Jane Doe", new_company="Apple Inc.", new_title="CMO", previous_company="Northwind"
    )
    opts = BuildOptions(
        company="Apple Inc.",
        offline=APPLE_SNAPSHOT,
        news_days=365,
        contact=contact,
        out_dir=out,
        articles=(APPLE_SNAPSHOT.parent / "articles.jsonl",),
        workers=workers,
    )
    result = build(opts)
    folder = result.folder
    texts = {p.name: pdf_text(p) for p in sorted(folder.glob("*.pdf"))}
    texts["files"] = " ".join(sorted(p.name for p in folder.iterdir()))
    review = json.loads((folder / "review.json").read_text())
    texts["agency"] = json.dumps(review["agency"], sort_keys=True)
    for note in sorted(folder.glob("*.eml")):
        texts[note.name] = str("Content-Disposition: attachment" in note.read_text())
    return texts


@pytest.mark.pdf
def test_a_briefing_with_workers_is_the_briefing_without(tmp_path: Path) -> None:
    alone = _briefing(tmp_path / "alone", None)
    with BuildWorkers.start() as workers:
        helped = _briefing(tmp_path / "helped", workers)
    assert {"company-report.pdf", "agency-profile.pdf"} <= alone.keys()
    assert "Apple" in alone["company-report.pdf"] and "note-1.eml" in alone
    assert alone["note-1.eml"] == alone["note-2.eml"] == "True"
    assert helped == alone


def test_a_second_pdf_goes_to_the_agency_worker_while_the_first_renders(tmp_path: Path) -> None:
    """Two documents of one briefing render side by side: while the PDF worker is still on the
    company report, the agency profile goes to the (by then idle) agency worker; once nothing
    is pending, the PDF worker takes the next again. Fake pools record who got what."""
    from concurrent.futures import Future

    class Pool:
        def __init__(self, name: str) -> None:
            self.name, self.got, self.futures = name, [], []

        def submit(self, _fn: object, _work: object, html: str, *_a: object) -> Future[object]:
            self.got.append(html)
            future: Future[object] = Future()
            self.futures.append(future)
            return future

    workers = BuildWorkers.__new__(BuildWorkers)
    workers._starting = threading.Thread(target=lambda: None)
    workers._starting.start()
    pdf, agency = Pool("pdf"), Pool("agency")
    workers._pdf, workers._agency, workers._pending = pdf, agency, []  # type: ignore[assignment]
    brand = load_brand(None)
    workers.render("<p>report</p>", brand, None, tmp_path / "a.pdf")
    workers.render("<p>profile</p>", brand, None, tmp_path / "b.pdf")
    assert pdf.got == ["<p>report</p>"] and agency.got == ["<p>profile</p>"]
    for future in pdf.futures + agency.futures:
        future.set_result((b"%PDF-1.7 fake", []))
    workers.wait()
    assert (
        (tmp_path / "a.pdf").read_bytes() == (tmp_path / "b.pdf").read_bytes() == b"%PDF-1.7 fake"
    )
    workers.render("<p>next</p>", brand, None, tmp_path / "c.pdf")
    assert pdf.got[-1] == "<p>next</p>"
    workers._pending.clear()


def test_settled_imports_pause_the_collector_then_freeze_once() -> None:
    """In a fresh interpreter: no collection while the modules load, everything loaded frozen,
    the collector on again with the build's thresholds; a second use changes nothing."""
    code = """
import gc, json
from dossier.build_workers import GC_THRESHOLD, settled_imports
seen = []
gc.callbacks.append(lambda phase, info: seen.append(phase))
with settled_imports():
    import dossier.model
    during = list(seen)
first = gc.get_freeze_count() > 0 and list(gc.get_threshold()) == list(GC_THRESHOLD)
gc.set_threshold(700, 10, 10)
with settled_imports():
    import dossier.build
print(json.dumps([during, first, gc.get_freeze_count() > 0, gc.isenabled(),
                  list(gc.get_threshold()) == [700, 10, 10]]))
"""
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT
    )
    assert json.loads(done.stdout) == [[], True, True, True, True]


@pytest.mark.skipif(
    not sys.platform.startswith("linux"), reason="a fork server on Linux only: spawned elsewhere"
)
def test_the_workers_are_forked_from_a_server_that_got_weasyprint_ready() -> None:
    """Both workers come from the fork server (their parent is not the build), which preloads
    dossier.build_preload: a worker has WeasyPrint imported before it is asked anything."""
    import multiprocessing.forkserver as forkserver
    import os

    from dossier.build_workers import _logged

    with BuildWorkers.start(pdf=True, agency=True) as workers:
        workers._started()
        assert forkserver._forkserver._preload_modules == ["dossier.build_preload"]
        for pool in (workers._pdf, workers._agency):
            assert pool is not None
            ppid, _ = pool.submit(_logged, os.getppid).result(timeout=60)
            assert ppid != os.getpid()


def test_importing_the_preload_module_gets_weasyprint_ready() -> None:
    """What the fork server does before forking: WeasyPrint imported, fonts set up, once."""
    code = (
        "import sys, dossier.build_preload, dossier.build_workers as b; "
        "print(b._pdf_ready, 'weasyprint' in sys.modules)"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT
    )
    assert done.stdout.split() == ["True", "True"]


def test_a_recycled_pdf_pool_ends_its_workers_before_new_ones_start() -> None:
    """PdfPool replaces its pool every ``recycle_after`` renders per worker; the old workers
    finish and exit first, so a batch never holds two pools' workers (their memory) at once."""
    from dossier.render.pdf import PdfPool

    pool = PdfPool(1, recycle_after=1)
    brand = load_brand(None)
    try:
        for i in range(3):
            assert pool.render(f"<p>document {i}</p>", brand, None).startswith(b"%PDF-")
            alive = [
                proc
                for old in pool._retired
                for proc in (getattr(old, "_processes", None) or {}).values()
                if proc.is_alive()
            ]
            assert alive == []
        assert len(pool._retired) == 2
    finally:
        pool.shutdown(kill=True)


@pytest.mark.skipif(
    not sys.platform.startswith("linux"), reason="a fork server on Linux only: spawned elsewhere"
)
def test_a_batchs_pdf_workers_and_their_replacements_come_from_the_fork_server() -> None:
    """The batch's pool (build_workers.pdf_pool) forks its workers, and the ones that replace
    them when it is recycled, from the server that got WeasyPrint ready; they render, and
    they stay alive between documents (their parent is the server, not this process, so a
    watcher comparing with this process's id would end them)."""
    import os
    import time

    from dossier.build_workers import pdf_pool

    pool = pdf_pool(1)
    pool.limit = 2  # recycled every second document
    brand = load_brand(None)
    try:
        pids = set()
        for i in range(4):
            assert pool.render(f"<p>document {i}</p>", brand, None).startswith(b"%PDF-")
            (proc,) = pool._pool._processes.values()
            pids.add(proc.pid)
            ppid = int(Path(f"/proc/{proc.pid}/stat").read_text().rsplit(")", 1)[1].split()[1])
            assert ppid != os.getpid()
        assert len(pids) == 2  # one worker, then its replacement
        time.sleep(1.5)  # longer than the parent watcher's interval
        (proc,) = pool._pool._processes.values()
        assert proc.is_alive()
    finally:
        pool.shutdown(kill=True)


def test_a_build_hands_each_pdf_over_before_it_audits_and_looks_for_the_incumbent_early(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """With helpers, a build hands each document's HTML to a PDF worker before it audits the
    document and writes its record (the record holds the audit, the client document does not),
    and asks the agency worker for the incumbent before it writes the company report. Fake
    workers record the order; the records still hold every audit's warnings."""
    import importlib

    build_module = importlib.import_module("dossier.build")  # the package's "build" is the function
    events: list[str] = []
    real_audit = build_module.audit_document

    def audit_document(d: object, w: object, templates: object) -> None:
        events.append(f"audit {w.kind}")  # type: ignore[attr-defined]
        real_audit(d, w, templates)  # type: ignore[arg-type]
        d.warnings.append(ReviewWarning(kind="test", message=f"audited {w.kind}"))  # type: ignore[attr-defined]

    monkeypatch.setattr(build_module, "audit_document", audit_document)
    gazetteer = load_gazetteer(None)

    class Workers:
        renders_pdf = True

        def render(self, html: str, _brand: object, _templates: object, path: Path) -> None:
            events.append(f"pdf {path.stem}")
            self.later = getattr(self, "later", []) + [path]

        def wait(self) -> None:
            for path in getattr(self, "later", []):
                path.write_bytes(b"%PDF-1.7 fake")

        def find_incumbent_later(
            self,
            _gaz: object,
            company: str,
            articles: list[object],
            today: object,
            named: object,
            **kwargs: object,
        ) -> object:
            events.append("incumbent asked")

            def finding() -> object:
                events.append("incumbent taken")
                return find_incumbent(company, articles, gazetteer, today, named, **kwargs)  # type: ignore[arg-type]

            return finding

    opts = BuildOptions(
        company="Apple Inc.",
        offline=APPLE_SNAPSHOT,
        out_dir=tmp_path,
        contact=Contact(name="Jane Doe", new_company="Apple Inc.", new_title="CMO"),
        agency="TBWA\\Media Arts Lab",
        cache=False,
        news_days=365,
        workers=Workers(),  # type: ignore[arg-type]
    )
    result = build(opts)
    assert events == [
        "incumbent asked",
        "pdf company-report",
        "audit company-report",
        "incumbent taken",
        "pdf agency-profile",
        "audit agency-profile",
    ]
    facts = json.loads((result.folder / "facts.json").read_text())
    profile = json.loads((result.folder / "agency-profile.json").read_text())
    # each record was written after its audit, and the build's warnings include both
    assert {"audited company-report"} <= {w["message"] for w in facts["warnings"]}
    assert {"audited agency-profile"} <= {w["message"] for w in profile["warnings"]}
    assert {"audited company-report", "audited agency-profile"} <= {
        w.message for w in result.warnings
    }
    assert (result.folder / "note-1.eml").is_file()
