"""Build the cold collections of round cold16 (3 December 2026) from their working files.

``eval/agency/dev15_raw.jsonl``     -> ``eval/agency/dev15.jsonl``     (ids ``ag15-NNNN``)
``eval/neutrality/dev13_raw.jsonl`` -> ``eval/neutrality/dev13.jsonl`` (ids ``nv13-NNNN``)
``eval/asks/dev16_raw.jsonl``       -> ``eval/asks/dev16.jsonl``       (ids ``ak16-NNNN``)

A part whose working file does not exist is skipped (this round gathered only some of them).

Each working line is one item copied verbatim from an excerpt of the ``search`` tool's ``pages``
corpus, in its suite's record format without the id. Usage: ``python eval/build_cold16.py``
(writes the three files; exits 1 on any problem, writing nothing).

The refusals are those of ``eval/cold_builder.py``.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from cold_builder import Round, _h, page_key  # noqa: E402

# (corpus folder, working file, output stem, id prefix, text fields)
PARTS = (
    ("agency", "dev15_raw", "dev15", "ag15", ("snippet", "headline")),
    ("neutrality", "dev13_raw", "dev13", "nv13", ("text",)),
    ("asks", "dev16_raw", "dev16", "ak16", ("text",)),
)
ROUND = Round(PARTS)
known_pages = ROUND.known_pages
known_texts = ROUND.known_texts
build = ROUND.build
__all__ = ["PARTS", "ROUND", "_h", "build", "known_pages", "known_texts", "page_key"]

if __name__ == "__main__":
    sys.exit(ROUND.main())
