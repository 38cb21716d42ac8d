r"""How robust is a scenario's outcome to the numbers chosen for it?

Every parameter :math:`\theta_k` with a non-zero value is perturbed
independently and uniformly by up to :math:`\pm s` of its value,

.. math:: \tilde\theta_k = \operatorname{clip}\big(\theta_k (1 + u_k),\ \min_k,\ \max_k\big),
          \qquad u_k \sim U(-s, s),

rounded to six decimals (so that the exact solver keeps small denominators;
the rounding moves a value by at most :math:`5 \cdot 10^{-7}`) and clipped to
the parameter's declared range. A parameter whose value is zero stays zero.
Each draw is solved exactly and its *equilibrium set* (pure profiles and the
supports of mixed equilibria, :func:`bargaining.analysis.scenarios.equilibrium_set`) and
selected equilibrium are counted. The share of draws that keep the
unperturbed outcome is a Monte Carlo estimate of the probability mass of the
region around the scenario where the qualitative answer holds, a global
sensitivity check in the spirit of Saltelli et al., *Global Sensitivity
Analysis: The Primer*, 2008; its standard error is
:math:`\sqrt{p(1-p)/N}` for :math:`N` draws.

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
from bargaining.solvers.registry import solve

__all__ = ["Robustness", "robustness", "perturbations"]

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
    for k, v in enumerate(values):
        sol = solve(model.with_values(v, where="robustness draw").game(), method=method)
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
        perturbed=tuple(name for name, p in model.parameters.items() if p.value != 0),
        reference=reference,
        reference_selected=ref_selected,
        sets=tuple(sorted(sets.items(), key=order)),
        selected=tuple(sorted(selected.items(), key=order)),
    )
