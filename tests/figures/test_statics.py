"""Tests of :mod:`bargaining.figures.statics`: the bifurcation diagram, the regime map and the Sobol bars."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import numpy as np
import pytest
from matplotlib.colors import to_hex

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


# ----------------------------------------------------------------------------- colours, boundaries, degeneracy, labels

NAMES = (("ally", "align", "hedge"),) * 2


def _permuted(result, order):
    """The same sweep with its sets numbered in another order (``order[k]``: the old code of the new set k)."""
    new_code = np.empty(len(order), dtype=np.int32)
    new_code[list(order)] = np.arange(len(order))
    return dataclasses.replace(result, sets=tuple(result.sets[k] for k in order), codes=new_code[result.codes])


def _map_colours(fig, result):
    """The colour the regime map's cells give each set, by key, read from the image and its colour map."""
    from bargaining.render.palette import set_key

    (ax,) = fig.axes
    (image,) = [im for im in ax.get_images() if im.get_gid() == "regions"]
    data = np.asarray(image.get_array())
    out = {}
    for code in np.unique(data):
        rgba = image.cmap(image.norm(code))
        out[set_key(result.sets[int(code)], NAMES)] = to_hex(rgba)
    return out


@pytest.fixture(scope="module")
def baseline_map():
    model = load_model(BASELINE)
    result = run_sweep(Grid.from_specs(model, ["T=0:1:21", "a=0:1:21"]))
    return result, regions_2d(result)


def test_a_set_has_the_same_colour_whatever_order_the_sweep_meets_it(baseline_map):
    from bargaining.figures.statics import regime_map

    result, report = baseline_map
    order = list(reversed(range(len(result.sets))))
    other = _permuted(result, order)
    one = _map_colours(regime_map(result, report), result)
    two = _map_colours(regime_map(other, regions_2d(other)), other)
    assert one == two and len(set(one.values())) == len(one) >= 4


def test_the_map_and_the_explorer_colour_a_set_alike(baseline_map):
    from bargaining.figures.statics import regime_map
    from bargaining.server.regime import regime_map as explorer_map
    from bargaining.server.sliders import slider

    result, report = baseline_map
    figure = _map_colours(regime_map(result, report), result)
    model = load_model(BASELINE)
    out = explorer_map(model, slider(model.parameters["T"]), slider(model.parameters["a"]), size=21)
    explorer = {s["key"]: s["colour"].lower() for s in out["sets"] if not s["degenerate_only"]}
    assert figure == explorer


def test_the_diagram_shades_each_regime_in_its_sets_colour_and_its_lines_agree():
    from bargaining.figures.statics import bifurcation
    from bargaining.render.palette import colour_of, set_key

    result = run_sweep(Grid.from_specs(load_model(BASELINE), ["T=0:1:41"]))
    report = regimes_1d(result)
    fig = bifurcation(result, report)
    ax = fig.axes[0]
    shades = [to_hex(p.get_facecolor()) for p in ax.patches if p.get_gid() == "regime"]
    keys = [set_key(r.set, NAMES) for r in report.regimes]
    expected = colour_of(keys)
    assert shades == [expected[k].lower() for k in keys]
    lines = {ln.get_label(): to_hex(ln.get_color()) for ln in ax.get_lines() if not ln.get_label().startswith("_")}
    assert lines["(hedge, hedge)"] == expected["(hedge, hedge)"].lower()  # a set of one equilibrium: its line
    assert lines["(align, align)"] == expected["(align, align)"].lower()


def _expressions(model, x, y):
    """Closed forms of the baseline's ties (docs/explanation/model.md), other parameters at the file's values."""
    v = {k: float(p.value) for k, p in model.parameters.items()}

    def at(name, X, Y):
        return X if name == x else (Y if name == y else v[name])

    def g_r(X, Y):  # Russia's treaty condition G_R = (1 - lam)(T - w_R) - e_R - r - j*a
        g = {n: at(n, X, Y) for n in v}
        return (1 - g["lam"]) * (g["T"] - g["w_R"]) - g["e_R"] - g["r"] - g["j"] * g["a"]

    def g_c(X, Y):  # China's: (1 - lam)(T - w_C) - e_C - r
        g = {n: at(n, X, Y) for n in v}
        return (1 - g["lam"]) * (g["T"] - g["w_C"]) - g["e_C"] - g["r"]

    def russia_aligns(X, Y):  # T*lam/2 - lam*w_R: align against hedge
        g = {n: at(n, X, Y) for n in v}
        return g["T"] / 2 - g["w_R"]

    def china_aligns(X, Y):
        g = {n: at(n, X, Y) for n in v}
        return g["T"] / 2 - g["w_C"]

    return {"G_R": g_r, "G_C": g_c, "Russia aligns": russia_aligns, "China aligns": china_aligns}


@pytest.mark.parametrize("specs", [["T=0:1:31", "a=0:1:31"], ["T=0:1:31", "lam=0.3:0.8:31"]])
def test_the_drawn_boundaries_lie_on_the_closed_form_ties(specs):
    """Every vertex of every drawn boundary is on one of the closed-form ties, and the treaty line is drawn."""
    import bargaining as bg
    from bargaining.figures.statics import regime_map

    study = bg.sweep(BASELINE, vary=specs)
    model = load_model(BASELINE)
    x, y = (s.partition("=")[0] for s in specs)
    exprs = _expressions(model, x, y)
    fig = regime_map(study.result, study.report, study.boundary_curves())
    (ax,) = fig.axes
    drawn = [ln for ln in ax.get_lines() if ln.get_gid() == "exact-boundary"]
    assert drawn
    found = set()
    for ln in drawn:
        pts = ln.get_path().vertices
        assert len(pts) >= 2
        on = [name for name, f in exprs.items() if np.max(np.abs(f(pts[:, 0], pts[:, 1]))) < 1e-9]
        assert on, f"a drawn line on no tie: {pts[:3]}"
        found |= set(on)
    assert {"G_R", "Russia aligns", "China aligns"} <= found
    # the treaty line runs finely from its junction with T = 0.68 (or the bottom edge) to the right edge
    g_r = [ln.get_path().vertices for ln in drawn if np.max(np.abs(exprs["G_R"](*ln.get_path().vertices.T))) < 1e-9]
    pts = np.concatenate(g_r)
    assert len(pts) > 100 and pts[:, 0].max() == pytest.approx(1.0) and pts[:, 0].min() < 0.7
    assert np.max(np.diff(np.sort(pts[:, 0]))) < 1 / 100  # finer than the grid's 1/30


def test_a_tie_that_changes_nothing_draws_no_line():
    """China's treaty condition G_C = 0 (T = 0.68) is a boundary only below the treaty line, where Russia signs."""
    import bargaining as bg
    from bargaining.figures.statics import regime_map

    study = bg.sweep(BASELINE, vary=["T=0:1:31", "a=0:1:31"])
    fig = regime_map(study.result, study.report, study.boundary_curves())
    (ax,) = fig.axes
    at_068 = [ln.get_path().vertices for ln in ax.get_lines()
              if ln.get_gid() == "exact-boundary" and np.allclose(ln.get_path().vertices[:, 0], 0.68)]
    assert at_068
    top = max(p[:, 1].max() for p in at_068)
    assert abs(top - 0.383) < 0.01  # G_R = 0 at T = 0.68: a = (0.5 * 0.53 - 0.15) / 0.3 = 0.3833


def test_degenerate_grid_points_paint_no_cells_in_the_map(baseline_map):
    from bargaining.figures.statics import regime_map

    result, report = baseline_map
    fig = regime_map(result, report)
    (ax,) = fig.axes
    (image,) = [im for im in ax.get_images() if im.get_gid() == "regions"]
    boundary = {r.code for r in report.regions if r.degenerate_points == r.points}
    assert boundary  # T = 0.3 and 0.44 lie on this grid
    assert not np.isin(np.asarray(image.get_array()), list(boundary)).any()
    dots = [ln for ln in ax.get_lines() if ln.get_gid() == "degenerate-points"]
    assert dots and len(dots[0].get_xdata()) == sum(r.points for r in report.regions if r.code in boundary)
    assert any("degenerate" in t.get_text() for t in ax.get_legend().get_texts())


def test_degenerate_grid_points_draw_no_band_in_the_diagram():
    """T = 0.3, 0.44 and 111/125 lie on the grid: thin lines and markers, no span of their own."""
    from bargaining.figures.statics import bifurcation

    result = run_sweep(Grid.from_specs(load_model(BASELINE), ["T=0:1:126"]))
    report = regimes_1d(result)
    assert result.degenerate.sum() >= 3
    fig = bifurcation(result, report)
    spacing = 1 / 125
    for ax in fig.axes:
        if not ax.get_visible():
            continue
        for p in ax.patches:
            x0, x1 = p.get_path().get_extents(p.get_patch_transform()).intervalx
            assert x1 - x0 > 2 * spacing  # regimes only, none a grid cell wide
        lines = [ln for ln in ax.get_lines() if ln.get_gid() in ("boundary", "degenerate-inside")]
        assert lines and all(ln.get_linewidth() <= 1.5 for ln in lines)
        # the mixed equilibrium (Russia ally/align, China ally) exists only at T = 111/125: a marker, no line
        for ln in ax.get_lines():
            if ln.get_linestyle() == "-" and ln.get_label().startswith("mixed (Russia ally/align; China ally)"):
                assert np.isfinite(np.asarray(ln.get_ydata(), float)).sum() <= 1
    markers = [ln for ax in fig.axes for ln in ax.get_lines() if ln.get_gid() == "degenerate-point"]
    assert markers and all(np.allclose(ln.get_xdata(), 111 / 125) for ln in markers)
    texts = [t.get_text() for leg in fig.legends for t in leg.get_texts()]
    assert sum("degenerate" in t for t in texts) >= 2


def _labels(fig):
    out = []
    for ax in fig.axes:
        out += [ax.get_xlabel(), ax.get_ylabel(), ax.get_title()]
        out += [t.get_text() for t in ax.get_yticklabels() + ax.get_xticklabels()]
    out += [t.get_text() for t in fig.texts]
    return [t for t in out if t]


def test_no_label_doubles_its_parentheses(tmp_path):
    """Labels wrapped in parentheses in the file: every axis label of every figure reads them once."""
    import bargaining as bg
    from bargaining.figures import bargain as bargain_figures, qre as qre_figures
    from bargaining.figures.statics import bifurcation, regime_map, sobol_bars

    base = (load_model(BASELINE).source or BASELINE)
    game = tmp_path / "labels.toml"
    game.write_text(
        f'extends = "{Path(base).resolve()}"\n[parameters]\n'
        'T = { value = 0.6, min = 0, max = 1, label = "(pressure (threat))" }\n'
        'a = { value = 0.73, min = 0, max = 1, label = "((asymmetry))" }\n'
    )
    one = bg.sweep(str(game), vary=["T=0:1:11"])
    two = bg.sweep(str(game), vary=["T=0:1:6", "a=0:1:6"])
    figs = [bifurcation(one.result, one.report), regime_map(two.result, two.report, two.boundary_curves()),
            sobol_bars(bg.sensitivity(str(game), samples=16))]
    q = bg.qre(str(game), vary=["T=0:1:3"], lam=2.0)
    figs.append(qre_figures.qre_sweep_figure(q))
    b = bg.bargain(str(game), vary="T=0.6:1:3")
    figs.append(bargain_figures.plot_sweep(b))
    labels = [t for f in figs for t in _labels(f)]
    assert any("pressure (threat) (T)" in t for t in labels) and any("asymmetry (a)" in t for t in labels)
    bad = [t for t in labels if "((" in t or "))" in t]
    assert not bad, bad
