"""Bargaining along a grid warns where the single point does (:mod:`bargaining.negotiation.sweep`)."""

from __future__ import annotations

from bargaining.io.gamefile import load_model
from bargaining.negotiation.from_game import bargaining_setup
from bargaining.negotiation.sweep import bargain_sweep


def test_every_grid_point_where_the_disagreement_point_is_no_equilibrium_is_named():
    m = load_model("games/baseline.toml")
    r = bargain_sweep(m, "T=0:0.5:6", "nash")
    expected = [pt.value for pt in r.points
                if bargaining_setup(m.with_values({"T": pt.value})).notes]  # what the single-point command says
    assert expected  # (align, align) is no equilibrium below T = 0.44
    ((values, note),) = r.warnings()
    assert list(values) == expected and "is not an equilibrium of the game" in note
    assert r.to_dict()["warnings"] == [{"at": [str(v) for v in expected], "message": note}]


def test_no_warning_where_there_is_nothing_to_say():
    assert bargain_sweep(load_model("games/baseline.toml"), "T=0.6:1:5", "nash").warnings() == []
