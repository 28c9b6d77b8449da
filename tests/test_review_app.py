"""The review app (dossier review serve): every route with Flask's test client.

The batch here is CONSTRUCTED by hand (no research, no WeasyPrint): a state with three
contacts, their folders, a one-page blank PDF, real note drafts (.md and .eml) and a
review.json with an agency candidate and its evidence. Names, companies and the report are
invented for the test.
"""

from __future__ import annotations

import io
import json
import re
import zipfile
from email.message import EmailMessage
from pathlib import Path

import pytest
from click.testing import CliRunner
from pypdf import PdfWriter

from dossier.app import create_app
from dossier.batch.state import BatchState
from dossier.cli import cli

HOSTILE = '<script>alert("x")</script> Eve & <b>Co</b>'
NOTE = (
    "Dear Jane,\n\nCongratulations on the new role at Acme Corp. We put together a short "
    "briefing on the company and its agency, attached, in case it is useful.\n\n"
    "With best wishes,\nSam Lee\n"
)
ASKING = NOTE.replace("in case it is useful.", "and we would love to pitch for your business.")


def _pdf(path: Path) -> None:
    w = PdfWriter()
    w.add_blank_page(width=200, height=260)
    with path.open("wb") as fh:
        w.write(fh)


def _eml(path: Path, text: str) -> None:
    msg = EmailMessage()
    msg["From"] = "Sam Lee <sam@fieldstone.example>"
    msg["To"] = "Jane Doe <jane@example.com>"
    msg["Subject"] = "A briefing on Acme Corp"
    msg.set_content(text)
    msg.add_attachment(b"%PDF-1.4", maintype="application", subtype="pdf", filename="b.pdf")
    path.write_bytes(bytes(msg))


def _contact(
    state: BatchState,
    batch: Path,
    key: str,
    name: str,
    *,
    owner: str = "Sam Lee",
    agency_status: str = "confirmed",
    warnings: list[dict[str, str]] | None = None,
) -> None:
    folder = batch / key
    folder.mkdir(parents=True)
    _pdf(folder / "company-report.pdf")
    _pdf(folder / "agency-profile.pdf")
    (folder / "note-1.md").write_text(NOTE, encoding="utf-8")
    _eml(folder / "note-1.eml", NOTE)
    review = {
        "company": "Acme Corp",
        "mailings": [{"note": 1, "drafted": True, "subject": "A briefing on Acme Corp"}],
        "agency": {
            "roles": [
                {
                    "role": "creative",
                    "candidates": [
                        {
                            "agency": "Droga5",
                            "status": agency_status,
                            "confidence": 0.6,
                            "reports": 1,
                            "evidence": [
                                {
                                    "headline": "Acme hires Droga5 <for> creative",
                                    "outlet": "Demo Gazette",
                                    "published": "2026-06-01",
                                    "url": "https://gazette.example/acme",
                                    "sentence": "Acme Corp hired Droga5.",
                                }
                            ],
                        }
                    ],
                }
            ]
        },
        "warnings": [],
    }
    (folder / "review.json").write_text(json.dumps(review), encoding="utf-8")
    outputs = {
        n: folder / n
        for n in (
            "company-report.pdf",
            "agency-profile.pdf",
            "note-1.md",
            "note-1.eml",
            "review.json",
        )
    }
    outputs["review"] = folder / "review.json"
    state.upsert(key, name=name, owner=owner, company="Acme Corp", fingerprint="fp")
    state.mark_done(
        key,
        outputs=outputs,
        warnings=warnings or [],
        agency_roles={
            "creative": {"agency": "Droga5", "status": agency_status, "candidates": ["Droga5"]}
        },
    )


@pytest.fixture
def batch(tmp_path: Path) -> Path:
    folder = tmp_path / "out" / "moved"
    with BatchState.open(folder) as state:
        state.sync_sheet([], skipped=[(4, "It has no new company for Li Wei.")])
        _contact(state, folder, "jane-doe--acme-corp", "Jane Doe")
        _contact(
            state,
            folder,
            "omar-haddad--acme-corp",
            "Omar Haddad",
            owner="Ana Ruiz",
            agency_status="unconfirmed",
            warnings=[{"kind": "agency", "message": "One report only"}],
        )
        _contact(state, folder, "eve--acme-corp", HOSTILE)
    return folder


@pytest.fixture
def app(batch: Path):
    app = create_app(batch, token="test-token")
    app.config["TESTING"] = True
    return app


@pytest.fixture
def client(app):
    c = app.test_client()
    r = c.get("/?token=test-token")
    assert r.status_code == 302 and "token" not in r.headers["Location"]
    return c


def _csrf(client, path: str = "/c/jane-doe--acme-corp") -> str:
    html = client.get(path).get_data(as_text=True)
    m = re.search(r'name="csrf" value="([^"]+)"', html)
    assert m, html[:500]
    return m.group(1)


def _state(batch: Path, key: str):
    with BatchState.open(batch, create=False) as state:
        return state.require(key)


# --- the guards ------------------------------------------------------------------------------


def test_every_page_needs_the_token(app) -> None:
    c = app.test_client()
    for path in ("/", "/c/jane-doe--acme-corp", "/export/follow-up.ics", "/static/app.css"):
        assert c.get(path).status_code == 403, path
    assert c.get("/?token=wrong").status_code == 403
    r = c.get("/?token=test-token&stage=ready")
    assert r.status_code == 302 and r.headers["Location"] == "/?stage=ready"
    cookie = r.headers["Set-Cookie"]
    assert "HttpOnly" in cookie and "SameSite=Strict" in cookie
    assert c.get("/").status_code == 200  # the cookie now carries it


def test_the_host_header_must_be_loopback(client) -> None:
    assert client.get("/", headers={"Host": "evil.example"}).status_code == 403
    assert client.get("/", headers={"Host": "evil.example:8080"}).status_code == 403
    assert client.get("/?token=test-token", headers={"Host": "evil.example"}).status_code == 403
    ok = client.get("/?token=test-token", headers={"Host": "127.0.0.1:5000"})
    assert ok.status_code == 302  # the token is taken (the cookie is per host name)
    assert client.get("/", headers={"Host": "localhost"}).status_code == 200


def test_a_post_without_the_csrf_token_is_refused(client, batch: Path) -> None:
    key = "jane-doe--acme-corp"
    r = client.post(f"/c/{key}/approve", data={"by": "Sam"})
    assert r.status_code == 400 and "CSRF" in r.get_data(as_text=True)
    r = client.post(f"/c/{key}/approve", data={"by": "Sam", "csrf": "guess"})
    assert r.status_code == 400
    r = client.post(
        f"/c/{key}/approve",
        data={"by": "Sam", "csrf": _csrf(client)},
        headers={"Origin": "https://evil.example"},
    )
    assert r.status_code == 403
    assert _state(batch, key).decision is None  # nothing was approved


def test_security_headers(client) -> None:
    r = client.get("/")
    csp = r.headers["Content-Security-Policy"]
    assert "default-src 'none'" in csp and "script-src" not in csp
    assert "frame-ancestors 'none'" in csp and "form-action 'self'" in csp
    assert r.headers["X-Frame-Options"] == "DENY"
    assert r.headers["Referrer-Policy"] == "same-origin"
    html = r.get_data(as_text=True)
    assert "<script" not in html and "http://" not in html and "https://" not in html


def test_a_hostile_name_is_escaped(client) -> None:
    for path in ("/", "/c/eve--acme-corp"):
        html = client.get(path).get_data(as_text=True)
        assert "<script>alert" not in html and "<b>Co</b>" not in html
        assert (
            "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt; Eve &amp; &lt;b&gt;Co&lt;/b&gt;"
            in html
        )
    html = client.get("/c/jane-doe--acme-corp").get_data(as_text=True)
    assert "Acme hires Droga5 &lt;for&gt; creative" in html


# --- the batch page --------------------------------------------------------------------------


def test_batch_page_groups_counts_filters_and_skipped_rows(client) -> None:
    html = client.get("/").get_data(as_text=True)
    assert "<h2>Ana Ruiz" in html and "<h2>Sam Lee" in html
    assert re.search(r"<b>2</b> ready to approve", html)
    assert re.search(r"<b>1</b> need attention", html)
    assert "It has no new company for Li Wei." in html and "<td>4</td>" in html
    assert "unconfirmed" in html and "agency × 1" in html
    only = client.get("/?owner=Ana+Ruiz").get_data(as_text=True)
    assert "Omar Haddad" in only and "Jane Doe" not in only
    warned = client.get("/?warnings=yes").get_data(as_text=True)
    assert "Omar Haddad" in warned and "Jane Doe" not in warned
    ready = client.get("/?stage=ready").get_data(as_text=True)
    assert "Jane Doe" in ready and "Omar Haddad" not in ready


# --- the contact page ------------------------------------------------------------------------


def test_contact_page_shows_documents_notes_candidates_and_evidence(client) -> None:
    html = client.get("/c/omar-haddad--acme-corp").get_data(as_text=True)
    assert "Company report" in html and "/c/omar-haddad--acme-corp/file/company-report.pdf" in html
    assert "Congratulations on the new role" in html  # note 1 as it will be sent
    assert "Demo Gazette" in html and "Acme Corp hired Droga5." in html
    assert 'value="__none__"' in html
    assert "What to do:" in html and "One report only" in html
    assert client.get("/c/nobody").status_code == 404


def test_pdf_is_served_from_the_contact_folder(client) -> None:
    r = client.get("/c/jane-doe--acme-corp/file/company-report.pdf")
    assert r.status_code == 200 and r.data.startswith(b"%PDF")
    assert r.mimetype == "application/pdf"
    r = client.get("/c/jane-doe--acme-corp/file/note-1.eml")
    assert r.status_code == 200 and "attachment" in r.headers["Content-Disposition"]


@pytest.mark.parametrize(
    "name",
    [
        "..%2Fomar-haddad--acme-corp%2Fnote-1.md",
        "%2E%2E%2F..%2Fstate.sqlite",
        "../state.sqlite",
        "..%5Cstate.sqlite",
        "state.sqlite",
        ".pages",
        "note-1.override.md",
        "secret.py",
    ],
)
def test_path_traversal_is_refused(client, batch: Path, name: str) -> None:
    (batch / "jane-doe--acme-corp" / "secret.py").write_text("x")
    (batch / "jane-doe--acme-corp" / "note-1.override.md").write_text("x")
    r = client.get(f"/c/jane-doe--acme-corp/file/{name}")
    assert r.status_code == 404, name


def test_a_symlink_out_of_the_folder_is_refused(client, batch: Path, tmp_path: Path) -> None:
    (tmp_path / "outside.pdf").write_bytes(b"%PDF-1.4 secret")
    (batch / "jane-doe--acme-corp" / "link.pdf").symlink_to(tmp_path / "outside.pdf")
    assert client.get("/c/jane-doe--acme-corp/file/link.pdf").status_code == 404


def test_page_images_when_pdftoppm_is_there(client) -> None:
    import shutil

    if shutil.which("pdftoppm") is None:
        pytest.skip("poppler-utils (pdftoppm) is not installed")
    html = client.get("/c/jane-doe--acme-corp").get_data(as_text=True)
    m = re.search(r'<img src="(/c/jane-doe--acme-corp/page/company-report-1\.png)"', html)
    assert m, "no page image"
    r = client.get(m.group(1))
    assert r.status_code == 200 and r.data[:8] == b"\x89PNG\r\n\x1a\n"


# --- decisions -------------------------------------------------------------------------------


def test_approval_refused_while_the_agency_is_unconfirmed(client, batch: Path) -> None:
    key = "omar-haddad--acme-corp"
    r = client.post(f"/c/{key}/approve", data={"by": "Sam", "csrf": _csrf(client)})
    assert r.status_code == 409 and "unconfirmed" in r.get_data(as_text=True)
    assert _state(batch, key).decision is None


def test_choose_agency_then_approval_waits_for_a_rebuild(client, batch: Path) -> None:
    key = "omar-haddad--acme-corp"
    csrf = _csrf(client)
    r = client.post(
        f"/c/{key}/agency",
        data={"csrf": csrf, "role": "creative", "agency": "Droga5", "by": "Ana Ruiz"},
    )
    assert r.status_code == 302
    c = _state(batch, key)
    assert c.agency_choices["creative"]["agency"] == "Droga5"
    assert c.agency_choices["creative"]["by"] == "Ana Ruiz"
    r = client.post(f"/c/{key}/approve", data={"by": "Sam", "csrf": csrf})
    assert r.status_code == 409 and "do not show the agency chosen" in r.get_data(as_text=True)
    r = client.post(
        f"/c/{key}/agency", data={"csrf": csrf, "role": "creative", "agency": "__none__"}
    )
    assert _state(batch, key).agency_choices["creative"]["agency"] is None


def test_approval_accepted_locks_and_reject_unlocks(client, batch: Path) -> None:
    key = "jane-doe--acme-corp"
    csrf = _csrf(client)
    r = client.post(f"/c/{key}/approve", data={"by": "Sam Lee", "note": "ok", "csrf": csrf})
    assert r.status_code == 302
    c = _state(batch, key)
    assert (c.decision, c.review_by) == ("approved", "Sam Lee")
    html = client.get(f"/c/{key}").get_data(as_text=True)
    assert "Locked: approved by Sam Lee" in html and 'id="approve"' not in html
    r = client.post(f"/c/{key}/note/1", data={"csrf": csrf, "text": NOTE, "action": "save"})
    assert r.status_code == 409 and "locked" in r.get_data(as_text=True)
    r = client.post(f"/c/{key}/reject", data={"by": "Sam Lee", "csrf": csrf})  # no reason
    assert r.status_code == 409 and _state(batch, key).decision == "approved"
    r = client.post(f"/c/{key}/reject", data={"by": "Sam", "note": "wrong", "csrf": csrf})
    assert r.status_code == 302 and _state(batch, key).decision == "rejected"


def test_an_approval_made_while_a_batch_runs_is_kept(client, batch: Path) -> None:
    """The batch marks another contact running and done around the approval: one state."""
    with BatchState.open(batch, create=False, durable=False) as running:
        assert running.mark_running("omar-haddad--acme-corp", "research")
        r = client.post("/c/jane-doe--acme-corp/approve", data={"by": "Sam", "csrf": _csrf(client)})
        assert r.status_code == 302
        r = client.post(
            "/c/omar-haddad--acme-corp/approve", data={"by": "Sam", "csrf": _csrf(client)}
        )
        assert r.status_code == 409 and "being built right now" in r.get_data(as_text=True)
        running.mark_failed("omar-haddad--acme-corp", "stopped")
    assert _state(batch, "jane-doe--acme-corp").decision == "approved"
    out = CliRunner().invoke(cli, ["review", "list", "--batch", str(batch)])
    assert re.search(r"jane-doe--acme-corp\s+done\s+approved", out.output), out.output


# --- notes -----------------------------------------------------------------------------------


def test_note_override_refused_by_the_ask_guard(client, batch: Path) -> None:
    key = "jane-doe--acme-corp"
    folder = batch / key
    r = client.post(
        f"/c/{key}/note/1", data={"csrf": _csrf(client), "text": ASKING, "action": "save"}
    )
    html = r.get_data(as_text=True)
    assert r.status_code == 409 and "was not saved" in html and "pitch" in html
    assert "we would love to pitch for your business" in html  # what was typed is kept
    assert not (folder / "note-1.override.md").exists()
    assert (folder / "note-1.md").read_text() == NOTE


def test_note_check_save_survives_and_reset(client, batch: Path) -> None:
    key = "jane-doe--acme-corp"
    folder = batch / key
    csrf = _csrf(client)
    r = client.post(f"/c/{key}/note/1", data={"csrf": csrf, "text": ASKING, "action": "check"})
    assert r.status_code == 200 and "pitch" in r.get_data(as_text=True)
    assert not (folder / "note-1.override.md").exists()  # a check saves nothing
    edited = NOTE.replace("Congratulations", "Many congratulations")
    r = client.post(
        f"/c/{key}/note/1", data={"csrf": csrf, "text": edited, "action": "save", "by": "Sam"}
    )
    assert r.status_code == 302
    assert (folder / "note-1.override.md").read_text() == edited
    assert "Many congratulations" in (folder / "note-1.md").read_text()
    assert b"Many congratulations" in (folder / "note-1.eml").read_bytes()
    assert b"b.pdf" in (folder / "note-1.eml").read_bytes()  # the attachment is kept
    assert any(h["action"] == "edited-note" for h in _history(batch, key))
    html = client.get(f"/c/{key}").get_data(as_text=True)
    assert "your wording" in html
    r = client.post(f"/c/{key}/note/1", data={"csrf": csrf, "action": "reset", "text": ""})
    assert r.status_code == 302 and not (folder / "note-1.override.md").exists()
    assert client.post(f"/c/{key}/note/3", data={"csrf": csrf}).status_code == 404


def _history(batch: Path, key: str) -> list[dict]:
    with BatchState.open(batch, create=False) as state:
        return state.history(key)


def test_approval_refused_when_a_note_fails_the_guard(client, batch: Path) -> None:
    """An edit made outside the app (by hand) is checked at approval, in the app and the CLI."""
    key = "jane-doe--acme-corp"
    (batch / key / "note-1.md").write_text(ASKING, encoding="utf-8")
    r = client.post(f"/c/{key}/approve", data={"by": "Sam", "csrf": _csrf(client)})
    assert r.status_code == 409 and "fail the check" in r.get_data(as_text=True)
    out = CliRunner().invoke(cli, ["review", "approve", key, "--batch", str(batch)])
    assert out.exit_code == 1 and "fail the check" in out.output
    assert _state(batch, key).decision is None


def test_a_warning_to_fix_before_sending_needs_the_box_ticked(client, batch: Path) -> None:
    key = "jane-doe--acme-corp"
    with BatchState.open(batch, create=False) as state:
        state.upsert(
            key,
            warnings=[{"kind": "greeting", "message": "First name unclear for Jane Doe"}],
        )
    html = client.get(f"/c/{key}").get_data(as_text=True)
    assert 'id="accept-warnings"' in html and "Fix before sending" in html
    r = client.post(f"/c/{key}/approve", data={"by": "Sam", "csrf": _csrf(client)})
    assert r.status_code == 409 and "say to fix something before sending" in r.get_data(
        as_text=True
    )
    assert _state(batch, key).decision is None
    r = client.post(
        f"/c/{key}/approve",
        data={"by": "Sam", "csrf": _csrf(client), "accept_warnings": "yes"},
    )
    assert r.status_code == 302
    c = _state(batch, key)
    assert c.decision == "approved" and c.acknowledged["by"] == "Sam"
    assert "Warnings accepted by Sam" in client.get(f"/c/{key}").get_data(as_text=True)


# --- corrections, rebuild, export ------------------------------------------------------------


def test_fact_correction_needs_the_recorded_overrides_folder(client, batch: Path) -> None:
    key = "jane-doe--acme-corp"
    data = {"csrf": _csrf(client), "field": "employees", "value": "1,200", "note": "annual report"}
    r = client.post(f"/c/{key}/correct", data=data)
    assert r.status_code == 409 and "overrides folder" in r.get_data(as_text=True)


def test_fact_correction_written_to_the_overrides_file(client, batch: Path, tmp_path) -> None:
    import tomllib

    from dossier.batch.options import OPTIONS_META

    overrides = tmp_path / "overrides"
    with BatchState.open(batch, create=False) as state:
        state.set_meta(
            OPTIONS_META,
            json.dumps({"contacts": str(tmp_path / "moved.csv"), "overrides_dir": str(overrides)}),
        )
    key = "jane-doe--acme-corp"
    data = {
        "csrf": _csrf(client),
        "field": "employees",
        "value": "1,200",
        "note": "annual report",
        "by": "Sam",
    }
    r = client.post(f"/c/{key}/correct", data=data)
    assert r.status_code == 302, r.get_data(as_text=True)
    saved = tomllib.loads((overrides / "acme-corp.toml").read_text())
    assert saved["set"]["employees"] == 1200 and "annual report" in saved["note"]
    data["field"] = "not_a_field"
    r = client.post(f"/c/{key}/correct", data=data)
    assert r.status_code == 409 and "not a field" in r.get_data(as_text=True)


def test_rebuild_says_why_it_cannot_run(client, app) -> None:
    key = "jane-doe--acme-corp"
    r = client.post(f"/c/{key}/rebuild", data={"csrf": _csrf(client)})
    assert r.status_code == 302
    job = app.config["REVIEW"].jobs[key]
    job.thread.join(30)
    assert job.done and "did not record its options" in job.error
    html = client.get(f"/c/{key}").get_data(as_text=True)
    assert "did not record its options" in html


def test_export_zip_and_calendar(client, batch: Path) -> None:
    assert client.get("/export/drafts.zip").status_code == 404  # nothing approved yet
    client.post("/c/jane-doe--acme-corp/approve", data={"by": "Sam", "csrf": _csrf(client)})
    r = client.get("/export/drafts.zip")
    assert r.status_code == 200 and r.mimetype == "application/zip"
    names = zipfile.ZipFile(io.BytesIO(r.data)).namelist()
    assert names == ["jane-doe--acme-corp--note-1.eml"]
    ics = client.get("/export/follow-up.ics")
    assert ics.status_code == 200 and ics.get_data(as_text=True).startswith("BEGIN:VCALENDAR")


# --- exact names in the CLI (issue #12) ------------------------------------------------------


def test_cli_matches_accents_and_refuses_a_prefix(batch: Path) -> None:
    with BatchState.open(batch, create=False) as state:
        state.upsert("zoe--acme-corp", name="Zoë Ångström-Øvergaard", company="Acme Corp")
        state.upsert("jane-roe--acme-corp", name="Jane Roe", company="Acme Corp")
    out = CliRunner().invoke(
        cli, ["review", "reject", "Zoe Angstrom-Overgaard", "--batch", str(batch), "--note", "x"]
    )
    assert out.exit_code == 0 and "rejected zoe--acme-corp" in out.output
    out = CliRunner().invoke(cli, ["review", "approve", "Jane", "--batch", str(batch)])
    assert out.exit_code == 1
    assert "jane-doe--acme-corp" in out.output and "jane-roe--acme-corp" in out.output
    assert _state(batch, "jane-doe--acme-corp").decision is None


def test_serve_without_a_batch_says_what_to_do(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    out = CliRunner().invoke(cli, ["review", "serve"])
    assert out.exit_code != 0 and "No batch folder under output/" in out.output
    out = CliRunner().invoke(cli, ["review", "serve", "--batch", str(tmp_path / "nothing")])
    assert out.exit_code != 0 and "holds no dossier batch" in out.output


def test_newest_batch_is_the_last_one_updated(tmp_path: Path) -> None:
    import os

    from dossier.batch.overview import newest_batch

    for i, name in enumerate(("older", "newer")):
        with BatchState.open(tmp_path / "output" / name):
            pass
        os.utime(tmp_path / "output" / name / "state.sqlite", (1_000_000 + i, 1_000_000 + i))
    assert newest_batch(tmp_path / "output").name == "newer"


@pytest.mark.pdf
def test_rebuild_one_contact_of_a_real_batch(tmp_path: Path, monkeypatch) -> None:
    """A real offline batch: choose the agency in the app, rebuild that contact alone with the
    batch's recorded options, approve; the other contact is not rebuilt."""
    from .conftest import APPLE_SNAPSHOT
    from .test_review_browser import ARTICLES

    monkeypatch.chdir(tmp_path)
    (tmp_path / "articles.jsonl").write_text(ARTICLES, encoding="utf-8")
    (tmp_path / "moved.csv").write_text(
        "Name,E-mail,New company,Owner\nOmar Haddad,omar@example.com,Apple Inc.,Sam Lee\n"
        "Jane Doe,jane@example.com,Apple Inc.,Ana Ruiz\n",
        encoding="utf-8",
    )
    args = ["batch", "moved.csv", "--out", "out", "--offline", str(APPLE_SNAPSHOT)]
    r = CliRunner().invoke(cli, [*args, "--articles", "articles.jsonl", "--quiet"])
    assert r.exit_code == 0, r.output
    batch = tmp_path / "out" / "moved"
    jane_before = _state(batch, "jane-doe--apple-inc").finished_at
    app = create_app(batch, token="t")
    client = app.test_client()
    client.get("/?token=t")
    key = "omar-haddad--apple-inc"
    csrf = _csrf(client, f"/c/{key}")
    client.post(f"/c/{key}/agency", data={"csrf": csrf, "role": "creative", "agency": "Droga5"})
    assert _state(batch, key).needs_rebuild
    monkeypatch.chdir(tmp_path / "out")  # the recorded options are absolute paths
    assert client.post(f"/c/{key}/rebuild", data={"csrf": csrf}).status_code == 302
    job = app.config["REVIEW"].jobs[key]
    job.thread.join(300)
    assert job.done and not job.error, job.error
    c = _state(batch, key)
    assert c.status == "done" and not c.needs_rebuild
    assert (batch / key / "agency-profile.pdf").is_file()
    assert "Droga5" in (batch / key / "note-1.txt").read_text()
    assert _state(batch, "jane-doe--apple-inc").finished_at == jane_before
    r = client.post(
        f"/c/{key}/approve", data={"csrf": csrf, "by": "Sam Lee", "accept_warnings": "yes"}
    )  # the bundled example's data is acknowledged
    assert r.status_code == 302 and _state(batch, key).decision == "approved"
    r = client.post(f"/c/{key}/rebuild", data={"csrf": csrf})
    job = app.config["REVIEW"].jobs[key]
    job.thread.join(30)
    assert "approved and locked" in job.error


def test_the_crm_priority_and_its_reasons_show_on_both_pages(batch: Path) -> None:
    reasons = [
        {"signal": "seniority", "points": 30, "max": 30, "text": "C-level marketing leadership"},
        {"signal": "relationship", "points": 0, "max": 0, "text": "not in the export"},
    ]
    with BatchState.open(batch, create=False) as state:
        state.set_follow_up({"omar-haddad--acme-corp": (82, reasons, [])})
    app = create_app(batch, token="test-token")
    c = app.test_client()
    c.get("/?token=test-token")
    page = c.get("/").get_data(as_text=True)
    assert "priority 82 high" in page
    assert 'title="C-level marketing leadership (30/30)"' in page
    detail = c.get("/c/omar-haddad--acme-corp").get_data(as_text=True)
    assert "Priority 82 (high): C-level marketing leadership (30/30)" in detail
    assert "not in the export" not in detail  # a signal worth no points is not a reason


def _not_looked_for(batch: Path) -> None:
    """Eve's agency was not looked for (its sources could not be read)."""
    with BatchState.open(batch, create=False) as state:
        state.mark_done(
            "eve--acme-corp",
            outputs={},
            agency_roles={"creative": {"agency": None, "status": "none", "searched": False}},
        )


def test_contact_page_says_when_the_agency_was_not_looked_for(client, batch: Path) -> None:
    _not_looked_for(batch)
    html = client.get("/c/eve--acme-corp").get_data(as_text=True)
    assert "Not looked for: the sources that report agencies could not be read." in html
    other = client.get("/c/jane-doe--acme-corp").get_data(as_text=True)
    assert "Not looked for" not in other


def test_batch_page_says_when_the_agency_was_not_looked_for(client, batch: Path) -> None:
    _not_looked_for(batch)
    html = client.get("/").get_data(as_text=True)
    assert html.count("creative: not looked for") == 1
