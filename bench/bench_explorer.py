#!/usr/bin/env python3
"""Benchmark of the explorer's round trip: a slider move (``/api/solve``) and a 40 x 40 regime map
(``/api/regime``), as the page sends them over one kept-alive connection.

Usage::

    python bench/bench_explorer.py              # 30 slider moves and 5 maps per server, median round trip
    python bench/bench_explorer.py --moves 100 --maps 10

Two servers of the same game file are run side by side in this process
(:func:`bargaining.server.app.make_server`): the explorer as it is, with
``TCP_NODELAY`` on its accepted sockets, and the same handler with Nagle's
algorithm left on, the server as it was. Their requests are interleaved, so
that the load of a shared machine falls on both alike. The figure is the
median wall-clock round trip in milliseconds beside the time the server
reports computing (``elapsed_ms``): the difference is what the network
layer adds. The client is the standard library's ``http.client``, which
sends a request's headers and body in one write, as a browser does.
"""

from __future__ import annotations

import argparse
import http.client
import json
import statistics
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bargaining.server.app import make_server  # noqa: E402

GAME = ROOT / "games" / "baseline.toml"


def _start(nodelay: bool):
    server = make_server(GAME, port=0)
    server.RequestHandlerClass.disable_nagle_algorithm = nodelay
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def _post(conn, path: str, body: dict) -> tuple[float, float]:
    data = json.dumps(body).encode()
    t0 = time.perf_counter()
    conn.request("POST", path, body=data, headers={"Content-Type": "application/json"})
    reply = conn.getresponse()
    payload = reply.read()
    wall = 1000 * (time.perf_counter() - t0)
    if reply.status != 200:
        raise SystemExit(f"{path}: {reply.status} {payload[:200]!r}")
    return wall, float(json.loads(payload).get("elapsed_ms", "nan"))


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--moves", type=int, default=30, help="slider moves per server (default 30)")
    ap.add_argument("--maps", type=int, default=5, help="40 x 40 regime maps per server (default 5)")
    ap.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = ap.parse_args(argv)

    servers = {"TCP_NODELAY (now)": _start(True), "Nagle on (before)": _start(False)}
    conns = {k: http.client.HTTPConnection(*s.server_address, timeout=60) for k, s in servers.items()}
    scenario = GAME.name
    times: dict[str, dict[str, list]] = {k: {"solve": [], "solve_server": [], "map": [], "map_server": []}
                                         for k in servers}
    try:
        for conn in conns.values():  # warm up: the first requests load the solvers
            _post(conn, "/api/solve", {"scenario": scenario, "values": {"T": "0.5"}})
            _post(conn, "/api/regime", {"scenario": scenario, "values": {}, "x": "T", "y": "a", "size": 40})
        for i in range(args.moves):
            values = {"T": f"{(i % 20) / 20:.2f}", "a": f"{((7 * i) % 20) / 20:.2f}"}
            for k, conn in conns.items():
                wall, server = _post(conn, "/api/solve", {"scenario": scenario, "values": values})
                times[k]["solve"].append(wall)
                times[k]["solve_server"].append(server)
        for i in range(args.maps):
            body = {"scenario": scenario, "values": {"lam": f"{0.4 + 0.05 * i:.2f}"}, "x": "T", "y": "a",
                    "size": 40}
            for k, conn in conns.items():
                wall, server = _post(conn, "/api/regime", body)
                times[k]["map"].append(wall)
                times[k]["map_server"].append(server)
    finally:
        for conn in conns.values():
            conn.close()
        for s in servers.values():
            s.shutdown()
            s.server_close()

    report = {k: {name: statistics.median(v) for name, v in t.items()} for k, t in times.items()}
    if args.json:
        print(json.dumps(report, indent=2))
        return 0
    print(f"{GAME.name}: median round trip over {args.moves} slider moves and {args.maps} maps, milliseconds\n")
    print("| server | slider move: round trip | computing | 40 x 40 map: round trip | computing |")
    print("|---|---|---|---|---|")
    for k, r in report.items():
        print(f"| {k} | {r['solve']:.1f} | {r['solve_server']:.1f} | {r['map']:.1f} | {r['map_server']:.1f} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
