r"""Gambit's extensive-form file format (``.efg``): reading and writing game trees.

Gambit (McKelvey, McLennan and Turocy, *Gambit: Software Tools for Game
Theory*) stores extensive games as ``.efg`` files (version 2 of the format,
the only one in use)::

    EFG 2 R "Entry game" { "Entrant" "Incumbent" }
    "Selten's chain-store stage game"

    p "enter?" 1 1 "enter?" { "out" "in" } 0
    t "out" 1 "" { 0, 2 }
    p "respond" 2 1 "respond" { "fight" "accommodate" } 0
    t "war" 2 "" { -1, -1 }
    t "peace" 3 "" { 1, 1 }

The prologue is ``EFG 2 R``, the title, the players in braces and an
optional comment. The body lists the nodes in **prefix order** (a node, then
the subtrees of its children in the order of its moves):

- a personal node ``p "name" player infoset ["infoset name" { "move" ... }] outcome [...]``;
- a chance node ``c "name" infoset ["infoset name" { "move" probability ... }] outcome [...]``;
- a terminal node ``t "name" outcome [...]``;

where an outcome is a number (0: none) followed, the first time, by its name
and the payoffs ``{ 1, 2 }`` (commas optional). Information sets are numbered
per player; the second and later nodes of an information set may omit its
name and moves, and an outcome met again may omit its name and payoffs.
Outcomes at non-terminal nodes add to the payoffs of every terminal node
below. Whitespace is not significant; text is in double quotes, with ``\"``
for a quote; numbers (integers, decimals, fractions such as ``1/2``) are read
exactly.

Reading gives a :class:`~bargaining.tree.GameTree`: node names are Gambit's
node labels where they are given and distinct (else ``"node k"``, ``k`` the
node's place in prefix order), information sets are named by their labels
where given and distinct (else ``"player:number"``), a terminal node's label
is its outcome's name.

Writing uses the tree's expanded form
(:meth:`~bargaining.tree.GameTree.expanded`): a simultaneous node becomes a
decision node of its first player followed by the other players' nodes, each
player's nodes in one information set. Every terminal node gets an outcome of
its own, named by its label; payoffs are exact rationals.

Reference: the Gambit documentation, "Game representation formats", section
"The extensive game (.efg) file format".
"""

from __future__ import annotations

from fractions import Fraction
from pathlib import Path

from bargaining.errors import InputError
from bargaining.io.nfg import _quote, _Reader, _show, _tokens
from bargaining.tree import Chance, Decision, GameTree, Terminal

__all__ = ["read_efg", "read_efg_model", "parse_efg", "write_efg"]


def parse_efg(text: str, source: str = "<efg>") -> GameTree:
    """Read a game tree in Gambit's ``.efg`` format from text.

    Parameters
    ----------
    text : str
        The file's contents.
    source : str
        Where the text came from, for error messages.

    Raises
    ------
    InputError
        Naming the source and the line and column of the problem, or the
        node, when the tree read is not a valid game tree.

    Examples
    --------
    >>> t = parse_efg('EFG 2 R "Matching" { "A" "B" } c "coin" 1 "" { "H" 1/2 "T" 1/2 } 0 '
    ...               't "h" 1 "heads" { 1 -1 } t "t" 2 "tails" { -1, 1 }')
    >>> t.node("coin").moves[0], t.node("t").label
    (('H', Fraction(1, 2), 'h'), 'tails')
    """
    r = _Reader(_tokens(text, source), source)
    head = r.next("'EFG'")
    if head.kind != "word" or head.text != "EFG":
        r.pos -= 1
        r.fail(f"expected 'EFG' at the start of a Gambit extensive-form file, found {_show(head)}")
    version = r.next("the version number 2")
    if version.text != "2":
        r.pos -= 1
        r.fail(f"expected version 2 of the format, found {_show(version)}")
    kind = r.next("'R'")
    if kind.kind != "word" or kind.text not in ("R", "D"):
        r.pos -= 1
        r.fail(f"expected 'R' after 'EFG 2', found {_show(kind)}")
    title = r.expect("string", "the game's title in double quotes").text
    players_token = r.peek()
    players = [p.strip() or f"Player {k + 1}" for k, p in enumerate(r.strings("players"))]
    if not players:
        r.fail("a game needs at least one player", players_token)
    if len(set(players)) != len(players):
        r.fail("two players have the same name", players_token)
    comment = r.next("a comment").text if r.at("string") else ""
    if r.peek() is None:
        r.fail("expected the nodes of the tree, found the end of the file")

    count = len(players)
    infosets: dict[tuple[int, int], tuple[str, tuple]] = {}  # (player, number) -> (label, moves)
    outcomes: dict[int, tuple[str, tuple[Fraction, ...]]] = {}
    raw: list[dict] = []  # nodes in prefix order, names assigned later

    def outcome(where: str) -> tuple[str, tuple[Fraction, ...]]:
        token = r.peek()
        number = r.index(f"the outcome number of {where} (0 for none)")
        if r.at("string"):
            name = r.next("the outcome's name").text
            r.expect("{", "'{' opening the outcome's payoffs")
            pay = []
            while not r.at("}"):
                if r.at(","):
                    r.pos += 1
                    continue
                pay.append(r.number("a payoff"))
            close = r.next("'}'")
            if number == 0:
                r.fail("outcome 0 is the null outcome and has no name or payoffs", token)
            if len(pay) != count:
                r.fail(f"expected {count} payoffs (one per player), found {len(pay)}", close)
            if number in outcomes and outcomes[number] != (name, tuple(pay)):
                r.fail(f"outcome {number} is declared again with other payoffs or another name", token)
            outcomes[number] = (name, tuple(pay))
        elif number and number not in outcomes:
            r.fail(f"outcome {number} is used before its payoffs are given", token)
        return outcomes.get(number, ("", (Fraction(0),) * count))

    def node(accrued: tuple[Fraction, ...]) -> int:
        token = r.next("a node ('p', 'c' or 't')")
        if token.kind != "word" or token.text not in ("p", "c", "t"):
            r.pos -= 1
            r.fail(f"expected a node: 'p' (a player's), 'c' (chance) or 't' (terminal), found {_show(token)}")
        label = r.expect("string", "the node's name in double quotes").text
        k = len(raw)
        entry: dict = {"kind": token.text, "label": label, "token": token}
        raw.append(entry)
        where = f"node {k + 1} ({label or 'unnamed'})"
        if token.text == "t":
            name, pay = outcome(where)
            entry["payoffs"] = tuple(a + b for a, b in zip(accrued, pay))
            entry["outcome"] = name
            return k
        if token.text == "p":
            p_token = r.peek()
            player = r.index("the number of the player who moves")
            if not 1 <= player <= count:
                r.fail(f"player {player} does not exist: the file lists {count} players", p_token)
        else:
            player = 0
        set_token = r.peek()
        number = r.index("the information set's number")
        if r.at("string"):
            set_label = r.next("the information set's name").text
            r.expect("{", "'{' opening the moves")
            moves = []
            while not r.at("}"):
                move = r.expect("string", "a move's name in double quotes, or '}'").text
                if player == 0:
                    moves.append((move, r.number("the move's probability")))
                else:
                    moves.append(move)
            r.pos += 1
            if not moves:
                r.fail("an information set needs at least one move", set_token)
            moves = _distinct(moves, player == 0)
            declared = (set_label, tuple(moves))
            if (player, number) in infosets and infosets[(player, number)] != declared:
                r.fail(f"information set {number} is declared again with other moves", set_token)
            infosets[(player, number)] = declared
        elif (player, number) not in infosets:
            r.fail(f"information set {number} is used before its moves are given", set_token)
        set_label, moves = infosets[(player, number)]
        _, pay = outcome(where)
        here = tuple(a + b for a, b in zip(accrued, pay))
        entry.update(player=player, number=number, moves=moves, children=[node(here) for _ in moves])
        return k

    node((Fraction(0),) * count)
    extra = r.peek()
    if extra is not None:
        r.fail(f"expected the end of the file after the tree's last node, found {_show(extra)}")

    names = _names([e["label"] for e in raw])
    labels: dict[tuple[int, int], str] = {}
    used = {}
    for key, (label, _) in infosets.items():
        used[label] = used.get(label, 0) + 1
    for key, (label, _) in infosets.items():
        if key[0]:
            labels[key] = label if label.strip() and used[label] == 1 else f"{players[key[0] - 1]}:{key[1]}"
    nodes = []
    for k, e in enumerate(raw):
        if e["kind"] == "t":
            nodes.append(Terminal(names[k], e["payoffs"], e["outcome"]))
        elif e["kind"] == "c":
            nodes.append(Chance(names[k], tuple((m, p, names[c]) for (m, p), c in zip(e["moves"], e["children"]))))
        else:
            key = (e["player"], e["number"])
            nodes.append(
                Decision(
                    names[k],
                    players[e["player"] - 1],
                    tuple((m, names[c]) for m, c in zip(e["moves"], e["children"])),
                    labels[key],
                )
            )
    try:
        return GameTree.build(players, nodes, title=title.strip(), description=comment.strip())
    except InputError as err:
        raise err.located(source=source) from None


def _distinct(moves: list, chance: bool) -> list:
    """Move labels as a tree needs them: non-empty and distinct at a node (``"3"`` for an unlabelled third move)."""
    out, seen = [], set()
    for k, move in enumerate(moves):
        label = move[0] if chance else move
        label = label if label.strip() else str(k + 1)
        if label in seen:
            label = f"{label} ({k + 1})"
        seen.add(label)
        out.append((label, move[1]) if chance else label)
    return out


def _names(labels: list[str]) -> list[str]:
    counts: dict[str, int] = {}
    for label in labels:
        counts[label] = counts.get(label, 0) + 1
    out = []
    taken = {label for label in labels if label.strip() and counts[label] == 1}
    for k, label in enumerate(labels):
        if label.strip() and counts[label] == 1:
            out.append(label)
            continue
        name = f"node {k + 1}"
        while name in taken:
            name += "'"
        taken.add(name)
        out.append(name)
    return out


def read_efg(path: str | Path) -> GameTree:
    """Read a ``.efg`` file (see :func:`parse_efg`).

    Examples
    --------
    >>> import tempfile, os
    >>> path = os.path.join(tempfile.mkdtemp(), "one.efg")
    >>> text = 'EFG 2 R "One move" { "Me" } p "" 1 1 "" { "a" "b" } 0 t "" 1 "x" { 1 } t "" 2 "y" { 2 }'
    >>> _ = open(path, "w").write(text)
    >>> [n.name for n in read_efg(path).nodes]
    ['node 1', 'node 2', 'node 3']
    """
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise InputError("file not found", source=str(path)) from None
    except IsADirectoryError:
        raise InputError("expected a game file, found a folder", source=str(path)) from None
    except UnicodeDecodeError:
        raise InputError("not a text file (UTF-8 expected)", source=str(path)) from None
    except OSError as err:
        raise InputError(f"cannot read: {err.strerror}", source=str(path)) from None
    return parse_efg(text, str(path))


def read_efg_model(path: str | Path):
    """A ``.efg`` file as a :class:`~bargaining.tree.TreeModel` without parameters (what ``load`` gives)."""
    from bargaining.tree import TreeModel

    tree = read_efg(path)
    try:
        return TreeModel.build(
            tree.players, tree.nodes, title=tree.title, description=tree.description, source=str(path)
        )
    except InputError as err:
        raise err.located(source=str(path)) from None


def _number(q: Fraction) -> str:
    return str(q.numerator) if q.denominator == 1 else f"{q.numerator}/{q.denominator}"


def write_efg(tree: GameTree, comment: str | None = None) -> str:
    """The tree in Gambit's ``.efg`` format (simultaneous nodes written as information sets).

    Parameters
    ----------
    tree : GameTree
    comment : str, optional
        The file's comment; by default the tree's description.

    Examples
    --------
    >>> from bargaining.tree import decision, terminal
    >>> t = GameTree.build(["E", "I"], [decision("e", "E", {"out": "o", "in": "r"}), terminal("o", [0, 2]),
    ...     decision("r", "I", {"fight": "f", "share": "s"}), terminal("f", [-1, -1]), terminal("s", [1, "1/2"])],
    ...     title="Entry")
    >>> print(write_efg(t), end="")
    EFG 2 R "Entry" { "E" "I" }
    ""
    <BLANKLINE>
    p "e" 1 1 "e" { "out" "in" } 0
    t "o" 1 "" { 0, 2 }
    p "r" 2 1 "r" { "fight" "share" } 0
    t "f" 2 "" { -1, -1 }
    t "s" 3 "" { 1, 1/2 }
    """
    t = tree.expanded()
    numbers: dict[str, int] = {}
    per_player: dict[str, int] = {}
    lines = [
        f"EFG 2 R {_quote(t.title)} {{ {' '.join(_quote(p) for p in t.players)} }}",
        _quote(t.description if comment is None else comment, label=False),
        "",
    ]
    chance_sets = outcome = 0
    for n in t.nodes:
        if isinstance(n, Decision):
            h = n.infoset
            if h not in numbers:
                per_player[n.player] = per_player.get(n.player, 0) + 1
                numbers[h] = per_player[n.player]
            moves = " ".join(_quote(a) for a in n.labels())
            lines.append(f"p {_quote(n.name)} {t.players.index(n.player) + 1} {numbers[h]} {_quote(h)} {{ {moves} }} 0")
        elif isinstance(n, Chance):
            chance_sets += 1
            moves = " ".join(f"{_quote(a)} {_number(p)}" for a, p, _ in n.moves)
            lines.append(f"c {_quote(n.name)} {chance_sets} \"\" {{ {moves} }} 0")
        else:
            outcome += 1
            pay = ", ".join(_number(v) for v in n.payoffs)
            lines.append(f"t {_quote(n.name)} {outcome} {_quote(n.label)} {{ {pay} }}")
    return "\n".join(lines) + "\n"
