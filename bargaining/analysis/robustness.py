r"""How robust is a scenario's outcome to the numbers chosen for it?

Every parameter is drawn from the analyst's beliefs
(:mod:`bargaining.statics.uncertainty`): the distribution the game file's
``[uncertainty]`` table states for it, else, by default, uniformly within
:math:`\pm s` of its value,

.. math:: \tilde\theta_k \sim U\big(\theta_k (1 - s),\ \theta_k (1 + s)\big)
          \text{ truncated to } [\min_k, \max_k],

so a draw that would leave the parameter's declared range is drawn again
inside it rather than clipped to the bound (clipping would put a probability
mass exactly on the bound: half the draws of ``T = 1`` at ``T = 1``). A
parameter whose value is zero stays zero. Draws are rounded to six decimals
(the exact solver keeps small denominators; the rounding moves a value by at
most :math:`5 \cdot 10^{-7}`). Each draw is solved, by the batch solver with
exact fallback for the exact method (:mod:`bargaining.statics.draws`: the
same equilibrium sets as exact solves) or draw by draw for another method, and
its *equilibrium set* (pure profiles and the supports of mixed equilibria,
:func:`bargaining.analysis.scenarios.equilibrium_set`) and selected
equilibrium are counted. The share of draws that keep the unperturbed outcome
is a Monte Carlo estimate of the probability, under these beliefs, that the
qualitative answer holds (Saltelli et al., *Global Sensitivity Analysis: The
Primer*, 2008); its standard error is :math:`\sqrt{p(1-p)/N}` for :math:`N`
draws, and the Wilson score interval (Wilson 1927) gives a 95% interval that
stays inside [0, 1] when :math:`p` is near 0 or 1.

Randomness comes only from a seed or a ``numpy.random.Generator``: the same
seed gives the same draws and the same counts.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any, Callable

from bargaining.analysis.scenarios import describe_equilibrium, equilibrium_set
from bargaining.errors import InputError
from bargaining.model import Model
from bargaining.solvers.registry import solve

__all__ = ["Robustness", "robustness", "perturbations", "wilson_interval"]


def wilson_interval(successes: int, n: int) -> tuple[float, float]:
    """The 95% Wilson score interval of a proportion (:func:`bargaining.statics.draws.wilson`).

    Examples
    --------
    >>> [round(v, 4) for v in wilson_interval(822, 1000)]
    [0.7971, 0.8445]
    >>> wilson_interval(0, 10)[0]
    0.0
    """
    from bargaining.statics.draws import wilson

    if n <= 0:
        return 0.0, 1.0
    lo, hi = wilson(successes, n)
    return float(lo), float(hi)


@dataclass(frozen=True, kw_only=True)
class Robustness:
    """The equilibrium sets found in perturbed draws of a game, with their counts.

    Attributes
    ----------
    source, title : str
    spread : Fraction
        The default relative perturbation (of parameters the file's
        ``[uncertainty]`` table does not name).
    draws : int
    seed : int or None
        The seed, when one was given (None: a Generator was passed).
    method : str
    perturbed : tuple of str
        The parameters that were drawn (not fixed).
    beliefs : tuple of (str, str, bool)
        Each parameter, its distribution in words, and whether the file stated it.
    reference : tuple of str
        The equilibrium set at the unperturbed values.
    reference_selected : str or None
        The equilibrium selection picks at the unperturbed values.
    sets : tuple of (tuple of str, int)
        Each equilibrium set found and the number of draws it occurred in,
        most frequent first.
    selected : tuple of (str or None, int)
        Each selected equilibrium (None: no rule picks one) and its count.
    exact_points : int
        Draws the batch solver left to the exact solver (0 for other methods).
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
    beliefs: tuple[tuple[str, str, bool], ...] = field(default=())
    exact_points: int = 0

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

    @property
    def interval(self) -> tuple[float, float]:
        """The 95% Wilson interval of :attr:`reference_share`."""
        return wilson_interval(dict(self.sets).get(self.reference, 0), self.draws)

    @property
    def stated(self) -> tuple[str, ...]:
        """The parameters whose distribution the game file states."""
        return tuple(name for name, _, stated in self.beliefs if stated)

    def to_dict(self) -> dict[str, Any]:
        return {
            "file": self.source,
            "title": self.title,
            "spread": str(self.spread),
            "draws": self.draws,
            "seed": self.seed,
            "method": self.method,
            "perturbed": list(self.perturbed),
            "beliefs": {name: {"distribution": text, "stated": stated} for name, text, stated in self.beliefs},
            "reference": {"equilibria": list(self.reference), "selected": self.reference_selected},
            "reference_share": self.reference_share,
            "reference_standard_error": self.standard_error,
            "reference_interval": list(self.interval),
            "selected_share": self.selected_share,
            "exact_points": self.exact_points,
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
    if not isinstance(draws, int) or isinstance(draws, bool) or draws < 1:
        raise InputError(f"expected a positive number of draws, found {draws!r}", where="draws")
    return s


def perturbations(model: Model, spread, draws: int, rng) -> list[dict[str, Fraction]]:
    """The drawn parameter values of each draw (only the drawn parameters), exact.

    Parameters
    ----------
    model : Model
    spread : number
        Up to ``±spread`` of each value, for the parameters the file's
        ``[uncertainty]`` table does not name.
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
    from bargaining.statics.uncertainty import beliefs

    s = _check_arguments(spread, draws)
    b = beliefs(model, spread=s)
    values = b.draw(draws, rng)
    return [b.exact(values, q) for q in range(draws)]


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
        The default relative perturbation of each parameter the file's
        ``[uncertainty]`` table does not name (0.1: ±10%).
    draws : int
    seed : int, optional
        Seed of a new ``numpy.random.default_rng``; ignored when ``rng`` is given.
    rng : numpy.random.Generator, optional
    method : str
        The solver method: ``exact`` (the batch solver, certified, with exact
        fallback) or another method, solved draw by draw.
    progress : callable, optional
        Called as ``progress(done, total)`` as draws are solved (the command
        line drives a progress bar with it).

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

    from bargaining.solvers.registry import METHODS
    from bargaining.statics.uncertainty import beliefs

    s = _check_arguments(spread, draws)
    METHODS.lookup(method)
    if rng is None:
        rng = np.random.default_rng(seed)
    else:
        seed = None
    b = beliefs(model, spread=s)
    base = solve(model.game(), method=method)
    reference = equilibrium_set(base)
    ref_selected = None if base.selected is None else describe_equilibrium(
        base.game, base.equilibria[base.selected], probabilities=False
    )
    values = b.draw(draws, rng)
    exact_points = 0
    if method == "exact" and model.n_players == 2:  # the batch solver's draws are bimatrices
        from bargaining.statics.draws import solve_draws

        found = solve_draws(model, values, lambda q: b.exact(values, q), n=draws, progress=progress)
        sets = dict(found.set_counts())
        selected = dict(found.selection_counts())
        exact_points = found.exact_points
    else:
        sets, selected = Counter(), Counter()
        for k in range(draws):
            sol = solve(model.with_values(b.exact(values, k), where="robustness draw").game(), method=method)
            sets[equilibrium_set(sol)] += 1
            pick = sol.selected
            if pick is not None:
                pick = describe_equilibrium(sol.game, sol.equilibria[pick], probabilities=False)
            selected[pick] += 1
            if progress is not None:
                progress(k + 1, draws)
    order = lambda item: (-item[1], str(item[0]))  # noqa: E731
    return Robustness(
        source=model.source,
        title=model.title,
        spread=s,
        draws=draws,
        seed=seed,
        method=method,
        perturbed=b.names,
        reference=reference,
        reference_selected=ref_selected,
        sets=tuple(sorted(sets.items(), key=order)),
        selected=tuple(sorted(selected.items(), key=order)),
        beliefs=tuple(b.describe()),
        exact_points=exact_points,
    )
