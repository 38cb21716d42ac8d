r"""Subgame-perfect play of a parameterised game tree in closed form (``derive`` on a game tree).

Symbolic backward induction (Selten 1965; Fudenberg and Tirole 1991,
sec. 3.5) over a :class:`~bargaining.tree.TreeModel` whose information sets
are single decision nodes or the players' sets of a simultaneous stage game:

- a **terminal** node has one continuation: its payoff formulas;
- a **simultaneous** node's pure profile :math:`a` is an equilibrium of the
  stage game whose cells carry the continuation payoffs :math:`v(\cdot)` of
  the cells' subtrees when :math:`v_i(a) - v_i(b, a_{-i}) \ge 0` for every
  player :math:`i` at the node and every other action :math:`b`;
- a **decision** node's move :math:`m` of player :math:`i` is optimal when
  :math:`v_i(m) - v_i(m') \ge 0` for every other move :math:`m'`;
- a **chance** node's continuation is the expectation
  :math:`\sum_k p_k v(k)` with the probability formulas :math:`p_k`.

Every combination of the subtrees' continuations is followed, so each pure
strategy profile gets the conjunction of the conditions at *every* node,
on the path of play and off it: it is a subgame-perfect equilibrium exactly
where all of them hold (a pure profile is subgame-perfect when it is a Nash
equilibrium of every subgame, and with these information sets that is the
one-shot deviation test at each node; Fudenberg and Tirole 1991, thm. 4.2).
Each difference is reduced by
:func:`bargaining.symbolic.conditions.make_conditions` (factors of fixed sign
on the declared ranges divided out, each condition judged over the ranges);
profiles with a condition that fails throughout the ranges are dropped as
soon as it appears, and so are those that hold only on an equality (a tie,
which generic parameters do not produce). With ``solve_for`` every condition is solved for one
parameter (:func:`bargaining.symbolic.thresholds.tipping_points`), and for
each path of play the set of its values, the others at the file's, where
some subgame-perfect profile plays it.

A two-player stage game is also played in each of its isolated mixed
equilibria: those of the strategic-form derivation
(:func:`bargaining.symbolic.mixed.mixed_analysis`, one per pair of
equal-size supports, von Stengel 2002) of the stage game whose cells carry the
continuation payoffs, with their closed-form expected payoffs as the node's
continuation and their existence conditions (positive probabilities, no
gain outside the support) as the node's conditions. Decisions above them
compare rational functions; their conditions are reduced the same way. Not
derived: continua of stage equilibria and supports of unequal size (on
degenerate parameter sets only), mixed equilibria of stage games with three
or more players, and mixing at decision nodes (only at ties): ``solve``
finds them exactly at given values.

References: R. Selten, "Spieltheoretische Behandlung eines Oligopolmodells
mit Nachfrageträgheit", *Zeitschrift für die gesamte Staatswissenschaft* 121
(1965); D. Fudenberg and J. Tirole, *Game Theory* (MIT Press, 1991);
B. von Stengel, "Computing equilibria for two-person games", *Handbook of
Game Theory* vol. 3, ch. 45 (2002).
"""

from __future__ import annotations

import itertools
from dataclasses import asdict, dataclass, field, replace
from fractions import Fraction
from types import MappingProxyType
from typing import Any, Iterable, Mapping

import numpy as np
import sympy

from bargaining.errors import InputError
from bargaining.symbolic.conditions import formula, make_conditions, verdict
from bargaining.symbolic.emptiness import relaxed_points
from bargaining.symbolic.game import SymbolicGame, rational
from bargaining.symbolic.mixed import mixed_analysis
from bargaining.symbolic.nplayer import TensorGame
from bargaining.symbolic.printing import plain
from bargaining.symbolic.result import (
    Condition,
    Degeneracy,
    Formula,
    SolvedBound,
    Tipping,
    TippingPoint,
    _holds_at,
    number_json,
    set_json,
)
from bargaining.symbolic.sampling import _verify, bounds, find_witness
from bargaining.symbolic.simplify import Budget, Simplifier
from bargaining.symbolic.thresholds import tipping_points
from bargaining.tree import Chance, Decision, Simultaneous, Terminal

__all__ = ["SubgamePerfectProfile", "StageEquilibrium", "PathRegion", "TreeDerivation", "derive_tree"]


@dataclass(frozen=True, kw_only=True)
class SubgamePerfectProfile:
    """A pure strategy profile of the tree and the conditions under which it is subgame-perfect.

    Attributes
    ----------
    name : str
        ``"SPE 1"``; the contexts of the tipping points.
    plan : tuple of (str, str)
        ``(node, move)`` at every decision and simultaneous node, in prefix
        order; a simultaneous node's move is its profile (``"ally, ally"``).
    strategies : Mapping[str, Mapping[str, str]]
        ``{player: {information set: move}}``, the information sets named as
        :mod:`bargaining.solvers.tree` names them (``"partnership:China"``).
    path : tuple of str or None
        The moves along the path of play; None where a chance move is on it.
    outcome : str or None
        The terminal node reached (None where a chance move is on the path).
    payoffs : tuple of Formula
        The expected payoffs, in the tree's player order.
    conditions : tuple of Condition
        Necessary and sufficient together, on and off the path.
    verdict : str
        ``always``, ``conditional`` or ``boundary``.
    equilibrium_at_file : bool
    stages : tuple of str
        The names of the stage equilibria it plays (:class:`StageEquilibrium`).
    decisions : tuple of Condition
        The conditions at its decision nodes (the rest of ``conditions`` are
        those of its stage equilibria).
    witness : Mapping[str, Fraction] or None
        A point of the ranges where every condition holds strictly, checked
        exactly (the file's values where they do); None where none was found.
    impossible : bool
        Proved: the conditions contradict one another (no point of the ranges
        where they all hold strictly; :mod:`bargaining.symbolic.emptiness`).
        Where ``witness`` is None and this is False, nothing is proved.
    mixes : Mapping[str, Mapping[str, tuple of (str, Formula)]]
        ``{player: {information set: ((move, probability), ...)}}`` at the
        stage games it plays in a mixed equilibrium (the moves of the
        support; ``strategies`` names them ``"mixed: ally, align"``).
    """

    name: str
    plan: tuple[tuple[str, str], ...]
    strategies: Mapping[str, Mapping[str, str]]
    path: tuple[str, ...] | None
    outcome: str | None
    payoffs: tuple[Formula, ...]
    conditions: tuple[Condition, ...]
    verdict: str
    equilibrium_at_file: bool
    stages: tuple[str, ...] = ()
    decisions: tuple[Condition, ...] = ()
    witness: Mapping[str, Fraction] | None = None
    mixes: Mapping[str, Mapping[str, tuple]] = field(default_factory=dict)
    impossible: bool = False

    def __post_init__(self):
        if self.witness is not None:
            object.__setattr__(self, "witness", MappingProxyType(dict(self.witness)))
        object.__setattr__(
            self, "mixes", MappingProxyType({p: MappingProxyType(dict(s)) for p, s in self.mixes.items()})
        )
        object.__setattr__(
            self, "strategies", MappingProxyType({p: MappingProxyType(dict(s)) for p, s in self.strategies.items()})
        )

    @property
    def path_text(self) -> str:
        """``"propose, accept"``, or ``"(by chance)"``."""
        return ", ".join(self.path) if self.path is not None else "(by chance)"

    def holds_at(self, point: Mapping[Any, Any]) -> bool:
        """Whether every condition holds exactly at ``point`` (symbol -> number), inside the declared ranges."""
        return all(_holds_at(c, point) for c in self.conditions)

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "plan": [{"node": n, "move": m} for n, m in self.plan],
            "strategies": {p: dict(s) for p, s in self.strategies.items()},
            "path": None if self.path is None else list(self.path),
            "outcome": self.outcome,
            "payoffs": [f.to_dict() for f in self.payoffs],
            "verdict": self.verdict,
            "equilibrium_at_file": self.equilibrium_at_file,
            "conditions": [c.to_dict() for c in self.conditions],
            "stages": list(self.stages),
            "decisions": [c.to_dict() for c in self.decisions],
            "witness": None if self.witness is None else {k: str(v) for k, v in self.witness.items()},
            "impossible": self.impossible,
            "mixes": {
                p: {h: [{"move": a, "probability": q.to_dict()} for a, q in mix] for h, mix in s.items()}
                for p, s in self.mixes.items()
            },
        }


@dataclass(frozen=True, kw_only=True)
class StageEquilibrium:
    """An equilibrium of a simultaneous stage game, pure or mixed, given the play after each of its cells.

    ``name`` is ``"partnership (align, align)"`` or ``"partnership (mixed on
    {ally, align} × {ally, hedge})"`` (with ``#2`` and so on where different
    play after the cells gives the same profile other conditions). For a pure
    one ``conditions`` say that no player at the node gains by switching
    alone; for a mixed one, ``mixes`` (``((player, ((move, probability),
    ...)), ...)``, the support's moves) are the closed forms that make the
    other player indifferent, and ``conditions`` that every probability is
    positive and no move outside the support gains.
    """

    name: str
    node: str
    profile: str
    conditions: tuple[Condition, ...]
    verdict: str
    equilibrium_at_file: bool
    mixes: tuple[tuple[str, tuple[tuple[str, Formula], ...]], ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "node": self.node,
            "profile": self.profile,
            "verdict": self.verdict,
            "equilibrium_at_file": self.equilibrium_at_file,
            "conditions": [c.to_dict() for c in self.conditions],
            "mixes": {p: [{"move": a, "probability": q.to_dict()} for a, q in m] for p, m in self.mixes},
        }


@dataclass(frozen=True, kw_only=True)
class PathRegion:
    """A path of play and the subgame-perfect profiles that play it.

    ``set_at_file`` (with ``solve_for``): the values of the parameter solved
    for, the others at the file's values, where one of them is subgame-perfect
    (a sympy set; None where some set could not be found exactly), and
    ``thresholds``: the solved conditions of those profiles whose value at the
    file's values is an end of that set, one per closed form, the conditions
    that open or close the path. ``found``: some profile has a witness (a
    point where it is subgame-perfect); ``impossible``: every profile's
    conditions are proved contradictory, so the path is never played (except
    at most on a boundary where a condition holds with equality).
    """

    path: tuple[str, ...] | None
    outcome: str | None
    label: str
    profiles: tuple[str, ...]
    at_file: bool
    set_at_file: Any = None
    thresholds: tuple[SolvedBound, ...] = ()
    found: bool = True
    impossible: bool = False

    def to_dict(self) -> dict[str, Any]:
        return {
            "path": None if self.path is None else list(self.path),
            "found": self.found,
            "impossible": self.impossible,
            "outcome": self.outcome,
            "label": self.label,
            "profiles": list(self.profiles),
            "at_file": self.at_file,
            "set_at_file": set_json(self.set_at_file),
            "thresholds": [t.to_dict() for t in self.thresholds],
        }


@dataclass(frozen=True, kw_only=True)
class TreeDerivation:
    """What ``derive`` finds about a game tree: every subgame-perfect profile's conditions.

    ``profiles`` are those not ruled out throughout the ranges, with pure
    moves at decision nodes and pure or mixed equilibria of the stage games;
    ``paths`` groups them by path of play (a path that reaches a stage game
    played mixed ends with its ``"mixed on ..."``); ``tipping`` and
    ``boundaries`` as in :class:`bargaining.symbolic.result.Derivation`, one
    context per profile. ``uncovered`` names the stage games some of whose
    equilibria are not derived at generic parameters (three or more players;
    a player's indifference leaving a continuum of mixes). ``degenerate``:
    the boundaries (equalities) where a stage game is degenerate (its mixed
    equilibria's closed forms fail, a continuum may appear) or a move or
    stage profile ties (optimal only there, so dropped above);
    ``degenerate_at_file`` names those that hold at the file's values, where
    ``solve`` lists the equilibria.
    """

    title: str
    source: str
    players: tuple[str, ...]
    symbols: tuple[str, ...]
    fixed: Mapping[str, Fraction]
    values: Mapping[str, Fraction]
    ranges: Mapping[str, tuple]
    labels: Mapping[str, str]
    profiles: tuple[SubgamePerfectProfile, ...]
    paths: tuple[PathRegion, ...]
    stages: tuple[StageEquilibrium, ...] = ()
    ruled_out: int = 0
    solve_for: str | None = None
    tipping: tuple[Tipping, ...] = ()
    boundaries: tuple[TippingPoint, ...] = ()
    notes: tuple[str, ...] = ()
    unsimplified: int = 0
    budget: Mapping[str, Any] = field(default_factory=dict)
    uncovered: tuple[str, ...] = ()
    degenerate: tuple[Degeneracy, ...] = ()
    degenerate_at_file: tuple[str, ...] = ()
    method: str = "symbolic backward induction (pure moves, pure and mixed stage equilibria)"
    exact: bool = True

    def __post_init__(self):
        for name in ("fixed", "values", "ranges", "labels", "budget"):
            object.__setattr__(self, name, MappingProxyType(dict(getattr(self, name))))

    def point(self, values: Mapping[str, Any]) -> dict:
        """``values`` (parameter name -> number) as a point for :meth:`SubgamePerfectProfile.holds_at`."""
        from bargaining.numbers import to_fraction

        out = {}
        for name in self.symbols:
            raw = values.get(name, self.values[name])
            out[sympy.Symbol(name, **_assumptions(self.ranges[name]))] = rational(to_fraction(raw, where=name))
        return out

    def to_dict(self) -> dict[str, Any]:
        return {
            "title": self.title,
            "source": self.source,
            "kind": "tree",
            "method": self.method,
            "exact": self.exact,
            "players": list(self.players),
            "symbols": list(self.symbols),
            "fixed": {k: str(v) for k, v in self.fixed.items()},
            "values": {k: str(v) for k, v in self.values.items()},
            "ranges": {k: [number_json(lo), number_json(hi)] for k, (lo, hi) in self.ranges.items()},
            "profiles": [p.to_dict() for p in self.profiles],
            "paths": [p.to_dict() for p in self.paths],
            "stages": [s.to_dict() for s in self.stages],
            "ruled_out": self.ruled_out,
            "solve_for": self.solve_for,
            "tipping": [t.to_dict() for t in self.tipping],
            "boundaries": [b.to_dict() for b in self.boundaries],
            "notes": list(self.notes),
            "unsimplified": self.unsimplified,
            "budget": dict(self.budget),
            "uncovered": list(self.uncovered),
            "degenerate": [g.to_dict() for g in self.degenerate],
            "degenerate_at_file": list(self.degenerate_at_file),
        }


def _assumptions(box) -> dict:
    """The sympy assumptions of a parameter's symbol, from its range (as the strategic form's symbols)."""
    lo, hi = box
    out = {"real": True}
    if lo is not None and lo > 0:
        out["positive"] = True
    elif lo is not None and lo == 0:
        out["nonnegative"] = True
    elif hi is not None and hi < 0:
        out["negative"] = True
    elif hi is not None and hi == 0:
        out["nonpositive"] = True
    return out


def _game(model, keep) -> TensorGame:
    params = model.parameters
    names = list(params)
    if keep is None:
        kept = names
    else:
        unknown = [k for k in keep if k not in params]
        if unknown:
            raise InputError(
                f"unknown parameter {unknown[0]!r}; known parameters: {', '.join(names) or 'none'}",
                source=model.source or None,
                where="kept parameters",
            )
        kept = [n for n in names if n in set(keep)]
    symbols = {n: sympy.Symbol(n, **_assumptions((params[n].min, params[n].max))) for n in kept}
    return TensorGame(
        title=model.title,
        source=model.source,
        players=tuple(model.players),
        strategies=(),
        payoffs={},
        symbols=symbols,
        fixed={n: params[n].value for n in names if n not in symbols},
        values=model.values(),
        box={n: (params[n].min, params[n].max) for n in kept},
        labels={n: params[n].label for n in names},
    )


@dataclass(frozen=True)
class _Case:
    payoffs: tuple
    conditions: tuple
    plan: tuple
    moves: tuple  # (player, infoset, move)
    blocks: tuple = ()  # (node, move, the node's own conditions, its mixes)
    mixes: tuple = ()  # (player, infoset, ((move, probability), ...)) where a stage game is played mixed


class _Induction:
    """The continuations of every subtree, the last movers first."""

    def __init__(self, model, game: TensorGame, simp: Simplifier, rng=None):
        self.model = model
        self.game = game
        self.simp = simp
        self.rng = rng if rng is not None else np.random.default_rng(0)
        self.stage_memo: dict[tuple, tuple] = {}
        self.continua: set[str] = set()
        self.degenerate: set[str] = set()
        self.wide: set[str] = set()
        self.by_name = {n.name: n for n in model.nodes}
        env = {**{n: rational(v) for n, v in game.fixed.items()}, **game.symbols}
        self.pay = {k: tuple(e.to_sympy(env) for e in v) for k, v in model.expanded_payoffs().items()}
        self.prob = {k: e.to_sympy(env) for k, e in model.expanded_probabilities().items()}
        self.memo: dict[tuple, tuple] = {}
        self.ruled_out = 0
        self.ties: dict[tuple, Degeneracy] = {}
        self.degeneracies: dict[tuple, Degeneracy] = {}
        self._check_information()

    def tie(self, node: str, move: str, own) -> None:
        """A move or stage profile optimal only on a boundary: the equalities where it ties, as a degenerate set."""
        eqs = tuple(replace(c, rel="==") for c in own if c.status == "boundary")
        if not eqs:
            return
        key = (node, tuple(c.expr for c in eqs))
        if key not in self.ties:
            self.ties[key] = Degeneracy(
                supports=((), ()), name=f"{node} ({move})", player=eqs[0].player, equations=eqs,
                reason="a tie: optimal only where this holds with equality",
            )

    def _check_information(self) -> None:
        seen: dict[str, str] = {}
        for n in self.model.nodes:
            if isinstance(n, Decision):
                h = n.infoset or n.name
                if h in seen:
                    raise InputError(
                        f"information set {h!r} joins nodes {seen[h]!r} and {n.name!r}; derive takes trees whose "
                        "information sets are single nodes or simultaneous stage games (solve takes any tree)",
                        source=self.model.source or None,
                        where=f"node {n.name}",
                    )
                seen[h] = n.name

    def conditions(self, label: str, player: int, diff) -> tuple[Condition, ...]:
        key = (label, diff)
        if key not in self.memo:
            self.memo[key] = tuple(make_conditions(label, player, diff, ">=", self.game, self.simp))
        return self.memo[key]

    def cases(self, name: str) -> list[_Case]:
        n = self.by_name[name]
        players = self.model.players
        if isinstance(n, Terminal):
            return [_Case(self.pay[name], (), (), ())]
        if isinstance(n, Chance):
            out = []
            for combo in itertools.product(*(self.cases(c) for _, _, c in n.moves)):
                value = tuple(
                    sum((self.prob[(name, a)] * case.payoffs[i] for (a, _, _), case in zip(n.moves, combo)),
                        sympy.Integer(0))
                    for i in range(len(players))
                )
                out.append(_merge(value, combo, (), ()))
            return out
        if isinstance(n, Decision):
            i = players.index(n.player)
            h = n.infoset or n.name
            out = []
            for combo in itertools.product(*(self.cases(c) for _, c in n.moves)):
                for k, (a, _) in enumerate(n.moves):
                    own = ()
                    for l, (b, _) in enumerate(n.moves):
                        if l != k:
                            diff = combo[k].payoffs[i] - combo[l].payoffs[i]
                            own += self.conditions(f"{n.player} at {n.name}: {a} rather than {b}", i, diff)
                    if verdict(own) in ("never", "boundary"):
                        if verdict(own) == "boundary":
                            self.tie(n.name, a, own)
                        self.ruled_out += 1
                        continue
                    out.append(_merge(combo[k].payoffs, combo, own, ((n.name, a),), ((n.player, h, a),)))
            return out
        assert isinstance(n, Simultaneous)
        cells = dict(n.cells)
        out = []
        for combo in itertools.product(*(self.cases(c) for _, c in n.cells)):
            value = {profile: case.payoffs for (profile, _), case in zip(n.cells, combo)}
            for profile in cells:
                own = ()
                for k, p in enumerate(n.players):
                    i = players.index(p)
                    for b in n.actions[k]:
                        if b == profile[k]:
                            continue
                        other = profile[:k] + (b,) + profile[k + 1:]
                        label = f"{n.name}: {p} {profile[k]} rather than {b}"
                        own += self.conditions(label, i, value[profile][i] - value[other][i])
                if verdict(own) in ("never", "boundary"):
                    if verdict(own) == "boundary":
                        self.tie(n.name, ", ".join(profile), own)
                    self.ruled_out += 1
                    continue
                moves = tuple((p, n.infoset_of(p), a) for p, a in zip(n.players, profile))
                out.append(_merge(value[profile], combo, own, ((n.name, ", ".join(profile)),), moves))
            if len(n.players) != 2:
                self.wide.add(n.name)
                continue
            for c, payoffs in self.mixed(n, value):
                x, y = (tuple(f.expr for f in side) for side in c.probabilities)
                (I, J) = c.supports
                mixes = tuple(
                    (p, n.infoset_of(p), tuple((n.actions[k][s], q) for s, q in zip(support, mix)))
                    for k, (p, support, mix) in enumerate(zip(n.players, (I, J), (x, y)))
                )
                own = tuple(replace(d, label=f"{n.name}: {d.label}") for d in c.conditions)
                out.append(_merge(payoffs, combo, own, ((n.name, "mixed on " + c.name),), (), mixes))
        return out

    def mixed(self, n: Simultaneous, value) -> tuple:
        """The closed-form mixed equilibria of stage game ``n`` with continuation payoffs ``value``, each with
        every tree player's expected payoff."""
        key = (n.name, tuple(value[profile] for profile, _ in n.cells))
        if key in self.stage_memo:
            return self.stage_memo[key]
        players = self.model.players
        rows, cols = n.actions
        i, j = (players.index(p) for p in n.players)
        g = self.game
        stage = SymbolicGame(
            title=g.title, source=g.source, players=tuple(n.players), strategies=(tuple(rows), tuple(cols)),
            A=sympy.ImmutableMatrix([[value[(r, c)][i] for c in cols] for r in rows]),
            B=sympy.ImmutableMatrix([[value[(r, c)][j] for c in cols] for r in rows]),
            symbols=g.symbols, fixed=g.fixed, values=g.values, box=g.box, labels=g.labels,
        )
        with self.simp.at(f"the mixed equilibria of stage game {n.name}"):
            candidates, deferred, degenerate, degeneracies, _ = mixed_analysis(stage, self.simp, self.rng)
        for g in degeneracies:
            key = (n.name, g.name, tuple(c.expr for c in g.equations))
            self.degeneracies.setdefault(key, replace(g, name=f"{n.name} ({g.name})"))
        if deferred:
            self.continua.add(n.name)
        if degenerate:
            self.degenerate.add(n.name)
        out = []
        for c in candidates:
            if c.kind != "generic" or c.verdict not in ("possible", "not found"):
                continue
            (I, J) = c.supports
            x, y = (tuple(f.expr for f in side) for side in c.probabilities)
            payoffs = []
            for k in range(len(players)):
                if k == i:
                    payoffs.append(c.payoffs[0].expr)
                elif k == j:
                    payoffs.append(c.payoffs[1].expr)
                else:
                    u = sum((p * q * value[(rows[r], cols[s])][k] for r, p in zip(I, x) for s, q in zip(J, y)),
                            sympy.Integer(0))
                    payoffs.append(formula(u, g, self.simp).expr)
            out.append((c, tuple(payoffs)))
        self.stage_memo[key] = tuple(out)
        return self.stage_memo[key]


def _merge(payoffs, combo, own, plan, moves=(), mixes=()) -> _Case:
    conditions = tuple(dict.fromkeys(own + tuple(c for case in combo for c in case.conditions)))
    mix = tuple((p, m) for p, _, m in mixes)
    blocks = tuple((node, move, own, mix) for node, move in plan)
    return _Case(
        payoffs,
        conditions,
        plan + tuple(x for case in combo for x in case.plan),
        moves + tuple(x for case in combo for x in case.moves),
        blocks + tuple(x for case in combo for x in case.blocks),
        mixes + tuple(x for case in combo for x in case.mixes),
    )


def _path(model, plan: Mapping[str, str]) -> tuple[tuple[str, ...] | None, str | None]:
    by_name = {n.name: n for n in model.nodes}
    node = model.nodes[0]
    path: list[str] = []
    while not isinstance(node, Terminal):
        if isinstance(node, Chance):
            return None, None
        move = plan[node.name]
        path.append(move)
        if isinstance(node, Decision):
            child = dict(node.moves)[move]
        else:
            cells = {", ".join(k): c for k, c in node.cells}
            if move not in cells:  # a mixed stage equilibrium: play goes on by chance
                return tuple(path), None
            child = cells[move]
        node = by_name[child]
    return tuple(path), node.name


def _seeded_witness(conditions, game, rng, samples: int = 400) -> tuple[dict | None, bool]:
    """``(witness, impossible)`` where uniform sampling found none: the optima of the linear relaxation
    (:func:`bargaining.symbolic.emptiness.relaxed_points`), each verified exactly and, failing that, the points
    of a small box around it; ``impossible`` where the relaxation proves that there is no point."""
    syms = list(game.symbols.values())
    seeds = relaxed_points(conditions, syms, game.box)
    if seeds is None:
        return None, False
    if not seeds:
        return None, True
    b = bounds(game)
    for seed in seeds:
        if _verify(seed, conditions):
            return {s.name: Fraction(int(v.p), int(v.q)) for s, v in seed.items()}, False
        for scale in (Fraction(1, 100), Fraction(1, 20)):
            for _ in range(samples // 2):
                point = {}
                for s in syms:
                    lo, hi = b[s.name]
                    x = Fraction(seed[s]) + (hi - lo) * scale * Fraction(int(rng.integers(-1000, 1001)), 1000)
                    point[s] = rational(min(max(x, lo), hi))
                if _verify(point, conditions):
                    return {s.name: Fraction(int(v.p), int(v.q)) for s, v in point.items()}, False
    return None, False


def _undefined(expr, game) -> str:
    """Why a threshold has no value at the file's values: a square root of a negative number, or a zero
    denominator (with the limit there, where it exists along the parameter named)."""
    point = game.point()
    for r in sorted(expr.atoms(sympy.Pow), key=sympy.count_ops):
        if r.exp == sympy.Rational(1, 2):
            v = r.base.xreplace(point)
            if v.is_number and v < 0:
                return f"no real value (under the square root: {float(v):.4g} < 0, so no real root there)"
    _, den = sympy.fraction(sympy.together(expr))
    zero = [f for f, _ in sympy.factor_list(den)[1] if f.xreplace(point) == 0] if den.free_symbols else []
    if zero:
        f = zero[0]
        why = f"undefined: denominator {plain(f)} = 0 there"
        for s in sorted(f.free_symbols, key=lambda s: s.name):
            rest = {k: v for k, v in point.items() if k != s}
            try:
                lim = sympy.limit(expr.xreplace(rest), s, point[s])
            except Exception:  # noqa: BLE001 - a limit sympy cannot take is left unstated
                continue
            if lim.is_real and lim.is_finite:
                return why + f" (the limit as {s.name} tends to its value is {float(lim):.4g})"
        return why
    return "undefined there (the closed form cannot be evaluated at the file's values)"


def _prefix_order(model, plan) -> tuple:
    order = {n.name: k for k, n in enumerate(model.nodes)}
    return tuple(sorted(plan, key=lambda x: order[x[0]]))


def derive_tree(model, *, keep: Iterable[str] | None = None, solve_for: str | None = None,
                budget: Budget | None = None, seed: int = 0) -> TreeDerivation:
    """The conditions under which each pure strategy profile of a game tree is subgame-perfect.

    Parameters
    ----------
    model : bargaining.tree.TreeModel
    keep : iterable of str, optional
        Parameters kept symbolic (default all); the others at the model's values.
    solve_for : str, optional
        A parameter to solve every condition for.
    budget : Budget, optional
    seed : int
        Seed of the random points of the witness searches.

    Returns
    -------
    TreeDerivation

    Raises
    ------
    InputError
        ``solve_for`` or a kept name is not a parameter; an information set
        joins decision nodes (other than a simultaneous node's).

    Examples
    --------
    >>> from bargaining.io.gamefile import load_model
    >>> d = derive_tree(load_model("games/treaty_proposal.toml"), keep=["T"], solve_for="T")
    >>> [r.path for r in d.paths if r.at_file]      # at the file's values, T = 0.6: no treaty
    [('no proposal', 'align, align'), ('propose', 'reject', 'align, align')]
    >>> treaty = next(r for r in d.paths if r.path == ("propose", "accept"))
    >>> treaty.set_at_file
    Interval(111/125, 1)
    """
    notes = []
    keep = None if keep is None else list(keep)
    if solve_for is not None:
        if solve_for not in model.parameters:
            known = ", ".join(model.parameters) or "none"
            raise InputError(
                f"unknown parameter {solve_for!r}; known parameters: {known}",
                source=model.source or None,
                where="solve for",
            )
        if keep is not None and solve_for not in keep:
            keep.append(solve_for)
            notes.append(f"{solve_for} is kept symbolic because it is solved for")
    game = _game(model, keep)
    budget = budget or Budget()
    simp = Simplifier(game.box, budget)
    rng = np.random.default_rng(seed)
    induction = _Induction(model, game, simp, np.random.default_rng([seed, 2]))
    cases = induction.cases(model.nodes[0].name)
    profiles = []
    stages: dict[tuple, StageEquilibrium] = {}
    simultaneous = {n.name for n in model.nodes if isinstance(n, Simultaneous)}
    for k, case in enumerate(cases):
        names, decisions = [], []
        for node, move, own, mix in case.blocks:
            if node not in simultaneous:
                decisions += own
                continue
            key = (node, move, own, mix)
            if key not in stages:
                taken = sum(1 for (n, m, _, _) in stages if (n, m) == (node, move))
                stages[key] = StageEquilibrium(
                    name=f"{node} ({move})" + (f" #{taken + 1}" if taken else ""),
                    node=node,
                    profile=move,
                    conditions=own,
                    verdict=verdict(own),
                    equilibrium_at_file=all(c.holds_at_file for c in own),
                    mixes=tuple((p, tuple((a, formula(q, game, simp)) for a, q in m)) for p, m in mix),
                )
            names.append(stages[key].name)
        plan = _prefix_order(model, case.plan)
        path, outcome = _path(model, dict(plan))
        strategies: dict[str, dict[str, str]] = {p: {} for p in model.players}
        for p, h, a in case.moves:
            strategies[p][h] = a
        mixes: dict[str, dict[str, tuple]] = {p: {} for p in model.players}
        for p, h, mix in case.mixes:
            mixes[p][h] = tuple((a, formula(q, game, simp)) for a, q in mix)
            strategies[p][h] = "mixed: " + ", ".join(a for a, _ in mix)
        conditions = case.conditions
        live = [(c.expr, c.rel) for c in conditions if not c.trivial]
        witness = find_witness(live, game, rng)
        impossible = False
        if witness is None:
            witness, impossible = _seeded_witness(live, game, rng)
        profiles.append(SubgamePerfectProfile(
            name=f"SPE {k + 1}",
            plan=plan,
            strategies=strategies,
            path=path,
            outcome=outcome,
            payoffs=tuple(formula(u, game, simp) for u in case.payoffs),
            conditions=conditions,
            verdict=verdict(conditions),
            equilibrium_at_file=all(c.holds_at_file for c in conditions),
            stages=tuple(names),
            decisions=tuple(dict.fromkeys(decisions)),
            mixes={p: m for p, m in mixes.items() if m},
            witness=witness,
            impossible=impossible,
        ))
    tipping, boundaries = (), ()
    if solve_for is not None:
        theta = game.symbols[solve_for]
        contexts = [(p.name, "mixed" if p.mixes else "pure", p.conditions)
                    for p in profiles if p.verdict in ("always", "conditional")]
        tipping, boundaries = tipping_points(contexts, theta, game, simp)
        boundaries = tuple(
            b if b.bound.at_file is not None
            else replace(b, bound=replace(b.bound, note=_undefined(b.bound.expr, game)))
            for b in boundaries
        )
    edges = () if solve_for is None else tuple(v for v in game.box[solve_for] if v is not None)
    paths = _paths(model, profiles, tipping if solve_for is not None else None, edges)
    gaps = []
    if induction.wide:
        gaps.append("mixed equilibria of stage games with three or more players (" + ", ".join(sorted(
            induction.wide)) + ")")
    if induction.continua or induction.degenerate:
        gaps.append("continua of stage equilibria and mixed ones on supports of unequal size, which exist only on "
                    "degenerate (measure-zero) parameter sets (" + ", ".join(sorted(
                        induction.continua | induction.degenerate)) + ")")
    gaps.append("ties: parameter points where a condition above holds with equality, where further "
                "continuations (mixes at decision nodes, unequal supports) appear")
    notes.append(
        "complete for generic parameters: every subgame-perfect equilibrium whose stage games are played in "
        "isolated equilibria, pure or mixed, is a profile above whose conditions hold there; not derived: "
        + "; ".join(gaps) + " (solve finds them exactly at given values)"
    )
    if induction.ruled_out:
        notes.append(
            f"{induction.ruled_out} move(s) or stage profile(s) were dropped, with every profile built on them, "
            "because a condition of theirs fails throughout the ranges or holds only where it is = 0 (a tie "
            "that generic parameters do not produce)"
        )
    if simp.skipped:
        notes.append(
            f"{simp.skipped} expression(s) were left as computed, unsimplified, to stay within the "
            "simplification budget; they are correct but longer"
        )
    # ties at the file's values: a condition of a stage equilibrium or a decision that holds with equality there
    at_file_ties: dict[tuple, Degeneracy] = {}
    where = [("stage game", s.conditions) for s in stages.values()]
    where += [("decision", p.decisions) for p in profiles]
    for kind, conds in where:
        for c in conds:
            if c.trivial or c.rel == "==" or game.at_file(c.expr) != 0:
                continue
            key = c.expr
            name = c.label.split(":")[0]
            reason = f"a tie at the file's values: {c.label.split(': ', 1)[-1]} (a {kind})"
            if key not in at_file_ties:
                at_file_ties[key] = Degeneracy(supports=((), ()), name=name, player=c.player,
                                               equations=(replace(c, rel="=="),), reason=reason)
    degenerate = (tuple(induction.degeneracies.values()) + tuple(induction.ties.values())
                  + tuple(at_file_ties.values()))
    return TreeDerivation(
        title=model.title,
        source=model.source,
        players=tuple(model.players),
        symbols=tuple(game.symbols),
        fixed=dict(game.fixed),
        values=dict(game.values),
        ranges=dict(game.box),
        labels=dict(game.labels),
        profiles=tuple(profiles),
        paths=paths,
        stages=tuple(stages.values()),
        ruled_out=induction.ruled_out,
        solve_for=solve_for,
        tipping=tipping,
        boundaries=boundaries,
        notes=tuple(notes),
        unsimplified=simp.skipped,
        budget=asdict(budget),
        uncovered=tuple(sorted(induction.wide | induction.continua)),
        degenerate=degenerate,
        degenerate_at_file=tuple(g.name for g in degenerate if g.holds_at(game.point())),
    )


def _paths(model, profiles, tipping, edges=()) -> tuple[PathRegion, ...]:
    labels = {n.name: n.label for n in model.nodes if isinstance(n, Terminal)}
    sets = {t.context: t.interval_at_file for t in tipping or ()}
    solved = {t.context: t.lower + t.upper + t.other for t in tipping or ()}
    groups: dict[tuple, list[SubgamePerfectProfile]] = {}
    for p in profiles:
        groups.setdefault((p.path, p.outcome), []).append(p)
    out = []
    for (path, outcome), members in groups.items():
        region = None
        if tipping is not None:
            parts = [sets.get(p.name, sympy.EmptySet) for p in members]
            region = None if any(s is None for s in parts) else sympy.Union(*parts)
        # an end of the set at an end of the parameter's range is not a threshold
        ends = _ends(region) - {rational(v) for v in edges}
        thresholds: dict[str, SolvedBound] = {}
        candidates = []
        for p in members:
            own = {c.label for c in p.decisions}
            candidates += [(t.label not in own, t) for t in solved.get(p.name, ())]
        # a decision's condition names the choice the threshold turns; a stage game's, the play after it
        for _, t in sorted(candidates, key=lambda c: c[0]):
            value = t.bound.at_file
            if value is not None and value in ends and t.case is None:
                thresholds.setdefault(plain(t.bound.expr), t)
        out.append(PathRegion(
            path=path,
            outcome=outcome,
            label=labels.get(outcome, "") if outcome else "",
            found=any(p.witness is not None for p in members),
            impossible=all(p.impossible for p in members),
            profiles=tuple(p.name for p in members),
            at_file=any(p.equilibrium_at_file for p in members),
            set_at_file=region,
            thresholds=tuple(sorted(thresholds.values(), key=lambda t: float(t.bound.at_file))),
        ))
    return tuple(out)


def _ends(region) -> set:
    """The finite ends of a set of values (an Interval, a Union of them, points)."""
    if region is None or region is sympy.EmptySet:
        return set()
    return {v for v in region.boundary if getattr(v, "is_finite", False)} if hasattr(region, "boundary") else set()
