"""Tests of :mod:`bargaining.model`: parameters and their ranges, and a model's three evaluations.

A model evaluates exactly (:meth:`Model.game`), on numpy arrays
(:meth:`Model.payoff_arrays`) and as sympy expressions
(:meth:`Model.expanded_payoffs`); the three must agree.
"""

from __future__ import annotations

from fractions import Fraction as F
from pathlib import Path

import numpy as np
import pytest
import sympy
from hypothesis import given

from bargaining.errors import InputError
from bargaining.io.gamefile import load_model
from bargaining.model import Parameter, constant
from tests.strategies import parameter_points

ROOT = Path(__file__).resolve().parent.parent
BASELINE = ROOT / "games" / "baseline.toml"
MODEL = load_model(BASELINE)


def test_span_guesses_missing_bounds_from_the_value():
    assert Parameter("k", F(3)).span() == (0, 6, ("min", "max"))
    assert Parameter("z", F(0)).span() == (-1, 1, ("min", "max"))
    assert Parameter("x", F(2), min=F(5)).span() == (5, 7, ("max",))
    assert Parameter("T", F(3, 5), F(0), F(1)).span() == (0, 1, ())
    assert Parameter("T", F(3, 5), label="pressure").describe() == "pressure" and Parameter("T", F(0)).describe() == "T"


def test_check_names_the_range():
    p = Parameter("x", F(0), F(0), F(1))
    p.check(F(1))
    with pytest.raises(InputError, match=r"^here: x = 2 lies outside its range \[0, 1\]$"):
        p.check(F(2), where="here")
    with pytest.raises(InputError, match=r"x = -1/3 lies outside its range \[0, inf\]"):
        Parameter("x", F(0), min=F(0)).check(F(-1, 3))


@pytest.mark.parametrize(
    "values, where, message",
    [
        ({"tau": 1}, "parameter", "unknown parameter 'tau'; known parameters: T, lam, w_R"),
        ({"T": 2}, "parameter T", "T = 2 lies outside its range [0, 1]"),
        ({"T": "x"}, "parameter T", "expected a number such as 3"),
    ],
)
def test_with_values_checks_names_and_ranges(values, where, message):
    with pytest.raises(InputError) as err:
        MODEL.with_values(values)
    assert err.value.where == where and message in err.value.message
    assert err.value.source == str(BASELINE)


def test_with_values_records_the_overrides():
    m = MODEL.with_values({"T": "0.9"})
    assert m.parameters["T"].value == F(9, 10) and dict(m.overrides) == {"T": F(9, 10)}
    assert m.game().changed == ("T",) and MODEL.parameters["T"].value == F(3, 5)
    with pytest.raises(TypeError):
        m.parameters["T"] = Parameter("T", F(1))  # read-only


def test_changed_parameters_against_the_parent_file():
    assert MODEL.changed_parameters() == {}
    taiwan = load_model(ROOT / "games" / "taiwan_crisis.toml")
    assert taiwan.changed_parameters() == {
        "T": (F(3, 5), F(1)), "w_R": (F(3, 20), F(1, 10)), "w_C": (F(11, 50), F(1, 10)), "e_R": (F(1, 10), F(3, 25)),
    }


def test_cell_names_say_where_a_cell_stands():
    assert MODEL.cell_name(1, 2, 1) == "payoffs.China[2][1] (hedge, align)"


def test_payoff_arrays_agree_with_exact_game():
    import numpy as np

    model = load_model(BASELINE)
    T = np.array([0.2, 0.6, 0.95])
    A, B = model.payoff_arrays({"T": T})
    for k, t in enumerate(["0.2", "0.6", "0.95"]):
        g = model.with_values({"T": t}).game()
        assert np.allclose(A[k], np.array(g.A, dtype=float))
        assert np.allclose(B[k], np.array(g.B, dtype=float))


def test_payoff_arrays_broadcast_and_check_names():
    A, B = MODEL.payoff_arrays({"T": np.linspace(0, 1, 4)[:, None], "lam": np.array([0.3, 0.5, 0.8])})
    assert A.shape == B.shape == (4, 3, 3, 3)
    with pytest.raises(InputError, match="unknown parameter 'tau'"):
        MODEL.payoff_arrays({"tau": [1]})


@given(parameter_points(MODEL))
def test_expanded_payoffs_agree_with_the_exact_game(values):
    m = MODEL.with_values(values)
    game = m.game()
    values = {k: sympy.Rational(v.numerator, v.denominator) for k, v in m.values().items()}
    for p, matrix in enumerate(m.expanded_payoffs()):
        for i, row in enumerate(matrix):
            for j, cell in enumerate(row):
                assert not cell.names() - set(m.parameters)  # terms substituted away
                q = game.payoff(p, i, j)
                assert cell.to_sympy(values) == sympy.Rational(q.numerator, q.denominator)


def test_constant():
    assert constant("0.25").evaluate({}) == F(1, 4)
