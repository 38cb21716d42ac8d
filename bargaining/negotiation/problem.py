"""Two-player bargaining problems with a piecewise linear frontier, in exact arithmetic.

A bargaining problem (Nash 1950) is a feasible set ``F`` of payoff pairs and a
disagreement point ``d``: what each player gets if they do not agree. Here the
players can agree on any lottery over a finite list of outcomes (the pure
strategy profiles of a game), so ``F`` is the convex hull of the outcomes'
payoff pairs. Its Pareto frontier is the upper-right chain of the hull: a
polygonal line whose vertices are outcomes and whose edges all slope strictly
downwards.

With transfers (transferable utility, such as side-payments in treaty terms),
the players can also move payoff from one to the other one for one::

    F_T = { p + (t, -t) : p in hull, t real } = { u : s_min <= u1 + u2 <= s_max },

where ``s_max`` (``s_min``) is the largest (smallest) total payoff of any
outcome. The Pareto frontier of ``F_T`` is the whole line ``u1 + u2 = s_max``:
the players first pick an outcome with the largest total, then split it with a
transfer. (Allowing free disposal as well would only add dominated points, so
every bargaining solution is the same either way.) The line is unbounded; the
part returned by :meth:`BargainingProblem.frontier` is the segment on which each
player gets at least the smaller of their disagreement payoff and their worst
outcome payoff, which contains every individually rational point.

The hull is computed exactly with Andrew's monotone chain algorithm (Andrew,
"Another efficient algorithm for convex hulls in two dimensions", Information
Processing Letters 9(5), 1979); the problems here have a handful of points, so
exact rational arithmetic costs nothing.

References
----------
Nash, "The Bargaining Problem", Econometrica 18(2), 1950.
Osborne & Rubinstein, *Bargaining and Markets*, Academic Press, 1990, ch. 2.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from fractions import Fraction
from numbers import Rational
from typing import Iterable, Sequence

from bargaining.errors import InputError
from bargaining.numbers import to_fraction

Point = tuple[Fraction, Fraction]
Label = tuple[str, ...]

__all__ = [
    "BargainingProblem",
    "Frontier",
    "label_text",
]


def label_text(label: Label) -> str:
    """Render an outcome label such as ``("ally", "ally")`` as ``"ally, ally"``.

    Examples
    --------
    >>> label_text(("ally", "align"))
    'ally, align'
    """
    return ", ".join(label)


def _cross(o: Point, a: Point, b: Point) -> Fraction:
    return (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0])


def _hull(points: Iterable[Point]) -> list[Point]:
    """Vertices of the convex hull, counter-clockwise, collinear points dropped."""
    pts = sorted(set(points))
    if len(pts) <= 2:
        return pts
    lower: list[Point] = []
    for p in pts:
        while len(lower) >= 2 and _cross(lower[-2], lower[-1], p) <= 0:
            lower.pop()
        lower.append(p)
    upper: list[Point] = []
    for p in reversed(pts):
        while len(upper) >= 2 and _cross(upper[-2], upper[-1], p) <= 0:
            upper.pop()
        upper.append(p)
    hull = lower[:-1] + upper[:-1]
    return hull if len(hull) >= 2 else pts[:1] + pts[-1:]


def _pareto_chain(hull: Sequence[Point]) -> list[Point]:
    """The Pareto frontier of a convex polygon, left to right (u1 up, u2 down)."""
    if len(hull) == 1:
        return [hull[0]]
    right = max(hull)  # largest u1, then largest u2
    top = max(hull, key=lambda p: (p[1], p[0]))  # largest u2, then largest u1
    start = hull.index(right)
    chain = [right]
    i = start
    while chain[-1] != top:
        i = (i + 1) % len(hull)
        chain.append(hull[i])
    return chain[::-1]


def _on_segment(u: Point, p: Point, q: Point) -> Fraction | None:
    """The s in [0, 1] with u = p + s (q - p), or None if u is not on the segment."""
    if p == q:
        return Fraction(0) if u == p else None
    if _cross(p, q, u) != 0:
        return None
    axis = 0 if p[0] != q[0] else 1
    s = (u[axis] - p[axis]) / (q[axis] - p[axis])
    return s if 0 <= s <= 1 else None


@dataclass(frozen=True)
class Frontier:
    """A Pareto frontier (or a part of it): a polygonal line, left to right.

    Attributes
    ----------
    vertices : tuple of (Fraction, Fraction)
        The corners, with ``u1`` strictly increasing and ``u2`` strictly
        decreasing. One vertex means a single point; none means empty.
    """

    vertices: tuple[Point, ...]

    @property
    def edges(self) -> tuple[tuple[Point, Point], ...]:
        """Consecutive pairs of vertices."""
        return tuple(zip(self.vertices, self.vertices[1:]))

    def clip(self, d: Point) -> "Frontier":
        """The part of the frontier where each player gets at least ``d_i``.

        Examples
        --------
        >>> F = Frontier(((Fraction(0), Fraction(1)), (Fraction(1), Fraction(0))))
        >>> [tuple(map(str, v)) for v in F.clip((Fraction(1, 4), Fraction(1, 2))).vertices]
        [('1/4', '3/4'), ('1/2', '1/2')]
        """
        out: list[Point] = []
        vs = self.vertices
        if len(vs) == 1:
            v = vs[0]
            return Frontier((v,) if v[0] >= d[0] and v[1] >= d[1] else ())
        for p, q in zip(vs, vs[1:]):
            # Restrict the parameter s of p + s (q - p) to u1 >= d1 and u2 >= d2;
            # u1 increases and u2 decreases along each edge.
            lo = max(Fraction(0), (d[0] - p[0]) / (q[0] - p[0]))
            hi = min(Fraction(1), (p[1] - d[1]) / (p[1] - q[1]))
            if lo > hi:
                continue
            for s in (lo, hi):
                v = (p[0] + s * (q[0] - p[0]), p[1] + s * (q[1] - p[1]))
                if not out or out[-1] != v:
                    out.append(v)
        return Frontier(tuple(out))

    def u2_at(self, u1: Fraction) -> Fraction | None:
        """Player 2's frontier payoff when player 1 gets ``u1``, or None outside."""
        vs = self.vertices
        if not vs or u1 < vs[0][0] or u1 > vs[-1][0]:
            return None
        for p, q in zip(vs, vs[1:]):
            if p[0] <= u1 <= q[0]:
                return p[1] + (u1 - p[0]) * (q[1] - p[1]) / (q[0] - p[0])
        return vs[0][1]


@dataclass(frozen=True)
class BargainingProblem:
    """A two-player bargaining problem over lotteries on a finite set of outcomes.

    Attributes
    ----------
    points : tuple of (Fraction, Fraction)
        Payoff pair of each outcome (pure strategy profile).
    disagreement : (Fraction, Fraction)
        What each player gets without an agreement.
    transfers : bool
        Whether the players can move payoff between them one for one
        (side-payments); see the module docstring for the feasible set.
    labels : tuple of tuple of str
        One label per point, such as ``("ally", "ally")``; must be distinct.
    players : (str, str)
        The players' names, for output.

    Examples
    --------
    Splitting a unit surplus: either player can take everything.

    >>> P = BargainingProblem.from_payoffs([(1, 0), (0, 1)], (0, 0))
    >>> P.frontier().vertices == ((0, 1), (1, 0))
    True
    >>> P.agreement_exists()
    True
    """

    points: tuple[Point, ...]
    disagreement: Point
    transfers: bool = False
    labels: tuple[Label, ...] = ()
    players: tuple[str, str] = ("player 1", "player 2")
    _hull: tuple[Point, ...] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        if not self.points:
            raise InputError("a bargaining problem needs at least one outcome, found none")
        # Exact rationals only (int or Fraction); from_payoffs converts other kinds.
        def exact_pair(p: object, where: str) -> Point:
            if (
                not isinstance(p, (tuple, list))
                or len(p) != 2
                or not all(isinstance(x, Rational) and not isinstance(x, bool) for x in p)
            ):
                raise InputError(f"expected a pair of exact rationals, found {p!r}", where=where)
            return (Fraction(p[0]), Fraction(p[1]))

        points = tuple(exact_pair(p, f"points[{i}]") for i, p in enumerate(self.points))
        d = exact_pair(self.disagreement, "disagreement")
        labels = self.labels or tuple((f"outcome {i + 1}",) for i in range(len(self.points)))
        if len(labels) != len(self.points):
            raise InputError(
                f"expected one label per point ({len(self.points)}), found {len(labels)}",
                where="labels",
            )
        if len(set(labels)) != len(labels):
            raise InputError("expected distinct labels, found repeats", where="labels")
        object.__setattr__(self, "points", points)
        object.__setattr__(self, "disagreement", d)
        object.__setattr__(self, "labels", tuple(tuple(lab) for lab in labels))
        object.__setattr__(self, "players", tuple(self.players))
        object.__setattr__(self, "_hull", tuple(_hull(points)))

    @classmethod
    def from_payoffs(
        cls,
        points: Iterable[Sequence[object]],
        disagreement: Sequence[object],
        *,
        transfers: bool = False,
        labels: Iterable[Sequence[str] | str] | None = None,
        players: Sequence[str] = ("player 1", "player 2"),
    ) -> "BargainingProblem":
        """Build a problem from numbers of any exact kind (see :func:`bargaining.numbers.to_fraction`).

        Parameters
        ----------
        points : iterable of pairs
            Payoff pair of each outcome.
        disagreement : pair
            The disagreement point.
        transfers : bool, default False
            Allow side-payments.
        labels : iterable of str or tuple of str, optional
            A label per point; a string ``"ally, ally"`` is split at commas.
        players : pair of str
            The players' names.

        Examples
        --------
        >>> P = BargainingProblem.from_payoffs(
        ...     [("0.081", "0.15"), ("0.225", "0.19")], ("0.225", "0.19"),
        ...     labels=["ally, ally", "align, align"])
        >>> P.labels
        (('ally', 'ally'), ('align', 'align'))
        """
        pts = tuple(
            (to_fraction(p[0], where=f"points[{i}][0]"), to_fraction(p[1], where=f"points[{i}][1]"))
            for i, p in enumerate(points)
        )
        d = (
            to_fraction(disagreement[0], where="disagreement[0]"),
            to_fraction(disagreement[1], where="disagreement[1]"),
        )
        labs: tuple[Label, ...] = ()
        if labels is not None:
            labs = tuple(
                tuple(s.strip() for s in lab.split(",")) if isinstance(lab, str) else tuple(lab)
                for lab in labels
            )
        return cls(pts, d, bool(transfers), labs, tuple(players))

    # -- geometry ---------------------------------------------------------

    @property
    def hull(self) -> tuple[Point, ...]:
        """Vertices of the convex hull of the outcomes, counter-clockwise."""
        return self._hull

    @property
    def max_total(self) -> Fraction:
        """The largest total payoff ``u1 + u2`` of any outcome."""
        return max(p[0] + p[1] for p in self.points)

    def surplus(self) -> Fraction:
        """Joint gain available over the disagreement point.

        With transfers: ``max_total - d1 - d2``. Without: the largest
        ``u1 + u2 - d1 - d2`` over individually rational feasible points, or the
        same expression as with transfers when there are none (then it is
        negative or zero and says how far apart the players are).

        Examples
        --------
        >>> P = BargainingProblem.from_payoffs([(1, 0), (0, 1)], (0, 0))
        >>> P.surplus()
        Fraction(1, 1)
        """
        d = self.disagreement
        ir = self.ir_frontier()
        if self.transfers or not ir.vertices:
            return self.max_total - d[0] - d[1]
        return max(v[0] + v[1] for v in ir.vertices) - d[0] - d[1]

    def profile_surplus(self, label: Sequence[str] | str) -> Fraction:
        """Total payoff of one outcome minus the disagreement total.

        This is the surplus of the design note: a treaty ``(ally, ally)`` with
        transfers beats the disagreement point for both players iff it is > 0.

        Examples
        --------
        >>> P = BargainingProblem.from_payoffs([(1, 0), (0, 1)], (0, 0), labels=["a", "b"])
        >>> P.profile_surplus("a")
        Fraction(1, 1)
        """
        i = self.index_of(label)
        p = self.points[i]
        return p[0] + p[1] - self.disagreement[0] - self.disagreement[1]

    def index_of(self, label: Sequence[str] | str) -> int:
        """Position of the outcome with this label.

        Raises
        ------
        InputError
            If no outcome has this label; the message lists the known ones.
        """
        lab = tuple(s.strip() for s in label.split(",")) if isinstance(label, str) else tuple(label)
        try:
            return self.labels.index(lab)
        except ValueError:
            known = "; ".join(label_text(x) for x in self.labels)
            raise InputError(
                f"unknown outcome {label_text(lab)!r}; known outcomes: {known}"
            ) from None

    def frontier(self) -> Frontier:
        """The Pareto frontier, left to right (see the module docstring).

        Examples
        --------
        The point (2/5, 2/5) is a corner of the hull but dominated by (1/2, 1/2):

        >>> P = BargainingProblem.from_payoffs([(1, 0), (0, 1), ("2/5", "2/5")], (0, 0))
        >>> [tuple(map(str, v)) for v in P.frontier().vertices]
        [('0', '1'), ('1', '0')]

        With transfers the frontier is the line u1 + u2 = 1, here from where
        player 1 gets 1/2 (their worst outcome and disagreement payoff) to
        where player 2 gets 0:

        >>> P = BargainingProblem.from_payoffs([(1, 0), ("1/2", "1/4")], ("1/2", 0),
        ...                                    transfers=True)
        >>> [tuple(map(str, v)) for v in P.frontier().vertices]
        [('1/2', '1/2'), ('1', '0')]
        """
        if not self.transfers:
            return Frontier(tuple(_pareto_chain(self._hull)))
        s = self.max_total
        lo1 = min(min(p[0] for p in self.points), self.disagreement[0])
        lo2 = min(min(p[1] for p in self.points), self.disagreement[1])
        if lo1 + lo2 == s:  # never more: the outcome of largest total has p1 >= lo1, p2 >= lo2
            return Frontier(((lo1, lo2),))
        return Frontier(((lo1, s - lo1), (s - lo2, lo2)))

    def ir_frontier(self) -> Frontier:
        """The individually rational part of the frontier: ``u >= d``.

        Empty when no feasible point gives both players their disagreement
        payoff (possible only when ``d`` is given as numbers, not an outcome).
        """
        return self.frontier().clip(self.disagreement)

    def agreement_exists(self) -> bool:
        """Whether some feasible point is strictly better than ``d`` for both.

        Examples
        --------
        >>> BargainingProblem.from_payoffs([(1, 0), (0, 1)], (1, 0)).agreement_exists()
        False
        """
        d = self.disagreement
        vs = self.ir_frontier().vertices
        candidates = list(vs) + [
            ((p[0] + q[0]) / 2, (p[1] + q[1]) / 2) for p, q in zip(vs, vs[1:])
        ]
        return any(c[0] > d[0] and c[1] > d[1] for c in candidates)

    def contains(self, u: Point) -> bool:
        """Whether ``u`` is feasible (exact test).

        Examples
        --------
        >>> P = BargainingProblem.from_payoffs([(1, 0), (0, 1), (0, 0)], (0, 0))
        >>> P.contains((Fraction(1, 2), Fraction(1, 2))), P.contains((Fraction(1), Fraction(1)))
        (True, False)
        """
        if self.transfers:
            total = u[0] + u[1]
            return min(p[0] + p[1] for p in self.points) <= total <= self.max_total
        h = self._hull
        if len(h) == 1:
            return u == h[0]
        if len(h) == 2:
            return _on_segment(u, h[0], h[1]) is not None
        return all(_cross(h[i], h[(i + 1) % len(h)], u) >= 0 for i in range(len(h)))

    # -- agreements ---------------------------------------------------------

    def _first_label(self, v: Point) -> Label:
        return self.labels[self.points.index(v)]

    def lottery_on_frontier(self, u: Point) -> tuple[tuple[tuple[Label, Fraction], ...], Fraction]:
        """Express a frontier point as a lottery over outcomes plus a transfer.

        Parameters
        ----------
        u : (Fraction, Fraction)
            A point on the Pareto frontier.

        Returns
        -------
        lottery : tuple of (label, probability)
            At most two outcomes, with probabilities summing to 1. When several
            outcomes have the same payoffs, the first listed is used.
        transfer : Fraction
            Payoff moved from player 2 to player 1 (negative: from 1 to 2);
            always 0 without transfers. With transfers, the lottery is the
            point of largest total nearest to ``u``, so the transfer is as
            small as possible.

        Raises
        ------
        ValueError
            If ``u`` is not on the frontier (a bug in the caller).

        Examples
        --------
        >>> P = BargainingProblem.from_payoffs([(1, 0), (0, 1)], (0, 0), labels=["A", "B"])
        >>> P.lottery_on_frontier((Fraction(1, 4), Fraction(3, 4)))
        (((('B',), Fraction(3, 4)), (('A',), Fraction(1, 4))), Fraction(0, 1))
        """
        if self.transfers:
            s = self.max_total
            if u[0] + u[1] != s:
                raise InputError(f"{u} is not on the frontier u1 + u2 = {s}")
            best = sorted({p for p in self.points if p[0] + p[1] == s})
            lo, hi = best[0], best[-1]  # the face of largest total, by u1
            if u[0] < lo[0]:
                base = lo
            elif u[0] > hi[0]:
                base = hi
            else:
                base = u
            lottery, _ = self._lottery_on_chain(base, [lo, hi] if lo != hi else [lo])
            return lottery, u[0] - base[0]
        lottery, _ = self._lottery_on_chain(u, list(self.frontier().vertices))
        return lottery, Fraction(0)

    def _lottery_on_chain(self, u: Point, chain: list[Point]):
        if len(chain) == 1:
            if u != chain[0]:
                raise InputError(f"{u} is not on the frontier")
            return ((self._first_label(u), Fraction(1)),), Fraction(0)
        for p, q in zip(chain, chain[1:]):
            s = _on_segment(u, p, q)
            if s is None:
                continue
            parts = [(self._first_label(p), 1 - s), (self._first_label(q), s)]
            return tuple((lab, w) for lab, w in parts if w != 0), Fraction(0)
        raise InputError(f"{u} is not on the frontier")

    def disagreement_label(self) -> Label | None:
        """Label of the first outcome whose payoffs equal ``d``, if any."""
        if self.disagreement in self.points:
            return self._first_label(self.disagreement)
        return None

    # -- transformations (used by the tests of the axioms) -------------------

    def rescaled(self, player: int, scale: Fraction, shift: Fraction) -> "BargainingProblem":
        """The same problem with one player's utilities mapped to ``scale * u + shift``.

        Examples
        --------
        >>> P = BargainingProblem.from_payoffs([(1, 0), (0, 1)], (0, 0))
        >>> P.rescaled(0, Fraction(2), Fraction(1)).points
        ((Fraction(3, 1), Fraction(0, 1)), (Fraction(1, 1), Fraction(1, 1)))
        """
        if scale <= 0:
            raise InputError(f"expected a positive scale, found {scale}")

        def f(p: Point) -> Point:
            q = list(p)
            q[player] = scale * q[player] + shift
            return (q[0], q[1])

        if self.transfers and scale != 1:
            raise InputError("rescaling one player's utility breaks transferable utility")
        return BargainingProblem(
            tuple(f(p) for p in self.points), f(self.disagreement), self.transfers,
            self.labels, self.players,
        )

    def to_dict(self) -> dict:
        """Exact numbers as strings, for JSON.

        Examples
        --------
        >>> BargainingProblem.from_payoffs([(1, 0)], (0, 0), labels=["A"]).to_dict()["outcomes"]
        [{'label': 'A', 'payoffs': ['1', '0']}]
        """
        d_label = self.disagreement_label()
        return {
            "players": list(self.players),
            "transfers": self.transfers,
            "disagreement": {
                "payoffs": [str(x) for x in self.disagreement],
                "outcome": label_text(d_label) if d_label else None,
            },
            "outcomes": [
                {
                    "label": label_text(lab),
                    "payoffs": [str(x) for x in p],
                }
                for lab, p in zip(self.labels, self.points)
            ],
            "surplus_by_outcome": {
                label_text(lab): str(p[0] + p[1] - self.disagreement[0] - self.disagreement[1])
                for lab, p in zip(self.labels, self.points)
            },
            "frontier": [[str(x) for x in v] for v in self.frontier().vertices],
            "surplus": str(self.surplus()),
            "agreement_exists": self.agreement_exists(),
        }
