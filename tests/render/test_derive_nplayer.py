"""Closed-form conditions of a game of three or more players, written (bargaining.render.derive_nplayer)."""

from __future__ import annotations

import json

import pytest

from bargaining.io.gamefile import load_model
from bargaining.render.derive_nplayer import render
from bargaining.symbolic.nplayer import derive_nplayer


@pytest.fixture(scope="module")
def derived():
    return derive_nplayer(load_model("games/triangle/taiwan_crisis.toml"), keep=["c", "v", "D_R"], solve_for="D_R")


def test_text(derived):
    text = render(derived)
    assert text.startswith("Closed-form analysis: Triangle, Taiwan crisis")
    assert "A profile is a Nash equilibrium when no player gains by switching alone." in text
    assert "(contain_both, ally, ally): an equilibrium if and only if" in text
    assert "United States: contain_both rather than wedge_Russia   c + v − D_R ≤ 0" in text
    assert "Tipping points in D_R" in text


@pytest.mark.parametrize("fmt", ["markdown", "latex", "json"])
def test_other_formats(derived, fmt):
    text = render(derived, fmt)
    if fmt == "json":
        assert len(json.loads(text)["pure"]) == 27
    elif fmt == "latex":
        assert text.startswith(r"\documentclass") and text.rstrip().endswith(r"\end{document}")
    else:  # markdown escapes the underscores
        assert r"(contain\_both, ally, ally)" in text
