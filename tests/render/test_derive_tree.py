"""Subgame-perfect play in closed form, written (bargaining.render.derive_tree), and ``derive`` on a tree."""

from __future__ import annotations

import json

import pytest

from bargaining.io.gamefile import load_model
from bargaining.render.derive_tree import render
from bargaining.symbolic.tree import derive_tree


@pytest.fixture(scope="module")
def derived():
    return derive_tree(load_model("games/treaty_proposal.toml"), keep=["T", "w_R", "w_C"], solve_for="T")


def test_text(derived):
    text = render(derived)
    lines = text.splitlines()
    assert lines[0] == "Subgame-perfect play: Treaty proposal: Russia proposes, China ratifies"
    assert max(len(line) for line in lines) <= 80
    treaty = lines.index("propose, accept")
    assert "    T: 0.888 ≤ T ≤ 1" in lines[treaty:treaty + 6]
    assert "no proposal, align, align  ✓" in lines
    assert "2. Stage games" in lines and "partnership (align, align)" in lines
    assert "Russia at proposal: propose rather than no proposal" in text
    assert "4. Tipping points in T, by value at the file's values" in lines


@pytest.mark.parametrize("fmt", ["markdown", "latex", "json"])
def test_other_formats(derived, fmt):
    text = render(derived, fmt)
    if fmt == "json":
        assert json.loads(text) == json.loads(json.dumps(derived.to_dict()))
    elif fmt == "latex":
        assert text.startswith(r"\documentclass") and text.rstrip().endswith(r"\end{document}")
        assert r"\item" in text and "$" in text and "→" not in text and r"$\to$" in text
    else:
        assert text.startswith("# Subgame-perfect play: Treaty proposal") and "**propose, accept**" in text


def test_the_command_line_derives_a_tree_under_a_scenario(cli_json):
    data = cli_json("derive", "games/treaty_proposal.toml", "--params", "games/taiwan_crisis.toml",
                    "--keep", "T", "--solve-for", "T")
    assert data["kind"] == "tree" and data["solve_for"] == "T"
    treaty = next(r for r in data["paths"] if r["path"] == ["propose", "accept"])
    assert treaty["at_file"] is True
    assert treaty["set_at_file"] is not None and "439/500" in json.dumps(treaty["set_at_file"])


def test_the_command_line_text_fits_80_columns(cli):
    result = cli("derive", "games/treaty_proposal.toml", "--keep", "T", "--solve-for", "T")
    assert result.code == 0
    assert max(len(line) for line in result.out.splitlines()) <= 80


@pytest.mark.parametrize("argv, message", [
    (("--solve-for", "X"), "unknown parameter 'X'; known parameters: T, lam"),
    (("--only", "ally,ally"), "a game tree lists every subgame-perfect profile"),
])
def test_bad_input_is_one_line(cli, argv, message):
    result = cli("derive", "games/treaty_proposal.toml", *argv)
    assert result.code == 2
    assert result.out == ""
    assert len(result.err.strip().splitlines()) == 1 and message in result.err


def test_mixed_stage_equilibria_are_written_with_their_probabilities():
    from bargaining.api import with_params

    model = with_params(load_model("games/treaty_proposal.toml"), "games/taiwan_crisis.toml")
    d = derive_tree(model)
    text = render(d)
    lines = text.splitlines()
    assert max(len(line) for line in lines) <= 80
    mixed = next(s for s in d.stages if s.mixes)
    assert mixed.name in lines
    block = lines[lines.index(mixed.name):]
    player, moves = mixed.mixes[0]
    assert block[1].startswith(f"    {player} plays {moves[0][0]} with probability ")
    assert "complete for pure strategies" not in text
    assert all(s["mixes"] == {} for s in json.loads(render(d, "json"))["stages"] if "mixed on" not in s["name"])
