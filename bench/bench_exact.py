"""Benchmark: exact extreme-equilibrium enumeration against nashpy.

Times :func:`bargaining.solvers.enumeration.extreme_equilibria` and nashpy's
``vertex_enumeration`` (floating point) on the same seeded random 8x8 integer
games, then on a degenerate 6x6 game with payoffs in {0, 1, 2}. Each time is
the best of ``--repeat`` runs (``--nashpy-repeat`` for nashpy, which takes
seconds per 8x8 game), so that a busy shared machine inflates it less.

Usage::

    .venv/bin/python bench/bench_exact.py [--games 10] [--size 8] [--seed 2024]
        [--repeat 5] [--nashpy-repeat 1]
"""

from __future__ import annotations

import argparse
import time
from fractions import Fraction

import numpy as np

from bargaining.solvers.enumeration import extreme_equilibria

try:
    import nashpy
except ImportError:  # the benchmark still times our solver alone
    nashpy = None


def best_time(fn, repeat: int):
    best, result = float("inf"), None
    for _ in range(repeat):
        start = time.perf_counter()
        result = fn()
        best = min(best, time.perf_counter() - start)
    return best, result


def nashpy_equilibria(A: np.ndarray, B: np.ndarray):
    # nashpy shifts payoffs only to >= 0, which can leave a best-response
    # polytope unbounded; shifting to >= 1 changes no equilibrium.
    game = nashpy.Game(A - A.min() + 1.0, B - B.min() + 1.0)
    return list(game.vertex_enumeration())


def distinct(pairs, tol=1e-9):
    kept = []
    for x, y in pairs:
        x, y = np.asarray(x, float), np.asarray(y, float)
        if not any(np.allclose(x, u, atol=tol, rtol=0) and np.allclose(y, v, atol=tol, rtol=0) for u, v in kept):
            kept.append((x, y))
    return kept


def agree(ours, theirs, tol=1e-9) -> bool:
    ours = [(np.array(x, float), np.array(y, float)) for x, y in ours]
    theirs = distinct(theirs, tol)

    def close(p, q):
        return np.allclose(p[0], q[0], atol=tol, rtol=0) and np.allclose(p[1], q[1], atol=tol, rtol=0)

    return len(ours) == len(theirs) and all(any(close(p, q) for q in theirs) for p in ours)


def run(label: str, A: np.ndarray, B: np.ndarray, repeat: int, nashpy_repeat: int) -> tuple[float, float | None]:
    Af = [[Fraction(int(v)) for v in row] for row in A]
    Bf = [[Fraction(int(v)) for v in row] for row in B]
    ours_s, result = best_time(lambda: extreme_equilibria(Af, Bf), repeat)
    line = (
        f"{label:>10}  ours {ours_s * 1e3:8.2f} ms  eq {len(result.pairs):3d}"
        f"  degenerate {str(result.degenerate):5}  fallbacks {result.exact_fallbacks:4d}"
    )
    theirs_s = None
    if nashpy is not None:
        try:
            theirs_s, theirs = best_time(lambda: nashpy_equilibria(A.astype(float), B.astype(float)), nashpy_repeat)
        except Exception as exc:  # qhull gives up on some degenerate polytopes
            line += f"  | nashpy failed: {type(exc).__name__}"
        else:
            n_theirs = len(distinct(theirs))
            same = agree(result.pairs, theirs)
            line += (
                f"  | nashpy {theirs_s * 1e3:9.2f} ms  eq {n_theirs:3d}"
                f"  ratio {theirs_s / ours_s:7.1f}x  {'agree' if same else 'DISAGREE'}"
            )
    print(line, flush=True)
    return ours_s, theirs_s


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--games", type=int, default=10)
    parser.add_argument("--size", type=int, default=8)
    parser.add_argument("--seed", type=int, default=2024)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--nashpy-repeat", type=int, default=1)
    args = parser.parse_args()
    rng = np.random.default_rng(args.seed)
    n = args.size

    # Warm caches (basis index tables, numpy/LAPACK initialisation).
    extreme_equilibria([[1, 2], [3, 4]], [[4, 3], [2, 1]])

    print(f"random {n}x{n} games, integer payoffs in [-100, 100], seed {args.seed}")
    ours_all, theirs_all = [], []
    for g in range(args.games):
        A = rng.integers(-100, 101, size=(n, n))
        B = rng.integers(-100, 101, size=(n, n))
        ours_s, theirs_s = run(f"game {g}", A, B, args.repeat, args.nashpy_repeat)
        ours_all.append(ours_s)
        if theirs_s is not None:
            theirs_all.append(theirs_s)
    print(f"median ours {np.median(ours_all) * 1e3:.2f} ms", end="")
    if theirs_all:
        print(f", nashpy {np.median(theirs_all) * 1e3:.2f} ms,"
              f" median ratio {np.median(np.array(theirs_all) / np.array(ours_all)):.1f}x")
    else:
        print()

    print("degenerate 6x6 game, payoffs in {0, 1, 2}")
    A = rng.integers(0, 3, size=(6, 6))
    B = rng.integers(0, 3, size=(6, 6))
    run("deg 6x6", A, B, args.repeat, args.repeat)
    zero = np.zeros((6, 6), dtype=int)
    run("zero 6x6", zero, zero, args.repeat, args.repeat)


if __name__ == "__main__":
    main()
