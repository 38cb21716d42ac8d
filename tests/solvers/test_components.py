"""Tests of :mod:`bargaining.solvers.components`: maximal convex sets of equilibria."""

from __future__ import annotations

from fractions import Fraction
from itertools import combinations

from hypothesis import given, strategies as st

from bargaining.solvers.components import maximal_components
from bargaining.solvers.enumeration import extreme_equilibria
from tests.strategies import bimatrix_games, degenerate_games

HALF, THIRD = Fraction(1, 2), Fraction(1, 3)


def _regrets(A, B, x, y):
    """Exact gain of the best pure deviation of each player."""
    row_values = [sum(a * q for a, q in zip(row, y)) for row in A]
    col_values = [sum(B[i][j] * x[i] for i in range(len(x))) for j in range(len(y))]
    row_payoff = sum(p * v for p, v in zip(x, row_values))
    col_payoff = sum(q * v for q, v in zip(y, col_values))
    return max(row_values) - row_payoff, max(col_values) - col_payoff


def _sides(pairs, component):
    xs = sorted({pairs[i][0] for i in component})
    ys = sorted({pairs[i][1] for i in component})
    return xs, ys


def _mean(points):
    return tuple(sum(c) / len(points) for c in zip(*points))


def _brute_force_bicliques(pairs):
    """Maximal bicliques by trying every nonempty set of row vertices."""
    xs = sorted({x for x, _ in pairs}, key=repr)
    edges = set(pairs)
    ys = {y for _, y in pairs}
    found = set()
    for r in range(1, len(xs) + 1):
        for S in combinations(xs, r):
            Y = {y for y in ys if all((x, y) in edges for x in S)}
            if not Y:
                continue
            X = {x for x in xs if all((x, y) in edges for y in Y)}
            found.add(tuple(i for i, (x, y) in enumerate(pairs) if x in X and y in Y))
    return tuple(sorted(found))


# ---------------------------------------------------------------------------
# Textbook cases


def test_all_ties_is_one_component():
    zero = [[0, 0], [0, 0]]
    pairs = extreme_equilibria(zero, zero).pairs
    assert len(pairs) == 4
    assert maximal_components(pairs) == ((0, 1, 2, 3),)


def test_nondegenerate_equilibria_are_isolated():
    pairs = extreme_equilibria([[2, 0], [0, 1]], [[1, 0], [0, 2]]).pairs
    assert maximal_components(pairs) == ((0,), (1,), (2,))


def test_von_stengel_degenerate_example_has_a_segment():
    # von Stengel (2002), the degenerate variant of the 3x2 example: the top
    # row has two best responses, giving a segment of equilibria in which
    # the row player plays the top row, plus an isolated mixed equilibrium.
    A = [[3, 3], [2, 5], [0, 6]]
    B = [[3, 3], [2, 6], [3, 1]]
    pairs = extreme_equilibria(A, B).pairs
    one, zero = Fraction(1), Fraction(0)
    assert pairs == (
        ((one, zero, zero), (one, zero)),
        ((one, zero, zero), (2 * THIRD, THIRD)),
        ((zero, THIRD, 2 * THIRD), (THIRD, 2 * THIRD)),
    )
    assert maximal_components(pairs) == ((0, 1), (2,))


def test_overlapping_components():
    # (top, left), (top, right) and (bottom, right) are equilibria, (bottom,
    # left) is not: {top} x {left, right} and {top, bottom} x {right} are two
    # maximal convex sets sharing the pair (top, right).
    A = [[1, 1], [0, 1]]
    B = [[1, 1], [0, 1]]
    pairs = extreme_equilibria(A, B).pairs
    assert len(pairs) == 3
    assert maximal_components(pairs) == ((0, 1), (1, 2))


def test_abstract_labels_and_edge_cases():
    assert maximal_components([]) == ()
    assert maximal_components([("x", "y")]) == ((0,),)
    assert maximal_components([("a", "p"), ("a", "q"), ("b", "r")]) == ((0, 1), (2,))
    # A 2x2 biclique plus an extra edge from one side.
    pairs = [("a", "p"), ("a", "q"), ("b", "p"), ("b", "q"), ("c", "q")]
    assert maximal_components(pairs) == ((0, 1, 2, 3), (1, 3, 4))


def test_ties_fixture_game():
    # Gambit fixture ties_15_3x4: nine extreme equilibria.
    A = [[1, 0, 2, 2], [1, 1, 1, 2], [1, 0, 0, 2]]
    B = [[0, 0, 2, 0], [1, 1, 0, 1], [2, 0, 0, 0]]
    pairs = extreme_equilibria(A, B).pairs
    assert len(pairs) == 9
    components = maximal_components(pairs)
    assert components == _brute_force_bicliques(pairs)
    _check_components(A, B, pairs, components)


# ---------------------------------------------------------------------------
# Properties


def _check_components(A, B, pairs, components):
    assert list(components) == sorted(set(components))
    edges = set(pairs)
    covered = set()
    for component in components:
        assert list(component) == sorted(set(component))
        covered |= set(component)
        xs, ys = _sides(pairs, component)
        # A biclique: every pair of its sides is an equilibrium, and listed.
        assert len(component) == len(xs) * len(ys)
        assert all((x, y) in edges for x in xs for y in ys)
        # Convex: the centre of the product is an equilibrium too.
        assert _regrets(A, B, _mean(xs), _mean(ys)) == (0, 0)
        # Maximal: no other vertex is joined to the whole opposite side.
        for x in {p[0] for p in pairs} - set(xs):
            assert not all((x, y) in edges for y in ys)
        for y in {p[1] for p in pairs} - set(ys):
            assert not all((x, y) in edges for x in xs)
    assert covered == set(range(len(pairs)))


@given(st.one_of(degenerate_games(), bimatrix_games(max_value=2, min_value=0), bimatrix_games()))
def test_components_of_random_games(game):
    A, B = game
    result = extreme_equilibria(A, B)
    components = maximal_components(result.pairs)
    _check_components(A, B, result.pairs, components)
    assert components == _brute_force_bicliques(result.pairs)
    if not result.degenerate:
        assert components == tuple((i,) for i in range(len(result.pairs)))


@given(st.lists(st.tuples(st.integers(0, 5), st.integers(0, 5)), unique=True, max_size=20))
def test_matches_brute_force_on_random_graphs(edges):
    assert maximal_components(edges) == _brute_force_bicliques(edges)
