"""Exact boundaries of a two-parameter regime map: the payoff ties that separate regions, in closed form.

Over two parameters the regions of a sweep (:func:`bargaining.statics.regimes.regions_2d`)
are sets of grid points; their edges are staircases. Most boundaries are
*ties*: a player gets the same from two of its strategies against one of the
other's (a payoff difference such as Russia's treaty condition
``G_R = (1 - lam)(T - w_R) - e_R - r - j*a``), and the equilibrium set can
change only where such a difference changes sign or where a mixed
equilibrium's support changes. For every payoff difference that is a
polynomial in the two swept parameters (the others at the file's values) and
changes sign inside the grid's box, :func:`boundary_curves`

1. traces its zero set on a fine grid (``resolution`` x ``resolution``, the
   marching-squares lines of :mod:`contourpy`) and moves every vertex onto
   the curve by Newton steps on the exact polynomial, so each vertex is on
   the curve to rounding (``|f| <= 1e-9`` relative to the polynomial's
   scale), not on a staircase;
2. keeps the pieces of the curve that are boundaries: each segment's two
   sides (half a fine cell away, across the curve) are solved (the batch
   solver, exactly where floating point cannot decide) and the segment is
   kept where the equilibrium sets of the two sides differ. A tie that
   changes nothing (China's own treaty condition while Russia refuses it)
   draws no line.

Boundaries that are not ties (where a mixed equilibrium leaves the game
without any payoff difference vanishing) are not traced; a map draws them as
its grid cells only. Payoff differences that are not polynomials in the two
parameters are left to the cells too.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction

import numpy as np

from bargaining.errors import InputError
from bargaining.solution import EquilibriumSet
from bargaining.statics.sweep import SetIndex, SweepResult

__all__ = ["BoundaryCurve", "boundary_curves", "RESOLUTION"]

#: Fine-grid points along each axis for tracing a curve.
RESOLUTION = 400


@dataclass(frozen=True, kw_only=True)
class BoundaryCurve:
    """The pieces of one payoff tie's zero set that separate regions of a regime map.

    Attributes
    ----------
    expression : sympy.Expr
        A polynomial in the two swept parameters whose zero set is the tie
        (the payoff difference, the other parameters at the file's values).
    parameters : tuple of str
        The two swept parameters (x, then y).
    equation : str
        The curve as an equation, solved for a parameter where it appears
        linearly: ``a = 5*T/3 - 3/4``.
    why : tuple of str
        The ties with this zero set, in words.
    pieces : tuple of numpy.ndarray
        Polylines, each ``(k, 2)`` of (x, y) points on the curve, where the
        equilibrium sets on the two sides differ.
    sides : tuple of tuple of EquilibriumSet
        The sets on the two sides of each piece, at its middle segment.
    """

    expression: object
    parameters: tuple[str, str]
    equation: str
    why: tuple[str, ...]
    pieces: tuple[np.ndarray, ...]
    sides: tuple[tuple[EquilibriumSet, EquilibriumSet], ...]

    def value(self, x, y) -> np.ndarray:
        """The expression at points (floats), vectorised."""
        import sympy

        sx, sy = (sympy.Symbol(n) for n in self.parameters)
        f = sympy.lambdify((sx, sy), self.expression.xreplace(_plain_symbols(self.expression)), "numpy")
        return np.broadcast_to(np.asarray(f(np.asarray(x, float), np.asarray(y, float)), float), np.shape(x))


def _plain_symbols(expr) -> dict:
    import sympy

    return {s: sympy.Symbol(s.name) for s in expr.free_symbols}


def _ties(game, sx, sy):
    """Each payoff difference of a player between two own strategies against one of the other's.

    Returns ``(difference, (player, a, b, j))``: ``player`` gets the same from
    its strategies ``a`` and ``b`` when the other plays ``j``.
    """
    m, n = game.A.shape
    out = []
    for a in range(m):
        for b in range(a + 1, m):
            for j in range(n):
                out.append((game.A[a, j] - game.A[b, j], (0, a, b, j)))
    for a in range(n):
        for b in range(a + 1, n):
            for i in range(m):
                out.append((game.B[i, a] - game.B[i, b], (1, a, b, i)))
    return out


def _why(game, ties) -> tuple[str, ...]:
    """The ties in words; one player's tie against every strategy of the other reads "whatever ... plays"."""
    players, strategies = game.players, game.strategies
    grouped: dict = {}
    for p, a, b, j in ties:
        grouped.setdefault((p, a, b), []).append(j)
    out = []
    for (p, a, b), js in grouped.items():
        other = 1 - p
        head = f"{players[p]} gets the same from {strategies[p][a]} as from {strategies[p][b]}"
        if len(js) == len(strategies[other]):
            out.append(f"{head} whatever {players[other]} plays")
        else:
            out.append(f"{head} when {players[other]} plays " + " or ".join(strategies[other][j] for j in js))
    return tuple(out)


def _factors(expr, sx, sy):
    """The distinct nonconstant factors of a tie's polynomial in x, y (primitive, leading coefficient positive).

    Empty when the tie is not a polynomial in the two parameters or does not depend on them.
    """
    import sympy

    expr = sympy.expand(expr)
    if not expr.free_symbols or not expr.free_symbols <= {sx, sy} or not expr.is_polynomial(sx, sy):
        return []
    out = []
    for factor, _ in sympy.Poly(expr, sx, sy).factor_list()[1]:
        if factor.total_degree() < 1:
            continue
        _, prim = factor.primitive()
        if prim.LC() < 0:
            prim = -prim
        out.append(prim.as_expr())
    return out


def _equation(expr, sx, sy, names) -> str:
    import sympy

    plain = expr.xreplace(_plain_symbols(expr))
    X, Y = sympy.Symbol(names[0]), sympy.Symbol(names[1])
    for v in (Y, X):
        if sympy.degree(plain, v) == 1:
            sol = sympy.solve(plain, v)
            if len(sol) == 1:
                return f"{v} = {sympy.sstr(sympy.simplify(sol[0]))}"
    return f"{sympy.sstr(plain)} = 0"


def _newton(f, fx, fy, pts: np.ndarray, steps: int = 6) -> np.ndarray:
    """Move points onto the zero set of f along its gradient."""
    p = pts.copy()
    for _ in range(steps):
        v = f(p[:, 0], p[:, 1])
        gx, gy = fx(p[:, 0], p[:, 1]), fy(p[:, 0], p[:, 1])
        g2 = gx * gx + gy * gy
        ok = g2 > 0
        p[ok, 0] -= (v * gx)[ok] / g2[ok]
        p[ok, 1] -= (v * gy)[ok] / g2[ok]
    return p


def boundary_curves(result: SweepResult, *, resolution: int = RESOLUTION) -> tuple[BoundaryCurve, ...]:
    """The exact boundaries of a two-parameter sweep that are payoff ties (see the module's text).

    Examples
    --------
    >>> from bargaining.io.gamefile import load_model
    >>> from bargaining.statics.grid import Grid
    >>> from bargaining.statics.sweep import run_sweep
    >>> res = run_sweep(Grid.from_specs(load_model("games/baseline.toml"), ["T=0:1:21", "a=0:1:21"]))
    >>> sorted(c.equation for c in boundary_curves(res, resolution=100))
    ['T = 11/25', 'T = 17/25', 'T = 3/10', 'a = 5*T/3 - 3/4']
    """
    import contourpy
    import sympy

    from bargaining.solvers.batch import batch_equilibria
    from bargaining.solvers.registry import solve
    from bargaining.symbolic.game import SymbolicGame

    grid = result.grid
    if len(grid.axes) != 2:
        raise InputError("boundary curves are drawn for a sweep over two parameters")
    model = grid.model
    ax0, ax1 = grid.axes
    names = (ax0.name, ax1.name)
    game = SymbolicGame.from_model(model, keep=names)
    sx, sy = game.symbols[ax0.name], game.symbols[ax1.name]

    ties: dict = {}
    for diff, why in _ties(game, sx, sy):
        for factor in _factors(diff, sx, sy):
            ties.setdefault(factor, []).append(why)

    lo = np.array([float(ax0.start), float(ax1.start)])
    hi = np.array([float(ax0.stop), float(ax1.stop)])
    span = hi - lo
    xs = np.linspace(lo[0], hi[0], resolution)
    ys = np.linspace(lo[1], hi[1], resolution)
    X, Y = np.meshgrid(xs, ys)  # (y, x) as contourpy expects
    traced = []
    for expr, whys in ties.items():
        f = sympy.lambdify((sx, sy), expr, "numpy")
        fx = sympy.lambdify((sx, sy), sympy.diff(expr, sx), "numpy")
        fy = sympy.lambdify((sx, sy), sympy.diff(expr, sy), "numpy")

        def ev(func, a, b):
            return np.broadcast_to(np.asarray(func(a, b), dtype=float), np.shape(a)).astype(float)

        Z = ev(f, X, Y)
        if not (np.any(Z < 0) and np.any(Z > 0)) and not np.any(Z == 0):
            continue
        lines = contourpy.contour_generator(xs, ys, Z).lines(0.0)
        for line in lines:
            if len(line) < 2:
                continue
            pts = _newton(lambda a, b: ev(f, a, b), lambda a, b: ev(fx, a, b), lambda a, b: ev(fy, a, b),
                          np.asarray(line, dtype=float))
            pts = np.clip(pts, lo, hi)
            traced.append((expr, whys, pts))
    if not traced:
        return ()

    # the two sides of every segment, half a fine cell across the curve (in axis-scaled units)
    mids, normals, owners = [], [], []
    for k, (_, _, pts) in enumerate(traced):
        u = (pts - lo) / span
        d = np.diff(u, axis=0)
        length = np.hypot(d[:, 0], d[:, 1])
        keep = length > 0
        nrm = np.zeros_like(d)
        nrm[keep, 0], nrm[keep, 1] = -d[keep, 1] / length[keep], d[keep, 0] / length[keep]
        mids.append((u[:-1] + u[1:]) / 2)
        normals.append(nrm)
        owners.append(np.full(len(d), k))
    mid = np.concatenate(mids)
    nrm = np.concatenate(normals)
    owner = np.concatenate(owners)
    step = 0.5 / (resolution - 1)
    sides = np.concatenate([mid + step * nrm, mid - step * nrm])
    sides = lo + np.clip(sides, 0.0, 1.0) * span
    values = {ax0.name: sides[:, 0], ax1.name: sides[:, 1]}
    A, B = model.payoff_arrays(values)
    m, n = A.shape[-2:]

    def exact(p):
        at = {ax0.name: Fraction(float(sides[p, 0])), ax1.name: Fraction(float(sides[p, 1]))}
        return solve(model.with_values(at, where="axis").game())

    batch = batch_equilibria(A.reshape(-1, m, n), B.reshape(-1, m, n), exact_solution=exact,
                             total_points=len(sides))
    index = SetIndex()
    codes = index.codes(batch)
    half = len(mid)
    left, right = codes[:half], codes[half:]
    differs = (left != right) & (np.hypot(nrm[:, 0], nrm[:, 1]) > 0)
    # next to a crossing with another tie the two sides may differ because of the other one: such
    # segments (within half a fine cell of the crossing) are not taken as this curve's. First against
    # every tie, which finds the ties that are boundaries somewhere; then against those only, so that
    # a tie that changes nothing leaves no gap where it crosses a boundary.
    exprs = list(dict.fromkeys(e for e, _, _ in traced))
    of = np.array([exprs.index(traced[o][0]) for o in owner])
    crossed = []
    for e in exprs:
        g = sympy.lambdify((sx, sy), e, "numpy")
        sign = np.sign(np.broadcast_to(np.asarray(g(sides[:, 0], sides[:, 1]), float), len(sides)))
        crossed.append(sign[:half] != sign[half:])

    def clear(among):
        ok = differs.copy()
        for k in among:
            ok &= ~((of != k) & crossed[k])
        return ok

    first = clear(range(len(exprs)))
    differs = clear(sorted(set(of[first].tolist())))

    by_expr: dict = {}
    start = 0
    for k, (expr, whys, pts) in enumerate(traced):
        count = len(pts) - 1
        flags = differs[start: start + count]
        l_codes, r_codes = left[start: start + count], right[start: start + count]
        start += count
        runs = []
        i = 0
        while i < count:
            if not flags[i]:
                i += 1
                continue
            j = i
            while j + 1 < count and flags[j + 1]:
                j += 1
            middle = (i + j) // 2
            runs.append((pts[i: j + 2], (index.sets[l_codes[middle]], index.sets[r_codes[middle]])))
            i = j + 1
        entry = by_expr.setdefault(expr, (whys, [], []))
        for piece, pair in runs:
            entry[1].append(piece)
            entry[2].append(pair)
    out = []
    for expr, (whys, pieces, pairs) in by_expr.items():
        if pieces:
            out.append(
                BoundaryCurve(
                    expression=expr,
                    parameters=names,
                    equation=_equation(expr, sx, sy, names),
                    why=_why(game, whys),
                    pieces=tuple(pieces),
                    sides=tuple(pairs),
                )
            )
    return tuple(sorted(out, key=lambda c: c.equation))
