"""The ``polynomial`` method and ``exact`` for three or more players, through ``solve`` (bargaining.solvers.polynomial).

Properties of the Solution a user gets: every equilibrium certified with zero
regret (exactly, in Fractions, for rational ones; at 50 digits, beside the
certificate, for algebraic ones); the equilibrium set unchanged by relabelling
players and strategies and by positive affine changes of a player's payoffs;
a dummy third player gives the two-player answer of the bimatrix solver; a
generic game has an odd number of equilibria (Harsanyi 1973; Wilson 1971).
Known answers: McKelvey and McLennan's 2x2x2 game (nine equilibria), and the
triangle's two-front scenario as Gambit's ``enumpoly`` finds it.
"""

from __future__ import annotations

from fractions import Fraction as F
from itertools import product

import mpmath
import numpy as np
import pytest
from hypothesis import assume, given, strategies as st

from bargaining.errors import InputError
from bargaining.game import Game
from bargaining.io.gamefile import load_model
from bargaining.solvers.nplayer import regret
from bargaining.solvers.registry import METHODS, methods_for, solve
from tests.strategies import bimatrix_games, tensor_games

MCKELVEY_MCLENNAN = [
    [[[9, 0], [0, 3]], [[0, 3], [9, 0]]],
    [[[8, 0], [0, 4]], [[0, 4], [8, 0]]],
    [[[12, 0], [0, 6]], [[0, 6], [2, 0]]],
]


def _regret50(U, mixed) -> float:
    U = [np.array(u, dtype=object) for u in U]
    with mpmath.workdps(50):
        sigma = [[mpmath.mpf(q.decimal(45)) if hasattr(q, "minpoly") else mpmath.mpf(q.numerator) / q.denominator
                  for q in s] for s in mixed]
        worst = mpmath.mpf(0)
        for i in range(len(sigma)):
            values = []
            for a in range(len(sigma[i])):
                total = mpmath.mpf(0)
                for prof in product(*[range(len(s)) if j != i else (a,) for j, s in enumerate(sigma)]):
                    w = mpmath.mpf(1)
                    for j in range(len(sigma)):
                        if j != i:
                            w *= sigma[j][prof[j]]
                    total += w * mpmath.mpf(F(U[i][prof]).numerator) / F(U[i][prof]).denominator
                values.append(total)
            worst = max(worst, max(values) - sum(p * v for p, v in zip(sigma[i], values)))
        return float(worst)


def _keys(sol, digits=8):
    return sorted(tuple(tuple(round(float(q), digits) for q in s) for s in e.mixed) for e in sol.equilibria)


@given(tensor_games())
def test_every_equilibrium_is_certified_with_zero_regret(U):
    sol = solve(Game.from_tensors(U))
    assert sol.exact and sol.method == "exact" and sol.search["total"] > 0
    for e in sol.equilibria:
        assert e.certificate is not None and e.certificate.regret == (0,) * len(U)
        if e.rational:
            assert regret(U, e.mixed) == (0,) * len(U) and all(sum(s) == 1 for s in e.mixed)
        else:
            assert e.certificate.arithmetic == "number field"
            assert _regret50(U, e.mixed) < 1e-40


@given(tensor_games(shapes=((2, 2, 2), (3, 2, 2))), st.data())
def test_relabelling_players_and_strategies(U, data):
    g = Game.from_tensors(U)
    n = g.n_players
    perm = data.draw(st.permutations(list(range(n))))
    moves = [data.draw(st.permutations(list(range(s)))) for s in g.shape]
    # player perm[k] of the new game is player k of the old; its strategy j is the old strategy moves[k][j]
    T = g.tensors()
    shape_new = tuple(g.shape[perm.index(a)] for a in range(n))
    V = [np.empty(shape_new, dtype=object) for _ in range(n)]
    for prof in product(*(range(s) for s in shape_new)):
        old_prof = [0] * n
        for a in range(n):
            k = perm.index(a)
            old_prof[k] = moves[k][prof[a]]
        for a in range(n):
            V[a][prof] = T[perm.index(a)][tuple(old_prof)]
    h = Game.from_tensors([v.tolist() for v in V])
    mapped = []
    for e in solve(h).equilibria:
        old = [None] * n
        for a in range(n):
            k = perm.index(a)
            s = [0.0] * g.shape[k]
            for j, q in enumerate(e.mixed[a]):
                s[moves[k][j]] = float(q)
            old[k] = tuple(round(x, 8) for x in s)
        mapped.append(tuple(old))
    assert sorted(mapped) == _keys(solve(g))


@given(tensor_games(shapes=((2, 2, 2), (3, 2, 2))),
       st.lists(st.integers(1, 5), min_size=4, max_size=4), st.lists(st.integers(-9, 9), min_size=4, max_size=4))
def test_positive_affine_payoff_changes(U, scales, shifts):
    V = [(np.array(u, dtype=object) * scales[p] + shifts[p]).tolist() for p, u in enumerate(U)]
    assert _keys(solve(Game.from_tensors(V))) == _keys(solve(Game.from_tensors(U)))


@given(bimatrix_games(max_value=20))
def test_a_dummy_third_player_gives_the_two_player_answer(AB):
    A, B = AB
    two = solve(Game.from_arrays(A, B))
    assume(not two.degenerate)
    U = [[[[a] for a in row] for row in M] for M in (A, B)] + [[[[0] for _ in row] for row in A]]
    three = solve(Game.from_tensors(U))
    assert not three.continua
    assert sorted(tuple(tuple(q for q in s) for s in e.mixed[:2]) for e in three.equilibria) == \
        sorted((tuple(e.x), tuple(e.y)) for e in two.equilibria)


@given(tensor_games(shapes=((2, 2, 2), (3, 2, 2), (2, 2, 2, 2)), entries=st.integers(-10**6, 10**6).map(F)))
def test_generic_games_have_an_odd_number_of_equilibria(U):
    sol = solve(Game.from_tensors(U))
    assume(not sol.continua)
    assert len(sol.equilibria) % 2 == 1


def test_mckelvey_mclennan_through_solve():
    sol = solve(Game.from_tensors(MCKELVEY_MCLENNAN))
    assert len(sol.equilibria) == 9 and sol.complete and not sol.continua
    assert sum(e.pure for e in sol.equilibria) == 4 and sol.selected is None
    d = sol.to_dict()
    assert d["supports"]["total"] == 27 and len(d["equilibria"]) == 9 and d["continua"] == []
    assert all(e["certificate"]["regret"] == ["0", "0", "0"] for e in d["equilibria"])


def test_two_front_triangle_as_gambits_enumpoly_finds_it():
    # pygambit 16.7 and 17.0b2 enumpoly_solve on games/triangle/two_front.toml (bench/bench_nplayer.py, Part 4):
    # three equilibria, these decimals.
    sol = solve(load_model("games/triangle/two_front.toml").game())
    assert _keys(sol, 6) == sorted([
        ((1.0, 0.0, 0.0), (0.0, 1.0, 0.0), (0.0, 1.0, 0.0)),
        ((1.0, 0.0, 0.0), (0.233333, 0.766667, 0.0), (0.281385, 0.718615, 0.0)),
        ((0.446667, 0.553333, 0.0), (0.333333, 0.666667, 0.0), (1.0, 0.0, 0.0)),
    ])


def test_an_irrational_equilibrium_is_printed_exactly_and_in_json():
    U = [[[[8, 0], [1, 2]], [[1, 8], [8, 5]]],
         [[[0, 0], [3, 4]], [[6, 4], [2, 1]]],
         [[[6, 7], [0, 1]], [[4, 3], [8, 5]]]]
    sol = solve(Game.from_tensors(U, players=["A", "B", "C"]))
    e = sol.equilibria[-1]
    assert not e.rational and str(e.mixed[0][0]) == "573/952 - sqrt(8457)/952"
    d = sol.to_dict()["equilibria"][-1]
    assert d["strategies"]["A"]["1"] == "573/952 - sqrt(8457)/952"
    assert abs(d["decimals"]["A"]["1"] - 0.505292) < 1e-6
    assert d["algebraic"]["A:1"]["minimal_polynomial"] and d["certificate"]["arithmetic"] == "number field"


def test_methods_for_three_players_and_the_error_for_others():
    assert methods_for(3) == ["exact", "polynomial"] and methods_for(2) == list(METHODS)
    g = Game.from_tensors(MCKELVEY_MCLENNAN)
    with pytest.raises(
        InputError,
        match=r"method 'lemke-howson' solves games of 2 players; this game has 3 "
        r"\(methods for it: exact, polynomial\)",
    ):
        solve(g, method="lemke-howson")
    assert solve(g, method="polynomial").method == "polynomial"


@given(bimatrix_games(max_value=9))
def test_polynomial_on_two_players_agrees_with_the_exact_method(AB):
    A, B = AB
    g = Game.from_arrays(A, B)
    exact = solve(g)
    assume(not exact.degenerate)
    poly = solve(g, method="polynomial")
    assert sorted((e.x, e.y) for e in poly.equilibria) == sorted((e.x, e.y) for e in exact.equilibria)
    labels = {(e.x, e.y): (e.strict, e.pareto_efficient, e.payoff_dominant, e.risk_dominant) for e in exact.equilibria}
    assert {
        (e.x, e.y): (e.strict, e.pareto_efficient, e.payoff_dominant, e.risk_dominant) for e in poly.equilibria
    } == labels
