"""The walk-through of a game of three or more players (bargaining.analysis.explain_nplayer)."""

from __future__ import annotations

import pytest

from bargaining.analysis.explain import explain
from bargaining.analysis.explain_nplayer import NPlayerExplanation, explain_nplayer
from bargaining.io.gamefile import game_files, load_model

TRIANGLE = ["games/triangle.toml"] + [str(p) for p in game_files("games/triangle")]


@pytest.mark.parametrize("path", TRIANGLE)
def test_parts_sum_back_to_every_payoff_exactly(path):
    ex = explain(load_model(path))
    assert isinstance(ex, NPlayerExplanation)
    g = ex.game
    assert len(ex.breakdown) == 27 * 3 and all(b.exact for b in ex.breakdown)
    for b in ex.breakdown:
        assert sum(p.sign * p.value for p in b.parts) == g.payoff(b.player, *b.profile)


@pytest.mark.parametrize("path", TRIANGLE)
def test_best_replies_and_checks_agree_with_the_game(path):
    ex = explain_nplayer(load_model(path))
    g = ex.game
    for r in ex.best_replies:
        others = [q for q in range(3) if q != r.player]
        prof = [0, 0, 0]
        for q, k in zip(others, r.against):
            prof[q] = k
        assert r.best == g.best_responses(r.player, tuple(prof))
    for e, why in zip(ex.solution.equilibria, ex.why):
        for c in why.checks:
            assert max(c.values) == c.payoff and all(c.values[k] == c.payoff for k in e.support(c.player))


def test_eliminated_strategies_are_never_played():
    ex = explain_nplayer(load_model("games/triangle/taiwan_crisis.toml"))
    removed = {(e.player, e.strategy) for e in ex.eliminations}
    assert (0, 2) in removed  # engage
    for e in ex.solution.equilibria:
        assert all(e.mixed[p][k] == 0 for p, k in removed)


def test_the_treaty_provokes_the_wedge():
    ex = explain_nplayer(load_model("games/triangle/taiwan_crisis.toml"))
    tests = {t.profile: t for t in ex.treaty}
    assert ex.signers == (1, 2)
    contain = tests[(0, 0, 0)]
    assert [(p, k) for p, k, _ in contain.deviations] == [(0, 1)]
    wedge = tests[(1, 0, 0)]
    assert [(p, k) for p, k, _ in wedge.deviations] == [(1, 1)]
    assert not any(t.is_equilibrium for t in ex.treaty)


def test_to_dict_is_plain_json():
    import json

    d = explain_nplayer(load_model("games/triangle/two_front.toml")).to_dict()
    json.dumps(d)
    assert len(d["cells"]) == 81 and len(d["equilibria"]) == 3 and d["treaty"]["signers"] == ["Russia", "China"]


def test_a_game_without_treaty_or_terms():
    from bargaining.io.nfg import parse_nfg

    m = parse_nfg('NFG 1 R "x" { "a" "b" "c" } { 2 2 2 } ' + " ".join(str((k * 7) % 5) for k in range(24)))
    ex = explain_nplayer(m)
    assert ex.treaty == () and ex.terms == () and len(ex.best_replies) == 3 * 4
