"""Tests of :mod:`bargaining.render.calibration`: one row per basis of the capabilities data."""

from __future__ import annotations

import json

import bargaining as bg
from bargaining.render.calibration import render_calibration

JUNIOR = bg.calibrate("games/junior_partner.toml")


def test_the_table_has_the_files_value_first_then_each_basis():
    text = render_calibration(JUNIOR, "table")
    assert text.startswith("Junior partner: high pressure, but a far stronger China")
    assert (
        "│ file's own value            │ 0.95  │ (align, align)              │ (align, align) (unique)      "
        "│ no: Russia blocks │"
        in text
    )


def test_markdown_rows_and_json():
    md = render_calibration(JUNIOR, "markdown")
    assert "| file's own value | 0.95 | (align, align) | (align, align) (unique) | no: Russia blocks |" in md
    assert "| cinc: CINC composite capability index, 2016 | 0.727 |" in md
    assert json.loads(render_calibration(JUNIOR, "json")) == json.loads(json.dumps(JUNIOR.to_dict()))


def test_the_signing_threshold_is_stated():
    # Russia's asymmetry ceiling at T = 0.9: ((1 - lam)(T - w_R) - e_R - r) / j = 0.75
    assert "0.75" in render_calibration(JUNIOR, "table")
