"""Tests of :mod:`bargaining.solvers.verify`: regret, and the labels of equilibria.

Strictness, efficiency, payoff and risk dominance (Harsanyi and Selten 1988), selection.
"""

from fractions import Fraction as F
from pathlib import Path

import pytest

from bargaining.errors import SolverError
from bargaining.game import Game
from bargaining.io.gamefile import load_model
from bargaining.solvers.registry import solve
from bargaining.solvers.verify import best_responses, deviation_losses, label_equilibria, regret, select

ROOT = Path(__file__).resolve().parents[2]
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


def test_a_non_equilibrium_is_refused_never_labelled():
    g = Game.from_arrays([[4, 0], [3, 3]], [[4, 3], [0, 3]])
    with pytest.raises(SolverError, match=r"verification failed: .* has regret \(Fraction\(3, 1\), Fraction\(1, 1\)\)"):
        label_equilibria(g, [((1, 0), (0, 1))], exact=True)
    with pytest.raises(SolverError, match="verification failed"):
        label_equilibria(g, [((1.0, 0.0), (0.99, 0.01))], exact=False, tol=1e-9)
    # within the tolerance of a floating-point method, accepted
    (e,) = label_equilibria(g, [((1.0, 0.0), (1 - 1e-12, 1e-12))], exact=False, tol=1e-9)
    assert e.pure and e.strict


def test_best_responses_with_ties():
    g = Game.from_arrays([[1, 0], [1, 1], [0, 2]], [[0, 0], [0, 0], [0, 0]])
    assert best_responses(g, 0, (F(1), F(0))) == (0, 1)
    assert best_responses(g, 0, (F(1, 2), F(1, 2))) == (1, 2)
    assert best_responses(g, 1, (F(1, 3),) * 3) == (0, 1)  # the column player is indifferent everywhere


def test_deviation_losses_are_harsanyi_and_seltens():
    """Stag hunt (Skyrms 2004): losses 4 - 3 = 1 each at (stag, stag), 3 - 0 = 3 each at (hare, hare)."""
    g = Game.from_arrays([[4, 0], [3, 3]], [[4, 3], [0, 3]])
    stag, _, hare = solve(g).equilibria
    assert deviation_losses(g, stag, hare) == ((1, 1), (3, 3))


def test_no_rule_selects_in_a_symmetric_battle_of_the_sexes():
    # two strict equilibria, neither better for both, equal Nash products 2 * 1 = 1 * 2
    g = Game.from_arrays([[2, 0], [0, 1]], [[1, 0], [0, 2]])
    eqs = solve(g).equilibria
    assert not any(e.payoff_dominant or e.risk_dominant for e in eqs)
    assert select(eqs) == (None, None)
    assert select(eqs[:1]) == (0, "unique")


@pytest.mark.parametrize("x", [(F(0), F(0)), (F(1, 2), F(1, 4)), (F(3, 2), F(-1, 2)), (F(1),)])
def test_a_strategy_that_is_not_a_probability_vector_fails_verification(x):
    """Zero regret is not enough: the zero vector has none, and it is no strategy."""
    game = Game.from_arrays([[1, 1], [1, 1]], [[1, 1], [1, 1]])
    with pytest.raises(SolverError, match="verification failed"):
        label_equilibria(game, [(x, (F(1), F(0)))], exact=True)
