r"""The teaching walk-through of a game, as a result type.

:func:`explain` computes everything a teacher would put on the board, in the
order of a seminar, and returns it as one frozen :class:`Explanation` (the
renderers in :mod:`bargaining.render.explain` turn it into text or Markdown):

1. **Where each payoff comes from.** Each cell formula is split into its
   additive parts (:meth:`bargaining.formula.Expr.additive_parts`); a part that
   is a named term or parameter is shown with its name, formula and value. The
   signed parts sum back to the payoff exactly (:attr:`Cell.exact`).
2. **Best responses and dominance.** Each player's best responses to each
   pure strategy of the other, and iterated elimination of strictly dominated
   strategies step by step (:mod:`bargaining.solvers.dominance`).
3. **Why each equilibrium is one.** For every equilibrium, what each pure
   strategy would pay against the other's equilibrium strategy: no deviation
   gains (Nash 1951).
4. **What pins down a mixed equilibrium.** A player mixes only between
   strategies that pay the same against the other's mixture, so *each
   player's probabilities are fixed by the other player's payoffs*: China
   mixes so that Russia is indifferent (the indifference principle; Osborne,
   *An Introduction to Game Theory*, 2004, section 4.3).
5. **Treaty or alignment: the stag hunt.** Where two strict pure equilibria
   compete, which is payoff-dominant (better for both) and which is
   risk-dominant: the one with the larger product of the players' losses from
   deviating (Harsanyi and Selten, *A General Theory of Equilibrium Selection
   in Games*, 1988, section 3.9). Between strict equilibria
   :math:`(r_1, c_1)` and :math:`(r_2, c_2)` a player prefers its first
   strategy exactly when it believes the other plays the first with
   probability at least :math:`L_2 / (L_1 + L_2)`, where :math:`L_1, L_2` are
   its losses from deviating at each equilibrium; these are the belief
   thresholds reported in :class:`StagHunt`.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from typing import Any, Mapping

from bargaining.formula import Name, Neg, Num
from bargaining.model import Model
from bargaining.numbers import to_fraction
from bargaining.solution import Equilibrium, Solution, number_to_json
from bargaining.solvers.dominance import Dominance, iterated_strict_dominance
from bargaining.solvers.registry import solve
from bargaining.solvers.verify import best_responses, deviation_losses, expected_payoffs

__all__ = [
    "Part",
    "Cell",
    "Term",
    "BestResponse",
    "Option",
    "EquilibriumCheck",
    "Indifference",
    "StagHunt",
    "TreatySide",
    "Treaty",
    "Explanation",
    "explain",
    "decompose",
]


def _json(q):
    return None if q is None else number_to_json(q)


@dataclass(frozen=True, kw_only=True)
class Part:
    """One additive part of a cell formula.

    Attributes
    ----------
    sign : int
        +1 or -1: the part is added or subtracted.
    text : str
        The part's formula (``west_ally_R``, ``T*lam/2``).
    kind : str
        ``"term"`` (a named term), ``"parameter"``, ``"number"`` or ``"formula"``.
    value : Fraction or float
        The part's value; the cell is the sum of ``sign * value``.
    """

    sign: int
    text: str
    kind: str
    value: Fraction | float

    @property
    def signed(self):
        """``sign * value``: the part's contribution to the sum."""
        return self.sign * self.value

    def to_dict(self) -> dict[str, Any]:
        return {"sign": self.sign, "part": self.text, "kind": self.kind, "value": _json(self.value)}


@dataclass(frozen=True, kw_only=True)
class Cell:
    """One player's payoff at one profile, broken into its parts.

    Attributes
    ----------
    player : int
    profile : tuple of int
        (row strategy, column strategy).
    formula : str
    parts : tuple of Part
    payoff : Fraction
        The payoff of the game (what the solver uses).
    exact : bool
        True when the signed parts sum to ``payoff`` exactly.
    """

    player: int
    profile: tuple[int, int]
    formula: str
    parts: tuple[Part, ...]
    payoff: Fraction
    exact: bool

    def to_dict(self, game) -> dict[str, Any]:
        i, j = self.profile
        return {
            "player": game.players[self.player],
            "profile": [game.strategies[0][i], game.strategies[1][j]],
            "formula": self.formula,
            "parts": [p.to_dict() for p in self.parts],
            "payoff": _json(self.payoff),
            "sums_exactly": self.exact,
        }


@dataclass(frozen=True, kw_only=True)
class Term:
    """A named term or parameter used by the payoffs: its formula, value and label."""

    name: str
    kind: str  # "term" or "parameter"
    formula: str
    value: Fraction | float
    label: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "kind": self.kind,
            "formula": self.formula,
            "value": _json(self.value),
            "label": self.label,
        }


@dataclass(frozen=True, kw_only=True)
class BestResponse:
    """``player``'s payoff from each strategy against the other's pure strategy ``against``."""

    player: int
    against: int
    payoffs: tuple[Fraction, ...]
    best: tuple[int, ...]

    def to_dict(self, game) -> dict[str, Any]:
        p = self.player
        return {
            "player": game.players[p],
            "against": game.strategies[1 - p][self.against],
            "payoffs": {s: _json(v) for s, v in zip(game.strategies[p], self.payoffs)},
            "best": [game.strategies[p][k] for k in self.best],
        }


@dataclass(frozen=True, kw_only=True)
class Option:
    """What one pure strategy pays against the other's equilibrium strategy."""

    strategy: int
    payoff: Fraction
    gain: Fraction  # payoff minus the equilibrium payoff: never positive
    played: bool  # in the equilibrium's support


@dataclass(frozen=True, kw_only=True)
class EquilibriumCheck:
    """Why a player does not deviate: the payoff of each pure strategy against the other's strategy."""

    player: int
    payoff: Fraction
    options: tuple[Option, ...]

    def to_dict(self, game) -> dict[str, Any]:
        names = game.strategies[self.player]
        return {
            "player": game.players[self.player],
            "payoff": _json(self.payoff),
            "options": [
                {"strategy": names[o.strategy], "payoff": _json(o.payoff), "gain": _json(o.gain), "played": o.played}
                for o in self.options
            ],
        }


@dataclass(frozen=True, kw_only=True)
class Indifference:
    """How ``mixer``'s probabilities make ``player`` indifferent among the strategies ``player`` mixes.

    Attributes
    ----------
    mixer : int
        The player whose probabilities are pinned down.
    player : int
        The player made indifferent (it is *player*'s payoffs that matter).
    mixture : tuple of (int, Fraction)
        ``mixer``'s strategies and probabilities.
    rows : tuple of (int, tuple of Fraction, Fraction)
        For each strategy of ``player`` in its support: the strategy, its
        payoffs against each strategy of ``mixer``'s support, and its expected
        payoff (all equal).
    two_by_two : tuple of Fraction or None
        When both supports have two strategies: ``(L1, L2, q)``, with
        ``q = L2 / (L1 + L2)`` the probability of ``mixer``'s first support
        strategy, ``L1`` what ``player``'s first strategy gains over its second
        against that strategy and ``L2`` what the second gains against the other.
    """

    mixer: int
    player: int
    mixture: tuple[tuple[int, Fraction], ...]
    rows: tuple[tuple[int, tuple[Fraction, ...], Fraction], ...]
    two_by_two: tuple[Fraction, Fraction, Fraction] | None = None

    def to_dict(self, game) -> dict[str, Any]:
        own, other = game.strategies[self.player], game.strategies[self.mixer]
        out = {
            "mixer": game.players[self.mixer],
            "indifferent": game.players[self.player],
            "mixture": {other[k]: _json(q) for k, q in self.mixture},
            "expected_payoffs": {own[s]: _json(v) for s, _, v in self.rows},
            "payoffs": {
                own[s]: {other[k]: _json(a) for (k, _), a in zip(self.mixture, vals)} for s, vals, _ in self.rows
            },
        }
        if self.two_by_two is not None:
            L1, L2, q = self.two_by_two
            out["closed_form"] = {"L1": _json(L1), "L2": _json(L2), "probability": _json(q)}
        return out


@dataclass(frozen=True, kw_only=True)
class StagHunt:
    """Two strict pure equilibria compared by payoff and by risk (Harsanyi and Selten 1988).

    Attributes
    ----------
    first, second : int
        Indices of the equilibria compared.
    losses : tuple of (tuple of Fraction, tuple of Fraction)
        ``losses[0]`` are the row and column player's losses from deviating
        at the first equilibrium to their strategy in the second;
        ``losses[1]`` the same at the second.
    products : tuple of Fraction
        The product of each pair of losses (the Nash products).
    payoff_dominant : int or None
        ``first`` or ``second`` if it gives both players strictly more.
    risk_dominant : int or None
        The one with the larger product, None on a tie.
    thresholds : tuple of Fraction
        For each player, the smallest probability that the other plays its
        strategy of ``first`` at which the player prefers its own strategy of
        ``first``: ``L2 / (L1 + L2)``.
    """

    first: int
    second: int
    losses: tuple[tuple[Fraction, Fraction], tuple[Fraction, Fraction]]
    products: tuple[Fraction, Fraction]
    payoff_dominant: int | None
    risk_dominant: int | None
    thresholds: tuple[Fraction, Fraction]

    def to_dict(self, game) -> dict[str, Any]:
        return {
            "equilibria": [self.first, self.second],
            "losses": [{game.players[p]: _json(L[p]) for p in range(2)} for L in self.losses],
            "products": [_json(v) for v in self.products],
            "payoff_dominant": self.payoff_dominant,
            "risk_dominant": self.risk_dominant,
            "belief_thresholds": {game.players[p]: _json(self.thresholds[p]) for p in range(2)},
        }


@dataclass(frozen=True, kw_only=True)
class TreatySide:
    """One player's view of the treaty profile: sign, or switch to the best alternative?

    Attributes
    ----------
    player : int
    payoff : Fraction
        The player's payoff when both sign.
    alternative : int
        The player's best other strategy when the partner signs.
    alternative_payoff : Fraction
    margin : Fraction
        ``payoff - alternative_payoff``: what signing adds, given that the
        partner signs (negative: the player blocks the treaty).
    parts : tuple of Part
        ``margin`` broken into the terms of the two cells (the treaty cell's
        parts minus the alternative's, equal terms cancelled); they sum to
        ``margin`` exactly. ``Part.sign`` may be any integer here.
    origins : tuple of str
        For each part, the cell it comes from: ``"treaty"``, ``"alternative"``
        or ``"both"`` (a term in both cells that does not cancel).
    """

    player: int
    payoff: Fraction
    alternative: int
    alternative_payoff: Fraction
    margin: Fraction
    parts: tuple[Part, ...]
    origins: tuple[str, ...] = ()

    @property
    def largest_cost(self) -> Part | None:
        """The largest part subtracted in the treaty cell alone (such as the junior-partner cost)."""
        costs = [q for q, o in zip(self.parts, self.origins) if o == "treaty" and q.signed < 0]
        return max(costs, key=lambda q: -q.signed) if costs else None

    def to_dict(self, game) -> dict[str, Any]:
        return {
            "player": game.players[self.player],
            "payoff": _json(self.payoff),
            "alternative": game.strategies[self.player][self.alternative],
            "alternative_payoff": _json(self.alternative_payoff),
            "margin": _json(self.margin),
            "signs": self.margin >= 0,
            "parts": [{**p.to_dict(), "from": o} for p, o in zip(self.parts, self.origins)],
        }


@dataclass(frozen=True, kw_only=True)
class Treaty:
    """The treaty profile (both play ``ally``) and each side's reason to sign or not."""

    profile: tuple[int, int]
    sides: tuple[TreatySide, TreatySide]

    @property
    def is_equilibrium(self) -> bool:
        return all(s.margin >= 0 for s in self.sides)

    @property
    def blockers(self) -> tuple[int, ...]:
        return tuple(s.player for s in self.sides if s.margin < 0)

    def to_dict(self, game) -> dict[str, Any]:
        return {
            "profile": [game.strategies[0][self.profile[0]], game.strategies[1][self.profile[1]]],
            "is_equilibrium": self.is_equilibrium,
            "blocked_by": [game.players[p] for p in self.blockers],
            "sides": [s.to_dict(game) for s in self.sides],
        }


@dataclass(frozen=True, kw_only=True)
class Explanation:
    """Everything the walk-through shows, for one game at one point of its parameters.

    Attributes
    ----------
    model : Model
        The game file with any ``--set`` values applied.
    terms : tuple of Term
        The named terms and parameters the payoffs use, in file order.
    cells : tuple of Cell
        Every cell of both players, row player first, row by row.
    best_responses : tuple of BestResponse
    dominance : Dominance
    solution : Solution
    checks : tuple of (EquilibriumCheck, EquilibriumCheck)
        One pair per equilibrium of ``solution``.
    indifferences : tuple of tuple of Indifference
        One tuple per equilibrium (empty for a pure one).
    stag_hunts : tuple of StagHunt
        One per pair of strict pure equilibria.
    treaty : Treaty or None
        The (ally, ally) profile examined side by side; None when a player has
        no strategy ``ally``.
    """

    model: Model
    terms: tuple[Term, ...]
    cells: tuple[Cell, ...]
    best_responses: tuple[BestResponse, ...]
    dominance: Dominance
    solution: Solution
    checks: tuple[tuple[EquilibriumCheck, EquilibriumCheck], ...]
    indifferences: tuple[tuple[Indifference, ...], ...]
    stag_hunts: tuple[StagHunt, ...]
    treaty: Treaty | None = None

    @property
    def game(self):
        return self.solution.game

    def cell(self, player: int, i: int, j: int) -> Cell:
        """The breakdown of ``player``'s payoff at (i, j)."""
        m, n = self.game.shape
        return self.cells[player * m * n + i * n + j]

    def to_dict(self) -> dict[str, Any]:
        g = self.game
        m = self.model
        return {
            "file": m.source,
            "title": m.title,
            "description": m.description,
            "expectation": m.expectation,
            "players": list(g.players),
            "strategies": {g.players[p]: list(g.strategies[p]) for p in range(2)},
            "parameters": {
                name: {
                    "value": _json(p.value),
                    "label": p.label,
                    "parent_value": _json((m.parent_values or {}).get(name)),
                }
                for name, p in m.parameters.items()
            },
            "terms": [t.to_dict() for t in self.terms],
            "cells": [c.to_dict(g) for c in self.cells],
            "best_responses": [b.to_dict(g) for b in self.best_responses],
            "dominance": self.dominance.to_dict(),
            "equilibria": [
                {
                    **e.to_dict(),
                    "checks": [c.to_dict(g) for c in checks],
                    "indifferences": [d.to_dict(g) for d in ind],
                }
                for e, checks, ind in zip(self.solution.equilibria, self.checks, self.indifferences)
            ],
            "stag_hunts": [s.to_dict(g) for s in self.stag_hunts],
            "treaty": None if self.treaty is None else self.treaty.to_dict(g),
            "selected": self.solution.selected,
            "selection_rule": self.solution.selection_rule,
            "method": self.solution.method,
        }


# --------------------------------------------------------------------------- computation


def decompose(model: Model, env: Mapping[str, Any] | None = None, game=None) -> tuple[Cell, ...]:
    """Every cell of both players split into its signed additive parts, with values.

    Parameters
    ----------
    model : Model
    env : Mapping, optional
        Parameter and term values (default: ``model.environment()``).
    game : Game, optional
        The game to compare the sums with (default: ``model.game()``).

    Returns
    -------
    tuple of Cell
        Row player's cells first, row by row.

    Examples
    --------
    >>> from bargaining.io.gamefile import load_model
    >>> cell = decompose(load_model("games/baseline.toml"))[0]
    >>> [(p.sign, p.text, str(p.value)) for p in cell.parts][:2]
    [(1, 'balancing_treaty', '3/5'), (-1, 'west_ally_R', '3/20')]
    >>> str(cell.payoff), cell.exact
    ('81/1000', True)
    """
    env = model.environment() if env is None else env
    game = model.game() if game is None else game
    cells = []
    for p in range(2):
        for i, row in enumerate(model.payoffs[p]):
            for j, expr in enumerate(row):
                parts = []
                for sign, part in expr.additive_parts():
                    # a leading minus reads better as a subtraction than as a negative part
                    while isinstance(part, Neg):
                        sign, part = -sign, part.operand
                    if isinstance(part, Name):
                        kind = "term" if part.name in model.terms else "parameter"
                    elif isinstance(part, Num):
                        kind = "number"
                    else:
                        kind = "formula"
                    parts.append(Part(sign=sign, text=part.to_text(), kind=kind, value=part.evaluate(env)))
                payoff = game.payoff(p, i, j)
                total = sum((q.signed for q in parts), Fraction(0))
                exact = all(not isinstance(q.value, float) for q in parts) and total == payoff
                if not exact and isinstance(total, float):
                    exact = to_fraction(total) == payoff
                cells.append(
                    Cell(
                        player=p, profile=(i, j), formula=expr.to_text(), parts=tuple(parts), payoff=payoff, exact=exact
                    )
                )
    return tuple(cells)


def _used_terms(model: Model, env) -> tuple[Term, ...]:
    """Terms (and parameters used directly as parts) in file order, with their values."""
    used: set[str] = set()
    for matrix in model.payoffs:
        for row in matrix:
            for expr in row:
                used |= expr.names()
    out = [
        Term(
            name=name,
            kind="term",
            formula=expr.to_text(),
            value=env[name],
            label=model.term_labels.get(name) or _term_label(model, expr),
        )
        for name, expr in model.terms.items()
        if name in used
    ]
    out += [
        Term(name=name, kind="parameter", formula=name, value=p.value, label=p.label)
        for name, p in model.parameters.items()
        if name in used
    ]
    return tuple(out)


def _term_label(model: Model, expr) -> str:
    """A term without a label of its own that is just a parameter borrows the parameter's label."""
    if isinstance(expr, Name) and expr.name in model.parameters:
        return model.parameters[expr.name].label
    return ""


def _unit(k: int, size: int) -> tuple[Fraction, ...]:
    return tuple(Fraction(int(t == k)) for t in range(size))


def _best_responses(game) -> tuple[BestResponse, ...]:
    m, n = game.shape
    out = []
    for p, (own, other) in enumerate(((m, n), (n, m))):
        for t in range(other):
            payoffs = tuple(game.A[s][t] if p == 0 else game.B[t][s] for s in range(own))
            out.append(
                BestResponse(player=p, against=t, payoffs=payoffs, best=best_responses(game, p, _unit(t, other)))
            )
    return tuple(out)


def _check(game, e: Equilibrium) -> tuple[EquilibriumCheck, EquilibriumCheck]:
    Ay, xB = expected_payoffs(game, e.x, e.y)
    out = []
    for p, values in enumerate((Ay, xB)):
        u = e.payoffs[p]
        support = set(e.support(p))
        out.append(
            EquilibriumCheck(
                player=p,
                payoff=u,
                options=tuple(
                    Option(strategy=k, payoff=v, gain=v - u, played=k in support) for k, v in enumerate(values)
                ),
            )
        )
    return out[0], out[1]


def _indifferences(game, e: Equilibrium) -> tuple[Indifference, ...]:
    out = []
    for player in range(2):
        support = e.support(player)
        if len(support) < 2:
            continue
        mixer = 1 - player
        msupport = e.support(mixer)
        mixture = tuple((k, e.strategy(mixer)[k]) for k in msupport)

        def pay(s, t):
            return game.A[s][t] if player == 0 else game.B[t][s]

        rows = tuple(
            (s, tuple(pay(s, t) for t in msupport), sum(q * pay(s, t) for t, q in mixture)) for s in support
        )
        two = None
        if len(support) == 2 and len(msupport) == 2:
            (s1, s2), (t1, t2) = support, msupport
            L1 = pay(s1, t1) - pay(s2, t1)
            L2 = pay(s2, t2) - pay(s1, t2)
            if L1 + L2 != 0:
                two = (L1, L2, L2 / (L1 + L2))
        out.append(Indifference(mixer=mixer, player=player, mixture=mixture, rows=rows, two_by_two=two))
    # the mixer's story is told about the player it makes indifferent: the column player's mix first
    return tuple(sorted(out, key=lambda d: d.player))


def _stag_hunts(game, solution: Solution) -> tuple[StagHunt, ...]:
    strict = [k for k, e in enumerate(solution.equilibria) if e.strict]
    out = []
    for a_ in range(len(strict)):
        for b_ in range(a_ + 1, len(strict)):
            k, h = strict[a_], strict[b_]
            e, f = solution.equilibria[k], solution.equilibria[h]
            first, second = deviation_losses(game, e, f)
            products = (first[0] * first[1], second[0] * second[1])
            if all(e.payoffs[p] > f.payoffs[p] for p in range(2)):
                pd = k
            elif all(f.payoffs[p] > e.payoffs[p] for p in range(2)):
                pd = h
            else:
                pd = None
            rd = k if products[0] > products[1] else h if products[1] > products[0] else None
            thresholds = tuple(second[p] / (first[p] + second[p]) for p in range(2))
            out.append(
                StagHunt(
                    first=k,
                    second=h,
                    losses=(first, second),
                    products=products,
                    payoff_dominant=pd,
                    risk_dominant=rd,
                    thresholds=thresholds,
                )
            )
    return tuple(out)


def _treaty(game, cells_of, treaty: str = "ally") -> Treaty | None:
    S = game.strategies
    if treaty not in S[0] or treaty not in S[1]:
        return None
    profile = (S[0].index(treaty), S[1].index(treaty))
    sides = []
    for p in range(2):
        own, other = profile[p], profile[1 - p]
        size = len(S[p])

        def at(k):
            return (k, other) if p == 0 else (other, k)

        alternatives = [k for k in range(size) if k != own]
        if not alternatives:
            return None
        alt = max(alternatives, key=lambda k: (game.payoff(p, *at(k)), -k))
        here, there = cells_of(p, *at(own)), cells_of(p, *at(alt))
        merged: dict[str, list] = {}
        for cell, factor, origin in ((here, 1, "treaty"), (there, -1, "alternative")):
            for part in cell.parts:
                entry = merged.setdefault(part.text, [0, part, origin])
                entry[0] += factor * part.sign
                if entry[2] != origin:
                    entry[2] = "both"
        kept = [(coef, part, origin) for coef, part, origin in merged.values() if coef != 0 and part.value != 0]
        parts = tuple(Part(sign=coef, text=part.text, kind=part.kind, value=part.value) for coef, part, _ in kept)
        payoff, alt_payoff = game.payoff(p, *at(own)), game.payoff(p, *at(alt))
        sides.append(
            TreatySide(
                player=p,
                payoff=payoff,
                alternative=alt,
                alternative_payoff=alt_payoff,
                margin=payoff - alt_payoff,
                parts=parts,
                origins=tuple(o for _, _, o in kept),
            )
        )
    return Treaty(profile=profile, sides=(sides[0], sides[1]))


def explain(model: Model, method: str = "exact", *, mixed_dominance: bool = True) -> Explanation:
    """Compute the walk-through of a game at the model's parameter values.

    Parameters
    ----------
    model : Model
        A game file, with any ``--set`` values applied.
    method : str
        The solver method; the default, exact, is what the walk-through
        assumes (exact payoffs and probabilities).
    mixed_dominance : bool
        Also look for strategies dominated by mixtures.

    Returns
    -------
    Explanation, or NPlayerExplanation for a game of three or more players
    (:mod:`bargaining.analysis.explain_nplayer`).

    Examples
    --------
    >>> from bargaining.io.gamefile import load_model
    >>> ex = explain(load_model("games/taiwan_crisis.toml"))
    >>> all(c.exact for c in ex.cells)
    True
    >>> [str(q) for _, q in ex.indifferences[1][0].mixture]   # China's mix makes Russia indifferent
    ['170/231', '61/231']
    >>> hunt = ex.stag_hunts[0]
    >>> hunt.payoff_dominant, hunt.risk_dominant   # (ally, ally) is #0, (align, align) #2
    (0, 2)
    >>> side = explain(load_model("games/junior_partner.toml")).treaty.sides[0]
    >>> str(side.margin), sum(p.signed for p in side.parts) == side.margin   # Russia would not sign
    ('-3/50', True)
    """
    if model.n_players > 2:  # the strategic triangle and other games of three or more players
        from bargaining.analysis.explain_nplayer import explain_nplayer

        return explain_nplayer(model, method)
    game = model.game()
    env = model.environment()
    solution = solve(game, method=method)
    cells = decompose(model, env, game)
    m, n = game.shape

    def cells_of(p, i, j):
        return cells[p * m * n + i * n + j]

    return Explanation(
        model=model,
        terms=_used_terms(model, env),
        cells=cells,
        best_responses=_best_responses(game),
        dominance=iterated_strict_dominance(game, mixed=mixed_dominance),
        solution=solution,
        checks=tuple(_check(game, e) for e in solution.equilibria),
        indifferences=tuple(_indifferences(game, e) for e in solution.equilibria),
        stag_hunts=_stag_hunts(game, solution),
        treaty=_treaty(game, cells_of),
    )
