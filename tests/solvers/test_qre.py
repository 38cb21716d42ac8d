"""Tests of :mod:`bargaining.solvers.qre`: the principal branch of the logit QRE correspondence.

Checked: uniform play at lambda = 0, every point a logit quantal response
equilibrium, the limit a Nash equilibrium (regret to zero, one of the exact
equilibria), invariance under relabelling strategies and players, known
answers (McKelvey and Palfrey 1995), and, when pygambit is installed,
agreement with Gambit's ``logit_solve``.
"""

from __future__ import annotations

import json

import numpy as np
import pytest
from hypothesis import given, settings, strategies as st

from bargaining.errors import InputError
from bargaining.solvers.nplayer import nash_equilibria
from bargaining.solvers.qre import logit_qre
from tests.strategies import float_nplayer_games, random_float_payoffs


def _logit_residual(U, lam, sigma) -> float:
    """How far ``sigma`` is from the logit response to itself at ``lam``."""
    n = len(U)
    letters = "abcd"[:n]
    worst = 0.0
    for i in range(n):
        ops = [U[i]] + [sigma[j] for j in range(n) if j != i]
        subs = [letters] + [letters[j] for j in range(n) if j != i]
        u = np.einsum(",".join(subs) + "->" + letters[i], *ops)
        z = np.exp(lam * (u - u.max()))
        worst = max(worst, float(np.max(np.abs(z / z.sum() - sigma[i]))))
    return worst


@settings(max_examples=12)
@given(float_nplayer_games())
def test_branch_starts_uniform_and_stays_on_the_correspondence(U):
    path = logit_qre(U)
    assert path.lambdas[0] == 0
    for sigma in (p[0] for p in path.profiles):
        assert np.allclose(sigma, 1 / len(sigma))
    for k in range(0, len(path.lambdas), max(1, len(path.lambdas) // 10)):
        sigma = [p[k] for p in path.profiles]
        # the corrector's promise: 1e-12 x lambda x the payoff scale (rounding in lambda*u grows with both), and
        # never looser than 1e-7
        scale = max(float(np.max(u) - np.min(u)) for u in U)  # the payoff span, as the solver measures it
        assert _logit_residual(U, path.lambdas[k], sigma) < max(1e-7, 1e-12 * path.lambdas[k] * scale)
    assert np.allclose(path.outcomes.sum(axis=tuple(range(1, len(U) + 1))), 1)


@settings(max_examples=12)
@given(float_nplayer_games())
def test_limit_is_a_nash_equilibrium(U):
    ns = nash_equilibria([u.astype(int).tolist() for u in U])
    path = logit_qre(U, equilibria=ns)
    span = max(float(u.max() - u.min()) for u in U)
    assert path.converged and path.limit_regret <= 1e-8 * span
    if path.selected is None:  # a tie in the payoffs: the limit lies on a continuum of equilibria
        cont = ns.continua[path.selected_continuum]
        assert all(np.all(np.array(path.limit[i])[list(s)] > 1e-4) for i, s in enumerate(cont.support))
    else:
        assert path.selected_distance < 1e-4


@settings(max_examples=8)
@given(float_nplayer_games(), st.data())
def test_relabelling_strategies_and_players(U, data):
    path = logit_qre(U)
    n = len(U)
    perm = data.draw(st.permutations(range(U[0].shape[0])))
    V = [u[list(perm)] for u in U]
    moved = logit_qre(V)
    assert np.allclose(np.array(moved.limit[0]), np.array(path.limit[0])[list(perm)], atol=1e-6)
    order = data.draw(st.permutations(range(n)))
    W = [np.transpose(U[p], order) for p in order]
    swapped = logit_qre(W)
    for k, p in enumerate(order):
        assert np.allclose(swapped.limit[k], path.limit[p], atol=1e-6)


def test_matching_pennies_is_uniform_all_along():
    # McKelvey and Palfrey (1995), section 3: in matching pennies the QRE is uniform for every lambda
    A = np.array([[1.0, -1.0], [-1.0, 1.0]])
    path = logit_qre([A, -A], max_lambda=50)
    for p in path.profiles:
        assert np.allclose(p, 0.5)


def test_coordination_game_selects_the_payoff_dominant_equilibrium():
    path = logit_qre([[[2, 0], [0, 1]], [[2, 0], [0, 1]]])
    assert np.allclose(path.limit, [[1, 0], [1, 0]], atol=1e-8)


def test_mckelvey_mclennan_branch_passes_a_bifurcation():
    # The symmetric line sigma_1 = sigma_2 = (1/2, 1/2) is invariant; a pitchfork meets the branch at
    # lambda = 2 / sqrt(c c'), c = 9 q - 3 (1 - q), c' = 8 q - 4 (1 - q), q player 3's first probability.
    U = [
        [[[9, 0], [0, 3]], [[0, 3], [9, 0]]],
        [[[8, 0], [0, 4]], [[0, 4], [8, 0]]],
        [[[12, 0], [0, 6]], [[0, 6], [2, 0]]],
    ]
    ns = nash_equilibria(U)
    path = logit_qre(U, equilibria=ns)
    assert any("bifurcation" in w for w in path.warnings)
    assert path.converged and ns.equilibria[path.selected].mixed[2] == (1, 0)


def test_to_dict_and_to_pandas():
    U = random_float_payoffs((2, 2, 2), 5)
    path = logit_qre(U, players=("R", "C", "U"), strategies=(("a", "b"),) * 3)
    d = json.loads(json.dumps(path.to_dict()))
    assert d["exact"] is False and len(d["path"]["lambda"]) == len(path.lambdas)
    df = path.to_pandas()
    assert len(df) == len(path.lambdas) and {"lambda", "R: a", "P(a, b, a)"} <= set(df.columns)
    assert not path.lambdas.flags.writeable


def test_bad_input():
    with pytest.raises(InputError):
        logit_qre([[[1, 2]]])
    with pytest.raises(InputError):
        logit_qre([[[1, np.nan], [0, 1]], [[1, 0], [0, 1]]])


def test_agrees_with_gambit_logit_solve():
    gbt = pytest.importorskip("pygambit")
    for seed in range(4):
        U = random_float_payoffs((2, 2, 2), seed)
        ours = logit_qre(U)
        g = gbt.Game.from_arrays(*U)
        e = gbt.nash.logit_solve(g).equilibria[0]
        theirs = [[float(e[p][s]) for s in p.strategies] for p in g.players]
        assert np.allclose(np.concatenate(ours.limit), np.concatenate(theirs), atol=1e-5)
