"""Families of equilibria on degenerate regions (:mod:`bargaining.symbolic.families`): complete against ``solve``.

The oracle is the exact extreme-equilibrium enumeration of
:mod:`bargaining.solvers.enumeration` (Avis, Rosenberg, Savani and von Stengel
2010, lrs-style; Mangasarian 1964 for the extreme points). Every extreme
equilibrium it finds at a parameter point must be described by ``derive``: a
pure profile whose conditions hold there, a mixed equilibrium whose closed
form gives it, or a family whose constraints it satisfies; unless the point
lies on a degenerate set ``derive`` lists as one where its description stops.
"""

from __future__ import annotations

from fractions import Fraction

import sympy
from hypothesis import HealthCheck, given, settings, strategies as st

from bargaining.io.strategic import model_from_dict
from bargaining.solvers.enumeration import extreme_equilibria
from bargaining.symbolic import derive
from bargaining.symbolic.families import eliminate, support_pairs
from bargaining.symbolic.result import _holds_at
from tests.strategies import affine_models, open_tie_models

TIE = {
    "title": "Tie game",
    "players": ["First", "Second"],
    "strategies": {"First": ["a", "b"], "Second": ["c", "d"]},
    "parameters": {"x": {"value": "0.5", "min": "0", "max": "2"}, "y": {"value": "0.5", "min": "0", "max": "2"}},
    "payoffs": {"First": [["x", "1"], ["1", "1"]], "Second": [["y", "1"], ["1", "1"]]},
}


def _point(d, values):
    """symbol -> Rational for every symbol the derivation's expressions use."""
    return {sympy.Symbol(n, **a): sympy.Rational(values[n].numerator, values[n].denominator)
            for n in d.symbols for a in ({"real": True}, {"real": True, "positive": True},
                                         {"real": True, "nonnegative": True})}


def _subs(expr, point):
    return expr.xreplace(point) if isinstance(expr, sympy.Basic) else expr


def _support(v):
    return tuple(k for k, p in enumerate(v) if p != 0)


def described(d, x, y, point) -> bool:
    """Whether ``(x, y)`` is one of the equilibria ``derive`` describes at ``point``."""
    I, J = _support(x), _support(y)
    if len(I) == 1 and len(J) == 1:
        p = next(p for p in d.pure if p.profile == (I[0], J[0]))
        return all(_holds_at(c, point) for c in p.conditions)
    for m in d.mixed:
        if m.kind == "generic" and m.supports == (I, J):
            probs = [[_subs(f.expr, point) for f in side] for side in m.probabilities]
            if probs == [[x[i] for i in I], [y[j] for j in J]] and all(_holds_at(c, point) for c in m.conditions):
                return True
    for f in d.families:
        if f.supports != (I, J):
            continue
        here = dict(point)
        for side, mix in zip(f.sides, (x, y)):
            for name, k in zip(side.variables, side.free):
                here.update({sympy.Symbol(name, **a): sympy.Rational(mix[k].numerator, mix[k].denominator)
                             for a in ({"real": True}, {"real": True, "positive": True})})
        if all(_holds_at(c, here) for side in f.sides for c in side.constraints):
            return True
    return False


def _check(data, values):
    model = model_from_dict(data)
    d = derive(model)
    at = model.with_values(values).game()
    point = _point(d, values)
    stops = any(g.holds_at(point) for g in d.degenerate)
    missing = [(x, y) for x, y in extreme_equilibria(at.A, at.B).pairs if not described(d, x, y, point)]
    return d, stops, missing


def test_the_tie_game_reports_its_continua():
    d = derive(model_from_dict(TIE))
    names = {f.name for f in d.families if f.verdict == "possible"}
    assert {"{b} × {c, d}", "{a, b} × {d}"} <= names
    assert all(f.equilibrium_at_file for f in d.families if f.name in names)
    for x, y in [
        (Fraction(1, 2), Fraction(1, 2)),
        (Fraction(1, 10), Fraction(9, 10)),
        (Fraction(3, 2), Fraction(1, 3)),
    ]:
        _, stops, missing = _check(TIE, {"x": x, "y": y})
        assert not stops and not missing


def test_the_tie_game_stops_only_where_it_says():
    # on x = 1 First is indifferent between a and b against every column: the sets listed hold there
    d, stops, missing = _check(TIE, {"x": Fraction(1), "y": Fraction(1, 2)})
    assert stops or not missing


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(open_tie_models(), affine_models(sizes=((2, 2), (3, 3)), max_coef=2)), st.data())
def test_derive_describes_every_equilibrium_solve_finds(case, data):
    game, spec = case
    num = int(spec.rsplit(":", 1)[1])
    model = model_from_dict(game)
    d = derive(model)
    # grid values (where the forced ties sit) and interior points
    for t in [
        Fraction(data.draw(st.integers(0, num - 1)), num - 1),
        data.draw(st.fractions(min_value=0, max_value=1, max_denominator=50)),
    ]:
        point = _point(d, {"t": t})
        at = model.with_values({"t": t}).game()
        if any(g.holds_at(point) for g in d.degenerate):
            continue  # derive says its description may stop here
        for x, y in extreme_equilibria(at.A, at.B).pairs:
            assert described(d, x, y, point), f"t = {t}: {x}, {y} not described"


def test_support_pairs_cover_every_pair_once():
    equal, rest = support_pairs(2, 3)
    pairs = list(equal) + list(rest)
    # every pair of nonempty supports but the pure profiles, which are derived on their own
    assert len(pairs) == len(set(pairs)) == (2**2 - 1) * (2**3 - 1) - 2 * 3
    assert all(len(I) + len(J) > 2 for I, J in pairs)


def test_elimination_projects_onto_the_parameters():
    q, x = sympy.symbols("q x", real=True)
    # 0 < q < 1 and q (1 - x) >= 0: some q exists iff x <= 1
    assert eliminate([(q, True), (1 - q, True), (q * (1 - x), False)], [q], {"x": (0, 2)}, positive=[0, 1]) == [
        [(1 - x, ">=")]
    ]
