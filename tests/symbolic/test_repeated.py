"""Closed forms of the repeated game: :mod:`bargaining.symbolic.repeated`.

Each closed form is checked against the exact analysis at random parameter
points inside the declared ranges, wherever its conditions hold there (the
structure found at the file's values persists); the transfer threshold of
``junior_partner`` is checked to be the design note's −G_R/G_C identically.
"""

from __future__ import annotations

from fractions import Fraction as F
from functools import lru_cache
from pathlib import Path

import numpy as np
import pytest
import sympy

from bargaining.io.gamefile import load_model
from bargaining.solvers.repeated import repeated_game, stick_and_carrot, transfer_analysis
from bargaining.symbolic.printing import plain
from bargaining.symbolic.repeated import repeated_analysis

ROOT = Path(__file__).resolve().parents[2]


def model(name):
    return load_model(str(ROOT / "games" / f"{name}.toml"))


@lru_cache(maxsize=None)
def analysis_of(name):
    """Each scenario's analysis once per run: the closed forms take a few seconds."""
    return repeated_analysis(model(name), transfers=True)


def _points(m, count, seed):
    rng = np.random.default_rng(seed)
    out = []
    for _ in range(count):
        point = {}
        for name, p in m.parameters.items():
            lo, hi, _ = p.span()
            k = int(rng.integers(0, 201))
            point[name] = lo + (hi - lo) * F(k, 200)
        out.append(point)
    return out


def _subs(expr, point, extra=None):
    values = dict(point, **(extra or {}))
    return expr.xreplace({s: sympy.Rational(values[s.name].numerator, values[s.name].denominator)
                          for s in expr.free_symbols})


def _holds(form, point) -> bool:
    for c in form.conditions:
        value = _subs(c.expr, point)
        if value.has(sympy.zoo, sympy.nan) or not bool({">=": value >= 0, ">": value > 0, "<=": value <= 0,
                                                        "<": value < 0, "==": value == 0}[c.rel]):
            return False
    return True


def _value(form, point, extra=None) -> F:
    v = _subs(form.formula.expr, point, extra)
    return F(int(v.p), int(v.q))


@pytest.mark.parametrize("name", ["junior_partner", "taiwan_crisis", "detente", "baseline"])
def test_closed_forms_agree_with_the_exact_analysis_at_random_points(name):
    m = model(name)
    analysis = analysis_of(name)
    checked = 0
    for point in _points(m, 20, seed=len(name)):
        g = m.with_values(point).game()
        exact = repeated_game(g, transfers=True)
        labels = {e.label: e for e in exact.equilibria}
        for forms, pa_file in zip(analysis.formulas, analysis.exact.profiles):
            pa = exact.profile(forms.profile)
            for p in range(2):
                for c in forms.players[p]:
                    if not _holds(c, point):
                        continue
                    pl = pa.players[p]
                    if c.status in ("equilibrium", "no-gain"):
                        assert not pl.tempted and _value(c, point) == 0
                    elif c.scheme == "nash":
                        eq = c.label.split(" to ", 1)[1]
                        if eq not in labels:  # that equilibrium is gone at this point
                            continue
                        entry = next(x for x in pl.by_equilibrium if x.via == (labels[eq].index,))
                        if c.formula is None:
                            assert entry.status == "never", (name, point, c.label)
                        else:
                            assert entry.delta == _value(c, point), (name, point, c.label)
                    elif c.scheme == "minmax":
                        if c.formula is None:
                            assert pl.minmax.status == "never", (name, point, c.label)
                        else:
                            assert pl.minmax.delta == _value(c, point), (name, point, c.label)
                    elif c.scheme == "stick":
                        crit = stick_and_carrot(g, forms.profile, pa_file.stick)[p]
                        assert crit.delta == _value(c, point), (name, point, c.label)
                    checked += 1
            t_file = pa_file.transfer
            for c in forms.transfer:
                if not _holds(c, point):
                    continue
                t = transfer_analysis(g, forms.profile, t_file.payer, equilibria=exact.equilibria, names=exact.names)
                d = {exact.names[0]: F(1, 3), exact.names[1]: F(3, 7)}
                if c.status == "bound" and "τ_min" in c.label:
                    c0, c1 = t.tau_min
                    assert _value(c, point, d) == c0 + c1 * d[exact.names[t.receiver]]
                elif c.status == "bound":
                    k0, k1 = t.tau_max
                    assert _value(c, point, d) == k0 + k1 * d[exact.names[t.payer]]
                elif "common" in c.label:
                    assert t.common is not None and t.common.lo == _value(c, point), (name, point, c.label)
                else:
                    assert t.payer_alone is not None and t.payer_alone.lo == _value(c, point), (name, point, c.label)
                checked += 1
    assert checked >= 60


def test_junior_partner_transfer_threshold_is_minus_G_R_over_G_C():
    """The design note: a treaty with a transfer needs κ ≥ −G_R/G_C, G_i = (1 − lam)(T − w_i) − e_i − r − J_i."""
    analysis = analysis_of("junior_partner")
    form = analysis.formulas_of("ally, ally").transfer[-1]
    s = {x.name: x for x in form.formula.expr.free_symbols}
    G_R = (1 - s["lam"]) * (s["T"] - s["w_R"]) - s["e_R"] - s["r"] - s["j"] * s["a"]
    G_C = (1 - s["lam"]) * (s["T"] - s["w_C"]) - s["e_C"] - s["r"]
    assert sympy.cancel(form.formula.expr + G_R / G_C) == 0
    assert form.formula.at_file == sympy.Rational(6, 11)
    assert "κ" in form.note and "Fearon" in form.note
    assert all(c.holds_at_file for c in form.conditions)
    statuses = {c.label: c.status for c in form.conditions}
    assert statuses["China's punishment hurts it"] == "depends"


def test_formulas_read_back_with_parse_expr():
    analysis = analysis_of("taiwan_crisis")
    data = analysis.to_dict()
    seen = 0
    for entry in data["profiles"]:
        for forms in entry["closed_forms"]["players"].values():
            for c in forms:
                if c["formula"] is None:
                    continue
                names = {n: sympy.Symbol(n) for n in analysis.symbols}
                back = sympy.parse_expr(c["formula"]["expr"], local_dict=names)
                value = back.xreplace({names[n]: sympy.Rational(v.numerator, v.denominator)
                                       for n, v in analysis.exact.game.parameters if n in names})
                assert str(value) == c["formula"]["at_file"]
                seen += 1
    assert seen > 10


def test_keep_fixes_the_other_parameters():
    analysis = repeated_analysis(model("junior_partner"), keep=["T"])
    form = analysis.formulas_of("ally, ally").transfer[-1]
    assert {x.name for x in form.formula.expr.free_symbols} == {"T"}
    assert form.formula.at_file == sympy.Rational(6, 11)
    assert dict(analysis.fixed)["a"] == F(19, 20)
    df = analysis.to_pandas()
    row = df[(df.profile == "(ally, ally)") & (df.player == "Russia")].iloc[0]
    assert row["stick_formula"] is not None and "T" in row["stick_formula"]


def test_exact_only_needs_no_formulas():
    analysis = repeated_analysis(model("junior_partner"), formulas=False)
    assert analysis.formulas == () and analysis.formulas_of("ally, ally") is None
    assert analysis.exact.profile("ally, ally").transfer.payer_alone.lo == F(6, 11)
    assert plain(sympy.Integer(0)) == "0"


def test_a_mixed_punishment_and_a_mixed_minmax_in_closed_form():
    """A game whose only equilibrium is mixed: Nash reversion to it sustains (r2, c1) for the row player
    from δ = (3 − t)/(3 − 3/2) at t = 2 (the mixed equilibrium gives the row player 3/2 whatever t is,
    since the column player's mix makes it indifferent between 3·y − 3·(1 − y) and t·y)."""
    from bargaining.io.gamefile import model_from_dict

    data = {
        "title": "mixed punishment",
        "players": ["Row", "Column"],
        "strategies": {"Row": ["r1", "r2"], "Column": ["c1", "c2"]},
        "parameters": {"t": {"value": "2", "min": "1.5", "max": "2.5"}, "s": {"value": "2", "min": "1", "max": "3"}},
        "payoffs": {"Row": [["3", "-3"], ["t", "0"]], "Column": [["-1", "s"], ["3", "-2"]]},
    }
    m = model_from_dict(data)
    analysis = repeated_analysis(m)
    (eq,) = analysis.exact.equilibria
    assert eq.profile is None
    form = analysis.formulas_of("r2, c1").get(0, "nash")
    assert form.formula.at_file == sympy.Rational(2, 3)
    compared = 0
    for point in _points(m, 25, seed=3):
        exact = repeated_game(m.with_values(point).game())
        if not _holds(form, point):
            continue
        (e,) = exact.equilibria
        assert e.profile is None
        assert exact.profile("r2, c1").players[0].nash.delta == _value(form, point)
        compared += 1
    assert compared >= 10
