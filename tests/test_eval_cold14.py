"""The cold14 collections (eval/agency/dev13.jsonl, eval/neutrality/dev11.jsonl,
eval/asks/dev14.jsonl): built from their working files by eval/build_cold14.py with no page or
text an earlier collection used, every label present. The agency's dev13 was scored cold once and
opened in the agency17 round; the lint's dev11 and the ask-guard's dev14 were opened in the lint16
round; all three are development data now."""

from __future__ import annotations

import importlib.util
import json
import sys
from types import ModuleType

import pytest

from .conftest import ROOT

EVAL = ROOT / "eval"


def _module(name: str) -> ModuleType:
    if str(EVAL) not in sys.path:
        sys.path.insert(0, str(EVAL))
    spec = importlib.util.spec_from_file_location(f"eval_cold14_{name}", EVAL / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _items(corpus: str, stem: str) -> list[dict]:
    with (EVAL / corpus / f"{stem}.jsonl").open(encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def test_the_builder_refuses_nothing_and_reproduces_the_files() -> None:
    built, problems = _module("build_cold14").ROUND.build()
    assert problems == []
    for path, items in built.items():
        with path.open(encoding="utf-8") as f:
            assert [json.loads(line) for line in f if line.strip()] == items


def test_the_collections_are_real_items_with_every_label() -> None:
    agency = _items("agency", "dev13")
    assert len(agency) >= 60 and sum(i["kind"] == "distractor" for i in agency) >= 20
    assert all(len(i["snippet"]) <= 300 and i["url"].startswith("http") for i in agency)
    assert all(bool(i["relations"]) == (i["kind"] == "relation") for i in agency)
    assert all(i["distractor_kind"] for i in agency if i["kind"] == "distractor")
    lint = _items("neutrality", "dev11")
    assert len(lint) >= 80 and {i["label"] for i in lint} == {"tag", "neutral", "attributed"}
    assert any(i["trap"] for i in lint) and all(i["category"] for i in lint if i["label"] == "tag")
    asks = _items("asks", "dev14")
    assert len(asks) >= 50 and {i["label"] for i in asks} == {"ask", "warm"}
    assert all(len(i["text"]) <= 300 for i in lint + asks)


def test_the_agency_collection_is_opened() -> None:
    agency_suite = _module("agency_suite")
    assert "dev13" not in agency_suite.COLD and "dev13" in agency_suite.SPLITS["dev"]


def test_the_lint_and_ask_collections_are_opened() -> None:
    lint = _module("neutrality_suite")
    assert "dev11" not in lint.COLD and "dev11" in lint.FILES["dev"]
    assert isinstance(lint.dev_report("dev11"), list)
    asks = _module("asks_suite")
    assert "dev14" not in asks.SCORED_ONLY and "dev14" in asks.FILES["dev"]
    assert isinstance(asks.dev_report("dev14"), list)
    with pytest.raises(SystemExit):
        lint.dev_report("dev10")
    with pytest.raises(SystemExit):
        asks.dev_report("dev13")
