"""Tests of :mod:`bargaining.api`: the Python API returns what the command line prints, and checks its input.

Each function takes a model or a path and ``set`` (values read exactly); the
results' ``to_dict()`` is what ``--format json`` prints, so the API and the
command line are compared on the same game.
"""

from __future__ import annotations

from fractions import Fraction as F
from pathlib import Path

import pytest

import bargaining as bg
from bargaining.errors import InputError

ROOT = Path(__file__).resolve().parent.parent
BASELINE = str(ROOT / "games" / "baseline.toml")
TREE = str(ROOT / "games" / "treaty_proposal.toml")
TAIWAN = str(ROOT / "games" / "taiwan_crisis.toml")


@pytest.mark.parametrize("value", ["0.95", 0.95, F(19, 20)])
def test_set_reads_every_spelling_exactly(value):
    assert bg.load(BASELINE, set={"T": value}).parameters["T"].value == F(19, 20)


def test_a_model_a_path_and_a_game_give_one_solution():
    model = bg.load(BASELINE, set={"T": "0.95"})
    by_path = bg.solve(BASELINE, set={"T": "0.95"})
    assert bg.solve(model) == by_path == bg.solve(model.game())
    assert len(by_path.equilibria) == 3


def test_the_api_returns_what_the_command_prints(cli_json):
    printed = cli_json("solve", BASELINE, "--set", "T=0.95")
    claims = printed.pop("claims")  # the command adds which results are ordinal and which cardinal
    assert bg.solve(BASELINE, set={"T": "0.95"}).to_dict() == printed and set(claims) == {"ordinal", "cardinal"}
    assert bg.bargain(TAIWAN, solution="nash").to_dict() == cli_json("bargain", TAIWAN, "--solution", "nash")


def test_params_takes_a_scenarios_values():
    form = bg.load(TREE, params=TAIWAN)
    assert form.parameters["T"].value == 1 and dict(form.overrides)["w_R"] == F(1, 10)
    assert bg.solve(TREE, params=TAIWAN).subgame_perfect == bg.solve(form).subgame_perfect


def test_params_with_a_parameter_the_game_lacks(tmp_path):
    other = tmp_path / "other.toml"
    other.write_text(Path(BASELINE).read_text(encoding="utf-8").replace("[parameters]", "[parameters]\nzeta = 1"),
                     encoding="utf-8")
    with pytest.raises(InputError, match=f"parameter 'zeta' of {other} is not a parameter of") as err:
        bg.load(BASELINE, params=other)
    assert err.value.where == "params"


@pytest.mark.parametrize("command", ["robustness", "repeat", "bargain", "calibrate",
                                     "sensitivity", "handout"])
def test_strategic_form_functions_refuse_a_tree_and_say_which_take_one(command):
    with pytest.raises(InputError, match=f"{command} works on strategic-form games; .* is a game tree "
                                         r"\(solve, sweep, explain, export, derive and scenarios --form take trees\)"):
        getattr(bg, command)(TREE)


@pytest.mark.parametrize(
    "call, where, message",
    [
        (lambda: bg.solve(bg.load(BASELINE).game(), set={"T": 1}), "parameter", "a Game has no parameters to set"),
        (lambda: bg.solve(TREE, method="lemke-howson"), "method", "game trees are solved exactly"),
        (lambda: bg.solve(3), None, "expected a model or the path of a game file, found int"),
        (lambda: bg.sweep(BASELINE, vary={"T": (0, 1)}), "axis T", r"expected \(start, stop, num\), found \(0, 1\)"),
        (lambda: bg.sweep(BASELINE, vary={"T": (0, 1, 3)}, set={"T": 0.5}), "axis T", "T is both set and varied"),
        (lambda: bg.sweep(TREE, vary={"T": (0, 1, 3)}, set={"T": 0.5}), "axis T", "T is both set and varied"),
        (lambda: bg.sweep(BASELINE, vary=3), "axis", "expected the parameters to vary, found int"),
        (lambda: bg.derive(BASELINE, keep=[]), "kept parameters", "expected parameter names, found none"),
        (lambda: bg.repeat(BASELINE, keep=[]), "kept parameters", "expected parameter names, found none"),
        (lambda: bg.bargain(BASELINE, vary="T=0:1:3", delta=0.9), "delta", "does not combine with a sweep"),
        (lambda: bg.bargain(BASELINE, vary="T=0:1:3", set={"T": 1}), "axis T", "T is both set and varied"),
        (lambda: bg.calibrate(BASELINE, bases=["pop"]), "basis", "unknown basis 'pop'"),
        (lambda: bg.export(BASELINE, to="pdf"), "export format", "unknown export format 'pdf'; formats: nfg, efg"),
        (lambda: bg.scenarios(ROOT / "games", form=BASELINE), "form", "is not a game tree"),
    ],
)
def test_bad_input_is_an_input_error_naming_the_input(call, where, message):
    with pytest.raises(InputError, match=message) as err:
        call()
    assert err.value.where == where


def test_the_forms_of_vary_are_one_grid():
    sweeps = [bg.sweep(BASELINE, vary=v) for v in ({"T": (F(0), "1", 5)}, {"T": "0:1:5"}, ["T=0:1:5"], "T=0:1:5")]
    assert all(s.result.grid.axes[0].texts == ("0", "0.25", "0.5", "0.75", "1") for s in sweeps)
    assert len({tuple(b.value for b in s.boundaries) for s in sweeps}) == 1


def test_sensitivity_defaults_to_the_selected_pure_equilibrium():
    r = bg.sensitivity(TAIWAN, samples=64)
    assert r.outcome == ("ally", "ally") and r == bg.sensitivity(TAIWAN, outcome="ally,ally", samples=64)
    assert r == bg.sensitivity(TAIWAN, outcome=(0, 0), samples=64)


def test_export_notes_the_values_and_writes_trees_as_efg():
    text = bg.export(BASELINE, set={"T": "0.95"})
    assert text.startswith('NFG 1 R "Baseline: deep alignment without a treaty"') and "T = 0.95" in text
    assert bg.export(TREE, to="efg").startswith("EFG 2 R ")
    assert bg.export(BASELINE, to="efg").startswith("EFG 2 R ")
