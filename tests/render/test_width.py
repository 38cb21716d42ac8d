"""Every command's text output fits the page: no line wider than COLUMNS (80, and 60 for the main commands),
for every game file in games/, except a line that is one unbreakable word (a URL)."""

from __future__ import annotations

import io
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
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
