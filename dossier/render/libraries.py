"""WeasyPrint's system libraries found once per machine, not once per process.

WeasyPrint loads Pango, HarfBuzz, fontconfig and GObject through cffi, trying several names for
each (``libgobject-2.0-0``, ``gobject-2.0-0``, ``gobject-2.0``...). For every name that is not
a file name cffi asks :func:`ctypes.util.find_library`, which on Linux runs ``ldconfig -p``,
then ``gcc`` and then ``ld`` as subprocesses: 22 lookups, about 0.26 s of wall time and 0.2 s
of CPU in child processes for each process that imports WeasyPrint (each PDF worker of a build
and of a batch). The answers depend only on the machine's libraries, so they are kept in the
user's cache (``libraries/``) under a hash of what decides them: the platform, the library
search path variables and the dynamic linker's cache file (``/etc/ld.so.cache``: its size
and modification time change when a library is installed or removed).

Only names already looked up are answered from the cache; any other goes to
:func:`ctypes.util.find_library` and is kept. If WeasyPrint cannot be imported with kept
answers, the kept file is removed, so the next process looks everything up again.
"""

from __future__ import annotations

import ctypes.util
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from ..regexcache import kept_file, read_kept, write_kept

#: Environment variables that change where libraries are found.
_SEARCH_VARS = ("LD_LIBRARY_PATH", "DYLD_LIBRARY_PATH", "DYLD_FALLBACK_LIBRARY_PATH", "PATH")
#: The dynamic linker's cache on glibc systems (absent elsewhere: then only the variables).
_LD_CACHE = "/etc/ld.so.cache"


def _parts() -> list[str]:
    parts = [sys.platform, *(f"{v}={os.environ.get(v, '')}" for v in _SEARCH_VARS)]
    try:
        st = os.stat(_LD_CACHE)
        parts.append(f"{st.st_size}:{st.st_mtime_ns}")
    except OSError:
        parts.append("no ld cache")
    return parts


def _valid(value: Any) -> bool:
    return isinstance(value, dict) and all(
        isinstance(k, str) and (v is None or isinstance(v, str)) for k, v in value.items()
    )


@contextmanager
def found_libraries() -> Iterator[None]:
    """Inside the block, :func:`ctypes.util.find_library` answers from the kept lookups (and
    keeps the new ones); put back when the block ends. For a block run at start-up, before
    other threads (the import of WeasyPrint)."""
    path = kept_file("libraries", "find", _parts())
    known: dict[str, str | None] = dict(read_kept(path, _valid, {})) if path is not None else {}
    added = False
    original = ctypes.util.find_library

    def find_library(name: str) -> str | None:
        nonlocal added
        if name in known:
            return known[name]
        found = original(name)
        known[name] = found
        added = True
        return found

    ctypes.util.find_library = find_library
    try:
        yield
    except BaseException:
        if path is not None:  # kept answers may be what failed: look everything up next time
            path.unlink(missing_ok=True)
        raise
    finally:
        ctypes.util.find_library = original
    if path is not None and added:
        write_kept(path, "find", known, versions=2)
