"""What a reader of ``derive`` came for, first: the equilibria along the parameter solved for, and its thresholds.

With ``--solve-for θ`` every equilibrium condition has been solved for ``θ``
(:mod:`~bargaining.symbolic.thresholds`), and for each candidate (a pure
profile, a mixed equilibrium, a family) the exact set of ``θ`` where it is an
equilibrium, the other parameters at the file's values, is known. The union
of the ends of those sets cuts the range of ``θ`` into *regimes*: on each open
piece between consecutive ends the set of equilibria is constant, and it is
read at one exact rational point inside; at each end it is read there too
(where, typically, the game is degenerate). Each end is a *threshold*: its
closed form, its value, the candidates that start or stop being equilibria
there, and the condition that binds, with its player. For a pure profile the
other player's own bound in the same direction is named too: for the treaty
in the alliance model, Russia's ``T ≥ w_R + (e_R + r + j·a)/(1 − lam)``
(0.888) binds while China's (0.68) does not.

Without ``--solve-for`` the summary lists the equilibria at the file's values
and the candidates that can be equilibria for some parameter values.
"""

from __future__ import annotations

import sympy

from bargaining.symbolic.result import Regime, Summary, Threshold
from bargaining.symbolic.univariate import _between

__all__ = ["summarise", "ends"]


def ends(s) -> list:
    """The finite end points of a sympy set of reals (an Interval, a FiniteSet, a Union of them)."""
    if s is None or s == sympy.EmptySet:
        return []
    if isinstance(s, sympy.Interval):
        return [e for e in (s.start, s.end) if e.is_finite]
    if isinstance(s, sympy.FiniteSet):
        return [e for e in s if e.is_finite]
    if isinstance(s, sympy.Union):
        return [e for part in s.args for e in ends(part)]
    return []


def _key(v):
    return sympy.N(v, 30)


def _contains(s, v) -> bool:
    return s is not None and bool(s.contains(v) == sympy.true)


def summarise(game, candidates, tippings, boundaries, degeneracies, theta=None) -> Summary:
    """The summary of a derivation.

    Parameters
    ----------
    game : SymbolicGame
    candidates : sequence of (name, kind, at_file, possible)
        Every pure profile, mixed equilibrium and family: whether it is an
        equilibrium at the file's values, and whether it can be one somewhere.
    tippings : sequence of Tipping
    boundaries : sequence of TippingPoint
    degeneracies : sequence of Degeneracy
    theta : sympy.Symbol, optional
        The parameter solved for.
    """
    at_file = tuple(name for name, _, here, _ in candidates if here)
    possible = tuple(name for name, _, _, can in candidates if can)
    kinds = {name: kind for name, kind, _, _ in candidates}
    if theta is None:
        return Summary(at_file=at_file, possible=possible)
    sets: dict[str, object] = {}
    exact = True
    for t in tippings:
        if t.kind == "selection":
            continue
        name = t.context.split(" (case ")[0]
        if not t.exact_interval:
            exact = False
            continue
        sets[name] = t.interval_at_file if name not in sets else sympy.Union(sets[name], t.interval_at_file)
    lo, hi = game.box[theta.name]
    low = -sympy.oo if lo is None else sympy.Rational(lo.numerator, lo.denominator)
    high = sympy.oo if hi is None else sympy.Rational(hi.numerator, hi.denominator)
    points = sorted({e for s in sets.values() for e in ends(s) if low <= e <= high}, key=_key)
    order = list(kinds)

    def present(v) -> tuple[str, ...]:
        return tuple(n for n in order if n in sets and _contains(sets[n], v))

    fixed = {s: v for s, v in game.point().items() if s != theta}

    def degenerate_at(v) -> bool:
        point = dict(fixed)
        point[theta] = v
        return any(g.holds_at(point) for g in degeneracies)

    regimes: list[Regime] = []
    cuts = [low] + [p for p in points if p not in (low, high)] + [high]
    for k, (a, b) in enumerate(zip(cuts, cuts[1:])):
        if k == 0 and low.is_finite:
            regimes.append(Regime(low=low, high=low, low_closed=True, high_closed=True, equilibria=present(low),
                                  degenerate=degenerate_at(low)))
        if a == b:
            continue
        mid = _between(a, b)
        regimes.append(Regime(low=a, high=b, low_closed=False, high_closed=False, equilibria=present(mid)))
        if b.is_finite:
            regimes.append(Regime(low=b, high=b, low_closed=True, high_closed=True, equilibria=present(b),
                                  degenerate=degenerate_at(b)))
    regimes = _merged(regimes)
    thresholds = []
    by_value: dict = {}
    for b in boundaries:
        if b.bound.at_file is not None and b.bound.at_file.is_real:
            by_value.setdefault(b.bound.at_file, []).append(b)
    for v in points:
        if v in (low, high):
            continue  # an end of the declared range is no threshold
        below = next((r.equilibria for r in regimes if r.low != r.high and r.high == v), ())
        above = next((r.equilibria for r in regimes if r.low != r.high and r.low == v), ())
        if not below and not above:
            below = next((r.equilibria for r in regimes if r.high == v and r.low < v), ())
            above = next((r.equilibria for r in regimes if r.low == v and r.high > v), ())
        entering = tuple(n for n in above if n not in below)
        leaving = tuple(n for n in below if n not in above)
        binding, rivals = [], []
        for t in tippings:
            name = t.context.split(" (case ")[0]
            if name not in entering + leaving:
                continue
            for group, pick in ((t.lower, t.binding_lower), (t.upper, t.binding_upper)):
                hits = [x for x in group if x.bound.at_file == v]
                if not hits:
                    continue
                binding.append((name, hits[0].label, hits[0].player))
                if t.kind == "pure" and hits[0].player is not None:
                    others = [x for x in group if x.player not in (None, hits[0].player) and x.bound.at_file is not None
                              and x.case is None]
                    if others:
                        strongest = (max if group is t.lower else min)(others, key=lambda x: float(x.bound.at_file))
                        rivals.append((name, strongest.label, strongest.bound))
        forms = by_value.get(v, [])
        thresholds.append(Threshold(
            parameter=theta.name,
            value=v,
            forms=tuple(dict.fromkeys(b.bound for b in forms)),
            entering=entering,
            leaving=leaving,
            binding=tuple(dict.fromkeys(binding)),
            rivals=tuple(dict.fromkeys(rivals)),
            degenerate=degenerate_at(v),
        ))
    return Summary(at_file=at_file, possible=possible, parameter=theta.name, regimes=tuple(regimes),
                   thresholds=tuple(thresholds), exact=exact)


def _merged(regimes: list[Regime]) -> list[Regime]:
    """Join a point to its neighbours where the equilibria do not change across it."""
    out: list[Regime] = []
    for r in regimes:
        if out and out[-1].equilibria == r.equilibria and not r.degenerate and not out[-1].degenerate:
            prev = out.pop()
            r = Regime(low=prev.low, high=r.high, low_closed=prev.low_closed, high_closed=r.high_closed,
                       equilibria=r.equilibria)
        out.append(r)
    return out
