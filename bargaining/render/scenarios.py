"""Renderers for the scenario study: the scenario table, robustness counts and calibration.

- :func:`render` turns a :class:`~bargaining.scenarios.ScenarioTable` into a
  terminal table, JSON, Markdown or LaTeX;
- :func:`render_robustness` a :class:`~bargaining.robustness.Robustness`
  into a table or JSON;
- :func:`render_calibration` a :class:`~bargaining.calibration.Calibration`
  into a table, JSON or Markdown.

No computation happens here.
"""

from __future__ import annotations

import json
from typing import Sequence

from ..scenarios import equilibrium_set
from .numbers import exact
from .solve import latex_escape

__all__ = ["render", "render_robustness", "render_calibration", "changes_text"]

_RULE_NOTE = (
    "Selection: the unique equilibrium, else the payoff-dominant one, else the risk-dominant one "
    "(Harsanyi and Selten 1988). Treaty: is (ally, ally) an equilibrium? 'X blocks': X would not sign "
    "even if the other did."
)


def changes_text(changes: Sequence, arrow: str = "→") -> str:
    """``T 0.6 → 1, w_R 0.15 → 0.1`` (``—`` when nothing changed).

    Examples
    --------
    >>> from fractions import Fraction as F
    >>> from bargaining.scenarios import Change
    >>> changes_text([Change("T", F(3, 5), F(1)), Change("a", None, F(1, 2))])
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


def _selected_text(row) -> str:
    """``(ally, ally) (payoff dominance; (align, align) risk-dominant)``."""
    if row.selected is None:
        return "none"
    notes = [row.selection_rule]
    risk = row.risk_dominant
    if row.selection_rule == "payoff dominance" and risk is not None:
        notes.append("also risk-dominant" if risk == row.selected else f"{risk} risk-dominant")
    return f"{row.selected} ({'; '.join(notes)})"


def render(table, fmt: str = "table", *, width: int = 120) -> str:
    """Render the scenario table as ``table``, ``json``, ``markdown`` or ``latex``."""
    return {"table": _table, "json": _json, "markdown": _markdown, "latex": _latex}[fmt](table, width)


def _json(table, width) -> str:
    return json.dumps(table.to_dict(), indent=2, ensure_ascii=False)


def _console(width):
    from io import StringIO

    from rich.console import Console

    buf = StringIO()
    return buf, Console(file=buf, width=width, force_terminal=False, color_system=None, highlight=False)


def _strip(text: str) -> str:
    return "\n".join(line.rstrip() for line in text.rstrip().splitlines()) + "\n"


def _table(table, width) -> str:
    from rich.table import Table
    from rich.text import Text

    buf, console = _console(width)
    t = Table(
        title=f"Scenarios in {table.folder} ({table.method} solver)",
        title_justify="left",
        show_lines=True,
        expand=True,
    )
    t.add_column("scenario", style="bold", no_wrap=True)
    t.add_column("changes from parent", no_wrap=True)
    t.add_column("equilibria", ratio=5, overflow="fold")
    t.add_column("selected (rule)", ratio=3, overflow="fold")
    t.add_column("treaty eq.?", ratio=2, overflow="fold")
    t.add_column("study expects", ratio=3, overflow="fold")
    for r in table.rows:
        t.add_row(
            r.name,
            changes_text(r.changes).replace(", ", "\n"),
            "\n".join(r.equilibria),
            _selected_text(r),
            r.treaty_text(),
            r.expectation or "—",
        )
    console.print(t)
    console.print(Text(_RULE_NOTE))
    if table.failures:
        console.print(Text(f"{len(table.failures)} file(s) could not be solved: see the error lines."))
    return _strip(buf.getvalue())


def _md(text: str) -> str:
    return str(text).replace("|", "\\|")


def _markdown(table, width) -> str:
    lines = [
        "| scenario | changes from parent | equilibria | selected (rule) | treaty eq.? | study expects |",
        "|---|---|---|---|---|---|",
    ]
    for r in table.rows:
        lines.append(
            "| "
            + " | ".join(
                _md(x)
                for x in (
                    f"`{r.name}`",
                    changes_text(r.changes),
                    "; ".join(r.equilibria),
                    _selected_text(r),
                    r.treaty_text(),
                    r.expectation or "—",
                )
            )
            + " |"
        )
    lines += ["", _RULE_NOTE]
    for f in table.failures:
        lines.append(f"\n**Error** in `{f.source}`: {_md(f.message)}")
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
            esc(_selected_text(r)),
            esc(r.treaty_text()),
            esc(r.expectation or "--"),
        )
        lines.append(" & ".join(cells) + r" \\")
    lines.append(r"\end{tabular}")
    return "\n".join(lines) + "\n"


# ----------------------------------------------------------------------------- robustness


def render_robustness(result, fmt: str = "table", *, width: int = 100) -> str:
    """Render a robustness count as ``table`` or ``json``."""
    if fmt == "json":
        return json.dumps(result.to_dict(), indent=2, ensure_ascii=False)
    from rich.table import Table
    from rich.text import Text

    buf, console = _console(width)
    seed = "none (a Generator was passed)" if result.seed is None else str(result.seed)
    console.print(Text(result.title, style="bold"))
    console.print(
        Text(
            f"{result.draws} draws, every parameter perturbed by up to ±{exact(result.spread * 100)}% of its value "
            f"(uniform, clipped to its range), seed {seed}, {result.method} solver."
        )
    )
    console.print(Text(f"Perturbed: {', '.join(result.perturbed) or 'nothing (every value is 0)'}."))
    t = Table(
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
    console.print(
        Text(
            f"The file's own equilibrium set holds in {100 * result.reference_share:.1f}% of draws "
            f"(± {se:.1f} points, one standard error); selection picks its equilibrium "
            f"({result.reference_selected}) in {100 * result.selected_share:.1f}%."
        )
    )
    return _strip(buf.getvalue())


# ----------------------------------------------------------------------------- calibration


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


def render_calibration(result, fmt: str = "table", *, width: int = 120) -> str:
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
            _selected_text(res),
            res.treaty_text(),
        )

    if fmt == "markdown":
        lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
        for label, _, row in rows:
            lines.append("| " + " | ".join(_md(c) for c in cells(label, row)) + " |")
        lines += [""] + _threshold_lines(result)
        lines += ["", "Sources:", ""]
        lines += [f"- `{r.basis}`: {_md(r.indicator.source)} ({r.indicator.url})" for r in result.rows]
        return "\n".join(lines) + "\n"

    from rich.table import Table
    from rich.text import Text

    buf, console = _console(width)
    console.print(Text(result.title, style="bold"))
    console.print(
        Text(
            f"{result.parameter} = (China - Russia) / (China + Russia) on each basis, rounded to {result.digits} "
            f"decimals; apply one with --set {result.parameter}=VALUE."
        )
    )
    t = Table(show_lines=True)
    for h in header:
        t.add_column(h, overflow="fold")
    for label, _, row in rows:
        t.add_row(*cells(label, row))
    console.print(t)
    console.print(Text("Mixed equilibria are shown by their supports; solve with --set for their probabilities."))
    for line in _threshold_lines(result):
        console.print(Text(line))
    sources = ["Sources:"] + [
        f"  {r.basis}: {r.indicator.source}, {r.indicator.year}; {r.indicator.url}" for r in result.rows
    ]
    return _strip(buf.getvalue() + "\n".join(sources))
