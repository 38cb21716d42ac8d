"""The page of the text renderers: its width, wrapping that loses nothing, and the ASCII mode."""

from __future__ import annotations

import io
import sys
from pathlib import Path

import pytest
import sympy
from hypothesis import given, strategies as st

from bargaining.render import layout
from bargaining.symbolic.printing import board, relation_text

ROOT = Path(__file__).resolve().parents[2]
SYMBOLS = sympy.symbols("T lam w_R w_C e_R e_C a j r")
OPERATORS = ("+", "−", "≥", "≤", ">", "<", "=")


def _expressions():
    leaf = st.sampled_from(SYMBOLS) | st.integers(1, 9).map(sympy.Integer) | st.sampled_from([sympy.Rational(1, 2)])
    return st.recursive(
        leaf,
        lambda sub: st.tuples(sub, sub).map(lambda ab: ab[0] + ab[1])
        | st.tuples(sub, sub).map(lambda ab: ab[0] - ab[1])
        | st.tuples(sub, sub).map(lambda ab: ab[0] * ab[1])
        | st.tuples(sub, sub).map(lambda ab: ab[0] / (ab[1] + 10)),
        max_leaves=24,
    )


@given(_expressions(), st.sampled_from([">=", "<=", ">"]), st.integers(20, 90), st.sampled_from(["", "    "]))
def test_a_wrapped_formula_joins_back_to_itself(expr, rel, columns, indent):
    text = relation_text(expr, rel, "board")
    rest = indent + "    "
    lines = layout.wrap(layout.formula(text), indent, rest, columns=columns)
    pieces = [lines[0][len(indent):]] + [line[len(rest):] for line in lines[1:]]
    assert " ".join(pieces) == text
    for line, piece in zip(lines, pieces):
        assert piece and piece[0] != " "
        if len(line) > columns:  # only a piece with no operator to break before, inside brackets or out
            assert not any(f" {op} " in piece for op in OPERATORS), line
    for piece in pieces[1:]:  # a continuation starts with the operator it was cut before
        assert piece.split(" ")[0] in OPERATORS


def test_a_formula_breaks_outside_brackets_first():
    x = sympy.Symbol("x")
    text = board((SYMBOLS[0] - SYMBOLS[2]) * (SYMBOLS[1] - x) - SYMBOLS[3] - SYMBOLS[4])
    lines = layout.wrap(layout.formula(text), "", "  ", columns=len(text) - 3)
    assert lines == ["(T − w_R)·(lam − x) − e_R", "  − w_C"]


@given(st.lists(st.text(st.characters(min_codepoint=97, max_codepoint=122), min_size=1, max_size=12), min_size=1,
                max_size=40), st.integers(16, 80))
def test_prose_wraps_at_words_with_a_hanging_indent(words, columns):
    lines = layout.wrap(" ".join(words), "- ", "  ", columns=columns)
    assert lines[0].startswith("- ") and all(line.startswith("  ") for line in lines[1:])
    assert " ".join(line[2:] for line in lines).split(" ") == words
    assert all(len(line) <= columns for line in lines)


def test_the_width_comes_from_columns_within_limits(monkeypatch):
    monkeypatch.setenv("COLUMNS", "60")
    assert layout.width() == 60
    monkeypatch.setenv("COLUMNS", "10")
    assert layout.width() == layout.NARROWEST
    monkeypatch.setenv("COLUMNS", "400")
    assert layout.width() == layout.WIDEST
    monkeypatch.setenv("COLUMNS", "wide")
    assert layout.width() == layout.DEFAULT  # pytest's captured standard output is not a terminal


def test_the_library_writes_unicode_unless_asked(monkeypatch):
    monkeypatch.delenv("BARGAINING_ASCII")
    assert not layout.ascii_only() and layout.ascii_request() is None  # a notebook's output is no terminal either
    monkeypatch.setenv("BARGAINING_ASCII", "yes")
    assert layout.ascii_only()
    monkeypatch.setenv("BARGAINING_ASCII", "off")
    assert not layout.ascii_only() and layout.ascii_request() is False


def test_the_command_line_writes_text_to_a_pipe_in_ascii_and_documents_as_they_are(cli, monkeypatch):
    monkeypatch.delenv("BARGAINING_ASCII")
    table = cli("solve", "games/baseline.toml")
    assert table.code == 0 and table.out.isascii() and "+----" in table.out
    markdown = cli("solve", "games/baseline.toml", "--format", "markdown")
    assert markdown.code == 0 and "Détente" not in markdown.out and "ally" in markdown.out
    derive = cli("derive", "games/baseline.toml", "--format", "markdown")
    assert derive.code == 0 and "≥" in derive.out  # a document keeps its characters


def test_solve_through_a_pipe_is_ascii_and_80_columns_wide():
    import os
    import subprocess
    import sys

    env = {k: v for k, v in os.environ.items() if k not in ("BARGAINING_ASCII", "COLUMNS")}
    out = subprocess.run([sys.executable, "cli.py", "solve", "games/baseline.toml"], cwd=ROOT, env=env,
                         capture_output=True, check=True).stdout
    assert out.isascii() and max(map(len, out.splitlines())) <= 80
    assert b"+-" in out or b"|" in out  # a table, in ASCII boxes


def test_ascii_mode_spells_marks_in_ascii(monkeypatch):
    assert layout.plain("a ≥ 0 → b") == "a ≥ 0 → b"
    monkeypatch.setenv("BARGAINING_ASCII", "1")
    assert layout.plain("a ≥ 0 → b × c — d") == "a >= 0 -> b x c -- d"
    with layout.using(ascii=False):
        assert layout.plain("≥") == "≥"


def _game_file_characters() -> set[str]:
    text = "".join(p.read_text(encoding="utf-8") for p in (ROOT / "games").rglob("*.toml"))
    return {ch for ch in text if ord(ch) > 127}


@pytest.mark.parametrize("argv", [
    ("solve", "games/baseline.toml"), ("solve", "games/treaty_proposal.toml"), ("solve", "games/triangle.toml"),
    ("explain", "games/baseline.toml"), ("explain", "games/resolve.toml"), ("explain", "games/triangle/detente.toml"),
    ("scenarios", "games"), ("scenarios", "games/triangle"),
])
@pytest.mark.parametrize("how", ["environment", "flag"])
def test_ascii_output_is_ascii_but_for_the_game_files_names(cli, monkeypatch, argv, how):
    if how == "environment":
        monkeypatch.setenv("BARGAINING_ASCII", "1")
        result = cli(*argv)
    else:
        result = cli("--ascii", *argv)
    assert result.code == 0, result.err
    assert {ch for ch in result.out if ord(ch) > 127} <= _game_file_characters()
    assert not any(ch in result.out for ch in "┏━│└")


def test_unicode_boxes_by_default(cli):
    out = cli("solve", "games/baseline.toml").out
    assert "┏" in out and "\x1b" not in out


# ----------------------------------------------------------------------------- every command fits the page

GAMES = sorted(p.relative_to(ROOT).as_posix() for p in (ROOT / "games").rglob("*.toml"))
TREES = {"games/resolve.toml", "games/treaty_proposal.toml"}
NPLAYER = {g for g in GAMES if g == "games/triangle.toml" or g.startswith("games/triangle/")}
TWO = [g for g in GAMES if g not in TREES | NPLAYER]

#: command -> (cheap options, the games it takes); derive is slow (sympy), so it runs on two files only
COMMANDS = {
    "solve": ([], GAMES),
    "explain": ([], GAMES),
    "robustness": (["--draws", "8"], TWO[::2]),
    "outlook": (["--draws", "8", "--samples", "8"], TWO[::2]),
    "calibrate": ([], TWO[:2]),
    "sensitivity": (["--samples", "8"], TWO[::2]),
    "bargain": ([], TWO),
    "repeat": ([], TWO[:2]),
    "qre": (["--lambdas", "1,10"], TWO[:2] + sorted(NPLAYER)[:1]),
    "sweep": (["--vary", "T=0:1:3"], TWO[:2] + ["games/treaty_proposal.toml"]),
    "sweep --vary T_R": (["--vary", "T_R=0:1:3"], ["games/triangle/detente.toml"]),
    "derive": (["--only", "(hedge, hedge)"], ["games/detente.toml"]),
}
CASES = [(cmd, game) for cmd, (_, games) in COMMANDS.items() for game in games]


def _too_wide(text: str, columns: int) -> list[str]:
    return [line for line in text.splitlines() if len(line) > columns and len(line.split()) > 1]


def _run(cli, monkeypatch, columns, *argv):
    monkeypatch.setenv("COLUMNS", str(columns))
    result = cli(*argv)
    assert result.code == 0, result.err
    return result.out


@pytest.mark.parametrize("command, game", CASES, ids=[f"{c}-{g}" for c, g in CASES])
def test_every_command_fits_80_columns(cli, monkeypatch, command, game):
    out = _run(cli, monkeypatch, 80, command.split()[0], game, *COMMANDS[command][0])
    assert out.strip()
    assert _too_wide(out, 80) == []


@pytest.mark.parametrize("game", ["games/baseline.toml", "games/triangle.toml", "games/treaty_proposal.toml",
                                  "games/two_front.toml"])
@pytest.mark.parametrize("command", ["solve", "explain"])
def test_main_commands_fit_60_columns(cli, monkeypatch, command, game):
    assert _too_wide(_run(cli, monkeypatch, 60, command, game), 60) == []


@pytest.mark.parametrize("columns", [60, 80])
@pytest.mark.parametrize("folder", ["games", "games/triangle"])
def test_scenarios_fit(cli, monkeypatch, folder, columns):
    assert _too_wide(_run(cli, monkeypatch, columns, "scenarios", folder), columns) == []


@pytest.mark.parametrize("columns", [80])  # argparse keeps an option's usage, such as [--format {...}], whole
def test_help_fits(cli, monkeypatch, columns):
    from bargaining.cli import COMMANDS as NAMES

    for name in ("", *NAMES):
        assert _too_wide(_run(cli, monkeypatch, columns, *([name] if name else []), "--help"), columns) == [], name


def test_a_wider_terminal_gets_wider_tables(cli, monkeypatch):
    narrow = _run(cli, monkeypatch, 80, "scenarios", "games")
    wide = _run(cli, monkeypatch, 120, "scenarios", "games")
    assert max(map(len, wide.splitlines())) > 80 >= max(map(len, narrow.splitlines()))


def test_not_a_terminal_is_80_columns(monkeypatch):
    from bargaining.render import layout

    monkeypatch.delenv("COLUMNS", raising=False)
    monkeypatch.setattr(sys, "stdout", io.StringIO())
    assert layout.width() == 80
    monkeypatch.setenv("COLUMNS", "100")
    assert layout.width() == 100
    with layout.using(columns=70):
        assert layout.width() == 70
