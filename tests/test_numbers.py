"""Tests of :mod:`bargaining.numbers`: the one reader of exact numbers and the writers every output uses."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction as F

import numpy as np
import pytest
from hypothesis import given, strategies as st

from bargaining.errors import InputError
from bargaining.numbers import (
    decimal,
    exact,
    exact_and_decimal,
    format_value,
    fraction_text,
    is_terminating,
    latex_number,
    number_to_json,
    plain,
    significant,
    to_fraction,
)


@pytest.mark.parametrize(
    "value, expected",
    [
        (3, F(3)),
        (F(2, 6), F(1, 3)),
        (Decimal("0.125"), F(1, 8)),
        ("1/3", F(1, 3)),
        (" -0.25 ", F(-1, 4)),
        ("1e-3", F(1, 1000)),
        (0.3, F(3, 10)),  # the decimal repr shows, not the binary fraction
        (1e-20, F(1, 10**20)),
        (np.int64(7), F(7)),
        (np.float64(0.1), F(1, 10)),
    ],
)
def test_read_exactly(value, expected):
    q = to_fraction(value)
    assert q == expected and type(q) is F


@given(st.floats(allow_nan=False, allow_infinity=False))
def test_a_float_is_read_as_the_decimal_repr_shows(x):
    assert to_fraction(x) == F(repr(x))
    assert float(to_fraction(x)) == x


@pytest.mark.parametrize(
    "value, message",
    [
        (True, "expected a number, found a boolean (True)"),
        (float("nan"), "expected a finite number, found nan"),
        (float("inf"), "expected a finite number, found inf"),
        (Decimal("Infinity"), "expected a finite number, found Infinity"),
        ("abc", "expected a number such as 3, -0.25 or 1/3, found 'abc'"),
        ("1/0", "found '1/0'"),
        ("9" * 5000, "a number of more than 4000 characters"),
        ([1], "expected a number, found list"),
    ],
)
def test_bad_numbers_are_input_errors_that_say_where(value, message):
    with pytest.raises(InputError) as err:
        to_fraction(value, where="parameter T")
    assert err.value.where == "parameter T" and message in err.value.message


@pytest.mark.parametrize(
    "q, text",
    [(F(81, 1000), "0.081"), (F(22, 45), "22/45"), (F(-3), "-3"), (F(1, 10**7), "1/10000000"), (0.25, "0.25")],
)
def test_exact_as_a_person_writes_it(q, text):
    assert exact(q) == text


def test_the_other_writers():
    q = F(23, 45)
    assert exact_and_decimal(q) == "23/45 (0.5111)" and exact_and_decimal(F(1, 2)) == "0.5"
    assert latex_number(q) == r"\tfrac{23}{45}" and latex_number(-q) == r"-\tfrac{23}{45}"
    assert latex_number(F(81, 1000)) == "0.081"
    assert decimal(F(-1, 10**6)) == "0" and decimal(F(1, 3), 2) == "0.33" and decimal(2.5) == "2.5"
    assert significant(F(1181, 1000)) == "1.181" and significant(0.0000251) == "2.51e-05"
    assert plain(F(1234567, 10**7)) == "0.1234567" and plain(F(1, 3)) == "1/3" and plain(0.1) == "0.1"
    assert fraction_text(F(1181, 2000)) == "1181/2000" and fraction_text(0.25) == "0.25"
    assert is_terminating(F(1, 8)) and not is_terminating(F(1, 3)) and not is_terminating(F(1, 10**7))


def test_format_value_is_exact_up_to_17_digits_then_the_nearest_float():
    assert format_value(F(111, 125)) == "0.888"
    assert format_value(F(1, 10**17)) == "0.00000000000000001"
    assert format_value(F(1, 10**18)) == "1e-18"
    assert format_value(F(1, 3)) == repr(1 / 3)


def test_json_numbers():
    assert [number_to_json(v) for v in (F(9, 40), 3, 0.5, None)] == ["9/40", "3", 0.5, None]
    assert number_to_json(True) == 1.0  # a boolean is no exact number
    assert number_to_json(np.float64(0.25)) == 0.25


@given(st.fractions(max_denominator=10**6))
def test_writers_round_trip_through_the_reader(q):
    assert to_fraction(fraction_text(q)) == q
    assert to_fraction(plain(q)) == q
    text = exact(q)
    assert to_fraction(text) == q
