"""Tests of the ``scenarios`` command (:mod:`bargaining.cli.scenarios`), run in process.

The expected rows are the study's scenario table (docs/explanation/model.md,
"Scenarios"), checked there with Gambit.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from bargaining.io.gamefile import game_files, load_model
from tests.examples import TREATY_SCENARIOS

ROOT = Path(__file__).resolve().parents[2]
GAMES = ROOT / "games"
SCENARIOS = {"baseline", "taiwan_crisis", "nato_escalation", "deeper_sanctions", "junior_partner", "detente",
             "two_front"}


@pytest.fixture()
def folder_with_bad_file(tmp_path):
    shutil.copy(GAMES / "baseline.toml", tmp_path / "baseline.toml")
    shutil.copy(GAMES / "detente.toml", tmp_path / "detente.toml")
    broken = 'extends = "baseline.toml"\ntitle = "x"\n[parameters]\nT = 7\n'
    (tmp_path / "broken.toml").write_text(broken, encoding="utf-8")
    return tmp_path


def test_cli_scenarios_json(cli):
    proc = cli("scenarios", "--format", "json")
    assert proc.code == 0, proc.err
    data = json.loads(proc.out)
    rows = {s["name"]: s for s in data["scenarios"]}
    assert SCENARIOS <= set(rows)
    assert rows["taiwan_crisis"]["selected"] == "(ally, ally)"
    assert rows["taiwan_crisis"]["selection_rule"] == "payoff dominance"
    assert rows["taiwan_crisis"]["risk_dominant"] == "(align, align)"
    assert rows["two_front"]["risk_dominant"] == "(ally, ally)"
    assert rows["junior_partner"]["equilibrium_set"] == ["(align, align)"]
    assert rows["junior_partner"]["treaty_blocked_by"] == ["Russia"]
    assert rows["detente"]["equilibrium_set"] == ["(hedge, hedge)"]
    assert data["errors"] == []


def test_cli_scenarios_table_and_markdown(cli):
    table = cli("scenarios")
    assert table.code == 0, table.err
    assert "taiwan_crisis" in table.out and "170/231" in table.out and "payoff" in table.out
    md = cli("scenarios", "games", "--format", "markdown")
    assert md.code == 0
    line = next(l for l in md.out.splitlines() if "`junior_partner`" in l)
    assert "T 0.6 → 0.9" in line and "no: Russia blocks" in line
    latex = cli("scenarios", "--format", "latex")
    assert latex.code == 0 and r"\begin{tabular}" in latex.out


def test_cli_scenarios_bad_file_exits_2_with_one_error_line(folder_with_bad_file, cli):
    proc = cli("scenarios", str(folder_with_bad_file), "--format", "json")
    assert proc.code == 2
    errors = proc.err.strip().splitlines()
    assert len(errors) == 1 and errors[0].startswith("error: ") and "broken.toml" in errors[0]
    data = json.loads(proc.out)
    assert [s["name"] for s in data["scenarios"]] == ["baseline", "detente"]
    assert data["errors"][0]["file"].endswith("broken.toml")


def test_cli_scenarios_missing_folder(cli):
    proc = cli("scenarios", "no/such/folder")
    assert proc.code == 2 and proc.out == ""
    assert proc.err.strip().splitlines() == ["error: no/such/folder: folder not found"]


# ----------------------------------------------------------------------------- game trees


def test_scenarios_with_a_form(cli_json):
    data = cli_json("scenarios", "--form", "games/treaty_proposal.toml")
    rows = {r["name"]: r for r in data["scenarios"]}
    assert set(rows) == {p.stem for p in game_files("games", trees=False) if load_model(p).n_players == 2}
    for name, row in rows.items():
        readings = [o["reading"] for o in row["form"]["outcomes"]]
        alliance = [r.startswith("a military alliance") for r in readings]
        assert all(alliance) == any(alliance) == (name in TREATY_SCENARIOS), (name, readings)
        assert sum(o["equilibria"] for o in row["form"]["outcomes"]) == len(row["form"]["subgame_perfect"])
        assert row["equilibria"]  # the simultaneous game's, as in the plain table


def test_plain_scenarios_leave_the_forms_out(cli_json):
    data = cli_json("scenarios")
    names = {r["name"] for r in data["scenarios"]}
    assert "treaty_proposal" not in names and "resolve" not in names and "form" not in data
    assert data["errors"] == []


# ----------------------------------------------------------------------------- three or more players


def test_scenarios_of_the_triangle(cli, cli_json):
    r = cli("scenarios", "games/triangle/")
    assert r.code == 0, r.err
    assert "Scenarios in games/triangle/ (exact solver)" in r.out
    assert "'X blocks (Y: s)': with the other players answering" in r.out
    d = cli_json("scenarios", "games/triangle/")
    rows = {row["name"]: row for row in d["scenarios"]}
    assert set(rows) == {p.stem for p in Path("games/triangle").glob("*.toml")} and not d["errors"]
    # the crisis scenarios of the two-player study, where a treaty is an equilibrium: none survives the triangle
    for name in ("taiwan_crisis", "nato_escalation", "two_front"):
        pure = [e["description"] for e in rows[name]["equilibria"] if e["pure"]]
        assert pure == ["(contain_both, align, align)"]


def test_scenarios_of_games_leave_the_triangle_out(cli_json):
    names = {row["name"] for row in cli_json("scenarios", "games")["scenarios"]}
    assert "triangle" not in names and "taiwan_crisis" in names
