"""dossier changes: two CRM exports (constructed HubSpot, Salesforce, Dynamics files) -> who moved."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from click.testing import CliRunner

from dossier.batch.contacts import read_contacts
from dossier.cli import cli
from dossier.crm.changes import compare, detect_changes, name_key, read_export
from dossier.crm.columns import MOVED_COLUMNS
from dossier.errors import ConfigError

from .conftest import FIXTURES

CRM = FIXTURES / "crm"


def _rows(path: Path) -> dict[str, dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as f:
        return {r["Contact Name"]: r for r in csv.DictReader(f)}


def test_hubspot_each_change_class(tmp_path: Path) -> None:
    out = tmp_path / "moved.csv"
    report = detect_changes(CRM / "hubspot-old.csv", CRM / "hubspot-new.csv", out)
    rows = _rows(out)
    assert {n: r["change"] for n, r in rows.items()} == {
        "Jane Doe": "moved",  # another company, found by record id though the e-mail changed
        "Omar Haddad": "promoted",  # Marketing Manager -> Head of Marketing, same company
        "Lena Berg": "role_change",  # "CONTOSO LTD." is Contoso Ltd; another manager title
        "Priya Nair": "left",  # the new record has no company
        "Tom Reed": "left",  # gone from the new export
        "Wei Chen": "new",
    }
    assert "Sara Kim" not in rows  # unchanged
    assert report.unchanged == 1
    jane = rows["Jane Doe"]
    assert jane["Previous Company"] == "Northwind Traders"
    assert jane["New Company"] == "Apple Inc."
    assert jane["Previous Title"] == "VP Marketing"
    assert jane["New Title"] == "Chief Marketing Officer"
    assert jane["Start Date"] == "2026-11-02"  # the record's last modified date, which changed
    assert jane["Relationship Since"] == "2019-03-01"
    assert jane["Email"] == "jane.doe@apple.example"
    assert jane["Matched By"] == "record id"
    assert rows["Priya Nair"]["New Company"] == ""
    assert rows["Tom Reed"]["Matched By"] == "not in the new export"


def test_bad_rows_reported_with_row_numbers_and_the_run_goes_on(tmp_path: Path) -> None:
    report = detect_changes(CRM / "hubspot-old.csv", CRM / "hubspot-new.csv", tmp_path / "m.csv")
    assert report.problems == [
        "hubspot-old.csv row 8: The e-mail address b*** is malformed (it has no @); the row was left out.",
        "hubspot-old.csv row 9: It repeats the e-mail address of row 3 (Omar Haddad); row 3 "
        "was kept.",
        "hubspot-new.csv row 9: It has no name and no e-mail address.",  # after a blank row 5
    ]
    assert "bad.address" not in " ".join(report.problems)  # an address is never shown whole


def test_salesforce_fuzzy_and_accented_names(tmp_path: Path) -> None:
    out = tmp_path / "moved.csv"
    report = detect_changes(CRM / "salesforce-old.csv", CRM / "salesforce-new.csv", out)
    rows = _rows(out)
    jon = rows["Jon Smith"]  # John Smith, new address: a similar name, clearly the best
    assert (jon["change"], jon["Previous Company"], jon["New Company"]) == (
        "moved",
        "Woodgrove Bank",
        "Contoso Pharmaceuticals",
    )
    assert jon["Matched By"].startswith("similar name (")
    assert any("John Smith matched Jon Smith" in w and "check it" in w for w in report.warnings)
    maria = rows["María García"]  # "Maria Garcia" without accents: the same name
    assert (maria["change"], maria["Matched By"]) == ("moved", "name")
    # Chris Park is as close to Chris Parker as to Chris Parks: no guess.
    assert rows["Chris Park"]["change"] == "left"
    assert rows["Chris Parker"]["change"] == rows["Chris Parks"]["change"] == "new"
    assert "Ann Lee" not in rows


def test_dynamics_xlsx_and_promotion_by_a_senior_word(tmp_path: Path) -> None:
    import pandas as pd

    new = tmp_path / "dynamics-new.xlsx"
    pd.read_csv(CRM / "dynamics-new.csv", dtype=str).to_excel(new, index=False)
    out = tmp_path / "moved.xlsx"
    detect_changes(CRM / "dynamics-old.csv", new, out)
    frame = pd.read_excel(out, dtype=str).fillna("")
    assert list(frame.columns) == list(MOVED_COLUMNS)
    got = dict(zip(frame["Contact Name"], frame["change"], strict=True))
    assert got == {"Grace Obi": "moved", "Hugo Laurent": "promoted"}
    assert frame.loc[0, "Start Date"] == "2026-10-05"


def test_the_sheet_is_read_by_batch_unchanged(tmp_path: Path) -> None:
    out = tmp_path / "moved.csv"
    detect_changes(CRM / "hubspot-old.csv", CRM / "hubspot-new.csv", out)
    sheet = read_contacts(out)
    assert [r.name for r in sheet.rows] == ["Jane Doe"]  # only a move to another company
    jane = sheet.rows[0]
    assert (jane.previous_company, jane.new_company, jane.new_title, jane.owner) == (
        "Northwind Traders",
        "Apple Inc.",
        "Chief Marketing Officer",
        "Alice Archer",
    )
    assert jane.start_date is not None and jane.start_date.isoformat() == "2026-11-02"
    assert jane.extra["Industry"] == "Consumer Electronics"
    problems = {p.row: p.message for p in sheet.problems}
    assert (
        "change: left" in problems[5]
        and 'dossier handover --company "Fabrikam Inc."' in problems[5]
    )
    assert "change: new" in problems[7]
    assert "promoted within Northwind Traders (change: promoted)" in problems[3]
    assert "(change: role_change)" in problems[4]


def test_job_change_alert_headers_read_by_batch(tmp_path: Path) -> None:
    """Column names of job-change alert exports (UserGems, Apollo, Sales Navigator style)."""
    sheet = tmp_path / "alerts.csv"
    sheet.write_text(
        "First Name,Last Name,New Email,Past Company,New Company Name,New Job Title,"
        "Job Change Date,Contact Owner Name,Note\n"
        "Jane,Doe,jane@apple.example,Northwind Traders,Apple Inc.,CMO,2026-11-02,"
        "Alice Archer,constructed\n",
        encoding="utf-8",
    )
    row = read_contacts(sheet).rows[0]
    assert (row.name, row.email, row.previous_company, row.new_company, row.new_title) == (
        "Jane Doe",
        "jane@apple.example",
        "Northwind Traders",
        "Apple Inc.",
        "CMO",
    )
    assert row.start_date is not None and row.start_date.isoformat() == "2026-11-02"
    assert row.owner == "Alice Archer"


def test_same_name_twice_is_not_guessed(tmp_path: Path) -> None:
    old = tmp_path / "old.csv"
    new = tmp_path / "new.csv"
    old.write_text("Full Name,Company Name,Job Title\nSam Lee,Acme,CMO\n", encoding="utf-8")
    new.write_text(
        "Full Name,Company Name,Job Title\nSam Lee,Globex,CMO\nSam Lee,Initech,CFO\n",
        encoding="utf-8",
    )
    report = compare(read_export(old), read_export(new))
    assert [c.change for c in report.changes] == ["left", "new", "new"]
    assert any("same name as 2 contacts" in w for w in report.warnings)


def test_name_key_ignores_accents_titles_and_order() -> None:
    assert name_key("Dr. José  Álvarez") == name_key("alvarez jose")
    assert name_key("Jane Doe") != name_key("Jane Dow")


def test_file_level_errors_are_clear(tmp_path: Path) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_text("Foo,Bar\n1,2\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="no column for the contact's name or e-mail"):
        read_export(bad)
    with pytest.raises(ConfigError, match="given twice"):
        detect_changes(CRM / "hubspot-old.csv", CRM / "hubspot-old.csv", tmp_path / "m.csv")
    with pytest.raises(ConfigError, match="would overwrite an export"):
        detect_changes(CRM / "hubspot-old.csv", CRM / "hubspot-new.csv", CRM / "hubspot-new.csv")


def test_cli_changes_default_output(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(
        cli, ["changes", str(CRM / "hubspot-old.csv"), str(CRM / "hubspot-new.csv")]
    )
    assert result.exit_code == 0, result.output
    assert (tmp_path / "moved-contacts.csv").is_file()
    assert "1 moved, 1 promoted, 1 role change, 2 left, 1 new, 1 unchanged" in result.output
    assert "skipped hubspot-old.csv row 8" in result.output


def test_a_formula_cell_is_never_written_as_a_formula(tmp_path: Path) -> None:
    old = tmp_path / "old.csv"
    new = tmp_path / "new.csv"
    old.write_text("Full Name,Company Name,Job Title\nSam Lee,Acme,CMO\n", encoding="utf-8")
    new.write_text(
        'Full Name,Company Name,Job Title\nSam Lee,"=HYPERLINK(""x"")",CMO\n', encoding="utf-8"
    )
    out = tmp_path / "m.csv"
    report = detect_changes(old, new, out)
    assert "=" not in out.read_text(encoding="utf-8-sig").split("\n", 1)[1].split(",")[4][:1]
    assert any("like a spreadsheet formula" in w for w in report.warnings)


def test_xlsx_row_numbers_are_those_excel_shows(tmp_path: Path) -> None:
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    for row in (
        [],
        ["Full Name", "Email", "Company Name"],
        ["Ann Bell", "ann@x.example", "Acme"],
        [],
        ["Cy Dunn", "bad", "Acme"],
    ):
        sheet.append(row)
    path = tmp_path / "constructed.xlsx"
    book.save(path)
    export = read_export(path)
    assert [(p.row, p.name) for p in export.people] == [(3, "Ann Bell")]
    assert [p.row for p in export.problems] == [5]


def test_a_row_with_extra_cells_is_read_not_fatal(tmp_path: Path) -> None:
    path = tmp_path / "constructed.csv"
    path.write_text(
        "Full Name,Email,Company Name\nAnn Bell,ann@x.example,Acme,EXTRA,MORE\n"
        "Cy Dunn,cy@x.example,Acme\n",
        encoding="utf-8",
    )
    export = read_export(path)
    assert [(p.row, p.name, p.company) for p in export.people] == [
        (2, "Ann Bell", "Acme"),
        (3, "Cy Dunn", "Acme"),
    ]
