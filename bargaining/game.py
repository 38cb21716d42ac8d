"""The finite game in strategic form: players, their strategies and exact payoffs.

A :class:`Game` is a value. It knows nothing about files or parameters; a
:class:`~bargaining.model.Model` (a parameterised game read from a file)
evaluates to one.

A game of ``n`` players with ``s_1, ..., s_n`` strategies holds one payoff
*tensor* per player: ``payoffs[p][a_1]...[a_n]`` is player ``p``'s payoff at
the pure profile ``(a_1, ..., a_n)``, stored as nested tuples of Fractions.
The two-player game is the bimatrix game: its tensors are the matrices ``A``
(row player) and ``B`` (column player), and :meth:`Game.from_arrays` builds it;
:meth:`Game.from_tensors` builds a game of any number of players.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Mapping, Sequence

from bargaining.errors import InputError
from bargaining.numbers import to_fraction

__all__ = ["Game"]

Matrix = tuple[tuple[Fraction, ...], ...]
#: Nested tuples of Fractions, one level per player.
Tensor = tuple


@dataclass(frozen=True)
class Game:
    """A finite game in strategic form with exact payoffs.

    Use :meth:`from_arrays` (two players) or :meth:`from_tensors` (any number)
    to build one. ``payoffs[p]`` is player ``p``'s payoff tensor; for two
    players :attr:`A` and :attr:`B` are the row and column player's matrices:
    ``A[i][j]`` is the row player's payoff when it plays ``i`` and the column
    player ``j``.
    """

    payoffs: tuple[Tensor, ...]
    players: tuple[str, ...] = ("Row", "Column")
    strategies: tuple[tuple[str, ...], ...] = ((), ())
    title: str = ""
    description: str = ""
    parameters: tuple[tuple[str, Fraction], ...] = field(default=(), compare=False)
    source: str = field(default="", compare=False)
    labels: tuple[tuple[str, str], ...] = field(default=(), compare=False)
    changed: tuple[str, ...] = field(default=(), compare=False)
    outcomes: tuple[tuple[tuple[str, ...], str], ...] = field(default=(), compare=False)

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
        outcomes: Mapping[tuple[str, ...], str] | None = None,
    ) -> "Game":
        """Build a two-player game from two payoff matrices of the same shape.

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
            raise InputError(f"a bimatrix game has two players, found {len(players)}; use Game.from_tensors")
        return cls(
            (A_, B_),
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

    @classmethod
    def from_tensors(
        cls,
        payoffs: Sequence,
        *,
        players: Sequence[str] | None = None,
        strategies: Sequence[Sequence[str]] | None = None,
        title: str = "",
        description: str = "",
        parameters=(),
        source: str = "",
        labels: Mapping[str, str] | None = None,
        changed: Sequence[str] = (),
        outcomes: Mapping[tuple[str, ...], str] | None = None,
    ) -> "Game":
        """Build a game of two or more players from one payoff tensor per player.

        ``payoffs[p]`` is player ``p``'s tensor: nested lists (or a numpy
        array) with one index per player, ``payoffs[p][a_1]...[a_n]``, all of
        the same shape. Players default to ``Player 1``, ``Player 2``, ...,
        strategies to ``1``, ``2``, ...; the other arguments are as for
        :meth:`from_arrays`. With two players this is the same game as
        :meth:`from_arrays` with the same names.

        Raises
        ------
        InputError
            Fewer than two players, tensors of the wrong shape or entries that are not numbers.

        Examples
        --------
        >>> g = Game.from_tensors([[[[1, 0], [0, 0]], [[0, 0], [0, 1]]]] * 3, players=["A", "B", "C"])
        >>> g.shape, g.n_players, g.payoff(2, 1, 1, 1)
        ((2, 2, 2), 3, Fraction(1, 1))
        """
        if hasattr(payoffs, "tolist") and not isinstance(payoffs, (list, tuple)):
            payoffs = list(payoffs)
        if isinstance(payoffs, (str, bytes)) or not isinstance(payoffs, Sequence):
            raise InputError("expected one payoff tensor per player", where="payoffs")
        n = len(payoffs)
        if n < 2:
            raise InputError(f"a game needs at least two players, found {n}", where="payoffs")
        tensors = []
        shape = None
        for p, raw in enumerate(payoffs):
            found = _nested_shape(raw.tolist() if hasattr(raw, "tolist") else raw, f"payoffs[{p}]")
            if len(found) != n:
                raise InputError(f"expected a tensor with {n} indices (one per player), found {len(found)}",
                                 where=f"payoffs[{p}]")
            if shape is None:
                shape = found
            elif found != shape:
                raise InputError(f"expected shape {shape}, found {found}", where=f"payoffs[{p}]")
            tensors.append(_tensor(raw.tolist() if hasattr(raw, "tolist") else raw, f"payoffs[{p}]"))
        players = tuple(players) if players is not None else tuple(f"Player {p + 1}" for p in range(n))
        if len(players) != n:
            raise InputError(f"{len(players)} player names for {n} players", where="players")
        if len(set(players)) != n:
            raise InputError("the players need different names", where="players")
        if strategies is None:
            strategies = tuple(tuple(str(k + 1) for k in range(s)) for s in shape)
        strategies = tuple(tuple(s) for s in strategies)
        if tuple(len(s) for s in strategies) != shape:
            raise InputError(
                f"strategy names for shape {tuple(len(s) for s in strategies)}, payoffs have shape {shape}",
                where="strategies",
            )
        return cls(
            tuple(tensors),
            players,
            strategies,
            title,
            description,
            tuple(parameters),
            source,
            tuple((labels or {}).items()),
            tuple(changed),
            tuple((outcomes or {}).items()),
        )

    # ------------------------------------------------------------------ shape

    @property
    def n_players(self) -> int:
        """The number of players."""
        return len(self.players)

    @property
    def shape(self) -> tuple[int, ...]:
        """The number of strategies of each player: ``(m, n)`` for a bimatrix game."""
        return tuple(len(s) for s in self.strategies)

    @property
    def A(self) -> Matrix:
        """The row player's payoff matrix (a two-player game only)."""
        return self._matrix(0)

    @property
    def B(self) -> Matrix:
        """The column player's payoff matrix (a two-player game only)."""
        return self._matrix(1)

    def _matrix(self, p: int) -> Matrix:
        if self.n_players != 2:
            raise InputError(
                f"a game of {self.n_players} players has no payoff matrices; its payoffs are tensors (Game.payoffs)"
            )
        return self.payoffs[p]

    def profiles(self):
        """Every pure profile, in lexicographic order (the first player's strategy slowest)."""
        return itertools.product(*(range(s) for s in self.shape))

    def payoff(self, player: int, *profile: int) -> Fraction:
        """Payoff of ``player`` (0 is the first, the row player) at the pure profile.

        Examples
        --------
        >>> Game.from_arrays([[3, 0], [5, 1]], [[3, 5], [0, 1]]).payoff(1, 0, 1)
        Fraction(5, 1)
        """
        v = self.payoffs[player]
        for k in profile:
            v = v[k]
        return v

    def outcome(self, profile: Sequence[int]) -> str:
        """The plain-language reading of a pure profile, where the game file gives one ('' otherwise)."""
        names = tuple(self.strategies[p][k] for p, k in enumerate(profile))
        return dict(self.outcomes).get(names, "")

    def profile_text(self, profile: Sequence[int]) -> str:
        """``(contain_both, ally, ally)``: a pure profile by its strategy names."""
        return "(" + ", ".join(self.strategies[p][k] for p, k in enumerate(profile)) + ")"

    # ------------------------------------------------------------------ best responses

    def best_response_marks(self) -> tuple[list[list[bool]], list[list[bool]]]:
        """Which cells hold a best response to the other player's pure strategy (two players).

        ``marks[0][i][j]``: row ``i`` is a best response of the row player to
        column ``j``; ``marks[1][i][j]``: column ``j`` is a best response of the
        column player to row ``i``.

        Examples
        --------
        >>> Game.from_arrays([[3, 0], [5, 1]], [[3, 5], [0, 1]]).best_response_marks()
        ([[False, False], [True, True]], [[False, True], [False, True]])
        """
        m, n = self.shape
        A, B = self.A, self.B
        row = [[False] * n for _ in range(m)]
        col = [[False] * n for _ in range(m)]
        for j in range(n):
            top = max(A[i][j] for i in range(m))
            for i in range(m):
                row[i][j] = A[i][j] == top
        for i in range(m):
            top = max(B[i])
            for j in range(n):
                col[i][j] = B[i][j] == top
        return row, col

    def best_responses(self, player: int, profile: Sequence[int]) -> tuple[int, ...]:
        """``player``'s pure best responses to the others' strategies in the pure ``profile``.

        Examples
        --------
        >>> Game.from_arrays([[3, 0], [5, 1]], [[3, 5], [0, 1]]).best_responses(0, (0, 1))
        (1,)
        """
        values = [self.payoff(player, *_with(profile, player, k)) for k in range(self.shape[player])]
        top = max(values)
        return tuple(k for k, v in enumerate(values) if v == top)

    def is_pure_equilibrium(self, profile: Sequence[int]) -> bool:
        """No player gains by deviating from the pure ``profile`` (exactly)."""
        return all(profile[p] in self.best_responses(p, profile) for p in range(self.n_players))

    # ------------------------------------------------------------------ display and arrays

    def _repr_html_(self) -> str:
        from bargaining.render.notebook import game_html

        return game_html(self)

    def _repr_latex_(self) -> str:
        from bargaining.render.notebook import game_latex

        return game_latex(self)

    def float_arrays(self):
        """The payoff matrices as numpy float arrays (two players)."""
        import numpy as np

        return np.array(self.A, dtype=float), np.array(self.B, dtype=float)

    def tensors(self):
        """The payoff tensors as read-only numpy object arrays of Fractions, one per player."""
        import numpy as np

        out = []
        for t in self.payoffs:
            arr = np.empty(self.shape, dtype=object)
            for prof in self.profiles():
                v = t
                for k in prof:
                    v = v[k]
                arr[prof] = v
            arr.setflags(write=False)
            out.append(arr)
        return tuple(out)

    def float_tensors(self):
        """The payoff tensors as numpy float arrays, one per player."""
        import numpy as np

        return tuple(np.array(t, dtype=float) for t in self.payoffs)


def _with(profile: Sequence[int], player: int, k: int) -> tuple[int, ...]:
    out = list(profile)
    out[player] = k
    return tuple(out)


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


def _nested_shape(data, where: str) -> tuple[int, ...]:
    if isinstance(data, (str, bytes)) or not isinstance(data, Sequence):
        return ()
    if len(data) == 0:
        raise InputError("an empty list of payoffs", where=where)
    shapes = {_nested_shape(t, f"{where}[{k}]") for k, t in enumerate(data)}
    if len(shapes) != 1:
        raise InputError("ragged payoffs: lists of different lengths", where=where)
    return (len(data),) + shapes.pop()


def _tensor(data, where: str) -> Tensor:
    if isinstance(data, (str, bytes)) or not isinstance(data, Sequence):
        return to_fraction(data, where=where)
    return tuple(_tensor(t, f"{where}[{k}]") for k, t in enumerate(data))
