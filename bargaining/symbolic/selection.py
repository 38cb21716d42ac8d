"""Equilibrium selection in closed form: payoff and risk dominance between pure equilibria.

When two strict pure equilibria (r1, c1) and (r2, c2) coexist, with r1 != r2
and c1 != c2, the 2x2 game they span is a coordination game (a stag hunt when
one is better for both). Harsanyi and Selten (1988, ch. 3) select:

* by payoff dominance: (r1, c1) is better for both players,
  ``A[r1][c1] > A[r2][c2]`` and ``B[r1][c1] > B[r2][c2]``;
* by risk dominance: the product of the players' losses from deviating is
  larger at (r1, c1),
  ``(A[r1][c1] - A[r2][c1]) * (B[r1][c1] - B[r1][c2]) >
  (A[r2][c2] - A[r1][c2]) * (B[r2][c2] - B[r2][c1])``.

For the alliance model with (ally, ally) against (align, align) the losses are
``G_R``, ``G_C`` against ``(1 - lam)*w_R + e_R`` and ``(1 - lam)*w_C + e_C``.
Only pairs that can both be strict equilibria at some point of the ranges are
considered; such a point is found by sampling and verified exactly.

Reference: J. C. Harsanyi and R. Selten, *A General Theory of Equilibrium
Selection in Games*, MIT Press, 1988.
"""

from __future__ import annotations

import itertools

import sympy

from bargaining.symbolic.conditions import classify, holds, make_conditions
from bargaining.symbolic.game import SymbolicGame
from bargaining.symbolic.result import Condition, PureProfile, Selection
from bargaining.symbolic.sampling import find_witness
from bargaining.symbolic.simplify import Simplifier

__all__ = ["selections"]


def selections(game: SymbolicGame, pure: tuple[PureProfile, ...], simp: Simplifier, rng) -> tuple[Selection, ...]:
    """Payoff- and risk-dominance conditions for each pair of pure profiles that can both be strict equilibria."""
    candidates = [p for p in pure if p.verdict in ("always", "conditional")]
    out = []
    for p1, p2 in itertools.combinations(candidates, 2):
        (r1, c1), (r2, c2) = p1.profile, p2.profile
        if r1 == r2 or c1 == c2:
            continue
        # strict: every deviation loses, so a gain that is identically zero (0 >= 0, dropped from the
        # conditions a reader sees as always true) rules strictness out
        conds = p1.conditions + p2.conditions
        if any(c.gain is not None and c.gain.expr == 0 for c in conds):
            continue
        strict = [(c.expr, ">" if c.rel in (">=", ">") else "<" if c.rel in ("<=", "<") else c.rel)
                  for c in conds if c.expr.free_symbols]
        if any(not c.expr.free_symbols and not holds(c.expr, ">" if c.rel in (">=", ">") else "<") for c in conds):
            continue
        both_at_file = all(c.gain.at_file is not None and c.gain.at_file > 0 for c in conds)
        witness = find_witness(strict, game, rng)
        if witness is None and not both_at_file:
            continue
        out.append(_selection(game, p1, p2, simp, both_at_file, witness))
    return tuple(out)


def _selection(game, p1, p2, simp, both_at_file, witness) -> Selection:
    A, B = game.A, game.B
    players = game.players
    (r1, c1), (r2, c2) = p1.profile, p2.profile
    losses = [
        simp.tidy(A[r1, c1] - A[r2, c1]).expr,
        simp.tidy(B[r1, c1] - B[r1, c2]).expr,
        simp.tidy(A[r2, c2] - A[r1, c2]).expr,
        simp.tidy(B[r2, c2] - B[r2, c1]).expr,
    ]
    # kept as a difference of two products, the form Harsanyi and Selten state
    first, second = sympy.Mul(losses[0], losses[1]), sympy.Mul(losses[2], losses[3])
    nash_products = sympy.Add(first, -second, evaluate=False) if first != 0 and second != 0 else first - second
    value = game.at_file(nash_products)
    risk = Condition(
        label=f"{p1.name} risk-dominates {p2.name}",
        player=None,
        expr=nash_products,
        rel=">",
        status=classify(sympy.expand(nash_products), ">", simp.box) if simp.affordable(nash_products) else "depends",
        holds_at_file=holds(value, ">"),
        gain=None,
    )
    payoff: list[Condition] = []
    for p, M in enumerate((A, B)):
        label = f"{players[p]} prefers {p1.name} to {p2.name}"
        payoff += make_conditions(label, p, M[r1, c1] - M[r2, c2], ">", game, simp)
    return Selection(
        first=p1.profile,
        second=p2.profile,
        names=(p1.name, p2.name),
        risk=risk,
        payoff=tuple(payoff),
        both_at_file=both_at_file,
        witness=witness,
    )
