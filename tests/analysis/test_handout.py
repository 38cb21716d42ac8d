"""Tests of :mod:`bargaining.analysis.handout`: exercise sheets and thresholds (symbolic and numerical agree)."""

from fractions import Fraction as F
from pathlib import Path

import pytest

from bargaining.analysis.handout import handout, numeric_threshold, symbolic_threshold, threshold
from bargaining.errors import InputError
from bargaining.io.gamefile import load_model
from bargaining.io.nfg import parse_nfg

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def taiwan():
    return handout(load_model(ROOT / "games" / "taiwan_crisis.toml"), method="bisection")


def test_threshold_of_the_treaty_at_baseline_by_bisection():
    """The design note: T* = max_i (w_i + (e_i + r + J_i)/(1 - lam)) = 0.888, Russia binding (China's 0.680)."""
    t = numeric_threshold(load_model(ROOT / "games" / "baseline.toml"), "T", (0, 0))
    assert t.interval == (F(111, 125), F(1))
    bounds = {b.label: (b.relation, b.value) for b in t.bounds}
    assert bounds["Russia: ally rather than align"] == (">=", F(111, 125))
    assert bounds["China: ally rather than align"] == (">=", F(17, 25))
    assert [t.bounds[k].label for k in t.binding] == ["Russia: ally rather than align"]
    assert not t.at_file and t.method == "exact on a grid" and t.exact


@pytest.mark.parametrize("name", ["baseline", "taiwan_crisis", "detente"])
def test_symbolic_and_numerical_thresholds_agree(name):
    pytest.importorskip("sympy")
    model = load_model(ROOT / "games" / f"{name}.toml")
    exact = symbolic_threshold(model, "T", (0, 0))
    assert exact is not None and exact.method == "symbolic"
    numeric = numeric_threshold(model, "T", (0, 0))
    assert exact.interval == numeric.interval
    assert sorted((b.label, b.relation, b.value) for b in exact.bounds) == sorted(
        (b.label, b.relation, b.value) for b in numeric.bounds
    )


def test_threshold_default_profile_and_upper_bounds():
    # junior_partner: Russia would never sign on [0, 1], so the question moves to (align, align)
    t = threshold(load_model(ROOT / "games" / "junior_partner.toml"), method="bisection")
    assert t.profile == (1, 1) and t.interval == (F(11, 25), F(1))
    # (align, hedge) at baseline holds on a middle interval: one lower and one upper bound bind
    t = threshold(load_model(ROOT / "games" / "baseline.toml"), "T", (1, 2), method="bisection")
    assert t.interval == (F(3, 10), F(11, 25))
    assert sorted(t.bounds[k].relation for k in t.binding) == ["<=", ">="]


def test_threshold_edge_cases():
    assert threshold(parse_nfg('NFG 1 R "x" { "A" "B" } { 2 2 } 1 1 0 0 0 0 1 1')) is None
    with pytest.raises(InputError, match="unknown parameter 'tau'"):
        threshold(load_model(ROOT / "games" / "baseline.toml"), "tau")
    with pytest.raises(InputError, match="expected a profile such as"):
        handout(load_model(ROOT / "games" / "baseline.toml"), profile=("ally", "nothing"))


POWER_GAME = """title = "power"
players = ["A", "B"]
[strategies]
A = ["ally", "hedge"]
B = ["ally", "hedge"]
[parameters]
T = { value = 0.5, min = 0, max = 1 }
x = { value = 0.5, min = 0, max = 1 }
k = { value = 2, min = 2, max = 2 }
[payoffs]
A = [["T^k + x^2 - x^2", "1"], ["0.5", "0"]]
B = [["x^2", "0.5"], ["1", "0"]]
"""


@pytest.fixture
def power_game(tmp_path):
    path = tmp_path / "power.toml"
    path.write_text(POWER_GAME)
    return path


@pytest.mark.parametrize("name, values, message", [
    ("T", {"k": "2", "x": "0"}, None),  # T decides (ally, ally) through T^k: a sheet
    ("k", {}, "k has the one value 2 in its range"),  # a constant power
    ("T", {"x": "0", "T": "0.5"}, None),
])
def test_a_constant_power_gives_a_sheet_or_one_clear_error(power_game, name, values, message):
    model = load_model(power_game).with_values({n: F(v) for n, v in values.items()})
    if message is None:
        h = handout(model, parameter=name)
        assert h.threshold is not None and h.threshold.parameter == name
    else:
        with pytest.raises(InputError, match=message) as info:
            handout(model, parameter=name)
        assert "\n" not in str(info.value) and "power.toml" in str(info.value)


def test_a_parameter_the_payoffs_do_not_depend_on_is_refused_by_name(tmp_path):
    path = tmp_path / "flat.toml"
    path.write_text(POWER_GAME.replace("T^k + x^2 - x^2", "x^2"))
    with pytest.raises(InputError, match="no pure profile turns into or out of an equilibrium as T runs"):
        handout(load_model(path), parameter="T")


def test_the_bounds_are_formulas_in_the_game_parameters(taiwan):
    t = taiwan.threshold
    formulas = {b.label: b.formula for b in t.bounds}
    assert formulas["Russia: ally rather than align"] == "(a*j + e_R + r + w_R - lam*w_R)/(1 - lam)"
    assert formulas["China: ally rather than align"] == "(e_C + r + w_C - lam*w_C)/(1 - lam)"
    cells = {(c.player, c.profile): c.formula for c in t.cells}
    assert cells[("Russia", "(ally, ally)")] == "T - a*j - e_R - r - w_R"
    assert len(t.cells) == 6  # each player's payoff at the profile and at each deviation
