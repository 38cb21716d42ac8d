"""The time and size guards of every long run: an estimate of its cost, checked before any work.

Each command that can be asked for unbounded work (grid points, draws,
samples, equilibrium supports, symbolic parameters) estimates its cost from
its input alone and compares it with a limit here. Above the limit it is
refused at once with a :class:`~bargaining.errors.LimitError`: one line that
names the estimate, the limit and the way out (fewer draws, a smaller grid,
``--method``, ``--keep``). Below it the run goes ahead, and the command line
shows a progress bar with the time remaining (:mod:`bargaining.cli.progress`).

The limits keep a run within memory (each draw or grid point holds a row of
floats) and within about an hour on one core at the measured rates; they are
not a promise that a run below them is quick.

Examples
--------
>>> check_count("draws", 1000, MAX_DRAWS, where="draws", way_out="give fewer --draws")
>>> try:
...     check_count("draws", 10**9, MAX_DRAWS, where="draws", way_out="give fewer --draws")
... except LimitError as err:
...     print(err)
draws: 1000000000 draws is above the limit of 1000000 (about 72 GB of draws); give fewer --draws
"""

from __future__ import annotations

from math import comb

from bargaining.errors import LimitError

__all__ = [
    "MAX_DRAWS",
    "MAX_DRAW_SOLVES",
    "MAX_SAMPLES",
    "MAX_POINTS",
    "MAX_EXACT_BASES",
    "MAX_DERIVE_WORK",
    "MAX_LAMBDAS",
    "MAX_SECONDS",
    "SECONDS_PER_POINT",
    "check_count",
    "check_points",
    "check_axes",
    "exact_bases",
    "check_exact",
    "check_derive",
    "check_supports",
    "check_form",
]

#: Random draws of the parameters (robustness, outlook): each a row of floats and a game solved.
MAX_DRAWS = 1_000_000
#: Games solved by a sweep under uncertainty: grid points times draws at each.
MAX_DRAW_SOLVES = 10_000_000
#: The base sample size of a Sobol analysis (sensitivity, outlook); it solves samples x (parameters + 2) games.
MAX_SAMPLES = 1 << 20
#: Points of a sweep's grid, all axes together (each holds an equilibrium code and a row of the output).
MAX_POINTS = 10_000_000
#: Bases of the best-response polytopes, C(m + n, m), that exact enumeration may have to visit.
MAX_EXACT_BASES = 10**10
#: Symbolic parameters times payoff cells times candidate supports that derive may have to simplify.
MAX_DERIVE_WORK = 20_000
#: Support profiles, the product over players of 2^(strategies) - 1, that the exact solver of a game of
#: three or more players may have to examine (each a polynomial system).
MAX_NPLAYER_SUPPORTS = 100_000
#: Pure-strategy profiles of a game tree's reduced strategic form (each evaluated over the tree).
MAX_FORM_PROFILES = 1_000_000
#: The longest run a grid may be estimated to take, in seconds.
MAX_SECONDS = 3600
#: Measured cost of one grid point (seconds, one core, a busy machine), by the kind of sweep: the batch
#: solver of two-player games, a game tree or bargaining problem solved exactly at each point, a QRE
#: path traced at each point, a game of three or more players solved exactly at each point.
SECONDS_PER_POINT = {"batch": 1e-4, "tree": 0.03, "bargain": 0.03, "qre": 0.07, "nplayer": 0.05}
#: Precisions of one QRE table.
MAX_LAMBDAS = 10_000

_BYTES_PER_VALUE = 8


def _size(n: int) -> str:
    for unit, scale in (("TB", 10**12), ("GB", 10**9), ("MB", 10**6)):
        if n >= scale:
            return f"{n / scale:.3g} {unit}"
    return f"{n} bytes"


def check_count(what: str, count: int, limit: int, *, where: str, way_out: str, width: int = 9) -> None:
    """Refuse ``count`` of ``what`` above ``limit`` (``width`` floats each), naming the way out.

    Raises
    ------
    LimitError
    """
    if count > limit:
        raise LimitError(
            f"{count} {what} is above the limit of {limit} "
            f"(about {_size(count * width * _BYTES_PER_VALUE)} of {what}); {way_out}",
            where=where,
        )


def check_points(shape, *, where: str = "axis", per_point: int = 1, way_out: str = "give a smaller grid") -> int:
    """The number of grid points of ``shape`` times ``per_point`` games each, refused above the limit.

    Examples
    --------
    >>> check_points((101, 101))
    10201
    >>> try:
    ...     check_points((100000, 100000))
    ... except LimitError as err:
    ...     print(err.where); print(err.message.partition('; ')[0]); print(err.message.partition('; ')[2])
    axis
    a grid of 100000 x 100000 = 10000000000 points is above the limit of 10000000 points
    give a smaller grid
    """
    points = 1
    for n in shape:
        points *= int(n)
    if points > MAX_POINTS:
        dims = " x ".join(str(int(n)) for n in shape) + " = " if len(shape) > 1 else ""
        raise LimitError(
            f"a grid of {dims}{points} points is above the limit of {MAX_POINTS} points; {way_out}", where=where
        )
    if points * per_point > MAX_DRAW_SOLVES and per_point > 1:
        raise LimitError(
            f"{points} points x {per_point} draws = {points * per_point} games is above the limit of "
            f"{MAX_DRAW_SOLVES} games; give fewer --draws or a smaller grid",
            where="draws",
        )
    return points


def check_axes(specs, *, per_point: int = 1, seconds: float = 0.0) -> None:
    """:func:`check_points` for ``NAME=START:STOP:NUM`` specifications, before they are parsed.

    A NUM that is not a whole number is left for the parser to refuse with its own message.
    ``seconds`` is the cost of one point (one of :data:`SECONDS_PER_POINT`): a grid whose
    estimated time is above :data:`MAX_SECONDS` is refused too.

    Examples
    --------
    >>> check_axes(["T=0:1:2000"], seconds=SECONDS_PER_POINT["bargain"])
    >>> try:
    ...     check_axes(["T=0:1:1000000"], seconds=SECONDS_PER_POINT["bargain"])
    ... except LimitError as err:
    ...     print(err.where); print(err.message.partition('; ')[0]); print(err.message.partition('; ')[2])
    axis
    a grid of 1000000 points at about 30 ms a point would take about 8.33 h, above the limit of 1 h
    give a smaller grid
    >>> try:
    ...     check_axes(["T=0:1:100000", "lam=0.3:0.8:100000"])
    ... except LimitError as err:
    ...     print(err.where); print(err.message.partition('; ')[0]); print(err.message.partition('; ')[2])
    axis
    a grid of 100000 x 100000 = 10000000000 points is above the limit of 10000000 points
    give a smaller grid
    """
    shape = []
    for spec in specs:
        num = str(spec).rpartition(":")[2].strip()
        if num.isdigit() and len(num) < 30:
            shape.append(int(num))
    points = check_points(shape, per_point=per_point)
    estimate = points * per_point * seconds
    if estimate > MAX_SECONDS:
        raise LimitError(
            f"a grid of {points} points at about {seconds * 1000:g} ms a point would take about "
            f"{_duration(estimate)}, above the limit of {_duration(MAX_SECONDS)}; give a smaller grid",
            where="axis",
        )


def _duration(seconds: float) -> str:
    if seconds >= 3600:
        return f"{seconds / 3600:.3g} h"
    if seconds >= 60:
        return f"{seconds / 60:.3g} min"
    return f"{seconds:.3g} s"


def exact_bases(m: int, n: int) -> int:
    """The bases of an m x n game's best-response polytopes: the cost model of exact enumeration.

    Examples
    --------
    >>> exact_bases(3, 3), exact_bases(20, 20)
    (20, 137846528820)
    """
    return comb(m + n, m)


def check_exact(m: int, n: int, *, where: str = "method") -> None:
    """Refuse exact enumeration of an m x n game with more than :data:`MAX_EXACT_BASES` bases.

    Examples
    --------
    >>> check_exact(16, 16)
    >>> try:
    ...     check_exact(20, 20)
    ... except LimitError as err:
    ...     print(err.where); print(err.message.partition('; ')[0]); print(err.message.partition('; ')[2])
    method
    a 20 x 20 game has 137846528820 bases for exact enumeration, above the limit of 10000000000
    give --method lemke-howson (one equilibrium) or a smaller game
    """
    bases = exact_bases(m, n)
    if bases > MAX_EXACT_BASES:
        raise LimitError(
            f"a {m} x {n} game has {bases} bases for exact enumeration, above the limit of {MAX_EXACT_BASES}; "
            "give --method lemke-howson (one equilibrium) or a smaller game",
            where=where,
        )


def check_derive(parameters: int, cells: int, supports: int, *, where: str = "kept parameters") -> None:
    """Refuse a derivation whose work, parameters x cells x candidate supports, exceeds :data:`MAX_DERIVE_WORK`.

    Examples
    --------
    >>> check_derive(9, 18, 49)
    >>> try:
    ...     check_derive(72, 72, (2**6 - 1) ** 2)
    ... except LimitError as err:
    ...     print(err.where); print(err.message.partition('; ')[0]); print(err.message.partition('; ')[2])
    kept parameters
    72 symbolic parameters x 72 payoff cells x 3969 candidate supports = 20575296 is above the limit of 20000
    keep fewer parameters symbolic (--keep NAME,...) or fix some with --set
    """
    work = parameters * cells * supports
    if work > MAX_DERIVE_WORK:
        raise LimitError(
            f"{parameters} symbolic parameters x {cells} payoff cells x {supports} candidate supports = {work} "
            f"is above the limit of {MAX_DERIVE_WORK}; keep fewer parameters symbolic (--keep NAME,...) "
            "or fix some with --set",
            where=where,
        )


def check_supports(shape, *, where: str = "strategies") -> None:
    """Refuse exact enumeration of a game of three or more players with more than
    :data:`MAX_NPLAYER_SUPPORTS` support profiles.

    Examples
    --------
    >>> check_supports((3, 3, 3))
    >>> try:
    ...     check_supports((10, 10, 10))
    ... except LimitError as err:
    ...     print(err.where); print(err.message.partition('; ')[0]); print(err.message.partition('; ')[2])
    strategies
    a 10 x 10 x 10 game has 1070599167 support profiles for exact enumeration, above the limit of 100000
    remove strategies no player would use (explain lists the dominated ones) or fix a player's choice
    """
    supports = 1
    for s in shape:
        supports *= 2 ** int(s) - 1
    if supports > MAX_NPLAYER_SUPPORTS:
        size = " x ".join(str(int(s)) for s in shape)
        raise LimitError(
            f"a {size} game has {supports} support profiles for exact enumeration, above the limit of "
            f"{MAX_NPLAYER_SUPPORTS}; remove strategies no player would use (explain lists the dominated ones) "
            "or fix a player's choice",
            where=where,
        )


def check_form(counts, *, where: str = "tree") -> None:
    """Refuse a game tree whose reduced strategic form has more than :data:`MAX_FORM_PROFILES` profiles.

    Examples
    --------
    >>> check_form((4, 16))
    >>> try:
    ...     check_form((1024, 4096))
    ... except LimitError as err:
    ...     print(err.where); print(err.message.partition('; ')[0]); print(err.message.partition('; ')[2])
    tree
    the reduced strategic form has 1024 x 4096 = 4194304 pure-strategy profiles, above the limit of 1000000
    give a smaller tree (fewer information sets or moves)
    """
    profiles = 1
    for c in counts:
        profiles *= int(c)
    if profiles > MAX_FORM_PROFILES:
        size = " x ".join(str(int(c)) for c in counts)
        raise LimitError(
            f"the reduced strategic form has {size} = {profiles} pure-strategy profiles, above the limit of "
            f"{MAX_FORM_PROFILES}; give a smaller tree (fewer information sets or moves)",
            where=where,
        )
