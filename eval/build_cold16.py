"""Build the cold collection of round cold16 (3 December 2026) from its working file.

``eval/agency/dev15_raw.jsonl`` -> ``eval/agency/dev15.jsonl`` (ids ``ag15-NNNN``)

The round gathered the agency collection only (no lint or ask-guard collection).

Each working line is one item copied verbatim from an excerpt of the ``search`` tool's ``pages``
corpus, in its suite's record format without the id. Usage: ``python eval/build_cold16.py``
(writes the file; exits 1 on any problem, writing nothing).

The refusals are those of ``eval/cold_builder.py``.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from cold_builder import Round  # noqa: E402

# (corpus folder, working file, output stem, id prefix, text fields)
PARTS = (("agency", "dev15_raw", "dev15", "ag15", ("snippet", "headline")),)
ROUND = Round(PARTS)

if __name__ == "__main__":
    sys.exit(ROUND.main())
