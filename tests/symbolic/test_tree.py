"""Subgame-perfect play in closed form (bargaining.symbolic.tree) agrees with backward induction.

At random generic parameter points inside the declared ranges, the strategy
profiles whose derived conditions all hold (pure moves, stage games played in
pure or mixed equilibria, the mixes' closed forms evaluated there) are exactly
the subgame-perfect equilibria that exact backward induction
(:func:`bargaining.solvers.tree.backward_induction`, what ``solve`` lists, mixed
stage play included) finds in the tree at that point: for the treaty proposal
under several scenarios' parameters, and for small random trees with a
parameter in their payoffs (where a tree is degenerate for every value of the
parameter, a tie or a continuum of stage equilibria, the derived ones are
still among those found).
"""

from __future__ import annotations

from fractions import Fraction as F

import pytest
import sympy
from hypothesis import HealthCheck, assume, given, settings, strategies as st

from bargaining.api import with_params
from bargaining.errors import InputError
from bargaining.formula import parse
from bargaining.io.gamefile import load_model
from bargaining.model import Parameter
from bargaining.solvers.tree import backward_induction
from bargaining.symbolic.tree import derive_tree
from bargaining.tree import Terminal, TreeModel
from tests.strategies import game_trees

SCENARIOS = [None, "games/taiwan_crisis.toml", "games/nato_escalation.toml", "games/two_front.toml"]
_CACHE: dict = {}


def _treaty(params):
    if params not in _CACHE:
        model = load_model("games/treaty_proposal.toml")
        if params is not None:
            model = with_params(model, params)
        _CACHE[params] = (model, derive_tree(model))
    return _CACHE[params]


def _move(player, infoset, moves) -> tuple:
    """``(player, infoset, move)`` for a pure move, ``(player, infoset, {(move, probability)})`` for a mix."""
    certain = [a for a, q in moves if q == 1]
    return (player, infoset, certain[0] if certain else frozenset((a, q) for a, q in moves if q != 0))


def _spes(tree) -> set:
    spes, _ = backward_induction(tree)
    return {
        frozenset(_move(p, h, moves.items()) for p, sets in e.strategies.items() for h, moves in sets.items())
        for e in spes
    }


def _derived(d, point) -> set:
    out = set()
    for p in d.profiles:
        if not p.holds_at(point):
            continue
        moves = set()
        for pl, s in p.strategies.items():
            for h, a in s.items():
                mix = p.mixes.get(pl, {}).get(h)
                if mix is None:
                    moves.add((pl, h, a))
                else:
                    values = [(b, q.expr.xreplace(point)) for b, q in mix]
                    assert all(v.is_Rational and 0 < v < 1 for _, v in values)
                    moves.add(_move(pl, h, [(b, F(int(v.p), int(v.q))) for b, v in values]))
        out.add(frozenset(moves))
    return out


@st.composite
def inside_points(draw, model):
    """Exact values strictly inside each declared range: profiles that hold only on its edges are dropped."""
    values = {}
    for name, p in model.parameters.items():
        lo, hi = p.min, p.max
        values[name] = draw(st.fractions(min_value=lo, max_value=hi, max_denominator=1000).filter(
            lambda q, lo=lo, hi=hi: lo < q < hi))
    return values


def _generic(d, point) -> bool:
    """No condition sits exactly on its boundary (a tie, where mixed and further pure continuations appear)."""
    return all(c.trivial or c.expr.xreplace(point) != 0 for p in d.profiles for c in p.conditions)


@pytest.mark.parametrize("params", SCENARIOS)
@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_treaty_proposal_agrees_with_backward_induction(params, data):
    model, d = _treaty(params)
    values = data.draw(inside_points(model))
    point = d.point(values)
    assume(_generic(d, point))
    assert not d.uncovered
    assert _derived(d, point) == _spes(model.tree(values))


@st.composite
def parameterised_trees(draw):
    """A small random tree whose terminal payoffs are ``v + k·x`` (k in -1..1), x in [0, 2]."""
    tree = draw(game_trees(players=2, max_depth=2, infosets=False))
    nodes = []
    for n in tree.nodes:
        if isinstance(n, Terminal):
            pay = tuple(parse(f"{v} + ({draw(st.integers(-1, 1))})*x") for v in n.payoffs)
            n = Terminal(n.name, pay, n.label)
        nodes.append(n)
    return TreeModel.build(tree.players, nodes, parameters={"x": Parameter("x", F(1), F(0), F(2))})


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(model=parameterised_trees(), x=st.fractions(min_value=0, max_value=2, max_denominator=97).filter(
    lambda q: 0 < q < 2))
def test_random_trees_agree_with_backward_induction(model, x):
    d = derive_tree(model)
    point = d.point({"x": x})
    assume(_generic(d, point))
    derived, found = _derived(d, point), _spes(model.tree({"x": x}))
    ties = any(c.expr == 0 for p in d.profiles for c in p.conditions)  # a tie for every x
    if d.uncovered or ties:
        assert derived <= found
    else:
        assert derived == found


def test_the_treaty_needs_russia_to_value_it_over_deep_alignment():
    _, d = _treaty(None)
    treaty = next(p for p in d.profiles if p.path == ("propose", "accept")
                  and p.stages == ("after rejection (align, align)", "partnership (align, align)"))
    shown = {c.label: c.text() for c in treaty.decisions}
    assert shown["Russia at proposal: propose rather than no proposal"] == "(1 − lam)·(T − w_R) − a·j − e_R − r ≥ 0"
    assert shown["China at ratification: accept rather than reject"] == "(1 − lam)·(T − w_C) − e_C − r ≥ 0"
    assert treaty.outcome == "treaty" and not treaty.equilibrium_at_file


@pytest.mark.parametrize("params, low", [(None, F(111, 125)), ("games/taiwan_crisis.toml", F(439, 500))])
def test_the_threshold_of_the_treaty_in_t(params, low):
    model = load_model("games/treaty_proposal.toml")
    if params is not None:
        model = with_params(model, params)
    d = derive_tree(model, keep=["T", "lam", "w_R", "e_R", "a", "j", "r"], solve_for="T")
    lam, w_R, e_R, a, j, r = (sympy.Symbol(n, **kw) for n, kw in [
        ("lam", {"positive": True}), ("w_R", {"nonnegative": True}), ("e_R", {"nonnegative": True}),
        ("a", {"nonnegative": True}), ("j", {"nonnegative": True}), ("r", {"nonnegative": True})])
    treaty = next(r for r in d.paths if r.path == ("propose", "accept"))
    assert treaty.set_at_file == sympy.Interval(sympy.Rational(low.numerator, low.denominator), 1)
    lower = [t for t in treaty.thresholds if t.bound.at_file == sympy.Rational(low.numerator, low.denominator)]
    assert [sympy.simplify(t.bound.expr - (w_R + (a * j + e_R + r) / (1 - lam))) for t in lower] == [0]
    assert [t.label for t in treaty.thresholds] == ["Russia at proposal: propose rather than no proposal"]
    assert d.symbols == ("T", "lam", "w_R", "e_R", "a", "j", "r")


def test_to_dict_is_plain_data():
    import json

    _, d = _treaty(None)
    data = json.loads(json.dumps(d.to_dict()))
    assert data["kind"] == "tree" and data["profiles"][0]["conditions"]
    assert {s["name"] for s in data["stages"]} >= {"partnership (align, align)"}


def test_a_solve_for_that_is_not_a_parameter():
    with pytest.raises(InputError, match="unknown parameter 'X'"):
        derive_tree(load_model("games/treaty_proposal.toml"), solve_for="X")


def test_imperfect_information_beyond_stage_games_is_refused():
    from bargaining.tree import decision, terminal

    nodes = [
        decision("first", "A", {"l": "left", "r": "right"}),
        decision("left", "B", {"u": "lu", "d": "ld"}, infoset="blind"),
        decision("right", "B", {"u": "ru", "d": "rd"}, infoset="blind"),
    ] + [terminal(n, [1, 0]) for n in ("lu", "ld", "ru", "rd")]
    model = TreeModel.build(["A", "B"], nodes)
    with pytest.raises(InputError, match="information set 'blind' joins nodes"):
        derive_tree(model)


@st.composite
def staged_trees(draw):
    """P1 takes an outside option or enters a 2x2 to 3x3 stage game with P2, payoffs ``v + k·x``.

    Payoffs range over -6..6 so that stage games without a pure equilibrium
    (matching pennies and its relatives) are common; one cell may lead on to
    a decision of P2 between two terminals.
    """
    from bargaining.tree import decision, simultaneous, terminal

    def pay():
        return [parse(f"{draw(st.integers(-6, 6))} + ({draw(st.integers(-2, 2))})*x") for _ in range(2)]

    rows = ["u", "m", "d"][:draw(st.integers(2, 3))]
    cols = ["l", "c", "r"][:draw(st.integers(2, 3))]
    cells = [f"{a}{b}" for a in rows for b in cols]
    deep = draw(st.sampled_from([None, *cells]))
    nodes = [decision("enter", "P1", {"out": "outside", "in": "stage"}), terminal("outside", pay()),
             simultaneous("stage", ["P1", "P2"], [rows, cols], cells)]
    for cell in cells:
        if cell == deep:
            nodes += [decision(cell, "P2", {"keep": f"{cell}k", "quit": f"{cell}q"}),
                      terminal(f"{cell}k", pay()), terminal(f"{cell}q", pay())]
        else:
            nodes.append(terminal(cell, pay()))
    return TreeModel.build(["P1", "P2"], nodes, parameters={"x": Parameter("x", F(1), F(0), F(2))})


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
@given(model=staged_trees(), x=st.fractions(min_value=0, max_value=2, max_denominator=97).filter(
    lambda q: 0 < q < 2))
def test_mixed_stage_play_agrees_with_backward_induction(model, x):
    d = derive_tree(model)
    point = d.point({"x": x})
    assume(_generic(d, point))
    derived, found = _derived(d, point), _spes(model.tree({"x": x}))
    ties = any(c.expr == 0 for p in d.profiles for c in p.conditions)  # a tie for every x
    if d.uncovered or ties:
        assert derived <= found
    else:
        assert derived == found


def test_the_taiwan_crisis_partnership_is_also_played_mixed():
    model, d = _treaty("games/taiwan_crisis.toml")
    point = d.point({})
    mixed = [p for p in d.profiles if p.mixes and p.holds_at(point)]
    assert mixed and _derived(d, point) == _spes(model.tree({}))
    probabilities = {q.expr.xreplace(point) for p in mixed for s in p.mixes.values() for m in s.values()
                     for _, q in m}
    assert sympy.Rational(23, 45) in probabilities
    assert not any(n.startswith("complete for pure strategies") for n in d.notes)


def _solved_paths(tree) -> set:
    """The paths of play of every SPE that backward induction finds; a path that goes on by chance (a stage game
    played mixed) as its certain moves followed by ``"mixed"``."""
    spes, _ = backward_induction(tree)
    out = set()
    for e in spes:
        paths = [o.path for o in e.play]
        if len(paths) == 1:
            out.add(_flat(tuple(paths[0])))
            continue
        k = 0
        while all(len(p) > k and p[k] == paths[0][k] for p in paths):
            k += 1
        out.add(_flat(tuple(paths[0][:k]) + ("mixed",)))
    return out


def _derived_paths(d, point) -> set:
    out = set()
    for r in d.paths:
        if any(p.holds_at(point) for p in d.profiles if p.name in r.profiles):
            assert not r.impossible, r.path
            path = r.path
            path = path[:-1] + ("mixed",) if path[-1].startswith("mixed on") else path
            out.add(_flat(path))
    return out


def _flat(path) -> tuple:
    """A path with a stage game's profile ("align, hedge", as derive names it) as its moves, as solve lists them."""
    return tuple(move for step in path for move in step.split(", "))


@pytest.mark.parametrize("params", SCENARIOS)
@settings(max_examples=10, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_the_paths_derive_says_are_played_are_those_solve_plays(params, data):
    """At random points off every boundary, the paths whose profiles' conditions hold are exactly the paths of
    play of the subgame-perfect equilibria that solve finds; no path proved impossible is ever played."""
    model, d = _treaty(params)
    values = data.draw(inside_points(model))
    point = d.point(values)
    assume(_generic(d, point))
    assert _derived_paths(d, point) == _solved_paths(model.tree(values))


def test_every_path_is_accounted_for():
    """Each path is found (a witness), proved impossible, or shown as possibly empty; the witnesses are real."""
    _, d = _treaty(None)
    for r in d.paths:
        members = [p for p in d.profiles if p.name in r.profiles]
        assert r.found == any(p.witness is not None for p in members)
        assert r.impossible == all(p.impossible for p in members)
        assert not (r.found and r.impossible)
    for p in d.profiles:
        if p.witness is not None:
            assert p.holds_at(d.point(p.witness))
    assert sum(r.impossible for r in d.paths) >= 7  # the mixed continuations that contradict the decisions above

