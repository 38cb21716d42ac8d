"""Tests of :mod:`bargaining.errors`: one family, messages that say where, copies that relocate."""

from __future__ import annotations

import pytest

from bargaining.errors import BargainingError, FormulaError, InputError, SolverError


def test_the_family():
    assert issubclass(InputError, BargainingError) and issubclass(InputError, ValueError)
    assert issubclass(FormulaError, InputError)
    assert issubclass(SolverError, BargainingError) and not issubclass(SolverError, ValueError)


@pytest.mark.parametrize(
    "source, where, text",
    [
        ("games/x.toml", "payoffs.China[2][1]", "games/x.toml, payoffs.China[2][1]: expected a number"),
        ("games/x.toml", None, "games/x.toml: expected a number"),
        (None, "parameter T", "parameter T: expected a number"),
        (None, None, "expected a number"),
    ],
)
def test_the_message_names_the_place_first(source, where, text):
    err = InputError("expected a number", source=source, where=where)
    assert str(err) == text
    assert (err.message, err.source, err.where) == ("expected a number", source, where)


def test_located_fills_only_what_is_missing_and_keeps_the_class():
    err = FormulaError("unknown name 'tau'", where="payoffs.Row[0][0]")
    moved = err.located(source="game.toml", where="somewhere else")
    assert type(moved) is FormulaError
    assert str(moved) == "game.toml, payoffs.Row[0][0]: unknown name 'tau'"
    assert err.source is None  # the original is untouched


def test_located_as_replaces_the_place():
    err = InputError("T = 2 lies outside its range [0, 1]", source="games/baseline.toml", where="parameter T")
    flagged = err.located_as(where="--set T")
    assert str(flagged) == "games/baseline.toml, --set T: T = 2 lies outside its range [0, 1]"
    assert str(err.located_as(where=None)) == "games/baseline.toml: T = 2 lies outside its range [0, 1]"


def test_keyword_only_places():
    with pytest.raises(TypeError):
        InputError("message", "source")


def test_did_you_mean_names_only_a_close_match():
    from bargaining.errors import did_you_mean

    assert did_you_mean("payofs", ["payoffs", "parameters", "terms"]) == " (did you mean 'payoffs'?)"
    assert did_you_mean("zzz", ["payoffs"]) == ""
    assert did_you_mean("T", []) == ""
