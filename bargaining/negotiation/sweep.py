"""How the bargained shares move with a parameter: bargaining solutions over a grid.

At each value ``t`` of one parameter on an exact grid (``NAME=START:STOP:NUM``,
parsed by :func:`bargaining.statics.grid.parse_axis`) the bargaining problem of the
model at ``t`` is built (:func:`bargaining.negotiation.from_game.bargaining_setup`)
and the chosen solutions are applied, all in exact arithmetic where the
solution is exact.

Where an agreement starts or stops existing between two grid points, the
switch is located exactly when that is easy: with transfers an agreement
exists iff the surplus ``S(t) = max_k (u1_k + u2_k) - d1 - d2`` is positive
(Nash 1953; the design note's treaty condition), and when the disagreement
point is a fixed profile or fixed numbers, each ``u1_k + u2_k - d1 - d2`` is a
formula in ``t``. If every one of them is a polynomial whose roots in the
bracket are rational, ``S`` keeps its sign between consecutive roots and the
switch is the root where ``S`` reaches 0. Otherwise (no transfers, the
disagreement point an equilibrium that may change with ``t``, irrational
roots) the switch is reported between the two grid points only.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from bargaining.errors import InputError
from bargaining.negotiation.solutions import BargainingSolution

__all__ = ["BargainSweep", "SweepPoint", "Switch", "bargain_sweep", "best_joint_gain", "chosen_solutions"]


def _num(x) -> str:
    return str(x) if isinstance(x, Fraction) else repr(float(x))


def chosen_solutions(setup, solution: str = "all") -> tuple[BargainingSolution, ...]:
    """The solutions the ``bargain`` command reports for a setup.

    ``solution`` is a name of :data:`bargaining.negotiation.SOLUTIONS` or ``"all"``.
    With ``"all"``, the weighted Nash solution is reported beside the
    symmetric one when the bargaining powers differ.

    Examples
    --------
    >>> from bargaining.io.gamefile import load_model
    >>> from bargaining.negotiation.from_game import bargaining_setup
    >>> setup = bargaining_setup(load_model("games/taiwan_crisis.toml"))
    >>> [s.name for s in chosen_solutions(setup)][:2]        # equal power: the weighted solution is the symmetric one
    ['nash', 'kalai-smorodinsky']
    """
    from bargaining.negotiation import SOLUTIONS, solve_bargaining

    if solution != "all":
        SOLUTIONS.lookup(solution)
    names = tuple(SOLUTIONS) if solution == "all" else (solution,)
    if solution == "all" and setup.weights[0] == setup.weights[1]:
        names = tuple(n for n in names if n != "weighted-nash")  # the same as the symmetric one
    return tuple(solve_bargaining(setup.problem, name, **setup.options()) for name in names)


def best_joint_gain(problem) -> tuple[Fraction, tuple[str, ...] | None]:
    """The largest ``u1 + u2 - d1 - d2`` over the outcomes other than the disagreement point, and its outcome.

    Negative when every other outcome is jointly worse (it says how far the
    players are from an agreement); with transfers an agreement exists
    exactly when it is positive. ``(0, None)`` when every outcome is ``d``.

    Examples
    --------
    >>> from bargaining.negotiation.problem import BargainingProblem
    >>> P = BargainingProblem.from_payoffs([(1, 0), (0, 0)], (0, 0), transfers=True, labels=["a", "b"])
    >>> best_joint_gain(P)
    (Fraction(1, 1), ('a',))
    """
    d = problem.disagreement
    others = [(p[0] + p[1] - d[0] - d[1], lab) for p, lab in zip(problem.points, problem.labels) if p != d]
    if not others:
        return Fraction(0), None
    return max(others, key=lambda t: t[0])


@dataclass(frozen=True)
class SweepPoint:
    """The bargaining problem and its solutions at one grid value.

    ``surplus`` is :func:`best_joint_gain` (negative: no outcome gains jointly)
    and ``best`` the outcome that reaches it. ``notes`` are the setup's
    notes at this value (such as a disagreement point that is not an
    equilibrium there).
    """

    value: Fraction
    exists: bool
    surplus: Fraction
    best: tuple[str, ...] | None
    disagreement: tuple[Fraction, Fraction]
    solutions: tuple[BargainingSolution, ...]
    notes: tuple[str, ...] = ()


@dataclass(frozen=True)
class Switch:
    """Where an agreement starts (``agreement_after``) or stops existing.

    ``lower`` and ``upper`` are the neighbouring grid values; ``at`` is the
    exact parameter value where the surplus reaches 0 (None when it could not
    be located exactly); ``how`` says how it was found.
    """

    lower: Fraction
    upper: Fraction
    agreement_after: bool
    at: Fraction | None
    how: str

    def to_dict(self) -> dict[str, Any]:
        return {
            "agreement_after": self.agreement_after,
            "between": [str(self.lower), str(self.upper)],
            "at": None if self.at is None else str(self.at),
            "at_decimal": None if self.at is None else float(self.at),
            "how": self.how,
        }


@dataclass(frozen=True)
class BargainSweep:
    """Bargaining solutions over a grid of one parameter.

    Attributes
    ----------
    title, source : str
    axis : bargaining.statics.sweep.Axis
        The varied parameter and its grid.
    fixed : dict
        The other parameters' values.
    players : (str, str)
    solution : str
        The solution asked for (a name or ``"all"``).
    transfers : bool
    points : tuple of SweepPoint
        In grid order.
    switches : tuple of Switch
        Where an agreement starts or stops existing along the grid.
    """

    def warnings(self) -> list[tuple[tuple[Fraction, ...], str]]:
        """Each note of the setups along the grid, with every grid value where it holds, in grid order.

        A disagreement point that is not an equilibrium at some values is
        named at each of them, as the single-point command names it.
        """
        out: dict[str, list[Fraction]] = {}
        for pt in self.points:
            for n in pt.notes:
                out.setdefault(n, []).append(pt.value)
        return [(tuple(values), note) for note, values in out.items()]

    title: str
    source: str
    axis: Any
    fixed: dict
    players: tuple[str, str]
    solution: str
    transfers: bool
    points: tuple[SweepPoint, ...]
    switches: tuple[Switch, ...]

    @property
    def parameter(self) -> str:
        return self.axis.name

    def rows(self) -> list[dict[str, Any]]:
        """Tidy rows, one per (grid point, solution); exact numbers as strings such as ``"-3/8"``."""
        p1, p2 = self.players
        out = []
        for pt in self.points:
            for s in pt.solutions:
                out.append({
                    self.parameter: str(pt.value),
                    "agreement": pt.exists,
                    "surplus": str(pt.surplus),
                    "best": None if pt.best is None else ", ".join(pt.best),
                    "solution": s.name,
                    f"payoff.{p1}": _num(s.payoffs[0]),
                    f"payoff.{p2}": _num(s.payoffs[1]),
                    f"gain.{p1}": _num(s.gains[0]),
                    f"gain.{p2}": _num(s.gains[1]),
                    "transfer": _num(s.transfer),
                    "exact": s.exact,
                })
        return out

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready: the grid, where an agreement starts or stops, and the tidy rows."""
        return {
            "title": self.title,
            "source": self.source,
            "varied": self.axis.to_dict(),
            "fixed": {name: str(v) for name, v in self.fixed.items()},
            "players": list(self.players),
            "solution": self.solution,
            "transfers": self.transfers,
            "switches": [w.to_dict() for w in self.switches],
            "warnings": [{"at": [str(v) for v in values], "message": note} for values, note in self.warnings()],
            "rows": self.rows(),
        }


def bargain_sweep(model, spec: str, solution: str = "all") -> BargainSweep:
    """Solve the bargaining problem of ``model`` at every value of a one-parameter grid.

    Parameters
    ----------
    model : bargaining.model.Model
        A game file with a ``[bargaining]`` table (or the defaults).
    spec : str
        ``NAME=START:STOP:NUM``: ``NUM`` exact values from ``START`` to ``STOP``.
    solution : str
        A name of :data:`bargaining.negotiation.SOLUTIONS`, or ``"all"``.

    Returns
    -------
    BargainSweep

    Raises
    ------
    InputError
        For a bad specification, an unknown parameter or a value outside the
        parameter's range (one line, naming ``--vary``).

    Examples
    --------
    >>> from bargaining.io.gamefile import load_model
    >>> r = bargain_sweep(load_model("games/baseline.toml"), "T=0.6:1:5", "nash")
    >>> [(str(p.value), p.exists) for p in r.points]
    [('3/5', False), ('7/10', False), ('4/5', True), ('9/10', True), ('1', True)]
    >>> str(r.switches[0].at)
    '98/125'
    """
    from bargaining.negotiation.from_game import bargaining_setup
    from bargaining.numbers import format_value
    from bargaining.statics.grid import parse_axis

    axis = parse_axis(spec, model)
    points = []
    for v in axis.values():
        try:
            setup = bargaining_setup(model.with_values({axis.name: v}, where="axis"))
        except InputError as err:
            raise InputError(
                f"at {axis.name} = {format_value(v)}: {err.message}", source=err.source, where=err.where
            ) from None
        P = setup.problem
        gain, best = best_joint_gain(P)
        points.append(
            SweepPoint(
                v, P.agreement_exists(), gain, best, P.disagreement, chosen_solutions(setup, solution), setup.notes
            )
        )
    switches = []
    for a, b in zip(points, points[1:]):
        if a.exists != b.exists:
            at, how = _locate(model, axis.name, a.value, b.value, b.exists)
            if at is not None:
                best = (b if b.exists else a).best
                how = f"the joint gain of ({', '.join(best)}) over the disagreement point is 0 at {axis.name} = {at}"
            switches.append(Switch(a.value, b.value, b.exists, at, how))
    p0 = bargaining_setup(model.with_values({axis.name: axis.start}, where="axis")).problem
    return BargainSweep(
        title=model.title,
        source=model.source,
        axis=axis,
        fixed={n: p.value for n, p in model.parameters.items() if n != axis.name},
        players=tuple(p0.players),
        solution=solution,
        transfers=p0.transfers,
        points=tuple(points),
        switches=tuple(switches),
    )


def _locate(model, name: str, lo: Fraction, hi: Fraction, agreement_after: bool) -> tuple[Fraction | None, str]:
    """The exact value in ``[lo, hi]`` where the surplus reaches 0, or None and the reason."""
    from bargaining.negotiation.from_game import bargaining_setup

    between = "between the grid points"
    table = dict(model.bargaining or {})
    if not table.get("transfers", False):
        return None, f"{between} (without transfers the switch is not a single surplus condition)"
    raw_d = table.get("disagreement", "equilibrium")
    if isinstance(raw_d, str) and raw_d.strip() == "equilibrium":
        return None, f"{between} (the disagreement point is an equilibrium, which may change with {name})"
    if isinstance(raw_d, list) and any(isinstance(x, str) for x in raw_d):
        return None, f"{between} (the disagreement point is given by formulas)"

    import sympy

    from bargaining.symbolic.game import SymbolicGame

    g = SymbolicGame.from_model(model, keep=[name])
    t = g.symbols[name]
    m, n = g.A.shape
    totals = [g.A[i, j] + g.B[i, j] for i in range(m) for j in range(n)]
    if isinstance(raw_d, str):
        S0, S1 = g.strategies
        parts = tuple(s.strip() for s in raw_d.split(","))
        d_total = totals[S0.index(parts[0]) * n + S1.index(parts[1])]
    else:
        d_total = sum(sympy.Rational(str(Fraction(x))) for x in raw_d)
    cuts = {lo, hi}
    for total in totals:
        gap = sympy.expand(total - d_total)
        if gap == 0:
            continue
        try:
            poly = sympy.Poly(gap, t)
        except sympy.PolynomialError:
            return None, f"{between} (the surplus is not a polynomial in {name})"
        for root in poly.real_roots():
            if not root.is_rational:
                if lo <= float(root) <= hi:
                    return None, f"{between} (the surplus crosses 0 at an irrational {name})"
                continue
            q = Fraction(int(root.p), int(root.q))
            if lo < q < hi:
                cuts.add(q)

    def positive(v: Fraction) -> bool:
        return bargaining_setup(model.with_values({name: v}, where="axis")).problem.surplus() > 0

    # the surplus keeps its sign between consecutive cuts, so its sign at the cuts decides
    order = sorted(cuts, reverse=agreement_after)
    at = next(c for c in order if not positive(c))
    return at, f"the surplus is 0 at {name} = {at}"
