"""Tests of :mod:`bargaining.symbolic.derive`: the whole derivation, its kept and solved-for parameters."""

from __future__ import annotations

from fractions import Fraction

import pytest
import sympy

from bargaining.io.gamefile import load_model
from bargaining.symbolic import derive
from tests.symbolic.common import condition


def test_keep_fixes_the_other_parameters():
    d = derive(load_model("games/baseline.toml"), keep=["T"])
    assert d.symbols == ("T",)
    assert d.fixed["lam"] == Fraction(1, 2)
    (c,) = condition(d, "(ally, ally)", "Russia: ally rather than align")
    T = sympy.Symbol("T", real=True, nonnegative=True)
    assert c.expr.free_symbols == {T}
    assert sympy.solve(c.expr, T) == [sympy.Rational(111, 125)]


def test_solve_for_is_kept_symbolic_and_checked():
    d = derive(load_model("games/baseline.toml"), keep=["lam"], solve_for="T")
    assert set(d.symbols) == {"T", "lam"} and any("solved for" in n for n in d.notes)
    with pytest.raises(ValueError, match="unknown parameter 'tau'"):
        derive(load_model("games/baseline.toml"), solve_for="tau")
    with pytest.raises(ValueError, match="unknown parameter 'x'"):
        derive(load_model("games/baseline.toml"), keep=["x"])
