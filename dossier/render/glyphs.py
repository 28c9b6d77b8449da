"""Characters no font can show in a document: they would print as empty boxes.

The documents set their text in the bundled Inter, and WeasyPrint takes any character Inter
lacks from a font the computer has (through fontconfig). A contact's name in Korean on a
computer without a Korean font prints as boxes, silently. :func:`unshowable` names such
characters so the build can say so to the reviewer before anything is sent.

Inter's character map is read once per machine (:func:`dossier.regexcache.kept`, under a
hash of the font files); the computer's fonts are asked with ``fc-list`` once per block of 128
characters (a font that has one character of a script has the others), and only for
characters Inter lacks, so an English document asks nothing. Where ``fc-list`` is missing
or fails, nothing is said (the answer is not known).
"""

from __future__ import annotations

import shutil
import subprocess
import unicodedata
from collections.abc import Iterable
from functools import lru_cache

from ..config import data_dir
from ..regexcache import kept

#: Character categories that are drawn (letters, marks, numbers, punctuation, symbols).
_DRAWN = frozenset("LMNPS")


@lru_cache(maxsize=1)
def _bundled() -> frozenset[int]:
    """The code points the bundled fonts have."""
    files = sorted(data_dir("templates").joinpath("fonts").glob("*.otf"))
    parts = [f.read_bytes() for f in files]

    def make() -> list[int]:
        from fontTools.ttLib import TTFont  # installed with WeasyPrint

        points: set[int] = set()
        for f in files:
            with TTFont(f, lazy=True) as font:
                points |= set(font.getBestCmap())
        return sorted(points)

    return frozenset(kept("fonts", "bundled-cmap", parts, make, lambda v: isinstance(v, list)))


@lru_cache(maxsize=1024)
def _installed_has(char: str) -> bool | None:
    """Whether a font installed on this computer has ``char``; None when fontconfig cannot
    be asked."""
    fc_list = shutil.which("fc-list")
    if fc_list is None:
        return None
    try:
        done = subprocess.run(
            [fc_list, f":charset={ord(char):x}", "family"],
            capture_output=True,
            text=True,
            timeout=10,
            check=False,
        )
    except (OSError, subprocess.SubprocessError):
        return None
    if done.returncode != 0:
        return None
    return bool(done.stdout.strip())


def unshowable(texts: Iterable[str]) -> list[str]:
    """The characters of ``texts`` that neither the bundled fonts nor an installed font can
    show, in code-point order ([] when none, or when the computer's fonts cannot be asked)."""
    wanted = {
        c for text in texts for c in text if ord(c) > 0x7E and unicodedata.category(c)[0] in _DRAWN
    }
    if not wanted:
        return []
    bundled = _bundled()
    missing: list[str] = []
    blocks: dict[int, bool | None] = {}
    for c in sorted(c for c in wanted if ord(c) not in bundled):
        block = ord(c) >> 7
        if block not in blocks:
            blocks[block] = _installed_has(c)
        has = blocks[block]
        if has is None:
            return []
        if not has:
            missing.append(c)
    return missing


def glyph_warning_text(document: str, texts: Iterable[str]) -> tuple[str, list[str]] | None:
    """The reviewer's message when ``document`` holds characters no font can show, and the
    characters; None when every character can be shown."""
    pieces = [t for t in texts if t]
    missing = unshowable(pieces)
    if not missing:
        return None
    where = next(t for t in pieces if missing[0] in t)
    word = next((w for w in where.split() if missing[0] in w), missing[0])
    shown = " ".join(missing[:12]) + (" ..." if len(missing) > 12 else "")
    return (
        f"The {document} holds characters no font on this computer can show ({shown}; first "
        f"in “{word[:40]}”): they print as empty boxes. Install a font that has them (for "
        "Chinese, Japanese or Korean, Noto Sans CJK) and build again, or write the name in "
        "Latin letters.",
        missing,
    )
