"""Tests of :mod:`bargaining.statics.curves`: the exact boundaries of a two-parameter regime map."""

from __future__ import annotations

from fractions import Fraction

import numpy as np
import pytest
from hypothesis import given, settings, strategies as st

from bargaining.io.gamefile import load_model
from bargaining.solvers.registry import solve
from bargaining.statics.curves import boundary_curves
from bargaining.statics.grid import Grid
from bargaining.statics.sweep import run_sweep

BASELINE = load_model("games/baseline.toml")


@pytest.fixture(scope="module")
def curves():
    return boundary_curves(run_sweep(Grid.from_specs(BASELINE, ["T=0:1:21", "a=0:1:21"])), resolution=200)


def test_the_baselines_boundaries_over_pressure_and_asymmetry(curves):
    by = {c.equation: c for c in curves}
    assert set(by) == {"T = 3/10", "T = 11/25", "T = 17/25", "a = 5*T/3 - 3/4"}
    assert by["T = 3/10"].why == ("Russia gets the same from align as from hedge whatever China plays",)
    assert by["a = 5*T/3 - 3/4"].why == ("Russia gets the same from ally as from align when China plays ally",)
    # China's treaty tie is a boundary only where Russia would sign: below a = 5*0.68/3 - 3/4 = 0.3833
    (piece,) = by["T = 17/25"].pieces
    assert piece[:, 1].max() == pytest.approx(0.3833, abs=0.01) and piece[:, 1].min() == pytest.approx(0)


def test_every_vertex_is_on_its_curve(curves):
    for c in curves:
        for piece in c.pieces:
            assert np.max(np.abs(c.value(piece[:, 0], piece[:, 1]))) < 1e-12


@settings(max_examples=10, deadline=None)
@given(st.data())
def test_the_two_sides_of_a_piece_have_different_sets(curves, data):
    """Exact solves a little off the curve, on both sides, at a random vertex: the sets differ, as recorded."""
    c = data.draw(st.sampled_from(curves))
    i = data.draw(st.integers(0, len(c.pieces) - 1))
    piece = c.pieces[i]
    k = data.draw(st.integers(len(piece) // 4, max(len(piece) // 4, 3 * len(piece) // 4 - 1)))
    p, q = piece[k], piece[k + 1]
    mid, d = (p + q) / 2, q - p
    normal = np.array([-d[1], d[0]]) / np.hypot(*d)
    sets = []
    for sign in (1, -1):
        x, y = mid + sign * 1e-3 * normal
        m = BASELINE.with_values({"T": Fraction(float(x)), "a": Fraction(float(y))})
        sets.append(solve(m.game()).equilibrium_set())
    assert sets[0] != sets[1]
    assert set(sets) == set(c.sides[i])


def test_a_curved_boundary(curves):
    """Over T and lam the treaty tie (1 - lam)(T - w_R) = e_R + r + j*a is a hyperbola; its vertices lie on it."""
    res = run_sweep(Grid.from_specs(BASELINE, ["T=0:1:11", "lam=0.3:0.8:11"]))
    (c,) = [c for c in boundary_curves(res, resolution=150) if "ally as from align" in c.why[0]]
    pts = np.concatenate(c.pieces)
    assert np.max(np.abs((1 - pts[:, 1]) * (pts[:, 0] - 0.15) - (0.1 + 0.05 + 0.3 * 0.73))) < 1e-12
    assert pts[:, 0].min() < 0.7 and pts[:, 1].max() > 0.55


def test_a_sweep_over_one_parameter_has_none():
    from bargaining.errors import InputError

    with pytest.raises(InputError, match="two parameters"):
        boundary_curves(run_sweep(Grid.from_specs(BASELINE, ["T=0:1:5"])))
