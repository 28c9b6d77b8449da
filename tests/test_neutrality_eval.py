"""The neutrality suite's files: the fourth and fifth collections are in the project, dev5 and
dev7 are development data, and dev6 and dev8 are scored with the held-out test and never
listed."""

from __future__ import annotations

import importlib.util
import json

import pytest

from .conftest import ROOT


def _suite():  # type: ignore[no-untyped-def]
    path = ROOT / "eval" / "neutrality_suite.py"
    spec = importlib.util.spec_from_file_location("eval_neutrality_cold", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_fourth_collection_is_split_by_page() -> None:
    pages = {}
    for stem in ("dev5", "dev6"):
        with (ROOT / "eval" / "neutrality" / f"{stem}.jsonl").open(encoding="utf-8") as f:
            items = [json.loads(line) for line in f if line.strip()]
        assert len(items) >= 100
        assert all(len(i["text"]) <= 300 and i["url"].startswith("http") for i in items)
        pages[stem] = {i["url"] for i in items}
    assert not pages["dev5"] & pages["dev6"]


def test_dev6_is_cold_and_dev5_is_development() -> None:
    suite = _suite()
    assert "dev5" in suite.FILES["dev"] and "dev6" not in suite.FILES["dev"]
    with pytest.raises(SystemExit):
        suite.dev_report("dev6")
    lines = suite.run("test")
    assert any("dev6.jsonl (cold" in line for line in lines)


def test_the_fifth_collection_is_split_by_page_and_dev8_is_cold() -> None:
    pages = {}
    for stem in ("dev7", "dev8"):
        with (ROOT / "eval" / "neutrality" / f"{stem}.jsonl").open(encoding="utf-8") as f:
            items = [json.loads(line) for line in f if line.strip()]
        assert len(items) >= 60
        assert all(len(i["text"]) <= 300 and i["url"].startswith("http") for i in items)
        assert {i["label"] for i in items} == {"tag", "neutral", "attributed"}
        pages[stem] = {i["url"] for i in items}
    assert not pages["dev7"] & pages["dev8"]
    suite = _suite()
    assert "dev7" in suite.FILES["dev"] and "dev8" not in suite.FILES["dev"]
    with pytest.raises(SystemExit):
        suite.dev_report("dev8")
    lines = suite.run("test")
    assert any("dev8.jsonl (cold" in line for line in lines)
