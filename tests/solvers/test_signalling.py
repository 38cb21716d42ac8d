"""Tests of bargaining.solvers.signalling: perfect Bayesian equilibria of two-type signalling games."""

from __future__ import annotations

from fractions import Fraction
from itertools import product

import pytest
from hypothesis import given, strategies as st

import bargaining as bg
from bargaining.errors import InputError
from bargaining.solvers.signalling import perfect_bayesian_equilibria, signalling_game
from bargaining.solvers.tree import bayesian_equilibria
from bargaining.tree import GameTree, chance, decision, terminal

F = Fraction


def signalling_tree(prior, u, types=("weak", "strong"), messages=("beer", "quiche"), actions=("duel", "not")):
    """A signalling game: ``u[(type, message, action)] = (sender payoff, receiver payoff)``."""
    nodes = [chance("nature", {t: (p, t) for t, p in zip(types, prior)})]
    for t in types:
        nodes.append(decision(t, "Sender", {m: f"{t} {m}" for m in messages}))
        for m in messages:
            nodes.append(decision(f"{t} {m}", "Receiver", {a: f"{t} {m} {a}" for a in actions}, infoset=f"after {m}"))
            nodes += [terminal(f"{t} {m} {a}", list(u[(t, m, a)])) for a in actions]
    return GameTree.build(["Sender", "Receiver"], nodes)


def beer_quiche(prior_weak="1/10"):
    """Cho and Kreps (1987), QJE 102, p. 185: the strong type prefers beer, the weak quiche (worth 1); not being
    duelled is worth 2 to either; the receiver gains 1 by duelling the weak or leaving the strong alone."""
    u = {}
    for t, m, a in product(("weak", "strong"), ("beer", "quiche"), ("duel", "not")):
        breakfast = 1 if (t, m) in (("weak", "quiche"), ("strong", "beer")) else 0
        peace = 2 if a == "not" else 0
        receiver = 1 if (t, a) in (("weak", "duel"), ("strong", "not")) else 0
        u[(t, m, a)] = (breakfast + peace, receiver)
    q = F(prior_weak)
    return signalling_tree((q, 1 - q), u)


def test_beer_quiche_two_pooling_equilibria():
    s = perfect_bayesian_equilibria(beer_quiche())
    found = {dict(e.sender)["weak"]: e for e in s.equilibria}
    assert sorted(found) == ["beer", "quiche"] and all(e.kind == "pooling" for e in s.equilibria)
    beer, quiche = found["beer"], found["quiche"]
    # pooling on beer: the receiver leaves beer drinkers alone (prior 1/10 weak) and duels a quiche eater, which
    # it may do if it believes a quiche eater weak with probability at least 1/2
    assert dict(beer.receiver) == {"beer": "not", "quiche": "duel"}
    assert beer.belief("beer") == (F(1, 10), F(1, 10)) and beer.belief("quiche") == (F(1, 2), F(1))
    assert dict(beer.payoffs) == {"weak": 2, "strong": 3}
    # pooling on quiche: supported by the belief that a beer drinker is weak with probability at least 1/2
    assert dict(quiche.receiver) == {"beer": "duel", "quiche": "not"}
    assert quiche.belief("beer") == (F(1, 2), F(1))
    d = quiche.to_dict()
    assert d["beliefs"]["beer"] == {"on_path": False, "P(weak)": None, "P(weak) range": ["1/2", "1"]}
    assert d["beliefs"]["quiche"]["P(weak)"] == "1/10"


def test_beer_quiche_with_a_likely_weak_sender_has_no_pure_equilibrium():
    # with a weak sender more likely than not, pooling fails (the receiver duels on the path, and the weak type
    # would rather eat quiche in peace or be duelled over quiche) and separating fails (the weak type would mimic):
    # the equilibrium is semi-separating, which pure strategies do not reach
    assert perfect_bayesian_equilibria(beer_quiche("2/3")).equilibria == ()


def test_a_separating_equilibrium():
    # education as a signal (Spence 1973): only the able can afford it, and the employer pays for ability
    u = {}
    for t, m, a in product(("able", "dull"), ("school", "none"), ("hire", "pass")):
        cost = {"able": 1, "dull": 3}[t] if m == "school" else 0
        wage = 2 if a == "hire" else 0
        fit = (1 if t == "able" else -1) if a == "hire" else 0
        u[(t, m, a)] = (wage - cost, fit)
    tree = signalling_tree(
        (F(1, 2), F(1, 2)), u, types=("able", "dull"), messages=("school", "none"), actions=("hire", "pass")
    )
    kinds = {
        (e.kind, dict(e.sender)["able"], dict(e.sender)["dull"]) for e in perfect_bayesian_equilibria(tree).equilibria
    }
    assert ("separating", "school", "none") in kinds


@given(
    st.fractions(min_value=F(1, 10), max_value=F(9, 10), max_denominator=10),
    st.lists(st.integers(-2, 2), min_size=16, max_size=16),
)
def test_every_pbe_is_a_bayesian_nash_equilibrium(prior, values):
    keys = list(product(("a", "b"), ("m", "n"), ("x", "y")))
    u = {k: (values[2 * i], values[2 * i + 1]) for i, k in enumerate(keys)}
    tree = signalling_tree((prior, 1 - prior), u, types=("a", "b"), messages=("m", "n"), actions=("x", "y"))
    pure_bne = set()
    for e in bayesian_equilibria(tree)[0]:
        if e.pure:
            s = {t: next(m for m, q in e.strategies["Sender"][t].items() if q == 1) for t in ("a", "b")}
            r = {m: (None if e.strategies["Receiver"][f"after {m}"] is None else
                     next(a for a, q in e.strategies["Receiver"][f"after {m}"].items() if q == 1)) for m in ("m", "n")}
            pure_bne.add((tuple(s.items()), tuple(r.items())))
    for e in perfect_bayesian_equilibria(tree).equilibria:
        assert (e.sender, e.receiver) in pure_bne
        lo, hi = e.belief("m")
        assert 0 <= lo <= hi <= 1


def test_not_a_signalling_game():
    with pytest.raises(InputError, match="chance move over two types"):
        signalling_game(GameTree.build(["A"], [decision("d", "A", {"x": "t"}), terminal("t", [0])]))
    tree = beer_quiche()
    nodes = [n for n in tree.nodes]
    # the receiver sees the type: the nodes after beer in two information sets
    nodes = [
        type(n)(n.name, n.player, n.moves, n.name) if getattr(n, "infoset", "") == "after beer" else n for n in nodes
    ]
    with pytest.raises(InputError, match="does not see the type"):
        signalling_game(GameTree.build(tree.players, nodes))


TYPES, MESSAGES, ACTIONS = ("weak", "strong"), ("beer", "quiche"), ("duel", "not")


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
