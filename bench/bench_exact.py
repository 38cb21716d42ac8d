"""Benchmark: all extreme equilibria of one n x n game, exactly, against lrsnash, Gambit, QuantEcon and nashpy.

For each game family and size ``n`` the script draws ``--games`` seeded games
and times, in the same run:

- ours: :func:`bargaining.solvers.enumeration.extreme_equilibria`, in
  process, as a library user calls it (after one warm-up call that loads the
  compiled kernel from numba's cache);
- lrsnash (lrslib, exact C with GMP) as a whole process, start-up included, as
  a user runs it, on a file written beforehand;
- Gambit's ``enummixed`` (pygambit), exact and in floating point, in process;
- QuantEcon's ``vertex_enumeration`` and nashpy's ``vertex_enumeration``
  (floating point), in process.

Each time is the best of ``--repeat`` runs (one run for the slow tools and
from n = 14 on). The sets of extreme equilibria are compared exactly with
lrsnash's and Gambit's exact ones (both print rationals) and to within 1e-6
with the floating-point tools.

Three tables follow the per-game lines:

- the growth curve in n: per family and size, the median numbers of vertices
  of the two best-response polytopes (ours counts them, the vertex 0
  included), the median time of ours and of lrsnash, the median per-game
  ratio (lrsnash / ours), the games on which the equilibria agree, and the
  time per vertex;
- the growth curve in the number of vertices: every game, by its number of
  vertices, with both times and the time per vertex, and for each family the
  least-squares slope of log(time) against log(vertices) over the games with
  at least 100 vertices (1 is linear growth);
- every tool against ours (lrsnash, Gambit, QuantEcon, nashpy).

Families:

- ``random``: payoffs uniform in [0, 1) as floats, read exactly (binary
  fractions with 53-bit numerators): nondegenerate with probability one, and
  large integers for the exact arithmetic;
- ``integer``: integers uniform in [-9, 9]: ties, so mostly degenerate;
- ``ties``: integers in {0, 1, 2} with the last quarter of the rows copies of
  the first ones: many ties and duplicated strategies, highly degenerate.

Usage::

    python bench/bench_exact.py                      # n = 2, 4, ..., 14, 15; 3 games each
    python bench/bench_exact.py --quick              # n = 2, 4, 6, 8, 10; 2 games; the slow tools to n = 6
    python bench/bench_exact.py --sizes 4 8 --games 5 --families integer
    python bench/bench_exact.py --json out.json      # also write every measurement
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import warnings
from fractions import Fraction
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bargaining.solvers.enumeration import extreme_equilibria  # noqa: E402

FAMILIES = ("random", "integer", "ties")


def game(family: str, n: int, seed: int) -> tuple[list, list]:
    rng = np.random.default_rng([seed, n, FAMILIES.index(family)])
    if family == "random":
        return ([[Fraction(float(v)) for v in row] for row in rng.random((n, n))],
                [[Fraction(float(v)) for v in row] for row in rng.random((n, n))])
    if family == "integer":
        return rng.integers(-9, 10, (n, n)).tolist(), rng.integers(-9, 10, (n, n)).tolist()
    A, B = rng.integers(0, 3, (n, n)), rng.integers(0, 3, (n, n))
    k = n // 4
    if k:
        A[n - k:], B[n - k:] = A[:k], B[:k]
    return A.tolist(), B.tolist()


def best_time(fn, repeat: int):
    best, result = float("inf"), None
    for _ in range(repeat):
        start = time.perf_counter()
        result = fn()
        best = min(best, time.perf_counter() - start)
    return best, result


def exact_set(pairs) -> set:
    return {(tuple(Fraction(v) for v in x), tuple(Fraction(v) for v in y)) for x, y in pairs}


def close_sets(ours: set, theirs, tol: float = 1e-6) -> bool:
    ours = [np.array([float(v) for v in x + y]) for x, y in ours]
    theirs = [np.concatenate([np.asarray(x, float), np.asarray(y, float)]) for x, y in theirs]
    distinct = []
    for t in theirs:
        if not any(np.allclose(t, u, atol=tol, rtol=0) for u in distinct):
            distinct.append(t)
    return len(distinct) == len(ours) and all(any(np.allclose(o, t, atol=tol, rtol=0) for t in distinct) for o in ours)


# ------------------------------------------------------------------------------- lrsnash


def write_lrs(path: Path, A, B) -> None:
    m, n = len(A), len(A[0])
    lines = [f"{m} {n}", ""]
    for M in (A, B):
        lines += [" ".join(str(Fraction(v)) for v in row) for row in M] + [""]
    path.write_text("\n".join(lines))


def parse_lrs(text: str, m: int, n: int) -> tuple[set, int | None]:
    """Extreme equilibria from lrsnash's output: each '1' line (x) pairs with the '2' lines (y) of its block."""
    pairs, ys, vertices = set(), [], None
    for line in text.splitlines():
        parts = line.split()
        if not parts:
            ys = []
        elif parts[0] == "2":
            ys.append(tuple(Fraction(v) for v in parts[1 : 1 + n]))
        elif parts[0] == "1":
            x = tuple(Fraction(v) for v in parts[1 : 1 + m])
            pairs.update((x, y) for y in ys)
        elif line.startswith("*Player 1: vertices="):
            vertices = int(line.split("=")[1].split()[0])
    return pairs, vertices


def run_lrs(path: Path, m: int, n: int, repeat: int):
    def once():
        return subprocess.run(["lrsnash", str(path)], capture_output=True, text=True, check=True).stdout
    seconds, out = best_time(once, repeat)
    pairs, vertices = parse_lrs(out, m, n)
    return seconds, pairs, vertices


# ------------------------------------------------------------------------------- the others


def run_gambit(path: Path, m: int, n: int, rational: bool):
    import pygambit

    g = pygambit.read_nfg(str(path))
    start = time.perf_counter()
    eqs = pygambit.nash.enummixed_solve(g, rational=rational).equilibria
    seconds = time.perf_counter() - start
    conv = (lambda v: Fraction(str(v))) if rational else float
    pairs = [(tuple(conv(eq["1"][str(i + 1)]) for i in range(m)), tuple(conv(eq["2"][str(j + 1)]) for j in range(n)))
             for eq in eqs]
    return seconds, pairs


def write_nfg(path: Path, A, B) -> None:
    m, n = len(A), len(A[0])
    body = " ".join(f"{Fraction(A[i][j])} {Fraction(B[i][j])}" for j in range(n) for i in range(m))
    path.write_text(f'NFG 1 R "bench" {{ "1" "2" }} {{ {m} {n} }}\n\n{body}\n')


def run_quantecon(A, B):
    import quantecon.game_theory as gt

    Af, Bf = np.array(A, dtype=float), np.array(B, dtype=float)
    g = gt.NormalFormGame((gt.Player(Af), gt.Player(Bf.T)))
    start = time.perf_counter()
    pairs = gt.vertex_enumeration(g)
    return time.perf_counter() - start, pairs


def run_nashpy(A, B):
    import nashpy

    # nashpy shifts payoffs only to >= 0, which can leave a polytope unbounded; >= 1 changes no equilibrium.
    Af, Bf = np.array(A, dtype=float), np.array(B, dtype=float)
    g = nashpy.Game(Af - Af.min() + 1, Bf - Bf.min() + 1)
    start = time.perf_counter()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        pairs = list(g.vertex_enumeration())
    return time.perf_counter() - start, pairs


def available(module: str) -> bool:
    import importlib.util

    return importlib.util.find_spec(module) is not None


def startup_seconds() -> float:
    """A fresh process that imports the solver and solves one 10 x 10 game (numba loads its cached kernel)."""
    code = ("import sys; sys.path.insert(0, %r)\n"
            "from bargaining.solvers.enumeration import extreme_equilibria\n"
            "import random; r = random.Random(0)\n"
            "A = [[r.randint(-9, 9) for _ in range(10)] for _ in range(10)]\n"
            "extreme_equilibria(A, [[-v for v in row] for row in A])\n") % str(ROOT)
    start = time.perf_counter()
    subprocess.run([sys.executable, "-c", code], check=True)
    return time.perf_counter() - start


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", type=int, nargs="+", help="the sizes n (default 2 4 6 8 10 12 14 15)")
    ap.add_argument("--games", type=int, help="games per family and size (default 3)")
    ap.add_argument("--families", nargs="+", default=list(FAMILIES), choices=FAMILIES)
    ap.add_argument("--repeat", type=int, default=5, help="best of this many runs below n = 14")
    ap.add_argument("--gambit-max", type=int, help="largest n for Gambit enummixed (default 10; exact: 8)")
    ap.add_argument("--quantecon-max", type=int, help="largest n for QuantEcon (default 10)")
    ap.add_argument("--nashpy-max", type=int, help="largest n for nashpy (default 8)")
    ap.add_argument("--quick", action="store_true",
                    help="a smaller run: n = 2, 4, 6, 8, 10, 2 games each, the slow tools up to n = 6")
    ap.add_argument("--json", type=Path, help="write every measurement to this file")
    args = ap.parse_args(argv)
    defaults = dict(sizes=[2, 4, 6, 8, 10], games=2, gambit_max=6, quantecon_max=6, nashpy_max=6) if args.quick \
        else dict(sizes=[2, 4, 6, 8, 10, 12, 14, 15], games=3, gambit_max=10, quantecon_max=10, nashpy_max=8)
    for name, value in defaults.items():
        if getattr(args, name) is None:
            setattr(args, name, value)

    extreme_equilibria([[1, 2, 3], [3, 1, 2]] * 6, [[2, 3, 1], [1, 2, 3]] * 6)  # load the compiled kernel
    have = {"lrsnash": shutil.which("lrsnash") is not None, "gambit": available("pygambit"),
            "quantecon": available("quantecon"), "nashpy": available("nashpy")}
    print("tools:", ", ".join(f"{k} {'yes' if v else 'no'}" for k, v in have.items()))
    if have["quantecon"]:
        run_quantecon([[1, 0], [0, 1]], [[1, 0], [0, 1]])  # compile its numba kernels outside the timings
    print(f"start-up: a fresh process importing the solver and solving one 10x10 game: {startup_seconds():.2f} s\n")
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        for family in args.families:
            for n in args.sizes:
                repeat = 1 if n >= 14 else args.repeat
                for seed in range(args.games):
                    A, B = game(family, n, seed)
                    rec = {"family": family, "n": n, "seed": seed}
                    rec["ours"], res = best_time(lambda: extreme_equilibria(A, B), repeat)
                    ours = exact_set(res.pairs)
                    rec.update(equilibria=len(ours), degenerate=res.degenerate, exact_fallbacks=res.exact_fallbacks,
                               vertices_P=res.vertices[0], vertices_Q=res.vertices[1])
                    if have["lrsnash"]:
                        write_lrs(tmp / "g.txt", A, B)
                        rec["lrsnash"], theirs, rec["lrs_vertices"] = run_lrs(tmp / "g.txt", n, n, repeat)
                        rec["lrsnash_agree"] = theirs == ours
                    if have["gambit"] and n <= args.gambit_max:
                        write_nfg(tmp / "g.nfg", A, B)
                        rec["gambit_float"], theirs = run_gambit(tmp / "g.nfg", n, n, rational=False)
                        rec["gambit_float_agree"] = close_sets(ours, theirs)
                        if n <= min(8, args.gambit_max):
                            rec["gambit_exact"], theirs = run_gambit(tmp / "g.nfg", n, n, rational=True)
                            rec["gambit_exact_agree"] = exact_set(theirs) == ours
                    if have["quantecon"] and n <= args.quantecon_max:
                        try:
                            rec["quantecon"], theirs = run_quantecon(A, B)
                            rec["quantecon_agree"] = close_sets(ours, theirs)
                        except Exception as exc:  # qhull gives up on some degenerate polytopes
                            rec["quantecon_error"] = type(exc).__name__
                    if have["nashpy"] and n <= args.nashpy_max:
                        try:
                            rec["nashpy"], theirs = run_nashpy(A, B)
                            rec["nashpy_agree"] = close_sets(ours, theirs)
                        except Exception as exc:
                            rec["nashpy_error"] = type(exc).__name__
                    rows.append(rec)
                    print(f"  {family:8} n={n:2} seed {seed}: {rec['vertices_P']:6} + {rec['vertices_Q']:6} vertices,"
                          f" ours {rec['ours'] * 1e3:9.1f} ms"
                          + (f", lrsnash {rec['lrsnash'] * 1e3:9.1f} ms"
                             f" {'agree' if rec['lrsnash_agree'] else 'DISAGREE'}" if "lrsnash" in rec else "")
                          + f", {rec['equilibria']} equilibria", flush=True)
    print()
    print_growth(rows)
    print()
    print_vertex_growth(rows)
    print()
    print_table(rows)
    if args.json:
        args.json.write_text(json.dumps(rows, indent=1))
    return 0


def _groups(rows) -> dict:
    groups: dict = {}
    for r in rows:
        groups.setdefault((r["family"], r["n"]), []).append(r)
    return groups


def _ms(seconds: float) -> str:
    return f"{seconds * 1e3:.1f}" if seconds >= 0.01 else f"{seconds * 1e3:.2f}"


def print_growth(rows) -> None:
    """Time against n: ours and lrsnash, their ratio, and the time per vertex."""
    print("Growth in n (medians over the games; vertices of P and Q, the vertex 0 included)")
    print("| family | n | vertices P | vertices Q | equilibria | ours ms | lrsnash ms | ratio lrsnash/ours "
          "| agree | ours us/vertex | lrsnash us/vertex |")
    print("|---|---|---|---|---|---|---|---|---|---|---|")
    for (family, n), rs in _groups(rows).items():
        med = statistics.median
        vP, vQ = med(r["vertices_P"] for r in rs), med(r["vertices_Q"] for r in rs)
        ours = med(r["ours"] for r in rs)
        per_vertex = med(r["ours"] / (r["vertices_P"] + r["vertices_Q"]) for r in rs) * 1e6
        cells = [family, str(n), f"{vP:.0f}", f"{vQ:.0f}", f"{med(r['equilibria'] for r in rs):.0f}", _ms(ours)]
        have = [r for r in rs if "lrsnash" in r]
        if have:
            cells += [_ms(med(r["lrsnash"] for r in have)), f"{med(r['lrsnash'] / r['ours'] for r in have):.2f}x",
                      f"{sum(r['lrsnash_agree'] for r in have)}/{len(rs)}", f"{per_vertex:.1f}",
                      f"{med(r['lrsnash'] / (r['vertices_P'] + r['vertices_Q']) for r in have) * 1e6:.1f}"]
        else:
            cells += ["—", "—", "—", f"{per_vertex:.1f}", "—"]
        print("| " + " | ".join(cells) + " |")
    print("\nours: the library call in process, after one warm-up call; lrsnash: the whole process, start-up included, "
          "as a user runs it; ratio: the median of the per-game ratios (above 1: we are faster)")


def _slope(points) -> float | None:
    """Least-squares slope of log(time) against log(vertices); None unless the vertices span a factor of 4."""
    if len(points) < 3 or max(v for v, _ in points) < 4 * min(v for v, _ in points):
        return None
    x = np.log([v for v, _ in points])
    y = np.log([t for _, t in points])
    return float(np.polyfit(x, y, 1)[0])


def print_vertex_growth(rows) -> None:
    """Time against the number of vertices, game by game, and the growth exponent."""
    print("Growth in the number of vertices (every game, by vertices of P + Q)")
    print("| family | n | seed | vertices P + Q | ours ms | lrsnash ms | ratio | ours us/vertex | lrsnash us/vertex |")
    print("|---|---|---|---|---|---|---|---|---|")
    for family in dict.fromkeys(r["family"] for r in rows):
        rs = sorted((r for r in rows if r["family"] == family),
                    key=lambda r: (r["vertices_P"] + r["vertices_Q"], r["n"]))
        for r in rs:
            v = r["vertices_P"] + r["vertices_Q"]
            cells = [family, str(r["n"]), str(r["seed"]), str(v), _ms(r["ours"])]
            if "lrsnash" in r:
                cells += [_ms(r["lrsnash"]), f"{r['lrsnash'] / r['ours']:.2f}x", f"{r['ours'] / v * 1e6:.1f}",
                          f"{r['lrsnash'] / v * 1e6:.1f}"]
            else:
                cells += ["—", "—", f"{r['ours'] / v * 1e6:.1f}", "—"]
            print("| " + " | ".join(cells) + " |")
    print()
    for family in dict.fromkeys(r["family"] for r in rows):
        big = [r for r in rows if r["family"] == family and r["vertices_P"] + r["vertices_Q"] >= 100]
        parts = []
        for tool in ("ours", "lrsnash"):
            slope = _slope([(r["vertices_P"] + r["vertices_Q"], r[tool]) for r in big if tool in r])
            if slope is not None:
                parts.append(f"{tool} time ~ vertices^{slope:.2f}")
        print(f"{family}: over the {len(big)} games with at least 100 vertices, "
              + (", ".join(parts) if parts else "too few games, or too narrow a range, to fit"))


def print_table(rows) -> None:
    tools = ["lrsnash", "gambit_exact", "gambit_float", "quantecon", "nashpy"]
    header = "| family | n | vertices P + Q | ours ms | " + " | ".join(f"{t} ms (ratio, agree)" for t in tools) + " |"
    print(header)
    print("|" + "---|" * (4 + len(tools)))
    for (family, n), rs in _groups(rows).items():
        cells = [family, str(n)]
        cells.append(f"{statistics.median(r['vertices_P'] + r['vertices_Q'] for r in rs):.0f}")
        cells.append(f"{statistics.median(r['ours'] for r in rs) * 1e3:.1f}")
        for t in tools:
            have = [r for r in rs if t in r]
            if not have:
                errors = [r[t + "_error"] for r in rs if t + "_error" in r]
                cells.append(f"failed ({errors[0]})" if errors else "—")
                continue
            ms = statistics.median(r[t] for r in have) * 1e3
            ratio = statistics.median(r[t] / r["ours"] for r in have)
            agree = sum(bool(r[t + "_agree"]) for r in have)
            cells.append(f"{ms:.1f} ({ratio:.2g}x, {agree}/{len(rs)})")
        print("| " + " | ".join(cells) + " |")
    print("\nratio = their time / ours (above 1: we are faster); agree = games whose extreme equilibria match ours "
          "(exactly for lrsnash and Gambit exact, to 1e-6 for the floating-point tools)")


if __name__ == "__main__":
    raise SystemExit(main())
