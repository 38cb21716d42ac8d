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

from bargaining.symbolic.game import SymbolicGame, rational
from bargaining.symbolic.printing import plain
from bargaining.symbolic.result import Condition, Formula, SolvedBound, Tipping, TippingPoint
from bargaining.symbolic.signs import NEGATIVE, NONNEGATIVE, NONPOSITIVE, POSITIVE, signs
from bargaining.symbolic.simplify import Simplifier

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


def solve_condition(cond: Condition, theta, context: str, game: SymbolicGame, simp: Simplifier):
    """The thresholds of one condition in ``theta``; None when the condition does not involve it."""
    e = cond.expr
    if theta not in e.free_symbols:
        return None
    name = theta.name
    if not simp.affordable(e):
        return [
            SolvedBound(
                parameter=name,
                context=context,
                label=cond.label,
                player=cond.player,
                relation="=",
                bound=Formula(expr=sympy.nan),
                case="not solved: the condition is too large",
            )
        ]
    num, den = sympy.fraction(sympy.together(e))
    syms = sorted(e.free_symbols, key=lambda s: s.name)
    if not (num.is_polynomial(*syms) and den.is_polynomial(*syms)):
        return [
            SolvedBound(
                parameter=name,
                context=context,
                label=cond.label,
                player=cond.player,
                relation="=",
                bound=Formula(expr=sympy.nan),
                case="not solved: not a rational function",
            )
        ]
    _, nf = sympy.factor_list(num, *syms)
    _, df = sympy.factor_list(den, *syms)
    with_theta = [(h, m, False) for h, m in nf if theta in h.free_symbols] + [
        (h, m, True) for h, m in df if theta in h.free_symbols
    ]
    rel = "==" if cond.rel == "==" else cond.rel
    if len(with_theta) == 1 and not with_theta[0][2] and with_theta[0][1] % 2 == 1:
        h = with_theta[0][0]
        if sympy.degree(h, theta) == 1:
            alpha = h.coeff(theta, 1)
            beta = h.coeff(theta, 0)
            bound = _formula(-beta / alpha, game, simp)
            # the sign of f's slope in theta: alpha times the theta-free rest of f
            slope = sympy.cancel(e / h) * alpha
            s = signs(slope, simp.box) if slope.free_symbols else (
                frozenset({1}) if slope > 0 else frozenset({-1})
            )
            if rel == "==":
                return [
                    SolvedBound(
                        parameter=name, context=context, label=cond.label, player=cond.player, relation="=", bound=bound
                    )
                ]
            if s == POSITIVE:
                return [
                    SolvedBound(
                        parameter=name, context=context, label=cond.label, player=cond.player, relation=rel, bound=bound
                    )
                ]
            if s == NEGATIVE:
                return [
                    SolvedBound(
                        parameter=name,
                        context=context,
                        label=cond.label,
                        player=cond.player,
                        relation=_FLIP[rel],
                        bound=bound,
                    )
                ]
            oriented = simp.tidy(slope if s == NONNEGATIVE else -slope).expr
            if s in (NONNEGATIVE, NONPOSITIVE):
                case = f"where {plain(oriented)} > 0 (where it is 0 the condition does not involve {name})"
                return [
                    SolvedBound(
                        parameter=name,
                        context=context,
                        label=cond.label,
                        player=cond.player,
                        relation=rel if s == NONNEGATIVE else _FLIP[rel],
                        bound=bound,
                        case=case,
                    )
                ]
            case = (
                f"{name} {rel} bound where {plain(simp.tidy(slope).expr)} > 0, "
                f"{name} {_FLIP[rel]} bound where it is < 0"
            )
            return [
                SolvedBound(
                    parameter=name,
                    context=context,
                    label=cond.label,
                    player=cond.player,
                    relation="=",
                    bound=bound,
                    case=case,
                )
            ]
    out = []
    for h, m, in_den in with_theta:
        d = sympy.degree(h, theta)
        case = "a pole of the expression" if in_den else "a sign change" if m % 2 else "a double root (no sign change)"
        if d > 2:
            out.append(
                SolvedBound(
                    parameter=name,
                    context=context,
                    label=cond.label,
                    player=cond.player,
                    relation="=",
                    bound=Formula(expr=sympy.nan),
                    case=f"not solved: degree {d} in {name}",
                )
            )
            continue
        if sympy.count_ops(h) <= MAX_ROOT_OPS:
            for root in sympy.solve(h, theta):
                out.append(
                    SolvedBound(
                        parameter=name,
                        context=context,
                        label=cond.label,
                        player=cond.player,
                        relation="=",
                        bound=_formula(root, game, simp),
                        case=case,
                    )
                )
            continue
        # the closed-form roots would be pages long: give them with the other parameters at the file's values
        point = {s: v for s, v in game.point().items() if s != theta}
        x = sympy.Symbol(name, real=True)
        for root in sympy.solve(h.xreplace(point).xreplace({theta: x}), x):
            if root.is_extended_real is False:
                continue
            note = (
                f"a root of a polynomial of degree {d} in {name} whose closed form is too long to show; "
                f"this is its value with the other parameters at the file's values"
            )
            out.append(
                SolvedBound(
                    parameter=name,
                    context=context,
                    label=cond.label,
                    player=cond.player,
                    relation="=",
                    bound=Formula(expr=root, at_file=root, simplified=False, note=note),
                    case=case,
                )
            )
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
        rel = c.relation.xreplace(point).xreplace({theta: x})
        if rel in (sympy.true, sympy.false):
            part = domain if rel == sympy.true else sympy.EmptySet
        elif e.is_polynomial(x) and sympy.degree(e, x) == 1:
            # linear in theta: the bound directly (solveset is slow on the common case)
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
            try:
                part = sympy.solveset(rel, x, domain=sympy.S.Reals)
            except (NotImplementedError, ValueError, TypeError):
                return None
            if isinstance(part, sympy.ConditionSet):
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
            interval = (
                _set_at_file(conditions, theta, game) if all(simp.affordable(c.expr) for c in conditions) else None
            )
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
