"""Tests of :mod:`bargaining.solvers.enumeration_bases`: the basis-solving reference solver.

It is the oracle :mod:`bargaining.solvers.enumeration` is compared with, so it
is checked here on its own against the brute force of
:mod:`tests.oracles.bimatrix`, and its exact machinery (the exact fallback for
singular bases, the modular singularity test) is checked directly.
"""

from __future__ import annotations

from fractions import Fraction

import numpy as np
import pytest
from hypothesis import given, strategies as st

from bargaining.errors import InputError
from bargaining.solvers import enumeration_bases
from tests.oracles.bimatrix import reference_equilibria, solve_fractions
from tests.strategies import bimatrix_games, degenerate_games


@given(st.one_of(bimatrix_games(max_m=3, max_n=3), degenerate_games(max_m=3, max_n=3)))
def test_agrees_with_the_brute_force_oracle(game):
    A, B = game
    expected, degenerate = reference_equilibria(A, B)
    result = enumeration_bases.extreme_equilibria(A, B)
    assert {(tuple(x), tuple(y)) for x, y in result.pairs} == expected
    assert len(result.pairs) == len(expected)
    assert result.degenerate == degenerate


def test_coordination_game_in_lexicographic_order():
    """The 2x2 coordination game: two pure equilibria and the mixed one between them."""
    result = enumeration_bases.extreme_equilibria([[2, 0], [0, 1]], [[1, 0], [0, 2]])
    third = Fraction(1, 3)
    assert result.pairs == (((1, 0), (1, 0)), ((2 * third, third), (third, 2 * third)), ((0, 1), (0, 1)))
    assert result.degenerate is False and result.exact_fallbacks == 0


def test_refuses_floats_like_the_solver_it_checks():
    with pytest.raises(InputError, match=r"A\[0\]\[0\]"):
        enumeration_bases.extreme_equilibria([[0.5, 1]], [[1, 2]])


def test_reference_counts_its_fallbacks():
    zero = [[0] * 6 for _ in range(6)]
    # Every basis of size >= 2 of an all-equal matrix is singular.
    assert enumeration_bases.extreme_equilibria(zero, zero).exact_fallbacks == 2 * (924 - 1 - 36)


@given(
    st.integers(2, 6).flatmap(
        lambda k: st.lists(
            st.lists(st.integers(1, 4), min_size=k, max_size=k), min_size=k, max_size=k
        )
    ),
    st.booleans(),
)
def test_modular_singularity_test_is_exact(M, force_singular):
    from bargaining.solvers.enumeration_bases import _PRIMES, _singular_mod

    if force_singular:
        M[-1] = [a + b for a, b in zip(M[0], M[-2])]
    k = len(M)
    exact_singular = solve_fractions([[Fraction(v) for v in row] for row in M], [0] * k) is None
    assert exact_singular or not force_singular
    stack = np.array([M, [row[::-1] for row in M]], dtype=np.int64)
    # Entries <= 8 and k <= 6 keep the Hadamard bound below one prime, so one
    # modulus decides singularity exactly (a column reversal keeps it).
    result = _singular_mod(stack % _PRIMES[0], _PRIMES[0])
    assert result.tolist() == [exact_singular, exact_singular]
