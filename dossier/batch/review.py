"""``review.html``: one page to review a whole batch, grouped by owner, openable from disk.

Links and thumbnails are relative to the batch folder, the CSS is inline, and every value is
autoescaped (a contact's name is data, never markup).
"""

from __future__ import annotations

import logging
import os
import re
import shutil
import stat
import subprocess
import threading
from collections.abc import Mapping
from datetime import datetime
from pathlib import Path, PurePosixPath
from typing import Any
from urllib.parse import quote

from jinja2 import TemplateError

from ..config import Brand
from ..crm.priority import counted
from ..errors import RenderError
from ..fsutil import atomic_write_text
from ..render.env import environment
from .records import safe_parts
from .state import BatchState, inside

log = logging.getLogger(__name__)

TEMPLATE = "review.html.j2"
PAGE = "review.html"
NO_OWNER = "No owner"
THUMB_SUFFIX = ".thumb.png"
PDFTOPPM_TIMEOUT = 60

# (file name, label, primary link) in the order the card shows them.
DOCUMENTS = (
    ("agency-profile.pdf", "Agency profile (PDF)", True),
    ("note-1.md", "Note 1", True),
    ("note-1.eml", "Note 1 draft (.eml)", True),
    ("company-report.pdf", "Company report (PDF)", True),
    ("note-2.md", "Note 2", True),
    ("note-2.eml", "Note 2 draft (.eml)", True),
    ("agency-profile.html", "Agency profile (HTML)", False),
    ("company-report.html", "Company report (HTML)", False),
    ("note-1.txt", "Note 1 (text)", False),
    ("note-2.txt", "Note 2 (text)", False),
    ("facts.json", "Company facts (JSON)", False),
    ("agency-profile.json", "Agency facts (JSON)", False),
)
THUMBNAILS = (("agency-profile.pdf", "Agency profile"), ("company-report.pdf", "Company report"))
STATUS_LABELS = {
    "done": "Built: ready for review",
    "running": "Being built, or interrupted (run the batch again)",
    "pending": "Not built yet",
    "failed": "Could not be built: see the error",
    "skipped": "Skipped: nothing to build",
}
_COLOUR = re.compile(r"^(#[0-9a-fA-F]{3,8}|[a-zA-Z]{3,20})$")


def make_thumbnail(pdf: Path, png: Path, width: int = 180) -> bool:
    """Render the PDF's first page to ``png`` with pdftoppm; False when that is not possible."""
    exe = shutil.which("pdftoppm")
    if exe is None or not pdf.is_file():
        return False
    # pdftoppm appends ".png" to the prefix; write beside the target, then rename.
    prefix = png.with_name(f".{png.stem}.{os.getpid()}-{threading.get_ident()}.tmp")
    produced = prefix.with_name(prefix.name + ".png")
    cmd = [exe, "-png", "-singlefile", "-f", "1", "-l", "1", "-scale-to", str(int(width))]
    try:
        subprocess.run(
            [*cmd, str(pdf), str(prefix)],
            check=True,
            capture_output=True,
            timeout=PDFTOPPM_TIMEOUT,
        )
        if not produced.is_file() or produced.stat().st_size == 0:
            return False
        os.replace(produced, png)
        return True
    except (OSError, subprocess.SubprocessError) as exc:
        log.warning("no preview for %s: %s", pdf, exc)
        return False
    finally:
        produced.unlink(missing_ok=True)


def thumb_name(filename: str) -> str:
    """The file name of a PDF's thumbnail: ``<stem>.thumb.png``."""
    return PurePosixPath(filename).stem + THUMB_SUFFIX


def thumbnail_for(pdf: Path, width: int = 180) -> Path | None:
    """``<stem>.thumb.png`` beside the PDF, made again only when the PDF is newer."""
    png = pdf.with_name(thumb_name(pdf.name))
    try:
        made = pdf.stat()
    except OSError:
        return None
    if not stat.S_ISREG(made.st_mode):
        return None
    try:
        kept = png.stat()
    except OSError:
        pass
    else:
        if stat.S_ISREG(kept.st_mode) and kept.st_mtime >= made.st_mtime:
            return png
    return png if make_thumbnail(pdf, png, width) else None


def _href(parts: list[str]) -> str:
    """A link to the file of these (checked: see :func:`safe_parts`) parts, from the page."""
    return quote("/".join(parts), safe="/")


def _when(iso: str | None) -> str:
    if not iso:
        return ""
    try:
        return datetime.fromisoformat(iso).strftime("%Y-%m-%d %H:%M %Z").strip()
    except ValueError:
        return str(iso)


def _card(batch_dir: Path, manifest: BatchState, key: str, e: Mapping[str, Any]) -> dict[str, Any]:
    # The files are named by their checked parts, as text: a 200-contact page makes about
    # 3,000 links, and a Path for each was a third of the page's time.
    root = os.fspath(batch_dir)
    by_name: dict[str, tuple[str, list[str]]] = {}
    for rel in (e.get("outputs") or {}).values():
        if (parts := safe_parts(rel)) is not None:  # only links are made from these
            by_name.setdefault(parts[-1], (str(rel), parts))
    links = []
    for filename, label, primary in DOCUMENTS:
        if filename not in by_name:
            continue
        parts = by_name[filename][1]
        exists = os.path.isfile(os.path.join(root, *parts))
        links.append({"label": label, "href": _href(parts), "exists": exists, "primary": primary})
    thumbs = []
    for filename, label in THUMBNAILS:
        if filename not in by_name:
            continue
        rel, parts = by_name[filename]
        pdf = inside(batch_dir, rel)  # read by pdftoppm: links must stay inside
        png = thumbnail_for(pdf) if pdf is not None else None
        thumbs.append(
            {
                "label": label,
                "href": _href(parts),
                "src": _href([*parts[:-1], thumb_name(parts[-1])]) if png is not None else None,
            }
        )
    review = dict(e.get("review") or {})
    changed = manifest.changed_since_approval(key) if review.get("decision") == "approved" else []
    agency = e.get("agency")
    return {
        "key": key,
        "name": e.get("name") or key,
        "company": e.get("company") or "",
        "status": e.get("status") or "pending",
        "step": e.get("step") or "",
        "error": e.get("error") or "",
        "agency": agency or "",
        "agency_confirmed": bool(agency and e.get("agency_confirmed")),
        "agency_roles": sorted(  # the profiled agency first
            [
                {
                    "role": role,
                    "agency": v.get("agency") or "",
                    "status": v.get("status") or "none",
                    "by": v.get("chosen_by") or "",
                    "unsearched": v.get("searched") is False,
                    "decided": v.get("decided") or "",  # how: named in the sheet, chosen by ...
                    "profiled": bool(v.get("profiled")),
                    "drafted": v.get("drafted") is not False,
                }
                for role, v in (e.get("agency_status") or {}).items()
            ],
            key=lambda r: not r["profiled"],
        ),
        "needs_rebuild": bool(e.get("needs_rebuild")),
        "current": bool(e.get("in_sheet", True)) and not e.get("replaced_by"),
        "replaced_by": e.get("replaced_by") or "",
        "warnings": [
            {"kind": str(w.get("kind", "")), "message": str(w.get("message", ""))}
            for w in (e.get("warnings") or [])
            if isinstance(w, Mapping)
        ],
        "links": links,
        "thumbs": thumbs,
        "decision": review.get("decision"),
        "review_by": review.get("by") or "",
        "review_at": _when(review.get("at")),
        "review_note": review.get("note") or "",
        "changed": changed,
        "finished_at": _when(e.get("finished_at")),
        # whom to follow first (dossier.crm.follow); None before a run scored the contact
        "priority": e.get("priority"),
        "priority_label": e.get("priority_label") or "",
        "priority_reasons": counted(e.get("priority_reasons")),
    }


def _card_order(c: Mapping[str, Any]) -> tuple[int, str, str]:
    """Highest priority first (unscored last), then by name."""
    p = c.get("priority")
    return (-(p if isinstance(p, int) else -1), str(c["name"]).casefold(), str(c["key"]))


def review_context(batch_dir: Path, manifest: BatchState, brand: Brand) -> dict[str, Any]:
    """Everything review.html.j2 uses: counts, owner groups of contact cards, the skipped
    rows, the contacts no longer in the sheet, the brand."""
    groups: dict[str, list[dict[str, Any]]] = {}
    retired: list[dict[str, Any]] = []
    for key, e in manifest.entries():
        card = _card(batch_dir, manifest, key, e)
        if not card["current"]:
            retired.append(card)
            continue
        owner = str(e.get("owner") or "").strip() or NO_OWNER
        groups.setdefault(owner, []).append(card)
    owners = sorted((o for o in groups if o != NO_OWNER), key=lambda o: (o.casefold(), o))
    if NO_OWNER in groups:
        owners.append(NO_OWNER)
    counts = manifest.summary()
    colours = {
        name: value if _COLOUR.match(value) else getattr(Brand, name)
        for name, value in (
            ("primary", brand.primary),
            ("accent", brand.accent),
            ("text", brand.text),
            ("muted", brand.muted),
        )
    }
    return {
        "brand": brand,
        "colours": colours,
        "batch_name": batch_dir.resolve().name,
        "groups": [
            {
                "owner": o,
                "cards": sorted(groups[o], key=_card_order),
            }
            for o in owners
        ],
        "counts": counts,
        "skipped_rows": [{"row": r, "message": m} for r, m in manifest.skipped_rows()],
        "retired": retired,
        "reviews": manifest.review_counts(),
        "total": sum(counts.values()),
        "status_labels": STATUS_LABELS,
        "generated_at": datetime.now().astimezone().strftime("%Y-%m-%d %H:%M"),
    }


def write_review_page(
    batch_dir: Path, manifest: BatchState, brand: Brand, templates: Path | None = None
) -> Path:
    """Render ``<batch dir>/review.html`` atomically and return its path."""
    batch_dir = Path(batch_dir)
    env = environment(templates)
    try:
        html = env.get_template(TEMPLATE).render(**review_context(batch_dir, manifest, brand))
    except TemplateError as exc:
        raise RenderError(
            f"Template error in {getattr(exc, 'name', None) or TEMPLATE}: {exc}"
        ) from exc
    path = batch_dir / PAGE
    atomic_write_text(path, html)
    return path
