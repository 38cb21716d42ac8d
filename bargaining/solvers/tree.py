r"""Solving game trees exactly: subgame-perfect equilibria, the reduced strategic form, its Nash equilibria.

Everything is exact rational arithmetic on a :class:`~bargaining.tree.GameTree`
(simultaneous nodes are first written as decision nodes with information sets,
:meth:`~bargaining.tree.GameTree.expanded`).

Subgames
    A *proper subgame* starts at a node that is alone in its information set
    (or a chance node) and contains, with each node, every node of that node's
    information set (Selten 1965; Fudenberg and Tirole 1991, sec. 3.2). The
    whole tree is a subgame; terminal nodes are not counted.

Subgame-perfect equilibria (:func:`backward_induction`)
    Backward induction over subgames (Selten 1965; Fudenberg and Tirole 1991,
    sec. 3.5). The minimal subgames are solved first; each is replaced by the
    payoffs of one of its equilibria, and the *truncated* game above it (the
    nodes of the enclosing subgame that lie in no smaller subgame) is solved
    with those payoffs at its leaves. **Every combination** of the smaller
    subgames' equilibria is followed, so no equilibrium is lost by choosing a
    continuation. A truncated game is solved through its reduced strategic
    form: with one player moving, by the player's optimal plans; with two
    (a simultaneous stage game, or any subgame with imperfect information),
    by every extreme Nash equilibrium from the exact bimatrix solver
    (:func:`bargaining.solvers.registry.solve`); with three or more players
    moving in one truncated game, by its pure equilibria only (a warning says
    so). Where a subgame's equilibria form a continuum (ties), the extreme
    ones are followed, as the bimatrix solver reports them.

    An equilibrium found this way may leave a player's move open at an
    information set that the player's *own* earlier move in the same
    truncated game rules out (and that lies in no smaller subgame): no
    subgame's equilibrium condition depends on it, so every completion is
    subgame-perfect. Such moves are reported as ``None``.

The reduced strategic form (:func:`strategic_form`)
    A pure strategy assigns a move to each of the player's information sets;
    strategies that agree at every information set their own moves do not
    rule out are identified (the reduced normal form; Fudenberg and Tirole
    1991, sec. 3.3). Each reduced strategy is a *plan*: a move at each
    information set it reaches, written ``"a/b/*"`` in the order of the
    player's information sets, ``*`` where the plan does not reach one.

Nash equilibria of the tree (:func:`nash_equilibria`)
    The Nash equilibria of the reduced strategic form: for two players every
    extreme equilibrium (the exact bimatrix solver); for more, the pure ones.
    Each is turned into behaviour strategies (Kuhn 1953: the probability of a
    move at an information set is the weight of the plans that reach it and
    take the move, over the weight of those that reach it) and marked
    ``subgame_perfect``: True when some completion of its open moves is a
    Nash equilibrium in every subgame (found among the subgame-perfect
    equilibria, or checked directly: no player gains from any pure deviation
    in any subgame); False when it fails in a subgame where it leaves no move
    open to a player shut out of that subgame (it rests on a non-credible
    threat); None when neither can be shown (possible only with ties in a
    subgame that the equilibrium's own moves rule out). An equilibrium marked
    False names its threats (:class:`Threat`): backward induction bound to
    the equilibrium stops at a smallest subgame where no completion of the
    open moves is an equilibrium, and the prescribed moves a player would not
    carry out there are named, measured against the best reply of a player
    whose moves there are open.

Subgame-perfect equilibria in the strategic form (:class:`FormPoint`)
    Each subgame-perfect equilibrium of backward induction is written as a
    mixed strategy profile of the reduced strategic form (Kuhn 1953: a plan's
    weight is the product of the behaviour probabilities of its moves),
    checked to have zero regret there exactly, and located: the extreme
    equilibrium it is, or a maximal convex set of equilibria (Avis, Rosenberg,
    Savani and von Stengel 2010) with the exact weights that write each
    player's strategy as a mixture of the set's extreme strategies. An SPE
    that mixes in a stage game the other player's plan reaches is not an
    extreme point; SPEs that differ only at moves a player's own earlier move
    rules out are one profile of the reduced form.

The record of backward induction (:class:`InductionStep`)
    For each subgame, the last movers first, and each distinct set of payoffs
    of the smaller subgames' equilibria: the truncated game (a mover's
    options, or a two-player strategic form) and the equilibria followed;
    :mod:`bargaining.analysis.explain_tree` walks through it.

Games of incomplete information (a chance move over types, Harsanyi 1967-68)
    have few or no proper subgames; their Bayesian Nash equilibria are the Nash
    equilibria of the strategic form (:func:`bayesian_equilibria`). Perfect
    Bayesian equilibria of signalling games are in
    :mod:`bargaining.solvers.signalling`.

References: R. Selten, "Spieltheoretische Behandlung eines Oligopolmodells mit
Nachfragetr\"agheit", Zeitschrift f\"ur die gesamte Staatswissenschaft 121
(1965); R. Selten, "Reexamination of the perfectness concept for equilibrium
points in extensive games", IJGT 4 (1975); H. W. Kuhn, "Extensive games and
the problem of information" (1953); J. C. Harsanyi, "Games with incomplete
information played by Bayesian players", Management Science 14 (1967-68);
D. Fudenberg and J. Tirole, *Game Theory* (1991), ch. 3 and 8; D. Avis, G. D.
Rosenberg, R. Savani and B. von Stengel, "Enumeration of Nash equilibria for
two-player games", Economic Theory 42 (2010).
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from fractions import Fraction
from itertools import product
from typing import Any, Mapping, Sequence

from bargaining.errors import InputError
from bargaining.game import Game
from bargaining.numbers import number_to_json
from bargaining.tree import Chance, Decision, GameTree, Terminal

__all__ = [
    "PlayOutcome",
    "Threat",
    "FormPoint",
    "FormSummary",
    "InductionCase",
    "InductionStep",
    "TreeEquilibrium",
    "StrategicForm",
    "TreeSolution",
    "solve_tree",
    "backward_induction",
    "strategic_form",
    "nash_equilibria",
    "bayesian_equilibria",
    "subgames",
    "check_subgame_perfect",
]

Behaviour = dict[int, "tuple[Fraction, ...] | None"]

ZERO = Fraction(0)
ONE = Fraction(1)


# ----------------------------------------------------------------------------- result types


@dataclass(frozen=True, kw_only=True)
class PlayOutcome:
    """One way play can end: its probability, the moves along the way and the terminal node reached."""

    probability: Fraction
    path: tuple[str, ...]
    terminal: str

    def to_dict(self) -> dict[str, Any]:
        return {"probability": number_to_json(self.probability), "path": list(self.path), "outcome": self.terminal}


@dataclass(frozen=True, kw_only=True)
class Threat:
    """Why an equilibrium is not subgame-perfect: in the subgame at ``subgame`` a move it prescribes is not credible.

    The subgame is a smallest one in which no completion of the
    equilibrium's open moves gives an equilibrium (its smaller subgames are
    played as the equilibrium, completed, says: ``continuation``).

    Attributes
    ----------
    subgame : str
        The subgame's root.
    player : str
        The player whose prescribed moves there are not credible.
    changes : tuple of (infoset, move, better move)
        The moves the equilibrium prescribes that the player would not carry
        out if the subgame were reached (``move`` is ``"a mix"`` for a mixed
        move), and what the player would do instead.
    value, better_value : Fraction
        The player's expected payoff in the subgame as prescribed, and with
        the better moves.
    replies : tuple of (player, ((infoset, move), ...))
        When the equilibrium leaves another player's moves in this subgame
        open (that player's own earlier move rules the subgame out): that
        player's best reply to the prescribed moves, which ``value`` and
        ``better_value`` are computed against. Empty when every move of the
        subgame's truncated game is prescribed.
    other_replies : bool
        The open player has other best replies as well; against each of them
        the prescribed moves are not credible either.
    continuation : tuple of (subgame, payoffs, outcome)
        The smaller subgames below this one, the payoffs of the equilibrium
        played there, and the terminal node reached when play there is certain.
    """

    subgame: str
    player: str
    changes: tuple[tuple[str, str, str], ...]
    value: Fraction
    better_value: Fraction
    replies: tuple[tuple[str, tuple[tuple[str, str], ...]], ...] = ()
    other_replies: bool = False
    continuation: tuple[tuple[str, tuple[Fraction, ...], str | None], ...] = ()

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "subgame": self.subgame,
            "player": self.player,
            "moves": [{"infoset": h, "move": a, "better": b} for h, a, b in self.changes],
            "value": number_to_json(self.value),
            "better_value": number_to_json(self.better_value),
        }
        if self.replies:
            out["replies"] = [{"player": p, "moves": {h: a for h, a in moves}} for p, moves in self.replies]
            out["other_replies"] = self.other_replies
        if self.continuation:
            out["continuation"] = [
                {"subgame": r, "payoffs": [number_to_json(v) for v in values], "outcome": end}
                for r, values, end in self.continuation
            ]
        return out


@dataclass(frozen=True, kw_only=True)
class FormPoint:
    """Where a subgame-perfect equilibrium lies among the Nash equilibria of the reduced strategic form.

    Attributes
    ----------
    regret : tuple of Fraction
        Each player's largest gain from a pure deviation in the strategic
        form, exactly: zero, so the equilibrium is a Nash equilibrium of it.
    equal_to : int or None
        The index (into :attr:`TreeSolution.equilibria`) of the extreme
        equilibrium it is, when it is one.
    subset : tuple of int
        A maximal convex set of equilibria containing it, as the indices of
        its extreme equilibria (:attr:`TreeSolution.subsets`); empty when it
        could not be located exactly.
    weights : tuple of tuple of (int, Fraction)
        For each player, its mixed strategy as a convex combination of the
        strategies of the extreme equilibria of ``subset``: ``(index of an
        extreme equilibrium, weight)`` pairs, exact.
    spanned : tuple of int
        The extreme equilibria of the smallest face of ``subset`` that holds
        it: every profile of the strategies ``weights`` uses (one extreme
        equilibrium when it is one).
    component : int or None
        The connected component of the equilibrium set
        (:attr:`TreeSolution.components`) it lies in.
    """

    regret: tuple[Fraction, ...]
    equal_to: int | None = None
    subset: tuple[int, ...] = ()
    weights: tuple[tuple[tuple[int, Fraction], ...], ...] = ()
    spanned: tuple[int, ...] = ()
    component: int | None = None

    @property
    def extreme(self) -> bool:
        return self.equal_to is not None

    def to_dict(self) -> dict[str, Any]:
        return {
            "regret": [number_to_json(r) for r in self.regret],
            "equal_to": self.equal_to,
            "subset": list(self.subset),
            "weights": [[{"equilibrium": k, "weight": number_to_json(w)} for k, w in ws] for ws in self.weights],
            "spanned_by": list(self.spanned),
            "component": self.component,
        }


@dataclass(frozen=True, kw_only=True)
class TreeEquilibrium:
    """An equilibrium of a game tree in behaviour strategies.

    Attributes
    ----------
    players : tuple of str
    behaviour : tuple
        For each player, ``(infoset, moves)`` pairs in the order of the
        player's information sets; ``moves`` is ``((move, probability), ...)``,
        or None where the player's own earlier moves rule the information set
        out and the equilibrium leaves the move open.
    payoffs : tuple of Fraction
        Expected payoffs, in player order.
    play : tuple of PlayOutcome
        The distribution over paths of play (chance and mixing), most likely first.
    mixed : tuple of tuple of Fraction, or None
        For an equilibrium of the reduced strategic form: each player's mixed
        strategy over the reduced strategies (:class:`StrategicForm`).
    strategy_names : tuple of tuple of str
        The reduced strategies ``mixed`` refers to.
    subgame_perfect : bool or None
        See :mod:`bargaining.solvers.tree`.
    threats : tuple of Threat
        For an equilibrium that is not subgame-perfect, the moves it rests on
        that would not be carried out.
    form_point : FormPoint or None
        For a subgame-perfect equilibrium of backward induction (two
        players): where it lies among the strategic form's Nash equilibria.
    """

    players: tuple[str, ...]
    behaviour: tuple[tuple[tuple[str, tuple[tuple[str, Fraction], ...] | None], ...], ...]
    payoffs: tuple[Fraction, ...]
    play: tuple[PlayOutcome, ...]
    mixed: tuple[tuple[Fraction, ...], ...] | None = None
    strategy_names: tuple[tuple[str, ...], ...] = ()
    subgame_perfect: bool | None = True
    threats: tuple[Threat, ...] = ()
    form_point: FormPoint | None = None

    @property
    def strategies(self) -> dict[str, dict[str, dict[str, Fraction] | None]]:
        """``{player: {infoset: {move: probability} or None}}``."""
        return {
            p: {h: (None if moves is None else dict(moves)) for h, moves in sets}
            for p, sets in zip(self.players, self.behaviour)
        }

    @property
    def pure(self) -> bool:
        """Every move that is not left open is taken with probability 0 or 1."""
        return all(
            moves is None or all(q in (ZERO, ONE) for _, q in moves) for sets in self.behaviour for _, moves in sets
        )

    @property
    def path(self) -> tuple[str, ...] | None:
        """The moves along the path of play, when play is certain (no chance move or mixing on the path)."""
        return self.play[0].path if len(self.play) == 1 else None

    @property
    def outcome(self) -> str | None:
        """The terminal node reached, when play is certain."""
        return self.play[0].terminal if len(self.play) == 1 else None

    def payoff(self, player: str) -> Fraction:
        return self.payoffs[self.players.index(player)]

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "strategies": {
                p: {h: (None if moves is None else {a: number_to_json(q) for a, q in moves}) for h, moves in sets}
                for p, sets in zip(self.players, self.behaviour)
            },
            "path": None if self.path is None else list(self.path),
            "outcome": self.outcome,
            "play": [o.to_dict() for o in self.play],
            "payoffs": {p: number_to_json(u) for p, u in zip(self.players, self.payoffs)},
            "pure": self.pure,
            "subgame_perfect": self.subgame_perfect,
        }
        if self.threats:
            out["threats"] = [t.to_dict() for t in self.threats]
        if self.mixed is not None:
            out["mixed"] = {
                p: {s: number_to_json(q) for s, q in zip(names, x)}
                for p, names, x in zip(self.players, self.strategy_names, self.mixed)
            }
        if self.form_point is not None:
            out["in_strategic_form"] = self.form_point.to_dict()
        return out


Moves = tuple[tuple[str, "tuple[tuple[str, Fraction], ...] | None"], ...]


@dataclass(frozen=True, kw_only=True)
class InductionCase:
    """The truncated game of one subgame, for one set of payoffs of the smaller subgames' equilibria.

    Attributes
    ----------
    continuation : tuple of (subgame, payoffs)
        Each smaller subgame directly below, with the payoffs of the
        equilibrium played there (the truncated game's leaves).
    combinations : int
        How many combinations of the smaller subgames' equilibria give these
        payoffs (each leads to its own subgame-perfect equilibria).
    options : tuple of (plan, payoffs)
        With one player moving: each of its plans in the truncated game (a
        move, for a single node) and the expected payoffs it leads to; at a
        chance node, each chance move and the payoffs after it.
    best : tuple of str
        The optimal plans (several: a tie).
    game : Game or None
        With two players moving: the truncated game's reduced strategic form,
        the smaller subgames replaced by their payoffs.
    solution : Solution or None
        Its equilibria, as the exact bimatrix solver finds them.
    equilibria : tuple of (moves, payoffs)
        The truncated game's equilibria that backward induction follows:
        the behaviour at each of its information sets (None where left open)
        and the payoffs.
    """

    continuation: tuple[tuple[str, tuple[Fraction, ...]], ...]
    combinations: int
    options: tuple[tuple[str, tuple[Fraction, ...]], ...] = ()
    best: tuple[str, ...] = ()
    game: Game | None = None
    solution: Any = None
    equilibria: tuple[tuple[Moves, tuple[Fraction, ...]], ...] = ()

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "continuation": [{"subgame": r, "payoffs": [number_to_json(v) for v in values]}
                             for r, values in self.continuation],
            "combinations": self.combinations,
        }
        if self.options:
            out["options"] = [{"option": a, "payoffs": [number_to_json(v) for v in values]}
                              for a, values in self.options]
            out["best"] = list(self.best)
        out["equilibria"] = [
            {"moves": {h: (None if m is None else {a: number_to_json(q) for a, q in m}) for h, m in moves},
             "payoffs": [number_to_json(v) for v in values]}
            for moves, values in self.equilibria
        ]
        return out


@dataclass(frozen=True, kw_only=True)
class InductionStep:
    """One subgame in backward induction: who moves in its truncated game, and what is best there.

    Attributes
    ----------
    root : str
        The subgame's root (a node of the tree as written; a simultaneous
        node keeps its name).
    kind : str
        ``"chance"`` (no player moves: an expectation), ``"decision"`` (one
        player moves), ``"stage"`` (a simultaneous node: a strategic-form
        stage game) or ``"strategic"`` (two or more players with imperfect
        information: the truncated game's reduced strategic form).
    players : tuple of str
        The players moving in the truncated game.
    infosets : tuple of str
        Their information sets in it.
    nodes : tuple of str
        The nodes of the truncated game (of the expanded tree).
    below : tuple of str
        The roots of the smaller subgames directly below.
    cases : tuple of InductionCase
        One per distinct set of payoffs of the smaller subgames' equilibria.
    """

    root: str
    kind: str
    players: tuple[str, ...]
    infosets: tuple[str, ...]
    nodes: tuple[str, ...]
    below: tuple[str, ...]
    cases: tuple[InductionCase, ...]

    def to_dict(self) -> dict[str, Any]:
        return {
            "subgame": self.root,
            "kind": self.kind,
            "players": list(self.players),
            "infosets": list(self.infosets),
            "nodes": list(self.nodes),
            "below": list(self.below),
            "cases": [case.to_dict() for case in self.cases],
        }


@dataclass(frozen=True, kw_only=True)
class StrategicForm:
    """The reduced strategic form of a game tree.

    Attributes
    ----------
    players : tuple of str
    strategies : tuple of tuple of str
        Each player's reduced strategies (plans), ``"a/b/*"``.
    plans : tuple of tuple of tuple
        For each player and strategy, ``(infoset, move)`` pairs: the move at each
        information set the plan reaches.
    infosets : tuple of tuple of str
        Each player's information sets, in the order the labels use.
    payoffs : Mapping
        ``profile -> payoffs``: a profile is a tuple of strategy indices, one
        per player; payoffs are expected (over chance), in player order.
    """

    players: tuple[str, ...]
    strategies: tuple[tuple[str, ...], ...]
    plans: tuple[tuple[tuple[tuple[str, str], ...], ...], ...]
    infosets: tuple[tuple[str, ...], ...]
    payoffs: Mapping[tuple[int, ...], tuple[Fraction, ...]]
    title: str = ""

    @property
    def shape(self) -> tuple[int, ...]:
        return tuple(len(s) for s in self.strategies)

    def tensor(self, player: int):
        """``player``'s payoffs as a numpy object array of Fractions, one axis per player."""
        import numpy as np

        out = np.empty(self.shape, dtype=object)
        for profile, pay in self.payoffs.items():
            out[profile] = pay[player]
        out.flags.writeable = False
        return out

    def game(self) -> Game:
        """The two-player strategic form as a :class:`~bargaining.game.Game`."""
        if len(self.players) != 2:
            raise InputError(f"a bimatrix game has two players; this tree has {len(self.players)}")
        m, n = self.shape
        A = [[self.payoffs[(i, j)][0] for j in range(n)] for i in range(m)]
        B = [[self.payoffs[(i, j)][1] for j in range(n)] for i in range(m)]
        return Game.from_arrays(A, B, players=self.players, strategies=self.strategies, title=self.title)

    def regret(self, mixed: Sequence[Sequence[Any]]) -> tuple[Fraction, ...]:
        """Each player's largest gain from a pure deviation against the mixed profile ``mixed`` (exact)."""
        mixed = [[Fraction(q) for q in x] for x in mixed]
        k = len(self.players)
        regrets = []
        for i in range(k):
            gains = []
            for s in range(self.shape[i]):
                gains.append(self._expected(mixed, i, s))
            current = sum((mixed[i][s] * gains[s] for s in range(self.shape[i])), ZERO)
            regrets.append(max(gains) - current)
        return tuple(regrets)

    def _expected(self, mixed, i, s) -> Fraction:
        total = ZERO
        ranges = [range(n) if p != i else [s] for p, n in enumerate(self.shape)]
        for profile in product(*ranges):
            w = ONE
            for p, q in enumerate(profile):
                if p != i:
                    w *= mixed[p][q]
                    if not w:
                        break
            if w:
                total += w * self.payoffs[profile][i]
        return total

    def to_dict(self) -> dict[str, Any]:
        return {
            "players": list(self.players),
            "strategies": {p: list(s) for p, s in zip(self.players, self.strategies)},
            "payoffs": [
                {"profile": [self.strategies[p][q] for p, q in enumerate(prof)],
                 "payoffs": {self.players[p]: number_to_json(v) for p, v in enumerate(pay)}}
                for prof, pay in sorted(self.payoffs.items())
            ],
        }


@dataclass(frozen=True, kw_only=True)
class FormSummary:
    """How the subgame-perfect equilibria of backward induction sit among the strategic form's Nash equilibria.

    Attributes
    ----------
    subgame_perfect : int
        How many backward induction found.
    extreme : int
        How many of them are extreme equilibria of the strategic form.
    distinct : tuple of int
        The extreme equilibria they are (several SPEs can be one: the reduced
        strategic form does not record a move that a player's own earlier move
        rules out).
    marked : tuple of int
        The extreme equilibria marked subgame-perfect.
    located : int
        How many were placed exactly in a maximal convex set of equilibria.
    verified : bool
        Every one has zero regret in the strategic form, exactly.
    components : tuple of int
        The connected components of the equilibrium set they lie in.
    """

    subgame_perfect: int
    extreme: int
    distinct: tuple[int, ...]
    marked: tuple[int, ...]
    located: int
    verified: bool
    components: tuple[int, ...]

    @property
    def inside(self) -> int:
        """How many are not extreme: they mix, and lie inside a convex set of equilibria."""
        return self.subgame_perfect - self.extreme

    def to_dict(self) -> dict[str, Any]:
        return {
            "subgame_perfect": self.subgame_perfect,
            "extreme": self.extreme,
            "distinct_extreme": list(self.distinct),
            "marked_subgame_perfect": list(self.marked),
            "not_extreme": self.inside,
            "located": self.located,
            "zero_regret": self.verified,
            "components": list(self.components),
        }


@dataclass(frozen=True, kw_only=True)
class TreeSolution:
    """Everything :func:`solve_tree` finds, with provenance.

    Attributes
    ----------
    tree : GameTree
    subgame_perfect : tuple of TreeEquilibrium
        Every subgame-perfect equilibrium backward induction reaches (each
        combination of the subgames' extreme equilibria), those with the same
        play of the game next to each other.
    equilibria : tuple of TreeEquilibrium
        The Nash equilibria of the reduced strategic form, each marked
        ``subgame_perfect``.
    strategic_form : StrategicForm
    subgames : tuple of str
        The roots of the proper subgames, in prefix order (the tree's root first).
    form_summary : FormSummary or None
        Two players: how the subgame-perfect equilibria sit among the
        strategic form's Nash equilibria.
    steps : tuple of InductionStep
        Backward induction, subgame by subgame, the last movers first.
    subsets : tuple of tuple of int
        The maximal convex sets of the strategic form's equilibria (two
        players), as indices into ``equilibria``: every mixture of the listed
        equilibria's strategies of one player with those of the other is an
        equilibrium (:mod:`bargaining.solvers.components`).
    components : tuple of tuple of int
        The connected components of the strategic form's equilibrium set:
        the maximal convex sets linked by common extreme equilibria.
    method, exact, complete, warnings
        ``complete`` is False when some truncated game or the strategic form
        has three or more players, whose mixed equilibria are not computed.
    """

    tree: GameTree
    subgame_perfect: tuple[TreeEquilibrium, ...]
    equilibria: tuple[TreeEquilibrium, ...]
    strategic_form: StrategicForm
    subgames: tuple[str, ...]
    perfect_bayesian: Any = None
    form_summary: FormSummary | None = None
    steps: tuple[InductionStep, ...] = ()
    subsets: tuple[tuple[int, ...], ...] = ()
    components: tuple[tuple[int, ...], ...] = ()
    source: str = ""
    parameters: tuple[tuple[str, Fraction], ...] = ()
    changed: tuple[str, ...] = ()
    method: str = "backward induction; reduced strategic form"
    exact: bool = True
    complete: bool = True
    warnings: tuple[str, ...] = field(default=())

    def reading(self, terminal: str | None) -> str | None:
        """The plain-words label of a terminal node (None when it has none, or for None)."""
        if terminal is None:
            return None
        return self.tree.node(terminal).label or None

    def to_dict(self) -> dict[str, Any]:
        def described(e: TreeEquilibrium) -> dict[str, Any]:
            out = e.to_dict()
            out["reading"] = self.reading(e.outcome)
            return out

        out = {
            "title": self.tree.title,
            "source": self.source,
            "players": list(self.tree.players),
            "parameters": {name: number_to_json(v) for name, v in self.parameters},
            "subgames": list(self.subgames),
            "subgame_perfect": [described(e) for e in self.subgame_perfect],
            "equilibria": [described(e) for e in self.equilibria],
            "strategic_form": self.strategic_form.to_dict(),
            "subsets": [list(q) for q in self.subsets],
            "in_strategic_form": None if self.form_summary is None else self.form_summary.to_dict(),
            "components": [list(q) for q in self.components],
            "method": self.method,
            "exact": self.exact,
            "complete": self.complete,
            "warnings": list(self.warnings),
        }
        if self.perfect_bayesian is not None:
            out["perfect_bayesian"] = self.perfect_bayesian.to_dict()
        return out


# ----------------------------------------------------------------------------- the compiled tree


class _Compiled:
    """The expanded tree as index arrays, with information sets, own histories and subgames."""

    def __init__(self, tree: GameTree):
        t = tree.expanded()
        self.original = tree
        self.tree = t
        self.players = t.players
        nodes = t.nodes
        index = {n.name: k for k, n in enumerate(nodes)}
        self.names = [n.name for n in nodes]
        self.kind = []
        self.player: list[int] = []
        self.iset: list[int] = []
        self.kids: list[tuple[int, ...]] = []
        self.labels: list[tuple[str, ...]] = []
        self.probs: list[tuple[Fraction, ...]] = []
        self.pay: list[tuple[Fraction, ...]] = []
        info_names = list(t.infosets)
        info_index = {h: k for k, h in enumerate(info_names)}
        self.info_names = info_names
        self.info_player = [self.players.index(t.infosets[h].player) for h in info_names]
        self.info_moves = [t.infosets[h].moves for h in info_names]
        self.info_nodes = [tuple(index[v] for v in t.infosets[h].nodes) for h in info_names]
        for n in nodes:
            if isinstance(n, Decision):
                h = info_index[n.infoset or n.name]
                child = dict(n.moves)
                self.kind.append("d")
                self.player.append(self.players.index(n.player))
                self.iset.append(h)
                # children in the information set's move order, so that move k means the same at every node
                self.kids.append(tuple(index[child[a]] for a in self.info_moves[h]))
                self.labels.append(self.info_moves[h])
                self.probs.append(())
                self.pay.append(())
            elif isinstance(n, Chance):
                self.kind.append("c")
                self.player.append(-1)
                self.iset.append(-1)
                self.kids.append(tuple(index[c] for _, _, c in n.moves))
                self.labels.append(tuple(a for a, _, _ in n.moves))
                self.probs.append(tuple(p for _, p, _ in n.moves))
                self.pay.append(())
            else:
                assert isinstance(n, Terminal)
                self.kind.append("t")
                self.player.append(-1)
                self.iset.append(-1)
                self.kids.append(())
                self.labels.append(())
                self.probs.append(())
                self.pay.append(tuple(n.payoffs))
        size = len(nodes)
        self.end = [0] * size
        for k in range(size - 1, -1, -1):
            self.end[k] = max([k + 1] + [self.end[c] for c in self.kids[k]])
        # each player's own history at each information set: (infoset, move index) pairs from the root
        self.own: list[tuple[tuple[int, int], ...]] = [()] * len(info_names)
        stack = [(0, {p: () for p in range(len(self.players))})]
        while stack:
            k, hist = stack.pop()
            if self.kind[k] == "d":
                p, h = self.player[k], self.iset[k]
                self.own[h] = hist[p]
                for a, c in enumerate(self.kids[k]):
                    stack.append((c, {**hist, p: hist[p] + ((h, a),)}))
            else:
                for c in self.kids[k]:
                    stack.append((c, hist))
        lo = [min(v) for v in self.info_nodes]
        hi = [max(v) for v in self.info_nodes]
        self.is_subgame = [False] * size
        for k in range(size):
            if self.kind[k] == "t" or (self.kind[k] == "d" and len(self.info_nodes[self.iset[k]]) > 1):
                continue
            e = self.end[k]
            self.is_subgame[k] = all(
                lo[self.iset[v]] >= k and hi[self.iset[v]] < e for v in range(k, e) if self.kind[v] == "d"
            )
        self.player_infosets = [
            tuple(h for h in range(len(info_names)) if self.info_player[h] == p) for p in range(len(self.players))
        ]

    # ------------------------------------------------------------------ pieces of a subgame

    def region(self, r: int) -> tuple[list[int], list[int]]:
        """The truncated game at subgame root ``r``: its decision/chance nodes, and the child subgames' roots."""
        inside, below = [], []
        stack = [r]
        while stack:
            k = stack.pop()
            if k != r and self.is_subgame[k]:
                below.append(k)
                continue
            if self.kind[k] != "t":
                inside.append(k)
                stack.extend(reversed(self.kids[k]))
        return sorted(inside), sorted(below)

    def plans(self, p: int, infosets: Sequence[int]) -> list[dict[int, int]]:
        """Player ``p``'s reduced plans over ``infosets``: a move at each one its own earlier moves reach."""
        mine = sorted((h for h in infosets if self.info_player[h] == p), key=lambda h: (len(self.own[h]), h))
        inside = set(mine)
        out: list[dict[int, int]] = []

        def grow(k: int, plan: dict[int, int]):
            if k == len(mine):
                out.append(dict(plan))
                return
            h = mine[k]
            if all(plan.get(g) == a for g, a in self.own[h] if g in inside):
                for a in range(len(self.info_moves[h])):
                    plan[h] = a
                    grow(k + 1, plan)
                del plan[h]
            else:
                grow(k + 1, plan)

        grow(0, {})
        return out

    def value(self, k: int, beh: Mapping[int, Any], leaves: Mapping[int, tuple] | None = None) -> tuple[Fraction, ...]:
        """Expected payoffs at node ``k`` under behaviour ``beh`` (infoset -> move probabilities, or a pure move)."""
        if leaves and k in leaves:
            return leaves[k]
        kind = self.kind[k]
        if kind == "t":
            return self.pay[k]
        if kind == "c":
            weights = self.probs[k]
        else:
            b = beh[self.iset[k]]
            weights = tuple(ONE if a == b else ZERO for a in range(len(self.kids[k]))) if isinstance(b, int) else b
        total = [ZERO] * len(self.players)
        for w, c in zip(weights, self.kids[k]):
            if w:
                v = self.value(c, beh, leaves)
                for i in range(len(total)):
                    total[i] += w * v[i]
        return tuple(total)

    def play(self, beh: Mapping[int, Any]) -> list[tuple[Fraction, tuple[str, ...], int]]:
        out = []
        stack = [(0, ONE, ())]
        while stack:
            k, w, path = stack.pop()
            kind = self.kind[k]
            if kind == "t":
                out.append((w, path, k))
                continue
            if kind == "c":
                weights = self.probs[k]
            else:
                b = beh[self.iset[k]]
                weights = tuple(ONE if a == b else ZERO for a in range(len(self.kids[k]))) if isinstance(b, int) else b
            for a in range(len(self.kids[k]) - 1, -1, -1):
                if weights[a]:
                    stack.append((self.kids[k][a], w * weights[a], path + (self.labels[k][a],)))
        return out

    def behaviour_of(self, p: int, plans: Sequence[Mapping[int, int]], x: Sequence[Fraction], infosets) -> Behaviour:
        """Kuhn's behaviour strategy of a mixed strategy ``x`` over ``plans`` (None where x never reaches)."""
        out: Behaviour = {}
        for h in infosets:
            if self.info_player[h] != p:
                continue
            reach = sum((q for plan, q in zip(plans, x) if h in plan), ZERO)
            if not reach:
                out[h] = None
                continue
            moves = [ZERO] * len(self.info_moves[h])
            for plan, q in zip(plans, x):
                if q and h in plan:
                    moves[plan[h]] += q
            out[h] = tuple(m / reach for m in moves)
        return out

    def own_reach(self, p: int, beh: Mapping[int, Any], h: int) -> Fraction:
        """The probability that player ``p``'s own moves (under ``beh``) lead towards information set ``h``."""
        w = ONE
        for g, a in self.own[h]:
            b = beh.get(g)
            if b is None:
                return ZERO
            w *= b[a]
            if not w:
                return ZERO
        return w


# ----------------------------------------------------------------------------- solving truncated games


def _truncated_form(c: _Compiled, r: int, inside: list[int], leaves: Mapping[int, tuple]):
    """The truncated game at ``r`` in strategic form: its information sets, its active players, their plans, payoffs.

    ``payoff(profile)`` gives the expected payoffs at ``r`` of one plan per
    active player, the smaller subgames replaced by ``leaves``.
    """
    infosets = sorted({c.iset[k] for k in inside if c.kind[k] == "d"})
    active = sorted({c.info_player[h] for h in infosets})
    plans = {p: c.plans(p, infosets) for p in active}

    def payoff(profile: Sequence[dict[int, int]]) -> tuple[Fraction, ...]:
        beh: dict[int, int] = {}
        for plan in profile:
            beh.update(plan)
        return c.value(r, beh, leaves)

    return infosets, active, plans, payoff


def _plan_label(c: _Compiled, p: int, plan: Mapping[int, int], infosets: Sequence[int]) -> str:
    mine = [h for h in infosets if c.info_player[h] == p]
    if len(mine) == 1:
        return c.info_moves[mine[0]][plan[mine[0]]]
    return "/".join(c.info_moves[h][plan[h]] if h in plan else "*" for h in mine)


def _bimatrix(c: _Compiled, active, plans, payoff, infosets, *, labelled: bool = False) -> Game:
    p, q = active
    table = {(i, j): payoff([a, b]) for i, a in enumerate(plans[p]) for j, b in enumerate(plans[q])}
    m, n = len(plans[p]), len(plans[q])
    names = {}
    if labelled:
        names = {
            "players": (c.players[p], c.players[q]),
            "strategies": tuple(_unique(tuple(_plan_label(c, k, plan, infosets) for plan in plans[k])) for k in (p, q)),
        }
    return Game.from_arrays(
        [[table[(i, j)][p] for j in range(n)] for i in range(m)],
        [[table[(i, j)][q] for j in range(n)] for i in range(m)],
        **names,
    )


def _unique(labels: tuple[str, ...]) -> tuple[str, ...]:
    seen: dict[str, int] = {}
    out = []
    for lab in labels:
        seen[lab] = seen.get(lab, 0) + 1
        out.append(lab if seen[lab] == 1 else f"{lab} ({seen[lab]})")
    return tuple(out)


def _truncated_equilibria(
    c: _Compiled, r: int, inside: list[int], leaves: Mapping[int, tuple], warnings: list[str], flags: dict
):
    """Equilibria of the truncated game at ``r`` (behaviour over its information sets).

    ``flags["ties"]`` is set when the truncated game may have equilibria
    beyond those returned (a continuum: ties, a degenerate game, or three or
    more players). The answer for one truncated game and its leaves is kept
    on ``c``: the searches for each Nash equilibrium's completion ask again.
    """
    key = (r, tuple(sorted(leaves.items())))
    memo = c.__dict__.setdefault("_truncated", {})
    if key not in memo:
        mine: list[str] = []
        found: dict = {}
        memo[key] = (_solve_truncated(c, r, inside, leaves, mine, found), mine, found)
    out, said, raised = memo[key]
    warnings.extend(said)
    flags.update(raised)
    return [dict(beh) for beh in out]


def _solve_truncated(
    c: _Compiled, r: int, inside: list[int], leaves: Mapping[int, tuple], warnings: list[str], flags: dict
):
    from bargaining.solvers.registry import solve

    infosets, active, plans, payoff = _truncated_form(c, r, inside, leaves)
    if not active:
        return [{}]

    def pure(profile) -> Behaviour:
        beh: Behaviour = {}
        for p, plan in zip(active, profile):
            for h in infosets:
                if c.info_player[h] == p:
                    beh[h] = (
                        None
                        if h not in plan
                        else tuple(ONE if a == plan[h] else ZERO for a in range(len(c.info_moves[h])))
                    )
        return beh

    if len(active) == 1:
        p = active[0]
        values = [payoff([plan])[p] for plan in plans[p]]
        best = max(values)
        if values.count(best) > 1:
            flags["ties"] = True
        return [pure([plan]) for plan, v in zip(plans[p], values) if v == best]
    if len(active) == 2:
        p, q = active
        out = []
        solution = solve(_bimatrix(c, active, plans, payoff, infosets))
        if any(len(comp) > 1 for comp in solution.components):
            flags["ties"] = True
        for e in solution.equilibria:
            beh = c.behaviour_of(p, plans[p], e.x, infosets)
            beh.update(c.behaviour_of(q, plans[q], e.y, infosets))
            out.append(beh)
        return out
    shape = [len(plans[p]) for p in active]
    values = {prof: payoff([plans[p][k] for p, k in zip(active, prof)]) for prof in product(*map(range, shape))}
    out = []
    for prof, v in values.items():
        if all(
            values[prof[:slot] + (alt,) + prof[slot + 1:]][p] <= v[p]
            for slot, p in enumerate(active)
            for alt in range(shape[slot])
        ):
            out.append(pure([plans[p][k] for p, k in zip(active, prof)]))
    flags["ties"] = flags["incomplete"] = True
    warnings.append(
        f"subgame {c.names[r]}: {len(active)} players move in it; only its pure equilibria are followed"
    )
    return out


def _spe_pieces(
    c: _Compiled, r: int, warnings: list[str], flags: dict, constraint: Behaviour | None = None,
    record: dict | None = None,
) -> list[tuple[Behaviour, tuple[Fraction, ...]]]:
    """Backward induction from subgame root ``r``: every combination of the smaller subgames' equilibria.

    With a ``constraint`` (a behaviour profile, None at open moves), only the
    truncated equilibria that agree with it wherever both say something are
    followed. With a ``record`` (a dict), each subgame's truncated equilibria
    are noted there by the payoffs of the smaller subgames
    (``record[r][leaf payoffs] = [combinations, equilibria]``), for
    :func:`_steps`.
    """
    inside, below = c.region(r)
    children = [_spe_pieces(c, s, warnings, flags, constraint, record) for s in below]
    shut_out = False
    if constraint is not None:
        here = {c.iset[k] for k in inside if c.kind[k] == "d"}
        for p in {c.info_player[h] for h in here}:
            mine = [c.iset[k] for k in range(r, c.end[r]) if c.kind[k] == "d" and c.player[k] == p]
            if all(constraint.get(h) is None for h in mine):
                shut_out = True
    pieces = []
    solved: dict[tuple, list] = {}
    for combo in product(*children):
        leaves = {s: piece[1] for s, piece in zip(below, combo)}
        merged: Behaviour = {}
        for piece in combo:
            merged.update(piece[0])
        if constraint is not None and not shut_out:
            # every player here is bound by the constraint: it is an equilibrium of the truncated game or not
            beh = {h: constraint.get(h) for h in {c.iset[k] for k in inside if c.kind[k] == "d"}}
            candidates = [beh] if _stable(c, r, inside, leaves, beh) else []
        else:
            key = tuple(leaves[s] for s in below)
            if key not in solved:
                # combinations with the same leaf payoffs have the same truncated game
                solved[key] = _truncated_equilibria(c, r, inside, leaves, warnings, flags)
            candidates = []
            for beh in solved[key]:
                if constraint is not None and any(
                    b is not None and constraint.get(h) is not None and constraint[h] != b for h, b in beh.items()
                ):
                    continue
                candidates.append(beh)
            if record is not None:
                entry = record.setdefault(r, {}).setdefault(
                    key, [0, [(beh, c.value(r, beh, leaves)) for beh in candidates]]
                )
                entry[0] += 1
        for beh in candidates:
            full = {**merged, **beh}
            pieces.append((full, c.value(r, full)))
    return pieces


def _moves_of(c: _Compiled, beh: Mapping[int, Any], infosets: Sequence[int]) -> Moves:
    return tuple(
        (c.info_names[h], None if beh.get(h) is None else tuple(zip(c.info_moves[h], beh[h]))) for h in infosets
    )


def _steps(c: _Compiled, record: Mapping[int, Mapping[tuple, list]]) -> tuple[InductionStep, ...]:
    """The backward-induction record as steps, each subgame after every subgame below it."""
    from bargaining.solvers.registry import solve
    from bargaining.tree import Simultaneous

    steps = []
    for r in sorted(record, reverse=True):
        inside, below = c.region(r)
        original = c.original.by_name.get(c.names[r])
        cases = []
        infosets: list[int] = []
        active: list[int] = []
        for key, (count, found) in record[r].items():
            leaves = dict(zip(below, key))
            infosets, active, plans, payoff = _truncated_form(c, r, inside, leaves)
            options: tuple = ()
            best: tuple = ()
            game = solution = None
            if not active:
                options = tuple((a, c.value(k, {}, leaves)) for a, k in zip(c.labels[r], c.kids[r]))
            elif len(active) == 1:
                (q,) = active
                options = tuple((_plan_label(c, q, plan, infosets), payoff([plan])) for plan in plans[q])
                top = max(v[q] for _, v in options)
                best = tuple(a for a, v in options if v[q] == top)
            elif len(active) == 2:
                game = _bimatrix(c, active, plans, payoff, infosets, labelled=True)
                solution = solve(game)
            cases.append(InductionCase(
                continuation=tuple((c.names[k], v) for k, v in zip(below, key)),
                combinations=count,
                options=options,
                best=best,
                game=game,
                solution=solution,
                equilibria=tuple((_moves_of(c, beh, infosets), value) for beh, value in found),
            ))
        if not active:
            kind = "chance"
        elif isinstance(original, Simultaneous):
            kind = "stage"
        elif len(active) == 1:
            kind = "decision"
        else:
            kind = "strategic"
        steps.append(InductionStep(
            root=c.names[r],
            kind=kind,
            players=tuple(c.players[q] for q in active),
            infosets=tuple(c.info_names[h] for h in infosets),
            nodes=tuple(c.names[k] for k in inside),
            below=tuple(c.names[k] for k in below),
            cases=tuple(cases),
        ))
    return tuple(steps)


def _stable(c: _Compiled, r: int, inside: list[int], leaves: Mapping[int, tuple], beh: Behaviour) -> bool:
    """No player gains by a pure deviation in the truncated game at ``r`` (smaller subgames fixed at ``leaves``)."""
    infosets = sorted({c.iset[k] for k in inside if c.kind[k] == "d"})
    value = c.value(r, beh, leaves)
    for p in {c.info_player[h] for h in infosets}:
        for plan in c.plans(p, infosets):
            trial = dict(beh)
            for h, a in plan.items():
                trial[h] = tuple(ONE if b == a else ZERO for b in range(len(c.info_moves[h])))
            if c.value(r, trial, leaves)[p] > value[p]:
                return False
    return True


# ----------------------------------------------------------------------------- public functions


def subgames(tree: GameTree) -> tuple[str, ...]:
    """The roots of the proper subgames, in prefix order (the root first; terminal nodes not counted).

    Examples
    --------
    >>> from bargaining.tree import decision, terminal
    >>> t = GameTree.build(["E", "I"], [decision("e", "E", {"out": "o", "in": "r"}), terminal("o", [0, 2]),
    ...     decision("r", "I", {"fight": "f", "share": "s"}), terminal("f", [-1, -1]), terminal("s", [1, 1])])
    >>> subgames(t)
    ('e', 'r')
    """
    c = _Compiled(tree)
    return tuple(c.names[k] for k in range(len(c.names)) if c.is_subgame[k])


def backward_induction(tree: GameTree) -> tuple[tuple[TreeEquilibrium, ...], tuple[str, ...]]:
    """Every subgame-perfect equilibrium reached by backward induction over subgames, exactly.

    Returns
    -------
    equilibria : tuple of TreeEquilibrium
    warnings : tuple of str

    Examples
    --------
    Selten's entry game: the entrant enters and the incumbent accommodates.

    >>> from bargaining.tree import decision, terminal
    >>> t = GameTree.build(["Entrant", "Incumbent"], [
    ...     decision("enter?", "Entrant", {"out": "out", "in": "respond"}), terminal("out", [0, 2]),
    ...     decision("respond", "Incumbent", {"fight": "war", "accommodate": "peace"}),
    ...     terminal("war", [-1, -1]), terminal("peace", [1, 1])])
    >>> (spe,), _ = backward_induction(t)
    >>> spe.path, spe.outcome, [str(u) for u in spe.payoffs]
    (('in', 'accommodate'), 'peace', ['1', '1'])
    """
    c = _Compiled(tree)
    warnings: list[str] = []
    pieces = _spe_pieces(c, 0, warnings, {})
    return tuple(_equilibrium(c, beh) for beh, _ in pieces), tuple(dict.fromkeys(warnings))


def strategic_form(tree: GameTree) -> StrategicForm:
    """The reduced strategic form of ``tree`` (expected payoffs over chance).

    Examples
    --------
    >>> from bargaining.tree import decision, terminal
    >>> t = GameTree.build(["E", "I"], [decision("e", "E", {"out": "o", "in": "r"}), terminal("o", [0, 2]),
    ...     decision("r", "I", {"fight": "f", "share": "s"}), terminal("f", [-1, -1]), terminal("s", [1, 1])])
    >>> f = strategic_form(t)
    >>> f.strategies, [str(v) for v in f.payoffs[(1, 0)]]
    ((('out', 'in'), ('fight', 'share')), ['-1', '-1'])
    """
    c = _Compiled(tree)
    return _form(c)[0]


def _form(c: _Compiled):
    every = list(range(len(c.info_names)))
    plans = [c.plans(p, every) for p in range(len(c.players))]
    from bargaining.limits import check_form

    check_form([len(ps) for ps in plans])
    names = []
    for p, ps in enumerate(plans):
        mine = c.player_infosets[p]
        if not mine:
            names.append(("(no move)",))
            continue
        labels = []
        for plan in ps:
            if len(mine) == 1:
                labels.append(c.info_moves[mine[0]][plan[mine[0]]])
            else:
                labels.append("/".join(c.info_moves[h][plan[h]] if h in plan else "*" for h in mine))
        seen: dict[str, int] = {}
        unique = []
        for lab in labels:
            seen[lab] = seen.get(lab, 0) + 1
            unique.append(lab if seen[lab] == 1 else f"{lab} ({seen[lab]})")
        names.append(tuple(unique))
    payoffs = {}
    for profile in product(*(range(len(ps)) for ps in plans)):
        beh: dict[int, int] = {}
        for p, q in enumerate(profile):
            beh.update(plans[p][q])
        payoffs[profile] = c.value(0, beh)
    form = StrategicForm(
        players=c.players,
        strategies=tuple(names),
        plans=tuple(
            tuple(tuple((c.info_names[h], c.info_moves[h][a]) for h, a in sorted(plan.items())) for plan in ps)
            for ps in plans
        ),
        infosets=tuple(tuple(c.info_names[h] for h in c.player_infosets[p]) for p in range(len(c.players))),
        payoffs=payoffs,
        title=c.tree.title,
    )
    return form, plans


def nash_equilibria(tree: GameTree) -> tuple[tuple[TreeEquilibrium, ...], tuple[str, ...]]:
    """The Nash equilibria of the reduced strategic form, in behaviour strategies, each marked ``subgame_perfect``.

    Two players: every extreme equilibrium (exact bimatrix solver). Three or
    more: the pure equilibria (a warning says so).

    Returns
    -------
    equilibria : tuple of TreeEquilibrium
    warnings : tuple of str

    Examples
    --------
    The entry game has a second Nash equilibrium, resting on the threat to fight:

    >>> from bargaining.tree import decision, terminal
    >>> t = GameTree.build(["E", "I"], [decision("e", "E", {"out": "o", "in": "r"}), terminal("o", [0, 2]),
    ...     decision("r", "I", {"fight": "f", "share": "s"}), terminal("f", [-1, -1]), terminal("s", [1, 1])])
    >>> eqs, _ = nash_equilibria(t)
    >>> [(e.outcome, e.subgame_perfect) for e in eqs if e.pure]
    [('o', False), ('s', True)]
    """
    c = _Compiled(tree)
    warnings: list[str] = []
    flags: dict = {}
    spe_pieces = [beh for beh, _ in _spe_pieces(c, 0, warnings, flags)]
    return _nash(c, spe_pieces, flags, warnings)[:2]


def _nash(c: _Compiled, spe_pieces: list[Behaviour], flags: dict, warnings: list[str]):
    from bargaining.solvers.registry import solve

    form, plans = _form(c)
    every = list(range(len(c.info_names)))
    mixed_profiles: list[tuple[tuple[Fraction, ...], ...]] = []
    solution = None
    if len(c.players) == 2:
        solution = solve(form.game())
        warnings.extend(solution.warnings)
        mixed_profiles = [tuple(tuple(x) for x in e.mixed) for e in solution.equilibria]
    elif len(c.players) == 1:
        values = [form.payoffs[(k,)][0] for k in range(len(plans[0]))]
        best = max(values)
        mixed_profiles = [
            ((tuple(ONE if j == k else ZERO for j in range(len(values)))),) for k, v in enumerate(values) if v == best
        ]
    else:
        flags["incomplete"] = True
        warnings.append(f"{len(c.players)} players: only the pure equilibria of the strategic form are listed")
        for profile in product(*(range(len(ps)) for ps in plans)):
            x = [tuple(ONE if j == q else ZERO for j in range(len(plans[p]))) for p, q in enumerate(profile)]
            if not any(form.regret(x)):
                mixed_profiles.append(tuple(x))
    out = []
    for x in mixed_profiles:
        beh: Behaviour = {}
        for p in range(len(c.players)):
            beh.update(c.behaviour_of(p, plans[p], x[p], every))
        flag = _subgame_perfect(c, beh, spe_pieces, exhaustive=not flags.get("ties"))
        threats: tuple[Threat, ...] = ()
        if flag is not True:
            completion, found = _bound_search(c, beh)
            if completion is not None and not _failing_subgames(c, _fill(c, beh, completion)):
                flag = True
            elif flag is False:
                threats = found or _threats(c, beh, spe_pieces)
        out.append(_equilibrium(c, beh, mixed=x, names=form.strategies, flag=flag, threats=threats))
    return tuple(out), tuple(dict.fromkeys(warnings)), solution


def bayesian_equilibria(tree: GameTree) -> tuple[tuple[TreeEquilibrium, ...], tuple[str, ...]]:
    """The Bayesian Nash equilibria of a game of incomplete information (Harsanyi 1967-68).

    The game is a tree whose root is a chance move over the players' types,
    with the types' priors as probabilities; a player who does not know the
    other's type has the nodes of the different types in one information set.
    Its Bayesian Nash equilibria are the Nash equilibria of its strategic form,
    with behaviour strategies that say what each type does (Fudenberg and
    Tirole 1991, sec. 6.2).

    Raises
    ------
    InputError
        If the root is not a chance node.
    """
    if not isinstance(tree.expanded().root, Chance):
        raise InputError(
            "a game of incomplete information starts with a chance move over types", where=f"node {tree.root.name}"
        )
    return nash_equilibria(tree)


def solve_tree(tree: GameTree) -> TreeSolution:
    """Solve a game tree exactly: subgame-perfect equilibria, the reduced strategic form and its Nash equilibria.

    Examples
    --------
    Rosenthal's centipede: the first player takes at once.

    >>> from bargaining.tree import decision, terminal
    >>> t = GameTree.build(["1", "2"], [
    ...     decision("n1", "1", {"take": "t1", "pass": "n2"}), terminal("t1", [1, 0]),
    ...     decision("n2", "2", {"take": "t2", "pass": "n3"}), terminal("t2", [0, 2]),
    ...     decision("n3", "1", {"take": "t3", "pass": "end"}), terminal("t3", [3, 1]), terminal("end", [2, 4])])
    >>> s = solve_tree(t)
    >>> [e.path for e in s.subgame_perfect], s.subgames
    ([('take',)], ('n1', 'n2', 'n3'))
    """
    c = _Compiled(tree)
    warnings: list[str] = []
    flags: dict = {}
    record: dict = {}
    pieces = [beh for beh, _ in _spe_pieces(c, 0, warnings, flags, record=record)]
    equilibria, warnings_, solution = _nash(c, pieces, flags, list(warnings))
    form, plans = _form(c)
    subsets: tuple[tuple[int, ...], ...] = ()
    components: tuple[tuple[int, ...], ...] = ()
    if solution is not None:
        subsets = solution.components
        components = _connected(subsets)
    spe = []
    for beh in pieces:
        if solution is None:
            spe.append(_equilibrium(c, beh))
            continue
        x = tuple(_mixed_of(c, plans[p], beh) for p in range(len(c.players)))
        point = _form_point(form, x, equilibria, subsets, components)
        spe.append(replace(_equilibrium(c, beh, mixed=x, names=form.strategies), form_point=point))
    # equilibria with the same play next to each other, in the order their play first appears
    order: dict[tuple, int] = {}
    for e in spe:
        order.setdefault(_play_key(e), len(order))
    spe.sort(key=lambda e: order[_play_key(e)])
    return TreeSolution(
        tree=tree,
        subgame_perfect=tuple(spe),
        form_summary=_summary(spe, equilibria) if solution is not None else None,
        equilibria=equilibria,
        perfect_bayesian=_signalling(tree),
        strategic_form=form,
        subgames=tuple(c.names[k] for k in range(len(c.names)) if c.is_subgame[k]),
        steps=_steps(c, record),
        subsets=subsets,
        components=components,
        complete=not flags.get("incomplete"),
        warnings=tuple(dict.fromkeys(warnings_)),
    )


def _play_key(e: TreeEquilibrium) -> tuple:
    return tuple((o.path, o.terminal, o.probability) for o in e.play)


def _summary(spe: Sequence[TreeEquilibrium], equilibria: Sequence[TreeEquilibrium]) -> FormSummary:
    points = [e.form_point for e in spe]
    return FormSummary(
        subgame_perfect=len(spe),
        extreme=sum(q.equal_to is not None for q in points),
        distinct=tuple(sorted({q.equal_to for q in points if q.equal_to is not None})),
        marked=tuple(k for k, e in enumerate(equilibria) if e.subgame_perfect is True),
        located=sum(bool(q.subset) for q in points),
        verified=all(not any(q.regret) for q in points),
        components=tuple(sorted({q.component for q in points if q.component is not None})),
    )


def _signalling(tree: GameTree):
    """The perfect Bayesian equilibria when ``tree`` is a two-type signalling game, else None."""
    from bargaining.solvers.signalling import perfect_bayesian_equilibria, signalling_game

    try:
        signalling_game(tree)
    except InputError:
        return None
    return perfect_bayesian_equilibria(tree)


def check_subgame_perfect(tree: GameTree, strategies: Mapping[str, Mapping[str, Any]]) -> bool:
    """Whether a behaviour profile is a Nash equilibrium in every subgame (exactly).

    Parameters
    ----------
    strategies : Mapping
        ``{player: {infoset: move}}`` or ``{player: {infoset: {move: probability}}}``,
        covering every information set.

    Examples
    --------
    >>> from bargaining.tree import decision, terminal
    >>> t = GameTree.build(["E", "I"], [decision("e", "E", {"out": "o", "in": "r"}), terminal("o", [0, 2]),
    ...     decision("r", "I", {"fight": "f", "share": "s"}), terminal("f", [-1, -1]), terminal("s", [1, 1])])
    >>> check_subgame_perfect(t, {"E": {"e": "out"}, "I": {"r": "fight"}})
    False
    """
    c = _Compiled(tree)
    beh = _read_behaviour(c, strategies)
    return not _failing_subgames(c, beh)


# ----------------------------------------------------------------------------- helpers


def _read_behaviour(c: _Compiled, strategies: Mapping[str, Mapping[str, Any]]) -> Behaviour:
    beh: Behaviour = {}
    for h, name in enumerate(c.info_names):
        player = c.players[c.info_player[h]]
        given = strategies.get(player, {}).get(name)
        if given is None:
            raise InputError(
                f"no move given for {player} at information set {name!r}", where=f"node {c.names[c.info_nodes[h][0]]}"
            )
        moves = c.info_moves[h]
        if isinstance(given, str):
            if given not in moves:
                raise InputError(
                    f"{given!r} is not a move at information set {name!r}", where=f"node {c.names[c.info_nodes[h][0]]}"
                )
            beh[h] = tuple(ONE if a == given else ZERO for a in moves)
        else:
            probs = {str(a): Fraction(q) for a, q in dict(given).items()}
            beh[h] = tuple(probs.get(a, ZERO) for a in moves)
    return beh


def _threats(c: _Compiled, beh: Behaviour, spe_pieces: Sequence[Behaviour]) -> tuple[Threat, ...]:
    """The deviations that break ``beh`` in a smallest subgame where it fails (open moves as an SPE plays them)."""
    full = _fill(c, beh, spe_pieces[0] if spe_pieces else None)
    failing = _failing_subgames(c, full)
    if not failing:
        return ()
    smallest = [r for r in failing if not any(r < q < c.end[r] for q in failing)]
    out = []
    for r in smallest:
        value = c.value(r, full)
        infosets = sorted({c.iset[k] for k in range(r, c.end[r]) if c.kind[k] == "d"})
        for p in range(len(c.players)):
            best, best_plan = value[p], None
            for plan in c.plans(p, infosets):
                trial = dict(full)
                for h, a in plan.items():
                    trial[h] = tuple(ONE if b == a else ZERO for b in range(len(c.info_moves[h])))
                v = c.value(r, trial)[p]
                if v > best:
                    best, best_plan = v, plan
            if best_plan is None:
                continue
            changes = []
            for h, a in sorted(best_plan.items()):
                current = full[h]
                if current[a] == ONE:
                    continue
                move = next((c.info_moves[h][k] for k, q in enumerate(current) if q == ONE), "a mix")
                changes.append((c.info_names[h], move, c.info_moves[h][a]))
            out.append(Threat(subgame=c.names[r], player=c.players[p], changes=tuple(changes), value=value[p],
                              better_value=best))
            break
    return tuple(out)


def _bound_search(c: _Compiled, beh: Behaviour) -> tuple[Behaviour | None, tuple[Threat, ...]]:
    """Complete ``beh``'s open moves by backward induction bound to it; or say where and why that is impossible.

    Returns a completion (an equilibrium in every subgame, built bottom-up)
    or None with the threats: in each smallest subgame where no completion
    exists, the prescribed moves some player would not carry out.
    """
    threats: list[Threat] = []
    pieces = _bound_pieces(c, 0, beh, threats)
    if pieces:
        return pieces[0][0], ()
    return None, tuple(threats)


def _bound_pieces(c: _Compiled, r: int, beh: Behaviour, threats: list[Threat]) -> list[tuple[Behaviour, tuple]]:
    inside, below = c.region(r)
    children = [_bound_pieces(c, s, beh, threats) for s in below]
    if any(not ch for ch in children):
        return []
    infosets = sorted({c.iset[k] for k in inside if c.kind[k] == "d"})
    active = sorted({c.info_player[h] for h in infosets})
    shut = [
        p for p in active
        if all(beh.get(c.iset[k]) is None for k in range(r, c.end[r]) if c.kind[k] == "d" and c.player[k] == p)
    ]
    bound = {h: beh.get(h) for h in infosets}
    pieces: dict[tuple, tuple[Behaviour, tuple]] = {}
    first = None
    for combo in product(*children):
        leaves = {s: piece[1] for s, piece in zip(below, combo)}
        first = first or combo
        candidates = []
        if not shut:
            if _stable(c, r, inside, leaves, bound):
                candidates = [bound]
        else:
            for found in _truncated_equilibria(c, r, inside, leaves, [], {}):
                if all(b is None or bound.get(h) is None or bound[h] == b for h, b in found.items()):
                    candidates.append(found)
            if not candidates:
                candidates = [trial for trial, _ in _shut_replies(c, r, inside, leaves, bound, shut) if
                              _stable(c, r, inside, leaves, trial)][:1]
        merged: Behaviour = {}
        for piece in combo:
            merged.update(piece[0])
        for cand in candidates:
            full = {**merged, **cand}
            value = c.value(r, full)
            # pieces with the same payoffs are interchangeable above: keep one
            pieces.setdefault(value, (full, value))
    if not pieces and first is not None:
        threat = _threat_at(c, r, inside, below, first, bound, shut)
        if threat is not None:
            threats.append(threat)
    return list(pieces.values())


def _shut_replies(c: _Compiled, r, inside, leaves, bound: Behaviour, shut: Sequence[int]):
    """Pure moves of the players ``shut`` out of subgame ``r`` in which each of them best-responds to the rest.

    Yields ``(behaviour, moves)``: ``bound`` completed, and the shut-out
    players' plans.
    """
    infosets = sorted({c.iset[k] for k in inside if c.kind[k] == "d"})
    plans = {p: c.plans(p, infosets) for p in shut}
    for prof in product(*(plans[p] for p in shut)):
        trial = dict(bound)
        for plan in prof:
            for h, a in plan.items():
                trial[h] = tuple(ONE if b == a else ZERO for b in range(len(c.info_moves[h])))
        ok = True
        for p in shut:
            here = c.value(r, trial, leaves)[p]
            for plan in plans[p]:
                alt = dict(trial)
                for h, a in plan.items():
                    alt[h] = tuple(ONE if b == a else ZERO for b in range(len(c.info_moves[h])))
                if c.value(r, alt, leaves)[p] > here:
                    ok = False
                    break
            if not ok:
                break
        if ok:
            yield trial, prof


def _threat_at(c: _Compiled, r, inside, below, combo, bound: Behaviour, shut) -> Threat | None:
    """The prescribed moves that are not credible in the truncated game at ``r`` (smaller subgames as ``combo``)."""
    leaves = {s: piece[1] for s, piece in zip(below, combo)}
    infosets = sorted({c.iset[k] for k in inside if c.kind[k] == "d"})
    active = sorted({c.info_player[h] for h in infosets})
    continuation = []
    for s, (piece, value) in zip(below, combo):
        continuation.append((c.names[s], value, _play_from(c, s, piece)))
    if shut:
        replies = list(_shut_replies(c, r, inside, leaves, bound, shut))
    else:
        replies = [(dict(bound), ())]
    for trial, prof in replies:
        for q in active:
            if q in shut:
                continue
            value = c.value(r, trial, leaves)[q]
            best, best_plan = value, None
            for plan in c.plans(q, infosets):
                alt = dict(trial)
                for h, a in plan.items():
                    alt[h] = tuple(ONE if b == a else ZERO for b in range(len(c.info_moves[h])))
                v = c.value(r, alt, leaves)[q]
                if v > best:
                    best, best_plan = v, plan
            if best_plan is None:
                continue
            changes = []
            for h, a in sorted(best_plan.items()):
                current = trial.get(h)
                if current is None or current[a] == ONE:
                    continue
                move = next((c.info_moves[h][k] for k, w in enumerate(current) if w == ONE), "a mix")
                changes.append((c.info_names[h], move, c.info_moves[h][a]))
            answer = tuple(
                (c.players[p], tuple((c.info_names[h], c.info_moves[h][a]) for h, a in sorted(plan.items())))
                for p, plan in zip(shut, prof)
            )
            return Threat(subgame=c.names[r], player=c.players[q], changes=tuple(changes), value=value,
                          better_value=best, replies=answer, other_replies=len(replies) > 1,
                          continuation=tuple(continuation))
    return None


def _play_from(c: _Compiled, s: int, piece: Behaviour) -> str | None:
    """The terminal node reached from ``s`` under ``piece``, when play there is certain."""
    k = s
    while c.kind[k] != "t":
        if c.kind[k] == "c":
            if sum(1 for w in c.probs[k] if w) != 1:
                return None
            a = next(i for i, w in enumerate(c.probs[k]) if w)
        else:
            b = piece.get(c.iset[k])
            if b is None or ONE not in b:
                return None
            a = b.index(ONE)
        k = c.kids[k][a]
    return c.names[k]


def _mixed_of(c: _Compiled, plans: Sequence[Mapping[int, int]], beh: Mapping[int, Any]) -> tuple[Fraction, ...]:
    """The mixed strategy over reduced ``plans`` that plays like the behaviour strategy ``beh`` (Kuhn 1953)."""
    out = []
    for plan in plans:
        w = ONE
        for h, a in plan.items():
            b = beh.get(h)
            w *= ZERO if b is None else b[a]
            if not w:
                break
        out.append(w)
    return tuple(out)


def _exact_solve(M: list[list[Fraction]], b: list[Fraction]) -> list[Fraction] | None:
    """A solution of ``M z = b`` (free variables 0) by exact Gaussian elimination; None if inconsistent."""
    rows, cols = len(M), len(M[0]) if M else 0
    A = [list(row) + [rhs] for row, rhs in zip(M, b)]
    pivots = []
    i = 0
    for j in range(cols):
        k = next((k for k in range(i, rows) if A[k][j] != 0), None)
        if k is None:
            continue
        A[i], A[k] = A[k], A[i]
        pivot = A[i][j]
        A[i] = [v / pivot for v in A[i]]
        for k in range(rows):
            if k != i and A[k][j] != 0:
                f = A[k][j]
                A[k] = [u - f * v for u, v in zip(A[k], A[i])]
        pivots.append(j)
        i += 1
        if i == rows:
            break
    if any(all(v == 0 for v in A[k][:cols]) and A[k][cols] != 0 for k in range(rows)):
        return None
    z = [ZERO] * cols
    for k, j in enumerate(pivots):
        z[j] = A[k][cols]
    return z


def _convex_weights(point: Sequence[Fraction], vertices: Sequence[Sequence[Fraction]]) -> list[Fraction] | None:
    """Exact weights ``w >= 0`` summing to 1 with ``sum w_k vertices[k] = point``; None if not found.

    A basic solution of the linear programme (HiGHS's dual simplex) gives
    the support; the weights are then solved for exactly and checked.
    """
    for k, v in enumerate(vertices):
        if tuple(v) == tuple(point):
            return [ONE if j == k else ZERO for j in range(len(vertices))]
    import numpy as np
    from scipy.optimize import linprog

    dim = len(point)
    A = np.array([[float(v[i]) for v in vertices] for i in range(dim)] + [[1.0] * len(vertices)])
    rhs = np.array([float(q) for q in point] + [1.0])
    res = linprog(np.zeros(len(vertices)), A_eq=A, b_eq=rhs, bounds=[(0, None)] * len(vertices), method="highs-ds")
    if res.status != 0:
        return None
    support = [k for k, w in enumerate(res.x) if w > 1e-9]
    M = [[Fraction(vertices[k][i]) for k in support] for i in range(dim)] + [[ONE] * len(support)]
    z = _exact_solve(M, [Fraction(q) for q in point] + [ONE])
    if z is None or any(w < 0 for w in z):
        return None
    weights = [ZERO] * len(vertices)
    for k, w in zip(support, z):
        weights[k] = w
    if sum(weights) != 1 or any(
        sum(w * Fraction(v[i]) for w, v in zip(weights, vertices)) != point[i] for i in range(dim)
    ):
        return None
    return weights


def _connected(subsets: Sequence[Sequence[int]]) -> tuple[tuple[int, ...], ...]:
    """The unions of maximal convex sets linked by common extreme equilibria, each sorted, by their first member."""
    groups: list[set[int]] = []
    for subset in subsets:
        merged = set(subset)
        rest = []
        for g in groups:
            if g & merged:
                merged |= g
            else:
                rest.append(g)
        groups = rest + [merged]
    return tuple(sorted(tuple(sorted(g)) for g in groups))


def _form_point(form: StrategicForm, x: tuple[tuple[Fraction, ...], ...], equilibria, subsets, components) -> FormPoint:
    regret = form.regret(x)
    equal = next((k for k, e in enumerate(equilibria) if e.mixed == x), None)
    for subset in subsets:
        weights = []
        for p in range(len(x)):
            firsts: dict[tuple, int] = {}
            for k in subset:
                firsts.setdefault(equilibria[k].mixed[p], k)
            w = _convex_weights(x[p], list(firsts))
            if w is None:
                break
            weights.append(tuple((k, q) for k, q in zip(firsts.values(), w) if q))
        else:
            component = next(n for n, comp in enumerate(components) if subset[0] in comp)
            used = [{equilibria[k].mixed[p] for k, _ in ws} for p, ws in enumerate(weights)]
            spanned = tuple(k for k in subset if all(equilibria[k].mixed[p] in used[p] for p in range(len(x))))
            return FormPoint(regret=regret, equal_to=equal, subset=tuple(subset), weights=tuple(weights),
                             spanned=spanned, component=component)
    return FormPoint(regret=regret, equal_to=equal)


def _equilibrium(c: _Compiled, beh: Behaviour, *, mixed=None, names=(), flag: bool | None = True,
                 threats: tuple = ()) -> TreeEquilibrium:
    behaviour = tuple(
        tuple(
            (c.info_names[h], None if beh.get(h) is None else tuple(zip(c.info_moves[h], beh[h])))
            for h in c.player_infosets[p]
        )
        for p in range(len(c.players))
    )
    play = c.play(beh)
    play.sort(key=lambda o: (-o[0], o[2]))
    return TreeEquilibrium(
        players=c.players,
        behaviour=behaviour,
        payoffs=c.value(0, beh),
        play=tuple(PlayOutcome(probability=w, path=path, terminal=c.names[k]) for w, path, k in play),
        mixed=mixed,
        strategy_names=tuple(names),
        subgame_perfect=flag,
        threats=threats,
    )


def _deviation_values(c: _Compiled, r: int, beh: Mapping[int, Any], p: int) -> list[Fraction]:
    """Player ``p``'s payoff in subgame ``r`` for each of its pure plans there, the others keeping ``beh``."""
    infosets = sorted({c.iset[k] for k in range(r, c.end[r]) if c.kind[k] == "d"})
    out = []
    for plan in c.plans(p, infosets):
        trial = dict(beh)
        for h, a in plan.items():
            trial[h] = tuple(ONE if b == a else ZERO for b in range(len(c.info_moves[h])))
        out.append(c.value(r, trial)[p])
    return out


def _failing_subgames(c: _Compiled, beh: Mapping[int, Any], only: Sequence[int] | None = None) -> list[int]:
    """The subgame roots where some player gains from a deviation (``beh`` must cover every reached move)."""
    failing = []
    roots = [k for k in range(len(c.names)) if c.is_subgame[k]] if only is None else only
    for r in roots:
        here = value = None
        for p in range(len(c.players)):
            values = _deviation_values(c, r, beh, p)
            if not values:
                continue
            if value is None:
                value = c.value(r, beh)
            if max(values) > value[p]:
                here = r
                break
        if here is not None:
            failing.append(r)
    return failing


def _fill(c: _Compiled, beh: Behaviour, filler: Mapping[int, Any] | None) -> Behaviour:
    out: Behaviour = {}
    for h in range(len(c.info_names)):
        b = beh.get(h)
        if b is None and filler is not None:
            b = filler.get(h)
        if b is None:
            b = tuple(ONE if a == 0 else ZERO for a in range(len(c.info_moves[h])))
        out[h] = b
    return out


def _subgame_perfect(c: _Compiled, beh: Behaviour, spe_pieces: Sequence[Behaviour], *, exhaustive: bool) -> bool | None:
    """Whether some completion of ``beh``'s open moves is subgame-perfect: True, False, or None when undecided.

    Candidates: ``beh`` as it is, and ``beh`` completed by each subgame-perfect
    equilibrium found. When backward induction met no ties (``exhaustive``),
    the equilibria it found are all there are, so failing them all decides.
    Otherwise backward induction is run again, bound to ``beh``: a truncated
    game in which every player moving is bound is an equilibrium or not; in
    one where a player is shut out (its own moves rule the subgame out, so
    its moves there are open) the truncated game's extreme equilibria that
    agree with ``beh`` are followed. That search decides unless such a
    truncated game has a continuum of equilibria; then a failure still
    decides in a subgame from which no player is shut out (its open moves are
    never reached there), and the answer is None otherwise.
    """
    for filler in [None, *spe_pieces]:
        if not _failing_subgames(c, _fill(c, beh, filler)):
            return True
    if exhaustive:
        return False
    flags: dict = {}
    for piece, _ in _spe_pieces(c, 0, [], flags, constraint=beh):
        if not _failing_subgames(c, _fill(c, beh, piece)):
            return True
    if not flags.get("ties"):
        return False
    decisive = []
    for r in range(len(c.names)):
        if not c.is_subgame[r]:
            continue
        shut_out = False
        for p in range(len(c.players)):
            mine = [c.iset[k] for k in range(r, c.end[r]) if c.kind[k] == "d" and c.player[k] == p]
            if mine and all(beh.get(h) is None for h in mine):
                shut_out = True
        if not shut_out:
            decisive.append(r)
    if _failing_subgames(c, _fill(c, beh, None), decisive):
        return False
    return None
