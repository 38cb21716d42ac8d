"""Tests of the ``handout`` command (:mod:`bargaining.cli.handout`), run in process; its LaTeX, compiled."""

from __future__ import annotations

import shutil
import subprocess

import pytest


def test_cli_markdown_with_set_and_options(tmp_path, cli):
    out = tmp_path / "sheet.md"
    r = cli("handout", "games/baseline.toml", "--set", "T=0.95", "--answers", "--threshold", "a",
            "--threshold-method", "bisection", "--output", str(out))
    assert r.code == 0, r.err
    text = out.read_text()
    assert "| `T` | 0.95 (set for this sheet) |" in text
    assert "**4. Which equilibrium?**" in text
    assert "For which values of `a` (capability asymmetry, China over Russia)" in text
    r = cli("handout", "games/baseline.toml", "--profile", "ally, nothing")
    assert r.code == 2 and "--profile" in r.err and len(r.err.strip().splitlines()) == 1
    r = cli("handout", "games/baseline.toml", "--threshold", "tau")
    assert r.code == 2 and "unknown parameter 'tau'" in r.err


def test_handout_of_an_nfg_game(tmp_path, cli):
    path = tmp_path / "mp.nfg"
    path.write_text(
        'NFG 1 R "Matching pennies" { "Even" "Odd" } { { "heads" "tails" } { "heads" "tails" } } 1 -1 -1 1 -1 1 1 -1'
    )
    r = cli("handout", str(path), "--answers")
    assert r.code == 0, r.err
    assert "> None: in every cell at least one player has a better reply" in r.out
    assert (
        "Even plays *heads* with probability 1/2 (0.5)" in r.out or "Even plays *heads* with probability 0.5" in r.out
    )
    assert "A threshold" not in r.out


def _engine():
    for name in ("pdflatex", "lualatex"):
        if shutil.which(name):
            return name
    pytest.skip(
        "neither pdflatex nor lualatex is on PATH (apt-get install -y texlive-latex-base texlive-latex-recommended)"
    )


@pytest.mark.parametrize("name", ["taiwan_crisis", "detente"])
def test_latex_compiles(tmp_path, name, cli):
    engine = _engine()
    tex = tmp_path / f"{name}.tex"
    r = cli(
        "handout",
        f"games/{name}.toml",
        "--answers",
        "--format",
        "latex",
        "--threshold-method",
        "bisection",
        "--output",
        str(tex),
    )
    assert r.code == 0, r.err
    run = subprocess.run(
        [engine, "-interaction=nonstopmode", "-halt-on-error", tex.name],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert run.returncode == 0, run.stdout[-2000:]
    assert (tmp_path / f"{name}.pdf").stat().st_size > 1000
