r"""How robust is a scenario's outcome to the numbers chosen for it?

Every parameter :math:`\theta_k` with a non-zero value is perturbed
independently and uniformly by up to :math:`\pm s` of its value,

.. math:: \tilde\theta_k = \operatorname{clip}\big(\theta_k (1 + u_k),\ \min_k,\ \max_k\big),
          \qquad u_k \sim U(-s, s),

rounded to six decimals (so that the exact solver keeps small denominators;
the rounding moves a value by at most :math:`5 \cdot 10^{-7}`) and clipped to
the parameter's declared range. A parameter whose value is zero stays zero.
Each draw is solved and its *equilibrium set* (pure profiles and the
supports of mixed equilibria, :func:`bargaining.analysis.scenarios.equilibrium_set`) and
selected equilibrium are counted. The share of draws that keep the
unperturbed outcome is a Monte Carlo estimate of the probability mass of the
region around the scenario where the qualitative answer holds, a global
sensitivity check in the spirit of Saltelli et al., *Global Sensitivity
Analysis: The Primer*, 2008; its standard error is
:math:`\sqrt{p(1-p)/N}` for :math:`N` draws.

With the exact method the draws are solved together by the certified batch
solver (:mod:`bargaining.solvers.batch`): a draw it decides has exactly the
supports the exact solver finds, and when it finds one equilibrium that one
is selected (the rule "unique"); among several, payoff and then risk
dominance are decided in floating point where the payoffs (or Nash products)
compared lie further apart than their error bounds, and any other draw
(undecided, or with close payoffs or products) is solved exactly. The counts
are therefore those of solving every draw exactly.

Randomness comes only from a seed or a ``numpy.random.Generator``: the same
seed gives the same draws and the same counts.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from fractions import Fraction
from typing import Any, Callable

from bargaining.analysis.scenarios import describe_equilibrium, equilibrium_set
from bargaining.errors import InputError
from bargaining.model import Model
from bargaining.solution import EquilibriumSet
from bargaining.solvers.registry import solve

__all__ = ["Robustness", "robustness", "perturbations", "solve_draws"]

_DIGITS = 6


@dataclass(frozen=True, kw_only=True)
class Robustness:
    """The equilibrium sets found in perturbed draws of a game, with their counts.

    Attributes
    ----------
    source, title : str
    spread : Fraction
        The largest relative perturbation.
    draws : int
    seed : int or None
        The seed, when one was given (None: a Generator was passed).
    method : str
    perturbed : tuple of str
        The parameters that were perturbed (those with a non-zero value).
    reference : tuple of str
        The equilibrium set at the unperturbed values.
    reference_selected : str or None
        The equilibrium selection picks at the unperturbed values.
    sets : tuple of (tuple of str, int)
        Each equilibrium set found and the number of draws it occurred in,
        most frequent first.
    selected : tuple of (str or None, int)
        Each selected equilibrium (None: no rule picks one) and its count.
    """

    source: str
    title: str
    spread: Fraction
    draws: int
    seed: int | None
    method: str
    perturbed: tuple[str, ...]
    reference: tuple[str, ...]
    reference_selected: str | None
    sets: tuple[tuple[tuple[str, ...], int], ...]
    selected: tuple[tuple[str | None, int], ...]

    def share(self, key: tuple[str, ...]) -> float:
        """The share of draws whose equilibrium set is ``key``."""
        return dict(self.sets).get(tuple(key), 0) / self.draws

    @property
    def reference_share(self) -> float:
        """The share of draws that keep the unperturbed equilibrium set."""
        return self.share(self.reference)

    @property
    def selected_share(self) -> float:
        """The share of draws in which selection picks the same equilibrium as without perturbation."""
        return dict(self.selected).get(self.reference_selected, 0) / self.draws

    @property
    def standard_error(self) -> float:
        """The Monte Carlo standard error of :attr:`reference_share`."""
        p = self.reference_share
        return (p * (1 - p) / self.draws) ** 0.5

    def to_dict(self) -> dict[str, Any]:
        return {
            "file": self.source,
            "title": self.title,
            "spread": str(self.spread),
            "draws": self.draws,
            "seed": self.seed,
            "method": self.method,
            "perturbed": list(self.perturbed),
            "reference": {"equilibria": list(self.reference), "selected": self.reference_selected},
            "reference_share": self.reference_share,
            "reference_standard_error": self.standard_error,
            "selected_share": self.selected_share,
            "sets": [
                {
                    "equilibria": list(key),
                    "count": count,
                    "share": count / self.draws,
                    "reference": key == self.reference,
                }
                for key, count in self.sets
            ],
            "selected": [
                {"equilibrium": key, "count": count, "share": count / self.draws} for key, count in self.selected
            ],
        }


def _check_arguments(spread, draws) -> Fraction:
    try:
        s = Fraction(spread) if not isinstance(spread, float) else Fraction(str(spread))
    except (TypeError, ValueError):
        raise InputError(f"expected a number for the spread, found {spread!r}", where="spread") from None
    if not 0 <= s < 1:
        raise InputError(f"expected a spread from 0 up to (not including) 1, found {spread}", where="spread")
    if not isinstance(draws, int) or draws < 1:
        raise InputError(f"expected a positive number of draws, found {draws!r}", where="draws")
    return s


def perturbations(model: Model, spread, draws: int, rng) -> list[dict[str, Fraction]]:
    """The perturbed parameter values of each draw (only the perturbed parameters).

    Parameters
    ----------
    model : Model
    spread : number
        Up to ``±spread`` of each value.
    draws : int
    rng : numpy.random.Generator

    Returns
    -------
    list of dict
        One dict of exact values per draw.

    Examples
    --------
    >>> import numpy as np
    >>> from bargaining.io.gamefile import load_model
    >>> m = load_model("games/baseline.toml")
    >>> vals = perturbations(m, 0.1, 2, np.random.default_rng(1))
    >>> all(abs(v[k] / m.parameters[k].value - 1) <= 0.1 + 1e-6 for v in vals for k in v)
    True
    """
    s = _check_arguments(spread, draws)
    names = [name for name, p in model.parameters.items() if p.value != 0]
    if not names:
        return [{} for _ in range(draws)]
    base = [float(model.parameters[n].value) for n in names]
    u = rng.uniform(-float(s), float(s), size=(draws, len(names)))
    out = []
    scale = 10**_DIGITS
    for row in u:
        values = {}
        for name, b, e in zip(names, base, row):
            p = model.parameters[name]
            v = Fraction(round(b * (1.0 + e) * scale), scale)
            if p.min is not None and v < p.min:
                v = p.min
            if p.max is not None and v > p.max:
                v = p.max
            values[name] = v
        out.append(values)
    return out


def robustness(
    model: Model,
    spread=Fraction(1, 10),
    draws: int = 1000,
    seed: int | None = None,
    *,
    rng=None,
    method: str = "exact",
    progress: Callable[[int, int], None] | None = None,
) -> Robustness:
    """Solve ``draws`` perturbed copies of a game and count the equilibrium sets.

    Parameters
    ----------
    model : Model
    spread : number
        The largest relative perturbation of each parameter (0.1: ±10%).
    draws : int
    seed : int, optional
        Seed of a new ``numpy.random.default_rng``; ignored when ``rng`` is given.
    rng : numpy.random.Generator, optional
    method : str
        The solver method.
    progress : callable, optional
        Called as ``progress(done, total)`` after each draw (the command line
        drives a progress bar with it).

    Returns
    -------
    Robustness

    Examples
    --------
    >>> from bargaining.io.gamefile import load_model
    >>> r = robustness(load_model("games/baseline.toml"), 0.1, draws=20, seed=3)
    >>> r.reference, r.reference_share
    (('(align, align)',), 1.0)
    """
    import numpy as np

    s = _check_arguments(spread, draws)
    if rng is None:
        rng = np.random.default_rng(seed)
    else:
        seed = None
    base = solve(model.game(), method=method)
    reference = equilibrium_set(base)
    ref_selected = None if base.selected is None else describe_equilibrium(
        base.game, base.equilibria[base.selected], probabilities=False
    )
    sets: Counter = Counter()
    selected: Counter = Counter()
    values = perturbations(model, s, draws, rng)
    outcomes = solve_draws(model, values, progress=progress) if method == "exact" else _solve_each(
        model, values, method, progress
    )
    for key, pick in outcomes:
        sets[key] += 1
        selected[pick] += 1
    order = lambda item: (-item[1], str(item[0]))  # noqa: E731
    return Robustness(
        source=model.source,
        title=model.title,
        spread=s,
        draws=draws,
        seed=seed,
        method=method,
        perturbed=tuple(name for name, p in model.parameters.items() if p.value != 0),
        reference=reference,
        reference_selected=ref_selected,
        sets=tuple(sorted(sets.items(), key=order)),
        selected=tuple(sorted(selected.items(), key=order)),
    )


_UNDECIDED = -1


def _selected(U, X, Y, A, B, margin: float) -> int | None:
    """The equilibrium :func:`bargaining.solvers.verify.select` picks among several of a nondegenerate game,
    decided in floating point, or ``_UNDECIDED``.

    ``U`` (k, 2) are the equilibria's payoffs, ``X`` and ``Y`` their strategies, ``A`` and ``B`` the
    payoffs. Payoff dominance is decided where the payoffs compared lie further apart than
    ``margin`` (equal payoffs are told apart exactly); risk dominance between pure equilibria (strict,
    since the game is nondegenerate) when their Nash products lie further apart than ``margin`` times the
    largest payoff, which bounds the products' error.
    """
    import numpy as np

    k = len(U)
    if not margin > 0:
        return _UNDECIDED
    for e in range(k):
        # e is payoff dominant when it is strictly better for both than every equilibrium whose payoffs differ
        diff = np.delete(U[e] - U, e, axis=0)
        if (diff < -margin).any(axis=1).any():
            continue  # some equilibrium is certainly better for a player, so its payoffs differ: not e
        if (np.abs(diff) <= margin).any():
            return _UNDECIDED  # equal payoffs or nearly: only exact arithmetic tells
        return e
    pure = [e for e in range(k) if (X[e] > 0).sum() == 1 and (Y[e] > 0).sum() == 1]
    if len(pure) < 2:
        return None
    rows = {e: int(X[e].argmax()) for e in pure}
    cols = {e: int(Y[e].argmax()) for e in pure}
    scale = max(float(np.abs(A).max()), float(np.abs(B).max()))
    for e in pure:
        beats = 0
        for h in pure:
            if h == e:
                continue
            (r1, c1), (r2, c2) = (rows[e], cols[e]), (rows[h], cols[h])
            ours = (A[r1, c1] - A[r2, c1]) * (B[r1, c1] - B[r1, c2])
            theirs = (A[r2, c2] - A[r1, c2]) * (B[r2, c2] - B[r2, c1])
            if abs(ours - theirs) <= margin * scale:
                return _UNDECIDED
            beats += ours > theirs
        if beats == len(pure) - 1:
            return e
    return None


def _outcome(sol) -> tuple[tuple[str, ...], str | None]:
    pick = sol.selected
    if pick is not None:
        pick = describe_equilibrium(sol.game, sol.equilibria[pick], probabilities=False)
    return equilibrium_set(sol), pick


def _solve_each(model: Model, values, method: str, progress) -> list[tuple[tuple[str, ...], str | None]]:
    out = []
    for k, v in enumerate(values):
        out.append(_outcome(solve(model.with_values(v, where="robustness draw").game(), method=method)))
        if progress is not None:
            progress(k + 1, len(values))
    return out


def solve_draws(
    model: Model, values: list[dict[str, Fraction]], *, progress: Callable[[int, int], None] | None = None
) -> list[tuple[tuple[str, ...], str | None]]:
    """The equilibrium set and the selected equilibrium of each draw, as solving each draw exactly gives them.

    The draws are solved at once by the certified batch solver; a draw it
    cannot decide is solved exactly, and so is one with several equilibria
    whose selection (payoff, then risk dominance) floating point cannot
    decide: payoffs or Nash products within their error bounds of each
    other.

    Parameters
    ----------
    model : Model
    values : list of dict
        The parameter values of each draw (:func:`perturbations`).
    progress : callable, optional
        Called as ``progress(done, total)``.

    Returns
    -------
    list of (tuple of str, str or None)
        Per draw: the labels of its equilibrium set
        (:func:`bargaining.analysis.scenarios.equilibrium_set`) and the
        selected equilibrium described by its supports, or None.

    Examples
    --------
    >>> from bargaining.io.gamefile import load_model
    >>> solve_draws(load_model("games/baseline.toml"), [{"T": Fraction(1, 2)}, {"T": Fraction(0)}])[0]
    (('(align, align)',), '(align, align)')
    """
    import numpy as np

    from bargaining.solvers.batch import batch_equilibria

    P = len(values)
    if P == 0:
        return []
    games: dict[int, Any] = {}

    def game(p: int):
        if p not in games:
            games[p] = model.with_values(values[p], where="robustness draw").game()
        return games[p]

    names = sorted({name for v in values for name in v})
    defaults = model.values()
    arrays = {name: np.array([float(v.get(name, defaults[name])) for v in values]) for name in names}
    A, B = model.payoff_arrays(arrays)
    m, n = len(model.strategies[0]), len(model.strategies[1])
    A = np.broadcast_to(A, (P, m, n))
    B = np.broadcast_to(B, (P, m, n))
    r = batch_equilibria(A, B, exact_solution=lambda p: solve(game(p)))
    strategies = model.strategies
    bounds = np.concatenate(([0], np.cumsum(r.counts)))
    support_x = (r.x > 0) @ (1 << np.arange(m))
    support_y = (r.y > 0) @ (1 << np.arange(n))
    # an expected payoff is off by at most (m + n) ACCURACY times the largest payoff (plus the payoffs' own
    # rounding): payoffs further apart than this margin compare in floating point as they do exactly
    margin = 1e-8 * np.maximum(np.abs(A).max(axis=(1, 2)), np.abs(B).max(axis=(1, 2)))
    out = []
    for p in range(P):
        if not r.exact[p]:
            lo, hi = bounds[p], bounds[p + 1]
            pick = 0 if hi - lo == 1 else _selected(r.payoffs[lo:hi], r.x[lo:hi], r.y[lo:hi], A[p], B[p], margin[p])
        else:
            pick = _UNDECIDED
        if pick == _UNDECIDED:
            out.append(_outcome(r.solutions[p] if p in r.solutions else solve(game(p))))
        else:
            sup = [(int(a), int(b)) for a, b in zip(support_x[lo:hi], support_y[lo:hi])]
            key = EquilibriumSet(tuple(sup)).labels(strategies)
            out.append((key, None if pick is None else EquilibriumSet((sup[pick],)).labels(strategies)[0]))
        if progress is not None and (p + 1 == P or (p + 1) % 100 == 0):
            progress(p + 1, P)
    return out
