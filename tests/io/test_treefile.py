"""Game trees in game files (bargaining.io.treefile): good files, and every kind of bad one as one located error."""

import textwrap
from fractions import Fraction as F

import pytest

from bargaining.errors import InputError
from bargaining.io.gamefile import game_files, is_tree_file, load_model
from bargaining.solvers.tree import backward_induction
from bargaining.tree import Chance, Simultaneous, TreeModel

ENTRY = """
title = "Entry"
players = ["Entrant", "Incumbent"]
[parameters]
c = { value = 1, min = 0 }
p = { value = 0.25, min = 0, max = 1 }
[tree]
start = { player = "Entrant", moves = { out = "out", in = "respond" }, label = "Entrant: enter?" }
out = { payoffs = { Entrant = 0, Incumbent = 2 } }
respond = { player = "Incumbent", moves = { fight = "war", share = "peace" } }
war = { chance = { win = "p", lose = "1 - p" }, moves = { win = "won", lose = "lost" } }
won = { payoffs = { Entrant = 1, Incumbent = "-c" } }
lost = { payoffs = { Entrant = "-c", Incumbent = "-c/2" } }
peace = { payoffs = { Entrant = 1, Incumbent = 1 }, label = "the market is shared" }
"""


def write(tmp_path, text, name="game.toml"):
    path = tmp_path / name
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def test_a_tree_file_loads_as_a_tree_model(tmp_path):
    m = load_model(write(tmp_path, ENTRY))
    assert isinstance(m, TreeModel) and m.title == "Entry"
    t = m.tree()
    assert t.root.name == "start" and t.root.label == "Entrant: enter?"
    assert isinstance(t.node("war"), Chance) and t.node("war").moves[0][1] == F(1, 4)
    assert t.payoff("lost") == {"Entrant": F(-1), "Incumbent": F(-1, 2)}
    assert t.node("peace").label == "the market is shared"
    (spe,), _ = backward_induction(t)
    assert spe.path == ("in", "share")


def test_parameters_change_the_tree(tmp_path):
    m = load_model(write(tmp_path, ENTRY), {"c": "3", "p": "1"})
    t = m.tree()
    assert t.node("war").moves[0][1] == 1 and t.payoff("won")["Incumbent"] == -3


def test_extends_a_strategic_form_file_inherits_its_payoffs_and_readings():
    m = load_model("games/treaty_proposal.toml")
    base = load_model("games/baseline.toml")
    assert dict(m.parameters) == dict(base.parameters) and m.stage is not None
    t = m.tree()
    g = base.game()
    assert t.payoff("treaty") == {"Russia": g.A[0][0], "China": g.B[0][0]}
    assert t.node("treaty").label == base.outcomes[("ally", "ally")]
    assert isinstance(t.node("partnership"), Simultaneous)
    assert t.payoff("partnership (align, hedge)") == {"Russia": g.A[1][2], "China": g.B[1][2]}
    assert t.node("partnership (align, align)").label == base.outcomes[("align", "align")]


def test_information_sets(tmp_path):
    text = ENTRY.replace('respond = { player = "Incumbent", moves = { fight = "war", share = "peace" } }',
                         'respond = { player = "Incumbent", moves = { fight = "war", share = "peace" } }\n'
                         'other = { player = "Incumbent", moves = { fight = "o1", share = "o2" } }\n'
                         'o1 = { payoffs = { Entrant = 0, Incumbent = 0 } }\n'
                         'o2 = { payoffs = { Entrant = 0, Incumbent = 0 } }')
    text = text.replace(
        'out = { payoffs = { Entrant = 0, Incumbent = 2 } }', 'out = { player = "Entrant", moves = { a = "other" } }'
    )
    text = text.replace('moves = { out = "out", in = "respond" }', 'moves = { out = "out", in = "respond" }')
    text += '[infosets]\nIncumbent = { unsure = ["respond", "other"] }\n'
    t = load_model(write(tmp_path, text)).tree()
    assert t.infosets["unsure"].nodes == ("other", "respond") or set(t.infosets["unsure"].nodes) == {"respond", "other"}


def test_the_proposal_game_and_resolve_are_trees_not_scenarios():
    assert is_tree_file("games/treaty_proposal.toml") and is_tree_file("games/resolve.toml")
    names = {p.name for p in game_files("games", trees=False)}
    assert "treaty_proposal.toml" not in names and "baseline.toml" in names


BAD = {
    "a cycle": (
        ENTRY.replace(
            'peace = { payoffs = { Entrant = 1, Incumbent = 1 }, label = "the market is shared" }',
            'peace = { player = "Entrant", moves = { again = "respond" } }',
        ),
        "node ",
    ),
    "a missing node": (
        ENTRY.replace('share = "peace"', 'share = "pease"'),
        "node respond: a move leads to node 'pease'",
    ),
    "an unreachable node": (
        ENTRY + 'stray = { payoffs = { Entrant = 0, Incumbent = 0 } }\n',
        "node stray: unreachable",
    ),
    "probabilities that do not sum to 1": (
        ENTRY.replace('lose = "1 - p"', 'lose = "1/2"'),
        "node war: the probabilities sum to 0.75, not 1",
    ),
    "an unknown name": (
        ENTRY.replace('Incumbent = "-c" }', 'Incumbent = "-cost" }'),
        "node won, payoff of Incumbent: unknown name 'cost'",
    ),
    "an unknown player": (
        ENTRY.replace('player = "Incumbent"', 'player = "Rival"'),
        "node respond: unknown player 'Rival'",
    ),
    "a node of no kind": (
        ENTRY.replace('out = { payoffs = { Entrant = 0, Incumbent = 2 } }', 'out = { value = 3 }'),
        "node out: a node needs",
    ),
    "a missing payoff": (
        ENTRY.replace('out = { payoffs = { Entrant = 0, Incumbent = 2 } }', 'out = { payoffs = { Entrant = 0 } }'),
        "node out: no payoff for Incumbent",
    ),
    "chance moves without children": (
        ENTRY.replace('moves = { win = "won", lose = "lost" }', 'moves = { win = "won" }'),
        "node war: chance lists the moves",
    ),
    "a stage without a strategic form": (
        ENTRY.replace(
            'peace = { payoffs = { Entrant = 1, Incumbent = 1 }, label = "the market is shared" }',
            'peace = { subgame = "stage" }',
        ),
        "node peace: subgame = \"stage\" plays",
    ),
    "an information set mixing players": (
        ENTRY + '[infosets]\nIncumbent = [["respond", "start"]]\n',
        "node start: node 'start' is Entrant's",
    ),
    "an information set of a terminal": (
        ENTRY + '[infosets]\nIncumbent = [["respond", "out"]]\n',
        "node 'out' is not a decision node",
    ),
    "a formula that does not parse": (
        ENTRY.replace('Incumbent = "-c/2"', 'Incumbent = "-c/"'),
        "node lost, payoff of Incumbent",
    ),
}


@pytest.mark.parametrize("case", sorted(BAD))
def test_bad_trees_are_one_located_error(tmp_path, case):
    text, expected = BAD[case]
    path = write(tmp_path, text)
    with pytest.raises(InputError) as info:
        load_model(path)
    message = str(info.value)
    assert message.startswith(str(path)) and expected in message and "\n" not in message


def test_an_information_set_offering_different_moves(tmp_path):
    text = """
    title = "Guess"
    players = ["A", "B"]
    [tree]
    root = { player = "A", moves = { l = "x", r = "y" } }
    x = { player = "B", moves = { u = "e1", d = "e2" } }
    y = { player = "B", moves = { u = "e3", down = "e4" } }
    e1 = { payoffs = { A = 1, B = 0 } }
    e2 = { payoffs = { A = 0, B = 1 } }
    e3 = { payoffs = { A = 0, B = 1 } }
    e4 = { payoffs = { A = 1, B = 0 } }
    [infosets]
    B = [["x", "y"]]
    """
    with pytest.raises(InputError, match=r"game.toml, node y: information set 'x'.*offers moves"):
        load_model(write(tmp_path, text))


def test_probabilities_checked_again_at_new_values(tmp_path):
    path = write(tmp_path, ENTRY.replace('lose = "1 - p"', 'lose = "3/4"'))
    load_model(path)  # p = 1/4 at the file's values
    with pytest.raises(InputError, match="node war: the probabilities sum to 1.25, not 1"):
        load_model(path, {"p": "0.5"}).tree()
