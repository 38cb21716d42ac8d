"""Tests of the ``solve`` command (:mod:`bargaining.cli.solve`), run in process: JSON parsed, errors line by line."""

import json
from fractions import Fraction as F
from pathlib import Path

import pytest

import bargaining as bg
from bargaining.io.gamefile import game_files
from tests.examples import TREATY_SCENARIOS, is_treaty

ROOT = Path(__file__).resolve().parents[2]


def test_baseline_json(cli_json):
    data = cli_json("solve", "games/baseline.toml")
    assert data["players"] == ["Russia", "China"]
    assert data["strategies"]["Russia"] == ["ally", "align", "hedge"]
    assert data["parameters"]["T"] == "3/5"
    assert data["method"] == "exact" and data["exact"] is True and data["degenerate"] is False
    assert len(data["equilibria"]) == 1
    eq = data["equilibria"][0]
    assert eq["strategies"]["Russia"] == {"ally": "0", "align": "1", "hedge": "0"}
    assert eq["strategies"]["China"] == {"ally": "0", "align": "1", "hedge": "0"}
    assert eq["payoffs"] == {"Russia": "9/40", "China": "19/100"}
    assert eq["pure"] is True and eq["strict"] is True
    assert eq["reading"] == "deep alignment without a treaty"
    assert data["components"] == [[0]]
    assert data["selected"] == 0 and data["selection_rule"] == "unique"


def test_set_moves_past_the_treaty_threshold(cli_json):
    data = cli_json("solve", "games/baseline.toml", "--set", "T=0.95")
    pure = [
        (
            next(s for s, p in e["strategies"]["Russia"].items() if p == "1"),
            next(s for s, p in e["strategies"]["China"].items() if p == "1"),
        )
        for e in data["equilibria"]
        if e["pure"]
    ]
    assert pure == [("ally", "ally"), ("align", "align")]
    mixed = [e for e in data["equilibria"] if not e["pure"]]
    assert len(mixed) == 1
    ally = next(e for e in data["equilibria"] if e["pure"] and e["strategies"]["Russia"]["ally"] == "1")
    assert ally["payoff_dominant"] is True
    assert data["parameters"]["T"] == "19/20"


@pytest.mark.parametrize("method", ["support-enumeration", "vertex-enumeration", "lemke-howson"])
def test_floating_methods_are_marked(method, cli_json):
    data = cli_json("solve", "games/baseline.toml", "--method", method)
    assert data["method"] == method and data["exact"] is False
    assert isinstance(data["equilibria"][0]["payoffs"]["Russia"], float)
    assert data["equilibria"][0]["payoffs"]["Russia"] == pytest.approx(0.225)
    if method == "lemke-howson":
        assert data["complete"] is False
        assert any("not guaranteed" in w for w in data["warnings"])


def test_table_is_for_people(cli):
    result = cli("solve", "games/baseline.toml")
    assert result.code == 0
    out = result.out
    assert "Baseline: deep alignment without a treaty" in out
    assert "0.225* , 0.19*" in out  # (align, align): both best responses marked
    assert "deep alignment without a treaty" in out
    assert "strict" in out


def test_markdown_and_latex(cli):
    md = cli("solve", "games/baseline.toml", "--set", "T=1", "--format", "markdown").out
    assert "| Russia \\ China | ally | align | hedge |" in md
    assert "**Nash equilibria**" in md
    tex = cli("solve", "games/baseline.toml", "--set", "T=1", "--format", "latex").out
    assert r"\begin{tabular}" in tex and r"\end{enumerate}" in tex
    assert r"\tfrac" in tex  # exact mixed probabilities


BAD_FILE = """title = "Bad"
players = ["Row", "Col"]
[strategies]
Row = ["a", "b"]
Col = ["c", "d"]
[payoffs]
Row = [[1, 2], [3, 4]]
Col = [[1, 2], [3, "{cell}"]]
"""


@pytest.mark.parametrize(
    "cell, message",
    [
        ("__import__('os').system('touch pwned')", "not allowed"),
        ("tau", "unknown name 'tau'"),
        ("1/0", "division by zero"),
        ("9^9^9^9", "too large"),
    ],
)
def test_bad_cells_give_one_line_and_status_2(tmp_path, cell, message, cli):
    path = tmp_path / "bad.toml"
    path.write_text(BAD_FILE.replace("{cell}", cell.replace('"', '\\"')))
    result = cli("solve", str(path), cwd=tmp_path)
    assert result.code == 2
    lines = result.err.strip().splitlines()
    assert len(lines) == 1, result.err
    assert str(path) in lines[0] and "payoffs.Col[1][1]" in lines[0] and message in lines[0]
    assert "Traceback" not in result.err
    assert result.out == ""
    assert not (tmp_path / "pwned").exists()


@pytest.mark.parametrize(
    "args, message",
    [
        (["solve", "games/baseline.toml", "--set", "tau=1"], "unknown parameter 'tau'"),
        (["solve", "games/baseline.toml", "--set", "T"], "expected NAME=VALUE"),
        (["solve", "games/baseline.toml", "--set", "T=nan"], "expected a number"),
        (["solve", "games/baseline.toml", "--set", "T=2"], "outside its range"),
        (["solve", "games/baseline.toml", "--method", "magic"], "unknown method 'magic'"),
        (["solve", "games/nothing.toml"], "file not found"),
        (["solve", "games/baseline.toml", "--format", "pdf"], "invalid choice"),
        (["solve", "games"], "folder"),
    ],
)
def test_bad_command_lines(args, message, cli):
    result = cli(*args)
    assert result.code == 2
    assert message in result.err
    assert "Traceback" not in result.err
    assert len(result.err.strip().splitlines()) <= 2  # argparse adds its usage line


def test_degenerate_game_reports_components(tmp_path, cli):
    path = tmp_path / "ties.toml"
    path.write_text(
        'title = "All ties"\nplayers = ["A", "B"]\n[strategies]\nA = ["x", "y"]\nB = ["u", "v"]\n'
        "[payoffs]\nA = [[0, 0], [0, 0]]\nB = [[0, 0], [0, 0]]\n"
    )
    result = cli("solve", str(path), "--format", "json")
    data = json.loads(result.out)
    assert data["degenerate"] is True
    assert len(data["equilibria"]) == 4
    assert data["components"] == [[0, 1, 2, 3]]
    table = cli("solve", str(path)).out
    assert "continuum" in table


def test_json_numbers_are_exact_strings(cli_json):
    data = cli_json("solve", "games/baseline.toml", "--set", "T=1")
    for e in data["equilibria"]:
        for probs in e["strategies"].values():
            assert sum(F(p) for p in probs.values()) == 1


def test_malformed_file_on_the_command_line_is_one_line(tmp_path, cli):
    bad = tmp_path / "bad.nfg"
    bad.write_text('NFG 1 R "x" { "a" "b" } { 2 2 }\n1 2 3 4 five')
    r = cli("solve", str(bad))
    assert r.code == 2
    assert r.err.strip() == (
        f"error: {bad}, line 2, column 9: expected a's payoff at (1, 2), profile 3 of 4 "
        "(an integer, decimal or fraction such as 3/2), found 'five'"
    )
    assert r.out == ""


# ----------------------------------------------------------------------------- game trees


@pytest.mark.parametrize("path", [p for p in game_files("games", trees=False) if bg.load(p).n_players == 2],
                         ids=lambda p: p.stem)
def test_solve_the_proposal_game_under_each_scenario(path, cli_json):
    data = cli_json("solve", "games/treaty_proposal.toml", "--params", str(path))
    outcomes = {e["outcome"] for e in data["subgame_perfect"]}
    assert None not in outcomes
    assert all(is_treaty(o) for o in outcomes) == (path.stem in TREATY_SCENARIOS)
    assert any(is_treaty(o) for o in outcomes) == (path.stem in TREATY_SCENARIOS)
    # the JSON keeps the strategic form's equilibria, each marked, and the SPEs' paths, readings and payoffs
    assert data["equilibria"] and all(e["subgame_perfect"] in (True, False, None) for e in data["equilibria"])
    first = data["subgame_perfect"][0]
    assert set(first) >= {"strategies", "path", "outcome", "payoffs", "reading"}
    assert data["parameters"]["T"] == str(bg.load(path).parameters["T"].value)


def test_non_subgame_perfect_equilibria_name_their_threat(cli_json):
    data = cli_json("solve", "games/treaty_proposal.toml", "--params", "games/taiwan_crisis.toml")
    flagged = [e for e in data["equilibria"] if e["subgame_perfect"] is False]
    assert flagged and all(e["threats"] for e in flagged)
    for e in flagged:
        for t in e["threats"]:
            assert F(t["better_value"]) > F(t["value"])
    # every SPE of backward induction is among the equilibria marked subgame-perfect (same path and payoffs)
    marked = {
        (tuple(e["path"] or ()), tuple(e["payoffs"].values())) for e in data["equilibria"] if e["subgame_perfect"]
    }
    for e in data["subgame_perfect"]:
        assert (tuple(e["path"]), tuple(e["payoffs"].values())) in marked


def test_text_output_fits_80_columns_and_marks_the_path(cli):
    status, out, _ = cli("solve", "games/treaty_proposal.toml", "--params", "games/taiwan_crisis.toml")
    assert status == 0
    assert max(len(line) for line in out.splitlines()) <= 80
    assert "├─▶ propose → ratification" in out and "Subgame-perfect equilibria: 16" in out
    assert "is not credible" in out


def test_params_and_set_compose(cli_json):
    # --set applies after --params
    data = cli_json("solve", "games/treaty_proposal.toml", "--params", "games/taiwan_crisis.toml", "--set", "T=0.6")
    assert data["parameters"]["T"] == "3/5" and data["parameters"]["w_C"] == "1/10"


def test_params_from_a_file_with_unknown_parameters_is_an_error(tmp_path, cli):
    other = tmp_path / "other.toml"
    other.write_text(open("games/baseline.toml", encoding="utf-8").read().replace(
        "[parameters]", "[parameters]\nzeta = 1"), encoding="utf-8")
    status, _, err = cli("solve", "games/treaty_proposal.toml", "--params", str(other))
    assert status == 2 and "--params" in err and "'zeta'" in err and len(err.strip().splitlines()) == 1


def test_a_bad_tree_on_the_command_line(tmp_path, cli):
    bad = tmp_path / "bad.toml"
    bad.write_text(
        'title = "x"\nplayers = ["A"]\n[tree]\nr = { player = "A", moves = { a = "nowhere" } }\n', encoding="utf-8"
    )
    status, out, err = cli("solve", str(bad))
    assert status == 2 and not out
    assert err.strip() == f"error: {bad}, node r: a move leads to node 'nowhere', which does not exist"


def test_resolve_is_a_signalling_game_with_a_separating_equilibrium_where_the_pledge_is_cheap(cli_json):
    base = cli_json("solve", "games/resolve.toml")["perfect_bayesian"]["perfect_bayesian"]
    crisis = cli_json("solve", "games/resolve.toml", "--params", "games/taiwan_crisis.toml")
    pbe = crisis["perfect_bayesian"]["perfect_bayesian"]
    # baseline: a pledge costs a resolute China more (w_C = 0.22) than Russia's stand gives it (T*lam - e_C = 0.12)
    assert {e["kind"] for e in base} == {"pooling"}
    separating = [e for e in pbe if e["kind"] == "separating"]
    assert len(separating) == 1
    s = separating[0]
    assert s["strategies"]["China"] == {"resolute": "pledge", "irresolute": "vague"}
    assert s["strategies"]["Russia"] == {"pledge": "firm", "vague": "back"}
    assert s["beliefs"]["pledge"]["P(resolute)"] == "1" and s["beliefs"]["vague"]["P(resolute)"] == "0"
    # with the prior 1/4 below Russia's threshold k_R / (T - e_R + k_R) = 5/16, no pooling equilibrium has Russia firm
    for e in pbe:
        if e["kind"] == "pooling":
            assert e["strategies"]["Russia"][e["strategies"]["China"]["resolute"]] == "back"
    # every PBE is a Bayesian Nash equilibrium of the strategic form (same behaviour)
    bne = {json.dumps(e["strategies"], sort_keys=True) for e in crisis["equilibria"] if e["pure"]}
    for e in pbe:
        strategies = {
            "China": {
                "resolute China": {
                    m: ("1" if m == e["strategies"]["China"]["resolute"] else "0") for m in ("pledge", "vague")
                },
                "irresolute China": {
                    m: ("1" if m == e["strategies"]["China"]["irresolute"] else "0") for m in ("pledge", "vague")
                },
            },
            "Russia": {
                "after a pledge": {
                    a: ("1" if a == e["strategies"]["Russia"]["pledge"] else "0") for a in ("firm", "back")
                },
                "without a pledge": {
                    a: ("1" if a == e["strategies"]["Russia"]["vague"] else "0") for a in ("firm", "back")
                },
            },
        }
        assert json.dumps(strategies, sort_keys=True) in bne


def test_solve_reads_efg_files(tmp_path, cli_json):
    path = tmp_path / "entry.efg"
    path.write_text('EFG 2 R "Entry" { "E" "I" } "" p "e" 1 1 "e" { "out" "in" } 0 t "o" 1 "" { 0, 2 } '
                    'p "r" 2 1 "r" { "fight" "share" } 0 t "f" 2 "" { -1, -1 } t "s" 3 "" { 1, 1 }', encoding="utf-8")
    data = cli_json("solve", str(path))
    assert [e["path"] for e in data["subgame_perfect"]] == [["in", "share"]]
    assert sorted(e["subgame_perfect"] for e in data["equilibria"] if e["pure"]) == [False, True]


def test_strategic_form_behaviour_is_unchanged(cli_json):
    data = cli_json("solve", "games/baseline.toml", "--params", "games/taiwan_crisis.toml")
    direct = cli_json("solve", "games/taiwan_crisis.toml")
    assert data["equilibria"] == direct["equilibria"]


# ----------------------------------------------------------------------------- three or more players


def test_solve_the_triangle(cli, cli_json):
    r = cli("solve", "games/triangle.toml")
    assert r.code == 0, r.err
    assert "1 Nash equilibrium (method exact: support enumeration, exact polynomial systems" in r.out
    assert "#1: the United States contains both; deep alignment without a treaty" in r.out
    assert "certified in rational arithmetic: every deviation checked exactly, regret 0" in r.out
    d = cli_json("solve", "games/triangle/two_front.toml")
    assert d["players"] == ["United States", "Russia", "China"] and len(d["equilibria"]) == 3
    for e in d["equilibria"]:
        assert set(e["regret"].values()) == {"0"} and e["certificate"]["regret"] == ["0", "0", "0"]


def test_methods_for_three_players(cli):
    r = cli("solve", "games/triangle.toml", "--method", "polynomial")
    assert r.code == 0 and "contains both; deep alignment without a treaty" in r.out
    r = cli("solve", "games/triangle.toml", "--method", "lemke-howson")
    assert r.code == 2 and r.out == ""
    assert r.err == ("error: --method: method 'lemke-howson' solves games of 2 players; this game has 3 "
                     "(methods for it: exact, polynomial)\n")


@pytest.mark.parametrize(
    "rows, message",
    [
        ('"x, x, x" = [1, 2, 3]\n"x, x, y" = [1, 2]\n',
         'payoffs."x, x, y": expected 3 payoffs, one per player in the order of players (A, B, C); found 2 entries'),
        ('"x, x, x" = [1, 2, 3]\n',
         "missing the row of profile (x, x, y): every profile needs one (8 profiles, 1 given)"),
        ('"x, x, x" = [1, 2, 3]\n"x ,x, x" = [1, 2, 3]\n',
         'profile (x, x, x) has two rows: "x, x, x" and "x ,x, x"'),
    ],
)
def test_bad_nplayer_files_are_one_line_with_status_2(tmp_path, cli, rows, message):
    path = tmp_path / "bad.toml"
    path.write_text('title = "t"\nplayers = ["A", "B", "C"]\n[strategies]\nA = ["x", "y"]\nB = ["x", "y"]\n'
                    'C = ["x", "y"]\n[payoffs]\n' + rows)
    r = cli("solve", path)
    assert r.code == 2 and r.out == ""
    assert message in r.err and r.err.startswith("error: ") and r.err.count("\n") == 1


# --------------------------------------------------------------------------- fuzz: bad input never breaks it

from hypothesis import given, settings, strategies as st  # noqa: E402

_NASTY = [
    "(" * 200 + "1" + ")" * 200, "2" + "^2" * 40, "*".join(["T"] * 300), "1e999999999", "1e4000", "9" * 5000,
    "sqrt(0.043^64)", "2^(1/1000000000000)", "10^10^10", "1/0", "sqrt(-1)", "T.real", "__import__('os')", "0x10",
]


def _cell():
    return st.one_of(st.integers(-3, 3).map(str), st.sampled_from(_NASTY + ["T", "T/2", "1 - T"]), st.text(max_size=8))


@st.composite
def _game_text(draw):
    m, n = draw(st.integers(1, 3)), draw(st.integers(1, 3))
    rows = lambda: [[draw(_cell()) for _ in range(n)] for _ in range(m)]  # noqa: E731
    text = (
        f'title = "fuzz"\nplayers = ["A", "B"]\n[strategies]\nA = {json.dumps([f"a{k}" for k in range(m)])}\n'
        f'B = {json.dumps([f"b{k}" for k in range(n)])}\n[parameters]\nT = {{ value = 0.5 }}\n'
        f"[payoffs]\nA = {json.dumps(rows())}\nB = {json.dumps(rows())}\n"
    )
    if draw(st.booleans()):  # a mutation of the text itself: a cut, a deep array, a stray character
        k = draw(st.integers(0, len(text)))
        text = draw(st.sampled_from([text[:k], text + "\nx = " + "[" * 3000 + "]" * 3000, text[:k] + "]" + text[k:]]))
    return text


@settings(max_examples=25)
@given(_game_text())
def test_fuzzed_game_files_solve_or_fail_in_one_line(cli, tmp_path_factory, text):
    path = tmp_path_factory.mktemp("fuzz") / "game.toml"
    path.write_text(text, encoding="utf-8")
    result = cli("solve", path, "--format", "json")
    if result.code == 0:
        for eq in json.loads(result.out)["equilibria"]:
            for mix in eq["strategies"].values():
                probabilities = [F(p) for p in mix.values()]
                assert min(probabilities) >= 0 and sum(probabilities) == 1
    else:
        assert result.code == 2, result.err
        lines = result.err.strip().splitlines()
        assert len(lines) == 1 and str(path) in lines[0], result.err


# ----------------------------------------------------------------------------- ordinal and cardinal claims


def test_solve_says_what_is_ordinal_and_what_cardinal(cli_json):
    data = cli_json("solve", "games/taiwan_crisis.toml")
    assert data["claims"]["ordinal"] == ["the pure equilibria #1, #3"]
    assert "the probabilities of the mixed equilibrium #2" in data["claims"]["cardinal"]
    assert "ordinal" not in data  # the check runs only when asked


def test_solve_ordinal_lists_the_comparisons_and_samples_same_ranking_payoffs(cli_json, cli):
    data = cli_json("solve", "games/taiwan_crisis.toml", "--ordinal")
    check = data["ordinal"]
    treaty = check["pure_equilibria"][0]
    assert treaty["profile"] == ["ally", "ally"] and treaty["strict"] and treaty["sampled_share"] == 1.0
    assert {(c["player"], c["rather_than"]) for c in treaty["comparisons"]} == {
        ("Russia", "align"), ("Russia", "hedge"), ("China", "align"), ("China", "hedge")
    }
    assert all(F(c["payoff"]) > F(c["other_payoff"]) for c in treaty["comparisons"])
    assert check["set_kept"] == 1.0 and 0 < check["risk_dominant_kept"] < 1
    out = cli("solve", "games/taiwan_crisis.toml", "--ordinal", "--method", "lemke-howson")
    assert out.code == 2 and "--method" in out.err


# ----------------------------------------------------------------------------- escaping and determinism


def test_markdown_escapes_names_and_says_the_method_once(tmp_path, cli):
    from tests.examples import hostile_game

    r = cli("solve", hostile_game(tmp_path), "--format", "markdown")
    assert r.code == 0, r.err
    lines = r.out.splitlines()
    assert lines[0] == "### Crisis – “R&D” 50% $x #1 _a {b} ~c ^d \\e \\| f second line"
    table = [line for line in lines if line.startswith("|")]
    # every row of a table has as many cells as its header: no | of a name and no line break splits one
    assert all(line.replace("\\|", "").count("|") == table[0].replace("\\|", "").count("|") for line in table[:4])
    assert "| =HYPERLINK(\"x\") \\ B\\|C \"q\" | @sum | a,b c |" in lines
    assert "**Nash equilibria** (method exact: exact rational arithmetic):" in lines
    assert "(exact, exact)" not in cli("solve", "games/baseline.toml", "--format", "markdown").out


def test_latex_escapes_names_and_keeps_comments_comments(tmp_path, cli):
    from tests.examples import hostile_game

    r = cli("solve", hostile_game(tmp_path), "--format", "latex")
    assert r.code == 0, r.err
    lines = r.out.splitlines()
    assert lines[0].startswith("% needs no LaTeX package")
    assert lines[1].startswith("% Crisis") and lines[2].startswith("% second line")
    assert r"R\&D\_\% & " in r.out and r"B\textbar{}C" in r.out
    assert lines[1] == "% Crisis – “R&D” 50% $x #1 _a {b} ~c ^d \\e | f"  # a comment needs no escapes, only its %
    body = [line for line in lines if not line.startswith("%")]
    assert all(line.startswith(("\\", "=", "-", "R", "  \\item")) for line in body if line)  # no stray name line


def _pdflatex(tmp_path, tex: str, name: str) -> None:
    import shutil
    import subprocess

    if shutil.which("pdflatex") is None:
        pytest.skip("pdflatex is not installed")
    (tmp_path / f"{name}.tex").write_text(tex, encoding="utf-8")
    done = subprocess.run(["pdflatex", "-interaction=nonstopmode", "-halt-on-error", f"{name}.tex"], cwd=tmp_path,
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stdout[-2000:]
    assert (tmp_path / f"{name}.pdf").stat().st_size > 1000


def test_standalone_latex_compiles(tmp_path, cli):
    from tests.examples import hostile_game

    for name, game in (("baseline", "games/baseline.toml"), ("hostile", hostile_game(tmp_path)),
                       ("triangle", "games/triangle.toml")):
        r = cli("solve", game, "--format", "latex", "--standalone")
        assert r.code == 0, r.err
        assert r.out.startswith("\\documentclass{article}\n") and r.out.endswith("\\end{document}\n")
        assert "\\begin{document}\n% needs no LaTeX package" in r.out
        _pdflatex(tmp_path, r.out, name)


def test_standalone_is_for_latex(cli):
    r = cli("solve", "games/baseline.toml", "--standalone")
    assert r.code == 2 and r.err == "error: --standalone: a standalone document is LaTeX; add --format latex\n"


@pytest.mark.parametrize("fmt", ["table", "json", "markdown", "latex"])
def test_the_same_bytes_whatever_the_hash_seed(fmt):
    import os
    import subprocess
    import sys

    def run(seed):
        return subprocess.run([sys.executable, "cli.py", "solve", "games/baseline.toml", "--format", fmt], cwd=ROOT,
                              capture_output=True, check=True, env={**os.environ, "PYTHONHASHSEED": seed},
                              timeout=300).stdout

    first = run("0")
    assert first and run("1") == first and run("12345") == first


def test_solve_imports_no_optional_dependency():
    import subprocess
    import sys

    code = ("import sys, contextlib, io\nfrom bargaining.cli import main\n"
            "with contextlib.redirect_stdout(io.StringIO()): main(['solve', 'games/baseline.toml'])\n"
            "print(sorted(m for m in ('matplotlib', 'SALib') if m in sys.modules))")
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    assert done.stdout == "[]\n"  # the extras [figures] and [sensitivity] are for the commands that need them
