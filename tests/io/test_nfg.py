"""Gambit's .nfg format: reading both versions, writing, round trips through files and the CLI."""

import itertools
import json
import os
import subprocess
from dataclasses import replace
from fractions import Fraction as F
from pathlib import Path

import pytest
from hypothesis import given, strategies as st

from bargaining.errors import InputError
from bargaining.game import Game
from bargaining.io.gamefile import game_files, load_model
from bargaining.io.nfg import gambit_ascii, gambit_order, parse_nfg, read_nfg, write_nfg
from bargaining.solvers.registry import solve
from tests.strategies import exact_entries, tensor_games

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "gambit_equilibria.json"

# Gambit's documentation, "The strategic game (.nfg) file format, payoff version": the file e02.nfg
# distributed with Gambit (Selten, IJGT 1975, Figure 2).
E02_PAYOFF = """NFG 1 R "Selten (IJGT, 75), Figure 2, normal form"
{ "Player 1" "Player 2" } { 3 2 }

1 1 0 2 0 2 1 1 0 3 2 0
"""

# The same game in the outcome version, as the documentation's next section gives it.
E02_OUTCOME = """NFG 1 R "Selten (IJGT, 75), Figure 2, normal form" { "Player 1" "Player 2" }

{
{ "1" "2" "3" }
{ "1" "2" }
}

{
{ "" 1, 1 }
{ "" 0, 2 }
{ "" 0, 2 }
{ "" 1, 1 }
{ "" 0, 3 }
{ "" 2, 0 }
}
1 2 3 4 5 6
"""


def test_gambit_example_payoff_version():
    g = parse_nfg(E02_PAYOFF, "e02.nfg").game()
    assert g.title == "Selten (IJGT, 75), Figure 2, normal form"
    assert g.players == ("Player 1", "Player 2")
    assert g.strategies == (("1", "2", "3"), ("1", "2"))
    # the first player's strategy changes fastest: (1,1) (2,1) (3,1) (1,2) (2,2) (3,2)
    assert g.A == ((1, 1), (0, 0), (0, 2))
    assert g.B == ((1, 1), (2, 3), (2, 0))


def test_gambit_example_outcome_version_is_the_same_game():
    assert parse_nfg(E02_OUTCOME, "e02.nfg").game() == parse_nfg(E02_PAYOFF, "e02.nfg").game()


def test_outcome_version_null_outcome_and_commas_optional():
    text = 'NFG 1 R "t" { "A" "B" } { { "x" "y" } { "l" "r" } } "a comment" { { "win" 3 -1 } { "" 1/2, .25 } } 1 0 0 2'
    m = parse_nfg(text)
    g = m.game()
    assert g.A == ((3, 0), (0, F(1, 2)))
    assert g.B == ((-1, 0), (0, F(1, 4)))
    assert m.description == "a comment"
    assert m.parameters == {}


def test_payoff_version_with_strategy_names_decimals_and_fractions():
    text = 'NFG 1 R "t" { "A" "B" } { { "up" "down" } { "left" "right" } } "" 0.1 .80 -3/7 2 1e-2 0 5 -5'
    g = parse_nfg(text).game()
    assert g.strategies == (("up", "down"), ("left", "right"))
    assert g.A == ((F(1, 10), F(1, 100)), (F(-3, 7), 5))
    assert g.B == ((F(4, 5), 0), (2, -5))


def test_quotes_escaped_and_empty_or_repeated_names():
    text = 'NFG 1 R "say \\"hi\\"" { "" "B" } { { "" "s" "s" } { "t" } } 1 1 2 2 3 3'
    g = parse_nfg(text).game()
    assert g.title == 'say "hi"'
    assert g.players == ("Player 1", "B")
    assert g.strategies == (("1", "s", "s (3)"), ("t",))
    assert parse_nfg(write_nfg(g)).game() == g


@pytest.mark.parametrize("path", game_files(ROOT / "games", trees=False), ids=lambda p: p.stem)
def test_round_trip_every_game_file(path):
    game = load_model(path).game()
    back = parse_nfg(write_nfg(game), "x.nfg").game()
    # payoffs, players, strategies exactly; the title and description as Gambit reads them (ASCII: Détente, Detente)
    ascii_text = replace(game, title=gambit_ascii(game.title), description=gambit_ascii(game.description, label=False))
    assert back == ascii_text


def test_written_format_follows_gambit():
    g = Game.from_arrays(
        [[1, F(1, 3)], [0, -2]], [[5, 6], [7, 8]], players=("R", "C"), strategies=(("a", "b"), ("c", "d")), title="T"
    )
    lines = write_nfg(g, comment="").splitlines()
    assert lines[0] == 'NFG 1 R "T" { "R" "C" }'
    assert lines[-2:] == ["1 5 0 7", "1/3 6 -2 8"]  # column c: (a,c) then (b,c); then column d


def test_gambit_fixture_games_through_nfg_keep_their_equilibria():
    """Gambit's own equilibria (tests/fixtures, pygambit enummixed) of each game, after a trip through .nfg."""
    data = json.loads(FIXTURES.read_text())
    for case in data["games"]:
        game = Game.from_arrays(case["A"], case["B"])
        back = parse_nfg(write_nfg(game)).game()
        assert back.A == game.A and back.B == game.B
        found = {(tuple(e.x), tuple(e.y)) for e in solve(back).equilibria}
        expected = {(tuple(map(F, x)), tuple(map(F, y))) for x, y in case["extreme_equilibria"]}
        assert found == expected, case["name"]


@pytest.mark.parametrize(
    "text, where, message",
    [
        ('EFG 2 R "x" { "a" "b" }', "line 1, column 1", "expected 'NFG'"),
        ('NFG 2 R "x"', "line 1, column 5", "version 1"),
        ('NFG 1 R "x" { "a" } { 2 }', "line 1, column 13", "two or more players, found 1"),
        ('NFG 1 R "x" { "a" "a" } { 2 2 }', "line 1, column 13", "different names"),
        ('NFG 1 R "x" { "a" "b" } { 2 0 } 1 1', "line 1, column 29", "at least one strategy"),
        (
            'NFG 1 R "x" { "a" "b" } { 2 2 }\n1 2 3 4\n5 6 7',
            "end of file",
            "b's payoff at (2, 2), profile 4 of 4, found the end",
        ),
        ('NFG 1 R "x" { "a" "b" } { 1 1 } 1 nan', "line 1, column 35", "found 'nan'"),
        ('NFG 1 R "x" { "a" "b" } { 1 1 } 1 2 3', "line 1, column 37", "end of the file after 1 profiles"),
        (
            'NFG 1 R "x" { "a" "b" } { 1 1 } { { "" 1 2 } } 2',
            "line 1, column 48",
            "outcome 2 does not exist: the file lists 1 outcomes",
        ),
        ('NFG 1 R "x" { "a" "b" } { 1 1 } { { "" 1 2 3 } } 1', "line 1, column 46", "expected 2 payoffs in outcome 1"),
        ('NFG 1 R "x { "a" "b" }', "line 1, column 20", "never closed"),
        ('NFG 1 R "x" { "a" "b" } { 1 1 } 1 1e99999', "line 1, column 35", "found '1e99999'"),
    ],
)
def test_malformed_files_name_the_place(text, where, message):
    with pytest.raises(InputError) as info:
        parse_nfg(text, "bad.nfg")
    assert info.value.source == "bad.nfg"
    assert info.value.where == where, str(info.value)
    assert message in info.value.message


def test_missing_file_and_set_on_a_game_without_parameters(tmp_path):
    with pytest.raises(InputError, match="file not found"):
        read_nfg(tmp_path / "none.nfg")
    path = tmp_path / "pd.nfg"
    path.write_text('NFG 1 R "PD" { "a" "b" } { 2 2 } 3 3 5 0 0 5 1 1')
    with pytest.raises(InputError, match="unknown parameter 'T'; known parameters: none"):
        load_model(path, {"T": "1"})


# ----------------------------------------------------------------------------- three or more players
# Gambit's ``.nfg`` format with any number of players (bargaining.io.nfg): round trips, both layouts, Gambit's own text.
# Writing a game and reading it back gives the same game, for 3 and 4 players,
# in the payoff version and in the outcome version. The outcome version as
# pygambit 16.7's ``Game.write()`` writes it (and Gambit's profile order, the
# first player fastest) reads as the game pygambit built. ``bench/bench_nplayer.py``
# checks the other direction: pygambit reads what we write, payoff by payoff.


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


# Gambit reads printable ASCII (the writer transliterates the rest: test_gambit_labels_are_printable_ascii_...);
# quotes are escaped, a backslash is written as /
names = st.text(st.characters(min_codepoint=32, max_codepoint=126, blacklist_characters="\\"), min_size=1,
                max_size=8).filter(lambda s: s.strip())


@given(tensor_games(shapes=((2, 2, 2), (3, 2, 2), (2, 2, 2, 2), (2, 3, 1, 2)), entries=exact_entries()),
       st.sampled_from(["payoffs", "outcomes"]), st.data())
def test_round_trip_three_and_four_players(U, layout, data):
    n = len(U)
    players = data.draw(st.lists(names, min_size=n, max_size=n, unique_by=gambit_ascii))
    g = Game.from_tensors(U, players=[p.strip() for p in players], title=data.draw(names))
    back = parse_nfg(write_nfg(g, layout=layout)).game()
    assert back.payoffs == g.payoffs
    assert back.players == tuple(map(gambit_ascii, g.players)) and back.title == gambit_ascii(g.title)
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


# a Python with pygambit (not a test dependency: it compiles for a quarter of an hour); these checks
# skip without one
GAMBIT_PYTHON = Path(os.environ.get("BARGAINING_GAMBIT_PYTHON", "/work/venv-gambit/bin/python"))
HOSTILE = Game.from_arrays(
    [[1, 0], [0, 1]], [[1, 0], [0, 2]], players=("Row \u201cR\u201d", 'Col "q"'),
    strategies=(("talk \u2013 now", "wait\\x"), ("yes  ", "M\u00fcnchen\nnext")),
    title="Crisis \u2013 \u201ctalks\u201d in D\u00e9tente \u2192 50%", description="Line one \u2013\nline two",
)


def test_written_text_is_the_ascii_gambit_reads():
    text = write_nfg(HOSTILE)
    assert text.isascii()
    head = text.splitlines()[0]
    assert head == 'NFG 1 R "Crisis - \\"talks\\" in Detente -> 50%" { "Row \\"R\\"" "Col \\"q\\"" }'
    back = parse_nfg(text).game()
    assert back.title == 'Crisis - "talks" in Detente -> 50%'
    assert back.strategies == (("talk - now", "wait/x"), ("yes", "Munchen next"))
    assert back.description == "Line one - line two"  # a paragraph, as the reader joins its lines
    assert back.payoffs == HOSTILE.payoffs


@given(st.text(max_size=30))
def test_gambit_labels_are_printable_ascii_with_single_spaces(text):
    label = gambit_ascii(text)
    assert all(" " <= ch <= "~" for ch in label) and "\\" not in label
    assert label == label.strip() and "  " not in label
    assert gambit_ascii(label) == label  # ASCII text is kept as it is


def _gambit_reads(path: Path, reader: str) -> list[str] | None:
    """The title, players and strategies pygambit reads from ``path``, or None where pygambit is not installed."""
    if not GAMBIT_PYTHON.exists():
        return None
    code = ("import json, sys, pygambit as g\n"
            f"game = g.{reader}(sys.argv[1])\n"
            "print(json.dumps([game.title, [getattr(p, \"label\", p) for p in game.players]]))")
    try:
        done = subprocess.run([str(GAMBIT_PYTHON), "-c", code, str(path)], capture_output=True, text=True,
                              timeout=300, env={**os.environ, "PYTHONPATH": ""})
    except subprocess.TimeoutExpired:
        return None
    if "No module named" in done.stderr:
        return None
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def test_pygambit_reads_the_exported_file(tmp_path):
    path = tmp_path / "hostile.nfg"
    path.write_text(write_nfg(HOSTILE), encoding="utf-8")
    read = _gambit_reads(path, "read_nfg")
    if read is None:
        pytest.skip(f"pygambit is not installed for {GAMBIT_PYTHON} (set BARGAINING_GAMBIT_PYTHON)")
    assert read == ['Crisis - "talks" in Detente -> 50%', ['Row "R"', 'Col "q"']]
