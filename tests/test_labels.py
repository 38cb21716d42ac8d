"""Labels of equilibria: strictness, efficiency, payoff and risk dominance, selection; the method registry."""

from fractions import Fraction as F
from pathlib import Path

import pytest
from hypothesis import given, settings

from bargaining.errors import InputError, SolverError
from bargaining.game import Game
from bargaining.io.gamefile import load_model
from bargaining.solvers.verify import regret
from bargaining.solvers.registry import METHODS, solve
from tests.strategies import games

ROOT = Path(__file__).resolve().parent.parent
BASELINE = ROOT / "games" / "baseline.toml"


def test_stag_hunt_labels():
    """Classic stag hunt (Skyrms 2004): stag payoff-dominant, hare risk-dominant."""
    g = Game.from_arrays([[4, 0], [3, 3]], [[4, 3], [0, 3]])
    s = solve(g)
    stag, mixed, hare = s.equilibria
    assert stag.pure and stag.strict and stag.payoff_dominant and not stag.risk_dominant
    assert hare.pure and hare.strict and hare.risk_dominant and hare.risk_dominates == (0,)
    assert not mixed.pure and not mixed.strict and mixed.risk_dominant is None
    assert not mixed.pareto_efficient and not hare.pareto_efficient and stag.pareto_efficient
    assert (s.selected, s.selection_rule) == (0, "payoff dominance")


def test_prisoners_dilemma_equilibrium_is_unique_and_strict():
    g = Game.from_arrays([[3, 0], [5, 1]], [[3, 5], [0, 1]])
    (e,) = solve(g).equilibria
    assert e.profile() == (1, 1) and e.strict and e.pareto_efficient and not e.payoff_dominant


def test_weak_equilibrium_is_not_strict():
    g = Game.from_arrays([[1, 0], [1, 1]], [[1, 1], [0, 1]])
    weak, strict = solve(g).equilibria
    assert weak.profile() == (0, 0) and not weak.strict  # the row player is indifferent against c1
    assert strict.profile() == (1, 1) and strict.strict


def test_matching_pennies():
    g = Game.from_arrays([[1, -1], [-1, 1]], [[-1, 1], [1, -1]])
    (e,) = solve(g).equilibria
    assert e.x == (F(1, 2), F(1, 2)) and e.y == (F(1, 2), F(1, 2)) and e.payoffs == (0, 0)


def test_risk_dominance_matches_the_design_note_condition():
    """Ally risk-dominant iff G_R G_C > ((1-lam) w_R + e_R)((1-lam) w_C + e_C) (alliance-model.md)."""
    for T in ("0.9", "0.95", "1"):
        model = load_model(BASELINE, {"T": T})
        v = model.values()
        lam = v["lam"]
        G_R = (1 - lam) * (v["T"] - v["w_R"]) - v["e_R"] - v["r"] - v["j"] * v["a"]
        G_C = (1 - lam) * (v["T"] - v["w_C"]) - v["e_C"] - v["r"]
        expected = G_R * G_C > ((1 - lam) * v["w_R"] + v["e_R"]) * ((1 - lam) * v["w_C"] + v["e_C"])
        s = solve(model.game())
        ally = next(e for e in s.equilibria if e.profile() == (0, 0))
        assert ally.risk_dominant == expected


def test_regret_is_exact():
    g = Game.from_arrays([[F(1, 3), 0], [0, F(2, 3)]], [[F(2, 3), 0], [0, F(1, 3)]])
    for e in solve(g).equilibria:
        assert regret(g, e.x, e.y) == (0, 0)


def test_registry_and_unknown_method():
    assert set(METHODS) >= {"exact", "support-enumeration", "vertex-enumeration", "lemke-howson"}
    assert METHODS["exact"].exact and METHODS["exact"].complete
    assert not METHODS["lemke-howson"].complete
    with pytest.raises(InputError, match="unknown method 'simplex'; methods: exact"):
        solve(Game.from_arrays([[1]], [[1]]), method="simplex")


def test_one_by_one_game():
    (e,) = solve(Game.from_arrays([[5]], [[-2]])).equilibria
    assert e.payoffs == (5, -2) and e.pure and e.strict


@given(games(min_value=-6, max_value=6))
def test_every_method_returns_verified_equilibria(game):
    """Each method's equilibria pass verification; the exact ones have zero regret exactly."""
    exact = solve(game)
    assert exact.equilibria
    for e in exact.equilibria:
        assert regret(game, e.x, e.y) == (0, 0)
        assert sum(e.x) == 1 and sum(e.y) == 1
    for name in ("vertex-enumeration", "support-enumeration"):
        try:
            found = solve(game, name).equilibria
        except SolverError as err:  # nashpy fails on some degenerate games; we say so
            assert "nashpy" in str(err)
            continue
        for e in found:
            assert max(regret(game, e.x, e.y)) <= 1e-6


@settings(max_examples=25)
@given(games(min_value=-6, max_value=6))
def test_support_enumeration_finds_a_subset_of_ours(game):
    """nashpy's support enumeration may miss equilibria (a known fault) but never finds one we lack.

    Its equilibria of a nondegenerate game are extreme, so each must be one of ours.
    """
    exact = solve(game)
    if exact.degenerate:
        return
    ours = [(tuple(map(float, e.x)), tuple(map(float, e.y))) for e in exact.equilibria]
    for e in solve(game, "support-enumeration").equilibria:
        assert any(
            all(abs(a - b) < 1e-6 for a, b in zip(e.x + e.y, x + y)) for x, y in ours
        ), (e, ours)
