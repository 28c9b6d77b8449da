"""The HTTP client against the fault server: peak memory, time, and the warm cache.

Each scenario runs in a fresh process (so peak RSS is its own) with the fault server from
tests/faultserver.py on 127.0.0.1 in a thread, the client's cache on, default settings:

    big     a 300 MB chunked body, no Content-Length (cap 10 MB)
    bomb    a gzip bomb: 1 GiB of zeros, about 1 MB sent
    drip    1,000 bytes at one every 0.05 s (50 s if read to the end)
    warm    the same request from two clients sharing the cache: does the second hit the server?

Usage: ``python bench/net_bench.py`` (this checkout), or ``--code DIR`` to measure another
checkout's client the same way (for a before/after: ``--code /path/to/main``). An older client
that has no ``allow_addresses`` reaches the loopback server through a resolver that says
"public" for the check and a system lookup that says 127.0.0.1 for the connection.
"""

from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def scenario(name: str) -> dict[str, object]:
    import importlib.util
    import inspect
    import socket

    from dossier.config import SourceSettings
    from dossier.net.client import PoliteClient

    spec = importlib.util.spec_from_file_location("faultserver", ROOT / "tests" / "faultserver.py")
    assert spec is not None and spec.loader is not None
    faultserver = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(faultserver)
    running = faultserver.running

    real = socket.getaddrinfo

    def dns(host, port, *a, **kw):  # type: ignore[no-untyped-def]
        return real("127.0.0.1" if host == "fault.test" else host, port, *a, **kw)

    socket.getaddrinfo = dns  # for a client that looks the name up again to connect
    settings = {"t": SourceSettings(name="t", min_interval=0.0)}
    kwargs: dict[str, object] = {"identity": "Bench Operator bench@example.com"}
    if "allow_addresses" in inspect.signature(PoliteClient).parameters:
        kwargs.update(allow_addresses=["127.0.0.1"], resolver=lambda host: ["127.0.0.1"])
    else:
        kwargs.update(resolver=lambda host: ["93.184.216.34"])
    out: dict[str, object] = {"scenario": name}
    with tempfile.TemporaryDirectory() as tmp, running(drip=0.05) as server:
        cache = Path(tmp) / "http.sqlite3"
        url = {
            "big": "/big?mb=300",
            "bomb": "/bomb",
            "drip": "/drip",
            "warm": "/ok",
        }[name]
        started = time.monotonic()
        try:
            doc = PoliteClient(settings, cache_path=cache, **kwargs).get(  # type: ignore[arg-type]
                server.url(url, host="fault.test"), source="t"
            )
            out["result"] = f"{len(doc.body):,} bytes"
            if name == "warm":
                PoliteClient(settings, cache_path=cache, **kwargs).get(  # type: ignore[arg-type]
                    server.url(url, host="fault.test"), source="t"
                )
                out["server_requests"] = len(server.requests)
        except Exception as exc:  # noqa: BLE001 - the bench reports whatever happened
            out["result"] = f"{type(exc).__name__}: {str(exc)[:160]}"
        out["seconds"] = round(time.monotonic() - started, 1)
        sizes = [p.stat().st_size for p in Path(tmp).rglob("*") if p.is_file()]
        out["cache_bytes"] = sum(sizes)
    out["peak_rss_mb"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
    return out


def main(argv: list[str]) -> None:
    if argv[:1] == ["--one"]:
        print(json.dumps(scenario(argv[1])))
        return
    code = ROOT
    if argv[:1] == ["--code"]:
        code = Path(argv[1]).resolve()
    env = {**os.environ, "PYTHONPATH": str(code)}
    print(f"client code: {code}")
    for name in ("big", "bomb", "drip", "warm"):
        try:
            done = subprocess.run(
                [sys.executable, __file__, "--one", name],
                env=env,
                capture_output=True,
                text=True,
                timeout=180,
                cwd=code,
            )
            print(done.stdout.strip() or done.stderr.strip()[-400:])
        except subprocess.TimeoutExpired:
            print(json.dumps({"scenario": name, "result": "still running after 180 s; stopped"}))


if __name__ == "__main__":
    main(sys.argv[1:])
