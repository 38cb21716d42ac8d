"""Bargaining power is stated once (:mod:`bargaining.negotiation.from_game`)."""

from __future__ import annotations

import dataclasses
import math
from fractions import Fraction as F

from bargaining.io.gamefile import load_model
from bargaining.negotiation.from_game import bargaining_setup, discount_from_weights
from bargaining.negotiation.rubinstein import rubinstein_limit_weights

TAIWAN = "games/taiwan_crisis.toml"


def with_bargaining(name, **keys):
    m = load_model(name)
    return dataclasses.replace(m, bargaining={**m.bargaining, **keys})


def test_the_scenarios_leave_power_equal_and_rubinstein_agrees():
    setup = bargaining_setup(load_model(TAIWAN))
    assert setup.weights == (F(1, 2), F(1, 2)) and setup.power_rule == "equal (the default)"
    assert setup.discount == (F(19, 20), F(19, 20)) and setup.discount_rule == "from the weights"
    assert rubinstein_limit_weights(setup.discount) == setup.weights
    assert not setup.notes


def test_capability_weights_stated_once_drive_rubinstein_too():
    setup = bargaining_setup(with_bargaining(TAIWAN, weights=["1 - (1 + a)/2", "(1 + a)/2"]))
    assert setup.weights == (F("0.135"), F("0.865")) and setup.power_rule == "given in the game file"
    limit = rubinstein_limit_weights(setup.discount)
    assert math.isclose(limit[1], 0.865, abs_tol=0.01)  # first order in rho = 1/20
    assert not setup.notes


def test_given_discount_factors_that_imply_other_power_are_noted():
    setup = bargaining_setup(with_bargaining(TAIWAN, weights=["1 - (1 + a)/2", "(1 + a)/2"], discount=[0.95, 0.95]))
    assert setup.discount_rule == "given in the game file"
    assert any("imply bargaining power Russia 0.5, China 0.5" in n for n in setup.notes)


def test_discount_from_weights():
    assert discount_from_weights((F(1, 2), F(1, 2))) == (F(19, 20), F(19, 20))
    d = discount_from_weights((F(1, 100), F(99, 100)))
    assert all(F(1, 2) <= x < 1 for x in d)
    assert discount_from_weights((F(0), F(1))) == (F(19, 20), F(19, 20))
