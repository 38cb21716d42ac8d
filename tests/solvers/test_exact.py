"""Tests of :mod:`bargaining.solvers.exact`: the ``exact`` method's run, before verification and labels."""

from __future__ import annotations

from fractions import Fraction as F

from bargaining.game import Game
from bargaining.solvers.exact import METHOD, run


def test_the_method_is_exact_and_complete():
    assert (METHOD.name, METHOD.exact, METHOD.complete, METHOD.tol) == ("exact", True, True, None)
    assert METHOD.run is run


def test_matching_pennies_has_one_mixed_equilibrium_in_fractions():
    r = run(Game.from_arrays([[1, -1], [-1, 1]], [[-1, 1], [1, -1]]))
    assert r.pairs == (((F(1, 2), F(1, 2)), (F(1, 2), F(1, 2))),)
    assert all(type(p) is F for x, y in r.pairs for p in x + y)
    assert (r.degenerate, r.components, r.warnings) == (False, ((0,),), ())


def test_a_degenerate_game_is_flagged_with_its_continuum():
    # all ties: every profile is an equilibrium, and the four pure ones span one square of them
    r = run(Game.from_arrays([[0, 0], [0, 0]], [[0, 0], [0, 0]]))
    assert len(r.pairs) == 4 and r.degenerate
    assert r.components == ((0, 1, 2, 3),)
    assert r.warnings == ("degenerate game: equilibria may form continua; see the components",)


def test_isolated_equilibria_are_their_own_components():
    r = run(Game.from_arrays([[1, 0], [0, 1]], [[1, 0], [0, 1]]))
    assert [x for x, _ in r.pairs] == [(1, 0), (F(1, 2), F(1, 2)), (0, 1)]
    assert r.components == ((0,), (1,), (2,))
