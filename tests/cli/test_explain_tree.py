"""The ``explain`` command on game trees (run in process; JSON parsed).

(New tests for cli/explain.py on trees, kept apart from the command's main tests while the test tree is
reorganised; ``cli`` mirrors the shared fixture of the reorganised tests/conftest.py.)
"""

from __future__ import annotations

import contextlib
import io
import json
from typing import NamedTuple

import pytest

from bargaining.cli import main


class Result(NamedTuple):
    code: int
    out: str
    err: str


@pytest.fixture
def cli():
    def run(*argv) -> Result:
        out, err = io.StringIO(), io.StringIO()
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            try:
                code = main([str(a) for a in argv])
            except SystemExit as exit:
                code = exit.code if isinstance(exit.code, int) else 1
        return Result(code, out.getvalue(), err.getvalue())

    return run


def test_explain_the_proposal_game_as_json(cli):
    r = cli("explain", "games/treaty_proposal.toml", "--params", "games/taiwan_crisis.toml", "--format", "json")
    assert r.code == 0, r.err
    data = json.loads(r.out)
    steps = data["backward_induction"]
    assert [(s["subgame"], s["kind"], s["ways"]) for s in steps] == [
        ("partnership", "stage", 3), ("after rejection", "stage", 3), ("ratification", "decision", 4),
        ("proposal", "decision", 16)]
    tie = steps[2]["cases"][0]
    assert tie["best"] == ["accept", "reject"] and tie["continuation"][0]["payoffs"] == ["511/1000", "67/100"]
    assert len(steps[0]["cases"][0]["strategic_form"]["equilibria"]) == 3
    assert len(data["subgame_perfect"]) == 16 and len(data["nash_equilibria"]) == 51
    assert data["in_strategic_form"]["marked_subgame_perfect"] == [0, 1, 3, 4, 6, 7, 12, 13]
    assert data["in_strategic_form"]["not_extreme"] == 6
    assert sum(len(g["equilibria"]) for g in data["non_credible_threats"]) == 44


def test_explain_resolve_as_json(cli):
    r = cli("explain", "games/resolve.toml", "--params", "games/taiwan_crisis.toml", "--format", "json")
    data = json.loads(r.out)
    pbe = data["signalling"]["perfect_bayesian"]
    assert [(e["kind"], e["intuitive_criterion"]["survives"]) for e in pbe] == [("separating", True),
                                                                              ("pooling", False)]
    assert pbe[1]["beliefs"]["pledge"]["P(resolute) range"] == ["0", "5/16"]


def test_explain_a_tree_as_text_and_markdown(cli, tmp_path):
    r = cli("explain", "games/treaty_proposal.toml", "--params", "games/taiwan_crisis.toml")
    assert r.code == 0 and r.out.startswith("Treaty proposal: Russia proposes, China ratifies\n=")
    assert all(len(line) <= 80 for line in r.out.splitlines())
    out = tmp_path / "handout.md"
    r = cli("explain", "games/resolve.toml", "--format", "markdown", "-o", out)
    assert r.code == 0
    text = out.read_text(encoding="utf-8")
    assert text.startswith("# China's resolve") and "## 4. Private information: perfect Bayesian equilibria" in text


def test_explain_still_walks_a_strategic_form_game(cli):
    data = json.loads(cli("explain", "games/taiwan_crisis.toml", "--format", "json").out)
    assert {"cells", "best_responses", "dominance", "stag_hunts"} <= set(data)


def test_explain_a_tree_with_a_method_is_an_input_error(cli):
    import bargaining as bg
    from bargaining.errors import InputError

    with pytest.raises(InputError, match="solved exactly"):
        bg.explain("games/treaty_proposal.toml", method="nashpy-support")
