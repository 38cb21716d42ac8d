"""Tests of :mod:`bargaining.render.handout`: exercise sheets in Markdown and LaTeX, with and without answers."""

from __future__ import annotations

from pathlib import Path

import pytest

from bargaining.analysis.handout import handout
from bargaining.io.gamefile import load_model
from bargaining.render.handout import render

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def taiwan():
    return handout(load_model(ROOT / "games" / "taiwan_crisis.toml"), method="bisection")


def test_questions_without_answers(taiwan):
    text = render(taiwan, "markdown")
    assert text.startswith("# Exercise sheet: Taiwan crisis")
    for q in ("**1. Best responses.**", "**2. Pure equilibria.**", "**3. The mixed equilibrium.**",
              "**4. Which equilibrium?**", "**5. A threshold.**"):
        assert q in text
    assert "Answer" not in text
    # the question sheet's table has no marks; the answer's has
    assert "| **ally** | 0.511 ; 0.67 | 0.28 ; 0.45 | 0.03 ; 0.25 |" in text
    assert "**0.511**" not in text


def test_worked_answers(taiwan):
    text = render(taiwan, "markdown", answers=True)
    assert "> | **ally** | **0.511** ; **0.67** | 0.28 ; 0.45 | 0.03 ; 0.25 |" in text
    assert "> The pure Nash equilibria are *(ally, ally)* and *(align, align)*" in text
    # the mixed equilibrium of the design note: Russia 22/45 align, 23/45 ally; China 61/231 align, 170/231 ally
    assert "> - The two are equal when q = 0.17 / (0.061 + 0.17) = 170/231 (0.7359)." in text
    assert ("Russia plays *ally* with probability 23/45 (0.5111) and *align* with probability 22/45 (0.4889); "
            "China plays *ally* with probability 170/231 (0.7359) and *align* with probability 61/231 (0.2641)") in text
    # ally payoff-dominant, align risk-dominant
    assert "*(ally, ally)* gives both players more" in text
    assert "> *(align, align)* has the larger product, so it is risk-dominant." in text
    assert "> - Russia: ally rather than align: `T` ≥ `(a*j + e_R + r + w_R - lam*w_R)/(1 - lam)` = 0.878" in text


def test_the_threshold_question_can_be_answered_from_the_sheet(taiwan):
    for answers in (False, True):
        text = render(taiwan, "markdown", answers=answers)
        question = text.split("A threshold.**")[1]
        # the payoffs it needs, as formulas in the game's parameters, are part of the question
        assert "- Russia at *(ally, ally)*: `T - a*j - e_R - r - w_R`" in question
        assert "- Russia at *(align, ally)*: `T*lam - lam*w_R`" in question
        assert "- China at *(ally, hedge)*: `T*lam/2`" in question
        assert "bargaining." not in text and "symbolic engine" not in text  # the key names no module
    tex = render(taiwan, "latex", answers=True)
    assert "\\frac{a j + e_{R} + r + w_{R} - \\mathit{lam} w_{R}}{1 - \\mathit{lam}}$ = $0.878$" in tex


def test_no_mixed_equilibrium_is_explained_by_dominance():
    text = render(handout(load_model(ROOT / "games" / "baseline.toml"), method="bisection"), "markdown", answers=True)
    assert "**3. Mixed equilibria.** Is there a Nash equilibrium in which Russia or China mixes" in text
    assert "> No. Eliminate strictly dominated strategies, one after another:" in text
    assert "so the game has exactly one equilibrium, and it is pure" in text
    assert "Which equilibrium?" not in text  # only one equilibrium: no selection question
    assert "T would have to rise by 0.288" in text


def test_latex_is_a_complete_document(taiwan):
    tex = render(taiwan, "latex", answers=True)
    assert tex.startswith("\\documentclass")
    assert tex.rstrip().endswith("\\end{document}")
    assert "\\underline{$\\mathbf{0.511}$}" in tex
    assert "$\\tfrac{170}{231}$" in tex
    assert "≥" not in tex and "×" not in tex  # unicode math written as LaTeX
