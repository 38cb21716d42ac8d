"""The strategic-form table reader (bargaining.io.strategic): tables in, a checked Model out, no files."""

from __future__ import annotations

import itertools
from fractions import Fraction, Fraction as F
from pathlib import Path

import pytest
from hypothesis import given, strategies as st

from bargaining.errors import InputError
from bargaining.formula import parse
from bargaining.io.gamefile import load_model
from bargaining.io.strategic import model_from_dict, order_terms, read_formula, read_number, read_parameters

TABLE = {
    "title": "Two-by-two",
    "players": ["Row", "Col"],
    "strategies": {"Row": ["up", "down"], "Col": ["left", "right"]},
    "parameters": {"b": {"value": "0.3", "min": 0, "max": 1}},
    "terms": {"gain": "2*b", "net": {"formula": "gain - 1", "label": "net gain"}},
    "payoffs": {"Row": [["net", 0], [1, "b"]], "Col": [[1, 0], [0, 1]]},
    "outcomes": {"up, left": "both gain"},
}


def _with(**changes):
    table = {**TABLE, **changes}
    return {k: v for k, v in table.items() if v is not None}


def _error(table) -> InputError:
    with pytest.raises(InputError) as info:
        model_from_dict(table, source="t.toml")
    return info.value


def test_a_table_becomes_the_model_it_describes():
    model = model_from_dict(TABLE, source="t.toml")
    assert model.players == ("Row", "Col")
    assert model.strategies == (("up", "down"), ("left", "right"))
    assert model.parameters["b"].value == Fraction(3, 10)
    assert model.term_labels == {"net": "net gain"}
    assert model.outcomes == {("up", "left"): "both gain"}
    assert model.source == "t.toml"
    game = model.game()
    assert game.A[0][0] == Fraction(-2, 5)  # net = 2*(3/10) - 1
    assert game.A[1][1] == Fraction(3, 10)


def test_terms_come_after_the_terms_they_use():
    terms = {"c": parse("b + 1"), "b": parse("a * 2")}
    assert list(order_terms(terms, {"a"}, "t.toml")) == ["b", "c"]


def test_a_cycle_of_terms_is_named():
    terms = {"x": parse("y"), "y": parse("x")}
    with pytest.raises(InputError, match="cycle: x -> y -> x"):
        order_terms(terms, set(), "t.toml")


@pytest.mark.parametrize(
    "changes, place, message",
    [
        ({"colour": "red"}, "colour", "unknown key 'colour'"),
        ({"title": " "}, "title", "needs a title"),
        ({"players": ["Row", "Row"]}, "players", "different names"),
        ({"players": ["Row"]}, "players", "two player names"),
        ({"strategies": {"Row": ["up", "up"], "Col": ["left", "right"]}}, "strategies.Row", "repeat"),
        ({"payoffs": {"Row": [["net", 0]], "Col": [[1, 0], [0, 1]]}}, "payoffs.Row", "expected 2 rows"),
        ({"payoffs": {"Row": [["nett", 0], [1, "b"]], "Col": [[1, 0], [0, 1]]}}, "payoffs.Row[0][0]", "'net'"),
        ({"terms": {"b": "1"}}, "terms.b", "name of a parameter"),
        ({"outcomes": {"left, up": "wrong order"}}, "outcomes.'left, up'", "in the order Row, Col"),
        ({"parameters": {"b": {"value": 2, "min": 0, "max": 1}}}, "parameters.b", None),
    ],
)
def test_a_bad_table_names_the_source_and_the_place(changes, place, message):
    err = _error(_with(**changes))
    assert err.source == "t.toml"
    assert str(err.where).startswith(place)
    if message:
        assert message in str(err)


def test_an_unknown_name_suggests_the_close_one():
    err = _error(_with(payoffs={"Row": [["nett", 0], [1, "b"]], "Col": [[1, 0], [0, 1]]}))
    assert "did you mean 'net'?" in str(err)


@pytest.mark.parametrize("raw", [True, None, [1], {"a": 1}])
def test_a_formula_cell_is_a_number_or_a_string(raw):
    with pytest.raises(InputError) as info:
        read_formula(raw, "t.toml", "payoffs.Row[0][0]")
    assert info.value.where == "payoffs.Row[0][0]"


def test_formulas_are_parsed_by_the_whitelist_parser_not_evaluated():
    with pytest.raises(InputError):
        read_formula("__import__('os').system('true')", "t.toml", "cell")


def test_a_parameter_value_may_be_a_constant_formula_but_not_use_names():
    assert read_number("1/3 + 1/6", "t.toml", "parameters.a.value") == Fraction(1, 2)
    with pytest.raises(InputError, match="must be a number"):
        read_number("b + 1", "t.toml", "parameters.a.value")


@given(st.decimals(allow_nan=False, allow_infinity=False, places=6, min_value=-1000, max_value=1000))
def test_a_decimal_parameter_is_read_exactly(value):
    params = read_parameters({"parameters": {"a": str(value)}}, "t.toml")
    assert params["a"]["value"] == Fraction(value)


def test_min_above_max_is_refused():
    with pytest.raises(InputError, match="larger than max"):
        read_parameters({"parameters": {"a": {"value": 1, "min": 2, "max": 1}}}, "t.toml")


# ----------------------------------------------------------------------------- three or more players
# Game files with three or more players: the table of profiles, read and checked (bargaining.io.strategic).
# Good files load with the payoffs they state, in any order of their rows and
# with or without spaces after the commas; a two-player file may use the table
# of profiles too. Bad files (a missing or repeated profile, a row of the wrong
# length, an unknown strategy, a profile of the wrong length, matrices for three
# players, an unknown name, a [bargaining] table) are one-line input errors
# naming the file and the profile, and exit status 2 on the command line.


S = ("a", "b")
HEAD = '''title = "Three"
players = ["P", "Q", "R"]
[strategies]
P = ["a", "b"]
Q = ["a", "b"]
R = ["a", "b"]
[parameters]
k = 2
'''


def rows(skip=(), extra=(), formula=lambda prof: [f"{prof.count('a')}", "k", f"{len(prof)}"]):
    lines = []
    for prof in itertools.product(S, repeat=3):
        if prof in skip:
            continue
        lines.append(f'"{", ".join(prof)}" = [{", ".join(chr(34) + x + chr(34) for x in formula(prof))}]')
    return HEAD + "[payoffs]\n" + "\n".join(lines + list(extra)) + "\n"


ROOT = Path(__file__).resolve().parents[2]


def write(tmp_path, text, name="game.toml"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_a_table_of_profiles_gives_one_tensor_per_player(tmp_path):
    m = load_model(write(tmp_path, rows()))
    g = m.game()
    assert (m.n_players, g.shape, m.layout) == (3, (2, 2, 2), "profiles")
    for prof in itertools.product(range(2), repeat=3):
        names = [S[k] for k in prof]
        assert g.payoff(0, *prof) == names.count("a")
        assert g.payoff(1, *prof) == 2 and g.payoff(2, *prof) == 3


@given(st.permutations(list(itertools.product(S, repeat=3))), st.sampled_from([", ", ",", " ,  "]))
def test_row_order_and_spacing_do_not_matter(tmp_path_factory, order, sep):
    body = [f'"{sep.join(p)}" = ["{p.count("a")}", "{p.count("b")}/3", "-1"]' for p in order]
    path = write(tmp_path_factory.mktemp("order"), HEAD + "[payoffs]\n" + "\n".join(body) + "\n")
    g = load_model(path).game()
    for prof in itertools.product(range(2), repeat=3):
        names = [S[k] for k in prof]
        expected = (names.count("a"), F(names.count("b"), 3), -1)
        assert (g.payoff(0, *prof), g.payoff(1, *prof), g.payoff(2, *prof)) == expected


def test_two_players_may_give_a_table_of_profiles(tmp_path):
    text = '''title = "PD"
players = ["Row", "Col"]
[strategies]
Row = ["C", "D"]
Col = ["C", "D"]
[payoffs]
"C, C" = [3, 3]
"C, D" = [0, 5]
"D, C" = [5, 0]
"D, D" = [1, 1]
[outcomes]
"D, D" = "both defect"
'''
    m = load_model(write(tmp_path, text))
    g = m.game()
    assert g.A == ((3, 0), (5, 1)) and g.B == ((3, 5), (0, 1))
    assert m.outcomes[("D", "D")] == "both defect"


BAD = [
    (dict(skip=[("b", "b", "a")]), "missing the row of profile (b, b, a)", 'payoffs."b, b, a"'),
    (dict(extra=['"a,a,a" = [1, 1, 1]']), "profile (a, a, a) has two rows", 'payoffs."a,a,a"'),
    (dict(formula=lambda p: ["1", "1"]), "expected 3 payoffs, one per player", 'payoffs."a, a, a"'),
    (dict(extra=['"a, c, a" = [1, 1, 1]']), "'c' is not a strategy of Q", 'payoffs."a, c, a"'),
    (dict(extra=['"a, b" = [1, 1, 1]']), "expected a profile such as \"a, a, a\"", 'payoffs."a, b"'),
    (dict(formula=lambda p: ["1", "kk", "1"]), "unknown name 'kk' (did you mean 'k'?)", 'payoffs."a, a, a"[1] (Q)'),
    (dict(extra=['P = [[1, 2], [3, 4]]']), "gives its payoffs as one row per profile", "payoffs.\"P\""),
]


@pytest.mark.parametrize("change, message, place", BAD, ids=[b[1][:30] for b in BAD])
def test_bad_tables_name_the_profile(tmp_path, change, message, place):
    path = write(tmp_path, rows(**change))
    with pytest.raises(InputError) as info:
        load_model(path).game()
    text = str(info.value)
    assert message in text and place in text and str(path) in text
    assert "\n" not in text


def test_a_bargaining_table_needs_two_players(tmp_path):
    with pytest.raises(InputError, match="the bargaining problem is between two players; this game has 3"):
        load_model(write(tmp_path, rows() + "[bargaining]\ntransfers = true\n"))


def test_outcomes_name_a_profile_of_every_player(tmp_path):
    path = write(tmp_path, rows() + '[outcomes]\n"a, a" = "x"\n')
    with pytest.raises(InputError, match=r'outcomes.*expected a profile such as "a, a, a"'):
        load_model(path)
    m = load_model(write(tmp_path, rows() + '[outcomes]\n"a, b, a" = "the middle one deviates"\n'))
    assert m.game().outcome((0, 1, 0)) == "the middle one deviates"


def test_players_need_different_names(tmp_path):
    with pytest.raises(InputError, match="the players need different names"):
        load_model(write(tmp_path, rows().replace('players = ["P", "Q", "R"]', 'players = ["P", "Q", "P"]')))


def test_an_extending_file_replaces_single_rows(tmp_path):
    write(tmp_path, rows(), "parent.toml")
    child = write(
        tmp_path, 'extends = "parent.toml"\n[payoffs]\n"b, b, b" = [7, 8, 9]\n[parameters]\nk = 5\n', "child.toml"
    )
    g = load_model(child).game()
    assert (g.payoff(0, 1, 1, 1), g.payoff(2, 1, 1, 1)) == (7, 9)
    assert g.payoff(1, 0, 0, 0) == 5


def test_the_triangle_loads():
    m = load_model("games/triangle.toml")
    assert m.players == ("United States", "Russia", "China")
    assert m.shape == (3, 3, 3) and len(m.outcomes) == 27
    assert m.cell_name(1, 0, 0, 0) == 'payoffs."contain_both, ally, ally"[1] (Russia)'


def test_a_table_is_read_and_inherited_entry_by_entry(tmp_path):
    parent = write(tmp_path, f'extends = "{ROOT / "games" / "taiwan_crisis.toml"}"\n[uncertainty]\n'
                   'T = { distribution = "triangular", low = 0.8, mode = 1.0, high = 1.0 }\n'
                   'lam = { distribution = "normal", sd = 0.05 }\n', "parent.toml")
    child = write(tmp_path, 'extends = "parent.toml"\n[parameters]\nlam = 0.6\n[uncertainty]\n'
                  'T = "fixed"\n', "child.toml")
    m = load_model(child)
    assert set(m.uncertainty) == {"T", "lam"}
    assert m.uncertainty["T"].kind == "fixed"
    # the inherited normal belief is centred on the child's own value
    assert m.uncertainty["lam"].marginal(m.parameters["lam"]).numbers["mean"] == pytest.approx(0.6)
    assert load_model(parent).uncertainty["T"].kind == "triangular"


def test_errors_name_the_file_and_entry(tmp_path):
    baseline = ROOT / "games" / "baseline.toml"
    bad = write(tmp_path, f'extends = "{baseline}"\n[uncertainty]\nlam = {{ distribution = "normal", sd = 0 }}\n')
    with pytest.raises(InputError, match=r"game\.toml, uncertainty\.lam\.sd: expected a positive number"):
        load_model(bad)


def test_game_files_without_the_table_have_no_stated_beliefs():
    assert dict(load_model(ROOT / "games" / "baseline.toml").uncertainty) == {}
