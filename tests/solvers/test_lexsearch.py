"""Tests of :mod:`bargaining.solvers.lexsearch`: the compiled search of a polytope's lex-feasible bases.

Small polytopes whose vertices are known by hand: the search must find each
vertex's lex-feasible bases with their label sets (the tight constraints), hand
back what floating point cannot decide, and remember what it has visited
between calls. Its use inside the solver, on whole games, is checked against the
exact search in ``tests/solvers/test_enumeration.py``.
"""

from __future__ import annotations

import numpy as np
import pytest

lexsearch = pytest.importorskip("bargaining.solvers.lexsearch", reason="the compiled search needs numba")
Search = lexsearch.Search


def words(*masks, width=1):
    """Bases or label sets as the search's ``(N, W)`` uint64 words."""
    return np.array([[(m >> (64 * w)) & ((1 << 64) - 1) for w in range(width)] for m in masks], dtype=np.uint64)


def ints(array):
    return sorted(sum(int(v) << (64 * w) for w, v in enumerate(row)) for row in array)


def square():
    # z1 + s1 = 1, z2 + s2 = 1: the unit square; variables z1, z2, s1, s2 are bits 0 to 3
    M = np.array([[1, 0, 1, 0, 1], [0, 1, 0, 1, 1]], dtype=float)
    return Search(M, np.array([2, 3]), np.array([True, True, False, False]), 1.0)


def test_the_square_has_four_vertices_each_with_two_labels():
    found, labels, unsure = square().explore(words(0b1100))
    assert ints(found) == [0b0011, 0b0110, 0b1001, 0b1100]
    # a nondegenerate vertex's labels are its nonbasic variables
    assert ints(labels) == sorted(0b1111 & ~b for b in ints(found))
    assert len(unsure) == 0


def test_visited_bases_are_remembered_between_calls():
    search = square()
    search.explore(words(0b1100))
    found, labels, unsure = search.explore(words(0b1100, 0b0011))
    assert len(found) == len(labels) == len(unsure) == 0


def test_a_degenerate_vertex_has_more_labels_than_the_dimension():
    # z1 + s1 = 1, z1 + z2 + s2 = 1: the triangle (0, 0), (1, 0), (0, 1); at (1, 0) three constraints are tight
    M = np.array([[1, 0, 1, 0, 1], [1, 1, 0, 1, 1]], dtype=float)
    found, labels, unsure = Search(M, np.array([2, 3]), np.array([True, True, False, False]), 1.0).explore(
        words(0b1100)
    )
    assert len(found) == 3 and len(unsure) == 0  # one lex-feasible basis per vertex
    assert sorted(bin(m).count("1") for m in ints(labels)) == [2, 2, 3]


def test_a_near_singular_basis_is_handed_back():
    # 1e-12 z1 + s1 = 1: the vertex z1 = 1e12 needs a pivot below the search's threshold
    M = np.array([[1e-12, 1, 1]], dtype=float)
    found, _, unsure = Search(M, np.array([1]), np.array([True, False]), 1.0).explore(words(0b10))
    assert ints(found) == [0b10] and ints(unsure) == [0b01]


def test_keys_span_two_words_beyond_64_variables():
    # z_0 + ... + z_69 + s = 1: the simplex in 70 dimensions, 71 vertices, each basis one variable of 71
    n = 70
    M = np.ones((1, n + 2))
    search = Search(M, np.array([n]), np.arange(n + 1) < n, 1.0)
    found, labels, unsure = search.explore(words(1 << n, width=2))
    assert found.shape == (n + 1, 2) and len(unsure) == 0
    assert ints(found) == sorted(1 << v for v in range(n + 1))
    everything = (1 << (n + 1)) - 1
    assert ints(labels) == sorted(everything & ~(1 << v) for v in range(n + 1))


# ----------------------------------------------------------------------------- exact vertices in int64

from hypothesis import given, strategies as st  # noqa: E402

from bargaining.errors import SolverError  # noqa: E402
from bargaining.solvers.enumeration import _Polytope  # noqa: E402


def _column_polytope(A):
    m, n = len(A), len(A[0])
    return _Polytope.column_player(A, m, n), m, n


def _all_bases(poly):
    """Every basis of ``poly`` (nonsingular or not): e of its nv variables."""
    from itertools import combinations

    return [sum(1 << v for v in c) for c in combinations(range(poly.nv), poly.e)]


@given(st.lists(st.lists(st.integers(1, 4), min_size=1, max_size=4), min_size=1, max_size=4).filter(
    lambda A: len({len(r) for r in A}) == 1))
def test_exact_vertices_match_the_python_solve_on_every_basis(A):
    # every basis, feasible or not, singular or not: status 0 must be exactly vertex_of_basis, the rest 2
    poly, m, n = _column_polytope(A)
    masks = _all_bases(poly)
    coords = list(poly.coords)
    Mc = np.array([[row[v] for v in coords] for row in poly.rows], dtype=np.int64)
    nums, dets, labels, key_nums, key_den, status = lexsearch.exact_vertices(
        Mc, np.array(coords, dtype=np.int64), np.array(poly.slack_of_row, dtype=np.int64), words(*masks)
    )
    for t, mask in enumerate(masks):
        try:
            expected = poly.vertex_of_basis(mask)
        except SolverError:  # singular or infeasible
            assert status[t] == 2
            continue
        assert status[t] == 0
        assert tuple(nums[t].tolist()) == expected.nums and int(dets[t]) == expected.den
        assert ints(labels[t : t + 1]) == [expected.mask]
        assert (tuple(key_nums[t].tolist()), int(key_den[t])) == expected.key


def test_exact_vertices_refuse_what_int64_cannot_hold():
    # entries near 2**30: a 3 x 3 basis's minors may reach 2**92, beyond int64; it is handed back (status 1)
    big = 1 << 30
    A = [[big, big - 1, 3], [big - 5, 7, big], [11, big - 2, big - 3]]
    poly, m, n = _column_polytope(A)
    basis = sum(1 << v for v in poly.coords)  # all three coordinates basic
    coords = list(poly.coords)
    Mc = np.array([[row[v] for v in coords] for row in poly.rows], dtype=np.int64)
    slack = np.array(poly.slack_of_row, dtype=np.int64)
    *_, status = lexsearch.exact_vertices(Mc, np.array(coords, dtype=np.int64), slack, words(basis, 0b111))
    assert status.tolist() == [1, 0]
    # and the polytope's own batch solve falls back to Python integers for it, with the same answer
    assert poly.vertices_of_bases([basis], lexsearch) == [
        poly.vertex_of_basis(basis)]
