"""A finished sweep: the solved grid with its regimes (one parameter) or regions (two).

:func:`bargaining.sweep` returns a :class:`Sweep`; the command line's
``sweep`` prints the same thing.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from bargaining.statics.regimes import RegimeReport, RegionReport
from bargaining.statics.sweep import SweepResult

__all__ = ["Sweep"]


@dataclass(frozen=True, kw_only=True)
class Sweep:
    """A sweep's result and what it means along the varied parameters.

    Attributes
    ----------
    result : SweepResult
        The equilibrium set at every grid point (and every equilibrium, when kept).
    report : RegimeReport or RegionReport
        Regimes and exact boundaries along one parameter, or regions over two.
    """

    result: SweepResult
    report: RegimeReport | RegionReport

    @property
    def grid(self):
        return self.result.grid

    @property
    def regimes(self):
        """The regimes along the parameter (one varied parameter only)."""
        return self.report.regimes if isinstance(self.report, RegimeReport) else ()

    @property
    def boundaries(self):
        """The boundaries between regimes (one varied parameter only)."""
        return self.report.boundaries if isinstance(self.report, RegimeReport) else ()

    def boundary_curves(self, *, resolution: int | None = None):
        """The exact boundaries of a two-parameter sweep that are payoff ties.

        See :func:`bargaining.statics.curves.boundary_curves`.

        Empty for a one-parameter sweep, whose boundaries are located exactly already.
        """
        from bargaining.statics.curves import RESOLUTION, boundary_curves

        if len(self.grid.axes) != 2:
            return ()
        return boundary_curves(self.result, resolution=resolution or RESOLUTION)

    def to_pandas(self):
        """The tidy table: one row per grid point and equilibrium (see :meth:`SweepResult.to_pandas`)."""
        return self.result.to_pandas()

    def to_dict(self) -> dict[str, Any]:
        """The grid, the summary, the distinct equilibrium sets, and the regimes or regions."""
        key = "regimes" if isinstance(self.report, RegimeReport) else "regions"
        return {**self.result.to_dict(), key: self.report.to_dict()}
