"""Tests of :mod:`bargaining.negotiation.sweep`: the bargaining problem solved along a parameter.

Known answer (baseline, design note "Bargaining over treaty terms"): with the
disagreement point (align, align) and transfers, the treaty surplus is
S(T) = U_R(ally, ally) + U_C(ally, ally) - d_R - d_C = T - 0.784, so an
agreement exists exactly for T > 98/125.
"""

from __future__ import annotations

import json
from fractions import Fraction as F
from pathlib import Path

import pytest

from bargaining.errors import InputError
from bargaining.io.gamefile import load_model
from bargaining.negotiation.from_game import bargaining_setup
from bargaining.negotiation.sweep import bargain_sweep, best_joint_gain, chosen_solutions

ROOT = Path(__file__).resolve().parents[2]
SOLUTIONS = ["nash", "weighted-nash", "kalai-smorodinsky", "egalitarian", "utilitarian", "rubinstein"]


def test_library_without_transfers_reports_grid_points(tmp_path):
    path = tmp_path / "game.toml"
    path.write_text(
        f'extends = "{ROOT / "games" / "baseline.toml"}"\ntitle = "no transfers"\n\n'
        '[bargaining]\ndisagreement = "align, align"\ntransfers = false\n',
        encoding="utf-8",
    )
    result = bargain_sweep(load_model(str(path)), "T=0.6:1:9", "egalitarian")
    assert result.transfers is False
    for w in result.switches:
        assert w.at is None and w.upper - w.lower == F(1, 20)
    assert json.loads(json.dumps(result.to_dict()))["rows"][0]["solution"] == "egalitarian"


def test_library_errors_are_input_errors():
    with pytest.raises(InputError, match="axis T"):
        bargain_sweep(load_model("games/baseline.toml"), "T=0:1:1")


def test_the_switch_is_the_exact_zero_of_the_joint_gain():
    result = bargain_sweep(load_model("games/baseline.toml"), "T=0.6:1:9", "nash")
    (w,) = result.switches
    assert (w.lower, w.upper, w.at, w.agreement_after) == (F(3, 4), F(4, 5), F(98, 125), True)
    assert "(ally, ally)" in w.how and len(result.points) == 9


def test_the_best_joint_gain_and_the_chosen_solutions():
    taiwan = bargaining_setup(load_model("games/taiwan_crisis.toml"))
    assert best_joint_gain(taiwan.problem) == (F(281, 1000), ("ally", "ally"))
    # equal power by default: the weighted Nash solution would repeat the symmetric one
    assert [s.name for s in chosen_solutions(taiwan, "all")] == [n for n in SOLUTIONS if n != "weighted-nash"]
    assert [s.name for s in chosen_solutions(taiwan, "egalitarian")] == ["egalitarian"]
    with pytest.raises(InputError, match="unknown bargaining solution 'x'"):
        chosen_solutions(taiwan, "x")
    # at baseline no outcome gains jointly over (align, align)
    assert best_joint_gain(bargaining_setup(load_model("games/baseline.toml")).problem)[0] < 0


def test_every_grid_point_where_the_disagreement_point_is_no_equilibrium_is_named():
    m = load_model("games/baseline.toml")
    r = bargain_sweep(m, "T=0:0.5:6", "nash")
    expected = [pt.value for pt in r.points
                if bargaining_setup(m.with_values({"T": pt.value})).notes]  # what the single-point command says
    assert expected  # (align, align) is no equilibrium below T = 0.44
    ((values, note),) = r.warnings()
    assert list(values) == expected and "is not an equilibrium of the game" in note
    assert r.to_dict()["warnings"] == [{"at": [str(v) for v in expected], "message": note}]


def test_no_warning_where_there_is_nothing_to_say():
    assert bargain_sweep(load_model("games/baseline.toml"), "T=0.6:1:5", "nash").warnings() == []
