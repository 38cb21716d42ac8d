"""Tests of :mod:`bargaining.render.robustness`: how often each equilibrium set turns up among the draws."""

from __future__ import annotations

import json

import bargaining as bg
from bargaining.render.robustness import render_robustness

DETENTE = bg.robustness("games/detente.toml", draws=20, spread="0.05")


def test_the_table_counts_the_sets_and_marks_the_files_own():
    text = render_robustness(DETENTE, "table")
    assert "20 draws, every parameter uniformly within ±5% of its value, inside its range" in text
    assert "│ (hedge, hedge) │    20 │ 100.0% │ the file's own outcome │" in text
    assert "The file's own equilibrium set holds in 100.0% of draws" in text


def test_json_is_the_results_dict():
    assert json.loads(render_robustness(DETENTE, "json")) == json.loads(json.dumps(DETENTE.to_dict()))
