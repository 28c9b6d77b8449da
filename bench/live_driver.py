"""Runs the dossier CLI with its client pointed at bench/live_bench.py's local server (bench only).

``python bench/live_driver.py PORT batch ...``: every request the client makes goes over HTTP
to 127.0.0.1:PORT as ``GET /fetch?url=<the URL>``. Only this process is changed, and only
through PoliteClient's own parameters (resolver, allow_addresses, transport), as the tests do;
the per-host intervals, caps, retries and the private-address guard are the client's own
(the guard lets through 127.0.0.1 because this driver names it, and nothing else).
"""

from __future__ import annotations

import sys
from collections.abc import Mapping
from pathlib import Path
from typing import Any
from urllib.parse import quote

PORT = 0  # set from the command line (a spawned PDF worker imports this file too: it stays 0)


class ToLocalServer:
    """A transport that sends each request to the local server, naming the URL it was for."""

    def __init__(self) -> None:
        from dossier.net.transport import UrllibTransport

        self.wire = UrllibTransport()

    def proxy_for(self, url: str) -> str | None:
        return None

    def open(
        self,
        url: str,
        *,
        addresses: tuple[str, ...] | None,
        headers: Mapping[str, str],
        timeout: float,
        deadline: float,
    ) -> Any:
        local = f"http://127.0.0.1:{PORT}/fetch?url={quote(url, safe='')}"
        return self.wire.open(
            local, addresses=("127.0.0.1",), headers=headers, timeout=timeout, deadline=deadline
        )


def make_client(opts: Any, settings: Any, identity: str | None) -> Any:
    from platformdirs import user_cache_dir

    from dossier.net import PoliteClient

    cache = Path(user_cache_dir("dossier")) / "http.sqlite3" if opts.cache else None
    return PoliteClient(
        settings,
        identity=identity,
        cache_path=cache,
        resolver=lambda host: ["127.0.0.1"],
        allow_addresses=["127.0.0.1"],
        transport=ToLocalServer(),
    )


if __name__ == "__main__":
    import importlib

    PORT = int(sys.argv.pop(1))
    from dossier.cli import main

    # The module (``dossier.build`` as an attribute of the package is the function build).
    importlib.import_module("dossier.build").make_client = make_client
    main()
