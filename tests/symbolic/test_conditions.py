"""Tests of :mod:`bargaining.symbolic.conditions`: pure-profile equilibrium conditions and their reduction.

Known answers come from the design note (docs/explanation/model.md, "What
follows in closed form"); the property compares the symbolic conditions with
the exact solver at random parameter points inside the baseline's ranges.
"""

from __future__ import annotations

import pytest
import sympy
from hypothesis import HealthCheck, given, settings, strategies as st

from bargaining.io.gamefile import load_model
from bargaining.symbolic.conditions import classify, holds, reduce_inequality, verdict
from bargaining.symbolic.result import Condition
from bargaining.symbolic.simplify import Simplifier
from tests.strategies import baseline_points, box_points, boxes, polynomials
from tests.symbolic.common import TAIWAN, baseline, condition, env_at, equal, holds_at, solver_equilibria, syms

# ------------------------------------------------------------------ closed forms of the design note


def test_ally_ally_needs_G_i_for_both_players():
    d = baseline()
    s = syms(d)
    T, lam, w_R, w_C, e_R, e_C, a, j, r = (s[n] for n in ("T", "lam", "w_R", "w_C", "e_R", "e_C", "a", "j", "r"))
    G_R = (1 - lam) * (T - w_R) - e_R - r - j * a
    G_C = (1 - lam) * (T - w_C) - e_C - r
    (cr,) = condition(d, "(ally, ally)", "Russia: ally rather than align")
    (cc,) = condition(d, "(ally, ally)", "China: ally rather than align")
    assert cr.rel == ">=" and equal(cr.expr, G_R)
    assert cc.rel == ">=" and equal(cc.expr, G_C)


def test_hedge_against_align_is_the_sign_of_T_minus_2w():
    d = baseline()
    s = syms(d)
    for profile, label, w, rel in [
        ("(align, align)", "Russia: align rather than hedge", "w_R", ">="),
        ("(hedge, hedge)", "China: hedge rather than align", "w_C", "<="),
        ("(align, hedge)", "China: hedge rather than align", "w_C", "<="),
    ]:
        (c,) = condition(d, profile, label)
        assert c.rel == rel and equal(c.expr, s["T"] - 2 * s[w])
        assert c.assumptions == ("lam > 0",)  # divided by lam, positive on its range [0.3, 0.8]


def test_signing_alone_never_pays():
    """Against align, ally loses (1 - lam)*w_i + e_i: (ally, align) is an equilibrium only on a boundary."""
    d = baseline()
    s = syms(d)
    p = next(p for p in d.pure if p.name == "(ally, align)")
    assert p.verdict == "boundary"
    (c,) = condition(d, "(ally, align)", "Russia: ally rather than align")
    assert c.rel == "<=" and c.status == "boundary"
    assert equal(c.expr, (1 - s["lam"]) * s["w_R"] + s["e_R"])


def test_identically_true_conditions_are_marked():
    d = baseline()
    (c,) = condition(d, "(align, align)", "Russia: align rather than ally")
    assert c.trivial and c.status == "always"


def test_pure_equilibria_at_the_files_values():
    assert [p.name for p in baseline().pure if p.equilibrium_at_file] == ["(align, align)"]
    taiwan = baseline(**TAIWAN)
    assert [p.name for p in taiwan.pure if p.equilibrium_at_file] == ["(ally, ally)", "(align, align)"]


# ------------------------------------------------------------------ symbolic against numeric


@settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(baseline_points())
def test_pure_conditions_hold_exactly_when_the_solver_finds_the_profile(point):
    d = baseline()
    env = env_at(d, point)
    found = solver_equilibria(load_model("games/baseline.toml", {k: str(v) for k, v in point.items()}))
    pure = {(x.index(1), y.index(1)) for x, y in found.pairs if 1 in x and 1 in y}
    symbolic = {p.profile for p in d.pure if all(holds_at(c, env) for c in p.conditions)}
    assert symbolic == pure


# ------------------------------------------------------------------ the reduction, on its own


@given(polynomials(), boxes(), st.sampled_from([">=", ">", "<=", "<"]), st.data())
def test_a_reduced_condition_is_equivalent_on_the_box(f, box, rel, data):
    point = data.draw(box_points(box))
    env = {sympy.Symbol(n, real=True): sympy.Rational(q.numerator, q.denominator) for n, q in point.items()}
    reduced = reduce_inequality(f, rel, Simplifier(box))
    before = holds(f.xreplace(env), rel)
    after = [holds(sympy.sympify(r.expr).xreplace(env), r.rel) for r in reduced]
    assert before == all(after)


def test_dividing_by_a_positive_factor_notes_the_assumption():
    T, lam, w = sympy.symbols("T lam w", nonnegative=True)
    box = {"lam": (sympy.Rational(3, 10), sympy.Rational(4, 5)), "T": (0, 1), "w": (0, 1)}
    (r,) = reduce_inequality(lam * T / 2 - lam * w, ">=", Simplifier(box))
    assert (r.expr, r.rel, r.assumptions, r.status) == (T - 2 * w, ">=", ("lam > 0",), "depends")


@pytest.mark.parametrize(
    "expr, rel, status",
    [
        ("w + e", "<=", "boundary"),
        ("w + e", ">=", "always"),
        ("w + e + 1", "<", "never"),
        ("w + e", ">", "interior"),
        ("w - e", ">=", "depends"),
        ("1", ">=", "identity"),
        ("-1", ">=", "contradiction"),
    ],
)
def test_classify_over_the_box(expr, rel, status):
    w, e = sympy.symbols("w e", nonnegative=True)
    f = {"w + e": w + e, "w + e + 1": w + e + 1, "w - e": w - e, "1": sympy.Integer(1), "-1": sympy.Integer(-1)}[expr]
    assert classify(f, rel, {"w": (0, 1), "e": (0, 1)}) == status


def test_holds_and_verdicts():
    assert holds(sympy.Rational(1, 3), ">=") and not holds(sympy.Integer(0), ">")
    assert holds(sympy.nan, ">=") is None and holds(sympy.zoo, "<") is None
    c = lambda status: Condition(label="", player=0, expr=sympy.Integer(0), rel=">=", status=status)  # noqa: E731
    assert verdict([c("always"), c("identity")]) == "always"
    assert verdict([c("always"), c("depends")]) == "conditional"
    assert verdict([c("boundary"), c("depends")]) == "boundary"
    assert verdict([c("never"), c("boundary")]) == "never"
