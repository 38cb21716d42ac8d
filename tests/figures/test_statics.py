"""Tests of :mod:`bargaining.figures.statics`: the bifurcation diagram, the regime map and the Sobol bars."""

from __future__ import annotations

from bargaining.io.gamefile import load_model
from bargaining.statics.grid import Grid
from bargaining.statics.regimes import regimes_1d, regions_2d
from bargaining.statics.sweep import run_sweep

BASELINE = "games/baseline.toml"

def test_plots_are_written(tmp_path):
    from bargaining.figures import statics as plots
    from bargaining.io.files import save_figure

    model = load_model(BASELINE)
    grid = Grid.from_specs(model, ["T=0:1:21"])
    result = run_sweep(grid)
    save_figure(plots.bifurcation(result, regimes_1d(result)), tmp_path / "b.png")
    grid2 = Grid.from_specs(model, ["T=0:1:11", "a=0:1:11"])
    result2 = run_sweep(grid2)
    save_figure(plots.regime_map(result2, regions_2d(result2)), tmp_path / "m.svg")
    assert (tmp_path / "b.png").read_bytes()[:4] == b"\x89PNG"
    assert "<svg" in (tmp_path / "m.svg").read_text()[:500]


def test_sobol_bars_order_the_parameters_by_total_effect():
    import bargaining as bg
    from bargaining.figures.statics import sobol_bars

    result = bg.sensitivity(BASELINE, samples=64)
    fig = sobol_bars(result)
    (ax,) = fig.axes
    labels = [t.get_text() for t in ax.get_yticklabels()]
    assert len(labels) == len(result.parameters) == 9
    assert labels[0] == "US/Western pressure (threat to balance) (T)"  # the largest total index first
    assert "(align, align)" in ax.get_title()
