"""Tests of :mod:`bargaining.symbolic.game`: a model as a bimatrix game of sympy expressions.

User text reaches sympy only through the whitelist parser (Expr.to_sympy),
never through sympify.
"""

from __future__ import annotations

from fractions import Fraction

import pytest
import sympy

from bargaining.errors import InputError
from bargaining.io.gamefile import load_model, model_from_dict
from bargaining.symbolic import derive
from bargaining.symbolic.game import SymbolicGame, rational
from tests.symbolic.common import condition


def test_no_sympify_of_raw_text():
    """User text reaches sympy only through the whitelist parser (Expr.to_sympy), never through sympify.

    Names that sympify would read as constants or functions (E, I, N, gamma) stay plain symbols.
    """
    import ast
    from pathlib import Path

    banned = {"sympify", "parse_expr", "S", "eval", "exec"}
    for path in list(Path("bargaining/symbolic").glob("*.py")) + [Path("bargaining/render/derive.py")]:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call):
                name = getattr(node.func, "attr", None) or getattr(node.func, "id", None)
                assert name not in banned, f"{path}:{node.lineno} calls {name}"
    model = model_from_dict(
        {
            "title": "t",
            "players": ["R", "C"],
            "strategies": {"R": ["x", "y"], "C": ["x", "y"]},
            "parameters": {n: {"value": 1, "min": 0, "max": 2} for n in ("E", "I", "N", "gamma")},
            "payoffs": {"R": [["E*I", 0], [0, "N"]], "C": [["gamma", 0], [0, 1]]},
        }
    )
    d = derive(model)
    names = {s.name for p in d.pure for c in p.conditions for s in c.expr.free_symbols}
    assert names == {"E", "I", "N", "gamma"}
    (c,) = condition(d, "(x, x)", "R: x rather than y")
    assert c.expr.is_real is not False and str(c.expr) == "E*I"


def test_symbols_carry_the_signs_their_ranges_allow():
    model = model_from_dict({
        "title": "t", "players": ["R", "C"], "strategies": {"R": ["a"], "C": ["b"]},
        "parameters": {"p": {"value": 1, "min": "0.5"}, "q": {"value": 0, "min": 0}, "n": {"value": -1, "max": -1},
                       "z": {"value": 0, "max": 0}, "u": 2},
        "terms": {"both": "p + q"},
        "payoffs": {"R": [["both * n"]], "C": [["z + u"]]},
    })
    g = SymbolicGame.from_model(model)
    p, q, n, z, u = (g.symbols[k] for k in "pqnzu")
    assert p.is_positive and q.is_nonnegative and q.is_positive is None
    assert n.is_negative and z.is_nonpositive and z.is_negative is None
    assert u.is_real and u.is_nonnegative is None and u.is_nonpositive is None
    assert g.A[0, 0] == (p + q) * n  # the term substituted
    assert g.box["p"] == (Fraction(1, 2), None) and g.at_file(g.A[0, 0]) == -1


def test_kept_parameters_and_fixed_ones():
    g = SymbolicGame.from_model(load_model("games/baseline.toml"), keep=["lam", "T"])
    assert list(g.symbols) == ["T", "lam"]  # in the file's order
    assert g.fixed["w_R"] == Fraction(3, 20) and "T" not in g.fixed
    assert g.at_file(g.A[1, 1]) == rational(Fraction(9, 40)) and g.profile_name(1, 2) == "(align, hedge)"
    with pytest.raises(InputError, match="unknown parameter 'tau'; known parameters: T, lam") as err:
        SymbolicGame.from_model(load_model("games/baseline.toml"), keep=["tau"])
    assert err.value.where == "kept parameters"


def test_a_value_undefined_at_the_file_is_nan_or_zoo():
    g = SymbolicGame.from_model(load_model("games/baseline.toml"), keep=["T"])
    assert g.at_file(1 / (g.symbols["T"] - Fraction(3, 5))) == sympy.zoo
