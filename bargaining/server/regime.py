"""The explorer's regime map: the equilibrium set over a grid of two parameters.

The grid is solved all at once by the sweep machinery of
:mod:`bargaining.statics.sweep` (the vectorised batch solver of :mod:`bargaining.solvers.batch`;
points that floating point cannot decide are solved exactly). Each grid point
gets the code of its *equilibrium set* (the supports of its equilibria,
:class:`bargaining.statics.regimes.EquilibriumSet`); the page colours the codes.
"""

from __future__ import annotations

from typing import Any

from bargaining.model import Model
from bargaining.server.sliders import Slider

__all__ = ["regime_map", "set_colours", "PALETTE", "SIZE", "MAX_SIZE"]

#: Grid points along each axis by default, and at most.
SIZE = 40
MAX_SIZE = 80


#: Colours of equilibrium sets: Okabe and Ito's colour-blind-safe palette, then softer tints.
PALETTE = ("#56B4E9", "#E69F00", "#009E73", "#F0E442", "#CC79A7", "#0072B2", "#D55E00",
           "#999999", "#A6D854", "#8DA0CB", "#FC8D62", "#E5C494")


def set_colours(descriptions: list[str]) -> list[str]:
    """A colour for each equilibrium set, keyed by the set itself, so that a set keeps its colour everywhere.

    A set's colour is chosen by a checksum of its description (CRC-32: the
    same in every process and on every machine, unlike ``hash``); two sets of
    one map that would share a colour are told apart by giving the later one
    (in sorted order) the next free colour, so a set keeps its colour across
    maps except where it collides with another set of the same map.

    Examples
    --------
    >>> set_colours(["(align, align)", "(hedge, hedge)"]) == set_colours(["(hedge, hedge)", "(align, align)"])[::-1]
    True
    >>> len(set(set_colours([f"set {k}" for k in range(12)])))
    12
    """
    import zlib

    taken: dict[str, str] = {}
    used: set[str] = set()
    for d in sorted(set(descriptions)):
        k = zlib.crc32(d.encode("utf-8")) % len(PALETTE)
        for step in range(len(PALETTE)):
            colour = PALETTE[(k + step) % len(PALETTE)]
            if colour not in used or len(used) >= len(PALETTE):
                break
        taken[d] = colour
        used.add(colour)
    return [taken[d] for d in descriptions]


def regime_map(model: Model, x: Slider, y: Slider, size: int = SIZE) -> dict[str, Any]:
    """The equilibrium set at every point of a ``size`` x ``size`` grid over two parameters.

    The other parameters keep the model's values; each axis spans its slider's range.

    Returns
    -------
    dict
        ``codes[r][c]``: the set at ``y`` index ``r`` and ``x`` index ``c``;
        ``sets``: each set's description (by code), and how many points it covers;
        ``current``: the description of the exact equilibrium set at the model's own values.

    Examples
    --------
    >>> from bargaining.io.gamefile import load_model
    >>> from bargaining.server.sliders import slider
    >>> m = load_model("games/baseline.toml")
    >>> out = regime_map(m, slider(m.parameters["T"]), slider(m.parameters["a"]), size=11)
    >>> [s["description"] for s in out["sets"]][:3]   # T = 0.3 lies on the grid: both are equilibria there
    ['(hedge, hedge)', '(align, hedge), (hedge, hedge)', '(align, hedge)']
    >>> out["current"]
    '(align, align)'
    """

    import numpy as np

    from bargaining.solvers.registry import solve
    from bargaining.statics.grid import Axis, Grid
    from bargaining.statics.sweep import run_sweep

    grid = Grid(model, (Axis(y.name, y.min, y.max, size, y.label), Axis(x.name, x.min, x.max, size, x.label)))
    result = run_sweep(grid)
    codes = result.codes  # (y index, x index)
    counts = np.bincount(codes.ravel(), minlength=len(result.sets))
    players, strategies = model.players, model.strategies
    current = solve(model.game()).equilibrium_set().describe(players, strategies)
    return {
        "x": _axis(x, grid.axes[1]),
        "y": _axis(y, grid.axes[0]),
        "size": size,
        "codes": codes.tolist(),
        "sets": [
            {
                "code": k,
                "description": s.describe(players, strategies),
                "short": s.describe(players, strategies, short=True),
                "points": int(counts[k]),
                "colour": colour,
            }
            for (k, s), colour in zip(
                enumerate(result.sets), set_colours([s.describe(players, strategies) for s in result.sets])
            )
        ],
        "current": current,
        "point": {"x": float(model.parameters[x.name].value), "y": float(model.parameters[y.name].value)},
        "exact_points": int(result.exact.sum()),
        "degenerate_points": int(result.degenerate.sum()),
        "method": "batch (floating point, certified; undecided points solved exactly)",
    }


def _axis(s: Slider, axis) -> dict[str, Any]:
    return {
        "name": s.name,
        "label": s.label,
        "min": float(s.min),
        "max": float(s.max),
        "values": [float(v) for v in axis.values()],
    }
