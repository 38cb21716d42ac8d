"""One entry point for every equilibrium method: :func:`solve`.

Methods live in a registry (:data:`METHODS`); ``solve(game, method=...)`` looks
the name up, runs the method, verifies every equilibrium it returns (zero
regret, exactly for the exact method), labels them and picks the selected one.
A floating-point method's candidate that fails verification is dropped with a
warning; the exact method's would be a bug, and raises. A result is marked
``complete`` only when the method guarantees it (only ``exact`` does).
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
        ``"lemke-howson"`` (nashpy, floating point, each stopped at a time
        limit; none is guaranteed to find every equilibrium, and the result's
        ``complete`` is False; a candidate that fails verification is dropped
        with a warning).

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
    pairs, dropped = result.pairs, []
    if not m.exact:
        pairs, dropped = _verified(game, result.pairs, tol)
    equilibria = label_equilibria(game, pairs, exact=m.exact, tol=tol)
    components = result.components
    if components is None or dropped:
        components = tuple((k,) for k in range(len(equilibria)))
    selected, rule = select(equilibria)
    complete = m.complete if result.complete is None else result.complete and m.complete
    warnings = list(result.warnings)
    if dropped:
        worst = max(max(r) for r in dropped)
        warnings.append(
            f"{m.name} returned {len(dropped)} candidate(s) that are not equilibria (regret up to {worst:.3g},"
            f" above the tolerance {tol:.3g}); dropped"
        )
    if not m.exact:
        warnings.append(f"floating-point method: probabilities and payoffs are accurate to about {m.tol:g}")
    if not equilibria:
        complete = False
        warnings.append(
            f"{m.name} found no equilibrium, but every finite game has one (Nash 1951): it missed at least one;"
            " the exact method finds them all"
        )
    elif not complete:
        warnings.append(f"{m.name} is not guaranteed to find every equilibrium: some may be missing")
    return Solution(
        game=game,
        method=m.name,
        exact=m.exact,
        complete=complete,
        equilibria=equilibria,
        components=components,
        degenerate=result.degenerate,
        tol=None if m.exact else m.tol,
        selected=selected,
        selection_rule=rule,
        warnings=tuple(warnings),
    )


def _verified(game: Game, pairs, tol: float):
    """The candidate pairs of a floating-point method that pass verification, and the regrets of those that do not."""
    from bargaining.solvers.verify import regret

    kept, dropped = [], []
    for x, y in pairs:
        r = regret(game, x, y)
        if max(r) > tol or min(min(x), min(y)) < -tol:
            dropped.append(r)
        else:
            kept.append((x, y))
    return tuple(kept), dropped


register(_exact_method.METHOD)
for _method in _nashpy_methods.methods():
    register(_method)
