r"""Calibrating the asymmetry parameter ``a`` from capabilities data.

The model's capability asymmetry between China (C) and Russia (R) is

.. math:: a = \frac{C - R}{C + R} \in [-1, 1],

0 for equals and 1 when Russia's share vanishes. Which measure of capability
to use is a choice, and it matters (docs/how-to/scenarios.md):

- **CINC** (Composite Index of National Capability; Singer, Bremer and
  Stuckey 1972), 2016, from the Correlates of War *National Material
  Capabilities* data v6.0: the average of six shares (military spending and
  personnel, iron and steel, energy, total and urban population). It counts
  China's population and heavy industry in full: :math:`a \approx 0.727`.
- **Military expenditure**, NMC 2016 (:math:`a \approx 0.513`) or SIPRI 2023
  (:math:`a \approx 0.462`): spending alone.
- **Military personnel**, NMC 2016 (:math:`a \approx 0.490`).
- **GDP**, World Bank 2020 (:math:`a \approx 0.817`): economic weight.

The data ship with the package (``bargaining/data/capabilities.csv``, one row
per indicator with its unit, year, source, confidence and address) and are
read through :func:`bargaining.io.files.package_text`. :func:`asymmetry` gives ``a`` exactly
from a basis; :func:`calibrate` solves a game once per basis so that the
effect of the choice can be seen.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from fractions import Fraction
from functools import cache
from types import MappingProxyType
from typing import Any, Mapping

from bargaining.analysis.scenarios import ScenarioResult, equilibrium_set, scenario, treaty_margins
from bargaining.errors import InputError
from bargaining.io.files import package_text
from bargaining.model import Model
from bargaining.solution import number_to_json
from bargaining.statics.boundaries import along, linear_root

__all__ = [
    "Indicator",
    "indicators",
    "asymmetry",
    "Calibration",
    "CalibrationRow",
    "SigningThreshold",
    "calibrate",
    "treaty_thresholds",
    "DEFAULT_BASIS",
]

#: The basis the baseline's ``a = 0.73`` comes from.
DEFAULT_BASIS = "cinc"

_DESCRIPTIONS = {
    "cinc": "CINC composite capability index",
    "milex_nmc": "military expenditure (NMC)",
    "milper_nmc": "military personnel (NMC)",
    "milex_sipri": "military expenditure (SIPRI)",
    "gdp_wb": "GDP (World Bank)",
}


@dataclass(frozen=True, kw_only=True)
class Indicator:
    """One row of the capabilities data.

    Attributes
    ----------
    key : str
        The basis name (``cinc``, ``milex_sipri``, ...).
    year : int
    unit : str
    values : Mapping[str, Fraction]
        Country name to value, exact.
    source, confidence, url : str
    """

    key: str
    year: int
    unit: str
    values: Mapping[str, Fraction]
    source: str
    confidence: str
    url: str = ""

    def __post_init__(self):
        object.__setattr__(self, "values", MappingProxyType(dict(self.values)))

    @property
    def description(self) -> str:
        return f"{_DESCRIPTIONS.get(self.key, self.key)}, {self.year}"

    def asymmetry(self, stronger: str = "China", weaker: str = "Russia") -> Fraction:
        """``(stronger - weaker) / (stronger + weaker)``, exactly."""
        c, r = self.values[stronger], self.values[weaker]
        return (c - r) / (c + r)

    def to_dict(self) -> dict[str, Any]:
        return {
            "basis": self.key,
            "description": self.description,
            "year": self.year,
            "unit": self.unit,
            "values": {k: str(v) for k, v in self.values.items()},
            "source": self.source,
            "confidence": self.confidence,
            "url": self.url,
        }


_COUNTRIES = ("USA", "China", "Russia")


@cache
def indicators() -> Mapping[str, Indicator]:
    """The capabilities data shipped with the package, by basis name, in file order.

    Examples
    --------
    >>> list(indicators())
    ['cinc', 'milex_nmc', 'milper_nmc', 'milex_sipri', 'gdp_wb']
    >>> indicators()["cinc"].values["China"]
    Fraction(11531, 50000)
    """
    text = package_text("data/capabilities.csv")
    out = {}
    for row in csv.DictReader(io.StringIO(text)):
        out[row["indicator"]] = Indicator(
            key=row["indicator"],
            year=int(row["year"]),
            unit=row["unit"],
            values={c: Fraction(row[c]) for c in _COUNTRIES},
            source=row["source"],
            confidence=row["confidence"],
            url=row.get("url", "") or "",
        )
    return MappingProxyType(out)


def asymmetry(basis: str = DEFAULT_BASIS) -> Fraction:
    """The asymmetry ``a = (C - R) / (C + R)`` of China over Russia on a basis, exactly.

    Parameters
    ----------
    basis : str
        One of the names of :func:`indicators`: ``cinc`` (default),
        ``milex_nmc``, ``milper_nmc``, ``milex_sipri``, ``gdp_wb``.

    Returns
    -------
    Fraction

    Raises
    ------
    InputError
        For an unknown basis; the message lists the known ones.

    Examples
    --------
    >>> [round(float(asymmetry(b)), 3) for b in ("cinc", "milex_nmc", "milex_sipri", "gdp_wb")]
    [0.727, 0.513, 0.462, 0.817]
    """
    data = indicators()
    if basis not in data:
        raise InputError(f"unknown basis {basis!r}; bases: {', '.join(data)}", where="basis")
    return data[basis].asymmetry()


def rounded(q: Fraction, digits: int = 3) -> Fraction:
    """``q`` rounded to ``digits`` decimals (ties to even), as an exact Fraction."""
    scale = 10**digits
    return Fraction(round(q * scale), scale)


@dataclass(frozen=True, kw_only=True)
class CalibrationRow:
    """The game solved with ``a`` from one basis (``basis`` None: the file's own value)."""

    basis: str | None
    indicator: Indicator | None
    exact_value: Fraction
    value: Fraction
    result: ScenarioResult

    def to_dict(self) -> dict[str, Any]:
        r = self.result
        sol = r.solution
        return {
            "basis": self.basis,
            "description": "the file's own value" if self.indicator is None else self.indicator.description,
            "source": None if self.indicator is None else self.indicator.source,
            "exact_value": str(self.exact_value),
            "value": number_to_json(self.value),
            "equilibria": list(r.equilibria),
            "equilibrium_set": list(equilibrium_set(sol)),
            "selected": r.selected,
            "selection_rule": sol.selection_rule,
            "treaty_is_equilibrium": r.treaty_is_equilibrium,
            "treaty_blocked_by": [sol.game.players[p] for p in r.blockers],
        }


@dataclass(frozen=True, kw_only=True)
class SigningThreshold:
    """Where a player's willingness to sign the treaty flips as one parameter moves.

    Attributes
    ----------
    player : int
    value : Fraction
        The parameter value at which the player's treaty margin is zero.
    signs_below : bool
        True when the player signs for values up to ``value`` (and refuses
        above it); False for the reverse.
    """

    player: int
    value: Fraction
    signs_below: bool = True

    def to_dict(self, game) -> dict[str, Any]:
        return {"player": game.players[self.player], "value": str(self.value), "signs_below": self.signs_below}


def treaty_thresholds(model: Model, parameter: str = "a") -> tuple[SigningThreshold, ...]:
    """Each player's threshold in ``parameter`` for signing the treaty, other parameters fixed.

    A player's *treaty margin* (:func:`bargaining.analysis.scenarios.treaty_margins`)
    is computed at five points of the parameter's range, and where it changes
    sign the boundary engine (:func:`bargaining.statics.boundaries.along`)
    locates the change: a linear margin's root, checked to give a margin of
    exactly zero, is the threshold. Players whose margin does not change sign
    in the range, or whose change cannot be located exactly, get no threshold. In the alliance model
    Russia's margin is ``(1 - lam)(T - w_R) - e_R - r - j a``, so the
    threshold is the asymmetry ceiling of docs/explanation/model.md.

    Examples
    --------
    >>> from bargaining.io.gamefile import load_model
    >>> [(t.player, str(t.value), t.signs_below) for t in treaty_thresholds(load_model("games/junior_partner.toml"))]
    [(0, '3/4', True)]
    """
    p = model.parameters.get(parameter)
    if p is None:
        raise InputError(f"no parameter {parameter!r}", source=model.source, where="calibration parameter")
    lo, hi, _ = p.span()
    if lo == hi:
        return ()

    def margins(v):
        return treaty_margins(model.with_values({parameter: v}, where="calibration parameter").game())

    points = [lo + (hi - lo) * Fraction(k, 4) for k in range(5)]
    values = [margins(v) for v in points]
    if values[0] is None:
        return ()
    out = []
    for player in range(2):

        def signs(v, player=player):
            return margins(v)[player] >= 0

        def root(a, b, player=player):
            ma, mb = margins(a)[player], margins(b)[player]
            q = a if ma == 0 else b if mb == 0 else linear_root(a, ma, b, mb)
            if q is not None and margins(q)[player] == 0:
                yield q, "the margin is linear here and exactly zero at its root"

        profile = along(points, [v[player] >= 0 for v in values], signs, candidates=root)
        for b in profile.boundaries:
            if b.exact:  # only a threshold checked exactly is reported as one
                out.append(SigningThreshold(player=player, value=b.value, signs_below=bool(b.left)))
    return tuple(out)


@dataclass(frozen=True, kw_only=True)
class Calibration:
    """One game solved with ``parameter`` set from each basis of the capabilities data."""

    source: str
    title: str
    parameter: str
    digits: int
    reference: CalibrationRow
    rows: tuple[CalibrationRow, ...]
    thresholds: tuple[SigningThreshold, ...] = ()

    def row(self, basis: str) -> CalibrationRow:
        for r in self.rows:
            if r.basis == basis:
                return r
        raise InputError(f"no row for basis {basis!r}; bases: {', '.join(r.basis for r in self.rows)}", where="basis")

    def to_dict(self) -> dict[str, Any]:
        return {
            "file": self.source,
            "title": self.title,
            "parameter": self.parameter,
            "rounded_to_decimals": self.digits,
            "file_value": self.reference.to_dict(),
            "bases": [r.to_dict() for r in self.rows],
            "treaty_thresholds": [t.to_dict(self.reference.result.solution.game) for t in self.thresholds],
            "data": [ind.to_dict() for ind in indicators().values()],
        }


def calibrate(
    model: Model, bases=None, *, parameter: str = "a", digits: int = 3, method: str = "exact"
) -> Calibration:
    """Solve ``model`` with ``parameter`` set from each basis of the capabilities data.

    The value is rounded to ``digits`` decimals, so that ``--set a=0.727`` on
    the command line reproduces a row exactly.

    Parameters
    ----------
    model : Model
    bases : sequence of str, optional
        The bases to use (default: all of them).
    parameter : str
        The model's asymmetry parameter.
    digits : int
    method : str

    Returns
    -------
    Calibration

    Examples
    --------
    Under junior_partner, the basis decides whether Russia accepts a treaty:

    >>> from bargaining.io.gamefile import load_model
    >>> c = calibrate(load_model("games/junior_partner.toml"))
    >>> [(r.basis, str(float(r.value)), r.result.treaty_text()) for r in c.rows]  # doctest: +NORMALIZE_WHITESPACE
    [('cinc', '0.727', 'yes'), ('milex_nmc', '0.513', 'yes'), ('milper_nmc', '0.49', 'yes'),
     ('milex_sipri', '0.462', 'yes'), ('gdp_wb', '0.817', 'no: Russia blocks')]
    """
    if parameter not in model.parameters:
        known = ", ".join(model.parameters) or "none"
        raise InputError(
            f"the game has no parameter {parameter!r} to calibrate; parameters: {known}",
            source=model.source,
            where="calibration parameter",
        )
    names = list(indicators()) if not bases else list(bases)
    own = model.parameters[parameter].value
    reference = CalibrationRow(
        basis=None, indicator=None, exact_value=own, value=own, result=scenario(model, method=method)
    )
    rows = []
    for basis in names:
        exact_value = asymmetry(basis)
        value = rounded(exact_value, digits)
        m = model.with_values({parameter: value}, where=f"calibration {basis}")
        rows.append(
            CalibrationRow(
                basis=basis,
                indicator=indicators()[basis],
                exact_value=exact_value,
                value=value,
                result=scenario(m, method=method),
            )
        )
    return Calibration(
        source=model.source,
        title=model.title,
        parameter=parameter,
        digits=digits,
        reference=reference,
        rows=tuple(rows),
        thresholds=treaty_thresholds(model, parameter),
    )
