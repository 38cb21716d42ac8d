"""Tests of :mod:`bargaining.render.sensitivity`: Sobol indices as a table, largest total effect first."""

from __future__ import annotations

import json
import re

import bargaining as bg
from bargaining.render.sensitivity import render

RESULT = bg.sensitivity("games/baseline.toml", samples=64)


def test_the_table_states_the_outcome_and_orders_by_total_effect():
    text = render(RESULT, "table")
    assert "Outcome (align, align) is an equilibrium in 34.1% of 704 drawn games (N = 64, seed 0" in text
    rows = [line for line in text.splitlines() if re.match(r"│ +\d+=? │ \w+ +│", line)]
    totals = [float(re.findall(r"([\d.]+) ± [\d.]+ │", row)[-1]) for row in rows]
    assert len(rows) == 9 and totals == sorted(totals, reverse=True) and re.match(r"│ +1 │ T ", rows[0])


def test_json_is_the_results_dict():
    assert json.loads(render(RESULT, "json")) == json.loads(json.dumps(RESULT.to_dict()))
