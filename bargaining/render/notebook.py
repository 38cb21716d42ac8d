r"""Rich display in Jupyter: a :class:`~bargaining.game.Game` or a :class:`~bargaining.solution.Solution` as a table.

Jupyter shows an object through its ``_repr_html_`` (or ``_repr_latex_``)
method. ``Game`` and ``Solution`` delegate to the functions here::

    def _repr_html_(self) -> str:
        from bargaining.render.notebook import game_html      # solution_html for a Solution
        return game_html(self)

    def _repr_latex_(self) -> str:
        from bargaining.render.notebook import game_latex     # solution_latex for a Solution
        return game_latex(self)

A game shows as its bimatrix, each best response in bold with a ``*``; a
solution adds the equilibria (exact probabilities), their labels and the
selected one, and highlights the cells of the pure equilibria. The LaTeX form
is display math (``$$ ... $$``) that MathJax renders. Marks come from
:meth:`bargaining.game.Game.best_response_marks` and the words from the
``solve`` renderers, so a notebook says what the command line says.
"""

from __future__ import annotations

from html import escape

from bargaining.numbers import exact, latex_number
from bargaining.render.words import label_words

__all__ = ["game_html", "game_latex", "solution_html", "solution_latex"]

_TABLE = "border-collapse:collapse;font-variant-numeric:tabular-nums;"
_CELL = "border:1px solid #9ca3af;padding:4px 10px;text-align:center;"
_EQ = "background:#dcfce7;outline:3px solid #15803d;outline-offset:-3px;"
_ROW, _COL = "#1d4ed8", "#b91c1c"


def _bimatrix_html(game, equilibria=()) -> str:
    row_marks, col_marks = game.best_response_marks()
    pure = {e.profile(): k for k, e in enumerate(equilibria) if e.pure}
    m, n = game.shape
    p0, p1 = (escape(p) for p in game.players)
    head = "".join(f'<th style="{_CELL}color:{_COL}">{escape(s)}</th>' for s in game.strategies[1])
    rows = []
    for i in range(m):
        cells = []
        for j in range(n):
            a = exact(game.A[i][j]) + ("*" if row_marks[i][j] else "")
            b = exact(game.B[i][j]) + ("*" if col_marks[i][j] else "")
            a = f'<span style="color:{_ROW}">{"<b>" + a + "</b>" if row_marks[i][j] else a}</span>'
            b = f'<span style="color:{_COL}">{"<b>" + b + "</b>" if col_marks[i][j] else b}</span>'
            style = _CELL + (_EQ if (i, j) in pure else "")
            title = f' title="equilibrium #{pure[(i, j)] + 1}"' if (i, j) in pure else ""
            cells.append(f'<td style="{style}"{title}>{a}, {b}</td>')
        rows.append(
            f'<tr><th style="{_CELL}color:{_ROW};text-align:right">{escape(game.strategies[0][i])}</th>'
            f'{"".join(cells)}</tr>'
        )
    caption = f"{escape(game.title)}<br>" if game.title else ""
    return (
        f'<table style="{_TABLE}"><caption style="text-align:left">{caption}'
        f'<small>payoffs (<span style="color:{_ROW}">{p0}</span>, <span style="color:{_COL}">{p1}</span>); '
        f"<b>bold*</b>: best response</small></caption>"
        f'<thead><tr><th style="{_CELL}">{p0} \\ {p1}</th>{head}</tr></thead><tbody>{"".join(rows)}</tbody></table>'
    )


def game_html(game) -> str:
    """The bimatrix as an HTML table, best responses in bold.

    Examples
    --------
    >>> from bargaining.game import Game
    >>> html = game_html(Game.from_arrays([[3, 0], [5, 1]], [[3, 5], [0, 1]], title="Prisoner's dilemma"))
    >>> "Prisoner&#x27;s dilemma" in html, "<b>1*</b>" in html
    (True, True)
    """
    return _bimatrix_html(game)


def _strategy_html(solution, e, p) -> str:
    g = solution.game
    s = e.strategy(p)
    if len(e.support(p)) == 1:
        return escape(g.strategies[p][e.support(p)[0]])
    return ", ".join(f"{escape(g.strategies[p][q])} {exact(s[q])}" for q in e.support(p))


def solution_html(solution) -> str:
    """The bimatrix with the pure equilibria highlighted, then every equilibrium with its labels.

    Examples
    --------
    >>> from bargaining.io.gamefile import load_model
    >>> from bargaining.solvers.registry import solve
    >>> html = solution_html(solve(load_model("games/taiwan_crisis.toml").game()))
    >>> "ally 23/45, align 22/45" in html, "selected (payoff dominance)" in html
    (True, True)
    """
    g = solution.game
    count = len(solution.equilibria)
    kind = "exact rational arithmetic" if solution.exact else "floating point"
    rows = []
    for k, e in enumerate(solution.equilibria):
        style = _CELL + ("background:#dcfce7;" if solution.selected == k else "")
        pay = f"{exact(e.payoffs[0])}, {exact(e.payoffs[1])}"
        rows.append(
            f'<tr><td style="{style}">{k + 1}</td><td style="{style}">{_strategy_html(solution, e, 0)}</td>'
            f'<td style="{style}">{_strategy_html(solution, e, 1)}</td><td style="{style}">{pay}</td>'
            f'<td style="{style}text-align:left">{escape("; ".join(label_words(solution, k)))}</td></tr>'
        )
    p0, p1 = (escape(p) for p in g.players)
    table = (
        f'<table style="{_TABLE}margin-top:8px"><caption style="text-align:left">'
        f"{count} Nash equilibri{'um' if count == 1 else 'a'} (method {escape(solution.method)}: {kind})</caption>"
        f'<thead><tr><th style="{_CELL}">#</th><th style="{_CELL}">{p0}</th><th style="{_CELL}">{p1}</th>'
        f'<th style="{_CELL}">payoffs</th><th style="{_CELL}">labels</th></tr></thead>'
        f'<tbody>{"".join(rows)}</tbody></table>'
    )
    notes = "".join(f"<br><small>note: {escape(w)}</small>" for w in solution.warnings)
    return f"<div>{_bimatrix_html(g, solution.equilibria)}{table}{notes}</div>"


def _text(s: str) -> str:
    """Plain text inside LaTeX math (MathJax and LaTeX alike): ``\\text{...}``, symbols outside it."""
    special = {"{": r"\{", "}": r"\}", "_": r"\_", "&": r"\&", "%": r"\%", "$": r"\$", "#": r"\#"}
    symbols = {"\\": r"\backslash", "^": r"\wedge", "~": r"\sim"}
    out, chunk = [], []
    for ch in s:
        if ch in symbols:
            out.append(r"\text{" + "".join(chunk) + "}" + symbols[ch])
            chunk = []
        else:
            chunk.append(special.get(ch, ch))
    out.append(r"\text{" + "".join(chunk) + "}")
    return "".join(out)


def _bimatrix_latex(game) -> str:
    row_marks, col_marks = game.best_response_marks()
    m, n = game.shape

    def cell(v, marked):
        return rf"\underline{{\mathbf{{{latex_number(v)}}}}}" if marked else latex_number(v)

    lines = [
        r"\begin{array}{r|" + "c" * n + "}",
        _text(f"{game.players[0]} \\ {game.players[1]}")
        + " & "
        + " & ".join(_text(s) for s in game.strategies[1])
        + r" \\ \hline",
    ]
    for i in range(m):
        cells = [f"{cell(game.A[i][j], row_marks[i][j])},\\ {cell(game.B[i][j], col_marks[i][j])}" for j in range(n)]
        lines.append(_text(game.strategies[0][i]) + " & " + " & ".join(cells) + r" \\")
    lines.append(r"\end{array}")
    return "\n".join(lines)


def game_latex(game) -> str:
    r"""The bimatrix as display math, best responses underlined in bold.

    Examples
    --------
    >>> from bargaining.game import Game
    >>> print(game_latex(Game.from_arrays([[1, 0], [0, 1]], [[1, 0], [0, 1]])))
    $$
    \begin{array}{r|cc}
    \text{Row }\backslash\text{ Column} & \text{c1} & \text{c2} \\ \hline
    \text{r1} & \underline{\mathbf{1}},\ \underline{\mathbf{1}} & 0,\ 0 \\
    \text{r2} & 0,\ 0 & \underline{\mathbf{1}},\ \underline{\mathbf{1}} \\
    \end{array}
    $$
    """
    return "$$\n" + _bimatrix_latex(game) + "\n$$"


def solution_latex(solution) -> str:
    """The bimatrix and the equilibria (exact probabilities) as display math."""
    g = solution.game
    rows = []
    for k, e in enumerate(solution.equilibria):
        parts = []
        for p in range(2):
            s = e.strategy(p)
            if len(e.support(p)) == 1:
                parts.append(_text(g.strategies[p][e.support(p)[0]]))
            else:
                parts.append(",\\ ".join(f"{_text(g.strategies[p][q])}\\ {latex_number(s[q])}" for q in e.support(p)))
        mark = r"\ \star" if solution.selected == k else ""
        rows.append(
            f"{k + 1}{mark} & {parts[0]} & {parts[1]} & {latex_number(e.payoffs[0])},\\ {latex_number(e.payoffs[1])}"
            + r" \\"
        )
    eqs = "\n".join(
        [
            r"\begin{array}{r|lll}",
            r"\# & " + _text(g.players[0]) + " & " + _text(g.players[1]) + r" & \text{payoffs} \\ \hline",
        ]
        + rows
        + [r"\end{array}"]
    )
    note = ""
    if solution.selected is not None:
        note = r"\qquad \star\ " + _text(f"selected ({solution.selection_rule})")
    return "$$\n" + _bimatrix_latex(g) + r"\qquad" + "\n" + eqs + note + "\n$$"
