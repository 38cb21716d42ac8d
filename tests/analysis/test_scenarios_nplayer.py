"""Scenario rows of games of three or more players (bargaining.analysis.scenarios): the triangle's table.

The triangle's scenarios (``games/triangle/``) are the study's scenarios with
the United States a player. Under ``contain_both`` with ``T_R = T_C = T`` the
Russia–China game is the two-player game of the same scenario; the table says
which equilibria survive once the United States can answer.
"""

from __future__ import annotations

from fractions import Fraction as F

import pytest

from bargaining.analysis.scenarios import describe_equilibrium, scenario, solve_folder, treaty_analysis, treaty_profile
from bargaining.io.gamefile import load_model
from bargaining.solvers.registry import solve

SCENARIOS = ("taiwan_crisis", "nato_escalation", "deeper_sanctions", "junior_partner", "detente", "two_front")


@pytest.fixture(scope="module")
def table():
    return solve_folder("games/triangle")


@pytest.mark.parametrize("name", SCENARIOS)
def test_under_dual_containment_russia_and_china_play_the_two_player_game(name):
    tri = load_model(f"games/triangle/{name}.toml").game()
    two = load_model(f"games/{name}.toml").game()
    for i in range(3):
        for j in range(3):
            assert (tri.payoff(1, 0, i, j), tri.payoff(2, 0, i, j)) == (two.A[i][j], two.B[i][j])


def test_the_table_of_the_triangle(table):
    assert table.ok and [r.name for r in table.rows] == [
        "baseline", "deeper_sanctions", "detente", "junior_partner", "nato_escalation", "reverse_kissinger",
        "taiwan_crisis", "two_front"]
    rows = {r.name: r for r in table.rows}
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


def test_json_rows_of_the_triangle(table):
    d = table.to_dict()["scenarios"][-1]
    assert d["name"] == "two_front" and d["treaty_probability"] == "1/3"
    assert d["treaty_signers"] == ["Russia", "China"] and d["treaty_responses"] == {"United States": "wedge_Russia"}
    assert set(d["equilibria"][2]["strategies"]) == {"United States", "Russia", "China"}


def test_treaty_profile_needs_two_signers():
    g = load_model("games/triangle.toml").game()
    assert treaty_profile(g) == (None, 0, 0) and treaty_profile(g, treaty="engage") is None
