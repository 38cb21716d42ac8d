"""What the scenario table claims (:mod:`bargaining.analysis.scenarios`): ordinal and cardinal, and the treaty's condition."""

from __future__ import annotations

from fractions import Fraction as F
from pathlib import Path

from bargaining.analysis.scenarios import scenario, solve_folder, treaty_margins
from bargaining.io.gamefile import load_model

ROOT = Path(__file__).resolve().parents[2]

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
