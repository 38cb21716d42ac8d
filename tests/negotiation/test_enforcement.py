"""Self-enforcing agreements: :mod:`bargaining.negotiation.enforcement`.

The détente scenario "agrees" on a lottery over (align, hedge) and (align,
align) although hedge is dominant for both: that agreement must never read as
a plain treaty. The oracle for lotteries is the one-shot deviation check with
a public lottery drawn every period (Mailath & Samuelson 2006, ch. 2), done
here in exact arithmetic draw by draw.
"""

from __future__ import annotations

from fractions import Fraction as F
from pathlib import Path

from hypothesis import given, strategies as st

from bargaining.game import Game
from bargaining.io.gamefile import load_model
from bargaining.negotiation.enforcement import assess, self_enforcing
from bargaining.negotiation.from_game import bargaining_setup
from bargaining.negotiation.solutions import BargainingSolution
from bargaining.negotiation.sweep import chosen_solutions
from bargaining.solvers.repeated import stage_equilibria
from tests.strategies import games

ROOT = Path(__file__).resolve().parents[2]


def setup_of(name, **values):
    m = load_model(str(ROOT / "games" / f"{name}.toml"))
    return bargaining_setup(m.with_values(values) if values else m)


def test_detente_lottery_is_not_a_stage_equilibrium():
    setup = setup_of("detente")
    sols = chosen_solutions(setup)
    for s, e in zip(sols, assess(setup, sols)):
        assert s.exists and len(s.agreement) == 2
        assert e.status == "repeated" and not e.summary.startswith("yes")
        assert "not stage equilibria" in e.reason
    nash = next(e for s, e in zip(sols, assess(setup, sols)) if s.name == "nash")
    assert [t.lo for t in nash.thresholds] == [F(1, 2), F(3, 4)]
    assert nash.summary == "only if repeated with delta_R ≥ 0.5 and delta_C ≥ 0.75"


def test_junior_partner_transfers_need_chinas_patience():
    import dataclasses

    m = load_model(str(ROOT / "games" / "junior_partner.toml"))  # with bargaining power from capabilities
    setup = bargaining_setup(dataclasses.replace(m, bargaining={**m.bargaining,
                                                                "weights": ["1 - (1 + a)/2", "(1 + a)/2"]}))
    sols = {s.name: s for s in chosen_solutions(setup)}
    found = dict(zip(sols, assess(setup, tuple(sols.values()))))
    # the symmetric Nash split: China pays 0.085 and keeps 0.365 against 0.34 under the punishment
    assert found["nash"].thresholds[1].lo == F("0.085") / (F("0.085") + F("0.365") - F("0.34")) == F(17, 22)
    assert found["nash"].thresholds[0].everywhere
    # the weighted split pays less, so China needs less patience; 6/11 is the least over all transfers
    assert found["weighted-nash"].thresholds[1].lo == F(49, 88) > F(6, 11)
    held = assess(setup, (sols["weighted-nash"],), {"delta_C": "0.6"})[0]
    assert held.holds is True and held.summary.startswith("yes at delta_C = 0.6")
    short = assess(setup, (sols["weighted-nash"],), {"China": "1/2"})[0]
    assert short.holds is False and short.summary.startswith("no at delta_C = 0.5")


def test_no_agreement_and_stage_equilibrium_verdicts():
    setup = setup_of("baseline")
    (e,) = assess(setup, chosen_solutions(setup, "nash"))
    assert e.status == "no-agreement" and "(align, align), a stage equilibrium" in e.summary
    # taiwan_crisis without transfers: the treaty itself is agreed, a stage equilibrium
    m = load_model(str(ROOT / "games" / "taiwan_crisis.toml"))
    setup = bargaining_setup(type(m)(**{**m.__dict__, "bargaining": {**m.bargaining, "transfers": False}}))
    (s,) = chosen_solutions(setup, "nash")
    (e,) = assess(setup, (s,))
    assert s.agreement == ((("ally", "ally"), F(1)),) and s.transfer == 0
    assert e.status == "stage-equilibrium" and e.summary == "yes (a stage equilibrium)" and e.holds


def test_a_transfer_on_top_of_a_stage_equilibrium_still_needs_the_future():
    setup = setup_of("taiwan_crisis")
    (s,) = chosen_solutions(setup, "nash")
    (e,) = assess(setup, (s,))
    assert s.transfer == F("0.0795")
    assert e.status == "repeated" and e.thresholds[1].lo == F("0.0795") / (F("0.5905") - F("0.45") + F("0.0795"))


def _oracle(game, lottery, transfer, delta, eqs):
    """Draw by draw: conform, or deviate once (a receiver or anyone without transfer may be forgiven)."""
    side = (transfer, -transfer)
    V = [sum(w * game.payoff(p, *a) for a, w in lottery) + side[p] for p in range(2)]
    n = [min(e.payoffs[p] for e in eqs) for p in range(2)]
    for p in range(2):
        for a, w in lottery:
            if w == 0:
                continue
            conform = (1 - delta[p]) * (game.payoff(p, *a) + side[p]) + delta[p] * V[p]
            for k in range(game.shape[p]):
                b = (k, a[1]) if p == 0 else (a[0], k)
                if side[p] < 0:  # a payer withholds whatever it plays, and is punished
                    worst = (1 - delta[p]) * game.payoff(p, *b) + delta[p] * n[p]
                    if worst > conform:
                        return False
                elif k != a[p]:
                    forgiven = (1 - delta[p]) * game.payoff(p, *b) + delta[p] * V[p]
                    punished = (1 - delta[p]) * game.payoff(p, *b) + delta[p] * n[p]
                    if min(forgiven, punished) > conform:
                        return False
    return True


@given(
    games(max_m=3, max_n=3),
    st.lists(st.integers(0, 4), min_size=9, max_size=9),
    st.integers(-3, 3),
    st.fractions(0, F(29, 30), max_denominator=30),
    st.fractions(0, F(29, 30), max_denominator=30),
)
def test_lottery_thresholds_agree_with_a_draw_by_draw_check(game, weights, t, d0, d1):
    m, n = game.shape
    cells = [(i, j) for i in range(m) for j in range(n)]
    w = weights[: len(cells)]
    if sum(w) == 0:
        w = [1] + w[1:]
    lottery = tuple(((game.strategies[0][a[0]], game.strategies[1][a[1]]), F(x, sum(w))) for a, x in zip(cells, w) if x)
    u = [sum(F(x, sum(w)) * game.payoff(p, *a) for a, x in zip(cells, w)) for p in range(2)]
    s = BargainingSolution(name="test", payoffs=(u[0] + t, u[1] - t), disagreement=(F(0), F(0)), agreement=lottery,
                           transfer=F(t), exists=True, surplus=F(0))
    eqs = stage_equilibria(game)
    e = self_enforcing(game, s, discount=(d0, d1), equilibria=eqs)
    pairs = [(a, F(x, sum(w))) for a, x in zip(cells, w) if x]
    assert e.holds is _oracle(game, pairs, F(t), (d0, d1), eqs), e.reason
    if e.status == "stage-equilibrium":
        assert t == 0


def test_prisoners_dilemma_agreement():
    pd = Game.from_arrays([[3, 0], [5, 1]], [[3, 5], [0, 1]], strategies=[["C", "D"], ["C", "D"]])
    s = BargainingSolution(name="nash", payoffs=(F(3), F(3)), disagreement=(F(1), F(1)),
                           agreement=((("C", "C"), F(1)),), transfer=F(0), exists=True, surplus=F(4))
    e = self_enforcing(pd, s)
    assert [x.lo for x in e.thresholds] == [F(1, 2), F(1, 2)]
    assert e.to_dict()["thresholds"]["delta_R"]["lo"] == "1/2"
