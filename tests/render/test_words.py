"""Tests of :mod:`bargaining.render.words`: an equilibrium's labels in words; escaping for LaTeX and Markdown."""

from __future__ import annotations

import bargaining as bg
from bargaining.render.words import label_words, latex_escape, md_escape


def test_labels_in_words():
    s = bg.solve("games/taiwan_crisis.toml")
    assert label_words(s, 0) == ["pure", "strict", "Pareto-efficient", "payoff-dominant", "selected (payoff dominance)"]
    assert label_words(s, 1) == ["mixed"]
    assert label_words(s, 2) == ["pure", "strict", "risk-dominant"]
    assert label_words(bg.solve("games/baseline.toml"), 0)[-1] == "selected (unique)"


def test_latex_escapes_every_special_character():
    assert latex_escape("a_b & 50% #1 {x} ~^\\") == (
        r"a\_b \& 50\% \#1 \{x\} \textasciitilde{}\textasciicircum{}\textbackslash{}"
    )
    assert latex_escape("plain text") == "plain text"


def test_markdown_escapes_the_cell_separator():
    assert md_escape("ally | align") == r"ally \| align"


def test_parameter_label_never_doubles_parentheses():
    from hypothesis import given, strategies as st

    from bargaining.render.words import parameter_label

    words = st.text(alphabet="abc xyz/", min_size=1, max_size=12).filter(lambda t: t.strip())

    @given(words, st.integers(0, 3), st.integers(1, 3), st.booleans())
    def check(text, outer, inner, aside):
        core = f"{text} {'(' * inner}note{')' * inner}" if aside else text
        label = "(" * outer + core + ")" * outer
        out = parameter_label("p_war", label)
        assert "((" not in out and "))" not in out, out
        assert out.endswith("(p_war)") or out == "p_war"
        assert out == parameter_label("p_war", core)

    check()
    assert parameter_label("p_war", "((probability))") == "probability (p_war)"
    assert parameter_label("T", "T") == "T" and parameter_label("T", None) == "T"
