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

Search = pytest.importorskip("bargaining.solvers.lexsearch", reason="the compiled search needs numba").Search


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
