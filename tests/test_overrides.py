"""Reviewer corrections in overrides/<company-slug>.toml survive rebuilds."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from dossier.errors import ConfigError
from dossier.research.overrides import load_override

from .conftest import build_apple

pytestmark = pytest.mark.pdf

OVERRIDE = """
agency = "TBWA\\\\Media Arts Lab"
remove = ["industry"]
note = "Headcount checked against the FY2025 10-K."
reviewer = "Sam Lee"

[set]
employees = { amount = 166000, period = "FY2025" }
"""


def test_override_sets_removes_and_chooses_the_agency(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "overrides").mkdir()
    (tmp_path / "overrides" / "apple-inc.toml").write_text(OVERRIDE)
    r = build_apple(tmp_path / "out", "--contact", "Jane Doe", "--format", "json")
    assert r.exit_code == 0, r.output
    data = json.loads((tmp_path / "out" / "jane-doe--apple-inc" / "facts.json").read_text())
    org = data["organisation"]
    assert org["employees"]["chosen"]["value"]["amount"] == 166000
    assert org["employees"]["chosen"]["provenance"]["source"] == "reviewer"
    assert org["employees"]["chosen"]["provenance"]["locator"] == "set by Sam Lee"
    assert org["industry"] is None  # removed: no source's value is shown
    assert "Reviewer correction" in [s["label"] for s in data["citations"]]
    assert "Reviewer note (Sam Lee): Headcount checked against the FY2025 10-K." in r.stderr
    assert "Agency: TBWA\\Media Arts Lab (named in the company's override file" in r.stdout
    texts = [s["text"] for s in data["sentences"]]
    assert "It reported 166,000 employees for fiscal year 2025." in texts


def test_override_files_are_checked(tmp_path: Path) -> None:
    bad = tmp_path / "x.toml"
    bad.write_text("colour = 'red'\n")
    with pytest.raises(ConfigError, match="unknown key"):
        load_override(bad)
    bad.write_text("[set]\nrevenue = 5\n")
    with pytest.raises(ConfigError, match="revenue needs"):
        load_override(bad)
    bad.write_text("[entity]\nisin = 'US0378331005'\n")
    with pytest.raises(ConfigError, match=r"\[entity\] takes"):
        load_override(bad)
