"""Tests of :mod:`bargaining.statics.tree_sweep`: a game tree's subgame-perfect outcomes over a grid, exactly.

Known answer (docs/explanation/model.md): in the treaty-proposal game the
outcome turns from deep alignment to the alliance at T* = 111/125 = 0.888, the
threshold of the simultaneous game.
"""

from __future__ import annotations

import json
from fractions import Fraction as F

import pytest

from bargaining.errors import InputError
from bargaining.io.gamefile import load_model
from bargaining.solvers.tree import backward_induction
from bargaining.statics.tree_sweep import parse_axis, spe_outcomes, sweep_tree

FORM = load_model("games/treaty_proposal.toml")
ALIGN = "deep alignment without a treaty"
ALLY = "a military alliance: both sign a mutual-defence treaty"


def test_the_treaty_threshold_is_found_exactly():
    s = sweep_tree(FORM, ["T=0.6:1:5"])
    assert [(r.answer, r.lower, r.upper) for r in s.profile.regimes] == [
        ((ALIGN,), F(3, 5), F(111, 125)), ((ALLY,), F(111, 125), 1),
    ]
    (b,) = s.profile.boundaries
    assert b.exact and b.value == F(111, 125)
    d = json.loads(json.dumps(s.to_dict()))
    assert d["boundaries"][0]["value"] == "111/125" and d["exact"] is True
    assert s.to_pandas().shape == (5, 2)


def test_each_point_is_an_exact_solve_there():
    s = sweep_tree(FORM, ["T=0:1:6"])
    for p in s.points:
        tree = FORM.tree({"T": p.values[0]})
        spe, _ = backward_induction(tree)
        assert set(p.outcomes) == {tree.node(e.outcome).label for e in spe}


def test_two_parameters_and_progress():
    calls = []
    s = sweep_tree(FORM, ["T=0.6:1:3", "lam=0.3:0.8:2"], progress=lambda done, total: calls.append((done, total)))
    assert s.profile is None and len(s.points) == 6 and calls[-1] == (6, 6)
    assert [p.values for p in s.points[:2]] == [(F(3, 5), F(3, 10)), (F(3, 5), F(4, 5))]  # the last axis fastest


def test_outcomes_of_a_tree_with_chance_join_the_ends_play_reaches():
    (outcome,) = spe_outcomes(load_model("games/resolve.toml").tree())
    assert " or " in outcome


@pytest.mark.parametrize(
    "spec, where, message",
    [
        ("T0:1:3", "axis", "expected NAME=START:STOP:NUM"),
        ("tau=0:1:3", "axis tau", "unknown parameter 'tau'"),
        ("T=0:1:x", "axis T NUM", "expected a whole number of points"),
        ("T=0:1:1", "axis T NUM", "at least 2 points"),
        ("T=1:0:3", "axis T", r"STOP \(0\) must exceed START \(1\)"),
        ("T=0:2:3", "axis T", "outside its range"),
    ],
)
def test_bad_axes(spec, where, message):
    with pytest.raises(InputError, match=message) as err:
        parse_axis(spec, FORM)
    assert err.value.where == where


def test_one_or_two_distinct_parameters():
    with pytest.raises(InputError, match="one or two parameters, found 3"):
        sweep_tree(FORM, ["T=0:1:2", "lam=0.3:0.8:2", "a=0:1:2"])
    with pytest.raises(InputError, match="T is varied twice"):
        sweep_tree(FORM, ["T=0:1:2", "T=0:1:3"])


def test_a_simple_fraction_in_the_bracket_is_not_taken_for_the_threshold():
    # on the grid 0.85, 0.95 the simplest fraction in the bracket is 6/7, which is not where the outcome changes
    (b,) = sweep_tree(FORM, ["T=0.85:0.95:2"]).profile.boundaries
    assert b.exact and b.value == F(111, 125)
