"""The explorer's regime map: the equilibrium set over a grid of two parameters.

The grid is solved all at once by the sweep machinery of
:mod:`bargaining.statics.sweep` (the vectorised batch solver of :mod:`bargaining.solvers.batch`;
points that floating point cannot decide are solved exactly). Each grid point
gets the code of its *equilibrium set* (the supports of its equilibria,
:class:`bargaining.statics.regimes.EquilibriumSet`); the page colours the codes
with the colours of :mod:`bargaining.render.palette`, keyed by the set itself
(the regime maps and bifurcation diagrams of ``sweep --plot`` use the same).
"""

from __future__ import annotations

from typing import Any

from bargaining.model import Model
from bargaining.render.palette import PALETTE, colour_of, set_colours, set_key
from bargaining.server.sliders import Slider

__all__ = ["regime_map", "set_colours", "PALETTE", "SIZE", "MAX_SIZE"]

#: Grid points along each axis by default, and at most.
SIZE = 40
MAX_SIZE = 80


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
    keys = [set_key(s, strategies) for s in result.sets]
    # the sets of the regions take their colours first; a set met only at degenerate points takes one left over
    regular = np.bincount(codes[~result.degenerate].ravel(), minlength=len(result.sets)) > 0
    colour = colour_of([k for k, r in zip(keys, regular) if r], [k for k, r in zip(keys, regular) if not r])
    current = solve(model.game()).equilibrium_set().describe(players, strategies)
    return {
        "x": _axis(x, grid.axes[1]),
        "y": _axis(y, grid.axes[0]),
        "size": size,
        "codes": codes.tolist(),
        "sets": [
            {
                "code": k,
                "key": key,
                "description": s.describe(players, strategies),
                "short": s.describe(players, strategies, short=True),
                "points": int(counts[k]),
                "colour": colour[key],
                "degenerate_only": not bool(regular[k]),
            }
            for (k, s), key in zip(enumerate(result.sets), keys)
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
