"""``repeat`` and ``bargain``'s self-enforcement verdicts, run in process through :func:`bargaining.cli.main`.

Known answers: junior_partner's treaty with a transfer from China needs
δ_C ≥ −G_R/G_C = 6/11 (the design note's κ threshold); the détente agreement
is no plain treaty.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bargaining.cli import main

ROOT = Path(__file__).resolve().parent.parent
GAMES = ROOT / "games"


def run(capsys, *args):
    status = main(list(args))
    out = capsys.readouterr()
    return status, out.out, out.err


def run_json(capsys, *args):
    status, out, err = run(capsys, *args, "--format", "json")
    assert status == 0, err
    return json.loads(out)


def profile(data, name):
    return next(p for p in data["profiles"] if p["profile"] == name)


def test_repeat_junior_partner_json(capsys):
    data = run_json(capsys, "repeat", str(GAMES / "junior_partner.toml"))
    treaty = profile(data, "(ally, ally)")
    assert treaty["stage_equilibrium"] is False
    assert treaty["players"]["Russia"]["nash"]["status"] == "never"
    assert treaty["players"]["Russia"]["stick"]["delta"] == "10/21"
    (china_pays,) = [t for t in treaty["transfers"] if t["payer"] == "China"]
    assert china_pays["payer_alone"]["lo"] == "6/11" and china_pays["kappa"] is True
    assert china_pays["tau_min"] == {"constant": "3/50", "delta_R": "0"}
    forms = treaty["closed_forms"]["transfer"]
    assert forms[-1]["formula"]["at_file"] == "6/11"
    assert forms[-1]["formula"]["expr"] == "(a*j + e_R + r - (1 - lam)*(T - w_R))/((1 - lam)*(T - w_C) - e_C - r)"
    assert data["discount_factors"] == {"delta_R": None, "delta_C": None}
    assert profile(data, "(align, align)")["stage_equilibrium"] is True


def test_repeat_table_fits_80_columns_and_names_the_threshold(capsys):
    status, out, err = run(capsys, "repeat", str(GAMES / "junior_partner.toml"))
    assert status == 0, err
    assert max(len(line) for line in out.splitlines()) <= 80
    assert "a transfer works iff delta_C ≥ 6/11 (0.5455), whatever delta_R" in out
    assert "κ ≥ 0.06/0.11 = 6/11 (0.5455)" in out
    assert "Russia, stick and carrot with (hedge, hedge): delta_R ≥ 10/21 (0.4762)" in out


def test_repeat_with_given_discount_factors(capsys):
    data = run_json(capsys, "repeat", str(GAMES / "junior_partner.toml"), "--delta", "delta_C=0.6",
                    "--delta", "Russia=1/2", "--exact-only")
    treaty = profile(data, "(ally, ally)")
    assert data["discount_factors"] == {"delta_R": "1/2", "delta_C": "3/5"}
    assert treaty["sustainable"]["nash"] is False and treaty["sustainable"]["stick"] is True
    assert treaty["transfer_at_discount"] == ["3/50", "33/500"]
    assert treaty["closed_forms"] is None
    status, out, _ = run(capsys, "repeat", str(GAMES / "junior_partner.toml"), "--delta", "0.5", "--exact-only")
    assert status == 0 and "(ally, ally) with transfers: no transfer works" in out


def test_repeat_markdown_profile_and_conditions(capsys):
    status, out, err = run(capsys, "repeat", str(GAMES / "detente.toml"), "--format", "markdown",
                           "--profile", "align, align", "--conditions", "--keep", "T,w_R,w_C")
    assert status == 0, err
    assert out.startswith("### Repeated game: Détente")
    assert "| (align, align) | Russia | 1/3 (0.3333) |" in out
    assert "applies where:" in out and "**(align, align)**" in out
    assert "**(ally, ally)**" not in out


@pytest.mark.parametrize("args, words", [
    (["--delta", "delta_X=0.5"], "--delta: unknown discount factor 'delta_X'"),
    (["--delta", "1"], "--delta delta_R: expected a number in [0, 1), found 1"),
    (["--delta", "0.5", "--delta", "0.6"], "--delta: give one bare VALUE"),
    (["--profile", "war, peace"], "--profile: unknown profile 'war, peace'"),
    (["--keep", ","], "--keep: expected parameter names"),
    (["--set", "T=2"], "T = 2 lies outside its range"),
])
def test_repeat_errors_are_one_line(capsys, args, words):
    status, out, err = run(capsys, "repeat", str(GAMES / "junior_partner.toml"), "--exact-only", *args)
    assert status == 2 and out == ""
    assert len(err.strip().splitlines()) == 1 and words in err, err


def test_bargain_reports_self_enforcement(capsys):
    data = run_json(capsys, "bargain", str(GAMES / "detente.toml"))
    for s in data["solutions"]:
        assert s["self_enforcing"]["status"] == "repeated"
        assert s["self_enforcing"]["summary"].startswith("only if repeated with delta_R ≥")
    status, out, _ = run(capsys, "bargain", str(GAMES / "detente.toml"))
    assert status == 0
    assert "nash, kalai-smorodinsky, egalitarian, utilitarian: only if repeated with delta_R ≥ 0.5 and delta_C ≥ 0.75" in out
    assert "(align, hedge), (align, align) are not stage equilibria" in out
    data = run_json(capsys, "bargain", str(GAMES / "junior_partner.toml"), "--solution", "nash",
                    "--delta", "delta_C=0.8")
    verdict = data["solutions"][0]["self_enforcing"]
    assert verdict["holds"] is True and verdict["thresholds"]["delta_C"]["lo"] == "17/22"


def test_bargain_markdown_and_latex_carry_the_verdict(capsys):
    status, out, _ = run(capsys, "bargain", str(GAMES / "baseline.toml"), "--format", "markdown")
    assert status == 0
    assert "| nash | 0.225 | 0.19 | 0 ; 0 | no agreement | none | no agreement: they stay at (align, align), a stage equilibrium |" in out
    status, out, _ = run(capsys, "bargain", str(GAMES / "junior_partner.toml"), "--format", "latex", "--solution", "nash")
    assert status == 0 and r"only if repeated with delta\_C $\ge$ 17/22 (0.7727)" in out


def test_bargain_delta_does_not_combine_with_vary(capsys):
    status, _, err = run(capsys, "bargain", str(GAMES / "baseline.toml"), "--vary", "T=0.6:1:3", "--delta", "0.9")
    assert status == 2 and "--delta" in err
