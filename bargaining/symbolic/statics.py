"""Comparative statics of mixed equilibria: derivatives and their signs in words.

For a mixed equilibrium in closed form, each probability and each expected
payoff is a rational function of the parameters, so its partial derivative
with respect to a parameter is again a closed form. Its sign at the file's
values says which way the equilibrium moves when that parameter rises; its
sign over the declared ranges (when fixed) says so for every scenario.

A classic feature shows here (Dixit and Skeath 2015, ch. 7): a player's mix
is pinned down by the *other* player's indifference, so a parameter that
enters only Russia's payoffs moves China's probabilities, not Russia's.

Reference: A. Dixit and S. Skeath, *Games of Strategy*, 4th ed., Norton, 2015.
"""

from __future__ import annotations

import sympy

from bargaining.symbolic.conditions import formula
from bargaining.symbolic.game import SymbolicGame
from bargaining.symbolic.result import MixedCandidate, Static
from bargaining.symbolic.signs import describe_signs, signs
from bargaining.symbolic.simplify import Simplifier

__all__ = ["comparative_statics"]


def _sign(value) -> int | None:
    if value is None:
        return None
    return 1 if value > 0 else -1 if value < 0 else 0


def comparative_statics(
    candidate: MixedCandidate, game: SymbolicGame, simp: Simplifier
) -> tuple[Static, ...]:
    """Derivatives of each probability and payoff of a closed-form mixed equilibrium.

    Parameters that a quantity does not involve are skipped (the derivative
    is zero); with a support of two strategies only the first probability is
    differentiated, the second being one minus it; every other parameter gets a :class:`Static` with a gloss in
    plain words, such as "a higher T lowers the probability that China plays
    ally".
    """
    players, strategies = game.players, game.strategies
    hypothetical = not candidate.equilibrium_at_file
    out = []
    quantities = []
    for p in range(2):
        pairs = list(zip(candidate.supports[p], candidate.probabilities[p]))
        # with two strategies the second probability is 1 minus the first: its derivatives are the negatives
        for s, f in pairs[:1] if len(pairs) == 2 else pairs:
            quantities.append(("probability", p, s, f.expr))
    for p in range(2):
        quantities.append(("payoff", p, None, candidate.payoffs[p].expr))
    for kind, p, s, expr in quantities:
        if not simp.affordable(expr):
            continue  # too large to differentiate and simplify within the budget; derive notes it
        for name, sym in game.symbols.items():
            if sym not in expr.free_symbols:
                continue
            d = formula(sympy.diff(expr, sym), game, simp)
            if d.expr == 0:
                continue
            sign = _sign(d.at_file)
            on_ranges = describe_signs(signs(d.expr, simp.box))
            if kind == "probability":
                what = f"the probability that {players[p]} plays {strategies[p][s]}"
            else:
                what = f"{players[p]}'s expected payoff"
            out.append(
                Static(
                    quantity=kind,
                    player=p,
                    strategy=s,
                    parameter=name,
                    derivative=d,
                    sign_at_file=sign,
                    sign_on_ranges=on_ranges,
                    gloss=_gloss(name, what, sign, on_ranges, hypothetical),
                )
            )
    return tuple(out)


def _gloss(name: str, what: str, sign: int | None, on_ranges: str, hypothetical: bool) -> str:
    if on_ranges in ("positive", "negative"):
        verb = "raises" if on_ranges == "positive" else "lowers"
        return f"a higher {name} {verb} {what}, for all parameter values in their ranges"
    if sign is None:
        return f"the effect of {name} on {what} is undefined at the file's values"
    if sign == 0:
        return f"at the file's values {name} has no first-order effect on {what}"
    verb = "raises" if sign > 0 else "lowers"
    if hypothetical:
        verb = "would raise" if sign > 0 else "would lower"
        return f"at the file's values a higher {name} {verb} {what}"
    return f"a higher {name} {verb} {what} in the mixed equilibrium (at the file's values)"
