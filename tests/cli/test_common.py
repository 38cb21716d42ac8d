"""Tests of :mod:`bargaining.cli.common`: the arguments and helpers the commands share."""

from __future__ import annotations

import argparse

import pytest

from bargaining.cli.common import (
    FORMATS,
    add_format_argument,
    add_game_argument,
    emit,
    load_model_from_args,
    parse_assignments,
    parse_delta,
)
from bargaining.errors import InputError


def test_assignments():
    assert parse_assignments(["T=0.9", " lam = 1/2 "]) == {"T": "0.9", "lam": "1/2"}
    assert parse_assignments([]) == {}
    for bad in ("T", "=1", "T="):
        with pytest.raises(InputError, match=f"expected NAME=VALUE, found '{bad}'") as err:
            parse_assignments([bad], flag="--set")
        assert err.value.where == "--set"


def test_discount_factors():
    assert parse_delta([]) is None
    assert parse_delta(["0.9"]) == "0.9"
    assert parse_delta(["delta_C=0.9", "Russia=1/2"]) == {"delta_C": "0.9", "Russia": "1/2"}
    with pytest.raises(InputError, match="give one bare VALUE"):
        parse_delta(["0.5", "0.6"])
    with pytest.raises(InputError, match="give one bare VALUE"):
        parse_delta(["0.5", "delta_C=0.6"])
    with pytest.raises(InputError, match="expected NAME=VALUE or VALUE, found 'delta_C='"):
        parse_delta(["delta_C="])


def test_the_shared_arguments():
    parser = argparse.ArgumentParser()
    add_game_argument(parser)
    add_format_argument(parser)
    args = parser.parse_args(["g.toml", "--set", "T=1", "--set", "a=0", "--params", "p.toml"])
    assert (args.file, args.set, args.params, args.format) == ("g.toml", ["T=1", "a=0"], "p.toml", FORMATS[0])
    with pytest.raises(SystemExit):
        parser.parse_args(["g.toml", "--format", "pdf"])


def test_a_tree_is_refused_where_a_strategic_form_is_needed():
    args = argparse.Namespace(file="games/treaty_proposal.toml", set=[], params=None, command="explain")
    with pytest.raises(InputError, match="explain works on strategic-form games; this is a game tree"):
        load_model_from_args(args)
    args = argparse.Namespace(file="games/baseline.toml", set=["T=0.9"], params=None, command="explain")
    assert load_model_from_args(args).parameters["T"].value * 10 == 9


def test_emit_prints_or_writes(tmp_path, capsys):
    emit("no newline")
    assert capsys.readouterr().out == "no newline\n"
    emit("text\n", str(tmp_path / "out.txt"))
    out, err = capsys.readouterr()
    assert out == "" and err == f"wrote {tmp_path / 'out.txt'}\n"
    assert (tmp_path / "out.txt").read_text() == "text\n"


def test_a_missing_optional_dependency_is_one_line_saying_how_to_install_it(cli, monkeypatch, tmp_path):
    import sys

    monkeypatch.setitem(sys.modules, "matplotlib", None)  # as if not installed: find_spec finds nothing
    r = cli("sweep", "games/baseline.toml", "--vary", "T=0:1:5", "--plot", tmp_path / "p.png")
    assert r.code == 2 and r.out == ""
    assert r.err == 'error: --plot needs matplotlib; install with pip install "bargaining[figures]"\n'
    assert not (tmp_path / "p.png").exists()
    assert cli("solve", "games/baseline.toml").code == 0  # solving needs neither
    monkeypatch.setitem(sys.modules, "SALib", None)
    r = cli("sensitivity", "games/baseline.toml", "--outcome", "ally,ally", "--samples", "64")
    assert r.code == 2
    assert r.err == 'error: sensitivity needs SALib; install with pip install "bargaining[sensitivity]"\n'
    r = cli("outlook", "games/baseline.toml", "--draws", "50")
    assert r.code == 2 and r.err.startswith("error: outlook's Sobol analysis (--samples 0 leaves it out) needs SALib")
    assert cli("outlook", "games/baseline.toml", "--draws", "50", "--samples", "0").code == 0


@pytest.mark.parametrize("text, value", [("1000", 1000), ("1_000", 1000), ("1e6", 10**6), ("10**9", 10**9),
                                         ("2**30", 2**30), (" 7 ", 7)])
def test_count_reads_the_spellings_of_a_whole_number(text, value):
    from bargaining.cli.common import count

    assert count(text) == value


@pytest.mark.parametrize("text", ["abc", "1.5", "10**99999", "1e99999", "2**", ""])
def test_count_refuses_other_text_in_one_line(text):
    import argparse

    from bargaining.cli.common import count

    with pytest.raises(argparse.ArgumentTypeError) as info:
        count(text)
    assert "\n" not in str(info.value)
