"""Tests of :mod:`bargaining.symbolic.selection`: payoff and risk dominance in closed form.

Risk dominance of (ally, ally) over (align, align) is G_R G_C > L_R L_C
(Harsanyi and Selten 1988; the design note's stag-hunt condition).
"""

from __future__ import annotations

from tests.symbolic.common import TAIWAN, baseline, equal, syms


def test_stag_hunt_risk_dominance():
    d = baseline(**TAIWAN)
    s = syms(d)
    T, lam = s["T"], s["lam"]
    G_R = (1 - lam) * (T - s["w_R"]) - s["e_R"] - s["r"] - s["j"] * s["a"]
    G_C = (1 - lam) * (T - s["w_C"]) - s["e_C"] - s["r"]
    L_R = (1 - lam) * s["w_R"] + s["e_R"]
    L_C = (1 - lam) * s["w_C"] + s["e_C"]
    sel = next(x for x in d.selection if x.names == ("(ally, ally)", "(align, align)"))
    assert sel.risk.rel == ">" and equal(sel.risk.expr, G_R * G_C - L_R * L_C)
    assert sel.both_at_file
    # taiwan_crisis: ally payoff-dominant, align risk-dominant
    assert all(c.holds_at_file for c in sel.payoff)
    assert sel.risk.holds_at_file is False


def test_a_profile_with_an_identically_zero_gain_is_never_strict():
    # (a, c) and (b, d) are both equilibria where x, y >= 0, but First is indifferent at (a, c) for every
    # parameter value (0 >= 0): (a, c) is never strict, so no selection between "two strict equilibria"
    from bargaining.io.strategic import model_from_dict
    from bargaining.symbolic import derive

    model = model_from_dict({
        "title": "never strict",
        "players": ["First", "Second"],
        "strategies": {"First": ["a", "b"], "Second": ["c", "d"]},
        "parameters": {"x": {"value": "1", "min": "0", "max": "2"}, "y": {"value": "1", "min": "0", "max": "2"}},
        "payoffs": {"First": [["1", "0"], ["1", "x"]], "Second": [["y", "0"], ["0", "1"]]},
    })
    d = derive(model)
    assert {p.name for p in d.pure if p.equilibrium_at_file} >= {"(a, c)", "(b, d)"}
    assert d.selection == ()
