"""Tests of bargaining.tree: building and checking game trees, and evaluating parameterised ones."""

from __future__ import annotations

from fractions import Fraction

import pytest
from hypothesis import given

from bargaining.errors import InputError
from bargaining.formula import parse
from bargaining.io.gamefile import load_model
from bargaining.model import Parameter
from bargaining.solvers.tree import backward_induction
from bargaining.tree import (
    Decision,
    GameTree,
    Simultaneous,
    TreeModel,
    chance,
    decision,
    simultaneous,
    stage_game,
    stage_model,
    terminal,
)
from tests.strategies import game_trees

F = Fraction


def ratify_nodes(**changes):
    nodes = {
        "propose": decision("propose", "R", {"propose": "ratify", "pass": "none"}),
        "ratify": decision("ratify", "C", {"accept": "treaty", "reject": "none2"}),
        "treaty": terminal("treaty", [2, 1]),
        "none": terminal("none", [0, 0]),
        "none2": terminal("none2", [0, 0]),
    }
    nodes.update(changes)
    return [n for n in nodes.values() if n is not None]


@pytest.mark.parametrize(
    "nodes, where, message",
    [
        (
            ratify_nodes(ratify=decision("ratify", "C", {"accept": "treaty", "reject": "nowhere"})),
            "node ratify",
            "does not exist",
        ),
        (ratify_nodes(none2=decision("none2", "C", {"again": "ratify"})), "node none2", "cycle|one parent"),
        (ratify_nodes(extra=terminal("extra", [0, 0])), "node extra", "unreachable"),
        (ratify_nodes(ratify=decision("ratify", "X", {"accept": "treaty"})), "node ratify", "unknown player"),
        (ratify_nodes(treaty=terminal("treaty", [1])), "node treaty", "2 payoffs"),
        (ratify_nodes(ratify=decision("ratify", "C", {})), "node ratify", "no moves"),
    ],
)
def test_structure_errors_name_the_node(nodes, where, message):
    with pytest.raises(InputError, match=message) as err:
        GameTree.build(["R", "C"], nodes)
    assert err.value.where == where
    assert "\n" not in str(err.value)


def test_a_node_reached_twice():
    nodes = ratify_nodes(ratify=decision("ratify", "C", {"accept": "treaty", "reject": "none"}), none2=None)
    with pytest.raises(InputError, match="reached from both") as err:
        GameTree.build(["R", "C"], nodes)
    assert err.value.where == "node none"


def test_a_cycle_through_the_root():
    with pytest.raises(InputError, match="cycle") as err:
        GameTree.build(["R"], [decision("a", "R", {"x": "b"}), decision("b", "R", {"y": "a"})])
    assert err.value.where == "node b"


def test_chance_probabilities_sum_to_one():
    nodes = [chance("nature", {"crisis": ("1/3", "c"), "calm": ("1/2", "k")}), terminal("c", [1]), terminal("k", [0])]
    with pytest.raises(InputError, match="sum to 5/6") as err:
        GameTree.build(["A"], nodes)
    assert err.value.where == "node nature"
    nodes[0] = chance("nature", {"crisis": ("-1/2", "c"), "calm": ("3/2", "k")})
    with pytest.raises(InputError, match="at least 0"):
        GameTree.build(["A"], nodes)


def test_information_set_errors():
    base = [
        chance("nature", {"a": ("1/2", "x"), "b": ("1/2", "y")}),
        decision("x", "P", {"l": "t1", "r": "t2"}, infoset="h"),
        terminal("t1", [0, 0]),
        terminal("t2", [0, 0]),
    ]
    other_moves = base + [
        decision("y", "P", {"l": "t3", "m": "t4"}, infoset="h"),
        terminal("t3", [0, 0]),
        terminal("t4", [0, 0]),
    ]
    with pytest.raises(InputError, match="offers moves") as err:
        GameTree.build(["P", "Q"], other_moves)
    assert err.value.where == "node y"
    other_player = base + [
        decision("y", "Q", {"l": "t3", "r": "t4"}, infoset="h"),
        terminal("t3", [0, 0]),
        terminal("t4", [0, 0]),
    ]
    with pytest.raises(InputError, match="belongs to one player"):
        GameTree.build(["P", "Q"], other_player)


def test_perfect_recall():
    # the player forgets its own first move: both second nodes in one information set
    nodes = [
        decision("first", "P", {"a": "x", "b": "y"}),
        decision("x", "P", {"l": "t1", "r": "t2"}, infoset="h"),
        terminal("t1", [1]),
        terminal("t2", [0]),
        decision("y", "P", {"l": "t3", "r": "t4"}, infoset="h"),
        terminal("t3", [0]),
        terminal("t4", [1]),
    ]
    with pytest.raises(InputError, match="perfect recall") as err:
        GameTree.build(["P"], nodes)
    assert err.value.where == "node y"


def test_simultaneous_cells_cover_every_profile():
    with pytest.raises(InputError, match="no child for the cell"):
        simultaneous("s", ["A", "B"], [["x", "y"], ["z"]], {("x", "z"): "t"})
    with pytest.raises(InputError, match="2 cells"):
        simultaneous("s", ["A", "B"], [["x", "y"], ["z"]], ["t"])


def test_expanded_names_do_not_collide():
    nodes = [simultaneous("s", ["A", "B"], [["x"], ["z"]], ["s:x"]), terminal("s:x", [0, 0])]
    with pytest.raises(InputError, match="needs the name"):
        GameTree.build(["A", "B"], nodes).expanded()


def test_terminal_payoffs_by_player_name_in_any_order():
    t = GameTree.build(["R", "C"], [decision("d", "R", {"a": "t"}), terminal("t", {"C": 2, "R": "1/2"})])
    assert t.payoff("t") == {"R": F(1, 2), "C": F(2)}
    with pytest.raises(InputError, match="no payoff for C"):
        GameTree.build(["R", "C"], [decision("d", "R", {"a": "t"}), terminal("t", {"R": 1})])


def test_nodes_come_in_prefix_order_whatever_order_they_are_given():
    nodes = ratify_nodes()
    a = GameTree.build(["R", "C"], nodes)
    b = GameTree.build(["R", "C"], [nodes[0]] + nodes[:0:-1])
    assert a == b
    assert [n.name for n in a.nodes] == ["propose", "ratify", "treaty", "none2", "none"]
    assert a.history("treaty") == [("propose", "propose"), ("ratify", "accept")]


@given(game_trees())
def test_expanded_trees_have_no_simultaneous_node_and_keep_the_terminals(tree):
    e = tree.expanded()
    assert not any(isinstance(n, Simultaneous) for n in e.nodes)
    assert e.terminals() == tree.terminals()
    assert e.expanded() is e
    sims = [n for n in tree.nodes if isinstance(n, Simultaneous)]
    for s in sims:
        for p in s.players:
            info = e.infosets[s.infoset_of(p)]
            assert info.player == p and info.moves == s.actions[s.players.index(p)]


def test_stage_game_of_a_model_evaluates_like_the_model():
    model = load_model("games/nato_escalation.toml")
    tm = TreeModel.build(
        model.players,
        [decision("start", model.players[0], {"play": "stage"})] + stage_model("stage", model),
        parameters=model.parameters,
        terms=model.terms,
    )
    tree = tm.tree()
    direct = GameTree.build(
        model.players, [decision("start", model.players[0], {"play": "stage"})] + stage_game("stage", model.game())
    )
    assert tree == direct
    T = tm.with_values({"T": "0.9"}).tree()
    assert T == GameTree.build(
        model.players,
        [decision("start", model.players[0], {"play": "stage"})]
        + stage_game("stage", model.with_values({"T": "0.9"}).game()),
    )
    assert tm.tree({"T": "0.9"}) == T


def crisis_model():
    return TreeModel.build(
        ["A", "B"],
        [
            chance("crisis?", {"crisis": (parse("p"), "respond"), "calm": (parse("1 - p"), "calm")}),
            decision("respond", "A", {"stand": "stand", "fold": "fold"}),
            terminal("stand", [parse("gain - cost"), parse("-cost")]),
            terminal("fold", [0, parse("gain")]),
            terminal("calm", [1, 1]),
        ],
        parameters={
            "p": Parameter("p", F(1, 4), F(0), F(1)),
            "cost": Parameter("cost", F(1)),
            "g": Parameter("g", F(3)),
        },
        terms={"gain": parse("g / 2")},
    )


def test_tree_model_evaluates_exactly_and_checks_values():
    m = crisis_model()
    t = m.tree({"p": "1/3", "cost": 2})
    assert t.node("crisis?").moves[0][1] == F(1, 3)
    assert t.payoff("stand") == {"A": F(-1, 2), "B": F(-2)}
    (spe,) = backward_induction(t)[0]
    assert spe.strategies["A"]["respond"]["fold"] == 1
    with pytest.raises(InputError, match="outside its range"):
        m.tree({"p": 2})
    with pytest.raises(InputError, match="unknown parameter"):
        m.with_values({"q": 1})


def test_tree_model_expanded_and_sympy_forms():
    m = crisis_model()
    assert str(m.expanded_payoffs()["stand"][0]) == "g/2 - cost"
    assert str(m.expanded_probabilities()[("crisis?", "calm")]) == "1 - p"
    pay, prob = m.to_sympy()
    import sympy

    g, cost = sympy.Symbol("g", real=True), sympy.Symbol("cost", real=True)
    assert sympy.simplify(pay["stand"][0] - (g / 2 - cost)) == 0


def test_tree_model_unknown_name_in_a_formula():
    with pytest.raises(InputError, match="unknown name 'q'") as err:
        TreeModel.build(["A"], [decision("d", "A", {"x": "t"}), terminal("t", [parse("q")])])
    assert err.value.where == "node t, payoff 1"


def test_to_dict_is_plain_data():
    t = GameTree.build(
        ["A"], [chance("c", {"x": ("1/3", "t1"), "y": ("2/3", "t2")}), terminal("t1", [1]), terminal("t2", ["0.5"])]
    )
    d = t.to_dict()
    assert d["nodes"][0]["moves"]["x"] == {"probability": "1/3", "child": "t1"}
    assert d["nodes"][2]["payoffs"] == {"A": "1/2"}
    assert isinstance(t.node("c"), type(t.root)) and not isinstance(t.root, Decision)
