"""Renderers for a sweep (``sweep FILE --vary ...``): the regimes or regions as a terminal table.

CSV and JSON rows are streamed while the sweep runs, by the writers of
:mod:`bargaining.io.tables` (:func:`~bargaining.io.tables.writer_for` picks the one for a format).
rich is imported inside the functions so that importing this module stays
cheap.
"""

from __future__ import annotations

from bargaining.errors import InputError
from bargaining.numbers import exact
from bargaining.render import layout

__all__ = ["render", "render_table", "fallback_line"]


def render(result, report, fmt: str = "table") -> str:
    """The sweep's text in ``fmt``; only ``table`` is rendered afterwards (CSV and JSON are streamed)."""
    if fmt != "table":
        raise InputError(f"{fmt} rows are streamed while the sweep runs; use bargaining.io.tables.writer_for")
    return render_table(result, report)


def fallback_line(result) -> str:
    """Which points the batch solver decided and which the exact solver did."""
    s = result.summary()
    exact, degenerate = s["exact_points"], s["degenerate_points"]
    if exact == 0:
        why = ""
    elif degenerate == exact:
        why = " (degenerate games)"
    else:
        why = f" ({degenerate} degenerate games, {exact - degenerate} too close to a tie to decide in floating point)"
    return (
        f"solved {s['points']} points: {s['batch_points']} by the batch solver (floating point, certified to 1e-10), "
        f"{exact} by the exact solver{why}"
    )



def render_table(result, report) -> str:
    """The regimes (one parameter) or regions (two parameters) as a terminal table."""
    import io


    buf = io.StringIO()
    console = layout.console(buf)
    grid = result.grid
    model = grid.model
    console.print(model.title)
    for axis in grid.axes:
        console.print(
            f"sweep of {axis.name} ({axis.label or axis.name}) from {exact(axis.start)} to {exact(axis.stop)}, "
            f"{axis.num} points"
        )
    varied = {a.name for a in grid.axes}
    others = ", ".join(f"{n} = {exact(p.value)}" for n, p in model.parameters.items() if n not in varied)
    if others:
        console.print(f"other parameters: {others}")
    console.print()
    if len(grid.axes) == 1:
        _regime_table(console, report, grid.axes[0])
    else:
        _region_table(console, report, grid)
    console.print()
    console.print(fallback_line(result))
    return buf.getvalue()


def _bound(value, is_exact: bool) -> str:
    return exact(value) if is_exact else f"≈{float(value):.13g}"


def _regime_table(console, report, axis) -> None:
    name = report.parameter
    players, strategies = report.players, report.strategies
    table = layout.table(title=f"Regimes of the equilibrium set along {name}", title_justify="left")
    table.add_column(name, no_wrap=True)
    table.add_column("equilibria", ratio=3)
    table.add_column("notes", ratio=2)
    # interleave regimes and boundaries by position
    rows = [(r.lower, 0, r) for r in report.regimes] + [(b.value, -1, b) for b in report.boundaries]
    rows.sort(key=lambda t: (t[0], t[1]))
    for _, kind, item in rows:
        if kind == -1:
            b = item
            where = f"{name} = {exact(b.value)}" if b.exact else f"{name} ≈ {float(b.value):.13g}"
            what = b.at_text or (
                f"(changes from {b.left.describe(players, strategies)} to {b.right.describe(players, strategies)} "
                f"between {float(b.low):.15g} and {float(b.high):.15g})"
            )
            note = f"boundary (exact): {b.how}" if b.exact else f"boundary, bracketed to {report.precision:g}: {b.how}"
            table.add_row(where, what, note)
            continue
        r = item
        if r.first is not None and r.first == r.last and r.lower == r.upper:
            where = f"{name} = {exact(r.lower)}"
        else:
            lo_op = "≤" if r.first == 0 else "<"
            hi_op = "≤" if r.last == axis.num - 1 else "<"
            where = f"{_bound(r.lower, r.lower_exact)} {lo_op} {name} {hi_op} {_bound(r.upper, r.upper_exact)}"
        if r.at_text:
            notes = ["a degenerate grid point at the end of the grid"]
        else:
            notes = [
                f"{r.points} grid point{'s' if r.points != 1 else ''}" if r.points else "narrower than the grid spacing"
            ]
            if r.degenerate_at:
                at = ", ".join(exact(v) for v in r.degenerate_at[:4]) + (", ..." if len(r.degenerate_at) > 4 else "")
                notes.append(f"degenerate game at {name} = {at} (same equilibria there)")
        table.add_row(where, r.at_text or r.set.describe(players, strategies), "; ".join(notes))
    console.print(table)


def _region_table(console, report, grid) -> None:
    players, strategies = report.players, report.strategies
    n0, n1 = report.parameters
    table = layout.table(title=f"Regions of the equilibrium set over {n0} and {n1}, largest first",
                         title_justify="left")
    table.add_column("#", justify="right")
    table.add_column("equilibria")
    table.add_column("share", justify="right")
    table.add_column(f"{n0} range", no_wrap=True)
    table.add_column(f"{n1} range", no_wrap=True)
    table.add_column("notes")
    for k, r in enumerate(report.regions, 1):
        notes = []
        if r.contains_file_point:
            notes.append("the file's point")
        if r.degenerate_points == r.points:
            notes.append("only on a boundary the grid hits (degenerate games)")
        elif r.degenerate_points:
            notes.append(f"{r.degenerate_points} degenerate points")
        (a0, b0), (a1, b1) = r.ranges
        table.add_row(
            str(k),
            r.set.describe(players, strategies),
            f"{100 * r.share:.1f}%",
            f"{_short(a0)} to {_short(b0)}",
            f"{_short(a1)} to {_short(b1)}",
            "; ".join(notes),
        )
    console.print(table)
    fp = ", ".join(f"{n} = {exact(v)}" for n, v in zip(report.parameters, report.file_point))
    inside = "" if report.file_inside else " (outside the grid)"
    console.print(f"The file's point ({fp}){inside}: {report.file_text}")
    console.print("Ranges are the grid values where a region occurs; regions need not be rectangles (see --plot).")


def _short(q) -> str:
    from bargaining.numbers import is_terminating

    return exact(q) if is_terminating(q) else f"{float(q):.4g}"
