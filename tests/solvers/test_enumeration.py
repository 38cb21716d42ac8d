"""Tests of :mod:`bargaining.solvers.enumeration`: the exact extreme-equilibrium solver.

The solver is checked, in both of its searches (exact throughout, and the
compiled floating-point search with exact fallback), against Gambit's exact
results, against the basis-enumerating solver it replaced
(:mod:`bargaining.solvers.enumeration_bases`), against an independent
brute-force oracle written here in plain Fractions, against nashpy's vertex
enumeration, and against properties every equilibrium set must have. The
reference solver itself is checked against the brute-force oracle too.
"""

from __future__ import annotations

import importlib.util
import json
import math
import random
from fractions import Fraction
from pathlib import Path

import numpy as np
import pytest
from hypothesis import assume, given, settings, strategies as st

from bargaining.errors import InputError
from bargaining.solvers import enumeration_bases
from bargaining.solvers.enumeration import ExtremeEquilibria, extreme_equilibria
from tests.oracles.bimatrix import reference_equilibria
from tests.strategies import bimatrix_games, degenerate_games

HAVE_NUMBA = importlib.util.find_spec("numba") is not None
needs_numba = pytest.mark.skipif(not HAVE_NUMBA, reason="the compiled search needs numba")

#: Both searches: exact throughout, and compiled floating point with exact fallback.
SEARCHES = [False, pytest.param(True, marks=needs_numba)]

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "gambit_equilibria.json"
GAMBIT_GAMES = json.loads(FIXTURES.read_text())["games"]


def _fractions(M):
    return [[Fraction(v) for v in row] for row in M]


def _pair_set(pairs):
    return {(tuple(x), tuple(y)) for x, y in pairs}


def _regrets(A, B, x, y):
    """Exact gain of the best pure deviation of each player."""
    row_values = [sum(a * q for a, q in zip(row, y)) for row in A]
    col_values = [sum(B[i][j] * x[i] for i in range(len(x))) for j in range(len(y))]
    row_payoff = sum(p * v for p, v in zip(x, row_values))
    col_payoff = sum(q * v for q, v in zip(y, col_values))
    return max(row_values) - row_payoff, max(col_values) - col_payoff


# ---------------------------------------------------------------------------
# Gambit


@pytest.mark.parametrize("compiled", SEARCHES)
@pytest.mark.parametrize("game", GAMBIT_GAMES, ids=[g["name"] for g in GAMBIT_GAMES])
def test_agrees_with_gambit(game, compiled):
    A, B = _fractions(game["A"]), _fractions(game["B"])
    expected = {
        (tuple(map(Fraction, x)), tuple(map(Fraction, y))) for x, y in game["extreme_equilibria"]
    }
    result = extreme_equilibria(A, B, compiled=compiled)
    assert _pair_set(result.pairs) == expected
    assert len(result.pairs) == len(expected)
    assert result == _same_as_reference(A, B, result)
    if len(A) * len(A[0]) <= 25:  # the oracle is slow beyond that
        assert result.degenerate == reference_equilibria(A, B)[1]


def _same_as_reference(A, B, result):
    """Assert that the basis-enumerating solver finds the same pairs, in the same order, and degeneracy."""
    ref = enumeration_bases.extreme_equilibria(A, B)
    assert result.pairs == ref.pairs
    assert result.degenerate == ref.degenerate
    return result


def test_fixture_degenerate_games_are_flagged():
    by_name = {g["name"]: g for g in GAMBIT_GAMES}
    for name in ("all_ties_2x2", "weak_dominance", "ties_15_3x4"):
        game = by_name[name]
        assert extreme_equilibria(_fractions(game["A"]), _fractions(game["B"])).degenerate
    for name in ("coordination_2x2", "hawk_dove", "random_10_7x7"):
        game = by_name[name]
        assert not extreme_equilibria(_fractions(game["A"]), _fractions(game["B"])).degenerate


# ---------------------------------------------------------------------------
# Interface


def test_result_shape_order_and_exactness():
    result = extreme_equilibria([[2, 0], [0, 1]], [[1, 0], [0, 2]])
    assert isinstance(result, ExtremeEquilibria)
    third = Fraction(1, 3)
    assert result.pairs == (
        ((1, 0), (1, 0)),
        ((2 * third, third), (third, 2 * third)),
        ((0, 1), (0, 1)),
    )
    for x, y in result.pairs:
        assert all(type(v) is Fraction for v in x + y)
        assert sum(x) == 1 and sum(y) == 1
    assert result.degenerate is False
    assert result.exact_fallbacks == 0


def test_order_key_is_lexicographic_descending():
    # In the all-ties 3x2 game every pure profile is an extreme equilibrium.
    result = extreme_equilibria([[0] * 2] * 3, [[0] * 2] * 3)
    keys = [tuple(-p for p in x) + tuple(-q for q in y) for x, y in result.pairs]
    assert keys == sorted(keys)
    assert len(result.pairs) == 6


def test_one_by_one_and_single_row():
    assert extreme_equilibria([[7]], [[-3]]).pairs == (((1,), (1,)),)
    result = extreme_equilibria([[1, 2, 3]], [[5, 1, 5]])
    assert _pair_set(result.pairs) == {((1,), (1, 0, 0)), ((1,), (0, 0, 1))}
    assert result.degenerate


def test_rational_payoffs_are_exact():
    A = [[Fraction(1, 2), Fraction(1, 3)], [Fraction(1, 4), Fraction(2, 3)]]
    B = [[Fraction(1, 5), Fraction(3, 7)], [Fraction(2, 9), Fraction(1, 11)]]
    (x, y), = extreme_equilibria(A, B).pairs
    assert x == (Fraction(455, 1247), Fraction(792, 1247))
    assert y == (Fraction(4, 7), Fraction(3, 7))


@pytest.mark.parametrize(
    "A, B, message",
    [
        ([], [], "at least one row"),
        ([[1, 2], [3]], [[1, 2], [3, 4]], "rectangular"),
        ([[1, 2]], [[1, 2], [3, 4]], "same shape"),
        ([[1.5, 2]], [[1, 2]], "A[0][0]"),
        ([[1, 2]], [[1, "2"]], "B[0][1]"),
        (3, [[1]], "sequence of rows"),
    ],
)
def test_bad_input(A, B, message):
    with pytest.raises(InputError, match=message.replace("[", r"\[").replace("]", r"\]")):
        extreme_equilibria(A, B)


# ---------------------------------------------------------------------------
# Exact fallback


@pytest.mark.parametrize("compiled", SEARCHES)
def test_all_ties(compiled):
    zero = [[0] * 6 for _ in range(6)]
    result = extreme_equilibria(zero, zero, compiled=compiled)
    assert len(result.pairs) == 36  # every pure profile
    assert result.degenerate
    _same_as_reference(zero, zero, result)


# Degenerate families that pivoting must get right: every vertex found, exact
# label sets. Each is compared with the reference solver and the oracle.
def _family(name, m, n, seed):
    rnd = random.Random(seed)
    if name == "constant":
        return [[3] * n for _ in range(m)], [[-1] * n for _ in range(m)]
    if name == "zero-sum ties":
        A = [[rnd.randint(-1, 1) for _ in range(n)] for _ in range(m)]
        return A, [[-v for v in row] for row in A]
    if name == "duplicated rows":
        A = [[rnd.randint(-3, 3) for _ in range(n)] for _ in range(m)]
        B = [[rnd.randint(-3, 3) for _ in range(n)] for _ in range(m)]
        A[-1], B[-1] = list(A[0]), list(B[0])
        return A, B
    if name == "duplicated columns":
        A = [[rnd.randint(-3, 3) for _ in range(n)] for _ in range(m)]
        B = [[rnd.randint(-3, 3) for _ in range(n)] for _ in range(m)]
        for row in A + B:
            row[-1] = row[0]
        return A, B
    if name == "0-1 payoffs":
        return ([[rnd.randint(0, 1) for _ in range(n)] for _ in range(m)],
                [[rnd.randint(0, 1) for _ in range(n)] for _ in range(m)])
    raise ValueError(name)


FAMILIES = ["constant", "zero-sum ties", "duplicated rows", "duplicated columns", "0-1 payoffs"]


@pytest.mark.parametrize("compiled", SEARCHES)
@pytest.mark.parametrize("name", FAMILIES)
@pytest.mark.parametrize("shape", [(1, 5), (5, 1), (2, 6), (4, 4), (6, 5)])
def test_degenerate_families(name, shape, compiled):
    m, n = shape
    if name == "duplicated rows" and m < 2 or name == "duplicated columns" and n < 2:
        pytest.skip("needs two strategies to duplicate")
    for seed in range(3):
        A, B = _family(name, m, n, seed)
        result = extreme_equilibria(A, B, compiled=compiled)
        _same_as_reference(A, B, result)
        if m * n <= 20:
            expected, degenerate = reference_equilibria(_fractions(A), _fractions(B))
            assert _pair_set(result.pairs) == expected and result.degenerate == degenerate


@needs_numba
@pytest.mark.parametrize("seed", range(4))
def test_compiled_search_on_larger_games(seed):
    # 9x9: random integers (ties), 0-1 payoffs (many degenerate vertices) and
    # continuous payoffs read exactly (huge integers, no ties).
    rnd = random.Random(seed)
    games = [
        ([[rnd.randint(-9, 9) for _ in range(9)] for _ in range(9)],
         [[rnd.randint(-9, 9) for _ in range(9)] for _ in range(9)]),
        _family("0-1 payoffs", 9, 8, seed),
        ([[Fraction(rnd.random()) for _ in range(8)] for _ in range(9)],
         [[Fraction(rnd.random()) for _ in range(8)] for _ in range(9)]),
    ]
    for A, B in games:
        result = extreme_equilibria(A, B, compiled=True)
        assert result == extreme_equilibria(A, B, compiled=False)
        _same_as_reference(A, B, result)


@pytest.mark.parametrize("compiled", SEARCHES)
def test_ill_conditioned_but_nonsingular_basis(compiled):
    # B[I, K] = [[1 + d, 1], [1, 1 + d]] has determinant about 2d and
    # condition number about 2/d = 2e11, yet it is the basis of the only
    # equilibrium strategy of the row player. The reference solver must settle
    # it exactly; the compiled search decides it only where its a posteriori
    # error bounds allow.
    d = Fraction(1, 10**11)
    A = [[0, 1], [1, 0]]
    B = [[1 + d, 1], [1, 1 + d]]
    result = extreme_equilibria(A, B, compiled=compiled)
    half = Fraction(1, 2)
    assert result.pairs == (((half, half), (half, half)),)
    assert enumeration_bases.extreme_equilibria(A, B).exact_fallbacks >= 1
    assert not result.degenerate
    assert (_pair_set(result.pairs), False) == reference_equilibria(_fractions(A), _fractions(B))


@pytest.mark.parametrize("compiled", SEARCHES)
def test_near_ties_are_not_confused_with_ties(compiled):
    # Matching pennies with stakes of 1e-15 on top of a payoff of 1: in floats
    # the payoffs are nearly tied, exactly they are not.
    eps = Fraction(1, 10**15)
    A = [[1, 1 + eps], [1 + eps, 1]]
    B = [[1 + eps, 1], [1, 1 + eps]]
    result = extreme_equilibria(A, B, compiled=compiled)
    half = Fraction(1, 2)
    assert result.pairs == (((half, half), (half, half)),)
    assert not result.degenerate


@pytest.mark.parametrize("compiled", SEARCHES)
def test_more_than_64_strategies(compiled):
    # Label masks span two machine words.
    rnd = random.Random(7)
    A = [[rnd.randint(-20, 20) for _ in range(63)] for _ in range(2)]
    B = [[rnd.randint(-20, 20) for _ in range(63)] for _ in range(2)]
    expected, degenerate = reference_equilibria(_fractions(A), _fractions(B))
    result = extreme_equilibria(A, B, compiled=compiled)
    assert _pair_set(result.pairs) == expected
    assert result.degenerate == degenerate


@pytest.mark.parametrize("compiled", SEARCHES)
def test_six_by_six_against_oracle(compiled):
    rnd = random.Random(3)
    A = [[rnd.randint(-9, 9) for _ in range(6)] for _ in range(6)]
    B = [[rnd.randint(-9, 9) for _ in range(6)] for _ in range(6)]
    expected, degenerate = reference_equilibria(_fractions(A), _fractions(B))
    result = extreme_equilibria(A, B, compiled=compiled)
    assert _pair_set(result.pairs) == expected
    assert result.degenerate == degenerate


# ---------------------------------------------------------------------------
# Properties


def _both_searches(A, B):
    """The result, after checking that both searches and the reference solver agree on it."""
    result = extreme_equilibria(A, B, compiled=False)
    if HAVE_NUMBA:
        assert extreme_equilibria(A, B, compiled=True) == result
    return _same_as_reference(A, B, result)


@given(bimatrix_games())
def test_matches_exhaustive_oracle(game):
    A, B = game
    expected, degenerate = reference_equilibria(A, B)
    result = _both_searches(A, B)
    assert _pair_set(result.pairs) == expected
    assert len(result.pairs) == len(expected)
    assert result.degenerate == degenerate


@given(degenerate_games())
def test_degenerate_games_match_oracle(game):
    A, B = game
    expected, degenerate = reference_equilibria(A, B)
    result = _both_searches(A, B)
    assert degenerate and result.degenerate
    assert _pair_set(result.pairs) == expected


@given(st.one_of(
    bimatrix_games(max_m=6, max_n=6, min_value=0, max_value=1),
    bimatrix_games(max_m=7, max_n=7, min_value=-2, max_value=2),
    bimatrix_games(max_m=1, max_n=8),
    bimatrix_games(max_m=8, max_n=1),
))
def test_many_ties_match_the_reference(game):
    _both_searches(*game)


@given(st.one_of(bimatrix_games(), degenerate_games()))
def test_every_pair_has_zero_regret(game):
    A, B = game
    result = extreme_equilibria(A, B)
    assert result.pairs, "every finite game has an equilibrium"
    for x, y in result.pairs:
        assert sum(x) == 1 and sum(y) == 1
        assert min(x) >= 0 and min(y) >= 0
        assert _regrets(A, B, x, y) == (0, 0)


@given(
    st.one_of(bimatrix_games(), degenerate_games()),
    st.fractions(min_value=Fraction(1, 7), max_value=10, max_denominator=7),
    st.fractions(min_value=-10, max_value=10, max_denominator=7),
    st.booleans(),
)
def test_invariant_under_positive_affine_rescaling(game, scale, shift, row_player):
    A, B = game
    before = extreme_equilibria(A, B)
    if row_player:
        A = [[scale * v + shift for v in row] for row in A]
    else:
        B = [[scale * v + shift for v in row] for row in B]
    after = extreme_equilibria(A, B)
    assert after.pairs == before.pairs
    assert after.degenerate == before.degenerate


@given(st.one_of(bimatrix_games(), degenerate_games()), st.randoms(use_true_random=False))
def test_invariant_under_permutations(game, rnd):
    A, B = game
    m, n = len(A), len(A[0])
    rows, cols = list(range(m)), list(range(n))
    rnd.shuffle(rows)
    rnd.shuffle(cols)
    A2 = [[A[i][j] for j in cols] for i in rows]
    B2 = [[B[i][j] for j in cols] for i in rows]
    before = extreme_equilibria(A, B)
    after = extreme_equilibria(A2, B2)
    permuted = {
        (tuple(x[i] for i in rows), tuple(y[j] for j in cols)) for x, y in before.pairs
    }
    assert _pair_set(after.pairs) == permuted
    assert after.degenerate == before.degenerate


@given(st.one_of(bimatrix_games(), degenerate_games()))
def test_strictly_dominated_strategies_are_not_played(game):
    A, B = game
    m, n = len(A), len(A[0])
    dominated_rows = {
        i for i in range(m) if any(all(A[k][j] > A[i][j] for j in range(n)) for k in range(m))
    }
    dominated_cols = {
        j for j in range(n) if any(all(B[i][k] > B[i][j] for i in range(m)) for k in range(n))
    }
    for x, y in extreme_equilibria(A, B).pairs:
        assert all(x[i] == 0 for i in dominated_rows)
        assert all(y[j] == 0 for j in dominated_cols)


@given(bimatrix_games(min_value=-50, max_value=50))
def test_nondegenerate_games_have_odd_number_of_equilibria(game):
    result = extreme_equilibria(*game)
    assume(not result.degenerate)
    assert len(result.pairs) % 2 == 1


@settings(deadline=None)
@given(bimatrix_games(min_value=-50, max_value=50, min_m=2, min_n=2))  # qhull needs dimension >= 2
def test_agrees_with_nashpy_vertex_enumeration(game):
    nash = pytest.importorskip("nashpy")
    A, B = game
    result = extreme_equilibria(A, B)
    assume(not result.degenerate)
    # nashpy only shifts payoffs to be >= 0, which leaves the best-response
    # polytopes unbounded when a column or row is all zeros; shift to >= 1.
    Af = np.array(A, dtype=float)
    Bf = np.array(B, dtype=float)
    Af += 1 - Af.min()
    Bf += 1 - Bf.min()
    theirs = [
        (np.asarray(x, dtype=float), np.asarray(y, dtype=float))
        for x, y in nash.Game(Af, Bf).vertex_enumeration()
    ]
    ours = [(np.array(x, dtype=float), np.array(y, dtype=float)) for x, y in result.pairs]

    def close(p, q):
        return np.allclose(p[0], q[0], rtol=0, atol=1e-9) and np.allclose(p[1], q[1], rtol=0, atol=1e-9)

    for p in ours:
        assert any(close(p, q) for q in theirs), f"nashpy misses {p}"
    for q in theirs:
        assert any(close(p, q) for p in ours), f"nashpy has an extra {q}"


@pytest.mark.parametrize("compiled", SEARCHES)
def test_huge_payoffs(compiled):
    # Entries near 1e40, ties included: floating point cannot certify the
    # zeros (1 / det B is far below its error bounds), exact arithmetic must.
    big = 10**40
    A = [[big, big, 2 * big], [big + 1, 0, big], [big, big, 2 * big]]
    B = [[0, big, big], [big, big, 0], [big + 7, big, big]]
    expected, degenerate = reference_equilibria(_fractions(A), _fractions(B))
    result = extreme_equilibria(A, B, compiled=compiled)
    assert _pair_set(result.pairs) == expected
    assert result.degenerate == degenerate
    assert enumeration_bases.extreme_equilibria(A, B).exact_fallbacks > 0


# ---------------------------------------------------------------------------
# Input conversion


@given(st.lists(st.lists(st.one_of(
    st.integers(-30, 30),
    st.fractions(min_value=-30, max_value=30, max_denominator=12),
    st.integers(-30, 30).map(Fraction),  # integral Fractions
    st.integers(-30, 30).map(np.int64),
), min_size=2, max_size=2), min_size=1, max_size=3))
def test_positive_integer_matrix_is_the_least_integer_image(M):
    from bargaining.solvers.enumeration import fraction_matrix, positive_integer_matrix

    got = positive_integer_matrix(fraction_matrix(M, "M"))
    exact = [[Fraction(v) for v in row] for row in M]
    low = min(min(row) for row in exact)
    shifted = [[v - low + 1 for v in row] for row in exact]
    scale = math.lcm(*(v.denominator for row in shifted for v in row))
    assert got == [[v * scale for v in row] for row in shifted]
    assert all(type(v) is int for row in got for v in row)


def test_small_games_do_not_load_the_compiler():
    # below COMPILED_FROM strategies the search is exact throughout: numba (slow to import) stays unloaded
    import subprocess
    import sys

    code = ("import sys\nfrom bargaining.solvers.enumeration import extreme_equilibria\n"
            "extreme_equilibria([[1, 0, 2], [0, 1, 1], [3, 1, 0]], [[1, 0, 1], [0, 1, 1], [2, 2, 2]])\n"
            "print('numba' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                         cwd=Path(__file__).resolve().parents[2])
    assert out.stdout.split() == ["False"]
