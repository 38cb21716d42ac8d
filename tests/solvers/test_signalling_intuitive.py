"""Tests of the intuitive criterion in bargaining.solvers.signalling (Cho and Kreps 1987).

(New tests for solvers/signalling.py, kept apart from the module's main test file while the test tree is
reorganised.)
"""

from __future__ import annotations

from fractions import Fraction
from itertools import product

from hypothesis import given
from hypothesis import strategies as st

import bargaining as bg
from bargaining.solvers.signalling import perfect_bayesian_equilibria, signalling_game
from bargaining.tree import GameTree, chance, decision, terminal

F = Fraction
TYPES, MESSAGES, ACTIONS = ("weak", "strong"), ("beer", "quiche"), ("duel", "not")


def signalling_tree(prior, u):
    """``u[(type, message, action)] = (sender payoff, receiver payoff)``."""
    nodes = [chance("nature", {t: (p, t) for t, p in zip(TYPES, prior)})]
    for t in TYPES:
        nodes.append(decision(t, "Sender", {m: f"{t} {m}" for m in MESSAGES}))
        for m in MESSAGES:
            nodes.append(decision(f"{t} {m}", "Receiver", {a: f"{t} {m} {a}" for a in ACTIONS}, infoset=f"after {m}"))
            nodes += [terminal(f"{t} {m} {a}", list(u[(t, m, a)])) for a in ACTIONS]
    return GameTree.build(["Sender", "Receiver"], nodes)


def beer_quiche():
    """Cho and Kreps (1987), QJE 102, p. 185: prior weak 1/10; the strong type prefers beer, the weak quiche
    (worth 1); not being duelled is worth 2; the receiver gains 1 by duelling the weak or leaving the strong."""
    u = {}
    for t, m, a in product(TYPES, MESSAGES, ACTIONS):
        breakfast = 1 if (t, m) in (("weak", "quiche"), ("strong", "beer")) else 0
        u[(t, m, a)] = (breakfast + (2 if a == "not" else 0), 1 if (t, a) in (("weak", "duel"), ("strong", "not")) else 0)
    return signalling_tree((F(1, 10), F(9, 10)), u)


def test_beer_quiche_quiche_pooling_fails_the_intuitive_criterion():
    """Cho and Kreps (1987), sec. IV: the pooling equilibrium on quiche fails; the one on beer survives."""
    s = perfect_bayesian_equilibria(beer_quiche())
    verdicts = {dict(e.sender)["weak"]: e.survives_intuitive for e in s.equilibria}
    assert verdicts == {"beer": True, "quiche": False}
    quiche = next(e for e in s.equilibria if dict(e.sender)["weak"] == "quiche")
    (check,) = quiche.intuitive
    assert (check.message, check.dominated, check.restricted, check.breaks) == ("beer", ("weak",), ("not",), "strong")
    assert dict(check.equilibrium) == {"weak": 3, "strong": 2}
    assert dict(check.best_deviation) == {"weak": 2, "strong": 3} and dict(check.worst) == {"strong": 3}
    beer = next(e for e in s.equilibria if dict(e.sender)["weak"] == "beer")
    (check,) = beer.intuitive
    # quiche would tempt only the weak type, and the receiver who believes that duels it: no gain
    assert (check.dominated, check.restricted, check.breaks) == (("strong",), ("duel",), None)


def test_resolve_in_the_taiwan_crisis():
    """The pooling PBE (both vague; Russia backs down, believing a pledge resolute with probability <= 5/16)
    fails: an irresolute China loses by a pledge whatever Russia does (-0.1 or -0.15 against 0), a resolute one
    gains if Russia, believing it resolute, stands firm (0.22 against 0)."""
    s = bg.solve("games/resolve.toml", params="games/taiwan_crisis.toml").perfect_bayesian
    assert [(e.kind, e.survives_intuitive) for e in s.equilibria] == [("separating", True), ("pooling", False)]
    pooling = s.equilibria[1]
    assert pooling.belief("pledge") == (0, F(5, 16))
    (check,) = pooling.intuitive
    assert check.dominated == ("irresolute",) and check.breaks == "resolute"
    assert dict(check.best_deviation) == {"resolute": F(22, 100), "irresolute": F(-1, 10)}
    assert check.restricted == ("firm",) and dict(check.worst) == {"resolute": F(22, 100)}
    assert s.equilibria[0].intuitive == ()  # both messages are sent: nothing off the path to test


def test_resolve_in_the_baseline_no_type_would_pledge():
    s = bg.solve("games/resolve.toml").perfect_bayesian
    assert [(e.kind, e.survives_intuitive) for e in s.equilibria] == [("pooling", True), ("pooling", True)]
    for e in s.equilibria:
        (check,) = e.intuitive
        assert set(check.dominated) == {"resolute", "irresolute"} and check.restricted == ()


payoff = st.integers(-3, 3).map(F)


@given(st.integers(1, 9).map(lambda k: F(k, 10)), st.lists(st.tuples(payoff, payoff), min_size=8, max_size=8))
def test_a_failing_equilibrium_rests_on_a_belief_the_criterion_rules_out(prior, values):
    """If a PBE fails, its supporting off-path beliefs exclude the belief concentrated on the deviating type.

    Otherwise the receiver's answer would be a best reply to that belief, so the deviating type would get at
    least the worst such reply from the message, more than in the equilibrium: it would not be an equilibrium.
    """
    u = dict(zip(product(TYPES, MESSAGES, ACTIONS), values))
    tree = signalling_tree((prior, 1 - prior), u)
    g = signalling_game(tree)
    for e in perfect_bayesian_equilibria(tree).equilibria:
        sent = set(dict(e.sender).values())
        assert {c.message for c in e.intuitive} == set(MESSAGES) - sent
        for c in e.intuitive:
            equilibrium = dict(c.equilibrium)
            assert equilibrium == dict(e.payoffs)
            best = dict(c.best_deviation)
            assert set(c.dominated) == {t for t in TYPES if equilibrium[t] > best[t]}
            if c.breaks is None:
                continue
            lo, hi = e.belief(c.message)
            point = F(1) if c.breaks == g.types[0] else F(0)
            assert not lo <= point <= hi
            assert dict(c.worst)[c.breaks] > equilibrium[c.breaks]
