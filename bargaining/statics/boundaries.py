"""Where along one parameter does the answer change: the one engine for regimes, thresholds and switches.

An *answer* is an exact, hashable function of one parameter ``t``, evaluated
at rational values: the equilibrium set of the exact solve (regimes of a
sweep), whether a no-deviation condition holds (a handout's threshold
question), whether a player would sign the treaty (calibration), whether an
agreement beats the disagreement point (a bargaining sweep). Given the answers
at the points of a grid, :func:`along` finds the *regimes* (maximal runs of
grid points with the same answer) and, between two regimes, the *boundary*:

1. a grid point whose answer differs from both neighbours' and that the
   caller marks as a point of its own (``is_point``: a degenerate game) is the
   boundary, exactly;
2. otherwise the caller's *candidates* for the bracket ``[lo, hi]`` (such as
   the exact root of a payoff difference that changes sign there, found by
   linear interpolation, or a rational root of a polynomial) are tried in
   order; a candidate ``q`` is accepted, exactly, when the answers just beside
   it (at ``q - d`` and ``q + d`` with ``d = precision * max(1, |q|)``, or
   halfway to an end of the bracket nearer than that) are the two regimes'
   answers, so that the change lies within ``d`` of ``q`` as a bisection would
   bracket it; halfway points would let a tie that does not matter pass for
   the one that does (a candidate at an end of the bracket, where a
   closed condition holds with equality, is checked on its inner side);
3. otherwise bisection with exact evaluations at the midpoints narrows the
   bracket to ``precision`` (relative to ``max(1, |t|)``); a midpoint that is
   a point of its own (``is_point``) is the boundary, exactly; a third answer
   met at a midpoint is a regime narrower than the grid spacing, and both of
   its ends are located in turn (to a depth of 8); finally the fraction with
   the smallest denominator in the bracket (Stern–Brocot descent) is tried and
   accepted as exact when its answer differs from both sides' (a boundary
   point with an answer of its own), else the boundary is the bracket.

The engine never guesses: every answer it reports at a value was evaluated
exactly there, and a boundary is marked exact only when it was checked.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from typing import Any, Callable, Generic, Hashable, Iterable, Sequence, TypeVar

from bargaining.numbers import plain, to_fraction

__all__ = ["Boundary", "Regime", "Profile", "along", "locate", "linear_root", "simplest_between", "PRECISION"]

K = TypeVar("K", bound=Hashable)

#: Default bracket width (relative to ``max(1, |value|)``) of a boundary not found exactly.
PRECISION = 1e-12

_DEPTH = 8


@dataclass(frozen=True, kw_only=True)
class Boundary(Generic[K]):
    """Where the answer changes along the parameter.

    Attributes
    ----------
    left, right : answer
        The answers just below and just above.
    low, high : Fraction
        The bracket; equal (the exact value) when ``exact``.
    exact : bool
    how : str
        How it was found: ``"a grid point"``, ``"a tie: ..."``, ``"bisection..."``.
    at : answer or None
        The answer exactly at the boundary (None when it is only bracketed).
    at_text : str
        That answer in words, where the caller describes it.
    """

    left: K
    right: K
    low: Fraction
    high: Fraction
    exact: bool
    how: str
    at: K | None = None
    at_text: str = ""

    @property
    def value(self) -> Fraction:
        """The boundary (exact), or the middle of its bracket."""
        return self.low if self.exact else (self.low + self.high) / 2

    def to_dict(self, describe: Callable[[K], Any] = str) -> dict[str, Any]:
        """JSON-ready; ``describe`` turns an answer into words."""
        return {
            "value": plain(self.value) if self.exact else float(self.value),
            "exact": self.exact,
            "bracket": [plain(self.low), plain(self.high)] if not self.exact else None,
            "how": self.how,
            "left": describe(self.left),
            "right": describe(self.right),
            "at": self.at_text or None,
        }


@dataclass(frozen=True, kw_only=True)
class Regime(Generic[K]):
    """An interval of the parameter with one answer.

    ``lower``/``upper`` are the located boundaries (or the ends of the grid);
    ``first``/``last`` the grid indices inside it (None for a regime narrower
    than the grid spacing, found between two grid points). A regime that is a
    single point of its own at an end of the grid has ``lower == upper`` and
    its answer in words in ``at_text``. ``points_of_their_own`` lists the grid
    values inside it that the caller marks as points of their own (degenerate
    games), where the answer may hold in a wider form.
    """

    answer: K
    lower: Fraction
    upper: Fraction
    lower_exact: bool
    upper_exact: bool
    first: int | None
    last: int | None
    points_of_their_own: tuple[Fraction, ...] = ()
    at_text: str = ""

    @property
    def set(self) -> K:
        """The answer, under the name regimes of equilibrium sets use."""
        return self.answer

    @property
    def degenerate_at(self) -> tuple[Fraction, ...]:
        """The points of their own, under the name regimes of equilibrium sets use (degenerate games)."""
        return self.points_of_their_own

    @property
    def points(self) -> int:
        """Grid points inside the regime."""
        return 0 if self.first is None else self.last - self.first + 1

    def contains(self, t: Fraction) -> bool:
        """Whether ``t`` lies in the closed interval ``[lower, upper]``."""
        return self.lower <= t <= self.upper

    def to_dict(self, describe: Callable[[K], Any] = str) -> dict[str, Any]:
        """JSON-ready; ``describe`` turns the answer into a dict (merged) or words (under ``answer``)."""
        def bound(v, ex):
            return plain(v) if ex else float(v)

        words = describe(self.answer)
        return {
            "from": bound(self.lower, self.lower_exact),
            "to": bound(self.upper, self.upper_exact),
            "points": self.points,
            **(words if isinstance(words, dict) else {"answer": words}),
            "degenerate_at": [plain(v) for v in self.points_of_their_own],
            "at": self.at_text or None,
        }


@dataclass(frozen=True, kw_only=True)
class Profile(Generic[K]):
    """The answer along a parameter: regimes in order, and the boundaries between them."""

    regimes: tuple[Regime[K], ...]
    boundaries: tuple[Boundary[K], ...]

    def regime_at(self, t: Fraction) -> Regime[K] | None:
        """The regime whose closed interval holds ``t`` (the first, where two share an end)."""
        return next((r for r in self.regimes if r.contains(t)), None)


Candidates = Callable[[Fraction, Fraction], Iterable[tuple[Fraction, str]]]


class _Cached:
    """Exact answers, evaluated once per value."""

    def __init__(self, answer: Callable[[Fraction], Any]):
        self._answer = answer
        self._cache: dict[Fraction, Any] = {}

    def __call__(self, t: Fraction):
        t = Fraction(t)
        if t not in self._cache:
            self._cache[t] = self._answer(t)
        return self._cache[t]


def simplest_between(lo: Fraction, hi: Fraction) -> Fraction:
    """The fraction with the smallest denominator in [lo, hi] (Stern–Brocot descent).

    Examples
    --------
    >>> simplest_between(Fraction(8879, 10000), Fraction(8881, 10000))
    Fraction(103, 116)
    >>> simplest_between(Fraction(888, 1000) - Fraction(1, 10**12), Fraction(888, 1000) + Fraction(1, 10**12))
    Fraction(111, 125)
    """
    if lo > hi:
        lo, hi = hi, lo
    if lo <= 0 <= hi:
        return Fraction(0)
    if hi < 0:
        return -simplest_between(-hi, -lo)
    fl = lo.numerator // lo.denominator
    if fl == lo or fl + 1 <= hi:
        return Fraction(lo if fl == lo else fl + 1)
    return fl + 1 / simplest_between(1 / (hi - fl), 1 / (lo - fl))


def linear_root(lo: Fraction, d_lo: Fraction, hi: Fraction, d_hi: Fraction) -> Fraction | None:
    """Where the line through ``(lo, d_lo)`` and ``(hi, d_hi)`` crosses zero, if strictly between them.

    A candidate for the engine: a payoff difference that is linear in the
    parameter (as in the alliance model) crosses zero exactly there; the
    caller checks that the difference is exactly zero at the root.

    Examples
    --------
    >>> linear_root(Fraction(0), Fraction(-1), Fraction(1), Fraction(3))
    Fraction(1, 4)
    >>> linear_root(Fraction(0), Fraction(1), Fraction(1), Fraction(3)) is None
    True
    """
    if d_lo * d_hi >= 0:
        return None
    return lo + d_lo * (hi - lo) / (d_lo - d_hi)


def locate(
    answer: Callable[[Fraction], K],
    lo: Fraction,
    left: K,
    hi: Fraction,
    right: K,
    *,
    candidates: Candidates | None = None,
    is_point: Callable[[Fraction], bool] | None = None,
    describe_point: Callable[[Fraction], str] | None = None,
    precision: float = PRECISION,
    _depth: int = 0,
) -> list[Boundary[K] | Regime[K]]:
    """The boundaries (and regimes narrower than the bracket) between ``lo`` (answer ``left``) and ``hi`` (``right``).

    Returns, in order, :class:`Boundary` items and, between them, the
    :class:`Regime` items of answers met strictly inside the bracket (with
    ``first`` and ``last`` None). See the module docstring for the method.

    Examples
    --------
    Whether ``t`` is at least 1/3, located from the bracket [0, 1] with the
    condition's linear root as the candidate:

    >>> F = Fraction
    >>> found = locate(lambda t: t >= F(1, 3), F(0), False, F(1), True,
    ...                candidates=lambda a, b: [(linear_root(a, a - F(1, 3), b, b - F(1, 3)), "the root")])
    >>> [(b.value, b.exact, b.how) for b in found]
    [(Fraction(1, 3), True, 'the root')]

    Without a candidate, bisection brackets it and the simplest fraction is checked:

    >>> b = locate(lambda t: t * t >= 2, F(1), False, F(2), True)[0]
    >>> b.exact, float(b.low) < 2 ** 0.5 < float(b.high)
    (False, True)
    """
    answer_at = answer if isinstance(answer, _Cached) else _Cached(answer)
    point = is_point or (lambda t: False)
    words = describe_point or (lambda t: "")
    for q, how in candidates(lo, hi) if candidates is not None else ():
        if q is None or not lo <= q <= hi:
            continue
        # the answers just beside q must be the two sides' answers
        d = to_fraction(precision) * max(1, abs(q))
        below = left if q == lo else answer_at(max(q - d, (lo + q) / 2))
        above = right if q == hi else answer_at(min(q + d, (q + hi) / 2))
        if q == lo == hi or below != left or above != right:
            continue
        return [Boundary(left=left, right=right, low=q, high=q, exact=True, how=how, at=answer_at(q), at_text=words(q))]
    a, b = lo, hi
    while (b - a) > precision * max(1, abs(a)):
        mid = (a + b) / 2
        s = answer_at(mid)
        if s == left:
            a = mid
        elif s == right:
            b = mid
        elif point(mid):
            how = "bisection hit it (a point of its own)"
            return [Boundary(left=left, right=right, low=mid, high=mid, exact=True, how=how, at=s, at_text=words(mid))]
        elif _depth < _DEPTH:
            narrow = Regime(answer=s, lower=mid, upper=mid, lower_exact=False, upper_exact=False, first=None, last=None)
            options = dict(candidates=candidates, is_point=is_point, describe_point=describe_point, precision=precision)
            return (
                locate(answer_at, a, left, mid, s, _depth=_depth + 1, **options)
                + [narrow]
                + locate(answer_at, mid, s, b, right, _depth=_depth + 1, **options)
            )
        else:
            break
    q = simplest_between(a, b)
    s = answer_at(q)
    if s != left and s != right:
        how = "bisection, then the simplest fraction in the bracket, checked"
        return [Boundary(left=left, right=right, low=q, high=q, exact=True, how=how, at=s, at_text=words(q))]
    return [Boundary(left=left, right=right, low=a, high=b, exact=False, how="bisection with exact evaluations")]


def along(
    values: Sequence[Fraction],
    answers: Sequence[K],
    answer: Callable[[Fraction], K],
    *,
    candidates: Candidates | None = None,
    point_of_its_own: Sequence[bool] | None = None,
    is_point: Callable[[Fraction], bool] | None = None,
    describe_point: Callable[[Fraction], str] | None = None,
    precision: float = PRECISION,
) -> Profile[K]:
    """Regimes and boundaries along a grid of the parameter.

    Parameters
    ----------
    values : sequence of Fraction
        The grid, increasing.
    answers : sequence
        The answer at each grid value (as computed by the caller, say by a
        fast batch solver); ``answer(t)`` must give the same exactly.
    answer : callable
        The exact answer at any rational ``t``.
    candidates : callable, optional
        ``candidates(lo, hi)`` yields ``(value, how)`` pairs: exact guesses
        of a boundary inside a bracket.
    point_of_its_own : sequence of bool, optional
        Grid points that are points of their own (degenerate games): a single
        such point whose answer differs from both neighbours' is a boundary,
        and one at an end of the grid is where the answer changes.
    is_point : callable, optional
        The same test at any rational value, for bisection midpoints.
    describe_point : callable, optional
        Words for the answer exactly at a boundary.
    precision : float
        Bracket width for boundaries not found exactly.

    Examples
    --------
    Where ``t^2`` crosses 1/4 and 9/16 on a grid of [0, 1], with the roots as candidates:

    >>> F = Fraction
    >>> grid = [F(k, 5) for k in range(6)]
    >>> level = lambda t: (t * t >= F(1, 4)) + (t * t >= F(9, 16))
    >>> roots = lambda lo, hi: [(F(1, 2), "t^2 = 1/4"), (F(3, 4), "t^2 = 9/16")]
    >>> p = along(grid, [level(t) for t in grid], level, candidates=roots)
    >>> [(r.answer, str(r.lower), str(r.upper)) for r in p.regimes]
    [(0, '0', '1/2'), (1, '1/2', '3/4'), (2, '3/4', '1')]

    Without candidates the same boundaries are bracketed to ``precision``:

    >>> p = along(grid, [level(t) for t in grid], level)
    >>> [(b.exact, round(float(b.value), 9)) for b in p.boundaries]
    [(False, 0.5), (False, 0.75)]
    """
    n = len(values)
    answer_at = _Cached(answer)
    own = list(point_of_its_own) if point_of_its_own is not None else [False] * n
    words = describe_point or (lambda t: "")
    options = dict(candidates=candidates, is_point=is_point, describe_point=describe_point, precision=precision)

    runs = []  # (answer, first, last)
    start = 0
    for i in range(1, n + 1):
        if i == n or answers[i] != answers[start]:
            runs.append((answers[start], start, i - 1))
            start = i

    # items: ("run", answer, first, last) or a Boundary located on a grid point
    items: list[Any] = []
    for r, (key, first, last) in enumerate(runs):
        if first == last and own[first] and 0 < r < len(runs) - 1:
            t = values[first]
            items.append(
                Boundary(left=runs[r - 1][0], right=runs[r + 1][0], low=t, high=t, exact=True, how="a grid point",
                         at=key, at_text=words(t))
            )
        else:
            items.append(("run", key, first, last))

    def end_point(item) -> bool:
        _, _, first, last = item
        return first == last and own[first] and first in (0, n - 1) and len(items) > 1

    events: list[Any] = []
    for item in items:
        prev = events[-1] if events else None
        if isinstance(item, tuple) and isinstance(prev, tuple) and not (end_point(prev) or end_point(item)):
            _, lkey, _, llast = prev
            _, rkey, rfirst, _ = item
            events.extend(locate(answer_at, values[llast], lkey, values[rfirst], rkey, **options))
        events.append(item)

    regimes, boundaries = [], []
    for k, ev in enumerate(events):
        if isinstance(ev, Boundary):
            boundaries.append(ev)
            continue
        before = events[k - 1] if k > 0 else None
        after = events[k + 1] if k + 1 < len(events) else None
        lower, lower_exact = values[0], True
        upper, upper_exact = values[-1], True
        if isinstance(before, Boundary):
            lower, lower_exact = before.value, before.exact
        elif isinstance(before, tuple) and end_point(before):
            lower = values[before[3]]
        if isinstance(after, Boundary):
            upper, upper_exact = after.value, after.exact
        elif isinstance(after, tuple) and end_point(after):
            upper = values[after[2]]
        if isinstance(ev, Regime):  # a narrow regime found by bisection
            regimes.append(
                Regime(answer=ev.answer, lower=lower, upper=upper, lower_exact=lower_exact, upper_exact=upper_exact,
                       first=None, last=None)
            )
            continue
        _, key, first, last = ev
        text = ""
        if end_point(ev):
            lower = upper = values[first]
            text = words(lower)
        own_points = tuple(values[i] for i in range(first, last + 1) if own[i])
        regimes.append(
            Regime(answer=key, lower=lower, upper=upper, lower_exact=lower_exact, upper_exact=upper_exact,
                   first=first, last=last, points_of_their_own=own_points, at_text=text)
        )
    return Profile(regimes=tuple(regimes), boundaries=tuple(boundaries))
