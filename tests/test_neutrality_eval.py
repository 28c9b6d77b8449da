"""The neutrality suite's files: the fourth, fifth and sixth collections are in the project,
dev5, dev7, dev8 and dev9 are development data, and dev6 and dev10 are scored with the
held-out test and never listed."""

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


def _split_pages(dev: str, cold: str, minimum: int) -> None:
    """Both parts of a collection: real items (at most 300 characters, each with its URL), at
    least ``minimum`` each, every label present, and no page in both parts."""
    pages = {}
    for stem in (dev, cold):
        with (ROOT / "eval" / "neutrality" / f"{stem}.jsonl").open(encoding="utf-8") as f:
            items = [json.loads(line) for line in f if line.strip()]
        assert len(items) >= minimum
        assert all(len(i["text"]) <= 300 and i["url"].startswith("http") for i in items)
        assert {i["label"] for i in items} == {"tag", "neutral", "attributed"}
        pages[stem] = {i["url"] for i in items}
    assert not pages[dev] & pages[cold]


def _cold_and_development(dev: str, cold: str) -> None:
    """``dev`` is development data; ``cold`` is scored with the test and never listed."""
    suite = _suite()
    assert dev in suite.FILES["dev"] and cold not in suite.FILES["dev"]
    with pytest.raises(SystemExit):
        suite.dev_report(cold)
    assert any(f"{cold}.jsonl (cold" in line for line in suite.run("test"))


def test_the_fourth_collection_is_split_by_page() -> None:
    _split_pages("dev5", "dev6", 100)


def test_dev6_is_cold_and_dev5_is_development() -> None:
    _cold_and_development("dev5", "dev6")


def test_the_fifth_collection_is_split_by_page_and_development_data() -> None:
    # dev8 was scored cold twice (before and after the sixth round), then opened.
    _split_pages("dev7", "dev8", 60)
    assert {"dev7", "dev8"} <= set(_suite().FILES["dev"])


def test_the_sixth_collection_is_split_by_page_and_dev10_is_cold() -> None:
    _split_pages("dev9", "dev10", 90)
    _cold_and_development("dev9", "dev10")


def test_no_page_of_the_sixth_collection_is_in_an_earlier_file() -> None:
    # The builder's refusal, checked on the files as built (URLs only are read).
    earlier = set()
    for stem in ("dev", "dev2", "dev3", "dev4", "dev5", "dev6", "dev7", "dev8", "test"):
        with (ROOT / "eval" / "neutrality" / f"{stem}.jsonl").open(encoding="utf-8") as f:
            earlier |= {json.loads(line)["url"].rstrip("/").lower() for line in f if line.strip()}
    for stem in ("dev9", "dev10"):
        with (ROOT / "eval" / "neutrality" / f"{stem}.jsonl").open(encoding="utf-8") as f:
            urls = {json.loads(line)["url"].rstrip("/").lower() for line in f if line.strip()}
        assert not urls & earlier
