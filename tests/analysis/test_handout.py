"""Exercise sheets: questions, worked answers, thresholds (symbolic and numerical agree), LaTeX that compiles."""

import shutil
import subprocess
import sys
from fractions import Fraction as F
from pathlib import Path

import pytest

from bargaining.analysis.handout import handout, numeric_threshold, symbolic_threshold, threshold
from bargaining.errors import InputError
from bargaining.io.gamefile import load_model
from bargaining.io.nfg import parse_nfg
from bargaining.render.handout import render

ROOT = Path(__file__).resolve().parents[2]


def cli(*args, cwd=ROOT):
    return subprocess.run([sys.executable, str(ROOT / "cli.py"), *args], cwd=cwd, capture_output=True, text=True)


@pytest.fixture(scope="module")
def taiwan():
    return handout(load_model(ROOT / "games" / "taiwan_crisis.toml"), method="bisection")


def test_threshold_of_the_treaty_at_baseline_by_bisection():
    """The design note: T* = max_i (w_i + (e_i + r + J_i)/(1 - lam)) = 0.888, Russia binding (China's 0.680)."""
    t = numeric_threshold(load_model(ROOT / "games" / "baseline.toml"), "T", (0, 0))
    assert t.interval == (F(111, 125), F(1))
    bounds = {b.label: (b.relation, b.value) for b in t.bounds}
    assert bounds["Russia: ally rather than align"] == (">=", F(111, 125))
    assert bounds["China: ally rather than align"] == (">=", F(17, 25))
    assert [t.bounds[k].label for k in t.binding] == ["Russia: ally rather than align"]
    assert not t.at_file and t.method == "exact on a grid" and t.exact


@pytest.mark.parametrize("name", ["baseline", "taiwan_crisis", "detente"])
def test_symbolic_and_numerical_thresholds_agree(name):
    pytest.importorskip("sympy")
    model = load_model(ROOT / "games" / f"{name}.toml")
    exact = symbolic_threshold(model, "T", (0, 0))
    assert exact is not None and exact.method == "symbolic"
    numeric = numeric_threshold(model, "T", (0, 0))
    assert exact.interval == numeric.interval
    assert sorted((b.label, b.relation, b.value) for b in exact.bounds) == sorted(
        (b.label, b.relation, b.value) for b in numeric.bounds
    )


def test_threshold_default_profile_and_upper_bounds():
    # junior_partner: Russia would never sign on [0, 1], so the question moves to (align, align)
    t = threshold(load_model(ROOT / "games" / "junior_partner.toml"), method="bisection")
    assert t.profile == (1, 1) and t.interval == (F(11, 25), F(1))
    # (align, hedge) at baseline holds on a middle interval: one lower and one upper bound bind
    t = threshold(load_model(ROOT / "games" / "baseline.toml"), "T", (1, 2), method="bisection")
    assert t.interval == (F(3, 10), F(11, 25))
    assert sorted(t.bounds[k].relation for k in t.binding) == ["<=", ">="]


def test_threshold_edge_cases():
    assert threshold(parse_nfg('NFG 1 R "x" { "A" "B" } { 2 2 } 1 1 0 0 0 0 1 1')) is None
    with pytest.raises(InputError, match="unknown parameter 'tau'"):
        threshold(load_model(ROOT / "games" / "baseline.toml"), "tau")
    with pytest.raises(InputError, match="expected a profile such as"):
        handout(load_model(ROOT / "games" / "baseline.toml"), profile=("ally", "nothing"))


def test_questions_without_answers(taiwan):
    text = render(taiwan, "markdown")
    assert text.startswith("# Exercise sheet: Taiwan crisis")
    for q in ("**1. Best responses.**", "**2. Pure equilibria.**", "**3. The mixed equilibrium.**",
              "**4. Which equilibrium?**", "**5. A threshold.**"):
        assert q in text
    assert "Answer" not in text
    # the question sheet's table has no marks; the answer's has
    assert "| **ally** | 0.511 ; 0.67 | 0.28 ; 0.45 | 0.03 ; 0.25 |" in text
    assert "**0.511**" not in text


def test_worked_answers(taiwan):
    text = render(taiwan, "markdown", answers=True)
    assert "> | **ally** | **0.511** ; **0.67** | 0.28 ; 0.45 | 0.03 ; 0.25 |" in text
    assert "> The pure Nash equilibria are *(ally, ally)* and *(align, align)*" in text
    # the mixed equilibrium of the design note: Russia 22/45 align, 23/45 ally; China 61/231 align, 170/231 ally
    assert "> - The two are equal when q = 0.17 / (0.061 + 0.17) = 170/231 (0.7359)." in text
    assert ("Russia plays *ally* with probability 23/45 (0.5111) and *align* with probability 22/45 (0.4889); "
            "China plays *ally* with probability 170/231 (0.7359) and *align* with probability 61/231 (0.2641)") in text
    # ally payoff-dominant, align risk-dominant
    assert "*(ally, ally)* gives both players more" in text
    assert "> *(align, align)* has the larger product, so it is risk-dominant." in text
    assert "> - Russia: ally rather than align: `T` ≥ 0.878" in text


def test_no_mixed_equilibrium_is_explained_by_dominance():
    text = render(handout(load_model(ROOT / "games" / "baseline.toml"), method="bisection"), "markdown", answers=True)
    assert "**3. Mixed equilibria.** Is there a Nash equilibrium in which Russia or China mixes" in text
    assert "> No. Eliminate strictly dominated strategies, one after another:" in text
    assert "so the game has exactly one equilibrium, and it is pure" in text
    assert "Which equilibrium?" not in text  # only one equilibrium: no selection question
    assert "T would have to rise by 0.288" in text


def test_latex_is_a_complete_document(taiwan):
    tex = render(taiwan, "latex", answers=True)
    assert tex.startswith("\\documentclass")
    assert tex.rstrip().endswith("\\end{document}")
    assert "\\underline{$\\mathbf{0.511}$}" in tex
    assert "$\\tfrac{170}{231}$" in tex
    assert "≥" not in tex and "×" not in tex  # unicode math written as LaTeX


def _engine():
    for name in ("pdflatex", "lualatex"):
        if shutil.which(name):
            return name
    pytest.skip("neither pdflatex nor lualatex is on PATH (apt-get install -y texlive-latex-base texlive-latex-recommended)")


@pytest.mark.parametrize("name", ["taiwan_crisis", "detente"])
def test_latex_compiles(tmp_path, name):
    engine = _engine()
    tex = tmp_path / f"{name}.tex"
    r = cli("handout", f"games/{name}.toml", "--answers", "--format", "latex", "--threshold-method", "bisection", "--output", str(tex))
    assert r.returncode == 0, r.stderr
    run = subprocess.run([engine, "-interaction=nonstopmode", "-halt-on-error", tex.name], cwd=tmp_path, capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stdout[-2000:]
    assert (tmp_path / f"{name}.pdf").stat().st_size > 1000


def test_cli_markdown_with_set_and_options(tmp_path):
    out = tmp_path / "sheet.md"
    r = cli("handout", "games/baseline.toml", "--set", "T=0.95", "--answers", "--threshold", "a",
            "--threshold-method", "bisection", "--output", str(out))
    assert r.returncode == 0, r.stderr
    text = out.read_text()
    assert "| `T` | 0.95 (set for this sheet) |" in text
    assert "**4. Which equilibrium?**" in text
    assert "For which values of `a` (capability asymmetry, China over Russia)" in text
    r = cli("handout", "games/baseline.toml", "--profile", "ally, nothing")
    assert r.returncode == 2 and "--profile" in r.stderr and len(r.stderr.strip().splitlines()) == 1
    r = cli("handout", "games/baseline.toml", "--threshold", "tau")
    assert r.returncode == 2 and "unknown parameter 'tau'" in r.stderr


def test_handout_of_an_nfg_game(tmp_path):
    path = tmp_path / "mp.nfg"
    path.write_text('NFG 1 R "Matching pennies" { "Even" "Odd" } { { "heads" "tails" } { "heads" "tails" } } 1 -1 -1 1 -1 1 1 -1')
    r = cli("handout", str(path), "--answers")
    assert r.returncode == 0, r.stderr
    assert "> None: in every cell at least one player has a better reply" in r.stdout
    assert "Even plays *heads* with probability 1/2 (0.5)" in r.stdout or "Even plays *heads* with probability 0.5" in r.stdout
    assert "A threshold" not in r.stdout
