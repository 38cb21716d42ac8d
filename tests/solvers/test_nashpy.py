"""nashpy's methods say what they are (:mod:`bargaining.solvers.nashpy`): never complete, stopped, and verified.

Held-out cases where nashpy 0.0.43 fails: Lemke-Howson cycles for ever on a
1 x 1 and on m x 1 games and fails on 1 x n games; vertex enumeration's qhull
refuses one strategy on a side, and misses equilibria of the degenerate game
of nashpy's issue #222 (a 2 x 2 game with a continuum) when payoffs are only
shifted to be at least 0; Lemke-Howson returns non-equilibria on some
non-square games (found by a random search against the exact method).
"""

from __future__ import annotations

import time

import numpy as np
import pytest

from bargaining.game import Game
from bargaining.solvers.nashpy import run_limited
from bargaining.solvers.registry import solve
from bargaining.solvers.verify import regret

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
        assert any(np.allclose(e.x, [float(v) for v in f.x], atol=1e-6) and np.allclose(e.y, [float(v) for v in f.y], atol=1e-6)
                   for f in exact.equilibria) or exact.degenerate
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
