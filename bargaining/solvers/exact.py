"""The ``exact`` method: every extreme equilibrium in rational arithmetic, with the convex sets they span.

See :mod:`bargaining.solvers.enumeration` for the enumeration of the
best-response polytopes' vertices and :mod:`bargaining.solvers.components` for
the maximal convex sets (von Stengel 2002; Avis et al. 2010). A game of three
or more players has no best-response polytopes (its equilibrium conditions are
polynomial): there ``exact`` runs the ``polynomial`` method
(:mod:`bargaining.solvers.polynomial`), which finds every equilibrium exactly,
rational or algebraic, each certified.
"""

from __future__ import annotations

from bargaining.game import Game
from bargaining.solvers.base import Method, MethodResult

__all__ = ["METHOD", "run"]


def run(game: Game) -> MethodResult:
    """Every extreme equilibrium of ``game``, exactly, and the maximal convex sets of equilibria."""
    if game.n_players > 2:
        from bargaining.solvers import polynomial

        return polynomial.run(game)
    from bargaining.limits import check_exact
    from bargaining.solvers.components import maximal_components
    from bargaining.solvers.enumeration import extreme_equilibria

    check_exact(*game.shape)
    found = extreme_equilibria(game.A, game.B)
    warnings = ()
    if found.degenerate:
        warnings = ("degenerate game: equilibria may form continua; see the components",)
    return MethodResult(
        pairs=found.pairs,
        degenerate=found.degenerate,
        components=maximal_components(found.pairs),
        warnings=warnings,
    )


METHOD = Method(
    name="exact",
    run=run,
    exact=True,
    complete=True,
    players=None,
    description=(
        "every extreme equilibrium in rational arithmetic (best-response polytopes), with the convex sets they span; "
        "for three or more players the polynomial method"
    ),
)
