"""Tests of the ``explain`` command (:mod:`bargaining.cli.explain`), run in process."""

from __future__ import annotations

import json
from fractions import Fraction as F


def test_cli_explain_text_and_json(cli):
    proc = cli("explain", "games/taiwan_crisis.toml")
    assert proc.code == 0, proc.err
    assert "China mixes so that Russia is indifferent between ally and align" in proc.out
    proc = cli("explain", "games/junior_partner.toml", "--format", "json", "--set", "a=0.7")
    assert proc.code == 0, proc.err
    data = json.loads(proc.out)
    assert data["parameters"]["a"]["value"] == "7/10"
    assert data["treaty"]["is_equilibrium"] is True
    for cell in data["cells"]:
        assert sum(F(p["value"]) * p["sign"] for p in cell["parts"]) == F(cell["payoff"])


def test_cli_explain_markdown_and_bad_input(cli):
    proc = cli("explain", "games/detente.toml", "--format", "markdown")
    assert proc.code == 0 and "(hedge, hedge)" in proc.out
    proc = cli("explain", "games/detente.toml", "--set", "T=5")
    assert proc.code == 2 and proc.out == ""
    assert len(proc.err.strip().splitlines()) == 1 and "outside its range" in proc.err
