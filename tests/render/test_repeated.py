"""Tests of :mod:`bargaining.render.repeated`: the repeated game's critical discount factors as a table and Markdown.

Known answers: in junior_partner Russia sustains the treaty by stick and carrot
from delta_R = 10/21, and a transfer from China needs delta_C >= 6/11.
"""

from __future__ import annotations

import json

import bargaining as bg
from bargaining.render.repeated import render

JUNIOR = bg.repeat("games/junior_partner.toml", formulas=False)


def test_the_table_in_80_columns():
    text = render(JUNIOR, "table")
    assert text.startswith("Repeated game: Junior partner: high pressure, but a far stronger China")
    assert "│ (ally, ally)   │ Russia │          never │  4/15 (0.2667) │ 10/21 (0.4762) │" in text
    assert "Minmax values (the harshest punishments): Russia 0.15 (China plays hedge)" in text
    assert max(len(line) for line in text.splitlines()) <= 80


def test_markdown_and_the_transfer_threshold():
    text = render(JUNIOR, "markdown")
    assert text.startswith("### Repeated game: Junior partner")
    assert "| (ally, ally) | Russia | never |" in text
    assert "κ ≥ 0.06/0.11 = 6/11 (0.5455)" in text


def test_json_is_the_analysis_dict():
    assert json.loads(render(JUNIOR, "json")) == json.loads(json.dumps(JUNIOR.to_dict()))
