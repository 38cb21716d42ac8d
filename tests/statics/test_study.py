"""Tests of :mod:`bargaining.statics.study`: a finished sweep, with regimes along one parameter or regions over two."""

from __future__ import annotations

import json
from fractions import Fraction as F

import bargaining as bg
from bargaining.statics.regimes import RegimeReport, RegionReport

BASELINE = "games/baseline.toml"


def test_one_parameter_has_regimes_and_boundaries():
    s = bg.sweep(BASELINE, vary={"T": (0, 1, 11)})
    assert isinstance(s.report, RegimeReport) and s.grid.size == 11
    assert [b.value for b in s.boundaries] == [F(3, 10), F(11, 25), F(111, 125)]
    assert len(s.regimes) == 4 and s.regimes == s.report.regimes
    d = json.loads(json.dumps(s.to_dict()))
    assert "regimes" in d and "regions" not in d and d["summary"]["points"] == 11


def test_two_parameters_have_regions_and_no_regimes():
    s = bg.sweep(BASELINE, vary=["T=0:1:5", "a=0:1:3"])
    assert isinstance(s.report, RegionReport)
    assert s.regimes == () and s.boundaries == ()
    d = s.to_dict()
    assert "regions" in d and "regimes" not in d
    assert sum(r["points"] for r in d["regions"]["regions"]) == 15


def test_the_tidy_table_has_a_row_per_point_and_equilibrium():
    s = bg.sweep(BASELINE, vary={"T": (0, 1, 11)})
    df = s.to_pandas()
    assert len(df) == s.result.equilibria and set(df["T"]) == {k / 10 for k in range(11)}


def test_boundary_curves_only_over_two_parameters():
    assert bg.sweep(BASELINE, vary={"T": (0, 1, 11)}).boundary_curves() == ()
    curves = bg.sweep(BASELINE, vary=["T=0:1:11", "a=0:1:11"]).boundary_curves(resolution=100)
    assert "a = 5*T/3 - 3/4" in [c.equation for c in curves]
