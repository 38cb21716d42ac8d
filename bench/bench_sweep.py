#!/usr/bin/env python3
"""Benchmark of the batch sweep solver against QuantEcon's and nashpy's support enumeration.

Usage::

    python bench/bench_sweep.py            # 200 x 200 sweeps over T and a: the 3x3 baseline and a 5x5 model
    python bench/bench_sweep.py --big      # also the command line at 1000 x 1000 and 2000 x 2000, CSV and Parquet

Two models are swept over the same kind of grid: ``games/baseline.toml``
(3x3) and ``bench/five_by_five.toml`` (5x5, payoffs affine in T and a). Each
sweep is timed end to end as a sweep runs it (payoffs evaluated element-wise
from the formulas, then the batch solver, chunk by chunk, including the exact
solves of any point it cannot decide), best of ``--repeat`` runs: once with the
vectorised numpy path (a call too small to load the compiled kernel runs it),
then with the compiled kernel of :mod:`bargaining.solvers.cramer` loaded before
timing, as QuantEcon's is compiled before timing; the kernel's figure is the
one compared. QuantEcon's
``support_enumeration`` (numba-compiled, one game at a time, compiled before
timing) and nashpy's ``support_enumeration`` are timed on a random sample of
the same grid points (QuantEcon on the whole grid unless ``--quantecon-sample``
says otherwise: its rate varies across the grid, and a sample of a few
thousand points takes it a few milliseconds, too short to time on a shared
machine), also best of ``--repeat``; the figure compared is games per second. Times are processor
time of this process (``time.process_time``), which other jobs on a shared
machine disturb less than wall-clock time; wall-clock figures are printed too.
Like the command line, the script first calls
:func:`bargaining.solvers.batch.keep_freed_memory`, so that the C allocator reuses the
chunks' freed arrays instead of faulting their pages in again (without it the
batch sweep takes about twice as long).

The big runs are separate processes (the real command line, writing CSV or
Parquet to a temporary file); each reports its own wall-clock and processor
time and peak resident memory (``VmHWM``). The command line's marginal rate,
points per second between the half-size and the full grid, leaves out its
start-up (imports, loading the kernel).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
import tempfile
import time
import warnings
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bargaining.io.gamefile import load_model  # noqa: E402
from bargaining.solvers.batch import keep_freed_memory  # noqa: E402
from bargaining.statics.grid import Grid  # noqa: E402
from bargaining.statics.sweep import sweep_chunks  # noqa: E402

BASELINE = str(ROOT / "games" / "baseline.toml")
FIVE = str(ROOT / "bench" / "five_by_five.toml")


def machine() -> dict:
    info = {"nproc": os.cpu_count(), "python": platform.python_version(), "numpy": np.__version__}
    try:
        lscpu = subprocess.run(["lscpu"], capture_output=True, text=True, timeout=10).stdout.splitlines()
        keep = ("Architecture", "CPU(s)", "Model name", "Thread(s) per core", "L2 cache", "L3 cache")
        info["lscpu"] = [line for line in lscpu if line.split(":")[0].strip() in keep]
    except (OSError, subprocess.SubprocessError):
        info["lscpu"] = []
    return info


def load_kernel() -> float:
    """Load the compiled support enumeration (as QuantEcon is compiled before timing); its load time."""
    t0 = time.perf_counter()
    from bargaining.solvers import cramer  # noqa: F401

    return time.perf_counter() - t0


def bench_batch(path: str, n: int, repeat: int) -> dict:
    grid = Grid.from_specs(load_model(path), [f"T=0:1:{n}", f"a=0:1:{n}"])
    best, wall = float("inf"), float("inf")
    exact = 0
    for _ in range(repeat):
        t0, w0 = time.process_time(), time.perf_counter()
        exact = sum(int(c.result.exact.sum()) for c in sweep_chunks(grid))
        best = min(best, time.process_time() - t0)
        wall = min(wall, time.perf_counter() - w0)
    return {"points": grid.size, "seconds": best, "wall_seconds": wall, "games_per_second": grid.size / best,
            "exact_fallbacks": exact}


def _sample(path: str, n: int, sample: int, seed: int):
    grid = Grid.from_specs(load_model(path), [f"T=0:1:{n}", f"a=0:1:{n}"])
    rng = np.random.default_rng(seed)
    points = rng.choice(grid.size, size=min(sample, grid.size), replace=False)
    return [tuple(M[0] for M in grid.payoffs(int(p), int(p) + 1)) for p in points]


def _time_games(solve_one, games, repeat: int) -> dict:
    best, wall = float("inf"), float("inf")
    for _ in range(repeat):
        t0, w0 = time.process_time(), time.perf_counter()
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            for g in games:
                solve_one(g)
        best = min(best, time.process_time() - t0)
        wall = min(wall, time.perf_counter() - w0)
    return {"points": len(games), "seconds": best, "wall_seconds": wall, "games_per_second": len(games) / best}


def bench_nashpy(path: str, n: int, sample: int, seed: int, repeat: int) -> dict:
    import nashpy

    games = [nashpy.Game(A, B) for A, B in _sample(path, n, sample, seed)]
    return _time_games(lambda g: list(g.support_enumeration()), games, repeat)


def bench_quantecon(path: str, n: int, sample: int, seed: int, repeat: int) -> dict:
    import quantecon.game_theory as gt

    games = [gt.NormalFormGame((gt.Player(A), gt.Player(B.T))) for A, B in _sample(path, n, sample, seed)]
    gt.support_enumeration(games[0])  # compile outside the timing
    return _time_games(gt.support_enumeration, games, repeat)


# The child reports its own peak resident memory: VmHWM from /proc (reset by exec, unlike
# ru_maxrss, which a child started by fork and exec may inherit from its parent).
_CHILD = """
import resource, sys, time
sys.path.insert(0, {root!r})
from bargaining.cli import main
t0, c0 = time.perf_counter(), time.process_time()
rc = main({argv!r})
seconds, cpu = time.perf_counter() - t0, time.process_time() - c0
try:
    with open("/proc/self/status") as f:
        peak = int(next(line for line in f if line.startswith("VmHWM")).split()[1])
except (OSError, StopIteration):
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print("BENCH", rc, seconds, cpu, peak, file=sys.stderr)
"""


def bench_big(n: int, fmt: str = "csv") -> dict:
    """A big sweep to CSV or Parquet through the command line, in a fresh process that reports its own peak
    memory."""
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / f"sweep.{fmt}"
        argv = [
            "sweep",
            BASELINE,
            "--vary",
            f"T=0:1:{n}",
            "--vary",
            f"a=0:1:{n}",
            "--format",
            fmt,
            "--output",
            str(out),
        ]
        proc = subprocess.run(
            [sys.executable, "-c", _CHILD.format(root=str(ROOT), argv=argv)], capture_output=True, text=True, cwd=ROOT
        )
        lines = proc.stderr.strip().splitlines()
        bench = [line for line in lines if line.startswith("BENCH ")]
        if proc.returncode != 0 or not bench or bench[-1].split()[1] != "0":
            raise SystemExit(f"big sweep failed: {proc.stderr}")
        _, _, seconds, cpu, peak_kib = bench[-1].split()
        size = out.stat().st_size
        if fmt == "csv":
            with out.open() as f:
                rows = sum(1 for _ in f) - 1
        else:
            import pyarrow.parquet as pq

            rows = pq.ParquetFile(out).metadata.num_rows
    summary = [line for line in lines if line.startswith("solved")]
    return {
        "points": n * n,
        "rows": rows,
        "csv_bytes": size,
        "seconds": float(seconds),
        "cpu_seconds": float(cpu),
        "peak_rss_mib": int(peak_kib) / 1024,
        "summary": summary[-1] if summary else "",
    }


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--n", type=int, default=200, help="grid points per parameter (default 200)")
    ap.add_argument("--sample", type=int, default=200, help="grid points solved by nashpy (default 200)")
    ap.add_argument("--quantecon-sample", type=int,
                    help="grid points solved by QuantEcon (default: the whole grid, as the batch sweep solves it)")
    ap.add_argument("--repeat", type=int, default=3, help="timed runs of the batch sweep; the best counts")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--big", action="store_true",
                    help="also run 1000 x 1000 and 2000 x 2000 sweeps to CSV and Parquet through the command line")
    ap.add_argument("--big-n", type=int, default=2000, help="the big grid (the marginal rate uses it and its half)")
    ap.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = ap.parse_args(argv)

    # as the command line does: keep freed memory for reuse (see bargaining.solvers.batch.keep_freed_memory)
    report = {"machine": machine(), "keep_freed_memory": keep_freed_memory()}
    report["models"] = {}
    # the vectorised numpy path first (what a small call runs before the kernel is loaded), then the kernel
    cold = {label: bench_batch(path, args.n, args.repeat) for label, path in (("3x3 baseline", BASELINE),
                                                                            ("5x5 model", FIVE))}
    report["kernel_load_seconds"] = load_kernel()
    for label, path in (("3x3 baseline", BASELINE), ("5x5 model", FIVE)):
        r = report["models"][label] = {"batch": bench_batch(path, args.n, args.repeat), "numpy_path": cold[label]}
        for other, run in (("quantecon", bench_quantecon), ("nashpy", bench_nashpy)):
            sample = (args.quantecon_sample or args.n * args.n) if other == "quantecon" else args.sample
            try:
                r[other] = run(path, args.n, sample, args.seed, args.repeat)
            except ImportError:  # not installed: compared with the others only
                r[other] = None
                continue
            r[f"ratio_{other}"] = r["batch"]["games_per_second"] / r[other]["games_per_second"]
    if args.big:
        half = args.big_n // 2
        report["big"] = {}
        for fmt in ("csv", "parquet"):
            small, big = bench_big(half, fmt), bench_big(args.big_n, fmt)
            big["marginal_games_per_second"] = (big["points"] - small["points"]) / (big["seconds"] - small["seconds"])
            big["marginal_games_per_cpu_second"] = (big["points"] - small["points"]) / (
                big["cpu_seconds"] - small["cpu_seconds"]
            )
            report["big"][fmt] = {"small": small, "big": big}

    if args.json:
        print(json.dumps(report, indent=2))
        return 0
    m = report["machine"]
    print(f"machine: {m['nproc']} CPUs, Python {m['python']}, numpy {m['numpy']}")
    for line in m["lscpu"]:
        print("  " + " ".join(line.split()))
    print(f"\n{args.n} x {args.n} sweeps over T and a; games per second (CPU time), ratio = batch / other\n")
    print(
        "| model | batch games/s (exact fallbacks) | batch, numpy path | QuantEcon support_enumeration games/s "
        "| ratio | nashpy games/s | ratio |"
    )
    print("|---|---|---|---|---|---|---|")
    for label, r in report["models"].items():
        b, v = r["batch"], r["numpy_path"]
        others = [
            f"{r[o]['games_per_second']:,.0f} | {r[f'ratio_{o}']:,.1f}x" if r[o] else "not installed | -"
            for o in ("quantecon", "nashpy")
        ]
        print(f"| {label} | {b['games_per_second']:,.0f} ({b['exact_fallbacks']}) | {v['games_per_second']:,.0f} "
              f"| {' | '.join(others)} |")
    print(f"\nbatch: the compiled kernel, loaded before timing ({report['kernel_load_seconds']:.2f} s), as QuantEcon "
          "is compiled before timing; numpy path: the same sweep before the kernel is loaded (what a call too small "
          "to load it runs)")
    if args.big:
        print(f"\nthe command line, {args.big_n} x {args.big_n} (marginal: between {args.big_n // 2} x "
              f"{args.big_n // 2} and it, start-up excluded), beside the in-process 3x3 rate (CPU, without writing)\n")
        print("| format | points | rows | MiB | wall s | CPU s | peak memory MiB | marginal games/s (wall) "
              "| marginal games/s (CPU) | in-process games/s (CPU) |")
        print("|---|---|---|---|---|---|---|---|---|---|")
        inproc = report["models"]["3x3 baseline"]["batch"]["games_per_second"]
        for fmt, pair in report["big"].items():
            g = pair["big"]
            print(f"| {fmt} | {g['points']:,} | {g['rows']:,} | {g['csv_bytes'] / 2**20:,.0f} | {g['seconds']:.1f} "
                  f"| {g['cpu_seconds']:.1f} | {g['peak_rss_mib']:,.0f} | {g['marginal_games_per_second']:,.0f} "
                  f"| {g['marginal_games_per_cpu_second']:,.0f} | {inproc:,.0f} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
