"""Tipping points: the boundaries of the equilibrium conditions, solved for one parameter.

Each condition ``f rel 0`` of a pure profile, a mixed candidate or a
selection comparison is a closed form in the parameters. Where ``f`` is
linear in the chosen parameter ``θ``, ``f = α·θ + β``, the condition is a
bound ``θ ≥ −β/α`` or ``θ ≤ −β/α``, its direction given by the sign of ``α``
on the declared ranges (when that sign is not fixed, both cases are stated).
Where ``f`` is a product or of degree two in ``θ``, its roots are the
boundaries, listed without a direction. The lower bounds of one profile
combine into ``θ ≥ max(...)``: the binding one at the file's values is named,
as is the range of ``θ`` (the other parameters at the file's values) in which
the profile is an equilibrium, found exactly with ``sympy.solveset``.

For the alliance model and ``θ = T`` this is the treaty threshold
``T* = max_i (w_i + (e_i + r + J_i)/(1 − lam))`` of the design note.
"""

from __future__ import annotations

import sympy

from bargaining.symbolic import poly
from bargaining.symbolic.conditions import holds
from bargaining.symbolic.game import SymbolicGame, rational
from bargaining.symbolic.printing import plain
from bargaining.symbolic.result import Condition, Formula, SolvedBound, Tipping, TippingPoint
from bargaining.symbolic.signs import NEGATIVE, NONNEGATIVE, NONPOSITIVE, POSITIVE, signs
from bargaining.symbolic.simplify import Simplifier, count_ops
from bargaining.symbolic.univariate import solution_set

__all__ = ["tipping_points", "solve_condition"]

_FLIP = {">=": "<=", ">": "<", "<=": ">=", "<": ">", "==": "=="}

#: closed-form roots of nonlinear boundaries are shown only for factors up to this size
MAX_ROOT_OPS = 60


def _formula(expr, game, simp) -> Formula:
    t = simp.tidy(expr)
    value = game.at_file(t.expr)
    if value.has(sympy.nan, sympy.zoo, sympy.oo, -sympy.oo) or value.is_extended_real is False:
        value = None
    return Formula(expr=t.expr, at_file=value, simplified=t.simplified, note=t.note)


def _bound(name, context, cond, relation, bound, case=None, parts=()) -> SolvedBound:
    return SolvedBound(parameter=name, context=context, label=cond.label, player=cond.player, relation=relation,
                       bound=bound, case=case, parts=tuple(parts))


def _unsolved(name, context, cond, why: str) -> SolvedBound:
    return _bound(name, context, cond, "=", Formula(expr=sympy.nan), f"not solved: {why}", (f"not solved: {why}",))


def _roots(h, theta):
    """The roots of ``h`` (degree one or two in ``theta``) in closed form."""
    if poly.degree(h, theta) == 1:
        return [-h.coeff(theta, 0) / h.coeff(theta, 1)]
    if not (h.free_symbols - {theta}):
        return sympy.roots(sympy.Poly(h, theta), multiple=True)
    return sympy.solve(h, theta)


def solve_condition(cond: Condition, theta, context: str, game: SymbolicGame, simp: Simplifier):
    """The thresholds of one condition in ``theta``; None when the condition does not involve it."""
    e = cond.expr
    if theta not in e.free_symbols:
        return None
    name = theta.name
    if not simp.affordable(e):
        return [_unsolved(name, context, cond, "the condition is too large")]
    syms = sorted(e.free_symbols, key=lambda s: s.name)
    lists = poly.factor_lists(e, syms)
    if lists is None:
        return [_unsolved(name, context, cond, "not a rational function")]
    (_, nf), (_, df) = lists
    with_theta = [(h, m, False) for h, m in nf if theta in h.free_symbols] + [
        (h, m, True) for h, m in df if theta in h.free_symbols
    ]
    rel = cond.rel
    if len(with_theta) == 1 and not with_theta[0][2] and with_theta[0][1] % 2 == 1:
        h = with_theta[0][0]
        if poly.degree(h, theta) == 1:
            alpha = h.coeff(theta, 1)
            beta = h.coeff(theta, 0)
            bound = _formula(-beta / alpha, game, simp)
            # the sign of f's slope in theta: alpha times the theta-free rest of f
            slope = poly.cancel(e / h) * alpha
            s = signs(slope, simp.box) if slope.free_symbols else (
                frozenset({1}) if slope > 0 else frozenset({-1})
            )
            if rel == "==":
                return [_bound(name, context, cond, "=", bound)]
            if s == POSITIVE:
                return [_bound(name, context, cond, rel, bound)]
            if s == NEGATIVE:
                return [_bound(name, context, cond, _FLIP[rel], bound)]
            if s in (NONNEGATIVE, NONPOSITIVE):
                oriented = simp.tidy(slope if s == NONNEGATIVE else -slope).expr
                tail = f" (where it is 0 the condition does not involve {name})"
                case = f"where {plain(oriented)} > 0{tail}"
                return [_bound(name, context, cond, rel if s == NONNEGATIVE else _FLIP[rel], bound, case,
                               ("where ", (oriented, ">"), tail))]
            tidy_slope = simp.tidy(slope).expr
            case = f"{name} {rel} bound where {plain(tidy_slope)} > 0, {name} {_FLIP[rel]} bound where it is < 0"
            parts = (f"{name} {rel} bound where ", (tidy_slope, ">"), f", {name} {_FLIP[rel]} bound where it is < 0")
            return [_bound(name, context, cond, "=", bound, case, parts)]
    out = []
    for h, m, in_den in with_theta:
        d = poly.degree(h, theta)
        case = "a pole of the expression" if in_den else "a sign change" if m % 2 else "a double root (no sign change)"
        if d > 2:
            out.append(_unsolved(name, context, cond, f"degree {d} in {name}"))
            continue
        if d == 1 or count_ops(h) <= MAX_ROOT_OPS:
            for root in _roots(h, theta):
                out.append(_bound(name, context, cond, "=", _formula(root, game, simp), case, (case,)))
            continue
        # the closed-form roots would be pages long: give them with the other parameters at the file's values
        point = {s: v for s, v in game.point().items() if s != theta}
        x = sympy.Symbol(name, real=True)
        for root in _roots(h.xreplace(point).xreplace({theta: x}), x):
            if root.is_extended_real is False:
                continue
            note = (
                f"a root of a polynomial of degree {d} in {name} whose closed form is too long to show; "
                f"this is its value with the other parameters at the file's values"
            )
            out.append(_bound(name, context, cond, "=", Formula(expr=root, at_file=root, simplified=False, note=note),
                              case, (case,)))
    return out


def _set_at_file(conditions, theta, game: SymbolicGame):
    """The exact set of theta values (others at the file's values) where all conditions hold, or None."""
    point = {s: v for s, v in game.point().items() if s != theta}
    lo, hi = game.box[theta.name]
    domain = sympy.Interval(
        -sympy.oo if lo is None else rational(lo), sympy.oo if hi is None else rational(hi)
    )
    out = domain
    x = sympy.Symbol(theta.name, real=True)
    for c in conditions:
        e = c.expr.xreplace(point).xreplace({theta: x})
        if not e.free_symbols:
            part = domain if holds(e, c.rel) else sympy.EmptySet
        elif e.is_polynomial(x) and sympy.degree(e, x) == 1:
            # linear in theta: the bound directly
            alpha, beta = e.coeff(x, 1), e.coeff(x, 0)
            op = c.rel if alpha > 0 else _FLIP[c.rel]
            b = -beta / alpha
            part = {
                ">=": sympy.Interval(b, sympy.oo),
                ">": sympy.Interval.open(b, sympy.oo),
                "<=": sympy.Interval(-sympy.oo, b),
                "<": sympy.Interval.open(-sympy.oo, b),
                "==": sympy.FiniteSet(b),
            }[op]
        else:
            part = solution_set(e, c.rel, x)
            if part is None:
                return None
        out = out.intersect(part)
    return out


def tipping_points(contexts, theta, game: SymbolicGame, simp: Simplifier):
    """Thresholds of every context's conditions in ``theta``.

    Parameters
    ----------
    contexts : sequence of (name, kind, conditions)
        ``kind`` is ``pure``, ``mixed`` or ``selection``.
    theta : sympy.Symbol

    Returns
    -------
    tippings : tuple of Tipping
    boundaries : tuple of TippingPoint
        The distinct thresholds, sorted by their value at the file's values.
    """
    tippings = []
    for name, kind, conditions in contexts:
        if kind == "selection":
            both = _coexistence(name, tippings)
            if both is not None and both.is_empty:
                continue  # the two profiles are never both equilibria along theta: nothing to select
        lower, upper, other, fixed = [], [], [], []
        for c in conditions:
            found = solve_condition(c, theta, name, game, simp)
            if found is None:
                if not c.trivial:
                    fixed.append(c)
                continue
            for t in found:
                (lower if t.relation in (">=", ">") else upper if t.relation in ("<=", "<") else other).append(t)
        if kind == "selection":
            # a risk-dominance boundary matters only where both profiles are equilibria
            other = [t for t in other if both is None or (t.bound.at_file is not None and t.bound.at_file in both)]
            if not (lower or upper or other):
                continue
        binding_lower = _pick(lower, max)
        binding_upper = _pick(upper, min)
        exact = True
        interval = None
        if kind != "selection":
            affordable = all(simp.affordable(c.expr) for c in conditions)
            interval = _set_at_file(conditions, theta, game) if affordable else None
            exact = interval is not None
        tippings.append(
            Tipping(
                context=name,
                kind=kind,
                lower=tuple(lower),
                upper=tuple(upper),
                other=tuple(other),
                fixed=tuple(fixed),
                binding_lower=binding_lower,
                binding_upper=binding_upper,
                interval_at_file=interval,
                exact_interval=exact,
            )
        )
    return tuple(tippings), _boundaries(tippings, theta.name)


def _coexistence(label: str, tippings):
    """The set of theta where both profiles named in a selection label are equilibria (None if unknown)."""
    first, _, second = label.partition(" risk-dominates ")
    sets = [t.interval_at_file for t in tippings if t.context in (first, second)]
    if len(sets) != 2 or any(s is None for s in sets):
        return None
    return sets[0].intersect(sets[1])


def _pick(thresholds, choose):
    values = [
        (float(t.bound.at_file), k) for k, t in enumerate(thresholds) if t.bound.at_file is not None and t.case is None
    ]
    if not values:
        return None
    return choose(values)[1]


def _boundaries(tippings, name) -> tuple[TippingPoint, ...]:
    groups: dict[str, list] = {}
    for tp in tippings:
        for t in tp.lower + tp.upper + tp.other:
            if t.bound.expr is sympy.nan:
                continue
            groups.setdefault(plain(t.bound.expr), []).append(t)
    out = []
    for ts in groups.values():
        contexts = tuple(dict.fromkeys(t.context for t in ts))
        labels = tuple(dict.fromkeys(t.label for t in ts))
        out.append(TippingPoint(parameter=name, bound=ts[0].bound, contexts=contexts, labels=labels))
    out.sort(key=lambda b: (b.bound.at_file is None, float(b.bound.at_file) if b.bound.at_file is not None else 0.0))
    return tuple(out)
