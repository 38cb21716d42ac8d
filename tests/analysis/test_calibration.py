"""Tests of :mod:`bargaining.analysis.calibration`: the asymmetry a = (C - R) / (C + R) from the shipped data."""

from __future__ import annotations

from fractions import Fraction as F
from importlib import resources
from pathlib import Path

import pytest

from bargaining.analysis.calibration import asymmetry, calibrate, indicators, treaty_thresholds
from bargaining.analysis.scenarios import scenario
from bargaining.errors import InputError
from bargaining.io.gamefile import load_model

ROOT = Path(__file__).resolve().parents[2]
JUNIOR = ROOT / "games" / "junior_partner.toml"


@pytest.mark.parametrize(
    "basis, value",
    [("cinc", 0.727), ("milex_nmc", 0.513), ("milex_sipri", 0.462), ("gdp_wb", 0.817), ("milper_nmc", 0.490)],
)
def test_asymmetry_on_each_basis(basis, value):
    assert round(float(asymmetry(basis)), 3) == value


def test_asymmetry_is_exact_from_the_data():
    cinc = indicators()["cinc"]
    assert cinc.values["China"] == F("0.23062") and cinc.values["Russia"] == F("0.03647")
    assert asymmetry() == (F("0.23062") - F("0.03647")) / (F("0.23062") + F("0.03647"))


def test_unknown_basis_lists_the_known_ones():
    with pytest.raises(InputError, match="unknown basis 'pop'; bases: cinc, milex_nmc"):
        asymmetry("pop")


def test_data_ship_with_the_package_with_sources():
    text = resources.files("bargaining").joinpath("data/capabilities.csv").read_text(encoding="utf-8")
    assert text.startswith("indicator,year,unit,USA,China,Russia,source,confidence,url")
    for ind in indicators().values():
        assert ind.source and ind.url.startswith("https://") and ind.confidence in ("high", "medium", "low")


def test_the_basis_decides_junior_partner():
    c = calibrate(load_model(JUNIOR))
    assert c.reference.result.treaty_text() == "no: Russia blocks"
    assert c.row("gdp_wb").result.treaty_is_equilibrium is False
    for basis in ("cinc", "milex_nmc", "milper_nmc", "milex_sipri"):
        row = c.row(basis)
        assert row.result.treaty_is_equilibrium is True
        assert row.result.selection_rule == "payoff dominance"
    # Russia's asymmetry ceiling at T = 0.9: ((1 - lam)(T - w_R) - e_R - r) / j = 0.75 (docs/explanation/model.md)
    (t,) = c.thresholds
    assert (t.player, t.value, t.signs_below) == (0, F(3, 4), True)


def test_a_row_is_reproduced_by_set():
    c = calibrate(load_model(JUNIOR), ["cinc"])
    row = c.row("cinc")
    assert row.value == F("0.727")
    by_hand = scenario(load_model(JUNIOR, {"a": "0.727"}))
    assert by_hand.equilibria == row.result.equilibria


def test_thresholds_at_baseline_pressure():
    # at T = 0.6 Russia would sign only up to a = (0.5 * 0.45 - 0.15) / 0.3 = 1/4; China's refusal
    # does not depend on a, so it has no threshold
    (t,) = treaty_thresholds(load_model(ROOT / "games" / "baseline.toml"))
    assert (t.player, t.value) == (0, F(1, 4))


def test_missing_parameter():
    with pytest.raises(InputError, match="no parameter 'zz'"):
        calibrate(load_model(JUNIOR), parameter="zz")
