"""Gambit's ``.nfg`` format with any number of players (bargaining.io.nfg): round trips, both layouts, Gambit's own text.

Writing a game and reading it back gives the same game, for 3 and 4 players,
in the payoff version and in the outcome version. The outcome version as
pygambit 16.7's ``Game.write()`` writes it (and Gambit's profile order, the
first player fastest) reads as the game pygambit built. ``bench/bench_nplayer.py``
checks the other direction: pygambit reads what we write, payoff by payoff.
"""

from __future__ import annotations

import itertools

import pytest
from hypothesis import given, strategies as st

from bargaining.errors import InputError
from bargaining.game import Game
from bargaining.io.gamefile import load_model
from bargaining.io.nfg import gambit_order, parse_nfg, write_nfg
from tests.nplayer_strategies import exact_entries, tensor_games

# Written by pygambit 16.7 (Game.new_table([2, 2, 2]), payoff of player i at profile s: (i + 1) * sum(s)).
PYGAMBIT_16_7 = '''NFG 1 R "t" { "P0" "P1" "P2" }

{ { "1" "2" }
{ "1" "2" }
{ "1" "2" }
}
""

{
{ "" 0, 0, 0 }
{ "" 1, 2, 3 }
{ "" 1, 2, 3 }
{ "" 2, 4, 6 }
{ "" 1, 2, 3 }
{ "" 2, 4, 6 }
{ "" 2, 4, 6 }
{ "" 3, 6, 9 }
}
1 2 3 4 5 6 7 8
'''


def test_pygambits_outcome_version_reads_as_the_game_it_built():
    g = parse_nfg(PYGAMBIT_16_7).game()
    assert g.players == ("P0", "P1", "P2") and g.shape == (2, 2, 2)
    for prof in itertools.product(range(2), repeat=3):
        for i in range(3):
            assert g.payoff(i, *prof) == (i + 1) * sum(prof)


def test_gambit_order_has_the_first_player_fastest():
    assert gambit_order((2, 3, 2))[:4] == [(0, 0, 0), (1, 0, 0), (0, 1, 0), (1, 1, 0)]
    assert len(set(gambit_order((2, 3, 2, 2)))) == 24


names = st.text(st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=8).filter(lambda s: s.strip())


@given(tensor_games(shapes=((2, 2, 2), (3, 2, 2), (2, 2, 2, 2), (2, 3, 1, 2)), entries=exact_entries()),
       st.sampled_from(["payoffs", "outcomes"]), st.data())
def test_round_trip_three_and_four_players(U, layout, data):
    n = len(U)
    players = data.draw(st.lists(names, min_size=n, max_size=n, unique_by=str.strip))
    g = Game.from_tensors(U, players=[p.strip() for p in players], title=data.draw(names))
    back = parse_nfg(write_nfg(g, layout=layout)).game()
    assert back.payoffs == g.payoffs
    assert back.players == g.players and back.title == g.title.strip()
    assert back.shape == g.shape


def test_outcome_names_are_the_games_readings():
    m = load_model("games/triangle/taiwan_crisis.toml")
    text = write_nfg(m.game(), layout="outcomes")
    assert '{ "the United States contains both; a military alliance: both sign a mutual-defence treaty" ' \
           '-4/5, 511/1000, 67/100 }' in text
    assert parse_nfg(text).game().payoffs == m.game().payoffs


def test_the_triangle_exports_and_reads_back_through_the_cli(tmp_path, capsys):
    from bargaining.cli import main

    for layout in ("payoffs", "outcomes"):
        path = tmp_path / f"triangle-{layout}.nfg"
        assert main(["export", "games/triangle.toml", "--to", "nfg", "--layout", layout, "--output", str(path)]) == 0
        assert load_model(path).game().payoffs == load_model("games/triangle.toml").game().payoffs
    capsys.readouterr()


@pytest.mark.parametrize("text, message", [
    ('NFG 1 R "x" { "a" "b" "c" } { 2 2 }', "expected the strategies of 3 players, found 2"),
    ('NFG 1 R "x" { "a" "b" "c" } { 1 1 2 } 1 2 3 4 5', "c's payoff at (1, 1, 2), profile 2 of 2"),
    ('NFG 1 R "x" { "a" "b" "c" } { 1 1 1 } "" { { "" 1, 2 } } 1', "expected 3 payoffs in outcome 1"),
    ('NFG 1 R "x" { "a" "b" "c" } { 1 1 2 } "" { { "" 1, 2, 3 } } 1 2', "outcome 2 does not exist"),
    ('NFG 1 R "x" { "a" "b" "c" } { 1 1 1 } 1 2 3 4', "expected the end of the file after 1 profiles"),
])
def test_malformed_nplayer_files_say_where(text, message):
    with pytest.raises(InputError) as info:
        parse_nfg(text, "x.nfg")
    assert message in str(info.value) and str(info.value).startswith("x.nfg, ")


def test_an_unknown_layout_is_an_input_error():
    with pytest.raises(InputError, match="unknown .nfg layout 'xml'"):
        write_nfg(Game.from_tensors([[[[1]]]] * 3), layout="xml")
