"""The options of the last batch run, kept in the state so the review app can repeat it.

Kept as JSON under the state's ``meta`` name ``options``: the sheet, the snapshot, formats,
news window, overrides folder, brand, templates and articles, paths made absolute (a rebuild
may start from another folder). This module does not import the batch run (which records them
through it); :mod:`dossier.batch.rerun` turns them back into ``BatchOptions``.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from .state import BatchState

OPTIONS_META = "options"
PATHS = ("contacts", "out_dir", "offline", "brand", "templates", "overrides_dir", "firm")
KEPT = (
    *PATHS,
    "sheet",
    "formats",
    "news_days",
    "cache",
    "follow_up",
    "agency_years",
    "articles",
    "workers",
    "pdf_processes",
)


def record_options(state: BatchState, opts: Any) -> None:
    """Keep the options of this batch run in the state, paths made absolute."""
    data: dict[str, Any] = {}
    for name in KEPT:
        value = getattr(opts, name, None)
        if name in PATHS:
            data[name] = str(Path(value).resolve()) if value is not None else None
        elif name == "articles":
            data[name] = [str(Path(p).resolve()) for p in value or ()]
        elif name == "formats":
            data[name] = list(value or ())
        else:
            data[name] = value
    state.set_meta(OPTIONS_META, json.dumps(data, ensure_ascii=False))


def recorded_values(state: BatchState) -> dict[str, Any] | None:
    """The recorded options as keyword arguments (paths as Path), or None when this batch was
    made by a dossier that did not record them."""
    raw = state.meta(OPTIONS_META)
    try:
        data = json.loads(raw) if raw else None
    except ValueError:
        return None
    if not isinstance(data, dict) or not data.get("contacts"):
        return None
    out: dict[str, Any] = {}
    for name, value in data.items():
        if name not in KEPT:
            continue
        if name in PATHS:
            if value:
                out[name] = Path(value)
            elif name != "out_dir":
                out[name] = None
        elif name == "articles":
            out[name] = tuple(Path(p) for p in value or ())
        elif name == "formats":
            out[name] = tuple(value or ())
        else:
            out[name] = value
    return out
