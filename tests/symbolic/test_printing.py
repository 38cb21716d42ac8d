"""Tests of :mod:`bargaining.symbolic.printing`: parseable text, board text and LaTeX of closed forms.

The plain form must read back with ``sympy.parse_expr`` to an equal
expression, whatever the names (``E``, ``I``, ``gamma`` stay symbols when the
names are passed as ``local_dict``, as the JSON's ``parse_hint`` says).
"""

from __future__ import annotations

import sympy
from hypothesis import given
from sympy.parsing.sympy_parser import parse_expr

from bargaining.symbolic.printing import board, latex, plain, relation_text
from tests.strategies import polynomials

NAMES = ("E", "gamma", "w_R")


def read(text):
    return parse_expr(text, local_dict={n: sympy.Symbol(n, real=True) for n in NAMES})


@given(polynomials(names=NAMES))
def test_plain_reads_back_to_an_equal_expression(expr):
    back = read(plain(expr))
    assert sympy.expand(back - expr) == 0


@given(polynomials(names=NAMES))
def test_board_text_uses_reading_signs_and_latex_is_math(expr):
    text = board(expr)
    assert "*" not in text and "**" not in text
    assert not text.startswith("-")  # a leading minus is the typographic one
    tex = latex(expr)
    assert tex and "*" not in tex


def test_terms_with_a_plus_sign_come_first():
    T, lam, e = sympy.symbols("T lam e_R")
    assert plain(-e + (1 - lam) * T) == "T*(1 - lam) - e_R"
    assert board(-e + (1 - lam) * T) == "T·(1 − lam) − e_R"
    assert board(-(T**2) * lam / 2) == "−T^2·lam/2"
    assert board(sympy.Max(T, lam)) == "max(T, lam)"


def test_latex_names():
    lam, w, gamma, cost = sympy.symbols("lam w_R gamma cost_ab")
    assert latex((1 - lam) * w) == r"w_{R} \left(1 - \mathit{lam}\right)"
    assert latex(gamma) == r"\gamma"
    assert latex(cost) == r"\mathit{cost}_{\mathrm{ab}}"


def test_relations_in_each_form():
    T = sympy.Symbol("T")
    assert relation_text(T - 1, ">=") == "T − 1 ≥ 0"
    assert relation_text(T - 1, "<=", "latex") == r"T - 1 \le 0"
    assert relation_text(T - 1, "==", "plain") == "Eq(T - 1, 0)"
    assert relation_text(T - 1, "!=", "plain") == "Ne(T - 1, 0)"
    assert read(relation_text(T - 1, ">", "plain").replace("T", "E")) == (sympy.Symbol("E", real=True) - 1 > 0)
