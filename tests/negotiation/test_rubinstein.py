"""Tests of :mod:`bargaining.negotiation.rubinstein`: alternating offers (Rubinstein 1982).

Known answers: the shares (1 - delta_k)/(1 - delta_i delta_k) and their limit,
the patience-weighted Nash split (Binmore, Rubinstein and Wolinsky 1986;
Osborne and Rubinstein, *Bargaining and Markets*, 1990).
"""

from __future__ import annotations

import math
from fractions import Fraction as F

import pytest
from hypothesis import assume, given, strategies as st

from bargaining.errors import InputError
from bargaining.negotiation import BargainingProblem, nash, rubinstein, rubinstein_limit_weights, rubinstein_shares
from bargaining.negotiation.rubinstein import rubinstein_proposals
from tests.oracles.bargaining import pareto_optimal
from tests.strategies import discount_factors, problems


@given(discount_factors(), discount_factors(), st.sampled_from([0, 1]))
def test_rubinstein_shares_formula(d1, d2, first):
    shares = rubinstein_shares((d1, d2), first)
    delta = (d1, d2)
    i, k = first, 1 - first
    assert shares[i] == (1 - delta[k]) / (1 - delta[i] * delta[k])
    assert sum(shares) == 1
    # the responder is exactly indifferent: accepting now = the next-period proposal, discounted
    assert shares[k] == delta[k] * rubinstein_shares((d1, d2), k)[k]


@given(problems(), discount_factors(), discount_factors())
def test_rubinstein_proposals_make_the_responder_indifferent(P, d1, d2):
    assume(P.agreement_exists())
    d = P.disagreement
    x, y = rubinstein_proposals(P, (d1, d2))
    assert pareto_optimal(P, x) and pareto_optimal(P, y)
    # player 2 accepts x: it is worth what waiting for y is worth to them
    assert x[1] - d[1] >= d2 * (y[1] - d[1])
    assert y[0] - d[0] >= d1 * (x[0] - d[0])
    # and neither proposer leaves more than needed unless the frontier ends
    assert x[1] - d[1] == d2 * (y[1] - d[1]) or x == P.ir_frontier().vertices[-1]
    assert y[0] - d[0] == d1 * (x[0] - d[0]) or y == P.ir_frontier().vertices[0]


@given(discount_factors(), discount_factors())
def test_rubinstein_on_a_line_without_transfers_matches_the_formula(d1, d2):
    P = BargainingProblem.from_payoffs([(3, 0), (0, 3)], (0, 0))
    T = BargainingProblem.from_payoffs([(3, 0), (0, 3)], (0, 0), transfers=True)
    for first in (0, 1):
        s, t = rubinstein(P, (d1, d2), first), rubinstein(T, (d1, d2), first)
        share = rubinstein_shares((d1, d2), first)
        assert s.payoffs == t.payoffs == (3 * share[0], 3 * share[1])


@pytest.mark.parametrize("r1, r2", [(1, 1), (1, 3), (2, 0.5)])
def test_rubinstein_tends_to_the_patience_weighted_nash_split(r1, r2):
    """delta_i = exp(-r_i Delta), Delta -> 0: shares tend to r_k / (r_i + r_k) (BRW 1986)."""
    target = r2 / (r1 + r2)
    errors = []
    for step in (0.1, 0.01, 0.001):
        delta = (F(math.exp(-r1 * step)), F(math.exp(-r2 * step)))
        errors.append(abs(float(rubinstein_shares(delta, 0)[0]) - target))
        assert float(rubinstein_limit_weights(delta)[0]) == pytest.approx(target)
    assert errors[0] > errors[1] > errors[2] and errors[2] < 1e-3


def test_rubinstein_on_a_polygon_tends_to_nash():
    P = BargainingProblem.from_payoffs([(4, 0), (3, 2), (1, 3), (0, 3), (0, 0)], (0, 0))
    a = (F(1, 3), F(2, 3))  # r1 = 2 r2
    u = nash(P, weights=a).payoffs
    last = None
    for step in (F(1, 10), F(1, 100), F(1, 1000)):
        delta = (1 - 2 * step, 1 - step)
        x, y = rubinstein_proposals(P, delta)
        err = max(abs(x[0] - u[0]), abs(y[0] - u[0]))
        assert last is None or err < last
        last = err
    assert last < F(1, 100)


def test_rubinstein_reports_the_limit():
    P = BargainingProblem.from_payoffs([(1, 0), (0, 1)], (0, 0), transfers=True, players=("R", "C"))
    s = rubinstein(P, discount=(F(9, 10), F(9, 10)), first=1)
    params = dict(s.parameters)
    assert s.payoffs == (F(9, 19), F(10, 19))
    assert params["limit payoffs"] == (F(1, 2), F(1, 2))
    assert params["first proposer"] == "C"
    assert params["payoffs if R proposed first"] == (F(10, 19), F(9, 19))


@pytest.mark.parametrize("discount", [(1, F(1, 2)), (0, F(1, 2)), (F(1, 2),), ("a", 1)])
def test_bad_discount(discount):
    P = BargainingProblem.from_payoffs([(1, 0), (0, 1)], (0, 0))
    with pytest.raises(InputError, match="discount"):
        rubinstein(P, discount=discount)
