"""Random perturbations of the parameters: reproducible, inside the ranges, and the study's outcomes hold."""

from __future__ import annotations

import json
import subprocess
import sys
from fractions import Fraction as F
from pathlib import Path

import numpy as np
import pytest

from bargaining.errors import InputError
from bargaining.io.gamefile import load_model
from bargaining.analysis.robustness import perturbations, robustness

ROOT = Path(__file__).resolve().parent.parent
GAMES = ROOT / "games"


def test_same_seed_same_result():
    model = load_model(GAMES / "taiwan_crisis.toml")
    a = robustness(model, F(1, 10), draws=40, seed=7)
    b = robustness(model, F(1, 10), draws=40, seed=7)
    assert a == b and a.to_dict() == b.to_dict()
    assert sum(count for _, count in a.sets) == 40


def test_a_generator_can_be_passed():
    model = load_model(GAMES / "baseline.toml")
    a = robustness(model, 0.1, draws=10, rng=np.random.default_rng(3))
    b = robustness(model, 0.1, draws=10, seed=3)
    assert a.sets == b.sets and a.seed is None and b.seed == 3


def test_perturbations_stay_within_spread_and_range():
    model = load_model(GAMES / "two_front.toml").with_values({"r": 0})
    draws = perturbations(model, F(1, 5), 200, np.random.default_rng(0))
    assert "r" not in draws[0]  # a zero value stays zero
    for values in draws:
        for name, v in values.items():
            p = model.parameters[name]
            assert p.min <= v <= p.max
            assert abs(v - p.value) <= F(1, 5) * p.value + F(1, 10**6)
    # T = 1 sits at the top of its range: draws above are drawn again inside it, none clipped to it
    assert sum(v["T"] == 1 for v in draws) <= 1
    assert len({v["T"] for v in draws}) > 50


def test_different_seeds_give_different_draws():
    model = load_model(GAMES / "baseline.toml")
    a = perturbations(model, 0.1, 5, np.random.default_rng(1))
    b = perturbations(model, 0.1, 5, np.random.default_rng(2))
    assert a != b


def test_zero_spread_keeps_the_outcome():
    r = robustness(load_model(GAMES / "nato_escalation.toml"), 0, draws=5, seed=1)
    assert r.reference_share == 1.0 and r.selected_share == 1.0


@pytest.mark.parametrize("spread, draws", [(-0.1, 10), (1, 10), ("x", 10), (0.1, 0)])
def test_bad_arguments(spread, draws):
    with pytest.raises(InputError):
        robustness(load_model(GAMES / "baseline.toml"), spread, draws=draws, seed=0)


# Each scenario's own equilibrium set at ±10% (docs/how-to/scenarios.md has the 1000-draw figures).
SCENARIOS = [
    "baseline",
    "taiwan_crisis",
    "nato_escalation",
    "deeper_sanctions",
    "junior_partner",
    "detente",
    "two_front",
]


@pytest.mark.parametrize("name", SCENARIOS)
def test_each_scenario_holds_in_most_draws(name):
    r = robustness(load_model(GAMES / f"{name}.toml"), F(1, 10), draws=300, seed=2024)
    assert r.reference_share >= 0.78, (name, r.reference_share)


def run(*args):
    return subprocess.run([sys.executable, "cli.py", *args], cwd=ROOT, capture_output=True, text=True, timeout=120)


def test_cli_robustness_json_is_reproducible():
    args = ("robustness", "games/taiwan_crisis.toml", "--draws", "30", "--seed", "11", "--format", "json")
    first, second = run(*args), run(*args)
    assert first.returncode == 0, first.stderr
    assert first.stdout == second.stdout
    data = json.loads(first.stdout)
    assert data["draws"] == 30 and data["seed"] == 11 and data["spread"] == "1/10"
    assert data["reference"]["equilibria"] == ["(ally, ally)", "(align, align)", "mixed {ally, align} x {ally, align}"]
    assert sum(s["count"] for s in data["sets"]) == 30
    assert data["reference_share"] == next(s["share"] for s in data["sets"] if s["reference"])


def test_cli_robustness_table_and_errors():
    proc = run("robustness", "games/detente.toml", "--draws", "20", "--spread", "0.05")
    assert proc.returncode == 0 and "(hedge, hedge)" in proc.stdout and "±5%" in proc.stdout
    bad = run("robustness", "games/detente.toml", "--spread", "2")
    assert bad.returncode == 2 and len(bad.stderr.strip().splitlines()) == 1 and "--spread" in bad.stderr
