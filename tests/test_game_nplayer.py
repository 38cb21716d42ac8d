"""The value type of a game of any number of players (bargaining.game.Game): tensors, views, best responses."""

from __future__ import annotations

import itertools
from fractions import Fraction as F

import numpy as np
import pytest
from hypothesis import given

from bargaining.errors import InputError
from bargaining.game import Game
from tests.nplayer_strategies import exact_entries, tensor_games
from tests.strategies import bimatrix_games


@given(bimatrix_games())
def test_two_players_from_tensors_is_the_bimatrix_game(AB):
    A, B = AB
    g = Game.from_arrays(A, B, players=("R", "C"), strategies=(tuple(f"r{i}" for i in range(len(A))),
                                                               tuple(f"c{j}" for j in range(len(A[0])))))
    h = Game.from_tensors([A, B], players=("R", "C"), strategies=g.strategies)
    assert g == h and g.A == h.A and g.B == h.B and h.shape == (len(A), len(A[0]))


@given(tensor_games(entries=exact_entries()))
def test_payoffs_tensors_and_floats_agree(U):
    g = Game.from_tensors(U)
    T = g.tensors()
    Ff = g.float_tensors()
    for prof in itertools.product(*(range(s) for s in g.shape)):
        for p in range(g.n_players):
            v = U[p]
            for k in prof:
                v = v[k]
            assert g.payoff(p, *prof) == v == T[p][prof]
            assert Ff[p][prof] == float(v)
    assert all(not t.flags.writeable for t in T)


@given(tensor_games())
def test_pure_equilibria_are_the_profiles_without_a_gain(U):
    g = Game.from_tensors(U)
    for prof in g.profiles():
        gains = [max(g.payoff(p, *(prof[:p] + (k,) + prof[p + 1:])) for k in range(g.shape[p])) - g.payoff(p, *prof)
                 for p in range(g.n_players)]
        assert g.is_pure_equilibrium(prof) == all(x == 0 for x in gains)


def test_a_game_of_three_has_no_matrices():
    g = Game.from_tensors([[[[1, 0], [0, 0]], [[0, 0], [0, 1]]]] * 3, players=["A", "B", "C"])
    with pytest.raises(InputError, match="a game of 3 players has no payoff matrices"):
        g.A
    assert g.profile_text((1, 0, 1)) == "(2, 1, 2)" and g.best_responses(2, (1, 1, 0)) == (1,)


@pytest.mark.parametrize("payoffs, message", [
    ([[[1]]], "at least two players, found 1"),
    ([[[[1, 2]]], [[[1, 2]]], [[1, 2]]], "expected a tensor with 3 indices"),
    ([[[[1, 2]]], [[[1, 2]]], [[[1, 2], [3, 4]]]], "expected shape (1, 1, 2), found (1, 2, 2)"),
    ([[[[1, "x"]]]] * 3, "expected a number such as 3"),
    ([[[[1, 2], [3]]]] * 3, "ragged payoffs"),
])
def test_bad_tensors_are_input_errors(payoffs, message):
    with pytest.raises(InputError) as info:
        Game.from_tensors(payoffs)
    assert message in str(info.value)


def test_numpy_tensors_and_names():
    U = [np.arange(8).reshape(2, 2, 2), np.ones((2, 2, 2)), np.zeros((2, 2, 2))]
    g = Game.from_tensors(U, players=["x", "y", "z"], strategies=[["a", "b"]] * 3)
    assert g.payoff(0, 1, 1, 1) == 7 and g.payoff(1, 0, 0, 0) == F(1)
    with pytest.raises(InputError, match="2 player names for 3 players"):
        Game.from_tensors(U, players=["x", "y"])
