"""Iterated elimination of strictly dominated strategies."""

from __future__ import annotations

from fractions import Fraction as F

from hypothesis import given

from bargaining.game import Game
from bargaining.io.gamefile import load_model
from bargaining.solvers.dominance import dominating_mixture, iterated_strict_dominance
from bargaining.solvers.registry import solve
from tests.strategies import bimatrix_games


def test_prisoners_dilemma():
    g = Game.from_arrays([[3, 0], [5, 1]], [[3, 5], [0, 1]])
    d = iterated_strict_dominance(g)
    assert [(s.player, s.strategy, s.by) for s in d.steps] == [(0, 0, ((1, F(1)),)), (1, 0, ((1, F(1)),))]
    assert d.steps[0].margins == (F(2), F(1))
    assert d.solved


def test_iterated_steps_use_only_what_is_left():
    # Column's R is dominated only once Row's D is gone (Gibbons 1992, figure 1.1.1)
    g = Game.from_arrays([[1, 1, 0], [0, 0, 2]], [[0, 2, 1], [3, 1, 0]], strategies=[["U", "D"], ["L", "M", "R"]])
    d = iterated_strict_dominance(g)
    names = [g.strategies[s.player][s.strategy] for s in d.steps]
    assert names == ["R", "D", "L"]
    assert d.surviving == ((0,), (1,))
    assert d.steps[1].against == (0, 1)


def test_dominance_by_a_mixture():
    # Osborne and Rubinstein (1994), p. 59: B is dominated by the half-half mixture of T and M
    g = Game.from_arrays([[3, 0], [0, 3], [1, 1]], [[1, 0], [0, 1], [0, 0]])
    assert iterated_strict_dominance(g, mixed=False).steps == ()
    (step,) = iterated_strict_dominance(g).steps
    assert step.mixed and step.strategy == 2
    assert all(m > 0 for m in step.margins)
    assert sum(q for _, q in step.by) == 1


def test_no_mixture_dominates_a_best_response():
    g = Game.from_arrays([[3, 0], [0, 3], [2, 2]], [[0, 0], [0, 0], [0, 0]])
    assert dominating_mixture(g, 0, 2, [0, 1, 2], [0, 1]) is None


def test_alliance_scenarios():
    base = iterated_strict_dominance(load_model("games/baseline.toml").game())
    assert base.surviving == ((1,), (1,))
    taiwan = iterated_strict_dominance(load_model("games/taiwan_crisis.toml").game())
    assert taiwan.surviving == ((0, 1), (0, 1))  # hedge goes, the stag hunt stays
    detente = iterated_strict_dominance(load_model("games/detente.toml").game())
    assert detente.surviving == ((2,), (2,))


@given(bimatrix_games(max_m=4, max_n=4))
def test_no_equilibrium_uses_an_eliminated_strategy(AB):
    g = Game.from_arrays(*AB)
    d = iterated_strict_dominance(g)
    for step in d.steps:
        assert all(m > 0 for m in step.margins)
    for e in solve(g).equilibria:
        assert set(e.support(0)) <= set(d.surviving[0])
        assert set(e.support(1)) <= set(d.surviving[1])
