r"""The teaching walk-through of a game of three or more players (the strategic triangle), as a result type.

:func:`explain_nplayer` computes what a teacher would put on the board for a
game such as ``games/triangle.toml`` and returns one frozen
:class:`NPlayerExplanation` (:mod:`bargaining.render.explain_nplayer` writes it
as text or Markdown; ``to_dict()`` is the JSON):

1. **Where the payoffs come from.** The named terms the payoffs use, with
   their values; each payoff formula split into its signed additive parts
   (:meth:`bargaining.formula.Expr.additive_parts`), which sum to the payoff
   exactly.
2. **Best responses.** For each player, its best strategies against every
   pure profile of the others: with three players, one small table per
   player.
3. **Iterated strict dominance** by pure strategies: a strategy is removed
   when another of the same player pays strictly more against every remaining
   profile of the others.
4. **Why each equilibrium is one.** For every equilibrium, what each of each
   player's strategies pays against the others' equilibrium strategies: the
   ones played pay the most (Nash 1951). In a mixed equilibrium each player
   is indifferent among the strategies it mixes; with three or more players
   these indifference conditions are polynomial in the others' probabilities,
   which is why equilibria can be irrational (McKelvey and McLennan 1996).
5. **The treaty.** Where some players have the strategy ``ally`` (the
   signers), for every pure profile of the others the treaty profile is
   examined: who would deviate, to what, and by how much. A treaty the
   United States answers with a wedge is the triangle's lesson.

References: J. Nash, "Non-cooperative games", *Annals of Mathematics* 54
(1951); R. D. McKelvey and A. McLennan, "Computation of equilibria in finite
games", *Handbook of Computational Economics* 1 (1996), §5; L. Dittmer, "The
strategic triangle", *World Politics* 33(4), 1981; T. W. Crawford,
"Preventing enemy coalitions: how wedge strategies shape power politics",
*International Security* 35(4), 2011.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from bargaining.formula import Name, Neg, Num
from bargaining.model import Model
from bargaining.numbers import number_to_json, to_fraction
from bargaining.solution import Equilibrium, Solution
from bargaining.solvers.nplayer import strategy_payoffs
from bargaining.solvers.registry import solve

__all__ = [
    "PayoffPart",
    "PayoffBreakdown",
    "TermValue",
    "BestReplies",
    "Elimination",
    "StrategyCheck",
    "EquilibriumWhy",
    "TreatyTest",
    "NPlayerExplanation",
    "explain_nplayer",
]

TREATY = "ally"


@dataclass(frozen=True, kw_only=True)
class PayoffPart:
    """One signed additive part of a payoff formula: ``sign * value`` is its contribution."""

    sign: int
    text: str
    kind: str  # "term", "parameter", "number" or "formula"
    value: Any

    def to_dict(self) -> dict[str, Any]:
        return {"sign": self.sign, "part": self.text, "kind": self.kind, "value": number_to_json(self.value)}


@dataclass(frozen=True, kw_only=True)
class PayoffBreakdown:
    """One player's payoff at one pure profile, as the sum of its parts (``exact``: they sum to it exactly)."""

    player: int
    profile: tuple[int, ...]
    formula: str
    parts: tuple[PayoffPart, ...]
    payoff: Fraction
    exact: bool

    def to_dict(self, game) -> dict[str, Any]:
        return {
            "player": game.players[self.player],
            "profile": [game.strategies[p][k] for p, k in enumerate(self.profile)],
            "formula": self.formula,
            "parts": [p.to_dict() for p in self.parts],
            "payoff": number_to_json(self.payoff),
            "sums_exactly": self.exact,
        }


@dataclass(frozen=True, kw_only=True)
class TermValue:
    """A named term (or a parameter used directly) of the payoffs, with its formula, value and label."""

    name: str
    kind: str
    formula: str
    value: Any
    label: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {"name": self.name, "kind": self.kind, "formula": self.formula, "value": number_to_json(self.value),
                "label": self.label}


@dataclass(frozen=True, kw_only=True)
class BestReplies:
    """``player``'s payoff from each of its strategies against the others' pure profile ``against``.

    ``against`` holds the others' strategies in player order (the player's own place left out).
    """

    player: int
    against: tuple[int, ...]
    payoffs: tuple[Fraction, ...]
    best: tuple[int, ...]

    def to_dict(self, game) -> dict[str, Any]:
        others = [q for q in range(game.n_players) if q != self.player]
        return {
            "player": game.players[self.player],
            "against": {game.players[q]: game.strategies[q][k] for q, k in zip(others, self.against)},
            "payoffs": {s: number_to_json(v) for s, v in zip(game.strategies[self.player], self.payoffs)},
            "best": [game.strategies[self.player][k] for k in self.best],
        }


@dataclass(frozen=True, kw_only=True)
class Elimination:
    """One step of iterated strict dominance: ``player``'s ``strategy`` is strictly worse than ``by`` wherever
    the others still may play."""

    player: int
    strategy: int
    by: int

    def to_dict(self, game) -> dict[str, Any]:
        s = game.strategies[self.player]
        return {"player": game.players[self.player], "strategy": s[self.strategy], "dominated_by": s[self.by]}


@dataclass(frozen=True, kw_only=True)
class StrategyCheck:
    """What each of ``player``'s strategies pays against the others' equilibrium strategies."""

    player: int
    payoff: Any
    values: tuple[Any, ...]
    played: tuple[bool, ...]

    def to_dict(self, game) -> dict[str, Any]:
        s = game.strategies[self.player]
        return {
            "player": game.players[self.player],
            "payoff": number_to_json(self.payoff),
            "strategies": [
                {
                    "strategy": s[k],
                    "payoff": number_to_json(v),
                    "gain": number_to_json(v - self.payoff),
                    "played": self.played[k],
                }
                for k, v in enumerate(self.values)
            ],
        }


@dataclass(frozen=True, kw_only=True)
class EquilibriumWhy:
    """Why one equilibrium is one: each player's check, and (pure equilibria) its payoffs term by term."""

    index: int
    checks: tuple[StrategyCheck, ...]
    breakdown: tuple[PayoffBreakdown, ...]

    def to_dict(self, game) -> dict[str, Any]:
        return {
            "equilibrium": self.index,
            "checks": [c.to_dict(game) for c in self.checks],
            "payoffs_term_by_term": [b.to_dict(game) for b in self.breakdown],
        }


@dataclass(frozen=True, kw_only=True)
class TreatyTest:
    """The treaty profile with the other players at ``profile``: who would deviate, to what, gaining how much.

    ``deviations`` holds ``(player, best strategy, gain)`` for each player that
    gains by deviating; the profile is an equilibrium when it is empty.
    """

    profile: tuple[int, ...]
    deviations: tuple[tuple[int, int, Fraction], ...]

    @property
    def is_equilibrium(self) -> bool:
        return not self.deviations

    def to_dict(self, game) -> dict[str, Any]:
        return {
            "profile": [game.strategies[p][k] for p, k in enumerate(self.profile)],
            "equilibrium": self.is_equilibrium,
            "deviations": [
                {"player": game.players[p], "to": game.strategies[p][k], "gain": number_to_json(g)}
                for p, k, g in self.deviations
            ],
        }


@dataclass(frozen=True, kw_only=True)
class NPlayerExplanation:
    """The walk-through of a game of three or more players at one point of its parameters.

    Attributes
    ----------
    model : Model
    terms : tuple of TermValue
    breakdown : tuple of PayoffBreakdown
        Every player's payoff at every pure profile, split into parts
        (profiles in lexicographic order, players in order within each).
    best_replies : tuple of BestReplies
        For each player, one per pure profile of the others.
    eliminations : tuple of Elimination
        Iterated strict dominance by pure strategies, in order.
    solution : Solution
    why : tuple of EquilibriumWhy
        One per equilibrium of ``solution``.
    treaty : tuple of TreatyTest
        The treaty profile under each pure profile of the players who cannot
        sign; empty when fewer than two players can.
    signers : tuple of int
        The players with the strategy ``ally``.
    """

    model: Model
    terms: tuple[TermValue, ...]
    breakdown: tuple[PayoffBreakdown, ...]
    best_replies: tuple[BestReplies, ...]
    eliminations: tuple[Elimination, ...]
    solution: Solution
    why: tuple[EquilibriumWhy, ...]
    treaty: tuple[TreatyTest, ...]
    signers: tuple[int, ...]

    @property
    def game(self):
        return self.solution.game

    def cell(self, player: int, profile) -> PayoffBreakdown:
        """The breakdown of ``player``'s payoff at the pure ``profile``."""
        return next(b for b in self.breakdown if b.player == player and b.profile == tuple(profile))

    def replies(self, player: int) -> tuple[BestReplies, ...]:
        """``player``'s best replies, one per pure profile of the others."""
        return tuple(b for b in self.best_replies if b.player == player)

    def to_dict(self) -> dict[str, Any]:
        g = self.game
        m = self.model
        return {
            "file": m.source,
            "title": m.title,
            "description": m.description,
            "expectation": m.expectation,
            "players": list(g.players),
            "strategies": {g.players[p]: list(g.strategies[p]) for p in range(g.n_players)},
            "parameters": {
                name: {
                    "value": number_to_json(p.value),
                    "label": p.label,
                    "parent_value": number_to_json((m.parent_values or {}).get(name)),
                }
                for name, p in m.parameters.items()
            },
            "terms": [t.to_dict() for t in self.terms],
            "cells": [b.to_dict(g) for b in self.breakdown],
            "best_responses": [b.to_dict(g) for b in self.best_replies],
            "dominance": [e.to_dict(g) for e in self.eliminations],
            "equilibria": [{**e.to_dict(), "why": w.to_dict(g)} for e, w in zip(self.solution.equilibria, self.why)],
            "continua": [c.to_dict() for c in self.solution.continua],
            "treaty": {
                "signers": [g.players[p] for p in self.signers],
                "profiles": [t.to_dict(g) for t in self.treaty],
            },
            "selected": self.solution.selected,
            "selection_rule": self.solution.selection_rule,
            "method": self.solution.method,
        }


# --------------------------------------------------------------------------- computation


def _breakdown(model: Model, env, game) -> tuple[PayoffBreakdown, ...]:
    out = []
    for profile in game.profiles():
        for p in range(game.n_players):
            expr = model.formula(p, profile)
            parts = []
            for sign, part in expr.additive_parts():
                while isinstance(part, Neg):  # a leading minus reads better as a subtraction
                    sign, part = -sign, part.operand
                if isinstance(part, Name):
                    kind = "term" if part.name in model.terms else "parameter"
                elif isinstance(part, Num):
                    kind = "number"
                else:
                    kind = "formula"
                parts.append(PayoffPart(sign=sign, text=part.to_text(), kind=kind, value=part.evaluate(env)))
            payoff = game.payoff(p, *profile)
            total = sum((q.sign * q.value for q in parts), Fraction(0))
            exact = all(not isinstance(q.value, float) for q in parts) and total == payoff
            if not exact and isinstance(total, float):
                exact = to_fraction(total) == payoff
            out.append(
                PayoffBreakdown(
                    player=p,
                    profile=tuple(profile),
                    formula=expr.to_text(),
                    parts=tuple(parts),
                    payoff=payoff,
                    exact=exact,
                )
            )
    return tuple(out)


def _terms(model: Model, env) -> tuple[TermValue, ...]:
    used: set[str] = set()
    for p in range(model.n_players):
        for profile in model.profiles():
            used |= model.formula(p, profile).names()
    out = [
        TermValue(
            name=name, kind="term", formula=expr.to_text(), value=env[name], label=model.term_labels.get(name, "")
        )
        for name, expr in model.terms.items()
        if name in used
    ]
    out += [
        TermValue(name=name, kind="parameter", formula=name, value=p.value, label=p.label)
        for name, p in model.parameters.items()
        if name in used
    ]
    return tuple(out)


def _with(profile, player: int, k: int) -> tuple[int, ...]:
    out = list(profile)
    out[player] = k
    return tuple(out)


def _best_replies(game) -> tuple[BestReplies, ...]:
    out = []
    for p in range(game.n_players):
        others = [q for q in range(game.n_players) if q != p]
        for against in itertools.product(*(range(game.shape[q]) for q in others)):
            profile = [0] * game.n_players
            for q, k in zip(others, against):
                profile[q] = k
            values = tuple(game.payoff(p, *_with(profile, p, k)) for k in range(game.shape[p]))
            top = max(values)
            out.append(
                BestReplies(
                    player=p,
                    against=tuple(against),
                    payoffs=values,
                    best=tuple(k for k, v in enumerate(values) if v == top),
                )
            )
    return tuple(out)


def _eliminations(game) -> tuple[Elimination, ...]:
    """Iterated elimination of strategies strictly dominated by a pure strategy (the order does not matter)."""
    alive = [list(range(s)) for s in game.shape]
    out = []
    changed = True
    while changed:
        changed = False
        for p in range(game.n_players):
            others = [alive[q] if q != p else [0] for q in range(game.n_players)]
            for a in list(alive[p]):
                for b in alive[p]:
                    if b == a:
                        continue
                    if all(
                        game.payoff(p, *_with(prof, p, b)) > game.payoff(p, *_with(prof, p, a))
                        for prof in itertools.product(*others)
                    ):
                        alive[p].remove(a)
                        out.append(Elimination(player=p, strategy=a, by=b))
                        changed = True
                        break
    return tuple(out)


def _why(game, tensors, k: int, e: Equilibrium, breakdown) -> EquilibriumWhy:
    checks = []
    for p in range(game.n_players):
        values = tuple(strategy_payoffs(tensors[p], e.mixed, p))
        support = set(e.support(p))
        checks.append(
            StrategyCheck(
                player=p, payoff=e.payoffs[p], values=values, played=tuple(s in support for s in range(game.shape[p]))
            )
        )
    parts: tuple[PayoffBreakdown, ...] = ()
    if e.pure:
        prof = e.profile()
        parts = tuple(b for b in breakdown if b.profile == prof)
    return EquilibriumWhy(index=k, checks=tuple(checks), breakdown=parts)


def _treaty(game, treaty: str = TREATY) -> tuple[tuple[int, ...], tuple[TreatyTest, ...]]:
    signers = tuple(p for p in range(game.n_players) if treaty in game.strategies[p])
    if len(signers) < 2:
        return signers, ()
    others = [p for p in range(game.n_players) if p not in signers]
    tests = []
    for choice in itertools.product(*(range(game.shape[p]) for p in others)):
        profile = [0] * game.n_players
        for p in signers:
            profile[p] = game.strategies[p].index(treaty)
        for p, k in zip(others, choice):
            profile[p] = k
        profile = tuple(profile)
        deviations = []
        for p in range(game.n_players):
            best = game.best_responses(p, profile)
            if profile[p] not in best:
                gain = game.payoff(p, *_with(profile, p, best[0])) - game.payoff(p, *profile)
                deviations.append((p, best[0], gain))
        tests.append(TreatyTest(profile=profile, deviations=tuple(deviations)))
    return signers, tuple(tests)


def explain_nplayer(model: Model, method: str = "exact") -> NPlayerExplanation:
    """Compute the walk-through of a game of three or more players at the model's parameter values.

    Examples
    --------
    >>> from bargaining.io.gamefile import load_model
    >>> ex = explain_nplayer(load_model("games/triangle/taiwan_crisis.toml"))
    >>> all(b.exact for b in ex.breakdown), len(ex.solution.equilibria)
    (True, 1)
    >>> t = ex.treaty[0]          # the treaty with the United States containing both: it would court Russia
    >>> [(ex.game.players[p], ex.game.strategies[p][k], str(g)) for p, k, g in t.deviations]
    [('United States', 'wedge_Russia', '1/10')]
    >>> [(ex.game.players[p], ex.game.strategies[p][k]) for p, k, _ in ex.treaty[1].deviations]  # then Russia leaves
    [('Russia', 'align')]
    """
    game = model.game()
    env = model.environment()
    solution = solve(game, method=method)
    breakdown = _breakdown(model, env, game)
    tensors = game.tensors()
    signers, treaty = _treaty(game)
    return NPlayerExplanation(
        model=model,
        terms=_terms(model, env),
        breakdown=breakdown,
        best_replies=_best_replies(game),
        eliminations=_eliminations(game),
        solution=solution,
        why=tuple(_why(game, tensors, k, e, breakdown) for k, e in enumerate(solution.equilibria)),
        treaty=treaty,
        signers=signers,
    )
