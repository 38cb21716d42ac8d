"""Tests of :mod:`bargaining.solvers.batch`: the vectorised solver agrees with the exact one everywhere.

The reference is :func:`bargaining.solvers.enumeration.extreme_equilibria` on the
exact payoffs. At points the batch method decides, its equilibria must equal
the exact ones to 1e-9, in the same order; every degenerate point must have
been handed to the exact solver.
"""

from __future__ import annotations

from fractions import Fraction

import numpy as np
import pytest
from hypothesis import given

from bargaining.errors import InputError
from bargaining.game import Game
from bargaining.io.gamefile import load_model, model_from_dict
from bargaining.solvers.batch import ACCURACY, batch_equilibria
from bargaining.solvers.enumeration import extreme_equilibria
from bargaining.solvers.registry import solve
from bargaining.statics.grid import Grid
from bargaining.statics.sweep import sweep_chunks
from tests.strategies import affine_models, float_games, integer_games

BASELINE = "games/baseline.toml"


def _binary(M):
    """A float matrix read as the exact binary values the batch solver works on."""
    return [[Fraction(float(v)) for v in row] for row in M]


def solve_floats(A, B, **kw):
    """The batch solver on float payoffs, with the exact solver on their exact binary values as fallback."""
    return batch_equilibria(
        A, B, exact_solution=lambda p: solve(Game.from_arrays(_binary(A[p]), _binary(B[p]))), **kw
    )


def _assert_same(result, p, exact_pairs, where=""):
    got = result.at(p)
    assert len(got) == len(exact_pairs), (
        f"{where}: {len(got)} equilibria, exact has {len(exact_pairs)}: {got} vs {exact_pairs}"
    )
    for (x, y), (ex, ey) in zip(got, exact_pairs):
        err = max(abs(a - float(b)) for a, b in zip(x + y, ex + ey))
        assert err <= 1e-9, f"{where}: {(x, y)} differs from exact {(ex, ey)} by {err}"


def _check_floats(A, B):
    r = solve_floats(A, B)
    for p in range(len(A)):
        exact = extreme_equilibria(
            [[Fraction(v) for v in row] for row in A[p]], [[Fraction(v) for v in row] for row in B[p]]
        )
        _assert_same(r, p, exact.pairs, f"point {p}")
        if exact.degenerate:
            assert r.exact[p], "a degenerate game was decided in floating point"
        assert r.degenerate[p] == (exact.degenerate and r.exact[p])
    return r


@given(affine_models())
def test_batch_matches_exact_on_affine_grids_with_exact_ties(case):
    data, spec = case
    model = model_from_dict(data)
    grid = Grid.from_specs(model, [spec])
    for chunk in sweep_chunks(grid, chunk_size=4):
        r = chunk.result
        for p in range(r.n_points):
            g = grid.game(chunk.start + p)
            exact = extreme_equilibria(g.A, g.B)
            _assert_same(r, p, exact.pairs, f"t = {grid.values_at(chunk.start + p)['t']}")
            if exact.degenerate:
                assert r.exact[p]


@given(float_games())
def test_batch_matches_exact_on_random_float_games(games):
    r = _check_floats(*games)
    # continuous payoffs: (almost surely) nondegenerate, so the batch method decides nearly all
    assert r.exact.mean() <= 0.5


@given(integer_games())
def test_batch_matches_exact_on_small_integer_games_full_of_ties(games):
    _check_floats(*games)


def test_known_games():
    # matching pennies, a coordination game, the prisoner's dilemma
    A = [[[1, -1], [-1, 1]], [[2, 0], [0, 1]], [[3, 0], [5, 1]]]
    B = [[[-1, 1], [1, -1]], [[1, 0], [0, 2]], [[3, 5], [0, 1]]]
    r = solve_floats(A, B)
    assert r.counts.tolist() == [1, 3, 1]
    assert not r.exact.any()
    assert np.allclose(r.x[0], [0.5, 0.5]) and np.allclose(r.y[0], [0.5, 0.5])
    assert np.allclose(r.payoffs[0], [0, 0])
    assert r.at(2) == [((0.0, 1.0), (0.0, 1.0))]


def test_structurally_singular_bases_are_not_fallbacks():
    # At T = 0.1 China's payoffs do not depend on whether Russia allies or aligns, and at T = 1
    # Russia's ally and hedge rows agree on two columns: singular bases, yet nondegenerate games.
    m = load_model(BASELINE)
    for T in ("0.1", "1"):
        A, B = m.payoff_arrays({"T": np.array([float(Fraction(T))])})
        r = batch_equilibria(A, B, exact_solution=lambda p: solve(m.with_values({"T": T}).game()))
        assert not r.exact[0], f"T = {T} should be decided in floating point"
        g = m.with_values({"T": T}).game()
        _assert_same(r, 0, extreme_equilibria(g.A, g.B).pairs, f"T = {T}")


def test_degenerate_baseline_points_go_to_the_exact_solver():
    m = load_model(BASELINE)
    Ts = [Fraction(3, 10), Fraction(11, 25), Fraction(111, 125), Fraction(1, 2)]
    A, B = m.payoff_arrays({"T": np.array([float(t) for t in Ts])})
    r = batch_equilibria(A, B, exact_solution=lambda p: solve(m.with_values({"T": Ts[p]}).game()))
    assert r.exact.tolist() == [True, True, True, False]
    assert r.degenerate.tolist() == [True, True, True, False]
    assert set(r.solutions) == {0, 1, 2}


def test_rescaling_and_shifting_payoffs_changes_nothing():
    rng = np.random.default_rng(7)
    A, B = rng.normal(size=(50, 3, 3)), rng.normal(size=(50, 3, 3))
    r1 = solve_floats(A, B)
    r2 = solve_floats(1e6 * A + 3e6, 1e-4 * B - 2)
    assert np.array_equal(r1.point, r2.point)
    assert np.allclose(r1.x, r2.x, atol=ACCURACY) and np.allclose(r1.y, r2.y, atol=ACCURACY)


def test_nonfinite_payoffs_go_to_the_exact_model_which_names_the_point():
    data = {
        "title": "t",
        "players": ["R", "C"],
        "strategies": {"R": ["a", "b"], "C": ["a", "b"]},
        "parameters": {"t": {"value": "1", "min": "0", "max": "1"}},
        "payoffs": {"R": [["1/t", "0"], ["0", "1"]], "C": [["1", "0"], ["0", "1"]]},
    }
    grid = Grid.from_specs(model_from_dict(data), ["t=0:1:3"])
    with pytest.raises(InputError, match="division by zero"):
        list(sweep_chunks(grid))


def test_large_calls_are_split_without_changing_the_result(monkeypatch):
    import bargaining.solvers.batch as batch

    rng = np.random.default_rng(3)
    A, B = rng.integers(-3, 4, size=(2, 40, 3, 3)).astype(float)
    whole = solve_floats(A, B)
    monkeypatch.setattr(batch, "_BUDGET", 19 * 7)  # 7 points per pass
    split = solve_floats(A, B)
    assert np.array_equal(whole.point, split.point) and np.array_equal(whole.exact, split.exact)
    assert np.allclose(whole.x, split.x) and np.allclose(whole.payoffs, split.payoffs)
    assert set(whole.solutions) == set(split.solutions)


def test_rejects_bad_shapes():
    with pytest.raises(ValueError):
        solve_floats(np.zeros((2, 3)), np.zeros((2, 3)))


@pytest.mark.parametrize("shape", [(4, 4), (3, 5), (5, 5)])
def test_vertex_search_path_matches_exact(monkeypatch, shape):
    # Shapes beyond MAX_BASES are solved by the compiled vertex search; route these through it.
    pytest.importorskip("numba")
    import bargaining.solvers.batch as batch

    monkeypatch.setattr(batch, "MAX_BASES", 0)
    m, n = shape
    rng = np.random.default_rng(m * 10 + n)
    r = _check_floats(*rng.normal(size=(2, 25, m, n)))
    assert r.exact.mean() <= 0.2  # continuous payoffs: nearly all decided in floating point
    _check_floats(*rng.integers(-2, 3, size=(2, 25, m, n)).astype(float))  # ties: to the exact solver
