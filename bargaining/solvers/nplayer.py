r"""Every Nash equilibrium of a small game with any number of players, exactly, each one certified.

Mathematics
-----------
A finite game in strategic form has players :math:`i = 1, \dots, n`, pure
strategies :math:`A_i` (:math:`|A_i| = s_i`) and payoff tensors
:math:`U_i` of shape :math:`(s_1, \dots, s_n)`. A mixed profile
:math:`\sigma = (\sigma_1, \dots, \sigma_n)` gives player :math:`i`'s pure
strategy :math:`a` the expected payoff

.. math:: u_i(a, \sigma_{-i}) = \sum_{s_{-i}} U_i(a, s_{-i}) \prod_{j \ne i} \sigma_j(s_j),

a multilinear polynomial in the other players' probabilities. The profile is a
Nash equilibrium when every strategy played with positive probability is a
best response: with *supports* :math:`S_i = \{a : \sigma_i(a) > 0\}`,

.. math::

    u_i(a, \sigma_{-i}) = u_i(b, \sigma_{-i}) \ (a, b \in S_i), \qquad
    u_i(c, \sigma_{-i}) \le u_i(b, \sigma_{-i}) \ (c \notin S_i), \qquad
    \sigma_i(a) > 0 \ (a \in S_i), \quad \textstyle\sum_a \sigma_i(a) = 1.

*Support enumeration* (McKelvey and McLennan, "Computation of equilibria in
finite games", *Handbook of Computational Economics* 1, 1996, §5; Datta,
"Using computer algebra to find Nash equilibria", ISSAC 2003; Gambit's
``enumpoly``, Turocy 2008) runs through every support profile
:math:`S = (S_1, \dots, S_n)` and solves the square system of
:math:`\sum_i (|S_i| - 1)` indifference equations in as many unknowns
(player :math:`i`'s probabilities on :math:`S_i` but the first, the first being
one minus the rest). Player :math:`i`'s equations never involve player
:math:`i`'s own probabilities. Every equilibrium has exactly one support
profile, so it is a real solution of exactly one of these systems that
satisfies the inequalities.

Each system is solved exactly by :mod:`bargaining.solvers.polysystem`
(Gröbner bases and a rational univariate representation over the rationals,
with FLINT): its real solutions are found *all*, as points whose coordinates
lie in a real number field :math:`\mathbb{Q}(\theta)`; a system with a
positive-dimensional solution set is split into its isolated points and its
positive-dimensional pieces. So:

- every equilibrium that is an isolated solution of its support's system —
  in particular every isolated (for instance every regular) equilibrium — is
  listed among :attr:`NashSet.equilibria`;
- every positive-dimensional piece of a support's solution set is reported in
  :attr:`NashSet.continua`, with its equations and inequalities and, when one
  is found, a certified equilibrium on it (a *witness*); a piece on which no
  equilibrium was found is still reported, with a warning, never dropped.
  Only a piece proved to hold no equilibrium is left out (and counted): one
  whose linear equations and linear inequalities leave no room for positive
  probabilities, decided by an exact linear programme (sympy's rational
  simplex method, with HiGHS in floating point as a second opinion; where
  they disagree the piece is kept). A witness is the programme's point when
  every constraint is linear, else the first equilibrium found by
  specialising the piece's free parameters to rational values (the
  programme's point, then a grid ``k/N``) and solving exactly.

Support profiles are first pruned by *conditional strict dominance* (Porter,
Nudelman and Shoham, "Simple search methods for finding a Nash equilibrium",
*Games and Economic Behavior* 63, 2008): if some :math:`a \in S_i` is strictly
worse than another strategy of player :math:`i` against every pure profile of
:math:`S_{-i}`, no equilibrium has support :math:`S`. This is exact and only
removes supports that cannot hold an equilibrium.

Certificates
------------
Every equilibrium is verified from the payoff tensors, independently of how it
was found: each strategy's expected payoff is computed exactly in
:math:`\mathbb{Q}(\theta)`; the support strategies' payoffs are checked to be
*exactly* equal; every other strategy's payoff minus the best one, and every
support probability, is either exactly zero (a tie) or has its sign proved by
ball arithmetic (:func:`bargaining.solvers.algebraic.FieldElement.sign`). So
the regret is proved to be exactly zero and the probabilities to be positive on
the support, never sampled. The bounds proved are kept in
:class:`Certificate`.

Labels
------
As for two players (:mod:`bargaining.solvers.verify`), among the listed
equilibria: *pure*; *strict* (pure, and each player's strategy its unique best
response); *Pareto-efficient* (no other listed equilibrium is at least as good
for every player and better for one); *payoff-dominant* (strictly better for
every player than every listed equilibrium with other payoffs; Harsanyi and
Selten, *A General Theory of Equilibrium Selection in Games*, 1988). Risk
dominance is a two-player notion and is not computed here.

References
----------
R. D. McKelvey and A. McLennan, "The maximal number of regular totally mixed
Nash equilibria", *Journal of Economic Theory* 72 (1997), pp. 411-425.

R. S. Datta, "Using computer algebra to find Nash equilibria", *Proceedings of
ISSAC 2003*, pp. 74-79.

T. L. Turocy, "Towards a black-box solver for finite games: computing all
equilibria with Gambit and PHCpack", in *Software for Algebraic Geometry*,
IMA Volumes 148, Springer, 2008, pp. 133-147.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field, replace
from fractions import Fraction
from math import lcm
from typing import Any, Sequence

import numpy as np

from bargaining.errors import InputError
from bargaining.numbers import number_to_json, to_fraction
from bargaining.solvers.algebraic import FieldElement, RealAlgebraic, exact_text
from bargaining.solvers.polysystem import _Q as _RATIONALS, RealPoint

__all__ = [
    "NashSet",
    "NPlayerEquilibrium",
    "Continuum",
    "Certificate",
    "nash_equilibria",
    "read_payoffs",
    "strategy_payoffs",
    "regret",
]

Number = Fraction | RealAlgebraic

#: How many rational parameter values are tried when looking for an equilibrium on a continuum.
SAMPLES = 96


# ----------------------------------------------------------------------------- input


def read_payoffs(payoffs, *, where: str = "payoffs") -> tuple[np.ndarray, ...]:
    """Read one payoff tensor per player as read-only numpy object arrays of Fractions.

    Parameters
    ----------
    payoffs : sequence
        ``payoffs[i]`` is player ``i``'s payoff tensor of shape
        ``(s_1, ..., s_n)``: nested lists or tuples, or a numpy array (object,
        integer or float); ``n = len(payoffs)``. Entries are read with
        :func:`bargaining.numbers.to_fraction`.

    Raises
    ------
    InputError
        Fewer than two players, tensors of the wrong shape, or entries that are not numbers.

    Examples
    --------
    >>> U = read_payoffs([[[1, 0], [0, 1]], [[1, 0], [0, "1/2"]]])
    >>> U[1].shape, U[1][1, 1]
    ((2, 2), Fraction(1, 2))
    """
    if isinstance(payoffs, np.ndarray) and payoffs.dtype != object:
        payoffs = list(payoffs)
    if isinstance(payoffs, (str, bytes)) or not hasattr(payoffs, "__len__"):
        raise InputError("expected one payoff tensor per player", where=where)
    n = len(payoffs)
    if n < 2:
        raise InputError(f"a game needs at least two players, found {n}", where=where)
    out = []
    shape = None
    for i, tensor in enumerate(payoffs):
        arr = _object_array(tensor, f"{where}[{i}]")
        if arr.ndim != n:
            raise InputError(
                f"expected a tensor with {n} indices (one per player), found {arr.ndim}", where=f"{where}[{i}]"
            )
        if shape is None:
            shape = arr.shape
            if min(shape) < 1:
                raise InputError(f"every player needs a strategy; shape {shape}", where=f"{where}[{i}]")
        elif arr.shape != shape:
            raise InputError(f"expected shape {shape}, found {arr.shape}", where=f"{where}[{i}]")
        flat = arr.reshape(-1)
        for k, v in enumerate(flat):
            idx = np.unravel_index(k, arr.shape)
            flat[k] = to_fraction(v, where=f"{where}[{i}]" + "".join(f"[{j}]" for j in idx))
        arr = flat.reshape(shape)
        arr.setflags(write=False)
        out.append(arr)
    return tuple(out)


def _object_array(tensor, where: str) -> np.ndarray:
    if isinstance(tensor, np.ndarray):
        return np.array(tensor, dtype=object)
    try:
        arr = np.empty(_nested_shape(tensor, where), dtype=object)
    except TypeError:
        raise InputError("expected a nested list of numbers", where=where) from None
    for idx in np.ndindex(arr.shape):
        v = tensor
        for k in idx:
            v = v[k]
        arr[idx] = v
    return arr


def _nested_shape(tensor, where: str) -> tuple[int, ...]:
    if isinstance(tensor, (str, bytes)) or not isinstance(tensor, (list, tuple)):
        return ()
    if len(tensor) == 0:
        raise InputError("an empty list of payoffs", where=where)
    shapes = {_nested_shape(t, where) for t in tensor}
    if len(shapes) != 1:
        raise InputError("ragged payoffs: rows of different lengths", where=where)
    return (len(tensor),) + shapes.pop()


# ----------------------------------------------------------------------------- payoffs of mixed profiles


def strategy_payoffs(U: np.ndarray, profile: Sequence[Sequence], player: int) -> list:
    """Each pure strategy's expected payoff to ``player`` against the others' mixed strategies.

    Works with any exact number type that adds and multiplies (Fractions, number-field elements).

    Examples
    --------
    >>> U = read_payoffs([[[1, 0], [0, 1]], [[1, 0], [0, 1]]])
    >>> strategy_payoffs(U[0], [(Fraction(1), Fraction(0)), (Fraction(1, 3), Fraction(2, 3))], 0)
    [Fraction(1, 3), Fraction(2, 3)]
    """
    T = np.moveaxis(np.asarray(U, dtype=object), player, 0)
    others = [j for j in range(len(profile)) if j != player]
    for j in reversed(others):
        sigma = list(profile[j])
        keep = [k for k, p in enumerate(sigma) if not (isinstance(p, (int, Fraction)) and p == 0)]
        acc = None
        for k in keep:
            term = T[..., k] * sigma[k] if T.ndim > 1 else T[k] * sigma[k]
            acc = term if acc is None else acc + term
        if acc is None:
            acc = T[..., 0] * 0
        T = acc
    return list(np.asarray(T, dtype=object).reshape(-1))


def regret(payoffs, profile: Sequence[Sequence]) -> tuple:
    """Each player's largest gain from a unilateral deviation to a pure strategy, exactly.

    Examples
    --------
    >>> U = read_payoffs([[[1, 0], [0, 1]], [[1, 0], [0, 1]]])
    >>> regret(U, [(1, 0), (0, 1)])
    (Fraction(1, 1), Fraction(1, 1))
    """
    U = payoffs if all(isinstance(u, np.ndarray) and u.dtype == object for u in payoffs) else read_payoffs(payoffs)
    prof = [[to_fraction(p) for p in s] for s in profile]
    out = []
    for i in range(len(U)):
        v = strategy_payoffs(U[i], prof, i)
        u = sum(p * x for p, x in zip(prof[i], v))
        out.append(max(v) - u)
    return tuple(out)


# ----------------------------------------------------------------------------- result types


@dataclass(frozen=True, kw_only=True)
class Certificate:
    """What was proved about one equilibrium, and how.

    Attributes
    ----------
    arithmetic : str
        ``"rational"`` (every number a Fraction, every comparison exact) or
        ``"number field"`` (coordinates in :math:`\\mathbb{Q}(\\theta)`:
        equalities exact, signs proved by ball arithmetic).
    field_polynomial : tuple of int
        The minimal polynomial of :math:`\\theta`, lowest degree first
        (``(0, 1)`` for a rational equilibrium).
    field_interval : tuple of Fraction
        An isolating interval of :math:`\\theta`.
    min_probability : Fraction
        A proved lower bound (exact for a rational equilibrium) of the
        smallest probability on the support; positive.
    min_gap : Fraction or None
        A proved lower bound of the smallest amount by which a strategy that is
        not a best response falls short; None when every strategy is a best response.
    ties : tuple of (int, int)
        ``(player, strategy)`` outside the support that are best responses
        too (proved by exact equality).
    regret : tuple of int
        Each player's regret, proved to be exactly 0.
    """

    arithmetic: str
    field_polynomial: tuple[int, ...]
    field_interval: tuple[Fraction, Fraction]
    min_probability: Fraction
    min_gap: Fraction | None
    ties: tuple[tuple[int, int], ...]
    regret: tuple[int, ...]

    def to_dict(self) -> dict[str, Any]:
        return {
            "arithmetic": self.arithmetic,
            "field_polynomial": [str(c) for c in self.field_polynomial],
            "field_interval": [str(v) for v in self.field_interval],
            "min_probability": str(self.min_probability),
            "min_gap": None if self.min_gap is None else str(self.min_gap),
            "ties": [list(t) for t in self.ties],
            "regret": [str(r) for r in self.regret],
        }


@dataclass(frozen=True, kw_only=True)
class NPlayerEquilibrium:
    """One certified Nash equilibrium of an n-player game.

    Attributes
    ----------
    mixed : tuple of tuple
        Each player's mixed strategy: exact numbers, Fraction or
        :class:`~bargaining.solvers.algebraic.RealAlgebraic`.
    decimals : tuple of tuple of float
        The same, as floats.
    payoffs : tuple
        Each player's expected payoff, exact.
    payoff_decimals : tuple of float
    support : tuple of tuple of int
        Each player's strategies played with positive probability.
    players : tuple of str
    strategy_names : tuple of tuple of str
    pure, strict, pareto_efficient, payoff_dominant : bool
        The labels (see the module docstring).
    rational : bool
        Every probability and payoff is rational.
    certificate : Certificate
    """

    mixed: tuple[tuple[Number, ...], ...]
    decimals: tuple[tuple[float, ...], ...]
    payoffs: tuple[Number, ...]
    payoff_decimals: tuple[float, ...]
    support: tuple[tuple[int, ...], ...]
    players: tuple[str, ...]
    strategy_names: tuple[tuple[str, ...], ...]
    pure: bool
    strict: bool
    rational: bool
    certificate: Certificate
    pareto_efficient: bool = False
    payoff_dominant: bool = False

    def profile(self) -> tuple[int, ...] | None:
        """The pure profile of a pure equilibrium, None for a mixed one."""
        return tuple(s[0] for s in self.support) if self.pure else None

    def supports(self) -> tuple[int, ...]:
        """Each player's support as a bit mask, as :meth:`bargaining.solution.Equilibrium.supports`."""
        return tuple(sum(1 << k for k in s) for s in self.support)

    def to_equilibrium(self):
        """The same equilibrium as a :class:`bargaining.solution.Equilibrium` (for n players).

        Rational probabilities stay Fractions; irrational ones are
        :class:`~bargaining.solvers.algebraic.RealAlgebraic` (``float()`` works on them).
        """
        from bargaining.solution import Equilibrium

        return Equilibrium(
            mixed=self.mixed,
            payoffs=self.payoffs,
            players=self.players,
            strategy_names=self.strategy_names,
            pure=self.pure,
            strict=self.strict,
            pareto_efficient=self.pareto_efficient,
            payoff_dominant=self.payoff_dominant,
            regret=self.certificate.regret,
        )

    def to_dict(self) -> dict[str, Any]:
        return {
            "strategies": {
                p: {s: exact_text(q) for s, q in zip(names, sigma)}
                for p, names, sigma in zip(self.players, self.strategy_names, self.mixed)
            },
            "decimals": {
                p: {s: q for s, q in zip(names, sigma)}
                for p, names, sigma in zip(self.players, self.strategy_names, self.decimals)
            },
            "payoffs": {p: exact_text(u) for p, u in zip(self.players, self.payoffs)},
            "payoff_decimals": {p: u for p, u in zip(self.players, self.payoff_decimals)},
            "support": {
                p: [names[k] for k in s] for p, names, s in zip(self.players, self.strategy_names, self.support)
            },
            "pure": self.pure,
            "strict": self.strict,
            "pareto_efficient": self.pareto_efficient,
            "payoff_dominant": self.payoff_dominant,
            "rational": self.rational,
            "algebraic": {
                f"{p}:{s}": q.to_dict()
                for p, names, sigma in zip(self.players, self.strategy_names, self.mixed)
                for s, q in zip(names, sigma)
                if isinstance(q, RealAlgebraic)
            },
            "certificate": self.certificate.to_dict(),
        }


@dataclass(frozen=True, kw_only=True)
class Continuum:
    """A positive-dimensional set of solutions of one support profile's indifference equations.

    Its equilibria are the points that satisfy ``equations`` and
    ``inequalities``; ``witness`` is one of them, certified, when one was found.

    Attributes
    ----------
    support : tuple of tuple of int
    dimension : int
        The dimension of the solution set of the equations (over the complex numbers).
    parameters : tuple of str
        Variables that are free on it (a maximal independent set).
    variables : dict
        ``{"p1_2": "Player 1: s2", ...}``: what each variable name means.
    equations : tuple of str
        Polynomial equations (``... = 0``) satisfied on the set, including the
        probabilities' sums.
    generic_condition : str or None
        The set is the closure of its points where this polynomial is nonzero;
        the points where it vanishes are reported separately (as equilibria or
        further continua).
    inequalities : tuple of str
        Positive probabilities on the support and best responses elsewhere.
    witness : NPlayerEquilibrium or None
        A certified equilibrium of the set, or None when sampling found none
        (then the set may hold no equilibrium at all; a warning says so).
    """

    support: tuple[tuple[int, ...], ...]
    dimension: int
    parameters: tuple[str, ...]
    variables: dict[str, str]
    equations: tuple[str, ...]
    generic_condition: str | None
    inequalities: tuple[str, ...]
    witness: NPlayerEquilibrium | None

    def to_dict(self) -> dict[str, Any]:
        return {
            "support": [list(s) for s in self.support],
            "dimension": self.dimension,
            "parameters": list(self.parameters),
            "variables": dict(self.variables),
            "equations": list(self.equations),
            "generic_condition": self.generic_condition,
            "inequalities": list(self.inequalities),
            "witness": None if self.witness is None else self.witness.to_dict(),
        }


@dataclass(frozen=True, kw_only=True)
class NashSet:
    """All Nash equilibria of an n-player game found by exact support enumeration, with provenance.

    Attributes
    ----------
    shape : tuple of int
        Strategies per player.
    players : tuple of str
    strategies : tuple of tuple of str
    payoffs : tuple of numpy.ndarray
        The payoff tensors (read-only object arrays of Fractions).
    equilibria : tuple of NPlayerEquilibrium
        Every equilibrium that is an isolated solution of its support's
        equations (every isolated equilibrium), pure ones first, then by support
        size and support; each certified.
    continua : tuple of Continuum
        Every positive-dimensional piece of a support's solution set.
    method : str
    exact : bool
        Always True: every number is exact.
    complete : bool
        True when every continuum has a witness, so that nothing is left
        undecided; isolated equilibria are always all found.
    supports : dict
        Counts: ``total``, ``pruned`` (by conditional dominance), ``solved``,
        ``positive_dimensional``.
    warnings : tuple of str
    """

    shape: tuple[int, ...]
    players: tuple[str, ...]
    strategies: tuple[tuple[str, ...], ...]
    payoffs: tuple[np.ndarray, ...] = field(repr=False, compare=False)
    equilibria: tuple[NPlayerEquilibrium, ...]
    continua: tuple[Continuum, ...]
    method: str
    exact: bool
    complete: bool
    supports: dict[str, int]
    warnings: tuple[str, ...] = ()

    @property
    def n_players(self) -> int:
        return len(self.shape)

    def pure_profiles(self) -> list[tuple[int, ...]]:
        return [e.profile() for e in self.equilibria if e.pure]

    def to_dict(self) -> dict[str, Any]:
        return {
            "players": list(self.players),
            "strategies": {p: list(s) for p, s in zip(self.players, self.strategies)},
            "shape": list(self.shape),
            "payoffs": {p: _nested_json(u) for p, u in zip(self.players, self.payoffs)},
            "method": self.method,
            "exact": self.exact,
            "complete": self.complete,
            "equilibria": [e.to_dict() for e in self.equilibria],
            "continua": [c.to_dict() for c in self.continua],
            "supports": dict(self.supports),
            "warnings": list(self.warnings),
        }

    def to_pandas(self):
        """One row per equilibrium: each probability and payoff as a float, the exact text, the labels."""
        import pandas as pd

        rows = []
        for k, e in enumerate(self.equilibria):
            row: dict[str, Any] = {"equilibrium": k}
            for p, names, sigma, dec in zip(self.players, self.strategies, e.mixed, e.decimals):
                for s, q, d in zip(names, sigma, dec):
                    row[f"{p}: {s}"] = d
                    row[f"{p}: {s} (exact)"] = exact_text(q)
            for p, u in zip(self.players, e.payoff_decimals):
                row[f"payoff {p}"] = u
            row.update(pure=e.pure, strict=e.strict, pareto_efficient=e.pareto_efficient,
                       payoff_dominant=e.payoff_dominant, rational=e.rational)
            rows.append(row)
        return pd.DataFrame(rows)


def _nested_json(arr: np.ndarray):
    return np.vectorize(number_to_json, otypes=[object])(arr).tolist()


# ----------------------------------------------------------------------------- the solver


def nash_equilibria(
    payoffs,
    *,
    players: Sequence[str] | None = None,
    strategies: Sequence[Sequence[str]] | None = None,
    samples: int = SAMPLES,
) -> NashSet:
    """Every Nash equilibrium of a finite n-player game, exactly and certified.

    Parameters
    ----------
    payoffs : sequence of tensors
        One payoff tensor per player, of shape ``(s_1, ..., s_n)``; see :func:`read_payoffs`.
    players : sequence of str, optional
        Names, default ``Player 1``, ``Player 2``, ...
    strategies : sequence of sequence of str, optional
        Strategy names per player, default ``1``, ``2``, ...
    samples : int
        How many rational parameter points to try on each continuum when
        looking for an equilibrium on it.

    Returns
    -------
    NashSet

    Examples
    --------
    McKelvey and McLennan's 2x2x2 game (Gambit's ``2x2x2.nfg``) has nine
    equilibria, two of them totally mixed:

    >>> U = [[[[9, 0], [0, 3]], [[0, 3], [9, 0]]],
    ...      [[[8, 0], [0, 4]], [[0, 4], [8, 0]]],
    ...      [[[12, 0], [0, 6]], [[0, 6], [2, 0]]]]
    >>> ns = nash_equilibria(U)
    >>> len(ns.equilibria), sum(all(len(s) == 2 for s in e.support) for e in ns.equilibria)
    (9, 2)
    >>> [[str(p) for p in sigma] for sigma in ns.equilibria[-1].mixed]
    [['2/5', '3/5'], ['1/2', '1/2'], ['1/3', '2/3']]

    Irrational equilibria are exact too:

    >>> U = [[[[8, 0], [1, 2]], [[1, 8], [8, 5]]],
    ...      [[[0, 0], [3, 4]], [[6, 4], [2, 1]]],
    ...      [[[6, 7], [0, 1]], [[4, 3], [8, 5]]]]
    >>> e = nash_equilibria(U).equilibria[-1]
    >>> str(e.mixed[0][0]), e.decimals[0][0], e.certificate.arithmetic
    ('573/952 - sqrt(8457)/952', 0.50529207..., 'number field')
    """
    U = read_payoffs(payoffs)
    shape = U[0].shape
    n = len(shape)
    players = tuple(players) if players is not None else tuple(f"Player {i + 1}" for i in range(n))
    if len(players) != n:
        raise InputError(f"{len(players)} player names for {n} players", where="players")
    if strategies is None:
        strategies = tuple(tuple(str(k + 1) for k in range(s)) for s in shape)
    strategies = tuple(tuple(s) for s in strategies)
    if tuple(len(s) for s in strategies) != shape:
        raise InputError(
            f"strategy names for shape {tuple(len(s) for s in strategies)}, payoffs have shape {shape}",
            where="strategies",
        )
    from bargaining.limits import check_supports

    check_supports(shape)
    solver = _Solver(U, players, strategies, samples)
    return solver.run()


def _subsets(s: int):
    for size in range(1, s + 1):
        yield from itertools.combinations(range(s), size)


def _integer_tensor(U: np.ndarray) -> np.ndarray:
    """A positive multiple with integer entries (it has the same best responses)."""
    den = lcm(*(v.denominator for v in U.reshape(-1)))
    return np.vectorize(lambda v: int(v * den), otypes=[object])(U)


class _Solver:
    def __init__(self, U, players, strategies, samples):
        self.U = U
        self.Z = tuple(_integer_tensor(u) for u in U)
        self.shape = U[0].shape
        self.n = len(self.shape)
        self.players = players
        self.strategies = strategies
        self.samples = samples
        self.warnings: list[str] = []

    # --- support profiles

    def _dominated(self, S) -> bool:
        """Some support strategy is strictly worse than another strategy against all of ``S_{-i}``."""
        for i in range(self.n):
            idx = [list(S[j]) if j != i else list(range(self.shape[i])) for j in range(self.n)]
            sub = np.moveaxis(self.Z[i][np.ix_(*idx)], i, 0).reshape(self.shape[i], -1)
            for a in S[i]:
                for t in range(self.shape[i]):
                    if t != a and all(x > y for x, y in zip(sub[t], sub[a])):
                        return True
        return False

    def run(self) -> NashSet:
        from bargaining.solvers.polysystem import decompose

        counts = {"total": 0, "pruned": 0, "solved": 0, "positive_dimensional": 0, "infeasible_pieces": 0}
        found: list[NPlayerEquilibrium] = []
        continua: list[Continuum] = []
        profiles = sorted(
            itertools.product(*(list(_subsets(s)) for s in self.shape)),
            key=lambda S: (sum(len(s) for s in S), S),
        )
        for S in profiles:
            counts["total"] += 1
            if all(len(s) == 1 for s in S):
                counts["solved"] += 1
                e = self._certify(S, [tuple(Fraction(1) for _ in s) for s in S], rational=True)
                if e is not None:
                    found.append(e)
                continue
            if self._dominated(S):
                counts["pruned"] += 1
                continue
            counts["solved"] += 1
            system = _System(self.Z, S, self.shape)
            dec = decompose(system.equations, system.nvars)
            for pt in dec.points:
                e = self._certify_point(S, system, pt)
                if e is not None:
                    found.append(e)
            if dec.pieces:
                counts["positive_dimensional"] += 1
            for piece in dec.pieces:
                c = self._continuum(S, system, piece)
                if c is None:
                    counts["infeasible_pieces"] += 1
                else:
                    continua.append(c)
        found = _label(found)
        complete = all(c.witness is not None for c in continua)
        unresolved = sum(c.witness is None for c in continua)
        if unresolved:
            self.warnings.append(
                f"{unresolved} positive-dimensional solution set(s) of indifference equations with no equilibrium "
                f"found by sampling {self.samples} points each; they may hold equilibria (see continua)"
            )
        return NashSet(
            shape=tuple(self.shape),
            players=self.players,
            strategies=self.strategies,
            payoffs=self.U,
            equilibria=tuple(found),
            continua=tuple(continua),
            method="support enumeration, exact polynomial systems (Groebner basis, rational univariate representation)",
            exact=True,
            complete=complete,
            supports=counts,
            warnings=tuple(self.warnings),
        )

    # --- points

    def _certify_point(self, S, system: "_System", pt) -> NPlayerEquilibrium | None:
        sigma = system.probabilities(pt)
        return self._certify(S, sigma, rational=pt.rational)

    def _certify(self, S, sigma_support, *, rational: bool) -> NPlayerEquilibrium | None:
        """Check the equilibrium conditions exactly; None if the point is not an equilibrium with support S."""
        profile = []
        for i, s in enumerate(S):
            full: list = [0] * self.shape[i]
            for k, p in zip(s, sigma_support[i]):
                full[k] = p
            profile.append(full)
        min_prob = None
        for i, s in enumerate(S):
            for k in s:
                p = profile[i][k]
                sg = _sign(p)
                if sg <= 0:
                    return None
                lb = _lower_bound(p)
                min_prob = lb if min_prob is None else min(min_prob, lb)
        ties = []
        min_gap = None
        payoffs = []
        for i, s in enumerate(S):
            values = strategy_payoffs(self.U[i], profile, i)
            best = values[s[0]]
            for k in s[1:]:
                if _sign(values[k] - best) != 0:
                    return None  # pragma: no cover (the equations hold exactly on solutions)
            for k in range(self.shape[i]):
                if k in s:
                    continue
                d = best - values[k]
                sg = _sign(d)
                if sg < 0:
                    return None
                if sg == 0:
                    ties.append((i, k))
                else:
                    lb = _lower_bound(d)
                    min_gap = lb if min_gap is None else min(min_gap, lb)
            payoffs.append(best)
        pure = all(len(s) == 1 for s in S)
        fld = _field_of(profile)
        mixed = tuple(tuple(_value(p) for p in row) for row in profile)
        pay = tuple(_value(u) for u in payoffs)
        cert = Certificate(
            arithmetic="rational" if fld is None else "number field",
            field_polynomial=(0, 1) if fld is None else fld.minpoly,
            field_interval=(Fraction(0), Fraction(0)) if fld is None else (fld.root.lo, fld.root.hi),
            min_probability=min_prob,
            min_gap=min_gap,
            ties=tuple(ties),
            regret=(0,) * self.n,
        )
        return NPlayerEquilibrium(
            mixed=mixed,
            decimals=tuple(tuple(float(p) for p in row) for row in mixed),
            payoffs=pay,
            payoff_decimals=tuple(float(u) for u in pay),
            support=tuple(tuple(s) for s in S),
            players=self.players,
            strategy_names=self.strategies,
            pure=pure,
            strict=pure and not ties,
            rational=all(isinstance(p, Fraction) for row in mixed for p in row)
            and all(isinstance(u, Fraction) for u in pay),
            certificate=cert,
        )

    # --- continua

    def _continuum(self, S, system: "_System", piece) -> Continuum | None:
        """The piece as a continuum, with a witness if one is found; None if it provably holds no equilibrium."""
        status, start = _linear_feasibility(system, piece)
        if status == "empty":
            return None
        witness = None
        if start is not None:
            pt = RealPoint(_RATIONALS, tuple(start))
            witness = self._certify_point(S, system, pt)
        if witness is None:
            first = [tuple(start[k] for k in piece.free)] if start is not None else []
            for values in itertools.chain(first, _sample_points(len(piece.free), self.samples)):
                pts = piece.specialise(values)
                for pt in pts or ():
                    witness = self._certify_point(S, system, pt)
                    if witness is not None:
                        break
                if witness is not None:
                    break
        names = system.names
        h_text = None
        if any(sum(e) for e in piece.h):
            h_text = _poly_text(piece.h, names) + " != 0"
        return Continuum(
            support=tuple(tuple(s) for s in S),
            dimension=piece.dimension,
            parameters=tuple(names[k] for k in piece.free),
            variables=system.meanings(self.players, self.strategies),
            equations=tuple(_poly_text(p, names) + " = 0" for p in piece.basis) + system.sum_equations(),
            generic_condition=h_text,
            inequalities=system.inequalities(self.shape),
            witness=witness,
        )


def _linear_feasibility(system: "_System", piece) -> tuple[str, list[Fraction] | None]:
    """Decide with an exact linear programme whether the linear constraints of a piece leave room for an equilibrium.

    The linear equations of the piece's basis, the support probabilities
    (``>= t``) and the linear best-response inequalities are kept; the largest
    ``t`` is found exactly by :func:`simplex_max`. ``t <= 0`` (or no feasible
    point) proves that the piece holds no equilibrium: the kept constraints are
    implied by the full ones. Returns ``("empty", None)``, or ``("point", x)``
    with a point ``x`` whose support probabilities are positive (an equilibrium
    when every constraint was linear, else a starting point for sampling).
    """
    nv = system.nvars

    def row(poly):
        r = [Fraction(0)] * (nv + 1)
        const = Fraction(0)
        for e, c in poly.items():
            if sum(e) == 0:
                const = Fraction(c)
            else:
                r[e.index(1)] = Fraction(c)
        return r, const

    def linear(poly):
        return all(sum(e) <= 1 for e in poly)

    A, b, A_eq, b_eq = [], [], [], []
    for poly in piece.basis:
        if linear(poly):
            r, const = row(poly)
            A_eq.append(r)
            b_eq.append(-const)
    for poly in system.probability_forms():
        r, const = row(poly)  # p(x) >= t  <=>  -p_lin(x) + t <= const
        r = [-v for v in r]
        r[nv] = Fraction(1)
        A.append(r)
        b.append(const)
    for _i, _c, poly in system.gaps:
        if linear(poly):
            r, const = row(poly)  # g(x) >= 0  <=>  -g_lin(x) <= const
            A.append([-v for v in r])
            b.append(const)
    for k in range(nv + 1):  # x <= 1 and t <= 1 (the variables are >= 0)
        A.append([Fraction(1) if j == k else Fraction(0) for j in range(nv + 1)])
        b.append(Fraction(1))
    found = simplex_max([Fraction(0)] * nv + [Fraction(1)], A, b, A_eq, b_eq)
    if found is None or found[0] <= 0:
        if _float_lp_positive(A, b, A_eq, b_eq):
            return "undecided", None  # pragma: no cover (the exact and the float method disagree)
        return "empty", None
    return "point", found[1][:nv]


def simplex_max(cost, A, b, A_eq=(), b_eq=()):
    """Maximise ``cost . x`` subject to ``A x <= b``, ``A_eq x = b_eq``, ``x >= 0``, exactly.

    The two-phase simplex method with Bland's rule (no cycling; Bland 1977),
    in Fractions. The feasible set must be bounded in the direction of
    ``cost`` (here every variable is at most 1). sympy 1.14's exact
    ``linprog`` returned an infeasible point as optimal on such a programme,
    so the few small programmes of support enumeration are solved here.

    Returns
    -------
    (value, x) or None
        The optimum and an optimal point; None when no point is feasible.

    Examples
    --------
    >>> F = Fraction
    >>> simplex_max([F(1), F(1)], [[F(1), F(2)], [F(3), F(1)]], [F(4), F(6)])
    (Fraction(14, 5), [Fraction(8, 5), Fraction(6, 5)])
    >>> simplex_max([F(1)], [[F(-1)], [F(1)]], [F(-1), F(0)]) is None   # x >= 1 and x <= 0
    True
    """
    nv = len(cost)
    n_ub = len(A)
    rows = []
    for k, (a, rhs) in enumerate(zip(A, b)):
        rows.append([Fraction(v) for v in a] + [Fraction(int(j == k)) for j in range(n_ub)] + [Fraction(rhs)])
    for a, rhs in zip(A_eq, b_eq):
        rows.append([Fraction(v) for v in a] + [Fraction(0)] * n_ub + [Fraction(rhs)])
    for r in rows:
        if r[-1] < 0:
            r[:] = [-v for v in r]
    m = len(rows)
    n = nv + n_ub  # structural and slack columns; artificial ones follow
    T = [r[:-1] + [Fraction(int(j == i)) for j in range(m)] + [r[-1]] for i, r in enumerate(rows)]
    basis = [n + i for i in range(m)]

    def pivot(r, c):
        piv = T[r][c]
        T[r] = [v / piv for v in T[r]]
        for i in range(m):
            if i != r and T[i][c] != 0:
                f = T[i][c]
                T[i] = [a - f * b_ for a, b_ in zip(T[i], T[r])]
        basis[r] = c

    def optimise(obj, columns):
        while True:
            reduced = {}
            for j in columns:
                if j in basis:
                    continue
                z = obj[j] - sum(obj[basis[i]] * T[i][j] for i in range(m))
                if z > 0:
                    reduced[j] = z
            if not reduced:
                return
            c = min(reduced)  # Bland: the entering column of smallest index
            ratios = [(T[i][-1] / T[i][c], basis[i], i) for i in range(m) if T[i][c] > 0]
            if not ratios:
                raise ValueError("unbounded linear programme")  # pragma: no cover (every variable is bounded)
            _, _, r = min(ratios)  # Bland: among ties, the leaving variable of smallest index
            pivot(r, c)

    phase1 = [Fraction(0)] * n + [Fraction(-1)] * m
    optimise(phase1, range(n + m))
    if any(basis[i] >= n and T[i][-1] != 0 for i in range(m)):
        return None
    for i in range(m):  # drive artificial variables at zero out of the basis where a structural column allows
        if basis[i] >= n:
            c = next((j for j in range(n) if T[i][j] != 0), None)
            if c is not None:
                pivot(i, c)
    columns = [j for j in range(n)]
    obj = [Fraction(v) for v in cost] + [Fraction(0)] * (n_ub + m)
    optimise(obj, columns)
    x = [Fraction(0)] * n
    for i, j in enumerate(basis):
        if j < n:
            x[j] = T[i][-1]
    value = sum(Fraction(c) * v for c, v in zip(cost, x[:nv]))
    return value, x[:nv]


def _float_lp_positive(A, b, A_eq, b_eq) -> bool:
    """A second opinion in floating point (HiGHS): does the programme reach ``t > 1e-7``?"""
    from scipy.optimize import linprog as float_linprog

    nv1 = len(A[0])
    res = float_linprog(
        [0] * (nv1 - 1) + [-1],
        A_ub=[[float(v) for v in r] for r in A],
        b_ub=[float(v) for v in b],
        A_eq=[[float(v) for v in r] for r in A_eq] or None,
        b_eq=[float(v) for v in b_eq] or None,
        bounds=[(0, None)] * nv1,
        method="highs",
    )
    return bool(res.status == 0 and -res.fun > 1e-7)


def _sample_points(d: int, budget: int):
    """Rational points of the open unit cube, coarse to fine: every k/N for N = 2, 3, ... (deterministic)."""
    seen = set()
    count = 0
    N = 2
    while count < budget and N < 4 * budget + 2:
        for pt in itertools.product(range(1, N), repeat=d):
            q = tuple(Fraction(k, N) for k in pt)
            if q in seen:
                continue
            seen.add(q)
            yield q
            count += 1
            if count >= budget:
                return
        N += 1


def _sign(x) -> int:
    if isinstance(x, FieldElement):
        return x.sign()
    return (x > 0) - (x < 0)


def _lower_bound(x) -> Fraction:
    """A proved lower bound of a positive number (the number itself when rational)."""
    if isinstance(x, FieldElement) and not x.is_rational():
        from bargaining.solvers.algebraic import _arb_interval

        bits = 64
        while True:
            lo, _ = _arb_interval(x.enclosure(bits))
            if lo > 0:
                return lo
            bits *= 2
    if isinstance(x, FieldElement):
        return x.value()
    return Fraction(x)


def _value(x):
    return x.value() if isinstance(x, FieldElement) else Fraction(x)


def _field_of(profile):
    for row in profile:
        for p in row:
            if isinstance(p, FieldElement) and p.field.degree > 1:
                return p.field
    return None


def _label(eqs: list[NPlayerEquilibrium]) -> list[NPlayerEquilibrium]:
    n = len(eqs[0].payoffs) if eqs else 0

    def geq(a, b):
        return not (a < b)

    out = []
    for e in eqs:
        others = [f for f in eqs if any(f.payoffs[p] != e.payoffs[p] for p in range(n))]
        dominated = any(
            all(geq(f.payoffs[p], e.payoffs[p]) for p in range(n))
            and any(f.payoffs[p] > e.payoffs[p] for p in range(n))
            for f in others
        )
        payoff_dominant = bool(others) and all(all(e.payoffs[p] > f.payoffs[p] for p in range(n)) for f in others)
        out.append(replace(e, pareto_efficient=not dominated, payoff_dominant=payoff_dominant))
    return out


# ----------------------------------------------------------------------------- the indifference system of a support


class _System:
    """The indifference equations of one support profile, in the players' free probabilities.

    Player ``i``'s variables are its probabilities on ``S_i`` but the first
    (``S_i[0]`` gets one minus their sum); equations are
    ``u_i(a) - u_i(S_i[0]) = 0`` for the other ``a`` in ``S_i``, with integer
    payoffs (a positive multiple of each player's, which has the same best responses).
    """

    def __init__(self, Z, S, shape):
        self.S = S
        self.shape = shape
        self.n = len(S)
        self.var: dict[tuple[int, int], int] = {}
        self.names: list[str] = []
        for i, s in enumerate(S):
            for k in s[1:]:
                self.var[(i, k)] = len(self.names)
                self.names.append(f"p{i + 1}_{k + 1}")
        self.nvars = len(self.names)
        self.equations = []
        #: ``(player, strategy, u_i(S_i[0]) - u_i(strategy))`` for each strategy off the support: must be >= 0
        self.gaps: list[tuple[int, int, dict]] = []
        for i, s in enumerate(S):
            others = [j for j in range(self.n) if j != i]
            products = {}
            for prof in itertools.product(*(S[j] for j in others)):
                poly = {(0,) * self.nvars: 1}
                for j, k in zip(others, prof):
                    poly = _mul(poly, self._linear(j, k))
                products[prof] = poly
            base = self._payoff(Z[i], i, s[0], others, products)
            for a in s[1:]:
                self.equations.append(_add(self._payoff(Z[i], i, a, others, products), base, -1))
            for c in range(shape[i]):
                if c not in s:
                    self.gaps.append((i, c, _add(base, self._payoff(Z[i], i, c, others, products), -1)))

    def probability_forms(self) -> list[dict]:
        """Each support probability as a polynomial (of degree at most 1) in the variables."""
        return [self._linear(i, k) for i, s in enumerate(self.S) for k in s]

    def _linear(self, j: int, k: int) -> dict:
        if k != self.S[j][0]:
            e = [0] * self.nvars
            e[self.var[(j, k)]] = 1
            return {tuple(e): 1}
        poly = {(0,) * self.nvars: 1}
        for m in self.S[j][1:]:
            e = [0] * self.nvars
            e[self.var[(j, m)]] = 1
            poly[tuple(e)] = -1
        return poly

    def _payoff(self, Zi, i, a, others, products) -> dict:
        out: dict = {}
        for prof, poly in products.items():
            idx = [0] * self.n
            idx[i] = a
            for j, k in zip(others, prof):
                idx[j] = k
            c = Zi[tuple(idx)]
            if c:
                out = _add(out, poly, c)
        return out

    def probabilities(self, pt) -> list[tuple]:
        """Each player's probabilities on its support at a solution point."""
        out = []
        for i, s in enumerate(self.S):
            rest = [pt.coords[self.var[(i, k)]] for k in s[1:]]
            first = 1 - sum(rest[1:], rest[0]) if rest else Fraction(1)
            out.append((first, *rest))
        return out

    def meanings(self, players, strategies) -> dict[str, str]:
        out = {}
        for i, s in enumerate(self.S):
            for k in s:
                out[f"p{i + 1}_{k + 1}"] = f"{players[i]} plays {strategies[i][k]}"
        return out

    def sum_equations(self) -> tuple[str, ...]:
        out = []
        for i, s in enumerate(self.S):
            out.append(" + ".join(f"p{i + 1}_{k + 1}" for k in s) + " - 1 = 0")
        return tuple(out)

    def inequalities(self, shape) -> tuple[str, ...]:
        out = [f"p{i + 1}_{k + 1} > 0" for i, s in enumerate(self.S) for k in s]
        for i, s in enumerate(self.S):
            for k in range(shape[i]):
                if k not in s:
                    out.append(f"u{i + 1}({k + 1}) <= u{i + 1}({s[0] + 1})")
        return tuple(out)


def _mul(p: dict, q: dict) -> dict:
    out: dict = {}
    for e, a in p.items():
        for f, b in q.items():
            k = tuple(x + y for x, y in zip(e, f))
            out[k] = out.get(k, 0) + a * b
    return {k: v for k, v in out.items() if v}


def _add(p: dict, q: dict, c) -> dict:
    out = dict(p)
    for e, b in q.items():
        out[e] = out.get(e, 0) + c * b
    return {k: v for k, v in out.items() if v}


def _poly_text(poly: dict, names: Sequence[str]) -> str:
    """``3*p1_2*p2_2 - p1_2 + 1`` (terms in decreasing total degree)."""
    if not poly:
        return "0"
    parts = []
    for e, c in sorted(poly.items(), key=lambda t: (-sum(t[0]), tuple(-v for v in t[0]))):
        c = Fraction(c)
        mono = "*".join(names[k] if v == 1 else f"{names[k]}^{v}" for k, v in enumerate(e) if v)
        mag = abs(c)
        body = str(mag) if not mono else (mono if mag == 1 else f"{mag}*{mono}")
        if not parts:
            parts.append(body if c > 0 else f"-{body}")
        else:
            parts.append(("+ " if c > 0 else "- ") + body)
    return " ".join(parts)
