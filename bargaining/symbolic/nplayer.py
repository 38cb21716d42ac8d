r"""Closed-form conditions for the pure profiles of a game of three or more players (``derive`` on the triangle).

A pure profile :math:`a = (a_1, \dots, a_n)` is a Nash equilibrium exactly
when no player gains by a unilateral deviation to another pure strategy
(Nash 1951; a deviation to a mixture cannot gain more than the best pure one):

.. math:: u_i(a) - u_i(b, a_{-i}) \ge 0 \quad \text{for every player } i \text{ and every } b \ne a_i.

With the parameters symbolic each difference is a closed form; it is reduced
by :func:`bargaining.symbolic.conditions.make_conditions` exactly as for two
players (factors of fixed sign on the declared ranges divided out, each
condition judged over the ranges), and with ``solve_for`` every boundary is
solved for one parameter (:func:`bargaining.symbolic.thresholds.tipping_points`).
The conditions are necessary and sufficient for each pure profile; mixed
equilibria of three or more players solve polynomial systems and are left to
the exact solver (``solve``), which finds them all at given values.

:class:`TensorGame` is the symbolic game: one sympy expression per player and
pure profile, built from the model's formulas with named terms substituted
(:meth:`bargaining.model.Model.expanded_payoffs`) through
:meth:`bargaining.formula.Expr.to_sympy`, never ``sympify``.

Reference: J. Nash, "Non-cooperative games", *Annals of Mathematics* 54(2), 1951.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from fractions import Fraction
from types import MappingProxyType
from typing import Any, Iterable, Mapping

import sympy

from bargaining.errors import InputError
from bargaining.symbolic.conditions import formula, make_conditions, verdict
from bargaining.symbolic.game import model_symbols, rational
from bargaining.symbolic.result import Formula, PureProfile, Tipping, TippingPoint, number_json
from bargaining.symbolic.simplify import Budget, Simplifier
from bargaining.symbolic.thresholds import tipping_points

__all__ = ["TensorGame", "NPlayerDerivation", "pure_conditions", "derive_nplayer"]


@dataclass(frozen=True)
class TensorGame:
    """A game of any number of players whose payoffs are sympy expressions.

    Attributes
    ----------
    payoffs : Mapping[tuple of int, tuple of sympy.Expr]
        Each pure profile's payoffs, one per player.
    symbols, fixed, values, box, labels
        As in :class:`bargaining.symbolic.game.SymbolicGame`.
    """

    title: str
    source: str
    players: tuple[str, ...]
    strategies: tuple[tuple[str, ...], ...]
    payoffs: Mapping[tuple[int, ...], tuple[Any, ...]]
    symbols: Mapping[str, sympy.Symbol]
    fixed: Mapping[str, Fraction]
    values: Mapping[str, Fraction]
    box: Mapping[str, tuple]
    labels: Mapping[str, str]

    def __post_init__(self):
        for name in ("payoffs", "symbols", "fixed", "values", "box", "labels"):
            object.__setattr__(self, name, MappingProxyType(dict(getattr(self, name))))

    @classmethod
    def from_model(cls, model, keep: Iterable[str] | None = None) -> "TensorGame":
        """The symbolic game of a model, with ``keep`` (default all) parameters symbolic.

        Examples
        --------
        >>> from bargaining.io.gamefile import load_model
        >>> g = TensorGame.from_model(load_model("games/triangle.toml"), keep=["c", "v", "D_R"])
        >>> g.payoffs[(0, 0, 0)][0], g.payoffs[(1, 0, 0)][0]
        (-2*c - 2*v, -D_R - c - v)
        """
        params = model.parameters
        names = list(params)
        symbols, box, fixed, env = model_symbols(model, keep)
        expanded = model.expanded_payoffs()

        def at(tensor, profile):
            for k in profile:
                tensor = tensor[k]
            return tensor

        payoffs = {
            tuple(profile): tuple(at(expanded[p], profile).to_sympy(env) for p in range(model.n_players))
            for profile in model.profiles()
        }
        return cls(
            title=model.title,
            source=model.source,
            players=tuple(model.players),
            strategies=tuple(tuple(s) for s in model.strategies),
            payoffs=payoffs,
            symbols=symbols,
            fixed=fixed,
            values=model.values(),
            box=box,
            labels={n: params[n].label for n in names},
        )

    @property
    def shape(self) -> tuple[int, ...]:
        return tuple(len(s) for s in self.strategies)

    def point(self) -> dict:
        """The file's values of the symbolic parameters, for ``xreplace``."""
        return {s: rational(self.values[n]) for n, s in self.symbols.items()}

    def at_file(self, expr):
        """``expr`` evaluated exactly at the file's values."""
        if not isinstance(expr, sympy.Basic):
            return sympy.Integer(expr) if isinstance(expr, int) else rational(expr)
        return expr.xreplace(self.point())

    def profile_name(self, *profile: int) -> str:
        """``(contain_both, ally, ally)``."""
        return "(" + ", ".join(self.strategies[p][k] for p, k in enumerate(profile)) + ")"


def pure_conditions(game: TensorGame, simp: Simplifier) -> tuple[PureProfile, ...]:
    """Necessary and sufficient conditions for each pure profile to be a Nash equilibrium.

    Examples
    --------
    >>> from bargaining.io.gamefile import load_model
    >>> from bargaining.symbolic.simplify import Simplifier
    >>> g = TensorGame.from_model(load_model("games/triangle.toml"), keep=["c", "v", "D_R"])
    >>> treaty = pure_conditions(g, Simplifier(g.box))[0]
    >>> [(c.label, c.text()) for c in treaty.conditions if not c.trivial][:1]
    [('United States: contain_both rather than wedge_Russia', 'c + v − D_R ≤ 0')]
    """
    out = []
    n = len(game.players)
    for profile, pay in game.payoffs.items():
        conditions = []
        for p in range(n):
            for b in range(game.shape[p]):
                if b == profile[p]:
                    continue
                other = list(profile)
                other[p] = b
                label = f"{game.players[p]}: {game.strategies[p][profile[p]]} rather than {game.strategies[p][b]}"
                conditions += make_conditions(label, p, pay[p] - game.payoffs[tuple(other)][p], ">=", game, simp)
        at_file = all(c.gain.at_file is not None and c.gain.at_file >= 0 for c in conditions)
        out.append(PureProfile(
            profile=tuple(profile),
            name=game.profile_name(*profile),
            conditions=tuple(conditions),
            verdict=verdict(conditions),
            equilibrium_at_file=at_file,
            payoffs=tuple(formula(u, game, simp) for u in pay),
        ))
    return tuple(out)


@dataclass(frozen=True, kw_only=True)
class NPlayerDerivation:
    """What ``derive`` finds about a game of three or more players: every pure profile's conditions.

    The attributes are those of :class:`bargaining.symbolic.result.Derivation`
    that apply; ``mixed`` and ``selection`` are empty (mixed equilibria are
    the exact solver's), ``payoffs`` maps each profile to its payoff formulas.
    """

    title: str
    source: str
    players: tuple[str, ...]
    strategies: tuple[tuple[str, ...], ...]
    symbols: tuple[str, ...]
    fixed: Mapping[str, Fraction]
    values: Mapping[str, Fraction]
    ranges: Mapping[str, tuple]
    labels: Mapping[str, str]
    payoffs: Mapping[tuple[int, ...], tuple[Formula, ...]]
    pure: tuple[PureProfile, ...]
    solve_for: str | None = None
    tipping: tuple[Tipping, ...] = ()
    boundaries: tuple[TippingPoint, ...] = ()
    notes: tuple[str, ...] = ()
    unsimplified: int = 0
    budget: Mapping[str, Any] = field(default_factory=dict)
    mixed: tuple = ()
    selection: tuple = ()

    def profile(self, name: str) -> PureProfile:
        """The pure profile called ``name`` (``"(contain_both, ally, ally)"`` or ``"contain_both, ally, ally"``)."""
        key = name if name.startswith("(") else f"({name})"
        for p in self.pure:
            if p.name == key:
                return p
        raise InputError(f"no profile {name!r}; profiles are like {self.pure[0].name}", where="profile")

    def to_dict(self) -> dict[str, Any]:
        return {
            "title": self.title,
            "source": self.source,
            "players": list(self.players),
            "strategies": {p: list(s) for p, s in zip(self.players, self.strategies)},
            "symbols": list(self.symbols),
            "fixed": {k: str(v) for k, v in self.fixed.items()},
            "values": {k: str(v) for k, v in self.values.items()},
            "ranges": {k: [number_json(lo), number_json(hi)] for k, (lo, hi) in self.ranges.items()},
            "payoffs": [
                {"profile": [self.strategies[p][k] for p, k in enumerate(prof)],
                 "payoffs": {pl: f.to_dict() for pl, f in zip(self.players, pay)}}
                for prof, pay in self.payoffs.items()
            ],
            "pure": [p.to_dict() for p in self.pure],
            "mixed": None,
            "solve_for": self.solve_for,
            "tipping": [t.to_dict() for t in self.tipping],
            "boundaries": [b.to_dict() for b in self.boundaries],
            "notes": list(self.notes),
            "unsimplified": self.unsimplified,
            "budget": dict(self.budget),
        }


def derive_nplayer(model, *, keep: Iterable[str] | None = None, solve_for: str | None = None,
                   budget: Budget | None = None) -> NPlayerDerivation:
    """Closed-form conditions for every pure profile of a game of three or more players to be an equilibrium.

    Examples
    --------
    >>> from bargaining.io.gamefile import load_model
    >>> d = derive_nplayer(load_model("games/triangle/taiwan_crisis.toml"), keep=["D_R", "c", "v"], solve_for="D_R")
    >>> [p.name for p in d.pure if p.equilibrium_at_file]
    ['(contain_both, align, align)']
    >>> t = next(t for t in d.tipping if t.context == "(contain_both, ally, ally)")
    >>> for b in t.lower:      # the treaty needs Europe to matter to the US
    ...     print(b.label, "|", b.bound.expr)
    United States: contain_both rather than wedge_Russia | c + v
    United States: contain_both rather than engage | 2*c + 2*v - 1/2
    """
    notes = []
    keep = None if keep is None else list(keep)
    if solve_for is not None:
        if solve_for not in model.parameters:
            known = ", ".join(model.parameters) or "none"
            raise InputError(
                f"unknown parameter {solve_for!r}; known parameters: {known}", source=model.source, where="solve for"
            )
        if keep is not None and solve_for not in keep:
            keep.append(solve_for)
            notes.append(f"{solve_for} is kept symbolic because it is solved for")
    game = TensorGame.from_model(model, keep)
    budget = budget or Budget()
    simp = Simplifier(game.box, budget)
    payoffs = {prof: tuple(formula(u, game, simp) for u in pay) for prof, pay in game.payoffs.items()}
    pure = pure_conditions(game, simp)
    tipping, boundaries = (), ()
    if solve_for is not None:
        theta = game.symbols[solve_for]
        contexts = [(p.name, "pure", p.conditions) for p in pure if p.verdict in ("always", "conditional")]
        tipping, boundaries = tipping_points(contexts, theta, game, simp)
    notes.append(
        f"a game of {len(game.players)} players: the conditions for pure profiles are complete; mixed equilibria "
        "solve polynomial systems, found exactly at given parameter values by solve (and sweep along a parameter)"
    )
    if simp.skipped:
        notes.append(
            f"{simp.skipped} expression(s) were left as computed, unsimplified, to stay within the "
            "simplification budget; they are correct but longer"
        )
    return NPlayerDerivation(
        title=game.title,
        source=game.source,
        players=game.players,
        strategies=game.strategies,
        symbols=tuple(game.symbols),
        fixed=dict(game.fixed),
        values=dict(game.values),
        ranges=dict(game.box),
        labels=dict(game.labels),
        payoffs=payoffs,
        pure=pure,
        solve_for=solve_for,
        tipping=tipping,
        boundaries=boundaries,
        notes=tuple(notes),
        unsimplified=simp.skipped,
        budget=asdict(budget),
    )
