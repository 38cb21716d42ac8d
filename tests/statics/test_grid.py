"""Tests of :mod:`bargaining.statics.grid`: axis specifications and grids of exact parameter values."""

from __future__ import annotations

from fractions import Fraction

import pytest

from bargaining.errors import InputError
from bargaining.io.gamefile import load_model
from bargaining.numbers import format_value
from bargaining.statics.grid import Grid, parse_axis

BASELINE = "games/baseline.toml"

@pytest.mark.parametrize(
    "spec, message",
    [
        ("T0:1:11", "expected NAME=START:STOP:NUM"),
        ("X=0:1:11", "unknown parameter 'X'"),
        ("T=0:1", "expected NAME=START:STOP:NUM"),
        ("T=0:1:1", "NUM must be between 2"),
        ("T=0:1:ten", "NUM must be a whole number"),
        ("T=1:0:11", "START must be less than STOP"),
        ("T=0:2:11", "lies outside its range"),
        ("T=zero:1:11", "expected a number"),
    ],
)
def test_bad_specs_are_one_line_input_errors(spec, message):
    with pytest.raises(InputError, match=message) as err:
        parse_axis(spec, load_model(BASELINE))
    assert "\n" not in str(err.value)


def test_grid_values_are_exact():
    axis = parse_axis("T=0:1:101", load_model(BASELINE))
    assert axis.value(30) == Fraction(3, 10) and axis.texts[30] == "0.3"
    assert parse_axis("T=0:1:4", load_model(BASELINE)).texts[1] == repr(1 / 3)
    assert format_value(Fraction(111, 125)) == "0.888"


def test_grid_points_and_games():
    grid = Grid.from_specs(load_model(BASELINE), ["T=0:1:11", "a=0:1:5"])
    assert grid.shape == (11, 5) and grid.size == 55
    assert grid.values_at(7) == {"T": Fraction(1, 10), "a": Fraction(1, 2)}
    g = grid.game(7)
    assert dict(g.parameters)["T"] == Fraction(1, 10)
    with pytest.raises(InputError, match="varied twice"):
        Grid.from_specs(load_model(BASELINE), ["T=0:1:3", "T=0:1:3"])
