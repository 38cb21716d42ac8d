"""Tests of :mod:`bargaining.figures.bargain`: the bargaining problem with its solutions, and a bargaining sweep."""

from __future__ import annotations

import bargaining as bg
from bargaining.figures.bargain import plot_problem, plot_sweep
from bargaining.io.files import save_figure
from bargaining.negotiation import BargainingProblem, nash


def test_the_problem_is_drawn_with_its_solutions(tmp_path):
    P = BargainingProblem.from_payoffs([(1, 0), (0, 1), (0, 0)], (0, 0), labels=["A", "B", "C"],
                                       players=("Row", "Col"))
    fig = plot_problem(P, [nash(P)], title="a triangle")
    (ax,) = fig.axes
    assert (ax.get_xlabel(), ax.get_ylabel()) == ("Row's payoff", "Col's payoff")
    assert ax.get_title() == "a triangle"
    assert sorted(t.get_text() for t in ax.texts) == ["A", "B", "C"]  # each outcome labelled
    (legend,) = fig.legends
    entries = [t.get_text() for t in legend.get_texts()]
    assert "disagreement point (C)" in entries and "nash: (0.5, 0.5)\n    0.5 (B) + 0.5 (A)" in entries
    save_figure(fig, tmp_path / "p.png")
    assert (tmp_path / "p.png").read_bytes()[:4] == b"\x89PNG"


def test_a_game_files_problem_on_a_given_axes():
    from matplotlib.figure import Figure

    b = bg.bargain("games/taiwan_crisis.toml")
    fig = Figure()
    ax = fig.subplots()
    assert plot_problem(b.setup.problem, b.solutions, ax=ax) is fig
    assert ax.get_xlabel() == "Russia's payoff"


def test_a_sweep_has_the_surplus_above_and_the_shares_below(tmp_path):
    fig = plot_sweep(bg.bargain("games/baseline.toml", vary="T=0.6:1:9"))
    top, bottom = fig.axes[:2]
    assert top.get_xlabel() in ("", "T") and "T" in bottom.get_xlabel()
    save_figure(fig, tmp_path / "s.svg")
    assert "<svg" in (tmp_path / "s.svg").read_text()[:500]
