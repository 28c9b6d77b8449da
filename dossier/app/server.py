"""The review app's routes (Flask), and :func:`serve` to run it on 127.0.0.1.

Routes only: each one opens the batch state, calls a library function, and renders a page or
redirects. Every refusal the library raises (ReviewRefused, ConfigError, RenderError) is shown
on the page it came from, with what the reviewer typed kept.

Security, for a local app that holds client names:

- it listens on 127.0.0.1 only;
- every request needs the per-run secret token: given once in the URL printed at start (then
  kept in an HttpOnly, SameSite=Strict cookie and dropped from the address bar), like Jupyter;
- the Host header must be 127.0.0.1 or localhost (a DNS-rebinding page cannot reach it);
- every POST carries the per-run CSRF token (and, when the browser sends one, a same-origin
  Origin header);
- every value is escaped (Jinja autoescape), no asset comes from outside, and a strict
  Content-Security-Policy forbids scripts, frames and foreign forms;
- a file is served only from the contact's own folder inside the batch, of a known type.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import secrets
import threading
import webbrowser
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from flask import (
    Flask,
    Response,
    abort,
    flash,
    redirect,
    render_template,
    request,
    url_for,
)
from werkzeug.serving import make_server

from ..batch.calendar import follow_up_ics
from ..batch.corrections import Correction, correct_contact, settable_fields
from ..batch.decide import approve, blocking_warnings
from ..batch.export import drafts_zip
from ..batch.notes import NOTES, check_text, notes, reset_note, save_note
from ..batch.overview import (
    ADVICE,
    DEFAULT_ADVICE,
    STAGE_LABELS,
    STAGES,
    agency_roles,
    company_override_names,
    contact_folder,
    counts,
    read_review,
    sort_key,
    standing,
)
from ..batch.pages import page_images
from ..batch.records import current_user
from ..batch.rerun import rebuild_contact
from ..batch.state import BatchState, ContactState
from ..errors import DossierError

ALLOWED_HOSTS = frozenset({"127.0.0.1", "localhost"})
CSP = (
    "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; "
    "frame-ancestors 'none'; base-uri 'none'"
)
#: A document from the batch folder opens in the browser's own viewer: no script of ours runs.
FILE_CSP = "default-src 'none'; object-src 'self'; img-src 'self'; style-src 'unsafe-inline'"
FILE_TYPES = {
    ".pdf": ("application/pdf", False),
    ".png": ("image/png", False),
    ".eml": ("message/rfc822", True),
    ".ics": ("text/calendar; charset=utf-8", True),
    ".txt": ("text/plain; charset=utf-8", False),
    ".md": ("text/plain; charset=utf-8", False),
    ".json": ("application/json; charset=utf-8", False),
}
NONE_CHOICE = "__none__"
REVIEWER_COOKIE = "dossier_reviewer"
MAX_FORM_BYTES = 256_000


@dataclass
class Job:
    """A rebuild started from the contact page, run in a thread."""

    key: str
    started: str
    lines: list[str] = field(default_factory=list)
    error: str = ""
    done: bool = False
    thread: threading.Thread | None = None


@dataclass
class ReviewApp:
    """The per-run settings of one app: its batch and its secrets."""

    batch_dir: Path
    token: str
    csrf: str
    jobs: dict[str, Job] = field(default_factory=dict)
    lock: threading.Lock = field(default_factory=threading.Lock)

    @property
    def cookie(self) -> str:
        """The token cookie's name: one per run, so two apps on two ports never mix."""
        return "dossier_review_" + hashlib.sha256(self.token.encode()).hexdigest()[:10]

    def state(self) -> BatchState:
        return BatchState.open(self.batch_dir, create=False)


def create_app(batch_dir: Path, token: str | None = None) -> Flask:
    """The Flask app for the batch folder ``batch_dir`` (its state must exist)."""
    batch_dir = Path(batch_dir).resolve()
    with BatchState.open(batch_dir, create=False):
        pass  # a clear ConfigError now, not on the first page
    cfg = ReviewApp(batch_dir, token or secrets.token_urlsafe(32), secrets.token_urlsafe(32))
    app = Flask(__name__)
    app.secret_key = secrets.token_bytes(32)
    app.config.update(
        REVIEW=cfg,
        MAX_CONTENT_LENGTH=MAX_FORM_BYTES,
        SESSION_COOKIE_HTTPONLY=True,
        SESSION_COOKIE_SAMESITE="Strict",
        SESSION_COOKIE_NAME=cfg.cookie + "_s",
    )
    app.jinja_env.autoescape = True
    app.jinja_env.globals.update(
        csrf_token=cfg.csrf,
        stage_labels=STAGE_LABELS,
        advice=ADVICE,
        default_advice=DEFAULT_ADVICE,
        batch_name=batch_dir.name,
    )
    _guards(app, cfg)
    _routes(app, cfg)
    return app


# --- the guards ------------------------------------------------------------------------------


def _host_allowed(host: str) -> bool:
    name = host.rsplit(":", 1)[0] if not host.startswith("[") else host
    return name.casefold() in ALLOWED_HOSTS


def _guards(app: Flask, cfg: ReviewApp) -> None:
    @app.before_request
    def check() -> Any:
        if not _host_allowed(request.host):
            abort(403, "This app answers only to 127.0.0.1 or localhost.")
        given = request.args.get("token")
        if given is not None:
            if not hmac.compare_digest(given, cfg.token):
                abort(403, "Wrong token: open the URL dossier review serve printed.")
            args = {k: v for k, v in request.args.items() if k != "token"}
            resp = redirect(request.path + (f"?{_query(args)}" if args else ""))
            resp.set_cookie(cfg.cookie, cfg.token, httponly=True, samesite="Strict")
            return resp
        if not hmac.compare_digest(request.cookies.get(cfg.cookie, ""), cfg.token):
            abort(403, "Open the URL dossier review serve printed (it carries the token).")
        if request.method == "POST":
            origin = request.headers.get("Origin")
            if origin and not _host_allowed(urlsplit(origin).netloc or "-"):
                abort(403, "A form from another site was refused.")
            if not hmac.compare_digest(request.form.get("csrf", ""), cfg.csrf):
                abort(400, "The form was stale or not from this app (CSRF token); reload.")
        return None

    @app.after_request
    def headers(resp: Response) -> Response:
        resp.headers.setdefault("Content-Security-Policy", CSP)
        resp.headers["X-Content-Type-Options"] = "nosniff"
        resp.headers["X-Frame-Options"] = "DENY"
        resp.headers["Referrer-Policy"] = "same-origin"  # Origin stays sent on our own forms
        resp.headers["Cache-Control"] = "no-store"
        resp.headers["Cross-Origin-Resource-Policy"] = "same-origin"
        return resp

    @app.errorhandler(400)
    @app.errorhandler(403)
    @app.errorhandler(404)
    @app.errorhandler(413)
    def refused(exc: Any) -> tuple[str, int]:
        code = getattr(exc, "code", 400) or 400
        return render_template("refused.html", message=exc.description, code=code), code


def _query(args: dict[str, str]) -> str:
    from urllib.parse import urlencode

    return urlencode(args)


# --- the pages -------------------------------------------------------------------------------


def _roles_line(c: ContactState) -> list[dict[str, Any]]:
    profiled = c.profiled_role()
    return [
        {
            "role": r,
            **c.role_state(r),
            "profiled": r == profiled and bool(c.role_state(r).get("agency")),
        }
        for r in c.roles()
    ]


def batch_view(state: BatchState, args: Any) -> dict[str, Any]:
    """Everything the batch page shows, filtered by ``args`` (owner, stage, warnings)."""
    all_standings = sorted((standing(state, c) for c in state.contacts()), key=sort_key)
    owner, stage, warned = args.get("owner", ""), args.get("stage", ""), args.get("warnings", "")
    shown = [
        s
        for s in all_standings
        if (not owner or (s.contact.owner or "") == owner)
        and (not stage or s.stage == stage)
        and (warned != "yes" or s.contact.warnings)
        and (warned != "no" or not s.contact.warnings)
    ]
    groups: dict[str, list[dict[str, Any]]] = {}
    for s in shown:
        kinds = Counter(str(w.get("kind") or "note") for w in s.contact.warnings)
        groups.setdefault(s.contact.owner or "No owner", []).append(
            {
                "s": s,
                "c": s.contact,
                "roles": _roles_line(s.contact),
                "kinds": sorted(kinds.items()),
            }
        )
    return {
        "counts": counts(all_standings),
        "total": sum(1 for s in all_standings if s.contact.current),
        "groups": sorted(groups.items(), key=lambda kv: (kv[0] == "No owner", kv[0].casefold())),
        "owners": sorted(
            {s.contact.owner for s in all_standings if s.contact.owner}, key=str.casefold
        ),
        "stages": STAGES,
        "filters": {"owner": owner, "stage": stage, "warnings": warned},
        "skipped": state.skipped_rows(),
        "shown": len(shown),
    }


def contact_view(cfg: ReviewApp, state: BatchState, key: str) -> dict[str, Any]:
    """Everything the contact page shows."""
    c = state.get(key)
    if c is None:
        abort(404, "No such contact in this batch.")
    record = read_review(state, c)
    folder = contact_folder(state, c)
    documents = []
    others = []
    for rel in sorted(c.outputs.values()):
        base = Path(rel).name
        if folder is None or Path(rel).parent.name != folder.name:
            continue
        if base.endswith(".pdf"):
            pages = page_images(folder / base) if (folder / base).is_file() else []
            documents.append(
                {"label": _doc_label(base), "file": base, "pages": [p.name for p in pages]}
            )
        elif Path(base).suffix in FILE_TYPES:
            others.append(base)
    warnings = [
        {**w, "advice": ADVICE.get(str(w.get("kind") or ""), DEFAULT_ADVICE)} for w in c.warnings
    ]
    job = cfg.jobs.get(key)
    return {
        "c": c,
        "s": standing(state, c),
        "record": record,
        "roles": agency_roles(c, record),
        "notes": notes(state, c),
        "warnings": warnings,
        "blocking": blocking_warnings(c),
        "documents": documents,
        "others": others,
        "history": list(reversed(state.history(key))),
        "fields": settable_fields(),
        "company_names": company_override_names(c, record),
        "job": job,
        "running": c.status == "running" or (job is not None and not job.done),
    }


def _doc_label(name: str) -> str:
    stem = name.removesuffix(".pdf")
    return {"company-report": "Company report", "agency-profile": "Agency profile"}.get(
        stem, stem.replace("-", " ").capitalize()
    )


def _reviewer() -> str:
    by = " ".join(request.form.get("by", "").split())[:120]
    return by or request.cookies.get(REVIEWER_COOKIE, "") or current_user()


def _remember(resp: Any, by: str) -> Any:
    if by:
        resp.set_cookie(REVIEWER_COOKIE, by, httponly=True, samesite="Strict")
    return resp


def _routes(app: Flask, cfg: ReviewApp) -> None:
    def page(key: str, error: str = "", code: int = 200, **extra: Any) -> tuple[str, int]:
        with cfg.state() as state:
            view = contact_view(cfg, state, key)
        by = request.cookies.get(REVIEWER_COOKIE, "") or current_user()
        return (
            render_template("contact.html", error=error, by=by, **({"drafts": {}} | view | extra)),
            code,
        )

    def done(key: str, message: str, by: str = "") -> Any:
        flash(message)
        return _remember(redirect(url_for("contact", key=key)), by)

    def act(key: str, fn: Callable[[BatchState, str], str], **extra: Any) -> Any:
        by = _reviewer()
        try:
            with cfg.state() as state:
                if state.get(key) is None:
                    abort(404, "No such contact in this batch.")
                message = fn(state, by)
        except DossierError as exc:
            return page(key, error=str(exc), code=409, **extra)
        return done(key, message, by)

    @app.get("/")
    def index() -> Any:
        with cfg.state() as state:
            view = batch_view(state, request.args)
        return render_template("batch.html", **view)

    @app.get("/c/<key>")
    def contact(key: str) -> Any:
        return page(key)[0]

    @app.get("/c/<key>/file/<name>")
    def contact_file(key: str, name: str) -> Any:
        return _send(cfg, key, name)

    @app.get("/c/<key>/page/<name>")
    def page_image(key: str, name: str) -> Any:
        return _send(cfg, key, name, pages=True)

    @app.post("/c/<key>/approve")
    def approve_contact(key: str) -> Any:
        note = request.form.get("note", "")
        accept = request.form.get("accept_warnings") == "yes"

        def go(state: BatchState, by: str) -> str:
            approve(state, key, by, note, accept_warnings=accept)
            return f"Approved by {by}. The documents are locked; export the drafts when ready."

        return act(key, go)

    @app.post("/c/<key>/reject")
    def reject_contact(key: str) -> Any:
        note = " ".join(request.form.get("note", "").split())

        def go(state: BatchState, by: str) -> str:
            if not note:
                raise _refused("Say why the documents are rejected (the note is required).")
            state.reject(key, by, note)
            return f"Rejected by {by}: {note}"

        return act(key, go)

    @app.post("/c/<key>/agency")
    def choose(key: str) -> Any:
        role = request.form.get("role", "")
        value = request.form.get("agency", "")
        other = " ".join(request.form.get("other", "").split())
        name = None if value == NONE_CHOICE else (other if value == "__other__" else value)

        def go(state: BatchState, by: str) -> str:
            if name is not None and not name.strip():
                raise _refused("Choose an agency, type its name, or choose none.")
            state.choose_agency(key, role, name, by, request.form.get("note", ""))
            return (
                f"Chose {name or 'no agency'} as the {role} agency. Rebuild the contact so the "
                "documents show it, then approve."
            )

        return act(key, go)

    @app.post("/c/<key>/note/<int:which>")
    def note(key: str, which: int) -> Any:
        text = request.form.get("text", "")
        action = request.form.get("action", "save")
        if which not in NOTES:
            abort(404, "There is no such note.")
        if action == "check":
            with cfg.state() as state:
                found = check_text(state, key, text)
            return page(key, drafts={which: text}, checked={which: found})[0]

        def go(state: BatchState, by: str) -> str:
            if action == "reset":
                removed = reset_note(state, key, which, by)
                return (
                    f"Note {which} goes back to the template at the next rebuild."
                    if removed
                    else f"Note {which} already used the template."
                )
            found = save_note(state, key, which, text, by)
            tail = f" ({len(found)} point(s) to read)" if found else " It passes the check."
            return f"Saved note {which}; it is kept through rebuilds.{tail}"

        return act(key, go, drafts={which: text})

    @app.post("/c/<key>/correct")
    def correct(key: str) -> Any:
        f = request.form
        fix = Correction(
            field=f.get("field", ""),
            value=f.get("value", ""),
            period=f.get("period", ""),
            currency=f.get("currency", ""),
            role=f.get("person_role", ""),
            remove=f.get("remove") == "yes",
            note=f.get("note", ""),
            by="",
        )

        def go(state: BatchState, by: str) -> str:
            from dataclasses import replace

            path = correct_contact(
                state, key, replace(fix, by=by), target=f.get("target", "company")
            )
            return f"Saved in {path.name}; rebuild the contact to see it in the documents."

        return act(key, go)

    @app.post("/c/<key>/rebuild")
    def rebuild(key: str) -> Any:
        by = _reviewer()
        with cfg.lock:
            job = cfg.jobs.get(key)
            if job is not None and not job.done:
                return done(key, "A rebuild of this contact is already running.", by)
            job = Job(key, datetime.now(UTC).strftime("%H:%M:%S UTC"))
            cfg.jobs[key] = job
        job.thread = threading.Thread(target=_rebuild, args=(cfg, job), daemon=True)
        job.thread.start()
        return done(key, "Rebuilding; this page refreshes until it has finished.", by)

    @app.get("/export/drafts.zip")
    def export_zip() -> Any:
        with cfg.state() as state:
            data, names, _skipped = drafts_zip(state)
        if not names:
            abort(404, "No approved contact has a draft to export yet.")
        resp = Response(data, mimetype="application/zip")
        resp.headers["Content-Disposition"] = (
            f'attachment; filename="{cfg.batch_dir.name}-approved-drafts.zip"'
        )
        return resp

    @app.get("/export/follow-up.ics")
    def export_ics() -> Any:
        with cfg.state() as state:
            text = follow_up_ics(state.entries(), datetime.now(UTC).date())
        resp = Response(text, mimetype="text/calendar")
        resp.headers["Content-Disposition"] = 'attachment; filename="follow-up.ics"'
        return resp


def _ascii(name: str) -> str:
    return "".join(
        ch if ch.isascii() and ch.isprintable() and ch not in '"\\' else "_" for ch in name
    )


def _refused(message: str) -> DossierError:
    from ..batch.state import ReviewRefused

    return ReviewRefused(message)


def _rebuild(cfg: ReviewApp, job: Job) -> None:
    def progress(message: str, _counts: dict[str, int]) -> None:
        job.lines.append(message)
        del job.lines[:-20]

    try:
        rebuild_contact(cfg.batch_dir, job.key, progress)
        job.lines.append("Finished.")
    except DossierError as exc:
        job.error = str(exc)
    except Exception as exc:  # a thread must say what went wrong, not vanish
        job.error = f"The rebuild failed: {type(exc).__name__}: {exc}"
    finally:
        job.done = True


def _send(cfg: ReviewApp, key: str, name: str, pages: bool = False) -> Any:
    """A file of the contact's own folder (or its page images), after every path check."""
    with cfg.state() as state:
        c = state.get(key)
        folder = contact_folder(state, c) if c is not None else None
    if folder is None or "/" in name or "\\" in name or name.startswith("."):
        abort(404, "No such file.")
    base = folder / ".pages" if pages else folder
    path = base / name
    suffix = path.suffix.casefold()
    root = os.path.realpath(folder)
    real = os.path.realpath(path)
    if (
        suffix not in FILE_TYPES
        or not real.startswith(root + os.sep)
        or not os.path.isfile(real)
        or path.name.endswith(".override.md")
    ):
        abort(404, "No such file.")
    mimetype, attachment = FILE_TYPES[suffix]
    with open(real, "rb") as fh:  # our own outputs, a few MB at most: read whole, no handle kept
        resp = Response(fh.read(), mimetype=mimetype)
    how = "attachment" if attachment else "inline"
    resp.headers["Content-Disposition"] = f'{how}; filename="{_ascii(path.name)}"'
    resp.headers["Content-Security-Policy"] = FILE_CSP
    return resp


# --- running it ------------------------------------------------------------------------------


def serve(
    batch_dir: Path,
    port: int = 0,
    open_browser: bool = False,
    on_ready: Callable[[str], None] | None = None,
) -> None:
    """Serve the review app for ``batch_dir`` on 127.0.0.1 (a free port when ``port`` is 0)
    until interrupted; ``on_ready`` gets the URL (with its token) once it listens."""
    app = create_app(batch_dir)
    cfg: ReviewApp = app.config["REVIEW"]
    server = make_server("127.0.0.1", port, app, threaded=True)
    url = f"http://127.0.0.1:{server.server_port}/?token={cfg.token}"
    if on_ready is not None:
        on_ready(url)
    if open_browser:
        webbrowser.open(url)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
