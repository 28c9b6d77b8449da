"""The cold16 collection (eval/agency/dev15.jsonl): built from its working file by
eval/build_cold16.py with no page or text an earlier collection used, every label well formed,
and scored only (never listed). The round gathered the agency collection only."""

from __future__ import annotations

import json

import pytest

from .test_eval_cold15 import EVAL, _module, assert_agency_items


def _items() -> list[dict]:
    with (EVAL / "agency" / "dev15.jsonl").open(encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def test_the_builder_refuses_nothing_and_reproduces_the_file() -> None:
    built, problems = _module("build_cold16").ROUND.build()
    assert problems == []
    assert built
    for path, items in built.items():
        with path.open(encoding="utf-8") as f:
            assert [json.loads(line) for line in f if line.strip()] == items


def test_no_page_of_this_round_is_named_by_an_earlier_file() -> None:
    shared = _module("cold_builder")
    earlier = _module("build_cold16").ROUND.known_pages()
    pages = {shared._h(shared.page_key(i["url"])) for i in _items()}
    assert pages and not pages & earlier


def test_the_agency_collection_is_well_formed() -> None:
    agency = _items()
    assert len(agency) >= 45 and sum(i["kind"] == "distractor" for i in agency) >= 5
    assert_agency_items(agency, "ag15")


def test_the_collection_is_scored_only() -> None:
    suite = _module("agency_suite")
    assert "dev15" in suite.COLD and "dev15" not in suite.SPLITS["dev"]
    with pytest.raises(SystemExit):
        suite.show_errors("dev15")
