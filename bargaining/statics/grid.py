"""Grids over one or two parameters: ``NAME=START:STOP:NUM`` axes of exact values.

``NAME=START:STOP:NUM`` gives ``NUM`` points ``START + i * (STOP - START) / (NUM - 1)``;
they are exact rationals, so ``T=0:1:101`` hits ``T = 0.3`` exactly, and a
point the batch solver cannot decide is solved exactly at exactly that value.
Two varied parameters make the full product grid, first parameter slowest.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from functools import cached_property
from typing import Any, Iterable

import numpy as np

from bargaining.errors import InputError, did_you_mean
from bargaining.game import Game
from bargaining.model import Model
from bargaining.numbers import format_value, plain, to_fraction

__all__ = ["Axis", "Grid", "parse_axis", "MAX_NUM", "RESERVED"]

#: Most points along one axis.
MAX_NUM = 10_000_000

#: Names a varied parameter cannot have: they are columns of the tidy output.
RESERVED = ("equilibrium", "solver", "degenerate")


@dataclass(frozen=True)
class Axis:
    """One varied parameter: ``num`` evenly spaced exact values from ``start`` to ``stop``.

    Examples
    --------
    >>> from fractions import Fraction as F
    >>> ax = Axis("T", F(0), F(1), 101)
    >>> ax.value(30), float(ax.floats()[30])
    (Fraction(3, 10), 0.3)
    """

    name: str
    start: Fraction
    stop: Fraction
    num: int
    label: str = ""

    def value(self, i: int) -> Fraction:
        """The exact value at index ``i``."""
        return self.start + (self.stop - self.start) * i / (self.num - 1)

    def values(self) -> list[Fraction]:
        return [self.value(i) for i in range(self.num)]

    def floats(self) -> np.ndarray:
        """Each exact value rounded to the nearest float."""
        return self._floats

    @cached_property
    def _floats(self) -> np.ndarray:
        out = np.array([float(self.value(i)) for i in range(self.num)])
        out.setflags(write=False)
        return out

    @cached_property
    def texts(self) -> tuple[str, ...]:
        """The values as written in CSV: exact decimals where short, else floats (numbers for a spreadsheet)."""
        return tuple(format_value(self.value(i)) for i in range(self.num))

    @cached_property
    def exact_texts(self) -> tuple[str, ...]:
        """The values exactly, as written in JSON: ``"0.3"`` where a decimal is exact, else ``"1/3"``.

        Examples
        --------
        >>> from fractions import Fraction as F
        >>> Axis("T", F(0), F(1), 4).exact_texts
        ('0', '1/3', '2/3', '1')
        """
        return tuple(plain(self.value(i)) for i in range(self.num))

    def describe(self) -> str:
        return f"{self.name} from {format_value(self.start)} to {format_value(self.stop)} ({self.num} points)"

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "label": self.label,
            "start": plain(self.start),
            "stop": plain(self.stop),
            "num": self.num,
        }


def parse_axis(spec: str, model: Model) -> Axis:
    """Read ``NAME=START:STOP:NUM`` for a parameter of ``model``.

    Raises
    ------
    InputError
        With a one-line message naming what is wrong.

    Examples
    --------
    >>> from bargaining.io.gamefile import load_model
    >>> parse_axis("T=0:1:101", load_model("games/baseline.toml")).describe()
    'T from 0 to 1 (101 points)'
    >>> parse_axis("T=0:2:11", load_model("games/baseline.toml"))
    Traceback (most recent call last):
    ...
    bargaining.errors.InputError: games/baseline.toml, axis T: T = 2 lies outside its range [0, 1]
    """
    shape = "expected NAME=START:STOP:NUM such as T=0:1:101"
    name, sep, rest = spec.partition("=")
    name = name.strip()
    if not sep or not name:
        raise InputError(f"{shape}, found {spec!r}", where="axis")
    if name not in model.parameters:
        known = ", ".join(model.parameters) or "none"
        raise InputError(f"unknown parameter {name!r}{did_you_mean(name, model.parameters)}"
        f"; known parameters: {known}", source=model.source, where="axis")
    parts = rest.split(":")
    if len(parts) != 3:
        raise InputError(f"{shape}, found {spec!r}", where=f"axis {name}")
    start = to_fraction(parts[0].strip(), where=f"axis {name} START")
    stop = to_fraction(parts[1].strip(), where=f"axis {name} STOP")
    try:
        num = int(parts[2].strip())
    except ValueError:
        raise InputError(
            f"NUM must be a whole number of points, found {parts[2].strip()!r}", where=f"axis {name}"
        ) from None
    if num < 2:
        raise InputError(f"NUM must be between 2 and {MAX_NUM}, found {num}", where=f"axis {name}")
    if num > MAX_NUM:
        from bargaining.errors import LimitError

        raise LimitError(f"NUM must be between 2 and {MAX_NUM} (the limit of points along one axis), found {num}; "
                         "give a smaller grid", where=f"axis {name}")
    if start >= stop:
        raise InputError(
            f"START must be less than STOP, found {format_value(start)} and {format_value(stop)}", where=f"axis {name}"
        )
    param = model.parameters[name]
    for v in (start, stop):
        param.check(v, source=model.source, where=f"axis {name}")
    return Axis(name, start, stop, num, param.label)


@dataclass(frozen=True)
class Grid:
    """A model and the one or two parameters a sweep varies (first one slowest)."""

    model: Model
    axes: tuple[Axis, ...]

    def __post_init__(self):
        if not 1 <= len(self.axes) <= 2:
            raise InputError(f"a sweep varies one or two parameters, found {len(self.axes)}", where="axis")
        names = [a.name for a in self.axes]
        if len(set(names)) != len(names):
            raise InputError(f"parameter {names[0]!r} is varied twice", where="axis")
        for name in names:
            if name in RESERVED:
                raise InputError(f"a varied parameter cannot be called {name!r} (a column of the output)", where="axis")

    @classmethod
    def from_specs(cls, model: Model, specs: Iterable[str]) -> "Grid":
        """The grid of ``--vary`` specifications."""
        return cls(model, tuple(parse_axis(s, model) for s in specs))

    @property
    def shape(self) -> tuple[int, ...]:
        return tuple(a.num for a in self.axes)

    @property
    def size(self) -> int:
        return int(np.prod(self.shape))

    def index(self, p: int) -> tuple[int, ...]:
        """Grid indices of the flat point ``p``."""
        return tuple(int(i) for i in np.unravel_index(p, self.shape))

    def values_at(self, p: int) -> dict[str, Fraction]:
        """Exact values of the varied parameters at the flat point ``p``."""
        return {a.name: a.value(i) for a, i in zip(self.axes, self.index(p))}

    def game(self, p: int) -> Game:
        """The exact game at the flat point ``p``."""
        return self.model.with_values(self.values_at(p), where="axis").game()

    def payoffs(self, start: int, stop: int) -> tuple[np.ndarray, np.ndarray]:
        """Float payoffs ``(stop - start, m, n)`` at the flat points ``start..stop-1``."""
        idx = np.unravel_index(np.arange(start, stop), self.shape)
        values = {a.name: a.floats()[i] for a, i in zip(self.axes, idx)}
        return self.model.payoff_arrays(values)

    def columns(self) -> list[str]:
        """The columns of a sweep's tidy table: varied parameters, ``equilibrium``, ``Player.strategy``...,
        ``payoff.Player``..., ``solver``, ``degenerate``.

        Examples
        --------
        >>> from bargaining.io.gamefile import load_model
        >>> Grid.from_specs(load_model("games/baseline.toml"), ["T=0:1:3"]).columns()[:5]
        ['T', 'equilibrium', 'Russia.ally', 'Russia.align', 'Russia.hedge']
        """
        model = self.model
        cols = [a.name for a in self.axes] + ["equilibrium"]
        for p, player in enumerate(model.players):
            cols += [f"{player}.{s}" for s in model.strategies[p]]
        cols += [f"payoff.{player}" for player in model.players]
        return cols + ["solver", "degenerate"]

    def to_dict(self) -> dict[str, Any]:
        varied = {a.name for a in self.axes}
        return {
            "varied": [a.to_dict() for a in self.axes],
            "fixed": {name: plain(p.value) for name, p in self.model.parameters.items() if name not in varied},
        }
