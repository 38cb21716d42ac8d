"""Many drawn games at once (:mod:`bargaining.statics.draws`): the same sets and selections as exact solves."""

from __future__ import annotations

from fractions import Fraction as F

import numpy as np
from hypothesis import given, settings, strategies as st

from bargaining.analysis.scenarios import describe_equilibrium, equilibrium_set
from bargaining.io.gamefile import load_model
from bargaining.io.strategic import model_from_dict
from bargaining.solvers.registry import solve
from bargaining.statics.draws import solve_draws
from bargaining.statics.uncertainty import beliefs


def exact_answers(model, b, values, q):
    sol = solve(model.with_values(b.exact(values, q)).game())
    sel = None if sol.selected is None else describe_equilibrium(sol.game, sol.equilibria[sol.selected],
                                                                 probabilities=False)
    return equilibrium_set(sol), sel, sol.pure_profiles()


def check(model, b, n, seed):
    values = b.draw(n, np.random.default_rng(seed))
    d = solve_draws(model, values, lambda q: b.exact(values, q), n=n)
    for q in range(n):
        eqs, sel, pure = exact_answers(model, b, values, q)
        assert d.set_labels(d.codes[q]) == eqs, q
        assert d.selections[d.selected[q]] == sel, q
        assert {tuple(int(v) for v in ij) for ij in np.argwhere(d.pure[q])} == set(pure), q


def test_the_alliance_model_over_its_ranges():
    m = load_model("games/baseline.toml")
    check(m, beliefs(m, default="range"), 300, 0)


def test_stag_hunts_near_their_boundaries():
    for name in ("taiwan_crisis", "two_front"):
        m = load_model(f"games/{name}.toml")
        check(m, beliefs(m, spread=F(1, 4)), 150, 1)


cells = st.tuples(st.integers(-3, 3), st.integers(-3, 3), st.integers(-3, 3))


@settings(max_examples=10, deadline=None)
@given(st.lists(cells, min_size=18, max_size=18), st.integers(0, 2**16))
def test_random_two_parameter_games(coefficients, seed):
    """Payoffs c0 + c1*s + c2*t: mixed selections, risk dominance and no selection all occur."""
    text = [f"({c0}) + ({c1})*s + ({c2})*t" for c0, c1, c2 in coefficients]
    data = {
        "title": "random", "players": ["Row", "Column"],
        "strategies": {"Row": ["a", "b", "c"], "Column": ["x", "y", "z"]},
        "parameters": {"s": {"value": "0.5", "min": "0", "max": "1"}, "t": {"value": "0.5", "min": "0", "max": "1"}},
        "payoffs": {"Row": [text[0:3], text[3:6], text[6:9]], "Column": [text[9:12], text[12:15], text[15:18]]},
    }
    m = model_from_dict(data)
    check(m, beliefs(m, default="range"), 40, seed)


def test_nothing_drawn_is_the_file_game_every_time():
    m = load_model("games/taiwan_crisis.toml")
    d = solve_draws(m, {}, lambda q: {}, n=5)
    assert d.selection_counts() == [("(ally, ally)", 5)] and d.n == 5
