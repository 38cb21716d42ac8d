"""Sweeps of a game tree: its subgame-perfect outcomes over a grid of one or two parameters, exactly.

At every grid point the tree is evaluated exactly and solved by backward
induction over subgames (:func:`bargaining.solvers.tree.backward_induction`);
the *answer* there is the set of outcomes its subgame-perfect equilibria end
in (each an outcome's reading; with chance or mixing, the ends that play can
reach, joined by "or", whatever their probabilities). Along one parameter the regimes and the boundaries
between them come from :func:`bargaining.statics.boundaries.along`, the one engine for where an
answer changes: between two grid points with different answers it bisects with
exact solves, so a boundary is bracketed to ``precision`` or found exactly.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from itertools import product
from typing import Any, Callable, Sequence

from bargaining.errors import InputError
from bargaining.numbers import exact, number_to_json, to_fraction
from bargaining.statics.boundaries import Profile, along, simplest_between

__all__ = ["TreePoint", "TreeSweep", "parse_axis", "spe_outcomes", "sweep_tree"]


def parse_axis(spec: str, model) -> tuple[str, tuple[Fraction, ...]]:
    """``"T=0:1:11"`` -> ``("T", (0, 1/10, ..., 1))``: exact, evenly spaced values of a parameter of ``model``."""
    name, sep, rest = spec.partition("=")
    name = name.strip()
    parts = rest.split(":")
    if not sep or len(parts) != 3:
        raise InputError(f"expected NAME=START:STOP:NUM, found {spec!r}", where="axis")
    if name not in model.parameters:
        raise InputError(f"unknown parameter {name!r}; known parameters: {', '.join(model.parameters)}",
                         where=f"axis {name}")
    start = to_fraction(parts[0], where=f"axis {name} START")
    stop = to_fraction(parts[1], where=f"axis {name} STOP")
    try:
        num = int(parts[2])
    except ValueError:
        raise InputError(f"expected a whole number of points, found {parts[2]!r}", where=f"axis {name} NUM") from None
    if num < 2:
        raise InputError(f"a sweep needs at least 2 points, found {num}", where=f"axis {name} NUM")
    if stop <= start:
        raise InputError(f"STOP ({exact(stop)}) must exceed START ({exact(start)})", where=f"axis {name}")
    values = tuple(start + (stop - start) * k / (num - 1) for k in range(num))
    for v in (values[0], values[-1]):
        model.parameters[name].check(v, source=model.source or None, where=f"axis {name}")
    return name, values


def spe_outcomes(tree) -> tuple[str, ...]:
    """The outcomes of the subgame-perfect equilibria of ``tree``: readings (or node names), sorted, distinct."""
    from bargaining.solvers.tree import backward_induction

    spe, _ = backward_induction(tree)
    out = set()
    for e in spe:
        # the ends play can reach, not their probabilities: those move with every parameter of a chance node
        out.add(" or ".join(dict.fromkeys(tree.node(o.terminal).label or o.terminal for o in e.play)))
    return tuple(sorted(out))


@dataclass(frozen=True, kw_only=True)
class TreePoint:
    """One grid point: the parameter values and the subgame-perfect outcomes there."""

    values: tuple[Fraction, ...]
    outcomes: tuple[str, ...]


@dataclass(frozen=True, kw_only=True)
class TreeSweep:
    """The subgame-perfect outcomes of a game tree over a grid, with the regimes along one parameter.

    Attributes
    ----------
    source, title : str
    axes : tuple of (name, values)
    points : tuple of TreePoint
        In grid order (the last axis fastest).
    profile : Profile or None
        Along one parameter: the regimes (runs of the same outcomes) and
        their boundaries.
    method, exact
    """

    source: str
    title: str
    axes: tuple[tuple[str, tuple[Fraction, ...]], ...]
    points: tuple[TreePoint, ...]
    profile: Profile | None = None
    method: str = "backward induction over subgames at every point (exact); boundaries by exact bisection"
    exact: bool = True

    def to_dict(self) -> dict[str, Any]:
        names = [a for a, _ in self.axes]
        out: dict[str, Any] = {
            "file": self.source,
            "title": self.title,
            "axes": {a: [number_to_json(v) for v in vals] for a, vals in self.axes},
            "points": [
                {**{a: number_to_json(v) for a, v in zip(names, p.values)}, "outcomes": list(p.outcomes)}
                for p in self.points
            ],
            "method": self.method,
            "exact": self.exact,
        }
        if self.profile is not None:
            out["regimes"] = [
                {"outcomes": list(r.answer), "from": number_to_json(r.lower), "to": number_to_json(r.upper)}
                for r in self.profile.regimes
            ]
            out["boundaries"] = [
                {"value": number_to_json(b.value), "exact": b.exact, "how": b.how,
                 "low": number_to_json(b.low), "high": number_to_json(b.high)}
                for b in self.profile.boundaries
            ]
        return out

    def to_pandas(self):
        """One row per grid point and outcome: the varied parameters and ``outcome``."""
        import pandas as pd

        names = [a for a, _ in self.axes]
        rows = [
            {**{a: float(v) for a, v in zip(names, p.values)}, "outcome": o} for p in self.points for o in p.outcomes
        ]
        return pd.DataFrame(rows, columns=names + ["outcome"])


def sweep_tree(model, specs: Sequence[str], *, progress: Callable[[int, int], None] | None = None,
               precision: float = 1e-12) -> TreeSweep:
    """Solve a :class:`~bargaining.tree.TreeModel` exactly at every point of a grid of one or two parameters.

    Examples
    --------
    >>> from bargaining.io.gamefile import load_model
    >>> s = sweep_tree(load_model("games/treaty_proposal.toml"), ["T=0.6:1:5"])
    >>> [(str(r.lower), str(r.upper), r.answer) for r in s.profile.regimes]
    [('3/5', '111/125', ('deep alignment without a treaty',)),
     ('111/125', '1', ('a military alliance: both sign a mutual-defence treaty',))]
    """
    if not 1 <= len(specs) <= 2:
        raise InputError(f"a sweep varies one or two parameters, found {len(specs)}", where="axis")
    axes = tuple(parse_axis(s, model) for s in specs)
    if len(axes) == 2 and axes[0][0] == axes[1][0]:
        raise InputError(f"{axes[0][0]} is varied twice", where=f"axis {axes[0][0]}")
    names = [a for a, _ in axes]

    def answer(values) -> tuple[str, ...]:
        return spe_outcomes(model.tree(dict(zip(names, values))))

    grid = list(product(*(vals for _, vals in axes)))
    points = []
    for k, values in enumerate(grid):
        points.append(TreePoint(values=tuple(values), outcomes=answer(values)))
        if progress is not None:
            progress(k + 1, len(grid))
    profile = None
    if len(axes) == 1:
        # a tie between two regimes often sits at a simple fraction (T = 3/10): try it first
        answers = [p.outcomes for p in points]
        # a grid point holding both neighbours' outcomes (and more than either) is a tie between two regimes
        own = [
            0 < k < len(answers) - 1
            and answers[k] not in (answers[k - 1], answers[k + 1])
            and set(answers[k]) >= set(answers[k - 1]) | set(answers[k + 1])
            for k in range(len(answers))
        ]
        profile = along(
            axes[0][1],
            answers,
            lambda t: answer((t,)),
            candidates=lambda lo, hi: [(simplest_between(lo, hi), "the simplest fraction in the bracket, checked")],
            point_of_its_own=own,
            describe_point=lambda t: "; ".join(answer((t,))),
            precision=precision,
        )
    return TreeSweep(source=model.source, title=model.title, axes=axes, points=tuple(points), profile=profile)
