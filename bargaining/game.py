"""The bimatrix game: two players, their strategies and exact payoff matrices.

A :class:`Game` is a value. It knows nothing about files or parameters; a
:class:`~bargaining.model.Model` (a parameterised game read from a file)
evaluates to one.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from fractions import Fraction
from typing import Mapping, Sequence

from bargaining.errors import InputError
from bargaining.numbers import to_fraction

__all__ = ["Game"]

Matrix = tuple[tuple[Fraction, ...], ...]


@dataclass(frozen=True)
class Game:
    """A finite two-player game in strategic form with exact payoffs.

    Use :meth:`from_arrays` to build one. ``A[i][j]`` and ``B[i][j]`` are the
    row and column player's payoffs when the row player plays strategy ``i``
    and the column player strategy ``j``.
    """

    A: Matrix
    B: Matrix
    players: tuple[str, str] = ("Row", "Column")
    strategies: tuple[tuple[str, ...], tuple[str, ...]] = ((), ())
    title: str = ""
    description: str = ""
    parameters: tuple[tuple[str, Fraction], ...] = field(default=(), compare=False)
    source: str = field(default="", compare=False)
    labels: tuple[tuple[str, str], ...] = field(default=(), compare=False)
    changed: tuple[str, ...] = field(default=(), compare=False)
    outcomes: tuple[tuple[tuple[str, str], str], ...] = field(default=(), compare=False)

    @classmethod
    def from_arrays(
        cls,
        A: Sequence[Sequence],
        B: Sequence[Sequence],
        *,
        players: Sequence[str] = ("Row", "Column"),
        strategies: Sequence[Sequence[str]] | None = None,
        title: str = "",
        description: str = "",
        parameters=(),
        source: str = "",
        labels: Mapping[str, str] | None = None,
        changed: Sequence[str] = (),
        outcomes: Mapping[tuple[str, str], str] | None = None,
    ) -> "Game":
        """Build a game from two payoff matrices of the same shape.

        Entries may be ints, Fractions, Decimals, finite floats or exact number
        strings; they are stored as Fractions (:func:`bargaining.numbers.to_fraction`).
        ``parameters`` (name, value) pairs, ``source``, the parameters'
        ``labels``, the names ``changed`` for this run and the plain-language
        ``outcomes`` of pure profiles are what a model knows about the game;
        they do not take part in comparisons.

        Examples
        --------
        >>> g = Game.from_arrays([[3, 0], [5, 1]], [[3, 5], [0, 1]])
        >>> g.shape, g.strategies
        ((2, 2), (('r1', 'r2'), ('c1', 'c2')))
        """
        A_ = _matrix(A, "A")
        B_ = _matrix(B, "B")
        if _shape(A_) != _shape(B_):
            raise InputError(f"payoff matrices differ in shape: A is {_shape(A_)}, B is {_shape(B_)}")
        m, n = _shape(A_)
        if strategies is None:
            strategies = (tuple(f"r{i + 1}" for i in range(m)), tuple(f"c{j + 1}" for j in range(n)))
        strategies = (tuple(strategies[0]), tuple(strategies[1]))
        if (len(strategies[0]), len(strategies[1])) != (m, n):
            raise InputError(
                f"{len(strategies[0])} x {len(strategies[1])} strategies for a {m} x {n} payoff matrix"
            )
        if len(players) != 2:
            raise InputError(f"a game has two players, found {len(players)}")
        return cls(
            A_,
            B_,
            tuple(players),
            strategies,
            title,
            description,
            tuple(parameters),
            source,
            tuple((labels or {}).items()),
            tuple(changed),
            tuple((outcomes or {}).items()),
        )

    @property
    def shape(self) -> tuple[int, int]:
        return _shape(self.A)

    def payoff(self, player: int, i: int, j: int) -> Fraction:
        """Payoff of ``player`` (0 row, 1 column) at the profile (i, j)."""
        return (self.A, self.B)[player][i][j]

    def outcome(self, profile: Sequence[int]) -> str:
        """The plain-language reading of a pure profile, where the game file gives one ('' otherwise)."""
        names = tuple(self.strategies[p][k] for p, k in enumerate(profile))
        return dict(self.outcomes).get(names, "")

    def best_response_marks(self) -> tuple[list[list[bool]], list[list[bool]]]:
        """Which cells hold a best response to the other player's pure strategy.

        ``marks[0][i][j]``: row ``i`` is a best response of the row player to
        column ``j``; ``marks[1][i][j]``: column ``j`` is a best response of the
        column player to row ``i``.

        Examples
        --------
        >>> Game.from_arrays([[3, 0], [5, 1]], [[3, 5], [0, 1]]).best_response_marks()
        ([[False, False], [True, True]], [[False, True], [False, True]])
        """
        m, n = self.shape
        row = [[False] * n for _ in range(m)]
        col = [[False] * n for _ in range(m)]
        for j in range(n):
            top = max(self.A[i][j] for i in range(m))
            for i in range(m):
                row[i][j] = self.A[i][j] == top
        for i in range(m):
            top = max(self.B[i])
            for j in range(n):
                col[i][j] = self.B[i][j] == top
        return row, col

    def _repr_html_(self) -> str:
        from bargaining.render.notebook import game_html

        return game_html(self)

    def _repr_latex_(self) -> str:
        from bargaining.render.notebook import game_latex

        return game_latex(self)

    def float_arrays(self):
        """The payoff matrices as numpy float arrays."""
        import numpy as np

        return np.array(self.A, dtype=float), np.array(self.B, dtype=float)


def _matrix(rows, name) -> Matrix:
    if not isinstance(rows, Sequence) and not hasattr(rows, "tolist"):
        raise InputError(f"{name}: expected a matrix (a list of rows), found {type(rows).__name__}")
    if hasattr(rows, "tolist"):
        rows = rows.tolist()
    if len(rows) == 0:
        raise InputError(f"{name}: a payoff matrix needs at least one row")
    out = []
    width = None
    for i, row in enumerate(rows):
        if isinstance(row, (str, bytes)) or not isinstance(row, Sequence):
            raise InputError(f"{name}[{i}]: expected a row (a list of numbers)")
        if width is None:
            width = len(row)
        if len(row) != width or width == 0:
            raise InputError(f"{name}[{i}]: expected {width or 'at least 1'} entries, found {len(row)}")
        out.append(tuple(to_fraction(v, where=f"{name}[{i}][{j}]") for j, v in enumerate(row)))
    return tuple(out)


def _shape(M: Matrix) -> tuple[int, int]:
    return (len(M), len(M[0]) if M else 0)
