"""Tests of the ``solve`` command (:mod:`bargaining.cli.solve`), run in process: JSON parsed, errors checked line by line."""

import json
from fractions import Fraction as F
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def test_baseline_json(cli_json):
    data = cli_json("solve", "games/baseline.toml")
    assert data["players"] == ["Russia", "China"]
    assert data["strategies"]["Russia"] == ["ally", "align", "hedge"]
    assert data["parameters"]["T"] == "3/5"
    assert data["method"] == "exact" and data["exact"] is True and data["degenerate"] is False
    assert len(data["equilibria"]) == 1
    eq = data["equilibria"][0]
    assert eq["strategies"]["Russia"] == {"ally": "0", "align": "1", "hedge": "0"}
    assert eq["strategies"]["China"] == {"ally": "0", "align": "1", "hedge": "0"}
    assert eq["payoffs"] == {"Russia": "9/40", "China": "19/100"}
    assert eq["pure"] is True and eq["strict"] is True
    assert eq["reading"] == "deep alignment without a treaty"
    assert data["components"] == [[0]]
    assert data["selected"] == 0 and data["selection_rule"] == "unique"


def test_set_moves_past_the_treaty_threshold(cli_json):
    data = cli_json("solve", "games/baseline.toml", "--set", "T=0.95")
    pure = [
        (next(s for s, p in e["strategies"]["Russia"].items() if p == "1"), next(s for s, p in e["strategies"]["China"].items() if p == "1"))
        for e in data["equilibria"]
        if e["pure"]
    ]
    assert pure == [("ally", "ally"), ("align", "align")]
    mixed = [e for e in data["equilibria"] if not e["pure"]]
    assert len(mixed) == 1
    ally = next(e for e in data["equilibria"] if e["pure"] and e["strategies"]["Russia"]["ally"] == "1")
    assert ally["payoff_dominant"] is True
    assert data["parameters"]["T"] == "19/20"


@pytest.mark.parametrize("method", ["support-enumeration", "vertex-enumeration", "lemke-howson"])
def test_floating_methods_are_marked(method, cli_json):
    data = cli_json("solve", "games/baseline.toml", "--method", method)
    assert data["method"] == method and data["exact"] is False
    assert isinstance(data["equilibria"][0]["payoffs"]["Russia"], float)
    assert data["equilibria"][0]["payoffs"]["Russia"] == pytest.approx(0.225)
    if method == "lemke-howson":
        assert data["complete"] is False
        assert any("not guaranteed" in w for w in data["warnings"])


def test_table_is_for_people(cli):
    result = cli("solve", "games/baseline.toml")
    assert result.code == 0
    out = result.out
    assert "Baseline: deep alignment without a treaty" in out
    assert "0.225* , 0.19*" in out  # (align, align): both best responses marked
    assert "deep alignment without a treaty" in out
    assert "strict" in out


def test_markdown_and_latex(cli):
    md = cli("solve", "games/baseline.toml", "--set", "T=1", "--format", "markdown").out
    assert "| Russia \\ China | ally | align | hedge |" in md
    assert "**Nash equilibria**" in md
    tex = cli("solve", "games/baseline.toml", "--set", "T=1", "--format", "latex").out
    assert r"\begin{tabular}" in tex and r"\end{enumerate}" in tex
    assert r"\tfrac" in tex  # exact mixed probabilities


def test_console_script_entry_point_matches_cli():
    from bargaining.cli import main

    assert main(["solve", str(ROOT / "games" / "baseline.toml"), "--format", "json"]) == 0


BAD_FILE = """title = "Bad"
players = ["Row", "Col"]
[strategies]
Row = ["a", "b"]
Col = ["c", "d"]
[payoffs]
Row = [[1, 2], [3, 4]]
Col = [[1, 2], [3, "{cell}"]]
"""


@pytest.mark.parametrize(
    "cell, message",
    [
        ("__import__('os').system('touch pwned')", "not allowed"),
        ("tau", "unknown name 'tau'"),
        ("1/0", "division by zero"),
        ("9^9^9^9", "too large"),
    ],
)
def test_bad_cells_give_one_line_and_status_2(tmp_path, cell, message, cli):
    path = tmp_path / "bad.toml"
    path.write_text(BAD_FILE.replace("{cell}", cell.replace('"', '\\"')))
    result = cli("solve", str(path), cwd=tmp_path)
    assert result.code == 2
    lines = result.err.strip().splitlines()
    assert len(lines) == 1, result.err
    assert str(path) in lines[0] and "payoffs.Col[1][1]" in lines[0] and message in lines[0]
    assert "Traceback" not in result.err
    assert result.out == ""
    assert not (tmp_path / "pwned").exists()


@pytest.mark.parametrize(
    "args, message",
    [
        (["solve", "games/baseline.toml", "--set", "tau=1"], "unknown parameter 'tau'"),
        (["solve", "games/baseline.toml", "--set", "T"], "expected NAME=VALUE"),
        (["solve", "games/baseline.toml", "--set", "T=nan"], "expected a number"),
        (["solve", "games/baseline.toml", "--set", "T=2"], "outside its range"),
        (["solve", "games/baseline.toml", "--method", "magic"], "unknown method 'magic'"),
        (["solve", "games/nothing.toml"], "file not found"),
        (["solve", "games/baseline.toml", "--format", "pdf"], "invalid choice"),
        (["solve", "games"], "folder"),
    ],
)
def test_bad_command_lines(args, message, cli):
    result = cli(*args)
    assert result.code == 2
    assert message in result.err
    assert "Traceback" not in result.err
    assert len(result.err.strip().splitlines()) <= 2  # argparse adds its usage line


def test_degenerate_game_reports_components(tmp_path, cli):
    path = tmp_path / "ties.toml"
    path.write_text(
        'title = "All ties"\nplayers = ["A", "B"]\n[strategies]\nA = ["x", "y"]\nB = ["u", "v"]\n'
        "[payoffs]\nA = [[0, 0], [0, 0]]\nB = [[0, 0], [0, 0]]\n"
    )
    result = cli("solve", str(path), "--format", "json")
    data = json.loads(result.out)
    assert data["degenerate"] is True
    assert len(data["equilibria"]) == 4
    assert data["components"] == [[0, 1, 2, 3]]
    table = cli("solve", str(path)).out
    assert "continuum" in table


def test_json_numbers_are_exact_strings(cli_json):
    data = cli_json("solve", "games/baseline.toml", "--set", "T=1")
    for e in data["equilibria"]:
        for probs in e["strategies"].values():
            assert sum(F(p) for p in probs.values()) == 1


def test_malformed_file_on_the_command_line_is_one_line(tmp_path, cli):
    bad = tmp_path / "bad.nfg"
    bad.write_text('NFG 1 R "x" { "a" "b" } { 2 2 }\n1 2 3 4 five')
    r = cli("solve", str(bad))
    assert r.code == 2
    assert r.err.strip() == (
        f"error: {bad}, line 2, column 9: expected a's payoff at (1, 2), profile 3 of 4 "
        "(an integer, decimal or fraction such as 3/2), found 'five'"
    )
    assert r.out == ""
