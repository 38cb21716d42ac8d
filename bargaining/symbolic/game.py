"""A parameterised model as a symbolic bimatrix game.

The payoff formulas of a :class:`~bargaining.model.Model` (named terms
substituted) become sympy expressions through
:meth:`bargaining.formula.Expr.to_sympy`, never through ``sympify``: user text
reaches sympy only as a tree the whitelist parser has built. Parameters kept
symbolic become sympy symbols, declared real and, where the file's range
allows it, nonnegative or positive; the others are fixed at the file's values
as exact rationals.

The declared ranges form the *box* of parameter values that the analysis may
assume (see :mod:`bargaining.symbolic.signs`).
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from types import MappingProxyType
from typing import Iterable, Mapping

import sympy

from bargaining.errors import InputError

__all__ = ["SymbolicGame", "rational", "Box"]

#: name -> (lower bound or None, upper bound or None)
Box = Mapping[str, tuple[Fraction | None, Fraction | None]]


def rational(q: Fraction) -> sympy.Rational:
    """A Fraction as a sympy Rational (exact)."""
    q = Fraction(q)
    return sympy.Rational(q.numerator, q.denominator)


def model_symbols(model, keep: Iterable[str] | None = None):
    """The sympy symbols of a model's kept parameters, with their ranges, and the values of the others.

    A symbol's assumptions follow its range (``min > 0``: positive; ``min == 0``:
    nonnegative; and likewise below zero), which lets sympy decide signs.
    Returns ``(symbols, box, fixed, env)``: name -> Symbol, name -> (min, max),
    name -> Fraction for the parameters not kept, and the substitution of
    every parameter (symbols and fixed values as rationals).
    """
    params = model.parameters
    names = list(params)
    if keep is None:
        kept = list(names)
    else:
        keep = list(keep)
        unknown = [k for k in keep if k not in params]
        if unknown:
            raise InputError(
                f"unknown parameter {unknown[0]!r}; known parameters: {', '.join(names) or 'none'}",
                source=model.source,
                where="kept parameters",
            )
        kept = [n for n in names if n in set(keep)]
    symbols: dict[str, sympy.Symbol] = {}
    box: dict[str, tuple] = {}
    for name in kept:
        p = params[name]
        assumptions = {"real": True}
        if p.min is not None and p.min > 0:
            assumptions["positive"] = True
        elif p.min is not None and p.min == 0:
            assumptions["nonnegative"] = True
        elif p.max is not None and p.max < 0:
            assumptions["negative"] = True
        elif p.max is not None and p.max == 0:
            assumptions["nonpositive"] = True
        symbols[name] = sympy.Symbol(name, **assumptions)
        box[name] = (p.min, p.max)
    fixed = {n: params[n].value for n in names if n not in symbols}
    env = {**{n: rational(v) for n, v in fixed.items()}, **symbols}
    return symbols, box, fixed, env


@dataclass(frozen=True)
class SymbolicGame:
    """A bimatrix game whose payoffs are sympy expressions.

    Attributes
    ----------
    A, B : sympy.ImmutableMatrix
        The row and the column player's payoffs.
    symbols : Mapping[str, sympy.Symbol]
        The parameters kept symbolic, in the file's order.
    fixed : Mapping[str, Fraction]
        The parameters fixed at their values (``--keep``).
    values : Mapping[str, Fraction]
        The file's value of every parameter (after ``--set``).
    box : Mapping[str, tuple]
        The declared range of each symbolic parameter (None: unbounded).
    labels : Mapping[str, str]
        Each parameter's label from the file.
    """

    title: str
    source: str
    players: tuple[str, str]
    strategies: tuple[tuple[str, ...], tuple[str, ...]]
    A: sympy.ImmutableMatrix
    B: sympy.ImmutableMatrix
    symbols: Mapping[str, sympy.Symbol]
    fixed: Mapping[str, Fraction]
    values: Mapping[str, Fraction]
    box: Box
    labels: Mapping[str, str]

    def __post_init__(self):
        for name in ("symbols", "fixed", "values", "box", "labels"):
            object.__setattr__(self, name, MappingProxyType(dict(getattr(self, name))))

    @classmethod
    def from_model(cls, model, keep: Iterable[str] | None = None) -> "SymbolicGame":
        """Build the symbolic game of a model.

        Parameters
        ----------
        model : bargaining.model.Model
        keep : iterable of str, optional
            The parameters kept symbolic; the others are fixed at the model's
            values. Default: every parameter stays symbolic.

        Examples
        --------
        >>> from bargaining.io.gamefile import load_model
        >>> g = SymbolicGame.from_model(load_model("games/baseline.toml"), keep=["T", "lam"])
        >>> g.A[1, 1]
        T*lam - 3*lam/20
        >>> sorted(g.symbols), g.fixed["w_R"]
        (['T', 'lam'], Fraction(3, 20))
        """
        params = model.parameters
        names = list(params)
        symbols, box, fixed, env = model_symbols(model, keep)
        matrices = []
        for matrix in model.expanded_payoffs():
            matrices.append(sympy.ImmutableMatrix([[cell.to_sympy(env) for cell in row] for row in matrix]))
        return cls(
            title=model.title,
            source=model.source,
            players=tuple(model.players),
            strategies=tuple(tuple(s) for s in model.strategies),
            A=matrices[0],
            B=matrices[1],
            symbols=symbols,
            fixed=fixed,
            values=model.values(),
            box=box,
            labels={n: params[n].label for n in names},
        )

    # ------------------------------------------------------------------ helpers

    def payoff(self, player: int):
        """The payoff matrix of ``player`` (0 row, 1 column)."""
        return self.A if player == 0 else self.B

    def point(self) -> dict[sympy.Symbol, sympy.Rational]:
        """The file's values of the symbolic parameters, for ``xreplace``."""
        return {s: rational(self.values[n]) for n, s in self.symbols.items()}

    def at_file(self, expr):
        """``expr`` evaluated exactly at the file's values (a sympy number; ``nan``/``zoo`` where undefined)."""
        if not isinstance(expr, sympy.Basic):
            return sympy.Integer(expr) if isinstance(expr, int) else rational(expr)
        return expr.xreplace(self.point())

    def profile_name(self, i: int, j: int) -> str:
        """``(ally, align)``."""
        return f"({self.strategies[0][i]}, {self.strategies[1][j]})"
