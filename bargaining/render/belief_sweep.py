"""Renderer for a sweep under uncertainty (``sweep FILE --vary ... --draws N``): a table, CSV or JSON.

No computation happens here: the probabilities and intervals come with the result.
"""

from __future__ import annotations

import csv
import io
import json

from bargaining.io.cells import csv_row
from bargaining.numbers import exact
from bargaining.render import layout
from bargaining.render.scenarios import strip_lines, text_console

__all__ = ["render"]

#: Outcomes shown as columns of the table (the most frequent); CSV and JSON have them all.
COLUMNS = 4


def render(result, fmt: str = "table", *, width: int | None = None) -> str:
    """``table``, ``csv`` (tidy rows) or ``json``."""
    if fmt == "json":
        return json.dumps(result.to_dict(), indent=2, ensure_ascii=False)
    if fmt == "csv":
        rows = result.rows()
        buf = io.StringIO()
        names = [a.name for a in result.grid.axes]
        fields = [*names, "selected", "count", "probability", "standard_error", "low", "high"]
        w = csv.writer(buf, lineterminator="\n")
        w.writerow(csv_row(fields))
        w.writerows(csv_row(row[f] for f in fields) for row in rows)
        return buf.getvalue()
    from rich.text import Text

    buf, console = text_console(width)
    grid = result.grid
    model = grid.model
    console.print(Text(model.title, style="bold"))
    for axis in grid.axes:
        console.print(Text(f"sweep of {axis.name} ({axis.label or axis.name}) from {exact(axis.start)} to "
                           f"{exact(axis.stop)}, {axis.num} points"))
    stated = [name for name, _, s in result.beliefs if s]
    default = f"uniformly within ±{exact(result.spread * 100)}% of its value, inside its range"
    how = (f"{', '.join(stated)} as the file's [uncertainty] table states, the others {default}" if stated
           else f"each {default}")
    drawn = ", ".join(name for name, _, _ in result.beliefs) or "none"
    console.print(Text(f"at each point {result.draws} draws of the other parameters ({drawn}): {how}; the same "
                       f"draws at every point; seed {result.seed}."))
    shown = result.outcomes[:COLUMNS]
    console.print(Text("Probability of each selected outcome (the unique equilibrium, else the payoff-, else the "
                       "risk-dominant one):"))
    t = layout.table()
    for axis in grid.axes:
        t.add_column(axis.name, justify="right", no_wrap=True)
    for label in shown:
        t.add_column(label or "none", justify="right")
    half = [(result.counts[:, k] / result.draws) for k in range(len(shown))]
    for p in range(grid.size):
        values = [exact(a.value(i)) for a, i in zip(grid.axes, grid.index(p))]
        cells = [f"{100 * half[k][p]:.1f}%" for k in range(len(shown))]
        t.add_row(*values, *cells)
    console.print(t)
    se = 50 / result.draws ** 0.5
    console.print(Text(f"Standard errors at most {se:.1f} points per cell (±{2 * se:.1f} for 95%); "
                       "--format csv or json gives each cell's interval."))
    if len(result.outcomes) > len(shown):
        console.print(Text(f"{len(result.outcomes) - len(shown)} rarer outcomes are in the CSV and JSON."))
    console.print(Text(f"{result.exact_points} of {grid.size * result.draws} drawn games solved exactly."))
    for w in result.warnings:
        console.print(Text(f"note: {w}"))
    return strip_lines(buf.getvalue())
