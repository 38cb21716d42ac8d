"""The strategic-form table reader (bargaining.io.strategic): tables in, a checked Model out, no files."""

from __future__ import annotations

from fractions import Fraction
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
        ({"outcomes": {"left, up": "wrong order"}}, "outcomes.'left, up'", "Row's strategy first"),
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


ROOT = Path(__file__).resolve().parents[2]


def write(tmp_path, text, name="g.toml"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


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
    with pytest.raises(InputError, match=r"g\.toml, uncertainty\.lam\.sd: expected a positive number"):
        load_model(bad)


def test_game_files_without_the_table_have_no_stated_beliefs():
    assert dict(load_model(ROOT / "games" / "baseline.toml").uncertainty) == {}
