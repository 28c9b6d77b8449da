"""A reviewer's fact corrections, written into the overrides files the build reads.

``overrides/<company-slug>.toml`` (or ``overrides/agency-<slug>.toml`` for the agency profile)
takes ``[set]`` values, a ``remove`` list, a ``note`` and a ``reviewer``
(:mod:`dossier.research.overrides`). :func:`correct` changes one field in that file: the new
text is checked by the same loader the build uses (``load_override`` or
``load_agency_override``) before it replaces the old file atomically, so a correction that the
build would refuse is never saved. A file written by hand keeps its values; its comments, which
a TOML rewrite cannot keep, are saved beside it as ``<name>.toml.bak`` the first time.

A correction applies to every contact at that company (or with that agency) at its next build.
"""

from __future__ import annotations

import math
import os
import re
import shutil
import tomllib
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from ..errors import ConfigError
from ..fields import FIELDS, FieldSpec
from ..fsutil import atomic_write_text, output_error, slugify
from ..research.overrides import agency_override_path, load_agency_override, load_override

MAX_VALUE_CHARS = 2_000
_NUMBER = re.compile(
    r"^\s*([0-9][0-9,_ ]*(?:\.[0-9]+)?)\s*(k|thousand|m|mn|million|bn|b|billion|tn|trillion)?\s*$",
    re.IGNORECASE,
)
_SCALE = {
    "k": 1e3,
    "thousand": 1e3,
    "m": 1e6,
    "mn": 1e6,
    "million": 1e6,
    "b": 1e9,
    "bn": 1e9,
    "billion": 1e9,
    "tn": 1e12,
    "trillion": 1e12,
}


@dataclass(frozen=True)
class Correction:
    """One change to one field: set a value (``remove`` False) or drop every source's value."""

    field: str
    value: str = ""
    period: str = ""
    currency: str = ""
    role: str = ""  # for people: their role
    remove: bool = False
    note: str = ""
    by: str = ""


def settable_fields() -> list[FieldSpec]:
    """The fields a reviewer may set or remove, by label."""
    return sorted((f for f in FIELDS.values() if f.overridable), key=lambda f: f.label.casefold())


def company_file(folder: Path, names: list[str]) -> Path:
    """The company's override file: the first of ``names`` that has one, else the first name's
    (the build looks them up in the same order)."""
    for name in names:
        path = folder / f"{slugify(name)}.toml"
        if path.is_file():
            return path
    if not names:
        raise ConfigError("The contact has no company to correct facts for.")
    return folder / f"{slugify(names[0])}.toml"


def agency_file(folder: Path, agency: str) -> Path:
    return agency_override_path(agency, folder)


def read_file(path: Path) -> dict[str, Any]:
    """The override file's data ({} when there is none)."""
    if not path.is_file():
        return {}
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise ConfigError(
            f"{path} cannot be read as TOML ({exc}); fix it by hand before correcting facts here."
        ) from exc


def _amount(text: str, where: str) -> float:
    m = _NUMBER.match(text)
    if not m:
        raise ConfigError(
            f"{where}: {text!r} is not a number (write 166000, 166,000 or 4.2 billion)."
        )
    value = float(m.group(1).replace(",", "").replace("_", "").replace(" ", ""))
    value *= _SCALE.get((m.group(2) or "").casefold(), 1)
    if not math.isfinite(value):
        raise ConfigError(f"{where}: {text!r} is not a finite number.")
    return int(value) if value.is_integer() and abs(value) < 2**63 else value


def raw_value(spec: FieldSpec, c: Correction) -> Any:
    """The ``[set]`` entry for one value, by the field's kind (as the loader expects it)."""
    text = " ".join(str(c.value).split())
    if not text:
        raise ConfigError(f"{spec.label}: write the value to set (or choose to remove the field).")
    if len(text) > MAX_VALUE_CHARS:
        raise ConfigError(f"{spec.label}: a value may have at most {MAX_VALUE_CHARS} characters.")
    period = " ".join(str(c.period).split())
    if spec.kind == "money":
        entry: dict[str, Any] = {
            "amount": _amount(text, spec.label),
            "currency": (c.currency or "USD").strip().upper(),
        }
        return entry | ({"period": period} if period else {})
    if spec.kind == "count":
        amount = _amount(text, spec.label)
        return {"amount": amount, "period": period} if period else amount
    if spec.kind == "person":
        role = " ".join(str(c.role).split())
        return {"name": text, "role": role} if role else {"name": text}
    return text


def change(data: dict[str, Any], c: Correction, today: date | None = None) -> dict[str, Any]:
    """The override data with correction ``c`` made (a new dict; ``data`` is not changed)."""
    spec = FIELDS.get(c.field)
    if spec is None or not spec.overridable:
        raise ConfigError(f"{c.field!r} is not a field a reviewer can set.")
    out = {k: (dict(v) if isinstance(v, dict) else v) for k, v in data.items()}
    values = dict(out.get("set") or {})
    remove = [str(x) for x in out.get("remove") or [] if str(x) != c.field]
    if c.remove:
        values.pop(c.field, None)
        remove.append(c.field)
    else:
        new = raw_value(spec, c)
        if spec.mode == "list":
            old = values.get(c.field)
            items = old if isinstance(old, list) else ([old] if old is not None else [])
            values[c.field] = [*items, new]
        else:
            values[c.field] = new
    out["set"] = values
    out["remove"] = remove
    for key in ("set", "remove"):
        if not out[key]:
            out.pop(key)
    if c.by.strip():
        out["reviewer"] = " ".join(c.by.split())
    if c.note.strip():
        day = (today or datetime.now(UTC).date()).isoformat()
        what = "removed" if c.remove else "set"
        line = f"{day}, {c.by.strip() or 'a reviewer'}: {spec.label} {what}: {' '.join(c.note.split())}"
        out["note"] = "\n".join(x for x in (str(out.get("note") or ""), line) if x)
    return out


def undo(data: dict[str, Any], name: str) -> dict[str, Any]:
    """The override data without any correction of field ``name``."""
    out = dict(data)
    values = {k: v for k, v in (out.get("set") or {}).items() if k != name}
    remove = [x for x in out.get("remove") or [] if x != name]
    out.pop("set", None)
    out.pop("remove", None)
    if values:
        out["set"] = values
    if remove:
        out["remove"] = remove
    return out


def save(path: Path, data: dict[str, Any], *, agency: bool = False) -> Path:
    """Write ``data`` as the override file ``path``: checked by the build's own loader on a
    temporary copy first, then moved into place atomically."""
    text = dumps(data)
    if tomllib.loads(text) != _comparable(data):
        raise ConfigError(f"{path}: the corrections could not be written as TOML faithfully.")
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.stem}.{os.getpid()}.check.toml")
    try:
        atomic_write_text(tmp, text)
        try:
            (load_agency_override if agency else load_override)(tmp)
        except ConfigError as exc:
            raise ConfigError(str(exc).replace(str(tmp), str(path))) from exc
        if path.is_file() and _has_comments(path) and not path.with_suffix(".toml.bak").exists():
            shutil.copy2(path, path.with_suffix(".toml.bak"))
        os.replace(tmp, path)
    except OSError as exc:
        raise output_error(path, exc) from exc
    finally:
        tmp.unlink(missing_ok=True)
    return path


def correct(path: Path, c: Correction, *, agency: bool = False) -> Path:
    """Make correction ``c`` in the override file ``path`` (created if needed)."""
    return save(path, change(read_file(path), c), agency=agency)


def _has_comments(path: Path) -> bool:
    try:
        lines = path.read_text("utf-8").splitlines()
        return any(x.lstrip().startswith("#") and x.strip() != HEADER for x in lines)
    except (OSError, UnicodeDecodeError):
        return False


def _comparable(value: Any) -> Any:
    if isinstance(value, dict):
        return {str(k): _comparable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_comparable(v) for v in value]
    return value


# --- a small TOML writer, for the data an override file holds --------------------------------

_BARE = re.compile(r"^[A-Za-z0-9_-]+$")
HEADER = "# Reviewer corrections, read by every build (format: dossier/research/overrides.py)."


def _key(k: str) -> str:
    return k if _BARE.match(k) else _string(k)


def _string(s: str) -> str:
    out = []
    for ch in s:
        if ch == "\\":
            out.append("\\\\")
        elif ch == '"':
            out.append('\\"')
        elif ch == "\n":
            out.append("\\n")
        elif ch == "\t":
            out.append("\\t")
        elif ord(ch) < 0x20 or ord(ch) == 0x7F:
            out.append(f"\\u{ord(ch):04X}")
        else:
            out.append(ch)
    return '"' + "".join(out) + '"'


def _inline(v: Any) -> str:
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, int):
        return str(v)
    if isinstance(v, float):
        if not math.isfinite(v):
            raise ConfigError(f"{v!r} cannot be written in an override file.")
        return repr(v)
    if isinstance(v, str):
        return _string(v)
    if isinstance(v, datetime | date):
        return v.isoformat()
    if isinstance(v, list | tuple):
        return "[" + ", ".join(_inline(x) for x in v) + "]"
    if isinstance(v, dict):
        if not v:
            return "{}"
        return "{ " + ", ".join(f"{_key(str(k))} = {_inline(x)}" for k, x in v.items()) + " }"
    raise ConfigError(f"{type(v).__name__} values cannot be written in an override file.")


def dumps(data: dict[str, Any]) -> str:
    """TOML text for ``data``: plain keys first, then one [table] per table and one
    [[table]] per list of tables."""
    head = [HEADER, ""]
    plain, tables, arrays = [], [], []
    for k, v in data.items():
        if isinstance(v, dict):
            tables.append((k, v))
        elif isinstance(v, list) and v and all(isinstance(x, dict) for x in v) and k != "set":
            arrays.append((k, v))
        else:
            plain.append(f"{_key(k)} = {_inline(v)}")
    lines = head + plain
    for k, table in tables:
        lines += ["", f"[{_key(k)}]"] + [f"{_key(str(n))} = {_inline(x)}" for n, x in table.items()]
    for k, items in arrays:
        for item in items:
            lines += ["", f"[[{_key(k)}]]"] + [
                f"{_key(str(n))} = {_inline(x)}" for n, x in item.items()
            ]
    return "\n".join(lines).strip("\n") + "\n"


# --- a correction made for one contact of a batch (the review app, any front end) ------------


def overrides_folder(state: Any) -> Path:
    """The overrides folder the batch was run with (recorded in the state by every run)."""
    from .options import recorded_values

    values = recorded_values(state)
    folder = (values or {}).get("overrides_dir")
    if not isinstance(folder, Path):
        raise ConfigError(
            f"The batch at {state.batch_dir} did not record an overrides folder (an earlier "
            "dossier, or --overrides was off); run dossier batch once more, or edit "
            "overrides/<company>.toml by hand."
        )
    return folder


def correct_contact(state: Any, key: str, c: Correction, *, target: str = "company") -> Path:
    """Make correction ``c`` for contact ``key``: in its company's override file
    (``target`` "company") or its agency's ("agency"); recorded in the contact's history.
    Refused (ReviewRefused) while the contact is approved; it applies at the next build."""
    from .overview import company_override_names, read_review
    from .state import ReviewRefused

    contact = state.require(key)
    who = contact.name or key
    if contact.locked:
        raise ReviewRefused(f"{who} is approved and locked; reject it first to correct a fact.")
    folder = overrides_folder(state)
    if target == "agency":
        if not contact.agency:
            raise ReviewRefused(f"{who} has no agency to correct facts for.")
        path = correct(agency_file(folder, contact.agency), c, agency=True)
    elif target == "company":
        path = correct(
            company_file(folder, company_override_names(contact, read_review(state, contact))), c
        )
    else:
        raise ConfigError(f"{target!r}: correct the company or the agency.")
    what = "removed" if c.remove else f"set to {' '.join(str(c.value).split())[:200]}"
    state.record(key, "corrected", by=c.by, note=f"{path.name}: {c.field} {what}")
    return path
