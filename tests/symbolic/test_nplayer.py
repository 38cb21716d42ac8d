"""Closed-form conditions for the pure profiles of the triangle (bargaining.symbolic.nplayer) agree with solve.

At random parameter points inside the declared ranges, a pure profile
satisfies every one of its derived conditions exactly when the exact solver
lists it as an equilibrium of the game at that point.
"""

from __future__ import annotations

from fractions import Fraction as F

import pytest
from hypothesis import given, settings, strategies as st

from bargaining.io.gamefile import load_model
from bargaining.symbolic.conditions import holds
from bargaining.symbolic.game import rational
from bargaining.symbolic.nplayer import TensorGame, derive_nplayer

KEEP = ["c", "v", "D_R", "D_C", "b", "d", "T_R"]


@pytest.fixture(scope="module")
def derived():
    return derive_nplayer(load_model("games/triangle/taiwan_crisis.toml"), keep=KEEP)


def test_the_treaty_needs_europe_to_matter_more_than_containing_an_ally(derived):
    p = derived.profile("contain_both, ally, ally")
    shown = {c.label: c.text() for c in p.conditions if not c.trivial}
    assert shown["United States: contain_both rather than wedge_Russia"] == "c + v − D_R ≤ 0"
    assert not p.equilibrium_at_file and derived.profile("contain_both, align, align").equilibrium_at_file


@settings(max_examples=25, deadline=None)
@given(st.data())
def test_conditions_agree_with_solve_at_random_points(derived, data):
    model = load_model("games/triangle/taiwan_crisis.toml")
    point = {}
    for name in KEEP:
        p = model.parameters[name]
        k = data.draw(st.integers(0, 40), label=name)
        point[name] = p.min + (p.max - p.min) * F(k, 40)
    game = model.with_values(point).game()
    for prof in derived.pure:
        values = [holds(c.expr.xreplace({s: rational(point[s.name]) for s in c.expr.free_symbols}), c.rel)
                  for c in prof.conditions]
        assert all(values) == game.is_pure_equilibrium(prof.profile), (prof.name, point)


def test_json_and_a_solve_for():
    d = derive_nplayer(load_model("games/triangle/two_front.toml"), keep=["D_R", "c", "v"], solve_for="D_R")
    out = d.to_dict()
    assert out["solve_for"] == "D_R" and len(out["pure"]) == 27 and out["mixed"] is None
    treaty = next(t for t in d.tipping if t.context == "(contain_both, ally, ally)")
    assert [str(b.bound.expr) for b in treaty.lower][0] == "c + v"


def test_symbols_follow_the_declared_ranges():
    g = TensorGame.from_model(load_model("games/triangle.toml"), keep=["c"])
    assert g.symbols["c"].is_nonnegative and g.fixed["D_R"] == F(3, 10)
    assert g.profile_name(0, 0, 0) == "(contain_both, ally, ally)"
