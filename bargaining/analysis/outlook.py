r"""How likely is each outcome, given what the analyst believes about the parameters?

The numbers in a game file are judgements. Stated as beliefs, one
distribution per parameter (the file's ``[uncertainty]`` table; a parameter
it does not name is uniform within :math:`\pm s` of its value, truncated to
its range: :mod:`bargaining.statics.uncertainty`), they make the game's
outcome a random variable. This module estimates, by Monte Carlo over
independent draws,

- the probability of each *equilibrium set* (pure profiles and the supports of
  mixed equilibria);
- the probability of each *selected outcome*: the equilibrium the selection
  rule picks (the unique one, else the payoff-dominant one, else the
  risk-dominant one; Harsanyi and Selten 1988), or none;
- for one pure profile, the *outcome* (by default the treaty, ally by both),
  the probability that it is an equilibrium and that it is selected;

each with its Monte Carlo standard error :math:`\sqrt{\hat p(1-\hat p)/N}`
and the 95% Wilson score interval (Wilson 1927; Brown, Cai and DasGupta,
*Statistical Science* 16, 2001), and which parameters move the probability
that the outcome is selected: first-order and total Sobol indices of that
indicator (:func:`bargaining.statics.sensitivity.sobol_analysis`; Sobol' 2001,
Saltelli et al. 2010), on their own Saltelli sample, ranked so that two
parameters get different ranks only when their intervals do not overlap.

Every draw is solved by the batch solver with exact fallback
(:mod:`bargaining.statics.draws`), so the equilibrium set of each draw is the
exact one; thousands of draws take a fraction of a second.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any, Callable

from bargaining.analysis.robustness import wilson_interval
from bargaining.analysis.scenarios import describe_equilibrium, equilibrium_set, treaty_profile
from bargaining.errors import InputError

__all__ = ["Probability", "Outlook", "outlook", "DRAWS"]

#: The default number of draws: a standard error of at most half a percentage point.
DRAWS = 10000


@dataclass(frozen=True, kw_only=True)
class Probability:
    """The estimated probability of an event: ``count`` of ``draws``, with its standard error and 95% interval."""

    label: Any
    count: int
    draws: int

    @property
    def share(self) -> float:
        return self.count / self.draws

    @property
    def standard_error(self) -> float:
        p = self.share
        return (p * (1 - p) / self.draws) ** 0.5

    @property
    def interval(self) -> tuple[float, float]:
        return wilson_interval(self.count, self.draws)

    def to_dict(self) -> dict[str, Any]:
        label = list(self.label) if isinstance(self.label, tuple) else self.label
        return {
            "outcome": label,
            "count": self.count,
            "probability": self.share,
            "standard_error": self.standard_error,
            "interval": list(self.interval),
        }


@dataclass(frozen=True, kw_only=True)
class Outlook:
    """The probabilities of a game's outcomes under beliefs about its parameters.

    Attributes
    ----------
    source, title : str
    draws : int
    seed : int
    spread : Fraction
        The default relative spread (parameters the ``[uncertainty]`` table does not name).
    beliefs : tuple of (str, str, bool)
        Each parameter, its distribution in words, and whether the file states it.
    reference_set : tuple of str
        The equilibrium set at the file's values.
    reference_selected : str or None
        The selected equilibrium at the file's values.
    sets : tuple of Probability
        Each equilibrium set (its labels) and its probability, most probable first.
    selected : tuple of Probability
        Each selected outcome (None: no rule picks one), most probable first.
    outcome : str or None
        The pure profile singled out (``"(ally, ally)"``).
    outcome_equilibrium, outcome_selected : Probability or None
        How often it is an equilibrium, and the selected one.
    sobol : SobolIndices or None
        What moves the probability that ``outcome`` is selected.
    exact_points, reselected : int
        Draws the exact solver decided (the equilibria; the selection only).
    """

    source: str
    title: str
    draws: int
    seed: int
    spread: Fraction
    beliefs: tuple[tuple[str, str, bool], ...]
    reference_set: tuple[str, ...]
    reference_selected: str | None
    sets: tuple[Probability, ...]
    selected: tuple[Probability, ...]
    outcome: str | None = None
    outcome_equilibrium: Probability | None = None
    outcome_selected: Probability | None = None
    sobol: Any = None
    exact_points: int = 0
    reselected: int = 0
    warnings: tuple[str, ...] = field(default=())

    @property
    def drawn(self) -> tuple[str, ...]:
        return tuple(name for name, text, _ in self.beliefs if not text.startswith("fixed"))

    @property
    def stated(self) -> tuple[str, ...]:
        return tuple(name for name, _, stated in self.beliefs if stated)

    def probability(self, label) -> float:
        """The probability that ``label`` (a selected outcome such as ``"(ally, ally)"``) is selected."""
        return next((p.share for p in self.selected if p.label == label), 0.0)

    def to_dict(self) -> dict[str, Any]:
        return {
            "file": self.source,
            "title": self.title,
            "draws": self.draws,
            "seed": self.seed,
            "spread": str(self.spread),
            "method": "Monte Carlo over independent draws; each draw solved by the batch solver (certified) with "
                      "exact fallback; 95% Wilson intervals",
            "exact": False,
            "beliefs": {name: {"distribution": text, "stated": stated} for name, text, stated in self.beliefs},
            "reference": {"equilibria": list(self.reference_set), "selected": self.reference_selected},
            "sets": [p.to_dict() for p in self.sets],
            "selected": [p.to_dict() for p in self.selected],
            "outcome": None if self.outcome is None else {
                "profile": self.outcome,
                "equilibrium": self.outcome_equilibrium.to_dict(),
                "selected": self.outcome_selected.to_dict(),
            },
            "sobol": None if self.sobol is None else self.sobol.to_dict(),
            "exact_points": self.exact_points,
            "reselected": self.reselected,
            "warnings": list(self.warnings),
        }

    def to_pandas(self):
        """One row per selected outcome: its probability, standard error and interval."""
        import pandas as pd

        return pd.DataFrame([
            {"selected": p.label, "count": p.count, "probability": p.share, "standard_error": p.standard_error,
             "low": p.interval[0], "high": p.interval[1]}
            for p in self.selected
        ])


def _outcome(model, text: str | None, base) -> tuple[int, int] | None:
    from bargaining.statics.sensitivity import parse_outcome

    if text is not None:
        return parse_outcome(text, model)
    game = base.game
    profile = treaty_profile(game)
    if profile is not None:
        return profile
    if base.selected is not None and base.equilibria[base.selected].pure:
        return base.equilibria[base.selected].profile()
    return None


def outlook(
    model,
    *,
    draws: int = DRAWS,
    seed: int = 0,
    spread=Fraction(1, 10),
    samples: int | None = None,
    outcome: str | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> Outlook:
    """Estimate the probability of each outcome of ``model`` under beliefs about its parameters.

    Parameters
    ----------
    model : bargaining.model.Model
    draws : int
        Monte Carlo draws for the probabilities.
    seed : int
        Seeds the draws and the Sobol' sequence: the same seed, the same figures.
    spread : number
        The default belief: uniform within ``±spread`` of each value the
        ``[uncertainty]`` table does not name.
    samples : int, optional
        Base sample size of the Sobol analysis (a power of 2; default
        :data:`bargaining.statics.sensitivity.SAMPLES`); 0 leaves it out.
    outcome : str, optional
        The pure profile singled out (``"ally,ally"``); by default the treaty
        (ally by both), else the equilibrium selected at the file's values.

    Returns
    -------
    Outlook

    Examples
    --------
    >>> from bargaining.io.gamefile import load_model
    >>> o = outlook(load_model("games/taiwan_crisis.toml"), draws=2000, samples=0)
    >>> o.outcome, round(o.outcome_selected.share, 2)
    ('(ally, ally)', 0.84)
    """
    import numpy as np

    from bargaining.numbers import to_fraction
    from bargaining.solvers.registry import solve
    from bargaining.statics.draws import solve_draws
    from bargaining.statics.sensitivity import SAMPLES, sobol_analysis
    from bargaining.statics.uncertainty import beliefs as beliefs_of

    if not isinstance(draws, int) or isinstance(draws, bool) or draws < 1:
        raise InputError(f"expected a positive number of draws, found {draws!r}", where="draws")
    if not isinstance(seed, int) or seed < 0:
        raise InputError(f"expected a seed of 0 or more, found {seed!r}", where="seed")
    samples = SAMPLES if samples is None else samples
    s = to_fraction(spread, where="spread")
    b = beliefs_of(model, spread=s)
    base = solve(model.game())
    reference = equilibrium_set(base)
    ref_selected = None if base.selected is None else describe_equilibrium(
        base.game, base.equilibria[base.selected], probabilities=False
    )
    rng = np.random.default_rng(seed)
    values = b.draw(draws, rng)
    found = solve_draws(model, values, lambda q: b.exact(values, q), n=draws, progress=progress)
    sets = tuple(Probability(label=k, count=c, draws=draws) for k, c in found.set_counts())
    selected = tuple(Probability(label=k, count=c, draws=draws) for k, c in found.selection_counts())
    profile = _outcome(model, outcome, base)
    warnings = []
    text = eq_p = sel_p = sobol = None
    if profile is None:
        warnings.append("the game has no treaty profile and its file's values select no pure equilibrium: "
                        "name an outcome (--outcome ROW,COLUMN) for its probability and what moves it")
    else:
        i, j = profile
        text = f"({model.strategies[0][i]}, {model.strategies[1][j]})"
        eq_p = Probability(label=text, count=int(found.pure[:, i, j].sum()), draws=draws)
        sel_p = Probability(label=text, count=int(found.is_selected(text).sum()), draws=draws)
        if samples:
            if not b.names:
                warnings.append("no parameter is drawn: there is nothing to rank")
            else:
                sobol = sobol_analysis(model, b, lambda d: d.is_selected(text), samples=samples, seed=seed,
                                       what=f"{text} is the selected outcome", progress=progress)
    return Outlook(
        source=model.source,
        title=model.title,
        draws=draws,
        seed=seed,
        spread=s,
        beliefs=tuple(b.describe()),
        reference_set=reference,
        reference_selected=ref_selected,
        sets=sets,
        selected=selected,
        outcome=text,
        outcome_equilibrium=eq_p,
        outcome_selected=sel_p,
        sobol=sobol,
        exact_points=found.exact_points + (0 if sobol is None else sobol.exact_points),
        reselected=found.reselected,
        warnings=tuple(warnings),
    )
