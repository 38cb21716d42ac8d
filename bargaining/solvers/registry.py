"""One entry point for every equilibrium method: :func:`solve`.

Methods live in a registry (:data:`METHODS`); ``solve(game, method=...)`` looks
the name up, runs the method, verifies every equilibrium it returns (zero
regret, exactly for the exact method), labels them and picks the selected one.
Whatever the method, the result is a :class:`~bargaining.solution.Solution`.
The command line offers the registry's names as its ``--method`` choices.
"""

from __future__ import annotations

from bargaining.game import Game
from bargaining.registry import Registry
from bargaining.solution import Solution
from bargaining.solvers import exact as _exact_method, nashpy as _nashpy_methods
from bargaining.solvers.base import Method, MethodResult
from bargaining.solvers.verify import label_equilibria, select

__all__ = ["Method", "MethodResult", "METHODS", "solve", "register"]

#: The equilibrium methods, by name: ``exact`` first, then nashpy's.
METHODS: Registry[Method] = Registry("method")


def register(method: Method) -> Method:
    """Add a method to the registry (its name must be new)."""
    return METHODS.register(method)


def solve(game: Game, method: str = "exact") -> Solution:
    """Find the Nash equilibria of a two-player game.

    Parameters
    ----------
    game : Game
    method : str
        A name from :data:`METHODS`: ``"exact"`` (default: every extreme
        equilibrium in rational arithmetic, with the maximal convex sets they
        span), ``"support-enumeration"``, ``"vertex-enumeration"`` or
        ``"lemke-howson"`` (nashpy, floating point; Lemke–Howson is not
        guaranteed to find every equilibrium).

    Returns
    -------
    Solution

    Examples
    --------
    >>> g = Game.from_arrays([[2, 0], [0, 1]], [[2, 0], [0, 1]])
    >>> [tuple(map(str, e.x)) for e in solve(g).equilibria]
    [('1', '0'), ('1/3', '2/3'), ('0', '1')]
    """
    m = METHODS.lookup(method)
    result = m.run(game)
    # a floating-point tolerance relative to the size of the payoffs
    scale = max([1] + [abs(v) for M in (game.A, game.B) for row in M for v in row])
    tol = 0 if m.exact else m.tol * float(scale)
    equilibria = label_equilibria(game, result.pairs, exact=m.exact, tol=tol)
    components = result.components
    if components is None:
        components = tuple((k,) for k in range(len(equilibria)))
    selected, rule = select(equilibria)
    warnings = list(result.warnings)
    if not m.exact:
        warnings.append(f"floating-point method: probabilities and payoffs are accurate to about {m.tol:g}")
    if not m.complete:
        warnings.append(f"{m.name} is not guaranteed to find every equilibrium")
    return Solution(
        game=game,
        method=m.name,
        exact=m.exact,
        complete=m.complete,
        equilibria=equilibria,
        components=components,
        degenerate=result.degenerate,
        tol=None if m.exact else m.tol,
        selected=selected,
        selection_rule=rule,
        warnings=tuple(warnings),
    )


register(_exact_method.METHOD)
for _method in _nashpy_methods.methods():
    register(_method)
