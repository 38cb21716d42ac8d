"""Tests of the ``derive`` command (:mod:`bargaining.cli.derive`), run in process: its JSON, documents and errors."""

from __future__ import annotations

import functools
import shutil
import subprocess
from pathlib import Path

import pytest
import sympy
from sympy.parsing.sympy_parser import parse_expr

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def derive_json(cli_json):
    """``derive ARGS --format json``, parsed; each distinct command runs once per module."""
    return functools.lru_cache(maxsize=None)(lambda *args: cli_json("derive", *args))


def expressions(node):
    """Every expression string in the JSON, with the LaTeX beside it."""
    if isinstance(node, dict):
        if "expr" in node and "latex" in node:
            yield node
        for value in node.values():
            yield from expressions(value)
    elif isinstance(node, list):
        for value in node:
            yield from expressions(value)


def parse(text, names):
    return parse_expr(text, local_dict={n: sympy.Symbol(n) for n in names})


def test_json_expressions_round_trip_through_parse_expr(derive_json):
    data = derive_json("games/baseline.toml", "--solve-for", "T")
    names = data["symbols"]
    point = {sympy.Symbol(n): sympy.Rational(v) for n, v in data["values"].items()}
    found = list(expressions(data))
    assert len(found) > 100
    for node in found:
        assert node["latex"]
        expr = parse(node["expr"], names)
        if "condition" in node:
            rel = parse(node["condition"], names)
            if expr.free_symbols:
                assert isinstance(rel, sympy.core.relational.Relational)
                assert sympy.simplify(rel.lhs - expr) == 0
            else:  # a constant condition reads back as True or False
                assert rel in (sympy.true, sympy.false)
        if node.get("at_file") is not None and node["expr"] != "nan":
            value = expr.xreplace(point)
            assert sympy.simplify(value - parse(node["at_file"], names)) == 0


def test_json_has_the_treaty_threshold_and_the_sweep(derive_json):
    data = derive_json("games/baseline.toml", "--solve-for", "T")
    ally = next(t for t in data["tipping"] if t["context"] == "(ally, ally)")
    binding = ally["lower"][ally["binding_lower"]]
    assert binding["label"] == "Russia: ally rather than align"
    assert binding["bound"]["at_file"] == "111/125"
    assert {t["label"]: t["bound"]["at_file"] for t in ally["lower"]}["China: ally rather than align"] == "17/25"
    values = {b["bound"]["at_file"] for b in data["boundaries"]}
    assert {"3/10", "11/25", "111/125", "17/25"} <= values
    assert [p["name"] for p in data["pure"] if p["equilibrium_at_file"]] == ["(align, align)"]


def test_taiwan_values_give_the_mixed_equilibrium(derive_json):
    data = derive_json(
        "games/baseline.toml", "--set", "T=1.0", "--set", "w_R=0.10", "--set", "w_C=0.10", "--set", "e_R=0.12"
    )
    m = next(m for m in data["mixed"] if m["name"] == "{ally, align} × {ally, align}")
    assert m["equilibrium_at_file"]
    probs = {p: {s: f["at_file"] for s, f in d.items()} for p, d in m["probabilities"].items()}
    assert probs == {"Russia": {"ally": "23/45", "align": "22/45"}, "China": {"ally": "170/231", "align": "61/231"}}
    statics = [s for s in m["statics"] if s["player"] == 1 and s["parameter"] == "T" and s["quantity"] == "probability"]
    assert statics[0]["sign_at_file"] == -1


def test_keep_fixes_the_rest(derive_json):
    data = derive_json("games/baseline.toml", "--keep", "T,lam")
    assert data["symbols"] == ["T", "lam"]
    assert data["fixed"]["w_R"] == "3/20"
    for node in expressions(data["pure"]):
        assert parse(node["expr"], ["T", "lam"]).free_symbols <= {sympy.Symbol("T"), sympy.Symbol("lam")}


def test_text_output_reads_as_sections(cli):
    r = cli("derive", "games/baseline.toml", "--solve-for", "T")
    assert r.code == 0, r.err
    out = r.out
    for heading in ("1. Pure-strategy equilibria", "2. Mixed equilibria", "4. Tipping points in T"):
        assert heading in out
    assert "(1 − lam)·(T − w_R) − a·j − e_R − r ≥ 0" in out
    assert "= 0.888 Russia: ally rather than align ← binding" in " ".join(out.split())  # lines wrap at 80
    assert "At the file's values there is no mixed equilibrium" in out


def test_markdown_output(cli):
    r = cli("derive", "games/baseline.toml", "--format", "markdown")
    assert r.code == 0, r.err
    out = r.out
    assert out.startswith("# Closed-form analysis")
    assert "## 1. Pure-strategy equilibria" in out
    assert "$" in out


@pytest.fixture(scope="module")
def latex_document(tmp_path_factory, cli):
    path = tmp_path_factory.mktemp("derive") / "derive.tex"
    r = cli(
        "derive",
        "games/baseline.toml",
        "--set",
        "T=1.0",
        "--set",
        "w_R=0.10",
        "--set",
        "w_C=0.10",
        "--set",
        "e_R=0.12",
        "--solve-for",
        "T",
        "--format",
        "latex",
        "--output",
        str(path),
    )
    assert r.code == 0, r.err
    return path


def test_latex_is_a_complete_document(latex_document):
    text = latex_document.read_text(encoding="utf-8")
    assert text.startswith(r"\documentclass") and text.rstrip().endswith(r"\end{document}")


def test_latex_compiles(latex_document):
    engines = [e for e in ("pdflatex", "lualatex", "tectonic") if shutil.which(e)]
    if not engines:
        pytest.skip("no LaTeX engine on PATH (pdflatex, lualatex or tectonic): apt-get install texlive-latex-base")
    engine = engines[0]
    cmd = [engine, "-interaction=nonstopmode", "-halt-on-error", latex_document.name]
    if engine == "tectonic":
        cmd = [engine, latex_document.name]
    proc = subprocess.run(cmd, cwd=latex_document.parent, capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stdout[-3000:]
    assert latex_document.with_suffix(".pdf").stat().st_size > 0


@pytest.mark.parametrize(
    "args, message",
    [
        (["games/baseline.toml", "--keep", "T,tau"], "unknown parameter 'tau'"),
        (["games/baseline.toml", "--solve-for", "x"], "unknown parameter 'x'"),
        (["games/baseline.toml", "--set", "T=2"], "outside its range"),
        (["games/missing.toml"], "file not found"),
    ],
)
def test_errors_are_one_line_with_status_2(args, message, cli):
    proc = cli("derive", *args)
    assert proc.code == 2
    assert message in proc.err and len(proc.err.strip().splitlines()) == 1


def test_derive_the_triangle(cli, cli_json):
    args = ("derive", "games/triangle/taiwan_crisis.toml", "--keep", "c,v,D_R", "--solve-for", "D_R")
    r = cli(*args)
    assert r.code == 0, r.err
    assert "(contain_both, ally, ally): an equilibrium if and only if" in r.out
    d = cli_json(*args)
    assert d["players"] == ["United States", "Russia", "China"] and len(d["pure"]) == 27


def test_only_names_its_flag_when_the_candidate_is_unknown(cli):
    result = cli("derive", "games/baseline.toml", "--only", "(ally, nothing)")
    assert result.code != 0 and "--only" in result.err and "(ally, ally)" in result.err


def test_the_budget_is_a_count_the_same_bytes_every_run(cli):
    first = cli("derive", "games/baseline.toml", "--budget", "30")
    again = cli("derive", "games/baseline.toml", "--budget", "30")
    assert first.code == 0 and first.out == again.out
    assert "above the budget of 30 for one expression" in first.out
    assert "above the budget" not in cli("derive", "games/baseline.toml").out
    bad = cli("derive", "games/baseline.toml", "--budget", "0")
    assert bad.code != 0 and "--budget" in bad.err


def test_only_is_refused_for_a_triangle_in_one_line(cli):
    r = cli("derive", "games/triangle.toml", "--only", "(ally, ally)")
    assert r.code == 2 and "--only" in r.err and len(r.err.strip().splitlines()) == 1
