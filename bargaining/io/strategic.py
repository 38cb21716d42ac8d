"""The strategic-form table of a game file, checked and built into a :class:`~bargaining.model.Model`.

Payoffs come in one of two layouts. *Matrices* (two players): one matrix per
player, ``China = [[...], [...], [...]]``, rows the first player's strategies.
*Profiles* (any number of players, the only layout for three or more): one row
per pure profile, keyed by the profile's strategies in the order of
``players``, holding one formula per player in that order::

    [payoffs]
    "contain_both, ally, ally" = ["-2*containment", "balancing_treaty_R - ...", "..."]

Every profile must have exactly one row (a missing or repeated profile, or a
row with the wrong number of entries, is an error naming the profile).

:func:`model_from_dict` takes a game table already merged over its parents
(``extends`` is resolved by :mod:`bargaining.io.gamefile`, which reads the
files) and checks everything before anything is evaluated: the tables and
keys, matrix shapes, every formula against the whitelist grammar of
:mod:`bargaining.formula`, and every name a formula uses. A problem raises
:class:`~bargaining.errors.InputError` naming the source and the place
(``payoffs.China[2][1]``). The checks of parameters, terms, names and formulas
are shared with the reader of game trees (:mod:`bargaining.io.treefile`).
"""

from __future__ import annotations

import keyword
from decimal import Decimal
from fractions import Fraction
from typing import Any, Mapping

from bargaining.errors import FormulaError, InputError, did_you_mean
from bargaining.formula import FUNCTIONS, Expr, Num, parse
from bargaining.model import Model, Parameter
from bargaining.numbers import to_fraction

__all__ = [
    "model_from_dict",
    "TOP_KEYS",
    "text_of",
    "table_of",
    "check_name",
    "read_parameters",
    "read_formula",
    "unknown_message",
    "order_terms",
]

TOP_KEYS = {
    "title": "the game's title (required)",
    "description": "a paragraph shown by solve",
    "expectation": "what the source study expects",
    "players": "two or more players; the first is the row player",
    "extends": "a parent game file",
    "strategies": "one list of strategies per player",
    "parameters": "the parameters",
    "terms": "named sub-expressions",
    "payoffs": "one matrix per player (two players), or one row per profile",
    "bargaining": "the bargaining problem over treaty terms",
    "outcomes": "a plain-language reading of pure profiles",
    "uncertainty": "a distribution per parameter (beliefs for outlook, robustness, sensitivity)",
}
PARAM_KEYS = {"value", "min", "max", "label"}

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
        if key not in TOP_KEYS:
            known = ", ".join(TOP_KEYS)
            fail(f"unknown key {key!r}{did_you_mean(key, TOP_KEYS)}; a game file has: {known}", key)

    title = data.get("title")
    if not isinstance(title, str) or not title.strip():
        fail("a game file needs a title (a non-empty string)", "title")
    description = text_of(data, "description", fail)
    expectation = text_of(data, "expectation", fail)

    players = data.get("players")
    if not isinstance(players, list) or len(players) < 2 or not all(isinstance(p, str) and p for p in players):
        fail(f"expected at least two player names, such as [\"Russia\", \"China\"], found {players!r}", "players")
    if len(set(players)) != len(players):
        fail("the players need different names", "players")
    player_list = ", ".join(players)

    strategies_table = table_of(data, "strategies", fail, required=True)
    for key in strategies_table:
        if key not in players:
            fail(f"{key!r} is not a player; players are {player_list}", f"strategies.{key}")
    strategies = []
    for p in players:
        s = strategies_table.get(p)
        if not isinstance(s, list) or not s or not all(isinstance(x, str) and x for x in s):
            fail(f"expected a non-empty list of strategy names for {p}", f"strategies.{p}")
        if len(set(s)) != len(s):
            fail(f"strategy names repeat for {p}: {s}", f"strategies.{p}")
        strategies.append(tuple(s))

    params = read_parameters(data, source)
    parameters = {name: Parameter(name=name, **spec) for name, spec in params.items()}

    terms_table = table_of(data, "terms", fail)
    terms: dict[str, Expr] = {}
    term_labels: dict[str, str] = {}
    for name, raw in terms_table.items():
        where = f"terms.{name}"
        check_name(name, where, fail)
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
        terms[name] = read_formula(raw, source, where)
    ordered_terms = order_terms(terms, set(parameters), source)

    payoffs_table = table_of(data, "payoffs", fail, required=True)
    known = set(parameters) | set(terms)
    matrices = len(players) == 2 and (not payoffs_table or any(key in players for key in payoffs_table))
    if matrices:
        payoffs = _matrices(payoffs_table, players, strategies, known, source, fail)
    else:
        payoffs = _profile_rows(payoffs_table, players, strategies, known, source, fail)

    bargaining = data.get("bargaining")
    if bargaining is not None and not isinstance(bargaining, dict):
        fail("expected a table", "bargaining")
    if bargaining is not None and len(players) != 2:
        fail(f"the bargaining problem is between two players; this game has {len(players)}", "bargaining")

    outcomes = {}
    for key, text in table_of(data, "outcomes", fail).items():
        where = f"outcomes.{key!r}"
        profile = _profile_key(key, players, strategies, where, fail)
        if not isinstance(text, str) or not text.strip():
            fail("expected a non-empty string", where)
        outcomes[profile] = text.strip()

    from bargaining.statics.uncertainty import read_uncertainty

    uncertainty = read_uncertainty(table_of(data, "uncertainty", fail), parameters, source)

    return Model(
        title=title.strip(),
        description=description,
        expectation=expectation,
        players=tuple(players),
        strategies=tuple(strategies),
        parameters=parameters,
        terms=ordered_terms,
        payoffs=payoffs,
        source=source,
        parent=parent,
        parent_values=parent_values,
        bargaining=bargaining,
        outcomes=outcomes,
        term_labels=term_labels,
        layout="matrices" if matrices else "profiles",
        uncertainty=uncertainty,
    )


def _matrices(payoffs_table, players, strategies, known, source, fail) -> tuple:
    """Two players' payoff matrices: ``Russia = [[...], ...]``, rows the first player's strategies."""
    for key in payoffs_table:
        if key not in players:
            fail(f"{key!r} is not a player; players are {players[0]}, {players[1]} (give the payoffs as one "
                 "matrix per player, or as one row per profile, not both)", f"payoffs.{key}")
    m, n = len(strategies[0]), len(strategies[1])
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
                expr = read_formula(raw, source, cell_where)
                unknown = expr.names() - known
                if unknown:
                    fail(unknown_message(sorted(unknown)[0], known), cell_where)
                cells.append(expr)
            rows.append(tuple(cells))
        payoffs.append(tuple(rows))
    return tuple(payoffs)


def _profile_key(key: str, players, strategies, where: str, fail) -> tuple[str, ...]:
    """``"contain_both, ally, ally"`` -> the strategy names, checked against each player's strategies."""
    example = ", ".join(s[0] for s in strategies)
    order = f"one strategy per player in the order {', '.join(players)}"
    profile = tuple(part.strip() for part in str(key).split(","))
    if len(profile) != len(players):
        fail(f"expected a profile such as \"{example}\" ({order}); found {key!r}, with {len(profile)} "
             f"strateg{'y' if len(profile) == 1 else 'ies'}", where)
    for p, name in enumerate(profile):
        if name not in strategies[p]:
            fail(f"expected a profile such as \"{example}\" ({order}); {name!r} is not a strategy of {players[p]} "
                 f"(its strategies: {', '.join(strategies[p])})", where)
    return profile


def _profile_rows(payoffs_table, players, strategies, known, source, fail) -> tuple:
    """One row per profile: ``"a, b, c" = [u_1, u_2, u_3]``, one formula per player in the order of ``players``."""
    import itertools

    n = len(players)
    rows: dict[tuple[int, ...], tuple] = {}
    spelled: dict[tuple[int, ...], str] = {}
    for key, row in payoffs_table.items():
        where = f"payoffs.{_quoted(key)}"
        if key in players:
            fail(f"a game of {n} players gives its payoffs as one row per profile, such as "
                 f"\"{', '.join(s[0] for s in strategies)}\" = [{', '.join(['...'] * n)}], not one matrix per player",
                 where)
        names = _profile_key(key, players, strategies, where, fail)
        profile = tuple(strategies[p].index(name) for p, name in enumerate(names))
        if profile in rows:
            fail(f"profile ({', '.join(names)}) has two rows: {_quoted(spelled[profile])} and {_quoted(key)}", where)
        if not isinstance(row, list) or len(row) != n:
            found = f"{len(row)} entries" if isinstance(row, list) else type(row).__name__
            fail(f"expected {n} payoffs, one per player in the order of players ({', '.join(players)}); found {found}",
                 where)
        cells = []
        for p, raw in enumerate(row):
            cell_where = f"{where}[{p}] ({players[p]})"
            expr = read_formula(raw, source, cell_where)
            unknown = expr.names() - known
            if unknown:
                fail(unknown_message(sorted(unknown)[0], known), cell_where)
            cells.append(expr)
        rows[profile] = tuple(cells)
        spelled[profile] = str(key)
    shape = tuple(len(s) for s in strategies)
    total = 1
    for s in shape:
        total *= s
    for profile in itertools.product(*(range(s) for s in shape)):
        if profile not in rows:
            names = ", ".join(strategies[p][k] for p, k in enumerate(profile))
            fail(f"missing the row of profile ({names}): every profile needs one ({total} profiles, "
                 f"{len(rows)} given)", f'payoffs."{names}"')

    def nest(p, prefix):
        if len(prefix) == n:
            return rows[prefix][p]
        return tuple(nest(p, prefix + (k,)) for k in range(shape[len(prefix)]))

    return tuple(nest(p, ()) for p in range(n))


def _quoted(key) -> str:
    return f'"{key}"'


def text_of(data, key, fail) -> str:
    value = data.get(key, "")
    if not isinstance(value, str):
        fail(f"expected a string, found {type(value).__name__}", key)
    # lines of a paragraph join; a blank line starts a new paragraph
    paragraphs = [" ".join(block.split()) for block in value.strip().split("\n\n")]
    return "\n\n".join(p for p in paragraphs if p)


def table_of(data, key, fail, required=False) -> dict:
    value = data.get(key)
    if value is None:
        if required:
            fail(f"missing the [{key}] table", key)
        return {}
    if not isinstance(value, dict):
        fail(f"expected a table, found {type(value).__name__}", key)
    return value


def check_name(name: str, where: str, fail) -> None:
    if not name.isidentifier() or not name.isascii():
        fail(f"{name!r} is not a valid name (letters, digits and _, not starting with a digit)", where)
    if name in FUNCTIONS:
        fail(f"{name!r} is the name of a function", where)
    if keyword.iskeyword(name):
        fail(f"{name!r} is a reserved word; choose another name (e.g. {name}_)", where)


def read_parameters(data: Mapping[str, Any], source: str) -> dict[str, dict]:
    def fail(message, where=None):
        raise InputError(message, source=source, where=where)

    table = table_of(data, "parameters", fail)
    out = {}
    for name, spec in table.items():
        where = f"parameters.{name}"
        check_name(name, where, fail)
        if not isinstance(spec, dict):
            spec = {"value": spec}
        extra = set(spec) - PARAM_KEYS
        if extra:
            fail(f"unknown key {sorted(extra)[0]!r}; a parameter has value, min, max, label", where)
        if "value" not in spec:
            fail("a parameter needs a value", where)
        value = read_number(spec["value"], source, f"{where}.value")
        lo = read_number(spec["min"], source, f"{where}.min") if "min" in spec else None
        hi = read_number(spec["max"], source, f"{where}.max") if "max" in spec else None
        label = spec.get("label", "")
        if not isinstance(label, str):
            fail("expected a string", f"{where}.label")
        if lo is not None and hi is not None and lo > hi:
            fail(f"min ({lo}) is larger than max ({hi})", where)
        param = Parameter(name=name, value=value, min=lo, max=hi, label=label)
        param.check(value, source=source, where=where)
        out[name] = {"value": value, "min": lo, "max": hi, "label": label}
    return out


def read_number(raw, source, where) -> Fraction:
    """A parameter value: a number, or a string holding an exact number or a constant formula."""
    if isinstance(raw, str):
        expr = read_formula(raw, source, where)
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


def read_formula(raw, source: str, where: str) -> Expr:
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


def unknown_message(name: str, known: set[str]) -> str:
    import difflib

    close = difflib.get_close_matches(name, sorted(known), n=1)
    hint = f" (did you mean {close[0]!r}?)" if close else ""
    return f"unknown name {name!r}{hint}; known names: {', '.join(sorted(known)) or 'none'}"


def order_terms(terms: dict[str, Expr], parameters: set[str], source: str) -> dict[str, Expr]:
    """Terms in an order where each comes after the terms it uses; unknown names and cycles are errors."""
    known = parameters | set(terms)
    for name, expr in terms.items():
        unknown = expr.names() - known
        if unknown:
            raise InputError(unknown_message(sorted(unknown)[0], known), source=source, where=f"terms.{name}")
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
