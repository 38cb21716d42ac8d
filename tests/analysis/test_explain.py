"""Tests of :mod:`bargaining.analysis.explain`: decomposition into named terms, indifference, stag hunt, treaty."""

from __future__ import annotations

from fractions import Fraction as F
from pathlib import Path

import pytest
from hypothesis import given

from bargaining.analysis.explain import decompose, explain
from bargaining.io.gamefile import game_files, load_model
from tests.strategies import parameter_points

ROOT = Path(__file__).resolve().parents[2]
GAME_FILES = [p for p in game_files(ROOT / "games", trees=False) if load_model(p).n_players == 2]  # two-player forms


@pytest.mark.parametrize("path", GAME_FILES, ids=lambda p: p.stem)
def test_parts_sum_back_to_every_payoff_exactly(path):
    model = load_model(path)
    game = model.game()
    cells = decompose(model)
    m, n = game.shape
    assert len(cells) == 2 * m * n
    for c in cells:
        assert c.exact
        assert sum(p.signed for p in c.parts) == game.payoff(c.player, *c.profile)
        assert all(isinstance(p.value, F) for p in c.parts)


BASELINE = load_model(ROOT / "games" / "baseline.toml")


@given(parameter_points(BASELINE))
def test_decomposition_is_exact_at_random_parameter_values(values):
    model = BASELINE.with_values(values)
    game = model.game()
    for c in decompose(model):
        assert c.exact and sum(p.signed for p in c.parts) == game.payoff(c.player, *c.profile)


@given(parameter_points(BASELINE))
def test_treaty_breakdown_sums_to_the_margin(values):
    ex = explain(BASELINE.with_values(values))
    for side in ex.treaty.sides:
        assert sum(p.signed for p in side.parts) == side.margin
    assert ex.treaty.is_equilibrium == any(e.profile() == (0, 0) for e in ex.solution.equilibria if e.pure)


def test_parts_name_the_terms():
    cell = explain(load_model(ROOT / "games" / "taiwan_crisis.toml")).cell(0, 0, 0)
    assert [(p.sign, p.text, p.kind) for p in cell.parts] == [
        (1, "balancing_treaty", "term"),
        (-1, "west_ally_R", "term"),
        (-1, "entrapment_R", "term"),
        (-1, "rivalry", "term"),
        (-1, "junior_R", "term"),
    ]
    assert [p.value for p in cell.parts] == [F(1), F(1, 10), F(12, 100), F(5, 100), F(219, 1000)]
    assert cell.payoff == F(511, 1000)


def test_a_leading_minus_becomes_a_subtraction():
    from bargaining.io.gamefile import model_from_dict

    model = model_from_dict(
        {
            "title": "t",
            "players": ["R", "C"],
            "strategies": {"R": ["a"], "C": ["b"]},
            "parameters": {"x": 2},
            "terms": {"cost": "x / 4"},
            "payoffs": {"R": [["-cost + 3*x"]], "C": [["x - (1 - x)"]]},
        }
    )
    row, col = decompose(model)
    assert [(p.sign, p.text) for p in row.parts] == [(-1, "cost"), (1, "3*x")]
    # a bracketed difference is split too: x - (1 - x) = x - 1 + x
    assert [(p.sign, p.text) for p in col.parts] == [(1, "x"), (-1, "1"), (1, "x")]
    assert row.exact and col.exact


@pytest.fixture(scope="module")
def taiwan():
    return explain(load_model(ROOT / "games" / "taiwan_crisis.toml"))


def test_taiwan_indifference_conditions(taiwan):
    k = next(k for k, e in enumerate(taiwan.solution.equilibria) if not e.pure)
    russia, china = taiwan.indifferences[k]
    # China's mix makes Russia indifferent: q = L2 / (L1 + L2) with Russia's payoffs
    assert (russia.mixer, russia.player) == (1, 0)
    assert [q for _, q in russia.mixture] == [F(170, 231), F(61, 231)]
    assert russia.two_by_two == (F(61, 1000), F(17, 100), F(170, 231))
    assert china.two_by_two == (F(22, 100), F(23, 100), F(23, 45))
    assert len({total for _, _, total in russia.rows}) == 1


def test_taiwan_stag_hunt(taiwan):
    (hunt,) = taiwan.stag_hunts
    eqs = taiwan.solution.equilibria
    assert eqs[hunt.payoff_dominant].profile() == (0, 0)
    assert eqs[hunt.risk_dominant].profile() == (1, 1)
    assert hunt.losses == ((F(61, 1000), F(22, 100)), (F(17, 100), F(23, 100)))
    assert hunt.products == (F(61, 1000) * F(22, 100), F(17, 100) * F(23, 100))
    # the belief thresholds are the other player's probabilities in the mixed equilibrium
    assert hunt.thresholds == (F(170, 231), F(23, 45))


def test_two_front_treaty_is_both_payoff_and_risk_dominant():
    ex = explain(load_model(ROOT / "games" / "two_front.toml"))
    (hunt,) = ex.stag_hunts
    assert hunt.payoff_dominant == hunt.risk_dominant
    assert ex.solution.equilibria[hunt.risk_dominant].profile() == (0, 0)


def test_junior_partner_treaty_breakdown():
    ex = explain(load_model(ROOT / "games" / "junior_partner.toml"))
    russia, china = ex.treaty.sides
    assert ex.treaty.blockers == (0,)
    assert russia.margin == F(-6, 100) and china.margin == F(11, 100)
    assert russia.largest_cost.text == "junior_R" and russia.largest_cost.value == F(285, 1000)


def test_baseline_is_solved_by_dominance():
    ex = explain(load_model(ROOT / "games" / "baseline.toml"))
    assert ex.dominance.solved and ex.dominance.surviving == ((1,), (1,))
    assert not ex.stag_hunts
