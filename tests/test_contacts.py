"""Contacts exports: forgiving headers and encodings, strict about bad rows, never crashing."""

from __future__ import annotations

import codecs
import zipfile
from datetime import date, datetime
from pathlib import Path

import openpyxl
import pytest

from dossier.batch.contacts import ContactSheet, mask_email, parse_date, read_contacts
from dossier.errors import ConfigError

HEADER = ["Name", "Email", "New Company", "New Title", "Previous Company"]
JANE = ["Jane Doe", "jane.doe@acme.example", "Acme", "CMO", "Globex"]


def write_csv(
    path: Path, rows: list[list[str]], encoding: str = "utf-8", delimiter: str = ","
) -> Path:
    """A CSV written by hand (no quoting unless needed), in the given encoding."""

    def cell(value: str) -> str:
        needs = any(c in value for c in (delimiter, '"', "\n"))
        return '"' + value.replace('"', '""') + '"' if needs else value

    text = "\r\n".join(delimiter.join(cell(v) for v in row) for row in rows) + "\r\n"
    path.write_bytes(text.encode(encoding))
    return path


def write_xlsx(path: Path, sheets: dict[str, list[list[object]]]) -> Path:
    """An .xlsx with one worksheet per entry, in order."""
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for title, rows in sheets.items():
        ws = wb.create_sheet(title)
        for row in rows:
            ws.append(row)
    wb.save(path)
    return path


def read_rows(tmp_path: Path, rows: list[list[str]], **kwargs: str) -> ContactSheet:
    """Write ``rows`` as contacts.csv and read it back."""
    return read_contacts(write_csv(tmp_path / "contacts.csv", rows, **kwargs))


@pytest.mark.parametrize(
    "header",
    [
        ["Name", "New Company", "New Title", "Email"],
        ["contact_name", "NEW COMPANY ", "Job Title", "E-mail"],
        ["Full  Name", "Employer", "Position", "Work Email"],
        ["Contact", "Organisation", "role", "email address"],
        ["First Name", "Surname", "company", "title", "EMAIL"],
        ["firstname", "lastname", "Current Company", "Title", "e_mail"],
    ],
)
def test_header_aliases(tmp_path: Path, header: list[str]) -> None:
    """Case, spacing and punctuation are ignored; first + last name are joined."""
    two_names = len(header) == 5
    values = ["Jane", "Doe"] if two_names else ["Jane Doe"]
    values += ["Acme", "CMO", "jane@acme.example"]
    sheet = read_rows(tmp_path, [header, values])
    assert not sheet.problems and not sheet.warnings
    (row,) = sheet.rows
    assert (row.name, row.new_company, row.new_title, row.email) == (
        "Jane Doe",
        "Acme",
        "CMO",
        "jane@acme.example",
    )
    assert row.row == 2 and row.key == "jane-doe--acme"
    assert sheet.columns["new_company"] == header[2 if two_names else 1].strip()


def test_all_fields_and_unknown_columns(tmp_path: Path) -> None:
    """Every optional field is read; "New Company" beats "Company"; unknown columns go to extra."""
    header = [
        "Company", "Full Name", "New Company", "Old Company", "Job Title", "Start Date",
        "Account Owner", "Incumbent Agency", "Website", "Stock Ticker", "Comments", "Lead Score",
    ]  # fmt: skip
    values = [
        "Globex Corp", "Jane Doe", "Acme", "Globex", "CMO", "2024-03-01",
        "Sam", "Big Agency", "acme.example", "ACME", "Met at Cannes", "87",
    ]  # fmt: skip
    sheet = read_rows(tmp_path, [header, values])
    (row,) = sheet.rows
    assert sheet.columns["new_company"] == "New Company"
    assert sheet.ignored_columns == ["Company", "Lead Score"]
    assert row.extra == {"Company": "Globex Corp", "Lead Score": "87"}
    assert (row.previous_company, row.start_date, row.owner, row.agency) == (
        "Globex",
        date(2024, 3, 1),
        "Sam",
        "Big Agency",
    )
    assert (row.domain, row.ticker, row.notes) == ("acme.example", "ACME", "Met at Cannes")
    contact = row.to_contact()
    assert (contact.name, contact.new_company, contact.first_name) == ("Jane Doe", "Acme", "Jane")


@pytest.mark.parametrize(
    ("encoding", "bom"),
    [
        ("utf-8", b""),
        ("utf-8-sig", b""),
        ("utf-16", b""),  # Python writes the BOM itself
        ("utf-16-le", codecs.BOM_UTF16_LE),
        ("utf-16-be", codecs.BOM_UTF16_BE),
        ("utf-16-le", b""),  # no BOM: told apart by its NUL bytes
    ],
)
def test_unicode_encodings(tmp_path: Path, encoding: str, bom: bytes) -> None:
    """UTF-8 with and without a BOM, UTF-16 in either byte order."""
    rows = [HEADER, ["Zoë Müller", "", "Société Générale", "Directrice", ""]]
    path = write_csv(tmp_path / "contacts.csv", rows, encoding=encoding)
    path.write_bytes(bom + path.read_bytes())
    sheet = read_contacts(path)
    (row,) = sheet.rows
    assert (row.name, row.new_company) == ("Zoë Müller", "Société Générale")
    assert sheet.columns["name"] == "Name"  # no BOM left on the first header
    assert row.key == "zoe-muller--societe-generale"


def test_latin1_fallback(tmp_path: Path) -> None:
    """Bytes that are not UTF-8 are read as cp1252 (a superset of Latin-1 for text)."""
    rows = [HEADER, ["Zoë Müller", "", "Société Générale", "Directrice – Marketing", ""]]
    sheet = read_rows(tmp_path, rows, encoding="cp1252")
    assert sheet.encoding == "cp1252"
    assert sheet.rows[0].new_title == "Directrice – Marketing"
    path = write_csv(tmp_path / "latin.csv", rows[:1] + [["Zoë", "", "Société", "", "\x81"]])
    path.write_bytes(path.read_text("utf-8").encode("latin-1"))
    sheet = read_contacts(path)
    assert sheet.encoding == "latin-1" and sheet.rows[0].new_company == "Société"


@pytest.mark.parametrize("delimiter", [";", "\t", ","])
def test_delimiters(tmp_path: Path, delimiter: str) -> None:
    """Semicolons (European Excel), tabs and commas; commas inside values survive."""
    rows = [HEADER, JANE, ["Li Wei", "", "Initech, Inc.", "VP; Growth", ""]]
    sheet = read_rows(tmp_path, rows, delimiter=delimiter)
    assert sheet.delimiter == delimiter
    assert [r.new_company for r in sheet.rows] == ["Acme", "Initech, Inc."]
    assert sheet.rows[1].new_title == "VP; Growth"


def test_xlsx_sheets(tmp_path: Path) -> None:
    """The first sheet by default, another by name (any case), a clear error for a wrong one."""
    path = write_xlsx(
        tmp_path / "contacts.xlsx",
        {
            "Summary": [["Name", "Company"], ["First Sheet", "One"]],
            "Movers": [[None], HEADER, JANE, [None, None], ["Li Wei", None, "Initech", 42, None]],
        },
    )
    assert [r.name for r in read_contacts(path).rows] == ["First Sheet"]
    sheet = read_contacts(path, sheet="movers")
    assert sheet.sheet == "Movers" and [r.row for r in sheet.rows] == [3, 5]
    assert sheet.empty_rows == 1 and sheet.rows[1].new_title == "42"
    with pytest.raises(ConfigError, match=r"no sheet named 'Leads'. Sheets: Summary, Movers\."):
        read_contacts(path, sheet="Leads")
    csv_path = write_csv(tmp_path / "contacts.csv", [HEADER, JANE])
    with pytest.raises(ConfigError, match="only applies to .xlsx"):
        read_contacts(csv_path, sheet="Movers")


def test_xlsx_formula_without_cached_value(tmp_path: Path) -> None:
    """openpyxl saves no results: the cells read as empty, and the row says why."""
    path = write_xlsx(
        tmp_path / "f.xlsx",
        {"S": [HEADER, ["Jane Doe", None, '=UPPER("acme")', None, None], JANE[:3] + ["=A2"]]},
    )
    sheet = read_contacts(path)
    (problem,) = sheet.problems
    assert problem.row == 2 and "no new company for Jane Doe" in problem.message
    assert "New Company cell holds a formula with no saved value" in problem.message
    assert [r.row for r in sheet.rows] == [3] and sheet.rows[0].new_title == ""
    (warning,) = sheet.warnings
    assert warning.row == 3 and "New Title cell holds a formula" in str(warning)


def test_xlsx_formula_with_cached_value(tmp_path: Path) -> None:
    """A workbook saved by Excel carries each formula's last result: that is what we read."""
    path = write_xlsx(tmp_path / "f.xlsx", {"S": [HEADER, ["Jane Doe", None, '=UPPER("acme")']]})
    with zipfile.ZipFile(path) as zin:
        parts = {n: zin.read(n) for n in zin.namelist()}
    xml = parts["xl/worksheets/sheet1.xml"].decode()
    old = '<c r="C2"><f>UPPER("acme")</f><v></v></c>'
    assert old in xml
    new = '<c r="C2" t="str"><f>UPPER("acme")</f><v>ACME</v></c>'
    parts["xl/worksheets/sheet1.xml"] = xml.replace(old, new).encode()
    with zipfile.ZipFile(path, "w") as zout:
        for name, data in parts.items():
            zout.writestr(name, data)
    sheet = read_contacts(path)
    assert sheet.rows[0].new_company == "ACME" and not sheet.problems and not sheet.warnings


def test_missing_required_columns(tmp_path: Path) -> None:
    """The message lists what was found and what is expected, before any row is read."""
    expected = (
        "Expected: new company (also: company, new employer, current company, employer, "
        "organization, organisation, account, company name, account name, new company name, "
        "current company name, new account name, new employer name); contact name "
        "(also: name, contact, full name, person; or first name + last name). "
        "Rename or add the column, then run again."
    )
    with pytest.raises(ConfigError) as exc:
        read_rows(tmp_path, [["Name", "Email", "Title"], ["Jane", "", "CMO"]])
    assert str(exc.value) == (
        "contacts.csv has no column for the new company. "
        "Columns found: Name, Email, Title. " + expected
    )
    with pytest.raises(ConfigError) as exc:
        read_rows(tmp_path, [["First Name", "Notes"], ["Jane", ""]])
    assert str(exc.value).startswith(
        "contacts.csv has no column for the contact name or the new company. "
        "Columns found: First Name, Notes. Expected: new company"
    )
    (tmp_path / "empty.csv").write_bytes(b"\r\n\r\n")
    with pytest.raises(ConfigError, match="no header row"):
        read_contacts(tmp_path / "empty.csv")


def test_empty_rows_are_skipped_and_counted(tmp_path: Path) -> None:
    """Blank lines and delimiter-only lines between rows; trailing ones are not counted."""
    rows = [[], HEADER, JANE, [], ["", " ", "", "", ""], ["Li Wei", "", "Initech", "", ""], [], []]
    sheet = read_rows(tmp_path, rows)
    assert [r.row for r in sheet.rows] == [3, 6]
    assert sheet.empty_rows == 2 and not sheet.problems


@pytest.mark.parametrize("kind", ["csv", "xlsx"])
def test_five_thousand_rows(tmp_path: Path, kind: str) -> None:
    """A big export reads in full."""
    rows = [[f"Person {i}", f"p{i}@example.com", f"Company {i}", "CMO", "Old"] for i in range(5000)]
    if kind == "csv":
        path = write_csv(tmp_path / "big.csv", [HEADER, *rows])
    else:
        path = write_xlsx(tmp_path / "big.xlsx", {"Contacts": [HEADER, *rows]})
    sheet = read_contacts(path)
    assert len(sheet.rows) == 5000 and not sheet.problems
    assert sheet.rows[-1].row == 5001 and sheet.rows[-1].name == "Person 4999"


def test_html_and_right_to_left_text_are_kept_as_text(tmp_path: Path) -> None:
    """Markup is not interpreted; Arabic and Hebrew names survive and get distinct keys."""
    rows = [
        HEADER,
        ["<b>Jane</b> <script>alert(1)</script>", "", "Acme &amp; Co", "", ""],
        ["محمد العلي", "", "شركة أرامكو", "", ""],
        ["سارة العلي", "", "شركة أرامكو", "", ""],
        ["דנה לוי", "", "Acme", "", ""],
    ]
    sheet = read_rows(tmp_path, rows)
    names = [r.name for r in sheet.rows]
    assert names == [rows[1][0], "محمد العلي", "سارة العلي", "דנה לוי"]
    assert sheet.rows[0].new_company == "Acme &amp; Co"
    assert len({r.key for r in sheet.rows}) == 4 and not sheet.problems
    assert sheet.rows[3].key.endswith("--acme")


def test_csv_formula_injection(tmp_path: Path) -> None:
    """A leading formula sign before a letter or paren is removed, with a warning."""
    rows = [
        HEADER + ["Notes"],
        ["Jane Doe", "", "Acme", "@SUM(A1)", "", '=HYPERLINK("http://evil.example","x")'],
        ["Li Wei", "", "=+cmd|' /C calc'!A0", "-5% target", "", "+44 20 7946 0000"],
    ]
    sheet = read_rows(tmp_path, rows)
    jane, li = sheet.rows
    assert jane.notes == 'HYPERLINK("http://evil.example","x")' and jane.new_title == "SUM(A1)"
    assert li.new_company == "cmd|' /C calc'!A0" and li.new_title == "-5% target"
    assert li.notes == "+44 20 7946 0000"
    assert [(w.row, w.message.split(" cell")[0]) for w in sheet.warnings] == [
        (2, "The New Title"),
        (2, "The Notes"),
        (3, "The New Company"),
    ]
    assert "began with '='" in sheet.warnings[1].message


def test_bad_rows_are_reported_and_skipped(tmp_path: Path) -> None:
    """No company, no name, a malformed e-mail (masked) and a duplicate; good rows go on."""
    rows = [
        HEADER,
        JANE,
        ["Bob Roe", "", "", "CFO", ""],
        ["", "", "Initech", "", ""],
        ["Li Wei", "john.smith@@example.com", "Initech", "", ""],
        ["  jane   DOE ", "", "ACME", "", ""],
        ["Ann Lee", "mailto:ann@initech.example", "Initech", "", ""],
    ]
    sheet = read_rows(tmp_path, rows)
    assert [r.name for r in sheet.rows] == ["Jane Doe", "Ann Lee"]
    assert sheet.rows[1].email == "ann@initech.example"
    messages = {p.row: p.message for p in sheet.problems}
    assert messages[3] == "It has no new company for Bob Roe."
    assert messages[4] == "It has no contact name."
    assert (
        "j***@example.com is malformed (it has 2 @ signs; give one address per row)" in messages[5]
    )
    assert "john.smith" not in messages[5]
    assert messages[6].startswith(
        "It names jane DOE at ACME like row 2, and one of the two rows has no e-mail address"
    )
    assert str(sheet.problems[-1]).startswith("Row 6: ")
    assert "acme.example" not in repr(sheet.rows[0])  # the e-mail stays out of logs


def test_mask_email() -> None:
    """Enough to find the cell, never enough to send mail."""
    assert mask_email("jane.doe@example.com") == "j***@example.com"
    assert mask_email("no-at-sign") == "n***"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2024-03-13", date(2024, 3, 13)),
        ("2024/3/13", date(2024, 3, 13)),
        ("2024-03-13T09:30:00", date(2024, 3, 13)),
        ("13/03/2024", date(2024, 3, 13)),
        ("03/13/2024", date(2024, 3, 13)),
        ("13.03.24", date(2024, 3, 13)),
        ("3/3/2024", date(2024, 3, 3)),
        ("1 March 2024", date(2024, 3, 1)),
        ("March 1st, 2024", date(2024, 3, 1)),
        ("Mar 2024", date(2024, 3, 1)),
        ("01/03/2024", None),
        ("31/02/2024", None),
        ("soon", None),
    ],
)
def test_parse_date(text: str, expected: date | None) -> None:
    """ISO, day/month or month/day when only one fits, and month names."""
    assert parse_date(text)[0] == expected


def test_start_dates_in_rows(tmp_path: Path) -> None:
    """Excel date cells and serial numbers; an unreadable date is a warning, not a problem."""
    rows: list[list[object]] = [
        ["Name", "Company", "Start Date"],
        ["A One", "Acme", datetime(2024, 3, 1, 0, 0)],
        ["B Two", "Acme", 45352],
        ["C Three", "Acme", "01/03/2024"],
        ["D Four", "Acme", "next spring"],
    ]
    sheet = read_contacts(write_xlsx(tmp_path / "d.xlsx", {"S": rows}))
    assert [r.start_date for r in sheet.rows] == [date(2024, 3, 1), date(2024, 3, 1), None, None]
    assert [w.row for w in sheet.warnings] == [4, 5]
    assert "day/month or month/day" in sheet.warnings[0].message


def test_key_and_fingerprint(tmp_path: Path) -> None:
    """The key names the contact; the fingerprint changes with the row's content only."""
    first = read_rows(tmp_path, [HEADER, JANE]).rows[0]
    moved = read_rows(tmp_path, [HEADER, [], ["Li Wei", "", "Initech", "", ""], JANE]).rows[1]
    changed = read_rows(tmp_path, [HEADER, JANE[:3] + ["CEO", "Globex"]]).rows[0]
    assert first.key == moved.key == changed.key == "jane-doe--acme"
    assert first.fingerprint == moved.fingerprint != changed.fingerprint
    assert len(first.fingerprint) == 64


def test_cleaning(tmp_path: Path) -> None:
    """Whitespace collapses and control characters go."""
    rows = [HEADER, ["  Jane\x00\x07  \t Doe ", "", "Acme\u00a0\u00a0Corp\n", "C\x1bMO", ""]]
    row = read_rows(tmp_path, rows).rows[0]
    assert (row.name, row.new_company, row.new_title) == ("Jane Doe", "Acme Corp", "CMO")


def test_file_level_errors(tmp_path: Path) -> None:
    """Wrong extension, missing file, damaged workbook: ConfigError with a clear message."""
    (tmp_path / "contacts.numbers").write_bytes(b"x")
    with pytest.raises(ConfigError, match=r"\.csv, \.tsv, \.txt, \.xlsx, \.xlsm"):
        read_contacts(tmp_path / "contacts.numbers")
    with pytest.raises(ConfigError, match="does not exist"):
        read_contacts(tmp_path / "nope.csv")
    (tmp_path / "bad.xlsx").write_bytes(b"PK\x03\x04 not really a zip")
    with pytest.raises(ConfigError, match="could not be read as an Excel workbook"):
        read_contacts(tmp_path / "bad.xlsx")
    write_csv(tmp_path / "renamed.xlsx", [HEADER, JANE])
    with pytest.raises(ConfigError, match="save it again as .xlsx"):
        read_contacts(tmp_path / "renamed.xlsx")


def test_same_name_and_company_with_different_emails_are_two_people(tmp_path: Path) -> None:
    rows = [
        HEADER,
        JANE,
        ["Jane Doe", "jane.doe2@acme.example", "Acme", "CFO", ""],
        ["Jane Doe", "JANE.DOE@acme.example", "Acme", "CMO", ""],  # the first one again
    ]
    sheet = read_rows(tmp_path, rows)
    assert [r.row for r in sheet.rows] == [2, 3]
    assert sheet.rows[0].identity != sheet.rows[1].identity
    assert "acme.example" not in sheet.rows[0].identity  # a hash, not the address
    assert [(p.row, p.message) for p in sheet.problems] == [
        (4, "It repeats Jane Doe at Acme from row 2 (the same e-mail address); row 2 was kept.")
    ]


def test_bidi_controls_are_removed_from_cells(tmp_path: Path) -> None:
    sheet = read_rows(tmp_path, [HEADER, ["Jane \u202eeoD", "", "Ac\u2066me\u2069", "", ""]])
    assert sheet.rows[0].name == "Jane eoD" and sheet.rows[0].new_company == "Acme"


def test_an_overlong_cell_is_a_row_problem(tmp_path: Path) -> None:
    from dossier.batch.contacts import MAX_CELL_CHARS

    sheet = read_rows(tmp_path, [HEADER, JANE, ["Bob", "", "Beta", "x" * 20_000, ""]])
    assert [r.row for r in sheet.rows] == [2]
    assert sheet.problems[0].row == 3
    assert (
        f"The New Title cell is longer than {MAX_CELL_CHARS:,} characters"
        in sheet.problems[0].message
    )


def test_too_many_rows_is_refused_while_reading(tmp_path: Path, monkeypatch) -> None:
    from dossier.batch import contacts

    monkeypatch.setattr(contacts, "MAX_ROWS", 5)
    rows = [HEADER] + [[f"P{i}", "", "Acme", "", ""] for i in range(10)]
    with pytest.raises(ConfigError, match="has more than 5 rows"):
        read_rows(tmp_path, rows)


def test_columns_past_the_cap_are_not_read(tmp_path: Path, monkeypatch) -> None:
    from dossier.batch import contacts

    monkeypatch.setattr(contacts, "MAX_COLUMNS", 3)
    sheet = read_rows(tmp_path, [HEADER, JANE])
    assert sheet.rows[0].new_company == "Acme" and sheet.rows[0].new_title == ""


def test_a_zip_bomb_workbook_is_refused_before_openpyxl(tmp_path: Path, monkeypatch) -> None:
    """A small .xlsx whose sheet unpacks to 128 MiB (constructed; the limit is lowered to
    50 MB to keep the test quick): refused from the zip's directory, before openpyxl."""
    import zipfile

    from dossier.batch import contacts

    monkeypatch.setattr(contacts, "MAX_UNPACKED_BYTES", 50_000_000)
    path = tmp_path / "bomb.xlsx"
    chunk = b"<row>" + b" " * (1 << 20) + b"</row>"
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        with z.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as fh:
            for _ in range(128):
                fh.write(chunk)
    assert path.stat().st_size < 1_000_000

    def no_openpyxl(*a, **k):  # pragma: no cover - it must not get this far
        raise AssertionError("openpyxl was called")

    import openpyxl

    monkeypatch.setattr(openpyxl, "load_workbook", no_openpyxl)
    with pytest.raises(ConfigError) as info:
        read_contacts(path)
    assert "bomb.xlsx unpacks to 134 MB, more than the 50 MB" in str(info.value)


def test_a_huge_file_is_refused_before_reading(tmp_path: Path, monkeypatch) -> None:
    from dossier.batch import contacts

    monkeypatch.setattr(contacts, "MAX_FILE_BYTES", 100)
    path = tmp_path / "big.csv"
    path.write_text("Name,Company\n" + "Jane Doe,Acme\n" * 20, encoding="utf-8")
    with pytest.raises(ConfigError, match="big.csv is 0 MB; dossier reads contact sheets of up to"):
        read_contacts(path)


@pytest.mark.parametrize(
    ("email", "why"),
    [
        ("jane.example.com", "it has no @"),
        ("jane@@example.com", "it has 2 @ signs"),
        ("jane doe@example.com", "it holds a space"),
        ("Jane <jane@example.com>", "it holds a space"),
        ("jane@example.com;bo@example.com", "it has 2 @ signs"),
        ("<jane@example.com>", "it holds <, >"),
        ("@example.com", "nothing comes before the @"),
        ("jane@example", "the part after the @ has no dot"),
    ],
)
def test_a_malformed_address_says_what_is_wrong_without_showing_it(email: str, why: str) -> None:
    from dossier.batch.contacts import email_problem

    assert email_problem(email).startswith(why)


def test_a_first_worksheet_without_the_list_names_the_others_and_sheet(tmp_path: Path) -> None:
    path = write_xlsx(
        tmp_path / "contacts.xlsx",
        {
            "Read me": [["How to use this file"], ["Fill in the Movers sheet"]],
            "Movers": [HEADER, JANE],
        },
    )
    with pytest.raises(
        ConfigError, match=r"worksheet 'Read me'; the file also has 'Movers': .*--sheet NAME"
    ):
        read_contacts(path)
    assert [r.name for r in read_contacts(path, sheet="Movers").rows] == ["Jane Doe"]
