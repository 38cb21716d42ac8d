"""Renderers for the logit QRE: the report of ``qre FILE`` and the sweep of ``sweep --qre LAMBDA``.

The report's table has one row per outcome (the pure profiles at least 1%
likely somewhere on it, the treaty first) and one column per precision
``lambda``, from uniform play to the limit; below it, which exact equilibrium
the limit is. The sweep's table has one row per grid point (at most about 21
evenly spaced ones in the terminal; CSV and JSON have all): the treaty's
probability and the most likely outcomes. Numbers are floating point and are
printed as such. No computation happens here beyond sorting and sums.
"""

from __future__ import annotations

import io
import json

from bargaining.numbers import exact, format_value
from bargaining.render import layout

__all__ = ["render_report", "render_sweep"]


def _p(q: float) -> str:
    return f"{q:.3f}"


def _console(width: int | None = None):

    buf = io.StringIO()
    return buf, layout.console(buf, width)


def _strip(text: str) -> str:
    return "\n".join(line.rstrip() for line in text.rstrip().splitlines()) + "\n"


def _profile(g, prof) -> str:
    return "(" + ", ".join(g.strategies[p][k] for p, k in enumerate(prof)) + ")"


def _treaty_label(g, treaty: str) -> str:
    signers = [p for p in g.players if treaty in g.strategies[g.players.index(p)]]
    return f"treaty: {' and '.join(signers)} play {treaty}"


def render_report(report, fmt: str = "table") -> str:
    """The QRE report as ``table``, ``json`` or ``csv`` (the branch, one row per point)."""
    if fmt == "json":
        return json.dumps(report.to_dict(), indent=2, ensure_ascii=False) + "\n"
    if fmt == "csv":
        from bargaining.io.cells import csv_frame

        return csv_frame(report.to_pandas()).to_csv(index=False)
    import numpy as np
    from rich.text import Text

    from bargaining.analysis.scenarios import describe_equilibrium

    g = report.game
    path = report.path
    buf, console = _console()
    console.print(Text(f"Logit quantal response equilibrium: {g.title or report.source}", style="bold"))
    console.print(Text(
        "Each player errs, choosing each strategy with probability proportional to exp(lambda x its expected "
        "payoff) (McKelvey and Palfrey 1995): uniform play at lambda = 0, and along the principal branch a Nash "
        "equilibrium as lambda grows."
    ))
    t = layout.table(title="Probability of each outcome along the branch", title_justify="left")
    # the probabilities keep their width; the outcome's words wrap
    t.add_column("outcome", ratio=1)
    t.add_column("λ = 0", justify="right", no_wrap=True)
    for lam in report.lambdas:
        t.add_column(f"λ = {lam:g}", justify="right", no_wrap=True)
    t.add_column(f"limit\nλ ≈ {path.limit_lambda:.3g}", justify="right", no_wrap=True)
    treaty = report.treaty_probabilities()
    if treaty is not None:
        t.add_row(_treaty_label(g, report.treaty), *(_p(q) for q in treaty), style="bold")
    rows = report.rows()
    shown = [0.0] * (len(report.lambdas) + 2)
    for prof, values in rows:
        t.add_row(_profile(g, prof), *(_p(q) for q in values))
        shown = [a + b for a, b in zip(shown, values)]
    rest = [max(0.0, 1 - s) for s in shown]
    hidden = int(np.prod(g.shape)) - len(rows)
    if hidden:
        t.add_row(f"the other {hidden} outcomes", *(_p(q) for q in rest))
    console.print(t)
    sol = report.solution
    if report.selected is not None:
        e = sol.equilibria[report.selected]
        what = describe_equilibrium(g, e) + (f": {sol.reading(report.selected)}" if e.pure else "")
        console.print(Text(
            f"The limit is Nash equilibrium #{report.selected + 1} of solve, {what} (largest difference of a "
            f"probability {report.distance:.1g}, regret {path.limit_regret:.1g})."
        ))
    elif report.selected_continuum is not None:
        console.print(Text(f"The limit lies on continuum {report.selected_continuum + 1} of equilibria (see solve)."))
    else:
        console.print(Text("The limit is none of the exact equilibria within "
                           f"{report.match_tol:g} (see the notes)."))
    n = len(sol.equilibria)
    if n > 1 and report.selected is not None:
        others = ", ".join(f"#{k + 1}" for k in range(n) if k != report.selected)
        console.print(Text(f"Of the game's {n} equilibria the logit selection picks this one, not {others}."))
    for w in path.warnings:
        console.print(Text(f"note: {w}"))
    console.print(Text("Floating point (a numerical continuation); the equilibria are exact. --plot draws the "
                       "probabilities against lambda; --format csv gives every point of the branch."))
    return _strip(buf.getvalue())


def _every(points, at_most: int = 21):
    if len(points) <= at_most:
        return list(range(len(points)))
    step = (len(points) - 1) / (at_most - 1)
    return sorted({round(k * step) for k in range(at_most)})


def render_sweep(sweep, fmt: str = "table") -> str:
    """The QRE sweep as ``table``, ``json`` or ``csv`` (one row per grid point)."""
    if fmt == "json":
        return json.dumps(sweep.to_dict(), indent=2, ensure_ascii=False) + "\n"
    if fmt == "csv":
        from bargaining.io.cells import csv_frame

        return csv_frame(sweep.to_pandas()).to_csv(index=False)
    import numpy as np
    from rich.text import Text

    buf, console = _console()
    console.print(Text(f"Logit QRE at λ = {sweep.lam:g}: {sweep.title}", style="bold"))
    for a in sweep.axes:
        console.print(Text(f"sweep of {a.name} ({a.label or a.name}) from {exact(a.start)} to {exact(a.stop)}, "
                           f"{a.num} points"))
    if sweep.fixed:
        console.print(Text("other parameters: " + ", ".join(f"{n} = {exact(v)}" for n, v in sweep.fixed)))
    labels = sweep.profile_names()
    # the outcomes most likely anywhere on the grid
    total = np.zeros(len(labels))
    for pt in sweep.points:
        total = np.maximum(total, pt.outcomes.reshape(-1))
    top = [k for k in np.argsort(-total, kind="stable")[:4] if total[k] >= 0.01]
    t = layout.table(title="Probability of the treaty and of the likeliest outcomes", title_justify="left")
    for a in sweep.axes:
        t.add_column(a.name, justify="right", no_wrap=True)
    if sweep.treaty is not None:
        t.add_column("treaty", justify="right")
    for k in top:
        t.add_column(labels[k], justify="right")
    t.add_column("likeliest outcome", no_wrap=True)
    for i in _every(sweep.points):
        pt = sweep.points[i]
        flat = pt.outcomes.reshape(-1)
        best = int(np.argmax(flat))
        cells = [format_value(v) for v in pt.values]
        if sweep.treaty is not None:
            cells.append(_p(pt.treaty))
        cells += [_p(float(flat[k])) for k in top]
        cells.append(f"{labels[best]} {_p(float(flat[best]))}")
        t.add_row(*cells)
    console.print(t)
    if len(sweep.points) > 21:
        console.print(Text(f"{len(_every(sweep.points))} of {len(sweep.points)} grid points shown; --format csv has "
                           "every one."))
    warned = sum(bool(p.warnings) for p in sweep.points)
    if warned:
        console.print(Text(f"note: at {warned} grid point(s) the trace warned (a bifurcation on the branch); "
                           "--format json has the warnings"))
    if sweep.treaty is not None:
        signers = [p for p, s in zip(sweep.players, sweep.strategies) if sweep.treaty in s]
        both = "both" if len(signers) == 2 else "all"
        console.print(Text(f"treaty: the probability that {' and '.join(signers)} {both} play {sweep.treaty}."))
    console.print(Text("Floating point: the logit QRE traced from uniform play to λ and solved there."))
    return _strip(buf.getvalue())
