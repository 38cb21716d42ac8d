"""Tests of :mod:`bargaining.symbolic.result`: the result types of a derivation and their JSON."""

from __future__ import annotations

import json
from fractions import Fraction as F

import sympy

from bargaining.symbolic.result import STATUSES, Condition, Formula, number_float, number_json, set_json
from tests.symbolic.common import baseline

T = sympy.Symbol("T", real=True)


def test_numbers_exact_as_strings_undefined_as_none():
    assert number_json(sympy.Rational(3, 20)) == "3/20" and number_json(F(1, 3)) == "1/3"
    assert number_json(sympy.Integer(2)) == "2" and number_json(sympy.sqrt(2)) == "sqrt(2)"
    assert [number_json(v) for v in (sympy.nan, sympy.zoo, sympy.oo, None)] == [None] * 4
    assert number_float(sympy.Rational(1, 4)) == 0.25 and number_float(F(1, 2)) == 0.5
    assert number_float(T) is None and number_float(None) is None


def test_sets_of_reals_as_intervals():
    R = sympy.Rational
    assert set_json(sympy.EmptySet) == []
    assert set_json(sympy.Interval(R(111, 125), 1)) == [
        {"lo": "111/125", "hi": "1", "left_open": False, "right_open": False}
    ]
    s = sympy.Union(sympy.Interval.open(0, R(3, 10)), sympy.FiniteSet(1))
    assert set_json(s) == [
        {"lo": "0", "hi": "3/10", "left_open": True, "right_open": True},
        {"lo": "1", "hi": "1", "left_open": False, "right_open": False},
    ]
    assert set_json(sympy.Interval(0, sympy.oo))[0]["hi"] is None  # unbounded


def test_a_condition_as_relation_text_and_json():
    c = Condition(label="Russia: ally rather than align", player=0, expr=T - sympy.Rational(111, 125), rel=">=",
                  status="depends", assumptions=("lam > 0",),
                  gain=Formula(expr=T / 2, at_file=sympy.Rational(3, 10)), holds_at_file=False)
    assert c.relation == sympy.Ge(T - sympy.Rational(111, 125), 0, evaluate=False)
    assert not c.trivial and c.text() == "T − 111/125 ≥ 0"
    d = json.loads(json.dumps(c.to_dict()))
    assert d["condition"] == "T - 111/125 >= 0" and d["status_text"] == STATUSES["depends"]
    assert d["gain"] == {"expr": "T/2", "latex": r"\frac{T}{2}", "at_file": "3/10", "at_file_float": 0.3,
                         "simplified": True, "note": None}


def test_a_derivation_is_json_ready():
    d = baseline().to_dict()
    again = json.loads(json.dumps(d))
    assert again == d
    assert "parse_hint" in json.dumps(d) and again["symbols"] == ["T", "lam", "w_R", "w_C", "e_R", "e_C", "a", "j", "r"]
