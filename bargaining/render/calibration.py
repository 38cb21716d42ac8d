"""Renderer for calibrations.

:func:`render_calibration` turns a :class:`~bargaining.analysis.calibration.Calibration`
(the asymmetry parameter from each basis of the capabilities data, and the
outcome each value gives) into a terminal table, JSON or Markdown.

No computation happens here.
"""

from __future__ import annotations

import json

from bargaining.analysis.scenarios import equilibrium_set
from bargaining.numbers import exact
from bargaining.render import layout
from bargaining.render.scenarios import md_cell, selected_text, strip_lines, text_console

__all__ = ["render_calibration"]


def _threshold_lines(result) -> list[str]:
    players = result.reference.result.solution.game.players
    out = []
    for t in result.thresholds:
        rel = "up to" if t.signs_below else "from"
        out.append(
            f"{players[t.player]} signs the treaty (if the other does) only for {result.parameter} {rel} "
            f"{exact(t.value)}, the other parameters as in the file."
        )
    return out


def render_calibration(result, fmt: str = "table", *, width: int | None = None) -> str:
    """Render a calibration as ``table``, ``json`` or ``markdown``."""
    if fmt == "json":
        return json.dumps(result.to_dict(), indent=2, ensure_ascii=False)
    rows = [("file's own value", "", result.reference)] + [
        (r.indicator.description, r.indicator.source, r) for r in result.rows
    ]
    header = ("basis", f"{result.parameter}", "equilibria", "selected (rule)", "treaty eq.?")

    def cells(label, row):
        res = row.result
        return (
            label if row.basis is None else f"{row.basis}: {label}",
            exact(row.value),
            "; ".join(equilibrium_set(res.solution)),
            selected_text(res),
            res.treaty_text(),
        )

    if fmt == "markdown":
        lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
        for label, _, row in rows:
            lines.append("| " + " | ".join(md_cell(c) for c in cells(label, row)) + " |")
        lines += [""] + _threshold_lines(result)
        lines += ["", "Sources:", ""]
        lines += [f"- `{r.basis}`: {md_cell(r.indicator.source)} ({r.indicator.url})" for r in result.rows]
        return "\n".join(lines) + "\n"

    from rich.text import Text

    buf, console = text_console(width)
    console.print(Text(result.title, style="bold"))
    console.print(
        Text(
            f"{result.parameter} = (China - Russia) / (China + Russia) on each basis, rounded to {result.digits} "
            f"decimals; apply one with --set {result.parameter}=VALUE."
        )
    )
    t = layout.table(show_lines=True)
    for h in header:
        t.add_column(h, overflow="fold")
    for label, _, row in rows:
        t.add_row(*cells(label, row))
    console.print(t)
    console.print(Text("Mixed equilibria are shown by their supports; solve with --set for their probabilities."))
    for line in _threshold_lines(result):
        console.print(Text(line))
    sources = ["Sources:"] + [
        line
        for r in result.rows
        for line in layout.wrap(f"{r.basis}: {r.indicator.source}, {r.indicator.year}; {r.indicator.url}", "  ",
                                "    ", columns=console.width)
    ]
    return strip_lines(buf.getvalue() + "\n".join(sources))
