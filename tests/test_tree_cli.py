"""Game trees on the command line and in the API: solve, --params, scenarios --form, sweep, export (in process)."""

import json
from fractions import Fraction as F

import pytest

import bargaining as bg
from bargaining.cli import main
from bargaining.io.efg import parse_efg
from bargaining.io.gamefile import game_files
from bargaining.solvers.tree import solve_tree

TREATY_SCENARIOS = {"taiwan_crisis", "nato_escalation", "two_front"}


def run(capsys, *argv):
    status = main(list(argv))
    out, err = capsys.readouterr()
    return status, out, err


def run_json(capsys, *argv):
    status, out, err = run(capsys, *argv, "--format", "json")
    assert status == 0, err
    return json.loads(out)


def is_treaty(outcome: str) -> bool:
    return outcome == "treaty" or outcome.endswith("(ally, ally)")


@pytest.mark.parametrize("path", [p for p in game_files("games", trees=False) if bg.load(p).n_players == 2], ids=lambda p: p.stem)
def test_solve_the_proposal_game_under_each_scenario(capsys, path):
    data = run_json(capsys, "solve", "games/treaty_proposal.toml", "--params", str(path))
    outcomes = {e["outcome"] for e in data["subgame_perfect"]}
    assert None not in outcomes
    assert all(is_treaty(o) for o in outcomes) == (path.stem in TREATY_SCENARIOS)
    assert any(is_treaty(o) for o in outcomes) == (path.stem in TREATY_SCENARIOS)
    # the JSON keeps the strategic form's equilibria, each marked, and the SPEs' paths, readings and payoffs
    assert data["equilibria"] and all(e["subgame_perfect"] in (True, False, None) for e in data["equilibria"])
    first = data["subgame_perfect"][0]
    assert set(first) >= {"strategies", "path", "outcome", "payoffs", "reading"}
    assert data["parameters"]["T"] == str(bg.load(path).parameters["T"].value)


def test_non_subgame_perfect_equilibria_name_their_threat(capsys):
    data = run_json(capsys, "solve", "games/treaty_proposal.toml", "--params", "games/taiwan_crisis.toml")
    flagged = [e for e in data["equilibria"] if e["subgame_perfect"] is False]
    assert flagged and all(e["threats"] for e in flagged)
    for e in flagged:
        for t in e["threats"]:
            assert F(t["better_value"]) > F(t["value"])
    # every SPE of backward induction is among the equilibria marked subgame-perfect (same path and payoffs)
    marked = {(tuple(e["path"] or ()), tuple(e["payoffs"].values())) for e in data["equilibria"] if e["subgame_perfect"]}
    for e in data["subgame_perfect"]:
        assert (tuple(e["path"]), tuple(e["payoffs"].values())) in marked


def test_text_output_fits_80_columns_and_marks_the_path(capsys):
    status, out, _ = run(capsys, "solve", "games/treaty_proposal.toml", "--params", "games/taiwan_crisis.toml")
    assert status == 0
    assert max(len(line) for line in out.splitlines()) <= 80
    assert "├─▶ propose → ratification" in out and "Subgame-perfect equilibria: 16" in out
    assert "is not credible" in out


def test_params_and_set_compose(capsys):
    # --set applies after --params
    data = run_json(capsys, "solve", "games/treaty_proposal.toml", "--params", "games/taiwan_crisis.toml", "--set", "T=0.6")
    assert data["parameters"]["T"] == "3/5" and data["parameters"]["w_C"] == "1/10"


def test_params_from_a_file_with_unknown_parameters_is_an_error(capsys, tmp_path):
    other = tmp_path / "other.toml"
    other.write_text(open("games/baseline.toml", encoding="utf-8").read().replace(
        "[parameters]", "[parameters]\nzeta = 1"), encoding="utf-8")
    status, _, err = run(capsys, "solve", "games/treaty_proposal.toml", "--params", str(other))
    assert status == 2 and "--params" in err and "'zeta'" in err and len(err.strip().splitlines()) == 1


def test_a_bad_tree_on_the_command_line(capsys, tmp_path):
    bad = tmp_path / "bad.toml"
    bad.write_text('title = "x"\nplayers = ["A"]\n[tree]\nr = { player = "A", moves = { a = "nowhere" } }\n', encoding="utf-8")
    status, out, err = run(capsys, "solve", str(bad))
    assert status == 2 and not out
    assert err.strip() == f"error: {bad}, node r: a move leads to node 'nowhere', which does not exist"


def test_scenarios_with_a_form(capsys):
    data = run_json(capsys, "scenarios", "--form", "games/treaty_proposal.toml")
    rows = {r["name"]: r for r in data["scenarios"]}
    assert set(rows) == {p.stem for p in game_files("games", trees=False) if bg.load(p).n_players == 2}
    for name, row in rows.items():
        readings = [o["reading"] for o in row["form"]["outcomes"]]
        alliance = [r.startswith("a military alliance") for r in readings]
        assert all(alliance) == any(alliance) == (name in TREATY_SCENARIOS), (name, readings)
        assert sum(o["equilibria"] for o in row["form"]["outcomes"]) == len(row["form"]["subgame_perfect"])
        assert row["equilibria"]  # the simultaneous game's, as in the plain table


def test_plain_scenarios_leave_the_forms_out(capsys):
    data = run_json(capsys, "scenarios")
    names = {r["name"] for r in data["scenarios"]}
    assert "treaty_proposal" not in names and "resolve" not in names and "form" not in data
    assert data["errors"] == []


def test_resolve_is_a_signalling_game_with_a_separating_equilibrium_where_the_pledge_is_cheap(capsys):
    base = run_json(capsys, "solve", "games/resolve.toml")["perfect_bayesian"]["perfect_bayesian"]
    crisis = run_json(capsys, "solve", "games/resolve.toml", "--params", "games/taiwan_crisis.toml")
    pbe = crisis["perfect_bayesian"]["perfect_bayesian"]
    # baseline: a pledge costs a resolute China more (w_C = 0.22) than Russia's stand gives it (T*lam - e_C = 0.12)
    assert {e["kind"] for e in base} == {"pooling"}
    separating = [e for e in pbe if e["kind"] == "separating"]
    assert len(separating) == 1
    s = separating[0]
    assert s["strategies"]["China"] == {"resolute": "pledge", "irresolute": "vague"}
    assert s["strategies"]["Russia"] == {"pledge": "firm", "vague": "back"}
    assert s["beliefs"]["pledge"]["P(resolute)"] == "1" and s["beliefs"]["vague"]["P(resolute)"] == "0"
    # with the prior 1/4 below Russia's threshold k_R / (T - e_R + k_R) = 5/16, no pooling equilibrium has Russia firm
    for e in pbe:
        if e["kind"] == "pooling":
            assert e["strategies"]["Russia"][e["strategies"]["China"]["resolute"]] == "back"
    # every PBE is a Bayesian Nash equilibrium of the strategic form (same behaviour)
    bne = {json.dumps(e["strategies"], sort_keys=True) for e in crisis["equilibria"] if e["pure"]}
    for e in pbe:
        strategies = {
            "China": {"resolute China": {m: ("1" if m == e["strategies"]["China"]["resolute"] else "0") for m in ("pledge", "vague")},
                      "irresolute China": {m: ("1" if m == e["strategies"]["China"]["irresolute"] else "0") for m in ("pledge", "vague")}},
            "Russia": {"after a pledge": {a: ("1" if a == e["strategies"]["Russia"]["pledge"] else "0") for a in ("firm", "back")},
                       "without a pledge": {a: ("1" if a == e["strategies"]["Russia"]["vague"] else "0") for a in ("firm", "back")}},
        }
        assert json.dumps(strategies, sort_keys=True) in bne


def test_sweep_a_tree(capsys):
    data = run_json(capsys, "sweep", "games/treaty_proposal.toml", "--vary", "T=0.6:1:5")
    assert [b["value"] for b in data["boundaries"]] == ["111/125"] and all(b["exact"] for b in data["boundaries"])
    calls = []
    sw = bg.sweep("games/treaty_proposal.toml", vary={"T": (0, 1, 6)}, progress=lambda d, t: calls.append((d, t)))
    assert calls[-1] == (6, 6)
    # each point's answer is an exact solve there
    for p in sw.points:
        m = bg.load("games/treaty_proposal.toml", set={"T": p.values[0]})
        spe = solve_tree(m.tree()).subgame_perfect
        assert set(p.outcomes) == {m.tree().node(e.outcome).label for e in spe}


def test_export_a_tree_to_efg_and_back(capsys):
    status, out, _ = run(capsys, "export", "games/treaty_proposal.toml", "--params", "games/taiwan_crisis.toml", "--to", "efg")
    assert status == 0
    back = parse_efg(out)
    ours = solve_tree(bg.load("games/treaty_proposal.toml", params="games/taiwan_crisis.toml").tree())
    again = solve_tree(back)
    assert len(again.equilibria) == len(ours.equilibria) and len(again.subgame_perfect) == len(ours.subgame_perfect)
    assert sorted(e.payoffs for e in again.equilibria) == sorted(e.payoffs for e in ours.equilibria)


def test_solve_reads_efg_files(capsys, tmp_path):
    path = tmp_path / "entry.efg"
    path.write_text('EFG 2 R "Entry" { "E" "I" } "" p "e" 1 1 "e" { "out" "in" } 0 t "o" 1 "" { 0, 2 } '
                    'p "r" 2 1 "r" { "fight" "share" } 0 t "f" 2 "" { -1, -1 } t "s" 3 "" { 1, 1 }', encoding="utf-8")
    data = run_json(capsys, "solve", str(path))
    assert [e["path"] for e in data["subgame_perfect"]] == [["in", "share"]]
    assert sorted(e["subgame_perfect"] for e in data["equilibria"] if e["pure"]) == [False, True]


def test_strategic_form_commands_refuse_a_tree(capsys):
    status, _, err = run(capsys, "robustness", "games/treaty_proposal.toml")
    assert status == 2 and "game tree" in err


def test_strategic_form_behaviour_is_unchanged(capsys):
    data = run_json(capsys, "solve", "games/baseline.toml", "--params", "games/taiwan_crisis.toml")
    direct = run_json(capsys, "solve", "games/taiwan_crisis.toml")
    assert data["equilibria"] == direct["equilibria"]
