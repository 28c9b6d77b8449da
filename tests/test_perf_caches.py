"""Work done once per run: the gazetteer, its pattern pre-filter, the template lint."""

from __future__ import annotations

import importlib
import json
import os
from pathlib import Path

from dossier.agency import load_gazetteer
from dossier.agency.gazetteer import Gazetteer

from .conftest import FIXTURES

# CONSTRUCTED: a fictional agency for the cache test (not data about any real organisation).
_ENTRY = """[[agency]]
name = "{name}"
aliases = []
discipline = ["creative"]
hq = "Rotterdam"
status = "active"
as_of = 2026-11-01
source = "https://example.com/agency"
"""
audit = importlib.import_module("dossier.writing.audit")
EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "apple-inc"


def _brute_force(gaz: Gazetteer, text: str) -> list[tuple[str, int, int]]:
    """find_in without its pre-filter: every pattern run on the text."""
    from dossier.agency.gazetteer import _FALSE_FRIENDS

    masked = _FALSE_FRIENDS.sub(lambda m: " " * len(m.group()), text)
    hits = [(m.start(), m.end(), e) for p, e, _w in gaz._patterns for m in p.finditer(masked)]
    hits.sort(key=lambda h: (h[0] - h[1], h[0]))
    taken: list[tuple[str, int, int]] = []
    for start, end, entry in hits:
        if all(end <= s or start >= e for _x, s, e in taken):
            taken.append((entry.name, start, end))
    return sorted(taken, key=lambda t: t[1])


def _texts() -> list[str]:
    texts = []
    for path in (FIXTURES / "agency" / "articles.jsonl", EXAMPLE / "articles.jsonl"):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                item = json.loads(line)
                texts.append(f"{item.get('headline', '')}. {item.get('snippet', '')}")
    return texts


def test_find_in_prefilter_finds_what_every_pattern_finds() -> None:
    gaz = load_gazetteer()
    names = [n for e in gaz for n in e.names]
    texts = (
        _texts()
        + [f"The brand hired {n} last year." for n in names]
        + [
            "Publicis-Sapient and TBWA/Chiat/Day; Wieden & Kennedy; WIEDEN AND KENNEDY wins",
            "\u212aelvin-sign and long \u017f: Ogilvy, Mother's Day, Grey Goose, grey",
        ]
    )
    found = 0
    for text in texts:
        got = [(e.name, s, t) for e, s, t in gaz.find_in(text)]
        assert got == _brute_force(gaz, text), text
        found += bool(got)
    assert found > len(names) // 2  # the texts do name agencies


def test_gazetteer_is_built_once_and_again_when_the_user_file_changes(tmp_path: Path) -> None:
    assert load_gazetteer() is load_gazetteer()
    user = tmp_path / "agencies.toml"
    user.write_text(_ENTRY.format(name="Quorvane Creative"), encoding="utf-8")
    first = load_gazetteer(user)
    assert load_gazetteer(user) is first
    assert first.get("Quorvane Creative") is not None
    user.write_text(_ENTRY.format(name="Brellix Creative Partners"), encoding="utf-8")
    st = user.stat()
    os.utime(user, ns=(st.st_atime_ns, st.st_mtime_ns + 1_000_000_000))
    second = load_gazetteer(user)
    assert second is not first
    assert second.get("Brellix Creative Partners") is not None
    assert second.get("Quorvane Creative") is None


def test_template_lint_is_cached_by_path_and_mtime(tmp_path: Path, monkeypatch) -> None:
    template = tmp_path / "report.html.j2"
    template.write_text("<p>A fair summary.</p>", encoding="utf-8")
    assert audit.template_findings(template) == []
    template.write_text("<p>A world-class, game-changing leader.</p>", encoding="utf-8")
    st = template.stat()
    os.utime(template, ns=(st.st_atime_ns, st.st_mtime_ns + 1_000_000_000))
    terms = [f.term.lower() for f in audit.template_findings(template)]
    assert "world-class" in terms or "game-changing" in terms
    calls: list[Path] = []
    real = audit.lint_file
    monkeypatch.setattr(audit, "lint_file", lambda p: calls.append(p) or real(p))
    again = audit.template_findings(template)
    assert calls == [] and [f.term.lower() for f in again] == terms


def test_an_agency_is_researched_once_per_run_across_companies() -> None:
    from datetime import UTC, datetime

    from dossier.agency import find_incumbent
    from dossier.config import load_sources
    from dossier.research.agency import research_agency
    from dossier.sources.base import RunContext

    from .fakes import FakeClient
    from .test_agency_profile import GAZETTEER, REPORTS

    today = datetime.now(UTC).date()
    gazetteer = load_gazetteer(GAZETTEER)
    ctx = RunContext(today=today, agency_years=3, agency_search=True)
    settings = load_sources()
    client = FakeClient()

    def profile(company: str, named: str | None = None):  # type: ignore[no-untyped-def]
        finding = find_incumbent(company, REPORTS, gazetteer, today, named=named)
        return research_agency(finding, client, settings, ctx, None, REPORTS, gazetteer)

    first = profile("Northwind Traders")
    asked = len(client.requested)
    assert asked > 0  # the agency's sources were asked (and are gaps: no network)
    second = profile("Litware", named="Harbour & Finch")
    assert len(client.requested) == asked  # nothing asked again for the same agency
    assert first.agency is not None and second.agency is not None
    assert (first.agency.company, second.agency.company) == ("Northwind Traders", "Litware")
    assert first.organisation.display_name == second.organisation.display_name
    assert [g.message for g in first.gaps] == [g.message for g in second.gaps]
    other = FakeClient()  # another run (another client) researches it again
    finding = find_incumbent("Northwind Traders", REPORTS, gazetteer, today)
    research_agency(finding, other, settings, ctx, None, REPORTS, gazetteer)
    assert len(other.requested) == asked


def test_the_clients_memory_of_bodies_is_bounded(tmp_path: Path, monkeypatch) -> None:
    """Bodies stay in memory only up to MEMO_BYTES; older ones are read again when asked."""
    import tracemalloc

    from dossier.config import load_sources
    from dossier.net import client as client_module
    from dossier.net.client import PoliteClient

    monkeypatch.setattr(client_module, "MEMO_BYTES", 2_000_000)
    snap = tmp_path / "snapshot"
    (snap / "bodies").mkdir(parents=True)
    lines = []
    for i in range(40):  # 40 bodies of 500 kB: 20 MB in all (constructed for this test)
        (snap / "bodies" / f"{i}.json").write_bytes(b'{"n": "' + b"x" * 500_000 + b'"}')
        url = f"https://data.sec.gov/submissions/CIK{i:010d}.json"
        lines.append(
            json.dumps(
                {
                    "url": url,
                    "status": 200,
                    "content_type": "application/json",
                    "retrieved_at": "2026-01-01T00:00:00+00:00",
                    "body": f"bodies/{i}.json",
                    "constructed": True,
                }
            )
        )
    (snap / "index.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    client = PoliteClient(load_sources(), offline=snap)
    tracemalloc.start()
    try:
        for i in range(40):
            client.get(f"https://data.sec.gov/submissions/CIK{i:010d}.json", source="sec")
        held, _peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert client._memo_bytes <= 2_000_000
    assert held < 4_000_000  # not the 20 MB read: the memo is the only holder
    first = client.get("https://data.sec.gov/submissions/CIK0000000000.json", source="sec")
    assert len(first.body) == 500_009  # dropped from memory, read again from the snapshot


def test_thumbnails_are_made_as_contacts_finish_for_the_review_pdfs(
    tmp_path: Path, monkeypatch
) -> None:
    import threading

    from dossier.batch import thumbs

    made: list[str] = []
    threads: set[str] = set()

    def fake(pdf: Path) -> Path:
        made.append(pdf.name)
        threads.add(threading.current_thread().name)
        return pdf.with_suffix(".thumb.png")

    monkeypatch.setattr(thumbs, "thumbnail_for", fake)
    maker = thumbs.Thumbnailer(workers=2)
    folder = tmp_path / "contact-1"
    maker.submit(
        [
            folder / "company-report.pdf",
            folder / "agency-profile.pdf",
            folder / "note-1.md",
            folder / "facts.json",
        ]
    )
    assert maker.close() == 2
    assert sorted(made) == ["agency-profile.pdf", "company-report.pdf"]
    assert all(t.startswith("thumb") for t in threads)  # not the caller's thread
