"""Renderer for the scenario table.

:func:`render` turns a :class:`~bargaining.analysis.scenarios.ScenarioTable` into a
terminal table, JSON, Markdown or LaTeX. :func:`changes_text` and
:func:`selected_text` describe one row; :func:`text_console`,
:func:`strip_lines` and :func:`md_cell` are shared with the robustness and
calibration renderers (:mod:`bargaining.render.robustness`,
:mod:`bargaining.render.calibration`), whose rows are scenario results too.

No computation happens here.
"""

from __future__ import annotations

import json
from typing import Sequence

from bargaining.numbers import exact
from bargaining.render import layout
from bargaining.render.words import latex_escape

__all__ = ["render", "changes_text", "selected_text", "form_outcomes_text", "text_console", "strip_lines", "md_cell"]

_RULE_NOTE = (
    "Selection: the unique equilibrium, else the payoff-dominant one, else the risk-dominant one "
    "(Harsanyi and Selten 1988). Treaty: is (ally, ally) an equilibrium? 'X blocks': X would not sign "
    "even if the other did. Ordinal (the same for any payoffs with the same best-response comparisons): the pure "
    "equilibria and the treaty column. Cardinal (they depend on the numbers): the mixed probabilities and the "
    "selection by payoff or risk dominance; --ordinal checks them."
)

_NPLAYER_NOTE = (
    "Selection: the unique equilibrium, else the payoff-dominant one (Harsanyi and Selten 1988). Treaty: is there "
    "a pure equilibrium in which every player with the strategy ally plays it? 'X blocks (Y: s)': with the other "
    "players answering the treaty by their best response s, X would not sign. 'mixed: p': the largest probability "
    "of the treaty in a mixed equilibrium."
)


def _nplayer(table) -> bool:
    return any(r.solution.game.n_players > 2 for r in table.rows)


_ORDINAL_NOTE = (
    "Ordinal check: pure equilibria hold for every payoff assignment with the same best-response comparisons; "
    "the shares are of 2000 random assignments with each player's ranking of all cells kept (ties too) that keep "
    "the equilibrium set, the selected equilibrium and the risk-dominant one."
)


def ordinal_text(row) -> str:
    """The ordinal check's verdict for a row (``scenarios --ordinal``), or ``—``."""
    return "—" if row.ordinal is None else row.ordinal.verdict()


def changes_text(changes: Sequence, arrow: str = "→") -> str:
    """``T 0.6 → 1, w_R 0.15 → 0.1`` (``—`` when nothing changed).

    Examples
    --------
    >>> from fractions import Fraction as F
    >>> from bargaining.analysis.scenarios import Change
    >>> changes_text([Change(name="T", old=F(3, 5), new=F(1)), Change(name="a", old=None, new=F(1, 2))])
    'T 0.6 → 1, a (new) 0.5'
    >>> changes_text([])
    '—'
    """
    if not changes:
        return "—"
    return ", ".join(
        f"{c.name} (new) {exact(c.new)}" if c.old is None else f"{c.name} {exact(c.old)} {arrow} {exact(c.new)}"
        for c in changes
    )


def selected_text(row) -> str:
    """``(ally, ally) (payoff dominance; (align, align) risk-dominant)``: the selected equilibrium and its rule."""
    if row.selected is None:
        return "none"
    notes = [row.selection_rule]
    risk = row.risk_dominant
    if row.selection_rule == "payoff dominance" and risk is not None:
        notes.append("also risk-dominant" if risk == row.selected else f"{risk} risk-dominant")
    return f"{row.selected} ({'; '.join(notes)})"


def render(table, fmt: str = "table", *, width: int | None = None) -> str:
    """Render the scenario table as ``table``, ``json``, ``markdown`` or ``latex``.

    With a game form (``scenarios --form``) the table has the form's
    subgame-perfect outcomes beside the simultaneous game's equilibria.
    """
    if table.form is not None and fmt != "json":
        return {"table": _form_table, "markdown": _form_markdown, "latex": _form_latex}[fmt](table, width)
    return {"table": _table, "json": _json, "markdown": _markdown, "latex": _latex}[fmt](table, width)


def form_outcomes_text(row, sep: str = "\n") -> str:
    """``a military alliance ... (16 of 16 SPEs): propose, accept (9); ...``, one line per reading."""
    total = sum(n for _, n, _ in row.form_outcomes())
    parts = []
    for reading, n, paths in row.form_outcomes():
        count = f" ({n} of {total} SPEs)" if total > 1 else ""
        ways = "; ".join(f"{p} ({k})" if len(paths) > 1 else p for p, k in paths)
        parts.append(f"{reading}{count}: {ways}")
    return sep.join(parts) or "none"


_FORM_NOTE = (
    "Simultaneous: the strategic-form game of each scenario file (selection: the unique equilibrium, else the "
    "payoff-dominant one, else the risk-dominant one; Harsanyi and Selten 1988). Game form: the tree solved at "
    "the scenario's parameters; what its subgame-perfect equilibria end in, and by which paths of play "
    "(how many SPEs take each)."
)


def _form_table(table, width) -> str:
    from rich.text import Text

    buf, console = text_console(width)
    t = layout.table(
        title=f"Scenarios in {table.folder}: the simultaneous game and {table.form_title} ({table.form})",
        title_justify="left",
        show_lines=True,
        expand=True,
    )
    t.add_column("scenario", style="bold", no_wrap=True)
    t.add_column("changes from parent", no_wrap=True)
    t.add_column("simultaneous: equilibria", ratio=3, overflow="fold")
    t.add_column("selected (rule)", ratio=3, overflow="fold")
    t.add_column("game form: subgame-perfect outcomes", ratio=5, overflow="fold")
    for r in table.rows:
        t.add_row(
            r.name,
            changes_text(r.changes).replace(", ", "\n"),
            "\n".join(r.equilibria),
            selected_text(r),
            form_outcomes_text(r),
        )
    console.print(t)
    console.print(Text(_FORM_NOTE))
    if table.failures:
        console.print(Text(f"{len(table.failures)} file(s) could not be solved: see the error lines."))
    return strip_lines(buf.getvalue())


def _form_markdown(table, width) -> str:
    lines = [
        f"Scenarios in `{table.folder}`: the simultaneous game and {md_cell(table.form_title)} (`{table.form}`)",
        "",
        "| scenario | changes from parent | simultaneous: equilibria | selected (rule) "
        "| game form: subgame-perfect outcomes |",
        "|---|---|---|---|---|",
    ]
    for r in table.rows:
        cells = (f"`{r.name}`", changes_text(r.changes), "; ".join(r.equilibria), selected_text(r),
                 form_outcomes_text(r, "; "))
        lines.append("| " + " | ".join(md_cell(x) for x in cells) + " |")
    lines += ["", _FORM_NOTE]
    for f in table.failures:
        lines.append(f"\n**Error** in `{f.source}`: {md_cell(f.message)}")
    return "\n".join(lines) + "\n"


def _form_latex(table, width) -> str:
    esc = latex_escape
    lines = [
        r"\begin{tabular}{p{2.6cm}p{3.2cm}p{4cm}p{3cm}p{5cm}}",
        r"scenario & changes & simultaneous: equilibria & selected (rule) & "
        r"game form: subgame-perfect outcomes \\ \hline",
    ]
    for r in table.rows:
        cells = (
            esc(r.name),
            esc(changes_text(r.changes, arrow="->")).replace("->", r"$\to$").replace("—", "---"),
            r" \newline ".join(esc(e) for e in r.equilibria),
            esc(selected_text(r)),
            esc(form_outcomes_text(r, "; ")).replace("→", r"$\to$"),
        )
        lines.append(" & ".join(cells) + r" \\")
    lines.append(r"\end{tabular}")
    return "\n".join(lines) + "\n"


def _json(table, width) -> str:
    return json.dumps(table.to_dict(), indent=2, ensure_ascii=False)


def text_console(width=None):
    """A plain-text rich console, the page's width unless given, that writes to a buffer: ``(buffer, console)``."""
    from io import StringIO

    buf = StringIO()
    return buf, layout.console(buf, width)


def strip_lines(text: str) -> str:
    """The text without trailing spaces on any line, ending in one newline."""
    return "\n".join(line.rstrip() for line in text.rstrip().splitlines()) + "\n"


def _table(table, width) -> str:
    from rich.text import Text

    buf, console = text_console(width)
    t = layout.table(
        title=f"Scenarios in {table.folder} ({table.method} solver)",
        title_justify="left",
        show_lines=True,
        expand=True,
    )
    wide = _nplayer(table)
    t.add_column("scenario", style="bold", no_wrap=True)
    t.add_column("changes from parent", no_wrap=True)
    t.add_column("equilibria", ratio=5, overflow="fold")
    t.add_column("selected (rule)", ratio=3, overflow="fold")
    t.add_column("treaty eq.?", ratio=3 if wide else 2, overflow="fold")
    if table.ordinal:
        t.add_column("ordinal check", ratio=4, overflow="fold")
    t.add_column("study expects", ratio=2 if wide else 3, overflow="fold")
    for r in table.rows:
        t.add_row(
            r.name,
            changes_text(r.changes).replace(", ", "\n"),
            "\n".join(r.equilibria),
            selected_text(r),
            r.treaty_text(),
            *((ordinal_text(r),) if table.ordinal else ()),
            r.expectation or "—",
        )
    console.print(t)
    console.print(Text(_NPLAYER_NOTE if wide else _RULE_NOTE))
    if table.ordinal:
        console.print(Text(_ORDINAL_NOTE))
    if table.failures:
        console.print(Text(f"{len(table.failures)} file(s) could not be solved: see the error lines."))
    return strip_lines(buf.getvalue())


def md_cell(text: str) -> str:
    """Text for a Markdown table cell (``|`` escaped, a line break a space)."""
    from bargaining.render.words import md_escape

    return md_escape(str(text))


def _markdown(table, width) -> str:
    extra = " ordinal check |" if table.ordinal else ""
    lines = [
        f"| scenario | changes from parent | equilibria | selected (rule) | treaty eq.? |{extra} study expects |",
        "|---|---|---|---|---|---|" + ("---|" if table.ordinal else ""),
    ]
    for r in table.rows:
        lines.append(
            "| "
            + " | ".join(
                md_cell(x)
                for x in (
                    f"`{r.name}`",
                    changes_text(r.changes),
                    "; ".join(r.equilibria),
                    selected_text(r),
                    r.treaty_text(),
                    *((ordinal_text(r),) if table.ordinal else ()),
                    r.expectation or "—",
                )
            )
            + " |"
        )
    lines += ["", _NPLAYER_NOTE if _nplayer(table) else _RULE_NOTE] + (["", _ORDINAL_NOTE] if table.ordinal else [])
    for f in table.failures:
        lines.append(f"\n**Error** in `{f.source}`: {md_cell(f.message)}")
    return "\n".join(lines) + "\n"


def _latex(table, width) -> str:
    esc = latex_escape
    lines = [
        r"\begin{tabular}{p{2.6cm}p{3.2cm}p{5cm}p{3cm}p{1.8cm}p{2.6cm}}",
        r"scenario & changes & equilibria & selected (rule) & treaty eq.? & study expects \\ \hline",
    ]
    for r in table.rows:
        cells = (
            esc(r.name),
            esc(changes_text(r.changes, arrow="->")).replace("->", r"$\to$").replace("—", "---"),
            r" \newline ".join(esc(e) for e in r.equilibria),
            esc(selected_text(r)),
            esc(r.treaty_text()),
            esc(r.expectation or "--"),
        )
        lines.append(" & ".join(cells) + r" \\")
    lines.append(r"\end{tabular}")
    return "\n".join(lines) + "\n"


def render_game_list(games) -> str:
    """``(name, title)`` pairs as lines, the names in one column.

    Examples
    --------
    >>> print(render_game_list([("baseline", "Baseline"), ("triangle/detente", "Detente")]), end="")
    baseline          Baseline
    triangle/detente  Detente
    """
    width = max((len(name) for name, _ in games), default=0)
    out = []
    for name, title in games:  # a long title wraps under itself, the names' column kept clear
        out.extend(layout.wrap(title, f"{name:<{width}}  ", " " * (width + 2)))
    return "".join(line.rstrip() + "\n" for line in out)
