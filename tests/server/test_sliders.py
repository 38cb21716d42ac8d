"""Tests of :mod:`bargaining.server.sliders`: slider ranges and steps from a parameter's declared range."""

from __future__ import annotations

from fractions import Fraction as F

from hypothesis import given, strategies as st

from bargaining.server.sliders import slider


def test_slider_steps():
    from fractions import Fraction as F

    from bargaining.model import Parameter

    assert slider(Parameter("lam", F(1, 2), F(3, 10), F(4, 5))).step == F(1, 200)
    assert slider(Parameter("e", F(1, 10), F(0), F(2, 5))).step == F(1, 500)
    assert slider(Parameter("z", F(0))).to_dict()["min"] == "-1"
    assert slider(Parameter("f", F(1), F(1), F(1))).positions == 0


def _one_two_five(step):
    """(mantissa, power) when ``step`` is 1, 2 or 5 times a power of ten."""
    for k in range(-12, 13):
        for m in (1, 2, 5):
            if step == m * F(10) ** k:
                return m, k
    return None


@given(st.fractions(min_value=-10, max_value=10, max_denominator=100),
       st.fractions(min_value=F(1, 100), max_value=20, max_denominator=100))
def test_the_step_is_the_largest_1_2_5_step_with_enough_positions(lo, width):
    from bargaining.model import Parameter
    from bargaining.server.sliders import STEPS

    s = slider(Parameter("p", lo, lo, lo + width))
    m, k = _one_two_five(s.step)
    assert s.positions == int(width / s.step) >= STEPS
    bigger = {1: 2, 2: 5, 5: 10}[m] * F(10) ** k
    assert width / bigger < STEPS  # the next step up would give too few positions
    assert (s.step * 10**s.decimals).denominator == 1


def test_the_range_note_says_which_bounds_were_guessed():
    from bargaining.model import Parameter

    d = slider(Parameter("k", F(3))).to_dict()
    assert (
        d["guessed"] == ["min", "max"]
        and d["note"] == "range not given in the file: min and max guessed from the value"
    )
    assert slider(Parameter("T", F(3, 5), F(0), F(1))).to_dict()["note"] == ""
