"""Tests of :mod:`bargaining.solvers.cramer`, the compiled support enumeration, and of the error bounds it shares.

Three references: the vectorised path of :mod:`bargaining.solvers.batch`
(the kernel must compute bitwise the same equilibria and undecided points),
the exact solver (every decided point's equilibria, at 5x5 too), and exact
rational arithmetic for the error bounds (a computed numerator is never
further from the exact one than its bound).
"""

from __future__ import annotations

import itertools
from fractions import Fraction

import numpy as np
import pytest
from hypothesis import given, settings, strategies as st

pytest.importorskip("numba")

import bargaining.solvers.batch as batch  # noqa: E402
from bargaining.game import Game  # noqa: E402
from bargaining.io.gamefile import load_model, model_from_dict  # noqa: E402
from bargaining.solvers import cramer  # noqa: E402
from bargaining.solvers.enumeration import extreme_equilibria  # noqa: E402
from bargaining.solvers.registry import solve  # noqa: E402
from bargaining.statics.grid import Grid  # noqa: E402
from tests.strategies import affine_models, float_games, integer_games  # noqa: E402

SHAPES = ((2, 2), (2, 5), (3, 3), (4, 3), (3, 6), (5, 5))


def _binary(M):
    return [[Fraction(float(v)) for v in row] for row in M]


def _both_paths(A, B, tol=batch.TOL):
    A, B = np.asarray(A, dtype=float), np.asarray(B, dtype=float)
    finite = np.isfinite(A).reshape(len(A), -1).all(axis=1) & np.isfinite(B).reshape(len(B), -1).all(axis=1)
    A0 = np.where(finite[:, None, None], A, 0.0)
    B0 = np.where(finite[:, None, None], B, 0.0)
    point, X, Y, U, _, und = batch._vectorised_points(A0, B0, ~finite, tol)
    kpoint, kX, kY, kU, kund = batch._kernel_points(cramer, A, B, tol)
    return (point, X, Y, U, und), (kpoint, kX, kY, kU, kund)


def _assert_identical(A, B):
    vec, ker = _both_paths(A, B)
    for name, a, b in zip(("point", "x", "y", "payoffs", "undecided"), vec, ker):
        assert a.shape == b.shape and np.array_equal(a, b), f"{name} differs between the two paths"
    return ker


@given(float_games(shapes=st.sampled_from(SHAPES)))
def test_kernel_computes_bitwise_what_the_vectorised_path_computes(games):
    _assert_identical(*games)


@given(integer_games(shapes=SHAPES))
def test_kernel_and_vectorised_path_leave_the_same_ties_undecided(games):
    _assert_identical(*games)


@settings(max_examples=10)
@given(st.integers(0, 2**32 - 1))
def test_kernel_blocks_and_growing_output_change_nothing(seed):
    # more points than a block, and a game with many equilibria, so that the output arrays grow
    rng = np.random.default_rng(seed)
    P = cramer.BLOCK + 37
    A, B = rng.normal(size=(2, P, 3, 3))
    A[5], B[5] = np.eye(3) * 2 + 1, np.eye(3) * 2 + 1  # coordination: seven equilibria
    point, *_ = _assert_identical(A, B)
    assert np.bincount(point, minlength=P)[5] == 7


def test_nonfinite_and_constant_payoffs_are_undecided():
    A = np.zeros((3, 2, 2))
    B = np.ones((3, 2, 2))
    A[0] = [[1, 0], [0, 1]]
    B[0] = [[1, 0], [0, 1]]
    A[1, 0, 0] = np.nan
    _, (point, X, Y, U, undecided) = _both_paths(A, B)
    assert undecided.tolist() == [False, True, True]
    assert set(point.tolist()) == {0}


def _check_against_exact(A, B, result):
    for p in range(len(A)):
        exact = extreme_equilibria(_binary(A[p]), _binary(B[p]))
        got = result.at(p)
        assert len(got) == len(exact.pairs), f"point {p}: {got} vs {exact.pairs}"
        for (x, y), (ex, ey) in zip(got, exact.pairs):
            assert max(abs(a - float(b)) for a, b in zip(x + y, ex + ey)) <= batch.ACCURACY
        if exact.degenerate:
            assert result.exact[p]


#: Enough points, as far as the batch solver knows, that every call goes through the kernel.
ALL = batch.KERNEL_WORK


@settings(max_examples=15)
@given(float_games(shapes=((5, 5), (4, 6)), points=st.integers(1, 6)))
def test_compiled_path_matches_the_exact_solver_at_five_by_five(games):
    A, B = games
    r = batch.batch_equilibria(
        A, B, exact_solution=lambda p: solve(Game.from_arrays(_binary(A[p]), _binary(B[p]))), total_points=ALL
    )
    _check_against_exact(A, B, r)
    assert r.exact.mean() <= 0.5  # continuous payoffs: the batch method decides nearly all


def test_five_by_five_model_sweep_matches_the_exact_solver():
    # the benchmark's 5x5 model on a coarse grid through the kernel, every point checked exactly
    model = load_model("bench/five_by_five.toml")
    grid = Grid.from_specs(model, ["T=0:1:7", "a=0:1:7"])
    A, B = grid.payoffs(0, grid.size)
    r = batch.batch_equilibria(A, B, exact_solution=lambda p: solve(grid.game(p)), total_points=ALL)
    for p in range(grid.size):
        g = grid.game(p)
        exact = extreme_equilibria(g.A, g.B)
        got = r.at(p)
        assert len(got) == len(exact.pairs)
        for (x, y), (ex, ey) in zip(got, exact.pairs):
            assert max(abs(a - float(b)) for a, b in zip(x + y, ex + ey)) <= 1e-9
    assert r.exact.sum() <= 2


@settings(max_examples=15)
@given(affine_models(sizes=((3, 3), (2, 4), (4, 4))))
def test_compiled_path_sends_every_exact_tie_of_an_affine_grid_to_the_exact_solver(case):
    data, spec = case
    grid = Grid.from_specs(model_from_dict(data), [spec])
    A, B = grid.payoffs(0, grid.size)
    r = batch.batch_equilibria(A, B, exact_solution=lambda p: solve(grid.game(p)), total_points=ALL)
    for p in range(grid.size):
        g = grid.game(p)
        exact = extreme_equilibria(g.A, g.B)
        assert len(r.at(p)) == len(exact.pairs)
        if exact.degenerate:
            assert r.exact[p]


# ----------------------------------------------------------------------------- the error bounds


def test_largest_determinants_of_01_matrices():
    # _MAXDET[r] bounds the determinant of an r x r matrix with entries in [0, 1]: checked over
    # every 0/1 matrix (where the extremes lie) for r <= 4
    for r in range(1, 5):
        M = np.array(list(itertools.product([0.0, 1.0], repeat=r * r))).reshape(-1, r, r)
        assert round(float(np.abs(np.linalg.det(M)).max())) == batch._MAXDET[r]


def _exact_numerators(M):
    """``c_j`` = det of M with column j replaced by ones, in exact arithmetic."""
    from sympy import Matrix

    k = len(M)
    out = []
    for j in range(k):
        W = [[Fraction(1) if c == j else M[r][c] for c in range(k)] for r in range(k)]
        out.append(Fraction(str(Matrix(W).det())))
    return out


@settings(max_examples=30)
@given(st.integers(2, 6), st.integers(0, 2**32 - 1), st.sampled_from([0.0, 1e-12, 1e-6]))
def test_numerators_stay_within_their_error_bounds(k, seed, delta):
    # exact payoffs M in [0, 1]; the solver sees M~ within delta of them, rounded to floats
    rng = np.random.default_rng(seed)
    M = [[Fraction(int(v), 2**20) for v in row] for row in rng.integers(0, 2**20 + 1, size=(k, k))]
    noise = rng.uniform(-delta, delta, size=(k, k))
    Mt = np.clip(np.array([[float(v) for v in row] for row in M]) + noise, 0.0, 1.0)
    exact = _exact_numerators(M)
    nested = [[np.array([Mt[r, c]]) for c in range(k)] for r in range(k)]
    c, s = batch._cramer(nested)
    # the payoffs' error: the noise, plus the rounding of adding it
    Ec, Es = batch._error_bounds(np.array([delta * 1.001 + 2**-53]), 6)
    for cj, ej in zip(c, exact):
        assert abs(Fraction(float(cj[0])) - ej) <= Fraction(float(Ec[0, k]))
    assert abs(Fraction(float(s[0])) - sum(exact)) <= Fraction(float(Es[0, k]))
