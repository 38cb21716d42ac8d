"""Robustness under beliefs (:mod:`bargaining.analysis.robustness`): resampled inside the ranges, not clipped."""

from __future__ import annotations

import dataclasses
from fractions import Fraction as F

import numpy as np

from bargaining.analysis.robustness import perturbations, robustness, wilson_interval
from bargaining.io.gamefile import load_model
from bargaining.statics.uncertainty import BeliefSpec


def test_no_draw_is_put_on_the_bound():
    m = load_model("games/taiwan_crisis.toml")  # T = 1 is the top of its range
    draws = perturbations(m, F(1, 10), 2000, np.random.default_rng(0))
    assert sum(d["T"] == 1 for d in draws) <= 2
    assert all(F(9, 10) <= d["T"] <= 1 for d in draws)


def test_the_resampled_figure_of_the_taiwan_crisis():
    # clipping reported 90.7% (half the draws at T = 1); inside the range the probability is 0.843
    r = robustness(load_model("games/taiwan_crisis.toml"), F(1, 10), draws=4000, seed=1)
    lo, hi = r.interval
    assert lo <= 0.843 <= hi and hi < 0.88


def test_the_exact_method_path_and_a_floating_method_agree():
    m = load_model("games/nato_escalation.toml")
    a = robustness(m, F(1, 10), draws=60, seed=5)
    b = robustness(m, F(1, 10), draws=60, seed=5, method="support-enumeration")
    assert a.sets == b.sets and a.selected == b.selected


def test_stated_beliefs_replace_the_default():
    m = load_model("games/taiwan_crisis.toml")
    m = dataclasses.replace(m, uncertainty={"lam": BeliefSpec("lam", "fixed"), "T": BeliefSpec("T", "fixed")})
    r = robustness(m, F(1, 10), draws=200, seed=0)
    assert "T" not in r.perturbed and "lam" not in r.perturbed
    assert r.stated == ("T", "lam")
    assert r.reference_share > 0.9  # the largest movers held


def test_wilson_interval():
    assert wilson_interval(0, 100)[0] == 0.0 and wilson_interval(100, 100)[1] == 1.0
    lo, hi = wilson_interval(50, 100)
    assert abs((lo + hi) / 2 - 0.5) < 1e-12 and 0.4 < lo < hi < 0.6
