"""Tests of :mod:`bargaining.negotiation.solutions`: the axiomatic bargaining solutions.

Properties check the axioms that characterise each solution (Nash 1950;
Kalai & Smorodinsky 1975; Roth, *Axiomatic Models of Bargaining*, 1979) on
random polygons; known answers come from textbooks (Osborne & Rubinstein,
*Bargaining and Markets*, 1990).
"""

from __future__ import annotations

import math
from fractions import Fraction as F

import pytest
from hypothesis import assume, given, strategies as st

from bargaining.errors import InputError
from bargaining.negotiation import (
    SOLUTIONS,
    BargainingProblem,
    egalitarian,
    kalai_smorodinsky,
    nash,
    nash_on_curve,
    rubinstein,
    solve_bargaining,
    utilitarian,
)
from tests.oracles.bargaining import pareto_optimal
from tests.strategies import payoffs, problems, symmetric_problems

AXIOMATIC = [nash, kalai_smorodinsky, egalitarian, utilitarian]


# --------------------------------------------------------------------------- helpers


def realised(problem: BargainingProblem, solution):
    """The payoffs the agreement (lottery plus transfer) actually delivers."""
    u1 = sum(problem.points[problem.index_of(lab)][0] * w for lab, w in solution.agreement)
    u2 = sum(problem.points[problem.index_of(lab)][1] * w for lab, w in solution.agreement)
    return (u1 + solution.transfer, u2 - solution.transfer)


def affine(u, player, a, b):
    v = list(u)
    v[player] = a * v[player] + b
    return tuple(v)


# --------------------------------------------------------------------------- every solution


@pytest.mark.parametrize("solution", AXIOMATIC + [rubinstein], ids=lambda f: f.__name__)
@given(P=problems())
def test_solution_is_feasible_rational_and_pareto_optimal(solution, P):
    s = solution(P)
    d = P.disagreement
    assert s.exact
    assert s.exists == P.agreement_exists()
    if not s.exists:
        assert s.payoffs == d and s.agreement == () and s.transfer == 0 and s.notes
        return
    assert s.payoffs[0] >= d[0] and s.payoffs[1] >= d[1]
    assert P.contains(s.payoffs)
    assert sum(w for _, w in s.agreement) == 1 and all(w > 0 for _, w in s.agreement)
    assert realised(P, s) == s.payoffs
    assert pareto_optimal(P, s.payoffs)
    if not P.transfers:
        assert s.transfer == 0


@given(problems())
def test_to_dict_round_trips_exact_numbers(P):
    for name in SOLUTIONS:
        d = solve_bargaining(P, name).to_dict()
        s = solve_bargaining(P, name)
        assert tuple(F(x) for x in d["payoffs"]) == s.payoffs
        assert F(d["surplus"]) == s.surplus
        assert {k: F(v) for k, v in d["agreement"].items()} == {
            ", ".join(lab): w for lab, w in s.agreement
        }


# --------------------------------------------------------------------------- Nash


@given(symmetric_problems())
def test_nash_symmetry(P):
    for solution in (nash, kalai_smorodinsky, egalitarian):
        s = solution(P)
        assert s.gains[0] == s.gains[1]


@given(problems(), payoffs(lo=1, hi=5), payoffs(), st.sampled_from([0, 1]))
def test_nash_invariant_to_rescaling_one_player(P, a, b, player):
    assume(not P.transfers)
    Q = P.rescaled(player, a, b)
    for solution in (nash, kalai_smorodinsky):
        assert solution(Q).payoffs == affine(solution(P).payoffs, player, a, b)


@given(problems(), st.data())
def test_nash_independence_of_irrelevant_alternatives(P, data):
    s = nash(P)
    keep = {P.index_of(lab) for lab, _ in s.agreement}
    if P.transfers:
        # the transfer line is set by the outcomes of largest total
        keep |= {i for i, p in enumerate(P.points) if p[0] + p[1] == P.max_total}
    others = [i for i in range(len(P.points)) if i not in keep]
    dropped = set(data.draw(st.lists(st.sampled_from(others), unique=True)) if others else [])
    if not keep:  # no agreement: keep the disagreement outcome, if any, so d stays feasible
        keep = {i for i, p in enumerate(P.points) if p == P.disagreement}
        dropped -= keep
    idx = [i for i in range(len(P.points)) if i not in dropped]
    assume(idx)
    Q = BargainingProblem(
        tuple(P.points[i] for i in idx), P.disagreement, P.transfers, tuple(P.labels[i] for i in idx)
    )
    t = nash(Q)
    if s.exists:
        assert t.payoffs == s.payoffs
    else:
        assert not t.exists  # a smaller set cannot create an agreement


@given(problems(), payoffs(lo=0, hi=1, max_denominator=20))
def test_weighted_nash_maximises_the_weighted_product(P, a1):
    assume(P.agreement_exists())
    a = (a1, 1 - a1)
    s = nash(P, weights=a)
    d = P.disagreement

    def value(u):  # log of x1**a1 * x2**a2, with 0**0 = 1
        total = 0.0
        for w, x in zip(a, (u[0] - d[0], u[1] - d[1])):
            if w > 0:
                total += w * math.log(x) if x > 0 else -math.inf
        return total

    best = value(s.payoffs)
    for p, q in P.ir_frontier().edges:
        for k in range(0, 41):
            u = (p[0] + F(k, 40) * (q[0] - p[0]), p[1] + F(k, 40) * (q[1] - p[1]))
            assert value(u) <= best + 1e-12
    if P.transfers:
        S = P.max_total - d[0] - d[1]
        assert s.payoffs == (d[0] + a[0] * S, d[1] + a[1] * S)


def test_nash_unit_surplus_linear_utilities():
    """Dividing a dollar, linear utilities: half each (Nash 1950; Osborne & Rubinstein 2.3)."""
    P = BargainingProblem.from_payoffs([(1, 0), (0, 1), (0, 0)], (0, 0), labels=["1 takes", "2 takes", "none"])
    s = nash(P)
    assert s.payoffs == (F(1, 2), F(1, 2))
    assert dict(s.agreement) == {("1 takes",): F(1, 2), ("2 takes",): F(1, 2)}


def test_nash_on_curve_square_root_utility():
    """Utilities x and sqrt(1 - x): the Nash split gives x = 2/3 (Osborne & Rubinstein, ex. 2.3)."""
    s = nash_on_curve(lambda x: math.sqrt(1 - x), 0, 1, (0, 0))
    assert not s.exact and s.exists
    assert s.payoffs[0] == pytest.approx(2 / 3, abs=1e-8)
    assert s.payoffs[1] == pytest.approx(math.sqrt(1 / 3), abs=1e-8)
    w = nash_on_curve(lambda x: 1 - x, 0, 1, (0, 0), weights=(F(1, 4), F(3, 4)))
    assert w.payoffs[0] == pytest.approx(0.25, abs=1e-8)


def test_nash_on_curve_without_gains():
    s = nash_on_curve(lambda x: 1 - x, 0, 1, (0.6, 0.6))
    assert not s.exists and s.payoffs == (0.6, 0.6)


@pytest.mark.parametrize(
    "weights, where",
    [((F(1), F(1)), "weights"), ((F(-1), F(2)), r"weights\[0\]"), (("x", 1), r"weights\[0\]"), ((1,), "weights")],
)
def test_bad_weights(weights, where):
    P = BargainingProblem.from_payoffs([(1, 0), (0, 1)], (0, 0))
    with pytest.raises(InputError, match=where):
        nash(P, weights=weights)


# --------------------------------------------------------------------------- Kalai–Smorodinsky and others


@given(problems(transfers=st.just(False), lo=0), st.lists(st.tuples(payoffs(lo=0), payoffs(lo=0)), max_size=4))
def test_kalai_smorodinsky_individual_monotonicity(P, extra):
    """Enlarging the set without raising player 1's ideal payoff cannot hurt player 2."""
    P = BargainingProblem(P.points, (F(0), F(0)), False, P.labels)
    assume(P.agreement_exists())
    ideal1 = max(p[0] for p in P.points)
    new = [p for p in extra if p[0] <= ideal1 and p not in P.points]
    Q = BargainingProblem(
        P.points + tuple(new), P.disagreement, False,
        P.labels + tuple((f"new{i}",) for i in range(len(new))),
    )
    assert kalai_smorodinsky(Q).payoffs[1] >= kalai_smorodinsky(P).payoffs[1]


def test_known_answers_on_a_triangle():
    P = BargainingProblem.from_payoffs([(1, 0), (0, 2), (0, 0)], (0, 0))
    assert nash(P).payoffs == (F(1, 2), F(1))
    assert kalai_smorodinsky(P).payoffs == (F(1, 2), F(1))
    assert egalitarian(P).payoffs == (F(2, 3), F(2, 3))
    assert utilitarian(P).payoffs == (F(0), F(2))


def test_egalitarian_refines_a_weakly_pareto_ray_point():
    # The equal-gains ray from (0, 0) leaves through the flat top edge at (1, 1),
    # which (2, 1) dominates; the refinement moves to (2, 1).
    P = BargainingProblem.from_payoffs([(0, 1), (2, 1), (3, 0), (0, 0)], (0, 0))
    assert egalitarian(P).payoffs == (F(2), F(1))


def test_utilitarian_tie_is_reported():
    P = BargainingProblem.from_payoffs([(2, 0), (0, 2)], (0, 0))
    s = utilitarian(P)
    assert s.payoffs == (F(1), F(1)) and "equal gains" in s.notes[0]
