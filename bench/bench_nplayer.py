"""Benchmark and oracle check: every Nash equilibrium of small n-player games, against Gambit's ``enumpoly``.

Part 1 (timing) solves the same seeded random games (integer payoffs in
[-99, 99]) with :func:`bargaining.solvers.nplayer.nash_equilibria` and with
pygambit's ``enumpoly_solve``, in the same run, for the families 2x2x2, 3x3x3
and 2x2x2x2, and prints the times, the ratio, and on how many games each
method *misses* equilibria the other found or *invents* profiles that are not
equilibria. Our equilibria carry exact certificates; a profile only Gambit
reports is judged by its regret computed exactly from the float profile
(rounded to 1e-6 it is an equilibrium within ``1e-5`` of the payoff range,
else invented).

Part 2 (``--oracle``) adds the independent brute force of
``tests/oracles/nplayer.py`` (sympy's lexicographic Gröbner bases and 60-digit
back substitution over every support profile) on 2x2x2, 3x2x2 and 2x2x2x2
games and on McKelvey and McLennan's 2x2x2 game, and prints for each family
the number of equilibria found by us, by ``enumpoly`` and by the oracle, and
each disagreement with the method that was wrong.

Part 3 (``--qre``) traces the logit QRE principal branch with
:func:`bargaining.solvers.qre.logit_qre` and Gambit's ``logit_solve`` on the
same games and compares the limits, the times, and whether each limit is a
Nash equilibrium and one of our exact equilibria.

Part 4 (always) takes the strategic triangle, ``games/triangle.toml`` and its
scenarios in ``games/triangle/``: each is written as ``.nfg`` by
:func:`bargaining.io.nfg.write_nfg` in both layouts (payoff version and
outcome version) and read back by pygambit, whose payoffs must equal ours
exactly; then every equilibrium by ours and by ``enumpoly`` (on the game
pygambit read), with times and misses, and the logit QRE limits of
:func:`~bargaining.solvers.qre.logit_qre` and ``logit_solve``. Random 3- and
4-player games are round-tripped through pygambit the same way.

Usage::

    .venv/bin/python bench/bench_nplayer.py [--games 20] [--seed 0] [--oracle] [--oracle-games 20] [--qre]

pygambit is not a test dependency; install it in the development venv
(``pip install pygambit==16.7.0``, which compiles from source, or the
17.0.0b2 binary wheel: ``pip install --pre pygambit``; both APIs are read).
"""

from __future__ import annotations

import argparse
import sys
import time
from fractions import Fraction
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bargaining.solvers.nplayer import nash_equilibria, regret  # noqa: E402

try:
    import pygambit as gbt
except ImportError:  # the benchmark still times our solver alone
    gbt = None

MCKELVEY_MCLENNAN = [
    [[[9, 0], [0, 3]], [[0, 3], [9, 0]]],
    [[[8, 0], [0, 4]], [[0, 4], [8, 0]]],
    [[[12, 0], [0, 6]], [[0, 6], [2, 0]]],
]

MATCH = 1e-6


def random_game(shape, rng):
    return [rng.integers(-99, 100, size=shape).tolist() for _ in shape]


def gambit_game(U):
    """The game in pygambit: ``Game.from_arrays`` (16.x), or an NFG text read back (17.0 has no from_arrays)."""
    arrays = [np.array(u, dtype=float) for u in U]
    if hasattr(gbt.Game, "from_arrays"):
        return gbt.Game.from_arrays(*arrays)
    import io

    shape = arrays[0].shape
    players = " ".join(f'"{i + 1}"' for i in range(len(shape)))
    values = []
    for idx in np.ndindex(*shape[::-1]):  # NFG lists outcomes with the first player's strategy fastest
        prof = idx[::-1]
        values.extend(repr(float(a[prof])) for a in arrays)
    text = f'NFG 1 R "bench" {{ {players} }} {{ {" ".join(map(str, shape))} }}\n\n{" ".join(values)}\n'
    return gbt.read_nfg(io.StringIO(text))


def gambit_profile(g, e):
    """A pygambit mixed profile as a tuple of tuples of floats (16.x players are objects, 17.0's labels)."""
    out = []
    for p in g.players:
        if isinstance(p, str):
            out.append(tuple(float(v) for _, v in e[p]))
        else:
            out.append(tuple(float(e[p][s]) for s in p.strategies))
    return tuple(out)


def gambit_equilibria(U):
    g = gambit_game(U)
    result = gbt.nash.enumpoly_solve(g)
    return [gambit_profile(g, e) for e in result.equilibria]


def close(a, b, tol=MATCH) -> bool:
    return all(abs(x - y) <= tol for sa, sb in zip(a, b) for x, y in zip(sa, sb))


def is_equilibrium(U, profile) -> bool:
    """Exact regret of the float profile rounded to 1e-6 and renormalised, against 1e-5 of the payoff range."""
    prof = []
    for s in profile:
        q = [Fraction(round(p * 10**6), 10**6) for p in s]
        total = sum(q)
        prof.append([v / total for v in q])
    span = max(max(np.ravel(u)) - min(np.ravel(u)) for u in U) or 1
    return max(regret(U, prof)) <= Fraction(1, 10**5) * span


def compare(ours, theirs, U):
    missed_by_them = [e for e in ours if not any(close(e, t) for t in theirs)]
    only_theirs = [t for t in theirs if not any(close(e, t) for e in ours)]
    invented = [t for t in only_theirs if not is_equilibrium(U, t)]
    missed_by_us = [t for t in only_theirs if is_equilibrium(U, t)]
    return missed_by_them, missed_by_us, invented


def timing(families, games: int, seed: int) -> None:
    print("Part 1: all equilibria, ours (exact, certified) against Gambit enumpoly (floating point), same games")
    header = (
        f"{'family':>9} {'games':>5} {'ours s':>8} {'enumpoly s':>10} {'ratio':>6} {'eq ours':>7} {'eq gambit':>9}"
        f" {'gambit misses':>13} {'gambit invents':>14} {'we miss':>7} {'continua':>8}"
    )
    print(header)
    rng = np.random.default_rng(seed)
    for shape in families:
        t_ours = t_theirs = 0.0
        n_ours = n_theirs = 0
        g_miss = g_inv = we_miss = cont = 0
        for _ in range(games):
            U = random_game(shape, rng)
            start = time.perf_counter()
            ns = nash_equilibria(U)
            t_ours += time.perf_counter() - start
            ours = [e.decimals for e in ns.equilibria]
            n_ours += len(ours)
            cont += len(ns.continua)
            if gbt is None:
                continue
            start = time.perf_counter()
            theirs = gambit_equilibria(U)
            t_theirs += time.perf_counter() - start
            n_theirs += len(theirs)
            a, b, c = compare(ours, theirs, U)
            g_miss += bool(a)
            we_miss += bool(b)
            g_inv += bool(c)
        label = "x".join(map(str, shape))
        ratio = f"{t_ours / t_theirs:6.1f}" if t_theirs else "     -"
        print(
            f"{label:>9} {games:>5} {t_ours:8.2f} {t_theirs:10.2f} {ratio} {n_ours:>7} {n_theirs:>9}"
            f" {g_miss:>13} {g_inv:>14} {we_miss:>7} {cont:>8}"
        )
    print(
        "(misses/invents: the number of games on which a method missed some equilibrium or reported a non-equilibrium)"
    )


def oracle(families, games: int, seed: int) -> None:
    from tests.oracles.nplayer import oracle_equilibria

    print()
    print("Part 2: against the independent brute force (tests/oracles/nplayer.py) and enumpoly")
    print(f"{'family':>12} {'games':>5} {'eq ours':>7} {'eq enumpoly':>11} {'eq oracle':>9} {'disagreements':>13}")
    rng = np.random.default_rng(seed + 1)
    cases = [("McKelvey-McLennan 2x2x2", [MCKELVEY_MCLENNAN])]
    for shape in families:
        cases.append(("x".join(map(str, shape)), [random_game(shape, rng) for _ in range(games)]))
    notes = []
    for label, game_list in cases:
        n_ours = n_gambit = n_oracle = 0
        disagreements = 0
        for k, U in enumerate(game_list):
            ns = nash_equilibria(U)
            ours = [e.decimals for e in ns.equilibria]
            found, undecided = oracle_equilibria(U)
            theirs = gambit_equilibria(U) if gbt is not None else []
            n_ours += len(ours)
            n_gambit += len(theirs)
            n_oracle += len(found)
            o_missed = [e for e in ours if not any(close(e, t) for t in found)]
            o_extra = [t for t in found if not any(close(e, t) for e in ours)]
            g_missed, g_extra_real, g_invented = compare(ours, theirs, U) if gbt is not None else ([], [], [])
            if o_missed or o_extra or g_missed or g_extra_real or g_invented or undecided or ns.continua:
                disagreements += bool(o_missed or o_extra or g_missed or g_extra_real or g_invented)
                notes.append(
                    f"  {label} game {k}: ours {len(ours)}, enumpoly {len(theirs)}, oracle {len(found)};"
                    f" oracle misses {len(o_missed)}, oracle extra {len(o_extra)}, enumpoly misses {len(g_missed)},"
                    f" enumpoly invents {len(g_invented)}, we miss {len(g_extra_real)};"
                    f" continua {len(ns.continua)}, oracle undecided supports {len(undecided)}"
                )
                for e in o_missed + g_missed:
                    best = max(len(s) for s in e)
                    notes.append(
                        "    missed by another method (ours, certified): "
                        f"{tuple(tuple(round(p, 6) for p in s) for s in e)}"
                        f" largest support {best}"
                    )
        print(f"{label:>12} {len(game_list):>5} {n_ours:>7} {n_gambit:>11} {n_oracle:>9} {disagreements:>13}")
    print("\n".join(notes))


def qre(families, games: int, seed: int) -> None:
    from bargaining.solvers.qre import logit_qre

    print()
    print("Part 3: logit QRE principal branch, ours against Gambit logit_solve, same games (plus McKelvey-McLennan)")
    print(
        f"{'family':>12} {'games':>5} {'ours s':>7} {'logit s':>7} {'ratio':>6} {'max diff':>9} {'differ':>6}"
        f" {'gambit not NE':>13} {'ours not NE':>11} {'identified':>10} {'bifurcation':>11}"
    )
    rng = np.random.default_rng(seed + 2)
    cases = [("McKelvey-McLennan", [MCKELVEY_MCLENNAN])]
    for shape in families:
        cases.append(("x".join(map(str, shape)), [random_game(shape, rng) for _ in range(games)]))
    for label, game_list in cases:
        t_ours = t_theirs = 0.0
        worst = 0.0
        differ = g_bad = o_bad = identified = bif = 0
        for U in game_list:
            ns = nash_equilibria(U)
            start = time.perf_counter()
            path = logit_qre(U, equilibria=ns)
            t_ours += time.perf_counter() - start
            identified += path.selected is not None or path.selected_continuum is not None
            bif += any("bifurcation" in w for w in path.warnings)
            o_bad += not path.converged
            if gbt is None:
                continue
            g = gambit_game(U)
            start = time.perf_counter()
            result = gbt.nash.logit_solve(g)
            e = result.equilibria[0] if hasattr(result, "equilibria") else result.equilibrium  # 16.x, 17.0
            t_theirs += time.perf_counter() - start
            theirs = gambit_profile(g, e)
            d = max(abs(a - b) for x, y in zip(path.limit, theirs) for a, b in zip(x, y))
            worst = max(worst, d)
            differ += d > 1e-4
            g_bad += not is_equilibrium(U, theirs)
        ratio = f"{t_ours / t_theirs:6.1f}" if t_theirs else "     -"
        print(
            f"{label:>12} {len(game_list):>5} {t_ours:7.2f} {t_theirs:7.2f} {ratio} {worst:9.2e} {differ:>6}"
            f" {g_bad:>13} {o_bad:>11} {identified:>10} {bif:>11}"
        )
    print("(differ: limits more than 1e-4 apart; not NE: the limit fails the regret test; identified: the limit")
    print(" matched one of our exact equilibria within 1e-4, or has the support of one of our continua)")


def _gambit_payoff(value) -> Fraction:
    return Fraction(str(value))


def _read_back(text: str):
    """The game of an ``.nfg`` text as pygambit reads it (from a file: 16.x takes a path)."""
    import os
    import tempfile

    fd, path = tempfile.mkstemp(suffix=".nfg")
    with os.fdopen(fd, "w", encoding="utf-8") as f:
        f.write(text)
    try:
        return gbt.read_nfg(path)
    finally:
        os.remove(path)


def _same_payoffs(g, game) -> bool:
    """Every payoff of the pygambit game equals ours, exactly."""
    import itertools

    if hasattr(g, "to_arrays"):  # 17.0: one array of exact payoffs per player, indexed by strategy
        arrays = g.to_arrays()
        return all(_gambit_payoff(arrays[i][prof]) == game.payoff(i, *prof)
                   for prof in itertools.product(*(range(s) for s in game.shape))
                   for i in range(len(arrays)))
    players = list(g.players)  # 16.x: players are objects, outcomes indexed by strategy objects
    for prof in itertools.product(*(range(s) for s in game.shape)):
        outcome = g[tuple(list(p.strategies)[k] for p, k in zip(players, prof))]
        for i, p in enumerate(players):
            if _gambit_payoff(outcome[p]) != game.payoff(i, *prof):
                return False
    return True


def triangle(seed: int) -> None:
    from bargaining.io.gamefile import game_files, load_model
    from bargaining.io.nfg import write_nfg
    from bargaining.solvers.qre import logit_qre

    root = Path(__file__).resolve().parent.parent
    files = [root / "games" / "triangle.toml"] + game_files(root / "games" / "triangle")
    print()
    print("Part 4: the strategic triangle (games/triangle.toml, games/triangle/): .nfg read back by pygambit,")
    print("        every equilibrium by ours and by enumpoly, the logit QRE limits")
    print(f"{'game':>18} {'nfg read':>8} {'ours s':>7} {'enumpoly s':>10} {'ratio':>6} {'eq ours':>7} {'eq gambit':>9}"
          f" {'gambit misses':>13} {'gambit invents':>14} {'logit diff':>10}")
    for f in files:
        game = load_model(f).game()
        U = game.tensors()
        start = time.perf_counter()
        ns = nash_equilibria(U, players=game.players, strategies=game.strategies)
        t_ours = time.perf_counter() - start
        ours = [e.decimals for e in ns.equilibria]
        path = logit_qre(game.float_tensors())
        if gbt is None:
            print(f"{f.stem:>18} {'-':>8} {t_ours:7.3f} {'-':>10} {'-':>6} {len(ours):>7}")
            continue
        read_ok = True
        for layout in ("payoffs", "outcomes"):
            g = _read_back(write_nfg(game, layout=layout))
            read_ok &= _same_payoffs(g, game)
        start = time.perf_counter()
        theirs = [gambit_profile(g, e) for e in gbt.nash.enumpoly_solve(g).equilibria]
        t_theirs = time.perf_counter() - start
        a, _, c = compare(ours, [tuple(tuple(x) for x in t) for t in theirs], [np.array(u, dtype=object) for u in U])
        result = gbt.nash.logit_solve(g)
        e = result.equilibria[0] if hasattr(result, "equilibria") else result.equilibrium
        limit = gambit_profile(g, e)
        d = max(abs(x - y) for s1, s2 in zip(path.limit, limit) for x, y in zip(s1, s2))
        print(f"{f.stem:>18} {'both' if read_ok else 'NO':>8} {t_ours:7.3f} {t_theirs:10.3f} {t_ours / t_theirs:6.1f}"
              f" {len(ours):>7} {len(theirs):>9} {len(a):>13} {len(c):>14} {d:10.1e}")
    if gbt is None:
        return
    rng = np.random.default_rng(seed + 3)
    ok = total = 0
    for shape in ((3, 2, 2), (2, 3, 2, 2), (2, 2, 2, 2)):
        for _ in range(5):
            from bargaining.game import Game

            game = Game.from_tensors(random_game(shape, rng))
            for layout in ("payoffs", "outcomes"):
                total += 1
                ok += _same_payoffs(_read_back(write_nfg(game, layout=layout)), game)
    print(f"random 3- and 4-player games written in both layouts: pygambit reads {ok} of {total} "
          "with every payoff equal")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--games", type=int, default=20)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--oracle", action="store_true", help="also compare with the independent brute force")
    parser.add_argument("--oracle-games", type=int, default=20)
    parser.add_argument("--qre", action="store_true", help="also compare the logit QRE with Gambit's logit_solve")
    args = parser.parse_args()
    if gbt is None:
        print("pygambit is not installed: timing our solver alone")
    timing([(2, 2, 2), (3, 3, 3), (2, 2, 2, 2)], args.games, args.seed)
    if args.oracle:
        oracle([(2, 2, 2), (3, 2, 2), (2, 2, 2, 2)], args.oracle_games, args.seed)
    if args.qre:
        qre([(2, 2, 2), (3, 3, 3), (2, 2, 2, 2)], args.games, args.seed)
    triangle(args.seed)


if __name__ == "__main__":
    main()
