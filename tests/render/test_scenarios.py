"""Tests of :mod:`bargaining.render.scenarios`: the scenario table as text, Markdown, LaTeX and JSON."""

from __future__ import annotations

import json

import bargaining as bg
from bargaining.render.scenarios import changes_text, md_cell, render, selected_text, strip_lines

TABLE = bg.scenarios("games")


def test_changes_and_selection_in_words():
    taiwan = TABLE.row("taiwan_crisis")
    assert changes_text(taiwan.changes) == "T 0.6 → 1, w_R 0.15 → 0.1, w_C 0.22 → 0.1, e_R 0.1 → 0.12"
    assert changes_text(()) == "—"
    assert selected_text(taiwan) == "(ally, ally) (payoff dominance; (align, align) risk-dominant)"


def test_each_format_has_every_scenario():
    for fmt in ("table", "markdown", "latex"):
        text = render(TABLE, fmt)
        for row in TABLE.rows:
            assert row.name.replace("_", r"\_" if fmt == "latex" else "_") in text, (fmt, row.name)
    md = render(TABLE, "markdown")
    line = next(line for line in md.splitlines() if "`junior_partner`" in line)
    assert "T 0.6 → 0.9" in line and "no: Russia blocks" in line
    assert json.loads(render(TABLE, "json")) == json.loads(json.dumps(TABLE.to_dict()))


def test_cells_and_lines_are_cleaned():
    assert md_cell("(ally, ally) | treaty") == r"(ally, ally) \| treaty" and md_cell(0.5) == "0.5"
    assert strip_lines("a  \n b \n\n\n") == "a\n b\n"
