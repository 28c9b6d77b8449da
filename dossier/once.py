"""``once``: a cache for costly, pure set-up work (compiled rules, parsed data files) that is
safe under threads.

``functools.lru_cache`` does not lock: when a batch's writer threads first need the same
compiled rules at the same moment, each of them builds its own copy (measured: the relation
rules, about 2 s of compiling, done four times over under one interpreter lock). ``once``
holds a per-function lock while a value is computed, so it is computed once per argument.
"""

from __future__ import annotations

import functools
import threading
from collections.abc import Callable
from typing import Any, ParamSpec, TypeVar, cast

P = ParamSpec("P")
R = TypeVar("R")


def once(maxsize: int | None = 8) -> Callable[[Callable[P, R]], Callable[P, R]]:
    """Decorate a function of hashable arguments: computed once per argument, thread-safe."""

    def wrap(fn: Callable[P, R]) -> Callable[P, R]:
        cached = cast(Callable[..., Any], functools.lru_cache(maxsize=maxsize)(fn))
        lock = threading.RLock()

        @functools.wraps(fn)
        def call(*args: P.args, **kwargs: P.kwargs) -> R:
            with lock:
                return cast(R, cached(*args, **kwargs))

        return call

    return wrap
