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
    assert "= 0.888 Russia: ally rather than align ← binding" in " ".join(text.split())


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


def _model(payoffs):
    from bargaining.io.strategic import model_from_dict

    return model_from_dict({
        "title": "Small game",
        "players": ["First", "Second"],
        "strategies": {"First": ["a", "b"], "Second": ["c", "d"]},
        "parameters": {"x": {"value": "0.5", "min": "0", "max": "2"}, "y": {"value": "0.5", "min": "0", "max": "2"}},
        "payoffs": payoffs,
    })


def test_the_summary_leads_and_names_thresholds_and_who_binds():
    text = render(bg.derive("games/baseline.toml", solve_for="T"), "text")
    assert text.index("Summary") < text.index("1. Pure-strategy equilibria")
    summary = " ".join(text[text.index("Summary"):text.index("Payoffs")].split())  # lines wrap at the width
    assert "0.44 < T < 0.888 (align, align)" in summary
    assert "T = 2·w_R = 0.3" in summary and "binds: Russia (ally rather than align)" in summary
    assert "not China, whose own bound is" in summary


def test_contradictions_read_never():
    # First loses 1 by playing a against d: (a, d) fails on a condition without parameters
    d = bg.derive(_model({"First": [["x", "0"], ["1", "1"]], "Second": [["y", "1"], ["1", "1"]]}))
    text = render(d, "text")
    block = text[text.index("(a, d): never"):].split("\n\n")[0]
    assert "never" in block.splitlines()[1] and "-1" not in block and "−1" not in block


def test_the_tie_game_shows_its_families_and_where_the_description_stops():
    d = bg.derive(_model({"First": [["x", "1"], ["1", "1"]], "Second": [["y", "1"], ["1", "1"]]}))
    text = render(d, "text")
    assert "{b} × {c, d}\n    a segment of equilibria" in text
    assert "exist where: x − 1 ≤ 0" in text
    assert "Where the description stops" in text


def test_only_shows_one_candidate():
    d = bg.derive("games/baseline.toml", solve_for="T")
    text = render(d, "text", only="ally,ally")
    assert "(ally, ally): an equilibrium if and only if" in text
    assert "(align, align): an equilibrium" not in text and "Payoffs (" not in text
    data = json.loads(render(d, "json", only="(ally, ally)"))
    assert [p["name"] for p in data["pure"]] == ["(ally, ally)"] and data["mixed"] == []


def test_latex_has_no_numbered_sections_vector_fonts_and_no_plain_text_formulas():
    import re

    doc = render(bg.derive("games/baseline.toml", solve_for="T"), "latex")
    assert r"\usepackage{lmodern}" in doc and r"\usepackage[T1]{fontenc}" in doc
    assert r"\section{" not in doc and r"\subsection{" not in doc
    words = re.sub(r"\$[^$]*\$", "", doc)
    assert not re.search(r"[*^ˆ]", words.replace(r"\section*", "").replace(r"\subsection*", ""))
    assert "uses lam" not in doc
