r"""The infinitely repeated stage game: which pure profiles are subgame-perfect outcomes, and from which δ.

The stage game :math:`(A, B)` is played in every period :math:`t = 0, 1, \dots`
with perfect monitoring (every action is observed at the end of the period);
player :math:`p` discounts by :math:`\delta_p \in [0, 1)` and values a stream
by its normalised sum :math:`(1-\delta_p)\sum_t \delta_p^t u_t`. A pure profile
:math:`a = (i, j)` is *sustainable* when some subgame-perfect equilibrium plays
it in every period on its path. By the one-shot deviation principle (Fudenberg
& Tirole 1991, Theorem 4.2) a strategy profile is subgame perfect iff no
player gains by deviating once and conforming afterwards. For player
:math:`p` write :math:`u_p` for its payoff at :math:`a` and :math:`d_p` for its
best payoff against the other's action in :math:`a` (its best one-shot
deviation; :math:`d_p \ge u_p`).

**Nash reversion** (Friedman 1971; "grim trigger"). After a deviation by
:math:`p` the players play a stage Nash equilibrium :math:`\sigma` forever,
which gives :math:`p` the payoff :math:`n_p`. Playing a stage equilibrium
forever is subgame perfect whatever happened before, so only the path
matters: :math:`p` conforms iff :math:`u_p \ge (1-\delta)d_p + \delta n_p`, i.e.

.. math::

    \delta_p \ge \delta_p^* = \frac{d_p - u_p}{d_p - n_p}
    \qquad (n_p < u_p < d_p).

If :math:`d_p = u_p` the player has nothing to gain and is never punished
(its deviations are ignored, as a simple strategy profile of Abreu 1988
allows; punishing it with a :math:`\sigma` it likes better than the path would
make it deviate on purpose), so :math:`\delta_p^* = 0`. If :math:`d_p > u_p`
and :math:`n_p \ge u_p` the punishment does not hurt and the profile is never
sustained by :math:`\sigma`. Each stage equilibrium is tried (the extreme
equilibria suffice: the payoff is bilinear, so its minimum over a convex set
of equilibria is at a vertex) and the punishment of each player is the one
worst for it, which gives the lowest :math:`\delta_p^*`; punishing the two
players with different equilibria is still subgame perfect.

**The harshest punishment.** No subgame-perfect continuation gives :math:`p`
less than its minmax value
:math:`m_p = \min_{y}\max_{k} (A y)_k` (for the row player; the other player
mixes), since :math:`p` can best-respond every period. So :math:`a` is
sustained by *no* subgame-perfect equilibrium unless

.. math::

    \delta_p \ge \frac{d_p - u_p}{d_p - m_p}, \qquad u_p > m_p,

a lower bound on every scheme (with the pure minmax :math:`\underline m_p`
for equilibria in pure strategies). The bound is computed exactly, the mixed
minmax as the value of the zero-sum game :math:`(A, -A)`.

**Stick and carrot** (Abreu 1986, 1988; the finite punishment phase of
Fudenberg & Maskin 1986, Theorem 1). A scheme that reaches below the stage
equilibria: after any deviation the players play a punishment profile
:math:`b` for one period (the stick) and then return to :math:`a` (the
carrot); a deviation during the stick restarts it. With :math:`w_p` the payoff
at :math:`b` and :math:`e_p` the best payoff against the other's action in
:math:`b`, the value at the start of the stick is
:math:`V_p = (1-\delta)w_p + \delta u_p`, and the two one-shot conditions
are, dividing by :math:`1-\delta`,

.. math::

    u_p \ge (1-\delta)d_p + \delta V_p &\iff \delta (u_p - w_p) \ge d_p - u_p
    \quad\text{(no deviation from the path)},\\
    V_p \ge (1-\delta)e_p + \delta V_p &\iff \delta (u_p - w_p) \ge e_p - w_p
    \quad\text{(no deviation from the stick)},

so, for :math:`u_p > w_p`, :math:`\delta_p \ge \max(d_p - u_p,\, e_p - w_p)/(u_p - w_p)`:
the conditions of Abreu (1986, section 5) for two-phase punishments. A player
with :math:`d_p = u_p` is ignored on the path, and needs only the stick
condition (or :math:`e_p = w_p` when :math:`u_p \le w_p`). Every pure profile
:math:`b \ne a` is tried; the one with the lowest common threshold is reported.

**Transfers.** With a per-period transfer :math:`\tau \ge 0` from a payer
:math:`q` to a receiver :math:`r`, paid at the end of each period in which the
receiver kept to :math:`a` (payment on performance), the receiver's deviation
forfeits that period's payment and the payer's deviation is to withhold it
(and play its best stage action). Under Nash reversion, with :math:`D'_r` the
receiver's best payoff from another action and :math:`n` the punishment
payoffs,

.. math::

    \tau \ge \tau_{\min}(\delta_r) = (1-\delta_r)D'_r + \delta_r\min(D'_r, n_r) - u_r,
    \qquad
    \tau \le \tau_{\max}(\delta_q) = u_q - (1-\delta_q)d_q - \delta_q n_q

(the minimum: a receiver that does not gain by deviating even without the
payment is ignored rather than punished). A transfer exists iff
:math:`\max(0, \tau_{\min}) \le \tau_{\max}`; both bounds are linear in the
discount factors, so the least common :math:`\delta` is exact. When the
receiver's best deviation is no better than its punishment (:math:`D'_r \le
n_r`), :math:`\tau_{\min} = D'_r - u_r` is the receiver's one-period
shortfall and the condition bears on the payer's patience alone; if besides
the payer's path action is its best reply (:math:`d_q = u_q`),
:math:`\tau_{\max} = \delta_q (u_q - n_q)` and the treaty is self-enforcing iff
:math:`\delta_q \ge (D'_r - u_r)/(u_q - n_q)`: the commitment problem of
Fearon (1995), where the receiver values the promised transfer at
:math:`\kappa\tau` and a deal needs :math:`\kappa \ge` shortfall / gain, with
:math:`\kappa = \delta_q`.

References
----------
Friedman, "A Non-cooperative Equilibrium for Supergames", Review of Economic Studies 38(1), 1971.
Abreu, "Extremal Equilibria of Oligopolistic Supergames", Journal of Economic Theory 39(1), 1986.
Abreu, "On the Theory of Infinitely Repeated Games with Discounting", Econometrica 56(2), 1988.
Fudenberg & Maskin, "The Folk Theorem in Repeated Games with Discounting or with Incomplete
Information", Econometrica 54(3), 1986.
Fudenberg & Tirole, *Game Theory*, MIT Press, 1991, ch. 4 and 5.
Fearon, "Rationalist Explanations for War", International Organization 49(3), 1995.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from fractions import Fraction
from typing import Any, Mapping, Sequence

from bargaining.errors import InputError
from bargaining.game import Game
from bargaining.numbers import exact_and_decimal, number_to_json, to_fraction

__all__ = [
    "SCHEMES",
    "DeltaSet",
    "StageEquilibrium",
    "Minmax",
    "Critical",
    "PlayerAnalysis",
    "ProfileAnalysis",
    "TransferAnalysis",
    "RepeatedGame",
    "discount_names",
    "read_discount",
    "delta_set",
    "stage_equilibria",
    "minmax_values",
    "transfer_analysis",
    "lottery_thresholds",
    "stick_and_carrot",
    "repeated_game",
]

#: The ways of punishing, in the order they are reported.
SCHEMES = {
    "nash": "Nash reversion: a stage equilibrium forever after a deviation",
    "minmax": "lower bound for any subgame-perfect equilibrium: the mixed minmax value forever",
    "pure-minmax": "lower bound for equilibria in pure strategies: the pure minmax value forever",
    "stick": "stick and carrot: one period of a punishment profile, then back to the path",
}

Profile = tuple[int, int]


def _num(q: Fraction) -> str:
    return exact_and_decimal(q)


def _json(q) -> Any:
    return number_to_json(q)


def _linear(coefficients: tuple[Fraction, Fraction], name: str) -> str:
    """``c0 + c1·name`` for reading: ``0.11·delta_C``, ``0.075 − 0.075·delta_C``.

    Examples
    --------
    >>> _linear((Fraction(-1, 40), Fraction(3, 40)), "delta_R")
    '−0.025 + 0.075·delta_R'
    """
    c0, c1 = coefficients
    if c1 == 0:
        return _num(c0).replace("-", "−")
    term = f"{_num(abs(c1))}·{name}"
    if c0 == 0:
        return term if c1 > 0 else f"−{term}"
    return f"{_num(c0).replace('-', '−')} {'+' if c1 > 0 else '−'} {term}"


# ----------------------------------------------------------------------------- discount factors


def discount_names(players: Sequence[str]) -> tuple[str, str]:
    """The names of the players' discount factors: ``delta_`` and each player's initial.

    Examples
    --------
    >>> discount_names(("Russia", "China")), discount_names(("Player 1", "Player 2"))
    (('delta_R', 'delta_C'), ('delta_1', 'delta_2'))
    """
    initials = [next((c.upper() for c in name if c.isalnum()), "") for name in players]
    if len(set(initials)) < 2 or not all(initials):
        return ("delta_1", "delta_2")
    return (f"delta_{initials[0]}", f"delta_{initials[1]}")


def read_discount(
    discount, players: Sequence[str], names: Sequence[str] | None = None
) -> tuple[Fraction | None, Fraction | None]:
    """Discount factors, checked to lie in [0, 1): one per player, None where not given.

    Parameters
    ----------
    discount : None, a number, a pair, or a mapping
        One number for both players, a pair ``(δ_row, δ_column)``, or a
        mapping from a discount-factor name (``delta_R``) or a player's name
        to a number.
    players : pair of str
    names : pair of str, optional
        The discount factors' names (default :func:`discount_names`).

    Raises
    ------
    InputError
        Naming the discount factor: ``discount factor delta_C``.

    Examples
    --------
    >>> read_discount({"delta_C": "0.9"}, ("Russia", "China"))
    (None, Fraction(9, 10))
    >>> read_discount(1, ("Russia", "China"))
    Traceback (most recent call last):
    ...
    bargaining.errors.InputError: discount factor delta_R: expected a number in [0, 1), found 1
    """
    names = tuple(names or discount_names(players))
    if discount is None:
        return (None, None)
    if isinstance(discount, Mapping):
        out: list[Any] = [None, None]
        for key, value in discount.items():
            if key in names:
                p = names.index(key)
            elif key in players:
                p = list(players).index(key)
            else:
                raise InputError(
                    f"unknown discount factor {key!r}; known: {', '.join(names)} (or the players {', '.join(players)})",
                    where="discount factor",
                )
            out[p] = value
        raw = tuple(out)
    elif isinstance(discount, (list, tuple)):
        if len(discount) != 2:
            raise InputError(f"expected two discount factors, found {len(discount)}", where="discount factor")
        raw = tuple(discount)
    else:
        raw = (discount, discount)
    values = []
    for p, value in enumerate(raw):
        if value is None:
            values.append(None)
            continue
        where = f"discount factor {names[p]}"
        q = to_fraction(value, where=where)
        if not 0 <= q < 1:
            raise InputError(f"expected a number in [0, 1), found {q}", where=where)
        values.append(q)
    return (values[0], values[1])


@dataclass(frozen=True, kw_only=True)
class DeltaSet:
    """A set of discount factors ``{δ in [0, 1): lo <= δ <= hi}``; ``hi`` None: every δ from ``lo`` on.

    Examples
    --------
    >>> s = delta_set([(Fraction(-6, 100), Fraction(11, 100))])
    >>> s.lo, Fraction(1, 2) in s, s.text("delta_C")
    (Fraction(6, 11), False, 'delta_C ≥ 6/11 (0.5455)')
    """

    lo: Fraction
    hi: Fraction | None = None

    def __contains__(self, delta) -> bool:
        d = Fraction(delta)
        return self.lo <= d < 1 and (self.hi is None or d <= self.hi)

    @property
    def everywhere(self) -> bool:
        """True when every δ in [0, 1) belongs to the set."""
        return self.lo == 0 and self.hi is None

    def text(self, name: str = "δ") -> str:
        """``delta_C ≥ 6/11 (0.5455)``, ``every delta_C``, ``delta_C ≤ 1/2``."""
        if self.hi is None:
            return f"every {name}" if self.lo == 0 else f"{name} ≥ {_num(self.lo)}"
        if self.lo == self.hi:
            return f"{name} = {_num(self.lo)}"
        if self.lo == 0:
            return f"{name} ≤ {_num(self.hi)}"
        return f"{_num(self.lo)} ≤ {name} ≤ {_num(self.hi)}"

    def to_dict(self) -> dict[str, Any]:
        return {
            "lo": _json(self.lo),
            "lo_decimal": float(self.lo),
            "hi": None if self.hi is None else _json(self.hi),
            "hi_decimal": None if self.hi is None else float(self.hi),
        }


def delta_set(conditions: Sequence[tuple[Fraction, Fraction]]) -> DeltaSet | None:
    """The δ in [0, 1) with ``alpha + beta*δ >= 0`` for every ``(alpha, beta)``; None when there is none.

    Examples
    --------
    >>> delta_set([(Fraction(-1), Fraction(2)), (Fraction(3, 4), Fraction(-1))])
    DeltaSet(lo=Fraction(1, 2), hi=Fraction(3, 4))
    >>> delta_set([(Fraction(-1), Fraction(1))]) is None  # needs δ >= 1
    True
    """
    lo, hi = Fraction(0), None
    for alpha, beta in conditions:
        alpha, beta = Fraction(alpha), Fraction(beta)
        if beta > 0:
            lo = max(lo, -alpha / beta)
        elif beta < 0:
            bound = alpha / -beta
            hi = bound if hi is None else min(hi, bound)
        elif alpha < 0:
            return None
    if lo >= 1 or (hi is not None and hi < lo):
        return None
    if hi is not None and hi >= 1:
        hi = None
    return DeltaSet(lo=lo, hi=hi)


# ----------------------------------------------------------------------------- the stage game


@dataclass(frozen=True, kw_only=True)
class StageEquilibrium:
    """A Nash equilibrium of the stage game, as a punishment.

    Attributes
    ----------
    index : int
        Its position in the stage game's :class:`~bargaining.solution.Solution`.
    label : str
        ``(align, align)``, or the mixed strategies in words.
    payoffs : (Fraction, Fraction)
    profile : (int, int) or None
        The pure profile, None for a mixed equilibrium.
    mixed : tuple of tuple of Fraction
        Each player's mixed strategy.
    """

    index: int
    label: str
    payoffs: tuple[Fraction, Fraction]
    profile: Profile | None
    mixed: tuple[tuple[Fraction, ...], tuple[Fraction, ...]]

    def to_dict(self) -> dict[str, Any]:
        return {
            "index": self.index,
            "label": self.label,
            "payoffs": [_json(u) for u in self.payoffs],
            "payoffs_decimal": [float(u) for u in self.payoffs],
            "pure": self.profile is not None,
            "mixed": [[_json(q) for q in s] for s in self.mixed],
        }


def _profile_name(game: Game, a: Profile) -> str:
    return f"({game.strategies[0][a[0]]}, {game.strategies[1][a[1]]})"


def _mix_text(game: Game, p: int, s) -> str:
    names = game.strategies[p]
    return ", ".join(f"{names[k]} {Fraction(q)}" for k, q in enumerate(s) if q > 0)


def stage_equilibria(game: Game, solution=None) -> tuple[StageEquilibrium, ...]:
    """The stage game's Nash equilibria (exact, every extreme one), as punishments.

    Examples
    --------
    >>> pd = Game.from_arrays([[3, 0], [5, 1]], [[3, 5], [0, 1]], strategies=[["C", "D"], ["C", "D"]])
    >>> [(e.label, e.payoffs) for e in stage_equilibria(pd)]
    [('(D, D)', (Fraction(1, 1), Fraction(1, 1)))]
    """
    if solution is None:
        from bargaining.solvers.registry import solve

        solution = solve(game)
    out = []
    for k, e in enumerate(solution.equilibria):
        mixed = tuple(tuple(Fraction(q) for q in s) for s in e.mixed)
        profile = e.profile()
        if profile is not None:
            label = _profile_name(game, profile)
        else:
            label = "mixed (" + "; ".join(f"{game.players[p]} {_mix_text(game, p, mixed[p])}" for p in range(2)) + ")"
        out.append(
            StageEquilibrium(
                index=k,
                label=label,
                payoffs=(Fraction(e.payoffs[0]), Fraction(e.payoffs[1])),
                profile=None if profile is None else (profile[0], profile[1]),
                mixed=(mixed[0], mixed[1]),
            )
        )
    return tuple(out)


@dataclass(frozen=True, kw_only=True)
class Minmax:
    """A player's minmax value: the least the other player can hold it to.

    Attributes
    ----------
    player : int
    value : Fraction
        The mixed minmax ``min_y max_k (A y)_k`` (the other player may mix).
    punisher : tuple of Fraction
        A mixed strategy of the other player that holds ``player`` to ``value``.
    own : tuple of Fraction
        A maximin strategy of ``player``: it guarantees ``value`` against anything.
    pure_value : Fraction
        The pure minmax: the other player uses a pure strategy.
    pure_punishers : tuple of int
        The other player's pure strategies that hold ``player`` to ``pure_value``.
    """

    player: int
    value: Fraction
    punisher: tuple[Fraction, ...]
    own: tuple[Fraction, ...]
    pure_value: Fraction
    pure_punishers: tuple[int, ...]

    def to_dict(self, game: Game) -> dict[str, Any]:
        other = 1 - self.player
        names = game.strategies[other]
        return {
            "player": game.players[self.player],
            "value": _json(self.value),
            "value_decimal": float(self.value),
            "punisher": {names[k]: _json(q) for k, q in enumerate(self.punisher)},
            "maximin": {game.strategies[self.player][k]: _json(q) for k, q in enumerate(self.own)},
            "pure_value": _json(self.pure_value),
            "pure_value_decimal": float(self.pure_value),
            "pure_punishers": [names[k] for k in self.pure_punishers],
        }


def _payoff(game: Game, p: int, a: Profile) -> Fraction:
    return game.payoff(p, a[0], a[1])


def _with(a: Profile, p: int, k: int) -> Profile:
    return (k, a[1]) if p == 0 else (a[0], k)


def _best_reply_payoff(
    game: Game, p: int, a: Profile, *, other_only: bool = False
) -> tuple[Fraction | None, tuple[int, ...]]:
    """Player ``p``'s best payoff against the other's action in ``a`` and the actions reaching it.

    With ``other_only`` the action ``p`` plays in ``a`` is left out (None when there is no other).
    """
    own = a[p]
    options = [k for k in range(game.shape[p]) if not (other_only and k == own)]
    if not options:
        return None, ()
    values = {k: _payoff(game, p, _with(a, p, k)) for k in options}
    top = max(values.values())
    return top, tuple(k for k in options if values[k] == top)


def minmax_values(game: Game) -> tuple[Minmax, Minmax]:
    """Each player's mixed and pure minmax values, exactly.

    The mixed minmax of the row player is the value of the zero-sum game
    ``(A, -A)``, found with the exact equilibrium solver.

    Examples
    --------
    Matching pennies: the other player holds each to 0 by mixing, to 1 with a pure strategy.

    >>> mp = Game.from_arrays([[1, -1], [-1, 1]], [[-1, 1], [1, -1]])
    >>> [(m.value, m.pure_value) for m in minmax_values(mp)]
    [(Fraction(0, 1), Fraction(1, 1)), (Fraction(0, 1), Fraction(1, 1))]
    """
    from bargaining.solvers.registry import solve

    A, B = game.A, game.B
    m, n = game.shape
    out = []
    # the row player's minmax: column minimises, row maximises A
    zero_sum = Game.from_arrays([list(r) for r in A], [[-v for v in r] for r in A])
    e = solve(zero_sum).equilibria[0]
    tops = [max(A[k][l] for k in range(m)) for l in range(n)]
    pure = min(tops)
    out.append(
        Minmax(
            player=0,
            value=Fraction(e.payoffs[0]),
            punisher=tuple(Fraction(q) for q in e.mixed[1]),
            own=tuple(Fraction(q) for q in e.mixed[0]),
            pure_value=pure,
            pure_punishers=tuple(l for l in range(n) if tops[l] == pure),
        )
    )
    zero_sum = Game.from_arrays([[-v for v in r] for r in B], [list(r) for r in B])
    e = solve(zero_sum).equilibria[0]
    tops = [max(B[k][l] for l in range(n)) for k in range(m)]
    pure = min(tops)
    out.append(
        Minmax(
            player=1,
            value=Fraction(e.payoffs[1]),
            punisher=tuple(Fraction(q) for q in e.mixed[0]),
            own=tuple(Fraction(q) for q in e.mixed[1]),
            pure_value=pure,
            pure_punishers=tuple(k for k in range(m) if tops[k] == pure),
        )
    )
    return (out[0], out[1])


# ----------------------------------------------------------------------------- critical discount factors


@dataclass(frozen=True, kw_only=True)
class Critical:
    """One player's critical discount factor for one profile under one way of punishing.

    Attributes
    ----------
    scheme : str
        A key of :data:`SCHEMES`.
    status : str
        ``equilibrium`` (the profile is a stage equilibrium), ``no-gain`` (this
        player has no profitable deviation), ``threshold`` (sustained iff
        ``δ >= delta``) or ``never``.
    delta : Fraction or None
        The least discount factor (0 for ``equilibrium`` and ``no-gain``;
        None for ``never``).
    path, deviation : Fraction
        ``u``, the payoff on the path, and ``d``, the best one-shot deviation payoff.
    punishment : Fraction or None
        What the punishment gives the player: ``n``, ``m`` or, for the stick, ``w``.
    stick_deviation : Fraction or None
        For the stick: ``e``, the best payoff against the stick.
    via : tuple of int
        The stage equilibria (indices) that give this threshold (``nash``).
    formula : str
        The threshold's formula in the letters above.
    reason : str
        The interpretation in words.
    """

    scheme: str
    status: str
    delta: Fraction | None
    path: Fraction
    deviation: Fraction
    punishment: Fraction | None = None
    stick_deviation: Fraction | None = None
    via: tuple[int, ...] = ()
    formula: str = ""
    reason: str = ""

    @property
    def gain(self) -> Fraction:
        """``d - u``: what one deviation gains."""
        return self.deviation - self.path

    def holds(self, delta) -> bool | None:
        """Whether the player conforms at discount factor ``delta`` (None when ``delta`` is None and it matters)."""
        if self.status in ("equilibrium", "no-gain"):
            return True
        if self.status == "never":
            return False
        if delta is None:
            return None
        return Fraction(delta) >= self.delta

    def text(self, name: str = "δ") -> str:
        """``delta_R ≥ 2/5 (0.4)``, ``always (a stage equilibrium)``, ``never``."""
        if self.status == "equilibrium":
            return "always (a stage equilibrium)"
        if self.status == "no-gain":
            return "always (no gain from deviating)"
        if self.status == "never":
            return "never"
        return f"{name} ≥ {_num(self.delta)}"

    def to_dict(self) -> dict[str, Any]:
        return {
            "scheme": self.scheme,
            "status": self.status,
            "delta": None if self.delta is None else _json(self.delta),
            "delta_decimal": None if self.delta is None else float(self.delta),
            "path": _json(self.path),
            "deviation": _json(self.deviation),
            "gain": _json(self.gain),
            "punishment": None if self.punishment is None else _json(self.punishment),
            "stick_deviation": None if self.stick_deviation is None else _json(self.stick_deviation),
            "via": list(self.via),
            "formula": self.formula,
            "reason": self.reason,
        }


def _reversion(scheme: str, who: str, u: Fraction, d: Fraction, n: Fraction, punished_by: str, via=()) -> Critical:
    """Threshold ``(d - u)/(d - n)`` for a tempted player (``d > u``) punished with ``n`` forever."""
    formula = {"nash": "(d − n_NE)", "minmax": "(d − m)", "pure-minmax": "(d − m_pure)"}[scheme]
    formula = f"(d − u)/{formula}"
    if n >= u:
        reason = (
            f"{who} gains {_num(d - u)} once by deviating, and {punished_by} gives it {_num(n)}, "
            f"{'as much as' if n == u else 'more than'} the {_num(u)} it gets on the path: "
            + (
                "that punishment does not deter it"
                if scheme == "nash"
                else "no subgame-perfect equilibrium holds it there"
            )
        )
        return Critical(scheme=scheme, status="never", delta=None, path=u, deviation=d, punishment=n, via=tuple(via),
                        formula=formula, reason=reason)
    delta = (d - u) / (d - n)
    reason = (
        f"{who} gains {_num(d - u)} once by deviating and then loses {_num(u - n)} in every later period "
        f"under {punished_by} ({_num(n)} instead of {_num(u)}): it keeps to the path iff "
        f"δ ≥ {_num(d - u)}/{_num(d - n)} = {_num(delta)}"
    )
    return Critical(scheme=scheme, status="threshold", delta=delta, path=u, deviation=d, punishment=n, via=tuple(via),
                    formula=formula, reason=reason)


def _untroubled(scheme: str, who: str, u: Fraction, d: Fraction, equilibrium: bool, tie: bool) -> Critical:
    if equilibrium:
        reason = "a stage equilibrium: no one gains by deviating, whatever the future holds"
        return Critical(
            scheme=scheme, status="equilibrium", delta=Fraction(0), path=u, deviation=d, formula="0", reason=reason
        )
    how = "another action gives it as much, but none more" if tie else "its action is its best reply"
    reason = f"{who} cannot gain by deviating ({how}); it needs no punishment"
    return Critical(scheme=scheme, status="no-gain", delta=Fraction(0), path=u, deviation=d, formula="0", reason=reason)


def _stick(who: str, u: Fraction, d: Fraction, w: Fraction, e: Fraction, tempted: bool, b_name: str) -> Critical:
    """The stick-and-carrot threshold of one player with punishment profile ``b`` (payoff ``w``, best reply ``e``)."""
    formula = "max(d − u, e − w)/(u − w)" if tempted else "(e − w)/(u − w)"
    base = dict(scheme="stick", path=u, deviation=d, punishment=w, stick_deviation=e, formula=formula)
    if u <= w:
        if not tempted and e == w:
            return Critical(status="no-gain", delta=Fraction(0), **base,
                            reason=f"{who} gains nothing by deviating, on the path or in the stick {b_name}")
        what = "gains by deviating from the path" if tempted else f"gains {_num(e - w)} by deviating from the stick"
        return Critical(status="never", delta=None, **base,
                        reason=f"{who} {what}, and the stick {b_name} gives it {_num(w)}, not less than the path's "
                               f"{_num(u)}: it does not punish {who}")
    top = max(d - u, e - w) if tempted else e - w
    delta = top / (u - w)
    if delta >= 1:
        return Critical(status="never", delta=None, **base,
                        reason=f"{who} would need δ ≥ {_num(delta)}: one period of {b_name} costs it {_num(u - w)}, "
                               f"no more than its gain {_num(top)} from deviating")
    if tempted:
        reason = (
            f"{who} gains {_num(d - u)} by leaving the path and {_num(e - w)} by leaving the stick {b_name}; "
            f"one period of the stick costs it {_num(u - w)}: δ ≥ {_num(top)}/{_num(u - w)} = {_num(delta)}"
        )
    elif delta == 0:
        return Critical(status="no-gain", delta=Fraction(0), **base,
                        reason=f"{who} gains nothing by deviating, on the path or in the stick {b_name}")
    else:
        reason = (
            f"{who} gains nothing on the path but {_num(e - w)} by leaving the stick {b_name}, which restarts it: "
            f"δ ≥ {_num(e - w)}/{_num(u - w)} = {_num(delta)}"
        )
    return Critical(status="threshold", delta=delta, **base, reason=reason)


# ----------------------------------------------------------------------------- transfers


@dataclass(frozen=True, kw_only=True)
class TransferAnalysis:
    """A per-period transfer ``τ >= 0`` from ``payer`` to ``receiver`` that may make a profile self-enforcing.

    The model (payment on performance, Nash reversion) is in the module
    docstring. ``τ`` is feasible at ``(δ_receiver, δ_payer)`` iff
    ``max(0, tau_min(δ_receiver)) <= τ <= tau_max(δ_payer)``.

    Attributes
    ----------
    profile : (int, int)
    payer, receiver : int
    path : (Fraction, Fraction)
        The stage payoffs at the profile (before the transfer).
    receiver_deviation : Fraction or None
        ``D'_r``: the receiver's best payoff from another action (None: it has none).
    payer_deviation : Fraction
        ``d_q``: the payer's best stage payoff against the receiver's action, paying nothing.
    punishment : (Fraction, Fraction)
        Each player's payoff in its worst stage equilibrium, and ``via`` their indices.
    tau_min : (Fraction, Fraction)
        ``(c0, c1)`` with ``tau_min(δ_r) = c0 + c1·δ_r`` (None when the receiver cannot deviate).
    tau_max : (Fraction, Fraction)
        ``(k0, k1)`` with ``tau_max(δ_q) = k0 + k1·δ_q``.
    common : DeltaSet or None
        The discount factors ``δ = δ_r = δ_q`` at which some τ works.
    payer_alone : DeltaSet or None
        When ``tau_min`` does not depend on ``δ_r``: the payer's discount
        factors at which some τ works, whatever the receiver's.
    kappa : bool
        True when the payer's threshold is the commitment-problem ratio
        ``(D'_r - u_r)/(u_q - n_q)`` (see the module docstring).
    reason : str
    """

    profile: Profile
    payer: int
    receiver: int
    path: tuple[Fraction, Fraction]
    receiver_deviation: Fraction | None
    payer_deviation: Fraction
    punishment: tuple[Fraction, Fraction]
    via: tuple[tuple[int, ...], tuple[int, ...]]
    tau_min: tuple[Fraction, Fraction] | None
    tau_max: tuple[Fraction, Fraction]
    common: DeltaSet | None
    payer_alone: DeltaSet | None
    kappa: bool
    reason: str
    timing: str = "performance"

    def bounds(self, delta_receiver=None, delta_payer=None) -> tuple[Fraction, Fraction] | None:
        """The feasible transfers ``[lo, hi]`` at the given discount factors; None when there is none.

        A discount factor the bound does not depend on may be left out.
        """
        lo = Fraction(0)
        if self.tau_min is not None:
            c0, c1 = self.tau_min
            if c1 != 0 and delta_receiver is None:
                raise InputError("the receiver's discount factor is needed", where="discount factor")
            lo = max(lo, c0 + c1 * Fraction(delta_receiver or 0))
        k0, k1 = self.tau_max
        if k1 != 0 and delta_payer is None:
            raise InputError("the payer's discount factor is needed", where="discount factor")
        hi = k0 + k1 * Fraction(delta_payer or 0)
        return (lo, hi) if lo <= hi else None

    def to_dict(self, game: Game, names: Sequence[str]) -> dict[str, Any]:
        P = game.players
        return {
            "profile": _profile_name(game, self.profile),
            "payer": P[self.payer],
            "receiver": P[self.receiver],
            "timing": self.timing,
            "path": [_json(u) for u in self.path],
            "receiver_deviation": None if self.receiver_deviation is None else _json(self.receiver_deviation),
            "payer_deviation": _json(self.payer_deviation),
            "punishment": [_json(n) for n in self.punishment],
            "punishment_equilibria": [list(v) for v in self.via],
            "tau_min": None
            if self.tau_min is None
            else {"constant": _json(self.tau_min[0]), names[self.receiver]: _json(self.tau_min[1])},
            "tau_max": {"constant": _json(self.tau_max[0]), names[self.payer]: _json(self.tau_max[1])},
            "common": None if self.common is None else self.common.to_dict(),
            "payer_alone": None if self.payer_alone is None else self.payer_alone.to_dict(),
            "kappa": self.kappa,
            "reason": self.reason,
        }


def _worst(equilibria: Sequence[StageEquilibrium], p: int) -> tuple[Fraction, tuple[int, ...]]:
    """Player ``p``'s lowest equilibrium payoff and the equilibria giving it, pure ones first (they read best)."""
    low = min(e.payoffs[p] for e in equilibria)
    tied = [e for e in equilibria if e.payoffs[p] == low]
    return low, tuple(e.index for e in sorted(tied, key=lambda e: (e.profile is None, e.index)))


def transfer_analysis(
    game: Game,
    profile: Profile,
    payer: int,
    *,
    equilibria: Sequence[StageEquilibrium] | None = None,
    names: Sequence[str] | None = None,
) -> TransferAnalysis:
    """When can a per-period transfer from ``payer`` make ``profile`` self-enforcing?

    Parameters
    ----------
    game : Game
    profile : (int, int)
    payer : int
        0 (row) or 1 (column); the other player receives.
    equilibria : sequence of StageEquilibrium, optional
        The stage equilibria (computed when not given); each player's worst
        one is its punishment.
    names : pair of str, optional
        The discount factors' names, for the words.

    Returns
    -------
    TransferAnalysis

    Examples
    --------
    Row loses 1 at the profile (0, 0) and could gain 1 by deviating; column gains 2 over the
    equilibrium (1, 1). Column pays row 1 per period and keeps paying iff δ_C ≥ 1/2:

    >>> g = Game.from_arrays([[0, -5], [1, 1]], [[3, 0], [0, 1]], players=("Row", "Col"))
    >>> t = transfer_analysis(g, (0, 0), payer=1)
    >>> t.tau_min, t.tau_max, t.payer_alone.lo, t.kappa
    ((Fraction(1, 1), Fraction(0, 1)), (Fraction(0, 1), Fraction(2, 1)), Fraction(1, 2), True)
    """
    if equilibria is None:
        equilibria = stage_equilibria(game)
    names = tuple(names or discount_names(game.players))
    r, q = 1 - payer, payer
    a = profile
    u = (_payoff(game, 0, a), _payoff(game, 1, a))
    n0, v0 = _worst(equilibria, 0)
    n1, v1 = _worst(equilibria, 1)
    n = (n0, n1)
    D_r, _ = _best_reply_payoff(game, r, a, other_only=True)
    d_q, _ = _best_reply_payoff(game, q, a)
    if D_r is None:
        tau_min = None
    else:
        tau_min = (D_r - u[r], min(D_r, n[r]) - D_r)
    tau_max = (u[q] - d_q, d_q - n[q])
    conditions = [tau_max]
    if tau_min is not None:
        conditions.append((tau_max[0] - tau_min[0], tau_max[1] - tau_min[1]))
    common = delta_set(conditions)
    payer_alone = None
    if tau_min is None or tau_min[1] == 0:
        floor = Fraction(0) if tau_min is None else max(Fraction(0), tau_min[0])
        payer_alone = delta_set([(tau_max[0] - floor, tau_max[1])])
    kappa = (
        tau_min is not None and tau_min[1] == 0 and tau_min[0] > 0 and d_q == u[q] and u[q] > n[q]
    )
    P = game.players
    who_q, who_r = P[q], P[r]
    dq, dr = names[q], names[r]
    parts = []
    if tau_min is None:
        parts.append(f"{who_r} has no other action, so any τ ≥ 0 keeps it")
    elif tau_min[1] == 0 and tau_min[0] <= 0:
        parts.append(f"{who_r} gains nothing by deviating even without the payment, so any τ ≥ 0 keeps it")
    elif tau_min[1] == 0:
        parts.append(
            f"{who_r} needs τ ≥ {_num(tau_min[0])}: deviating forfeits the payment and gives it {_num(D_r)} instead of "
            f"{_num(u[r])} + τ, and the punishment ({_num(n[r])}) is no threat to it, so the payment must cover its "
            f"one-period shortfall"
        )
    else:
        parts.append(
            f"{who_r} needs τ ≥ {_linear(tau_min, dr)}: deviating gives it {_num(D_r)} this period instead of "
            f"{_num(u[r])} + τ (it forfeits the payment), and then its punishment {_num(n[r])} in every later period"
        )
    saves = (
        "the payment it saves once" if d_q == u[q] else f"the payment it saves and the {_num(d_q - u[q])} it gains once"
    )
    parts.append(
        f"{who_q} keeps paying iff τ ≤ {_linear(tau_max, dq)}: {saves} must weigh no more than what it loses in every "
        f"later period under its punishment ({_num(n[q])} instead of {_num(u[q])} − τ)"
    )
    if payer_alone is not None and payer_alone.everywhere:
        verdict = f"a transfer works at every {dq}"
    elif payer_alone is not None:
        verdict = f"a transfer works iff {payer_alone.text(dq)}, whatever {dr}"
        if payer_alone.hi is None and tau_min is not None:
            verdict += f" (at the threshold, τ = {_num(max(Fraction(0), tau_min[0]))} exactly)"
    elif common is not None:
        verdict = f"with one discount factor δ for both, a transfer works iff {common.text('δ')}"
    else:
        verdict = "no transfer works at any discount factors below 1"
    if common is None and payer_alone is None:
        # at δ -> 1 the bounds are the joint comparison: u_r + u_q against the punishments
        limit_lo = Fraction(0) if tau_min is None else tau_min[0] + tau_min[1]
        if tau_max[0] + tau_max[1] <= limit_lo:
            verdict += ": even for the most patient players the profile does not beat the punishments jointly"
    reason = "; ".join(parts) + ". So " + verdict + "."
    if kappa:
        reason += (
            f" This is the commitment problem (Fearon 1995): {who_q} can credibly promise at most {dq} times its"
            f" per-period gain {_num(u[q] - n[q])} over the punishment, so {dq} plays the part of κ, the share of the"
            f" promised transfer {who_r} can count on: κ ≥ {_num(tau_min[0])}/{_num(u[q] - n[q])}"
            f" = {_num(tau_min[0] / (u[q] - n[q]))}."
        )
    return TransferAnalysis(
        profile=a,
        payer=q,
        receiver=r,
        path=u,
        receiver_deviation=D_r,
        payer_deviation=d_q,
        punishment=n,
        via=(v0, v1),
        tau_min=tau_min,
        tau_max=tau_max,
        common=common,
        payer_alone=payer_alone,
        kappa=kappa,
        reason=reason,
    )


# ----------------------------------------------------------------------------- lotteries (agreements)


def lottery_thresholds(
    game: Game,
    lottery: Sequence[tuple[Profile, Fraction]],
    transfer: Fraction = Fraction(0),
    *,
    equilibria: Sequence[StageEquilibrium] | None = None,
) -> tuple[tuple[DeltaSet | None, DeltaSet | None], tuple[tuple[Profile | None, str], tuple[Profile | None, str]]]:
    """Each player's discount factors at which an agreement is self-enforcing under Nash reversion.

    The agreement plays, in every period, a profile drawn by a public lottery
    (``lottery``: profile and probability), and moves ``transfer`` from the
    column player to the row player (negative: the other way) at the end of
    each period in which the receiver kept to the drawn profile. After the
    draw of profile ``k`` player ``p`` conforms iff
    ``(1 - δ)·X + δ·Y >= 0`` with ``X`` its payoff this period (with the
    transfer) minus its best deviation payoff (without it) and ``Y = V - n``
    its agreement value over its worst stage equilibrium; a player who does
    not gain even this period (``X >= 0``, a receiver or no transfer) is not
    punished. A payer always is.

    Returns
    -------
    sets : pair of DeltaSet or None
        Each player's discount factors that work (None: none below 1).
    binding : pair of ((int, int) or None, str)
        Per player, the drawn profile whose condition binds and the reason in words.

    Examples
    --------
    The prisoner's dilemma: cooperation (C, C) needs δ ≥ (5 - 3)/(5 - 1) = 1/2 from each.

    >>> pd = Game.from_arrays([[3, 0], [5, 1]], [[3, 5], [0, 1]], strategies=[["C", "D"], ["C", "D"]])
    >>> sets, _ = lottery_thresholds(pd, [((0, 0), Fraction(1))])
    >>> [s.lo for s in sets]
    [Fraction(1, 2), Fraction(1, 2)]
    """
    if equilibria is None:
        equilibria = stage_equilibria(game)
    tau = Fraction(transfer)
    side = (tau, -tau)
    V = [sum(Fraction(w) * _payoff(game, p, a) for a, w in lottery) + side[p] for p in range(2)]
    sets: list[DeltaSet | None] = []
    binding: list[tuple[Profile | None, str]] = []
    for p in range(2):
        n, _ = _worst(equilibria, p)
        who = game.players[p]
        best: DeltaSet | None = DeltaSet(lo=Fraction(0))
        why: tuple[Profile | None, str] = (None, f"{who} gains nothing by deviating from any drawn profile")
        for a, w in lottery:
            if w == 0:
                continue
            payer = side[p] < 0
            d, _ = _best_reply_payoff(game, p, a, other_only=not payer)
            if d is None:
                continue
            X = _payoff(game, p, a) + side[p] - d
            if X >= 0:
                continue
            Y = V[p] - n
            s = delta_set([(X, Y - X)])
            name = _profile_name(game, a)
            if s is None:
                why = (a, f"at {name} {who} gains {_num(-X)} once by deviating and its agreement value "
                          f"{_num(V[p])} does not beat its punishment {_num(n)}")
                best = None
                break
            if best is not None and s.lo > best.lo:
                best = s
                what = "by withholding its payment" if payer else "by deviating"
                why = (a, f"at {name} {who} gains {_num(-X)} once {what} and loses {_num(Y)} per period once "
                          f"punished ({_num(n)} instead of its agreement value {_num(V[p])})")
        sets.append(best)
        binding.append(why)
    return (sets[0], sets[1]), (binding[0], binding[1])


# ----------------------------------------------------------------------------- the analysis


@dataclass(frozen=True, kw_only=True)
class PlayerAnalysis:
    """One player at one pure profile: its temptation and its critical discount factor under each scheme.

    Attributes
    ----------
    player : int
    path : Fraction
        ``u``: its stage payoff at the profile.
    deviation : Fraction
        ``d``: its best stage payoff against the other's action.
    best_deviations : tuple of int
        Its actions other than the profile's that reach ``d`` (empty when none gains).
    nash : Critical
        Nash reversion with the stage equilibrium worst for it.
    by_equilibrium : tuple of Critical
        Nash reversion with each stage equilibrium in turn.
    minmax, pure_minmax : Critical
        The lower bounds from the mixed and the pure minmax value.
    stick : Critical or None
        Stick and carrot with the profile's punishment profile.
    """

    player: int
    path: Fraction
    deviation: Fraction
    best_deviations: tuple[int, ...]
    nash: Critical
    by_equilibrium: tuple[Critical, ...]
    minmax: Critical
    pure_minmax: Critical
    stick: Critical | None

    @property
    def tempted(self) -> bool:
        """True when a deviation gains in the stage game."""
        return self.deviation > self.path

    def critical(self, scheme: str) -> Critical | None:
        return {"nash": self.nash, "minmax": self.minmax, "pure-minmax": self.pure_minmax, "stick": self.stick}[scheme]


@dataclass(frozen=True, kw_only=True)
class ProfileAnalysis:
    """A pure profile played in every period: is it a subgame-perfect outcome, and from which δ?

    Attributes
    ----------
    profile : (int, int)
    name : str
    payoffs : (Fraction, Fraction)
    stage_equilibrium : bool
    players : (PlayerAnalysis, PlayerAnalysis)
    stick : (int, int) or None
        The stick-and-carrot punishment profile with the lowest common
        threshold (None for a stage equilibrium or when none works).
    transfers : tuple of TransferAnalysis
        With transfers allowed: column pays row, then row pays column (empty
        for a stage equilibrium or without transfers).
    at_discount : tuple of (str, bool or None)
        With discount factors given: per scheme, :meth:`sustainable` at them.
    transfer_at : (Fraction, Fraction) or None
        With discount factors given: the feasible transfers ``[lo, hi]`` of
        :attr:`transfer` at them (None when there is none, or a needed
        discount factor is missing: see ``transfer_at_known``).
    transfer_at_known : bool
    """

    profile: Profile
    name: str
    payoffs: tuple[Fraction, Fraction]
    stage_equilibrium: bool
    players: tuple[PlayerAnalysis, PlayerAnalysis]
    stick: Profile | None = None
    transfers: tuple[TransferAnalysis, ...] = ()
    at_discount: tuple[tuple[str, bool | None], ...] = ()
    transfer_at: tuple[Fraction, Fraction] | None = None
    transfer_at_known: bool = False

    def critical(self, scheme: str = "nash") -> tuple[Critical | None, Critical | None]:
        """Each player's :class:`Critical` under ``scheme``."""
        if scheme not in SCHEMES:
            raise InputError(f"unknown scheme {scheme!r}; schemes: {', '.join(SCHEMES)}", where="scheme")
        return (self.players[0].critical(scheme), self.players[1].critical(scheme))

    def sustainable(self, discount, scheme: str = "nash") -> bool | None:
        """Whether the profile is sustained at ``discount`` (a pair); None when a needed δ is missing.

        For ``minmax`` and ``pure-minmax`` this is the necessary condition: False
        means no subgame-perfect equilibrium (in pure strategies) sustains it.
        """
        crit = self.critical(scheme)
        if any(c is None for c in crit):
            return False
        verdicts = [c.holds(d) for c, d in zip(crit, discount)]
        if False in verdicts:
            return False
        return None if None in verdicts else True

    @property
    def transfer(self) -> TransferAnalysis | None:
        """The transfer direction that works at the lowest common δ (None when neither works)."""
        working = [t for t in self.transfers if t.common is not None]
        return min(working, key=lambda t: t.common.lo) if working else None


@dataclass(frozen=True, kw_only=True)
class RepeatedGame:
    """The infinitely repeated stage game: every pure profile's critical discount factors.

    Attributes
    ----------
    game : Game
        The stage game.
    names : (str, str)
        The discount factors' names (``delta_R``, ``delta_C``).
    discount : (Fraction or None, Fraction or None)
        The discount factors given (None: not given).
    equilibria : tuple of StageEquilibrium
    minmax : (Minmax, Minmax)
    profiles : tuple of ProfileAnalysis
        Row-major: (0, 0), (0, 1), ...
    transfers_allowed : bool
    exact : bool
        Always True: every number is an exact rational.
    method : str
    notes : tuple of str
    """

    game: Game
    names: tuple[str, str]
    discount: tuple[Fraction | None, Fraction | None]
    equilibria: tuple[StageEquilibrium, ...]
    minmax: tuple[Minmax, Minmax]
    profiles: tuple[ProfileAnalysis, ...]
    transfers_allowed: bool = False
    exact: bool = True
    method: str = "exact one-shot deviation conditions (Nash reversion, minmax bounds, stick and carrot)"
    notes: tuple[str, ...] = ()

    @property
    def players(self) -> tuple[str, str]:
        return self.game.players

    def profile(self, which) -> ProfileAnalysis:
        """A profile's analysis by ``(i, j)`` or by name: ``"ally, ally"`` or ``"(ally, ally)"``.

        Raises
        ------
        InputError
            For an unknown profile, listing the valid ones.
        """
        if isinstance(which, str):
            parts = tuple(s.strip() for s in which.strip().strip("()").split(","))
            S0, S1 = self.game.strategies
            if len(parts) == 2 and parts[0] in S0 and parts[1] in S1:
                which = (S0.index(parts[0]), S1.index(parts[1]))
            else:
                known = "; ".join(p.name for p in self.profiles)
                raise InputError(f"unknown profile {which!r}; profiles: {known}", where="profile")
        for p in self.profiles:
            if p.profile == tuple(which):
                return p
        raise InputError(f"unknown profile {which!r}", where="profile")

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready: exact numbers as strings (``"6/11"``) with decimal companions."""
        g = self.game
        P = g.players
        out_profiles = []
        for pa in self.profiles:
            players = {}
            for pl in pa.players:
                players[P[pl.player]] = {
                    "discount_factor": self.names[pl.player],
                    "path": _json(pl.path),
                    "deviation": _json(pl.deviation),
                    "gain": _json(pl.deviation - pl.path),
                    "best_deviations": [g.strategies[pl.player][k] for k in pl.best_deviations],
                    "tempted": pl.tempted,
                    "nash": pl.nash.to_dict(),
                    "by_equilibrium": [c.to_dict() for c in pl.by_equilibrium],
                    "minmax": pl.minmax.to_dict(),
                    "pure_minmax": pl.pure_minmax.to_dict(),
                    "stick": None if pl.stick is None else pl.stick.to_dict(),
                }
            entry = {
                "profile": pa.name,
                "strategies": {P[0]: g.strategies[0][pa.profile[0]], P[1]: g.strategies[1][pa.profile[1]]},
                "payoffs": [_json(u) for u in pa.payoffs],
                "payoffs_decimal": [float(u) for u in pa.payoffs],
                "stage_equilibrium": pa.stage_equilibrium,
                "players": players,
                "stick_profile": None if pa.stick is None else _profile_name(g, pa.stick),
                "transfers": [t.to_dict(g, self.names) for t in pa.transfers],
            }
            if pa.at_discount:
                entry["sustainable"] = dict(pa.at_discount)
                if pa.transfer_at_known:
                    entry["transfer_at_discount"] = (
                        None if pa.transfer_at is None else [_json(x) for x in pa.transfer_at]
                    )
            out_profiles.append(entry)
        return {
            "title": g.title,
            "players": list(P),
            "discount_factors": {self.names[p]: None if d is None else _json(d) for p, d in enumerate(self.discount)},
            "stage_equilibria": [e.to_dict() for e in self.equilibria],
            "minmax": [m.to_dict(g) for m in self.minmax],
            "transfers_allowed": self.transfers_allowed,
            "profiles": out_profiles,
            "schemes": dict(SCHEMES),
            "exact": self.exact,
            "method": self.method,
            "notes": list(self.notes),
        }

    def to_pandas(self):
        """One row per profile and player: payoffs, temptation and each scheme's critical δ (exact and float)."""
        import pandas as pd

        rows = []
        for pa in self.profiles:
            for pl in pa.players:
                row = {
                    "profile": pa.name,
                    "player": self.players[pl.player],
                    "discount_factor": self.names[pl.player],
                    "stage_equilibrium": pa.stage_equilibrium,
                    "path": float(pl.path),
                    "deviation": float(pl.deviation),
                    "tempted": pl.tempted,
                }
                for scheme in SCHEMES:
                    c = pl.critical(scheme)
                    key = scheme.replace("-", "_")
                    row[f"{key}_status"] = None if c is None else c.status
                    row[f"{key}_delta"] = None if c is None or c.delta is None else str(c.delta)
                    row[f"{key}_delta_float"] = None if c is None or c.delta is None else float(c.delta)
                rows.append(row)
        return pd.DataFrame(rows)


def stick_and_carrot(game: Game, profile: Profile, stick: Profile) -> tuple[Critical, Critical]:
    """Each player's critical discount factor when ``stick`` punishes for one period before ``profile`` resumes.

    See the module docstring for the two conditions; a player without a
    profitable deviation from ``profile`` is not punished on the path.

    Examples
    --------
    The prisoner's dilemma with (D, D) as the stick: δ ≥ (T − R)/(R − P) = 2/2, which is never below 1.

    >>> pd = Game.from_arrays([[3, 0], [5, 1]], [[3, 5], [0, 1]])
    >>> [c.status for c in stick_and_carrot(pd, (0, 0), (1, 1))]
    ['never', 'never']
    >>> pd = Game.from_arrays([[4, 0], [5, 1]], [[4, 5], [0, 1]])
    >>> [c.delta for c in stick_and_carrot(pd, (0, 0), (1, 1))]
    [Fraction(1, 3), Fraction(1, 3)]
    """
    a, b = tuple(profile), tuple(stick)
    if a == b:
        raise InputError("the stick must differ from the profile it enforces", where="stick profile")
    out = []
    for p in range(2):
        u = _payoff(game, p, a)
        d, _ = _best_reply_payoff(game, p, a)
        e, _ = _best_reply_payoff(game, p, b)
        out.append(_stick(game.players[p], u, d, _payoff(game, p, b), e, d > u, _profile_name(game, b)))
    return (out[0], out[1])


def _stick_choice(game: Game, a: Profile):
    """The punishment profile with the lowest common stick-and-carrot threshold, and each player's Critical."""
    m, n = game.shape
    best = None
    for k in range(m):
        for l in range(n):
            b = (k, l)
            if b == a:
                continue
            crits = stick_and_carrot(game, a, b)
            if any(c.status == "never" for c in crits):
                continue
            key = (max(c.delta for c in crits), sum(c.delta for c in crits))
            if best is None or key < best[0]:
                best = (key, b, crits)
    if best is None:
        return None, None
    return best[1], best[2]


def _transfer_at(t: TransferAnalysis | None, delta) -> dict[str, Any]:
    """The feasible transfers at the given discount factors, where every factor the bounds need is given."""
    if t is None:
        return {}
    dr, dq = delta[t.receiver], delta[t.payer]
    if (t.tau_min is not None and t.tau_min[1] != 0 and dr is None) or (t.tau_max[1] != 0 and dq is None):
        return {"transfer_at_known": False}
    return {"transfer_at": t.bounds(dr, dq), "transfer_at_known": True}


def repeated_game(
    game: Game,
    *,
    discount=None,
    names: Sequence[str] | None = None,
    solution=None,
    transfers: bool = False,
) -> RepeatedGame:
    """Analyse the infinitely repeated stage game, profile by profile, in exact arithmetic.

    Parameters
    ----------
    game : Game
        The stage game.
    discount : optional
        Discount factors to check (see :func:`read_discount`); the thresholds
        are computed either way.
    names : pair of str, optional
        The discount factors' names (default ``delta_`` and each player's initial).
    solution : bargaining.solution.Solution, optional
        The stage game's equilibria, when already computed (exactly).
    transfers : bool
        Also analyse per-period transfers for every profile that is not a stage equilibrium.

    Returns
    -------
    RepeatedGame

    Examples
    --------
    The prisoner's dilemma (T, R, P, S) = (5, 3, 1, 0): cooperation is a subgame-perfect outcome
    under grim trigger iff δ ≥ (T − R)/(T − P) = 1/2.

    >>> pd = Game.from_arrays([[3, 0], [5, 1]], [[3, 5], [0, 1]], strategies=[["C", "D"], ["C", "D"]])
    >>> r = repeated_game(pd)
    >>> cc = r.profile("C, C")
    >>> [c.text() for c in cc.critical("nash")]
    ['δ ≥ 0.5', 'δ ≥ 0.5']

    A one-period stick cannot do better here: (D, D) for a period costs R − P = 2, no more than
    the gain T − R = 2, and every other stick rewards one of the players.

    >>> cc.stick is None
    True
    """
    names = tuple(names or discount_names(game.players))
    if len(names) != 2 or names[0] == names[1]:
        raise InputError(f"expected two different names, found {names!r}", where="discount factor names")
    delta = read_discount(discount, game.players, names)
    if solution is None:
        from bargaining.solvers.registry import solve

        solution = solve(game)
    equilibria = stage_equilibria(game, solution)
    minmax = minmax_values(game)
    pure = set(solution.pure_profiles())
    m, n = game.shape
    profiles = []
    for i in range(m):
        for j in range(n):
            a = (i, j)
            name = _profile_name(game, a)
            u = (_payoff(game, 0, a), _payoff(game, 1, a))
            nash_eq = a in pure
            d = []
            devs = []
            for p in range(2):
                top, who = _best_reply_payoff(game, p, a)
                d.append(top)
                devs.append(tuple(k for k in who if k != a[p]) if top > u[p] else ())
            tempted = [d[p] > u[p] for p in range(2)]
            stick_b, stick_crits = (None, None) if nash_eq else _stick_choice(game, a)
            players = []
            for p in range(2):
                who = game.players[p]
                if not tempted[p]:
                    tie = any(_payoff(game, p, _with(a, p, k)) == u[p] for k in range(game.shape[p]) if k != a[p])
                    same = _untroubled("nash", who, u[p], d[p], nash_eq, tie)
                    crit = {s: replace(same, scheme=s) for s in SCHEMES}
                    if not nash_eq:
                        crit["stick"] = stick_crits[p] if stick_crits else None
                    players.append(PlayerAnalysis(
                        player=p, path=u[p], deviation=d[p], best_deviations=(),
                        nash=replace(same, via=tuple(e.index for e in equilibria)),
                        by_equilibrium=tuple(replace(same, via=(e.index,)) for e in equilibria),
                        minmax=crit["minmax"], pure_minmax=crit["pure-minmax"], stick=crit["stick"],
                    ))
                    continue
                by_eq = tuple(
                    _reversion("nash", who, u[p], d[p], e.payoffs[p], f"the stage equilibrium {e.label}", (e.index,))
                    for e in equilibria
                )
                low, via = _worst(equilibria, p)
                labels = " or ".join(equilibria[k].label for k in via)
                nash = _reversion("nash", who, u[p], d[p], low, f"its worst stage equilibrium {labels}", via)
                mm = minmax[p]
                players.append(PlayerAnalysis(
                    player=p, path=u[p], deviation=d[p], best_deviations=devs[p], nash=nash, by_equilibrium=by_eq,
                    minmax=_reversion("minmax", who, u[p], d[p], mm.value, "its minmax value"),
                    pure_minmax=_reversion("pure-minmax", who, u[p], d[p], mm.pure_value, "its pure minmax value"),
                    stick=stick_crits[p] if stick_crits else None,
                ))
            tr: tuple[TransferAnalysis, ...] = ()
            if transfers and not nash_eq:
                tr = tuple(transfer_analysis(game, a, q, equilibria=equilibria, names=names) for q in (1, 0))
            pa = ProfileAnalysis(
                profile=a, name=name, payoffs=u, stage_equilibrium=nash_eq, players=(players[0], players[1]),
                stick=stick_b, transfers=tr,
            )
            if any(x is not None for x in delta):
                pa = replace(pa, at_discount=tuple((s, pa.sustainable(delta, s)) for s in SCHEMES),
                             **_transfer_at(pa.transfer, delta))
            profiles.append(pa)
    return RepeatedGame(
        game=game,
        names=(names[0], names[1]),
        discount=delta,
        equilibria=equilibria,
        minmax=minmax,
        profiles=tuple(profiles),
        transfers_allowed=transfers,
    )
