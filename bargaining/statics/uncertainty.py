r"""Beliefs about the parameters: one probability distribution per parameter, truncated to its range.

A game file's numbers are judgements. Its ``[uncertainty]`` table states,
once, how sure the analyst is of each of them; ``outlook``, ``robustness``,
``sensitivity`` and ``sweep --draws`` all draw from it::

    [uncertainty]
    T = { distribution = "triangular", low = 0.8, mode = 1.0, high = 1.0 }
    lam = { distribution = "normal", sd = 0.05 }              # mean: the parameter's value
    w_R = { distribution = "beta", alpha = 2, beta = 5, low = 0, high = 0.3 }
    e_R = { distribution = "uniform", spread = 0.2 }           # +-20% of the value
    a = { distribution = "fixed" }                             # held at its value

The distributions, each with parameters as numbers (read exactly):

- ``uniform``: on ``[low, high]``, or ``value·(1 ± spread)``; by default the
  parameter's range;
- ``triangular``: ``low``, ``mode``, ``high`` (mode by default the value;
  ``spread`` gives ``low`` and ``high`` as for uniform);
- ``normal``: ``mean`` (by default the value) and standard deviation ``sd``;
- ``beta``: shapes ``alpha``, ``beta``, scaled to ``[low, high]`` (by default
  the parameter's range);
- ``fixed``: the parameter keeps its value.

Every distribution is *truncated* to the parameter's range ``[min, max]``:
a draw outside it is not clipped to the bound (which would put a probability
mass on the bound itself) but drawn again, in effect; the density inside the
range is the original one rescaled. A draw is made by inversion,

.. math:: \theta = F^{-1}\big(F(L) + u\,(F(H) - F(L))\big), \qquad u \sim U(0, 1),

where ``F`` is the distribution function and ``[L, H]`` the range, so the
same uniform numbers ``u`` (a seeded generator, or the scrambled Sobol'
points of a sensitivity analysis) give the same parameters. Draws are
rounded to six decimals, so that a draw the exact solver takes keeps small
denominators (it moves a value by at most 5e-7), and stay inside the range.

A parameter the table does not name gets the *default* of the command: a
uniform ``±spread`` of its value (``outlook`` and ``robustness``; 10% unless
``--spread`` says otherwise; a value of 0 stays 0), or its whole range
(``sensitivity``, a global analysis). The parameters are independent.

References: N. L. Johnson, S. Kotz and N. Balakrishnan, *Continuous Univariate
Distributions*, vol. 1 and 2, 2nd ed., 1994-1995 (truncation, inversion);
A. Saltelli et al., *Global Sensitivity Analysis: The Primer*, 2008, ch. 1
(input distributions as a statement of the analyst's uncertainty).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any, Mapping

from bargaining.errors import InputError
from bargaining.numbers import plain, to_fraction

__all__ = [
    "KINDS",
    "BeliefSpec",
    "Marginal",
    "Beliefs",
    "read_uncertainty",
    "beliefs",
    "DEFAULT_SPREAD",
    "DIGITS",
]

#: The distributions and the keys each one takes (besides ``distribution``).
KINDS: dict[str, tuple[str, ...]] = {
    "uniform": ("low", "high", "spread"),
    "triangular": ("low", "mode", "high", "spread"),
    "normal": ("mean", "sd"),
    "beta": ("alpha", "beta", "low", "high"),
    "fixed": (),
}

#: The default relative spread of a parameter the table does not name.
DEFAULT_SPREAD = Fraction(1, 10)

#: Decimals a draw is rounded to.
DIGITS = 6


@dataclass(frozen=True)
class BeliefSpec:
    """One entry of the ``[uncertainty]`` table, as written: a kind and its numbers (exact).

    Numbers left out (a mean, a mode, bounds) are filled in from the
    parameter when the belief is realised (:meth:`marginal`), so a scenario
    that ``extends`` a file and changes a value keeps beliefs centred on its
    own value.
    """

    name: str
    kind: str
    numbers: Mapping[str, Fraction] = field(default_factory=dict)

    def marginal(self, parameter, *, source: str | None = None, stated: bool = True) -> "Marginal":
        """The distribution of ``parameter`` (a :class:`~bargaining.model.Parameter`), truncated to its range."""
        where = f"uncertainty.{self.name}"
        g = dict(self.numbers)
        v = parameter.value
        lo_r, hi_r = parameter.min, parameter.max

        def fail(message):
            raise InputError(message, source=source, where=where)

        def spread_bounds():
            s = g["spread"]
            return tuple(sorted((v * (1 - s), v * (1 + s))))

        def bounds(kind_needs_range: bool):
            if "spread" in g:
                return spread_bounds()
            low, high = g.get("low", lo_r), g.get("high", hi_r)
            if low is None or high is None:
                if kind_needs_range:
                    fail(f"a {self.kind} distribution needs low and high, or a parameter with a range (min and max)")
            return low, high

        kind = self.kind
        if kind == "fixed":
            return Marginal(name=self.name, kind="fixed", numbers={"value": v}, lower=v, upper=v, stated=stated)
        if kind == "uniform":
            low, high = bounds(True)
            numbers = {"low": low, "high": high}
            if low == high:
                return Marginal(name=self.name, kind="fixed", numbers={"value": v}, lower=v, upper=v, stated=stated)
        elif kind == "triangular":
            low, high = bounds(True)
            mode = g.get("mode", v)
            if low == high:
                return Marginal(name=self.name, kind="fixed", numbers={"value": v}, lower=v, upper=v, stated=stated)
            if not low <= mode <= high:
                fail(f"expected low <= mode <= high, found {plain(low)}, {plain(mode)}, {plain(high)}")
            numbers = {"low": low, "mode": mode, "high": high}
        elif kind == "normal":
            numbers = {"mean": g.get("mean", v), "sd": g["sd"]}
            low, high = None, None
        else:  # beta
            low, high = bounds(True)
            numbers = {"alpha": g["alpha"], "beta": g["beta"], "low": low, "high": high}
        if low is not None and high is not None and low >= high:
            fail(f"expected low < high, found {plain(low)} and {plain(high)}")
        lower = _max(low, lo_r)
        upper = _min(high, hi_r)
        if lower is not None and upper is not None and lower > upper:
            fail(
                f"the {kind} distribution on [{plain(low)}, {plain(high)}] lies outside the range of "
                f"{self.name}, [{plain(lo_r)}, {plain(hi_r)}]"
            )
        m = Marginal(name=self.name, kind=kind, numbers=numbers, lower=lower, upper=upper, stated=stated)
        if m.mass() <= 1e-12:
            fail(f"the {kind} distribution puts (almost) no probability inside the range of {self.name}")
        return m

    def to_dict(self) -> dict[str, Any]:
        return {"distribution": self.kind, **{k: str(q) for k, q in self.numbers.items()}}


def _max(a, b):
    return b if a is None else a if b is None else max(a, b)


def _min(a, b):
    return b if a is None else a if b is None else min(a, b)


@dataclass(frozen=True)
class Marginal:
    """A realised distribution of one parameter: its kind, its numbers, the range it is truncated to.

    ``lower`` and ``upper`` are the bounds of the truncated distribution
    (None: unbounded, a normal belief on a parameter without a range).
    ``stated`` says whether the file's ``[uncertainty]`` table stated it or
    it is the command's default.

    Examples
    --------
    >>> from fractions import Fraction as F
    >>> import numpy as np
    >>> m = Marginal(name="T", kind="uniform", numbers={"low": F(9, 10), "high": F(11, 10)}, lower=F(9, 10), upper=F(1))
    >>> m.describe()
    'uniform on [0.9, 1.1], truncated to [0.9, 1]'
    >>> m.ppf(np.array([0.0, 0.5, 1.0])).tolist()
    [0.9, 0.95, 1.0]
    """

    name: str
    kind: str
    numbers: Mapping[str, Fraction]
    lower: Fraction | None
    upper: Fraction | None
    stated: bool = True

    @property
    def fixed(self) -> bool:
        return self.kind == "fixed"

    def _frozen(self):
        """The scipy distribution before truncation (None for uniform and fixed, handled directly)."""
        from scipy import stats

        g = {k: float(q) for k, q in self.numbers.items()}
        if self.kind == "triangular":
            width = g["high"] - g["low"]
            return stats.triang((g["mode"] - g["low"]) / width, loc=g["low"], scale=width)
        if self.kind == "normal":
            return stats.norm(loc=g["mean"], scale=g["sd"])
        if self.kind == "beta":
            return stats.beta(g["alpha"], g["beta"], loc=g["low"], scale=g["high"] - g["low"])
        return None

    def _cdf_bounds(self, dist):
        import math

        lo = -math.inf if self.lower is None else float(self.lower)
        hi = math.inf if self.upper is None else float(self.upper)
        return lo, hi, float(dist.cdf(lo)), float(dist.cdf(hi))

    def mass(self) -> float:
        """The probability the untruncated distribution puts inside the range."""
        if self.kind in ("fixed", "uniform"):
            if self.kind == "fixed":
                return 1.0
            low, high = self.numbers["low"], self.numbers["high"]
            return float((self.upper - self.lower) / (high - low))
        if self.kind == "normal":
            from scipy import stats

            g = {k: float(q) for k, q in self.numbers.items()}
            lo, hi, _, _ = self._cdf_bounds(stats.norm(g["mean"], g["sd"]))
            return float(stats.norm.sf((lo - g["mean"]) / g["sd"]) - stats.norm.sf((hi - g["mean"]) / g["sd"]))
        dist = self._frozen()
        _, _, a, b = self._cdf_bounds(dist)
        return b - a

    def ppf(self, u):
        """The truncated distribution's quantiles at ``u`` (an array in [0, 1]), as floats."""
        import numpy as np

        u = np.asarray(u, dtype=float)
        if self.kind == "fixed":
            return np.full(u.shape, float(self.numbers["value"]))
        if self.kind == "uniform":
            lo, hi = float(self.lower), float(self.upper)
            return lo + u * (hi - lo)
        if self.kind == "normal":
            from scipy import stats

            g = {k: float(q) for k, q in self.numbers.items()}
            lo, hi, _, _ = self._cdf_bounds(stats.norm(g["mean"], g["sd"]))
            a, b = (lo - g["mean"]) / g["sd"], (hi - g["mean"]) / g["sd"]
            out = stats.truncnorm.ppf(u, a, b, loc=g["mean"], scale=g["sd"])
        else:
            dist = self._frozen()
            _, _, a, b = self._cdf_bounds(dist)
            out = dist.ppf(a + u * (b - a))
        lo = -np.inf if self.lower is None else float(self.lower)
        hi = np.inf if self.upper is None else float(self.upper)
        return np.clip(out, lo, hi)

    def describe(self) -> str:
        """``uniform on [0.9, 1.1], truncated to [0.9, 1]``, ``normal (mean 0.5, sd 0.05)``."""
        g = {k: plain(q) for k, q in self.numbers.items()}
        if self.kind == "fixed":
            return f"fixed at {g['value']}"
        if self.kind == "uniform":
            text = f"uniform on [{g['low']}, {g['high']}]"
            inside = (self.lower, self.upper) == (self.numbers["low"], self.numbers["high"])
        elif self.kind == "triangular":
            text = f"triangular on [{g['low']}, {g['high']}], mode {g['mode']}"
            inside = (self.lower, self.upper) == (self.numbers["low"], self.numbers["high"])
        elif self.kind == "normal":
            text = f"normal (mean {g['mean']}, sd {g['sd']})"
            inside = self.lower is None and self.upper is None
        else:
            text = f"beta({g['alpha']}, {g['beta']}) on [{g['low']}, {g['high']}]"
            inside = (self.lower, self.upper) == (self.numbers["low"], self.numbers["high"])
        if not inside:
            text += f", truncated to [{plain(self.lower) if self.lower is not None else '-inf'}, " \
                    f"{plain(self.upper) if self.upper is not None else 'inf'}]"
        return text

    def to_dict(self) -> dict[str, Any]:
        return {
            "distribution": self.kind,
            **{k: str(q) for k, q in self.numbers.items()},
            "truncated_to": [None if self.lower is None else str(self.lower),
                             None if self.upper is None else str(self.upper)],
            "stated": self.stated,
            "description": self.describe(),
        }


@dataclass(frozen=True)
class Beliefs:
    """The joint distribution of the parameters: independent marginals, some of them fixed.

    Attributes
    ----------
    marginals : tuple of Marginal
        One per parameter of the model, in the model's order.
    default : str
        What a parameter the file's table does not name gets: ``"±10% of its
        value"`` or ``"its range"``.
    """

    marginals: tuple[Marginal, ...]
    default: str

    @property
    def drawn(self) -> tuple[Marginal, ...]:
        """The marginals that are not fixed."""
        return tuple(m for m in self.marginals if not m.fixed)

    @property
    def names(self) -> tuple[str, ...]:
        """The drawn parameters, in order."""
        return tuple(m.name for m in self.drawn)

    @property
    def fixed(self) -> dict[str, Fraction]:
        """The parameters held at their value."""
        return {m.name: m.numbers["value"] for m in self.marginals if m.fixed}

    def transform(self, U):
        """Parameter values from uniform numbers ``U`` (shape ``(n, len(names))``), rounded to :data:`DIGITS` decimals.

        Returns a dict ``name -> float array``; inside each parameter's range.
        """
        import numpy as np

        U = np.asarray(U, dtype=float)
        out = {}
        for k, m in enumerate(self.drawn):
            x = np.round(m.ppf(U[:, k]), DIGITS)
            lo = -np.inf if m.lower is None else float(m.lower)
            hi = np.inf if m.upper is None else float(m.upper)
            out[m.name] = np.clip(x, lo, hi)
        return out

    def draw(self, n: int, rng):
        """``n`` independent draws: a dict ``name -> float array`` (the drawn parameters only)."""
        return self.transform(rng.random((n, len(self.names))))

    def exact(self, values: Mapping[str, Any], q: int) -> dict[str, Fraction]:
        """Draw ``q`` of ``values`` (from :meth:`transform`) as exact numbers, inside each range."""
        out = {}
        for m in self.drawn:
            v = to_fraction(float(values[m.name][q]))
            if m.lower is not None:
                v = max(v, m.lower)
            if m.upper is not None:
                v = min(v, m.upper)
            out[m.name] = v
        return out

    def describe(self) -> list[tuple[str, str, bool]]:
        """``(name, description, stated)`` for every parameter."""
        return [(m.name, m.describe(), m.stated) for m in self.marginals]

    def to_dict(self) -> dict[str, Any]:
        return {"default": self.default, "parameters": {m.name: m.to_dict() for m in self.marginals}}


def _number(raw, source, where) -> Fraction:
    if isinstance(raw, bool) or not isinstance(raw, (int, float, str)) and type(raw).__name__ != "Decimal":
        raise InputError(f"expected a number, found {raw!r}", source=source, where=where)
    try:
        return to_fraction(raw, where=where)
    except InputError as err:
        raise err.located(source=source) from None


def read_uncertainty(table: Mapping[str, Any] | None, parameters: Mapping[str, Any], source: str | None = None
                     ) -> dict[str, BeliefSpec]:
    """Check an ``[uncertainty]`` table and read it: parameter name -> :class:`BeliefSpec`.

    Every entry is realised against its parameter (value and range), so that
    a distribution that puts no probability inside the range is an error at
    load time.

    Raises
    ------
    InputError
        Naming the entry: ``uncertainty.T.sd: expected a positive number``.

    Examples
    --------
    >>> from bargaining.model import Parameter
    >>> from fractions import Fraction as F
    >>> params = {"T": Parameter("T", F(1), F(0), F(1))}
    >>> spec = read_uncertainty({"T": {"distribution": "normal", "sd": 0.1}}, params)["T"]
    >>> spec.marginal(params["T"]).describe()
    'normal (mean 1, sd 0.1), truncated to [0, 1]'
    >>> read_uncertainty({"T": {"distribution": "lognormal"}}, params)  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    bargaining.errors.InputError: uncertainty.T.distribution: unknown distribution 'lognormal'; ...
    """
    if table is None:
        return {}
    if not isinstance(table, Mapping):
        raise InputError(f"expected a table, found {type(table).__name__}", source=source, where="uncertainty")
    out = {}
    for name, entry in table.items():
        where = f"uncertainty.{name}"
        if name not in parameters:
            known = ", ".join(parameters) or "none"
            raise InputError(f"{name!r} is not a parameter; parameters: {known}", source=source, where=where)
        if isinstance(entry, str):
            entry = {"distribution": entry}
        if not isinstance(entry, Mapping):
            raise InputError('expected a table such as { distribution = "normal", sd = 0.05 }', source=source,
                             where=where)
        kind = entry.get("distribution")
        if kind not in KINDS:
            found = "none" if kind is None else repr(kind)
            raise InputError(f"unknown distribution {found}; distributions: {', '.join(KINDS)}", source=source,
                             where=f"{where}.distribution")
        keys = KINDS[kind]
        numbers = {}
        for key, raw in entry.items():
            if key == "distribution":
                continue
            if key not in keys:
                takes = ", ".join(keys) or "no numbers"
                raise InputError(f"a {kind} distribution takes {takes}; found {key!r}", source=source,
                                 where=f"{where}.{key}")
            numbers[key] = _number(raw, source, f"{where}.{key}")
        positive = {"sd", "alpha", "beta"}
        for key in positive & set(numbers):
            if numbers[key] <= 0:
                raise InputError(f"expected a positive number, found {plain(numbers[key])}", source=source,
                                 where=f"{where}.{key}")
        if "spread" in numbers:
            if not 0 <= numbers["spread"] < 1:
                raise InputError(f"expected a spread from 0 up to (not including) 1, found {plain(numbers['spread'])}",
                                 source=source, where=f"{where}.spread")
            if {"low", "high"} & set(numbers):
                raise InputError("give low and high, or spread, not both", source=source, where=where)
        for key in {"normal": ("sd",), "beta": ("alpha", "beta")}.get(kind, ()):
            if key not in numbers:
                raise InputError(f"a {kind} distribution needs {key}", source=source, where=where)
        spec = BeliefSpec(name=name, kind=kind, numbers=numbers)
        spec.marginal(parameters[name], source=source)
        out[name] = spec
    return out


def beliefs(model, *, default: str = "spread", spread=DEFAULT_SPREAD) -> Beliefs:
    """The joint distribution of a model's parameters: its ``[uncertainty]`` table, and a default for the rest.

    Parameters
    ----------
    model : bargaining.model.Model
    default : str
        For a parameter the table does not name: ``"spread"`` (uniform
        ``±spread`` of its value, truncated to its range; a value of 0 stays 0)
        or ``"range"`` (uniform over its range; held at its value when it has
        none).
    spread : number
        The relative spread of the default ``"spread"``.

    Examples
    --------
    >>> from bargaining.io.gamefile import load_model
    >>> b = beliefs(load_model("games/taiwan_crisis.toml"))
    >>> b.marginals[0].describe()
    'uniform on [0.9, 1.1], truncated to [0.9, 1]'
    >>> beliefs(load_model("games/baseline.toml"), default="range").marginals[0].describe()
    'uniform on [0, 1]'
    """
    try:
        s = to_fraction(spread, where="spread")
    except InputError:
        raise InputError(f"expected a number for the spread, found {spread!r}", where="spread") from None
    if not 0 <= s < 1:
        raise InputError(f"expected a spread from 0 up to (not including) 1, found {plain(s)}", where="spread")
    if default not in ("spread", "range"):
        raise InputError(f"expected the default 'spread' or 'range', found {default!r}", where="default")
    stated = dict(getattr(model, "uncertainty", {}) or {})
    out = []
    for name, p in model.parameters.items():
        spec = stated.get(name)
        if spec is not None:
            out.append(spec.marginal(p, source=model.source))
            continue
        if default == "range":
            if p.min is None or p.max is None or p.min == p.max:
                out.append(BeliefSpec(name, "fixed").marginal(p, stated=False))
            else:
                out.append(BeliefSpec(name, "uniform").marginal(p, stated=False))
        else:
            out.append(BeliefSpec(name, "uniform", {"spread": s}).marginal(p, source=model.source, stated=False))
    text = "its range" if default == "range" else f"±{plain(s * 100)}% of its value"
    return Beliefs(marginals=tuple(out), default=text)
