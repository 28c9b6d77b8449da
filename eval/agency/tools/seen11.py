"""Say whether a URL is already used by an earlier collection (hashes only; nothing printed of them).

Usage: ``python eval/agency/tools/seen11.py URL [URL ...]`` prints ``DUP`` or ``new`` per URL,
checked against dev..dev10 and test by the SHA-256 hash of the ``url`` field (``build_dev3._h``).
"""

from __future__ import annotations

import sys

from build_dev3 import _h, _known

AGAINST = ("dev", "dev2", "dev3", "dev4", "dev5", "dev6", "dev7", "dev8", "dev9", "dev10", "test")

if __name__ == "__main__":
    urls, _ = _known(AGAINST)
    for url in sys.argv[1:]:
        print("DUP" if _h(url) in urls else "new", url)
