"""Renderers for Sobol sensitivity indices (``sensitivity FILE``): a terminal table or JSON.

The JSON is :meth:`bargaining.statics.sensitivity.SensitivityResult.to_dict` unchanged.
rich and numpy are imported inside the table renderer so that importing this
module stays cheap.
"""

from __future__ import annotations

import json

from bargaining.render import layout

__all__ = ["render", "render_table", "result_ranking"]


def render(result, fmt: str = "table") -> str:
    """The indices as ``table`` or ``json``."""
    if fmt == "json":
        return json.dumps(result.to_dict(), indent=2)
    return render_table(result)


def render_table(result) -> str:
    import io

    from bargaining.numbers import exact

    buf = io.StringIO()
    console = layout.console(buf)
    outcome = f"({result.outcome[0]}, {result.outcome[1]})"
    console.print(result.title)
    console.print(
        f"Outcome {outcome} is an equilibrium in {100 * result.share:.1f}% of {result.evaluations} drawn games "
        f"(N = {result.samples}, seed {result.seed}; {result.exact_points} solved exactly)."
    )
    stated = f"; {', '.join(result.stated)} as the file's [uncertainty] table states" if result.stated else ""
    console.print(f"Each parameter drawn independently, uniformly over {result.default}{stated}.")
    console.print()
    ranking = result_ranking(result)
    table = layout.table(
        title=f"What decides whether {outcome} is an equilibrium: Sobol indices, largest total first",
        title_justify="left",
    )
    table.add_column("rank", justify="right", no_wrap=True)
    table.add_column("parameter", no_wrap=True)
    table.add_column("drawn from", overflow="fold")
    table.add_column("first order S1", justify="right", no_wrap=True)
    table.add_column("total ST", justify="right", no_wrap=True)
    table.add_column("label", overflow="fold")
    for k, rank in ranking:
        table.add_row(
            rank,
            result.parameters[k],
            result.distributions[k] if result.distributions else "",
            _pm(result.S1[k], result.S1_conf[k]),
            _pm(result.ST[k], result.ST_conf[k]),
            result.labels.get(result.parameters[k], ""),
        )
    console.print(table)
    ci = f"{int(round(100 * result.conf_level))}% CI"
    console.print(
        f"S1: share of the variance of the outcome the parameter explains alone; ST: counting its interactions "
        f"with the others (ST near 0: it hardly matters). Intervals: {ci} from {result.resamples} bootstrap "
        "resamples. A rank shared (2=) means the intervals of ST overlap: the data do not order those parameters."
    )
    if result.fixed:
        console.print(
            "Held at their value: " + ", ".join(f"{p} = {exact(v)}" for p, v in result.fixed.items())
        )
    else:
        console.print(f"Every parameter was drawn ({len(result.parameters)} parameters).")
    for w in result.warnings:
        console.print(f"warning: {w}")
    return buf.getvalue()


def result_ranking(result) -> list[tuple[int, str]]:
    """``(index, "2=")`` in the order of the ranking: a shared rank is marked with ``=``."""
    import math

    D = len(result.parameters)
    ranks = result.ranks or tuple(range(1, D + 1))
    order = sorted(range(D), key=lambda k: (ranks[k], -(result.ST[k] if math.isfinite(result.ST[k]) else -1)))
    shared = {r for r in ranks if list(ranks).count(r) > 1}
    return [(k, f"{ranks[k]}{'=' if ranks[k] in shared else ''}") for k in order]


def _pm(value: float, conf: float) -> str:
    import math

    if not math.isfinite(value):
        return "n/a"
    return f"{value:.3f} ± {conf:.3f}"
