"""Known games shared by several test modules, each with its source.

- :func:`selten_horse`: Selten's horse (Selten 1975, IJGT 4, Figure 1);
- :func:`proposal_game`: the treaty-proposal game over a scenario file's stage game;
- :data:`TREATY_SCENARIOS` and :func:`is_treaty`: the scenario files in which the treaty is an equilibrium
  (the study's table, docs/explanation/model.md, "Scenarios"), and whether an outcome is the treaty.
"""

from __future__ import annotations

from bargaining.io.gamefile import load_model
from bargaining.tree import GameTree, decision, stage_game, terminal


def selten_horse():
    """Selten's horse (Selten 1975, IJGT 4, Figure 1): three players, no proper subgame."""
    return GameTree.build(["1", "2", "3"], [
        decision("a", "1", {"C": "b", "D": "left"}),
        decision("b", "2", {"c": "t1", "d": "right"}),
        terminal("t1", [1, 1, 1]),
        decision("right", "3", {"L": "t2", "R": "t3"}, infoset="3"),
        terminal("t2", [4, 4, 0]),
        terminal("t3", [0, 0, 1]),
        decision("left", "3", {"L": "t4", "R": "t5"}, infoset="3"),
        terminal("t4", [3, 2, 2]),
        terminal("t5", [0, 0, 0]),
    ])


def proposal_game(path: str):
    """Russia proposes a treaty or not; China accepts or rejects; without a treaty the stage game is played."""
    g = load_model(path).game()
    R, C = g.players
    nodes = [
        decision("propose", R, {"propose": "ratify", "no proposal": "stage"}),
        decision("ratify", C, {"accept": "treaty", "reject": "after rejection"}),
        terminal("treaty", {R: g.A[0][0], C: g.B[0][0]}, label="treaty"),
    ]
    nodes += stage_game("after rejection", g) + stage_game("stage", g)
    return GameTree.build(g.players, nodes, title=g.title)


#: The scenarios whose simultaneous game has (ally, ally) as an equilibrium.
TREATY_SCENARIOS = {"taiwan_crisis", "nato_escalation", "two_front"}


def is_treaty(outcome: str) -> bool:
    """An outcome of the treaty-proposal game in which both are allied."""
    return outcome == "treaty" or outcome.endswith("(ally, ally)")


#: A game whose names and title carry every character an output format must escape: spreadsheet formula starts
#: (= + - @), Markdown's cell separator, LaTeX's specials, quotes, a comma, line breaks and non-ASCII dashes and
#: quotes; T's label starts with +.
HOSTILE_TOML = r'''
title = "Crisis – “R&D” 50% $x #1 _a {b} ~c ^d \\e | f\nsecond line"
players = ["=HYPERLINK(\"x\")", "B|C \"q\""]

[strategies]
"=HYPERLINK(\"x\")" = ["-attack", "R&D_%"]
"B|C \"q\"" = ["@sum", "a,b\nc"]

[parameters]
T = { value = 0.5, min = 0, max = 1, label = "+label" }

[payoffs]
"=HYPERLINK(\"x\")" = [["T", "-0.1"], [0, 1]]
"B|C \"q\"" = [["1", "0"], ["-0.1", "T"]]
'''


def hostile_game(folder) -> str:
    """:data:`HOSTILE_TOML` written to ``folder/hostile.toml``; its path."""
    from pathlib import Path

    path = Path(folder) / "hostile.toml"
    path.write_text(HOSTILE_TOML, encoding="utf-8")
    return str(path)
