"""Entries added to the gazetteer in the second issue-17 round (2 December 2026).

Each entry cites a page read through the search tool (dossier/data/agencies-sources.md, section
"Added for issue 17, second round"). These tests check that a few of them resolve as trade press
writes them, map to today's owner, and that the ordinary words among their names stay unmatched.
The sentences are constructed for the test.
"""

from __future__ import annotations

from datetime import date

import pytest

from dossier.agency.gazetteer import Gazetteer


@pytest.mark.parametrize(
    ("written", "name", "holding"),
    [
        ("Colle+McVoy", "Colle McVoy", "Stagwell"),
        ("Rubin Postaer & Associates", "RPA", "independent"),
        ("Adfactors Public Relations", "Adfactors PR", "independent"),
        ("Rediffusion-Y&R", "Rediffusion", "independent"),
        ("Fortune Promoseven", "FP7 McCann", "Omnicom Group"),
        ("Memac Ogilvy & Mather", "Memac Ogilvy", "WPP"),
        ("King James Group", "King James", "Accenture"),
        ("David & Goliath", "David&Goliath", "independent"),
        ("Lopez Negrete", "Lopez Negrete Communications", "independent"),
        ("the7stars", "the7stars", "independent"),
    ],
)
def test_new_entries_resolve(gaz: Gazetteer, written: str, name: str, holding: str) -> None:
    entry = gaz.match(written)
    assert entry is not None and entry.name == name
    assert entry.holding == holding


def test_folded_brands_map_to_their_successor(gaz: Gazetteer) -> None:
    mithun = gaz.match("Campbell Mithun")
    assert mithun is not None and gaz.current(mithun).name == "McCann"
    assert mithun.owner_on(date(2010, 1, 1)) == "Interpublic Group"
    lbi = gaz.match("LBi")
    assert lbi is not None and gaz.current(lbi).name == "Digitas"


def test_ownership_history_is_dated(gaz: Gazetteer) -> None:
    rediff = gaz.match("Rediffusion")
    assert rediff is not None
    assert "Dentsu" in rediff.owner_on(date(2010, 1, 1))  # the Y&R/Dentsu minority, 1994-2018
    assert rediff.owner_on(date(2020, 1, 1)) == "independent"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Tourism Ireland picks Boys+Girls and Rethink for the brief", ["Boys+Girls", "Rethink"]),
        ("Heinz and Rethink Canada launched the work", ["Rethink Canada"]),
        # names that are also ordinary words or given names: only where written as a name about agencies
        ("we need to rethink the impact of a circus on the narrative", []),
        ("boys and girls at the madison square rally dare to dream", []),
    ],
)
def test_find_in_new_names(gaz: Gazetteer, text: str, expected: list[str]) -> None:
    assert [text[s:e] for _entry, s, e in gaz.find_in(text)] == expected


def test_a_name_shared_with_an_unrelated_agency_is_not_claimed(gaz: Gazetteer) -> None:
    # WPP's out-of-home specialist is listed as Kinetic Worldwide only: Kinetic Singapore, a local
    # creative agency, must not be read as WPP's
    assert gaz.match("Kinetic Worldwide") is not None
    assert gaz.match("Kinetic Singapore") is None
    majority = gaz.match("Majority")
    assert majority is not None and majority.owner_on(date(2024, 1, 1)) == "WPP (30%)"
    assert gaz.find_in("the majority of agencies") == []
