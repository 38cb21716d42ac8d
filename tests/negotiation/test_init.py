"""Tests of ``bargaining/negotiation/__init__.py``: the registry of solutions and :func:`solve_bargaining`.

Known answers from the design note's alliance model (``shared/design/alliance-model.md``,
"Bargaining over treaty terms"): no treaty at any terms at baseline; in the
Taiwan crisis a surplus of 0.281 split by the weighted Nash solution.
"""

from __future__ import annotations

from fractions import Fraction as F

import pytest

from bargaining.errors import InputError
from bargaining.negotiation import SOLUTIONS, BargainingProblem, nash, solve_bargaining


def test_unknown_solution_lists_the_valid_ones():
    P = BargainingProblem.from_payoffs([(1, 0)], (0, 0))
    with pytest.raises(InputError, match="bargaining solutions: nash, weighted-nash, kalai-smorodinsky"):
        solve_bargaining(P, "shapley")


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
