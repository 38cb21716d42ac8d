"""A picture of a bargaining problem: outcomes, feasible set, Pareto frontier, solutions.

The feasible set (lotteries over the outcomes) is shaded; with transfers, the
larger set reachable by side-payments is shaded more lightly up to the line
``u1 + u2 = max total``. The Pareto frontier is drawn thick, the
disagreement point and the region where both players gain are marked, and
each solution is a labelled point; solutions at the same point share one
label. matplotlib is imported inside the functions so that importing this
module stays cheap.
"""

from __future__ import annotations

from typing import Sequence

from bargaining.negotiation.problem import BargainingProblem, label_text
from bargaining.negotiation.solutions import BargainingSolution
from bargaining.numbers import significant
from bargaining.render.words import parameter_label

__all__ = ["plot_problem", "plot_sweep"]

_MARKERS = ("o", "s", "D", "^", "v", "P", "X")


def plot_problem(
    problem: BargainingProblem,
    solutions: Sequence[BargainingSolution] = (),
    *,
    ax=None,
    title: str | None = None,
):
    """Draw the problem and its solutions on a matplotlib axes.

    Parameters
    ----------
    problem : BargainingProblem
    solutions : sequence of BargainingSolution
    ax : matplotlib.axes.Axes, optional
        Where to draw; a new figure is made when omitted.
    title : str, optional

    Returns
    -------
    matplotlib.figure.Figure

    Examples
    --------
    >>> from bargaining.negotiation import nash
    >>> P = BargainingProblem.from_payoffs([(1, 0), (0, 1), (0, 0)], (0, 0), labels=["A", "B", "C"])
    >>> fig = plot_problem(P, [nash(P)])
    >>> fig.axes[0].get_xlabel()
    "player 1's payoff"
    """
    from matplotlib.figure import Figure
    from matplotlib.patches import Polygon

    if ax is None:
        fig = Figure(figsize=(11, 6.5), layout="constrained")
        ax = fig.subplots()
    else:
        fig = ax.figure
    p1, p2 = problem.players
    d = tuple(float(x) for x in problem.disagreement)
    pts = [(float(a), float(b)) for a, b in problem.points]
    hull = [(float(a), float(b)) for a, b in problem.hull]
    agreed = [s for s in solutions if s.exists]

    # the view: every outcome, the disagreement point, the solutions and, with
    # transfers, the individually rational part of the frontier
    view = pts + [d] + [(float(s.payoffs[0]), float(s.payoffs[1])) for s in agreed]
    if problem.transfers:
        view += [(float(a), float(b)) for a, b in problem.ir_frontier().vertices]
    xs, ys = [p[0] for p in view], [p[1] for p in view]
    # a square view in a square box: one payoff unit is as long on both axes,
    # so the transfer line runs at 45 degrees
    half = 0.55 * max(max(xs) - min(xs), max(ys) - min(ys), 1e-9)
    cx, cy = (max(xs) + min(xs)) / 2, (max(ys) + min(ys)) / 2
    x_lo, x_hi = cx - half, cx + half
    y_lo, y_hi = cy - half, cy + half

    if problem.transfers:
        s = float(problem.max_total)
        # everything below the line u1 + u2 = s, within the view
        region = [(x_lo, y_lo), (x_lo, s - x_lo), (s - y_lo, y_lo)]
        ax.add_patch(Polygon(region, closed=True, facecolor="#e3eef8", edgecolor="none", zorder=0,
                             label="reachable with transfers"))
        ax.plot([x_lo, s - y_lo], [s - x_lo, y_lo], color="#1f4e79", lw=2.5, zorder=3,
                label=f"Pareto frontier: {p1} + {p2} = {significant(problem.max_total)}")
    if len(hull) >= 3:
        ax.add_patch(Polygon(hull, closed=True, facecolor="#a9c9e8", edgecolor="#5b8db8", lw=1, zorder=1,
                             label="lotteries over the outcomes"))
    elif len(hull) == 2:
        ax.plot(*zip(*hull), color="#5b8db8", lw=1.5, zorder=1, label="lotteries over the outcomes")
    if not problem.transfers:
        fr = [(float(a), float(b)) for a, b in problem.frontier().vertices]
        if len(fr) > 1:
            ax.plot(*zip(*fr), color="#1f4e79", lw=3, zorder=3, label="Pareto frontier")
        else:
            ax.plot(*fr[0], marker="o", ms=14, mfc="none", mec="#1f4e79", mew=2.5, zorder=3,
                    ls="none", label="Pareto frontier (a single outcome)")

    # the agreements both players prefer to the disagreement point
    ir = [(float(a), float(b)) for a, b in problem.ir_frontier().vertices]
    if problem.agreement_exists() and len(ir) > 1:
        ax.plot(*zip(*ir), color="#e69f00", lw=6, alpha=0.8, zorder=2.5, solid_capstyle="butt",
                label="frontier points both prefer to disagreement")
    ax.axvline(d[0], color="#b22222", lw=0.8, ls=":", zorder=2)
    ax.axhline(d[1], color="#b22222", lw=0.8, ls=":", zorder=2)
    d_label = problem.disagreement_label()
    ax.plot(*d, marker="X", color="#b22222", ms=12, ls="none", zorder=8, mec="white",
            label="disagreement point" + (f" ({label_text(d_label)})" if d_label else ""))

    # outcomes, labelled without overlaps
    ax.plot([p[0] for p in pts], [p[1] for p in pts], "o", color="#333333", ms=4, zorder=4,
            label="outcomes (pure profiles)")
    ax.set_xlim(x_lo, x_hi)
    ax.set_ylim(y_lo, y_hi)
    # the axes box is about 430 points square: payoff units per point
    unit = (x_hi - x_lo) / 430
    placed: list[tuple[float, float, float]] = []
    for (x, y), lab in sorted(_merge_labels(pts, [label_text(lab) for lab in problem.labels])):
        dy = _free_offset(x / unit, y / unit, 4.6 * len(lab), placed)
        ax.annotate(lab, (x, y), textcoords="offset points", xytext=(5, dy), fontsize=8,
                    color="#222222", zorder=5)

    # solutions: one marker per distinct point, every name that lands there
    groups: dict[tuple[float, float], list[str]] = {}
    for s in agreed:
        key = (float(s.payoffs[0]), float(s.payoffs[1]))
        groups.setdefault(key, []).append(s.name)
    for k, ((x, y), names) in enumerate(groups.items()):
        s = next(s for s in agreed if s.name == names[0])
        names = [_name_with_parameters(t) for t in agreed if t.name in names]
        # later markers smaller, so that solutions at nearby points all stay visible
        ax.plot(x, y, marker=_MARKERS[k % len(_MARKERS)], ms=max(13 - 2.5 * k, 6), ls="none",
                zorder=9 + k,
                mec="black", label=f"{' = '.join(names)}: ({significant(x)}, {significant(y)})\n    {_deal(s)}")
    if solutions and not agreed:
        ax.plot([], [], ls="none", label=(
            "No agreement is better than the disagreement\npoint for both players: every solution"
            f"\n({', '.join(s.name for s in solutions)})\nis the disagreement point."
        ))

    ax.set_box_aspect(1)
    ax.set_xlabel(f"{p1}'s payoff")
    ax.set_ylabel(f"{p2}'s payoff")
    ax.grid(True, lw=0.3, alpha=0.5)
    ax.set_title(title or "Bargaining problem", fontsize=11)
    fig.legend(loc="outside right upper", fontsize=8, framealpha=0.9)
    return fig


def _free_offset(x: float, y: float, width: float, placed: list) -> int:
    """A vertical offset (points) for a label at (x, y) (in points) that avoids earlier labels.

    Labels start 5 points right of their point, are about 9 points tall, and
    ``placed`` holds (left, bottom, width) of the labels drawn so far.
    """
    for dy in (-11, 3, -22, 14, -33, 25):
        left, bottom = x + 5, y + dy
        if all(
            left + width <= pl or pl + pw <= left or bottom + 9 <= pb or pb + 9 <= bottom
            for pl, pb, pw in placed
        ):
            placed.append((left, bottom, width))
            return dy
    placed.append((x + 5, y - 11, width))
    return -11


def _name_with_parameters(s: BargainingSolution) -> str:
    """``weighted-nash (weights 0.135, 0.865)``: the parameters that set the point."""
    params = dict(s.parameters)
    if s.name == "weighted-nash":
        w = params["weights"]
        return f"{s.name} (weights {significant(w[0])}, {significant(w[1])})"
    if s.name == "rubinstein":
        dl = params["discount"]
        return f"{s.name} (discount {significant(dl[0])}, {significant(dl[1])}; {params['first proposer']} first)"
    return s.name


def _deal(s: BargainingSolution) -> str:
    """``(ally, ally) + transfer China -> Russia 0.0795``, shortened for a legend."""
    parts = [
        label_text(lab) if w == 1 else f"{float(w):.3g} ({label_text(lab)})" for lab, w in s.agreement
    ]
    text = " + ".join(f"({p})" if w == 1 else p for p, (_, w) in zip(parts, s.agreement))
    p1, p2 = s.players
    if s.transfer > 0:
        text += f" + transfer {p2} → {p1} {significant(s.transfer)}"
    elif s.transfer < 0:
        text += f" + transfer {p1} → {p2} {significant(-s.transfer)}"
    return text


def _merge_labels(pts, labels):
    """One label per distinct point: outcomes with equal payoffs share it."""
    merged: dict[tuple[float, float], list[str]] = {}
    for p, lab in zip(pts, labels):
        merged.setdefault(p, []).append(lab)
    return [(p, " / ".join(labs)) for p, labs in merged.items()]



def plot_sweep(result, *, fig=None):
    """Draw a bargaining sweep: the surplus, and each solution's split of the joint gain, against the parameter.

    Top: the surplus (the best outcome's joint gain over the disagreement
    point), grey where no agreement beats the disagreement point. Bottom: the
    first player's share ``g1 / (g1 + g2)`` of the joint gain under each
    solution, where an agreement exists; solutions with the same shares share
    a line. A dashed line marks where an agreement starts or stops.

    Parameters
    ----------
    result : bargaining.negotiation.sweep.BargainSweep

    Returns
    -------
    matplotlib.figure.Figure
    """
    from matplotlib.figure import Figure

    name = result.parameter
    p1, p2 = result.players
    xs = [float(p.value) for p in result.points]
    if fig is None:
        fig = Figure(figsize=(10, 7), layout="constrained")
    top, bottom = fig.subplots(2, 1, sharex=True, height_ratios=(2, 3))
    label = parameter_label(name, result.axis.label)

    def shade(ax):
        for a, b in zip(result.points, result.points[1:]):
            if not (a.exists and b.exists):
                lo = float(a.value) if not a.exists else _switch_x(result, a, b)
                hi = float(b.value) if not b.exists else _switch_x(result, a, b)
                ax.axvspan(lo, hi, color="0.88", lw=0, zorder=0)
        for w in result.switches:
            x = float(w.at) if w.at is not None else float(w.upper if w.agreement_after else w.lower)
            ax.axvline(x, color="black", ls="--", lw=1.2, zorder=3)

    top.plot(xs, [float(p.surplus) for p in result.points], color="black", lw=2, marker="o", ms=3)
    top.axhline(0, color="0.4", lw=0.8)
    shade(top)
    top.set_ylabel("surplus\n(best joint gain over\nthe disagreement point)")
    top.set_title(f"Bargaining along {name}: {result.title}", loc="left")
    for w in result.switches:
        x = float(w.at) if w.at is not None else float(w.upper if w.agreement_after else w.lower)
        text = f"{name} = {significant(w.at)}" if w.at is not None else f"near {name} = {significant(x)}"
        text = (
            f"agreement for {name} {'>' if w.agreement_after else '<'} {significant(w.at)}"
            if w.at is not None
            else text
        )
        if w.at is None:
            text = ("agreement from " if w.agreement_after else "agreement until ") + text
        top.annotate(text, (x, 0.9), xycoords=("data", "axes fraction"), xytext=(6 if w.agreement_after else -6, 0),
                     textcoords="offset points", ha="left" if w.agreement_after else "right", fontsize=10,
                     fontweight="bold")
    if any(not p.exists for p in result.points):
        first_none = next(p for p in result.points if not p.exists)
        for ax, y, text in ((top, 0.8, "no agreement beats\nthe disagreement point"),
                            (bottom, 0.06, "no agreement:\nboth keep their\ndisagreement payoffs")):
            ax.annotate(text, (float(first_none.value), y), xycoords=("data", "axes fraction"), xytext=(4, 0),
                        textcoords="offset points", fontsize=9, color="0.3")

    series: dict[tuple, list[str]] = {}
    for k, s0 in enumerate(result.points[0].solutions):
        ys = []
        for p in result.points:
            s = p.solutions[k]
            g = s.gains[0] + s.gains[1]
            ys.append(float(s.gains[0] / g) if p.exists and g > 0 else float("nan"))
        key = tuple(round(y, 9) if y == y else None for y in ys)
        series.setdefault(key, [ys]).append(_name_with_parameters(s0))
    for k, (key, (ys, *names)) in enumerate(series.items()):
        bottom.plot(xs, ys, marker=_MARKERS[k % len(_MARKERS)], ms=4, lw=1.8, label=" = ".join(names))
    bottom.axhline(0.5, color="0.6", lw=0.8, ls=":")
    bottom.set_ylim(-0.02, 1.02)
    shade(bottom)
    bottom.set_ylabel(f"{p1}'s share of the joint gain\n({p2} gets the rest)")
    bottom.set_xlabel(label)
    bottom.legend(title="solution", fontsize=9, loc="best")
    return fig


def _switch_x(result, a, b) -> float:
    for w in result.switches:
        if w.lower == a.value and w.at is not None:
            return float(w.at)
    return float(b.value if a.exists else a.value)
