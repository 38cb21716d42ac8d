r"""Many drawn games solved at once: the equilibrium set, the selected outcome and the pure equilibria of each.

The games are a model at parameter values drawn from beliefs
(:mod:`bargaining.statics.uncertainty`). They are solved in chunks by the
batch solver (:func:`bargaining.solvers.batch.batch_equilibria`), which
certifies each answer or hands the point to the exact solver at the draw's
exact values; so the equilibrium set of every draw is the exact one.

The selection rule of :func:`bargaining.solvers.verify.select` (the unique
equilibrium, else the payoff-dominant one, else the risk-dominant one;
Harsanyi and Selten 1988) is applied to the batch solver's equilibria in
floating point, with two margins relative to the point's payoff range
:math:`R`:

- two payoffs within ``EQUAL`` :math:`\cdot R` of each other count as equal
  (equilibria often share a payoff exactly, as a mixed equilibrium and a pure
  one of a stag hunt do; the batch solver's payoffs are accurate to 1e-10),
  two that differ by more than ``APART`` :math:`\cdot R` as different;
- two Nash products of Harsanyi and Selten that differ by more than
  ``APART`` :math:`\cdot R^2` are ordered.

A draw where a comparison that matters falls between the margins is solved
again exactly and selected exactly. At a point the batch solver certified the
game is nondegenerate, so every pure equilibrium is strict, as risk dominance
needs. A draw whose selection turns on a payoff difference below
``EQUAL`` :math:`\cdot R` (1e-9 of the payoff range) is judged as a tie; for
parameters drawn from continuous distributions that has probability of the
order of 1e-9 per draw unless the tie is exact.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any, Callable, Mapping

import numpy as np

from bargaining.solution import EquilibriumSet
from bargaining.solvers.batch import TOL, batch_equilibria
from bargaining.solvers.registry import solve
from bargaining.statics.sweep import SetIndex

__all__ = ["DrawnGames", "solve_draws", "solve_games", "wilson", "CHUNK", "EQUAL", "APART"]

#: Draws per batch-solver call.
CHUNK = 4096

#: Payoffs closer than this (relative to the payoff range) are equal.
EQUAL = 1e-9

#: Payoffs (and Nash products) farther apart than this are ordered; in between, the exact solver decides.
APART = 1e-7


@dataclass(frozen=True, kw_only=True)
class DrawnGames:
    """What each of ``n`` drawn games has: its equilibrium set, its selected equilibrium, its pure equilibria.

    Attributes
    ----------
    n : int
    sets : tuple of EquilibriumSet
        The distinct equilibrium sets, in order of first appearance.
    codes : numpy.ndarray
        ``(n,)``: ``sets[codes[q]]`` is the set of draw ``q``.
    selections : tuple of (str or None)
        The distinct selected equilibria, described by support
        (``"(ally, ally)"``, ``"mixed {ally, align} x {ally, align}"``; None:
        no rule picks one).
    selected : numpy.ndarray
        ``(n,)``: ``selections[selected[q]]`` is the selection at draw ``q``.
    pure : numpy.ndarray
        ``(n, m, n_col)`` bool: the profile is a pure equilibrium of the draw.
    exact_points : int
        Draws the batch solver could not decide (solved exactly).
    reselected : int
        Draws whose selection was settled by an exact solve (a close call).
    """

    n: int
    sets: tuple[EquilibriumSet, ...]
    codes: np.ndarray
    selections: tuple[str | None, ...]
    selected: np.ndarray
    pure: np.ndarray
    exact_points: int = 0
    reselected: int = 0
    strategies: tuple[tuple[str, ...], tuple[str, ...]] = field(default=((), ()))

    def __post_init__(self):
        for name in ("codes", "selected", "pure"):
            a = np.array(getattr(self, name))
            a.setflags(write=False)
            object.__setattr__(self, name, a)

    def set_labels(self, code: int) -> tuple[str, ...]:
        """The labels of an equilibrium set (pure profiles, then mixed ones by support)."""
        return self.sets[code].labels(self.strategies)

    def set_counts(self) -> list[tuple[tuple[str, ...], int]]:
        """Each equilibrium set's labels and the number of draws it occurs in, most frequent first."""
        counts = np.bincount(self.codes, minlength=len(self.sets))
        out = [(self.set_labels(c), int(k)) for c, k in enumerate(counts) if k]
        return sorted(out, key=lambda t: (-t[1], str(t[0])))

    def selection_counts(self) -> list[tuple[str | None, int]]:
        """Each selected equilibrium and its count, most frequent first."""
        counts = np.bincount(self.selected, minlength=len(self.selections))
        out = [(self.selections[c], int(k)) for c, k in enumerate(counts) if k]
        return sorted(out, key=lambda t: (-t[1], str(t[0])))

    def is_selected(self, label: str | None) -> np.ndarray:
        """``(n,)`` bool: the draws whose selected equilibrium is ``label``."""
        if label not in self.selections:
            return np.zeros(self.n, dtype=bool)
        return self.selected == self.selections.index(label)


def wilson(count, n: int, z: float = 1.959963984540054):
    """Wilson score intervals of ``count`` successes in ``n`` draws, element-wise (95% by default).

    E. B. Wilson, "Probable inference, the law of succession, and statistical
    inference", *JASA* 22 (1927), pp. 209-212; recommended over the normal
    interval by Brown, Cai and DasGupta, *Statistical Science* 16 (2001).
    The bounds are exactly 0 and 1 when no draw, or every draw, succeeds.

    Examples
    --------
    >>> lo, hi = wilson(np.array([0, 822, 1000]), 1000)
    >>> [round(float(v), 4) for v in lo], [round(float(v), 4) for v in hi]
    ([0.0, 0.7971, 0.9962], [0.0038, 0.8445, 1.0])
    """
    count = np.asarray(count, dtype=float)
    p = count / n
    denom = 1 + z * z / n
    centre = (p + z * z / (2 * n)) / denom
    half = z * np.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / denom
    lo = np.where(count <= 0, 0.0, np.maximum(0.0, centre - half))
    hi = np.where(count >= n, 1.0, np.minimum(1.0, centre + half))
    return lo, hi


def _label(strategies, xbits: int, ybits: int) -> str:
    return EquilibriumSet(((int(xbits), int(ybits)),)).labels(strategies)[0]


def _select_batch(r, A, B):
    """Selection at each point of a batch result, in floating point with margins.

    Returns ``(k, ambiguous)``: the index within its point of the selected
    equilibrium (-1: none), and where a close call needs the exact solver.
    """
    P = r.n_points
    counts = r.counts
    starts = np.concatenate(([0], np.cumsum(counts)[:-1]))
    choice = np.full(P, -1, dtype=np.int64)
    ambiguous = np.zeros(P, dtype=bool)
    span = np.maximum(
        A.reshape(P, -1).max(axis=1) - A.reshape(P, -1).min(axis=1),
        B.reshape(P, -1).max(axis=1) - B.reshape(P, -1).min(axis=1),
    )
    span = np.where(span > 0, span, 1.0)
    choice[counts == 1] = 0
    pure_row = ((r.x > 0).sum(axis=1) == 1) & ((r.y > 0).sum(axis=1) == 1)
    rows_i = np.argmax(r.x, axis=1)
    cols_j = np.argmax(r.y, axis=1)
    for k in np.unique(counts):
        if k < 2:
            continue
        pts = np.flatnonzero(counts == k)
        rows = starts[pts][:, None] + np.arange(k)[None, :]  # (p, k) equilibrium rows
        U = r.payoffs[rows]  # (p, k, 2)
        s = span[pts][:, None, None, None]
        D = U[:, :, None, :] - U[:, None, :, :]  # (p, e, f, player)
        aD = np.abs(D)
        close = (aD > EQUAL * s) & (aD < APART * s)
        same = np.all(aD <= EQUAL * s, axis=-1)  # (p, e, f)
        others = ~same
        beats = np.all(D > APART * s, axis=-1) | same  # e beats f, or f has e's payoffs
        has_other = others.any(axis=2)
        pd = has_other & beats.all(axis=2)  # (p, e)
        ambiguous[pts] |= close.reshape(len(pts), -1).any(axis=1)
        pick = np.where(pd.any(axis=1), np.argmax(pd, axis=1), -1)
        # risk dominance among the pure (strict) equilibria
        pure = pure_row[rows]  # (p, k)
        ri, cj = rows_i[rows], cols_j[rows]
        idx = np.arange(len(pts))[:, None, None]
        r1, c1 = ri[:, :, None], cj[:, :, None]
        r2, c2 = ri[:, None, :], cj[:, None, :]
        Ap, Bp = A[pts], B[pts]
        a = Ap[idx, r1, c1] - Ap[idx, r2, c1]
        b = Bp[idx, r1, c1] - Bp[idx, r1, c2]
        c = Ap[idx, r2, c2] - Ap[idx, r1, c2]
        d = Bp[idx, r2, c2] - Bp[idx, r2, c1]
        gap = a * b - c * d  # (p, e, f): > 0 when e risk-dominates f
        s2 = span[pts][:, None, None] ** 2
        both = pure[:, :, None] & pure[:, None, :] & ~np.eye(k, dtype=bool)[None]
        rd_close = both & (np.abs(gap) <= APART * s2)
        dominates = (gap > APART * s2) | ~both
        npure = pure.sum(axis=1)
        rd = pure & dominates.all(axis=2) & (npure >= 2)[:, None]
        need_rd = pick < 0
        ambiguous[pts] |= need_rd & rd_close.reshape(len(pts), -1).any(axis=1)
        pick = np.where(need_rd & rd.any(axis=1), np.argmax(rd, axis=1), pick)
        choice[pts] = pick
    return choice, ambiguous


def solve_draws(
    model,
    values: Mapping[str, np.ndarray],
    exact_values: Callable[[int], Mapping[str, Fraction]],
    *,
    n: int | None = None,
    chunk_size: int = CHUNK,
    tol: float = TOL,
    progress: Callable[[int, int], None] | None = None,
) -> DrawnGames:
    """Solve the model at every draw: its equilibrium set, selection and pure equilibria.

    Parameters
    ----------
    model : bargaining.model.Model
    values : Mapping[str, numpy.ndarray]
        The drawn parameters, one float array each (the same length); the
        other parameters keep the model's values.
    exact_values : callable
        ``exact_values(q)``: draw ``q``'s values as exact numbers, for the
        exact solver.
    progress : callable, optional
        ``progress(done, total)`` after each chunk.

    Examples
    --------
    >>> import numpy as np
    >>> from fractions import Fraction as F
    >>> from bargaining.io.gamefile import load_model
    >>> m = load_model("games/baseline.toml")
    >>> T = np.array([0.5, 0.95])
    >>> d = solve_draws(m, {"T": T}, lambda q: {"T": F(str(T[q]))})
    >>> [d.set_labels(c) for c in d.codes]
    [('(align, align)',), ('(ally, ally)', '(align, align)', 'mixed {ally, align} x {ally, align}')]
    >>> [d.selections[k] for k in d.selected]
    ['(align, align)', '(ally, ally)']
    """
    lengths = {len(v) for v in values.values()} | ({n} if n is not None else set())
    if len(lengths) != 1:
        raise ValueError("the drawn arrays differ in length, or no length is known")
    n = lengths.pop()
    strategies = tuple(tuple(s) for s in model.strategies)
    shape = (len(strategies[0]), len(strategies[1]))

    def payoffs(start, stop):
        A, B = model.payoff_arrays({k: np.asarray(v[start:stop], dtype=float) for k, v in values.items()})
        return np.broadcast_to(A, (stop - start, *shape)), np.broadcast_to(B, (stop - start, *shape))

    def exact_solution(q):
        return solve(model.with_values(exact_values(q), where="drawn").game())

    return solve_games(payoffs, exact_solution, n, strategies, chunk_size=chunk_size, tol=tol, progress=progress)


def solve_games(
    payoffs: Callable[[int, int], tuple[np.ndarray, np.ndarray]],
    exact_solution: Callable[[int], Any],
    n: int,
    strategies,
    *,
    chunk_size: int = CHUNK,
    tol: float = TOL,
    progress: Callable[[int, int], None] | None = None,
) -> DrawnGames:
    """The core of :func:`solve_draws`, for any ``n`` games of one shape.

    ``payoffs(start, stop)`` gives the float payoffs ``(stop - start, m, n)``
    of games ``start..stop-1``; ``exact_solution(q)`` the exact
    :class:`~bargaining.solution.Solution` of game ``q``.
    """
    strategies = tuple(tuple(s) for s in strategies)
    m_, n_ = len(strategies[0]), len(strategies[1])
    index = SetIndex()
    codes = np.empty(n, dtype=np.int64)
    selected = np.empty(n, dtype=np.int64)
    pure = np.zeros((n, m_, n_), dtype=bool)
    selections: list[str | None] = []
    exact_points = reselected = 0

    def code_of(label):
        if label not in selections:
            selections.append(label)
        return selections.index(label)

    for start in range(0, n, chunk_size):
        stop = min(start + chunk_size, n)
        A, B = payoffs(start, stop)
        r = batch_equilibria(A, B, exact_solution=lambda q, s=start: exact_solution(s + q), tol=tol)
        codes[start:stop] = index.codes(r)
        xbits, ybits = r.supports()
        is_pure = ((r.x > 0).sum(axis=1) == 1) & ((r.y > 0).sum(axis=1) == 1)
        pi, pj = np.argmax(r.x, axis=1), np.argmax(r.y, axis=1)
        pure[start + r.point[is_pure], pi[is_pure], pj[is_pure]] = True
        choice, ambiguous = _select_batch(r, A, B)
        starts = np.concatenate(([0], np.cumsum(r.counts)[:-1]))
        rows = starts + np.maximum(choice, 0)
        if len(xbits):
            picked = (xbits[np.minimum(rows, len(xbits) - 1)] << n_) | ybits[np.minimum(rows, len(ybits) - 1)]
            key = np.where(choice >= 0, picked, -1)
        else:
            key = np.full(stop - start, -1)
        special = r.exact | ambiguous
        keys, inverse = np.unique(key[~special], return_inverse=True)
        local = np.array([code_of(None if k < 0 else _label(strategies, k >> n_, k & ((1 << n_) - 1)))
                          for k in keys.tolist()], dtype=np.int64)
        block = selected[start:stop]
        block[~special] = local[np.asarray(inverse).ravel()] if len(keys) else block[~special]
        for p in np.flatnonzero(special).tolist():
            sol = r.solutions[p] if r.exact[p] else exact_solution(start + p)
            reselected += int(not r.exact[p])
            label = None
            if sol.selected is not None:
                label = _label(strategies, *sol.equilibria[sol.selected].supports())
            block[p] = code_of(label)
        exact_points += int(r.exact.sum())
        if progress is not None:
            progress(stop, n)
    return DrawnGames(
        n=n,
        sets=index.sets,
        codes=codes,
        selections=tuple(selections),
        selected=selected,
        pure=pure,
        exact_points=exact_points,
        reselected=reselected,
        strategies=strategies,
    )
