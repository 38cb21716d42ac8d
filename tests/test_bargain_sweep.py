"""``bargain FILE --vary NAME=START:STOP:NUM``, run for real, and :mod:`bargaining.negotiation.sweep`.

Known answer (baseline, design note "Bargaining over treaty terms"): with the
disagreement point (align, align) and transfers, the treaty surplus is
S(T) = U_R(ally, ally) + U_C(ally, ally) - d_R - d_C = T - 0.784, so an
agreement exists exactly for T > 98/125.
"""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from fractions import Fraction as F
from pathlib import Path

import pytest

from bargaining.negotiation.sweep import bargain_sweep
from bargaining.errors import InputError
from bargaining.io.gamefile import load_model

ROOT = Path(__file__).resolve().parent.parent
SOLUTIONS = ["nash", "kalai-smorodinsky", "egalitarian", "utilitarian", "rubinstein"]


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "cli.py", "bargain", *args], cwd=ROOT, capture_output=True, text=True, timeout=120
    )


@pytest.fixture(scope="module")
def baseline_json() -> dict:
    out = run("games/baseline.toml", "--vary", "T=0.6:1:41", "--format", "json")
    assert out.returncode == 0, out.stderr
    return json.loads(out.stdout)


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
def test_grid_point_equals_a_direct_run(baseline_json, value):
    direct = run("games/baseline.toml", "--set", f"T={value}", "--format", "json")
    assert direct.returncode == 0, direct.stderr
    solutions = json.loads(direct.stdout)["solutions"]
    rows = [r for r in baseline_json["rows"] if F(r["T"]) == F(value)]
    assert [r["solution"] for r in rows] == [s["solution"] for s in solutions]
    for r, s in zip(rows, solutions):
        assert [r["payoff.Russia"], r["payoff.China"]] == s["payoffs"]
        assert r["transfer"] == s["transfer"]
        assert r["agreement"] is s["exists"] is True


def test_csv_one_row_per_point_and_solution():
    out = run("games/baseline.toml", "--vary", "T=0.6:1:5", "--solution", "egalitarian", "--format", "csv")
    assert out.returncode == 0, out.stderr
    rows = list(csv.DictReader(io.StringIO(out.stdout)))
    assert [r["T"] for r in rows] == ["0.6", "0.7", "0.8", "0.9", "1"]
    assert [r["agreement"] for r in rows] == ["false", "false", "true", "true", "true"]
    assert {r["solution"] for r in rows} == {"egalitarian"}
    # the egalitarian solution gives equal gains: with transfers, half the surplus each
    for r in rows[2:]:
        assert F(r["gain.Russia"]) == F(r["gain.China"]) == F(r["surplus"]) / 2


def test_table_reports_the_threshold():
    out = run("games/baseline.toml", "--vary", "T=0.6:1:9")
    assert out.returncode == 0, out.stderr
    assert "T > 0.784" in out.stdout
    assert "first grid point with one: T = 0.8" in out.stdout


def test_plot(tmp_path):
    path = tmp_path / "shares.png"
    out = run("games/baseline.toml", "--vary", "T=0.6:1:21", "--plot", str(path), "--format", "csv")
    assert out.returncode == 0, out.stderr
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
def test_errors_are_one_line(args, words):
    out = run("games/baseline.toml", *args)
    assert out.returncode == 2
    assert words in out.stderr
    assert out.stderr.count("\n") == 1 and "Traceback" not in out.stderr


def test_library_without_transfers_reports_grid_points(tmp_path):
    path = tmp_path / "game.toml"
    path.write_text(
        f'extends = "{ROOT / "games" / "baseline.toml"}"\ntitle = "no transfers"\n\n'
        '[bargaining]\ndisagreement = "align, align"\ntransfers = false\n',
        encoding="utf-8",
    )
    result = bargain_sweep(load_model(str(path)), "T=0.6:1:9", "egalitarian")
    assert result.transfers is False
    for w in result.switches:
        assert w.at is None and w.upper - w.lower == F(1, 20)
    assert json.loads(json.dumps(result.to_dict()))["rows"][0]["solution"] == "egalitarian"


def test_library_errors_are_input_errors():
    with pytest.raises(InputError, match="axis T"):
        bargain_sweep(load_model("games/baseline.toml"), "T=0:1:1")
