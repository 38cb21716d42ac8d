"""Tests of the ``repeat`` command (:mod:`bargaining.cli.repeat`), run in process through the shared fixtures.

Known answers: junior_partner's treaty with a transfer from China needs
δ_C ≥ −G_R/G_C = 6/11 (the design note's κ threshold); the détente agreement
is no plain treaty.
"""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
GAMES = ROOT / "games"


def profile(data, name):
    return next(p for p in data["profiles"] if p["profile"] == name)


def test_repeat_junior_partner_json(cli_json):
    data = cli_json("repeat", str(GAMES / "junior_partner.toml"))
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


def test_repeat_table_fits_80_columns_and_names_the_threshold(cli):
    status, out, err = cli("repeat", str(GAMES / "junior_partner.toml"))
    assert status == 0, err
    assert max(len(line) for line in out.splitlines()) <= 80
    assert "a transfer works iff delta_C ≥ 6/11 (0.5455), whatever delta_R" in out
    assert "κ ≥ 0.06/0.11 = 6/11 (0.5455)" in out
    assert "Russia, stick and carrot with (hedge, hedge): delta_R ≥ 10/21 (0.4762)" in out


def test_repeat_with_given_discount_factors(cli, cli_json):
    data = cli_json("repeat", str(GAMES / "junior_partner.toml"), "--delta", "delta_C=0.6",
                    "--delta", "Russia=1/2", "--exact-only")
    treaty = profile(data, "(ally, ally)")
    assert data["discount_factors"] == {"delta_R": "1/2", "delta_C": "3/5"}
    assert treaty["sustainable"]["nash"] is False and treaty["sustainable"]["stick"] is True
    assert treaty["transfer_at_discount"] == ["3/50", "33/500"]
    assert treaty["closed_forms"] is None
    status, out, _ = cli("repeat", str(GAMES / "junior_partner.toml"), "--delta", "0.5", "--exact-only")
    assert status == 0 and "(ally, ally) with transfers: no transfer works" in out


def test_repeat_markdown_profile_and_conditions(cli):
    status, out, err = cli("repeat", str(GAMES / "detente.toml"), "--format", "markdown",
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
def test_repeat_errors_are_one_line(args, words, cli):
    status, out, err = cli("repeat", str(GAMES / "junior_partner.toml"), "--exact-only", *args)
    assert status == 2 and out == ""
    assert len(err.strip().splitlines()) == 1 and words in err, err
