"""The wheel carries the templates and source settings, so an installed dossier works anywhere."""

from __future__ import annotations

import os
import zipfile
from pathlib import Path

from .conftest import ROOT


def test_wheel_ships_templates_fonts_and_sources(tmp_path: Path) -> None:
    from hatchling.build import build_wheel

    cwd = os.getcwd()
    os.chdir(ROOT)
    try:
        name = build_wheel(str(tmp_path))
    finally:
        os.chdir(cwd)
    names = set(zipfile.ZipFile(tmp_path / name).namelist())
    for expected in (
        "dossier/_data/templates/company-report.html.j2",
        "dossier/_data/templates/report.css.j2",
        "dossier/_data/templates/brand.toml",
        "dossier/_data/templates/assets/logo.svg",
        "dossier/_data/templates/fonts/Inter-Regular.otf",
        "dossier/_data/sources/sec.toml",
        "dossier/_data/sources/wikidata.toml",
        "dossier/_data/sources/wikipedia.toml",
        "dossier/cli.py",
        "dossier/data/words_to_watch.toml",
        "dossier/data/agencies.toml",
        "dossier/data/asks.toml",
        "dossier/_data/templates/review.html.j2",
        "dossier/_data/templates/agency-profile.html.j2",
        "dossier/_data/templates/notes/note-1.md.j2",
        "dossier/app/templates/contact.html",
        "dossier/app/static/app.css",
    ):
        assert expected in names, expected
    assert not any(n.startswith(("tests/", "examples/")) for n in names)
    assert not any("__pycache__" in n for n in names)


def test_installed_layout_is_found(tmp_path: Path, monkeypatch) -> None:
    """data_dir() prefers dossier/_data/<name> (the wheel layout) over the checkout."""
    from dossier import config

    fake_pkg = tmp_path / "dossier"
    (fake_pkg / "_data" / "templates").mkdir(parents=True)
    monkeypatch.setattr(config, "PACKAGE_DIR", fake_pkg)
    assert config.data_dir("templates") == fake_pkg / "_data" / "templates"
