"""The ``dossier`` command (and ``python -m dossier``), with a quick answer to a request for help.

``dossier --help`` (``-h``, ``--version``, ``dossier COMMAND --help``) prints text that changes
only when the command line's code does, yet making it means importing click and declaring
every command: about 0.1 s, most of the time the command takes. So the first time a request
for help is answered (by click, as always), the text click printed is kept in the user's
cache folder (``<cache>/dossier/cli/help.marshal``, Linux and other XDG systems), with the
size and modification time of every Python file of dossier and click that was loaded to make
it. The next time the same request comes with the same program name, terminal width, Python
and module path, and none of those files has changed, the kept text is printed without
importing click. Anything else, and anything unexpected (no cache folder, a file that cannot
be read or is stale, ``python -m dossier``), goes through click exactly as before: the text
printed is always the one click printed for that request. ``tests/test_entry.py`` checks it.

This module imports only modules Python has loaded before it runs (``os``, ``sys``,
``marshal``); click and the rest of dossier only on the way to click.
"""

from __future__ import annotations

import marshal
import os
import sys

#: The options that ask for help (the CLI's ``help_option_names``) and for the version.
HELP = ("--help", "-h")
VERSION = "--version"
#: At most this many kept answers (a request and a terminal width each); the oldest go first.
MAX_KEPT = 32
#: The kept file is not read above this size.
MAX_BYTES = 1024 * 1024

Key = tuple[object, ...]


def main() -> None:
    """Console-script entry point: the kept answer to a request for help, else click."""
    key = request_key(sys.argv)
    if key is not None:
        text = kept_text(key)
        if text is not None:
            sys.stdout.write(text)
            sys.stdout.flush()
            return
    from .cli import main as click_main

    if key is None:
        click_main()
        return
    tee = _Tee(sys.stdout)
    sys.stdout = tee
    try:
        click_main()
    except SystemExit as exc:
        if exc.code in (0, None):
            keep(key, tee.text())
        raise
    finally:
        sys.stdout = tee.real


def request_key(argv: list[str]) -> Key | None:
    """What a request for help's answer depends on besides the code (the request, the program
    name, the terminal's width, standard output's encoding, Python), or None when ``argv`` is
    not a request for help (or the program is run as ``python -m``: click names it then
    from the ``__main__`` module)."""
    args = tuple(argv[1:])
    asks = args == (VERSION,) or (
        bool(args) and args[-1] in HELP and all(_is_word(a) for a in args[:-1])
    )
    main_module = sys.modules.get("__main__")
    if not asks or getattr(main_module, "__package__", None) not in (None, ""):
        return None
    stream = (getattr(sys.stdout, "encoding", None), getattr(sys.stdout, "errors", None))
    return (
        args,
        os.path.basename(argv[0]),
        terminal_columns(),
        stream,
        sys.version,
        tuple(sys.path),
    )


def _is_word(arg: str) -> bool:
    """A command name (``review``, ``choose-agency``), not an option or a value."""
    return bool(arg) and arg[0].isalpha() and all(c.isalnum() or c == "-" for c in arg)


def terminal_columns() -> int:
    """The columns :func:`shutil.get_terminal_size` reports (what click wraps help to), the
    same way, without importing :mod:`shutil`."""
    try:
        columns = int(os.environ["COLUMNS"])
    except (KeyError, ValueError):
        columns = 0
    try:
        lines = int(os.environ["LINES"])
    except (KeyError, ValueError):
        lines = 0
    if columns <= 0 or lines <= 0:
        try:
            size = os.get_terminal_size(sys.__stdout__.fileno())  # type: ignore[union-attr]
        except (AttributeError, ValueError, OSError):
            size = os.terminal_size((80, 24))
        if columns <= 0:
            columns = size.columns or 80
    return columns


def cache_file() -> str | None:
    """``<user cache>/dossier/cli/help.marshal`` as :mod:`platformdirs` places it on Linux and
    other XDG systems (``$XDG_CACHE_HOME``, else ``~/.cache``); None elsewhere."""
    if sys.platform.startswith(("win", "darwin", "cygwin")):
        return None
    base = os.environ.get("XDG_CACHE_HOME", "")
    if not base.strip():
        base = os.path.expanduser("~/.cache")
    return os.path.join(base, "dossier", "cli", "help.marshal")


def _load() -> dict[Key, tuple[list[tuple[str, int, int]], str]]:
    path = cache_file()
    if path is None:
        return {}
    try:
        if os.stat(path).st_size > MAX_BYTES:
            return {}
        with open(path, "rb") as f:
            kept = marshal.loads(f.read())
    except Exception:  # noqa: BLE001 - missing, unreadable or not ours: answer through click
        return {}
    return kept if isinstance(kept, dict) else {}


def kept_text(key: Key) -> str | None:
    """The kept answer to ``key``, if every file it was made from is unchanged."""
    entry = _load().get(key)
    if not isinstance(entry, tuple) or len(entry) != 2:
        return None
    files, text = entry
    try:
        for path, mtime, size in files:
            st = os.stat(path)
            if st.st_mtime_ns != mtime or st.st_size != size:
                return None
    except (OSError, TypeError, ValueError):
        return None
    return text if isinstance(text, str) else None


def _loaded_files() -> list[tuple[str, int, int]]:
    """Every loaded module file of dossier and click, with its modification time and size."""
    out = []
    for name, module in list(sys.modules.items()):
        top = name.partition(".")[0]
        path = getattr(module, "__file__", None)
        if top in ("dossier", "click") and path:
            st = os.stat(path)
            out.append((path, st.st_mtime_ns, st.st_size))
    return sorted(out)


def keep(key: Key, text: str) -> None:
    """Keep click's answer to ``key`` (only where platformdirs puts dossier's cache, and only
    text without terminal escapes); a failure to write only means asking click next time."""
    path = cache_file()
    if path is None or not text or "\x1b" in text:
        return
    try:
        from pathlib import Path

        from .fsutil import atomic_write_bytes, cache_folder

        folder = cache_folder("cli")
        if folder is None or Path(path) != folder / "help.marshal":
            return
        kept = _load()
        kept.pop(key, None)
        kept[key] = (_loaded_files(), text)
        while len(kept) > MAX_KEPT:
            kept.pop(next(iter(kept)))
        atomic_write_bytes(Path(path), marshal.dumps(kept))
    except Exception:  # noqa: BLE001 - the answer was printed; keeping it is only a saving
        return


class _Tee:
    """Standard output as click sees it, also keeping what is written (text only)."""

    def __init__(self, real: object) -> None:
        self.real = real
        self._parts: list[str] = []

    def write(self, data: str) -> int:
        if not isinstance(data, str):
            raise TypeError("text only")  # as a text stream (click probes with bytes)
        self._parts.append(data)
        return self.real.write(data)  # type: ignore[attr-defined, no-any-return]

    def text(self) -> str:
        return "".join(self._parts)

    def __getattr__(self, name: str) -> object:
        return getattr(self.real, name)


if __name__ == "__main__":
    main()
