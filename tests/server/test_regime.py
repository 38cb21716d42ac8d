"""Tests of :mod:`bargaining.server.regime`: the explorer's regime map over two parameters.

Known answers (docs/explanation/model.md): along T at baseline, (hedge, hedge)
below 0.3; the treaty needs high pressure and low asymmetry.
"""

from __future__ import annotations

from pathlib import Path

from bargaining.io.gamefile import load_model
from bargaining.server.regime import regime_map
from bargaining.server.sliders import slider

ROOT = Path(__file__).resolve().parents[2]
BASELINE = load_model(ROOT / "games" / "baseline.toml")


def test_codes_cover_the_grid_and_name_their_sets():
    out = regime_map(BASELINE, slider(BASELINE.parameters["T"]), slider(BASELINE.parameters["a"]), size=11)
    assert out["size"] == 11 and len(out["codes"]) == 11 and all(len(row) == 11 for row in out["codes"])
    names = [s["description"] for s in out["sets"]]
    assert sum(s["points"] for s in out["sets"]) == 121
    assert names[out["codes"][5][0]] == "(hedge, hedge)"  # T = 0
    assert names[out["codes"][0][-1]].startswith("(ally, ally)")  # T = 1, a = 0
    assert all(not names[code].startswith("(ally, ally)") for code in out["codes"][-1])  # a = 1: Russia refuses
    assert out["current"] == "(align, align)" and out["point"] == {"x": 0.6, "y": 0.73}
    assert out["x"]["name"] == "T" and out["y"]["name"] == "a" and out["degenerate_points"] >= 11


def test_the_other_parameters_keep_the_models_values():
    crisis = BASELINE.with_values({"w_R": "0.1", "w_C": "0.1", "e_R": "0.12"})
    out = regime_map(crisis, slider(crisis.parameters["T"]), slider(crisis.parameters["lam"]), size=5)
    assert out["current"] == "(align, align)"
    assert any(s["description"].startswith("(ally, ally)") for s in out["sets"])


def test_an_equilibrium_set_keeps_its_colour_across_maps_and_games():
    """A set's colour is the palette's for its key: the regions' sets first, sets only at degenerate points after."""
    from bargaining.render.palette import PALETTE, colour_of

    for path, x, y in (("baseline.toml", "T", "a"), ("baseline.toml", "T", "lam"), ("taiwan_crisis.toml", "lam", "T")):
        m = load_model(ROOT / "games" / path)
        out = regime_map(m, slider(m.parameters[x]), slider(m.parameters[y]), size=9)
        colours = [s["colour"] for s in out["sets"]]
        assert len(set(colours)) == len(colours) and set(colours) <= set(PALETTE)  # one map: all told apart
        regions = [s["key"] for s in out["sets"] if not s["degenerate_only"]]
        others = [s["key"] for s in out["sets"] if s["degenerate_only"]]
        expected = colour_of(regions, others)
        assert {s["key"]: s["colour"] for s in out["sets"]} == expected


def permuted(result, order):
    """The same sweep with its sets numbered in another order (``order[k]``: the old code of the new set k)."""
    import dataclasses

    import numpy as np

    new_code = np.empty(len(order), dtype=np.int32)
    new_code[list(order)] = np.arange(len(order))
    return dataclasses.replace(result, sets=tuple(result.sets[k] for k in order), codes=new_code[result.codes])


def test_the_colours_do_not_depend_on_the_order_the_sets_are_met(monkeypatch):
    """The same sweep with its sets met in the reverse order: every set keeps its colour."""
    import bargaining.statics.sweep as sweep_module

    m = BASELINE
    one = regime_map(m, slider(m.parameters["T"]), slider(m.parameters["a"]), size=21)
    run = sweep_module.run_sweep
    monkeypatch.setattr(sweep_module, "run_sweep",
                        lambda grid: permuted(run(grid), list(reversed(range(len(run(grid).sets))))))
    other = regime_map(m, slider(m.parameters["T"]), slider(m.parameters["a"]), size=21)
    assert [s["key"] for s in one["sets"]] == [s["key"] for s in other["sets"]][::-1]  # met in another order
    assert {s["key"]: s["colour"] for s in one["sets"]} == {s["key"]: s["colour"] for s in other["sets"]}
    assert [s["key"] for s in one["sets"] if s["degenerate_only"]]  # T = 0.3 lies on this grid


def test_set_colours_depend_on_the_sets_not_their_order():
    from hypothesis import given, strategies as st

    from bargaining.server.regime import set_colours

    @given(st.lists(st.text(max_size=12), unique=True, max_size=15), st.randoms())
    def check(descriptions, rnd):
        shuffled = descriptions[:]
        rnd.shuffle(shuffled)
        mapping = dict(zip(descriptions, set_colours(descriptions)))
        assert dict(zip(shuffled, set_colours(shuffled))) == mapping
        assert len(set(mapping.values())) == min(len(descriptions), 12)

    check()
