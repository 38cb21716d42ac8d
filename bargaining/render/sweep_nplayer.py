"""Renderer for a sweep of a game of three or more players (``sweep FILE --vary ...`` on the triangle).

One varied parameter: the regimes of the equilibrium set along it and the
boundaries between them (exact, or bracketed by exact bisection), as for two
players. Two: every distinct equilibrium set with its share of the grid and
the ranges of the parameters where it occurs. CSV is the tidy table (one row
per grid point and equilibrium), JSON the result's ``to_dict()``. No
computation happens here.
"""

from __future__ import annotations

import io
import json

from bargaining.numbers import exact, format_value
from bargaining.render import layout

__all__ = ["render"]


def _bound(value, is_exact: bool) -> str:
    return exact(value) if is_exact else f"≈{float(value):.13g}"


def render(sweep, fmt: str = "table") -> str:
    """The sweep as ``table``, ``csv`` or ``json``."""
    if fmt == "json":
        return json.dumps(sweep.to_dict(), indent=2, ensure_ascii=False) + "\n"
    if fmt == "csv":
        from bargaining.io.cells import csv_frame

        return csv_frame(sweep.to_pandas()).to_csv(index=False)

    buf = io.StringIO()
    console = layout.console(buf)
    console.print(sweep.title)
    for a in sweep.axes:
        console.print(
            f"sweep of {a.name} ({a.label or a.name}) from {exact(a.start)} to {exact(a.stop)}, {a.num} points"
        )
    if sweep.fixed:
        console.print("other parameters: " + ", ".join(f"{n} = {exact(v)}" for n, v in sweep.fixed))
    console.print()
    what = "pure equilibria" if sweep.pure_only else "equilibrium set"
    if len(sweep.axes) == 1:
        name = sweep.axes[0].name
        table = layout.table(title=f"Regimes of the {what} along {name}", title_justify="left")
        table.add_column(name, no_wrap=True)
        table.add_column("equilibria", ratio=3)
        table.add_column("notes", ratio=2)
        rows = [(r.lower, 0, r) for r in sweep.regimes] + [(b.value, -1, b) for b in sweep.boundaries]
        rows.sort(key=lambda t: (t[0], t[1]))
        last = sweep.axes[0].num - 1
        for _, kind, item in rows:
            if kind == -1:
                b = item
                where = f"{name} = {exact(b.value)}" if b.exact else f"{name} ≈ {float(b.value):.13g}"
                what_at = b.at_text or (f"(changes from {sweep.describe(b.left)} to {sweep.describe(b.right)})")
                note = f"boundary (exact): {b.how}" if b.exact else f"boundary, bracketed to 1e-12: {b.how}"
                table.add_row(where, what_at, note)
                continue
            r = item
            if r.first is not None and r.first == r.last and r.lower == r.upper:
                where = f"{name} = {exact(r.lower)}"
            else:
                lo_op = "≤" if r.first == 0 else "<"
                hi_op = "≤" if r.last == last else "<"
                where = f"{_bound(r.lower, r.lower_exact)} {lo_op} {name} {hi_op} {_bound(r.upper, r.upper_exact)}"
            notes = (
                f"{r.points} grid point{'s' if r.points != 1 else ''}" if r.points else "narrower than the grid spacing"
            )
            table.add_row(where, r.at_text or sweep.describe(r.answer), notes)
        console.print(table)
    else:
        n0, n1 = (a.name for a in sweep.axes)
        table = layout.table(title=f"Regions of the {what} over {n0} and {n1}, largest first", title_justify="left")
        table.add_column("#", justify="right")
        table.add_column("equilibria")
        table.add_column("share", justify="right")
        table.add_column(f"{n0} range", no_wrap=True)
        table.add_column(f"{n1} range", no_wrap=True)
        total = len(sweep.points)
        sets = sorted(sweep.sets(), key=lambda t: -t[1])
        for k, (key, count) in enumerate(sets, 1):
            where = [p.values for p in sweep.points if p.key == key]
            r0 = (min(v[0] for v in where), max(v[0] for v in where))
            r1 = (min(v[1] for v in where), max(v[1] for v in where))
            table.add_row(
                str(k),
                sweep.describe(key),
                f"{100 * count / total:.1f}%",
                f"{format_value(r0[0])} to {format_value(r0[1])}",
                f"{format_value(r1[0])} to {format_value(r1[1])}",
            )
        console.print(table)
        console.print("Ranges are the grid values where a set occurs; regions need not be rectangles.")
    console.print()
    if sweep.pure_only:
        console.print(
            f"solved {len(sweep.points)} points: pure equilibria by vectorised best-response checks, "
            f"{sweep.exact_points} with a tie decided exactly"
        )
    else:
        console.print(f"solved {len(sweep.points)} points exactly (every equilibrium, each certified)")
    return "\n".join(line.rstrip() for line in buf.getvalue().rstrip().splitlines()) + "\n"
