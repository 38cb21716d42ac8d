"""The ``polynomial`` method: every Nash equilibrium of a game with any number of players, each one certified.

It runs :func:`bargaining.solvers.nplayer.nash_equilibria` (support
enumeration with exact polynomial systems: Gröbner bases and a rational
univariate representation over the rationals; McKelvey and McLennan 1996, §5;
Datta 2003; Turocy 2008) on the game's payoff tensors. Every isolated
equilibrium is found, with probabilities that are rational or exact real
algebraic numbers and a certificate (exact equalities, signs proved by ball
arithmetic); every positive-dimensional set of equilibria is reported as a
continuum with its equations and a certified point. It is the ``exact``
method's engine for three or more players, and works for two players too
(where it reports continua instead of extreme equilibria and their convex
hulls).
"""

from __future__ import annotations

from bargaining.game import Game
from bargaining.solvers.base import Method, MethodResult

__all__ = ["METHOD", "run"]


def run(game: Game) -> MethodResult:
    """Every equilibrium of ``game`` by exact support enumeration: the :class:`~bargaining.solvers.nplayer.NashSet`.

    Examples
    --------
    >>> g = Game.from_tensors([[[[1, 0], [0, 0]], [[0, 0], [0, 1]]]] * 3)
    >>> r = run(g)
    >>> len(r.nash.equilibria), r.nash.complete
    (3, True)
    """
    from bargaining.solvers.nplayer import nash_equilibria

    nash = nash_equilibria(game.tensors(), players=game.players, strategies=game.strategies)
    return MethodResult(pairs=(), nash=nash, degenerate=True if nash.continua else None,
                        warnings=nash.warnings, complete=nash.complete)


METHOD = Method(
    name="polynomial",
    run=run,
    exact=True,
    complete=True,
    players=None,
    description="any number of players: every equilibrium by support enumeration with exact polynomial systems "
    "(rational or algebraic probabilities, each certified; continua reported with their equations)",
)
