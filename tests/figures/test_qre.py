"""Figures of the logit QRE (bargaining.figures.qre): what is drawn, not how it looks."""

from __future__ import annotations

import numpy as np
import pytest

from bargaining.analysis.qre import qre_report
from bargaining.errors import InputError
from bargaining.figures.qre import qre_paths, qre_sweep_figure
from bargaining.io.gamefile import load_model
from bargaining.statics.qre_sweep import qre_sweep


def test_the_paths_are_the_outcome_probabilities_along_the_branch():
    r = qre_report(load_model("games/triangle/two_front.toml"), lambdas=[10])
    fig = qre_paths(r)
    ax = fig.axes[0]
    lines = {l.get_label(): l for l in ax.get_lines() if not l.get_label().startswith("_")}
    assert "treaty (Russia and China ally)" in lines and ax.get_xscale() == "log"
    treaty = lines["treaty (Russia and China ally)"].get_ydata()
    assert np.allclose(treaty, r.treaty_along()[np.asarray(r.path.lambdas) > 0])
    assert "equilibrium #3" in ax.get_title()


def test_sweep_figures_one_and_two_parameters():
    s = qre_sweep(load_model("games/taiwan_crisis.toml"), ["T=0.9:1:3"], 10, treaty="ally")
    ax = qre_sweep_figure(s).axes[0]
    assert [l.get_label() for l in ax.get_lines()][-1] == "treaty"
    s2 = qre_sweep(load_model("games/taiwan_crisis.toml"), ["T=0.9:1:2", "w_R=0.1:0.2:2"], 10, treaty="ally")
    fig = qre_sweep_figure(s2)
    assert len(fig.axes) == 2  # the map and its colour bar


def test_a_branch_too_short_to_draw():
    from dataclasses import replace

    r = qre_report(load_model("games/taiwan_crisis.toml"), lambdas=[1])
    short = replace(r, path=replace(r.path, lambdas=np.array([0.0, 1.0])))
    with pytest.raises(InputError, match="too few points"):
        qre_paths(short)
