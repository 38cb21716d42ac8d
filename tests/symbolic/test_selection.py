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
