"""Renderers for the solution of a game of three or more players: table, JSON, Markdown, LaTeX.

A game of ``n`` players is shown as one table per pure profile of the first
``n - 2`` players (for the triangle: one per strategy of the United States),
each a matrix of the last two players' strategies whose cells hold every
player's payoff; ``*`` marks a payoff whose player is playing a best response
to the others there. Then every equilibrium, exact (rational, a radical such
as ``139/132 - sqrt(13777)/132``, or a root of its minimal polynomial in an
isolating interval) with its decimal, its labels, the plain-language reading
and its certificate; then every continuum of equilibria with the equations
that describe it and a certified point of it.

The same renderer shows any solution found by support enumeration with exact
polynomial systems (``--method polynomial``, two players too). No computation
happens here beyond looking up best responses of pure profiles.
"""

from __future__ import annotations

import itertools
import json

from bargaining.numbers import decimal, exact, exact_and_decimal, latex_number
from bargaining.render import layout
from bargaining.render.words import REQUIRES, label_words, latex_comment, latex_escape, md_escape

__all__ = ["render", "slices", "strategy_text", "certificate_text", "continuum_lines", "payoff_cell"]


def render(solution, fmt: str = "table") -> str:
    """Render an n-player solution in one of ``table``, ``json``, ``markdown``, ``latex``."""
    return {"table": _table, "json": _json, "markdown": _markdown, "latex": _latex}[fmt](solution)


def _json(solution) -> str:
    return json.dumps(solution.to_dict(), indent=2, ensure_ascii=False)


# ----------------------------------------------------------------------------- shared pieces


def slices(game):
    """``(title, fixed profile)`` for each table of the game: the first ``n - 2`` players' pure profiles.

    A two-player game has one table, with the empty profile.
    """
    n = game.n_players
    heads = game.players[: n - 2]
    out = []
    for fixed in itertools.product(*(range(s) for s in game.shape[: n - 2])):
        words = ", ".join(f"{heads[p]} plays {game.strategies[p][k]}" for p, k in enumerate(fixed))
        out.append((words, fixed))
    return out


def payoff_cell(game, profile, number=exact, sep: str = " , ") -> str:
    """Every player's payoff at ``profile``, each marked ``*`` when it is a best response there."""
    parts = []
    for p in range(game.n_players):
        mark = "*" if profile[p] in game.best_responses(p, profile) else ""
        parts.append(number(game.payoff(p, *profile)) + mark)
    return sep.join(parts)


def strategy_text(game, e, p: int, number=exact_and_decimal, sep: str = "\n") -> str:
    """``ally`` for a pure strategy, ``ally 23/45 (0.5111)`` per line for a mixed one."""
    support = e.support(p)
    if len(support) == 1:
        return game.strategies[p][support[0]]
    return sep.join(f"{game.strategies[p][k]} {number(e.mixed[p][k])}" for k in support)


def certificate_text(e) -> str:
    """One sentence: how the equilibrium was proved."""
    c = e.certificate
    if c is None:
        return ""
    if c.arithmetic == "rational":
        return "certified in rational arithmetic: every deviation checked exactly, regret 0"
    poly = _poly(c.field_polynomial)
    lo, hi = c.field_interval
    # the exact ends of the isolating interval are long fractions (they are in the JSON): its middle and width
    return (f"certified in the number field Q(θ), θ the root of {poly} near {decimal((lo + hi) / 2, 6)} "
            f"(isolated to a width of {float(hi - lo):.0e}): equal payoffs exactly, every sign proved by ball "
            "arithmetic, regret 0")


def _poly(coeffs) -> str:
    terms = []
    for k in range(len(coeffs) - 1, -1, -1):
        c = int(coeffs[k])
        if c == 0:
            continue
        mono = "" if k == 0 else ("θ" if k == 1 else f"θ^{k}")
        mag = abs(c)
        body = str(mag) if not mono else (mono if mag == 1 else f"{mag}{mono}")
        terms.append(("-" if c < 0 else "") + body if not terms else ("- " if c < 0 else "+ ") + body)
    return " ".join(terms) or "0"


def continuum_lines(solution) -> list[str]:
    """Sentences describing each continuum of equilibria: its support, its equations, a certified point."""
    g = solution.game
    out = []
    for k, c in enumerate(solution.continua, 1):
        support = "; ".join(
            f"{g.players[p]} " + "/".join(g.strategies[p][i] for i in s) for p, s in enumerate(c.support)
        )
        out.append(f"Continuum {k}: equilibria of dimension {c.dimension} with support {support}")
        names = ", ".join(f"{name} = P({meaning.split(' plays ')[0]} plays {meaning.split(' plays ')[1]})"
                          for name, meaning in c.variables.items())
        out.append(f"    where {names}")
        out.append("    equations: " + "; ".join(c.equations))
        if c.generic_condition:
            out.append(f"    (the closure of the points where {c.generic_condition})")
        out.append("    inequalities: " + "; ".join(c.inequalities))
        w = c.witness
        if w is None:
            out.append("    no point of it was found to be an equilibrium (it may hold none)")
        else:
            point = "; ".join(
                f"{g.players[p]} " + ", ".join(f"{g.strategies[p][i]} {exact_and_decimal(w.mixed[p][i])}" for i in s)
                for p, s in enumerate(w.support)
            )
            out.append(f"    a certified point of it: {point}")
    return out


def _parameters(console, g) -> None:
    changed = set(g.changed)
    labels = dict(g.labels)
    params = layout.table(box=None, show_header=False, padding=(0, 1), title="Parameters", title_justify="left")
    for name, v in g.parameters:
        note = "  (set on the command line)" if name in changed else ""
        params.add_row(name, "=", exact(v), labels.get(name, "") + note)
    console.print()
    console.print(params)


def game_tables(console, g) -> None:
    """Print the game's payoff tables (one per profile of all players but the last two)."""
    from rich.text import Text

    n = g.n_players
    row_player, col_player = n - 2, n - 1
    console.print()
    console.print(Text(f"Payoffs ({', '.join(g.players)}); * = best response to the others", style="bold"))
    corner = f"{g.players[row_player]} \\ {g.players[col_player]}"
    cells = {prof: payoff_cell(g, prof) for prof in itertools.product(*(range(k) for k in g.shape))}
    # a row of cells wider than the terminal would wrap inside its cells: then one payoff per line
    first = max(len(corner), *(len(s) for s in g.strategies[row_player]))
    widest = max(len(c) for c in cells.values())
    stacked = first + 4 + g.shape[col_player] * (widest + 3) > console.width
    for words, fixed in slices(g):
        t = layout.table(title=words or None, title_justify="left", show_lines=True)
        t.add_column(corner, style="bold")
        for s in g.strategies[col_player]:
            t.add_column(s, justify="center")
        for i, s in enumerate(g.strategies[row_player]):
            t.add_row(s, *(payoff_cell(g, fixed + (i, j), sep="\n") if stacked else cells[fixed + (i, j)]
                           for j in range(g.shape[col_player])))
        console.print(t)


def _strategy_columns(g) -> list[str]:
    return list(g.players)


# ----------------------------------------------------------------------------- formats


def _table(solution) -> str:
    from io import StringIO

    from rich.text import Text

    g = solution.game
    buf = StringIO()
    console = layout.console(buf)
    console.print(Text(g.title or "Game", style="bold"))
    if g.description:
        console.print(Text(g.description))
    if g.parameters:
        _parameters(console, g)
    game_tables(console, g)

    count = len(solution.equilibria)
    console.print(
        Text(f"\n{count} Nash equilibri{'um' if count == 1 else 'a'} (method {solution.method}: {_kind(solution)})",
             style="bold")
    )
    eqs = layout.table(show_lines=False)
    eqs.add_column("#", justify="right")
    # exact numbers are folded onto the next line, never cut short
    for p in g.players:
        eqs.add_column(p, overflow="fold")
    eqs.add_column("payoffs", overflow="fold")
    for k, e in enumerate(solution.equilibria):
        eqs.add_row(
            str(k + 1),
            *(strategy_text(g, e, p) for p in range(g.n_players)),
            "\n".join(f"{exact_and_decimal(u)}" for u in e.payoffs),
        )
    console.print(eqs)
    for k, e in enumerate(solution.equilibria):
        console.print(Text(f"#{k + 1}: {solution.reading(k)}", style="bold"))
        console.print(Text("    " + "; ".join(label_words(solution, k))))
        if e.certificate is not None:
            console.print(Text("    " + certificate_text(e)))
    for line in continuum_lines(solution):
        console.print(Text(line))
    if solution.selected is None and count > 1:
        console.print(Text("No selection rule (payoff dominance) picks one equilibrium."))
    for w in solution.warnings:
        console.print(Text(f"note: {w}"))
    return "\n".join(line.rstrip() for line in buf.getvalue().rstrip().splitlines()) + "\n"


def _kind(solution) -> str:
    if not solution.exact:
        return "floating point"
    supports = solution.search or {}
    total = supports.get("total")
    counted = f", {total} support profiles" if total else ""
    return f"support enumeration, exact polynomial systems{counted}; every equilibrium certified"


def _markdown(solution) -> str:
    g = solution.game
    n = g.n_players
    lines = [f"### {md_escape(g.title or 'Game')}", ""]
    if g.description:
        lines += [g.description, ""]
    if g.parameters:
        lines += ["Parameters: " + ", ".join(f"`{name} = {exact(v)}`" for name, v in g.parameters), ""]
    md = md_escape
    lines.append(f"Payoffs ({', '.join(md(p) for p in g.players)}); * marks a best response to the others.")
    for words, fixed in slices(g):
        lines += ["", f"*{md(words)}*" if words else "", ""]
        lines.append(f"| {md(g.players[n - 2])} \\ {md(g.players[n - 1])} | "
                     + " | ".join(md(s) for s in g.strategies[n - 1]) + " |")
        lines.append("|---" * (g.shape[n - 1] + 1) + "|")
        for i, s in enumerate(g.strategies[n - 2]):
            cells = [payoff_cell(g, fixed + (i, j), sep=" ; ") for j in range(g.shape[n - 1])]
            lines.append(f"| **{md(s)}** | " + " | ".join(cells) + " |")
    lines += ["", f"**Nash equilibria** (method {solution.method}: {_kind(solution)}):", ""]
    lines.append("| # | " + " | ".join(md(p) for p in g.players) + " | payoffs | labels |")
    lines.append("|---" * (n + 3) + "|")
    for k, e in enumerate(solution.equilibria):
        cells = [strategy_text(g, e, p, sep=", ") for p in range(n)]
        pay = " ; ".join(exact_and_decimal(u) for u in e.payoffs)
        lines.append(f"| {k + 1} | " + " | ".join(md_escape(c) for c in cells)
                     + f" | {pay} | {md(', '.join(label_words(solution, k)))} |")
    lines.append("")
    for k, e in enumerate(solution.equilibria):
        proof = f" ({certificate_text(e)})" if e.certificate else ""
        lines.append(f"{k + 1}. {md_escape(solution.reading(k))}{proof}")
    lines += [""] + [md(t) for t in continuum_lines(solution)] + [f"*Note: {md(w)}*" for w in solution.warnings]
    return "\n".join(lines).rstrip() + "\n"


def _latex(solution) -> str:
    g = solution.game
    n = g.n_players
    esc = latex_escape
    lines = [REQUIRES]
    for words, fixed in slices(g):
        lines.append(latex_comment(
            f"{g.title or 'Game'}: payoffs ({', '.join(g.players)}); underlined = best response"
            f"{'; ' + words if words else ''}"
        ))
        lines.append(r"\begin{tabular}{r|" + "c" * g.shape[n - 1] + "}")
        lines.append(
            f"{esc(g.players[n - 2])} $\\backslash$ {esc(g.players[n - 1])} & "
            + " & ".join(esc(s) for s in g.strategies[n - 1])
            + r" \\ \hline"
        )
        for i in range(g.shape[n - 2]):
            cells = []
            for j in range(g.shape[n - 1]):
                prof = fixed + (i, j)
                parts = []
                for p in range(n):
                    text = f"${latex_number(g.payoff(p, *prof))}$"
                    parts.append(f"\\underline{{{text}}}" if prof[p] in g.best_responses(p, prof) else text)
                cells.append(", ".join(parts))
            lines.append(f"{esc(g.strategies[n - 2][i])} & " + " & ".join(cells) + r" \\")
        lines.append(r"\end{tabular}")
        lines.append("")
    lines.append(r"\begin{enumerate}")
    for k, e in enumerate(solution.equilibria):
        strat = []
        for p in range(n):
            support = e.support(p)
            if len(support) == 1:
                strat.append(f"{esc(g.players[p])}: {esc(g.strategies[p][support[0]])}")
            else:
                mix = ", ".join(f"{esc(g.strategies[p][q])}~${latex_number(e.mixed[p][q])}$" for q in support)
                strat.append(f"{esc(g.players[p])}: {mix}")
        pay = "payoffs $(" + ", ".join(latex_number(u) for u in e.payoffs) + ")$"
        lines.append(
            f"  \\item {'; '.join(strat)}; {pay}; {esc(', '.join(label_words(solution, k)))}. "
            f"{esc(solution.reading(k))}."
        )
    lines.append(r"\end{enumerate}")
    return "\n".join(lines) + "\n"
