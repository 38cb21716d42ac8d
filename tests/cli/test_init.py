"""Tests of ``bargaining/cli/__init__.py``: the parser, how errors become one line and an exit status, start-up.

Every input error is one line on standard error and status 2 (naming the
command-line flag where the library named the input); any other error of the
package status 1; an interrupt 130; a closed pipe 0.
"""

from __future__ import annotations

import importlib
import json
from pathlib import Path

import pytest

import bargaining
from bargaining.cli import COMMANDS, FLAGS, build_parser, flag_of, main
from bargaining.errors import InputError, SolverError

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize(
    "where, flag",
    [
        ("parameter T", "--set T"),
        ("axis T START", "--vary T START"),
        ("bargaining solution", "--solution"),
        ("discount factor delta_C", "--delta delta_C"),
        ("params games/x.toml:", "--params games/x.toml:"),
        ("payoffs.Row[0][1]", "payoffs.Row[0][1]"),  # a place in a file stays as it is
        ("parameters", "parameters"),  # a key is a whole word
        (None, None),
    ],
)
def test_library_names_become_flags(where, flag):
    assert flag_of(where) == flag


def test_every_flag_is_an_option_of_some_command():
    options = {a for name in COMMANDS for action in _actions(name) for a in action.option_strings}
    assert set(FLAGS.values()) <= options


def _actions(name):
    sub = build_parser(only=name)._subparsers._group_actions[0]
    return sub.choices[name]._actions


def test_only_the_command_that_runs_is_built():
    sub = build_parser(only="solve")._subparsers._group_actions[0]
    assert list(sub.choices) == ["solve"]
    everything = build_parser()._subparsers._group_actions[0]
    assert list(everything.choices) == list(COMMANDS)
    for name in COMMANDS:
        assert hasattr(importlib.import_module(f"bargaining.cli.{name}"), "register")


def test_an_input_error_names_the_flag_in_one_line(cli):
    r = cli("solve", "games/baseline.toml", "--set", "T=2")
    assert r.code == 2 and r.out == ""
    assert r.err == "error: games/baseline.toml, --set T: T = 2 lies outside its range [0, 1]\n"


@pytest.mark.parametrize(
    "error, code, text",
    [
        (SolverError("verification failed: a bug"), 1, "error: verification failed: a bug\n"),
        (KeyboardInterrupt(), 130, "interrupted\n"),
        (BrokenPipeError(), 0, ""),
        (InputError("expected a number", where="seed"), 2, "error: --seed: expected a number\n"),
    ],
)
def test_errors_become_a_status(monkeypatch, capsys, error, code, text):
    import bargaining.cli.solve as solve

    def fail(args):
        raise error

    monkeypatch.setattr(solve, "run", fail)
    assert main(["solve", "games/baseline.toml"]) == code
    assert capsys.readouterr().err == text


def test_usage_errors_and_help(cli):
    r = cli("nonsense")
    assert r.code == 2 and "unknown command 'nonsense'" in r.err and len(r.err.strip().splitlines()) == 1
    r = cli("--help")
    assert r.code == 0 and all(name in r.out for name in COMMANDS)


def test_version(cli):
    r = cli("--version")
    assert r.code == 0 and r.err == f"bargaining {bargaining.__version__}\n"  # argparse prints it on stderr


def test_python_cli_py_and_the_console_script_start_and_print_what_main_prints(cli, cli_process):
    argv = ("solve", "games/baseline.toml", "--format", "json")
    in_process = cli(*argv)
    for script in (False, True):
        r = cli_process(*argv, script=script)
        assert (r.code, r.out, r.err) == (in_process.code, in_process.out, in_process.err)
    assert json.loads(in_process.out)["equilibria"][0]["payoffs"] == {"Russia": "9/40", "China": "19/100"}
    bad = cli_process("solve", "games/nothing.toml")
    assert bad.code == 2 and bad.err == "error: games/nothing.toml: file not found\n"


def test_console_script_entry_point_matches_cli():
    from bargaining.cli import main

    assert main(["solve", str(ROOT / "games" / "baseline.toml"), "--format", "json"]) == 0


def test_no_arguments_print_a_usage_hint_that_fits_80_columns(cli):
    r = cli()
    assert r.code == 2 and r.out.startswith("usage: bargaining COMMAND FILE")
    assert "python cli.py solve games/baseline.toml" in r.out
    assert all(len(line) <= 80 for line in r.out.splitlines())


def test_an_unknown_command_is_one_line_with_the_closest_one(cli):
    r = cli("slove", "games/baseline.toml")
    assert r.code == 2 and r.out == ""
    assert r.err.count("\n") == 1 and "unknown command 'slove' (did you mean 'solve'?)" in r.err


def test_an_unknown_set_name_suggests_the_close_one(cli):
    r = cli("solve", "games/baseline.toml", "--set", "lamb=0.5")
    assert r.code == 2 and "unknown parameter 'lamb' (did you mean 'lam'?)" in r.err


def test_an_output_file_is_never_replaced_without_force(cli, tmp_path):
    target = tmp_path / "baseline.toml"
    target.write_text("the game file\n", encoding="utf-8")
    args = ("sweep", "games/baseline.toml", "--vary", "T=0:1:3", "--format", "csv", "--output", str(target))
    r = cli(*args)
    assert r.code == 2 and "exists; add --force to replace it" in r.err and r.err.count("\n") == 1
    assert target.read_text(encoding="utf-8") == "the game file\n"
    assert cli(*args, "--force").code == 0
    assert target.read_text(encoding="utf-8").startswith("T,equilibrium,")


def test_a_missing_folder_is_refused_before_any_work(cli, tmp_path):
    r = cli("explain", "games/baseline.toml", "--output", str(tmp_path / "no" / "such" / "x.md"))
    assert r.code == 2 and "does not exist" in r.err and r.out == ""
    r = cli("sensitivity", "games/baseline.toml", "--plot", str(tmp_path))
    assert r.code == 2 and "is a folder" in r.err


# ----------------------------------------------------------------------------- time and size guards

GUARDED = [
    (("sweep", "games/baseline.toml", "--vary", "T=0:1:100000", "--vary", "lam=0.3:0.8:100000"), "--vary", "grid"),
    (("sweep", "games/baseline.toml", "--vary", "T=0:1:5", "--draws", "10**9"), "--draws", "fewer --draws"),
    (("sweep", "games/baseline.toml", "--vary", "T=0:1:1000", "--draws", "1e5"), "--draws", "fewer --draws"),
    (("sweep", "games/treaty_proposal.toml", "--vary", "T=0:1:1000000"), "--vary", "smaller grid"),
    (("sweep", "games/baseline.toml", "--vary", "T=0:1:1000000", "--qre", "10"), "--vary", "smaller grid"),
    (("robustness", "games/baseline.toml", "--draws", "10**9"), "--draws", "fewer --draws"),
    (("outlook", "games/baseline.toml", "--draws", "1000000000"), "--draws", "fewer --draws"),
    (("outlook", "games/baseline.toml", "--samples", "2**30"), "--samples", "fewer --samples"),
    (("sensitivity", "games/baseline.toml", "--samples", "2**30"), "--samples", "fewer --samples"),
    (("bargain", "games/baseline.toml", "--vary", "T=0:1:1000000"), "--vary", "smaller grid"),
]


@pytest.mark.parametrize("argv, flag, way_out", GUARDED, ids=lambda v: " ".join(v) if isinstance(v, tuple) else None)
def test_unbounded_work_is_refused_at_once_in_one_line(cli, argv, flag, way_out):
    import time

    start = time.monotonic()
    proc = cli(*argv)
    assert time.monotonic() - start < 5
    assert proc.code == 2, proc.err
    lines = proc.err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"error: {flag}") and "limit" in lines[0] and way_out in lines[0]


def test_a_game_too_large_for_exact_enumeration_is_refused_with_the_way_out(cli, tmp_path):
    n = 20
    rows = "[" + ", ".join("[" + ", ".join(str((i * 7 + j * 3) % 11) for j in range(n)) + "]" for i in range(n)) + "]"
    names = lambda p: "[" + ", ".join(f'"{p}{k}"' for k in range(n)) + "]"  # noqa: E731
    path = tmp_path / "big.toml"
    path.write_text(f'title = "big"\nplayers = ["A", "B"]\n[strategies]\nA = {names("a")}\nB = {names("b")}\n'
                    f"[payoffs]\nA = {rows}\nB = {rows}\n")
    proc = cli("solve", str(path))
    assert proc.code == 2 and len(proc.err.strip().splitlines()) == 1
    assert "error: --method:" in proc.err and "exact enumeration" in proc.err and "--method lemke-howson" in proc.err


def test_derive_on_a_game_full_of_parameters_is_refused_with_keep(cli, tmp_path):
    n = 6
    params = "\n".join(f"{p}{i}_{j} = {{ value = 0.5, min = 0, max = 1 }}"
                       for p in "AB" for i in range(n) for j in range(n))
    rows = lambda p: "[" + ", ".join("[" + ", ".join(f'"{p}{i}_{j}"' for j in range(n)) + "]" for i in range(n)) + "]"  # noqa: E731
    names = lambda p: "[" + ", ".join(f'"{p}{k}"' for k in range(n)) + "]"  # noqa: E731
    path = tmp_path / "params.toml"
    path.write_text(f'title = "p"\nplayers = ["A", "B"]\n[strategies]\nA = {names("a")}\nB = {names("b")}\n'
                    f"[parameters]\n{params}\n[payoffs]\nA = {rows('A')}\nB = {rows('B')}\n")
    proc = cli("derive", str(path))
    assert proc.code == 2 and len(proc.err.strip().splitlines()) == 1
    assert "72 symbolic parameters" in proc.err and "--keep" in proc.err


def test_an_extends_name_longer_than_the_file_system_allows_is_refused(cli, tmp_path):
    path = tmp_path / "long.toml"
    path.write_text(f'extends = "{"x" * 5000}.toml"\n' + open("games/baseline.toml").read())
    proc = cli("solve", str(path))
    assert proc.code == 2 and len(proc.err.strip().splitlines()) == 1
    assert "long.toml, extends:" in proc.err
