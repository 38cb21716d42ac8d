"""The explorer in a classroom: 200 requests at once, and the slider's round trip.

Starts ``python cli.py serve games/baseline.toml --port 0`` as a subprocess (of
this checkout, or of another one given with ``--root``, to compare with the code
before a change in the same run), then:

* **load**: ``--clients`` threads (default 200) wait at a barrier, each opens
  its own connection at the same moment and asks ``/api/solve``; counts the
  answers (200), the refusals (4xx/5xx) and the connections reset or timed out;
* **round trip**: ``--runs`` slider moves (``/api/solve`` with a new ``T``) on
  one keep-alive connection, as the page makes them; prints the median round
  trip beside the median compute time the server reports (``elapsed_ms``), and
  their difference: the cost of HTTP, which Nagle's algorithm and a
  headers-then-body double write used to stretch to ~40 ms.

    python bench/bench_server.py [--root /work/main] [--clients 200] [--runs 40]
"""

from __future__ import annotations

import argparse
import http.client
import json
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def start(root: Path) -> tuple[subprocess.Popen, int]:
    proc = subprocess.Popen(
        [sys.executable, "cli.py", "serve", "games/baseline.toml", "--port", "0"],
        cwd=root,
        stdout=subprocess.PIPE,
        text=True,
    )
    line = proc.stdout.readline()  # "Explorer for ... at http://127.0.0.1:PORT/ ..."
    port = int(line.split("http://127.0.0.1:")[1].split("/")[0])
    return proc, port


def body(t: str) -> bytes:
    return json.dumps({"scenario": "baseline.toml", "values": {"T": t}}).encode()


def load(port: int, clients: int) -> dict[str, int]:
    barrier = threading.Barrier(clients)
    outcome: list[str] = []
    lock = threading.Lock()

    def one(k: int) -> None:
        barrier.wait()
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
            conn.request(
                "POST",
                "/api/solve",
                body=body(f"0.{k % 100:02d}"),
                headers={"Host": f"127.0.0.1:{port}", "Content-Type": "application/json"},
            )
            status = conn.getresponse().status
            conn.close()
            kind = "answered" if status == 200 else f"status {status}"
        except (ConnectionError, OSError) as err:
            kind = f"failed ({type(err).__name__})"
        with lock:
            outcome.append(kind)

    threads = [threading.Thread(target=one, args=(k,)) for k in range(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return {k: outcome.count(k) for k in sorted(set(outcome))}


def round_trip(port: int, runs: int) -> tuple[float, float]:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    trips, computes = [], []
    for k in range(runs):
        start = time.perf_counter()
        conn.request(
            "POST",
            "/api/solve",
            body=body(f"0.{50 + k % 50}"),
            headers={"Host": f"127.0.0.1:{port}", "Content-Type": "application/json"},
        )
        data = json.loads(conn.getresponse().read())
        trips.append(1000 * (time.perf_counter() - start))
        computes.append(data["elapsed_ms"])
    conn.close()
    return statistics.median(trips), statistics.median(computes)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--root", type=Path, action="append", help="checkout(s) to measure (default: this one)")
    ap.add_argument("--clients", type=int, default=200)
    ap.add_argument("--runs", type=int, default=40)
    args = ap.parse_args()
    for root in args.root or [ROOT]:
        proc, port = start(root)
        try:
            counts = load(port, args.clients)
            trip, compute = round_trip(port, args.runs)
        finally:
            proc.terminate()
            proc.wait()
        print(f"{root}: {args.clients} requests at once: " + ", ".join(f"{v} {k}" for k, v in counts.items()))
        print(
            f"{root}: slider round trip median {trip:.1f} ms, server compute {compute:.1f} ms, "
            f"HTTP overhead {trip - compute:.1f} ms ({trip / compute:.1f}x the compute)"
        )


if __name__ == "__main__":
    main()
