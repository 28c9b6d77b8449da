"""Memory: a batch's research threads parse one companyfacts document at a time (and the
quicker parser they use reads what the standard library does).

A parsed companyfacts document is about 17 MB of Python objects; four research threads parsing
at once set the main process's peak. The figures are in ``make bench``; this checks the turn-
taking itself, which could regress without any test of facts noticing.
"""

from __future__ import annotations

import json
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import pytest

from dossier.sources import sec
from dossier.sources.sec import COMPANYFACTS_URL, extract_companyfacts

from .conftest import FIXTURES, doc, fixture_bytes


@pytest.mark.parametrize("name", ["apple", "disney", "walmart"])
def test_the_quick_json_parser_gives_what_the_standard_library_does(name: str) -> None:
    (path,) = FIXTURES.joinpath("sec").glob(f"companyfacts_*_{name}.json.gz")
    body = fixture_bytes("sec", path.name)
    assert sec._json(body) == json.loads(body)


def test_the_quick_json_parser_falls_back_and_still_refuses_what_is_not_json() -> None:
    # a lone surrogate escape: the standard library reads it, pydantic's parser does not
    assert sec._json(b'{"name": "\\ud800"}') == json.loads(b'{"name": "\\ud800"}')
    with pytest.raises(ValueError):
        sec._json(b'{"facts": ')


def test_companyfacts_documents_are_parsed_one_at_a_time(monkeypatch: pytest.MonkeyPatch) -> None:
    body = fixture_bytes("sec", "companyfacts_CIK0000320193_apple.json.gz")
    document = doc("sec", COMPANYFACTS_URL.format(cik="0000320193"), body)
    expected = extract_companyfacts(document)
    lock = threading.Lock()
    now = {"parsing": 0, "most": 0}

    def slow_json(text: Any) -> Any:
        """A parse that takes a while and counts the parses under way."""
        with lock:
            now["parsing"] += 1
            now["most"] = max(now["most"], now["parsing"])
        time.sleep(0.05)  # the sleep releases the interpreter lock: others could start
        try:
            return json.loads(text)
        finally:
            with lock:
                now["parsing"] -= 1

    monkeypatch.setattr(sec, "_json", slow_json)
    with ThreadPoolExecutor(max_workers=4) as pool:
        results = list(pool.map(extract_companyfacts, [document] * 4))
    assert now["most"] == 1
    assert all(r == expected for r in results)  # the same facts as one parse alone
