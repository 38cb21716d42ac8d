"""Tests of bargaining.render.explain_tree: the walk-through of a game tree as text, Markdown and JSON."""

from __future__ import annotations

import json
import re
import textwrap
from fractions import Fraction as F

import pytest
from hypothesis import given

import bargaining as bg
from bargaining.analysis.explain_tree import explain_tree
from bargaining.io.gamefile import game_files
from bargaining.render.explain_tree import render
from bargaining.tree import GameTree, chance, decision, terminal
from tests.strategies import game_trees

# the two-player scenarios (games/triangle.toml has other parameters: T_R and T_C for T)
SCENARIOS = [p for p in game_files("games", trees=False) if len(bg.load(p).players) == 2]


def headings(text: str, fmt: str) -> list[str]:
    lines = text.splitlines()
    if fmt == "markdown":
        return [line.lstrip("#").strip() for line in lines if line.startswith("#")]
    # a text heading is a line followed by a rule, or a "Step" / "Path" / "Perfect Bayesian" line
    out = []
    for k, line in enumerate(lines):
        ruled = k + 1 < len(lines) and lines[k + 1] and set(lines[k + 1]) <= {"=", "-"}
        if ruled or line.startswith(("Step ", "Path ", "Perfect Bayesian equilibrium ")):
            out.append(line.strip())
    return out


@given(game_trees())
def test_text_fits_80_columns_and_says_what_markdown_says(tree):
    ex = explain_tree(tree)
    text, markdown = render(ex, "text"), render(ex, "markdown")
    assert all(len(line) <= 80 for line in text.splitlines())
    assert not [line for line in text.splitlines() if re.search(r"[A-Za-z]-$", line)]  # "subgame-/perfect"
    # a long heading wraps in the text (its first line is what headings() sees), not in Markdown
    first_lines = [textwrap.wrap(h, 80, break_on_hyphens=False)[0] for h in headings(markdown, "markdown")]
    assert headings(text, "text") == first_lines
    assert json.loads(render(ex, "json")) == json.loads(json.dumps(ex.to_dict()))


@pytest.mark.parametrize("form, path", [("games/resolve.toml", p) for p in SCENARIOS]
                         + [("games/treaty_proposal.toml", "games/baseline.toml"),
                            ("games/treaty_proposal.toml", "games/nato_escalation.toml")],
                         ids=lambda p: str(p).rpartition("/")[2].removesuffix(".toml"))
def test_the_forms_under_the_scenarios_fit_80_columns(form, path):
    ex = bg.explain(form, params=str(path))
    text = render(ex, "text")
    assert all(len(line) <= 80 for line in text.splitlines()), [line for line in text.splitlines() if len(line) > 80]
    assert text.startswith(ex.tree.title)


def test_the_proposal_game_in_words():
    text = render(bg.explain("games/treaty_proposal.toml", params="games/taiwan_crisis.toml"), "text", width=100)
    flat = " ".join(text.split())
    assert "A tie: accept and reject give China the same." in flat
    assert "So there are 16 ways to play this subgame in equilibrium (4 × 2 + 8 × 1" in flat
    assert "In short: every subgame-perfect equilibrium ends in a military alliance" in flat
    assert ("China's threat to play hedge at \"partnership\" is not credible: if it came to that, Russia's best "
            "reply would be align, and against it align would give China 0.45 there, not 0.25.") in flat
    assert "10 are extreme points, 8 distinct ones" in flat and "6 mix in a subgame" in flat
    assert "It is not an extreme point: a mixture of Nash equilibria 1, 2, 7 and 8" in flat


def test_resolve_in_words():
    text = render(bg.explain("games/resolve.toml", params="games/taiwan_crisis.toml"), "markdown")
    flat = " ".join(text.split())
    assert "Back is best exactly when P(resolute) is at most 0.3125" in flat
    assert "Intuitive criterion (Cho and Kreps 1987): fails." in flat
    assert "Russia cannot tell resolute pledges and irresolute pledges apart" in flat


def test_one_equilibrium_reads_in_the_singular():
    """A tree whose strategic form has one equilibrium: the counts say so in the singular, none broken at a hyphen."""
    t = GameTree.build(["A", "B"], [
        decision("a", "A", {"gamble": "c", "safe": "s"}), terminal("s", [1, 1]),
        chance("c", {"h": (F(1, 3), "b"), "t": (F(2, 3), "t2")}),
        decision("b", "B", {"x": "bx", "y": "by"}), terminal("bx", [3, 0]), terminal("by", [0, 2]),
        terminal("t2", [2, 1])])
    text = render(explain_tree(t), "text")
    flat = " ".join(text.split())
    assert "Chance decides: the expected payoffs are A 4/3, B 4/3." in flat
    assert ("It is the strategic form's only Nash equilibrium. The subgame-perfect equilibrium of backward "
            "induction is a Nash equilibrium of it (zero regret, checked exactly): it is an extreme point. "
            "So 1 of the 1 is marked subgame-perfect: exactly the one backward induction reaches.") in flat
    assert "subgame-\n" not in text
