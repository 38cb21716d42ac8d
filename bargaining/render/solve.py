"""Renderers for a :class:`~bargaining.solution.Solution`: table, JSON, Markdown, LaTeX.

The table is for a person at a terminal; JSON is ``Solution.to_dict()`` plus
the plain-language reading and which results are ordinal and which cardinal
(:func:`bargaining.analysis.ordinal.claims`); Markdown and LaTeX are fragments
to paste into a handout or slides.
"""

from __future__ import annotations

import json

from bargaining.numbers import exact, exact_and_decimal, latex_number
from bargaining.render import layout
from bargaining.render.words import REQUIRES, label_words, latex_comment, latex_escape, md_escape, method_words
from bargaining.solution import Equilibrium, Solution

__all__ = ["render"]


# ----------------------------------------------------------------------------- shared pieces


def _hanging(text: str, first: str, rest: str = "    ") -> str:
    """``text`` wrapped to the page (:func:`bargaining.render.layout.width`), continuation lines indented."""
    return "\n".join(layout.wrap(text, first, rest))

def _strategy_text(solution: Solution, e: Equilibrium, p: int, number=exact_and_decimal, sep: str = ", ") -> str:
    g = solution.game
    s = e.strategy(p)
    if e.pure or len(e.support(p)) == 1:
        return g.strategies[p][e.support(p)[0]]
    return sep.join(f"{g.strategies[p][k]} {number(s[k])}" for k in e.support(p))


def _components_text(solution: Solution) -> list[str]:
    """Sentences for the components that hold more than one extreme equilibrium."""
    out = []
    for c in solution.components:
        if len(c) > 1:
            members = ", ".join(f"#{k + 1}" for k in c)
            out.append(
                f"Equilibria {members} span a continuum: every mixture of their {solution.game.players[0]} "
                f"strategies with their {solution.game.players[1]} strategies is an equilibrium."
            )
    return out


# ----------------------------------------------------------------------------- formats


def render(solution: Solution, fmt: str = "table") -> str:
    """Render a solution in one of ``table``, ``json``, ``markdown``, ``latex``.

    A game of three or more players, or any game solved by support enumeration
    with exact polynomial systems (``--method polynomial``), is rendered by
    :mod:`bargaining.render.nplayer`.
    """
    if solution.search is not None or solution.game.n_players > 2:
        from bargaining.render.nplayer import render as render_nplayer

        return render_nplayer(solution, fmt)
    return {"table": _table, "json": _json, "markdown": _markdown, "latex": _latex}[fmt](solution)


def _claims(solution):
    from bargaining.analysis.ordinal import claims

    return claims(solution)


def _json(solution) -> str:
    return json.dumps({**solution.to_dict(), "claims": _claims(solution).to_dict()}, indent=2, ensure_ascii=False)


def _table(solution) -> str:
    from io import StringIO

    from rich.text import Text

    g = solution.game
    buf = StringIO()
    # 80 columns: a seminar room's terminal, and the narrowest a reader is likely to have
    console = layout.console(buf)
    console.print(Text(g.title or "Game", style="bold"))
    if g.description:
        console.print(Text(g.description))
    if g.parameters:
        changed = set(g.changed)
        labels = dict(g.labels)
        params = layout.table(box=None, show_header=False, padding=(0, 1), title="Parameters", title_justify="left")
        for name, v in g.parameters:
            note = "  (set on the command line)" if name in changed else ""
            params.add_row(name, "=", exact(v), labels.get(name, "") + note)
        console.print()
        console.print(params)

    row_marks, col_marks = g.best_response_marks()
    bim = layout.table(
        title=f"Payoffs ({g.players[0]}, {g.players[1]}); * = best response",
        title_justify="left",
        show_lines=True,
    )
    bim.add_column(f"{g.players[0]} \\ {g.players[1]}", style="bold")
    for s in g.strategies[1]:
        bim.add_column(s, justify="center")
    m, n = g.shape
    for i in range(m):
        cells = []
        for j in range(n):
            a = exact(g.A[i][j]) + ("*" if row_marks[i][j] else "")
            b = exact(g.B[i][j]) + ("*" if col_marks[i][j] else "")
            cells.append(f"{a} , {b}")
        bim.add_row(g.strategies[0][i], *cells)
    console.print()
    console.print(bim)

    count = len(solution.equilibria)
    kind = "exact rational arithmetic" if solution.exact else "floating point"
    console.print(
        Text(f"\n{count} Nash equilibri{'um' if count == 1 else 'a'} (method {solution.method}: {kind})", style="bold")
    )
    eqs = layout.table(show_lines=False)
    eqs.add_column("#", justify="right")
    eqs.add_column(g.players[0])
    eqs.add_column(g.players[1])
    eqs.add_column("payoffs")
    for k, e in enumerate(solution.equilibria):
        eqs.add_row(
            str(k + 1),
            _strategy_text(solution, e, 0, sep="\n"),
            _strategy_text(solution, e, 1, sep="\n"),
            f"{exact_and_decimal(e.payoffs[0])} , {exact_and_decimal(e.payoffs[1])}",
        )
    console.print(eqs)
    for k, e in enumerate(solution.equilibria):
        console.print(Text(_hanging(f"#{k + 1}: {solution.reading(k)}", ""), style="bold"))
        console.print(Text(_hanging("; ".join(label_words(solution, k)), "    ")))
    for line in _components_text(solution):
        console.print(Text(line))
    if solution.selected is None and count > 1:
        console.print(Text("No selection rule (payoff or risk dominance) picks one equilibrium."))
    for w in solution.warnings:
        console.print(Text(f"note: {w}"))
    for line in _claims(solution).lines():
        console.print(Text(line))
    return "\n".join(line.rstrip() for line in buf.getvalue().rstrip().splitlines()) + "\n"


def _markdown(solution) -> str:
    g = solution.game
    row_marks, col_marks = g.best_response_marks()
    lines = [f"### {md_escape(g.title or 'Game')}", ""]
    if g.description:
        lines += [g.description, ""]
    if g.parameters:
        lines += ["Parameters: " + ", ".join(f"`{name} = {exact(v)}`" for name, v in g.parameters), ""]
    md = md_escape
    players = [md(p) for p in g.players]
    lines.append(f"Payoffs ({players[0]}, {players[1]}); **bold** marks a best response.")
    lines.append("")
    lines.append(f"| {players[0]} \\ {players[1]} | " + " | ".join(md(s) for s in g.strategies[1]) + " |")
    lines.append("|---" * (len(g.strategies[1]) + 1) + "|")
    for i, s in enumerate(g.strategies[0]):
        cells = []
        for j in range(len(g.strategies[1])):
            a, b = exact(g.A[i][j]), exact(g.B[i][j])
            cells.append(f"{'**' + a + '**' if row_marks[i][j] else a} ; {'**' + b + '**' if col_marks[i][j] else b}")
        lines.append(f"| **{md(s)}** | " + " | ".join(cells) + " |")
    lines += ["", f"**Nash equilibria** ({method_words(solution)}):", ""]
    lines.append(f"| # | {players[0]} | {players[1]} | payoffs | labels |")
    lines.append("|---|---|---|---|---|")
    for k, e in enumerate(solution.equilibria):
        lines.append(
            f"| {k + 1} | {md(_strategy_text(solution, e, 0))} | {md(_strategy_text(solution, e, 1))} | "
            f"{exact_and_decimal(e.payoffs[0])} ; {exact_and_decimal(e.payoffs[1])} | "
            f"{md(', '.join(label_words(solution, k)))} |"
        )
    lines.append("")
    for k, e in enumerate(solution.equilibria):
        lines.append(f"{k + 1}. {md_escape(solution.reading(k))}")
    lines += [""] + [md(t) for t in _components_text(solution)] + [f"*Note: {md(w)}*" for w in solution.warnings]
    lines += [""] + [md(t) for t in _claims(solution).lines()]
    return "\n".join(lines).rstrip() + "\n"


def _latex(solution) -> str:
    g = solution.game
    row_marks, col_marks = g.best_response_marks()
    m, n = g.shape
    esc = latex_escape
    lines = [
        REQUIRES,
        latex_comment(f"{g.title or 'Game'}: payoffs ({g.players[0]}, {g.players[1]}); underlined = best response"),
        r"\begin{tabular}{r|" + "c" * n + "}",
        f"{esc(g.players[0])} $\\backslash$ {esc(g.players[1])} & "
        + " & ".join(esc(s) for s in g.strategies[1])
        + r" \\ \hline",
    ]

    def cell(value, marked):
        text = latex_number(value)
        return f"\\underline{{${text}$}}" if marked else f"${text}$"

    for i in range(m):
        cells = [f"{cell(g.A[i][j], row_marks[i][j])}, {cell(g.B[i][j], col_marks[i][j])}" for j in range(n)]
        lines.append(f"{esc(g.strategies[0][i])} & " + " & ".join(cells) + r" \\")
    lines.append(r"\end{tabular}")
    lines.append("")
    lines.append(r"\begin{enumerate}")
    for k, e in enumerate(solution.equilibria):
        strat = []
        for p in range(2):
            s = e.strategy(p)
            parts = [f"{esc(g.strategies[p][q])}~${latex_number(s[q])}$" for q in e.support(p)]
            strat.append(
                f"{esc(g.players[p])}: "
                + (esc(g.strategies[p][e.support(p)[0]]) if len(parts) == 1 else ", ".join(parts))
            )
        pay = f"payoffs $({latex_number(e.payoffs[0])}, {latex_number(e.payoffs[1])})$"
        lines.append(
            f"  \\item {'; '.join(strat)}; {pay}; {esc(', '.join(label_words(solution, k)))}. "
            f"{esc(solution.reading(k))}."
        )
    lines.append(r"\end{enumerate}")
    return "\n".join(lines) + "\n"

