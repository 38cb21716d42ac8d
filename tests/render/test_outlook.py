"""Tests of :mod:`bargaining.render.outlook`: the outlook as text and JSON, the figures as the result holds them."""

from __future__ import annotations

import json

import bargaining as bg
from bargaining.render.outlook import render

TAIWAN = bg.outlook("games/taiwan_crisis.toml", draws=2000, samples=256, seed=3)


def test_the_table_gives_each_probability_with_its_interval_and_the_ranking():
    text = render(TAIWAN, "table")
    p = TAIWAN.probability("(ally, ally)")
    assert f"{100 * p:.1f}%" in text and "95%" in text and "Wilson" in text
    assert "Sobol indices (N = 256" in text
    assert "A shared rank (2=) means the intervals of ST overlap" in text
    assert "uniformly within ±10% of its value, inside its range" in text


def test_json_is_the_results_dictionary():
    assert json.loads(render(TAIWAN, "json")) == json.loads(json.dumps(TAIWAN.to_dict()))


def test_without_sobol_analysis_no_ranking_is_printed():
    text = render(bg.outlook("games/baseline.toml", draws=300, samples=0), "table")
    assert "Sobol" not in text and "(align, align)" in text
