r"""The repeated game in closed form: critical discount factors as formulas of a model's parameters.

:mod:`bargaining.solvers.repeated` computes, at the file's parameter values
and in exact arithmetic, each pure profile's critical discount factors. The
same quantities are ratios of payoff differences, and here each becomes a
sympy formula of the parameters, valid where the *structure* found at the
file's values persists: which action is a player's best deviation, which
stage equilibrium punishes it, which support pair carries the minmax value,
which punishment profile serves as the stick. Those facts are the
conditions listed with each formula (reduced over the declared ranges as in
:mod:`bargaining.symbolic.conditions`); inside them the formula is exact.

* Nash reversion: :math:`\delta^* = (d - u)/(d - n)` with :math:`d` the payoff
  of the best deviation, :math:`u` the path payoff and :math:`n` the
  punishment's; it applies where that deviation is best and gains
  (:math:`d > u`), where the punishment is a stage equilibrium and hurts
  (:math:`u > n`).
* The minmax bound: the same with the minmax value :math:`m`; a mixed minmax is
  the value of the zero-sum game on the supports found at the file's values,
  solved from the indifference equations (von Stengel 2002).
* Stick and carrot: :math:`\max(d - u, e - w)/(u - w)`, shown as the binding
  ratio, with the condition that it binds.
* Transfers: :math:`\tau_{\min}(\delta_r)`, :math:`\tau_{\max}(\delta_q)` and the
  least discount factor, linear in the discount factors, which are symbols
  (``delta_R``, ``delta_C``) ranging over [0, 1).

For the alliance model's ``junior_partner`` scenario the transfer threshold of
the treaty is :math:`\delta_C \ge -G_R/G_C` with
:math:`G_i = (1 - lam)(T - w_i) - e_i - r - J_i`: the commitment-problem
threshold of the design note (Fearon 1995), here with :math:`\kappa = \delta_C`.

References
----------
Friedman, "A Non-cooperative Equilibrium for Supergames", Review of Economic Studies 38(1), 1971.
Abreu, "On the Theory of Infinitely Repeated Games with Discounting", Econometrica 56(2), 1988.
von Stengel, "Computing equilibria for two-person games", Handbook of Game Theory vol. 3, 2002.
Fearon, "Rationalist Explanations for War", International Organization 49(3), 1995.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from fractions import Fraction
from typing import Any, Iterable, Sequence

import sympy

from bargaining.solvers.repeated import SCHEMES, RepeatedGame, repeated_game
from bargaining.symbolic.conditions import formula, make_conditions
from bargaining.symbolic.game import SymbolicGame, rational
from bargaining.symbolic.result import Condition, Formula
from bargaining.symbolic.simplify import Budget, Simplifier

__all__ = ["ClosedForm", "ProfileFormulas", "RepeatedAnalysis", "repeated_formulas", "repeated_analysis"]


@dataclass(frozen=True, kw_only=True)
class ClosedForm:
    """A critical discount factor (or a transfer bound) as a formula, with where it applies.

    Attributes
    ----------
    label : str
        What it is: ``Russia, Nash reversion``.
    player : int or None
    scheme : str
        A key of :data:`bargaining.solvers.repeated.SCHEMES`, or ``transfer``.
    status : str
        The exact analysis's status at the file's values (``threshold``,
        ``never``, ``no-gain``, ``equilibrium``).
    formula : Formula or None
        The closed form, with its exact value at the file's values; None for
        ``never`` (no discount factor below 1 works).
    conditions : tuple of Condition
        Where the formula (or the verdict) applies.
    note : str
    """

    label: str
    player: int | None
    scheme: str
    status: str
    formula: Formula | None
    conditions: tuple[Condition, ...] = ()
    note: str = ""

    @property
    def binding_conditions(self) -> tuple[Condition, ...]:
        """The conditions that do not hold throughout the declared ranges."""
        return tuple(c for c in self.conditions if not c.trivial)

    def to_dict(self) -> dict[str, Any]:
        return {
            "label": self.label,
            "player": self.player,
            "scheme": self.scheme,
            "status": self.status,
            "formula": None if self.formula is None else self.formula.to_dict(),
            "conditions": [c.to_dict() for c in self.conditions],
            "note": self.note,
        }


@dataclass(frozen=True, kw_only=True)
class ProfileFormulas:
    """The closed forms of one pure profile.

    Attributes
    ----------
    profile : (int, int)
    name : str
    players : pair of tuple of ClosedForm
        Per player: Nash reversion, the mixed minmax bound and, where a stick
        works at the file's values, stick and carrot.
    transfer : tuple of ClosedForm
        With transfers: ``tau_min``, ``tau_max`` and the least discount factor.
    """

    profile: tuple[int, int]
    name: str
    players: tuple[tuple[ClosedForm, ...], tuple[ClosedForm, ...]]
    transfer: tuple[ClosedForm, ...] = ()

    def get(self, player: int, scheme: str) -> ClosedForm | None:
        return next((c for c in self.players[player] if c.scheme == scheme), None)

    def to_dict(self, players) -> dict[str, Any]:
        return {
            "profile": self.name,
            "players": {players[p]: [c.to_dict() for c in self.players[p]] for p in range(2)},
            "transfer": [c.to_dict() for c in self.transfer],
        }


@dataclass(frozen=True, kw_only=True)
class RepeatedAnalysis:
    """The repeated game of a game file: exact critical discount factors and their closed forms.

    Attributes
    ----------
    title, source : str
    exact : RepeatedGame
        The exact analysis at the file's values.
    formulas : tuple of ProfileFormulas
        In the order of ``exact.profiles``; empty when closed forms were not asked for.
    symbols : tuple of str
        The parameters kept symbolic.
    fixed : Mapping[str, Fraction]
        The parameters fixed at their values.
    notes : tuple of str
    """

    title: str
    source: str
    exact: RepeatedGame
    formulas: tuple[ProfileFormulas, ...] = ()
    symbols: tuple[str, ...] = ()
    fixed: tuple[tuple[str, Fraction], ...] = ()
    notes: tuple[str, ...] = ()

    def formulas_of(self, profile) -> ProfileFormulas | None:
        """The closed forms of a profile, by ``(i, j)`` or name (see :meth:`RepeatedGame.profile`)."""
        a = self.exact.profile(profile).profile
        return next((f for f in self.formulas if f.profile == a), None)

    def to_dict(self) -> dict[str, Any]:
        out = self.exact.to_dict()
        out["source"] = self.source
        players = self.exact.players
        by_profile = {f.name: f for f in self.formulas}
        for entry in out["profiles"]:
            f = by_profile.get(entry["profile"])
            entry["closed_forms"] = None if f is None else f.to_dict(players)
        out["symbols"] = list(self.symbols)
        out["fixed"] = {k: str(v) for k, v in self.fixed}
        out["notes"] = list(self.exact.notes) + list(self.notes)
        return out

    def to_pandas(self):
        """One row per profile and player (see :meth:`RepeatedGame.to_pandas`), with each formula as text."""
        from bargaining.symbolic.printing import plain

        df = self.exact.to_pandas()
        texts = {}
        for f in self.formulas:
            for p in range(2):
                for c in f.players[p]:
                    texts[(f.name, p, c.scheme)] = None if c.formula is None else plain(c.formula.expr)
        order = {name: k for k, name in enumerate(self.exact.players)}
        for scheme in SCHEMES:
            key = scheme.replace("-", "_")
            df[f"{key}_formula"] = [texts.get((row.profile, order[row.player], scheme)) for row in df.itertuples()]
        return df


# ----------------------------------------------------------------------------- pieces


class _Simplifier(Simplifier):
    """A :class:`Simplifier` that also remembers reduced conditions for one analysis.

    The same inequality (``T − 2·w_R ≥ 0``) recurs across profiles and schemes;
    it is reduced once and relabelled.
    """

    def __init__(self, box, budget=None):
        super().__init__(box, budget)
        self._reduced: dict = {}

    def conditions(self, label, player, f, rel, g) -> list[Condition]:
        key = (f, rel)
        if key not in self._reduced:
            self._reduced[key] = make_conditions(label, player, f, rel, g, self)
        return [replace(c, label=label, player=player) for c in self._reduced[key]]


def _u(g: SymbolicGame, p: int, a) -> sympy.Expr:
    return g.payoff(p)[a[0], a[1]]


def _with(a, p: int, k: int):
    return (k, a[1]) if p == 0 else (a[0], k)


def _strategy(g: SymbolicGame, p: int, k: int) -> str:
    return g.strategies[p][k]


def _best_reply_conditions(g, simp, p: int, a, k_star: int, what: str) -> list[Condition]:
    """``k_star`` is a best reply of ``p`` to the other's action in ``a``."""
    out: list[Condition] = []
    best = _u(g, p, _with(a, p, k_star))
    for k in range(g.payoff(p).shape[p]):
        if k == k_star:
            continue
        label = f"{g.players[p]}: {what} {_strategy(g, p, k_star)} rather than {_strategy(g, p, k)}"
        out += simp.conditions(label, p, best - _u(g, p, _with(a, p, k)), ">=", g)
    return out


def _solve_indifference(P: sympy.Matrix):
    """``P y = v·1`` and ``sum(y) = 1`` for a square ``P``: ``(y, v)``, or None where it is singular at the file."""
    k = P.shape[0]
    M = sympy.zeros(k + 1, k + 1)
    M[:k, :k] = P
    M[:k, k] = -sympy.ones(k, 1)
    M[k, :k] = sympy.ones(1, k)
    rhs = sympy.Matrix([0] * k + [1])
    det = sympy.cancel(M.det())
    if det == 0:
        return None
    sol = M.LUsolve(rhs)
    return [sympy.cancel(x) for x in sol[:k]], sympy.cancel(sol[k]), det


def _support(mix: Sequence[Fraction]) -> tuple[int, ...]:
    return tuple(k for k, q in enumerate(mix) if q > 0)


def _equilibrium(g: SymbolicGame, simp, eq) -> tuple[tuple[Any, Any] | None, list[Condition], str]:
    """The payoffs of a stage equilibrium as formulas, the conditions for it to be one, and a note."""
    A, B = g.A, g.B
    name = eq.label
    if eq.profile is not None:
        a = eq.profile
        conditions = []
        for p in range(2):
            conditions += _best_reply_conditions(g, simp, p, a, a[p], f"at {name},")
        return (_u(g, 0, a), _u(g, 1, a)), conditions, ""
    I, J = _support(eq.mixed[0]), _support(eq.mixed[1])
    if len(I) != len(J):
        return (
            None,
            [],
            f"the stage equilibrium {name} has supports of unequal size: "
            "its payoffs are given at the file's values only",
        )
    row = _solve_indifference(A.extract(list(I), list(J)))
    col = _solve_indifference(B.extract(list(I), list(J)).T)
    if row is None or col is None:
        return (
            None,
            [],
            f"the indifference equations of {name} are singular: its payoffs are given at the file's values only",
        )
    (y, v_row, _), (x, v_col, _) = row, col
    conditions: list[Condition] = []
    for p, support, mix in ((0, I, x), (1, J, y)):
        for s, q in zip(support, mix):
            conditions += simp.conditions(
                f"{name}: {g.players[p]} plays {_strategy(g, p, s)} with positive probability", p, q, ">", g
            )
    for r in range(A.shape[0]):
        if r not in I:
            gain = v_row - (A.extract([r], list(J)) * sympy.Matrix(y))[0]
            conditions += simp.conditions(
                f"{name}: {g.players[0]} gains nothing from {_strategy(g, 0, r)}", 0, gain, ">=", g
            )
    for c in range(A.shape[1]):
        if c not in J:
            gain = v_col - (sympy.Matrix(x).T * B.extract(list(I), [c]))[0]
            conditions += simp.conditions(
                f"{name}: {g.players[1]} gains nothing from {_strategy(g, 1, c)}", 1, gain, ">=", g
            )
    return (v_row, v_col), conditions, ""


def _pure_saddle(g: SymbolicGame, M, mm):
    """``(k, l)`` with ``M[k, l]`` the minmax value, ``k`` guaranteeing it and ``l`` holding to it; None if none."""
    value = rational(mm.value)
    rows, cols = M.shape
    for l in mm.pure_punishers if mm.pure_value == mm.value else ():
        for k in range(rows):
            if g.at_file(M[k, l]) == value and all(g.at_file(M[k, c]) >= value for c in range(cols)):
                return k, l
    return None


def _minmax(g: SymbolicGame, simp, p: int, mm) -> tuple[Any | None, list[Condition], str]:
    """Player ``p``'s minmax value as a formula, with the conditions under which it is that formula."""
    M = g.payoff(p) if p == 0 else g.payoff(p).T  # rows: p's own strategies
    own, punisher = mm.own, mm.punisher
    who = g.players[p]
    other = 1 - p
    saddle = _pure_saddle(g, M, mm)
    if saddle is not None:
        # a pure saddle point (k*, l*): k* guarantees m whatever the other does, l* holds p to m
        k_star, l_star = saddle
        m = M[k_star, l_star]
        conditions: list[Condition] = []
        for k in range(M.shape[0]):
            if k != k_star:
                label = (
                    f"{who}'s best reply to {_strategy(g, other, l_star)} is {_strategy(g, p, k_star)}, "
                    f"not {_strategy(g, p, k)}"
                )
                conditions += simp.conditions(label, p, m - M[k, l_star], ">=", g)
        for l in range(M.shape[1]):
            if l != l_star:
                label = (f"{_strategy(g, p, k_star)} guarantees {who} its minmax against {_strategy(g, other, l)} too")
                conditions += simp.conditions(label, p, M[k_star, l] - m, ">=", g)
        return m, conditions, ""
    I, J = _support(own), _support(punisher)
    if len(I) != len(J):
        return None, [], f"{who}'s minmax has supports of unequal size at the file's values: no closed form"
    inner = _solve_indifference(M.extract(list(I), list(J)))
    outer = _solve_indifference(M.extract(list(I), list(J)).T)
    if inner is None or outer is None:
        return None, [], f"{who}'s minmax: the indifference equations are singular at the file's values: no closed form"
    (y, v, _), (x, _, _) = inner, outer
    conditions = []
    for s, q in zip(J, y):
        conditions += simp.conditions(
            f"the minmax mix of {g.players[other]} uses {_strategy(g, other, s)}", other, q, ">", g
        )
    for s, q in zip(I, x):
        conditions += simp.conditions(f"{who}'s maximin mix uses {_strategy(g, p, s)}", p, q, ">", g)
    for r in range(M.shape[0]):
        if r not in I:
            gain = v - (M.extract([r], list(J)) * sympy.Matrix(y))[0]
            conditions += simp.conditions(f"{who} cannot escape the minmax with {_strategy(g, p, r)}", p, gain, ">=", g)
    for c in range(M.shape[1]):
        if c not in J:
            gain = (sympy.Matrix(x).T * M.extract(list(I), [c]))[0] - v
            conditions += simp.conditions(
                f"{g.players[other]} cannot hold {who} lower with {_strategy(g, other, c)}", other, gain, ">=", g
            )
    return v, conditions, ""


def _reads_positive(x, g: SymbolicGame, simp: Simplifier):
    """A tidy form of ``x`` (positive at the file's values) that does not read with a leading minus."""
    from bargaining.symbolic.printing import plain

    t = simp.tidy(x)
    if t.expr.is_Add:
        # a common number reads better outside: 2·(a + b) rather than 2·a + 2·b
        content, rest = t.expr.as_content_primitive()
        if content != 1 and content > 0:
            t = type(t)(sympy.Mul(content, rest, evaluate=False), t.simplified, t.note)
    if plain(t.expr).startswith("-"):
        alt = sympy.factor_terms(sympy.expand(x))
        if not plain(alt).startswith("-"):
            return alt, t
    return t.expr, t


def _ratio(num, den, g: SymbolicGame, simp: Simplifier) -> Formula:
    """``num/den`` as a tidy quotient whose denominator is positive at the file's values.

    A threshold reads best as "what the deviation gains over what the punishment costs",
    so the quotient is kept whole instead of being split into partial fractions.
    """
    top, bottom = sympy.fraction(sympy.cancel(sympy.together(num / den)))
    if g.at_file(bottom) < 0:
        top, bottom = -top, -bottom
    t, t_info = _reads_positive(top, g, simp)
    b, b_info = _reads_positive(bottom, g, simp)
    expr = t / b
    value = g.at_file(sympy.cancel(num / den))
    if value.has(sympy.nan, sympy.zoo, sympy.oo, -sympy.oo):
        value = None
    return Formula(
        expr=expr, at_file=value, simplified=t_info.simplified and b_info.simplified, note=t_info.note or b_info.note
    )


def _checked(form: Formula | None, exact_value: Fraction | None, label: str) -> str:
    """A warning when the closed form's value at the file differs from the exact analysis (it should not)."""
    if form is None or exact_value is None or form.at_file is None:
        return ""
    value = form.at_file
    if value.is_Rational and Fraction(int(value.p), int(value.q)) == exact_value:
        return ""
    return f"warning: the closed form of {label} gives {value} at the file's values, the exact analysis {exact_value}"


LABELS = {"nash": "Nash reversion", "minmax": "minmax bound", "stick": "stick and carrot"}


def _stick_form(g, simp, pa, p: int, deviation: list[Condition]) -> ClosedForm | None:
    """Stick and carrot with the profile's punishment profile, where it works at the file's values."""
    pl = pa.players[p]
    if pa.stick is None or pl.stick is None or pl.stick.status != "threshold":
        return None
    who = g.players[p]
    a, b = pa.profile, pa.stick
    bname = f"({g.strategies[0][b[0]]}, {g.strategies[1][b[1]]})"
    u, w = _u(g, p, a), _u(g, p, b)
    e_k = max(range(g.payoff(p).shape[p]), key=lambda kk: g.at_file(_u(g, p, _with(b, p, kk))))
    e = _u(g, p, _with(b, p, e_k))
    conditions = list(deviation)
    conditions += _best_reply_conditions(g, simp, p, b, e_k, f"against the stick {bname} the best reply is")
    conditions += simp.conditions(f"the stick {bname} hurts {who}", p, u - w, ">", g)
    stick = e - w
    if pl.tempted:
        k = pl.best_deviations[0]
        carrot = _u(g, p, _with(a, p, k)) - u
        on_path = g.at_file(carrot) >= g.at_file(stick)
        conditions += simp.conditions(
            "leaving the path tempts more than leaving the stick" if on_path
            else "leaving the stick tempts more than leaving the path",
            p, (carrot - stick) if on_path else (stick - carrot), ">=", g,
        )
        top = carrot if on_path else stick
    else:
        top = stick
    conditions += simp.conditions(f"one period of {bname} costs {who} more than it gains by deviating (δ* < 1)",
                                  p, (u - w) - top, ">", g)
    f = _ratio(top, u - w, g, simp)
    label = f"{who}, stick and carrot with {bname}"
    return ClosedForm(label=label, player=p, scheme="stick", status="threshold", formula=f,
                      conditions=tuple(conditions), note=_checked(f, pl.stick.delta, label))


def _player_forms(g, simp, r: RepeatedGame, pa, p: int) -> tuple[ClosedForm, ...]:
    pl = pa.players[p]
    who = g.players[p]
    a = pa.profile
    u = _u(g, p, a)
    out = []
    if not pl.tempted:
        what = "the profile is a stage equilibrium" if pa.stage_equilibrium else f"{who} cannot gain by deviating"
        conditions = _best_reply_conditions(g, simp, p, a, a[p], f"at {pa.name},")
        if pa.stage_equilibrium:
            conditions += _best_reply_conditions(g, simp, 1 - p, a, a[1 - p], f"at {pa.name},")
        zero = Formula(expr=sympy.Integer(0), at_file=sympy.Integer(0))
        for scheme in ("nash", "minmax"):
            out.append(ClosedForm(label=f"{who}, {LABELS[scheme]}", player=p, scheme=scheme,
                                  status=pl.critical(scheme).status, formula=zero, conditions=tuple(conditions),
                                  note=f"0 where {what}"))
        stick = _stick_form(g, simp, pa, p, conditions)
        return tuple(out) + ((stick,) if stick else ())
    k = pl.best_deviations[0]
    d = _u(g, p, _with(a, p, k))
    deviation = [c for c in _best_reply_conditions(g, simp, p, a, k, "the best deviation is")
                 if not c.label.endswith(f"rather than {_strategy(g, p, a[p])}")]
    deviation += simp.conditions(f"{who} gains by deviating to {_strategy(g, p, k)}", p, d - u, ">", g)

    # Nash reversion with the equilibrium worst for p at the file's values
    crit = pl.nash
    eq = r.equilibria[crit.via[0]]
    payoffs, eq_conditions, note = _equilibrium(g, simp, eq)
    label = f"{who}, Nash reversion to {eq.label}"
    n = rational(eq.payoffs[p]) if payoffs is None else payoffs[p]
    if crit.status == "never":
        bites = simp.conditions(f"{eq.label} gives {who} at least its path payoff", p, u - n, "<=", g)
        out.append(ClosedForm(label=label, player=p, scheme="nash", status="never", formula=None,
                              conditions=tuple(deviation + bites + eq_conditions),
                              note=note or "never: the punishment does not hurt"))
    else:
        bites = simp.conditions(f"{eq.label} hurts {who}", p, u - n, ">", g)
        f = _ratio(d - u, d - n, g, simp)
        out.append(ClosedForm(label=label, player=p, scheme="nash", status=crit.status, formula=f,
                              conditions=tuple(deviation + bites + eq_conditions),
                              note="; ".join(x for x in (note, _checked(f, crit.delta, label)) if x)))

    # the minmax bound
    crit = pl.minmax
    m, mm_conditions, note = _minmax(g, simp, p, r.minmax[p])
    if m is None:
        m = rational(r.minmax[p].value)
    label = f"{who}, minmax bound"
    if crit.status == "never":
        low = simp.conditions(f"{who}'s path payoff is no more than its minmax", p, u - m, "<=", g)
        out.append(ClosedForm(label=label, player=p, scheme="minmax", status="never", formula=None,
                              conditions=tuple(deviation + low + mm_conditions),
                              note=note or "never: the profile gives less than the minmax value"))
    else:
        low = simp.conditions(f"{who}'s path payoff exceeds its minmax", p, u - m, ">", g)
        f = _ratio(d - u, d - m, g, simp)
        out.append(ClosedForm(label=label, player=p, scheme="minmax", status=crit.status, formula=f,
                              conditions=tuple(deviation + low + mm_conditions),
                              note="; ".join(x for x in (note, _checked(f, crit.delta, label)) if x)))
    stick = _stick_form(g, simp, pa, p, deviation)
    return tuple(out) + ((stick,) if stick else ())


def _transfer_forms(g, simp, r: RepeatedGame, pa) -> tuple[ClosedForm, ...]:
    t = pa.transfer
    if t is None:
        return ()
    q, rr = t.payer, t.receiver
    a = pa.profile
    names = r.names
    delta = {p: sympy.Symbol(names[p], nonnegative=True) for p in range(2)}
    u_r, u_q = _u(g, rr, a), _u(g, q, a)
    conditions: list[Condition] = []
    eqs = {}
    for p in (rr, q):
        eq = r.equilibria[t.via[p][0]]
        payoffs, eq_conditions, _ = _equilibrium(g, simp, eq)
        eqs[p] = rational(eq.payoffs[p]) if payoffs is None else payoffs[p]
        conditions += [c for c in eq_conditions if c not in conditions]
    n_r, n_q = eqs[rr], eqs[q]
    d_k = max(range(g.payoff(q).shape[q]), key=lambda kk: g.at_file(_u(g, q, _with(a, q, kk))))
    d_q = _u(g, q, _with(a, q, d_k))
    conditions += _best_reply_conditions(g, simp, q, a, d_k, f"{g.players[q]}'s best action when it stops paying is")
    out = []
    if t.receiver_deviation is None:
        tau_min = sympy.Integer(0)
        alone = True
    else:
        others = [kk for kk in range(g.payoff(rr).shape[rr]) if kk != a[rr]]
        D_k = max(others, key=lambda kk: g.at_file(_u(g, rr, _with(a, rr, kk))))
        D = _u(g, rr, _with(a, rr, D_k))
        for kk in others:
            if kk != D_k:
                conditions += simp.conditions(
                    f"{g.players[rr]}'s best deviation is {_strategy(g, rr, D_k)} rather than {_strategy(g, rr, kk)}",
                    rr, D - _u(g, rr, _with(a, rr, kk)), ">=", g)
        alone = t.tau_min[1] == 0
        if alone:
            conditions += simp.conditions(
                f"the punishment is no threat to {g.players[rr]} (its deviation pays as much)", rr, n_r - D, ">=", g
            )
            tau_min = D - u_r
        else:
            conditions += simp.conditions(f"the punishment is a threat to {g.players[rr]}", rr, D - n_r, ">", g)
            tau_min = (1 - delta[rr]) * D + delta[rr] * n_r - u_r
    tau_max = u_q - (1 - delta[q]) * d_q - delta[q] * n_q
    out.append(ClosedForm(label=f"least transfer τ_min, {g.players[rr]}'s condition", player=rr, scheme="transfer",
                          status="bound", formula=formula(tau_min, g, simp), conditions=tuple(conditions)))
    out.append(ClosedForm(label=f"largest transfer τ_max, {g.players[q]}'s condition", player=q, scheme="transfer",
                          status="bound", formula=formula(tau_max, g, simp), conditions=tuple(conditions)))
    if alone and t.payer_alone is not None and t.payer_alone.lo > 0:
        short = t.tau_min is not None and t.tau_min[0] > 0
        floor = tau_min if short else sympy.Integer(0)
        if short:
            conditions += simp.conditions(f"{g.players[rr]} falls short without a transfer", rr, tau_min, ">", g)
        conditions += simp.conditions(f"{g.players[q]}'s punishment hurts it", q, d_q - n_q, ">", g)
        conditions += simp.conditions(
            f"{g.players[q]}'s loss under the punishment exceeds what it needs to pay and gains by stopping (δ* < 1)",
            q, (d_q - n_q) - (floor + d_q - u_q), ">", g)
        f = _ratio(floor + d_q - u_q, d_q - n_q, g, simp)
        label = f"least {names[q]} for a self-enforcing transfer"
        note = _checked(f, t.payer_alone.lo, label)
        if t.kappa:
            note = "; ".join(
                x
                for x in (
                    note,
                    (
                        f"{g.players[rr]}'s per-period shortfall divided by {g.players[q]}'s per-period gain from the "
                        "profile: the commitment-problem threshold κ ≥ shortfall/gain of Fearon (1995), "
                        f"with κ = {names[q]}"
                    ),
                )
                if x
            )
        out.append(ClosedForm(label=label, player=q, scheme="transfer", status="threshold", formula=f,
                              conditions=tuple(conditions), note=note))
    elif t.common is not None and t.common.lo > 0:
        dd = sympy.Symbol("delta", nonnegative=True)
        gap = sympy.expand((tau_max - tau_min).xreplace({delta[0]: dd, delta[1]: dd}))
        pos = sympy.expand(tau_max.xreplace({delta[q]: dd}))
        candidates = []
        for f_ in (gap, pos):
            c1 = f_.coeff(dd, 1)
            c0 = f_.coeff(dd, 0)
            if g.at_file(c1) > 0:
                candidates.append(-c0 / c1)
        if candidates:
            best = max(candidates, key=g.at_file)
            for other in candidates:
                if other is not best:
                    conditions += simp.conditions("the other condition on δ binds less", None, best - other, ">=", g)
            conditions += simp.conditions("the least δ is below 1", None, 1 - best, ">", g)
            f = formula(best, g, simp)
            label = "least common δ for a self-enforcing transfer"
            out.append(ClosedForm(label=label, player=None, scheme="transfer", status="threshold", formula=f,
                                  conditions=tuple(conditions), note=_checked(f, t.common.lo, label)))
    return tuple(out)


def repeated_formulas(
    model,
    exact: RepeatedGame,
    *,
    keep: Iterable[str] | None = None,
    budget: Budget | None = None,
) -> tuple[tuple[ProfileFormulas, ...], SymbolicGame]:
    """The closed forms of every profile of ``exact`` (the repeated game at the model's values).

    Parameters
    ----------
    model : bargaining.model.Model
    exact : RepeatedGame
        :func:`bargaining.solvers.repeated.repeated_game` of ``model.game()``.
    keep : iterable of str, optional
        Parameters kept symbolic (default: all).
    budget : Budget, optional

    Returns
    -------
    formulas : tuple of ProfileFormulas
    game : SymbolicGame
    """
    g = SymbolicGame.from_model(model, keep=keep)
    simp = _Simplifier(g.box, budget)
    out = []
    for pa in exact.profiles:
        players = tuple(_player_forms(g, simp, exact, pa, p) for p in range(2))
        out.append(ProfileFormulas(profile=pa.profile, name=pa.name, players=(players[0], players[1]),
                                   transfer=_transfer_forms(g, simp, exact, pa)))
    return tuple(out), g


def repeated_analysis(
    model,
    *,
    discount=None,
    names: Sequence[str] | None = None,
    transfers: bool | None = None,
    keep: Iterable[str] | None = None,
    formulas: bool = True,
    budget: Budget | None = None,
) -> RepeatedAnalysis:
    """The repeated game of a game file: exact critical discount factors and their closed forms.

    Parameters
    ----------
    model : bargaining.model.Model
    discount : optional
        Discount factors to check (a number, a pair, or a mapping from
        ``delta_R``-style names or player names; see
        :func:`bargaining.solvers.repeated.read_discount`).
    names : pair of str, optional
        The discount factors' names (default ``delta_`` and each player's initial).
    transfers : bool, optional
        Analyse per-period transfers; default: as the file's ``[bargaining]``
        table says (``transfers = true``).
    keep : iterable of str, optional
        Parameters kept symbolic in the closed forms (default: all).
    formulas : bool
        False: the exact analysis only (no sympy).
    budget : Budget, optional

    Returns
    -------
    RepeatedAnalysis

    Examples
    --------
    The treaty of ``junior_partner`` is self-enforcing with a transfer from China iff
    δ_C ≥ −G_R/G_C = 6/11 (the design note's κ threshold):

    >>> from bargaining.io.gamefile import load_model
    >>> from bargaining.symbolic.printing import board
    >>> r = repeated_analysis(load_model("games/junior_partner.toml"))
    >>> r.exact.profile("ally, ally").transfer.payer_alone.lo
    Fraction(6, 11)
    >>> f = r.formulas_of("ally, ally").transfer[-1]
    >>> print(board(f.formula.expr), "=", f.formula.at_file)
    (a·j + e_R + r − (1 − lam)·(T − w_R))/((1 − lam)·(T − w_C) − e_C − r) = 6/11
    """
    if transfers is None:
        transfers = bool((model.bargaining or {}).get("transfers", False) is True)
    exact = repeated_game(model.game(), discount=discount, names=names, transfers=transfers)
    symbols: tuple[str, ...] = ()
    fixed: tuple = ()
    forms: tuple[ProfileFormulas, ...] = ()
    if formulas:
        forms, g = repeated_formulas(model, exact, keep=keep, budget=budget)
        symbols = tuple(g.symbols)
        fixed = tuple(g.fixed.items())
    return RepeatedAnalysis(
        title=model.title,
        source=model.source,
        exact=exact,
        formulas=forms,
        symbols=symbols,
        fixed=fixed,
    )
