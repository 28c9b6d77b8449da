"""Run the dossier CLI with a gate after the first contact, for the batch-fault tests.

``python tests/gated_batch.py GATE_FILE batch ...`` runs ``dossier batch ...`` as usual, except
that every contact after the first waits (up to two minutes) until ``GATE_FILE`` exists before
it is written. A test can then stop, or contend with, a batch that is certainly still running,
however fast or slow the machine is. Test code only: the product has no such hook.
"""

from __future__ import annotations

import sys
import threading
import time
from pathlib import Path
from typing import Any


def main() -> None:
    gate = Path(sys.argv[1])
    del sys.argv[1]

    from dossier.batch import run
    from dossier.cli import main as cli_main

    original = run._Job.write
    calls = {"n": 0}
    lock = threading.Lock()

    def gated(self: Any, *args: Any, **kwargs: Any) -> Any:
        with lock:
            calls["n"] += 1
            first = calls["n"] == 1
        if not first:
            deadline = time.monotonic() + 120
            while not gate.exists() and time.monotonic() < deadline:
                time.sleep(0.05)
        return original(self, *args, **kwargs)

    run._Job.write = gated  # type: ignore[method-assign]
    cli_main()


if __name__ == "__main__":
    main()
