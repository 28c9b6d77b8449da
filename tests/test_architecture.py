"""The spine, kept: no import circles, no arrow against the layering, a public API pinned.

Every import in the package counts, module-level and function-local alike (imports under
``if TYPE_CHECKING:`` too). The rules are those of docs/architecture.md.
"""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

import dossier

from .conftest import ROOT

PACKAGE = ROOT / "dossier"

#: Modules that import nothing of dossier outside this set.
BASE = {"model", "errors", "names", "formatting", "fields", "bidi"}
FORBIDDEN = {
    "net": {"sources", "research", "agency", "writing", "render", "batch", "build", "cli", "app"},
    "sources": {"research", "writing", "render", "batch", "build", "cli", "app"},
    "research": {"writing", "render", "batch", "build", "cli", "app"},
    "agency": {"net", "sources", "render", "batch", "cli", "app"},
    "writing": {"net", "sources", "render", "batch", "cli", "app"},
    "render": {"net", "sources", "research", "batch", "cli", "app"},
    "batch": {"app"},
    "build": {"app"},
    # The review app routes: it works through batch (and render), never the network itself.
    "app": {"net", "sources", "cli"},
}
LAYERS = {"net", "sources", "research", "agency", "writing", "render", "batch", "build", "cli"}
LAYERS |= {"app"}


def _module_name(path: Path) -> str:
    rel = path.relative_to(ROOT).with_suffix("")
    parts = list(rel.parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _resolve(module: str, is_package: bool, node: ast.ImportFrom) -> str:
    if not node.level:
        return node.module or ""
    base = module.split(".") if is_package else module.split(".")[:-1]
    base = base[: len(base) - (node.level - 1)]
    return ".".join([*base, *([node.module] if node.module else [])])


def _known(name: str, modules: set[str]) -> str | None:
    """The dossier module ``name`` refers to (a package attribute import maps to its module)."""
    while name:
        if name in modules:
            return name
        name = name.rpartition(".")[0]
    return None


def import_graph() -> tuple[dict[str, set[str]], dict[str, set[str]]]:
    """(edges between dossier modules, third-party top-level imports per module)."""
    files = {_module_name(p): p for p in PACKAGE.rglob("*.py")}
    modules = set(files)
    edges: dict[str, set[str]] = {m: set() for m in modules}
    external: dict[str, set[str]] = {m: set() for m in modules}
    for module, path in files.items():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        is_package = path.name == "__init__.py"
        for node in ast.walk(tree):
            targets: list[str] = []
            if isinstance(node, ast.Import):
                targets = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom):
                base = _resolve(module, is_package, node)
                # "from . import charts" imports the module dossier.render.charts; "from .x import
                # y" imports the module x (y being a name in it).
                targets = [
                    f"{base}.{a.name}" if f"{base}.{a.name}" in modules else base
                    for a in node.names
                ]
            for t in targets:
                if t == "dossier" or t.startswith("dossier."):
                    hit = _known(t, modules)
                    if hit and hit != module:
                        edges[module].add(hit)
                elif t:
                    external[module].add(t.split(".")[0])
    return edges, external


def layer(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else "root"


def test_no_import_circles() -> None:
    edges, _ = import_graph()
    # The root package only re-exports, lazily; ``from .. import __version__`` is its one use.
    graph = {m: {t for t in ts if t != "dossier"} for m, ts in edges.items() if m != "dossier"}
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    cycles: list[list[str]] = []
    counter = [0]

    def visit(v: str) -> None:  # Tarjan's strongly connected components
        index[v] = low[v] = counter[0]
        counter[0] += 1
        stack.append(v)
        on_stack.add(v)
        for w in sorted(graph.get(v, ())):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                component.append(w)
                if w == v:
                    break
            if len(component) > 1:
                cycles.append(sorted(component))

    sys.setrecursionlimit(10_000)
    for v in sorted(graph):
        if v not in index:
            visit(v)
    assert cycles == [], f"import circles: {cycles}"


def test_no_arrow_against_the_layering() -> None:
    edges, _ = import_graph()
    bad = []
    for module, targets in sorted(edges.items()):
        src = layer(module)
        for t in sorted(targets):
            dst = layer(t)
            if t == "dossier":
                continue
            if src in BASE and dst not in BASE:
                bad.append(f"{module} -> {t} (base modules import only each other)")
            if dst in FORBIDDEN.get(src, set()):
                bad.append(f"{module} -> {t} ({src} must not import {dst})")
            if dst == "cli" and src != "cli" and module != "dossier.__main__":
                bad.append(f"{module} -> {t} (only the CLI imports the CLI)")
    assert bad == []


def test_only_the_cli_imports_click() -> None:
    _, external = import_graph()
    users = sorted(m for m, libs in external.items() if "click" in libs)
    assert users == ["dossier.cli"]


def test_only_the_review_app_imports_flask() -> None:
    _, external = import_graph()
    users = sorted(m for m, libs in external.items() if libs & {"flask", "werkzeug"})
    assert users and all(m.startswith("dossier.app") for m in users), users


def test_the_layers_exist_as_packages() -> None:
    for name in LAYERS - {"build", "cli"}:
        assert (PACKAGE / name / "__init__.py").is_file(), name
    assert (PACKAGE / "build.py").is_file() and (PACKAGE / "cli.py").is_file()


def test_the_network_package_loads_no_source_and_no_parser() -> None:
    code = (
        "import sys, dossier.net\n"
        "bad = [m for m in sys.modules if m.startswith(('dossier.sources', 'dossier.research',"
        " 'dossier.render', 'mwparserfromhell', 'weasyprint'))]\n"
        "print(bad)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_public_api_is_pinned() -> None:
    assert dossier.__all__ == [
        "AmbiguousCompany",
        "BatchOptions",
        "BatchResult",
        "BuildOptions",
        "BuildResult",
        "CompanyNotFound",
        "ConfigError",
        "Contact",
        "Dossier",
        "DossierError",
        "ExtractError",
        "Fact",
        "FetchError",
        "Hints",
        "Provenance",
        "RenderError",
        "ResolutionError",
        "SourceError",
        "SourceNotConfigured",
        "build",
        "research",
        "run_batch",
    ]
    for name in dossier.__all__:
        assert getattr(dossier, name) is not None
    import importlib

    importlib.import_module(
        "dossier.build"
    )  # the module loads; the package name stays the function
    importlib.import_module("dossier.research")
    from dossier import BuildOptions, build, research

    assert callable(build) and callable(research)
    assert build.__module__ == "dossier.build" and research.__module__ == "dossier.research.company"
    assert BuildOptions().formats == ("pdf", "html", "json")
    with pytest.raises(AttributeError):
        dossier.nothing_here  # noqa: B018


def test_python_dash_m_dossier() -> None:
    out = subprocess.run(
        [sys.executable, "-m", "dossier", "--version"], capture_output=True, text=True, check=True
    )
    assert out.stdout.strip() == f"dossier, version {dossier.__version__}"
