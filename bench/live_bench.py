"""The live-like batch: the synthetic snapshot served over HTTP from 127.0.0.1, 150 ms a response.

``make bench`` runs it after the offline batches (``make bench BENCH=live`` runs only it;
``python bench/live_bench.py 20``). A threaded HTTP server on 127.0.0.1 serves the bodies of
the synthetic snapshot (``bench/synthetic.py``: SYNTHETIC, FOR PERFORMANCE ONLY), each after
150 ms; ``dossier batch`` runs live (no ``--offline``), as a user's does, except for where its
requests go. The client keeps its per-host politeness intervals (``min_interval_seconds`` of
each source), so news.google.com, asked once per company at one request every 5 s, sets a
floor of its own. Printed: wall time, the render floor (WeasyPrint alone on the HTML the batch
wrote, as in many_bench.py), the politeness floor (for each host, its requests after the first
times its interval; the largest), and the ratio of the batch to the larger of the two floors.

How the batch reaches the server (bench-only, nothing in dossier changes for users): the batch
runs in ``bench/live_driver.py``, which replaces ``dossier.build.make_client`` with a client
made through :class:`dossier.net.PoliteClient`'s own parameters, as the tests and
``bench/net_bench.py`` do: a resolver that answers 127.0.0.1, ``allow_addresses`` naming
127.0.0.1 (the private-address guard still runs and lets through only that address), and a
transport that sends each request over urllib3 to the local server with the URL it was for.
A user's client has none of these: it never connects to a loopback or private address.
"""

from __future__ import annotations

import sys
import tempfile
import threading
import time
from collections import Counter
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

sys.path.insert(0, str(Path(__file__).resolve().parent))
import many_bench  # noqa: E402
import synthetic  # noqa: E402

LATENCY = 0.150  # seconds before each response
IDENTITY = "Bench Operator bench@example.com"
DEFAULT_INTERVAL = 2.0  # sources with no hosts of their own (website, newsroom, news): 2 s


class SnapshotServer:
    """Serves a snapshot folder's responses on 127.0.0.1 after ``latency`` seconds each.

    A request is ``GET /fetch?url=<the URL the client asked for>``; the answer is the recorded
    status, content type and body (gzip bodies sent as ``Content-Encoding: gzip``), or 404.
    It counts the requests per host.
    """

    def __init__(self, snapshot: Path, latency: float = LATENCY) -> None:
        from dossier.net import SnapshotReader

        self.reader = SnapshotReader(snapshot)
        self.latency = latency
        self.hosts: Counter[str] = Counter()
        self.missing = 0
        self._lock = threading.Lock()
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_GET(self) -> None:  # noqa: N802 (the http.server name)
                url = (parse_qs(urlsplit(self.path).query).get("url") or [""])[0]
                time.sleep(server.latency)
                entry = server.reader.lookup("GET", url)
                with server._lock:
                    server.hosts[(urlsplit(url).hostname or "").lower()] += 1
                    server.missing += entry is None
                if entry is None:
                    body, status, headers = (
                        b"not in the snapshot",
                        404,
                        {"Content-Type": "text/plain"},
                    )
                else:
                    body = entry.body_path.read_bytes()
                    status, headers = entry.status, {"Content-Type": entry.content_type}
                    if body[:2] == b"\x1f\x8b":
                        headers["Content-Encoding"] = "gzip"
                self.send_response(status)
                for k, v in headers.items():
                    self.send_header(k, v)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args: Any) -> None:
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.port = self.httpd.server_address[1]
        self._thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def __enter__(self) -> SnapshotServer:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


def intervals() -> tuple[dict[str, float], float]:
    """Each source host's interval (the largest of the sources naming it), and the default."""
    from dossier import config

    out: dict[str, float] = {}
    for s in config.load_sources().values():
        for host in s.hosts:
            out[host] = max(out.get(host, 0.0), s.min_interval)
    return out, DEFAULT_INTERVAL


def politeness_floor(hosts: Counter[str]) -> tuple[float, str]:
    """The least time the requests could take at the allowed rates: for each host, its
    requests after the first times its interval; the largest, and that host."""
    known, default = intervals()

    def interval(host: str) -> float:
        match = [v for h, v in known.items() if host == h or host.endswith("." + h)]
        return max(match) if match else default

    floors = {h: (n - 1) * interval(h) for h, n in hosts.items() if n}
    host = max(floors, key=lambda h: floors[h]) if floors else ""
    return floors.get(host, 0.0), host


def run(size: int, work: Path) -> dict[str, Any]:
    snap, made = synthetic.make_snapshot(work, size)
    csv = many_bench.write_contacts(work, made)
    out = work / "out"
    env = {
        **many_bench.USER_ENV,
        "DOSSIER_IDENTITY": IDENTITY,
        "XDG_CACHE_HOME": str(work / "cache"),  # a fresh HTTP cache: every request is sent
    }
    with SnapshotServer(snap) as server:
        cmd = [
            sys.executable,
            str(Path(__file__).resolve().parent / "live_driver.py"),
            str(server.port),
            "batch",
            str(csv),
            "--out",
            str(out),
            "--news-days",
            str(synthetic.NEWS_DAYS),
            "--quiet",
        ]
        wall, memory, _ = many_bench.measured(cmd, env)
        hosts = Counter(server.hosts)
        missing = server.missing
    html = sorted(str(p) for p in (out / csv.stem).glob("*/*.html"))
    render = many_bench.render_floor(html)
    polite, host = politeness_floor(hosts)
    floor = max(render, polite)
    return {
        "size": size,
        "wall": wall,
        "render": render,
        "polite": polite,
        "host": host,
        "ratio": wall / floor,
        "requests": sum(hosts.values()),
        "missing": missing,
        "main_mb": memory.main / 2**20,
        "tree_mb": memory.tree / 2**20,
        "tree_pss_mb": memory.tree_pss / 2**20,
        "pdfs": len(html),
    }


def main(argv: list[str]) -> dict[str, Any]:
    size = int(argv[0]) if argv else 10
    print(f"{synthetic.LABEL}; live-like: 127.0.0.1, {LATENCY * 1000:.0f} ms a response")
    with tempfile.TemporaryDirectory(prefix="dossier-live-bench-") as tmp:
        r = run(size, Path(tmp))
    print(
        f"live {r['size']} companies: wall {r['wall']:.1f} s ({r['wall'] / r['size']:.2f} s/contact), "
        f"{r['requests']} requests ({r['missing']} not in the snapshot: 404), "
        f"render floor {r['render']:.1f} s, politeness floor {r['polite']:.1f} s ({r['host']}), "
        f"main {r['main_mb']:.0f} MB, tree {r['tree_mb']:.0f} MB (PSS {r['tree_pss_mb']:.0f} MB)"
    )
    print(f"live ratio to max(render floor, politeness floor): {r['ratio']:.2f}", flush=True)
    return r


if __name__ == "__main__":
    main(sys.argv[1:])
