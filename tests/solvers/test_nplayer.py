"""Tests of :mod:`bargaining.solvers.nplayer`: every Nash equilibrium of small n-player games, certified.

Known answers come from the literature and Gambit's catalogue; the rest are
properties every equilibrium set has (zero regret, invariance under
relabelling players and strategies and under positive affine payoff changes,
the two-player answer of the existing exact solver for games with a dummy
player, an odd number of equilibria in generic games) and agreement with the
independent brute force of ``tests/oracles/nplayer.py``.
"""

from __future__ import annotations

import json
from fractions import Fraction
from itertools import product

import mpmath
import numpy as np
import pytest
from hypothesis import given, settings, strategies as st

from bargaining.errors import InputError
from bargaining.game import Game
from bargaining.solvers.algebraic import RealAlgebraic
from bargaining.solvers.nplayer import nash_equilibria, read_payoffs, regret
from bargaining.solvers.registry import solve
from tests.oracles.nplayer import oracle_equilibria
from tests.strategies import bimatrix_games, nplayer_games

# McKelvey and McLennan (1997), the 2x2x2 game with nine equilibria, two of them totally mixed,
# as in Gambit's catalogue (contrib/games/2x2x2.nfg; player 1's strategy varies fastest there).
MCKELVEY_MCLENNAN = [
    [[[9, 0], [0, 3]], [[0, 3], [9, 0]]],
    [[[8, 0], [0, 4]], [[0, 4], [8, 0]]],
    [[[12, 0], [0, 6]], [[0, 6], [2, 0]]],
]

# Bob Nau's 2x2x2 game (Gambit's contrib/games/2x2x2-nau.nfg): three pure equilibria, partially
# mixed equilibria and a continuum of completely mixed equilibria.
NAU = [
    [[[0, 1], [0, 0]], [[3, 0], [0, 0]]],
    [[[0, 1], [3, 0]], [[0, 0], [0, 0]]],
    [[[2, 0], [0, 0]], [[0, 0], [0, 3]]],
]


def _high_precision_regret(U, e) -> float:
    """The regret at 50 digits (irrational equilibria: the certificate proves 0, this double-checks it)."""
    U = [np.array(u, dtype=object) for u in U]
    with mpmath.workdps(50):
        sigma = [
            [mpmath.mpf(p.decimal(45)) if isinstance(p, RealAlgebraic) else mpmath.mpf(p.numerator) / p.denominator
             for p in s]
            for s in e.mixed
        ]
        worst = mpmath.mpf(0)
        n = len(sigma)
        for i in range(n):
            values = []
            for a in range(len(sigma[i])):
                total = mpmath.mpf(0)
                for prof in product(*[range(len(s)) if j != i else (a,) for j, s in enumerate(sigma)]):
                    w = mpmath.mpf(1)
                    for j in range(n):
                        if j != i:
                            w *= sigma[j][prof[j]]
                    total += w * int(U[i][prof])
                values.append(total)
            u = sum(p * v for p, v in zip(sigma[i], values))
            worst = max(worst, max(values) - u)
        return float(worst)


def _key(e, digits=9):
    return tuple(tuple(round(p, digits) for p in s) for s in e.decimals)


# ---------------------------------------------------------------------------------- known answers


def test_mckelvey_mclennan_nine_equilibria_two_totally_mixed():
    ns = nash_equilibria(MCKELVEY_MCLENNAN)
    assert len(ns.equilibria) == 9 and ns.complete and not ns.continua
    mixed = [e for e in ns.equilibria if all(len(s) == 2 for s in e.support)]
    assert [[[str(p) for p in s] for s in e.mixed] for e in mixed] == [
        [["1/2", "1/2"], ["2/5", "3/5"], ["1/4", "3/4"]],
        [["2/5", "3/5"], ["1/2", "1/2"], ["1/3", "2/3"]],
    ]
    assert sum(e.pure for e in ns.equilibria) == 4
    for e in ns.equilibria:
        assert regret(MCKELVEY_MCLENNAN, e.mixed) == (0, 0, 0)
    # (9, 8, 12) Pareto-dominates every other equilibrium but ties (9, 8, 2) for two players: not payoff-dominant
    best = [e for e in ns.equilibria if e.pareto_efficient]
    assert len(best) == 1 and best[0].profile() == (0, 0, 0) and best[0].strict
    assert not any(e.payoff_dominant for e in ns.equilibria)


def test_nau_pure_equilibria_and_continua():
    ns = nash_equilibria(NAU)
    assert sorted(ns.pure_profiles()) == [(0, 1, 0), (1, 0, 0), (1, 1, 1)]
    assert all(e.pure for e in ns.equilibria) and not any(e.strict for e in ns.equilibria)
    assert ns.complete and all(c.witness is not None for c in ns.continua)
    totally = [c for c in ns.continua if all(len(s) == 2 for s in c.support)]
    (curve,) = totally
    assert curve.dimension == 1 and "4*p3_2 - 3 = 0" in curve.equations
    assert "p1_2*p2_2 + 2*p1_2 + 2*p2_2 - 2 = 0" in curve.equations
    w = curve.witness
    assert regret(NAU, w.mixed) == (0, 0, 0) and w.mixed[2] == (Fraction(1, 4), Fraction(3, 4))
    # the segments where one player mixes and the others are pure
    assert sorted(c.support for c in ns.continua if c is not curve) == [((0,), (1,), (0, 1)), ((1,), (0,), (0, 1))]
    for c in ns.continua:
        assert regret(NAU, c.witness.mixed) == (0, 0, 0)


def test_gambit_misses_this_totally_mixed_equilibrium():
    # A 2x2x2x2 game (numpy seed 0, integers in [-99, 99]) with three equilibria; enumpoly 16.7 finds
    # two, the oracle of tests/oracles/nplayer.py all three (bench/bench_nplayer.py --oracle).
    rng = np.random.default_rng(0)
    U = [rng.integers(-99, 100, size=(2, 2, 2, 2)).tolist() for _ in range(4)]
    ns = nash_equilibria(U)
    assert len(ns.equilibria) == 3
    e = ns.equilibria[-1]
    assert all(len(s) == 2 for s in e.support) and e.certificate.arithmetic == "number field"
    assert e.certificate.field_polynomial.__len__() - 1 == 9
    assert abs(e.decimals[3][1] - 0.0108608461388718) < 1e-12
    assert _high_precision_regret(U, e) < 1e-40


# ---------------------------------------------------------------------------------- certificates


@settings(max_examples=20)
@given(nplayer_games())
def test_every_equilibrium_has_zero_regret(U):
    ns = nash_equilibria(U)
    assert ns.equilibria
    for e in ns.equilibria:
        assert e.certificate.regret == (0,) * len(U) and e.certificate.min_probability > 0
        if e.rational:
            assert regret(U, e.mixed) == (0,) * len(U)
        else:
            assert _high_precision_regret(U, e) < 1e-40
        for i, s in enumerate(e.support):
            assert all(e.mixed[i][k] > 0 for k in s)
            assert sum(float(p) for p in e.mixed[i]) == pytest.approx(1, abs=1e-12)


@settings(max_examples=20)
@given(nplayer_games())
def test_pure_equilibria_are_the_pure_profiles_without_a_better_deviation(U):
    ns = nash_equilibria(U)
    T = [np.array(u, dtype=object) for u in U]
    shape = T[0].shape
    brute = [
        prof
        for prof in product(*(range(s) for s in shape))
        if all(T[i][prof] >= T[i][prof[:i] + (a,) + prof[i + 1:]] for i in range(len(shape)) for a in range(shape[i]))
    ]
    assert sorted(ns.pure_profiles()) == sorted(brute)


# ---------------------------------------------------------------------------------- invariance


def _permute_players(U, perm):
    arr = [np.array(u, dtype=object) for u in U]
    return [np.transpose(arr[p], perm).tolist() for p in perm]


@settings(max_examples=10)
@given(nplayer_games(), st.permutations([0, 1, 2]))
def test_relabelling_players(U, perm):
    ns = nash_equilibria(U)
    nt = nash_equilibria(_permute_players(U, perm))
    moved = sorted(tuple(e.mixed[p] for p in perm) for e in ns.equilibria)
    assert moved == sorted(e.mixed for e in nt.equilibria)


@settings(max_examples=10)
@given(nplayer_games(shapes=((3, 2, 2),)), st.permutations([0, 1, 2]))
def test_relabelling_strategies(U, perm):
    arr = [np.array(u, dtype=object)[list(perm)] for u in U]
    ns = nash_equilibria(U)
    nt = nash_equilibria(arr)
    moved = sorted((tuple(e.mixed[0][k] for k in perm),) + e.mixed[1:] for e in ns.equilibria)
    assert moved == sorted(e.mixed for e in nt.equilibria)


@settings(max_examples=10)
@given(
    nplayer_games(),
    st.lists(st.integers(1, 7), min_size=3, max_size=3),
    st.lists(st.integers(-9, 9), min_size=3, max_size=3),
)
def test_positive_affine_payoff_changes(U, scales, shifts):
    V = [(np.array(u, dtype=object) * Fraction(a, 3) + b).tolist() for u, a, b in zip(U, scales, shifts)]
    ns, nt = nash_equilibria(U), nash_equilibria(V)
    assert [e.mixed for e in ns.equilibria] == [e.mixed for e in nt.equilibria]
    for e, f in zip(ns.equilibria, nt.equilibria):
        if e.rational:
            assert f.payoffs == tuple(u * Fraction(a, 3) + b for u, a, b in zip(e.payoffs, scales, shifts))


# ---------------------------------------------------------------------------------- two players


def _bimatrix_as_tensors(A, B, dummy=1):
    """The game with a third player who has ``dummy`` strategies, moves that change nobody's payoff."""
    m, n = len(A), len(A[0])
    U1 = [[[A[i][j]] * dummy for j in range(n)] for i in range(m)]
    U2 = [[[B[i][j]] * dummy for j in range(n)] for i in range(m)]
    return U1, U2


@given(bimatrix_games(max_m=3, max_n=3, min_value=-20, max_value=20))
def test_two_players_agree_with_the_exact_bimatrix_solver(game):
    A, B = game
    sol = solve(Game.from_arrays(A, B))
    ns = nash_equilibria([A, B])
    ours = {e.mixed for e in ns.equilibria}
    if not sol.degenerate:
        assert ours == {(tuple(e.x), tuple(e.y)) for e in sol.equilibria} and not ns.continua
        return
    # degenerate: ours are equilibria, and every extreme equilibrium is ours or on one of our continua
    continua_supports = {c.support for c in ns.continua}
    for e in sol.equilibria:
        support = tuple(tuple(k for k, p in enumerate(s) if p > 0) for s in (e.x, e.y))
        assert (tuple(e.x), tuple(e.y)) in ours or any(
            all(set(a) <= set(b) for a, b in zip(support, c)) for c in continua_supports
        )
    for e in ns.equilibria:
        assert regret([A, B], e.mixed) == (0, 0)


@settings(max_examples=20)
@given(bimatrix_games(max_m=3, max_n=3, min_value=-20, max_value=20))
def test_a_third_player_with_one_strategy_changes_nothing(game):
    A, B = game
    U1, U2 = _bimatrix_as_tensors(A, B)
    U3 = [[[0] for _ in row] for row in A]
    two = nash_equilibria([A, B])
    three = nash_equilibria([U1, U2, U3])
    assert [e.mixed[:2] for e in three.equilibria] == [e.mixed for e in two.equilibria]
    assert len(three.continua) == len(two.continua)


@settings(max_examples=20)
@given(bimatrix_games(min_m=2, min_n=2, max_m=3, max_n=3, min_value=-20, max_value=20), st.data())
def test_a_third_player_who_affects_nobody_best_responds(game, data):
    A, B = game
    sol = solve(Game.from_arrays(A, B))
    if sol.degenerate:
        return
    U1, U2 = _bimatrix_as_tensors(A, B, dummy=2)
    m, n = len(A), len(A[0])
    U3 = [[data.draw(st.lists(st.integers(-20, 20), min_size=2, max_size=2)) for _ in range(n)] for _ in range(m)]
    three = nash_equilibria([U1, U2, U3])
    expected = set()
    for e in sol.equilibria:
        values = [sum(e.x[i] * e.y[j] * U3[i][j][c] for i in range(m) for j in range(n)) for c in range(2)]
        if values[0] == values[1]:
            continue  # the third player is indifferent: a segment of equilibria, reported as a continuum
        c = int(values[1] > values[0])
        expected.add((tuple(e.x), tuple(e.y), (Fraction(1 - c), Fraction(c))))
    assert expected <= {e.mixed for e in three.equilibria}
    assert all(regret([U1, U2, U3], e.mixed) == (0, 0, 0) for e in three.equilibria)


@settings(max_examples=10)
@given(bimatrix_games(min_m=2, min_n=2, max_m=3, max_n=3, min_value=-20, max_value=20))
def test_an_indifferent_third_player_gives_segments(game):
    # A third player with two strategies and a constant payoff is always indifferent: the equilibria
    # are the two-player ones times the whole of its simplex, a segment over each of them.
    A, B = game
    sol = solve(Game.from_arrays(A, B))
    if sol.degenerate:
        return
    U1, U2 = _bimatrix_as_tensors(A, B, dummy=2)
    U3 = [[[0, 0] for _ in row] for row in A]
    three = nash_equilibria([U1, U2, U3])
    pairs = {(tuple(e.x), tuple(e.y)) for e in sol.equilibria}
    one = (Fraction(1), Fraction(0))
    assert {e.mixed for e in three.equilibria} == {p + (d,) for p in pairs for d in (one, one[::-1])}
    assert three.complete and len(three.continua) == len(pairs)
    for c in three.continua:
        assert c.dimension == 1 and c.support[2] == (0, 1) and c.witness.mixed[:2] in pairs


# ---------------------------------------------------------------------------------- generic games


@settings(max_examples=10)
@given(st.sampled_from([(2, 2, 2), (3, 2, 2), (2, 2, 2, 2)]), st.integers(0, 2**32 - 1))
def test_generic_games_have_an_odd_number_of_equilibria(shape, seed):
    # Wilson (1971), Harsanyi (1973): a generic finite game has finitely many equilibria, an odd number.
    # Payoffs drawn from a million values each are generic with probability close to 1.
    rng = np.random.default_rng(seed)
    U = [rng.integers(-10**6, 10**6, size=shape).tolist() for _ in shape]
    ns = nash_equilibria(U)
    assert not ns.continua and len(ns.equilibria) % 2 == 1


@settings(max_examples=6)
@given(nplayer_games(shapes=((2, 2, 2), (3, 2, 2))))
def test_agreement_with_the_brute_force(U):
    ns = nash_equilibria(U)
    found, undecided = oracle_equilibria(U)
    if undecided or ns.continua:
        return  # positive-dimensional systems: the oracle does not decide them
    assert sorted(_key(e, 7) for e in ns.equilibria) == sorted(
        tuple(tuple(round(p, 7) for p in s) for s in f) for f in found
    )


# ---------------------------------------------------------------------------------- output and input


def test_to_dict_is_exact_json():
    rng = np.random.default_rng(3)
    U = [rng.integers(0, 10, size=(2, 2, 2)).tolist() for _ in range(3)]
    ns = nash_equilibria(U, players=("Russia", "China", "USA"), strategies=(("a", "b"),) * 3)
    d = json.loads(json.dumps(ns.to_dict()))
    assert d["players"] == ["Russia", "China", "USA"] and d["exact"] is True
    texts = [e["strategies"]["Russia"]["a"] for e in d["equilibria"]]
    assert all(isinstance(t, str) for t in texts)
    irrational = [e for e in d["equilibria"] if not e["rational"]]
    for e in irrational:
        assert "sqrt" in e["strategies"]["Russia"]["a"] or "root of" in e["strategies"]["Russia"]["a"]
        assert e["algebraic"] and e["certificate"]["arithmetic"] == "number field"
    df = ns.to_pandas()
    assert len(df) == len(ns.equilibria) and "Russia: a" in df.columns


def test_continua_to_dict():
    d = json.loads(json.dumps(nash_equilibria(NAU).to_dict()))
    assert all(c["witness"] is not None and c["equations"] for c in d["continua"])


def test_read_payoffs_accepts_numpy_and_fractions():
    U = read_payoffs([np.array([[1, 0], [0, 1]]), [["1/2", 0.25], [Fraction(1, 3), 1]]])
    assert U[1][0, 1] == Fraction(1, 4) and U[1][1, 0] == Fraction(1, 3)
    assert not U[0].flags.writeable


@pytest.mark.parametrize(
    "payoffs, message",
    [
        ([[[1, 2]]], "at least two players"),
        ([[[1, 2], [3, 4]], [[1, 2]]], "expected shape"),
        ([[[1, 2], [3]], [[1, 2], [3, 4]]], "ragged"),
        ([[[1, "x"], [3, 4]], [[1, 2], [3, 4]]], "payoffs[0][0][1]"),
        ([[1, 2], [3, 4]], "2 indices"),
    ],
)
def test_bad_input_is_an_input_error(payoffs, message):
    with pytest.raises(InputError, match=message.replace("[", r"\[").replace("]", r"\]")):
        nash_equilibria(payoffs)
