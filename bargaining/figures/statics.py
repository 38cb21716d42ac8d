"""Figures for sweeps and sensitivity analysis: bifurcation diagram, regime map, Sobol bars.

Each function takes a finished result and returns a matplotlib
:class:`~matplotlib.figure.Figure`, made without pyplot (no global state, no
display); :func:`bargaining.io.files.save_figure` writes it (the format
follows the suffix: .png, .svg or .pdf). matplotlib is imported inside the
functions so that importing this module costs nothing.

- :func:`bifurcation`: one varied parameter. One panel per player and
  strategy shows the probability of that strategy in every equilibrium against
  the parameter; each line is one branch of equilibria (a pure profile or a
  mixed equilibrium with given supports), and dashed lines mark the regime
  boundaries with their values (Kuznetsov, *Elements of Applied Bifurcation
  Theory*, 2004, for the diagram; here the "branches" are equilibria).
- :func:`regime_map`: two varied parameters. Each region of the grid with the
  same equilibrium set is coloured and labelled, with a legend in words; the
  file's own parameter values are marked with a star.
- :func:`sobol_bars`: first-order and total Sobol indices with their
  confidence intervals (Saltelli et al., *Global Sensitivity Analysis: The
  Primer*, 2008).
"""

from __future__ import annotations

import textwrap
from typing import TYPE_CHECKING

import numpy as np

from bargaining.numbers import exact

if TYPE_CHECKING:  # pragma: no cover
    from bargaining.statics.regimes import RegimeReport, RegionReport
    from bargaining.statics.sensitivity import SensitivityResult
    from bargaining.statics.sweep import SweepResult

__all__ = ["bifurcation", "regime_map", "sobol_bars"]

_COLOURS = [
    "#1b9e77",
    "#d95f02",
    "#7570b3",
    "#e7298a",
    "#66a61e",
    "#e6ab02",
    "#a6761d",
    "#1f78b4",
    "#b2df8a",
    "#fb9a99",
]
_LIGHT = ["#b3e2cd", "#fdcdac", "#cbd5e8", "#f4cae4", "#e6f5c9", "#fff2ae", "#f1e2cc", "#cccccc", "#a6cee3", "#fddaec"]


def _figure(**kwargs):
    """A new figure, independent of pyplot's global state (no backend, nothing to close)."""
    from matplotlib.figure import Figure

    return Figure(**kwargs)


def bifurcation(result: "SweepResult", report: "RegimeReport"):
    """Draw each player's equilibrium probabilities against the varied parameter."""
    grid = result.grid
    model = grid.model
    axis = grid.axes[0]
    t = axis.floats()
    players, strategies = model.players, model.strategies
    m, n = len(strategies[0]), len(strategies[1])
    xbits = (result.x > 0) @ (1 << np.arange(m))
    ybits = (result.y > 0) @ (1 << np.arange(n))
    branches = []  # distinct (xbits, ybits), in order of first appearance
    for key in zip(xbits.tolist(), ybits.tolist()):
        if key not in branches:
            branches.append(key)
    # pure branches first, then mixed, so that the legend reads like the table
    from bargaining.solution import EquilibriumSet

    order = EquilibriumSet(tuple(branches)).pairs
    cols = max(m, n)
    fig = _figure(figsize=(3.6 * cols, 6.4))
    axes = fig.subplots(2, cols, sharex=True, sharey=True, squeeze=False)
    handles = {}
    for b, key in enumerate(order):
        rows = np.flatnonzero((xbits == key[0]) & (ybits == key[1]))
        pts = result.point[rows]
        colour = _COLOURS[b % len(_COLOURS)]
        label = EquilibriumSet((key,)).describe(players, strategies)
        for p, (probs, size) in enumerate(((result.x, m), (result.y, n))):
            for s in range(size):
                ax = axes[p][s]
                series = np.full(len(t), np.nan)
                series[pts] = probs[rows, s]
                # where branches overlap (all at 0, say), the earlier ones are drawn wider
                # underneath, so every one stays visible without moving any value
                width = 2.0 + (5.0 * (len(order) - 1 - b) / (len(order) - 1) if len(order) > 1 else 0.0)
                single = np.isfinite(series).sum() <= 2
                (line,) = ax.plot(
                    t, series, "-", color=colour, lw=width, marker="o" if single else None,
                    ms=width + 2, label=label, zorder=2 + b, solid_capstyle="butt",
                )
                handles[label] = line
    for p in range(2):
        size = (m, n)[p]
        for s in range(cols):
            ax = axes[p][s]
            if s >= size:
                ax.set_visible(False)
                continue
            ax.set_title(f"{players[p]} plays {strategies[p][s]}", fontsize=11, pad=22 if p == 0 else 6)
            ax.set_ylim(-0.08, 1.08)
            ax.set_yticks([0, 0.25, 0.5, 0.75, 1])
            ax.grid(alpha=0.3)
            for k, b in enumerate(report.boundaries):
                ax.axvline(float(b.value), color="0.35", ls=(0, (4, 3)), lw=1)
                if p == 0:
                    ax.annotate(
                        exact(b.value) if b.exact else f"≈{float(b.value):.4g}",
                        (float(b.value), 1.08),
                        xytext=(0, 2),
                        textcoords="offset points",
                        ha="center",
                        va="bottom",
                        rotation=90,
                        fontsize=8,
                        color="0.25",
                    )
            if s == 0:
                ax.set_ylabel("probability in equilibrium")
    fig.supxlabel(f"{axis.label} ({axis.name})" if axis.label else axis.name, fontsize=11)
    fig.suptitle(f"{model.title}: equilibria as {axis.name} varies", fontsize=13, y=1.03)
    fig.legend(
        list(handles.values()),
        list(handles.keys()),
        loc="lower center",
        bbox_to_anchor=(0.5, -0.1),
        ncol=min(3, len(handles)),
        frameon=False,
        title="each line is one equilibrium; dashed lines: boundaries between regimes (values on top)",
        title_fontsize=9,
    )
    return fig


# ----------------------------------------------------------------------------- regime map


def regime_map(result: "SweepResult", report: "RegionReport"):
    """Colour the grid of a two-parameter sweep by equilibrium set, label the regions, mark the file's point."""
    from matplotlib.colors import ListedColormap
    from matplotlib.patches import Patch
    from scipy import ndimage

    grid = result.grid
    model = grid.model
    ax0, ax1 = grid.axes
    players, strategies = model.players, model.strategies
    codes = result.codes
    # regions made only of degenerate points are boundary lines that the grid happens to hit
    boundary_codes = {r.code for r in report.regions if r.degenerate_points == r.points}
    regular = [r for r in report.regions if r.code not in boundary_codes]
    rank = np.full(len(result.sets), -1)
    for k, r in enumerate(regular):
        rank[r.code] = k
    image = rank[codes].astype(float)
    image[np.isin(codes, list(boundary_codes))] = len(regular)
    palette = [_LIGHT[k % len(_LIGHT)] for k in range(len(regular))] + ["#333333"]
    x0, x1 = float(ax0.start), float(ax0.stop)
    y0, y1 = float(ax1.start), float(ax1.stop)
    dx = (x1 - x0) / (ax0.num - 1) / 2
    dy = (y1 - y0) / (ax1.num - 1) / 2

    fig = _figure(figsize=(9, 7))
    ax = fig.subplots()
    ax.imshow(
        image.T,
        origin="lower",
        extent=(x0 - dx, x1 + dx, y0 - dy, y1 + dy),
        aspect="auto",
        cmap=ListedColormap(palette),
        vmin=-0.5,
        vmax=len(palette) - 0.5,
        interpolation="nearest",
    )
    # region outlines
    xs = np.linspace(x0, x1, ax0.num)
    ys = np.linspace(y0, y1, ax1.num)
    for code in np.unique(codes):
        ax.contour(xs, ys, (codes == code).T.astype(float), levels=[0.5], colors="0.3", linewidths=0.8)
    # a label in the widest part of each region
    for k, r in enumerate(regular):
        mask = np.pad(codes == r.code, 1)
        dist = ndimage.distance_transform_edt(mask)[1:-1, 1:-1]
        # the widest spot, and among equally wide ones the most central
        ii, jj = np.nonzero(codes == r.code)
        ci, cj = ii.mean(), jj.mean()
        I, J = np.indices(dist.shape)
        score = dist - 1e-3 * np.hypot(I - ci, J - cj)
        i, j = np.unravel_index(np.argmax(np.where(codes == r.code, score, -np.inf)), dist.shape)
        text = "\n".join(textwrap.wrap(r.set.describe(players, strategies, short=True), 22))
        ax.text(
            xs[i],
            ys[j],
            f"{k + 1}: {text}",
            ha="center",
            va="center",
            fontsize=9,
            bbox=dict(boxstyle="round,pad=0.3", fc="white", ec="0.5", alpha=0.85),
        )
    # the file's own point
    fx, fy = (float(v) for v in report.file_point)
    name = model.source.rsplit("/", 1)[-1] if model.source else "the file"
    star = ax.plot(fx, fy, marker="*", ms=18, mfc="white", mec="black", mew=1.5, ls="none", zorder=5)[0]
    if report.file_inside:
        ax.annotate(name, (fx, fy), xytext=(10, -12), textcoords="offset points", fontsize=9, zorder=5)
    ax.set_xlim(x0 - dx, x1 + dx)
    ax.set_ylim(y0 - dy, y1 + dy)
    ax.set_xlabel(f"{ax0.label} ({ax0.name})" if ax0.label else ax0.name, fontsize=11)
    ax.set_ylabel(f"{ax1.label} ({ax1.name})" if ax1.label else ax1.name, fontsize=11)
    varied = {ax0.name, ax1.name}
    others = ", ".join(f"{k} = {exact(p.value)}" for k, p in model.parameters.items() if k not in varied)
    ax.set_title(
        f"{model.title}\nequilibria over {ax0.name} and {ax1.name}" + (f" ({others})" if len(others) < 90 else ""),
        fontsize=11,
    )

    handles = [
        Patch(
            fc=palette[k],
            ec="0.3",
            label=f"{k + 1}: "
            + "\n    ".join(textwrap.wrap(r.set.describe(players, strategies), 60))
            + f"  ({100 * r.share:.0f}%)",
        )
        for k, r in enumerate(regular)
    ]
    if boundary_codes:
        handles.append(Patch(fc="#333333", label="a boundary the grid hits exactly (degenerate game)"))
    where = f"{ax0.name} = {exact(report.file_point[0])}, {ax1.name} = {exact(report.file_point[1])}"
    handles.append(star)
    star.set_label(f"{name}: {where}" + ("" if report.file_inside else " (outside the grid)"))
    ax.legend(
        handles=handles,
        loc="upper center",
        bbox_to_anchor=(0.5, -0.1),
        ncol=1,
        frameon=False,
        fontsize=9,
        title="equilibrium set in each region (share of the grid)",
        title_fontsize=9,
    )
    return fig


# ----------------------------------------------------------------------------- Sobol indices


def sobol_bars(result: "SensitivityResult"):
    """Bars of first-order and total Sobol indices with confidence intervals."""
    order = sorted(range(len(result.parameters)), key=lambda k: -np.nan_to_num(result.ST[k], nan=-1.0))
    names = [result.parameters[k] for k in order]
    labels = [f"{result.labels.get(p)} ({p})" if result.labels.get(p) else p for p in names]

    def pick(values):
        return np.nan_to_num(np.array([values[k] for k in order], dtype=float))

    y = np.arange(len(names))
    fig = _figure(figsize=(9, 0.55 * len(names) + 2))
    ax = fig.subplots()
    h = 0.38
    s1, s1c, st, stc = pick(result.S1), pick(result.S1_conf), pick(result.ST), pick(result.ST_conf)
    ax.barh(
        y - h / 2, s1, h, xerr=s1c, color="#7fc97f", ecolor="0.3", capsize=3, label="first order (the parameter alone)"
    )
    ax.barh(y + h / 2, st, h, xerr=stc, color="#386cb0", ecolor="0.3", capsize=3, label="total (alone and with others)")
    ax.set_yticks(y)
    ax.set_yticklabels(labels)
    ax.invert_yaxis()
    ax.axvline(0, color="0.3", lw=0.8)
    ax.set_xlabel(
        "Sobol index: share of the variance of the outcome\n"
        "(indices are at least 0; slightly negative estimates are sampling noise)"
    )
    ax.set_xlim(min(-0.05, float(np.min(s1 - s1c)) - 0.02), max(1.0, float(np.max(st + stc)) + 0.02))
    ax.grid(axis="x", alpha=0.3)
    outcome = f"({result.outcome[0]}, {result.outcome[1]})"
    ax.set_title(
        f"{result.title}\nWhat drives whether {outcome} is an equilibrium "
        f"({100 * result.share:.0f}% of {result.evaluations} draws; bars: {int(100 * result.conf_level)}% confidence)",
        fontsize=11,
    )
    ax.legend(loc="lower right", fontsize=9)
    return fig
