"""Ordinal and cardinal claims (:mod:`bargaining.analysis.ordinal`).

Pure equilibria depend only on best-response comparisons (Osborne, *An
Introduction to Game Theory*, 2004, ch. 2): any payoffs that keep each
player's ranking of its own strategies against each strategy of the other
have the same pure equilibria. Mixed probabilities and risk dominance
(Harsanyi and Selten 1988) are cardinal. Known ordinal games from Rapoport and
Guyer (1966): the prisoner's dilemma (ranks 4 > 3 > 2 > 1 as T > R > P > S)
has one equilibrium for every assignment of its ranking; a stag hunt's two
strict equilibria survive every assignment, while which one risk-dominates
does not.
"""

from __future__ import annotations

from fractions import Fraction as F

import numpy as np
from hypothesis import given, settings, strategies as st

from bargaining.analysis.ordinal import claims, ordinal_check
from bargaining.game import Game
from bargaining.io.gamefile import load_model
from bargaining.solvers.registry import solve
from tests.strategies import bimatrix_games


def monotone_within_best_responses(A, B, rng):
    """New payoffs with the same best-response comparisons: an increasing map per column of A and per row of B."""
    def remap(values):
        levels = sorted(set(values))
        new = np.sort(rng.integers(-50, 50, len(levels) * 3))
        new = sorted(set(new.tolist()))[: len(levels)]
        while len(new) < len(levels):
            new.append(new[-1] + 1)
        return {v: F(int(n)) for v, n in zip(levels, new)}

    m, n = len(A), len(A[0])
    A2 = [[None] * n for _ in range(m)]
    B2 = [[None] * n for _ in range(m)]
    for j in range(n):
        f = remap([A[i][j] for i in range(m)])
        for i in range(m):
            A2[i][j] = f[A[i][j]]
    for i in range(m):
        f = remap([B[i][j] for j in range(n)])
        for j in range(n):
            B2[i][j] = f[B[i][j]]
    return A2, B2


@settings(max_examples=30, deadline=None)
@given(bimatrix_games(min_value=-4, max_value=4), st.integers(0, 2**16))
def test_pure_equilibria_depend_only_on_best_response_comparisons(game, seed):
    A, B = game
    before = set(solve(Game.from_arrays(A, B)).pure_profiles())
    A2, B2 = monotone_within_best_responses(A, B, np.random.default_rng(seed))
    assert set(solve(Game.from_arrays(A2, B2)).pure_profiles()) == before


def test_the_prisoners_dilemma_is_ordinal_throughout():
    # Rapoport and Guyer's game 12: T = 4 > R = 3 > P = 2 > S = 1 for both
    pd = Game.from_arrays([[3, 1], [4, 2]], [[3, 4], [1, 2]], strategies=[["c", "d"], ["c", "d"]])
    c = ordinal_check(solve(pd), samples=300)
    assert [p.label for p in c.pure] == ["(d, d)"] and c.pure[0].strict
    assert c.set_kept == 1.0 and c.selected_kept == 1.0 and c.risk_kept is None


def test_risk_dominance_of_a_stag_hunt_is_cardinal():
    # stag hunt: (s, s) payoff-dominant, (h, h) risk-dominant at these numbers; the same rankings can flip it
    sh = Game.from_arrays([[4, 0], [3, 2]], [[4, 3], [0, 2]], strategies=[["s", "h"], ["s", "h"]])
    sol = solve(sh)
    assert sol.equilibria[-1].risk_dominant
    c = ordinal_check(sol, samples=2000, seed=1)
    assert c.set_kept == 1.0 and c.selected_kept == 1.0
    assert 0.05 < c.risk_kept < 0.95
    assert all(p.kept == 1.0 for p in c.pure)


def test_claims_of_the_taiwan_crisis():
    sol = solve(load_model("games/taiwan_crisis.toml").game())
    c = claims(sol)
    assert c.ordinal == ("the pure equilibria #1, #3",)
    assert "the probabilities of the mixed equilibrium #2" in c.cardinal
    assert "risk dominance of #3" in c.cardinal and "the selection (by payoff dominance)" in c.cardinal


def test_a_weak_equilibrium_is_flagged():
    g = Game.from_arrays([[1, 1], [1, 0]], [[1, 1], [0, 0]])
    sol = solve(g)
    c = ordinal_check(sol, samples=50)
    assert any(not p.strict for p in c.pure)
    assert any("weak" in x for x in claims(sol).ordinal)


def test_the_comparisons_a_treaty_rests_on():
    c = ordinal_check(solve(load_model("games/taiwan_crisis.toml").game()), samples=100)
    treaty = next(p for p in c.pure if p.label == "(ally, ally)")
    russia = [x for x in treaty.comparisons if x.player == "Russia"]
    assert {(x.other, x.payoff, x.other_payoff) for x in russia} == {("align", F("0.511"), F("0.45")),
                                                                     ("hedge", F("0.511"), F("0.25"))}
    assert "holds for every payoff assignment" in treaty.verdict()
