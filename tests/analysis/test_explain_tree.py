"""Tests of bargaining.analysis.explain_tree: the walk-through of a game tree by backward induction."""

from __future__ import annotations

from fractions import Fraction

import pytest
from hypothesis import given

import bargaining as bg
from bargaining.analysis.explain_tree import explain_tree
from bargaining.tree import GameTree, chance, decision, terminal
from tests.strategies import game_trees

F = Fraction


@pytest.fixture(scope="module")
def proposal():
    return bg.explain("games/treaty_proposal.toml", params="games/taiwan_crisis.toml")


@pytest.fixture(scope="module")
def resolve():
    return bg.explain("games/resolve.toml", params="games/taiwan_crisis.toml")


@given(game_trees())
def test_the_walk_through_is_backward_induction(tree):
    ex = explain_tree(tree)
    done: set[str] = set()
    for step in ex.steps:
        assert set(step.step.below) <= done, "a subgame comes after every subgame below it"
        done.add(step.step.root)
        for case, walk in zip(step.step.cases, step.walks):
            if walk is None:
                continue
            assert walk.game.shape == tuple(len(s) for s in walk.game.strategies)
            for checks in walk.checks:  # no one gains by deviating from a stage equilibrium
                assert all(o.gain <= 0 for c in checks for o in c.options)
            if walk.same_as is not None:
                earlier = next(s for s in ex.steps if s.step.root == walk.same_as)
                assert any(w is not None and w.game.A == walk.game.A and w.game.B == walk.game.B for w in earlier.walks)
    assert ex.steps[-1].ways == len(ex.solution.subgame_perfect)
    # the paths partition the subgame-perfect equilibria, and each line's probabilities add up to 1
    members = sorted(k for p in ex.paths for k in p.equilibria)
    assert members == list(range(len(ex.solution.subgame_perfect)))
    for p in ex.paths:
        assert sum(line.probability for line in p.lines) == 1
        assert p.payoffs == ex.solution.subgame_perfect[p.equilibria[0]].payoffs
    flagged = sorted(k for g in ex.threats for k in g.equilibria)
    assert set(flagged) == {k for k, e in enumerate(ex.solution.equilibria) if e.subgame_perfect is False}


def test_proposal_game_steps(proposal):
    steps = proposal.steps
    assert [(s.step.root, s.step.kind, s.ways) for s in steps] == [
        ("partnership", "stage", 3), ("after rejection", "stage", 3), ("ratification", "decision", 4),
        ("proposal", "decision", 16)]
    stage = steps[0].walks[0]
    assert stage.same_as is None and steps[1].walks[0].same_as == "partnership"
    # the stag hunt of the Taiwan crisis: China's mix 170/231 makes Russia indifferent (docs/how-to/scenarios.md)
    mixed = next(k for k, e in enumerate(stage.solution.equilibria) if not e.pure)
    china = next(d for d in stage.indifferences[mixed] if d.mixer == 1)
    assert [q for _, q in china.mixture] == [F(170, 231), F(61, 231)]
    ratification = steps[2].step
    assert [case.best for case in ratification.cases] == [("accept", "reject"), ("accept",)]
    assert [case.combinations for case in ratification.cases] == [1, 2]
    proposal_step = steps[3].step
    assert [case.best for case in proposal_step.cases] == [("propose", "no proposal"), ("propose",)]
    assert [case.combinations for case in proposal_step.cases] == [4, 8]


def test_proposal_game_paths_and_threats(proposal):
    assert [len(p.equilibria) for p in proposal.paths] == [9, 4, 3]
    first = proposal.paths[0].lines[0]
    assert [(m.actor, m.move) for m in first.moves] == [("Russia", "propose"), ("China", "accept")]
    assert first.terminal == "treaty" and first.reading.startswith("a military alliance")
    second = proposal.paths[1].lines[0]
    assert [(m.actor, m.move) for m in second.moves] == [("Russia", "no proposal"), ("Russia and China", "ally, ally")]
    groups = {(g.threat.subgame, g.threat.player, g.threat.changes[0][1]): [k + 1 for k in g.equilibria]
              for g in proposal.threats}
    assert groups[("partnership", "China", "hedge")] == [3, 6, 9, 12]
    assert groups[("after rejection", "Russia", "hedge")] == [10, 11, 12]
    assert groups[("ratification", "China", "reject")] == [15, 36, 39, 41, 49, 50]
    assert len(proposal.threats) == 6
    assert sum(len(g.equilibria) for g in proposal.threats) == 43 + 1  # equilibrium 12 rests on two threats
    assert proposal.undecided == ()
    assert dict((n, new) for n, _, new in proposal.changed) == {"T": 1, "w_R": F(1, 10), "w_C": F(1, 10),
                                                                "e_R": F(12, 100)}


def test_resolve_information_sets_and_beliefs(resolve):
    (step,) = resolve.steps
    assert step.step.kind == "strategic" and step.step.root == "resolve"
    assert {(p, h) for p, h, _ in step.information} == {("Russia", "after a pledge"), ("Russia", "without a pledge")}
    walk = resolve.signalling
    separating, pooling = walk.equilibria
    after_pledge = next(r for r in separating.responses if r.message == "pledge")
    assert after_pledge.on_path and after_pledge.belief == (1, 1) and after_pledge.action == "firm"
    assert dict(after_pledge.expected) == {"firm": F(88, 100), "back": 0}  # T - e_R against a resolute China
    off = next(r for r in pooling.responses if r.message == "pledge")
    assert not off.on_path and off.belief == (0, F(5, 16)) and off.action == "back"
    # k_R / (T - e_R + k_R) = 0.4 / 1.28: below it Russia backs down
    assert F(4, 10) / (F(88, 100) + F(4, 10)) == F(5, 16)
    irresolute = next(sc for sc in pooling.senders if sc.type == "irresolute")
    assert irresolute.message == "vague" and dict((m, u) for m, _, u in irresolute.options) == {"pledge": F(-1, 10),
                                                                                              "vague": 0}
    assert [w.equilibrium.survives_intuitive for w in walk.equilibria] == [True, False]


def test_a_chance_node_is_an_expectation():
    t = GameTree.build(["A", "B"], [
        chance("crisis?", {"crisis": ("1/4", "c"), "calm": ("3/4", "k")}),
        decision("c", "A", {"stand": "s", "fold": "f"}), terminal("s", [2, 0]), terminal("f", [0, 1]),
        terminal("k", [1, 1])])
    ex = explain_tree(t)
    assert [(s.step.root, s.step.kind) for s in ex.steps] == [("c", "decision"), ("crisis?", "chance")]
    (case,) = ex.steps[1].step.cases
    assert case.options == (("crisis", (F(2), F(0))), ("calm", (F(1), F(1))))
    ((_, value),) = case.equilibria
    assert value == (F(1, 4) * 2 + F(3, 4) * 1, F(3, 4))
