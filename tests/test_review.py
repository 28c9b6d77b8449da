"""review.html (grouping, links, thumbnails, escaping) and the follow-up calendar."""

from __future__ import annotations

import os
import re
import shutil
import time
from datetime import date, timedelta
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote

import pytest

from dossier.batch.calendar import fold, follow_up_ics, write_follow_up_ics
from dossier.batch.review import make_thumbnail, write_review_page
from dossier.batch.state import BatchState
from dossier.config import Brand

BRAND = Brand(name="Fieldstone & Co")
FILES = (
    "company-report.pdf",
    "company-report.html",
    "facts.json",
    "agency-profile.pdf",
    "note-1.md",
    "note-1.eml",
    "note-2.md",
    "note-2.eml",
)


@pytest.fixture(scope="module")
def tiny_pdf() -> bytes:
    from weasyprint import HTML

    return bytes(HTML(string="<p>x</p>").write_pdf())


def _contact(
    m: BatchState,
    batch: Path,
    key: str,
    name: str,
    owner: str,
    pdf: bytes,
    **extra: object,
) -> None:
    folder = batch / key
    folder.mkdir(parents=True, exist_ok=True)
    outputs = {}
    for filename in FILES:
        path = folder / filename
        path.write_bytes(pdf if filename.endswith(".pdf") else b"x")
        outputs[filename] = path
    m.upsert(key, name=name, owner=owner, company="Acme Corp", fingerprint="fp", **extra)
    m.mark_done(
        key,
        outputs=outputs,
        warnings=[{"kind": "gap", "message": "No revenue figure found"}],
        agency="Ogilvy",
        agency_confirmed=False,
    )


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.hrefs: list[str] = []
        self.srcs: list[str] = []
        self.h2: list[str] = []
        self._in_h2 = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag == "a" and a.get("href"):
            self.hrefs.append(a["href"] or "")
        if tag == "img" and a.get("src"):
            self.srcs.append(a["src"] or "")
        if tag == "h2":
            self._in_h2 = True
            self.h2.append("")

    def handle_endtag(self, tag: str) -> None:
        if tag == "h2":
            self._in_h2 = False

    def handle_data(self, data: str) -> None:
        if self._in_h2:
            self.h2[-1] += data


def _parse(html: str) -> _Links:
    p = _Links()
    p.feed(html)
    return p


def test_review_page_groups_links_and_warnings(tmp_path: Path, tiny_pdf: bytes) -> None:
    m = BatchState.open(tmp_path)
    _contact(m, tmp_path, "zoe", "Zoe Adams", "Zed", tiny_pdf, row=1)
    _contact(m, tmp_path, "amy", "Amy Brown", "", tiny_pdf, row=2)
    _contact(m, tmp_path, "bob", "Bob Chen", "alice", tiny_pdf, row=3)
    m.upsert("carl", row=4, name="Carl Dunn", owner="Zed", company="Beta", status="failed")
    m.mark_failed("carl", "Company not found")
    m.choose_agency("bob", "creative", "Ogilvy", by="sam")
    m.upsert("bob", built_choices=m.get("bob").agency_choices)  # type: ignore[union-attr]
    m.approve("bob", by="sam")

    page = write_review_page(tmp_path, m, BRAND)
    assert page == tmp_path / "review.html"
    html = page.read_text(encoding="utf-8")
    parsed = _parse(html)
    assert [h.rsplit(" ", 2)[0].strip() for h in parsed.h2] == ["alice", "Zed", "No owner"]
    assert "unconfirmed" in html and "Ogilvy" in html
    assert "No revenue figure found" in html and "Company not found" in html
    assert "Approved by sam" in html
    assert "1</b><span>approved" in html.replace("\n", "")
    assert "<link" not in html and "http" not in html.replace("http-equiv", "")

    for href in parsed.hrefs + parsed.srcs:
        assert not href.startswith(("/", "file:", "http")), href
        assert (tmp_path / unquote(href)).is_file(), href
    for filename in ("company-report.pdf", "agency-profile.pdf", "note-1.eml", "note-2.md"):
        assert f"zoe/{filename}" in parsed.hrefs

    if shutil.which("pdftoppm") is None:
        assert "preview not available" in html
    else:
        assert "amy/company-report.thumb.png" in parsed.srcs
        assert "amy/agency-profile.thumb.png" in parsed.srcs
        assert (tmp_path / "amy" / "company-report.thumb.png").read_bytes()[:4] == b"\x89PNG"


def test_thumbnail_is_remade_only_when_the_pdf_is_newer(tmp_path: Path, tiny_pdf: bytes) -> None:
    if shutil.which("pdftoppm") is None:
        pytest.skip("pdftoppm (poppler-utils) is not installed")
    pdf, png = tmp_path / "company-report.pdf", tmp_path / "company-report.thumb.png"
    pdf.write_bytes(tiny_pdf)
    assert make_thumbnail(pdf, png)
    assert not [p for p in tmp_path.iterdir() if p.name.endswith((".tmp", ".tmp.png"))]
    m = BatchState.open(tmp_path)
    m.upsert("c", name="C", fingerprint="fp")
    m.mark_done("c", outputs={"pdf": pdf})
    png.write_bytes(b"stale")
    future = time.time() + 100
    os.utime(png, (future, future))
    write_review_page(tmp_path, m, BRAND)
    assert png.read_bytes() == b"stale"  # newer than the PDF: kept
    os.utime(pdf, (future + 100, future + 100))
    write_review_page(tmp_path, m, BRAND)
    assert png.read_bytes()[:4] == b"\x89PNG"


def test_thumbnail_without_pdftoppm(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(shutil, "which", lambda name: None)
    pdf = tmp_path / "a.pdf"
    pdf.write_bytes(b"%PDF")
    assert make_thumbnail(pdf, tmp_path / "a.thumb.png") is False


def test_broken_pdf_gives_no_preview(tmp_path: Path) -> None:
    pdf = tmp_path / "a.pdf"
    pdf.write_bytes(b"not a pdf")
    assert make_thumbnail(pdf, tmp_path / "a.thumb.png") is False
    assert not list(tmp_path.glob("*.png"))


def test_names_are_escaped(tmp_path: Path) -> None:
    m = BatchState.open(tmp_path)
    m.upsert("x", name="<script>alert(1)</script>", owner="<b>boss</b>", company="A&B")
    html = write_review_page(tmp_path, m, BRAND).read_text(encoding="utf-8")
    assert "<script>alert(1)" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "&lt;b&gt;boss&lt;/b&gt;" in html and "A&amp;B" in html


def test_outputs_outside_the_batch_are_not_linked(tmp_path: Path) -> None:
    m = BatchState.open(tmp_path)
    m.upsert("x", name="X", status="done", outputs={"pdf": "../../etc/company-report.pdf"})
    html = write_review_page(tmp_path, m, BRAND).read_text(encoding="utf-8")
    assert "etc/company-report.pdf" not in html


def test_empty_manifest(tmp_path: Path) -> None:
    html = write_review_page(tmp_path, BatchState.open(tmp_path), BRAND).read_text(encoding="utf-8")
    assert "This batch has no contacts." in html
    assert "Fieldstone &amp; Co" in html


# -- calendar ---------------------------------------------------------------------------------

BOTH_NOTES = {"note-1.eml": "x/note-1.eml", "note-2.eml": "x/note-2.eml"}


def _calendar_manifest(tmp_path: Path) -> BatchState:
    m = BatchState.open(tmp_path)
    m.upsert("jane", row=1, name="Jane Doe, Jr.", owner="Alex", company="Acme; Inc.")
    m.upsert("jane", start_date="2026-03-02")
    m.mark_done("jane", outputs=BOTH_NOTES, agency="Ogilvy", agency_confirmed=True)
    m.upsert("bob", row=2, name="Bob", owner="", company="Beta")
    m.mark_done("bob", outputs=BOTH_NOTES)
    m.upsert("rita", row=3, name="Rita", company="Gamma")
    m.mark_done("rita", outputs=BOTH_NOTES)
    m.reject("rita", by="sam", note="wrong person")
    m.upsert("fay", row=4, name="Fay", company="Delta")
    m.mark_failed("fay", "not found")
    m.upsert(
        "long",
        row=5,
        name="Maximiliana Wolfeschlegelsteinhausenbergerdorff-Ångström",
        company="Überlange Gesellschaft mit beschränkter Haftung & Co. KG",
        start_date="2026-01-05",
    )
    m.mark_done("long", outputs=BOTH_NOTES)
    return m


def _unfold(text: str) -> list[str]:
    return text.replace("\r\n ", "").split("\r\n")[:-1]


def test_ics_structure(tmp_path: Path) -> None:
    m = _calendar_manifest(tmp_path)
    today = date(2026, 3, 1)
    ics = follow_up_ics(m.entries(), today)
    assert ics == follow_up_ics(dict(m.entries()), today)  # reproducible, mapping accepted
    assert ics.endswith("\r\n") and "\n" not in ics.replace("\r\n", "")
    raw = ics.split("\r\n")[:-1]
    assert all(len(line.encode("utf-8")) <= 75 for line in raw)
    assert any(line.startswith(" ") for line in raw)  # something was folded
    lines = _unfold(ics)
    assert lines[0] == "BEGIN:VCALENDAR" and lines[-1] == "END:VCALENDAR"
    assert "PRODID:-//dossier//follow-up//EN" in lines and "VERSION:2.0" in lines
    assert lines.count("BEGIN:VEVENT") == lines.count("END:VEVENT") == 9  # jane, bob, long
    uids = [ln for ln in lines if ln.startswith("UID:")]
    assert len(set(uids)) == 9 and "UID:jane-note-1@dossier" in uids
    assert not any("rita" in u or "fay" in u for u in uids)
    assert all(ln == "DTSTAMP:20260301T000000Z" for ln in lines if ln.startswith("DTSTAMP"))
    assert "SUMMARY:Send note 1 and the agency profile to Jane Doe\\, Jr." in lines
    desc = next(ln for ln in lines if ln.startswith("DESCRIPTION:Contact: Jane"))
    assert "Company: Acme\\; Inc.\\n" in desc and "Owner: Alex" in desc
    assert "Agency: Ogilvy\\n" in desc


def _dates(ics: str, key: str) -> dict[str, str]:
    lines = _unfold(ics)
    out, uid = {}, ""
    for ln in lines:
        if ln.startswith("UID:"):
            uid = ln[4:]
        if ln.startswith("DTSTART;VALUE=DATE:") and uid.startswith(f"{key}-"):
            out[uid[len(key) + 1 : -len("@dossier")]] = ln.split(":", 1)[1]
    return out


def test_ics_dates(tmp_path: Path) -> None:
    m = _calendar_manifest(tmp_path)
    ics = follow_up_ics(m.entries(), date(2026, 3, 1))
    # start 2026-03-02: +3, +28, +182 days
    assert _dates(ics, "jane") == {
        "note-1": "20260305",
        "note-2": "20260330",
        "check-in": "20260831",
    }
    # no start date: tomorrow, then today + 28 and + 182
    assert _dates(ics, "bob") == {
        "note-1": "20260302",
        "note-2": "20260329",
        "check-in": "20260830",
    }
    # started 2026-01-05: +3 and +28 have passed; note 1 moves to tomorrow and note 2 keeps
    # the plan's 25 days after it, so the two mailings never land on the same day
    assert _dates(ics, "long") == {
        "note-1": "20260302",
        "note-2": "20260327",
        "check-in": "20260706",
    }
    assert "Originally due 2026-01-08" in ics.replace("\r\n ", "")
    assert re.search(r"DTEND;VALUE=DATE:20260306", ics)


def test_ics_follows_what_was_drafted_and_spaces_the_mailings(tmp_path: Path) -> None:
    m = BatchState.open(tmp_path)
    # No agency profile, so no note 1: note 2 is the first mailing, in the first week.
    m.upsert("solo", row=1, name="Sam Lee", company="Acme", start_date="2026-03-02")
    m.mark_done("solo", outputs={"note-2.eml": "sam/note-2.eml", "note-2.md": "sam/note-2.md"})
    # Started long ago: both mailings are late, and still about four weeks apart.
    m.upsert("late", row=2, name="Ada Byron", company="Beta", start_date="2025-06-01")
    m.mark_done("late", outputs=BOTH_NOTES)
    # Nothing drafted (--format json): only the check-in.
    m.upsert("none", row=3, name="Kim Park", company="Gamma", start_date="2026-03-02")
    m.mark_done("none", outputs={"facts.json": "kim/facts.json"})
    today = date(2026, 3, 1)
    ics = follow_up_ics(m.entries(), today)
    lines = _unfold(ics)
    assert "UID:solo-note-1@dossier" not in lines
    assert not any("agency profile to Sam Lee" in ln for ln in lines)
    assert _dates(ics, "solo") == {"note-2": "20260305", "check-in": "20260831"}
    late = _dates(ics, "late")
    assert late["note-1"] == "20260302"  # tomorrow: its date (2025-06-04) has passed
    first, second = (date.fromisoformat(late[k]) for k in ("note-1", "note-2"))
    assert (second - first).days == 25  # the plan's spacing, not the same day
    assert date.fromisoformat(late["check-in"]) - second >= timedelta(days=28)
    assert _dates(ics, "none") == {"check-in": "20260831"}
    text = ics.replace("\r\n ", "")
    assert "Originally due 2025-06-29\\; moved because that date passed." in text


def test_fold_keeps_characters_whole() -> None:
    line = "DESCRIPTION:" + "é" * 100
    folded = fold(line)
    for part in folded.split("\r\n"):
        assert len(part.encode("utf-8")) <= 75
        part.encode("utf-8").decode("utf-8")
    assert folded.replace("\r\n ", "") == line


def test_empty_calendar_file(tmp_path: Path) -> None:
    path = write_follow_up_ics(tmp_path, BatchState.open(tmp_path), date(2026, 3, 1))
    data = path.read_bytes()
    assert data.startswith(b"BEGIN:VCALENDAR\r\n") and b"BEGIN:VEVENT" not in data
