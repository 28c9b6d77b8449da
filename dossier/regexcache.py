"""Large regular expressions compiled once per machine, not once per process.

The agency relation rules are about 200 patterns of several thousand characters each; Python
parses and compiles them in pure Python, 3 to 5 s of CPU in every process that reads a
sentence (a single ``dossier build``, each batch, the review app's rebuild). What the
compiler produces is a list of integers (the regex engine's program) and the group names;
this module keeps those in the user's cache folder (``regex/``, mode 0700) and rebuilds the
pattern objects from them with the engine's own constructor, which checks the program before
it accepts it.

The cache file is named by a hash of the Python version, the engine's version, the flags and
every pattern's text: any change to a pattern, to Python or to the engine makes a new file,
and a file that cannot be read, does not match or is refused by the engine means compiling as
before (nothing is ever wrong, only slower). Of dossier it imports only ``fsutil``, so any layer may use it.

:func:`kept` is the same keeping for any other pure result that is slow to make and quick to
load (the SEC ticker map's cleaned titles, :mod:`dossier.nameindex`): stored under a hash of
everything it is made from, checked when loaded, made again when the file is missing,
stale or refused.
"""

from __future__ import annotations

import hashlib
import importlib
import marshal
import re
import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TypeVar

from .fsutil import OutputError, atomic_write_bytes, cache_folder

_parser: Any = importlib.import_module("re._parser")
_compiler: Any = importlib.import_module("re._compiler")
_sre: Any = importlib.import_module("_sre")

T = TypeVar("T")

#: A cache file larger than this is not read (the relation rules' is about 11 MB).
MAX_BYTES = 32 * 1024 * 1024


def _folder(name: str = "regex") -> Path | None:
    """``<user cache>/dossier/<name>`` (see :func:`dossier.fsutil.cache_folder`)."""
    return cache_folder(name)


def _key(name: str, patterns: Sequence[str | bytes], flags: int) -> str:
    h = hashlib.sha256()
    for part in (sys.version, str(_sre.MAGIC), str(flags), name, *patterns):
        h.update(part if isinstance(part, bytes) else part.encode("utf-8", "surrogatepass"))
        h.update(b"\0")
    return h.hexdigest()[:24]


def kept(
    folder: str,
    name: str,
    parts: Sequence[str | bytes],
    make: Callable[[], T],
    valid: Callable[[Any], bool],
    versions: int = 4,
) -> T:
    """``make()`` (a value :mod:`marshal` can store), kept in ``<user cache>/dossier/<folder>``
    under a hash of ``parts``: every input the value depends on (data and the code that makes
    it; Python's version is added). A kept value is used only if ``valid(value)``; otherwise,
    and when nothing is kept or the file cannot be read, ``make()`` runs and is kept. The
    ``versions`` most recently made files of ``name`` are kept (several ticker maps in use:
    the live one and a snapshot's), older ones removed."""
    path = kept_file(folder, name, parts)
    if path is not None:
        value = read_kept(path, valid, _MISSING)
        if value is not _MISSING:
            return value  # type: ignore[no-any-return]
    made = make()
    if path is not None:
        write_kept(path, name, made, versions)
    return made


#: What :func:`read_kept` gives for nothing usable when the caller passes it as the default.
_MISSING: Any = object()


def kept_file(folder: str, name: str, parts: Sequence[str | bytes]) -> Path | None:
    """The file ``name``'s value is kept in under a hash of ``parts`` (and Python's version),
    in ``<user cache>/dossier/<folder>``; None when the cache folder cannot be used."""
    where = _folder(folder)
    return where / f"{name}-{_key(name, parts, 0)}.marshal" if where else None


def read_kept(path: Path, valid: Callable[[Any], bool], default: Any) -> Any:
    """The value kept in ``path`` if it is readable, within :data:`MAX_BYTES` and
    ``valid(value)``; else ``default``."""
    try:
        if path.stat().st_size <= MAX_BYTES:
            value = marshal.loads(path.read_bytes())
            if valid(value):
                return value
    except Exception:  # noqa: BLE001 - missing, unreadable or not ours: make it again
        pass
    return default


def write_kept(path: Path, name: str, value: Any, versions: int = 4) -> None:
    """Keep ``value`` in ``path`` (atomically; a failure only means making it again next
    time), and only the ``versions`` newest files of ``name``."""
    _store(path, value)
    _forget_others(path, name, versions)


def _forget_others(path: Path, name: str, versions: int = 1) -> None:
    """Remove ``name``'s files but ``path`` and the ``versions - 1`` newest others (for data
    or a Python no longer here)."""
    others = []
    for old in path.parent.glob(f"{name}-*.marshal"):
        if old != path:
            try:
                others.append((old.stat().st_mtime_ns, old))
            except OSError:
                continue
    for _mtime, old in sorted(others, reverse=True)[versions - 1 :]:
        old.unlink(missing_ok=True)


#: At most this many patterns are kept by :func:`kept_compiles` per name (a block that
#: compiles patterns made from data, not only a module's own, keeps only those it used last).
MAX_KEPT_PATTERNS = 5000


@contextmanager
def kept_compiles(name: str) -> Iterator[None]:
    """Every pattern :mod:`re` compiles inside the block rebuilt from the user's cache when
    it was compiled there before (the same program, checked by the engine), else compiled as
    usual and kept for next time: for the module-level patterns of the modules a process
    imports (about 0.2 s of CPU for a build's; see ``docs/performance.md``). The cache
    file (``<name>-<hash of Python's and the engine's versions>.marshal``) maps each pattern
    and its flags to its program; a pattern not in it, or refused, is compiled. For a block
    run at start-up, before other threads: ``re``'s compiler is replaced while it runs."""
    folder = _folder()
    path = folder / f"{name}-{_key(name, [], 0)}.marshal" if folder else None
    known = _load_map(path) if path is not None else {}
    used: dict[tuple[str | bytes, int], tuple[Any, ...]] = {}
    missed = False
    original = _compiler.compile

    def compile(p: Any, flags: int = 0) -> Any:
        nonlocal missed
        if not isinstance(p, str | bytes) or not isinstance(flags, int) or flags & re.DEBUG:
            return original(p, flags)
        key = (p, flags)
        parts = known.get(key)
        if parts is not None:
            try:
                compiled = _build(p, parts)  # type: ignore[arg-type]
            except Exception:  # noqa: BLE001 - refused by the engine: compile it
                pass
            else:
                used[key] = parts
                return compiled
        parts, _ = _compile_one(p, flags, no_derivation)  # type: ignore[arg-type]
        missed = True
        used[key] = parts
        return _build(p, parts)  # type: ignore[arg-type]

    _compiler.compile = compile
    try:
        yield
    finally:
        _compiler.compile = original
        if path is not None and missed:
            kept = {**known, **used}
            _store(path, kept if len(kept) <= MAX_KEPT_PATTERNS else used)


def no_derivation(_parsed: Any) -> None:
    """For :func:`compile_all` when nothing is read from the parsed patterns."""
    return None


def _load_map(path: Path) -> dict[tuple[str | bytes, int], tuple[Any, ...]]:
    try:
        if path.stat().st_size > MAX_BYTES:
            return {}
        stored = marshal.loads(path.read_bytes())
    except Exception:  # noqa: BLE001 - missing, unreadable or not ours: compile
        return {}
    return stored if isinstance(stored, dict) else {}


def _compile_one(pattern: str, flags: int, derive: Callable[[Any], T]) -> tuple[tuple[Any, ...], T]:
    """(what the engine needs to rebuild the pattern, what ``derive`` read from its parse)."""
    parsed = _parser.parse(pattern, flags)
    derived = derive(parsed)
    code = _compiler._code(parsed, flags)
    groupindex = dict(parsed.state.groupdict)
    indexgroup = [None] * parsed.state.groups
    for k, i in groupindex.items():
        indexgroup[i] = k
    parts = (
        int(flags | parsed.state.flags),
        [int(c) for c in code],  # the compiler's named constants are ints; marshal wants ints
        parsed.state.groups - 1,
        groupindex,
        tuple(indexgroup),
    )
    return parts, derived


def _build(pattern: str, parts: tuple[Any, ...]) -> re.Pattern[str]:
    flags, code, groups, groupindex, indexgroup = parts
    compiled: re.Pattern[str] = _sre.compile(pattern, flags, code, groups, groupindex, indexgroup)
    return compiled


def compile_all(
    name: str, patterns: Sequence[str], flags: int, derive: Callable[[Any], T]
) -> list[tuple[re.Pattern[str], T]]:
    """Each pattern compiled with ``flags`` (an int), with ``derive(parsed pattern)`` beside it
    (it must return something :mod:`marshal` can store: str, frozenset, tuple, None ...).
    The same as ``re.compile`` for every pattern, kept between runs as described above."""
    flags = int(flags)
    folder = _folder()
    path = folder / f"{name}-{_key(name, patterns, flags)}.marshal" if folder else None
    if path is not None:
        loaded = _load(path, patterns)
        if loaded is not None:
            return loaded
    stored: list[tuple[tuple[Any, ...], T]] = []
    out: list[tuple[re.Pattern[str], T]] = []
    for pattern in patterns:
        parts, derived = _compile_one(pattern, flags, derive)
        stored.append((parts, derived))
        out.append((_build(pattern, parts), derived))
    if path is not None:
        _store(path, stored)
        _forget_others(path, name)
    return out


def _load(path: Path, patterns: Sequence[str]) -> list[tuple[re.Pattern[str], Any]] | None:
    try:
        if path.stat().st_size > MAX_BYTES:
            return None
        stored = marshal.loads(path.read_bytes())
        if not isinstance(stored, list) or len(stored) != len(patterns):
            return None
        return [
            (_build(pattern, parts), derived)
            for pattern, (parts, derived) in zip(patterns, stored, strict=True)
        ]
    except Exception:  # noqa: BLE001 - unreadable, stale or refused by the engine: compile
        return None


def _store(path: Path, stored: Any) -> None:
    """Write atomically; a failure to write only means compiling again next time."""
    try:
        atomic_write_bytes(path, marshal.dumps(stored))
    except (OutputError, ValueError):
        return


def kept_toml(text: str, name: str) -> dict[str, Any]:
    """``tomllib.loads(text)`` kept under a hash of ``text`` (a packaged data file read in every
    process: the agency gazetteer is about 280 KB of TOML, 0.08 s of CPU to parse). Dates and
    times are stored as tagged tuples (TOML has no tuples) and given back as they were parsed.
    An error in the text raises as :func:`tomllib.loads` does."""
    import tomllib

    kept_value = kept(
        "toml", name, [text], lambda: _tagged(tomllib.loads(text)), lambda v: isinstance(v, dict)
    )
    return _untagged(kept_value)  # type: ignore[no-any-return]


_TIMES = ("date", "datetime", "time")


def _tagged(value: Any) -> Any:
    """Parsed TOML as :mod:`marshal` stores it: a date, datetime or time as ``(kind, ISO)``."""
    import datetime as dt

    if isinstance(value, dict):
        return {k: _tagged(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_tagged(v) for v in value]
    if isinstance(value, dt.datetime):  # before date: a datetime is a date
        return ("datetime", value.isoformat())
    if isinstance(value, dt.date):
        return ("date", value.isoformat())
    if isinstance(value, dt.time):
        return ("time", value.isoformat())
    return value


def _untagged(value: Any) -> Any:
    import datetime as dt

    if isinstance(value, dict):
        return {k: _untagged(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_untagged(v) for v in value]
    if isinstance(value, tuple) and len(value) == 2 and value[0] in _TIMES:
        kind, text = value
        return getattr(dt, kind).fromisoformat(text)
    return value
