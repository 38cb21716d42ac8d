r"""Gambit's strategic-form file format (``.nfg``): reading and writing games of any number of players.

Gambit (McKelvey, McLennan and Turocy, *Gambit: Software Tools for Game
Theory*) and Game Theory Explorer exchange strategic-form games as ``.nfg``
files. Two versions of the format exist; both are read here:

*payoff version*::

    NFG 1 R "Selten (IJGT, 75), Figure 2, normal form"
    { "Player 1" "Player 2" } { 3 2 }

    1 1 0 2 0 2 1 1 0 3 2 0

*outcome version*::

    NFG 1 R "Selten (IJGT, 75), Figure 2, normal form" { "Player 1" "Player 2" }
    { { "1" "2" "3" } { "1" "2" } }
    ""
    { { "" 1, 1 } { "" 0, 2 } { "" 0, 2 } { "" 1, 1 } { "" 0, 3 } { "" 2, 0 } }
    1 2 3 4 5 6

The prologue is ``NFG 1 R``, the title, the players (two or more), then
either the number of strategies of each player or their names, and an
optional comment. The body lists the profiles in Gambit's order: **the first
player's strategy changes fastest** (profile ``(i, j)`` of a bimatrix game is
entry ``i + m * j``; profile ``(a_1, ..., a_n)`` is entry
``a_1 + s_1 (a_2 + s_2 (a_3 + ...))``). In the payoff version each profile
contributes one payoff per player; in the outcome version it is the number of
an outcome (from 1, in the order the outcomes are listed; 0 is the null
outcome, zero for everyone).
Whitespace is not significant; text is in double quotes, with ``\"`` for a
quote. Numbers are integers, decimals or fractions (``3/2``) and are read
exactly.

Written files have strategy names and exact rational payoffs, in the payoff
version (the default) or the outcome version, one outcome per profile (the
form Gambit 16 itself writes), named by the profile's reading where the game
has one.

Reference: the Gambit documentation, "Game representation formats",
sections "The strategic game (.nfg) file format, payoff version" and
"..., outcome version".
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path

from bargaining.errors import InputError
from bargaining.formula import Num
from bargaining.game import Game
from bargaining.model import Model

__all__ = ["read_nfg", "parse_nfg", "write_nfg", "gambit_order", "LAYOUTS"]

#: The two versions of the format :func:`write_nfg` writes.
LAYOUTS = ("payoffs", "outcomes")

_NUMBER = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d{1,4})?$|[+-]?\d+/\d+$")
_INDEX = re.compile(r"\d+$")


@dataclass(frozen=True)
class _Token:
    kind: str  # "{", "}", ",", "string" or "word"
    text: str
    line: int
    column: int


def _tokens(text: str, source: str) -> list[_Token]:
    out = []
    i, line, start = 0, 1, 0
    n = len(text)
    while i < n:
        ch = text[i]
        if ch == "\n":
            line, start = line + 1, i + 1
            i += 1
        elif ch.isspace():
            i += 1
        elif ch in "{},":
            out.append(_Token(ch, ch, line, i - start + 1))
            i += 1
        elif ch == '"':
            col, first_line = i - start + 1, line
            chars = []
            i += 1
            while True:
                if i >= n:
                    raise InputError(
                        "text in double quotes is never closed", source=source, where=f"line {first_line}, column {col}"
                    )
                ch = text[i]
                if ch == "\\" and i + 1 < n:
                    chars.append(text[i + 1])
                    i += 2
                    continue
                if ch == '"':
                    i += 1
                    break
                if ch == "\n":
                    line, start = line + 1, i + 1
                chars.append(ch)
                i += 1
            out.append(_Token("string", "".join(chars), first_line, col))
        else:
            col = i - start + 1
            j = i
            while j < n and not text[j].isspace() and text[j] not in '{},"':
                j += 1
            out.append(_Token("word", text[i:j], line, col))
            i = j
    return out


class _Reader:
    def __init__(self, tokens: list[_Token], source: str):
        self.tokens = tokens
        self.pos = 0
        self.source = source

    def fail(self, message: str, token: _Token | None = None):
        token = token or self.peek()
        where = "end of file" if token is None else f"line {token.line}, column {token.column}"
        raise InputError(message, source=self.source, where=where)

    def peek(self) -> _Token | None:
        return self.tokens[self.pos] if self.pos < len(self.tokens) else None

    def next(self, what: str) -> _Token:
        token = self.peek()
        if token is None:
            self.fail(f"expected {what}, found the end of the file")
        self.pos += 1
        return token

    def expect(self, kind: str, what: str) -> _Token:
        token = self.next(what)
        if token.kind != kind:
            self.pos -= 1
            self.fail(f"expected {what}, found {_show(token)}")
        return token

    def at(self, kind: str) -> bool:
        token = self.peek()
        return token is not None and token.kind == kind

    def strings(self, what: str) -> list[str]:
        """``{ "a" "b" ... }``"""
        self.expect("{", f"'{{' opening the list of {what}")
        out = []
        while not self.at("}"):
            out.append(self.expect("string", f"{what[:-1]} name in double quotes, or '}}'").text)
        self.pos += 1
        return out

    def number(self, what: str) -> Fraction:
        token = self.next(what)
        if token.kind != "word" or not _NUMBER.match(token.text):
            self.pos -= 1
            self.fail(f"expected {what} (an integer, decimal or fraction such as 3/2), found {_show(token)}")
        return Fraction(token.text)

    def index(self, what: str) -> int:
        token = self.next(what)
        if token.kind != "word" or not _INDEX.match(token.text):
            self.pos -= 1
            self.fail(f"expected {what} (a whole number), found {_show(token)}")
        return int(token.text)


def _show(token: _Token) -> str:
    return f'"{token.text}"' if token.kind == "string" else repr(token.text)


def parse_nfg(text: str, source: str = "<nfg>") -> Model:
    """Read a game of two or more players in Gambit's ``.nfg`` format (either version) from text.

    Parameters
    ----------
    text : str
        The file's contents.
    source : str
        Where the text came from, for error messages.

    Returns
    -------
    Model
        A model without parameters: its payoffs are exact numbers, its
        description the file's comment.

    Raises
    ------
    InputError
        Naming the source and the line and column of the problem.

    Examples
    --------
    The payoff version of Gambit's example ``e02.nfg``:

    >>> m = parse_nfg('NFG 1 R "Selten (IJGT, 75), Figure 2" { "Player 1" "Player 2" } { 3 2 } '
    ...               '1 1 0 2 0 2 1 1 0 3 2 0')
    >>> g = m.game()
    >>> g.strategies, [[str(v) for v in row] for row in g.A]
    ((('1', '2', '3'), ('1', '2')), [['1', '1'], ['0', '0'], ['0', '2']])

    Three players, the outcome version:

    >>> m = parse_nfg('NFG 1 R "" { "A" "B" "C" } { 1 1 2 } "" '
    ...               '{ { "x" 1, 2, 3 } { "y" 4, 5, 6 } } 2 1')
    >>> m.game().payoff(2, 0, 0, 0), m.game().payoff(2, 0, 0, 1)
    (Fraction(6, 1), Fraction(3, 1))
    """
    r = _Reader(_tokens(text, source), source)
    head = r.next("'NFG'")
    if head.kind != "word" or head.text != "NFG":
        r.pos -= 1
        r.fail(f"expected 'NFG' at the start of a Gambit strategic-form file, found {_show(head)}")
    version = r.next("the version number 1")
    if version.text != "1":
        r.pos -= 1
        r.fail(f"expected version 1 (the only version of the format), found {_show(version)}")
    kind = r.next("'R'")
    if kind.kind != "word" or kind.text not in ("R", "D"):
        r.pos -= 1
        r.fail(f"expected 'R' after 'NFG 1', found {_show(kind)}")
    title = r.expect("string", "the game's title in double quotes").text

    players_token = r.peek()
    players = r.strings("players")
    if len(players) < 2:
        r.fail(f"expected a game of two or more players, found {len(players)}", players_token)
    players = [p.strip() or f"Player {k + 1}" for k, p in enumerate(players)]
    repeated = [p for k, p in enumerate(players) if p in players[:k]]
    if repeated:
        r.fail(f"the players need different names, found {repeated[0]!r} twice", players_token)
    n = len(players)

    strategies_token = r.expect("{", "'{' opening the strategies (their numbers or their names)")
    if r.at("{"):
        names = []
        while r.at("{"):
            names.append(r.strings("strategies"))
        r.expect("}", "'}' closing the list of strategies")
    else:
        names = []
        while not r.at("}"):
            count_token = r.peek()
            count = r.index("the number of strategies of a player")
            if count < 1:
                r.fail("a player needs at least one strategy", count_token)
            if count > 10_000:
                r.fail(f"at most 10000 strategies per player, found {count}", count_token)
            names.append([str(k + 1) for k in range(count)])
        r.pos += 1
    if len(names) != n:
        r.fail(f"expected the strategies of {n} players, found {len(names)}", strategies_token)
    for p, s in enumerate(names):
        if not s:
            r.fail(f"{players[p]} has no strategies", strategies_token)
    strategies = tuple(_unique(s) for s in names)
    shape = tuple(len(s) for s in strategies)
    total = 1
    for k in shape:
        total *= k
    if total > 1_000_000:
        r.fail(f"at most 1000000 profiles, found {total}", strategies_token)

    comment = r.next("a comment or the payoffs").text if r.at("string") else ""
    values: dict[tuple[int, ...], list[Fraction]] = {}
    order = gambit_order(shape)
    if r.at("{"):  # outcome version
        r.pos += 1
        outcomes = []
        while r.at("{"):
            r.pos += 1
            r.expect("string", "the outcome's name in double quotes")
            pay = []
            while not r.at("}"):
                if r.at(","):
                    r.pos += 1
                    continue
                pay.append(r.number("a payoff"))
            close = r.next("'}'")
            if len(pay) != n:
                r.fail(f"expected {n} payoffs in outcome {len(outcomes) + 1} (one per player), found {len(pay)}", close)
            outcomes.append(pay)
        r.expect("}", "'{' opening an outcome, or '}' closing the list of outcomes")
        for k, prof in enumerate(order):
            token = r.peek()
            o = r.index(f"the outcome at {_profile(strategies, prof)}, profile {k + 1} of {total}")
            if o > len(outcomes):
                r.fail(
                    f"outcome {o} does not exist: the file lists {len(outcomes)} outcomes (0 is the null outcome)",
                    token,
                )
            values[prof] = list(outcomes[o - 1]) if o else [Fraction(0)] * n
    else:  # payoff version
        for k, prof in enumerate(order):
            at = f"{_profile(strategies, prof)}, profile {k + 1} of {total}"
            values[prof] = [r.number(f"{players[p]}'s payoff at {at}") for p in range(n)]
    extra = r.peek()
    if extra is not None:
        r.fail(f"expected the end of the file after {total} profiles, found {_show(extra)}")

    def nest(p, prefix):
        if len(prefix) == n:
            return Num(values[prefix][p])
        return tuple(nest(p, prefix + (k,)) for k in range(shape[len(prefix)]))

    return Model(
        title=title.strip() or Path(source).stem,
        players=tuple(players),
        strategies=strategies,
        parameters={},
        terms={},
        payoffs=tuple(nest(p, ()) for p in range(n)),
        description=_paragraphs(comment),
        source=source,
        layout="matrices" if n == 2 else "profiles",
    )


def gambit_order(shape: tuple[int, ...]) -> list[tuple[int, ...]]:
    """The pure profiles in the order of an ``.nfg`` body: the first player's strategy changes fastest.

    Examples
    --------
    >>> gambit_order((2, 3))[:4]
    [(0, 0), (1, 0), (0, 1), (1, 1)]
    """
    return [prof[::-1] for prof in itertools.product(*(range(s) for s in reversed(shape)))]


def _profile(strategies, prof) -> str:
    return "(" + ", ".join(strategies[p][k] for p, k in enumerate(prof)) + ")"


def _paragraphs(text: str) -> str:
    """Lines of a paragraph joined, paragraphs kept apart by a blank line (as game files read)."""
    blocks = (" ".join(block.split()) for block in re.split(r"\n\s*\n", text.strip()))
    return "\n\n".join(b for b in blocks if b)


def _unique(names: list[str]) -> tuple[str, ...]:
    """Strategy names as the rest of the package needs them: non-empty and distinct."""
    out: list[str] = []
    for k, name in enumerate(names):
        name = name.strip() or str(k + 1)
        if name in out:
            name = f"{name} ({k + 1})"
        out.append(name)
    return tuple(out)


def read_nfg(path: str | Path) -> Model:
    """Read a ``.nfg`` file (see :func:`parse_nfg`).

    Examples
    --------
    >>> import tempfile, os
    >>> path = os.path.join(tempfile.mkdtemp(), "pd.nfg")
    >>> _ = open(path, "w").write('NFG 1 R "PD" { "Row" "Col" } { 2 2 } 3 3 5 0 0 5 1 1')
    >>> read_nfg(path).game().A
    ((Fraction(3, 1), Fraction(0, 1)), (Fraction(5, 1), Fraction(1, 1)))
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
    return parse_nfg(text, str(path))


#: Characters that NFKD does not take to ASCII, and their ASCII spellings.
_ASCII = {"\u2013": "-", "\u2014": "-", "\u2212": "-", "\u2010": "-", "\u2011": "-", "\u2018": "'", "\u2019": "'",
          "\u201a": "'", "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u00ab": '"', "\u00bb": '"',
          "\u2026": "...", "\u00d7": "x", "\u2192": "->", "\u2264": "<=", "\u2265": ">=", "\u00b7": ".",
          "\u00df": "ss", "\u00e6": "ae", "\u00c6": "AE", "\u0153": "oe", "\u0152": "OE", "\u00f8": "o",
          "\u00d8": "O", "\u0142": "l", "\u0141": "L",
          # Gambit reads a backslash before anything but a quote as part of the text, and doubles it
          "\\": "/"}


def gambit_ascii(text: str, *, label: bool = True) -> str:
    """``text`` as Gambit reads it: printable ASCII only (dashes and curly quotes as their ASCII forms, accented
    letters without their accents, other characters dropped) and no backslash. A ``label`` (a title, a player, a
    strategy, an outcome) is one line with single spaces, as Gambit 16 requires; a comment keeps its lines.

    Examples
    --------
    >>> gambit_ascii("Crisis \u2013 \u201ctalks\u201d in M\u00fcnchen  ")
    'Crisis - "talks" in Munchen'
    >>> gambit_ascii("first\\nsecond", label=False)
    'first\\nsecond'
    """
    import unicodedata

    out = []
    text = text.replace("\r\n", "\n")
    for ch in unicodedata.normalize("NFKD", "".join(_ASCII.get(ch, ch) for ch in text)):
        if ch in "\n\t\r" and not label:
            out.append("\n" if ch != "\t" else " ")
        elif " " <= ch <= "~":
            out.append(ch)
        elif ch in "\n\t\r" or unicodedata.category(ch) == "Zs":
            out.append(" ")
    text = "".join(out)
    if label:
        return " ".join(text.split())
    return "\n".join(line.rstrip() for line in text.split("\n"))


def _quote(text: str, *, label: bool = True) -> str:
    """A quoted text of a Gambit file: :func:`gambit_ascii`, with ``\\"`` for a quote."""
    return '"' + gambit_ascii(text, label=label).replace('"', '\\"') + '"'


def write_nfg(game: Game, comment: str | None = None, layout: str = "payoffs") -> str:
    """The game in Gambit's ``.nfg`` format, with strategy names and exact rationals.

    Parameters
    ----------
    game : Game
        Of two or more players.
    comment : str, optional
        The file's comment field (Gambit shows it as the game's comment);
        by default the game's description, so that reading the file back
        gives the same game.
    layout : str
        ``"payoffs"`` (the payoff version: every profile's payoffs in Gambit's
        order) or ``"outcomes"`` (the outcome version, as Gambit 16 writes:
        one outcome per profile, named by the profile's reading where the game
        has one, then the outcome of each profile).

    Examples
    --------
    >>> g = Game.from_arrays([[3, 0], [5, 1]], [[3, 5], [0, 1]], players=("Row", "Col"),
    ...                      strategies=(("C", "D"), ("C", "D")), title="Prisoner's dilemma")
    >>> print(write_nfg(g), end="")
    NFG 1 R "Prisoner's dilemma" { "Row" "Col" }
    <BLANKLINE>
    { { "C" "D" }
    { "C" "D" }
    }
    ""
    <BLANKLINE>
    3 3 5 0
    0 5 1 1
    >>> print("\\n".join(write_nfg(g, layout="outcomes").splitlines()[6:]))
    {
    { "" 3, 3 }
    { "" 5, 0 }
    { "" 0, 5 }
    { "" 1, 1 }
    }
    1 2 3 4
    """
    if layout not in ("payoffs", "outcomes"):
        raise InputError(f"unknown .nfg layout {layout!r}; layouts: payoffs, outcomes", where="nfg layout")
    shape = game.shape
    lines = [
        f"NFG 1 R {_quote(game.title)} {{ {' '.join(_quote(p) for p in game.players)} }}",
        "",
        "{ " + "\n".join("{ " + " ".join(_quote(s) for s in names) + " }" for names in game.strategies),
        "}",
        _quote(game.description if comment is None else comment, label=False),
        "",
    ]
    order = gambit_order(shape)
    if layout == "outcomes":
        lines.append("{")
        for prof in order:
            pay = ", ".join(str(Fraction(game.payoff(p, *prof))) for p in range(game.n_players))
            lines.append(f"{{ {_quote(game.outcome(prof))} {pay} }}")
        lines.append("}")
        lines.append(" ".join(str(k + 1) for k in range(len(order))))
        return "\n".join(lines) + "\n"
    # one line per profile of the players after the first; the first player's strategy changes fastest
    m = shape[0]
    for start in range(0, len(order), m):
        lines.append(" ".join(
            " ".join(str(Fraction(game.payoff(p, *prof))) for p in range(game.n_players))
            for prof in order[start:start + m]
        ))
    return "\n".join(lines) + "\n"
