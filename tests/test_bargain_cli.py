"""The ``bargain`` command, run for real: ``python cli.py bargain FILE ...``.

Known answers from the design note (``shared/design/alliance-model.md``,
"Bargaining over treaty terms"): at baseline the treaty surplus is -0.184, so
there is no treaty at any terms; in the Taiwan crisis it is 0.281, split by
the weighted Nash solution with China's weight (1 + a)/2 = 0.865 when the file
states that power (the scenario files leave it equal).
"""

from __future__ import annotations

import json
import subprocess
import sys
from fractions import Fraction as F
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
BASELINE = str(ROOT / "games" / "baseline.toml")


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "cli.py", "bargain", *args], cwd=ROOT, capture_output=True, text=True, timeout=120
    )


def run_json(*args: str) -> dict:
    out = run(*args, "--format", "json")
    assert out.returncode == 0, out.stderr
    return json.loads(out.stdout)


def game_file(tmp_path: Path, bargaining: str) -> str:
    path = tmp_path / "game.toml"
    path.write_text(f'extends = "{BASELINE}"\ntitle = "test"\n\n[bargaining]\n{bargaining}\n', encoding="utf-8")
    return str(path)


def capability_weights(tmp_path: Path) -> str:
    """The Taiwan crisis with bargaining power from capabilities, stated in its [bargaining] table."""
    path = tmp_path / "taiwan_capabilities.toml"
    taiwan = ROOT / "games" / "taiwan_crisis.toml"
    path.write_text(f'extends = "{taiwan}"\n\n[bargaining]\nweights = ["1 - (1 + a)/2", "(1 + a)/2"]\n',
                    encoding="utf-8")
    return str(path)


def test_baseline_no_treaty_at_any_terms():
    data = run_json("games/baseline.toml")
    problem = data["problem"]
    assert problem["disagreement"] == {"payoffs": ["9/40", "19/100"], "outcome": "align, align"}
    assert problem["disagreement_rule"] == "the profile (align, align), an equilibrium of the game"
    assert F(problem["surplus_by_outcome"]["ally, ally"]) == F("-0.184")
    assert problem["agreement_exists"] is False
    assert [s["solution"] for s in data["solutions"]] == [
        "nash", "kalai-smorodinsky", "egalitarian", "utilitarian", "rubinstein",
    ]
    for s in data["solutions"]:
        assert s["exists"] is False
        assert s["payoffs"] == ["9/40", "19/100"] and s["agreement"] == {}
        assert "no agreement at any terms" in s["notes"][0]


def test_taiwan_crisis_weighted_nash_split(tmp_path):
    data = run_json(capability_weights(tmp_path), "--solution", "weighted-nash")
    problem = data["problem"]
    assert problem["transfers"] is True
    assert problem["disagreement"]["outcome"] == "align, align"
    assert F(problem["surplus"]) == F("0.281")
    assert [F(w) for w in problem["weights"]] == [F("0.135"), F("0.865")]
    (s,) = data["solutions"]
    assert s["solution"] == "weighted-nash" and s["exists"] and s["exact"]
    assert [F(x) for x in s["payoffs"]] == [F("0.45") + F("0.135") * F("0.281"), F("0.45") + F("0.865") * F("0.281")]
    assert s["agreement"] == {"ally, ally": "1"}
    assert F(s["transfer"]) == F("-0.023065")  # Russia pays China on top of the treaty


def test_set_overrides_reach_the_weights(tmp_path):
    # a = 0.5: China's weight (1 + a)/2 = 3/4
    data = run_json(capability_weights(tmp_path), "--solution", "weighted-nash", "--set", "a=0.5")
    assert data["problem"]["weights"] == ["1/4", "3/4"]
    (s,) = data["solutions"]
    # the treaty surplus changes with a too: Russia's junior cost j*a
    S = F(data["problem"]["surplus"])
    assert S == F("0.281") + F("0.3") * (F("0.73") - F("0.5"))
    assert [F(x) for x in s["payoffs"]] == [F("0.45") + S / 4, F("0.45") + 3 * S / 4]


def test_rubinstein_shares_in_the_json():
    data = run_json("games/taiwan_crisis.toml", "--solution", "rubinstein")
    (s,) = data["solutions"]
    S = F("0.281")
    share = (1 - F("0.95")) / (1 - F("0.95") ** 2)  # Russia proposes first
    assert [F(x) for x in s["payoffs"]] == [F("0.45") + share * S, F("0.45") + (1 - share) * S]
    assert s["parameters"]["first proposer"] == "Russia"
    assert s["parameters"]["limit weights"] == ["1/2", "1/2"]


def test_equilibrium_disagreement_in_a_game_with_a_treaty_equilibrium(tmp_path):
    path = game_file(tmp_path, 'disagreement = "equilibrium"\ntransfers = true')
    data = run_json(path, "--set", "T=1", "--set", "w_R=0.1", "--set", "w_C=0.1", "--set", "e_R=0.12")
    problem = data["problem"]
    assert problem["disagreement"]["outcome"] == "ally, ally"
    assert "payoff dominance" in problem["disagreement_rule"]
    assert any("set bargaining.disagreement" in n for n in problem["notes"])
    assert all(not s["exists"] for s in data["solutions"])


def test_numeric_disagreement_and_discount_formulas(tmp_path):
    path = game_file(
        tmp_path,
        'disagreement = [0, "lam * w_C"]\ndiscount = ["1 - r", 0.9]\nfirst = "China"\nweights = [0.25, 0.75]',
    )
    data = run_json(path)
    problem = data["problem"]
    assert problem["disagreement"]["payoffs"] == ["0", "11/100"]
    assert problem["discount"] == ["19/20", "9/10"] and problem["first_proposer"] == "China"
    nash = data["solutions"][1]
    assert nash["solution"] == "weighted-nash" and nash["exists"]


@pytest.mark.parametrize(
    "table, where",
    [
        ('weights = ["1/2", "1/3"]', "bargaining.weights: expected two weights summing to 1"),
        ('weights = [0.5, "b + 1"]', "bargaining.weights[1]: unknown name 'b'"),
        ('weights = [0.5, "0.5 +"]', "bargaining.weights[1]"),
        ("discount = [0.9, 1.5]", "bargaining.discount[1]: expected a discount factor"),
        ('disagreement = "ally, friend"', "bargaining.disagreement: expected"),
        ("transfers = 1", "bargaining.transfers: expected true or false"),
        ("treaty = true", "bargaining.treaty: unknown key 'treaty'; known keys: disagreement"),
        ('first = "USA"', "bargaining.first: expected one of the players (Russia, China)"),
    ],
)
def test_bad_bargaining_tables_are_one_line_errors(tmp_path, table, where):
    out = run(game_file(tmp_path, table))
    assert out.returncode == 2
    assert out.stdout == ""
    lines = out.stderr.strip().splitlines()
    assert len(lines) == 1 and where in lines[0], out.stderr


def test_table_markdown_latex_and_plot(tmp_path):
    png = tmp_path / "taiwan.png"
    out = run(capability_weights(tmp_path), "--plot", str(png))
    assert out.returncode == 0, out.stderr
    assert "weighted-nash" in out.stdout and "0.487935" in out.stdout
    assert "Russia → China 0.023065" in out.stdout
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    md = run("games/baseline.toml", "--format", "markdown")
    assert md.returncode == 0 and "| nash | 0.225 | 0.19 |" in md.stdout
    tex = run("games/taiwan_crisis.toml", "--format", "latex", "--solution", "egalitarian")
    assert tex.returncode == 0 and r"\begin{tabular}" in tex.stdout and "egalitarian" in tex.stdout
