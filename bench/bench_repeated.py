"""The exact repeated-game analysis against quantecon's Abreu–Sannikov algorithm, on the scenarios in games/.

What a user would otherwise pick for a two-player repeated game with perfect
monitoring is quantecon's ``RepeatedGame.equilibrium_payoffs`` (Abreu &
Sannikov, "An algorithm for two-player repeated games with perfect
monitoring", Theoretical Economics 9, 2014): the set of pure-strategy
subgame-perfect payoffs (with public randomisation) at one discount factor, in
floating point. ``repeated_game`` instead gives every pure profile's exact
critical discount factors, for every δ at once. In the same run this script

* times both per scenario (quantecon at each δ of ``--deltas``) and prints the ratio;
* checks agreement: every profile that ``repeated_game`` sustains at δ (by
  Nash reversion or a stick) must have its payoff inside quantecon's set.
  (The converse need not hold: a payoff in the set may come from a
  non-stationary path.)

quantecon is not a dependency of the package: ``pip install quantecon``.

    python bench/bench_repeated.py [--deltas 0.5,0.8,0.9,0.95]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
import warnings
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--deltas", default="0.5,0.8,0.9,0.95")
    args = parser.parse_args()
    deltas = [float(x) for x in args.deltas.split(",")]

    import numpy as np
    import quantecon.game_theory as gt

    from bargaining.io.gamefile import load_model
    from bargaining.solvers.repeated import repeated_game

    warnings.simplefilter("ignore")
    ours, theirs = [], []
    checked = disagreements = skipped = 0
    for path in sorted((ROOT / "games").glob("*.toml")):
        game = load_model(path).game()
        start = time.perf_counter()
        r = repeated_game(game)
        ours.append(time.perf_counter() - start)
        A, B = game.float_arrays()
        stage = gt.NormalFormGame([gt.Player(A), gt.Player(B.T)])
        for delta in deltas:
            start = time.perf_counter()
            try:
                hull = gt.RepeatedGame(stage, delta).equilibrium_payoffs(options={"tol": 1e-10, "max_iter": 5000})
            except Exception:  # a flat payoff set: qhull cannot build its hull
                skipped += 1
                continue
            theirs.append(time.perf_counter() - start)
            eqs = hull.equations
            for pa in r.profiles:
                sustained = pa.sustainable((delta, delta), "nash") or pa.sustainable((delta, delta), "stick")
                inside = bool(np.all(eqs[:, :2] @ np.array([float(u) for u in pa.payoffs]) + eqs[:, 2] <= 1e-7))
                checked += 1
                if sustained and not inside:
                    disagreements += 1
                    print(f"disagreement: {path.name} δ = {delta} {pa.name} sustained but outside the SPE set")
    a, b = statistics.median(ours), statistics.median(theirs)
    print(f"repeated_game (exact, all δ): median {a * 1000:.1f} ms per scenario")
    print(f"quantecon equilibrium_payoffs (one δ): median {b * 1000:.1f} ms per scenario and δ")
    print(f"ratio: {b / a:.1f}x")
    print(
        f"agreement: {checked} (profile, δ) pairs checked, {disagreements} disagreements, {skipped} flat sets skipped"
    )


if __name__ == "__main__":
    main()
