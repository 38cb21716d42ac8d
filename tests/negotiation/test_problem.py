"""Tests of :mod:`bargaining.negotiation.problem`: bargaining problems, their frontiers and when an agreement exists."""

from __future__ import annotations

from fractions import Fraction as F
from itertools import combinations

import pytest
from hypothesis import given

from bargaining.errors import InputError
from bargaining.negotiation import BargainingProblem
from tests.oracles.bargaining import pareto_optimal, segment_hits
from tests.strategies import problems


@given(problems())
def test_frontier_is_a_decreasing_chain_dominating_every_outcome(P):
    vs = P.frontier().vertices
    assert vs
    for p, q in zip(vs, vs[1:]):
        assert p[0] < q[0] and p[1] > q[1]
    if not P.transfers:
        for v in vs:
            assert v in P.points and pareto_optimal(P, v)
        for p in P.points:
            u2 = P.frontier().u2_at(p[0])
            assert (u2 if u2 is not None else vs[0][1]) >= p[1]


@given(problems())
def test_agreement_exists_iff_a_strictly_better_point_exists(P):
    d = P.disagreement
    if P.transfers:
        expected = P.max_total > d[0] + d[1]
    else:
        # Every corner of F ∩ {u >= d} is an outcome or a crossing of a segment
        # between outcomes with u1 = d1 or u2 = d2. The average of such points
        # (all corners included) lies in the relative interior of F ∩ {u >= d},
        # which has a point strictly better for both iff the average is.
        pts = list(P.points)
        cands = list(pts)
        for p, q in combinations(pts, 2):
            cands += segment_hits(p, q, 0, d[0]) + segment_hits(p, q, 1, d[1])
        inside = [c for c in cands if c[0] >= d[0] and c[1] >= d[1]]
        expected = bool(inside) and all(
            sum(c[i] for c in inside) / len(inside) > d[i] for i in (0, 1)
        )
    assert P.agreement_exists() == expected


def test_problem_rejects_bad_input():
    with pytest.raises(InputError, match="at least one outcome"):
        BargainingProblem((), (F(0), F(0)))
    with pytest.raises(InputError, match=r"points\[0\]"):
        BargainingProblem(((0.5, 0),), (F(0), F(0)))
    with pytest.raises(InputError, match="distinct labels"):
        BargainingProblem.from_payoffs([(0, 1), (1, 0)], (0, 0), labels=["a", "a"])
    with pytest.raises(InputError, match=r"disagreement\[1\]"):
        BargainingProblem.from_payoffs([(0, 1)], (0, "x"))
    with pytest.raises(InputError, match="unknown outcome 'c'; known outcomes: a; b"):
        BargainingProblem.from_payoffs([(0, 1), (1, 0)], (0, 0), labels=["a", "b"]).index_of("c")
