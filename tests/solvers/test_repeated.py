"""The repeated game, exactly: :mod:`bargaining.solvers.repeated`.

The oracle is independent of the module's formulas: a strategy profile is
written as a finite automaton (states, the mixed profile each prescribes, and
where each unilateral deviation leads), its values are found by solving the
linear equations ``V_s = (1 - δ)·u(s) + δ·V_next(s)`` in exact arithmetic, and
the one-shot deviation principle (Fudenberg & Tirole 1991, Theorem 4.2) is
checked directly: in every state no player gains by deviating once to any
pure action. A profile is sustained by Nash reversion (stick and carrot) at
δ iff that automaton passes.

Known answers: the prisoner's dilemma, cooperation under grim trigger iff
δ ≥ (T − R)/(T − P) (Fudenberg & Tirole 1991, section 5.1); the design
note's commitment-problem threshold for ``junior_partner``, δ_C ≥ −G_R/G_C = 6/11.
"""

from __future__ import annotations

from fractions import Fraction as F
from pathlib import Path

import pytest
from hypothesis import given, strategies as st

from bargaining.errors import InputError
from bargaining.game import Game
from bargaining.io.gamefile import load_model
from bargaining.solvers.repeated import (
    delta_set,
    discount_names,
    lottery_thresholds,
    minmax_values,
    read_discount,
    repeated_game,
    stage_equilibria,
    stick_and_carrot,
    transfer_analysis,
)
from tests.strategies import games

ROOT = Path(__file__).resolve().parents[2]
deltas = st.fractions(min_value=0, max_value=F(59, 60), max_denominator=60)


# ----------------------------------------------------------------------------- the oracle


def _solve(M, b):
    """Exact Gaussian elimination: ``M x = b``."""
    n = len(b)
    A = [list(row) + [b[i]] for i, row in enumerate(M)]
    for c in range(n):
        piv = next(r for r in range(c, n) if A[r][c] != 0)
        A[c], A[piv] = A[piv], A[c]
        for r in range(n):
            if r != c and A[r][c] != 0:
                f = A[r][c] / A[c][c]
                A[r] = [x - f * y for x, y in zip(A[r], A[c])]
    return [A[i][n] / A[i][i] for i in range(n)]


def _expected(game, p, x, y):
    M = game.A if p == 0 else game.B
    return sum(x[i] * y[j] * M[i][j] for i in range(len(x)) for j in range(len(y)))


def _pure(k, size):
    return tuple(F(int(i == k)) for i in range(size))


def automaton_is_spe(game, states, prescribe, after, delta):
    """The one-shot deviation check of an automaton.

    ``prescribe[s]`` is a pair of mixed strategies; ``after(s, p)`` is the next
    state after a unilateral deviation by ``p`` in state ``s`` (``p`` None: no
    deviation). Prescriptions of mixed actions are only used in absorbing
    states (a stage equilibrium forever), so ``after(s, None)`` is one state.
    """
    m, n = game.shape
    out = []
    for p in range(2):
        d = delta[p]
        idx = {s: k for k, s in enumerate(states)}
        M = [[F(0)] * len(states) for _ in states]
        b = [F(0)] * len(states)
        for s in states:
            k = idx[s]
            M[k][k] += 1
            M[k][idx[after(s, None)]] -= d
            b[k] = (1 - d) * _expected(game, p, *prescribe[s])
        V = dict(zip(states, _solve(M, b)))
        for s in states:
            x, y = prescribe[s]
            own = x if p == 0 else y
            for k in range(game.shape[p]):
                if own[k] == 1:
                    continue  # the prescribed pure action is no deviation
                dev = (_pure(k, m), y) if p == 0 else (x, _pure(k, n))
                value = (1 - d) * _expected(game, p, *dev) + d * V[after(s, p)]
                if value > V[s]:
                    out.append((s, p, k))
    return not out


def nash_reversion_automaton(game, a, tempted, punishments):
    """Path ``a``; a tempted player's deviation starts its punishment equilibrium forever.

    An untempted player's deviation is ignored.
    """
    m, n = game.shape
    prescribe = {"path": (_pure(a[0], m), _pure(a[1], n))}
    for p in range(2):
        prescribe[f"pun{p}"] = punishments[p].mixed
    states = ["path", "pun0", "pun1"]

    def after(s, p):
        if s == "path":
            return "path" if p is None or not tempted[p] else f"pun{p}"
        return s

    return states, prescribe, after


def stick_automaton(game, a, b, tempted):
    """Path ``a`` and stick ``b``: a tempted player's deviation on the path starts the stick; in the stick a
    deviation by a player the stick hurts restarts it, by any other is ignored (back to the path)."""
    m, n = game.shape
    prescribe = {"path": (_pure(a[0], m), _pure(a[1], n)), "stick": (_pure(b[0], m), _pure(b[1], n))}
    hurt = [game.payoff(p, *a) > game.payoff(p, *b) for p in range(2)]

    def after(s, p):
        if s == "path":
            return "path" if p is None or not tempted[p] else "stick"
        return "path" if p is None or not hurt[p] else "stick"

    return ["path", "stick"], prescribe, after


# ----------------------------------------------------------------------------- properties


@given(games(max_m=3, max_n=3), deltas, deltas)
def test_nash_reversion_threshold_agrees_with_the_one_shot_deviation_check(game, d0, d1):
    r = repeated_game(game)
    eqs = r.equilibria
    for pa in r.profiles:
        worst = []
        for p in range(2):
            low = min(e.payoffs[p] for e in eqs)
            worst.append(next(e for e in eqs if e.payoffs[p] == low))
        tempted = [pl.tempted for pl in pa.players]
        automaton = nash_reversion_automaton(game, pa.profile, tempted, worst)
        # the random point, and each threshold itself (the boundary belongs to the set)
        points = [(d0, d1)] + [(c.delta, c.delta) for c in pa.critical("nash") if c.delta is not None]
        for point in points:
            assert pa.sustainable(point, "nash") is automaton_is_spe(game, *automaton, point), (pa.name, point)
        for c, d in zip(pa.critical("nash"), (d0, d1)):
            assert c.holds(d) is (c.status in ("equilibrium", "no-gain") or (c.delta is not None and d >= c.delta))


@given(games(max_m=3, max_n=3), deltas, deltas)
def test_stick_and_carrot_threshold_agrees_with_the_one_shot_deviation_check(game, d0, d1):
    r = repeated_game(game)
    for pa in r.profiles:
        if pa.stage_equilibrium:
            continue
        tempted = [pl.tempted for pl in pa.players]
        for k in range(game.shape[0]):
            for l in range(game.shape[1]):
                b = (k, l)
                if b == pa.profile:
                    continue
                crits = stick_and_carrot(game, pa.profile, b)
                automaton = stick_automaton(game, pa.profile, b, tempted)
                points = [(d0, d1)] + [(c.delta, c.delta) for c in crits if c.delta is not None]
                for point in points:
                    ours = all(c.holds(d) for c, d in zip(crits, point))
                    assert ours is automaton_is_spe(game, *automaton, point), (pa.name, b, point)


@given(games(max_m=3, max_n=3), deltas)
def test_a_stage_equilibrium_is_sustained_at_every_discount_factor(game, d):
    r = repeated_game(game)
    for pa in r.profiles:
        if pa.stage_equilibrium:
            for scheme in ("nash", "minmax", "pure-minmax", "stick"):
                assert pa.sustainable((d, d), scheme) is True
                assert all(c.status == "equilibrium" and c.delta == 0 for c in pa.critical(scheme))


def _order(c):
    """A critical δ as a number to compare: never is above every δ."""
    return F(2) if c is None or c.delta is None else c.delta


@given(games(max_m=3, max_n=3))
def test_the_minmax_bound_is_never_above_any_scheme(game):
    r = repeated_game(game)
    for pa in r.profiles:
        for pl in pa.players:
            assert _order(pl.minmax) <= _order(pl.pure_minmax)
            assert _order(pl.minmax) <= _order(pl.nash)
            if pl.stick is not None:
                assert _order(pl.minmax) <= _order(pl.stick)
            assert _order(pl.nash) == min(_order(c) for c in pl.by_equilibrium)


@given(games(max_m=3, max_n=3), st.integers(1, 5), st.integers(-4, 4), st.integers(0, 1))
def test_invariant_under_positive_affine_rescaling_of_a_player(game, a, b, player):
    A = [[(a * v + b) if player == 0 else v for v in row] for row in game.A]
    B = [[(a * v + b) if player == 1 else v for v in row] for row in game.B]
    r0 = repeated_game(game, transfers=False)
    r1 = repeated_game(Game.from_arrays(A, B))
    for p0, p1 in zip(r0.profiles, r1.profiles):
        for scheme in ("nash", "minmax", "pure-minmax", "stick"):
            assert [_order(c) for c in p0.critical(scheme)] == [_order(c) for c in p1.critical(scheme)]


@given(games(max_m=3, max_n=3), st.randoms(use_true_random=False))
def test_invariant_under_relabelling_strategies_and_players(game, rnd):
    m, n = game.shape
    rows, cols = list(range(m)), list(range(n))
    rnd.shuffle(rows)
    rnd.shuffle(cols)
    A = [[game.A[i][j] for j in cols] for i in rows]
    B = [[game.B[i][j] for j in cols] for i in rows]
    r0 = repeated_game(game)
    r1 = repeated_game(Game.from_arrays(A, B))
    # swapping the players: the column player becomes the row player
    r2 = repeated_game(Game.from_arrays([list(c) for c in zip(*game.B)], [list(c) for c in zip(*game.A)]))
    for pa in r0.profiles:
        i, j = pa.profile
        moved = r1.profile((rows.index(i), cols.index(j)))
        swapped = r2.profile((j, i))
        for scheme in ("nash", "minmax", "pure-minmax"):
            assert [_order(c) for c in pa.critical(scheme)] == [_order(c) for c in moved.critical(scheme)]
            assert [_order(c) for c in pa.critical(scheme)] == [_order(c) for c in swapped.critical(scheme)][::-1]


@given(games(max_m=3, max_n=3), deltas, deltas)
def test_transfer_bounds_agree_with_a_direct_check(game, d0, d1):
    """At the bounds the receiver and the payer are exactly indifferent; inside, the automaton with payments holds."""
    r = repeated_game(game, transfers=True)
    eqs = r.equilibria
    delta = (d0, d1)
    for pa in r.profiles:
        for t in pa.transfers:
            bounds = t.bounds(delta[t.receiver], delta[t.payer])
            if t.payer_alone is not None:
                assert (delta[t.payer] in t.payer_alone) is (bounds is not None)
            if d0 == d1:
                assert (t.common is not None and d0 in t.common) is (bounds is not None)
            if bounds is not None:
                for tau in (bounds[0], (bounds[0] + bounds[1]) / 2, bounds[1]):
                    assert _transfer_holds(game, pa.profile, t.payer, tau, delta, eqs)
                assert not _transfer_holds(game, pa.profile, t.payer, bounds[1] + F(1, 1000), delta, eqs)


def _transfer_holds(game, a, payer, tau, delta, eqs):
    """Nash reversion with a payment ``tau`` on performance, checked deviation by deviation."""
    r = 1 - payer
    u = [game.payoff(p, *a) for p in range(2)]
    n = [min(e.payoffs[p] for e in eqs) for p in range(2)]
    value = {payer: u[payer] - tau, r: u[r] + tau}
    for k in range(game.shape[r]):
        if k == a[r]:
            continue
        dev = game.payoff(r, *((k, a[1]) if r == 0 else (a[0], k)))
        forgiven = dev <= value[r]
        punished = (1 - delta[r]) * dev + delta[r] * n[r] <= value[r]
        if not (forgiven or punished):
            return False
    for k in range(game.shape[payer]):
        dev = game.payoff(payer, *((k, a[1]) if payer == 0 else (a[0], k)))
        if (1 - delta[payer]) * dev + delta[payer] * n[payer] > value[payer]:
            return False
    return True


@given(games(max_m=3, max_n=3), deltas)
def test_a_lottery_on_one_profile_without_transfer_is_nash_reversion(game, d):
    r = repeated_game(game)
    eqs = stage_equilibria(game)
    for pa in r.profiles:
        sets, _ = lottery_thresholds(game, [(pa.profile, F(1))], equilibria=eqs)
        for s, c in zip(sets, pa.critical("nash")):
            assert (s is not None and d in s) is c.holds(d)


# ----------------------------------------------------------------------------- known answers


@given(st.integers(-5, 5), st.integers(1, 4), st.integers(1, 4), st.integers(1, 4))
def test_prisoners_dilemma_grim_trigger(S, a, b, c):
    """Cooperation is a subgame-perfect outcome under grim trigger iff δ ≥ (T − R)/(T − P).

    Fudenberg & Tirole, Game Theory, 1991, section 5.1 (T > R > P > S).
    """
    P = S + a
    R = P + b
    T = R + c
    pd = Game.from_arrays([[R, S], [T, P]], [[R, T], [S, P]], strategies=[["C", "D"], ["C", "D"]])
    r = repeated_game(pd)
    cc = r.profile("C, C")
    assert [cr.delta for cr in cc.critical("nash")] == [F(T - R, T - P)] * 2
    assert [e.label for e in r.equilibria] == ["(D, D)"]
    # (D, D) is the minmax profile, so the bound equals the threshold: grim trigger is optimal here
    assert [cr.delta for cr in cc.critical("minmax")] == [F(T - R, T - P)] * 2


def test_prisoners_dilemma_stick_and_carrot():
    """With (D, D) for one period as the stick: δ(R − P) ≥ T − R (Abreu 1986's carrot condition), here 1/3."""
    pd = Game.from_arrays([[4, 0], [5, 1]], [[4, 5], [0, 1]], strategies=[["C", "D"], ["C", "D"]])
    cc = repeated_game(pd).profile("C, C")
    assert cc.stick == (1, 1)
    assert [c.delta for c in cc.critical("stick")] == [F(1, 3)] * 2
    assert [c.delta for c in cc.critical("nash")] == [F(1, 4)] * 2


def test_matching_pennies_minmax_is_mixed():
    mp = Game.from_arrays([[1, -1], [-1, 1]], [[-1, 1], [1, -1]])
    mm = minmax_values(mp)
    assert [m.value for m in mm] == [0, 0] and [m.pure_value for m in mm] == [1, 1]
    assert mm[0].punisher == (F(1, 2), F(1, 2))


def junior():
    return load_model(str(ROOT / "games" / "junior_partner.toml")).game()


def test_junior_partner_treaty_needs_chinas_patience_six_elevenths():
    """The design note: Russia values China's promise at κ·τ, a treaty needs κ ≥ −G_R/G_C (0.545).

    G_R = (1 − lam)(T − w_R) − e_R − r − a·j = 0.375 − 0.435 = −0.06; G_C = 0.34 − 0.23 = 0.11.
    """
    g = junior()
    r = repeated_game(g, transfers=True)
    treaty = r.profile("ally, ally")
    G_R = F("0.5") * (F("0.9") - F("0.15")) - F("0.1") - F("0.05") - F("0.3") * F("0.95")
    G_C = F("0.5") * (F("0.9") - F("0.22")) - F("0.18") - F("0.05")
    assert (G_R, G_C) == (F("-0.06"), F("0.11"))
    t = treaty.transfer
    assert (t.payer, t.receiver) == (1, 0)
    assert t.payer_alone.lo == -G_R / G_C == F(6, 11) and t.payer_alone.hi is None
    assert t.common.lo == F(6, 11)
    assert t.tau_min == (-G_R, 0) and t.tau_max == (0, G_C)
    assert t.kappa
    assert t.bounds(F(1, 5), F(6, 11)) == (F("0.06"), F("0.06"))
    assert t.bounds(F(1, 5), F(1, 2)) is None
    # without transfers Nash reversion cannot hold Russia: its punishment (align, align) is worth more to it
    assert treaty.players[0].nash.status == "never" and treaty.players[1].nash.status == "no-gain"
    # the other direction (Russia pays China) never works
    assert next(x for x in treaty.transfers if x.payer == 0).common is None


def test_junior_partner_treaty_by_stick_and_carrot():
    """One period of (hedge, hedge) then back to the treaty: Russia needs δ ≥ 0.15/0.315 = 10/21.

    u_R = 0.315, w_R = 0, e_R = 0.15 (align against hedge), d_R − u_R = 0.06 < e_R − w_R.
    """
    treaty = repeated_game(junior()).profile("ally, ally")
    assert treaty.stick == (2, 2)
    assert [c.delta for c in treaty.critical("stick")] == [F(10, 21), F(23, 90)]
    assert treaty.players[0].minmax.delta == F(4, 15)


def test_advance_payment_needs_the_product_of_discount_factors():
    """If China paid at the start of the period, Russia would pocket a payment when it defects:
    then δ_R·δ_C ≥ 6/11 (docs/explanation/repeated.md). Checked deviation by deviation."""
    g = junior()
    eqs = stage_equilibria(g)
    n = [min(e.payoffs[p] for e in eqs) for p in range(2)]
    u = [g.payoff(p, 0, 0) for p in range(2)]
    for dR in (F(1, 2), F(3, 4), F(9, 10), F(99, 100)):
        for dC in (F(1, 2), F(6, 11), F(3, 4), F(9, 10)):
            # Russia: u + τ >= (1 − δ)(D + τ) + δ n; China: u − τ >= (1 − δ) d + δ n
            D = max(g.payoff(0, k, 0) for k in (1, 2))
            lo = ((1 - dR) * D + dR * n[0] - u[0]) / dR
            hi = u[1] - (1 - dC) * g.payoff(1, 0, 0) - dC * n[1]
            assert (lo <= hi) is (dR * dC >= F(6, 11))


# ----------------------------------------------------------------------------- edges and errors


def test_ties_and_single_strategies():
    # the row player has one strategy: it never deviates; the column player ties at (0, 0)
    g = Game.from_arrays([[1, 2]], [[3, 3]])
    r = repeated_game(g, transfers=True)
    for pa in r.profiles:
        assert pa.stage_equilibrium
    g = Game.from_arrays([[1], [1]], [[0], [5]])
    p = repeated_game(g).profile((0, 0))
    assert p.stage_equilibrium and p.players[0].nash.status == "equilibrium"


def test_profile_below_the_punishment_is_never_sustained():
    # (0, 0) gives the row player 0 < its only equilibrium payoff 1 and it can gain 2
    g = Game.from_arrays([[0, 0], [2, 1]], [[3, 0], [0, 1]])
    pa = repeated_game(g).profile((0, 0))
    assert pa.players[0].nash.status == "never" and pa.sustainable((F(99, 100), F(99, 100))) is False


def test_discount_factors_are_read_and_checked():
    assert discount_names(("Russia", "China")) == ("delta_R", "delta_C")
    assert discount_names(("Rome", "Russia")) == ("delta_1", "delta_2")
    assert read_discount({"China": "1/2"}, ("Russia", "China")) == (None, F(1, 2))
    assert read_discount(("0.5", 0), ("A", "B")) == (F(1, 2), F(0))
    for bad, where in (
        ({"delta_X": 1}, "discount factor"),
        ((1, 2, 3), "discount factor"),
        (-0.1, "discount factor delta_R"),
    ):
        with pytest.raises(InputError) as err:
            read_discount(bad, ("Russia", "China"))
        assert err.value.where == where


def test_given_discount_factors_give_verdicts_in_the_json():
    r = repeated_game(junior(), discount={"delta_C": "0.6", "delta_R": "0.5"}, transfers=True)
    d = r.to_dict()
    treaty = next(p for p in d["profiles"] if p["profile"] == "(ally, ally)")
    assert treaty["sustainable"] == {"nash": False, "minmax": True, "pure-minmax": True, "stick": True}
    assert treaty["transfer_at_discount"] == ["3/50", "33/500"]
    assert treaty["players"]["Russia"]["stick"]["delta"] == "10/21"
    df = r.to_pandas()
    assert len(df) == 18 and set(df["player"]) == {"Russia", "China"}
    row = df[(df.profile == "(ally, ally)") & (df.player == "Russia")].iloc[0]
    assert row["stick_delta"] == "10/21" and row["nash_status"] == "never"


def test_delta_set():
    assert delta_set([]) .everywhere
    assert delta_set([(F(1), F(-2))]).hi == F(1, 2)
    assert delta_set([(F(-1), F(0))]) is None
    s = delta_set([(F(-1), F(2)), (F(1), F(-1))])
    assert (s.lo, s.hi) == (F(1, 2), None)


def test_unknown_profile_names_the_profiles():
    with pytest.raises(InputError, match="unknown profile 'war, peace'; profiles: \\(ally, ally\\)"):
        repeated_game(junior()).profile("war, peace")
    with pytest.raises(InputError, match="must differ"):
        stick_and_carrot(junior(), (0, 0), (0, 0))
    with pytest.raises(InputError, match="payer's discount factor is needed"):
        transfer_analysis(junior(), (0, 0), 1).bounds(F(1, 2), None)
