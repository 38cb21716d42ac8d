"""Tests of :mod:`bargaining.negotiation.from_game`: a game file's ``[bargaining]`` table, read and checked.

Known answers from the design note ("Bargaining over treaty terms"): the
Taiwan crisis bargains from (align, align) with transfers and China's weight
(1 + a)/2 = 0.865; the baseline's disagreement point is its unique
equilibrium (align, align), (9/40, 19/100).
"""

from __future__ import annotations

import dataclasses
import json
import math
from fractions import Fraction as F
from pathlib import Path

import pytest

from bargaining.errors import InputError
from bargaining.io.gamefile import load_model
from bargaining.negotiation.from_game import KEYS, bargaining_setup, discount_from_weights
from bargaining.negotiation.rubinstein import rubinstein_limit_weights

ROOT = Path(__file__).resolve().parents[2]
BASELINE = load_model(ROOT / "games" / "baseline.toml")
TAIWAN = load_model(ROOT / "games" / "taiwan_crisis.toml")


def with_table(model, **table):
    return dataclasses.replace(model, bargaining=table)


def test_the_outcomes_are_the_pure_profiles():
    s = bargaining_setup(BASELINE)
    game = BASELINE.game()
    assert len(s.problem.points) == 9 and s.problem.players == ("Russia", "China")
    assert s.problem.points[4] == (game.A[1][1], game.B[1][1]) and s.problem.labels[4] == ("align", "align")
    assert s.problem.disagreement == (F(9, 40), F(19, 100))
    assert s.disagreement_rule == "the profile (align, align), an equilibrium of the game"  # the file names it
    assert s.stage.equilibria and s.game == game


def test_the_taiwan_crisis_table_is_evaluated_exactly():
    s = bargaining_setup(TAIWAN)
    assert s.problem.transfers and s.weights == (F(1, 2), F(1, 2))  # equal power unless the file states it
    assert s.discount == (F(19, 20), F(19, 20)) and s.first == 0
    assert s.options() == {"weights": s.weights, "discount": s.discount, "first": 0}
    d = json.loads(json.dumps(s.to_dict()))
    assert d["weights"] == ["1/2", "1/2"] and d["first_proposer"] == "Russia"


def test_the_selected_equilibrium_is_the_default_disagreement_point_and_a_note_says_which():
    s = bargaining_setup(with_table(TAIWAN))
    assert s.disagreement_rule == "the equilibrium selected by payoff dominance (ally, ally)"
    assert s.problem.disagreement == (F(511, 1000), F(67, 100))
    assert "the game has 3 equilibria" in s.notes[0]
    assert bargaining_setup(with_table(BASELINE)).disagreement_rule == "the unique equilibrium (align, align)"


def test_numbers_and_formulas_for_the_disagreement_point_and_the_options():
    s = bargaining_setup(with_table(BASELINE, disagreement=[0, "lam * w_C"], discount=["1 - r", 0.9],
                                    first="China", weights=[0.25, "3/4"]))
    assert s.problem.disagreement == (0, F(11, 100)) and s.disagreement_rule == "given in the game file"
    assert s.discount == (F(19, 20), F(9, 10)) and s.first == 1 and s.weights == (F(1, 4), F(3, 4))


def test_a_disagreement_profile_that_is_no_equilibrium_is_noted():
    s = bargaining_setup(with_table(BASELINE, disagreement="hedge, hedge"))
    assert s.disagreement_rule == "the profile (hedge, hedge)"
    assert "is not an equilibrium of the game" in s.notes[0]


@pytest.mark.parametrize(
    "table, where, message",
    [
        ({"treaty": True}, "bargaining.treaty", "unknown key 'treaty'; known keys: " + ", ".join(KEYS)),
        ({"transfers": 1}, "bargaining.transfers", "expected true or false"),
        ({"first": "USA"}, "bargaining.first", "expected one of the players (Russia, China)"),
        ({"weights": ["1/2", "1/3"]}, "bargaining.weights", "two weights summing to 1"),
        ({"weights": [0.5, "b + 1"]}, "bargaining.weights[1]", "unknown name 'b'"),
        ({"weights": [0.5, True]}, "bargaining.weights[1]", "expected a number or a formula, found true"),
        ({"discount": [0.9]}, "bargaining.discount", "expected a list of two numbers or formulas"),
        (
            {"disagreement": "ally, friend"},
            "bargaining.disagreement",
            "found 'ally, friend'; profiles: \"ally, ally\"; \"ally, align\"",
        ),
        ({"disagreement": 3}, "bargaining.disagreement", "found 3"),
    ],
)
def test_bad_tables_name_the_key(table, where, message):
    with pytest.raises(InputError) as err:
        bargaining_setup(with_table(BASELINE, **table))
    assert err.value.where == where and message in err.value.message
    assert err.value.source == BASELINE.source


def test_no_selected_equilibrium_means_the_file_must_name_one():
    # battle of the sexes: two strict equilibria, neither payoff- nor risk-dominant
    from bargaining.io.nfg import parse_nfg

    model = parse_nfg('NFG 1 R "BoS" { "A" "B" } { 2 2 } 2 1 0 0 0 0 1 2')
    with pytest.raises(InputError, match='no equilibrium is selected .* give a profile such as "1, 1"'):
        bargaining_setup(model)


TAIWAN_FILE = "games/taiwan_crisis.toml"


def with_bargaining(name, **keys):
    m = load_model(name)
    return dataclasses.replace(m, bargaining={**m.bargaining, **keys})


def test_the_scenarios_leave_power_equal_and_rubinstein_agrees():
    setup = bargaining_setup(load_model(TAIWAN_FILE))
    assert setup.weights == (F(1, 2), F(1, 2)) and setup.power_rule == "equal (the default)"
    assert setup.discount == (F(19, 20), F(19, 20)) and setup.discount_rule == "from the weights"
    assert rubinstein_limit_weights(setup.discount) == setup.weights
    assert not setup.notes


def test_capability_weights_stated_once_drive_rubinstein_too():
    setup = bargaining_setup(with_bargaining(TAIWAN_FILE, weights=["1 - (1 + a)/2", "(1 + a)/2"]))
    assert setup.weights == (F("0.135"), F("0.865")) and setup.power_rule == "given in the game file"
    limit = rubinstein_limit_weights(setup.discount)
    assert math.isclose(limit[1], 0.865, abs_tol=0.01)  # first order in rho = 1/20
    assert not setup.notes


def test_given_discount_factors_that_imply_other_power_are_noted():
    weights = ["1 - (1 + a)/2", "(1 + a)/2"]
    setup = bargaining_setup(with_bargaining(TAIWAN_FILE, weights=weights, discount=[0.95, 0.95]))
    assert setup.discount_rule == "given in the game file"
    assert any("imply bargaining power Russia 0.5, China 0.5" in n for n in setup.notes)


def test_discount_from_weights():
    assert discount_from_weights((F(1, 2), F(1, 2))) == (F(19, 20), F(19, 20))
    d = discount_from_weights((F(1, 100), F(99, 100)))
    assert all(F(1, 2) <= x < 1 for x in d)
    assert discount_from_weights((F(0), F(1))) == (F(19, 20), F(19, 20))
