"""Verification and labels of equilibria: regret, strictness, efficiency, dominance, selection.

Everything here works on exact Fractions (comparisons are exact) or, for
floating-point methods, on floats with an explicit tolerance ``tol``.

Risk dominance follows Harsanyi and Selten (1988, ch. 3): between two strict
equilibria (r1, c1) and (r2, c2), the first risk-dominates when the product of
the players' losses from deviating is larger there,
``(A[r1][c1] - A[r2][c1]) * (B[r1][c1] - B[r1][c2]) >
(A[r2][c2] - A[r1][c2]) * (B[r2][c2] - B[r2][c1])``.
Payoff dominance is theirs too: strictly better for every player.

Equilibria of games of three or more players come certified from
:mod:`bargaining.solvers.nplayer`; :func:`verify_certified` checks them again
from the payoffs, exactly (rational ones by their regret in Fractions,
algebraic ones by their certificates).
"""

from __future__ import annotations

from dataclasses import replace
from fractions import Fraction
from typing import Sequence

from bargaining.errors import SolverError
from bargaining.game import Game
from bargaining.solution import Equilibrium

__all__ = [
    "regret",
    "label_equilibria",
    "select",
    "best_responses",
    "expected_payoffs",
    "deviation_losses",
    "verify_certified",
    "mark_risk_dominance",
]


def _dot(u, v):
    return sum(a * b for a, b in zip(u, v))


def expected_payoffs(game: Game, x, y):
    """``(A y, x B)``: each pure strategy's expected payoff against the other player's mix."""
    Ay = [_dot(row, y) for row in game.A]
    xB = [_dot(x, col) for col in zip(*game.B)]
    return Ay, xB


def regret(game: Game, x: Sequence, y: Sequence) -> tuple:
    """Each player's largest gain from a unilateral deviation to a pure strategy.

    Examples
    --------
    >>> from fractions import Fraction as F
    >>> g = Game.from_arrays([[1, 0], [0, 1]], [[1, 0], [0, 1]])
    >>> regret(g, (F(1), F(0)), (F(0), F(1)))
    (Fraction(1, 1), Fraction(1, 1))
    """
    Ay, xB = expected_payoffs(game, x, y)
    u1, u2 = _dot(x, Ay), _dot(xB, y)
    return max(Ay) - u1, max(xB) - u2


def best_responses(game: Game, player: int, opponent: Sequence, tol: float = 0) -> tuple[int, ...]:
    """Pure best responses of ``player`` to the opponent's mixed strategy."""
    if player == 0:
        values = [_dot(row, opponent) for row in game.A]
    else:
        values = [_dot(opponent, col) for col in zip(*game.B)]
    top = max(values)
    return tuple(i for i, v in enumerate(values) if v >= top - tol)


def label_equilibria(game: Game, pairs, *, exact: bool, tol: float = 0) -> tuple[Equilibrium, ...]:
    """Verify each (x, y) and attach payoffs and labels.

    Raises
    ------
    SolverError
        If some pair is not an equilibrium (positive regret, beyond ``tol``
        for a floating-point method): a solver bug, never printed as an answer.
    """
    if exact:
        tol = 0  # an int, so that comparisons with Fractions stay exact
    eqs = []
    for x, y in pairs:
        if exact:
            x, y = tuple(Fraction(p) for p in x), tuple(Fraction(q) for q in y)
        _check_probability_vectors(game, x, y, tol)
        r = regret(game, x, y)
        if max(r) > (0 if exact else tol):
            raise SolverError(f"verification failed: ({x}, {y}) has regret {r}")
        Ay, xB = expected_payoffs(game, x, y)
        u = (_dot(x, Ay), _dot(xB, y))
        pure = all(_is01(p, tol) for p in x + y)
        strict = False
        if pure:
            i = max(range(len(x)), key=lambda k: x[k])
            j = max(range(len(y)), key=lambda k: y[k])
            strict = all(Ay[k] < Ay[i] - tol for k in range(len(x)) if k != i) and all(
                xB[k] < xB[j] - tol for k in range(len(y)) if k != j
            )
        eqs.append(
            Equilibrium(
                mixed=(x, y),
                payoffs=u,
                players=tuple(game.players),
                strategy_names=tuple(tuple(s) for s in game.strategies),
                pure=pure,
                strict=strict,
                regret=r,
            )
        )

    out = []
    for k, e in enumerate(eqs):
        others = [f for f in eqs if not _same(f.payoffs, e.payoffs, tol)]
        dominated = any(
            all(f.payoffs[p] >= e.payoffs[p] - tol for p in range(2))
            and any(f.payoffs[p] > e.payoffs[p] + tol for p in range(2))
            for f in eqs
        )
        payoff_dominant = bool(others) and all(
            all(e.payoffs[p] > f.payoffs[p] + tol for p in range(2)) for f in others
        )
        out.append(replace(e, pareto_efficient=not dominated, payoff_dominant=payoff_dominant))

    return mark_risk_dominance(game, out, tol)


def mark_risk_dominance(game: Game, equilibria: Sequence[Equilibrium], tol=0) -> tuple[Equilibrium, ...]:
    """The equilibria with ``risk_dominates`` and ``risk_dominant`` set among the strict pure ones (two players)."""
    out = list(equilibria)
    strict_idx = [k for k, e in enumerate(out) if e.strict]
    if len(strict_idx) >= 2:
        for k in strict_idx:
            beats = tuple(h for h in strict_idx if h != k and _risk_dominates(game, out[k], out[h], tol))
            out[k] = replace(out[k], risk_dominates=beats, risk_dominant=len(beats) == len(strict_idx) - 1)
    return tuple(out)


def verify_certified(game: Game, equilibria: Sequence[Equilibrium]) -> None:
    """Check equilibria of support enumeration again, exactly, from the game's payoffs.

    A rational equilibrium must have zero regret computed in Fractions; an
    algebraic one must carry a number-field certificate with zero regret for
    every player (the core proved it: exact equalities, signs by ball arithmetic).

    Raises
    ------
    SolverError
        If one fails: a solver bug, never printed as an answer.
    """
    from bargaining.solvers.nplayer import regret as exact_regret

    tensors = None
    for e in equilibria:
        if e.rational:
            tensors = tensors or game.tensors()
            r = exact_regret(tensors, e.mixed)
            if any(v != 0 for v in r) or any(q < 0 for s in e.mixed for q in s) or any(sum(s) != 1 for s in e.mixed):
                raise SolverError(f"verification failed: {e.mixed} has regret {r}")
        elif e.certificate is None or e.certificate.arithmetic != "number field" or any(e.certificate.regret):
            raise SolverError(f"verification failed: {e.mixed} has no certificate of zero regret")


def _check_probability_vectors(game: Game, x, y, tol) -> None:
    """Each strategy has one entry per pure strategy, none negative, summing to one.

    Zero regret alone does not make an equilibrium: the zero vector has none.
    """
    for player, (mix, count) in enumerate(zip((x, y), (len(game.A), len(game.A[0]) if game.A else 0))):
        if len(mix) != count:
            raise SolverError(
                f"verification failed: {game.players[player]}'s strategy {mix} has {len(mix)} entries, "
                f"the game has {count} strategies"
            )
        if min(mix, default=0) < -tol or abs(sum(mix) - 1) > tol:
            raise SolverError(
                f"verification failed: {game.players[player]}'s strategy {mix} is not a probability vector"
            )


def _is01(p, tol) -> bool:
    return abs(p) <= tol or abs(p - 1) <= tol


def _same(u, v, tol) -> bool:
    return all(abs(a - b) <= tol for a, b in zip(u, v))


def deviation_losses(game: Game, e: Equilibrium, f: Equilibrium):
    """Each player's loss from deviating, at ``e`` towards ``f`` and at ``f`` towards ``e``.

    For strict pure equilibria (r1, c1) and (r2, c2), returns
    ``((A[r1][c1] - A[r2][c1], B[r1][c1] - B[r1][c2]), (A[r2][c2] - A[r1][c2], B[r2][c2] - B[r2][c1]))``;
    the products of each pair are Harsanyi and Selten's Nash products.
    """
    (r1, c1), (r2, c2) = e.profile(), f.profile()
    A, B = game.A, game.B
    return (
        (A[r1][c1] - A[r2][c1], B[r1][c1] - B[r1][c2]),
        (A[r2][c2] - A[r1][c2], B[r2][c2] - B[r2][c1]),
    )


def _risk_dominates(game: Game, e: Equilibrium, f: Equilibrium, tol) -> bool:
    (a, b), (c, d) = deviation_losses(game, e, f)
    return a * b > c * d + tol


def select(equilibria: Sequence[Equilibrium]) -> tuple[int | None, str | None]:
    """Pick one equilibrium: the unique one, else the payoff-dominant, else the risk-dominant.

    Returns the index and the rule that decided, or (None, None) when no rule does.
    """
    if len(equilibria) == 1:
        return 0, "unique"
    for k, e in enumerate(equilibria):
        if e.payoff_dominant:
            return k, "payoff dominance"
    for k, e in enumerate(equilibria):
        if e.risk_dominant:
            return k, "risk dominance"
    return None, None
