"""Tests of :mod:`bargaining.solvers.nashpy`: the adapters to nashpy's floating-point algorithms.

The exact method is the reference; nashpy's known faults (Lemke-Howson's
incompleteness, failures on degenerate games) must show as flags and as
:class:`~bargaining.errors.SolverError`, never as a wrong answer.
"""

from __future__ import annotations

import time

import numpy as np
import pytest
from hypothesis import given, settings

from bargaining.game import Game
from bargaining.solvers.nashpy import TOL, _dedupe, methods, run_limited
from bargaining.solvers.registry import solve
from bargaining.solvers.verify import regret
from tests.strategies import games

METHODS = {m.name: m for m in methods()}
STAG_HUNT = Game.from_arrays([[4, 0], [3, 3]], [[4, 3], [0, 3]])


def test_the_three_methods_and_their_flags():
    assert list(METHODS) == ["support-enumeration", "vertex-enumeration", "lemke-howson"]
    assert all(not m.exact and m.tol == TOL for m in METHODS.values())
    assert [m.complete for m in METHODS.values()] == [False, False, False]  # floating: never claimed complete


def test_lemke_howson_misses_the_mixed_equilibrium_of_the_stag_hunt():
    """From every initial label Lemke-Howson ends at a pure equilibrium of this game; the mixed one is never reached."""
    found = METHODS["lemke-howson"].run(STAG_HUNT).pairs
    assert found == (((1.0, 0.0), (1.0, 0.0)), ((0.0, 1.0), (0.0, 1.0)))
    assert len(solve(STAG_HUNT).equilibria) == 3


def test_vertex_enumeration_finds_the_mixed_one():
    (x, y), = [p for p in METHODS["vertex-enumeration"].run(STAG_HUNT).pairs if 0 < p[0][0] < 1]
    assert x == pytest.approx((0.75, 0.25)) and y == pytest.approx((0.75, 0.25))


def test_a_failure_of_nashpy_is_a_warning_naming_it_not_fatal():
    one_row = Game.from_arrays([[1, 2, 3, 4, 5]], [[3, 1, 4, 1, 5]])  # qhull refuses one strategy on a side
    result = METHODS["vertex-enumeration"].run(one_row)
    assert result.pairs == () and result.complete is False
    (note,) = result.warnings
    assert "nashpy's vertex enumeration failed on this game" in note and "the exact method handles every game" in note


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


FLOATING = ("support-enumeration", "vertex-enumeration", "lemke-howson")

CASES = {
    "1x1": ([[5]], [[-2]]),
    "5x1": ([[1], [3], [2], [0], [4]], [[2], [1], [0], [5], [3]]),
    "1x5": ([[1, 2, 3, 4, 5]], [[3, 1, 4, 1, 5]]),
    "nashpy #222": ([[-3, 3], [-3, 5]], [[2, 7], [4, 2]]),
    "random 5x5": (np.random.default_rng(5).integers(-5, 6, (5, 5)).tolist(),
                   np.random.default_rng(6).integers(-5, 6, (5, 5)).tolist()),
}


@pytest.mark.parametrize("name", CASES)
@pytest.mark.parametrize("method", FLOATING)
def test_never_complete_always_verified_and_a_miss_is_said(name, method):
    A, B = CASES[name]
    g = Game.from_arrays(A, B)
    exact = solve(g)
    sol = solve(g, method)
    assert sol.complete is False and not sol.exact
    for e in sol.equilibria:
        assert max(regret(g, e.x, e.y)) <= 1e-6
        close = (
            np.allclose(e.x, [float(v) for v in f.x], atol=1e-6)
            and np.allclose(e.y, [float(v) for v in f.y], atol=1e-6)
            for f in exact.equilibria
        )
        assert any(close) or exact.degenerate
    if not sol.equilibria:
        assert any("found no equilibrium" in w and "missed at least one" in w for w in sol.warnings)
    else:
        assert any("not guaranteed to find every equilibrium" in w for w in sol.warnings)


def test_vertex_enumeration_finds_both_extreme_equilibria_of_issue_222():
    g = Game.from_arrays(*CASES["nashpy #222"])
    assert len(solve(g, "vertex-enumeration").equilibria) == len(solve(g).equilibria) == 2


def test_lemke_howson_does_not_hang_on_a_one_by_one_game():
    sol = solve(Game.from_arrays([[5]], [[-2]]), "lemke-howson")
    assert any("cycles" in w for w in sol.warnings)


def test_a_candidate_that_is_no_equilibrium_is_dropped_not_fatal():
    A = [[1, -3, 1, -2], [-2, 3, 0, -2], [0, 0, -2, 3], [2, 1, 2, 0], [3, 1, 1, 3]]
    B = [[-3, 3, -1, -2], [-3, -3, -2, -1], [1, -2, -2, 2], [-2, 2, 0, -3], [-1, -3, 0, -1]]
    sol = solve(Game.from_arrays(A, B), "lemke-howson")
    assert any("not equilibria" in w and "dropped" in w for w in sol.warnings)
    assert sol.complete is False


def forever():
    yield 1
    while True:
        time.sleep(0.05)


def test_a_run_that_does_not_end_is_stopped_and_keeps_what_it_found():
    items, error, timed_out = run_limited(forever, (), 0.5)
    assert items == [1] and error is None and timed_out


def broken():
    yield "a"
    raise ValueError("qhull says no")


def test_a_fault_ends_the_run_with_what_was_found():
    items, error, timed_out = run_limited(broken, (), 10.0)
    assert items == ["a"] and "ValueError: qhull says no" in error and not timed_out
