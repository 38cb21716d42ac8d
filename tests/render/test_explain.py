"""Tests of :mod:`bargaining.render.explain`: the walk-through as text and Markdown."""

from __future__ import annotations

from pathlib import Path

import pytest

from bargaining.analysis.explain import explain
from bargaining.io.gamefile import load_model
from bargaining.render.explain import render

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def taiwan():
    return explain(load_model(ROOT / "games" / "taiwan_crisis.toml"))


def test_text_reads_as_a_walk_through(taiwan):
    text = render(taiwan, "text")
    for phrase in (
        "1. Where each payoff comes from",
        "= 1 - 0.1 - 0.12 - 0.05 - 0.219 = 0.511",
        "Russia's hedge is strictly dominated by align",
        "switching to align would give 0.45 (0.061 less)",
        "China mixes so that Russia is indifferent between ally and align",
        "so q = 0.17 / (0.061 + 0.17) = 170/231 (0.7359)",
        "product 0.061 × 0.22 = 0.01342",
        "The product is larger at (align, align): it is risk-dominant.",
        "Both would sign if the other did",
        "by payoff dominance",
    ):
        assert phrase in text, phrase


def test_markdown_has_headings_and_tables(taiwan):
    md = render(taiwan, "markdown")
    assert md.startswith("# Taiwan crisis")
    assert "## 4. What pins down the mixed probabilities" in md
    assert "| term | formula | value | meaning |" in md
