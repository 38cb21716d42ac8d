"""The logit QRE rendered (bargaining.render.qre): the report's table and the sweep's."""

from __future__ import annotations

import json

from bargaining.analysis.qre import qre_report
from bargaining.io.gamefile import load_model
from bargaining.render.qre import render_report, render_sweep
from bargaining.statics.qre_sweep import qre_sweep


def test_the_report_table():
    text = render_report(qre_report(load_model("games/taiwan_crisis.toml"), lambdas=[1, 10, 100]))
    assert "│ treaty: Russia and China play   │ 0.111 │ 0.112 │  0.034 │   0.000 │" in text
    prose = " ".join(text.split())
    assert "The limit is Nash equilibrium #3 of solve, (align, align): deep alignment without a treaty" in prose
    assert max(len(line) for line in text.splitlines()) <= 80
    assert "the other " in text


def test_report_json_and_csv():
    r = qre_report(load_model("games/triangle/taiwan_crisis.toml"), lambdas=[1])
    assert json.loads(render_report(r, "json"))["lambdas"] == [1.0]
    assert render_report(r, "csv").splitlines()[0].startswith("lambda,P(treaty),United States: contain_both")


def test_the_sweep_table_shows_at_most_21_points():
    s = qre_sweep(load_model("games/taiwan_crisis.toml"), ["T=0.6:1:41"], 10, treaty="ally")
    text = render_sweep(s)
    assert (
        "21 of 41 grid points shown" in text and "treaty: the probability that Russia and China both play ally" in text
    )
    assert len(render_sweep(s, "csv").splitlines()) == 42
