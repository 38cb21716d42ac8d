"""The logit QRE report (bargaining.analysis.qre): the branch tends to a Nash equilibrium, and how likely a treaty is.

As lambda grows the principal branch tends to one of the exact equilibria of
``solve`` (McKelvey and Palfrey 1995, Theorem 3, for generic games); at each
precision of the table the profile is a logit equilibrium (each player's
strategy the logit response to the others'). In the stag hunt of
taiwan_crisis the branch selects alignment without a treaty, the risk-dominant
equilibrium, as risk dominance predicts for the logit selection in 2x2 stag
hunts (Harsanyi and Selten 1988; McKelvey and Palfrey 1995, section 4).
"""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import assume, given, settings

from bargaining.analysis.qre import qre_report
from bargaining.errors import InputError
from bargaining.game import Game
from bargaining.io.gamefile import load_model
from bargaining.io.nfg import parse_nfg, write_nfg
from tests.strategies import tensor_games


def _logit_residual(game, sigma, lam) -> float:
    from bargaining.solvers.nplayer import strategy_payoffs

    T = [np.array(t, dtype=float) for t in game.float_tensors()]
    worst = 0.0
    for i in range(game.n_players):
        v = np.array([float(x) for x in strategy_payoffs(np.array(T[i], dtype=object), [list(s) for s in sigma], i)])
        q = np.exp(lam * (v - v.max()))
        worst = max(worst, float(np.abs(q / q.sum() - sigma[i]).max()))
    return worst


@settings(max_examples=15, deadline=None)
@given(tensor_games(shapes=((2, 2, 2), (3, 2, 2))))
def test_the_branch_tends_to_an_exact_equilibrium(U):
    model = parse_nfg(write_nfg(Game.from_tensors(U)))
    r = qre_report(model, lambdas=[0.1, 1])
    assume(r.path.converged and not any("bifurcation" in w for w in r.path.warnings))
    assert r.selected is not None or r.selected_continuum is not None
    if r.selected is not None:
        e = r.solution.equilibria[r.selected]
        assert max(abs(float(q) - a) for s, d in zip(r.path.limit, e.mixed) for a, q in zip(s, d)) <= 1e-4
    for lam in r.lambdas:
        assert _logit_residual(model.game(), r.path.mark(lam), lam) < 1e-9


def test_taiwan_crisis_selects_alignment_and_the_treaty_fades():
    r = qre_report(load_model("games/taiwan_crisis.toml"))
    assert r.solution.reading(r.selected) == "deep alignment without a treaty"
    treaty = r.treaty_probabilities()
    assert treaty[0] == pytest.approx(1 / 9) and treaty[-1] < 1e-12
    assert treaty[1] > treaty[2] > treaty[3]  # lambda = 1, 10, 100


def test_the_triangle_two_front_scenario_selects_the_mixed_treaty():
    r = qre_report(load_model("games/triangle/two_front.toml"), lambdas=[10])
    e = r.solution.equilibria[r.selected]
    assert not e.pure and e.mixed[2][0] == 1  # China signs; Russia 1/3, the United States mixes
    assert r.treaty_probabilities()[-1] == pytest.approx(1 / 3, abs=1e-6)


def test_rows_and_json():
    r = qre_report(load_model("games/triangle/taiwan_crisis.toml"), lambdas=[1, 10])
    rows = r.rows()
    assert rows[0][0] == (0, 1, 1) and rows[0][1][-1] == pytest.approx(1, abs=1e-6)
    d = r.to_dict()
    assert d["columns"] == ["uniform", "lambda=1", "lambda=10", "limit"] and len(d["outcomes"]) == 27
    assert d["treaty"]["strategy"] == "ally"
    assert len(r.to_pandas()) == len(r.path.lambdas)


def test_bad_precisions():
    with pytest.raises(InputError, match="expected positive precisions"):
        qre_report(load_model("games/baseline.toml"), lambdas=[0])
