"""dossier handover: the successor brief from a constructed activities export, read with pypdf."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner
from pypdf import PdfReader

from dossier.cli import cli
from dossier.crm.handover import intro_note, read_activities, write_handover
from dossier.errors import ConfigError
from dossier.render.notes import check_asks

from .conftest import FIXTURES

ACTIVITIES = FIXTURES / "crm" / "activities.csv"
TODAY = date(2026, 12, 1)


def test_activities_of_the_company_only_with_bad_rows_reported() -> None:
    h = read_activities(ACTIVITIES, "Northwind Traders", TODAY)
    assert h.company == "Northwind Traders"
    assert len(h.activities) == 7  # "NORTHWIND TRADERS INC." counts; Contoso's pitch does not
    assert h.problems == [
        "activities.csv row 10: The date 'not a date' is not a date dossier can read; the "
        "activity was left out."
    ]
    assert [a.subject for a in h.in_progress] == [
        "Holiday window displays: final artwork",
        "Holiday windows install review",
    ]
    projects = {p["name"]: p for p in h.projects()}
    assert projects["Spring brand refresh"]["count"] == 3
    assert (
        "Store visits up 12% against the 2023 campaign"
        in projects["Spring brand refresh"]["results"]
    )
    assert projects["Holiday windows 2026"]["open"] is True
    assert h.staff() == [("Alice Archer", 4), ("Ben Brooks", 2), ("Carla Cruz", 1)]
    # the departed contact's name becomes their role
    assert "Send loyalty campaign report to the VP Marketing" in [a.subject for a in h.done]


@pytest.mark.pdf
def test_handover_pdf(tmp_path: Path) -> None:
    h = write_handover("Northwind Traders", ACTIVITIES, tmp_path, today=TODAY)
    assert check_asks(h.note) == []
    text = " ".join(page.extract_text() for page in PdfReader(h.outputs["pdf"]).pages)
    flat = " ".join(text.split())
    for expected in (
        "Handover brief",
        "Welcome to your new role.",
        "since February 2024",
        "There is no need to reply.",
        "Work done together",
        "Spring brand refresh",
        "Guidelines delivered (48 pages)",
        "Timeline",
        "People involved",
        "Alice Archer",
        "VP Marketing",
        "In progress",
        "Holiday windows install review",
        "from its own records",
    ):
        assert expected in flat, expected
    # nothing private about the departed contact: no name, address, phone, free-text note
    for private in ("Jane", "Doe", "jane.doe", "7946", "Lisbon"):
        assert private not in flat, private
    assert "public sources" not in flat  # the brand's report footer is not this brief's
    assert (tmp_path / "handover-note.txt").read_text(encoding="utf-8").startswith("Welcome")


def test_the_note_never_asks() -> None:
    h = read_activities(ACTIVITIES, "Northwind Traders", TODAY)
    note = intro_note(h, "Fieldstone & Co", "Alex Morgan", "Client Partner")
    assert check_asks(note) == []
    assert "2 pieces of work are in progress" in note


def test_unknown_company_and_missing_columns(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="no activity with 'Globex'"):
        read_activities(ACTIVITIES, "Globex", TODAY)
    bad = tmp_path / "a.csv"
    bad.write_text("When,What\n2024-01-01,x\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="no column for date, subject, company"):
        read_activities(bad, "Northwind Traders", TODAY)


@pytest.mark.pdf
def test_cli_handover(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        cli,
        [
            "handover",
            "--company",
            "northwind traders",
            "--activities",
            str(ACTIVITIES),
            "-o",
            str(tmp_path),
        ],
    )
    assert result.exit_code == 0, result.output
    assert "Northwind Traders: 7 activities, 2 in progress" in result.stdout
    assert "skipped activities.csv row 10" in result.stderr
    assert (tmp_path / "handover-brief.pdf").read_bytes()[:5] == b"%PDF-"
