"""Tests of the bargaining core: problems, axiomatic solutions, alternating offers.

Properties check the axioms that characterise each solution (Nash 1950;
Kalai & Smorodinsky 1975; Roth, *Axiomatic Models of Bargaining*, 1979) on
random polygons; known answers come from textbooks (Osborne & Rubinstein,
*Bargaining and Markets*, 1990) and from the design note's alliance model
(``shared/design/alliance-model.md``, "Bargaining over treaty terms").
"""

from __future__ import annotations

import math
from fractions import Fraction as F
from itertools import combinations

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from bargaining.errors import InputError
from bargaining.negotiation import (
    SOLUTIONS,
    BargainingProblem,
    egalitarian,
    kalai_smorodinsky,
    nash,
    nash_on_curve,
    rubinstein,
    rubinstein_limit_weights,
    rubinstein_shares,
    solve_bargaining,
    utilitarian,
)
from bargaining.negotiation.rubinstein import rubinstein_proposals
from tests.strategies import discount_factors, payoffs, problems, symmetric_problems

AXIOMATIC = [nash, kalai_smorodinsky, egalitarian, utilitarian]


# --------------------------------------------------------------------------- helpers


def _segment_hits(p, q, axis, value):
    """Points of segment pq whose coordinate ``axis`` equals ``value``."""
    if p[axis] == q[axis]:
        return [p, q] if p[axis] == value else []
    s = (value - p[axis]) / (q[axis] - p[axis])
    if not 0 <= s <= 1:
        return []
    return [(p[0] + s * (q[0] - p[0]), p[1] + s * (q[1] - p[1]))]


def pareto_optimal(problem: BargainingProblem, u) -> bool:
    """Brute force: no feasible point weakly dominates ``u`` and differs from it.

    The feasible points that dominate ``u`` form a polygon whose corners are
    outcomes or crossings of segments between outcomes with the lines
    ``v1 = u1`` and ``v2 = u2``; checking those candidates is enough.
    """
    if problem.transfers:
        return u[0] + u[1] == problem.max_total
    pts = list(problem.points)
    candidates = list(pts)
    for p, q in combinations(pts, 2):
        candidates += _segment_hits(p, q, 0, u[0]) + _segment_hits(p, q, 1, u[1])
    return not any(c[0] >= u[0] and c[1] >= u[1] and c != u for c in candidates)


def realised(problem: BargainingProblem, solution):
    """The payoffs the agreement (lottery plus transfer) actually delivers."""
    u1 = sum(problem.points[problem.index_of(lab)][0] * w for lab, w in solution.agreement)
    u2 = sum(problem.points[problem.index_of(lab)][1] * w for lab, w in solution.agreement)
    return (u1 + solution.transfer, u2 - solution.transfer)


def affine(u, player, a, b):
    v = list(u)
    v[player] = a * v[player] + b
    return tuple(v)


# --------------------------------------------------------------------------- the problem


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
            cands += _segment_hits(p, q, 0, d[0]) + _segment_hits(p, q, 1, d[1])
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


def test_unknown_solution_lists_the_valid_ones():
    P = BargainingProblem.from_payoffs([(1, 0)], (0, 0))
    with pytest.raises(InputError, match="bargaining solutions: nash, weighted-nash, kalai-smorodinsky"):
        solve_bargaining(P, "shapley")


# --------------------------------------------------------------------------- Rubinstein


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


# --------------------------------------------------------------------------- the alliance model


def alliance_problem(transfers, T, lam, w_R, w_C, e_R, e_C, a, j, r):
    """The 3x3 game of the design note's cell table, exactly; d = (align, align)."""
    S = ("ally", "align", "hedge")
    A = [
        [T - w_R - e_R - r - j * a, T * lam - w_R - e_R, T * lam / 2 - w_R - e_R],
        [lam * (T - w_R), lam * (T - w_R), lam * (T / 2 - w_R)],
        [T * lam / 2, T * lam / 2, F(0)],
    ]
    B = [
        [T - w_C - e_C - r, lam * (T - w_C), T * lam / 2],
        [T * lam - w_C - e_C, lam * (T - w_C), T * lam / 2],
        [T * lam / 2 - w_C - e_C, lam * (T / 2 - w_C), F(0)],
    ]
    points = tuple((A[i][k], B[i][k]) for i in range(3) for k in range(3))
    labels = tuple((S[i], S[k]) for i in range(3) for k in range(3))
    return BargainingProblem(points, points[4], transfers, labels, ("Russia", "China"))


BASELINE = dict(
    T=F("0.6"), lam=F("0.5"), w_R=F("0.15"), w_C=F("0.22"), e_R=F("0.10"), e_C=F("0.18"),
    a=F("0.73"), j=F("0.3"), r=F("0.05"),
)
TAIWAN = dict(BASELINE, T=F("1.0"), w_R=F("0.10"), w_C=F("0.10"), e_R=F("0.12"))


@pytest.mark.parametrize("transfers", [False, True])
def test_baseline_no_treaty_at_any_terms(transfers):
    P = alliance_problem(transfers, **BASELINE)
    assert P.disagreement == (F("0.225"), F("0.19"))
    assert P.profile_surplus("ally, ally") == F("-0.184")
    assert not P.agreement_exists()
    for name in SOLUTIONS:
        s = solve_bargaining(P, name, weights=(1 - (1 + BASELINE["a"]) / 2, (1 + BASELINE["a"]) / 2))
        assert not s.exists and s.payoffs == P.disagreement
        assert "no agreement at any terms" in s.notes[0]
        assert "align, align" in s.notes[1]


def test_taiwan_crisis_treaty_with_transfers():
    P = alliance_problem(True, **TAIWAN)
    S = P.profile_surplus("ally, ally")
    assert S == F("0.281") == P.surplus()
    alpha_C = (1 + TAIWAN["a"]) / 2
    s = nash(P, weights=(1 - alpha_C, alpha_C))
    d = P.disagreement
    assert s.exists and s.exact
    assert s.payoffs == (d[0] + (1 - alpha_C) * S, d[1] + alpha_C * S)
    assert s.payoffs == (F("0.487935"), F("0.693065"))
    assert dict(s.agreement) == {("ally", "ally"): 1}
    # U_R(ally, ally) = 0.511: Russia pays China 0.023065 on top of the treaty
    assert s.transfer == F("-0.023065")
    # symmetric Nash, KS and egalitarian split the surplus equally with transfers
    for name in ("nash", "kalai-smorodinsky", "egalitarian", "utilitarian"):
        assert solve_bargaining(P, name).payoffs == (d[0] + S / 2, d[1] + S / 2)


def test_taiwan_crisis_without_transfers_the_treaty_dominates():
    P = alliance_problem(False, **TAIWAN)
    assert P.frontier().vertices == ((F("0.511"), F("0.67")),)
    for name in SOLUTIONS:
        assert dict(solve_bargaining(P, name).agreement) == {("ally", "ally"): 1}
