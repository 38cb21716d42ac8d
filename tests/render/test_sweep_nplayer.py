"""Sweeps of games of three or more players rendered (bargaining.render.sweep_nplayer)."""

from __future__ import annotations

import json

from bargaining.io.gamefile import load_model
from bargaining.render.sweep_nplayer import render
from bargaining.statics.nplayer_sweep import pure_sweep, sweep_nplayer


def test_regimes_table_and_formats():
    s = pure_sweep(load_model("games/triangle/taiwan_crisis.toml"), ["D_R=0:1:11"])
    text = render(s)
    assert "Regimes of the pure equilibria along D_R" in text and "D_R = 0.4" in text
    assert "boundary (exact): a tie:" in text and max(len(line) for line in text.splitlines()) <= 80
    assert json.loads(render(s, "json"))["pure_only"] is True
    assert render(s, "csv").splitlines()[0].startswith("D_R,equilibrium,United States.contain_both")


def test_regions_over_two_parameters():
    s = sweep_nplayer(load_model("games/triangle/taiwan_crisis.toml"), ["D_R=0:1:3", "v=0:0.4:3"])
    text = render(s)
    assert "Regions of the equilibrium set over D_R and v, largest first" in text and "solved 9 points exactly" in text
