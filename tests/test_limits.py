"""Tests of the guards of long runs (:mod:`bargaining.limits`)."""

from __future__ import annotations

from math import comb

import pytest
from hypothesis import given, strategies as st

from bargaining import limits
from bargaining.errors import InputError, LimitError


@given(st.integers(1, 10**12))
def test_check_count_refuses_exactly_above_the_limit(n):
    if n > limits.MAX_DRAWS:
        with pytest.raises(LimitError) as info:
            limits.check_count("draws", n, limits.MAX_DRAWS, where="draws", way_out="give fewer --draws")
        message = str(info.value)
        assert "\n" not in message and str(limits.MAX_DRAWS) in message and "--draws" in message
        assert info.value.where == "draws"
    else:
        limits.check_count("draws", n, limits.MAX_DRAWS, where="draws", way_out="give fewer --draws")


def test_a_limit_error_is_an_input_error():
    assert issubclass(LimitError, InputError)  # exit status 2 on the command line, one line


@given(st.lists(st.integers(2, 10**6), min_size=1, max_size=2))
def test_check_points_is_the_product_of_the_axes(shape):
    points = 1
    for n in shape:
        points *= n
    if points > limits.MAX_POINTS:
        with pytest.raises(LimitError, match="smaller grid"):
            limits.check_points(shape)
    else:
        assert limits.check_points(shape) == points


def test_check_axes_reads_num_and_leaves_bad_specs_to_the_parser():
    limits.check_axes(["T=0:1:x", "nonsense"])  # the parser says what is wrong with these
    with pytest.raises(LimitError) as info:
        limits.check_axes(["T=0:1:100000", "lam=0:1:100000"])
    assert "10000000000 points" in str(info.value)


def test_check_axes_estimates_time_from_the_cost_of_a_point():
    limits.check_axes(["T=0:1:1000"], seconds=limits.SECONDS_PER_POINT["qre"])
    with pytest.raises(LimitError, match=r"would take about .* above the limit of 1 h"):
        limits.check_axes(["T=0:1:100000"], seconds=limits.SECONDS_PER_POINT["qre"])


def test_draws_at_each_point_count_as_games():
    limits.check_points((100,), per_point=1000)
    with pytest.raises(LimitError, match="fewer --draws"):
        limits.check_points((1000,), per_point=100000)


@given(st.integers(1, 40), st.integers(1, 40))
def test_check_exact_follows_the_bases(m, n):
    assert limits.exact_bases(m, n) == comb(m + n, m)
    if comb(m + n, m) > limits.MAX_EXACT_BASES:
        with pytest.raises(LimitError, match="--method"):
            limits.check_exact(m, n)
    else:
        limits.check_exact(m, n)


def test_check_derive_names_keep():
    limits.check_derive(9, 18, 49)  # the baseline
    with pytest.raises(LimitError, match="--keep"):
        limits.check_derive(72, 72, 63 * 63)  # a 6 x 6 game full of parameters


def test_a_game_of_three_players_too_large_for_exact_enumeration_is_refused_before_any_work():
    from bargaining.solvers.nplayer import nash_equilibria

    zeros = [[[[0] * 10 for _ in range(10)] for _ in range(10)] for _ in range(3)]
    with pytest.raises(LimitError, match="support profiles") as info:
        nash_equilibria(zeros)
    assert "\n" not in info.value.message
    limits.check_supports((3, 3, 3))  # the triangle


def test_a_tree_whose_strategic_form_is_too_large_is_refused():
    """Player 1 picks one of 17 rooms, player 2 moves in each: 17 x 2^17 reduced profiles."""
    from bargaining.solvers.tree import strategic_form
    from bargaining.tree import GameTree, decision, terminal

    k = 17
    nodes = [decision("root", "A", {f"m{i}": f"n{i}" for i in range(k)})]
    for i in range(k):
        nodes += [decision(f"n{i}", "B", {"l": f"l{i}", "r": f"r{i}"}), terminal(f"l{i}", [i, 0]),
                  terminal(f"r{i}", [0, i])]
    with pytest.raises(LimitError, match="pure-strategy profiles"):
        strategic_form(GameTree.build(["A", "B"], nodes))
    limits.check_form((k, 2**10))
