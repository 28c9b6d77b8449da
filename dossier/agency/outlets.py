"""Which outlets are trade press or wires (``dossier/data/trade_outlets.toml``). Pure.

The incumbent rule (docs/agency.md) lets one explicit report confirm an agency only when it
comes from a trade or wire outlet, or from a source whose feeds are trade press (the bundled
``trade_press`` source and the company's own newsroom feed).
"""

from __future__ import annotations

import re
import tomllib
from functools import lru_cache
from pathlib import Path
from urllib.parse import urlsplit

from ..errors import ConfigError

OUTLETS_FILE = Path(__file__).resolve().parent.parent / "data" / "trade_outlets.toml"
#: Sources whose every item is trade press or the company's own announcement.
TRADE_SOURCES = frozenset({"trade_press", "newsroom"})


def _key(name: str) -> str:
    return re.sub(r"[^a-z0-9&]+", "", name.lower().replace("!", ""))


@lru_cache(maxsize=1)
def _outlets() -> tuple[dict[str, str], dict[str, str]]:
    try:
        data = tomllib.loads(OUTLETS_FILE.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise ConfigError(f"Cannot read {OUTLETS_FILE}: {exc}") from exc
    names, domains = {}, {}
    for i, row in enumerate(data.get("outlet", []), 1):
        kind = row.get("kind")
        if kind not in ("trade", "wire") or not isinstance(row.get("name"), str):
            raise ConfigError(f"{OUTLETS_FILE}, outlet {i}: needs a name and kind trade or wire.")
        for n in [row["name"], *row.get("aliases", [])]:
            names[_key(n)] = kind
        for d in row.get("domains", []):
            domains[d.lower()] = kind
    return names, domains


def outlet_kind(outlet: str, url: str = "") -> str | None:
    """ "trade", "wire" or None (general news or unknown), by name, then by URL domain."""
    names, domains = _outlets()
    key = _key(outlet or "")
    if key and key in names:
        return names[key]
    # "Adweek (AgencySpy) via example.com": the first words name the title
    first = _key(re.split(r"\s*[(\-|–—]\s*|\s+via\s+", outlet or "")[0])
    if first and first in names:
        return names[first]
    host = (urlsplit(url).hostname or "").lower()
    while host:
        if host in domains:
            return domains[host]
        host = host.partition(".")[2]
    return None


def is_trade(outlet: str, url: str = "", source: str = "") -> bool:
    """Whether a report counts as trade press or wire for the incumbent rule."""
    return source in TRADE_SOURCES or outlet_kind(outlet, url) is not None
