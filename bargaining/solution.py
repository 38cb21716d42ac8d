"""Result types of the equilibrium solver: :class:`Equilibrium`, :class:`Solution` and :class:`EquilibriumSet`.

A solution carries its provenance (method, exact or floating point, tolerance,
completeness, warnings) and a ``to_dict()`` that the JSON renderer prints as
it is. Exact numbers become strings (``"9/40"``), floating ones numbers.

An :class:`EquilibriumSet` is the *shape* of a solution: which pure profiles
and which supports of mixed equilibria it has, without the probabilities. It
is what sweeps, regimes and robustness counts compare: two games with the same
set have the same pure equilibria and mixed equilibria on the same supports.

Games of three or more players (:mod:`bargaining.solvers.nplayer`) give the
same types: an equilibrium's probabilities are exact Fractions or exact real
algebraic numbers, each equilibrium carries the certificate that proves it,
and a solution lists the positive-dimensional sets of equilibria (continua)
with the equations that describe them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Mapping, Sequence

from bargaining.game import Game
from bargaining.numbers import exact, is_algebraic, number_to_json

__all__ = ["Equilibrium", "Solution", "EquilibriumSet", "number_to_json"]

#: A probability or payoff: exact (Fraction, or an exact real algebraic number) or a float.
Number = Any


@dataclass(frozen=True, kw_only=True)
class Equilibrium:
    """One Nash equilibrium: a mixed strategy per player, the payoffs and the labels.

    Attributes
    ----------
    mixed : tuple of tuple
        Each player's mixed strategy, in the order of ``players``.
    payoffs : tuple
        Each player's expected payoff.
    players : tuple of str
        The players' names.
    strategy_names : tuple of tuple of str
        Each player's strategy names.
    pure : bool
        Every player's strategy is pure.
    strict : bool
        Pure, and each player's strategy is its unique best response.
    pareto_efficient : bool
        No other equilibrium is at least as good for every player and better for one.
    payoff_dominant : bool
        Strictly better for every player than every equilibrium with other payoffs
        (Harsanyi and Selten 1988).
    risk_dominates : tuple of int
        Indices of the strict pure equilibria this one risk-dominates
        (Harsanyi and Selten 1988; only strict pure equilibria are compared).
    risk_dominant : bool or None
        Risk-dominates every other strict pure equilibrium; None where it does not
        apply (not strict and pure, or no other strict pure equilibrium).
    regret : tuple
        Each player's largest gain from deviating (0 for an exact equilibrium).
    certificate : Certificate or None
        For games of three or more players: what was proved about this
        equilibrium and how (:class:`bargaining.solvers.nplayer.Certificate`:
        rational arithmetic, or a number field with signs proved by ball
        arithmetic).
    """

    mixed: tuple[tuple[Number, ...], ...]
    payoffs: tuple[Number, ...]
    players: tuple[str, ...] = ()
    strategy_names: tuple[tuple[str, ...], ...] = ()
    pure: bool = False
    strict: bool = False
    pareto_efficient: bool = False
    payoff_dominant: bool = False
    risk_dominates: tuple[int, ...] = ()
    risk_dominant: bool | None = None
    regret: tuple[Number, ...] = ()
    certificate: Any = field(default=None, compare=False)

    @property
    def x(self) -> tuple[Number, ...]:
        """The first (row) player's mixed strategy."""
        return self.mixed[0]

    @property
    def y(self) -> tuple[Number, ...]:
        """The second (column) player's mixed strategy."""
        return self.mixed[1]

    @property
    def strategies(self) -> dict[str, dict[str, Number]]:
        """``{player: {strategy: probability}}``, exact where the method is exact."""
        players = self.players or tuple(f"player {p + 1}" for p in range(len(self.mixed)))
        return {
            players[p]: dict(zip(self._names(p), self.mixed[p])) for p in range(len(self.mixed))
        }

    def _names(self, p: int) -> tuple[str, ...]:
        if self.strategy_names:
            return self.strategy_names[p]
        return tuple(str(k + 1) for k in range(len(self.mixed[p])))

    def strategy(self, player: int) -> tuple[Number, ...]:
        """The mixed strategy of ``player`` (0 is the row player)."""
        return self.mixed[player]

    def support(self, player: int) -> tuple[int, ...]:
        """Indices of the strategies ``player`` plays with positive probability."""
        return tuple(i for i, p in enumerate(self.mixed[player]) if p > 0)

    def profile(self) -> tuple[int, ...] | None:
        """The pure profile ``(i, j, ...)`` of a pure equilibrium, None for a mixed one."""
        if not self.pure:
            return None
        return tuple(self.support(p)[0] for p in range(len(self.mixed)))

    def supports(self) -> tuple[int, ...]:
        """Each player's support as a bit mask (bit ``i`` set when strategy ``i`` is played)."""
        return tuple(sum(1 << i for i, q in enumerate(s) if q > 0) for s in self.mixed)

    @property
    def rational(self) -> bool:
        """Every probability and payoff is a rational number (or a float of a floating-point method)."""
        return not any(is_algebraic(q) for q in (*self.payoffs, *(q for s in self.mixed for q in s)))

    def to_dict(self) -> dict[str, Any]:
        players = self.players or tuple(f"player {p + 1}" for p in range(len(self.mixed)))
        out = {
            "strategies": {
                players[p]: {s: number_to_json(q) for s, q in zip(self._names(p), self.mixed[p])}
                for p in range(len(self.mixed))
            },
            "payoffs": {players[p]: number_to_json(u) for p, u in enumerate(self.payoffs)},
            "pure": self.pure,
            "strict": self.strict,
            "pareto_efficient": self.pareto_efficient,
            "payoff_dominant": self.payoff_dominant,
            "risk_dominant": self.risk_dominant,
            "risk_dominates": list(self.risk_dominates),
            "regret": {players[p]: number_to_json(r) for p, r in enumerate(self.regret)},
        }
        if self.certificate is not None:
            out["decimals"] = {
                players[p]: {s: float(q) for s, q in zip(self._names(p), self.mixed[p])} for p in range(len(self.mixed))
            }
            out["payoff_decimals"] = {players[p]: float(u) for p, u in enumerate(self.payoffs)}
            out["rational"] = self.rational
            out["algebraic"] = {
                f"{players[p]}:{s}": q.to_dict()
                for p in range(len(self.mixed))
                for s, q in zip(self._names(p), self.mixed[p])
                if is_algebraic(q)
            }
            out["certificate"] = self.certificate.to_dict()
        return out


@dataclass(frozen=True, kw_only=True)
class Solution:
    """All equilibria a method found for a game, with provenance.

    Attributes
    ----------
    game : Game
    method : str
        The method's registered name.
    exact : bool
        True when every number is an exact rational.
    complete : bool
        True when the method is guaranteed to find every (extreme) equilibrium.
    tol : float or None
        The tolerance used by a floating-point method.
    degenerate : bool or None
        Whether the game is degenerate (None where the method cannot tell).
    equilibria : tuple of Equilibrium
        In a deterministic order.
    components : tuple of tuple of int
        The maximal convex sets of equilibria, as indices into ``equilibria``:
        every convex combination of the listed row strategies with the listed
        column strategies is an equilibrium.
    selected : int or None
        The equilibrium that selection picks: the unique one, else the
        payoff-dominant one, else the risk-dominant one.
    selection_rule : str or None
        Which rule decided: "unique", "payoff dominance" or "risk dominance".
    warnings : tuple of str
    continua : tuple of Continuum
        Games solved by support enumeration with exact polynomial systems (three
        or more players, or the ``polynomial`` method): every
        positive-dimensional set of equilibria, with its support, the equations
        and inequalities that describe it and a certified point of it
        (:class:`bargaining.solvers.nplayer.Continuum`).
    search : Mapping or None
        For those games: how many support profiles there were, were pruned by
        conditional dominance, and were solved (None otherwise).
    algorithm : str
        What the method ran, where it says more than its name.
    """

    game: Game
    method: str
    exact: bool
    complete: bool
    equilibria: tuple[Equilibrium, ...]
    components: tuple[tuple[int, ...], ...]
    degenerate: bool | None = None
    tol: float | None = None
    selected: int | None = None
    selection_rule: str | None = None
    warnings: tuple[str, ...] = field(default=())
    continua: tuple[Any, ...] = field(default=())
    search: Mapping[str, int] | None = None
    algorithm: str = ""

    @property
    def n_players(self) -> int:
        return self.game.n_players

    def _repr_html_(self) -> str:
        from bargaining.render.notebook import solution_html

        return solution_html(self)

    def _repr_latex_(self) -> str:
        from bargaining.render.notebook import solution_latex

        return solution_latex(self)

    def reading(self, k: int) -> str:
        """One plain-language line for equilibrium ``k``: the game file's reading of a pure profile, or the mixture.

        Examples
        --------
        >>> from bargaining.io.gamefile import load_model
        >>> from bargaining.solvers.registry import solve
        >>> solve(load_model("games/baseline.toml").game()).reading(0)
        'deep alignment without a treaty'
        """
        g = self.game
        e = self.equilibria[k]
        if e.pure:
            profile = e.profile()
            text = g.outcome(profile)
            if text:
                return text
            return ", ".join(f"{g.players[p]} plays {g.strategies[p][i]}" for p, i in enumerate(profile))
        parts = []
        for p in range(len(e.mixed)):
            s = e.strategy(p)
            support = e.support(p)
            if len(support) == 1:
                parts.append(f"{g.players[p]} plays {g.strategies[p][support[0]]}")
            else:
                mix = ", ".join(f"{g.strategies[p][i]} {exact(s[i])}" for i in support)
                parts.append(f"{g.players[p]} mixes {mix}")
        return "a mixed equilibrium: " + "; ".join(parts)

    def pure_profiles(self) -> list[tuple[int, ...]]:
        """The profile of each pure equilibrium, in order."""
        return [e.profile() for e in self.equilibria if e.pure]

    def equilibrium_set(self) -> "EquilibriumSet":
        """The shape of the solution: pure profiles and the supports of mixed equilibria."""
        return EquilibriumSet(tuple(e.supports() for e in self.equilibria))

    def to_dict(self) -> dict[str, Any]:
        g = self.game
        out = {
            "title": g.title,
            "description": g.description,
            "players": list(g.players),
            "strategies": {g.players[p]: list(g.strategies[p]) for p in range(g.n_players)},
            "parameters": {name: number_to_json(v) for name, v in g.parameters},
            "payoffs": {g.players[p]: _nested_json(g.payoffs[p]) for p in range(g.n_players)},
            "method": self.method,
            "exact": self.exact,
            "complete": self.complete,
            "tol": self.tol,
            "degenerate": self.degenerate,
            "equilibria": [{**e.to_dict(), "reading": self.reading(k)} for k, e in enumerate(self.equilibria)],
            "components": [list(c) for c in self.components],
            "selected": self.selected,
            "selection_rule": self.selection_rule,
            "warnings": list(self.warnings),
            **({"source": g.source} if g.source else {}),
        }
        if self.search is not None:
            out["algorithm"] = self.algorithm
            out["continua"] = [c.to_dict() for c in self.continua]
            out["supports"] = dict(self.search)
        return out


def _nested_json(tensor):
    if isinstance(tensor, tuple):
        return [_nested_json(t) for t in tensor]
    return number_to_json(tensor)


# ----------------------------------------------------------------------------- equilibrium sets


def _bits(mask: int) -> tuple[int, ...]:
    return tuple(i for i in range(mask.bit_length()) if mask >> i & 1)


def _single(mask: int) -> bool:
    return mask != 0 and mask & (mask - 1) == 0


def _is_pure(member: tuple[int, ...]) -> bool:
    return all(_single(m) for m in member)


@dataclass(frozen=True)
class EquilibriumSet:
    """The shape of an equilibrium set: the supports of its (extreme) equilibria.

    ``supports`` holds one tuple of bit masks per equilibrium, a mask per
    player: bit ``i`` of a player's mask is set when that player plays
    strategy ``i``. Pure equilibria have one bit per player. Two games have
    the same set when these agree; probabilities are not compared.

    Examples
    --------
    >>> s = EquilibriumSet(((0b001, 0b001), (0b011, 0b011), (0b010, 0b010)))
    >>> names = (("ally", "align", "hedge"),) * 2
    >>> s.describe(("Russia", "China"), names)
    '(ally, ally), (align, align), mixed (Russia ally/align; China ally/align)'
    >>> s.describe(("Russia", "China"), names, short=True)
    '(ally, ally), (align, align), 1 mixed'
    >>> s.labels(names)
    ('(ally, ally)', '(align, align)', 'mixed {ally, align} x {ally, align}')
    """

    supports: tuple[tuple[int, ...], ...]

    def __post_init__(self):
        ordered = tuple(sorted({tuple(m) for m in self.supports}, key=_member_order))
        object.__setattr__(self, "supports", ordered)

    @property
    def pairs(self) -> tuple[tuple[int, ...], ...]:
        """The same as ``supports`` (the name for two players)."""
        return self.supports

    def pure_profiles(self) -> list[tuple[int, ...]]:
        """The profile of each pure equilibrium."""
        return [tuple(_bits(m)[0] for m in member) for member in self.supports if _is_pure(member)]

    def mixed(self) -> list[tuple[tuple[int, ...], ...]]:
        """Each player's support, for each equilibrium that is not pure."""
        return [tuple(_bits(m) for m in member) for member in self.supports if not _is_pure(member)]

    def describe(self, players: Sequence[str], strategies: Sequence[Sequence[str]], short: bool = False) -> str:
        """``(align, align)``; mixed equilibria by their supports, or counted when ``short``."""
        parts = [_profile_text(strategies, prof) for prof in self.pure_profiles()]
        mixed = self.mixed()
        if short and mixed:
            parts.append(f"{len(mixed)} mixed")
        else:
            for sup in mixed:
                sides = "; ".join(
                    f"{players[p]} " + "/".join(strategies[p][i] for i in s) for p, s in enumerate(sup)
                )
                parts.append(f"mixed ({sides})")
        return ", ".join(parts) if parts else "none"

    def labels(self, strategies: Sequence[Sequence[str]]) -> tuple[str, ...]:
        """One label per equilibrium: pure profiles in order, then mixed ones by support, smallest first.

        ``('(align, align)', 'mixed {ally, align} x {ally, align}')``: a hashable,
        readable key, the form scenario tables and robustness counts print.
        """
        out = [_profile_text(strategies, prof) for prof in sorted(self.pure_profiles())]
        mixed = sorted(self.mixed(), key=lambda sup: (sum(len(s) for s in sup), sup))
        for sup in mixed:
            sets = ["{" + ", ".join(strategies[p][k] for k in s) + "}" for p, s in enumerate(sup)]
            out.append("mixed " + " x ".join(sets))
        return tuple(out)

    def to_dict(self, players: Sequence[str], strategies: Sequence[Sequence[str]]) -> dict[str, Any]:
        return {
            "description": self.describe(players, strategies),
            "pure": [[strategies[p][i] for p, i in enumerate(prof)] for prof in self.pure_profiles()],
            "mixed": [
                {players[p]: [strategies[p][i] for i in s] for p, s in enumerate(sup)} for sup in self.mixed()
            ],
        }


def _profile_text(strategies: Sequence[Sequence[str]], profile: Sequence[int]) -> str:
    return "(" + ", ".join(strategies[p][i] for p, i in enumerate(profile)) + ")"


def _member_order(member: tuple[int, ...]):
    return (not _is_pure(member), tuple(_bits(m) for m in member))
