"""The cold15 collections (eval/agency/dev14.jsonl, eval/neutrality/dev12.jsonl,
eval/asks/dev15.jsonl): built from their working files by eval/build_cold15.py with no page or
text an earlier collection used, every label present, and each scored only (never listed)."""

from __future__ import annotations

import importlib.util
import json
import sys
from types import ModuleType

import pytest

from .conftest import ROOT

EVAL = ROOT / "eval"
ROLES = {"creative", "media", "pr", "digital", "other"}
STATUSES = {"appointed", "retained", "ended", "review", "credit"}
DISTRACTOR_KINDS = {
    "person_move",
    "award",
    "acquisition",
    "layoff",
    "lost_pitch",
    "shortlist",
    "agency_business",
    "other",
}
CATEGORIES = {
    "puffery",
    "weasel",
    "editorializing",
    "relative_time",
    "contentious_label",
    "said",
    "euphemism",
    "doubt",
    "idiom",
    "contrast",
}


def _module(name: str) -> ModuleType:
    if str(EVAL) not in sys.path:
        sys.path.insert(0, str(EVAL))
    spec = importlib.util.spec_from_file_location(f"eval_cold15_{name}", EVAL / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _items(corpus: str, stem: str) -> list[dict]:
    with (EVAL / corpus / f"{stem}.jsonl").open(encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def test_the_builder_refuses_nothing_and_reproduces_the_files() -> None:
    built, problems = _module("build_cold15").ROUND.build()
    assert problems == []
    for path, items in built.items():
        with path.open(encoding="utf-8") as f:
            assert [json.loads(line) for line in f if line.strip()] == items


def test_no_page_of_this_round_is_named_by_an_earlier_file() -> None:
    shared = _module("cold_builder")
    earlier = _module("build_cold15").ROUND.known_pages()
    for corpus, stem in (("agency", "dev14"), ("neutrality", "dev12"), ("asks", "dev15")):
        pages = {shared._h(shared.page_key(i["url"])) for i in _items(corpus, stem)}
        assert not pages & earlier, corpus


def test_the_agency_collection_has_every_status_and_enough_distractors() -> None:
    agency = _items("agency", "dev14")
    assert len(agency) >= 70 and sum(i["kind"] == "distractor" for i in agency) >= 25
    assert_agency_items(agency, "ag14")


def assert_agency_items(agency: list[dict], prefix: str) -> None:
    """An agency collection's shape: ids in order, short texts, a page and an outlet for every
    item, relations exactly on relation items, known distractor kinds, every status, known roles."""
    assert [i["id"] for i in agency] == [f"{prefix}-{n:04d}" for n in range(1, len(agency) + 1)]
    assert all(len(i["snippet"]) <= 300 and len(i["headline"]) <= 300 for i in agency)
    assert all(i["url"].startswith("http") and i["outlet"] for i in agency)
    assert all(bool(i["relations"]) == (i["kind"] == "relation") for i in agency)
    assert all(
        (i["distractor_kind"] in DISTRACTOR_KINDS) == (i["kind"] == "distractor") for i in agency
    )
    relations = [r for i in agency for r in i["relations"]]
    assert {r["status"] for r in relations} == STATUSES
    assert {r["role"] for r in relations} <= ROLES and all(
        r["agency"] or r["brand"] for r in relations
    )


def test_the_lint_and_ask_collections_have_every_label() -> None:
    lint = _items("neutrality", "dev12")
    assert len(lint) >= 80 and {i["label"] for i in lint} == {"tag", "neutral", "attributed"}
    assert any(i["trap"] for i in lint) and all(i["label"] == "neutral" for i in lint if i["trap"])
    assert all(i["trap"] <= bool(i["names"]) for i in lint)
    assert all((i["category"] in CATEGORIES) == (i["label"] == "tag") for i in lint)
    asks = _items("asks", "dev15")
    assert len(asks) >= 50 and {i["label"] for i in asks} == {"ask", "warm"}
    assert (
        sum(i["label"] == "ask" for i in asks) >= 20
        and sum(i["label"] == "warm" for i in asks) >= 20
    )
    assert not any(i["soft"] for i in asks if i["label"] == "warm")
    assert all(len(i["text"]) <= 300 and i["url"].startswith("http") for i in lint + asks)


def test_the_collections_are_scored_only() -> None:
    assert "dev14" in _module("agency_suite").COLD
    assert "dev14" not in _module("agency_suite").SPLITS["dev"]
    lint = _module("neutrality_suite")
    assert "dev12" in lint.COLD and "dev12" not in lint.FILES["dev"]
    assert len(lint.items("dev12")) == len(_items("neutrality", "dev12"))
    with pytest.raises(SystemExit):
        lint.dev_report("dev12")
    asks = _module("asks_suite")
    assert "dev15" in asks.SCORED_ONLY and "dev15" not in asks.FILES["dev"]
    assert len(asks.items("dev15")) == len(_items("asks", "dev15"))
    with pytest.raises(SystemExit):
        asks.dev_report("dev15")
