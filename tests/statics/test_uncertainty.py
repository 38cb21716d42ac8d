"""Beliefs about the parameters (:mod:`bargaining.statics.uncertainty`): each distribution, truncated, read exactly."""

from __future__ import annotations

from fractions import Fraction as F

import numpy as np
import pytest
from scipy import stats

from bargaining.errors import InputError
from bargaining.io.gamefile import load_model
from bargaining.model import Parameter
from bargaining.statics.uncertainty import BeliefSpec, beliefs, read_uncertainty

TAIWAN = "games/taiwan_crisis.toml"


def test_the_default_resamples_inside_the_range_instead_of_clipping():
    # T = 1 is the top of its range: a clipped draw would put half the mass exactly on T = 1
    b = beliefs(load_model(TAIWAN))
    T = b.draw(20000, np.random.default_rng(0))["T"]
    assert T.max() <= 1 and T.min() >= 0.9
    assert (T == 1).mean() < 0.001
    # the truncated uniform on [0.9, 1]: its mean is 0.95, not the clipped one's 0.975
    assert abs(T.mean() - 0.95) < 0.002
    assert stats.kstest(T, stats.uniform(0.9, 0.1).cdf).pvalue > 0.001


@pytest.mark.parametrize("entry, reference", [
    ({"distribution": "normal", "mean": 0.5, "sd": 0.2},
     stats.truncnorm((0.3 - 0.5) / 0.2, (0.8 - 0.5) / 0.2, 0.5, 0.2)),
    ({"distribution": "triangular", "low": 0.2, "mode": 0.7, "high": 0.9},
     None),  # truncated below at 0.3: compared with rejection sampling below
    ({"distribution": "beta", "alpha": 2, "beta": 5}, stats.beta(2, 5, loc=0.3, scale=0.5)),
])
def test_draws_follow_the_truncated_distribution(entry, reference):
    params = {"lam": Parameter("lam", F(1, 2), F(3, 10), F(4, 5))}
    m = read_uncertainty({"lam": entry}, params)["lam"].marginal(params["lam"])
    x = m.ppf(np.random.default_rng(1).random(20000))
    assert x.min() >= 0.3 and x.max() <= 0.8
    if reference is None:
        raw = stats.triang((0.7 - 0.2) / 0.7, loc=0.2, scale=0.7).rvs(60000, random_state=2)
        raw = raw[(raw >= 0.3) & (raw <= 0.8)]  # rejection: what truncation means
        assert stats.ks_2samp(x, raw).pvalue > 0.001
    else:
        assert stats.kstest(x, reference.cdf).pvalue > 0.001


def test_numbers_left_out_follow_the_parameter_value():
    # a normal belief without a mean is centred on the value, also after --set
    params = {"lam": Parameter("lam", F(1, 2), F(3, 10), F(4, 5))}
    spec = read_uncertainty({"lam": {"distribution": "normal", "sd": 0.05}}, params)["lam"]
    assert spec.marginal(params["lam"]).numbers["mean"] == F(1, 2)
    moved = Parameter("lam", F(3, 5), F(3, 10), F(4, 5))
    assert spec.marginal(moved).numbers["mean"] == F(3, 5)
    spread = BeliefSpec("lam", "uniform", {"spread": F(1, 5)})
    assert (spread.marginal(moved).lower, spread.marginal(moved).upper) == (F(12, 25), F(18, 25))


def test_a_zero_value_stays_zero_and_fixed_stays_fixed():
    m = load_model("games/two_front.toml").with_values({"r": 0})
    b = beliefs(m)
    assert "r" not in b.names and b.fixed["r"] == 0
    spec = read_uncertainty({"T": "fixed"}, m.parameters)
    assert spec["T"].marginal(m.parameters["T"]).fixed


def test_range_default_is_the_whole_range():
    b = beliefs(load_model("games/baseline.toml"), default="range")
    assert [(m.lower, m.upper) for m in b.drawn][:2] == [(F(0), F(1)), (F(3, 10), F(4, 5))]


@pytest.mark.parametrize("entry, message", [
    ({"distribution": "lognormal"}, "unknown distribution 'lognormal'"),
    ({"distribution": "normal"}, "a normal distribution needs sd"),
    ({"distribution": "normal", "sd": -1}, "uncertainty.T.sd: expected a positive number"),
    ({"distribution": "uniform", "low": 0.5, "high": 0.2}, "expected low < high"),
    ({"distribution": "uniform", "low": 2, "high": 3}, "lies outside the range of T"),
    ({"distribution": "uniform", "spread": 0.1, "low": 0}, "give low and high, or spread, not both"),
    ({"distribution": "triangular", "low": 0, "mode": 2, "high": 1}, "expected low <= mode <= high"),
    ({"distribution": "normal", "mean": 40, "sd": 0.1}, "no probability inside the range"),
    ({"distribution": "beta", "alpha": 1, "beta": 1, "mean": 3}, "a beta distribution takes alpha, beta, low, high"),
    ({"distribution": "uniform", "high": "x"}, "uncertainty.T.high"),
])
def test_bad_entries_name_the_place(entry, message):
    params = {"T": Parameter("T", F(1, 2), F(0), F(1))}
    with pytest.raises(InputError, match=message.replace("(", r"\(").replace(")", r"\)")):
        read_uncertainty({"T": entry}, params, "x.toml")


def test_unknown_parameter():
    with pytest.raises(InputError, match="'tau' is not a parameter"):
        read_uncertainty({"tau": "fixed"}, {"T": Parameter("T", F(1))})
