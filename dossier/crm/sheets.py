"""Spreadsheets in and out with pandas (imported here only, so ``dossier --help`` stays fast).

Reading keeps the contact sheet's limits (file size, unpacked size of a workbook, rows) and
its cleaning (NFC, control characters dropped, a leading formula sign removed with a
warning). Every cell is read as text; row numbers are those a user sees in Excel (the
header is row 1). Writing is atomic; a CSV gets a UTF-8 byte-order mark so Excel opens
accents correctly, and no cell is written that a spreadsheet would run as a formula.
"""

from __future__ import annotations

import csv
import io
import warnings
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..batch.contacts import (
    _FORMULA,
    CSV_SUFFIXES,
    MAX_CELL_CHARS,
    MAX_COLUMNS,
    MAX_ROWS,
    XLSX_SUFFIXES,
    RowProblem,
    _check_size,
    _check_zip,
    _decode,
    _delimiter,
    clean_text,
)
from ..errors import ConfigError
from ..fsutil import atomic_write_bytes


@dataclass
class Table:
    """A sheet's header and its non-empty rows as ``(row number, cells)``, with warnings."""

    source: Path
    headers: list[str]
    rows: list[tuple[int, list[str]]] = field(default_factory=list)
    warnings: list[RowProblem] = field(default_factory=list)


def _cell(value: Any) -> str:
    text = clean_text(value)
    return text[: MAX_CELL_CHARS + 1]


def read_table(path: Path, what: str = "export") -> Table:
    """Read a CSV or XLSX (first sheet) as text. ConfigError for a file-level problem."""
    import pandas as pd

    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in CSV_SUFFIXES + XLSX_SUFFIXES:
        raise ConfigError(
            f"{path.name}: the {what} must be a .csv or .xlsx file; export it again as CSV."
        )
    if not path.is_file():
        raise ConfigError(f"The {what} {path} does not exist.")
    _check_size(path)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            if suffix in XLSX_SUFFIXES:
                _check_zip(path)
                frame = pd.read_excel(
                    path, sheet_name=0, header=None, dtype=object, engine="openpyxl"
                )
            else:
                text, _enc = _decode(path.read_bytes())
                text, sep = text.replace("\x00", ""), _delimiter(text)
                # The widest row names the columns, so a row with an extra cell is read, not
                # a parser error for the whole file.
                width = max(
                    (len(r) for r in csv.reader(io.StringIO(text), delimiter=sep)), default=1
                )
                frame = pd.read_csv(
                    io.StringIO(text),
                    sep=sep,
                    header=None,
                    names=list(range(max(width, 1))),
                    dtype=object,
                    keep_default_na=False,
                    skip_blank_lines=False,
                )
    except ConfigError:
        raise
    except Exception as exc:  # pandas and openpyxl raise many types on a damaged file
        raise ConfigError(
            f"{path.name} could not be read ({type(exc).__name__}: {exc}). Open it in Excel "
            "and save it again as .xlsx, or export it again as CSV."
        ) from exc
    if len(frame) > MAX_ROWS + 1:
        raise ConfigError(
            f"{path.name} has more than {MAX_ROWS:,} rows; dossier reads up to {MAX_ROWS:,}. "
            "Export fewer contacts at once."
        )
    frame = frame.iloc[:, :MAX_COLUMNS]
    records = frame.where(frame.notna(), None).values.tolist()
    table: Table | None = None
    for number, raw in enumerate(records, 1):
        cells = [_cell(v) for v in raw]
        if not any(cells):
            continue
        if table is None:
            table = Table(source=path, headers=cells)
            continue
        for i, value in enumerate(cells):
            stripped = value
            while m := _FORMULA.match(stripped):
                stripped = stripped[m.end() :].lstrip()
            if stripped != value:
                header = table.headers[i] if i < len(table.headers) else f"column {i + 1}"
                table.warnings.append(
                    RowProblem(
                        number,
                        f"The {header} cell began with {value[0]!r} like a spreadsheet "
                        "formula; it was read as plain text without it.",
                    )
                )
                cells[i] = stripped
        table.rows.append((number, cells))
    if table is None:
        raise ConfigError(f"{path.name} is empty: it has no header row.")
    return table


def safe_cell(value: object) -> str:
    """Text a spreadsheet shows as text: a leading formula sign gets a quote before it."""
    text = "" if value is None else str(value)
    return "'" + text if text[:1] in ("=", "+", "-", "@") and _FORMULA.match(text) else text


def write_table(path: Path, columns: Sequence[str], rows: Iterable[Mapping[str, object]]) -> Path:
    """Write ``rows`` (dicts by column name) as CSV or XLSX, by ``path``'s suffix, atomically."""
    import pandas as pd

    path = Path(path)
    suffix = path.suffix.lower()
    data = [[safe_cell(r.get(c, "")) for c in columns] for r in rows]
    frame = pd.DataFrame(data, columns=list(columns), dtype=object)
    if suffix in XLSX_SUFFIXES:
        buffer = io.BytesIO()
        frame.to_excel(buffer, index=False, engine="openpyxl")
        payload = buffer.getvalue()
    elif suffix in CSV_SUFFIXES:
        payload = frame.to_csv(index=False, lineterminator="\r\n").encode("utf-8-sig")
    else:
        raise ConfigError(f"{path.name}: write a .csv or .xlsx file.")
    atomic_write_bytes(path, payload)
    return path
