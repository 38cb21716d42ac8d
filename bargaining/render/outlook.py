"""Renderer for an :class:`~bargaining.analysis.outlook.Outlook`: a terminal table or JSON.

No computation happens here: the probabilities, intervals and Sobol ranks come
with the result.
"""

from __future__ import annotations

import json

from bargaining.numbers import exact
from bargaining.render import layout
from bargaining.render.scenarios import strip_lines, text_console

__all__ = ["render"]


def _pct(p: float) -> str:
    return f"{100 * p:.1f}%"


def _interval(prob) -> str:
    lo, hi = prob.interval
    return f"{100 * lo:.1f} to {100 * hi:.1f}%"


def render(result, fmt: str = "table", *, width: int | None = None) -> str:
    """Render an outlook as ``table`` or ``json``."""
    if fmt == "json":
        return json.dumps(result.to_dict(), indent=2, ensure_ascii=False)
    from rich.text import Text

    from bargaining.render.sensitivity import result_ranking

    buf, console = text_console(width)
    console.print(Text(result.title, style="bold"))
    default = f"uniformly within ±{exact(result.spread * 100)}% of its value, inside its range"
    stated = result.stated
    if stated:
        how = f"{', '.join(stated)} as the file's [uncertainty] table states; every other parameter {default}"
    else:
        how = f"every parameter {default} (the file has no [uncertainty] table)"
    console.print(Text(f"Beliefs: {how}. Draws outside a range are drawn again inside it."))
    for name, text, is_stated in result.beliefs:
        if is_stated:
            console.print(Text(f"  {name}: {text}"))
    console.print(Text(
        f"{result.draws} independent draws, seed {result.seed}; each solved by the batch solver (certified), "
        f"{result.exact_points} exactly. Intervals: 95% (Wilson)."
    ))

    console.print(Text("Selected outcome (the unique equilibrium, else the payoff-, else the risk-dominant one):"))
    t = layout.table()
    t.add_column("outcome")
    t.add_column("probability", justify="right")
    t.add_column("± s.e.", justify="right")
    t.add_column("95% interval", justify="right")
    t.add_column("")
    for p in result.selected:
        t.add_row(p.label or "none (no rule picks one)", _pct(p.share), f"{100 * p.standard_error:.1f}",
                  _interval(p), "at the file's values" if p.label == result.reference_selected else "")
    console.print(t)

    console.print(Text("Equilibrium sets (pure profiles; mixed equilibria by their supports):"))
    t = layout.table(show_lines=True)
    t.add_column("equilibria")
    t.add_column("probability", justify="right")
    t.add_column("95% interval", justify="right")
    t.add_column("")
    for p in result.sets:
        t.add_row("\n".join(p.label) or "(none)", _pct(p.share), _interval(p),
                  "at the file's values" if p.label == result.reference_set else "")
    console.print(t)

    if result.outcome is not None:
        e, s = result.outcome_equilibrium, result.outcome_selected
        console.print(Text(
            f"{result.outcome} is an equilibrium with probability {_pct(e.share)} ({_interval(e)}) and the selected "
            f"outcome with probability {_pct(s.share)} ({_interval(s)})."
        ))
    sob = result.sobol
    if sob is not None:
        console.print()
        console.print(Text(f"What moves the probability that {result.outcome} is selected: Sobol indices "
                           f"(N = {sob.samples}, {sob.evaluations} more draws):"))
        t = layout.table()
        t.add_column("rank", justify="right", no_wrap=True)
        t.add_column("parameter", no_wrap=True)
        t.add_column("drawn from", overflow="fold")
        t.add_column("first order S1", justify="right", no_wrap=True)
        t.add_column("total ST", justify="right", no_wrap=True)
        for k, rank in result_ranking(sob):
            t.add_row(rank, sob.parameters[k], sob.distributions[k], _pm(sob.S1[k], sob.S1_conf[k]),
                      _pm(sob.ST[k], sob.ST_conf[k]))
        console.print(t)
        console.print(Text(
            "ST: the share of the variance of 'the outcome is selected' due to the parameter, with its "
            "interactions; S1: alone. 95% bootstrap intervals. A shared rank (2=) means the intervals of ST "
            "overlap: the draws do not order those parameters."
        ))
        for w in sob.warnings:
            console.print(Text(f"note: {w}"))
    for w in result.warnings:
        console.print(Text(f"note: {w}"))
    return strip_lines(buf.getvalue())


def _pm(value: float, conf: float) -> str:
    import math

    if not math.isfinite(value):
        return "n/a"
    return f"{value:.3f} ± {conf:.3f}"
