"""``Memo``: a bounded, thread-safe memo for pure work repeated within a run.

For results that depend only on their key (the words-to-watch findings of a sentence, the
relations an article states) and that a batch asks for again and again: the same sentence
checked by the audit and again for facts.json, the same article reached by two searches or
named in the news of several companies. The memo keeps at most ``maxsize`` entries, the least
recently used going first, so a batch of any size holds the same bounded amount.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Generic, TypeVar

T = TypeVar("T")


class Memo(Generic[T]):
    """At most ``maxsize`` results, by key; the least recently used is dropped first."""

    def __init__(self, maxsize: int) -> None:
        self.maxsize = maxsize
        self.hits = 0
        self.misses = 0
        self._items: OrderedDict[Hashable, T] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: Hashable, make: Callable[[], T]) -> T:
        """The kept result for ``key``, else ``make()`` (kept unless it raises).

        ``make`` runs outside the lock: two threads asking for a new key at once may both
        compute it (the results are equal); neither waits for the other's work.
        """
        with self._lock:
            if key in self._items:
                self._items.move_to_end(key)
                self.hits += 1
                return self._items[key]
            self.misses += 1
        value = make()
        with self._lock:
            self._items[key] = value
            self._items.move_to_end(key)
            while len(self._items) > self.maxsize:
                self._items.popitem(last=False)
        return value

    def __len__(self) -> int:
        return len(self._items)

    def clear(self) -> None:
        with self._lock:
            self._items.clear()
            self.hits = self.misses = 0
