"""A briefing PDF page by page, as PNG images for a reviewer's screen.

``<contact folder>/.pages/<pdf stem>-<n>.png``, made with poppler's ``pdftoppm`` (as the
static review page's thumbnails are) and made again only when the PDF is newer. Without
pdftoppm, or for a PDF it cannot read, there are no images and the page links to the PDF.
"""

from __future__ import annotations

import logging
import os
import shutil
import subprocess
import tempfile
from pathlib import Path

log = logging.getLogger(__name__)

PAGES_FOLDER = ".pages"
MAX_PAGES = 20
WIDTH = 700
TIMEOUT = 60


def _existing(pdf: Path, folder: Path) -> list[Path] | None:
    """The images already made for ``pdf`` when none is older than it, else None."""
    found = sorted(
        folder.glob(f"{pdf.stem}-*.png"), key=lambda p: int(p.stem.rsplit("-", 1)[-1] or 0)
    )
    if not found:
        return None
    newest_pdf = pdf.stat().st_mtime
    if any(p.stat().st_mtime < newest_pdf for p in found):
        return None
    return found


def page_images(pdf: Path, width: int = WIDTH, max_pages: int = MAX_PAGES) -> list[Path]:
    """The PDF's pages as PNG images (at most ``max_pages``), [] when they cannot be made."""
    pdf = Path(pdf)
    if not pdf.is_file() or pdf.is_symlink():
        return []
    folder = pdf.parent / PAGES_FOLDER
    if folder.is_dir() and (done := _existing(pdf, folder)) is not None:
        return done
    exe = shutil.which("pdftoppm")
    if exe is None:
        return []
    try:
        folder.mkdir(exist_ok=True)
        with tempfile.TemporaryDirectory(dir=folder, prefix=".render-") as tmp:
            subprocess.run(
                [
                    exe,
                    "-png",
                    "-f",
                    "1",
                    "-l",
                    str(max_pages),
                    "-scale-to-x",
                    str(width),
                    "-scale-to-y",
                    "-1",
                    str(pdf),
                    os.path.join(tmp, "p"),
                ],
                check=True,
                capture_output=True,
                timeout=TIMEOUT,
            )
            made = sorted(Path(tmp).glob("p-*.png"), key=lambda p: int(p.stem.split("-")[-1]))
            for old in folder.glob(f"{pdf.stem}-*.png"):
                old.unlink(missing_ok=True)
            out = []
            for n, p in enumerate(made, start=1):
                target = folder / f"{pdf.stem}-{n}.png"
                os.replace(p, target)
                out.append(target)
            return out
    except (OSError, subprocess.SubprocessError) as exc:
        log.warning("no page images for %s: %s", pdf.name, exc)
        return []
