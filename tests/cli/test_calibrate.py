"""Tests of the ``calibrate`` command (:mod:`bargaining.cli.calibrate`), run in process."""

from __future__ import annotations

import json

import pytest


def test_cli_calibrate_json(cli):
    from bargaining.cli import COMMANDS

    if "calibrate" not in COMMANDS:
        pytest.skip("the calibrate command is not in bargaining.cli.COMMANDS yet")
    proc = cli("calibrate", "games/junior_partner.toml", "--format", "json")
    assert proc.code == 0, proc.err
    data = json.loads(proc.out)
    rows = {r["basis"]: r for r in data["bases"]}
    assert rows["gdp_wb"]["value"] == "817/1000" and rows["gdp_wb"]["treaty_blocked_by"] == ["Russia"]
    assert rows["cinc"]["treaty_is_equilibrium"] is True
    assert data["treaty_thresholds"] == [{"player": "Russia", "value": "3/4", "signs_below": True}]
    bad = cli("calibrate", "games/junior_partner.toml", "--basis", "pop")
    assert bad.code == 2 and "bases: cinc" in bad.err
