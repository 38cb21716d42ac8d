"""Tests of the ``bargain`` command (:mod:`bargaining.cli.bargain`), run in process through the shared fixtures.

Known answers from the design note (``shared/design/alliance-model.md``,
"Bargaining over treaty terms"): at baseline the treaty surplus is -0.184, so
there is no treaty at any terms; in the Taiwan crisis it is 0.281, split by
the weighted Nash solution with China's weight (1 + a)/2 = 0.865 when the file
states that power (the scenario files leave it equal). With
``--vary T``, the treaty surplus is S(T) = T - 0.784 at the disagreement point
(align, align), so an agreement exists exactly for T > 98/125.
"""

from __future__ import annotations

import csv
import io
import json
from fractions import Fraction as F
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
GAMES = ROOT / "games"
BASELINE = str(ROOT / "games" / "baseline.toml")


def game_file(tmp_path: Path, bargaining: str) -> str:
    path = tmp_path / "game.toml"
    path.write_text(f'extends = "{BASELINE}"\ntitle = "test"\n\n[bargaining]\n{bargaining}\n', encoding="utf-8")
    return str(path)


def capability_weights(tmp_path: Path) -> str:
    """The Taiwan crisis with bargaining power from capabilities, stated in its [bargaining] table."""
    path = tmp_path / "taiwan_capabilities.toml"
    taiwan = ROOT / "games" / "taiwan_crisis.toml"
    path.write_text(
        f'extends = "{taiwan}"\n\n[bargaining]\nweights = ["1 - (1 + a)/2", "(1 + a)/2"]\n', encoding="utf-8"
    )
    return str(path)


def test_baseline_no_treaty_at_any_terms(cli_json):
    data = cli_json("bargain", "games/baseline.toml")
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


def test_taiwan_crisis_weighted_nash_split(tmp_path, cli_json):
    data = cli_json("bargain", capability_weights(tmp_path), "--solution", "weighted-nash")
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


def test_set_overrides_reach_the_weights(tmp_path, cli_json):
    # a = 0.5: China's weight (1 + a)/2 = 3/4
    data = cli_json("bargain", capability_weights(tmp_path), "--solution", "weighted-nash", "--set", "a=0.5")
    assert data["problem"]["weights"] == ["1/4", "3/4"]
    (s,) = data["solutions"]
    # the treaty surplus changes with a too: Russia's junior cost j*a
    S = F(data["problem"]["surplus"])
    assert S == F("0.281") + F("0.3") * (F("0.73") - F("0.5"))
    assert [F(x) for x in s["payoffs"]] == [F("0.45") + S / 4, F("0.45") + 3 * S / 4]


def test_rubinstein_shares_in_the_json(cli_json):
    data = cli_json("bargain", "games/taiwan_crisis.toml", "--solution", "rubinstein")
    (s,) = data["solutions"]
    S = F("0.281")
    share = (1 - F("0.95")) / (1 - F("0.95") ** 2)  # Russia proposes first
    assert [F(x) for x in s["payoffs"]] == [F("0.45") + share * S, F("0.45") + (1 - share) * S]
    assert s["parameters"]["first proposer"] == "Russia"
    assert s["parameters"]["limit weights"] == ["1/2", "1/2"]


def test_equilibrium_disagreement_in_a_game_with_a_treaty_equilibrium(tmp_path, cli_json):
    path = game_file(tmp_path, 'disagreement = "equilibrium"\ntransfers = true')
    data = cli_json("bargain", path, "--set", "T=1", "--set", "w_R=0.1", "--set", "w_C=0.1", "--set", "e_R=0.12")
    problem = data["problem"]
    assert problem["disagreement"]["outcome"] == "ally, ally"
    assert "payoff dominance" in problem["disagreement_rule"]
    assert any("set bargaining.disagreement" in n for n in problem["notes"])
    assert all(not s["exists"] for s in data["solutions"])


def test_numeric_disagreement_and_discount_formulas(tmp_path, cli_json):
    path = game_file(
        tmp_path,
        'disagreement = [0, "lam * w_C"]\ndiscount = ["1 - r", 0.9]\nfirst = "China"\nweights = [0.25, 0.75]',
    )
    data = cli_json("bargain", path)
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
def test_bad_bargaining_tables_are_one_line_errors(tmp_path, table, where, cli):
    out = cli("bargain", game_file(tmp_path, table))
    assert out.code == 2
    assert out.out == ""
    lines = out.err.strip().splitlines()
    assert len(lines) == 1 and where in lines[0], out.err


def test_table_markdown_latex_and_plot(tmp_path, cli):
    png = tmp_path / "taiwan.png"
    out = cli("bargain", capability_weights(tmp_path), "--plot", str(png))
    assert out.code == 0, out.err
    assert "weighted-nash" in out.out and "0.487935" in out.out
    assert "Russia → China 0.023065" in out.out
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    md = cli("bargain", "games/baseline.toml", "--format", "markdown")
    assert md.code == 0 and "| nash | 0.225 | 0.19 |" in md.out
    tex = cli("bargain", "games/taiwan_crisis.toml", "--format", "latex", "--solution", "egalitarian")
    assert tex.code == 0 and r"\begin{tabular}" in tex.out and "egalitarian" in tex.out


# ----------------------------------------------------------------------------- --vary

SOLUTIONS = ["nash", "kalai-smorodinsky", "egalitarian", "utilitarian", "rubinstein"]


@pytest.fixture(scope="module")
def baseline_json(cli) -> dict:
    out = cli("bargain", "games/baseline.toml", "--vary", "T=0.6:1:41", "--format", "json")
    assert out.code == 0, out.err
    return json.loads(out.out)


def test_json_rows_are_tidy(baseline_json):
    rows = baseline_json["rows"]
    assert len(rows) == 41 * len(SOLUTIONS)
    assert [r["solution"] for r in rows[: len(SOLUTIONS)]] == SOLUTIONS
    values = sorted({F(r["T"]) for r in rows})
    assert values == [F(3, 5) + F(1, 100) * k for k in range(41)]
    assert baseline_json["varied"]["name"] == "T"


def test_agreement_exactly_above_the_treaty_threshold(baseline_json):
    for r in baseline_json["rows"]:
        T = F(r["T"])
        assert r["agreement"] is (T > F(98, 125))
        if r["agreement"]:
            assert r["best"] == "ally, ally"
            assert F(r["surplus"]) == T - F("0.784")
        else:
            assert F(r["gain.Russia"]) == 0 == F(r["gain.China"])
    (switch,) = baseline_json["switches"]
    assert switch["agreement_after"] is True
    assert F(switch["at"]) == F(98, 125)
    assert [F(x) for x in switch["between"]] == [F("0.78"), F("0.79")]


@pytest.mark.parametrize("value", ["0.79", "0.9"])
def test_grid_point_equals_a_direct_run(baseline_json, value, cli):
    direct = cli("bargain", "games/baseline.toml", "--set", f"T={value}", "--format", "json")
    assert direct.code == 0, direct.err
    solutions = json.loads(direct.out)["solutions"]
    rows = [r for r in baseline_json["rows"] if F(r["T"]) == F(value)]
    assert [r["solution"] for r in rows] == [s["solution"] for s in solutions]
    for r, s in zip(rows, solutions):
        assert [r["payoff.Russia"], r["payoff.China"]] == s["payoffs"]
        assert r["transfer"] == s["transfer"]
        assert r["agreement"] is s["exists"] is True


def test_csv_one_row_per_point_and_solution(cli):
    out = cli("bargain", "games/baseline.toml", "--vary", "T=0.6:1:5", "--solution", "egalitarian", "--format", "csv")
    assert out.code == 0, out.err
    rows = list(csv.DictReader(io.StringIO(out.out)))
    assert [r["T"] for r in rows] == ["0.6", "0.7", "0.8", "0.9", "1"]
    assert [r["agreement"] for r in rows] == ["false", "false", "true", "true", "true"]
    assert {r["solution"] for r in rows} == {"egalitarian"}
    # the egalitarian solution gives equal gains: with transfers, half the surplus each
    for r in rows[2:]:
        assert F(r["gain.Russia"]) == F(r["gain.China"]) == F(r["surplus"]) / 2


def test_table_reports_the_threshold(cli):
    out = cli("bargain", "games/baseline.toml", "--vary", "T=0.6:1:9")
    assert out.code == 0, out.err
    assert "T > 0.784" in out.out
    assert "first grid point with one: T = 0.8" in " ".join(out.out.split())  # lines wrap at 80


def test_plot(tmp_path, cli):
    path = tmp_path / "shares.png"
    out = cli("bargain", "games/baseline.toml", "--vary", "T=0.6:1:21", "--plot", str(path), "--format", "csv")
    assert out.code == 0, out.err
    assert path.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


@pytest.mark.parametrize(
    "args, words",
    [
        (["--vary", "T=0.6:1"], "expected NAME=START:STOP:NUM"),
        (["--vary", "tau=0:1:3"], "unknown parameter 'tau'"),
        (["--vary", "T=0.5:2:3"], "outside its range"),
        (["--vary", "T=0:1:3", "--vary", "a=0:1:3"], "one parameter"),
        (["--vary", "T=0:1:3", "--set", "T=0.7"], "both set"),
        (["--vary", "T=0:1:3", "--format", "latex"], "with --vary the format is"),
        (["--format", "csv"], "csv is for a sweep"),
    ],
)
def test_errors_are_one_line(args, words, cli):
    out = cli("bargain", "games/baseline.toml", *args)
    assert out.code == 2
    assert words in out.err
    assert out.err.count("\n") == 1 and "Traceback" not in out.err


# ----------------------------------------------------------------------------- self-enforcement (--delta)


def test_bargain_reports_self_enforcement(cli, cli_json):
    data = cli_json("bargain", str(GAMES / "detente.toml"))
    for s in data["solutions"]:
        assert s["self_enforcing"]["status"] == "repeated"
        assert s["self_enforcing"]["summary"].startswith("only if repeated with delta_R ≥")
    status, out, _ = cli("bargain", str(GAMES / "detente.toml"))
    assert status == 0
    assert (
        "nash, kalai-smorodinsky, egalitarian, utilitarian: only if repeated with delta_R ≥ 0.5 and delta_C ≥ 0.75"
        in " ".join(out.split())
    )
    assert "(align, hedge), (align, align) are not stage equilibria" in out
    data = cli_json("bargain", str(GAMES / "junior_partner.toml"), "--solution", "nash", "--delta", "delta_C=0.8")
    verdict = data["solutions"][0]["self_enforcing"]
    assert verdict["holds"] is True and verdict["thresholds"]["delta_C"]["lo"] == "17/22"


def test_bargain_markdown_and_latex_carry_the_verdict(cli):
    status, out, _ = cli("bargain", str(GAMES / "baseline.toml"), "--format", "markdown")
    assert status == 0
    assert (
        "| nash | 0.225 | 0.19 | 0 ; 0 | no agreement | none "
        "| no agreement: they stay at (align, align), a stage equilibrium |"
        in out
    )
    status, out, _ = cli("bargain", str(GAMES / "junior_partner.toml"), "--format", "latex", "--solution", "nash")
    assert status == 0 and r"only if repeated with delta\_C $\ge$ 17/22 (0.7727)" in out


def test_bargain_delta_does_not_combine_with_vary(cli):
    status, _, err = cli("bargain", str(GAMES / "baseline.toml"), "--vary", "T=0.6:1:3", "--delta", "0.9")
    assert status == 2 and "--delta" in err


def test_vary_warns_at_every_grid_point_where_the_disagreement_point_is_no_equilibrium(cli, cli_json):
    data = cli_json("bargain", "games/baseline.toml", "--vary", "T=0:0.5:6")
    (warning,) = data["warnings"]
    assert warning["at"] == ["0", "1/10", "1/5", "3/10", "2/5"]
    assert "the disagreement point (align, align) is not an equilibrium of the game" in warning["message"]
    out = cli("bargain", "games/baseline.toml", "--vary", "T=0:0.5:6")
    assert "Note at T = 0, 0.1, 0.2, 0.3, 0.4: the disagreement point (align, align) is not an equilibrium" in (
        " ".join(out.out.split())
    )


def test_an_unknown_plot_suffix_is_refused_before_bargaining(cli, monkeypatch, tmp_path):
    import bargaining.api

    def refuse(*args, **kwargs):
        raise AssertionError("bargained before the suffix was checked")

    monkeypatch.setattr(bargaining.api, "bargain", refuse)
    for extra in ((), ("--vary", "T=0.6:1:3")):
        r = cli("bargain", "games/baseline.toml", *extra, "--plot", str(tmp_path / "x.gif"))
        assert r.code == 2 and r.err.count("\n") == 1 and "ending in .png, .svg, .pdf" in r.err
