"""Work shared by every company of one run: computed once per client and key.

A run (one ``dossier build`` or one batch) uses one HTTP client, so results stored under the
client live exactly as long as the run's client and are never shared between runs. The agency
step keeps an agency's own public research here (resolution and sources, the holding company's
revenue): in a batch where many companies use the same agency it is researched once.
"""

from __future__ import annotations

import threading
import weakref
from collections.abc import Callable, Hashable
from typing import Any, TypeVar

T = TypeVar("T")

_runs: weakref.WeakKeyDictionary[Any, dict[Hashable, tuple[threading.Lock, list[Any]]]] = (
    weakref.WeakKeyDictionary()
)
_lock = threading.Lock()


def once(client: Any, key: Hashable, make: Callable[[], T]) -> T:
    """``make()`` the first time ``key`` is asked for under ``client``; the same value after.

    Threads asking for the same key wait for the first one. When ``make`` raises, nothing is
    kept (the next caller tries again). A client that cannot be weakly referenced (a test
    double with ``__slots__``) gets no sharing.
    """
    try:
        with _lock:
            store = _runs.setdefault(client, {})
            slot = store.setdefault(key, (threading.Lock(), []))
    except TypeError:
        return make()
    key_lock, value = slot
    with key_lock:
        if not value:
            value.append(make())
        return value[0]  # type: ignore[no-any-return]


def calls(client: Any) -> int:
    """How many keys are kept for ``client`` (for tests)."""
    with _lock:
        return sum(1 for _l, v in _runs.get(client, {}).values() if v)
