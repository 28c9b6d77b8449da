"""Read the CRM export of contacts who changed jobs (CSV or XLSX) for ``dossier batch``.

Headers match by name (case, spacing and punctuation ignored, common aliases). A missing required
column stops the read (``ConfigError``); a bad row never does: it becomes a ``RowProblem``. Cells
are plain text (HTML is not interpreted, a leading formula sign goes, with a warning), and no
message shows a whole e-mail address.
"""

from __future__ import annotations

import codecs
import csv
import hashlib
import io
import json
import re
import unicodedata
import warnings
import zipfile
from collections.abc import Generator, Iterator
from contextlib import closing
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from itertools import repeat
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..bidi import strip_bidi
from ..errors import ConfigError
from .state import base_key, identity_of

if TYPE_CHECKING:
    from ..model import Contact  # imported when a contact is built (the schema is slow to load)

CSV_SUFFIXES = (".csv", ".tsv", ".txt")
XLSX_SUFFIXES = (".xlsx", ".xlsm")
# Our field -> accepted headers; the first one is the name shown in messages.
FIELDS: dict[str, tuple[str, ...]] = {
    "name": ("contact name", "name", "contact", "full name", "person"),
    "first_name": ("first name", "given name"),
    "last_name": ("last name", "surname", "family name"),
    "email": ("email", "email address", "work email", "new email", "new work email", "current email"),
    "previous_company": ("previous company", "old company", "former company", "previous employer", "from company", "past company", "prior company", "previous company name", "previous account name", "left company"),
    "new_company": ("new company", "company", "new employer", "current company", "employer", "organization", "organisation", "account", "company name", "account name", "new company name", "current company name", "new account name", "new employer name"),
    "new_title": ("new title", "title", "job title", "position", "role", "new job title", "current title", "current job title", "new position"),
    "start_date": ("start date", "started", "start", "date started", "job change date", "date of job change", "new job start date", "job change detected", "changed jobs on", "job start date"),
    "owner": ("owner", "account owner", "relationship owner", "contact owner", "contact owner name", "owner name", "record owner", "assigned to"),
    "agency": ("agency", "incumbent agency", "current agency"),
    "domain": ("domain", "website", "company website", "company domain"),
    "ticker": ("ticker", "stock ticker", "symbol"),
    "notes": ("notes", "note", "comments"),
}  # fmt: skip
_EMAIL = re.compile(r"^[^@\s<>,;\"]+@[^@\s<>,;\"]+\.[^@\s<>,;\"]+$")  # the rule of model.Contact
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1b\x7f-\x84\x86-\x9f]")  # not whitespace: dropped
_FORMULA = re.compile(r"^[=+\-@]+(?=[^\W\d_]|\()")
_EXCEL_ERRORS = {"#NULL!", "#DIV/0!", "#VALUE!", "#REF!", "#NAME?", "#NUM!", "#N/A", "#SPILL!"}
_TEXT_DATES = ("%d %B %Y", "%d %b %Y", "%B %d %Y", "%b %d %Y", "%B %Y", "%b %Y")
_X = rb"(?:\w+:)?"  # an optional namespace prefix
_UNCACHED = re.compile(
    rb"(?:</%sf>|<%sf\b[^>]*/>)\s*(?:<%sv\s*/>|<%sv>\s*</%sv>)?\s*</%sc>" % ((_X,) * 6)
)
_BOMS = ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),  # before UTF-16's
         (codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))  # fmt: skip
_NOT_STORED = ("start_date", "first_name", "last_name")
_Rows = Generator[
    tuple[int, list[Any], set[int]], None, None
]  # row number, cells, uncached formula cells
#: Limits checked while reading, so a hostile or mistaken file cannot eat the machine's memory.
MAX_FILE_BYTES = 100_000_000  # the file on disk
MAX_UNPACKED_BYTES = 100_000_000  # an XLSX's members, uncompressed, together (zip bombs)
MAX_ROWS = 50_000  # rows read, blank ones included
MAX_COLUMNS = 200  # cells to the right of this are not read
MAX_CELL_CHARS = 4_000  # a longer cell makes its row a problem
_NO_CACHE = "holds a formula with no saved value (open and save the file in Excel, or paste values)"


@dataclass(frozen=True)
class RowProblem:
    """Something wrong with one row; ``row`` is the spreadsheet row number a user sees."""

    row: int
    message: str

    def __str__(self) -> str:
        return f"Row {self.row}: {self.message}"


@dataclass(frozen=True)
class ContactRow:
    """One contact from the sheet, cleaned; ``key`` names it, ``fingerprint`` tells if it changed."""

    row: int
    name: str
    email: str | None = field(repr=False)
    previous_company: str
    new_company: str
    new_title: str
    start_date: date | None
    owner: str
    agency: str
    domain: str
    ticker: str
    notes: str
    key: str
    fingerprint: str
    extra: dict[str, str] = field(default_factory=dict, compare=False, repr=False)
    identity: str = field(
        default="", repr=False
    )  # a hash: the e-mail when given, else name + company

    def to_contact(self) -> Contact:
        """The contact as the briefing and its notes see them."""
        from ..model import Contact

        return Contact(
            self.name,
            self.new_company,
            self.new_title,
            self.previous_company,
            self.email,
            owner=self.owner,
        )


@dataclass
class ContactSheet:
    """What ``read_contacts`` found: good rows, rejected rows and warnings, in row order."""

    source: Path
    rows: list[ContactRow] = field(default_factory=list)
    problems: list[RowProblem] = field(default_factory=list)
    warnings: list[RowProblem] = field(default_factory=list)
    columns: dict[str, str] = field(default_factory=dict)
    empty_rows: int = 0
    ignored_columns: list[str] = field(default_factory=list)
    sheet: str | None = None
    sheets: list[str] = field(default_factory=list)  # an XLSX's worksheets, in order
    encoding: str | None = None
    delimiter: str | None = None


def _norm(header: str) -> str:
    return re.sub(r"[\W_]+", "", header.casefold())


def clean_text(value: object) -> str:
    """One line of plain text: NFC, control characters dropped, whitespace runs collapsed."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, datetime) and value.time() == time():
        value = value.date()
    text = value.isoformat() if isinstance(value, date) else str(value)
    return " ".join(strip_bidi(_CONTROL.sub("", unicodedata.normalize("NFC", text))).split())


def email_problem(email: str) -> str:
    """What is wrong with a malformed address, in words, without showing it (it is masked)."""
    ats = email.count("@")
    if ats == 0:
        return "it has no @"
    if ats > 1:
        return f"it has {ats} @ signs; give one address per row"
    if re.search(r"\s", email):
        return "it holds a space"
    if re.search(r"[<>,;\"]", email):
        return "it holds <, >, a comma, a semicolon or a quotation mark; give the address alone"
    local, domain = email.split("@")
    if not local:
        return "nothing comes before the @"
    if "." not in domain:
        return "the part after the @ has no dot"
    return "the part after the @ is incomplete"


def mask_email(value: str) -> str:
    """ "jane.doe@example.com" -> "j***@example.com": enough to find the cell, not to mail."""
    local, at, domain = value.rpartition("@")
    return f"{local[:1]}***@{domain[:60]}" if at else f"{value[:1]}***"


def parse_date(value: object) -> tuple[date | None, str]:
    """(date, "") or (None, why not, "" if empty): Excel dates and serial numbers, ISO, d/m/Y or
    m/d/Y when only one fits, "1 March 2024"."""
    if isinstance(value, date):
        return (value.date() if isinstance(value, datetime) else value), ""
    if isinstance(value, int | float) and not isinstance(value, bool):
        if 1 <= value < 2958466:  # an Excel serial number (1900 date system)
            return date(1899, 12, 30) + timedelta(days=int(value)), ""
        return None, f"The start date {value!r} is not a date"
    s = clean_text(value)
    if not s:
        return None, ""
    if m := re.fullmatch(r"(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[ T][\d:.+\-Z ]*)?", s):
        y, mo, d = map(int, m.groups())
    elif m := re.fullmatch(r"(\d{1,2})[-/.](\d{1,2})[-/.](\d{4}|\d{2})(?:[ T][\d:. APMapm]*)?", s):
        a, b, y = map(int, m.groups())
        y += 2000 if y < 100 else 0
        if a != b and a <= 12 and b <= 12:
            return None, f"The start date {s!r} could be day/month or month/day"
        d, mo = (a, b) if a > 12 else (b, a)
    else:
        s2 = " ".join(re.sub(r"(?<=\d)(st|nd|rd|th)\b|,", " ", s).split())
        for fmt in _TEXT_DATES:
            try:
                return datetime.strptime(s2, fmt).date(), ""
            except ValueError:
                continue
        return None, f"The start date {s!r} is not a date dossier can read"
    try:
        return date(y, mo, d), ""
    except ValueError:
        return None, f"The start date {s!r} is not a real date"


def _decode(data: bytes) -> tuple[str, str]:
    """The text and the encoding: BOMs first, then UTF-8, BOM-less UTF-16, cp1252, Latin-1."""
    for bom, enc in _BOMS:
        if data.startswith(bom):
            return data.decode(enc), enc
    candidates = ["utf-8", "cp1252"]
    if data[:2000].count(0) > len(data[:2000]) // 4:  # NULs between ASCII letters: UTF-16
        even = data[:2000:2].count(0) > data[1:2000:2].count(0)
        candidates.insert(0, "utf-16-be" if even else "utf-16-le")
    for enc in candidates:
        try:
            return data.decode(enc), enc
        except UnicodeDecodeError:
            continue
    return data.decode("latin-1"), "latin-1"


def _delimiter(text: str) -> str:
    """csv.Sniffer on a sample; if it guesses a sign the header lacks, the header's commonest."""
    sample = text[:16384]
    try:
        delim = csv.Sniffer().sniff(sample, delimiters=",;\t").delimiter
    except csv.Error:
        delim = ","
    header = next((line for line in sample.splitlines() if line.strip()), "")
    if delim not in header:
        counts = {c: header.count(c) for c in ",;\t"}
        delim = max(counts, key=lambda c: counts[c]) if any(counts.values()) else ","
    return delim


def _check_size(path: Path) -> None:
    size = path.stat().st_size
    if size > MAX_FILE_BYTES:
        raise ConfigError(
            f"{path.name} is {size / 1e6:.0f} MB; dossier reads contact sheets of up to "
            f"{MAX_FILE_BYTES / 1e6:.0f} MB. Split it into smaller sheets."
        )


def _check_zip(path: Path) -> None:
    """Refuse an XLSX whose members unpack past the limit (checked before openpyxl opens it)."""
    try:
        with zipfile.ZipFile(path) as archive:
            total = sum(max(0, i.file_size) for i in archive.infolist())
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise ConfigError(
            f"{path.name} could not be read as an Excel workbook ({type(exc).__name__}: {exc}). "
            "Open it in Excel and save it again as .xlsx, or export it as CSV."
        ) from exc
    if total > MAX_UNPACKED_BYTES:
        raise ConfigError(
            f"{path.name} unpacks to {total / 1e6:,.0f} MB, more than the {MAX_UNPACKED_BYTES / 1e6:.0f} "
            "MB dossier reads from one workbook (a workbook this large is damaged or hostile). "
            "Export the contacts as CSV, or split the sheet."
        )


def _csv_rows(path: Path, sheet: ContactSheet) -> _Rows:
    try:
        text, sheet.encoding = _decode(path.read_bytes())
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path.name} could not be read: {exc}.") from exc
    sheet.delimiter = _delimiter(text)
    reader = csv.reader(
        io.StringIO(text.replace("\x00", ""), newline=""), delimiter=sheet.delimiter
    )
    try:
        for number, cells in enumerate(reader, 1):
            yield number, list(cells[:MAX_COLUMNS]), set()
    except csv.Error as exc:
        raise ConfigError(f"{path.name} line {reader.line_num} is not valid CSV: {exc}.") from exc


def _xlsx_rows(path: Path, name: str | None, sheet: ContactSheet) -> _Rows:
    """Cached values; only if some formula has none, the formulas in lockstep to name them."""
    import openpyxl

    _check_zip(path)
    books = []
    try:
        books.append(openpyxl.load_workbook(path, read_only=True, data_only=True))
        names = [ws.title for ws in books[0].worksheets]
        if not names:
            raise ConfigError(f"{path.name} has no worksheets.")
        title = names[0] if name is None else next((n for n in names if n == name), None)
        if title is None and name is not None:
            wanted = name.strip().casefold()
            title = next((n for n in names if n.casefold() == wanted), None)
        if title is None:
            sheets = ", ".join(names)
            raise ConfigError(f"{path.name} has no sheet named {name!r}. Sheets: {sheets}.")
        sheet.sheet, sheet.sheets = title, names
        values = books[0][title]
        values.reset_dimensions()  # trust the cells, not the recorded size
        formula_rows: Iterator[tuple[Any, ...]] = repeat(())
        member = getattr(values, "_worksheet_path", "")  # a cheap scan of the XML, no parsing
        with zipfile.ZipFile(path) as archive:
            uncached = not member or _UNCACHED.search(archive.read(member.lstrip("/")))
        if uncached:  # some formula has no saved result: read the formulas to name those cells
            books.append(openpyxl.load_workbook(path, read_only=True, data_only=False))
            formulas = books[1][title]
            formulas.reset_dimensions()
            formula_rows = formulas.iter_rows(values_only=True, max_col=MAX_COLUMNS)
        pairs = zip(
            values.iter_rows(values_only=True, max_col=MAX_COLUMNS), formula_rows, strict=False
        )
        for number, (vals, forms) in enumerate(pairs, 1):
            cells = list(vals) + [None] * (len(forms) - len(vals))
            blank = {i for i, f in enumerate(forms) if f is not None and cells[i] is None}
            yield number, cells, blank
    except ConfigError:
        raise
    except Exception as exc:  # openpyxl raises many types on a damaged or mislabelled file
        raise ConfigError(
            f"{path.name} could not be read as an Excel workbook ({type(exc).__name__}: {exc}). "
            "Open it in Excel and save it again as .xlsx, or export it as CSV."
        ) from exc
    finally:
        for book in books:
            book.close()


def _match(headers: list[str], path: Path) -> tuple[dict[str, int], dict[int, str]]:
    """Our field -> column index, and the unknown columns; ConfigError if a required one lacks."""
    index: dict[str, int] = {}
    for i, header in enumerate(headers):
        index.setdefault(_norm(header), i)
    index.pop("", None)
    found: dict[str, int] = {}
    for fld, aliases in FIELDS.items():
        hit = next((index[_norm(a)] for a in aliases if _norm(a) in index), None)
        if hit is not None:
            found[fld] = hit
    missing = []
    if "name" not in found and not {"first_name", "last_name"} <= found.keys():
        missing.append("the contact name")
    if "new_company" not in found:
        missing.append("the new company")
    if missing:
        seen = ", ".join(h for h in headers if h) or "none"
        expected = "; ".join(
            f"{FIELDS[f][0]} (also: {', '.join(FIELDS[f][1:])}{tail})"
            for f, tail in (("new_company", ""), ("name", "; or first name + last name"))
        )
        raise ConfigError(
            f"{path.name} has no column for {' or '.join(missing)}. Columns found: {seen}. "
            f"Expected: {expected}. Rename or add the column, then run again."
        )
    used = set(found.values())
    return found, {i: h for i, h in enumerate(headers) if h and i not in used}


def _other_sheets(found: ContactSheet) -> str:
    """For an XLSX of several worksheets, which one was read and how to read another."""
    if len(found.sheets) < 2:
        return ""
    others = ", ".join(repr(n) for n in found.sheets if n != found.sheet)
    return (
        f" (This was the worksheet {found.sheet!r}; the file also has {others}: "
        "choose the one with the contacts with --sheet NAME.)"
    )


def read_contacts(path: Path, sheet: str | None = None) -> ContactSheet:
    """Read a CSV or XLSX contacts export. Raises ConfigError only for file-level problems."""
    path = Path(path)
    suffix, supported = path.suffix.lower(), CSV_SUFFIXES + XLSX_SUFFIXES
    if suffix not in supported:
        raise ConfigError(
            f"{path.name}: contacts must be a {', '.join(supported)} file; "
            "save it as .xlsx or .csv."
        )
    if not path.is_file():
        raise ConfigError(f"The contacts file {path} does not exist.")
    _check_size(path)
    if sheet is not None and suffix in CSV_SUFFIXES:
        raise ConfigError(f"{path.name} is a CSV file; a sheet name only applies to .xlsx files.")
    result = ContactSheet(source=path)
    rows = _xlsx_rows(path, sheet, result) if suffix in XLSX_SUFFIXES else _csv_rows(path, result)
    with warnings.catch_warnings(), closing(rows):
        warnings.simplefilter("ignore")  # openpyxl's notes on styles and extensions it skips
        headers = next((h for _, c, _ in rows if any(h := [clean_text(v) for v in c])), None)
        if headers is None:
            raise ConfigError(f"{path.name} is empty: it has no header row.{_other_sheets(result)}")
        try:
            found, unknown = _match(headers, path)
        except ConfigError as exc:
            raise ConfigError(f"{exc}{_other_sheets(result)}") from None
        result.columns = {f: headers[i] for f, i in found.items()}
        result.ignored_columns = list(unknown.values())
        pending, seen, by_name = 0, dict[str, int](), dict[str, tuple[int, bool]]()
        for number, cells, uncached in rows:
            if number > MAX_ROWS:
                raise ConfigError(
                    f"{path.name} has more than {MAX_ROWS:,} rows; dossier reads up to {MAX_ROWS:,} "
                    "per sheet. Split it into smaller sheets (each becomes its own batch)."
                )
            if not uncached and all(c is None or str(c).strip() == "" for c in cells):
                pending += 1  # counted once a later row shows it was not trailing
                continue
            result.empty_rows, pending = result.empty_rows + pending, 0
            row = _read_row(result, (found, unknown, headers), number, cells, uncached)
            if row is None:
                continue
            same_name = by_name.get(row.key)
            if row.identity in seen:
                first = seen[row.identity]
                again = f"It repeats {row.name} at {row.new_company} from row {first}"
                if row.email:
                    again += " (the same e-mail address)"
                result.problems.append(RowProblem(number, f"{again}; row {first} was kept."))
                continue
            if same_name is not None and not (row.email and same_name[1]):
                first = same_name[0]  # one of the two has no e-mail: most likely one person
                result.problems.append(
                    RowProblem(
                        number,
                        f"It names {row.name} at {row.new_company} like row {first}, and one of the "
                        f"two rows has no e-mail address to tell them apart; row {first} was kept. "
                        "Add the e-mail to both rows if they are two people.",
                    )
                )
                continue
            seen[row.identity] = number
            by_name.setdefault(row.key, (number, bool(row.email)))
            result.rows.append(row)
    return result


def _read_row(
    sheet: ContactSheet,
    layout: tuple[dict[str, int], dict[int, str], list[str]],
    number: int,
    cells: list[Any],
    uncached: set[int],
) -> ContactRow | None:
    """One non-empty row as a ContactRow, or None after adding a RowProblem; warnings too."""
    found, unknown, headers = layout
    blank_formulas: list[int] = []

    def warn(message: str) -> None:
        sheet.warnings.append(RowProblem(number, message))

    too_long: list[str] = []

    def text(i: int | None, *, quiet: bool = False) -> str:
        if i is None or i >= len(cells) or cells[i] is None:
            if i in uncached and not quiet:
                blank_formulas.append(i)
            return ""
        raw = cells[i]
        if isinstance(raw, str) and len(raw) > 4 * MAX_CELL_CHARS:
            raw = raw[: 4 * MAX_CELL_CHARS]  # enough to know it is too long, without the cost
        value = stripped = clean_text(raw)
        if len(value) > MAX_CELL_CHARS:
            if not quiet and headers[i] not in too_long:
                too_long.append(headers[i])
            return ""
        if value.upper() in _EXCEL_ERRORS:
            if not quiet:
                warn(f"The {headers[i]} cell holds the error {value}; it was read as empty.")
            return ""
        while m := _FORMULA.match(stripped):
            stripped = stripped[m.end() :].lstrip()
        if stripped != value and not quiet:
            warn(
                f"The {headers[i]} cell began with {value[0]!r} like a spreadsheet formula; "
                "it was kept as plain text without it."
            )
        return stripped

    values = {f: text(found.get(f)) for f in FIELDS if f not in _NOT_STORED}
    parts = [text(found.get(f), quiet=bool(values["name"])) for f in ("first_name", "last_name")]
    values["name"] = name = values["name"] or " ".join(p for p in parts if p)
    company, start = values["new_company"], None
    if (i := found.get("start_date")) is not None and i < len(cells):
        start, reason = parse_date(
            cells[i] if isinstance(cells[i], date | int | float) else text(i)
        )
        if reason:
            warn(f"{reason}; write it as YYYY-MM-DD. It was left empty.")
    failed = {found.get("name"): not name, found.get("new_company"): not company}
    for i in blank_formulas:
        if not failed.get(i):
            warn(f"The {headers[i]} cell {_NO_CACHE}; it was read as empty.")

    def why(f: str) -> str:
        i = found.get(f)
        return f" (the {headers[i]} cell {_NO_CACHE})" if i in blank_formulas else ""

    errors = [
        f"The {h} cell is longer than {MAX_CELL_CHARS:,} characters; shorten it." for h in too_long
    ]
    if not name and not too_long:
        errors.append(f"It has no contact name{why('name')}.")
    if not company and not too_long and _change(unknown, cells) != "left":
        errors.append(f"It has no new company{f' for {name}' if name else ''}{why('new_company')}.")
    email = re.sub(r"(?i)^mailto:", "", values.pop("email")) or None
    if email and not _EMAIL.match(email):
        errors.append(
            f"The e-mail address {mask_email(email)} is malformed ({email_problem(email)}); "
            "fix or clear it."
        )
    if errors:
        sheet.problems.append(RowProblem(number, " ".join(errors)))
        return None
    if (skip := _not_moved(unknown, cells, name, values)) is not None:
        sheet.problems.append(RowProblem(number, skip))
        return None
    stored = {**values, "email": email, "start_date": start.isoformat() if start else None}
    digest = hashlib.sha256(json.dumps(stored, sort_keys=True, ensure_ascii=False).encode())
    return ContactRow(
        row=number,
        email=email,
        start_date=start,
        key=base_key(name, company),
        fingerprint=digest.hexdigest(),
        identity=identity_of(name, company, email),
        extra={h: v for i, h in unknown.items() if (v := text(i, quiet=True))},
        **values,
    )


#: ``dossier changes`` (dossier.crm.changes) writes a "change" column; these rows are not
#: job changes to brief, and are left out with the reason.
_NOT_BRIEFED = {
    "left": "{name} left {previous} and no new company is known (change: left), so there is "
    'nothing to brief; for the successor there: dossier handover --company "{previous}" '
    "--activities ACTIVITIES.csv",
    "new": "{name} is new in the CRM (change: new), not a job change; write moved in the "
    "change cell to brief them.",
    # Same company: the briefing and the notes are written for a move to another employer
    # ("sorry not to be working together day to day"), which would be wrong here.
    "promoted": "{name} was promoted within {previous} (change: promoted); the briefing and "
    "notes are written for a move to another company, so congratulate them directly.",
    "role_change": "{name} changed role within {previous} (change: role_change); the "
    "briefing and notes are written for a move to another company.",
}


def _change(unknown: dict[int, str], cells: list[Any]) -> str:
    """The row's "change" cell (from dossier changes), or ""."""
    i = next((i for i, h in unknown.items() if _norm(h) == "change"), None)
    return clean_text(cells[i]).casefold() if i is not None and i < len(cells) else ""


def _not_moved(
    unknown: dict[int, str], cells: list[Any], name: str, values: dict[str, str]
) -> str | None:
    """Why a row of a moved-contacts sheet is not briefed, or None."""
    why = _NOT_BRIEFED.get(_change(unknown, cells))
    if why is None:
        return None
    return why.format(name=name, previous=values.get("previous_company") or "their company")
