"""Tests of bargaining.io.efg: Gambit's extensive-form files, read, written, and checked against pygambit."""

from __future__ import annotations

import os
import tempfile
from dataclasses import replace
from fractions import Fraction

import pytest
from hypothesis import given, settings

from bargaining.errors import InputError
from bargaining.io.efg import parse_efg, read_efg, write_efg
from bargaining.solvers.tree import nash_equilibria, solve_tree
from bargaining.tree import GameTree, Terminal, decision, terminal
from tests.examples import proposal_game, selten_horse
from tests.strategies import game_trees

F = Fraction

# Written for these tests in Gambit's format: outcomes at a non-terminal node (added to every payoff below),
# an information set whose second node omits its description, an outcome used twice, decimals and commas.
STAGES = """EFG 2 R "Two stages" { "Ann" "Bob" }
"A chance move, then Ann moves without seeing it; a toll of 1/2 is paid on the left."

c "nature" 1 "" { "left" 1/4 "right" 0.75 } 0
p "" 1 1 "ann" { "up" "down" } 1 "toll" { -1/2, 0 }
t "" 2 "win" { 2, 1.5 }
p "bob" 2 1 "bob" { "x" "y" } 0
t "" 3 "" { 0 0 }
t "" 2
p "" 1 1 { } 0
"""


def test_reads_outcomes_infosets_and_numbers():
    text = STAGES.replace('p "" 1 1 { } 0', 'p "" 1 1 0\nt "" 2\nt "" 4 "lose" { -1, 1 }')
    t = parse_efg(text, "stages.efg")
    assert t.title == "Two stages" and t.players == ("Ann", "Bob")
    assert t.description.startswith("A chance move")
    assert [n.name for n in t.nodes][:3] == ["nature", "node 2", "node 3"]
    assert t.payoff("node 3") == {"Ann": F(3, 2), "Bob": F(3, 2)}  # the toll added to "win"
    assert t.payoff("node 5") == {"Ann": F(-1, 2), "Bob": F(0)}
    assert t.node("node 3").label == "win"
    assert t.infosets["ann"].nodes == ("node 2", "node 7")
    assert t.node("nature").moves[1][1] == F(3, 4)


@pytest.mark.parametrize(
    "text, message",
    [
        ('NFG 1 R "x" { "A" }', "expected 'EFG'"),
        ('EFG 3 R "x" { "A" }', "version 2"),
        ('EFG 2 R "x" { "A" } p "" 2 1 "" { "a" } 0 t "" 1 "" { 1 }', "player 2 does not exist"),
        ('EFG 2 R "x" { "A" } p "" 1 1 "" { "a" } 0 t "" 1 "" { 1 2 }', "expected 1 payoffs"),
        ('EFG 2 R "x" { "A" } p "" 1 1 "" { "a" } 0 t "" 1', "used before its payoffs"),
        ('EFG 2 R "x" { "A" } p "" 1 1 0', "used before its moves"),
        ('EFG 2 R "x" { "A" } c "" 1 "" { "a" 1/2 "b" 1/3 } 0 t "" 0 t "" 0', "sum to 5/6"),
        ('EFG 2 R "x" { "A" } t "" 0 t "" 0', "end of the file"),
        ('EFG 2 R "x" { "A" } p "" 1 1 "" { "a" "b" } 0 t "" 0', "expected a node"),
    ],
)
def test_errors_say_where(text, message):
    with pytest.raises(InputError, match=message) as err:
        parse_efg(text, "bad.efg")
    assert err.value.source == "bad.efg"


def test_missing_file():
    with pytest.raises(InputError, match="file not found"):
        read_efg("no/such/file.efg")


@given(game_trees())
def test_round_trip(tree):
    text = write_efg(tree)
    assert parse_efg(text) == GameTree.build(tree.players, tree.expanded().nodes, title=tree.title)


def test_round_trip_keeps_title_comment_and_labels():
    t = GameTree.build(["A \"quoted\"", "B"], [
        decision("start", "A \"quoted\"", {"go": "end"}),
        terminal("end", ["1/3", -2], label="the end"),
    ], title="A title", description="Some words.")
    assert parse_efg(write_efg(t)) == t


def test_writes_simultaneous_nodes_as_information_sets():
    text = write_efg(proposal_game("games/taiwan_crisis.toml"))
    lines = [line for line in text.splitlines() if line.startswith("p ")]
    assert lines[2].startswith('p "after rejection" 1 2 "after rejection:Russia" { "ally" "align" "hedge" } 0')
    assert sum('"after rejection:China"' in line for line in lines) == 3
    back = parse_efg(text)
    assert [e.payoffs for e in solve_tree(back).subgame_perfect] == [
        e.payoffs for e in solve_tree(proposal_game("games/taiwan_crisis.toml")).subgame_perfect
    ]


# ----------------------------------------------------------------------------- pygambit, where installed


def _key_ours(tree):
    eqs, _ = nash_equilibria(tree)
    return sorted((e.payoffs, tuple(sorted((o.terminal, o.probability) for o in e.play))) for e in eqs)


def _key_gambit(gbt, text):
    with tempfile.TemporaryDirectory() as folder:
        path = os.path.join(folder, "game.efg")
        with open(path, "w", encoding="utf-8") as f:
            f.write(text)
        game = gbt.read_efg(path)
    players = list(game.players)
    out = []
    for eq in gbt.nash.enummixed_solve(game, rational=True).equilibria:
        behaviour = eq.as_behavior()
        pay = tuple(F(str(eq.payoff(p))) for p in players)
        play = []
        for node in game.nodes:
            if node.is_terminal:
                q = F(str(behaviour.realiz_prob(node)))
                if q:
                    play.append((node.label, q))
        out.append((pay, tuple(sorted(play))))
    return sorted(out)


@settings(max_examples=25)
@given(game_trees(players=2, max_profiles=64))
def test_pygambit_reads_our_files_and_finds_the_same_equilibria(tree):
    gbt = pytest.importorskip("pygambit")
    assert _key_gambit(gbt, write_efg(tree)) == _key_ours(tree)


def test_pygambit_on_the_proposal_game():
    gbt = pytest.importorskip("pygambit")
    tree = proposal_game("games/two_front.toml")
    assert _key_gambit(gbt, write_efg(tree)) == _key_ours(tree)


def test_we_read_what_pygambit_writes():
    gbt = pytest.importorskip("pygambit")
    with tempfile.TemporaryDirectory() as folder:
        path = os.path.join(folder, "horse.efg")
        with open(path, "w", encoding="utf-8") as f:
            f.write(write_efg(selten_horse()))
        game = gbt.read_efg(path)
        out = os.path.join(folder, "again.efg")
        game.to_efg(out)
        back = read_efg(out)
    # Gambit names the unnamed outcomes ("_1", "_2", ...); everything else comes back
    assert [n.label for n in back.terminals()] == [f"_{k}" for k in range(1, 6)]
    unlabelled = GameTree.build(
        back.players,
        [replace(n, label="") if isinstance(n, Terminal) else n for n in back.nodes],
        title=back.title,
        description=back.description,
    )
    assert unlabelled == selten_horse()


def test_written_text_is_the_ascii_gambit_reads(tmp_path):
    from tests.io.test_nfg import GAMBIT_PYTHON, _gambit_reads

    t = GameTree.build(["A \u201cquoted\u201d", "B"], [
        decision("start", "A \u201cquoted\u201d", {"go \u2013 now": "end"}),
        terminal("end", ["1/3", -2], label="the end"),
    ], title="Crisis \u2013 D\u00e9tente", description="Some\nwords \u2013 more.")
    text = write_efg(t)
    assert text.isascii()
    assert text.splitlines()[0] == 'EFG 2 R "Crisis - Detente" { "A \\"quoted\\"" "B" }'
    back = parse_efg(text)
    assert back.title == "Crisis - Detente" and back.description == "Some\nwords - more."
    path = tmp_path / "t.efg"
    path.write_text(text, encoding="utf-8")
    read = _gambit_reads(path, "read_efg")
    if read is None:
        pytest.skip(f"pygambit is not installed for {GAMBIT_PYTHON} (set BARGAINING_GAMBIT_PYTHON)")
    assert read == ["Crisis - Detente", ['A "quoted"', "B"]]
