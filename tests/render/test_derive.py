"""Tests of :mod:`bargaining.render.derive`: the closed-form analysis as text, Markdown, LaTeX and JSON.

Known answer (docs/explanation/model.md): the treaty threshold T* = 0.888 with
Russia's condition binding.
"""

from __future__ import annotations

import json

import sympy

import bargaining as bg
from bargaining.render.derive import FORMATS, num, render, tex

BASELINE = bg.derive("games/baseline.toml", solve_for="T")


def test_text_reads_as_numbered_sections():
    text = render(BASELINE, "text")
    assert text.startswith("Closed-form analysis: Baseline: deep alignment without a treaty")
    for heading in ("1. Pure-strategy equilibria", "2. Mixed equilibria", "4. Tipping points in T"):
        assert heading in text
    assert "= 0.888   Russia: ally rather than align   ← binding" in text


def test_markdown_and_latex_documents():
    assert render(BASELINE, "markdown").startswith("# Closed-form analysis")
    latex = render(BASELINE, "latex")
    assert latex.startswith(r"\documentclass") and latex.rstrip().endswith(r"\end{document}")
    assert "≥" not in latex


def test_json_and_the_formats():
    assert FORMATS == ("text", "json", "markdown", "latex")
    assert json.loads(render(BASELINE, "json")) == json.loads(json.dumps(BASELINE.to_dict()))


def test_numbers_and_text_for_latex():
    assert num(sympy.Rational(111, 125)) == "0.888"
    assert tex("a_b ≥ c") == r"a\_b $\ge$ c"
