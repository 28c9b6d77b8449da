"""``python -m dossier``: the same as the ``dossier`` command."""

from __future__ import annotations

from .cli import main

if __name__ == "__main__":
    main()
