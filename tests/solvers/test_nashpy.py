"""Tests of :mod:`bargaining.solvers.nashpy`: the adapters to nashpy's floating-point algorithms.

The exact method is the reference; nashpy's known faults (Lemke-Howson's
incompleteness, failures on degenerate games) must show as flags and as
:class:`~bargaining.errors.SolverError`, never as a wrong answer.
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings

from bargaining.errors import SolverError
from bargaining.game import Game
from bargaining.solvers.nashpy import TOL, _dedupe, methods
from bargaining.solvers.registry import solve
from tests.strategies import games

METHODS = {m.name: m for m in methods()}
STAG_HUNT = Game.from_arrays([[4, 0], [3, 3]], [[4, 3], [0, 3]])


def test_the_three_methods_and_their_flags():
    assert list(METHODS) == ["support-enumeration", "vertex-enumeration", "lemke-howson"]
    assert all(not m.exact and m.tol == TOL for m in METHODS.values())
    assert [m.complete for m in METHODS.values()] == [False, True, False]


def test_lemke_howson_misses_the_mixed_equilibrium_of_the_stag_hunt():
    """From every initial label Lemke-Howson ends at a pure equilibrium of this game; the mixed one is never reached."""
    found = METHODS["lemke-howson"].run(STAG_HUNT).pairs
    assert found == (((1.0, 0.0), (1.0, 0.0)), ((0.0, 1.0), (0.0, 1.0)))
    assert len(solve(STAG_HUNT).equilibria) == 3


def test_vertex_enumeration_finds_the_mixed_one():
    (x, y), = [p for p in METHODS["vertex-enumeration"].run(STAG_HUNT).pairs if 0 < p[0][0] < 1]
    assert x == pytest.approx((0.75, 0.25)) and y == pytest.approx((0.75, 0.25))


def test_a_failure_of_nashpy_is_a_solver_error_naming_it():
    ties = Game.from_arrays([[0, 0], [0, 0]], [[0, 0], [0, 0]])
    with pytest.raises(
        SolverError, match="nashpy's vertex enumeration failed on this game.*the exact method handles it"
    ):
        METHODS["vertex-enumeration"].run(ties)


def test_round_off_is_cleaned_and_duplicates_dropped():
    pairs = [((1e-12, 1.0), (0.5, 0.5)), ((0.0, 1.0), (0.5, 0.5000000001)), ((float("nan"), 1.0), (1.0, 0.0))]
    assert _dedupe(pairs) == (((0.0, 1.0), (0.5, 0.5)),)


@settings(max_examples=25)
@given(games(min_value=-6, max_value=6))
def test_support_enumeration_finds_a_subset_of_ours(game):
    """nashpy's support enumeration may miss equilibria (a known fault) but never finds one we lack.

    Its equilibria of a nondegenerate game are extreme, so each must be one of ours.
    """
    exact = solve(game)
    if exact.degenerate:
        return
    ours = [(tuple(map(float, e.x)), tuple(map(float, e.y))) for e in exact.equilibria]
    for e in solve(game, "support-enumeration").equilibria:
        assert any(
            all(abs(a - b) < 1e-6 for a, b in zip(e.x + e.y, x + y)) for x, y in ours
        ), (e, ours)
