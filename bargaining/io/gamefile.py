"""Reading game files (TOML) into a :class:`~bargaining.model.Model`.

This is the only module that reads game files. It checks everything before
anything is evaluated: the TOML syntax, the tables and keys, matrix shapes,
every formula against the whitelist grammar of :mod:`bargaining.formula`, and
every name a formula uses. A problem raises :class:`~bargaining.errors.InputError`
naming the file and the place (``payoffs.China[2][1]``).

``extends = "baseline.toml"`` makes a file inherit everything from its parent
(relative to the child's folder) and override what it states. A parameter given
in the short form (``T = 1.0``) keeps the parent's range and label; a table
(``T = {value = 1.0, max = 2}``) overrides the keys it gives.
"""

from __future__ import annotations

import keyword
import tomllib
from decimal import Decimal
from fractions import Fraction
from pathlib import Path
from typing import Any, Mapping

from bargaining.errors import FormulaError, InputError
from bargaining.formula import FUNCTIONS, Expr, Num, parse
from bargaining.model import Model, Parameter
from bargaining.numbers import to_fraction

__all__ = ["load_model", "model_from_dict", "read_toml", "game_files", "is_tree_file"]

_TOP_KEYS = {
    "title": "the game's title (required)",
    "description": "a paragraph shown by solve",
    "expectation": "what the source study expects",
    "players": "the two players, row player first",
    "extends": "a parent game file",
    "strategies": "one list of strategies per player",
    "parameters": "the parameters",
    "terms": "named sub-expressions",
    "payoffs": "one matrix per player",
    "bargaining": "the bargaining problem over treaty terms",
    "outcomes": "a plain-language reading of pure profiles",
}
_PARAM_KEYS = {"value", "min", "max", "label"}
_MAX_EXTENDS = 32


def read_toml(path: str | Path) -> dict:
    """Read a TOML file with decimals kept exact (``0.1`` stays ``Decimal('0.1')``)."""
    path = Path(path)
    try:
        with path.open("rb") as f:
            return tomllib.load(f, parse_float=Decimal)
    except FileNotFoundError:
        raise InputError("file not found", source=str(path)) from None
    except IsADirectoryError:
        raise InputError("expected a game file, found a folder", source=str(path)) from None
    except tomllib.TOMLDecodeError as err:
        raise InputError(f"malformed TOML: {err}", source=str(path)) from None
    except UnicodeDecodeError:
        raise InputError("not a text file (UTF-8 expected)", source=str(path)) from None


def load_model(path: str | Path, overrides: Mapping[str, Any] | None = None):
    """Read a game file, following ``extends``, and apply ``--set`` overrides.

    A ``.nfg`` file (Gambit's strategic form) is read too, as a game without
    parameters. A file with a ``[tree]`` table, or a ``.efg`` file (Gambit's
    extensive form), gives a :class:`~bargaining.tree.TreeModel`
    (:mod:`bargaining.io.treefile`).

    Parameters
    ----------
    path : str or Path
        The game file.
    overrides : Mapping[str, value], optional
        Parameter values for this run (``--set NAME=VALUE``).

    Examples
    --------
    >>> m = load_model("games/baseline.toml")
    >>> m.players, m.strategies[0]
    (('Russia', 'China'), ('ally', 'align', 'hedge'))
    """
    path = Path(path)
    if path.suffix.lower() == ".nfg":
        from bargaining.io.nfg import read_nfg  # Gambit's strategic-form format

        model = read_nfg(path)
        return model.with_values(overrides) if overrides else model
    if path.suffix.lower() == ".efg":
        from bargaining.io.efg import read_efg_model  # Gambit's extensive-form format

        model = read_efg_model(path)
        return model.with_values(overrides) if overrides else model
    merged, chain = _resolve(path, ())
    parent_values = None
    if len(chain) > 1:
        parent_merged, _ = _resolve(chain[1], ())
        parent_values = {
            name: spec["value"] for name, spec in _parameters(parent_merged, str(chain[1])).items()
        }
    if "tree" in merged:  # a game in time: its reader lives in io/treefile.py and reuses this module's helpers
        import sys

        from bargaining.io.treefile import tree_model_from_dict

        def build(data, **kw):
            return tree_model_from_dict(data, gamefile=sys.modules[__name__], **kw)
    else:
        build = model_from_dict
    model = build(
        merged,
        source=str(path),
        parent=str(chain[1]) if len(chain) > 1 else None,
        parent_values=parent_values,
    )
    if overrides:
        model = model.with_values(overrides)
    return model


def _resolve(path: Path, seen: tuple[Path, ...]) -> tuple[dict, tuple[Path, ...]]:
    """The file's table merged over its ancestors', and the chain of files (this file first)."""
    real = path.resolve()
    if real in seen:
        cycle = " -> ".join(str(p) for p in seen + (real,))
        raise InputError(f"'extends' forms a cycle: {cycle}", source=str(path), where="extends")
    if len(seen) > _MAX_EXTENDS:
        raise InputError(f"'extends' chain longer than {_MAX_EXTENDS} files", source=str(path))
    data = read_toml(path)
    parent_name = data.get("extends")
    if parent_name is None:
        return data, (path,)
    if not isinstance(parent_name, str) or not parent_name.strip():
        raise InputError("expected the name of a parent game file", source=str(path), where="extends")
    parent_path = path.parent / parent_name
    if not parent_path.is_file():
        raise InputError(f"parent game file {str(parent_path)!r} not found", source=str(path), where="extends")
    parent, chain = _resolve(parent_path, seen + (real,))
    return _merge(parent, data), (path,) + chain


def _merge(parent: dict, child: dict) -> dict:
    out = dict(parent)
    for key, value in child.items():
        if key == "extends":
            continue
        if (
            key in ("parameters", "terms", "strategies", "payoffs", "bargaining")
            and isinstance(value, dict)
            and isinstance(parent.get(key), dict)
        ):
            table = dict(parent[key])
            for name, item in value.items():
                if key == "parameters" and isinstance(item, dict) and isinstance(table.get(name), dict):
                    table[name] = {**table[name], **item}
                elif key == "parameters" and not isinstance(item, dict) and isinstance(table.get(name), dict):
                    table[name] = {**table[name], "value": item}
                else:
                    table[name] = item
            out[key] = table
        else:
            out[key] = value
    return out


# ---------------------------------------------------------------------- validation


def model_from_dict(
    data: Mapping[str, Any],
    *,
    source: str = "<game>",
    parent: str | None = None,
    parent_values: Mapping[str, Fraction] | None = None,
) -> Model:
    """Check a game table (already merged over its parents) and build the model."""

    def fail(message, where=None):
        raise InputError(message, source=source, where=where)

    for key in data:
        if key not in _TOP_KEYS:
            known = ", ".join(_TOP_KEYS)
            fail(f"unknown key {key!r}; a game file has: {known}", key)

    title = data.get("title")
    if not isinstance(title, str) or not title.strip():
        fail("a game file needs a title (a non-empty string)", "title")
    description = _text(data, "description", fail)
    expectation = _text(data, "expectation", fail)

    players = data.get("players")
    if not isinstance(players, list) or len(players) != 2 or not all(isinstance(p, str) and p for p in players):
        fail(f"expected two player names, such as [\"Russia\", \"China\"], found {players!r}", "players")
    if players[0] == players[1]:
        fail("the two players need different names", "players")

    strategies_table = _table(data, "strategies", fail, required=True)
    for key in strategies_table:
        if key not in players:
            fail(f"{key!r} is not a player; players are {players[0]}, {players[1]}", f"strategies.{key}")
    strategies = []
    for p in players:
        s = strategies_table.get(p)
        if not isinstance(s, list) or not s or not all(isinstance(x, str) and x for x in s):
            fail(f"expected a non-empty list of strategy names for {p}", f"strategies.{p}")
        if len(set(s)) != len(s):
            fail(f"strategy names repeat for {p}: {s}", f"strategies.{p}")
        strategies.append(tuple(s))

    params = _parameters(data, source)
    parameters = {name: Parameter(name=name, **spec) for name, spec in params.items()}

    terms_table = _table(data, "terms", fail)
    terms: dict[str, Expr] = {}
    term_labels: dict[str, str] = {}
    for name, raw in terms_table.items():
        where = f"terms.{name}"
        _check_name(name, where, fail)
        if name in parameters:
            fail(f"term {name!r} has the name of a parameter", where)
        if isinstance(raw, dict):
            extra = set(raw) - {"formula", "label"}
            if extra or "formula" not in raw:
                fail("a term is a formula, or a table with formula and label", where)
            label = raw.get("label", "")
            if not isinstance(label, str):
                fail("expected a string", f"{where}.label")
            if label:
                term_labels[name] = label
            raw = raw["formula"]
        terms[name] = _formula(raw, source, where)
    ordered_terms = _order_terms(terms, set(parameters), source)

    payoffs_table = _table(data, "payoffs", fail, required=True)
    for key in payoffs_table:
        if key not in players:
            fail(f"{key!r} is not a player; players are {players[0]}, {players[1]}", f"payoffs.{key}")
    m, n = len(strategies[0]), len(strategies[1])
    known = set(parameters) | set(terms)
    payoffs = []
    for p in players:
        matrix = payoffs_table.get(p)
        where = f"payoffs.{p}"
        if matrix is None:
            fail(f"missing the payoff matrix of {p}", where)
        if not isinstance(matrix, list) or len(matrix) != m:
            found = f"{len(matrix)} rows" if isinstance(matrix, list) else type(matrix).__name__
            fail(f"expected {m} rows (one per strategy of {players[0]}), found {found}", where)
        rows = []
        for i, row in enumerate(matrix):
            if not isinstance(row, list) or len(row) != n:
                found = f"{len(row)} entries" if isinstance(row, list) else type(row).__name__
                fail(f"expected {n} entries (one per strategy of {players[1]}), found {found}", f"{where}[{i}]")
            cells = []
            for j, raw in enumerate(row):
                cell_where = f"{where}[{i}][{j}] ({strategies[0][i]}, {strategies[1][j]})"
                expr = _formula(raw, source, cell_where)
                unknown = expr.names() - known
                if unknown:
                    fail(_unknown_message(sorted(unknown)[0], known), cell_where)
                cells.append(expr)
            rows.append(tuple(cells))
        payoffs.append(tuple(rows))

    bargaining = data.get("bargaining")
    if bargaining is not None and not isinstance(bargaining, dict):
        fail("expected a table", "bargaining")

    outcomes = {}
    for key, text in _table(data, "outcomes", fail).items():
        where = f"outcomes.{key!r}"
        profile = tuple(part.strip() for part in key.split(","))
        if len(profile) != 2 or profile[0] not in strategies[0] or profile[1] not in strategies[1]:
            fail(
                f"expected a profile such as \"{strategies[0][0]}, {strategies[1][0]}\" "
                f"({players[0]}'s strategy first), found {key!r}",
                where,
            )
        if not isinstance(text, str) or not text.strip():
            fail("expected a non-empty string", where)
        outcomes[profile] = text.strip()

    return Model(
        title=title.strip(),
        description=description,
        expectation=expectation,
        players=(players[0], players[1]),
        strategies=(strategies[0], strategies[1]),
        parameters=parameters,
        terms=ordered_terms,
        payoffs=(payoffs[0], payoffs[1]),
        source=source,
        parent=parent,
        parent_values=parent_values,
        bargaining=bargaining,
        outcomes=outcomes,
        term_labels=term_labels,
    )


def _text(data, key, fail) -> str:
    value = data.get(key, "")
    if not isinstance(value, str):
        fail(f"expected a string, found {type(value).__name__}", key)
    # lines of a paragraph join; a blank line starts a new paragraph
    paragraphs = [" ".join(block.split()) for block in value.strip().split("\n\n")]
    return "\n\n".join(p for p in paragraphs if p)


def _table(data, key, fail, required=False) -> dict:
    value = data.get(key)
    if value is None:
        if required:
            fail(f"missing the [{key}] table", key)
        return {}
    if not isinstance(value, dict):
        fail(f"expected a table, found {type(value).__name__}", key)
    return value


def _check_name(name: str, where: str, fail) -> None:
    if not name.isidentifier() or not name.isascii():
        fail(f"{name!r} is not a valid name (letters, digits and _, not starting with a digit)", where)
    if name in FUNCTIONS:
        fail(f"{name!r} is the name of a function", where)
    if keyword.iskeyword(name):
        fail(f"{name!r} is a reserved word; choose another name (e.g. {name}_)", where)


def _parameters(data: Mapping[str, Any], source: str) -> dict[str, dict]:
    def fail(message, where=None):
        raise InputError(message, source=source, where=where)

    table = _table(data, "parameters", fail)
    out = {}
    for name, spec in table.items():
        where = f"parameters.{name}"
        _check_name(name, where, fail)
        if not isinstance(spec, dict):
            spec = {"value": spec}
        extra = set(spec) - _PARAM_KEYS
        if extra:
            fail(f"unknown key {sorted(extra)[0]!r}; a parameter has value, min, max, label", where)
        if "value" not in spec:
            fail("a parameter needs a value", where)
        value = _number(spec["value"], source, f"{where}.value")
        lo = _number(spec["min"], source, f"{where}.min") if "min" in spec else None
        hi = _number(spec["max"], source, f"{where}.max") if "max" in spec else None
        label = spec.get("label", "")
        if not isinstance(label, str):
            fail("expected a string", f"{where}.label")
        if lo is not None and hi is not None and lo > hi:
            fail(f"min ({lo}) is larger than max ({hi})", where)
        param = Parameter(name=name, value=value, min=lo, max=hi, label=label)
        param.check(value, source=source, where=where)
        out[name] = {"value": value, "min": lo, "max": hi, "label": label}
    return out


def _number(raw, source, where) -> Fraction:
    """A parameter value: a number, or a string holding an exact number or a constant formula."""
    if isinstance(raw, str):
        expr = _formula(raw, source, where)
        if expr.names():
            raise InputError(
                f"a parameter value must be a number, found names {sorted(expr.names())}", source=source, where=where
            )
        try:
            return to_fraction(expr.evaluate({}), where=where)
        except FormulaError as err:
            raise err.located(source=source, where=where) from None
    try:
        return to_fraction(raw)
    except InputError as err:
        raise err.located(source=source, where=where) from None


def _formula(raw, source: str, where: str) -> Expr:
    if isinstance(raw, bool):
        raise InputError(
            f"expected a number or a formula, found a boolean ({str(raw).lower()})", source=source, where=where
        )
    if isinstance(raw, (int, Decimal)):
        try:
            return Num(to_fraction(raw))
        except InputError as err:
            raise err.located(source=source, where=where) from None
    if not isinstance(raw, str):
        raise InputError(f"expected a number or a formula, found {type(raw).__name__}", source=source, where=where)
    try:
        return parse(raw)
    except FormulaError as err:
        raise err.located(source=source, where=where) from None


def _unknown_message(name: str, known: set[str]) -> str:
    import difflib

    close = difflib.get_close_matches(name, sorted(known), n=1)
    hint = f" (did you mean {close[0]!r}?)" if close else ""
    return f"unknown name {name!r}{hint}; known names: {', '.join(sorted(known)) or 'none'}"


def _order_terms(terms: dict[str, Expr], parameters: set[str], source: str) -> dict[str, Expr]:
    """Terms in an order where each comes after the terms it uses; unknown names and cycles are errors."""
    known = parameters | set(terms)
    for name, expr in terms.items():
        unknown = expr.names() - known
        if unknown:
            raise InputError(_unknown_message(sorted(unknown)[0], known), source=source, where=f"terms.{name}")
    ordered: dict[str, Expr] = {}
    state: dict[str, int] = {}

    def visit(name, path):
        if state.get(name) == 2:
            return
        if state.get(name) == 1:
            cycle = " -> ".join(path[path.index(name):] + [name])
            raise InputError(f"terms refer to each other in a cycle: {cycle}", source=source, where=f"terms.{name}")
        state[name] = 1
        for dep in sorted(terms[name].names() & set(terms)):
            visit(dep, path + [name])
        state[name] = 2
        ordered[name] = terms[name]

    for name in terms:
        visit(name, [])
    return ordered


def is_tree_file(path: str | Path) -> bool:
    """Whether a game file describes a game tree: a ``.efg`` file, or a ``[tree]`` in it or a parent.

    A file that cannot be read is not one (reading it reports the problem).
    """
    path = Path(path)
    if path.suffix.lower() == ".efg":
        return True
    try:
        return "tree" in _resolve(path, ())[0]
    except InputError:
        return False


def game_files(
    folder: str | Path, suffixes: tuple[str, ...] = (".toml",), *, require: bool = True, trees: bool = True
) -> list[Path]:
    """The game files directly in ``folder`` (by default ``*.toml``), sorted by name.

    Hidden files (a name starting with a dot) are left out. With ``require``,
    a missing folder or a folder without game files is an InputError. With
    ``trees=False`` game trees (:func:`is_tree_file`) are left out: a folder's
    scenarios are its strategic-form files.
    """
    path = Path(folder)
    if not path.exists():
        raise InputError("folder not found", source=str(folder))
    if not path.is_dir():
        raise InputError("expected a folder of game files, found a file", source=str(folder))
    files = sorted(
        p for p in path.iterdir() if p.is_file() and p.suffix.lower() in suffixes and not p.name.startswith(".")
    )
    if not trees:
        files = [p for p in files if not is_tree_file(p)]
    if not files and require:
        kinds = ", ".join(f"*{s}" for s in suffixes)
        raise InputError(f"no game files ({kinds}) in this folder", source=str(folder))
    return files
