"""Reading the ``[tree]`` of a game file into a :class:`~bargaining.tree.TreeModel`.

A game file that has a ``[tree]`` table describes a game in time (an
extensive form; ``docs/reference/game-trees.md``). :func:`bargaining.io.gamefile.load_model`
hands such a file here once ``extends`` is resolved, so parameters, terms,
strategies, payoffs and outcomes come from the parent as for any game file.

Each entry of ``[tree]`` is a node, the first one the root. Its keys say what
kind of node it is:

- ``player`` and ``moves`` (move -> child node): a **decision** node;
- ``chance`` (move -> probability, a formula) and ``moves`` (move -> child):
  a **chance** node; the probabilities must sum to 1 at the parameters' values;
- ``payoffs`` (player -> formula over the parameters and terms), or ``cell``
  (``"ally, ally"``: the payoffs of that cell of the file's strategic form):
  a **terminal** node;
- ``subgame = "stage"``: the file's strategic-form game (``[strategies]`` and
  ``[payoffs]``) played at once by its two players, a **simultaneous** node
  whose cells end the game; they are named ``"node (ally, align)"``.

Any node may have a ``label`` in plain words; a terminal given by ``cell``,
and each cell of a stage game, is labelled by the file's ``[outcomes]``
reading of the cell unless it says otherwise. ``[infosets]`` lists, per
player, the nodes the player cannot tell apart: ``China = [["a", "b"]]``
(named after the first node) or ``China = { pledge = ["a", "b"] }``.

Every problem is an :class:`~bargaining.errors.InputError` naming the file and
the node (``games/x.toml, node ratify: ...``).
"""

from __future__ import annotations

from fractions import Fraction
from typing import Any, Mapping

from bargaining.errors import InputError
from bargaining.formula import Expr
from bargaining.io.strategic import (
    TOP_KEYS,
    check_name,
    model_from_dict,
    order_terms,
    read_formula,
    read_parameters,
    table_of,
    text_of,
    unknown_message,
)
from bargaining.model import Parameter
from bargaining.tree import TreeModel, chance, decision, stage_model, terminal

__all__ = ["TREE_KEYS", "tree_model_from_dict"]

#: The keys a game file with a tree may have, beyond those of a strategic-form file.
TREE_KEYS = {
    "tree": "the game tree: one table per node, the root first",
    "infosets": "per player, the nodes the player cannot tell apart",
}

_KINDS = {
    "decision": ({"player", "moves"}, {"label"}),
    "chance": ({"chance", "moves"}, {"label"}),
    "terminal": (set(), {"payoffs", "cell", "label"}),
    "subgame": ({"subgame"}, set()),
}
_STAGE = "stage"


def tree_model_from_dict(
    data: Mapping[str, Any],
    *,
    source: str = "<game>",
    parent: str | None = None,
    parent_values: Mapping[str, Fraction] | None = None,
) -> TreeModel:
    """Check a game table with a ``[tree]`` (already merged over its parents) and build the model.

    The stage game (``subgame = "stage"``) is the file's strategic form, read by
    :func:`bargaining.io.strategic.model_from_dict`.

    Examples
    --------
    >>> m = tree_model_from_dict({
    ...     "title": "Entry", "players": ["Entrant", "Incumbent"],
    ...     "parameters": {"c": 1},
    ...     "tree": {
    ...         "enter?": {"player": "Entrant", "moves": {"out": "out", "in": "respond"}},
    ...         "out": {"payoffs": {"Entrant": 0, "Incumbent": 2}},
    ...         "respond": {"player": "Incumbent", "moves": {"fight": "war", "share": "peace"}},
    ...         "war": {"payoffs": {"Entrant": "-c", "Incumbent": "-c"}},
    ...         "peace": {"payoffs": {"Entrant": 1, "Incumbent": 1}}}})
    >>> m.tree().payoff("war")
    {'Entrant': Fraction(-1, 1), 'Incumbent': Fraction(-1, 1)}
    """

    def fail(message, where=None):
        raise InputError(message, source=source, where=where)

    for key in data:
        if key not in TOP_KEYS and key not in TREE_KEYS:
            known = ", ".join([*TOP_KEYS, *TREE_KEYS])
            fail(f"unknown key {key!r}; a game file has: {known}", key)
    title = data.get("title")
    if not isinstance(title, str) or not title.strip():
        fail("a game file needs a title (a non-empty string)", "title")
    players = data.get("players")
    if not isinstance(players, list) or not players or not all(isinstance(p, str) and p for p in players):
        fail(f"expected a list of player names, such as [\"Russia\", \"China\"], found {players!r}", "players")
    if len(set(players)) != len(players):
        fail("the players need different names", "players")

    stage = None
    if "payoffs" in data or "strategies" in data:
        stage = model_from_dict(
            {k: v for k, v in data.items() if k not in TREE_KEYS},
            source=source,
            parent=parent,
            parent_values=parent_values,
        )
        if stage.n_players != 2:
            fail(
                f"a strategic form inside a tree is a two-player game; this file has {stage.n_players} players",
                "players",
            )
        parameters = dict(stage.parameters)
        terms = dict(stage.terms)
        term_labels = dict(stage.term_labels)
        outcomes = dict(stage.outcomes)
    else:
        if "outcomes" in data:
            fail(
                "[outcomes] reads cells of the strategic form ([strategies] and [payoffs]); this file has none",
                "outcomes",
            )
        parameters = {name: Parameter(name=name, **spec) for name, spec in read_parameters(data, source).items()}
        terms, term_labels = _terms(data, parameters, source, fail)
        outcomes = {}
    known = set(parameters) | set(terms)

    table = table_of(data, "tree", fail, required=True)
    if not table:
        fail("a game tree needs at least one node", "tree")
    infoset_of = _infosets(data, table, players, fail)
    nodes = []
    for name, spec in table.items():
        nodes.extend(_node(str(name), spec, players, stage, known, infoset_of.get(name), source, fail))
    try:
        return TreeModel.build(
            players,
            nodes,
            parameters=parameters,
            terms=terms,
            root=next(iter(table)),
            title=title.strip(),
            description=text_of(data, "description", fail),
            source=source,
            expectation=text_of(data, "expectation", fail),
            parent=parent,
            parent_values=parent_values,
            outcomes=outcomes,
            term_labels=term_labels,
            stage=stage,
        )
    except InputError as err:
        raise err.located(source=source) from None


def _terms(data, parameters, source, fail):
    terms: dict[str, Expr] = {}
    labels: dict[str, str] = {}
    for name, raw in table_of(data, "terms", fail).items():
        where = f"terms.{name}"
        check_name(name, where, fail)
        if name in parameters:
            fail(f"term {name!r} has the name of a parameter", where)
        if isinstance(raw, dict):
            if set(raw) - {"formula", "label"} or "formula" not in raw:
                fail("a term is a formula, or a table with formula and label", where)
            if raw.get("label"):
                labels[name] = str(raw["label"])
            raw = raw["formula"]
        terms[name] = read_formula(raw, source, where)
    return order_terms(terms, set(parameters), source), labels


def _infosets(data, table, players, fail) -> dict[str, str]:
    """node -> the name of its information set, from ``[infosets]``."""
    out: dict[str, str] = {}
    for player, sets in table_of(data, "infosets", fail).items():
        where = f"infosets.{player}"
        if player not in players:
            fail(f"{player!r} is not a player; players are {', '.join(players)}", where)
        if isinstance(sets, list):
            named = [(None, members) for members in sets]
        elif isinstance(sets, dict):
            named = list(sets.items())
        else:
            fail("expected a list of lists of node names, or a table of them by information set", where)
        for name, members in named:
            if not isinstance(members, list) or not members or not all(isinstance(m, str) for m in members):
                fail("expected a non-empty list of node names for each information set", where)
            h = members[0] if name is None else str(name)
            for m in members:
                if m not in table:
                    fail(f"no node called {m!r} in [tree]", where)
                spec = table[m]
                if not isinstance(spec, dict) or "player" not in spec:
                    fail(f"node {m!r} is not a decision node; only a player's nodes form information sets", where)
                if spec["player"] != player:
                    fail(
                        f"node {m!r} is {spec['player']}'s, not {player}'s; an information set belongs to one player",
                        f"node {m}",
                    )
                if m in out:
                    fail(f"node {m!r} is in two information sets ({out[m]!r} and {h!r})", f"node {m}")
                out[m] = h
    return out


def _kind(name, spec, fail) -> str:
    where = f"node {name}"
    if not isinstance(spec, dict):
        fail(f"expected a table (a node), found {type(spec).__name__}", where)
    if "player" in spec:
        kind = "decision"
    elif "chance" in spec:
        kind = "chance"
    elif "subgame" in spec:
        kind = "subgame"
    elif "payoffs" in spec or "cell" in spec:
        kind = "terminal"
    else:
        fail(
            "a node needs player and moves (a decision), chance and moves, payoffs or cell (an end), "
            "or subgame = \"stage\"",
            where,
        )
    required, optional = _KINDS[kind]
    extra = sorted(set(spec) - required - optional)
    if extra:
        allowed = ", ".join(sorted(required | optional))
        fail(f"unknown key {extra[0]!r} for a {kind} node; it has {allowed}", where)
    missing = sorted(required - set(spec))
    if missing:
        fail(f"a {kind} node needs {missing[0]!r}", where)
    if "label" in spec and not isinstance(spec["label"], str):
        fail("expected a string", f"{where}, label")
    return kind


def _checked(raw, known, source, where) -> Expr:
    expr = read_formula(raw, source, where)
    unknown = expr.names() - known
    if unknown:
        raise InputError(unknown_message(sorted(unknown)[0], known), source=source, where=where)
    return expr


def _moves(spec, key, name, fail) -> dict:
    moves = spec[key]
    if not isinstance(moves, dict) or not moves:
        fail(f"expected a table of moves ({key} = {{ move = ... }}), found {moves!r}", f"node {name}")
    return moves


def _node(name, spec, players, stage, known, infoset, source, fail) -> list:
    where = f"node {name}"
    kind = _kind(name, spec, fail)
    label = spec.get("label", "")
    if kind == "decision":
        player = spec["player"]
        if player not in players:
            fail(f"unknown player {player!r}; the players are {', '.join(players)}", where)
        moves = _moves(spec, "moves", name, fail)
        for move, child in moves.items():
            if not isinstance(child, str):
                fail(f"move {move}: expected the name of the node it leads to, found {child!r}", where)
        return [decision(name, player, moves, infoset=infoset, label=label)]
    if infoset is not None:
        fail("only decision nodes belong to information sets", where)
    if kind == "chance":
        probabilities = _moves(spec, "chance", name, fail)
        children = _moves(spec, "moves", name, fail)
        if list(probabilities) != list(children):
            fail(
                f"chance lists the moves ({', '.join(probabilities)}) but moves lists ({', '.join(children)}); "
                "give each move a probability and a child, in the same order",
                where,
            )
        out = {}
        for move, p in probabilities.items():
            child = children[move]
            if not isinstance(child, str):
                fail(f"move {move}: expected the name of the node it leads to, found {child!r}", where)
            out[move] = (_checked(p, known, source, f"{where}, move {move}"), child)
        return [chance(name, out)]
    if kind == "subgame":
        if spec["subgame"] != _STAGE:
            fail(f"subgame = {spec['subgame']!r}: the only subgame is \"stage\", the file's strategic-form game", where)
        if stage is None:
            fail("subgame = \"stage\" plays the file's strategic form, but it has no [strategies] and [payoffs]", where)
        return stage_model(name, stage)
    # terminal
    if ("payoffs" in spec) == ("cell" in spec):
        fail("an end of the game has payoffs or cell, not both", where)
    if "cell" in spec:
        return [_cell(name, spec["cell"], label, stage, fail)]
    payoffs = spec["payoffs"]
    if not isinstance(payoffs, dict):
        fail(f"expected a table of payoffs, one per player, found {payoffs!r}", where)
    for p in payoffs:
        if p not in players:
            fail(f"payoff for unknown player {p!r}; the players are {', '.join(players)}", where)
    missing = [p for p in players if p not in payoffs]
    if missing:
        fail(f"no payoff for {missing[0]}", where)
    values = {p: _checked(payoffs[p], known, source, f"{where}, payoff of {p}") for p in players}
    return [terminal(name, values, label=label)]


def _cell(name, raw, label, stage, fail):
    where = f"node {name}"
    if stage is None:
        fail("cell names a cell of the file's strategic form, but it has no [strategies] and [payoffs]", where)
    s0, s1 = stage.strategies
    profile = tuple(part.strip() for part in raw.split(",")) if isinstance(raw, str) else ()
    if len(profile) != 2 or profile[0] not in s0 or profile[1] not in s1:
        example = f"{s0[0]}, {s1[0]}"
        first = stage.players[0]
        fail(f"cell: expected a profile such as \"{example}\" ({first}'s strategy first), found {raw!r}", where)
    i, j = s0.index(profile[0]), s1.index(profile[1])
    pay = {stage.players[0]: stage.payoffs[0][i][j], stage.players[1]: stage.payoffs[1][i][j]}
    return terminal(name, pay, label=label or stage.outcomes.get(profile, ""))
