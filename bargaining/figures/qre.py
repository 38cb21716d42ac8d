"""Figures of the logit QRE: outcome probabilities against the precision lambda, and over a parameter grid.

Each function takes a finished result and returns a matplotlib
:class:`~matplotlib.figure.Figure`, made without pyplot (no global state);
:func:`bargaining.io.files.save_figure` writes it.

- :func:`qre_paths`: the report of ``qre FILE``. The probability of each
  likely outcome (and of the treaty, bold and black) along the principal
  branch, against lambda on a logarithmic axis, from uniform play to the
  limit; the limit's equilibrium is named in the title.
- :func:`qre_sweep_figure`: ``sweep --qre LAMBDA``. One varied parameter: the
  treaty's probability and the likeliest outcomes' against the parameter. Two
  varied parameters: a map of the treaty's probability (or, without a treaty,
  of the likeliest outcome's).
"""

from __future__ import annotations

import textwrap

import numpy as np

from bargaining.errors import InputError
from bargaining.render.words import parameter_label

__all__ = ["qre_paths", "qre_sweep_figure"]

_COLOURS = ["#1b9e77", "#d95f02", "#7570b3", "#e7298a", "#66a61e", "#e6ab02", "#a6761d", "#1f78b4"]


def _figure(**kwargs):
    from matplotlib.figure import Figure

    return Figure(**kwargs)


def _profile(strategies, prof) -> str:
    return "(" + ", ".join(strategies[p][k] for p, k in enumerate(prof)) + ")"


def qre_paths(report, *, top: int = 7):
    """The outcome probabilities of a :class:`~bargaining.analysis.qre.QREReport` against lambda."""
    g = report.game
    lam = np.asarray(report.path.lambdas)
    keep = lam > 0
    if keep.sum() < 2:
        raise InputError("the branch has too few points to draw", where="plot")
    x = lam[keep]
    fig = _figure(figsize=(8.4, 5.0))
    ax = fig.subplots()
    for c, (prof, _) in enumerate(report.rows()[:top]):
        ax.plot(x, report.along(prof)[keep], color=_COLOURS[c % len(_COLOURS)], lw=1.6,
                label=_profile(g.strategies, prof))
    treaty = report.treaty_along()
    if treaty is not None:
        signers = " and ".join(p for p, s in zip(g.players, g.strategies) if report.treaty in s)
        ax.plot(x, treaty[keep], color="black", lw=2.6, ls="--", label=f"treaty ({signers} {report.treaty})")
    for value in report.lambdas:
        ax.axvline(value, color="0.85", lw=0.8, zorder=0)
    ax.set_xscale("log")
    ax.set_ylim(-0.02, 1.02)
    ax.set_xlabel("precision λ (log scale): 0 is uniform play, large λ nearly best responses")
    ax.set_ylabel("probability")
    sol = report.solution
    if report.selected is not None:
        limit = sol.reading(report.selected)
        head = f"the limit is equilibrium #{report.selected + 1}: {limit}"
    else:
        head = "the limit is no isolated equilibrium"
    ax.set_title("\n".join(textwrap.wrap(f"Logit QRE of {g.title}: {head}", 90)), fontsize=10)
    ax.legend(fontsize=8, loc="center left", bbox_to_anchor=(1.01, 0.5), frameon=False)
    ax.grid(True, which="major", alpha=0.3)
    return fig


def qre_sweep_figure(sweep, *, top: int = 5):
    """The QRE probabilities of a :class:`~bargaining.statics.qre_sweep.QRESweep` over its grid."""
    labels = sweep.profile_names()
    flat = np.array([pt.outcomes.reshape(-1) for pt in sweep.points])
    if len(sweep.axes) == 1:
        axis = sweep.axes[0]
        x = axis.floats()
        fig = _figure(figsize=(8.4, 5.0))
        ax = fig.subplots()
        order = [k for k in np.argsort(-flat.max(axis=0), kind="stable")[:top] if flat[:, k].max() >= 0.01]
        for c, k in enumerate(order):
            ax.plot(x, flat[:, k], color=_COLOURS[c % len(_COLOURS)], lw=1.6, label=labels[k])
        if sweep.treaty is not None:
            ax.plot(x, [pt.treaty for pt in sweep.points], color="black", lw=2.6, ls="--", label="treaty")
        ax.set_xlabel(parameter_label(axis.name, axis.label))
        ax.set_ylabel("probability")
        ax.set_ylim(-0.02, 1.02)
        ax.legend(fontsize=8, loc="center left", bbox_to_anchor=(1.01, 0.5), frameon=False)
        ax.grid(True, alpha=0.3)
    else:
        a0, a1 = sweep.axes
        values = (np.array([pt.treaty for pt in sweep.points]) if sweep.treaty is not None else flat.max(axis=1))
        Z = values.reshape(a0.num, a1.num)
        fig = _figure(figsize=(7.2, 5.6))
        ax = fig.subplots()
        mesh = ax.pcolormesh(a1.floats(), a0.floats(), Z, shading="nearest", cmap="viridis", vmin=0, vmax=1)
        fig.colorbar(mesh, ax=ax, label="P(treaty)" if sweep.treaty is not None else "P(likeliest outcome)")
        ax.set_xlabel(parameter_label(a1.name, a1.label))
        ax.set_ylabel(parameter_label(a0.name, a0.label))
    ax.set_title("\n".join(textwrap.wrap(f"Logit QRE at λ = {sweep.lam:g}: {sweep.title}", 90)), fontsize=10)
    return fig
