"""How likely each outcome is under beliefs (:mod:`bargaining.analysis.outlook`), against an independent oracle."""

from __future__ import annotations

import numpy as np
import pytest

from bargaining.analysis.outlook import outlook
from bargaining.errors import InputError
from bargaining.io.gamefile import load_model

TAIWAN = "games/taiwan_crisis.toml"


def closed_form_treaty_probability(n=400000, seed=123):
    """P((ally, ally) is an equilibrium) for the Taiwan crisis at ±10%, from the model's closed forms.

    (ally, ally) is an equilibrium iff, for both, ally beats align (G_i >= 0) and ally beats hedge
    (H_i >= 0); T is truncated to its range [0, 1] by rejection, the others stay inside theirs.
    """
    rng = np.random.default_rng(seed)
    base = dict(T=1.0, lam=0.5, w_R=0.1, w_C=0.1, e_R=0.12, e_C=0.18, a=0.73, j=0.3, r=0.05)
    v = {k: x * (1 + rng.uniform(-0.1, 0.1, n)) for k, x in base.items()}
    keep = v["T"] <= 1
    v = {k: x[keep] for k, x in v.items()}
    G_R = (1 - v["lam"]) * (v["T"] - v["w_R"]) - v["e_R"] - v["r"] - v["j"] * v["a"]
    G_C = (1 - v["lam"]) * (v["T"] - v["w_C"]) - v["e_C"] - v["r"]
    H_R = v["T"] * (1 - v["lam"] / 2) - v["w_R"] - v["e_R"] - v["r"] - v["j"] * v["a"]
    H_C = v["T"] * (1 - v["lam"] / 2) - v["w_C"] - v["e_C"] - v["r"]
    return float(((G_R >= 0) & (G_C >= 0) & (H_R >= 0) & (H_C >= 0)).mean())


def test_the_treaty_probability_agrees_with_the_closed_forms():
    o = outlook(load_model(TAIWAN), draws=10000, seed=0, samples=0)
    truth = closed_form_treaty_probability()
    lo, hi = o.outcome_equilibrium.interval
    assert lo - 0.003 <= truth <= hi + 0.003  # the oracle's own s.e. is about 0.0006
    assert abs(truth - 0.843) < 0.005
    # the treaty is selected (payoff-dominant) exactly where it is an equilibrium
    assert o.outcome_selected.count == o.outcome_equilibrium.count
    assert sum(p.count for p in o.selected) == sum(p.count for p in o.sets) == 10000


def test_intervals_and_standard_errors():
    o = outlook(load_model(TAIWAN), draws=2000, seed=3, samples=0)
    for p in o.selected + o.sets:
        lo, hi = p.interval
        assert 0 <= lo <= p.share <= hi <= 1
        assert p.standard_error == pytest.approx((p.share * (1 - p.share) / 2000) ** 0.5)
    assert o.reference_selected == "(ally, ally)" and o.outcome == "(ally, ally)"


def test_the_ranking_of_the_taiwan_crisis_is_the_same_for_several_seeds():
    ranks = []
    for seed in (0, 1, 2):
        o = outlook(load_model(TAIWAN), draws=1000, seed=seed)
        ranks.append(dict(o.sobol.ranking()))
    assert ranks[0] == ranks[1] == ranks[2]
    assert ranks[0]["lam"] == 1 and ranks[0]["T"] == ranks[0]["a"] == ranks[0]["j"] == 2
    assert ranks[0]["w_C"] == ranks[0]["e_C"] == 8


def test_other_outcomes_and_errors():
    o = outlook(load_model("games/baseline.toml"), draws=500, samples=0, outcome="align,align")
    assert o.outcome == "(align, align)" and o.outcome_selected.share == 1.0
    with pytest.raises(InputError, match="positive number of draws"):
        outlook(load_model(TAIWAN), draws=0)
    with pytest.raises(InputError, match="not a strategy of China"):
        outlook(load_model(TAIWAN), draws=10, outcome="ally,treaty")


def test_same_seed_same_figures():
    a = outlook(load_model(TAIWAN), draws=300, seed=9, samples=64)
    b = outlook(load_model(TAIWAN), draws=300, seed=9, samples=64)
    assert a.to_dict() == b.to_dict()
