"""The README, --help and the sources folder stay true to the code."""

from __future__ import annotations

import pytest

from dossier.cli import cli
from dossier.sources import registry

from .conftest import ROOT

SOURCES = registry.sources()

README = (ROOT / "README.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("name", sorted(cli.commands))
def test_every_command_has_help_and_is_in_the_readme(name: str) -> None:
    command = cli.commands[name]
    assert command.help and "Example:" in command.help
    assert f"dossier {name}" in README


@pytest.mark.parametrize("name", sorted(SOURCES))
def test_every_source_has_settings_and_a_readme_row(name: str) -> None:
    assert (ROOT / "sources" / f"{name}.toml").is_file()
    assert f"| {SOURCES[name].label} |" in README


def test_quick_start_is_two_commands() -> None:
    quick = README.split("## Quick start", 1)[1].split("\n## ", 1)[0]
    commands = [line.strip() for line in quick.splitlines() if line.strip().startswith("make ")]
    assert commands == ["make demo", "make test"]


def test_ci_runs_the_readme_test_command() -> None:
    assert "make test" in (ROOT / ".ci" / "run").read_text()
