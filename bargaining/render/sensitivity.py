"""Renderers for Sobol sensitivity indices (``sensitivity FILE``): a terminal table or JSON.

The JSON is :meth:`bargaining.statics.sensitivity.SensitivityResult.to_dict` unchanged.
rich and numpy are imported inside the table renderer so that importing this
module stays cheap.
"""

from __future__ import annotations

import json

__all__ = ["render", "render_table"]


def render(result, fmt: str = "table") -> str:
    """The indices as ``table`` or ``json``."""
    if fmt == "json":
        return json.dumps(result.to_dict(), indent=2)
    return render_table(result)


def render_table(result) -> str:
    import io

    import numpy as np
    from rich.console import Console
    from rich.table import Table

    from bargaining.numbers import exact

    buf = io.StringIO()
    console = Console(file=buf, width=110, force_terminal=False, color_system=None, highlight=False)
    outcome = f"({result.outcome[0]}, {result.outcome[1]})"
    console.print(result.title)
    console.print(
        f"Outcome {outcome} is an equilibrium in {100 * result.share:.1f}% of {result.evaluations} drawn games "
        f"(N = {result.samples}, seed {result.seed}; {result.exact_points} solved exactly)."
    )
    console.print()
    table = Table(
        title=f"What decides whether {outcome} is an equilibrium: Sobol indices, largest total first",
        title_justify="left",
    )
    table.add_column("parameter", no_wrap=True)
    table.add_column("drawn from", no_wrap=True)
    table.add_column("first order S1", justify="right", no_wrap=True)
    table.add_column("total ST", justify="right", no_wrap=True)
    table.add_column("label")
    order = sorted(range(len(result.parameters)), key=lambda k: -(result.ST[k] if np.isfinite(result.ST[k]) else -1))
    ci = f"± {int(round(100 * result.conf_level))}% CI"
    for k in order:
        lo, hi = result.bounds[k]
        table.add_row(
            result.parameters[k],
            f"{exact(lo)} to {exact(hi)}",
            _pm(result.S1[k], result.S1_conf[k]),
            _pm(result.ST[k], result.ST_conf[k]),
            result.labels.get(result.parameters[k], ""),
        )
    console.print(table)
    console.print(
        f"S1: share of the variance of the outcome the parameter explains alone; ST: counting its interactions "
        f"with the others (ST near 0: it hardly matters). Intervals: {ci.split(' ', 1)[1]} "
        f"from {result.resamples} bootstrap resamples."
    )
    if result.fixed:
        console.print(
            "Held at their value (no range in the file): "
            + ", ".join(f"{p} = {exact(v)}" for p, v in result.fixed.items())
        )
    else:
        console.print(f"Every parameter has a range in the file and was drawn ({len(result.parameters)} parameters).")
    for w in result.warnings:
        console.print(f"warning: {w}")
    return buf.getvalue()


def _pm(value: float, conf: float) -> str:
    import math

    if not math.isfinite(value):
        return "n/a"
    return f"{value:.3f} ± {conf:.3f}"
