"""The logit QRE at one precision over a grid (bargaining.statics.qre_sweep)."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings, strategies as st

from bargaining.errors import InputError
from bargaining.io.gamefile import load_model
from bargaining.statics.qre_sweep import qre_sweep


def _residual(game, sigma, lam) -> float:
    """How far the profile is from being a logit response to itself at precision lam."""
    U = game.float_tensors()
    n = len(U)
    worst = 0.0
    for i in range(n):
        T = U[i]
        for j in reversed([j for j in range(n) if j != i]):
            T = np.tensordot(T, sigma[j], axes=([j], [0])) if j > i else np.tensordot(T, sigma[j], axes=([j], [0]))
        v = np.asarray(T).reshape(-1)
        logit = np.exp(lam * (v - v.max()))
        logit /= logit.sum()
        worst = max(worst, float(np.abs(logit - sigma[i]).max()))
    return worst


@settings(max_examples=5, deadline=None)
@given(st.sampled_from([1.0, 5.0, 30.0]))
def test_each_point_is_a_logit_equilibrium_at_that_precision(lam):
    model = load_model("games/triangle/taiwan_crisis.toml")
    s = qre_sweep(model, ["D_R=0.2:0.5:4"], lam, treaty="ally")
    for pt in s.points:
        game = model.with_values({"D_R": pt.values[0]}).game()
        assert _residual(game, pt.profiles, lam) < 1e-9
        assert abs(pt.outcomes.sum() - 1) < 1e-12
        assert pt.treaty == pytest.approx(sum(pt.outcomes[:, 0, 0]))


def test_the_treaty_column_and_the_table():
    s = qre_sweep(load_model("games/taiwan_crisis.toml"), ["T=0.9:1:3"], 10, treaty="ally")
    df = s.to_pandas()
    assert list(df.columns[:3]) == ["T", "P(treaty)", "P(ally, ally)"]
    assert (df["P(treaty)"] == df["P(ally, ally)"]).all()
    assert s.to_dict()["lambda"] == 10.0


def test_no_treaty_without_two_signers():
    s = qre_sweep(load_model("games/baseline.toml"), ["T=0:1:2"], 1, treaty="engage")
    assert s.treaty is None and all(p.treaty is None for p in s.points)


def test_bad_precision():
    for lam in (0, -1, float("inf"), "x"):
        with pytest.raises(InputError, match="qre lambda"):
            qre_sweep(load_model("games/baseline.toml"), ["T=0:1:2"], lam)
