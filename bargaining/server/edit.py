"""A game edited in the explorer's page: its TOML text checked, and a game table written as TOML.

The page edits a game as the text of a game file. :func:`read_game_text` reads
that text with the same reader and checks as a game file on disk
(:func:`bargaining.io.strategic.model_from_dict`: tables, keys, shapes, every
formula through the whitelist parser of :mod:`bargaining.formula`; nothing is
ever evaluated by Python), plus the limits of a request: the text is at most
:data:`MAX_TEXT` characters, every number at most 15 digits each side of the
point (as a slider value), at most :data:`MAX_STRATEGIES` strategies a player,
and no ``extends`` (an edited game stands alone: it names no file on the
server). The server keeps nothing: the edited game lives in the page and its
address, and is sent with each request.

:func:`game_text` writes a game table (the merged table of a file with
``extends``) as TOML, so that the page can start from any file of the folder.
It writes plain TOML: strings as basic strings, tables as ``[name]`` sections
of inline tables; comments of the original file are not kept.
"""

from __future__ import annotations

import json
import re
import tomllib
from decimal import Decimal
from typing import Any, Mapping

from bargaining.errors import InputError
from bargaining.model import Model

__all__ = ["read_game_text", "game_text", "MAX_TEXT", "MAX_STRATEGIES", "SOURCE"]

#: Longest game text accepted, in characters.
MAX_TEXT = 20_000

#: Most strategies a player of an edited game may have (exact support enumeration grows fast).
MAX_STRATEGIES = 6

#: The name an edited game's errors carry.
SOURCE = "edited game"

_BARE = re.compile(r"[A-Za-z0-9_-]+")
_CONTROL = re.compile(r"[\x00-\x09\x0b-\x1f\x7f]")


def _check_numbers(value: Any, where: str) -> None:
    if isinstance(value, bool):
        return
    if isinstance(value, Decimal):
        if not value.is_finite():
            raise InputError(f"expected a finite number, found {value}", source=SOURCE, where=where)
        digits, exponent = len(value.as_tuple().digits), value.as_tuple().exponent
        if digits > 30 or exponent > 15 or exponent < -15 or digits + exponent > 15:
            raise InputError(f"a number of at most 15 digits each side of the point, found {value}",
                             source=SOURCE, where=where)
    elif isinstance(value, int):
        if abs(value) >= 10**15:
            raise InputError("a whole number of at most 15 digits", source=SOURCE, where=where)
    elif isinstance(value, dict):
        for k, v in value.items():
            _check_numbers(v, f"{where}.{k}" if where else str(k))
    elif isinstance(value, list):
        for k, v in enumerate(value):
            _check_numbers(v, f"{where}[{k}]")


def read_game_text(text: Any) -> Model:
    """The model of a game file's text, checked as a file on disk is, within a request's limits.

    Examples
    --------
    >>> m = read_game_text(game_text({
    ...     "title": "Stag hunt", "players": ["A", "B"],
    ...     "strategies": {"A": ["stag", "hare"], "B": ["stag", "hare"]},
    ...     "parameters": {"s": {"value": Decimal("4"), "min": 0, "max": 10}},
    ...     "payoffs": {"A": [["s", 0], [3, 3]], "B": [["s", 3], [0, 3]]}}))
    >>> m.title, list(m.parameters)
    ('Stag hunt', ['s'])
    >>> read_game_text('title = "x"\\nextends = "baseline.toml"')
    Traceback (most recent call last):
    ...
    bargaining.errors.InputError: edited game, extends: an edited game stands alone: it cannot extend a file
    >>> read_game_text('title = "x"\\nplayers = ["A", "B"]\\n[strategies]\\nA = ["a"]\\nB = ["b"]\\n'
    ...                '[payoffs]\\nA = [["__import__(1)"]]\\nB = [[0]]')
    Traceback (most recent call last):
    ...
    bargaining.errors.FormulaError: edited game, payoffs.A[0][0] (a, b): function '__import__' is not allowed ...
    """
    from bargaining.io.strategic import model_from_dict

    if not isinstance(text, str):
        raise InputError(f"expected the text of a game file, found {type(text).__name__}", where="game")
    if len(text) > MAX_TEXT:
        raise InputError(f"a game text of at most {MAX_TEXT} characters, found {len(text)}", where="game")
    try:
        data = tomllib.loads(text, parse_float=Decimal)
        _check_numbers(data, "")
    except tomllib.TOMLDecodeError as err:
        raise InputError(f"malformed TOML: {err}", source=SOURCE) from None
    except RecursionError:
        raise InputError("arrays or tables nested too deep", source=SOURCE) from None
    if "extends" in data:
        raise InputError("an edited game stands alone: it cannot extend a file", source=SOURCE, where="extends")
    if "tree" in data:
        raise InputError("the explorer edits strategic-form games; a [tree] is solved with 'solve'",
                         source=SOURCE, where="tree")
    _check_numbers(data, "")
    strategies = data.get("strategies")
    if isinstance(strategies, dict):
        for player, names in strategies.items():
            if isinstance(names, list) and len(names) > MAX_STRATEGIES:
                raise InputError(f"at most {MAX_STRATEGIES} strategies a player in the explorer, found {len(names)}",
                                 source=SOURCE, where=f"strategies.{player}")
    return model_from_dict(data, source=SOURCE)


def _basic(text: str) -> str:
    """A TOML basic string: JSON's escapes, and DEL too (TOML refuses it raw; JSON lets it through)."""
    return json.dumps(text, ensure_ascii=False).replace("\x7f", "\\u007f")


def _key(name: str) -> str:
    return name if _BARE.fullmatch(name) else _basic(name)


def _value(v: Any) -> str:
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, Decimal):
        text = str(v)
        return text if any(c in text for c in ".eE") else text + ".0"
    if isinstance(v, int):
        return str(v)
    if isinstance(v, str):
        if "\n" in v and '"""' not in v and "\\" not in v and not _CONTROL.search(v):
            return '"""\n' + v + '"""'  # a paragraph stays readable in the page's editor
        return _basic(v)
    if isinstance(v, list):
        return "[" + ", ".join(_value(x) for x in v) + "]"
    if isinstance(v, dict):
        return "{ " + ", ".join(f"{_key(k)} = {_value(x)}" for k, x in v.items()) + " }"
    raise InputError(f"cannot write {type(v).__name__} as TOML")


def game_text(table: Mapping[str, Any]) -> str:
    """A game table as the text of a game file (plain values first, then one ``[section]`` per table).

    Matrices are written one row a line.

    Examples
    --------
    >>> print(game_text({"title": "Chicken", "players": ["A", "B"],
    ...                  "payoffs": {"A": [[0, -1], [1, -10]]}, "parameters": {"k": Decimal("0.5")}}))
    title = "Chicken"
    players = ["A", "B"]
    <BLANKLINE>
    [payoffs]
    A = [
      [0, -1],
      [1, -10],
    ]
    <BLANKLINE>
    [parameters]
    k = 0.5
    <BLANKLINE>
    """
    lines = [f"{_key(k)} = {_value(v)}" for k, v in table.items() if not isinstance(v, dict)]
    for name, section in table.items():
        if not isinstance(section, dict):
            continue
        lines += ["", f"[{_key(name)}]"]
        for k, v in section.items():
            if isinstance(v, list) and v and all(isinstance(row, list) for row in v):
                lines += [f"{_key(k)} = ["] + [f"  {_value(row)}," for row in v] + ["]"]
            else:
                lines.append(f"{_key(k)} = {_value(v)}")
    return "\n".join(lines) + "\n"
