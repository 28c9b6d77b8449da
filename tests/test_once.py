"""``dossier.once``: costly set-up computed once per argument, even when threads race for it."""

from __future__ import annotations

import threading
import time
from concurrent.futures import ThreadPoolExecutor

from dossier.once import once


def test_racing_threads_compute_the_value_once() -> None:
    calls: list[int] = []
    lock = threading.Lock()

    @once(maxsize=2)
    def costly(n: int) -> int:
        with lock:
            calls.append(n)
        time.sleep(0.05)  # long enough that every thread arrives while it is computed
        return n * 2

    with ThreadPoolExecutor(max_workers=4) as pool:
        results = list(pool.map(costly, [7] * 8))
    assert results == [14] * 8
    assert calls == [7]
    assert costly(8) == 16 and calls == [7, 8]


def test_the_relation_rules_and_word_lists_are_compiled_once_under_threads() -> None:
    from dossier.agency import relations
    from dossier.writing import neutrality

    with ThreadPoolExecutor(max_workers=4) as pool:
        rules = list(pool.map(lambda _: relations._compile(), range(4)))
        cats = list(pool.map(lambda _: neutrality.load_categories(), range(4)))
    assert all(r is rules[0] for r in rules) and len(rules[0]) > 100
    assert all(c is cats[0] for c in cats)
