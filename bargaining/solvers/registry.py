"""One entry point for every equilibrium method: :func:`solve`.

Methods live in a registry (:data:`METHODS`); ``solve(game, method=...)`` looks
the name up, runs the method, verifies every equilibrium it returns (zero
regret, exactly for the exact method), labels them and picks the selected one.
A floating-point method's candidate that fails verification is dropped with a
warning; the exact method's would be a bug, and raises. A result is marked
``complete`` only when the method guarantees it (only ``exact`` does).
Whatever the method, the result is a :class:`~bargaining.solution.Solution`.
The command line offers the registry's names as its ``--method`` choices.

Games of three or more players are solved by the methods that take them
(:meth:`Method.takes`): ``exact`` and ``polynomial``, exact support
enumeration with certified equilibria (:mod:`bargaining.solvers.polynomial`).
"""

from __future__ import annotations

from bargaining.errors import InputError
from bargaining.game import Game
from bargaining.registry import Registry
from bargaining.solution import Equilibrium, Solution
from bargaining.solvers import exact as _exact_method, nashpy as _nashpy_methods, polynomial as _polynomial_method
from bargaining.solvers.base import Method, MethodResult
from bargaining.solvers.verify import label_equilibria, mark_risk_dominance, select, verify_certified

__all__ = ["Method", "MethodResult", "METHODS", "solve", "register", "methods_for"]

#: The equilibrium methods, by name: ``exact`` first, then nashpy's.
METHODS: Registry[Method] = Registry("method")


def register(method: Method) -> Method:
    """Add a method to the registry (its name must be new)."""
    return METHODS.register(method)


def methods_for(n_players: int) -> list[str]:
    """The names of the methods that solve games of ``n_players`` players.

    Examples
    --------
    >>> methods_for(3)
    ['exact', 'polynomial']
    """
    return [name for name, m in METHODS.items() if m.takes(n_players)]


def solve(game: Game, method: str = "exact") -> Solution:
    """Find the Nash equilibria of a game: every one, exactly, with the default method.

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
        with a warning); these three take two players. ``"polynomial"`` (any
        number of players: exact support enumeration, each equilibrium
        certified); ``exact`` runs it for three or more.

    Returns
    -------
    Solution

    Examples
    --------
    >>> g = Game.from_arrays([[2, 0], [0, 1]], [[2, 0], [0, 1]])
    >>> [tuple(map(str, e.x)) for e in solve(g).equilibria]
    [('1', '0'), ('1/3', '2/3'), ('0', '1')]

    Three players, each paid when all three match (2 for the first strategy, 1 for the second):

    >>> g3 = Game.from_tensors([[[[2, 0], [0, 0]], [[0, 0], [0, 1]]]] * 3)
    >>> sol = solve(g3)
    >>> [e.profile() for e in sol.equilibria if e.pure], sol.selected, sol.selection_rule
    ([(0, 0, 0), (1, 1, 1)], 0, 'payoff dominance')
    """
    m = METHODS.lookup(method)
    if not m.takes(game.n_players):
        raise InputError(
            f"method {m.name!r} solves games of {m.players} players; this game has {game.n_players} "
            f"(methods for it: {', '.join(methods_for(game.n_players))})",
            where="method",
        )
    result = m.run(game)
    if result.nash is not None:
        return _from_nash(game, m, result)
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


def _from_nash(game: Game, m: Method, result: MethodResult) -> Solution:
    """The solution of a support enumeration with exact polynomial systems.

    (:class:`~bargaining.solvers.nplayer.NashSet`.)
    """
    nash = result.nash
    equilibria = tuple(
        Equilibrium(
            mixed=e.mixed,
            payoffs=e.payoffs,
            players=tuple(game.players),
            strategy_names=tuple(tuple(s) for s in game.strategies),
            pure=e.pure,
            strict=e.strict,
            pareto_efficient=e.pareto_efficient,
            payoff_dominant=e.payoff_dominant,
            regret=e.certificate.regret,
            certificate=e.certificate,
        )
        for e in nash.equilibria
    )
    verify_certified(game, equilibria)
    if game.n_players == 2:
        equilibria = mark_risk_dominance(game, equilibria)
    selected, rule = select(equilibria)
    warnings = list(result.warnings)
    if nash.continua:
        warnings.append(
            f"{len(nash.continua)} continu{'um' if len(nash.continua) == 1 else 'a'} of equilibria: "
            "positive-dimensional sets, each listed with its equations and a certified point"
        )
    return Solution(
        game=game,
        method=m.name,
        exact=True,
        complete=nash.complete,
        equilibria=equilibria,
        components=tuple((k,) for k in range(len(equilibria))),
        degenerate=result.degenerate,
        tol=None,
        selected=selected,
        selection_rule=rule,
        warnings=tuple(warnings),
        continua=nash.continua,
        search=dict(nash.supports),
        algorithm=nash.method,
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
register(_polynomial_method.METHOD)
