"""A parameterised game: parameters, named terms and payoff formulas.

A :class:`Model` is what a game file describes. Fixing its parameters gives a
:class:`~bargaining.game.Game` with exact payoffs (:meth:`Model.game`); the
same formulas also evaluate element-wise on numpy arrays for sweeps
(:meth:`Model.payoff_arrays`) and turn into sympy expressions for symbolic
analysis (:meth:`Model.expanded_payoffs`). A model has two or more players;
each player's payoffs are nested tuples of formulas with one index per player
(for two players, a matrix whose rows are the first player's strategies).
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field, replace
from fractions import Fraction
from types import MappingProxyType
from typing import Any, Mapping

from bargaining.errors import FormulaError, InputError, did_you_mean
from bargaining.formula import Expr, Num, numpy_ops
from bargaining.game import Game
from bargaining.numbers import short, to_fraction

__all__ = ["Parameter", "Model"]


@dataclass(frozen=True)
class Parameter:
    """A model parameter with its value, optional range and label."""

    name: str
    value: Fraction
    min: Fraction | None = None
    max: Fraction | None = None
    label: str = ""

    def describe(self) -> str:
        """The label, or the name where there is none."""
        return self.label or self.name

    def span(self) -> tuple[Fraction, Fraction, tuple[str, ...]]:
        """The range to explore: ``(min, max, guessed)``.

        The file's ``min`` and ``max`` where it gives them. A bound it does not
        give is guessed from the value: the value's size (1 for a value of 0)
        on each side, and not across zero, since most parameters of a game
        file (pressures, costs, shares) keep their sign. ``guessed`` names the
        bounds that were guessed (``"min"``, ``"max"``).

        Examples
        --------
        >>> from fractions import Fraction as F
        >>> Parameter("k", F(3)).span()
        (Fraction(0, 1), Fraction(6, 1), ('min', 'max'))
        >>> Parameter("d", F(-2), max=F(0)).span()
        (Fraction(-4, 1), Fraction(0, 1), ('min',))
        """
        v = self.value
        size = abs(v) if v != 0 else Fraction(1)
        lo, hi = self.min, self.max
        guessed = []
        if lo is None:
            guessed.append("min")
            lo = Fraction(0) if v > 0 else v - size
            if hi is not None and lo >= hi:
                lo = hi - size
        if hi is None:
            guessed.append("max")
            hi = Fraction(0) if v < 0 else v + size
            if hi <= lo:
                hi = lo + size
        return lo, hi, tuple(guessed)

    def check(self, value: Fraction, *, source=None, where=None) -> None:
        """Raise InputError if ``value`` lies outside the declared range."""
        lo, hi = self.min, self.max
        if (lo is not None and value < lo) or (hi is not None and value > hi):
            rng = f"[{short(lo) if lo is not None else '-inf'}, {short(hi) if hi is not None else 'inf'}]"
            raise InputError(
                f"{self.name} = {short(value)} lies outside its range {rng}", source=source, where=where
            )


@dataclass(frozen=True)
class Model:
    """A game of two or more players whose payoffs are formulas over named parameters.

    Attributes
    ----------
    payoffs : tuple
        ``payoffs[p][a_1]...[a_n]`` is the formula of player ``p``'s payoff at
        the pure profile ``(a_1, ..., a_n)``: for two players
        ``payoffs[p][i][j]``, at (row strategy ``i``, column strategy ``j``).
    terms : Mapping[str, Expr]
        Named sub-expressions, in a valid evaluation order.
    parent_values : Mapping[str, Fraction] or None
        The parameter values of the file this one extends, if any.
    outcomes : Mapping[tuple[str, str], str]
        A plain-language reading of pure profiles, keyed by strategy names.
    term_labels : Mapping[str, str]
        What each named term means, where the file says.
    layout : str
        How the file gives the payoffs: ``"matrices"`` (one matrix per player,
        two players) or ``"profiles"`` (one row per profile); it names the
        place of a payoff in error messages.
    uncertainty : Mapping[str, BeliefSpec]
        The file's ``[uncertainty]`` table: a distribution per parameter
        (:mod:`bargaining.statics.uncertainty` reads and draws from it).
    """

    title: str
    players: tuple[str, ...]
    strategies: tuple[tuple[str, ...], ...]
    parameters: Mapping[str, Parameter]
    terms: Mapping[str, Expr]
    payoffs: tuple
    description: str = ""
    expectation: str = ""
    source: str = ""
    parent: str | None = None
    parent_values: Mapping[str, Fraction] | None = None
    bargaining: Mapping[str, Any] | None = None
    outcomes: Mapping[tuple[str, str], str] = field(default_factory=dict)
    term_labels: Mapping[str, str] = field(default_factory=dict)
    overrides: Mapping[str, Fraction] = field(default_factory=dict)
    layout: str = "matrices"
    uncertainty: Mapping[str, Any] = field(default_factory=dict)

    def __post_init__(self):
        for name in ("parameters", "terms", "overrides", "outcomes", "term_labels", "uncertainty"):
            object.__setattr__(self, name, MappingProxyType(dict(getattr(self, name))))

    @property
    def n_players(self) -> int:
        """The number of players."""
        return len(self.players)

    @property
    def shape(self) -> tuple[int, ...]:
        """The number of strategies of each player."""
        return tuple(len(s) for s in self.strategies)

    def profiles(self):
        """Every pure profile, the first player's strategy slowest."""
        return itertools.product(*(range(s) for s in self.shape))

    def formula(self, player: int, profile) -> Expr:
        """The payoff formula of ``player`` at the pure ``profile``."""
        v = self.payoffs[player]
        for k in profile:
            v = v[k]
        return v

    # ------------------------------------------------------------------ values

    def values(self) -> dict[str, Fraction]:
        """The current parameter values."""
        return {name: p.value for name, p in self.parameters.items()}

    def with_values(self, values: Mapping[str, Any], *, where: str = "parameter") -> "Model":
        """A copy with some parameter values replaced (checked against names and ranges).

        Examples
        --------
        >>> from bargaining.io.gamefile import load_model
        >>> m = load_model("games/baseline.toml").with_values({"T": "0.9"})
        >>> m.parameters["T"].value
        Fraction(9, 10)
        """
        params = dict(self.parameters)
        overrides = dict(self.overrides)
        for name, raw in values.items():
            if name not in params:
                known = ", ".join(params) or "none"
                raise InputError(
                    f"unknown parameter {name!r}{did_you_mean(name, params)}"
                    f"; known parameters: {known}", source=self.source, where=where
                )
            try:
                value = to_fraction(raw, where=f"{where} {name}")
            except InputError as err:
                raise err.located(source=self.source) from None
            params[name].check(value, source=self.source, where=f"{where} {name}")
            params[name] = replace(params[name], value=value)
            overrides[name] = value
        return replace(self, parameters=params, overrides=overrides)

    def environment(self, values: Mapping[str, Any] | None = None, ops=None) -> dict[str, Any]:
        """Parameter values (default: the model's own) plus every term evaluated, in order."""
        env: dict[str, Any] = dict(self.values() if values is None else values)
        for name, expr in self.terms.items():
            try:
                env[name] = expr.evaluate(env, ops)
            except FormulaError as err:
                raise err.located(source=self.source, where=f"terms.{name}") from None
        return env

    # ------------------------------------------------------------------ evaluation

    def game(self) -> Game:
        """The game at the model's parameter values, with exact payoffs.

        Irrational values (a square root, a fractional power) are rounded to
        the nearest double and then read exactly.
        """
        env = self.environment()

        def value(p, profile):
            try:
                raw = self.formula(p, profile).evaluate(env)
            except FormulaError as err:
                raise err.located(source=self.source, where=self.cell_name(p, *profile)) from None
            return to_fraction(raw, where=self.cell_name(p, *profile))

        tensors = [_build(self.shape, lambda prof, p=p: value(p, prof)) for p in range(self.n_players)]
        return Game.from_tensors(
            tensors,
            players=self.players,
            strategies=self.strategies,
            title=self.title,
            description=self.description,
            parameters=tuple(self.values().items()),
            source=self.source,
            labels={name: p.label for name, p in self.parameters.items()},
            changed=tuple(self.overrides),
            outcomes=self.outcomes,
        )

    def payoff_arrays(self, values: Mapping[str, Any]):
        """Evaluate the payoffs element-wise on arrays of parameter values.

        Parameters
        ----------
        values : Mapping[str, array_like]
            Values for some parameters (arrays that broadcast together); the
            others keep the model's values.

        Returns
        -------
        tuple of numpy.ndarray
            One float array per player, of shape ``broadcast_shape + (s_1, ..., s_n)``:
            ``A, B`` of shape ``broadcast_shape + (m, n)`` for two players.
        """
        import numpy as np

        unknown = set(values) - set(self.parameters)
        if unknown:
            raise InputError(f"unknown parameter {sorted(unknown)[0]!r}", source=self.source)
        env: dict[str, Any] = {k: float(v) for k, v in self.values().items()}
        env.update({k: np.asarray(v, dtype=float) for k, v in values.items()})
        shape = np.broadcast_shapes(*(np.shape(v) for v in env.values()))
        ops = numpy_ops()
        out = []
        # inf and nan (a division by zero, an overflow) are results here, not errors: the batch
        # solver leaves such points to the exact one, which reports them
        with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
            env = self.environment(env, ops)
            for p in range(self.n_players):
                M = np.empty(shape + self.shape)
                for prof in self.profiles():
                    M[(Ellipsis, *prof)] = self.formula(p, prof).evaluate(env, ops)
                out.append(M)
        return tuple(out)

    def expanded_payoffs(self):
        """The payoff formulas with every named term substituted (parameters only), nested as :attr:`payoffs`."""
        expanded: dict[str, Expr] = {}
        for name, expr in self.terms.items():
            expanded[name] = expr.substitute(expanded)
        return tuple(_build(self.shape, lambda prof, p=p: self.formula(p, prof).substitute(expanded))
                     for p in range(self.n_players))

    def cell_name(self, player: int, *profile: int) -> str:
        """Where a payoff stands in the file: ``payoffs.China[2][1] (hedge, align)`` for matrices,
        ``payoffs."contain_both, ally, ally"[1] (Russia)`` for a table of profiles."""
        names = [self.strategies[p][k] for p, k in enumerate(profile)]
        if self.layout == "profiles":
            return f'payoffs."{", ".join(names)}"[{player}] ({self.players[player]})'
        index = "".join(f"[{k}]" for k in profile)
        return f"payoffs.{self.players[player]}{index} ({', '.join(names)})"

    def changed_parameters(self) -> dict[str, tuple[Fraction | None, Fraction]]:
        """Parameters whose value differs from the parent file's: name -> (parent value, value)."""
        parent = self.parent_values or {}
        return {
            name: (parent.get(name), p.value)
            for name, p in self.parameters.items()
            if parent and parent.get(name) != p.value
        }


def _build(shape: tuple[int, ...], item, prefix: tuple[int, ...] = ()) -> tuple:
    """Nested tuples of ``item(profile)`` over every profile of ``shape``."""
    if len(prefix) == len(shape):
        return item(prefix)
    return tuple(_build(shape, item, prefix + (k,)) for k in range(shape[len(prefix)]))


def constant(value) -> Expr:
    """A formula that is just a number."""
    return Num(to_fraction(value))
