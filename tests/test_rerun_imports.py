"""A rerun of a finished batch (every contact done and unchanged) loads none of the heavy
machinery: no WeasyPrint, no record schema (pydantic), no research, writing or HTTP client.
What a rerun takes is in ``make bench`` (``bench/many_bench.py`` prints it); this checks the
reason it is quick, in a fresh interpreter, since the test process has imported everything.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from click.testing import CliRunner

from dossier.cli import cli

from .conftest import APPLE_SNAPSHOT, ROOT

CSV = (
    "Name,E-mail,Previous company,New company,New title,Owner,Agency\n"
    "Jane Doe,jane@example.com,Northwind Traders,Apple Inc.,CMO,Sam Lee,TBWA\\Media Arts Lab\n"
)

HEAVY = (
    "weasyprint",
    "pydantic",
    "urllib3",
    "bs4",
    "lxml",
    "openpyxl",
    "rapidfuzz",
    "nameparser",
    "dossier.model",
    "dossier.build",
    "dossier.net",
    "dossier.research",
    "dossier.agency",
    "dossier.writing",
    "dossier.render.html",
)

#: Runs the CLI in a fresh interpreter, then writes which of HEAVY it imported to PROBE_OUT.
PROBE = """
import json, os, sys
from dossier.cli import main
code = 0
try:
    main()
except SystemExit as exc:
    code = exc.code
heavy = json.loads(os.environ["PROBE_HEAVY"])
with open(os.environ["PROBE_OUT"], "w") as f:
    json.dump({"code": code, "loaded": [m for m in heavy if m in sys.modules]}, f)
"""


def _args(tmp_path: Path) -> list[str]:
    return [
        "batch",
        str(tmp_path / "moved.csv"),
        "--out",
        str(tmp_path / "out"),
        "--offline",
        str(APPLE_SNAPSHOT),
        "--format",
        "html,json",
        "--quiet",
    ]


def _probe(tmp_path: Path) -> dict[str, object]:
    out = tmp_path / "probe.json"
    env = {**os.environ, "PROBE_HEAVY": json.dumps(HEAVY), "PROBE_OUT": str(out)}
    env["PYTHONPATH"] = os.pathsep.join([str(ROOT), env.get("PYTHONPATH", "")])
    cmd = [sys.executable, "-c", PROBE, *_args(tmp_path)]
    done = subprocess.run(cmd, capture_output=True, text=True, env=env, timeout=300)
    assert done.returncode == 0, done.stderr[-3000:]
    result: dict[str, object] = json.loads(out.read_text())
    return result


def test_a_rerun_of_a_finished_batch_imports_no_weasyprint_and_no_research(
    tmp_path: Path,
) -> None:
    (tmp_path / "moved.csv").write_text(CSV, encoding="utf-8")
    first = CliRunner().invoke(cli, _args(tmp_path))
    assert first.exit_code == 0, first.output
    assert "done" in first.output
    rerun = _probe(tmp_path)
    assert rerun == {"code": 0, "loaded": []}
    page = tmp_path / "out" / "moved" / "review.html"
    assert "Jane Doe" in page.read_text(encoding="utf-8")  # the rerun still writes the page


def test_the_probe_sees_the_imports_of_a_batch_with_work_to_do(tmp_path: Path) -> None:
    """The same probe on a first run: it reports the modules (so an empty list means something)."""
    (tmp_path / "moved.csv").write_text(CSV, encoding="utf-8")
    first = _probe(tmp_path)
    assert first["code"] == 0
    loaded = first["loaded"]
    assert isinstance(loaded, list)
    assert {"pydantic", "dossier.build", "dossier.research", "dossier.writing"} <= set(loaded)
    assert "weasyprint" not in loaded  # no PDF asked for


def _loaded_by(code: str, names: tuple[str, ...]) -> list[str]:
    probe = f"{code}\nimport json, sys\nprint(json.dumps([m for m in {list(names)!r} if m in sys.modules]))"
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")]),
    }
    done = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, env=env, check=True
    )
    loaded: list[str] = json.loads(done.stdout.strip().splitlines()[-1])
    return loaded


def test_dossier_help_loads_only_the_command_line() -> None:
    code = (
        "import sys\nsys.argv = ['dossier', '--help']\nfrom dossier.cli import main\n"
        "try:\n    main()\nexcept SystemExit:\n    pass"
    )
    assert _loaded_by(code, (*HEAVY, "logging", "jinja2", "dossier.batch", "dossier.config")) == []


def test_a_pdf_worker_loads_the_renderer_without_the_schema_or_the_writing() -> None:
    """What a spawned PDF worker imports to unpickle its task (render_pdf) and the brand."""
    code = "import dossier.render.pdf, dossier.config"
    assert _loaded_by(code, HEAVY) == []
