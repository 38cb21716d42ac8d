"""Renderer for robustness counts.

:func:`render_robustness` turns a :class:`~bargaining.analysis.robustness.Robustness`
(how often each equilibrium set occurs among random perturbations of a game's
parameters) into a terminal table or JSON.

No computation happens here.
"""

from __future__ import annotations

import json

from bargaining.numbers import exact
from bargaining.render import layout
from bargaining.render.scenarios import strip_lines, text_console

__all__ = ["render_robustness"]


def render_robustness(result, fmt: str = "table", *, width: int | None = None) -> str:
    """Render a robustness count as ``table`` or ``json``."""
    if fmt == "json":
        return json.dumps(result.to_dict(), indent=2, ensure_ascii=False)
    from rich.text import Text

    buf, console = text_console(width)
    seed = "none (a Generator was passed)" if result.seed is None else str(result.seed)
    console.print(Text(result.title, style="bold"))
    stated = result.stated
    default = f"uniformly within ±{exact(result.spread * 100)}% of its value, inside its range"
    if stated:
        how = (f"{', '.join(stated)} from the file's [uncertainty] table, every other parameter {default}")
    else:
        how = f"every parameter {default}"
    solver = "exact solver (batch solver, certified, exact where it cannot decide)" if result.method == "exact" \
        else f"{result.method} solver"
    console.print(Text(f"{result.draws} draws, {how}; seed {seed}, {solver}."))
    console.print(Text(f"Drawn: {', '.join(result.perturbed) or 'nothing (every value is 0 or fixed)'}."))
    for name, text, is_stated in result.beliefs:
        if is_stated:
            console.print(Text(f"  {name}: {text}"))
    t = layout.table(
        title="Equilibrium sets (pure profiles; mixed equilibria by their supports)",
        title_justify="left",
        show_lines=True,
    )
    t.add_column("equilibria")
    t.add_column("draws", justify="right")
    t.add_column("share", justify="right")
    t.add_column("")
    for key, count in result.sets:
        t.add_row(
            "\n".join(key) or "(none)",
            str(count),
            f"{100 * count / result.draws:.1f}%",
            "the file's own outcome" if key == result.reference else "",
        )
    console.print(t)
    se = 100 * result.standard_error
    lo, hi = (100 * v for v in result.interval)
    console.print(
        Text(
            f"The file's own equilibrium set holds in {100 * result.reference_share:.1f}% of draws "
            f"(± {se:.1f} points, one standard error; 95% interval {lo:.1f}% to {hi:.1f}%); selection picks its "
            f"equilibrium ({result.reference_selected}) in {100 * result.selected_share:.1f}%."
        )
    )
    return strip_lines(buf.getvalue())
