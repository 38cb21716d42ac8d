"""The walk-through of a game of three or more players, written (bargaining.render.explain_nplayer)."""

from __future__ import annotations

import json

from bargaining.analysis.explain_nplayer import explain_nplayer
from bargaining.io.gamefile import load_model
from bargaining.render.explain_nplayer import render


def test_text_has_each_section_and_the_wedge():
    text = render(explain_nplayer(load_model("games/triangle/taiwan_crisis.toml")))
    for words in ("1. Where the payoffs come from", "United States' best response to (Russia, China):",
                  "Russia's best response to (United States, China):", "3. Dominated strategies",
                  "United States: engage (always worse than wedge_Russia)",
                  "(contain_both, ally, ally): United States would rather play wedge_Russia (gaining 0.1).",
                  "the treaty provokes the wedge that splits it", "Selected: #1"):
        assert words in " ".join(text.split())
    assert (
        "United States: -containment_R - coalition_pair - containment_C - coalition_pair"
        " = -0.2 - 0.1 - 0.2 - 0.1 = -0.6"
        in " ".join(text.split())
    )


def test_markdown_and_json():
    ex = explain_nplayer(load_model("games/triangle/two_front.toml"))
    md = render(ex, "markdown")
    assert md.startswith("# Triangle, Two fronts") and "| Russia \\ China | ally | align | hedge |" in md
    assert json.loads(render(ex, "json"))["players"] == ["United States", "Russia", "China"]
