"""Shared fixtures. The network is blocked for every test by pytest-socket (see pyproject)."""

from __future__ import annotations

import gzip
import shutil
from datetime import UTC, datetime
from pathlib import Path

import pytest

from dossier.sources.base import Document

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
APPLE_SNAPSHOT = ROOT / "examples" / "apple-inc" / "snapshot"
NVIDIA_SNAPSHOT = FIXTURES / "snapshots" / "nvidia-sec-only"
RETRIEVED = datetime(2026, 3, 5, tzinfo=UTC)

#: Tests that drive Debian's Chromium; skipped (before any fixture is built) where it is missing.
requires_chromium = pytest.mark.skipif(
    shutil.which("chromium") is None,
    reason="Debian's chromium is not installed (apt-get install chromium)",
)


@pytest.fixture(autouse=True)
def _isolated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Keep the user's cache, config and contact out of every test."""
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    monkeypatch.delenv("DOSSIER_CONTACT", raising=False)
    monkeypatch.delenv("DOSSIER_SOURCES", raising=False)


def fixture_bytes(*parts: str) -> bytes:
    """A fixture file's bytes (gunzipped when it ends in .gz)."""
    data = FIXTURES.joinpath(*parts).read_bytes()
    return gzip.decompress(data) if parts[-1].endswith(".gz") else data


def doc(source: str, url: str, body: bytes, constructed: bool = False) -> Document:
    """Wrap a recorded body in a Document, as the HTTP client would."""
    return Document(
        source=source,
        url=url,
        status=200,
        content_type="application/json",
        body=body,
        retrieved_at=RETRIEVED,
        constructed=constructed,
    )


def values_by_field(facts: list) -> dict[str, list]:
    """Fact values grouped by schema field."""
    out: dict[str, list] = {}
    for f in facts:
        out.setdefault(f.field, []).append(f.value)
    return out


def build_apple(out: Path, *extra: str):
    """Run ``dossier build`` on the bundled Apple snapshot into ``out``."""
    from click.testing import CliRunner

    from dossier.cli import cli

    args = ["build", "--company", "Apple Inc.", "--offline", str(APPLE_SNAPSHOT), "--out", str(out)]
    return CliRunner().invoke(cli, [*args, *extra], catch_exceptions=False)


@pytest.fixture(scope="module")
def gaz():  # type: ignore[no-untyped-def]
    """The packaged agency gazetteer (the relation and incumbent tests read it)."""
    from dossier.agency import load_gazetteer

    return load_gazetteer()
