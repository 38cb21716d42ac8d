"""Jupyter display: Game and Solution as HTML tables and as display math."""

import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pytest

from bargaining.game import Game
from bargaining.io.gamefile import load_model
from bargaining.render.notebook import game_html, game_latex, solution_html, solution_latex
from bargaining.solution import Solution
from bargaining.solvers.registry import solve

ROOT = Path(__file__).resolve().parents[2]

wired = pytest.mark.skipif(
    not (hasattr(Game, "_repr_html_") and hasattr(Solution, "_repr_html_")),
    reason="Game/Solution do not call bargaining.render.notebook yet "
    "(the change is in bargaining/notebook.py's docstring)",
)


class _Cells(HTMLParser):
    """The text of each table cell, per table; and a check that tags nest."""

    def __init__(self):
        super().__init__()
        self.tables, self.stack, self.text = [], [], None

    def handle_starttag(self, tag, attrs):
        if tag not in ("br",):
            self.stack.append(tag)
        if tag == "table":
            self.tables.append([])
        if tag in ("td", "th"):
            self.text = []

    def handle_endtag(self, tag):
        assert self.stack.pop() == tag
        if tag in ("td", "th"):
            self.tables[-1].append("".join(self.text))
            self.text = None

    def handle_data(self, data):
        if self.text is not None:
            self.text.append(data)


def cells(html):
    p = _Cells()
    p.feed(html)
    assert p.stack == []
    return p.tables


@pytest.fixture(scope="module")
def taiwan():
    return solve(load_model(ROOT / "games" / "taiwan_crisis.toml").game())


def test_game_html_marks_best_responses():
    g = Game.from_arrays(
        [[3, 0], [5, 1]], [[3, 5], [0, 1]], players=("Row", "Col"), strategies=(("C", "D"), ("C", "D")), title="PD <b>"
    )
    html = game_html(g)
    (table,) = cells(html)
    assert table == ["Row \\ Col", "C", "D", "C", "3, 3", "0, 5*", "D", "5*, 0", "1*, 1*"]
    assert "PD &lt;b&gt;" in html  # text is escaped


def test_solution_html(taiwan):
    html = solution_html(taiwan)
    bimatrix, eqs = cells(html)
    assert bimatrix[5] == "0.511*, 0.67*"
    assert html.count("outline:3px solid #15803d") == 2  # the two pure equilibria's cells
    assert eqs[5:10] == [
        "1",
        "ally",
        "ally",
        "0.511, 0.67",
        "pure; strict; Pareto-efficient; payoff-dominant; selected (payoff dominance)",
    ]
    assert eqs[10:13] == ["2", "ally 23/45, align 22/45", "ally 170/231, align 61/231"]
    assert "3 Nash equilibria (method exact: exact rational arithmetic)" in html


def test_latex_forms(taiwan):
    text = game_latex(taiwan.game)
    assert text.startswith("$$\n\\begin{array}{r|ccc}") and text.endswith("\n$$")
    assert r"\underline{\mathbf{0.511}},\ \underline{\mathbf{0.67}}" in text
    text = solution_latex(taiwan)
    assert r"\text{ally}\ \tfrac{23}{45},\ \text{align}\ \tfrac{22}{45}" in text
    assert r"\star\ \text{selected (payoff dominance)}" in text


def test_latex_forms_compile(tmp_path, taiwan):
    engine = shutil.which("pdflatex") or shutil.which("lualatex")
    if engine is None:
        pytest.skip("neither pdflatex nor lualatex is on PATH")
    odd = Game.from_arrays([[1]], [[2]], players=("A_1 & co", "B^2 ~ #3"), strategies=(("x{y}",), ("50%\\",)))
    body = "\n\n".join([solution_latex(taiwan), game_latex(odd), solution_latex(solve(odd))])
    (tmp_path / "n.tex").write_text(
        "\\documentclass{article}\\usepackage{amsmath}\\begin{document}\n" + body + "\n\\end{document}\n"
    )
    run = subprocess.run(
        [engine, "-interaction=nonstopmode", "-halt-on-error", "n.tex"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert run.returncode == 0, run.stdout[-2000:]


@wired
def test_repr_methods(taiwan):
    assert taiwan.game._repr_html_() == game_html(taiwan.game)
    assert taiwan.game._repr_latex_() == game_latex(taiwan.game)
    assert taiwan._repr_html_() == solution_html(taiwan)
    assert taiwan._repr_latex_() == solution_latex(taiwan)
