"""Tests of :mod:`bargaining.analysis.scenarios`: the study's scenario table, reproduced exactly.

The table is that of docs/explanation/model.md, "Scenarios".

The expected equilibria are those of the design note's table, checked there
with Gambit; each scenario file extends games/baseline.toml.
"""

from __future__ import annotations

import json
import shutil
from fractions import Fraction as F
from pathlib import Path

import pytest

from bargaining.analysis.scenarios import (
    describe_equilibrium,
    equilibrium_set,
    scenario,
    solve_folder,
    treaty_analysis,
    treaty_margins,
    treaty_profile,
)
from bargaining.errors import InputError
from bargaining.io.gamefile import game_files, load_model
from bargaining.solvers.registry import solve

ROOT = Path(__file__).resolve().parents[2]
GAMES = ROOT / "games"
S = ("ally", "align", "hedge")


def mix(ally, align, hedge=0):
    return (F(ally), F(align), F(hedge))


ALLY, ALIGN, HEDGE = mix(1, 0), mix(0, 1), mix(0, 0, 1)

# file -> (changed parameters, equilibria as (Russia, China) strategies over (ally, align, hedge))
TABLE = {
    "baseline": ({}, {(ALIGN, ALIGN)}),
    "taiwan_crisis": (
        {"T": "1.0", "w_R": "0.10", "w_C": "0.10", "e_R": "0.12"},
        {(ALLY, ALLY), (ALIGN, ALIGN), (mix("23/45", "22/45"), mix("170/231", "61/231"))},
    ),
    "nato_escalation": (
        {"T": "0.9", "w_R": "0.05", "e_C": "0.23"},
        {(ALLY, ALLY), (ALIGN, ALIGN), (mix("17/20", "3/20"), mix("125/181", "56/181"))},
    ),
    "deeper_sanctions": ({"w_R": "0.03", "w_C": "0.18"}, {(ALIGN, ALIGN)}),
    "junior_partner": ({"T": "0.9", "a": "0.95"}, {(ALIGN, ALIGN)}),
    "detente": ({"T": "0.3", "w_R": "0.2", "w_C": "0.3"}, {(HEDGE, HEDGE)}),
    "two_front": (
        {"T": "1.0", "w_R": "0.03", "w_C": "0.05", "e_R": "0.05", "e_C": "0.08"},
        {(ALLY, ALLY), (ALIGN, ALIGN), (mix("7/30", "23/30"), mix("65/231", "166/231"))},
    ),
}


@pytest.fixture(scope="module")
def table():
    return solve_folder(GAMES)


@pytest.mark.parametrize("name", list(TABLE))
def test_equilibria_match_the_study_table_exactly(table, name):
    _, expected = TABLE[name]
    sol = table.row(name).solution
    assert sol.exact and sol.method == "exact"
    assert {(e.x, e.y) for e in sol.equilibria} == expected
    assert all(e.regret == (0, 0) for e in sol.equilibria)


@pytest.mark.parametrize("name", [n for n in TABLE if n != "baseline"])
def test_scenarios_extend_the_baseline_and_change_only_the_table_parameters(table, name):
    changes, _ = TABLE[name]
    row = table.row(name)
    assert Path(row.parent).name == "baseline.toml"
    assert {c.name: c.new for c in row.changes} == {k: F(v) for k, v in changes.items()}
    base = load_model(GAMES / "baseline.toml")
    assert all(c.old == base.parameters[c.name].value for c in row.changes)
    text = (GAMES / f"{name}.toml").read_text(encoding="utf-8")
    assert 'extends = "baseline.toml"' in text
    model = load_model(GAMES / f"{name}.toml")
    assert model.title != base.title and model.description and model.expectation


def test_scenario_expectations_are_the_studys(table):
    expected = {
        "baseline": "deep alignment, no treaty",
        "taiwan_crisis": "alliance possible",
        "nato_escalation": "alliance possible",
        "deeper_sanctions": "closer alignment, still no treaty",
        "junior_partner": "Russia refuses the junior role",
        "detente": "drift apart",
        "two_front": "alliance likely",
    }
    assert {n: table.row(n).expectation for n in expected} == expected


def test_taiwan_crisis_ally_payoff_dominant_align_risk_dominant(table):
    row = table.row("taiwan_crisis")
    assert row.payoff_dominant == "(ally, ally)"
    assert row.risk_dominant == "(align, align)"
    assert (row.selected, row.selection_rule) == ("(ally, ally)", "payoff dominance")
    assert row.treaty_is_equilibrium is True


def test_nato_escalation_is_a_stag_hunt_like_taiwan(table):
    row = table.row("nato_escalation")
    assert (row.payoff_dominant, row.risk_dominant) == ("(ally, ally)", "(align, align)")
    assert row.selection_rule == "payoff dominance"


def test_two_front_ally_payoff_and_risk_dominant(table):
    row = table.row("two_front")
    assert row.payoff_dominant == row.risk_dominant == row.selected == "(ally, ally)"
    assert row.selection_rule == "payoff dominance"
    assert row.treaty_is_equilibrium is True


def test_junior_partner_china_would_sign_russia_blocks(table):
    row = table.row("junior_partner")
    assert row.equilibria == ("(align, align)",)
    assert (row.selected, row.selection_rule) == ("(align, align)", "unique")
    assert row.treaty_is_equilibrium is False
    assert row.blockers == (0,) and row.signers == (1,)
    assert row.treaty_text() == "no: Russia blocks"
    # Russia's margin is G_R = (1 - lam)(T - w_R) - e_R - r - j a = 0.375 - 0.15 - 0.285 (docs/explanation/model.md)
    assert treaty_margins(row.solution.game) == (F(-6, 100), F(11, 100))


@pytest.mark.parametrize(
    "name, rule", [("baseline", "unique"), ("deeper_sanctions", "unique"), ("detente", "unique")]
)
def test_single_equilibrium_scenarios(table, name, rule):
    row = table.row(name)
    assert row.selection_rule == rule and row.treaty_is_equilibrium is False


def test_every_game_file_loads_and_solves(table):
    files = sorted(p.name for p in game_files(GAMES, trees=False) if load_model(p).n_players == 2)
    assert sorted(Path(r.source).name for r in table.rows) == files
    assert table.ok
    for r in table.rows:
        assert r.solution.equilibria and r.solution.complete


def test_rows_list_the_parent_first():
    names = [r.name for r in solve_folder(GAMES).rows]
    assert names[0] == "baseline"


def test_equilibrium_set_describes_mixed_equilibria_by_support(table):
    assert equilibrium_set(table.row("taiwan_crisis").solution) == (
        "(ally, ally)",
        "(align, align)",
        "mixed {ally, align} x {ally, align}",
    )


def test_to_dict_is_json_ready(table):
    data = json.loads(json.dumps(table.to_dict()))
    taiwan = next(s for s in data["scenarios"] if s["name"] == "taiwan_crisis")
    assert {"name": "T", "old": "3/5", "new": "1"} in taiwan["changes"]
    mixed = next(e for e in taiwan["equilibria"] if not e["pure"])
    assert mixed["strategies"] == {
        "Russia": {"ally": "23/45", "align": "22/45"},
        "China": {"ally": "170/231", "align": "61/231"},
    }


def test_set_overrides_apply_to_every_file():
    model = load_model(GAMES / "junior_partner.toml", {"a": "0.7"})
    assert scenario(model).treaty_is_equilibrium is True


@pytest.fixture()
def folder_with_bad_file(tmp_path):
    shutil.copy(GAMES / "baseline.toml", tmp_path / "baseline.toml")
    shutil.copy(GAMES / "detente.toml", tmp_path / "detente.toml")
    broken = 'extends = "baseline.toml"\ntitle = "x"\n[parameters]\nT = 7\n'
    (tmp_path / "broken.toml").write_text(broken, encoding="utf-8")
    return tmp_path


def test_a_bad_file_is_reported_and_the_others_solved(folder_with_bad_file):
    table = solve_folder(folder_with_bad_file)
    assert [r.name for r in table.rows] == ["baseline", "detente"]
    assert len(table.failures) == 1 and "broken.toml" in table.failures[0].source
    assert "outside its range" in table.failures[0].message


def test_missing_or_empty_folder_is_an_input_error(tmp_path):
    with pytest.raises(InputError, match="no game files"):
        solve_folder(tmp_path)
    with pytest.raises(InputError, match="not found"):
        solve_folder(tmp_path / "nope")


# ----------------------------------------------------------------------------- the command line


# ----------------------------------------------------------------------------- three or more players
# Scenario rows of games of three or more players (bargaining.analysis.scenarios): the triangle's table.
# The triangle's scenarios (``games/triangle/``) are the study's scenarios with
# the United States a player. Under ``contain_both`` with ``T_R = T_C = T`` the
# Russia–China game is the two-player game of the same scenario; the table says
# which equilibria survive once the United States can answer.


SCENARIOS = ("taiwan_crisis", "nato_escalation", "deeper_sanctions", "junior_partner", "detente", "two_front")


@pytest.fixture(scope="module")
def triangle_table():
    return solve_folder("games/triangle")


@pytest.mark.parametrize("name", SCENARIOS)
def test_under_dual_containment_russia_and_china_play_the_two_player_game(name):
    tri = load_model(f"games/triangle/{name}.toml").game()
    two = load_model(f"games/{name}.toml").game()
    for i in range(3):
        for j in range(3):
            assert (tri.payoff(1, 0, i, j), tri.payoff(2, 0, i, j)) == (two.A[i][j], two.B[i][j])


def test_the_table_of_the_triangle(triangle_table):
    assert triangle_table.ok and [r.name for r in triangle_table.rows] == [
        "baseline", "deeper_sanctions", "detente", "junior_partner", "nato_escalation", "reverse_kissinger",
        "taiwan_crisis", "two_front"]
    rows = {r.name: r for r in triangle_table.rows}
    assert rows["baseline"].equilibria == ("(contain_both, align, align)",)
    assert rows["detente"].equilibria == ("(contain_both, hedge, hedge)",)
    assert rows["reverse_kissinger"].equilibria == ("(wedge_Russia, hedge, align)",)
    # the crisis scenarios keep the treaty in the two-player game; with the United States a player they do not
    for name in ("taiwan_crisis", "nato_escalation"):
        r = rows[name]
        assert r.equilibria == ("(contain_both, align, align)",) and r.treaty_is_equilibrium is False
        assert r.treaty_text() == "no: Russia blocks (United States: wedge_Russia)"
    two_front = rows["two_front"]
    assert len(two_front.solution.equilibria) == 3 and two_front.treaty_probability == F(1, 3)
    assert two_front.treaty_text().endswith("; mixed: 1/3")


def test_the_folder_of_the_study_leaves_the_triangle_out():
    names = [r.name for r in solve_folder("games").rows]
    assert "triangle" not in names and names[0] == "baseline"


def test_treaty_analysis_when_the_treaty_holds():
    m = load_model("games/triangle/taiwan_crisis.toml").with_values({"D_R": "0.45"})
    sol = solve(m.game())
    profile, is_eq, blockers, responses, p = treaty_analysis(sol)
    assert profile == (None, 0, 0) and is_eq and blockers == () and p is None
    row = scenario(m)
    assert row.treaty_text() == "yes" and "(contain_both, ally, ally)" in row.equilibria


def test_describe_names_every_player_of_a_mixed_equilibrium():
    sol = solve(load_model("games/triangle/two_front.toml").game())
    assert describe_equilibrium(sol.game, sol.equilibria[2]) == (
        "mixed (United States contain_both 67/150, wedge_Russia 83/150; Russia ally 1/3, align 2/3; China ally)")
    assert describe_equilibrium(sol.game, sol.equilibria[2], probabilities=False) == (
        "mixed {contain_both, wedge_Russia} x {ally, align} x {ally}")


def test_json_rows_of_the_triangle(triangle_table):
    d = triangle_table.to_dict()["scenarios"][-1]
    assert d["name"] == "two_front" and d["treaty_probability"] == "1/3"
    assert d["treaty_signers"] == ["Russia", "China"] and d["treaty_responses"] == {"United States": "wedge_Russia"}
    assert set(d["equilibria"][2]["strategies"]) == {"United States", "Russia", "China"}


def test_treaty_profile_needs_two_signers():
    g = load_model("games/triangle.toml").game()
    assert treaty_profile(g) == (None, 0, 0) and treaty_profile(g, treaty="engage") is None


#: Inside the ranges, ally beats align for Russia (G_R > 0) but not hedge (H_R < 0): no treaty.
COUNTEREXAMPLE = dict(T="0.5", w_R="0.3", lam="0.3", e_R="0.13", r="0", j="0", w_C="0.01", e_C="0.01")


def test_g_alone_does_not_make_a_treaty():
    m = load_model(ROOT / "games" / "baseline.toml").with_values(COUNTEREXAMPLE)
    v = m.values()
    G_R = (1 - v["lam"]) * (v["T"] - v["w_R"]) - v["e_R"] - v["r"] - v["j"] * v["a"]
    H_R = v["T"] * (1 - v["lam"] / 2) - v["w_R"] - v["e_R"] - v["r"] - v["j"] * v["a"]
    assert G_R == F(1, 100) > 0 > H_R == F(-1, 200)
    row = scenario(m)
    assert row.equilibria == ("(hedge, align)",) and row.treaty_text() == "no: Russia blocks"
    assert treaty_margins(m.game())[0] == min(G_R, H_R)


def test_the_model_page_states_the_full_condition():
    text = (ROOT / "docs" / "explanation" / "model.md").read_text(encoding="utf-8")
    assert "H_i = T·(1 − lam/2) − w_i − e_i − r − J_i ≥ 0" in text
    assert "T = 0.5, w_R = 0.3, lam = 0.3, e_R = 0.13, r = 0, j = 0, w_C = e_C = 0.01" in text


def test_rows_say_what_is_ordinal_and_the_check_when_asked():
    table = solve_folder(ROOT / "games", ordinal=True)
    taiwan = table.row("taiwan_crisis")
    assert "whether the treaty is an equilibrium, and who blocks it" in taiwan.claims().ordinal
    assert taiwan.ordinal.risk_kept < 1 and taiwan.ordinal.set_kept == 1.0
    assert taiwan.to_dict()["ordinal"]["verdict"].startswith("pure equilibria ordinal")
    for row in table.rows:  # every pure equilibrium of the study holds for any same-ranking payoffs
        assert all(p.kept == 1.0 for p in row.ordinal.pure)
    assert solve_folder(ROOT / "games").row("baseline").ordinal is None
