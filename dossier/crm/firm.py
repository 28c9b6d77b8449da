"""``firm.toml``: what dossier knows about the firm itself, for whom to follow first.

::

    name = "Fieldstone & Co"

    [verticals]            # the industries the firm serves
    sic = ["2834", "80"]   # SEC SIC codes; a shorter code covers its group ("80": health services)
    industries = ["pharmaceutical industry", "Q507443", "health care"]  # Wikidata labels or ids

    [owners]
    max_open_follow_ups = 12   # more than this many open follow-ups for one owner: a warning

    [priority]             # points per signal (the defaults); they add up to the score
    industry = 40
    seniority = 30
    size = 20
    relationship = 10

Every key is optional; an unknown key is an error naming the file and the key. The file is
``./firm.toml`` unless ``--firm FILE`` names another; without one, the industry signal says
the firm's verticals are not set and the other signals still count.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import ConfigError, refuse_unknown_keys

FILENAME = "firm.toml"
DEFAULT_MAX_OPEN = 10
#: Points per signal; the defaults add up to 100.
DEFAULT_WEIGHTS = {"industry": 40, "seniority": 30, "size": 20, "relationship": 10}
_TOP_KEYS = {"name", "verticals", "owners", "priority"}
_VERTICAL_KEYS = {"sic", "industries"}
_OWNER_KEYS = {"max_open_follow_ups"}
_QID = re.compile(r"^Q[1-9]\d*$")


@dataclass(frozen=True)
class Firm:
    """The firm's verticals, the owners' follow-up limit and the points per signal."""

    name: str = ""
    sic: tuple[str, ...] = ()
    industries: tuple[str, ...] = ()  # Wikidata labels ("pharmaceutical industry") or ids
    max_open_follow_ups: int = DEFAULT_MAX_OPEN
    weights: dict[str, int] = field(default_factory=lambda: dict(DEFAULT_WEIGHTS))
    source: Path | None = None  # the file it was read from (None: no firm.toml)

    @property
    def has_verticals(self) -> bool:
        return bool(self.sic or self.industries)


def _strings(path: Path, table: str, key: str, value: Any) -> tuple[str, ...]:
    if isinstance(value, str | int):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str | int) for v in value):
        raise ConfigError(f"{path}: [{table}] {key} must be a list of text values.")
    return tuple(" ".join(str(v).split()) for v in value if str(v).strip())


def _table(path: Path, data: dict[str, Any], name: str, known: set[str]) -> dict[str, Any]:
    value = data.get(name, {})
    if not isinstance(value, dict):
        raise ConfigError(f"{path}: {name} must be a [{name}] table.")
    unknown = set(value) - known
    if unknown:
        raise ConfigError(
            f"{path}: unknown key(s) in [{name}]: {', '.join(sorted(unknown))}. "
            f"Known keys: {', '.join(sorted(known))}."
        )
    return value


def load_firm(path: Path | None = None) -> Firm:
    """The firm from ``path`` (an error if it does not exist), else ``./firm.toml`` when there
    is one, else a firm with no verticals and the default limits."""
    if path is None:
        path = Path(FILENAME)
        if not path.is_file():
            return Firm()
    elif not path.is_file():
        raise ConfigError(f"The firm file {path} does not exist.")
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path} could not be read: {exc}.") from exc
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path} is not valid TOML: {exc}.") from exc
    refuse_unknown_keys(str(path), data, _TOP_KEYS)
    verticals = _table(path, data, "verticals", _VERTICAL_KEYS)
    owners = _table(path, data, "owners", _OWNER_KEYS)
    weights_in = _table(path, data, "priority", set(DEFAULT_WEIGHTS))
    sic = _strings(path, "verticals", "sic", verticals.get("sic", []))
    bad = [s for s in sic if not s.isdigit() or len(s) > 4]
    if bad:
        raise ConfigError(
            f"{path}: [verticals] sic holds {', '.join(repr(b) for b in bad)}; an SEC SIC code "
            'is up to four digits ("2834"), or a shorter group ("28").'
        )
    limit = owners.get("max_open_follow_ups", DEFAULT_MAX_OPEN)
    if isinstance(limit, bool) or not isinstance(limit, int) or limit < 1:
        raise ConfigError(
            f"{path}: [owners] max_open_follow_ups must be a whole number, 1 or more."
        )
    weights = dict(DEFAULT_WEIGHTS)
    for key, value in weights_in.items():
        if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= 100:
            raise ConfigError(f"{path}: [priority] {key} must be a whole number from 0 to 100.")
        weights[key] = value
    name = data.get("name", "")
    if not isinstance(name, str):
        raise ConfigError(f"{path}: name must be text.")
    return Firm(
        name=" ".join(name.split()),
        sic=sic,
        industries=_strings(path, "verticals", "industries", verticals.get("industries", [])),
        max_open_follow_ups=limit,
        weights=weights,
        source=path,
    )


def is_qid(text: str) -> bool:
    """A Wikidata item id ("Q507443")."""
    return bool(_QID.match(text.strip()))
