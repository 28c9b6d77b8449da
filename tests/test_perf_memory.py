"""Memory: a batch's research threads parse one companyfacts document at a time.

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

from .conftest import doc, fixture_bytes


def test_companyfacts_documents_are_parsed_one_at_a_time(monkeypatch: pytest.MonkeyPatch) -> None:
    body = fixture_bytes("sec", "companyfacts_CIK0000320193_apple.json.gz")
    document = doc("sec", COMPANYFACTS_URL.format(cik="0000320193"), body)
    expected = extract_companyfacts(document)
    lock = threading.Lock()
    now = {"parsing": 0, "most": 0}

    class SlowJson:
        """json with a loads that takes a while and counts the parses under way."""

        @staticmethod
        def loads(text: Any) -> Any:
            with lock:
                now["parsing"] += 1
                now["most"] = max(now["most"], now["parsing"])
            time.sleep(0.05)  # the sleep releases the interpreter lock: others could start
            try:
                return json.loads(text)
            finally:
                with lock:
                    now["parsing"] -= 1

    monkeypatch.setattr(sec, "json", SlowJson)
    with ThreadPoolExecutor(max_workers=4) as pool:
        results = list(pool.map(extract_companyfacts, [document] * 4))
    assert now["most"] == 1
    assert all(r == expected for r in results)  # the same facts as one parse alone
