"""The cold16 collection (eval/agency/dev15.jsonl): built from its working file by
eval/build_cold16.py with no page or text an earlier collection used, every label well formed,
and scored only (never listed). The round gathered the agency collection only."""

from __future__ import annotations

import json

import pytest

from .test_eval_cold15 import DISTRACTOR_KINDS, EVAL, ROLES, STATUSES, _module


def _items() -> list[dict]:
    with (EVAL / "agency" / "dev15.jsonl").open(encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def test_the_builder_refuses_nothing_and_reproduces_the_file() -> None:
    built, problems = _module("build_cold16").build()
    assert problems == []
    assert built
    for path, items in built.items():
        with path.open(encoding="utf-8") as f:
            assert [json.loads(line) for line in f if line.strip()] == items


def test_no_page_of_this_round_is_named_by_an_earlier_file() -> None:
    builder = _module("build_cold16")
    earlier = builder.known_pages()
    pages = {builder._h(builder.page_key(i["url"])) for i in _items()}
    assert pages and not pages & earlier


def test_the_agency_collection_is_well_formed() -> None:
    agency = _items()
    assert len(agency) >= 45 and sum(i["kind"] == "distractor" for i in agency) >= 5
    assert [i["id"] for i in agency] == [f"ag15-{n:04d}" for n in range(1, len(agency) + 1)]
    assert all(len(i["snippet"]) <= 300 and len(i["headline"]) <= 300 for i in agency)
    assert all(i["url"].startswith("http") and i["outlet"] for i in agency)
    assert all(bool(i["relations"]) == (i["kind"] == "relation") for i in agency)
    assert all(
        (i["distractor_kind"] in DISTRACTOR_KINDS) == (i["kind"] == "distractor") for i in agency
    )
    relations = [r for i in agency for r in i["relations"]]
    assert {r["status"] for r in relations} == STATUSES
    assert {r["role"] for r in relations} <= ROLES
    assert all(r["agency"] or r["brand"] for r in relations)


def test_the_collection_is_scored_only() -> None:
    suite = _module("agency_suite")
    assert "dev15" in suite.COLD and "dev15" not in suite.SPLITS["dev"]
    with pytest.raises(SystemExit):
        suite.show_errors("dev15")
