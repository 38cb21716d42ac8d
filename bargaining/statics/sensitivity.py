"""Global sensitivity analysis: which parameters decide whether an outcome is an equilibrium.

The outcome is a pure profile, such as (ally, ally). Its indicator
``Y = 1`` when the profile is a Nash equilibrium of the game at the drawn
parameter values, else 0, is a function of the parameters. Variance-based
(Sobol) sensitivity analysis splits the variance of ``Y`` over the parameters,
drawn independently from the beliefs of :mod:`bargaining.statics.uncertainty`:
the distribution the file's ``[uncertainty]`` table states, else uniformly
over the declared range (``min``/``max`` in the game file; a parameter without
a range is held at its value), or, with ``spread``, uniformly within
``±spread`` of the value:

- the *first-order index* ``S1_i = Var(E[Y | X_i]) / Var(Y)``: the share of
  the variance that parameter ``i`` explains alone;
- the *total index* ``ST_i = E[Var(Y | X_~i)] / Var(Y)``: its share counting
  every interaction with the other parameters. ``ST_i - S1_i`` measures the
  interactions; ``ST_i`` near 0 means the parameter hardly matters.

The draws are Saltelli's scheme on a scrambled Sobol' sequence
(``SALib.sample.sobol``, ``N * (D + 2)`` model runs for ``D`` parameters) in
the unit cube, each coordinate turned into its parameter by the inverse of the
parameter's (truncated) distribution function; Sobol indices of independent
inputs do not change under such a transformation of each input (Saltelli et
al. 2010, section 2). The indices are Jansen's and Saltelli's estimators with
bootstrap confidence intervals (``SALib.analyze.sobol``). Every model run is
one game, solved by the batch solver with exact fallback
(:mod:`bargaining.statics.draws`).

Ranking. An indicator has a large variance, so the estimates are noisy: with
``N = 1024`` the intervals of the total indices are about ±0.1, and the order
of parameters whose indices are close changes with the seed. The default is
``N = 16384`` (intervals of a few hundredths), and the ranking
(:func:`rank_groups`) gives two parameters different ranks only when their
intervals of the total index do not overlap; parameters whose intervals
overlap share a rank, printed ``2=``.

References
----------
I. M. Sobol', "Global sensitivity indices for nonlinear mathematical models
and their Monte Carlo estimates", *Mathematics and Computers in Simulation*
55 (2001), pp. 271-280.

A. Saltelli, P. Annoni, I. Azzini, F. Campolongo, M. Ratto and S. Tarantola,
"Variance based sensitivity analysis of model output. Design and estimator for
the total sensitivity index", *Computer Physics Communications* 181 (2010),
pp. 259-270.

J. Herman and W. Usher, "SALib: An open-source Python library for sensitivity
analysis", *Journal of Open Source Software* 2(9), 2017.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any, Callable, Mapping

import numpy as np

from bargaining.errors import InputError
from bargaining.model import Model
from bargaining.solvers.batch import TOL

__all__ = ["SensitivityResult", "SobolIndices", "sobol_indices", "sobol_analysis", "rank_groups", "parse_outcome",
           "varied_parameters", "SAMPLES"]

#: The default base sample size ``N``.
SAMPLES = 16384


def rank_groups(ST, ST_conf) -> tuple[int, ...]:
    """Ranks by total index, shared where confidence intervals overlap: ``(1, 2, 2, 4, ...)``.

    Parameters are sorted by ``ST``, largest first; one starts a new rank
    only when its interval ``ST ± conf`` lies wholly below that of the
    parameter before it. NaN indices (no variance) share the last rank.

    Examples
    --------
    >>> rank_groups([0.7, 0.42, 0.43, 0.1], [0.03, 0.02, 0.02, 0.01])
    (1, 2, 2, 4)
    """
    D = len(ST)
    value = [(-1.0 if not np.isfinite(ST[k]) else float(ST[k])) for k in range(D)]
    conf = [(0.0 if not np.isfinite(ST_conf[k]) else float(ST_conf[k])) for k in range(D)]
    order = sorted(range(D), key=lambda k: -value[k])
    ranks = [0] * D
    for pos, k in enumerate(order):
        if pos == 0:
            ranks[k] = 1
            continue
        prev = order[pos - 1]
        ranks[k] = pos + 1 if value[k] + conf[k] < value[prev] - conf[prev] else ranks[prev]
    return tuple(ranks)


@dataclass(frozen=True, kw_only=True)
class SobolIndices:
    """First-order and total Sobol indices of an indicator over drawn parameters.

    Attributes
    ----------
    parameters : tuple of str
        The drawn parameters, in order.
    distributions : tuple of str
        Each one's distribution, in words.
    S1, S1_conf, ST, ST_conf : tuple of float
        The indices and the half-widths of their confidence intervals (NaN
        when the indicator never varies).
    ranks : tuple of int
        :func:`rank_groups` of the total indices.
    share : float
        The indicator's mean over the draws.
    samples, evaluations : int
        ``N`` and ``N * (D + 2)``.
    exact_points : int
        Draws the batch solver left to the exact solver.
    """

    parameters: tuple[str, ...]
    distributions: tuple[str, ...]
    bounds: tuple[tuple[Fraction | None, Fraction | None], ...]
    S1: tuple[float, ...]
    S1_conf: tuple[float, ...]
    ST: tuple[float, ...]
    ST_conf: tuple[float, ...]
    ranks: tuple[int, ...]
    share: float
    samples: int
    evaluations: int
    exact_points: int
    seed: int
    conf_level: float = 0.95
    resamples: int = 100
    warnings: tuple[str, ...] = ()

    def ranking(self) -> list[tuple[str, int]]:
        """``(parameter, rank)``, largest total index first; a shared rank is an overlap of intervals."""
        order = sorted(range(len(self.parameters)), key=lambda k: (self.ranks[k], -np.nan_to_num(self.ST[k], nan=-1)))
        return [(self.parameters[k], self.ranks[k]) for k in order]

    def to_dict(self) -> dict[str, Any]:
        def num(v):
            return None if not np.isfinite(v) else float(v)

        return {
            "method": "Sobol indices (SALib: Saltelli sampling on a scrambled Sobol' sequence, inverse "
                      "distribution functions; bootstrap confidence intervals)",
            "exact": False,
            "samples": self.samples,
            "evaluations": self.evaluations,
            "exact_points": self.exact_points,
            "seed": self.seed,
            "conf_level": self.conf_level,
            "share": self.share,
            "parameters": [
                {
                    "name": p,
                    "distribution": self.distributions[k],
                    "S1": num(self.S1[k]),
                    "S1_conf": num(self.S1_conf[k]),
                    "ST": num(self.ST[k]),
                    "ST_conf": num(self.ST_conf[k]),
                    "rank": self.ranks[k],
                }
                for k, p in enumerate(self.parameters)
            ],
            "warnings": list(self.warnings),
        }


def sobol_analysis(
    model: Model,
    beliefs,
    indicator: Callable[[Any], np.ndarray],
    *,
    samples: int = SAMPLES,
    seed: int = 0,
    conf_level: float = 0.95,
    resamples: int = 100,
    tol: float = TOL,
    what: str = "the indicator is 1",
    progress: Callable[[int, int], None] | None = None,
) -> SobolIndices:
    """Sobol indices of ``indicator(drawn_games)`` over the drawn parameters of ``beliefs``.

    Parameters
    ----------
    model : Model
    beliefs : bargaining.statics.uncertainty.Beliefs
    indicator : callable
        Takes the :class:`~bargaining.statics.draws.DrawnGames` of the
        Saltelli draws and returns a 0/1 array, one entry per draw.
    samples : int
        Base sample size ``N`` (a power of 2).
    seed : int
        Seeds the scrambled Sobol' sequence and the bootstrap.
    what : str
        The indicator in words (``"the outcome is an equilibrium"``), for the
        warning when it never varies.
    """
    from SALib.analyze import sobol as sobol_analyze
    from SALib.sample import sobol as sobol_sample

    from bargaining.statics.draws import solve_draws

    if seed < 0:
        raise InputError(f"expected a seed of 0 or more, found {seed}", where="seed")
    if samples < 2 or samples & (samples - 1):
        raise InputError(f"expected a power of 2 such as {SAMPLES}, found {samples}", where="samples")
    names = list(beliefs.names)
    if not names:
        raise InputError("no parameter is drawn (every one is fixed, or has no range to draw from)",
                         source=model.source, where="parameters")
    problem = {"num_vars": len(names), "names": names, "bounds": [[0.0, 1.0]] * len(names)}
    U = sobol_sample.sample(problem, samples, calc_second_order=False, scramble=True, seed=seed)
    U = np.clip(U, 1e-12, 1 - 1e-12)  # an unbounded normal has no quantile at 0 or 1
    X = beliefs.transform(U)
    drawn = solve_draws(model, X, lambda q: beliefs.exact(X, q), n=len(U), tol=tol, progress=progress)
    Y = np.asarray(indicator(drawn), dtype=float)
    warnings = []
    nan = (float("nan"),) * len(names)
    if Y.min() == Y.max():
        always = "always" if Y[0] else "never"
        warnings.append(f"{what} {always}, in all {len(Y)} draws: there is no variance to split")
        S1 = S1c = ST = STc = nan
    else:
        import warnings as _w

        with _w.catch_warnings():
            _w.simplefilter("ignore")
            Si = sobol_analyze.analyze(
                problem,
                Y,
                calc_second_order=False,
                num_resamples=resamples,
                conf_level=conf_level,
                print_to_console=False,
                seed=_bootstrap_seed(seed),
            )
        S1, S1c, ST, STc = (tuple(float(v) for v in Si[key]) for key in ("S1", "S1_conf", "ST", "ST_conf"))
    drawn_m = beliefs.drawn
    return SobolIndices(
        parameters=tuple(names),
        distributions=tuple(m.describe() for m in drawn_m),
        bounds=tuple((m.lower, m.upper) for m in drawn_m),
        S1=S1,
        S1_conf=S1c,
        ST=ST,
        ST_conf=STc,
        ranks=rank_groups(ST, STc),
        share=float(Y.mean()),
        samples=samples,
        evaluations=len(U),
        exact_points=drawn.exact_points,
        seed=seed,
        conf_level=conf_level,
        resamples=resamples,
        warnings=tuple(warnings),
    )


@dataclass(frozen=True, kw_only=True)
class SensitivityResult:
    """First-order and total Sobol indices of "the outcome is an equilibrium".

    Attributes
    ----------
    outcome : tuple of str
        The pure profile (row strategy, column strategy).
    parameters : tuple of str
        The parameters drawn, in order.
    distributions : tuple of str
        The distribution each is drawn from, in words.
    bounds : tuple of (Fraction, Fraction)
        The range each is drawn within (None: unbounded).
    fixed : Mapping[str, Fraction]
        Parameters held at their value (no range, or fixed in the file).
    S1, S1_conf, ST, ST_conf : tuple of float
        The indices and the half-widths of their confidence intervals
        (NaN when the outcome never varies).
    ranks : tuple of int
        Each parameter's rank by total index; parameters whose intervals
        overlap share a rank (:func:`rank_groups`).
    share : float
        Share of the draws in which the outcome is an equilibrium.
    samples : int
        Base sample size ``N``; ``evaluations = N * (D + 2)``.
    exact_points : int
        Draws the batch solver left to the exact solver.
    default : str
        The distribution of a parameter the file's ``[uncertainty]`` table does not name.
    """

    title: str
    source: str
    outcome: tuple[str, str]
    parameters: tuple[str, ...]
    labels: Mapping[str, str]
    bounds: tuple[tuple[Fraction, Fraction], ...]
    fixed: Mapping[str, Fraction]
    S1: tuple[float, ...]
    S1_conf: tuple[float, ...]
    ST: tuple[float, ...]
    ST_conf: tuple[float, ...]
    share: float
    samples: int
    evaluations: int
    exact_points: int
    seed: int
    conf_level: float = 0.95
    resamples: int = 100
    warnings: tuple[str, ...] = field(default=())
    distributions: tuple[str, ...] = field(default=())
    ranks: tuple[int, ...] = field(default=())
    default: str = "its range"
    stated: tuple[str, ...] = field(default=())

    def ranking(self) -> list[tuple[str, int]]:
        """``(parameter, rank)``, largest total index first; a shared rank means overlapping intervals."""
        order = sorted(range(len(self.parameters)), key=lambda k: (self.ranks[k], -np.nan_to_num(self.ST[k], nan=-1)))
        return [(self.parameters[k], self.ranks[k]) for k in order]

    def to_dict(self) -> dict[str, Any]:
        def num(v):
            return None if not np.isfinite(v) else float(v)

        def bound(v):
            return None if v is None else str(v)

        return {
            "title": self.title,
            "source": self.source,
            "outcome": list(self.outcome),
            "method": (
                "Sobol indices (SALib: Saltelli sampling on a scrambled Sobol' sequence, inverse distribution "
                "functions; bootstrap confidence intervals)"
            ),
            "exact": False,
            "samples": self.samples,
            "evaluations": self.evaluations,
            "exact_points": self.exact_points,
            "seed": self.seed,
            "conf_level": self.conf_level,
            "share": self.share,
            "default_distribution": self.default,
            "parameters": [
                {
                    "name": p,
                    "label": self.labels.get(p, ""),
                    "range": [bound(lo), bound(hi)],
                    "distribution": self.distributions[k] if self.distributions else None,
                    "stated": p in self.stated,
                    "S1": num(self.S1[k]),
                    "S1_conf": num(self.S1_conf[k]),
                    "ST": num(self.ST[k]),
                    "ST_conf": num(self.ST_conf[k]),
                    "rank": self.ranks[k] if self.ranks else None,
                }
                for k, (p, (lo, hi)) in enumerate(zip(self.parameters, self.bounds))
            ],
            "fixed": {p: str(v) for p, v in self.fixed.items()},
            "warnings": list(self.warnings),
        }


def parse_outcome(text: str, model: Model) -> tuple[int, int]:
    """``"ally,ally"`` -> the strategy indices ``(i, j)``.

    Examples
    --------
    >>> from bargaining.io.gamefile import load_model
    >>> parse_outcome("ally, ally", load_model("games/baseline.toml"))
    (0, 0)
    """
    parts = [p.strip() for p in text.replace("(", "").replace(")", "").split(",")]
    if len(parts) != 2 or not all(parts):
        raise InputError(f"expected a pure profile ROW,COLUMN such as ally,ally, found {text!r}", where="outcome")
    out = []
    for p, name in enumerate(parts):
        strategies = model.strategies[p]
        if name not in strategies:
            raise InputError(
                f"{name!r} is not a strategy of {model.players[p]}; strategies: {', '.join(strategies)}",
                where="outcome",
            )
        out.append(strategies.index(name))
    return out[0], out[1]


def varied_parameters(model: Model) -> tuple[list[str], dict[str, Fraction]]:
    """Parameters with a range (drawn over it by default) and without one (held fixed)."""
    drawn, fixed = [], {}
    for name, p in model.parameters.items():
        if p.min is not None and p.max is not None and p.min < p.max:
            drawn.append(name)
        else:
            fixed[name] = p.value
    return drawn, fixed


def sobol_indices(
    model: Model,
    outcome: tuple[int, int],
    *,
    samples: int = SAMPLES,
    seed: int = 0,
    spread=None,
    conf_level: float = 0.95,
    resamples: int = 100,
    tol: float = TOL,
    progress: Callable[[int, int], None] | None = None,
) -> SensitivityResult:
    """Sobol indices of the indicator "``outcome`` is a Nash equilibrium".

    Parameters
    ----------
    model : Model
    outcome : (int, int)
        Row and column strategy of a pure profile.
    samples : int
        Base sample size ``N`` (a power of 2); the game is solved ``N * (D + 2)`` times.
    seed : int
        Seeds both the scrambled Sobol' sequence and the bootstrap: the same
        seed gives the same indices.
    spread : number, optional
        Draw the parameters the file's ``[uncertainty]`` table does not name
        within ``±spread`` of their value (as ``outlook`` and ``robustness``
        do) instead of over their whole range.
    conf_level : float
        Confidence level of the bootstrap intervals.
    progress : callable, optional
        ``progress(done, total)`` after each chunk of games.

    Examples
    --------
    >>> from bargaining.io.gamefile import load_model
    >>> m = load_model("games/baseline.toml")
    >>> r = sobol_indices(m, (0, 0), samples=1024, seed=1)
    >>> r.ranking()[0]   # pressure T matters most for a treaty, over the ranges
    ('T', 1)
    """
    from bargaining.statics.uncertainty import beliefs as beliefs_of

    b = beliefs_of(model, default="range") if spread is None else beliefs_of(model, spread=spread)
    i, j = outcome
    if not b.names:
        raise InputError("no parameter has a range (min and max) to draw from", source=model.source, where="parameters")
    r = sobol_analysis(model, b, lambda d: d.pure[:, i, j], samples=samples, seed=seed, conf_level=conf_level,
                       resamples=resamples, tol=tol, what="the outcome is an equilibrium", progress=progress)
    return SensitivityResult(
        title=model.title,
        source=model.source,
        outcome=(model.strategies[0][i], model.strategies[1][j]),
        parameters=r.parameters,
        labels={p: model.parameters[p].label for p in r.parameters},
        bounds=r.bounds,
        fixed=b.fixed,
        S1=r.S1,
        S1_conf=r.S1_conf,
        ST=r.ST,
        ST_conf=r.ST_conf,
        share=r.share,
        samples=samples,
        evaluations=r.evaluations,
        exact_points=r.exact_points,
        seed=seed,
        conf_level=conf_level,
        resamples=resamples,
        warnings=r.warnings,
        distributions=r.distributions,
        ranks=r.ranks,
        default=b.default,
        stated=tuple(m.name for m in b.drawn if m.stated),
    )


def _bootstrap_seed(seed: int) -> int:
    """A nonzero seed for SALib's bootstrap, derived from ``seed``.

    ``SALib.analyze.sobol.analyze`` (1.6) treats a falsy seed as none at all
    and falls back to numpy's global random state, so seed 0 would not be
    reproducible.
    """
    return int(np.random.SeedSequence([seed, 1]).generate_state(1)[0]) | 1
