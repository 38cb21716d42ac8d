"""What an equilibrium method is: a :class:`Method` entry and the :class:`MethodResult` it returns.

A method's ``run(game)`` finds candidate equilibria; :func:`bargaining.solvers.registry.solve`
then verifies and labels them. Method modules import this module only, never
the registry that dispatches to them.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from bargaining.registry import Entry

__all__ = ["Method", "MethodResult"]


@dataclass(frozen=True, kw_only=True)
class MethodResult:
    """What a method returns before verification and labelling.

    Attributes
    ----------
    pairs : tuple
        The candidate equilibria ``(x, y)``.
    degenerate : bool or None
        Whether the game is degenerate, where the method can tell.
    components : tuple of tuple of int or None
        Maximal convex sets of equilibria, as indices into ``pairs``.
    warnings : tuple of str
    complete : bool or None
        Whether this run is known to have found every extreme equilibrium;
        None leaves it to the method's own ``complete``.
    nash : NashSet or None
        A method of support enumeration with exact polynomial systems
        (any number of players) returns its :class:`~bargaining.solvers.nplayer.NashSet`
        here instead of ``pairs``.
    """

    pairs: tuple
    degenerate: bool | None = None
    components: tuple[tuple[int, ...], ...] | None = None
    warnings: tuple[str, ...] = ()
    complete: bool | None = None
    nash: Any = None


@dataclass(frozen=True, kw_only=True)
class Method(Entry):
    """A registered equilibrium method: ``run(game) -> MethodResult``.

    Attributes
    ----------
    exact : bool
        Works in exact rational arithmetic.
    complete : bool
        Guaranteed to find every extreme equilibrium.
    tol : float or None
        The tolerance of a floating-point method.
    players : int or None
        The most players a game it solves may have (None: any number).
    """

    exact: bool
    complete: bool
    tol: float | None = None
    players: int | None = 2

    def takes(self, n_players: int) -> bool:
        """Whether the method solves games of ``n_players`` players."""
        return self.players is None or n_players <= self.players
