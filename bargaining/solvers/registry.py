"""One entry point for every equilibrium method: :func:`solve`.

Methods live in a registry (:data:`METHODS`); ``solve(game, method=...)`` looks
the name up, runs the method, verifies every equilibrium it returns (zero
regret, exactly for the exact method), labels them and picks the selected one.
Whatever the method, the result is a :class:`~bargaining.solution.Solution`.
The command line offers the registry's names as its ``--method`` choices.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from bargaining.errors import InputError
from bargaining.game import Game
from bargaining.solvers.verify import label_equilibria, select
from bargaining.solution import Solution

__all__ = ["Method", "MethodResult", "METHODS", "solve", "register"]


@dataclass(frozen=True)
class MethodResult:
    """What a method returns before verification and labelling."""

    pairs: tuple
    degenerate: bool | None = None
    components: tuple[tuple[int, ...], ...] | None = None
    warnings: tuple[str, ...] = ()


@dataclass(frozen=True)
class Method:
    """A registered solution method."""

    name: str
    run: Callable[[Game], MethodResult]
    exact: bool
    complete: bool
    description: str
    tol: float | None = None


METHODS: dict[str, Method] = {}


def register(method: Method) -> Method:
    """Add a method to the registry (its name must be new)."""
    if method.name in METHODS:
        raise ValueError(f"method {method.name!r} is already registered")
    METHODS[method.name] = method
    return method


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
    try:
        m = METHODS[method]
    except KeyError:
        raise InputError(f"unknown method {method!r}; methods: {', '.join(METHODS)}", where="--method") from None
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


def _exact(game: Game) -> MethodResult:
    from bargaining.solvers.components import maximal_components
    from bargaining.solvers.enumeration import extreme_equilibria

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


register(
    Method(
        "exact",
        _exact,
        exact=True,
        complete=True,
        description="every extreme equilibrium in rational arithmetic (best-response polytopes), with the convex sets they span",
    )
)


def _register_nashpy():
    from bargaining.solvers import nashpy as nashpy_methods

    for method in nashpy_methods.methods():
        register(method)


_register_nashpy()
