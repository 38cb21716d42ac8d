r"""Games in time: a finite game tree with exact payoffs, and its parameterised counterpart.

A :class:`GameTree` is a finite extensive-form game (Kuhn 1953; Fudenberg and
Tirole 1991, ch. 3). It is a value: nodes keyed by name, each one of

- a **decision** node (:class:`Decision`): a player chooses one of its moves,
  each leading to a child node; the node belongs to an *information set* (by
  default its own name), the nodes a player cannot tell apart when moving;
- a **chance** node (:class:`Chance`): nature picks a move with an exact
  probability (non-negative, summing to 1 exactly);
- a **terminal** node (:class:`Terminal`): exact payoffs, one per player;
- a **simultaneous** node (:class:`Simultaneous`): some players choose at
  once, as in a strategic-form stage game inside the tree; each cell (one
  move per player) leads to a child node, often a terminal one.

A simultaneous node is shorthand: :meth:`GameTree.expanded` writes it as a
chain of decision nodes, one player after another, each later player's nodes
forming one information set (``"stage:China"``), which is how Gambit's
``.efg`` files and the solvers see it.

The tree is checked when it is built, with one-line errors that name the
node: a missing child, a node reached twice (or a cycle), an unreachable node,
chance probabilities that do not sum to 1, an information set whose nodes
belong to different players or offer different moves, and **perfect recall**
(Kuhn 1953): the nodes of an information set must be reached through the same
moves of its player, at the same information sets. Perfect recall is required
because the solvers turn mixed strategies into behaviour strategies (Kuhn's
theorem).

A :class:`TreeModel` has the same nodes with formulas
(:mod:`bargaining.formula`) in place of payoffs and chance probabilities, plus
parameters and named terms as in :class:`bargaining.model.Model`;
:meth:`TreeModel.tree` evaluates it exactly to a :class:`GameTree`.

References: H. W. Kuhn, "Extensive games and the problem of information",
Contributions to the Theory of Games II (1953); D. Fudenberg and J. Tirole,
*Game Theory* (MIT Press, 1991), ch. 3 and 8.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from fractions import Fraction
from functools import cached_property
from itertools import product
from types import MappingProxyType
from typing import Any, Iterable, Mapping, Sequence, Union

from bargaining.errors import FormulaError, InputError, did_you_mean
from bargaining.formula import Expr, Num
from bargaining.game import Game
from bargaining.model import Model, Parameter
from bargaining.numbers import plain, to_fraction

__all__ = [
    "Decision",
    "Chance",
    "Terminal",
    "Simultaneous",
    "InfoSet",
    "GameTree",
    "TreeModel",
    "decision",
    "chance",
    "terminal",
    "simultaneous",
    "stage_game",
    "stage_model",
]


# ----------------------------------------------------------------------------- nodes


@dataclass(frozen=True)
class Decision:
    """A player's move: ``moves`` are ``(label, child)`` pairs in order; ``infoset`` names its information set.

    ``label`` says in plain words what is decided here (``"Russia: propose a treaty?"``).
    """

    name: str
    player: str
    moves: tuple[tuple[str, str], ...]
    infoset: str = ""
    label: str = ""

    def children(self) -> tuple[str, ...]:
        return tuple(c for _, c in self.moves)

    def labels(self) -> tuple[str, ...]:
        return tuple(a for a, _ in self.moves)


@dataclass(frozen=True)
class Chance:
    """Nature's move: ``(label, probability, child)`` triples; exact probabilities (formulas in a model)."""

    name: str
    moves: tuple[tuple[str, Any, str], ...]

    def children(self) -> tuple[str, ...]:
        return tuple(c for _, _, c in self.moves)

    def labels(self) -> tuple[str, ...]:
        return tuple(a for a, _, _ in self.moves)


@dataclass(frozen=True)
class Terminal:
    """An end of play: one payoff per player (in the tree's player order), and a plain-words ``label``."""

    name: str
    payoffs: tuple[Any, ...]
    label: str = ""

    def children(self) -> tuple[str, ...]:
        return ()


@dataclass(frozen=True)
class Simultaneous:
    """Players choosing at once: ``actions[k]`` are ``players[k]``'s moves; ``cells`` map each profile to a child.

    ``cells`` holds ``(profile, child)`` pairs, one per profile of the action
    sets, in the order of :func:`itertools.product` (the last player's action
    changes fastest).
    """

    name: str
    players: tuple[str, ...]
    actions: tuple[tuple[str, ...], ...]
    cells: tuple[tuple[tuple[str, ...], str], ...]

    def children(self) -> tuple[str, ...]:
        return tuple(c for _, c in self.cells)

    def infoset_of(self, player: str) -> str:
        """The name of ``player``'s information set here (``"stage:China"``)."""
        return f"{self.name}:{player}"


Node = Union[Decision, Chance, Terminal, Simultaneous]


def decision(
    name: str,
    player: str,
    moves: Mapping[str, str] | Sequence[tuple[str, str]],
    *,
    infoset: str | None = None,
    label: str = "",
) -> Decision:
    """A decision node; ``moves`` maps each move's label to the child it leads to.

    Examples
    --------
    >>> decision("ratify", "China", {"accept": "treaty", "reject": "stage"})
    Decision(name='ratify', player='China', moves=(('accept', 'treaty'), ('reject', 'stage')), infoset='', label='')
    """
    pairs = tuple(moves.items()) if isinstance(moves, Mapping) else tuple(tuple(m) for m in moves)
    return Decision(
        str(name),
        str(player),
        tuple((str(a), str(c)) for a, c in pairs),
        "" if infoset is None else str(infoset),
        str(label),
    )


def chance(name: str, moves: Mapping[str, tuple[Any, str]] | Sequence[tuple[str, Any, str]]) -> Chance:
    """A chance node; ``moves`` maps each label to ``(probability, child)``.

    Probabilities are read exactly (``"1/3"``, ``0.1``, a Fraction), or kept as
    formulas (:class:`bargaining.formula.Expr`) in a :class:`TreeModel`.

    Examples
    --------
    >>> chance("nature", {"weak": ("1/10", "w"), "strong": ("9/10", "s")}).moves[0]
    ('weak', Fraction(1, 10), 'w')
    """
    triples = (
        tuple((a, p, c) for a, (p, c) in moves.items())
        if isinstance(moves, Mapping)
        else tuple(tuple(m) for m in moves)
    )
    out = []
    for label, p, child in triples:
        value = p if isinstance(p, Expr) else to_fraction(p, where=f"node {name}, move {label}")
        out.append((str(label), value, str(child)))
    return Chance(str(name), tuple(out))


def terminal(name: str, payoffs: Mapping[str, Any] | Sequence[Any], *, label: str = "") -> Terminal:
    """A terminal node; ``payoffs`` in the tree's player order, or a mapping from player to payoff.

    A mapping is put in player order when the tree is built.

    Examples
    --------
    >>> terminal("treaty", {"Russia": "0.481", "China": "2/5"}).payoffs
    (('Russia', Fraction(481, 1000)), ('China', Fraction(2, 5)))
    """
    where = f"node {name}"
    if isinstance(payoffs, Mapping):
        values = tuple((str(p), _value(v, f"{where}, payoff of {p}")) for p, v in payoffs.items())
        return Terminal(str(name), values, label)
    return Terminal(str(name), tuple(_value(v, f"{where}, payoff {k + 1}") for k, v in enumerate(payoffs)), label)


def _value(v, where):
    return v if isinstance(v, Expr) else to_fraction(v, where=where)


def simultaneous(
    name: str,
    players: Sequence[str],
    actions: Sequence[Sequence[str]],
    cells: Mapping[tuple[str, ...], str] | Sequence[str],
) -> Simultaneous:
    """A simultaneous-move node; ``cells`` maps each profile of actions to a child node.

    ``cells`` may also be a flat list of children in the order of
    :func:`itertools.product` over the action sets.

    Examples
    --------
    >>> s = simultaneous("stage", ["Row", "Col"], [["a", "b"], ["c", "d"]], ["ac", "ad", "bc", "bd"])
    >>> s.cells[1]
    (('a', 'd'), 'ad')
    """
    players = tuple(str(p) for p in players)
    actions = tuple(tuple(str(a) for a in acts) for acts in actions)
    profiles = list(product(*actions))
    where = f"node {name}"
    if isinstance(cells, Mapping):
        given = {tuple(str(a) for a in k): str(v) for k, v in cells.items()}
        extra = [k for k in given if k not in set(profiles)]
        if extra:
            raise InputError(f"cell {', '.join(extra[0])} is not a profile of the players' actions", where=where)
        missing = [p for p in profiles if p not in given]
        if missing:
            raise InputError(f"no child for the cell ({', '.join(missing[0])})", where=where)
        pairs = tuple((p, given[p]) for p in profiles)
    else:
        children = [str(c) for c in cells]
        if len(children) != len(profiles):
            raise InputError(f"expected {len(profiles)} cells (one per profile), found {len(children)}", where=where)
        pairs = tuple(zip(profiles, children))
    return Simultaneous(str(name), players, actions, pairs)


def stage_game(name: str, game: Game, *, players: Sequence[str] | None = None, prefix: str | None = None) -> list[Node]:
    """A bimatrix game as a simultaneous node and one terminal node per cell.

    The terminals are named ``"{prefix} (a, b)"`` (``prefix`` defaults to
    ``name``) and carry the game's payoffs and its reading of the cell
    (``Game.outcomes``) as label; ``players`` are the tree's players
    (the game's two players must be among them; other players get 0).

    Examples
    --------
    >>> g = Game.from_arrays([[2, 0], [0, 1]], [[2, 0], [0, 1]], players=("R", "C"),
    ...                      strategies=(("s", "h"), ("s", "h")))
    >>> nodes = stage_game("hunt", g)
    >>> nodes[0].cells[0], nodes[1]
    ((('s', 's'), 'hunt (s, s)'),
     Terminal(name='hunt (s, s)', payoffs=(('R', Fraction(2, 1)), ('C', Fraction(2, 1))), label=''))
    """
    prefix = name if prefix is None else prefix
    players = tuple(players or game.players)
    s0, s1 = game.strategies
    nodes: list[Node] = []
    cells = {}
    for i, a in enumerate(s0):
        for j, b in enumerate(s1):
            child = f"{prefix} ({a}, {b})"
            cells[(a, b)] = child
            pay = {p: Fraction(0) for p in players}
            pay[game.players[0]] = game.A[i][j]
            pay[game.players[1]] = game.B[i][j]
            nodes.append(terminal(child, pay, label=dict(game.outcomes).get((a, b), "")))
    return [simultaneous(name, game.players, game.strategies, cells)] + nodes


def stage_model(name: str, model: Model, *, prefix: str | None = None) -> list[Node]:
    """A parameterised bimatrix game (its payoff formulas) as a simultaneous node and terminals.

    The formulas refer to the model's parameters and terms, which the
    :class:`TreeModel` must declare too. Each terminal's label is the model's
    reading of its cell (``[outcomes]`` of a game file), where it has one.
    """
    prefix = name if prefix is None else prefix
    s0, s1 = model.strategies
    nodes: list[Node] = []
    cells = {}
    for i, a in enumerate(s0):
        for j, b in enumerate(s1):
            child = f"{prefix} ({a}, {b})"
            cells[(a, b)] = child
            pay = {model.players[0]: model.payoffs[0][i][j], model.players[1]: model.payoffs[1][i][j]}
            nodes.append(terminal(child, pay, label=model.outcomes.get((a, b), "")))
    return [simultaneous(name, model.players, model.strategies, cells)] + nodes


# ----------------------------------------------------------------------------- the tree


@dataclass(frozen=True)
class InfoSet:
    """An information set: its player, its moves (in order) and its nodes (in prefix order)."""

    name: str
    player: str
    moves: tuple[str, ...]
    nodes: tuple[str, ...]


@dataclass(frozen=True)
class GameTree:
    """A finite extensive-form game with exact payoffs and chance probabilities.

    Build one with :meth:`build` (which checks it). ``nodes`` are kept in
    prefix order, the root first, each node's subtree after it in the order
    of its moves.

    Attributes
    ----------
    players : tuple of str
    nodes : tuple of nodes
        :class:`Decision`, :class:`Chance`, :class:`Terminal` and
        :class:`Simultaneous` nodes, in prefix order.
    title, description : str

    Examples
    --------
    Selten's entry game: an entrant stays out or enters; the incumbent fights
    or accommodates.

    >>> t = GameTree.build(["Entrant", "Incumbent"], [
    ...     decision("enter?", "Entrant", {"out": "out", "in": "respond"}),
    ...     terminal("out", [0, 2]),
    ...     decision("respond", "Incumbent", {"fight": "war", "accommodate": "peace"}),
    ...     terminal("war", [-1, -1]),
    ...     terminal("peace", [1, 1]),
    ... ])
    >>> t.root.name, [s.name for s in t.infosets.values()]
    ('enter?', ['enter?', 'respond'])
    """

    players: tuple[str, ...]
    nodes: tuple[Node, ...]
    title: str = ""
    description: str = ""

    @classmethod
    def build(
        cls,
        players: Sequence[str],
        nodes: Iterable[Node],
        *,
        root: str | None = None,
        title: str = "",
        description: str = "",
    ) -> "GameTree":
        """Check the nodes and put them in prefix order.

        Parameters
        ----------
        players : sequence of str
            The players, in the order of terminal payoffs.
        nodes : iterable of nodes
            Every node once; made by :func:`decision`, :func:`chance`,
            :func:`terminal`, :func:`simultaneous` or :func:`stage_game`.
        root : str, optional
            The root's name; by default the first node.

        Raises
        ------
        InputError
            Naming the node (``where="node ratify"``).
        """
        ordered = _check_structure(tuple(str(p) for p in players), list(nodes), root, exact=True)
        tree = cls(tuple(str(p) for p in players), ordered, title, description)
        tree._check_information()
        return tree

    # ------------------------------------------------------------------ navigation

    @cached_property
    def by_name(self) -> Mapping[str, Node]:
        """Nodes by name."""
        return MappingProxyType({n.name: n for n in self.nodes})

    def node(self, name: str) -> Node:
        """The node called ``name``."""
        try:
            return self.by_name[name]
        except KeyError:
            raise InputError(f"no node called {name!r}", where=f"node {name}") from None

    @property
    def root(self) -> Node:
        return self.nodes[0]

    @cached_property
    def parents(self) -> Mapping[str, tuple[str, str] | None]:
        """Each node's ``(parent, move label)``; None for the root."""
        out: dict[str, tuple[str, str] | None] = {self.nodes[0].name: None}
        for n in self.nodes:
            for label, child in _labelled_children(n):
                out[child] = (n.name, label)
        return MappingProxyType(out)

    def history(self, name: str) -> list[tuple[str, str]]:
        """The ``(node, move)`` pairs from the root to ``name``."""
        out = []
        step = self.parents[name]
        while step is not None:
            out.append(step)
            step = self.parents[step[0]]
        return out[::-1]

    @cached_property
    def infosets(self) -> Mapping[str, InfoSet]:
        """The decision nodes' information sets, in the order they first appear (prefix order).

        A simultaneous node contributes one information set per player, named
        ``"node:player"``.
        """
        members: dict[str, list[str]] = {}
        owner: dict[str, str] = {}
        moves: dict[str, tuple[str, ...]] = {}
        for n in self.nodes:
            if isinstance(n, Decision):
                h = n.infoset or n.name
                members.setdefault(h, []).append(n.name)
                owner.setdefault(h, n.player)
                moves.setdefault(h, n.labels())
            elif isinstance(n, Simultaneous):
                for p, acts in zip(n.players, n.actions):
                    h = n.infoset_of(p)
                    members[h] = [n.name]
                    owner[h] = p
                    moves[h] = acts
        return MappingProxyType({h: InfoSet(h, owner[h], moves[h], tuple(v)) for h, v in members.items()})

    def terminals(self) -> tuple[Terminal, ...]:
        return tuple(n for n in self.nodes if isinstance(n, Terminal))

    def payoff(self, terminal_name: str) -> dict[str, Fraction]:
        """A terminal node's payoffs by player."""
        t = self.node(terminal_name)
        if not isinstance(t, Terminal):
            raise InputError("not a terminal node", where=f"node {terminal_name}")
        return dict(zip(self.players, t.payoffs))

    # ------------------------------------------------------------------ the expanded form

    def expanded(self) -> "GameTree":
        """The same game with every simultaneous node written as a chain of decision nodes.

        At simultaneous node ``s`` with players ``P1 ... Pk``, ``P1`` moves at
        node ``s``; after its move ``a`` the next player moves at node
        ``"s:a"``, after ``a, b`` at ``"s:a,b"``, and so on; every node of
        player ``Pi`` here forms the information set ``"s:Pi"``. The last
        player's moves lead to the cells' children. Returns ``self`` when the
        tree has no simultaneous node.

        Examples
        --------
        >>> t = GameTree.build(["R", "C"], [simultaneous("s", ["R", "C"], [["a", "b"], ["c"]], ["x", "y"]),
        ...                                 terminal("x", [1, 0]), terminal("y", [0, 1])])
        >>> [(n.name, n.infoset) for n in t.expanded().nodes if isinstance(n, Decision)]
        [('s', 's:R'), ('s:a', 's:C'), ('s:b', 's:C')]
        """
        if not any(isinstance(n, Simultaneous) for n in self.nodes):
            return self
        out: list[Node] = []
        taken = {n.name for n in self.nodes}
        for n in self.nodes:
            if not isinstance(n, Simultaneous):
                out.append(n)
                continue
            chain = _expand(n)
            for m in chain[1:]:
                if m.name in taken:
                    raise InputError(
                        f"written as decision nodes, simultaneous node {n.name!r} needs the name {m.name!r}, "
                        "which another node has",
                        where=f"node {m.name}",
                    )
                taken.add(m.name)
            out.extend(chain)
        return GameTree.build(self.players, out, title=self.title, description=self.description)

    # ------------------------------------------------------------------ checks

    def _check_information(self) -> None:
        simultaneous_sets = {
            n.infoset_of(p): n.name for n in self.nodes if isinstance(n, Simultaneous) for p in n.players
        }
        for n in self.nodes:
            if isinstance(n, Decision) and (n.infoset or n.name) in simultaneous_sets:
                raise InputError(
                    f"information set {n.infoset or n.name!r} is the name of a player's information set "
                    "at simultaneous "
                    f"node {simultaneous_sets[n.infoset or n.name]!r}",
                    where=f"node {n.name}",
                )
        for h, info in self.infosets.items():
            first = self.by_name[info.nodes[0]]
            for name in info.nodes[1:]:
                n = self.by_name[name]
                if n.player != info.player:
                    raise InputError(
                        f"information set {h!r} holds node {first.name!r} of {info.player} "
                        f"and node {name!r} of {n.player}; "
                        "an information set belongs to one player",
                        where=f"node {name}",
                    )
                if n.labels() != info.moves:
                    raise InputError(
                        f"information set {h!r}: node {name!r} offers moves ({', '.join(n.labels())}) but node "
                        f"{first.name!r} offers ({', '.join(info.moves)}); nodes a player cannot tell apart offer the "
                        "same moves, in the same order",
                        where=f"node {name}",
                    )
        expanded = self.expanded() if any(isinstance(n, Simultaneous) for n in self.nodes) else self
        if expanded is not self:
            return  # the expanded tree was checked when it was built
        own: dict[str, tuple[tuple[str, str], ...]] = {}
        for n in self.nodes:
            if not isinstance(n, Decision):
                continue
            seq = tuple(
                (self.by_name[a].infoset or a, m)
                for a, m in self.history(n.name)
                if isinstance(self.by_name[a], Decision) and self.by_name[a].player == n.player
            )
            h = n.infoset or n.name
            if h in own and own[h] != seq:
                first = self.infosets[h].nodes[0]
                raise InputError(
                    f"perfect recall fails: {n.player} cannot tell nodes {first!r} and {n.name!r} apart "
                    "(information set "
                    f"{h!r}) but reached them through different moves of its own ({_moves(own[h])} and {_moves(seq)})",
                    where=f"node {n.name}",
                )
            own.setdefault(h, seq)

    # ------------------------------------------------------------------ output

    def to_dict(self) -> dict[str, Any]:
        """The tree as plain data (exact numbers as strings)."""
        from bargaining.numbers import number_to_json

        out = []
        for n in self.nodes:
            if isinstance(n, Decision):
                out.append({"node": n.name, "kind": "decision", "player": n.player, "infoset": n.infoset or n.name,
                            "moves": {a: c for a, c in n.moves}})
            elif isinstance(n, Chance):
                out.append({"node": n.name, "kind": "chance",
                            "moves": {a: {"probability": number_to_json(p), "child": c} for a, p, c in n.moves}})
            elif isinstance(n, Terminal):
                out.append({"node": n.name, "kind": "terminal", "label": n.label,
                            "payoffs": {p: number_to_json(v) for p, v in zip(self.players, n.payoffs)}})
            else:
                out.append({"node": n.name, "kind": "simultaneous", "players": list(n.players),
                            "actions": {p: list(a) for p, a in zip(n.players, n.actions)},
                            "cells": [{"profile": list(k), "child": c} for k, c in n.cells]})
        return {"title": self.title, "description": self.description, "players": list(self.players), "nodes": out}


def _moves(seq) -> str:
    return ", ".join(f"{m} at {h}" for h, m in seq) or "no move"


def _expand(n: Simultaneous) -> list[Node]:
    out: list[Node] = []
    cells = dict(n.cells)
    k = len(n.players)

    def grow(prefix: tuple[str, ...]):
        level = len(prefix)
        name = n.name if level == 0 else f"{n.name}:{','.join(prefix)}"
        moves = []
        for a in n.actions[level]:
            step = prefix + (a,)
            moves.append((a, cells[step] if level == k - 1 else f"{n.name}:{','.join(step)}"))
        out.append(Decision(name, n.players[level], tuple(moves), n.infoset_of(n.players[level])))
        if level < k - 1:
            for a in n.actions[level]:
                grow(prefix + (a,))

    grow(())
    return out


def _labelled_children(n: Node) -> list[tuple[str, str]]:
    if isinstance(n, Decision):
        return list(n.moves)
    if isinstance(n, Chance):
        return [(a, c) for a, _, c in n.moves]
    if isinstance(n, Simultaneous):
        return [(", ".join(k), c) for k, c in n.cells]
    return []


def _check_structure(players: tuple[str, ...], nodes: list, root: str | None, *, exact: bool) -> tuple[Node, ...]:
    """Check names, players, moves and values; return the nodes in prefix order (payoffs in player order)."""
    if not players:
        raise InputError("a game tree needs at least one player")
    if len(set(players)) != len(players):
        raise InputError(f"player {next(p for p in players if players.count(p) > 1)!r} is listed twice")
    if not nodes:
        raise InputError("a game tree needs at least one node")
    by_name: dict[str, Node] = {}
    for n in nodes:
        if not isinstance(n, (Decision, Chance, Terminal, Simultaneous)):
            raise InputError(f"expected a node (decision, chance, terminal or simultaneous), found {type(n).__name__}")
        if not n.name:
            raise InputError("every node needs a name")
        if n.name in by_name:
            raise InputError("two nodes have this name", where=f"node {n.name}")
        by_name[n.name] = _check_node(n, players, exact)
    root = nodes[0].name if root is None else root
    if root not in by_name:
        raise InputError(f"the root {root!r} is not a node", where=f"node {root}")
    # depth-first from the root, in move order: prefix order; a node seen twice is shared or on a cycle
    order: list[Node] = []
    parent: dict[str, str] = {}
    on_path: set[str] = set()
    stack: list[tuple[str, Iterable]] = []

    def enter(name: str):
        order.append(by_name[name])
        on_path.add(name)
        stack.append((name, iter(by_name[name].children())))

    enter(root)
    while stack:
        name, it = stack[-1]
        child = next(it, None)
        if child is None:
            on_path.discard(name)
            stack.pop()
            continue
        if child not in by_name:
            raise InputError(f"a move leads to node {child!r}, which does not exist", where=f"node {name}")
        if child in on_path or child == root:
            cycle = [s for s, _ in stack[[s for s, _ in stack].index(child):]] + [child]
            raise InputError(f"a cycle: {' -> '.join(cycle)}; a game tree has none", where=f"node {name}")
        if child in parent:
            raise InputError(
                f"node {child!r} is reached from both {parent[child]!r} and {name!r}; "
                "in a tree each node has one parent",
                where=f"node {child}",
            )
        parent[child] = name
        enter(child)
    unreachable = [n.name for n in nodes if n.name != root and n.name not in parent]
    if unreachable:
        raise InputError(f"unreachable from the root {root!r}", where=f"node {unreachable[0]}")
    return tuple(order)


def _check_node(n: Node, players: tuple[str, ...], exact: bool) -> Node:
    where = f"node {n.name}"
    if isinstance(n, Decision):
        if n.player not in players:
            raise InputError(f"unknown player {n.player!r}; the players are {', '.join(players)}", where=where)
        _check_labels(n.labels(), where)
        return replace(n, infoset=n.infoset or n.name)
    if isinstance(n, Chance):
        _check_labels(n.labels(), where)
        if exact:
            total = Fraction(0)
            for a, p, _ in n.moves:
                if not isinstance(p, Fraction):
                    raise InputError(f"move {a}: expected an exact probability, found {type(p).__name__}", where=where)
                if p < 0:
                    raise InputError(f"move {a} has probability {plain(p)}; probabilities are at least 0", where=where)
                total += p
            if total != 1:
                raise InputError(f"the probabilities sum to {plain(total)}, not 1", where=where)
        return n
    if isinstance(n, Terminal):
        payoffs = n.payoffs
        if payoffs and all(isinstance(v, tuple) and len(v) == 2 and isinstance(v[0], str) for v in payoffs):
            given = dict(payoffs)
            unknown = [p for p in given if p not in players]
            if unknown:
                raise InputError(f"payoff for unknown player {unknown[0]!r}", where=where)
            missing = [p for p in players if p not in given]
            if missing:
                raise InputError(f"no payoff for {missing[0]}", where=where)
            payoffs = tuple(given[p] for p in players)
        if len(payoffs) != len(players):
            raise InputError(f"expected {len(players)} payoffs (one per player), found {len(payoffs)}", where=where)
        for v in payoffs:
            if exact and not isinstance(v, Fraction):
                raise InputError(f"expected exact payoffs, found {type(v).__name__}", where=where)
            if not exact and not isinstance(v, (Fraction, Expr)):
                raise InputError(f"expected a payoff formula, found {type(v).__name__}", where=where)
        return replace(n, payoffs=tuple(payoffs))
    # simultaneous
    if not n.players:
        raise InputError("a simultaneous node needs at least one player", where=where)
    for p in n.players:
        if p not in players:
            raise InputError(f"unknown player {p!r}; the players are {', '.join(players)}", where=where)
    if len(set(n.players)) != len(n.players):
        raise InputError("a player moves twice at one simultaneous node", where=where)
    if len(n.actions) != len(n.players):
        raise InputError(f"{len(n.players)} players but {len(n.actions)} action lists", where=where)
    for p, acts in zip(n.players, n.actions):
        _check_labels(acts, f"{where}, {p}")
    profiles = list(product(*n.actions))
    if [k for k, _ in n.cells] != profiles:
        raise InputError("the cells must list every profile of actions once, in order", where=where)
    return n


def _check_labels(labels: Sequence[str], where: str) -> None:
    if not labels:
        raise InputError("a move needs at least one option: no moves", where=where)
    for a in labels:
        if not a:
            raise InputError("every move needs a label", where=where)
    if len(set(labels)) != len(labels):
        raise InputError(f"move {next(a for a in labels if list(labels).count(a) > 1)!r} is listed twice", where=where)


# ----------------------------------------------------------------------------- the parameterised tree


@dataclass(frozen=True)
class TreeModel:
    """A game tree whose payoffs and chance probabilities are formulas over parameters.

    The nodes are those of a :class:`GameTree`, with
    :class:`~bargaining.formula.Expr` formulas (or exact numbers) as terminal
    payoffs and chance probabilities. Parameters and named terms work as in
    :class:`~bargaining.model.Model`: terms are evaluated in order, each may
    use the parameters and earlier terms.

    Build one with :meth:`build`; :meth:`tree` evaluates it exactly.

    Examples
    --------
    A crisis by chance, with probability ``p``:

    >>> from bargaining.formula import parse
    >>> m = TreeModel.build(["A", "B"], [
    ...     chance("crisis?", {"crisis": (parse("p"), "c"), "calm": (parse("1 - p"), "k")}),
    ...     terminal("c", [parse("-cost"), 0]),
    ...     terminal("k", [1, 1]),
    ... ], parameters={"p": Parameter("p", Fraction(1, 4), Fraction(0), Fraction(1)),
    ...                "cost": Parameter("cost", Fraction(2))})
    >>> t = m.tree({"p": "1/3"})
    >>> t.node("crisis?").moves[0][1], t.payoff("c")["A"]
    (Fraction(1, 3), Fraction(-2, 1))
    """

    players: tuple[str, ...]
    nodes: tuple[Node, ...]
    parameters: Mapping[str, Parameter] = field(default_factory=dict)
    terms: Mapping[str, Expr] = field(default_factory=dict)
    title: str = ""
    description: str = ""
    source: str = ""
    expectation: str = ""
    parent: str | None = None
    parent_values: Mapping[str, Fraction] | None = None
    outcomes: Mapping[tuple[str, ...], str] = field(default_factory=dict)
    term_labels: Mapping[str, str] = field(default_factory=dict)
    overrides: Mapping[str, Fraction] = field(default_factory=dict)
    stage: Model | None = None

    def __post_init__(self):
        for name in ("parameters", "terms", "outcomes", "term_labels", "overrides"):
            object.__setattr__(self, name, MappingProxyType(dict(getattr(self, name))))

    @classmethod
    def build(
        cls,
        players: Sequence[str],
        nodes: Iterable[Node],
        *,
        parameters: Mapping[str, Parameter] | None = None,
        terms: Mapping[str, Expr] | None = None,
        root: str | None = None,
        title: str = "",
        description: str = "",
        source: str = "",
        **context: Any,
    ) -> "TreeModel":
        """Check the structure and every formula's names, then the tree at the parameters' values.

        ``context`` sets the other fields (``expectation``, ``parent``,
        ``parent_values``, ``outcomes``, ``term_labels``, ``stage``: the
        strategic-form :class:`~bargaining.model.Model` a game file also
        declares, whose cells simultaneous nodes play).

        Raises
        ------
        InputError
            Naming the node, for a bad structure or a formula that uses an
            unknown name; or the tree at the model's values is not a game
            tree (probabilities that do not sum to 1).
        """
        players = tuple(str(p) for p in players)
        ordered = _check_structure(players, list(nodes), root, exact=False)
        parameters = dict(parameters or {})
        terms = dict(terms or {})
        known = set(parameters)
        for name, expr in terms.items():
            unknown = sorted(expr.names() - known)
            if unknown:
                raise InputError(f"unknown name {unknown[0]!r}", source=source or None, where=f"terms.{name}")
            known.add(name)
        for where, expr in _formulas(ordered):
            unknown = sorted(expr.names() - known)
            if unknown:
                raise InputError(
                    f"unknown name {unknown[0]!r}; known names: {', '.join(sorted(known)) or 'none'}",
                    source=source or None,
                    where=where,
                )
        model = cls(players, ordered, parameters, terms, title, description, source, **context)
        model.tree()
        return model

    def values(self) -> dict[str, Fraction]:
        """The current parameter values."""
        return {name: p.value for name, p in self.parameters.items()}

    def with_values(self, values: Mapping[str, Any], *, where: str = "parameter") -> "TreeModel":
        """A copy with some parameter values replaced (checked against names and ranges)."""
        params = dict(self.parameters)
        overrides = dict(self.overrides)
        for name, raw in values.items():
            if name not in params:
                known = ", ".join(params) or "none"
                raise InputError(
                    f"unknown parameter {name!r}{did_you_mean(name, params)}"
                    f"; known parameters: {known}", source=self.source or None, where=where
                )
            try:
                value = to_fraction(raw, where=f"{where} {name}")
            except InputError as err:
                raise err.located(source=self.source or None) from None
            params[name].check(value, source=self.source or None, where=f"{where} {name}")
            params[name] = replace(params[name], value=value)
            overrides[name] = value
        stage = self.stage
        if stage is not None:
            stage = stage.with_values({k: v for k, v in values.items() if k in stage.parameters}, where=where)
        return replace(self, parameters=params, overrides=overrides, stage=stage)

    def changed_parameters(self) -> dict[str, tuple[Fraction | None, Fraction]]:
        """Parameters whose value differs from the parent file's: name -> (parent value, value)."""
        parent = self.parent_values or {}
        return {
            name: (parent.get(name), p.value)
            for name, p in self.parameters.items()
            if parent and parent.get(name) != p.value
        }

    def environment(self, values: Mapping[str, Any] | None = None) -> dict[str, Any]:
        """Parameter values (the model's, updated by ``values``) plus every term evaluated, in order."""
        env: dict[str, Any] = self.values()
        if values:
            env.update(self.with_values(values).values())
        for name, expr in self.terms.items():
            try:
                env[name] = expr.evaluate(env)
            except FormulaError as err:
                raise err.located(source=self.source or None, where=f"terms.{name}") from None
        return env

    def tree(self, values: Mapping[str, Any] | None = None) -> GameTree:
        """The game tree at the model's parameter values (some replaced by ``values``), exactly.

        Irrational values (a square root) are rounded to the nearest double
        and then read exactly, as :meth:`Model.game` does.
        """
        env = self.environment(values)

        def ev(expr, where):
            if isinstance(expr, Fraction):
                return expr
            try:
                return to_fraction(expr.evaluate(env), where=where)
            except FormulaError as err:
                raise err.located(source=self.source or None, where=where) from None

        out: list[Node] = []
        for n in self.nodes:
            if isinstance(n, Chance):
                out.append(replace(n, moves=tuple((a, ev(p, f"node {n.name}, move {a}"), c) for a, p, c in n.moves)))
            elif isinstance(n, Terminal):
                out.append(
                    replace(
                        n,
                        payoffs=tuple(ev(v, f"node {n.name}, payoff of {p}") for p, v in zip(self.players, n.payoffs)),
                    )
                )
            else:
                out.append(n)
        try:
            return GameTree.build(self.players, out, title=self.title, description=self.description)
        except InputError as err:
            raise err.located(source=self.source or None) from None

    def expanded_payoffs(self) -> dict[str, tuple[Expr, ...]]:
        """Each terminal's payoff formulas with every named term substituted (parameters only)."""
        expanded = self._expanded_terms()
        return {
            n.name: tuple(_as_expr(v).substitute(expanded) for v in n.payoffs)
            for n in self.nodes
            if isinstance(n, Terminal)
        }

    def expanded_probabilities(self) -> dict[tuple[str, str], Expr]:
        """Each chance move's probability formula, ``(node, move) -> formula``, terms substituted."""
        expanded = self._expanded_terms()
        return {
            (n.name, a): _as_expr(p).substitute(expanded)
            for n in self.nodes
            if isinstance(n, Chance)
            for a, p, _ in n.moves
        }

    def to_sympy(self) -> tuple[dict[str, tuple], dict[tuple[str, str], Any]]:
        """The expanded payoffs and probabilities as sympy expressions in the parameters' symbols."""
        import sympy

        symbols = {name: sympy.Symbol(name, real=True) for name in self.parameters}
        pay = {k: tuple(e.to_sympy(symbols) for e in v) for k, v in self.expanded_payoffs().items()}
        prob = {k: e.to_sympy(symbols) for k, e in self.expanded_probabilities().items()}
        return pay, prob

    def _expanded_terms(self) -> dict[str, Expr]:
        expanded: dict[str, Expr] = {}
        for name, expr in self.terms.items():
            expanded[name] = expr.substitute(expanded)
        return expanded


def _as_expr(v) -> Expr:
    return v if isinstance(v, Expr) else Num(Fraction(v))


def _formulas(nodes) -> list[tuple[str, Expr]]:
    out = []
    for n in nodes:
        if isinstance(n, Chance):
            out += [(f"node {n.name}, move {a}", p) for a, p, _ in n.moves if isinstance(p, Expr)]
        elif isinstance(n, Terminal):
            out += [(f"node {n.name}, payoff {k + 1}", v) for k, v in enumerate(n.payoffs) if isinstance(v, Expr)]
    return out
