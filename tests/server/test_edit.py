"""Tests of :mod:`bargaining.server.edit`: a game edited in the page, read as a game file is, and written back."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given, strategies as st

from bargaining.errors import InputError
from bargaining.io.gamefile import game_files, is_tree_file, load_model, read_game_table
from bargaining.server.edit import MAX_STRATEGIES, MAX_TEXT, game_text, read_game_text
from bargaining.solvers.registry import solve

ROOT = Path(__file__).resolve().parents[2]
FILES = [p for p in game_files(ROOT / "games") if not is_tree_file(p)]


@pytest.mark.parametrize("path", FILES, ids=[p.name for p in FILES])
def test_every_game_file_survives_the_round_trip(path):
    """The written text of a file (merged over its parents) is the same game: same model, same equilibria."""
    model = read_game_text(game_text(read_game_table(path)))
    original = load_model(path)
    assert (model.title, model.players, model.strategies) == (original.title, original.players, original.strategies)
    assert {n: p.value for n, p in model.parameters.items()} == {n: p.value for n, p in original.parameters.items()}
    assert model.description == original.description
    assert solve(model.game()).to_dict()["equilibria"] == solve(original.game()).to_dict()["equilibria"]


_names = st.text(st.characters(codec="utf-8", exclude_characters="\r"), min_size=1, max_size=12)


@given(
    title=st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), min_size=1, max_size=40).filter(str.strip),
    description=st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=80),
    players=st.lists(_names, min_size=2, max_size=2, unique=True),
    value=st.decimals(min_value=-1000, max_value=1000, places=3, allow_nan=False),
)
def test_any_text_is_written_as_toml_that_reads_back(title, description, players, value):
    """Quotes, backslashes, newlines and any letter in the texts come back as they went in."""
    table = {
        "title": title,
        "description": description,
        "players": players,
        "strategies": {players[0]: ["a", "b"], players[1]: ["c", "d"]},
        "parameters": {"k": {"value": value, "label": description}},
        "payoffs": {players[0]: [["k", 0], [0, 1]], players[1]: [[1, 0], [0, "k"]]},
    }
    model = read_game_text(game_text(table))
    assert model.title == title.strip() and model.players == tuple(players)  # a title is read stripped
    assert model.parameters["k"].value == value and model.parameters["k"].label == description


BAD = {
    "extends": ('title = "x"\nextends = "baseline.toml"', "extends", "cannot extend a file"),
    "a tree": ('title = "x"\n[tree]\nroot = "a"', "tree", "strategic-form"),
    "eval": (
        game_text({"title": "x", "players": ["A", "B"], "strategies": {"A": ["a"], "B": ["b"]},
                   "payoffs": {"A": [["__import__('os').system('ls')"]], "B": [[0]]}}),
        "payoffs.A[0][0] (a, b)",
        "'__import__' is not allowed",
    ),
    "huge number": ('title = "x"\n[parameters]\nT = 1e999', "parameters.T", "at most 15 digits"),
    "huge integer": ('title = "x"\n[parameters]\nT = ' + "9" * 40, "parameters.T", "at most 15 digits"),
    "inf": ('title = "x"\n[parameters]\nT = inf', "parameters.T", "finite"),
    "deep arrays": ("x = " + "[" * 3000 + "]" * 3000, None, "nested too deep"),
    "bad TOML": ("title = ", None, "malformed TOML"),
    "many strategies": (
        'title = "x"\nplayers = ["A", "B"]\n[strategies]\nA = ' + json.dumps([f"s{k}" for k in range(7)]),
        "strategies.A",
        f"at most {MAX_STRATEGIES} strategies",
    ),
    "too long": ("#" * (MAX_TEXT + 1), "game", "at most 20000 characters"),
    "not text": (["title"], "game", "found list"),
}


@pytest.mark.parametrize("name", list(BAD))
def test_bad_edits_are_input_errors(name):
    text, where, message = BAD[name]
    with pytest.raises(InputError) as err:
        read_game_text(text)
    assert err.value.where == where and message in str(err.value)


def test_decimals_keep_their_digits():
    assert "lam = { value = 0.50, min = 0.3 }" in game_text({"parameters": {"lam": {"value": Decimal("0.50"),
                                                                                      "min": Decimal("0.3")}}})
    assert "k = 2.0" in game_text({"parameters": {"k": Decimal("2")}})  # still a float in TOML, as read
