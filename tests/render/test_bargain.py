"""Tests of :mod:`bargaining.render.bargain`: a bargaining problem's solutions, and a bargaining sweep.

Known answers (the design note, "Bargaining over treaty terms"): the Taiwan
crisis's surplus is 0.281 over (align, align); the symmetric Nash split gives
each 0.1405 with China paying Russia 0.0795; the agreement appears at T = 0.784.
"""

from __future__ import annotations

import csv
import io
import json

import bargaining as bg
from bargaining.render.bargain import render, render_sweep

TAIWAN = bg.bargain("games/taiwan_crisis.toml")


def test_the_table_states_the_problem_and_each_solution():
    text = render(TAIWAN, "table")
    assert (
        "Disagreement point: the profile (align, align), an equilibrium of the game: Russia 0.45, China 0.45." in text
    )
    assert "Surplus over disagreement: 0.281 (largest total 1.181, at (ally, ally))." in text
    assert "Bargaining power (Nash weights): Russia 0.5, China 0.5, equal (the default)." in text
    assert (
        "│ nash              │  0.5905 │  0.5905 │      0.1405 │     0.1405 │ ally, ally │ China → Russia 0.0795"
        in text
    )


def test_markdown_latex_and_json():
    md = render(bg.bargain("games/baseline.toml"), "markdown")
    assert "| nash | 0.225 | 0.19 |" in md and "no agreement" in md
    tex = render(TAIWAN, "latex")
    assert r"\begin{tabular}" in tex and "rubinstein" in tex and "weighted-nash" not in tex  # equal power
    assert json.loads(render(TAIWAN, "json")) == json.loads(json.dumps(TAIWAN.to_dict()))


def test_a_sweep_as_a_table_and_as_tidy_csv():
    sweep = bg.bargain("games/baseline.toml", vary="T=0.6:1:9")
    table = render_sweep(sweep, "table")
    assert "T > 0.784" in table and "first grid point with one: T = 0.8" in table
    rows = list(csv.DictReader(io.StringIO(render_sweep(sweep, "csv"))))
    assert len(rows) == 9 * 5 and rows[0]["T"] == "0.6" and rows[0]["agreement"] == "false"
    assert json.loads(render_sweep(sweep, "json")) == json.loads(json.dumps(sweep.to_dict()))
