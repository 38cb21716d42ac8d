r"""The teaching walk-through of a game tree, as a result type: backward induction step by step.

:func:`explain_tree` solves a game tree exactly
(:func:`bargaining.solvers.tree.solve_tree`) and lays out, as one frozen
:class:`TreeExplanation`, what a teacher would put on the board; the
renderers in :mod:`bargaining.render.explain_tree` turn it into text or
Markdown.

1. **Backward induction, subgame by subgame, the last movers first**
   (Selten 1965; Fudenberg and Tirole 1991, sec. 3.5). Each proper subgame is
   solved once its smaller subgames are: they are replaced by the payoffs of
   an equilibrium played there (the *continuation*). A player moving alone
   compares what each option gives it; a chance node is an expectation; a
   simultaneous stage game, or a subgame with information sets (where
   backward induction cannot look through a node the player cannot tell
   from another), is solved through its strategic form, walked through as
   :mod:`bargaining.analysis.explain` does for a strategic-form game: why
   each equilibrium is one, and what fixes a mixed equilibrium's
   probabilities (the indifference principle). Where a smaller subgame has
   several equilibria, each is followed; a tie between options means several
   subgame-perfect equilibria.
2. **The path of play** of each subgame-perfect equilibrium, move by move.
3. **Nash equilibria that are not subgame-perfect** (of the reduced strategic
   form), grouped by the non-credible threat each rests on: a move in a
   subgame that is never reached costs nothing in a Nash equilibrium, so an
   equilibrium can rest on a move that would not be made if the subgame were
   reached (Selten 1975).
4. **Signalling games**: the types and the prior, each perfect Bayesian
   equilibrium with the receiver's beliefs on and off the path and why its
   response is optimal given them, why each type sends its message, and the
   intuitive criterion (Cho and Kreps 1987).

References: R. Selten, "Spieltheoretische Behandlung eines Oligopolmodells
mit Nachfragetr\"agheit" (1965) and "Reexamination of the perfectness concept
for equilibrium points in extensive games", IJGT 4 (1975); D. Fudenberg and
J. Tirole, *Game Theory* (1991), ch. 3 and 8; I.-K. Cho and D. M. Kreps,
"Signaling games and stable equilibria", QJE 102 (1987).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from fractions import Fraction
from typing import Any

from bargaining.analysis.explain import EquilibriumCheck, Indifference, _check, _indifferences
from bargaining.game import Game
from bargaining.numbers import number_to_json
from bargaining.solution import Solution
from bargaining.solvers.signalling import PerfectBayesianEquilibrium, SignallingSolution
from bargaining.solvers.tree import InductionStep, Threat, TreeSolution, solve_tree
from bargaining.tree import Chance, Decision, GameTree, Simultaneous, Terminal, TreeModel

__all__ = [
    "StageWalk",
    "TreeStep",
    "PlayMove",
    "PlayLine",
    "PathOfPlay",
    "ThreatGroup",
    "ResponseCheck",
    "SenderCheck",
    "PBEWalk",
    "SignallingWalk",
    "TreeExplanation",
    "explain_tree",
]


def _json(q):
    return None if q is None else number_to_json(q)


def _values(values) -> list:
    return [_json(v) for v in values]


@dataclass(frozen=True, kw_only=True)
class StageWalk:
    """A truncated game of two players, solved through its strategic form and walked through briefly.

    Attributes
    ----------
    game : Game
        Its strategic form (plans as strategies, the smaller subgames
        replaced by their payoffs).
    solution : Solution
        Its equilibria (exact bimatrix solver).
    checks : tuple of tuple of EquilibriumCheck
        Per equilibrium, each player's payoff from each of its strategies
        against the other's equilibrium strategy.
    indifferences : tuple of tuple of Indifference
        Per equilibrium, what fixes each mixing player's probabilities.
    same_as : str or None
        An earlier subgame whose truncated game is this one, move for move
        and payoff for payoff (then it has the same equilibria).
    """

    game: Game
    solution: Solution
    checks: tuple[tuple[EquilibriumCheck, ...], ...]
    indifferences: tuple[tuple[Indifference, ...], ...]
    same_as: str | None = None

    def to_dict(self) -> dict[str, Any]:
        g = self.game
        return {
            "players": list(g.players),
            "strategies": {g.players[p]: list(g.strategies[p]) for p in range(2)},
            "payoffs": {g.players[p]: [[_json(v) for v in row] for row in (g.A, g.B)[p]] for p in range(2)},
            "equilibria": [
                {**e.to_dict(), "checks": [c.to_dict(g) for c in checks], "indifferences": [d.to_dict(g) for d in ind]}
                for e, checks, ind in zip(self.solution.equilibria, self.checks, self.indifferences)
            ],
            "same_as": self.same_as,
        }


@dataclass(frozen=True, kw_only=True)
class TreeStep:
    """One subgame in backward induction, with what the walk-through shows about it.

    Attributes
    ----------
    number : int
        Its place in the walk-through, from 1.
    step : InductionStep
        What backward induction found there (the truncated game for each set
        of continuation payoffs).
    label : str
        The root node's label in the tree, if any.
    walks : tuple of StageWalk or None
        Per case of ``step``: the strategic-form walk-through when two
        players move in the truncated game.
    ways : int
        How many equilibria of this subgame backward induction follows
        (every combination of the smaller subgames' equilibria, with each
        equilibrium of the truncated game after it).
    information : tuple of (player, infoset, nodes)
        The information sets of the truncated game with more than one node:
        where the mover cannot tell nodes apart.
    """

    number: int
    step: InductionStep
    label: str
    walks: tuple[StageWalk | None, ...]
    ways: int
    information: tuple[tuple[str, str, tuple[str, ...]], ...] = ()

    def to_dict(self) -> dict[str, Any]:
        out = self.step.to_dict()
        out["number"] = self.number
        out["label"] = self.label
        out["ways"] = self.ways
        out["information_sets"] = [{"player": p, "infoset": h, "nodes": list(n)} for p, h, n in self.information]
        for case, walk in zip(out["cases"], self.walks):
            if walk is not None:
                case["strategic_form"] = walk.to_dict()
        return out


@dataclass(frozen=True, kw_only=True)
class PlayMove:
    """One move along a path of play: at ``node``, ``actor`` (a player, the players of a stage game, or chance)."""

    node: str
    actor: str
    move: str
    label: str = ""
    probability: Fraction | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"node": self.node, "actor": self.actor, "move": self.move, "label": self.label,
                "probability": _json(self.probability)}


@dataclass(frozen=True, kw_only=True)
class PlayLine:
    """One way play can go: its probability, the moves, the terminal node reached, its reading and payoffs."""

    probability: Fraction
    moves: tuple[PlayMove, ...]
    terminal: str
    reading: str
    payoffs: tuple[Fraction, ...]

    def to_dict(self) -> dict[str, Any]:
        return {"probability": _json(self.probability), "moves": [m.to_dict() for m in self.moves],
                "outcome": self.terminal, "reading": self.reading, "payoffs": _values(self.payoffs)}


@dataclass(frozen=True, kw_only=True)
class PathOfPlay:
    """The play of some subgame-perfect equilibria (indices into ``solution.subgame_perfect``), which agree on it."""

    equilibria: tuple[int, ...]
    lines: tuple[PlayLine, ...]
    payoffs: tuple[Fraction, ...]

    def to_dict(self) -> dict[str, Any]:
        return {"equilibria": list(self.equilibria), "play": [p.to_dict() for p in self.lines],
                "payoffs": _values(self.payoffs)}


@dataclass(frozen=True, kw_only=True)
class ThreatGroup:
    """Nash equilibria (indices into ``solution.equilibria``) resting on the same non-credible move.

    ``threat`` is the first one's; ``same_numbers`` is False when the others'
    payoffs in the subgame differ (a different mix).
    """

    threat: Threat
    equilibria: tuple[int, ...]
    same_numbers: bool

    def to_dict(self) -> dict[str, Any]:
        return {"equilibria": list(self.equilibria), "threat": self.threat.to_dict(), "same_numbers": self.same_numbers}


@dataclass(frozen=True, kw_only=True)
class ResponseCheck:
    """Why the receiver's response to a message is optimal given its belief.

    Attributes
    ----------
    message, action : str
        The message and the receiver's response to it.
    on_path : bool
    belief : (Fraction, Fraction)
        The belief ``P(first type | message)``: one value on the path, the
        interval of beliefs supporting the response off it.
    payoffs : tuple of (action, payoff against the first type, payoff against the second)
    expected : tuple of (action, expected payoff)
        On the path: each action's expected payoff under the belief.
    """

    message: str
    action: str
    on_path: bool
    belief: tuple[Fraction, Fraction]
    payoffs: tuple[tuple[str, Fraction, Fraction], ...]
    expected: tuple[tuple[str, Fraction], ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            "message": self.message,
            "response": self.action,
            "on_path": self.on_path,
            "belief": [_json(self.belief[0]), _json(self.belief[1])],
            "payoffs": {a: [_json(u), _json(v)] for a, u, v in self.payoffs},
            "expected": {a: _json(v) for a, v in self.expected},
        }


@dataclass(frozen=True, kw_only=True)
class SenderCheck:
    """Why a type sends its message: what each message would give it, given the receiver's responses."""

    type: str
    message: str
    options: tuple[tuple[str, str, Fraction], ...]

    def to_dict(self) -> dict[str, Any]:
        return {"type": self.type, "message": self.message,
                "options": [{"message": m, "response": a, "payoff": _json(u)} for m, a, u in self.options]}


@dataclass(frozen=True, kw_only=True)
class PBEWalk:
    """One perfect Bayesian equilibrium with the receiver's and the sender's reasons."""

    equilibrium: PerfectBayesianEquilibrium
    responses: tuple[ResponseCheck, ...]
    senders: tuple[SenderCheck, ...]

    def to_dict(self) -> dict[str, Any]:
        return {**self.equilibrium.to_dict(), "responses": [r.to_dict() for r in self.responses],
                "senders": [s.to_dict() for s in self.senders]}


@dataclass(frozen=True, kw_only=True)
class SignallingWalk:
    """The perfect Bayesian equilibria of a signalling game, each walked through."""

    solution: SignallingSolution
    equilibria: tuple[PBEWalk, ...]

    def to_dict(self) -> dict[str, Any]:
        out = self.solution.to_dict()
        out["perfect_bayesian"] = [w.to_dict() for w in self.equilibria]
        return out


@dataclass(frozen=True, kw_only=True)
class TreeExplanation:
    """Everything the walk-through of a game tree shows, at one point of its parameters.

    Attributes
    ----------
    model : TreeModel or None
        The game file with its values for this run (None for a bare tree).
    solution : TreeSolution
    steps : tuple of TreeStep
        Backward induction, the last movers first.
    paths : tuple of PathOfPlay
        The distinct paths of play of the subgame-perfect equilibria.
    threats : tuple of ThreatGroup
        The strategic form's Nash equilibria that are not subgame-perfect,
        by the move they rest on.
    undecided : tuple of int
        Nash equilibria whose subgame perfection could not be decided.
    signalling : SignallingWalk or None
        For a two-type signalling game, its perfect Bayesian equilibria.
    changed : tuple of (name, parent value, value)
        The parameters whose values differ from those of the file the game
        file extends (``parent``), as a scenario changes them.
    parent : str or None
        That file.
    """

    model: TreeModel | None
    solution: TreeSolution
    steps: tuple[TreeStep, ...]
    paths: tuple[PathOfPlay, ...]
    threats: tuple[ThreatGroup, ...]
    undecided: tuple[int, ...] = ()
    signalling: SignallingWalk | None = None
    changed: tuple[tuple[str, Fraction | None, Fraction], ...] = ()
    parent: str | None = None

    @property
    def tree(self) -> GameTree:
        return self.solution.tree

    def to_dict(self) -> dict[str, Any]:
        m = self.model
        s = self.solution
        return {
            "file": s.source,
            "title": self.tree.title,
            "description": self.tree.description,
            "expectation": "" if m is None else m.expectation,
            "players": list(self.tree.players),
            "parameters": {name: _json(v) for name, v in s.parameters},
            "changed_from_parent": {name: {"parent": _json(old), "value": _json(new)}
                                    for name, old, new in self.changed},
            "subgames": list(s.subgames),
            "backward_induction": [step.to_dict() for step in self.steps],
            "paths": [p.to_dict() for p in self.paths],
            "subgame_perfect": [{**e.to_dict(), "reading": s.reading(e.outcome)} for e in s.subgame_perfect],
            "nash_equilibria": [e.to_dict() for e in s.equilibria],
            "in_strategic_form": None if s.form_summary is None else s.form_summary.to_dict(),
            "components": [list(c) for c in s.components],
            "non_credible_threats": [g.to_dict() for g in self.threats],
            "undecided": list(self.undecided),
            "signalling": None if self.signalling is None else self.signalling.to_dict(),
            "method": s.method,
            "exact": s.exact,
            "complete": s.complete,
            "warnings": list(s.warnings),
        }


# ----------------------------------------------------------------------------- computation


def _walk(game: Game, solution: Solution) -> StageWalk:
    return StageWalk(
        game=game,
        solution=solution,
        checks=tuple(_check(game, e) for e in solution.equilibria),
        indifferences=tuple(_indifferences(game, e) for e in solution.equilibria),
    )


def _same_game(a: Game, b: Game) -> bool:
    return a.players == b.players and a.strategies == b.strategies and a.A == b.A and a.B == b.B


def _steps(solution: TreeSolution) -> tuple[TreeStep, ...]:
    tree = solution.tree
    expanded = tree.expanded()
    seen: list[tuple[str, Game]] = []
    ways: dict[str, int] = {}
    out = []
    for number, step in enumerate(solution.steps, 1):
        node = tree.by_name.get(step.root)
        label = node.label if isinstance(node, Decision) else ""
        walks = []
        for case in step.cases:
            if case.game is None:
                walks.append(None)
                continue
            walk = _walk(case.game, case.solution)
            twin = next((root for root, g in seen if _same_game(g, case.game)), None)
            if twin is None:
                seen.append((step.root, case.game))
            else:
                walk = replace(walk, same_as=twin)
            walks.append(walk)
        ways[step.root] = sum(case.combinations * len(case.equilibria) for case in step.cases)
        information = tuple(
            (info.player, info.name, info.nodes)
            for info in expanded.infosets.values()
            if info.name in step.infosets and len(info.nodes) > 1 and not isinstance(node, Simultaneous)
        )
        out.append(TreeStep(number=number, step=step, label=label, walks=tuple(walks), ways=ways[step.root],
                            information=information))
    return tuple(out)


def _lines(tree: GameTree, e) -> tuple[PlayLine, ...]:
    out = []
    for o in e.play:
        node = tree.root
        path = list(o.path)
        moves = []
        while path and not isinstance(node, Terminal):
            if isinstance(node, Simultaneous):
                k = len(node.players)
                cell, path = tuple(path[:k]), path[k:]
                moves.append(PlayMove(node=node.name, actor=" and ".join(node.players), move=", ".join(cell)))
                node = tree.node(dict(node.cells)[cell])
            elif isinstance(node, Chance):
                move = path.pop(0)
                p, child = next((p, c) for a, p, c in node.moves if a == move)
                moves.append(PlayMove(node=node.name, actor="chance", move=move, probability=p))
                node = tree.node(child)
            else:
                move = path.pop(0)
                moves.append(PlayMove(node=node.name, actor=node.player, move=move, label=node.label))
                node = tree.node(dict(node.moves)[move])
        out.append(PlayLine(probability=o.probability, moves=tuple(moves), terminal=o.terminal,
                            reading=tree.node(o.terminal).label, payoffs=tree.node(o.terminal).payoffs))
    return tuple(out)


def _paths(solution: TreeSolution) -> tuple[PathOfPlay, ...]:
    groups: dict[tuple, list[int]] = {}
    for k, e in enumerate(solution.subgame_perfect):
        groups.setdefault(tuple((o.path, o.terminal, o.probability) for o in e.play), []).append(k)
    out = []
    for members in groups.values():
        e = solution.subgame_perfect[members[0]]
        out.append(PathOfPlay(equilibria=tuple(members), lines=_lines(solution.tree, e), payoffs=e.payoffs))
    return tuple(out)


def _threat_key(t: Threat) -> tuple:
    return (t.subgame, t.player, tuple((h, a, b) for h, a, b in t.changes), t.replies)


def _threat_groups(solution: TreeSolution) -> tuple[ThreatGroup, ...]:
    groups: dict[tuple, list[tuple[int, Threat]]] = {}
    for k, e in enumerate(solution.equilibria):
        if e.subgame_perfect is not False:
            continue
        for t in e.threats:
            groups.setdefault(_threat_key(t), []).append((k, t))
    out = []
    for members in groups.values():
        first = members[0][1]
        same = all((t.value, t.better_value) == (first.value, first.better_value) for _, t in members)
        out.append(ThreatGroup(threat=first, equilibria=tuple(k for k, _ in members), same_numbers=same))
    return tuple(out)


def _signalling(pbe: SignallingSolution | None) -> SignallingWalk | None:
    if pbe is None:
        return None
    g = pbe.game
    t1, t2 = g.types
    walks = []
    for e in pbe.equilibria:
        responses = []
        answer = dict(e.receiver)
        for m, (lo, hi), on in e.beliefs:
            payoffs = tuple((a, g.u_receiver[(t1, m, a)], g.u_receiver[(t2, m, a)]) for a in g.actions)
            expected = tuple((a, lo * u + (1 - lo) * v) for a, u, v in payoffs) if on else ()
            responses.append(ResponseCheck(message=m, action=answer[m], on_path=on, belief=(lo, hi),
                                           payoffs=payoffs, expected=expected))
        senders = tuple(
            SenderCheck(type=t, message=dict(e.sender)[t],
                        options=tuple((m, answer[m], g.u_sender[(t, m, answer[m])]) for m in g.messages))
            for t in g.types
        )
        walks.append(PBEWalk(equilibrium=e, responses=tuple(responses), senders=senders))
    return SignallingWalk(solution=pbe, equilibria=tuple(walks))


def explain_tree(model: TreeModel | GameTree) -> TreeExplanation:
    """Compute the walk-through of a game tree at the model's parameter values.

    Parameters
    ----------
    model : TreeModel or GameTree
        A game tree file with any ``--set`` or ``--params`` values applied, or
        a tree.

    Returns
    -------
    TreeExplanation

    Examples
    --------
    >>> from bargaining.io.gamefile import load_model
    >>> form = load_model("games/treaty_proposal.toml").with_values({"T": 1, "w_R": "0.1", "w_C": "0.1", "e_R": "0.12"})
    >>> ex = explain_tree(form)
    >>> [(s.step.root, s.step.kind, s.ways) for s in ex.steps]  # doctest: +NORMALIZE_WHITESPACE
    [('partnership', 'stage', 3), ('after rejection', 'stage', 3), ('ratification', 'decision', 4),
     ('proposal', 'decision', 16)]
    >>> ex.steps[1].walks[0].same_as
    'partnership'
    >>> [len(p.equilibria) for p in ex.paths]
    [9, 4, 3]
    """
    if isinstance(model, GameTree):
        tree, source = model, None
    else:
        tree, source = model.tree(), model
    solution = solve_tree(tree)
    if source is not None:
        solution = replace(solution, source=source.source, parameters=tuple(source.values().items()),
                           changed=tuple(source.overrides))
    return TreeExplanation(
        model=source,
        solution=solution,
        steps=_steps(solution),
        paths=_paths(solution),
        threats=_threat_groups(solution),
        undecided=tuple(k for k, e in enumerate(solution.equilibria) if e.subgame_perfect is None),
        signalling=_signalling(solution.perfect_bayesian),
        changed=() if source is None else tuple((n, old, new) for n, (old, new) in source.changed_parameters().items()),
        parent=None if source is None else source.parent,
    )
