"""Figures for sweeps and sensitivity analysis: bifurcation diagram, regime map, Sobol bars.

Each function takes a finished result and returns a matplotlib
:class:`~matplotlib.figure.Figure`, made without pyplot (no global state, no
display); :func:`bargaining.io.files.save_figure` writes it (the format
follows the suffix: .png, .svg or .pdf). matplotlib is imported inside the
functions so that importing this module costs nothing.

- :func:`bifurcation`: one varied parameter. One panel per player and
  strategy shows the probability of that strategy in every equilibrium against
  the parameter; each line is one branch of equilibria (a pure profile or a
  mixed equilibrium with given supports), each regime is shaded in its
  set's colour, and thin dashed lines mark the regime boundaries (degenerate
  games) with their values (Kuznetsov, *Elements of Applied Bifurcation
  Theory*, 2004, for the diagram; here the "branches" are equilibria).
- :func:`regime_map`: two varied parameters. Each region of the grid with the
  same equilibrium set is coloured and labelled, with a legend in words; the
  boundaries known in closed form (payoff ties, :mod:`bargaining.statics.curves`)
  are drawn as exact curves over the cells; the file's own parameter values
  are marked with a star.

Colours are the palette of :mod:`bargaining.render.palette`, keyed by the
equilibrium set, so a set has the same colour in every figure and in the
explorer. Axis labels are :func:`bargaining.render.words.parameter_label`.
- :func:`sobol_bars`: first-order and total Sobol indices with their
  confidence intervals (Saltelli et al., *Global Sensitivity Analysis: The
  Primer*, 2008).
"""

from __future__ import annotations

import textwrap
from typing import TYPE_CHECKING, Sequence

import numpy as np

from bargaining.numbers import exact
from bargaining.render.palette import set_colours, set_key
from bargaining.render.words import parameter_label

if TYPE_CHECKING:  # pragma: no cover
    from bargaining.statics.curves import BoundaryCurve
    from bargaining.statics.regimes import RegimeReport, RegionReport
    from bargaining.statics.sensitivity import SensitivityResult
    from bargaining.statics.sweep import SweepResult

__all__ = ["bifurcation", "regime_map", "sobol_bars"]

#: Opacity of a regime's shading in a bifurcation diagram, and of a region's fill in a regime map.
_SHADE = 0.22
_FILL = 0.8


def _figure(**kwargs):
    """A new figure, independent of pyplot's global state (no backend, nothing to close)."""
    from matplotlib.figure import Figure

    return Figure(**kwargs)


def _set_colours(sets, strategies, extra=()) -> dict:
    """The palette's colour of each equilibrium set, by its canonical key (:mod:`bargaining.render.palette`).

    ``extra`` sets take the colours left over by ``sets``, and move none of theirs.
    """
    keys = [set_key(s, strategies) for s in sets]
    more = [set_key(s, strategies) for s in extra]
    return dict(zip(keys + more, set_colours(keys, more)))


def bifurcation(result: "SweepResult", report: "RegimeReport"):
    """Draw each player's equilibrium probabilities against the varied parameter.

    Each regime is shaded in the colour of its equilibrium set (the colour the
    regime map and the explorer give that set); each line is one branch of
    equilibria, in the colour of the set made of that equilibrium alone.
    Boundaries (degenerate games) are thin dashed lines, degenerate grid
    points inside a regime thin dotted ones, and an equilibrium met only at
    degenerate grid points is a marker: none of them is drawn as a band.
    """
    from matplotlib.lines import Line2D
    from matplotlib.patches import Patch

    from bargaining.solution import EquilibriumSet

    grid = result.grid
    model = grid.model
    axis = grid.axes[0]
    t = axis.floats()
    players, strategies = model.players, model.strategies
    m, n = len(strategies[0]), len(strategies[1])
    degenerate = np.asarray(result.degenerate).ravel()
    xbits = (result.x > 0) @ (1 << np.arange(m))
    ybits = (result.y > 0) @ (1 << np.arange(n))
    branches = []  # distinct (xbits, ybits), in order of first appearance
    for key in zip(xbits.tolist(), ybits.tolist()):
        if key not in branches:
            branches.append(key)
    # pure branches first, then mixed, so that the legend reads like the table
    order = EquilibriumSet(tuple(branches)).pairs
    singles = [EquilibriumSet((key,)) for key in order]
    colour = _set_colours([r.set for r in report.regimes if r.upper > r.lower], strategies, extra=singles)
    cols = max(m, n)
    fig = _figure(figsize=(3.6 * cols, 6.4))
    axes = fig.subplots(2, cols, sharex=True, sharey=True, squeeze=False)
    handles = {}
    isolated_seen = False
    for b, key in enumerate(order):
        rows = np.flatnonzero((xbits == key[0]) & (ybits == key[1]))
        pts = result.point[rows]
        c = colour[set_key(singles[b], strategies)]
        label = singles[b].describe(players, strategies)
        present = np.zeros(len(t), dtype=bool)
        present[pts] = True
        regular = present & ~degenerate
        # a degenerate point joins the line where the branch goes on beside it; alone it is a marker
        near = np.zeros(len(t), dtype=bool)
        near[1:] |= regular[:-1]
        near[:-1] |= regular[1:]
        on_line = regular | (present & degenerate & near)
        alone = present & ~on_line
        for p, (probs, size) in enumerate(((result.x, m), (result.y, n))):
            for s in range(size):
                ax = axes[p][s]
                series = np.full(len(t), np.nan)
                series[pts] = probs[rows, s]
                line_series = np.where(on_line, series, np.nan)
                # where branches overlap (all at 0, say), the earlier ones are drawn wider
                # underneath, so every one stays visible without moving any value
                width = 2.0 + (5.0 * (len(order) - 1 - b) / (len(order) - 1) if len(order) > 1 else 0.0)
                single = np.isfinite(line_series).sum() <= 2
                (line,) = ax.plot(
                    t, line_series, "-", color=c, lw=width, marker="o" if single else None,
                    ms=width + 2, label=label, zorder=3 + b, solid_capstyle="butt",
                )
                if alone.any():
                    isolated_seen = True
                    ax.plot(t[alone], series[alone], ls="none", marker="D", ms=6, mfc=c, mec="black", mew=0.8,
                            zorder=30, gid="degenerate-point")
                handles[label] = line
    boundaries = [float(b.value) for b in report.boundaries]
    inside = sorted({float(v) for r in report.regimes for v in r.points_of_their_own})
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
            for r in report.regimes:
                if r.upper > r.lower:
                    ax.axvspan(float(r.lower), float(r.upper), color=colour[set_key(r.set, strategies)],
                               alpha=_SHADE, lw=0, zorder=0, gid="regime")
            for k, b in enumerate(report.boundaries):
                ax.axvline(float(b.value), color="0.3", ls=(0, (4, 3)), lw=1, zorder=2, gid="boundary")
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
            for v in inside:
                ax.axvline(v, color="0.3", ls=(0, (1, 2)), lw=1, zorder=2, gid="degenerate-inside")
            if s == 0:
                ax.set_ylabel("probability in equilibrium")
    fig.supxlabel(parameter_label(axis.name, axis.label), fontsize=11)
    fig.suptitle(f"{model.title}: equilibria as {axis.name} varies", fontsize=13, y=1.03)
    marks = []
    if boundaries:
        marks.append(Line2D([], [], color="0.3", ls=(0, (4, 3)), lw=1,
                            label="degenerate game: a boundary between regimes (value on top)"))
    if inside:
        marks.append(Line2D([], [], color="0.3", ls=(0, (1, 2)), lw=1,
                            label="degenerate game inside a regime (the same equilibria)"))
    if isolated_seen:
        marks.append(Line2D([], [], ls="none", marker="D", ms=6, mfc="white", mec="black",
                            label="an equilibrium only at a degenerate grid point"))
    fig.legend(
        list(handles.values()) + marks,
        list(handles.keys()) + [h.get_label() for h in marks],
        loc="upper center",
        bbox_to_anchor=(0.5, 0.02),
        ncol=min(3, len(handles)),
        frameon=False,
        title="each line is one equilibrium",
        title_fontsize=9,
    )
    seen = []
    for r in report.regimes:
        if r.upper > r.lower and r.set not in seen:
            seen.append(r.set)
    shades = [Patch(fc=colour[set_key(x, strategies)], alpha=_SHADE, ec="0.5",
                    label=x.describe(players, strategies)) for x in seen]
    fig.legend(
        handles=shades,
        loc="upper center",
        bbox_to_anchor=(0.5, -0.11 - 0.035 * (len(handles) + len(marks) + 2) // 3),
        ncol=min(3, len(shades)),
        frameon=False,
        title="shading: the equilibrium set of each regime (the colours of the regime map and the explorer)",
        title_fontsize=9,
    )
    return fig


# ----------------------------------------------------------------------------- regime map


def regime_map(result: "SweepResult", report: "RegionReport", curves: Sequence["BoundaryCurve"] = ()):
    """Colour the grid of a two-parameter sweep by equilibrium set, draw the exact boundaries, mark the file's point.

    Each set has the palette's colour for its key (:mod:`bargaining.render.palette`, the
    explorer's colours). ``curves`` (:func:`bargaining.statics.curves.boundary_curves`) are
    drawn as lines over the cells: the closed-form ties where the set changes. A set met
    only at degenerate grid points (a boundary line the grid hits) paints no cells of its
    own: its cells take the colour of the nearest region and the points are small markers.
    """
    from matplotlib.colors import ListedColormap
    from matplotlib.lines import Line2D
    from matplotlib.patches import Patch
    from scipy import ndimage

    grid = result.grid
    model = grid.model
    ax0, ax1 = grid.axes
    players, strategies = model.players, model.strategies
    codes = np.asarray(result.codes)
    # regions made only of degenerate points are boundary lines that the grid happens to hit
    boundary_codes = {r.code for r in report.regions if r.degenerate_points == r.points}
    regular = [r for r in report.regions if r.code not in boundary_codes]
    colour = _set_colours([r.set for r in regular], strategies,
                          extra=[s for k, s in enumerate(result.sets) if k not in {r.code for r in regular}])
    code_colours = [colour[set_key(s, strategies)] for s in result.sets]
    on_boundary = np.isin(codes, list(boundary_codes))
    filled = codes
    if on_boundary.any() and not on_boundary.all():
        _, (ii, jj) = ndimage.distance_transform_edt(on_boundary, return_indices=True)
        filled = codes[ii, jj]
    x0, x1 = float(ax0.start), float(ax0.stop)
    y0, y1 = float(ax1.start), float(ax1.stop)
    dx = (x1 - x0) / (ax0.num - 1) / 2
    dy = (y1 - y0) / (ax1.num - 1) / 2

    fig = _figure(figsize=(9, 7))
    ax = fig.subplots()
    ax.imshow(
        filled.T,
        origin="lower",
        extent=(x0 - dx, x1 + dx, y0 - dy, y1 + dy),
        aspect="auto",
        cmap=ListedColormap(code_colours),
        vmin=-0.5,
        vmax=len(code_colours) - 0.5,
        interpolation="nearest",
        alpha=_FILL,
        gid="regions",
    )
    xs = np.linspace(x0, x1, ax0.num)
    ys = np.linspace(y0, y1, ax1.num)
    # the exact boundaries, over the cells
    curve_handles = []
    for c in curves:
        for piece in c.pieces:
            (drawn,) = ax.plot(piece[:, 0], piece[:, 1], color="0.1", lw=1.8, zorder=4, gid="exact-boundary")
        text = c.equation + ": " + "; ".join(c.why)
        curve_handles.append(Line2D([], [], color="0.1", lw=1.8, label="\n    ".join(textwrap.wrap(text, 76))))
    # the grid points where the game is degenerate and the set is one of its own: markers, not cells
    if on_boundary.any():
        bi, bj = np.nonzero(on_boundary)
        ax.plot(xs[bi], ys[bj], ls="none", marker="o", ms=2.2, color="0.15", zorder=5, gid="degenerate-points")
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
            zorder=6,
            bbox=dict(boxstyle="round,pad=0.3", fc="white", ec="0.5", alpha=0.85),
        )
    # the file's own point
    fx, fy = (float(v) for v in report.file_point)
    name = model.source.rsplit("/", 1)[-1] if model.source else "the file"
    star = ax.plot(fx, fy, marker="*", ms=18, mfc="white", mec="black", mew=1.5, ls="none", zorder=7)[0]
    if report.file_inside:
        ax.annotate(name, (fx, fy), xytext=(10, -12), textcoords="offset points", fontsize=9, zorder=7)
    ax.set_xlim(x0 - dx, x1 + dx)
    ax.set_ylim(y0 - dy, y1 + dy)
    ax.set_xlabel(parameter_label(ax0.name, ax0.label), fontsize=11)
    ax.set_ylabel(parameter_label(ax1.name, ax1.label), fontsize=11)
    varied = {ax0.name, ax1.name}
    others = ", ".join(f"{k} = {exact(p.value)}" for k, p in model.parameters.items() if k not in varied)
    ax.set_title(
        f"{model.title}\nequilibria over {ax0.name} and {ax1.name}" + (f" ({others})" if len(others) < 90 else ""),
        fontsize=11,
    )

    handles = [
        Patch(
            fc=colour[set_key(r.set, strategies)],
            alpha=_FILL,
            ec="0.3",
            label=f"{k + 1}: "
            + "\n    ".join(textwrap.wrap(r.set.describe(players, strategies), 60))
            + f"  ({100 * r.share:.0f}%)",
        )
        for k, r in enumerate(regular)
    ]
    handles += curve_handles
    if boundary_codes:
        handles.append(Line2D([], [], ls="none", marker="o", ms=3, color="0.15",
                              label="degenerate grid point: a boundary the grid hits exactly"))
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
        title="equilibrium set in each region (share of the grid)"
        + ("; lines: exact boundaries (payoff ties)" if curves else ""),
        title_fontsize=9,
    )
    return fig


# ----------------------------------------------------------------------------- Sobol indices


def sobol_bars(result: "SensitivityResult"):
    """Bars of first-order and total Sobol indices with confidence intervals."""
    order = sorted(range(len(result.parameters)), key=lambda k: -np.nan_to_num(result.ST[k], nan=-1.0))
    names = [result.parameters[k] for k in order]
    labels = [parameter_label(p, result.labels.get(p)) for p in names]

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
