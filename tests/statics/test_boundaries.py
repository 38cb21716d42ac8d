"""Tests of :mod:`bargaining.statics.boundaries`: the one engine for where an answer changes along a parameter.

The engine never guesses: a boundary it marks exact is where the answer
really changes, one it brackets contains the change, and every regime's answer
was evaluated exactly. Checked on step functions whose thresholds are known.
"""

from __future__ import annotations

from fractions import Fraction as F

from hypothesis import assume, given, strategies as st

from bargaining.statics.boundaries import PRECISION, along, linear_root, locate, simplest_between

fractions = st.fractions(min_value=-5, max_value=5, max_denominator=40)
thresholds = st.fractions(min_value=F(1, 60), max_value=F(59, 60), max_denominator=60)


@given(fractions, fractions)
def test_simplest_between_is_inside_with_the_smallest_denominator(a, b):
    q = simplest_between(a, b)
    lo, hi = min(a, b), max(a, b)
    assert lo <= q <= hi
    for d in range(1, q.denominator):
        # no fraction with a smaller denominator lies in [lo, hi]
        assert not any(lo <= F(n, d) <= hi for n in range(int(lo * d) - 1, int(hi * d) + 2))


@given(fractions, fractions, fractions, fractions)
def test_linear_root_is_where_the_line_vanishes(lo, d_lo, hi, d_hi):
    assume(lo < hi)
    q = linear_root(lo, d_lo, hi, d_hi)
    if d_lo * d_hi >= 0:
        assert q is None
    else:
        assert lo < q < hi
        assert d_lo + (d_hi - d_lo) * (q - lo) / (hi - lo) == 0


@given(thresholds)
def test_without_candidates_bisection_brackets_the_change(c):
    (b,) = locate(lambda t: t >= c, F(0), False, F(1), True)
    assert not b.exact  # at c the answer is the right side's: nothing marks it
    assert b.low <= c <= b.high and b.high - b.low <= PRECISION
    assert (b.left, b.right) == (False, True)


@given(thresholds)
def test_a_point_of_its_own_is_found_exactly(c):
    answer = lambda t: "tie" if t == c else t > c  # noqa: E731
    (b,) = locate(answer, F(0), False, F(1), True, is_point=lambda t: t == c)
    # bisection hits c (a dyadic c) or brackets it, and then the simplest fraction in the bracket is c
    assert b.exact and b.value == c and b.at == "tie"


def test_a_regime_narrower_than_the_bracket_is_found_with_both_ends():
    band = lambda t: "in" if F(2, 5) <= t <= F(3, 7) else ("low" if t < F(2, 5) else "high")  # noqa: E731
    found = locate(band, F(0), "low", F(1), "high")
    assert [type(x).__name__ for x in found] == ["Boundary", "Regime", "Boundary"]
    first, narrow, last = found
    assert narrow.answer == "in"
    assert first.low <= F(2, 5) <= first.high and last.low <= F(3, 7) <= last.high


def test_along_a_grid_with_candidates():
    grid = [F(k, 5) for k in range(6)]
    level = lambda t: (t * t >= F(1, 4)) + (t * t >= F(9, 16))  # noqa: E731
    roots = lambda lo, hi: [(F(1, 2), "t^2 = 1/4"), (F(3, 4), "t^2 = 9/16")]  # noqa: E731
    p = along(grid, [level(t) for t in grid], level, candidates=roots)
    assert [(r.answer, r.lower, r.upper) for r in p.regimes] == [
        (0, 0, F(1, 2)),
        (1, F(1, 2), F(3, 4)),
        (2, F(3, 4), 1),
    ]
    assert [(b.value, b.exact) for b in p.boundaries] == [(F(1, 2), True), (F(3, 4), True)]


def test_a_grid_point_of_its_own_is_the_boundary():
    grid = [F(k, 4) for k in range(5)]
    answer = lambda t: "tie" if t == F(1, 2) else t > F(1, 2)  # noqa: E731
    p = along(grid, [answer(t) for t in grid], answer, point_of_its_own=[t == F(1, 2) for t in grid])
    (b,) = p.boundaries
    assert b.exact and b.value == F(1, 2) and b.at == "tie"
    assert [r.answer for r in p.regimes] == [False, True]


@given(thresholds, thresholds)
def test_a_tie_that_does_not_change_the_answer_is_not_taken_for_the_one_that_does(c, other):
    """Two roots in one bracket, only one of which changes the answer: the other must not be reported."""
    assume(c != other)
    found = locate(lambda t: t >= c, F(0), False, F(1), True,
                   candidates=lambda lo, hi: [(other, "a tie that changes nothing"), (c, "the tie")])
    assert [(b.value, b.exact, b.how) for b in found] == [(c, True, "the tie")]


@given(thresholds)
def test_a_candidate_is_accepted_only_where_it_is_right(c):
    right = locate(lambda t: t >= c, F(0), False, F(1), True, candidates=lambda lo, hi: [(c, "known")])
    assert [(b.value, b.exact, b.how) for b in right] == [(c, True, "known")]
    wrong = locate(lambda t: t >= c, F(0), False, F(1), True, candidates=lambda lo, hi: [((c + 1) / 2, "wrong")])
    assert not wrong[0].exact and wrong[0].low <= c <= wrong[0].high
