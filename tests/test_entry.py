"""The ``dossier`` entry point's kept answers to requests for help (``dossier/__main__.py``).

Each request runs in a fresh interpreter, as the console script runs it (program name
``dossier``), with the test's own cache folder (conftest sets XDG_CACHE_HOME): click's own
answer, the entry point's first answer (through click, kept) and its second (kept, without
importing click) must be the same bytes.
"""

from __future__ import annotations

import json
import marshal
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from dossier import __main__ as entry

from .conftest import ROOT

#: Runs ``main`` of MODULE as the console script does; prints whether click was imported
#: on stderr's last line.
PROBE = """
import json, sys
sys.argv[0] = "dossier"
from {module} import main
code = 0
try:
    main()
except SystemExit as exc:
    code = exc.code or 0
sys.stdout.flush()
print(json.dumps({{"code": code, "click": "click" in sys.modules}}), file=sys.stderr)
"""

REQUESTS = [
    ["--help"],
    ["-h"],
    ["--version"],
    ["build", "--help"],
    ["review", "list", "-h"],
]


def _run(module: str, args: list[str], columns: str = "100") -> tuple[str, dict[str, object]]:
    env = {
        **os.environ,
        "COLUMNS": columns,
        "PYTHONPATH": os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")]),
    }
    done = subprocess.run(
        [sys.executable, "-c", PROBE.format(module=module), *args],
        capture_output=True,
        text=True,
        env=env,
    )
    probe = json.loads(done.stderr.strip().splitlines()[-1])
    return done.stdout, probe


@pytest.mark.parametrize("args", REQUESTS, ids=" ".join)
def test_a_kept_answer_is_what_click_prints(args: list[str]) -> None:
    by_click, _ = _run("dossier.cli", args)
    first, probe1 = _run("dossier.__main__", args)
    second, probe2 = _run("dossier.__main__", args)
    assert by_click.startswith(("Usage: dossier", "dossier, version"))
    assert first == by_click and probe1 == {"code": 0, "click": True}
    assert second == by_click and probe2 == {"code": 0, "click": False}


def test_each_terminal_width_has_its_own_answer() -> None:
    wide, _ = _run("dossier.__main__", ["--help"], columns="120")
    narrow, _ = _run("dossier.__main__", ["--help"], columns="60")
    narrow_again, probe = _run("dossier.__main__", ["--help"], columns="60")
    by_click, _ = _run("dossier.cli", ["--help"], columns="60")
    assert wide != narrow
    assert narrow_again == narrow == by_click and probe["click"] is False


def test_a_failed_request_is_not_kept() -> None:
    for _ in range(2):
        out, probe = _run("dossier.__main__", ["no-such-command", "--help"])
        assert probe == {"code": 2, "click": True} and out == ""


def test_other_commands_go_through_click() -> None:
    assert entry.request_key(["dossier", "build", "--company", "X"]) is None
    assert entry.request_key(["dossier", "build", "--company", "X", "--help"]) is None
    assert entry.request_key(["dossier"]) is None
    assert entry.request_key(["dossier", "--version", "--help"]) is None


def _kept_file() -> Path:
    path = entry.cache_file()
    assert path is not None
    return Path(path)


def test_a_changed_file_or_a_damaged_cache_means_asking_click_again() -> None:
    by_click, _ = _run("dossier.cli", ["--help"])
    _run("dossier.__main__", ["--help"])
    kept = marshal.loads(_kept_file().read_bytes())
    ((key, (files, text)),) = kept.items()
    assert text == by_click and any(
        p.endswith(os.path.join("dossier", "cli.py")) for p, *_ in files
    )
    # A file it was made from has changed since (recorded size differs): click answers.
    stale = [(p, m, s + 1) for p, m, s in files]
    _kept_file().write_bytes(marshal.dumps({key: (stale, "stale text\n")}))
    out, probe = _run("dossier.__main__", ["--help"])
    assert out == by_click and probe["click"] is True
    # Garbage: click answers, and the file is rewritten.
    _kept_file().write_bytes(b"not marshal data")
    out, probe = _run("dossier.__main__", ["--help"])
    assert out == by_click and probe["click"] is True
    out, probe = _run("dossier.__main__", ["--help"])
    assert out == by_click and probe["click"] is False


@pytest.mark.parametrize(
    "env",
    [{"COLUMNS": "123"}, {"COLUMNS": "0"}, {"COLUMNS": "x", "LINES": "9"}, {"LINES": "30"}, {}],
)
def test_terminal_columns_as_shutil_reports_them(
    env: dict[str, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("COLUMNS", raising=False)
    monkeypatch.delenv("LINES", raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    assert entry.terminal_columns() == shutil.get_terminal_size().columns


def test_the_cache_file_is_where_dossier_keeps_its_cache() -> None:
    from dossier.fsutil import cache_folder

    folder = cache_folder("cli")
    assert folder is not None and _kept_file() == folder / "help.marshal"


def test_the_console_script_is_the_entry_point() -> None:
    text = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    assert 'dossier = "dossier.__main__:main"' in text


def test_the_output_encoding_is_part_of_the_request(monkeypatch: pytest.MonkeyPatch) -> None:
    import io
    import types

    monkeypatch.setitem(sys.modules, "__main__", types.ModuleType("__main__"))  # a script
    monkeypatch.setattr(sys, "stdout", io.TextIOWrapper(io.BytesIO(), encoding="utf-8"))
    utf8 = entry.request_key(["dossier", "--help"])
    monkeypatch.setattr(sys, "stdout", io.TextIOWrapper(io.BytesIO(), encoding="ascii"))
    ascii_ = entry.request_key(["dossier", "--help"])
    assert utf8 is not None and ascii_ is not None and utf8 != ascii_
