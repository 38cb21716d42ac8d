"""Global sensitivity analysis: which parameters decide whether an outcome is an equilibrium.

The outcome is a pure profile, such as (ally, ally). Its indicator
``Y = 1`` when the profile is a Nash equilibrium of the game at the drawn
parameter values, else 0, is a function of the parameters. Variance-based
(Sobol) sensitivity analysis splits the variance of ``Y`` over the parameters,
drawn independently and uniformly over their declared ranges (``min``/``max``
in the game file; a parameter without a range is held at its value):

- the *first-order index* ``S1_i = Var(E[Y | X_i]) / Var(Y)``: the share of
  the variance that parameter ``i`` explains alone;
- the *total index* ``ST_i = E[Var(Y | X_~i)] / Var(Y)``: its share counting
  every interaction with the other parameters. ``ST_i - S1_i`` measures the
  interactions; ``ST_i`` near 0 means the parameter hardly matters.

The draws are Saltelli's scheme on a scrambled Sobol' sequence
(``SALib.sample.sobol``, ``N * (D + 2)`` model runs for ``D`` parameters), the
indices Jansen's and Saltelli's estimators with bootstrap confidence intervals
(``SALib.analyze.sobol``). Every model run is one game, solved by the batch
solver (:func:`bargaining.solvers.batch.batch_equilibria`), with exact fallback.

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
from bargaining.solvers.batch import TOL, batch_equilibria
from bargaining.solvers.registry import solve

__all__ = ["SensitivityResult", "sobol_indices", "parse_outcome", "varied_parameters"]

#: Points per batch-solver call.
CHUNK = 4096


@dataclass(frozen=True, kw_only=True)
class SensitivityResult:
    """First-order and total Sobol indices of "the outcome is an equilibrium".

    Attributes
    ----------
    outcome : tuple of str
        The pure profile (row strategy, column strategy).
    parameters : tuple of str
        The parameters drawn, in order.
    bounds : tuple of (Fraction, Fraction)
        Their ranges.
    fixed : Mapping[str, Fraction]
        Parameters held at their value because they have no range.
    S1, S1_conf, ST, ST_conf : tuple of float
        The indices and the half-widths of their confidence intervals
        (NaN when the outcome never varies).
    share : float
        Share of the draws in which the outcome is an equilibrium.
    samples : int
        Base sample size ``N``; ``evaluations = N * (D + 2)``.
    exact_points : int
        Draws the batch solver left to the exact solver.
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

    def to_dict(self) -> dict[str, Any]:
        def num(v):
            return None if not np.isfinite(v) else float(v)

        return {
            "title": self.title,
            "source": self.source,
            "outcome": list(self.outcome),
            "method": (
                "Sobol indices (SALib: Saltelli sampling on a scrambled Sobol' sequence; "
                "bootstrap confidence intervals)"
            ),
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
                    "label": self.labels.get(p, ""),
                    "range": [str(lo), str(hi)],
                    "S1": num(self.S1[k]),
                    "S1_conf": num(self.S1_conf[k]),
                    "ST": num(self.ST[k]),
                    "ST_conf": num(self.ST_conf[k]),
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
    """Parameters with a range (drawn) and without one (held fixed)."""
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
    samples: int = 1024,
    seed: int = 0,
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
    conf_level : float
        Confidence level of the bootstrap intervals.
    progress : callable, optional
        ``progress(done, total)`` after each chunk of games.

    Examples
    --------
    >>> from bargaining.io.gamefile import load_model
    >>> m = load_model("games/baseline.toml")
    >>> r = sobol_indices(m, (0, 0), samples=256, seed=1)
    >>> max(zip(r.ST, r.parameters))[1]   # pressure T matters most for a treaty
    'T'
    """
    from SALib.analyze import sobol as sobol_analyze
    from SALib.sample import sobol as sobol_sample

    if seed < 0:
        raise InputError(f"expected a seed of 0 or more, found {seed}", where="seed")
    if samples < 2 or samples & (samples - 1):
        raise InputError(f"expected a power of 2 such as 1024, found {samples}", where="samples")
    drawn, fixed = varied_parameters(model)
    if not drawn:
        raise InputError("no parameter has a range (min and max) to draw from", source=model.source, where="parameters")
    bounds = [(model.parameters[p].min, model.parameters[p].max) for p in drawn]
    problem = {"num_vars": len(drawn), "names": drawn, "bounds": [[float(lo), float(hi)] for lo, hi in bounds]}
    X = sobol_sample.sample(problem, samples, calc_second_order=False, scramble=True, seed=seed)
    i, j = outcome
    Y = np.empty(len(X))
    exact_points = 0
    for start in range(0, len(X), CHUNK):
        chunk = X[start : start + CHUNK]
        values = {p: chunk[:, k] for k, p in enumerate(drawn)}
        A, B = model.payoff_arrays(values)

        def exact_game(q, chunk=chunk):
            point = {p: _clamp(Fraction(float(chunk[q, k])), bounds[k]) for k, p in enumerate(drawn)}
            return model.with_values(point, where="sensitivity draw").game()

        r = batch_equilibria(A, B, exact_solution=lambda q: solve(exact_game(q)), tol=tol)
        hit = (r.x[:, i] == 1) & (r.y[:, j] == 1)
        Y[start : start + len(chunk)] = np.bincount(r.point[hit], minlength=len(chunk)) > 0
        exact_points += int(r.exact.sum())
        if progress is not None:
            progress(start + len(chunk), len(X))

    warnings = []
    nan = (float("nan"),) * len(drawn)
    if Y.min() == Y.max():
        always = "always" if Y[0] else "never"
        warnings.append(f"the outcome is {always} an equilibrium over these ranges: there is no variance to split")
        S1 = S1c = ST = STc = nan
    else:
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
    return SensitivityResult(
        title=model.title,
        source=model.source,
        outcome=(model.strategies[0][i], model.strategies[1][j]),
        parameters=tuple(drawn),
        labels={p: model.parameters[p].label for p in drawn},
        bounds=tuple(bounds),
        fixed=fixed,
        S1=S1,
        S1_conf=S1c,
        ST=ST,
        ST_conf=STc,
        share=float(Y.mean()),
        samples=samples,
        evaluations=len(X),
        exact_points=exact_points,
        seed=seed,
        conf_level=conf_level,
        resamples=resamples,
        warnings=tuple(warnings),
    )


def _clamp(q: Fraction, bounds: tuple[Fraction, Fraction]) -> Fraction:
    """A drawn float read exactly, kept inside the exact range (a bound's float may lie just outside)."""
    lo, hi = bounds
    return min(max(q, lo), hi)


def _bootstrap_seed(seed: int) -> int:
    """A nonzero seed for SALib's bootstrap, derived from ``seed``.

    ``SALib.analyze.sobol.analyze`` (1.6) treats a falsy seed as none at all
    and falls back to numpy's global random state, so seed 0 would not be
    reproducible.
    """
    return int(np.random.SeedSequence([seed, 1]).generate_state(1)[0]) | 1
