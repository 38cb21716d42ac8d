"""Tests of :mod:`bargaining.render.solve`: a solution as a table for people, Markdown, LaTeX and JSON."""

from __future__ import annotations

import json

import pytest

import bargaining as bg
from bargaining.render.solve import render

TAIWAN = bg.solve("games/taiwan_crisis.toml")


def test_the_table_marks_best_responses_and_lists_the_equilibria():
    text = render(TAIWAN, "table")
    assert text.startswith("Taiwan crisis: US–China confrontation in the Western Pacific")
    assert "│ ally           │ 0.511* , 0.67* │" in text
    assert "3 Nash equilibria (method exact: exact rational arithmetic)" in text
    assert "│ 2 │ ally 23/45 (0.5111)  │ ally 170/231 (0.7359) │ 0.45 , 0.45  │" in text
    assert "#1: a military alliance: both sign a mutual-defence treaty" in text
    assert "pure; strict; risk-dominant" in text  # (align, align)


def test_markdown_bolds_best_responses():
    text = render(TAIWAN, "markdown")
    assert text.startswith("### Taiwan crisis")
    assert "| **ally** | **0.511** ; **0.67** |" in text


def test_latex_has_exact_fractions():
    text = render(TAIWAN, "latex")
    assert r"\begin{tabular}" in text and r"\end{enumerate}" in text
    assert r"ally~$\tfrac{23}{45}$, align~$\tfrac{22}{45}$" in text


def test_json_is_the_solutions_dict_with_its_ordinal_and_cardinal_claims():
    from bargaining.analysis.ordinal import claims

    expected = {**TAIWAN.to_dict(), "claims": claims(TAIWAN).to_dict()}
    assert json.loads(render(TAIWAN, "json")) == json.loads(json.dumps(expected))


def test_floating_point_solutions_say_so():
    text = render(bg.solve("games/baseline.toml", method="lemke-howson"), "table")
    assert "lemke-howson" in text and "not guaranteed to find every equilibrium" in text


def test_a_continuum_is_described(tmp_path):
    path = tmp_path / "ties.toml"
    path.write_text('title = "All ties"\nplayers = ["A", "B"]\n[strategies]\nA = ["x", "y"]\nB = ["u", "v"]\n'
                    "[payoffs]\nA = [[0, 0], [0, 0]]\nB = [[0, 0], [0, 0]]\n")
    assert "continuum" in render(bg.solve(path), "table")


@pytest.mark.parametrize("fmt", ["table", "markdown", "latex"])
def test_every_format_names_the_game(fmt):
    assert "Taiwan crisis" in render(TAIWAN, fmt)
