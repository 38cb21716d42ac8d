"""Renderer for an :class:`~bargaining.analysis.ordinal.OrdinalCheck` (``solve FILE --ordinal``): text or JSON.

No computation happens here.
"""

from __future__ import annotations

import json

from bargaining.render.scenarios import strip_lines, text_console

__all__ = ["render"]


def render(check, fmt: str = "table", *, width: int | None = None) -> str:
    """The check as ``table`` (text) or ``json``; other formats of ``solve`` print the text too."""
    if fmt == "json":
        return json.dumps(check.to_dict(), indent=2, ensure_ascii=False)
    from rich.text import Text

    buf, console = text_console(width)
    console.print(Text("Ordinal check: what holds for every payoff assignment with the same orderings", style="bold"))
    console.print(Text(
        "A pure equilibrium rests only on best-response comparisons, each player's ranking of its own strategies "
        "against each strategy of the other (Osborne 2004, ch. 2); keep them and it stays an equilibrium, "
        "whatever the numbers."
    ))
    if not check.pure:
        console.print(Text("  The game has no pure equilibrium."))
    for p in check.pure:
        console.print(Text(f"  {p.label}: {p.verdict()}."))
        by = {}
        for c in p.comparisons:
            by.setdefault((c.player, c.against), []).append(c)
        for (player, against), cs in by.items():
            console.print(Text(f"      {player}, against {against}: " + ", ".join(c.text() for c in cs)))
    console.print(Text(
        f"Whether the rest survives: {check.samples} payoff assignments with the same ranking of all cells for each "
        f"player (Rapoport and Guyer 1966; ties kept; each player's payoff levels replaced by sorted uniform "
        f"numbers, seed {check.seed}). The shares show what depends on the numbers; they are not probabilities "
        "of anything."
    ))
    reference = ", ".join(check.reference_set)
    console.print(Text(f"  equilibrium set ({reference}): kept in {_pct(check.set_kept)}"))
    for key, count in check.sets:
        if key != check.reference_set:
            console.print(Text(f"      instead {', '.join(key) or 'none'}: {_pct(count / check.samples)}"))
    console.print(Text(f"  selected equilibrium ({check.reference_selected or 'none'}): kept in "
                       f"{_pct(check.selected_kept)}"))
    if check.risk_kept is not None:
        console.print(Text(f"  risk dominance of {check.risk_dominant}: kept in {_pct(check.risk_kept)}"))
    console.print(Text(f"Verdict: {check.verdict()}."))
    for w in check.warnings:
        console.print(Text(f"warning: {w}"))
    return strip_lines(buf.getvalue())


def _pct(x: float) -> str:
    return "100%" if x >= 1 else f"{100 * x:.1f}%"
