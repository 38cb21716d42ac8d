"""Tests of :mod:`bargaining.game`: the bimatrix game as an exact value."""

from __future__ import annotations

import itertools
from fractions import Fraction as F

import numpy as np
import pytest
from hypothesis import given

from bargaining.errors import InputError
from bargaining.game import Game
from tests.strategies import bimatrix_games, exact_entries, tensor_games


def test_entries_are_read_exactly():
    g = Game.from_arrays([[1, "1/3"], [0.1, F(2, 7)]], np.array([[0.5, 2], [-1, 0]]))
    assert g.A == ((1, F(1, 3)), (F(1, 10), F(2, 7)))
    assert g.B == ((F(1, 2), 2), (-1, 0))
    assert all(type(v) is F for M in (g.A, g.B) for row in M for v in row)


def test_defaults_and_accessors():
    g = Game.from_arrays([[3, 0, 1], [5, 1, 2]], [[3, 5, 0], [0, 1, 4]])
    assert g.shape == (2, 3) and g.players == ("Row", "Column")
    assert g.strategies == (("r1", "r2"), ("c1", "c2", "c3"))
    assert g.payoff(0, 1, 0) == 5 and g.payoff(1, 1, 2) == 4
    A, B = g.float_arrays()
    assert A.dtype == float and A.tolist() == [[3, 0, 1], [5, 1, 2]] and B.shape == (2, 3)


def test_what_a_model_knows_does_not_take_part_in_comparisons():
    a = Game.from_arrays([[1]], [[2]], parameters=(("T", F(1)),), source="a.toml", labels={"T": "pressure"},
                         changed=("T",), outcomes={("r1", "c1"): "peace"})
    b = Game.from_arrays([[1]], [[2]])
    assert a == b and hash(a) == hash(b)
    assert a.outcome((0, 0)) == "peace" and b.outcome((0, 0)) == ""
    assert a != Game.from_arrays([[1]], [[2]], title="another")


@pytest.mark.parametrize(
    "A, B, kw, message",
    [
        ([[1, 2]], [[1, 2], [3, 4]], {}, r"payoff matrices differ in shape: A is \(1, 2\), B is \(2, 2\)"),
        ([[1, 2], [3]], [[1, 2], [3, 4]], {}, r"A\[1\]: expected 2 entries, found 1"),
        ([], [], {}, "A: a payoff matrix needs at least one row"),
        (3, [[1]], {}, "A: expected a matrix"),
        (["ab"], [[1]], {}, r"A\[0\]: expected a row"),
        ([[1, "x"]], [[1, 2]], {}, r"A\[0\]\[1\]"),
        ([[1, float("nan")]], [[1, 2]], {}, "finite"),
        ([[1, 2]], [[1, 2]], {"strategies": (("a",), ("b",))}, "1 x 1 strategies for a 1 x 2 payoff matrix"),
        ([[1]], [[1]], {"players": ("A", "B", "C")}, "a bimatrix game has two players, found 3"),
    ],
)
def test_bad_input_says_what_and_where(A, B, kw, message):
    with pytest.raises(InputError, match=message):
        Game.from_arrays(A, B, **kw)


def test_best_response_marks_of_the_prisoners_dilemma():
    row, col = Game.from_arrays([[3, 0], [5, 1]], [[3, 5], [0, 1]]).best_response_marks()
    assert row == [[False, False], [True, True]] and col == [[False, True], [False, True]]


@given(bimatrix_games())
def test_a_marked_cell_in_both_is_a_pure_equilibrium(game):
    g = Game.from_arrays(*game)
    row, col = g.best_response_marks()
    m, n = g.shape
    for i in range(m):
        for j in range(n):
            assert row[i][j] == (g.A[i][j] == max(g.A[k][j] for k in range(m)))
            assert col[i][j] == (g.B[i][j] == max(g.B[i]))


# ----------------------------------------------------------------------------- three or more players
# The value type of a game of any number of players (bargaining.game.Game): tensors, views, best responses.


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
        _ = g.A
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
