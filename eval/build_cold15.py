"""Build the three cold collections of round cold15 (3 December 2026) from their working files.

``eval/agency/dev14_raw.jsonl``     -> ``eval/agency/dev14.jsonl``     (ids ``ag14-NNNN``)
``eval/neutrality/dev12_raw.jsonl`` -> ``eval/neutrality/dev12.jsonl`` (ids ``nv12-NNNN``)
``eval/asks/dev15_raw.jsonl``       -> ``eval/asks/dev15.jsonl``       (ids ``ak15-NNNN``)

Each working line is one item copied verbatim from an excerpt of the ``search`` tool's ``pages``
corpus, in its suite's record format without the id. Usage: ``python eval/build_cold15.py``
(writes the three files; exits 1 on any problem, writing nothing).

The refusals are those of ``eval/cold_builder.py``.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from cold_builder import Round  # noqa: E402

# (corpus folder, working file, output stem, id prefix, text fields)
PARTS = (
    ("agency", "dev14_raw", "dev14", "ag14", ("snippet", "headline")),
    ("neutrality", "dev12_raw", "dev12", "nv12", ("text",)),
    ("asks", "dev15_raw", "dev15", "ak15", ("text",)),
)
ROUND = Round(PARTS)

if __name__ == "__main__":
    sys.exit(ROUND.main())
