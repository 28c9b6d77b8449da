"""Build the three cold collections of round cold14 (2 December 2026) from their working files.

``eval/agency/dev13_raw.jsonl``   -> ``eval/agency/dev13.jsonl``   (ids ``ag13-NNNN``)
``eval/neutrality/dev11_raw.jsonl`` -> ``eval/neutrality/dev11.jsonl`` (ids ``nv11-NNNN``)
``eval/asks/dev14_raw.jsonl``     -> ``eval/asks/dev14.jsonl``     (ids ``ak14-NNNN``)

Each working line is one item copied verbatim from an excerpt of the ``search`` tool's ``pages``
corpus, in its suite's record format without the id. Usage: ``python eval/build_cold14.py``
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
    ("agency", "dev13_raw", "dev13", "ag13", ("snippet", "headline")),
    ("neutrality", "dev11_raw", "dev11", "nv11", ("text",)),
    ("asks", "dev14_raw", "dev14", "ak14", ("text",)),
)
ROUND = Round(PARTS)

if __name__ == "__main__":
    sys.exit(ROUND.main())
