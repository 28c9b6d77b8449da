"""``make eval``: score dossier on its labelled corpora of real public text.

Usage: ``python eval/run.py [SUITE ...] [--split dev|test|both]`` (default: every suite, both
splits). Each suite is a module ``eval/<name>_suite.py`` with ``run(split: str) -> list[str]``
returning the lines to print. A benchmark, not a test: it always exits 0 unless a suite breaks.

The corpora are data the product reads, never prose of ours: each item is a short quotation
(a headline and a snippet of at most 300 characters, or one sentence) attributed to its URL.
``dev`` is what we develop on; ``test`` is only ever scored, never tuned on.
"""

from __future__ import annotations

import argparse
import importlib.util
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent


def suites() -> dict[str, Path]:
    return {p.name.removesuffix("_suite.py"): p for p in sorted(HERE.glob("*_suite.py"))}


def load(name: str, path: Path):  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location(f"eval_{name}", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def main(argv: list[str] | None = None) -> int:
    found = suites()
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("suite", nargs="*", choices=[*found, []] if found else None)
    parser.add_argument("--split", choices=("dev", "test", "both"), default="both")
    args = parser.parse_args(argv)
    names = args.suite or list(found)
    splits = ("dev", "test") if args.split == "both" else (args.split,)
    for name in names:
        module = load(name, found[name])
        for split in splits:
            print(f"== {name} ({split})")
            for line in module.run(split):
                print(line)
            print()
    return 0


if __name__ == "__main__":
    sys.exit(main())
