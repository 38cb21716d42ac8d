"""Adapters to nashpy's algorithms (floating point).

nashpy is imported only when one of these methods runs. Known faults of
nashpy 0.0.43: support enumeration can miss mixed equilibria of nondegenerate
games and loses equilibria of degenerate ones; Lemke–Howson finds one
equilibrium per dropped label and is never guaranteed complete. Our
``exact`` method is the reference.
"""

from __future__ import annotations

import warnings as _warnings

from bargaining.solvers.base import Method, MethodResult

TOL = 1e-9

__all__ = ["methods", "TOL"]


def _game(game):
    import nashpy

    A, B = game.float_arrays()
    return nashpy.Game(A, B)


def _dedupe(pairs, tol=1e-7):
    import numpy as np

    out = []
    for x, y in pairs:
        x = np.clip(np.asarray(x, dtype=float), 0, None)
        y = np.clip(np.asarray(y, dtype=float), 0, None)
        if not (np.all(np.isfinite(x)) and np.all(np.isfinite(y))) or x.sum() == 0 or y.sum() == 0:
            continue
        x, y = x / x.sum(), y / y.sum()
        # round-off leaves tiny positive weights on unplayed strategies
        x[x < tol], y[y < tol] = 0.0, 0.0
        x, y = x / x.sum(), y / y.sum()
        if any(np.allclose(x, a, atol=tol) and np.allclose(y, b, atol=tol) for a, b in out):
            continue
        out.append((x, y))
    out.sort(key=lambda p: tuple(-p[0]) + tuple(-p[1]))
    return tuple((tuple(float(v) for v in x), tuple(float(v) for v in y)) for x, y in out)


def _quiet(generator, name="nashpy"):
    from bargaining.errors import SolverError

    with _warnings.catch_warnings():
        _warnings.simplefilter("ignore")
        try:
            return list(generator)
        except Exception as err:  # nashpy fails on some degenerate games
            raise SolverError(
                f"nashpy's {name} failed on this game ({type(err).__name__}: {err}); the exact method handles it"
            ) from None


def _support(game):
    return MethodResult(pairs=_dedupe(_quiet(_game(game).support_enumeration(tol=TOL), "support enumeration")))


def _vertex(game):
    return MethodResult(pairs=_dedupe(_quiet(_game(game).vertex_enumeration(), "vertex enumeration")))


def _lemke_howson(game):
    g = _game(game)
    m, n = game.shape
    found = []
    for label in range(m + n):
        try:
            with _warnings.catch_warnings():
                _warnings.simplefilter("ignore")
                found.append(g.lemke_howson(initial_dropped_label=label))
        except Exception:  # nashpy raises on some degenerate pivots; other labels may still succeed
            continue
    return MethodResult(pairs=_dedupe(found))


def methods():
    """The nashpy methods, as registry entries."""
    return (
        Method(
            name="support-enumeration",
            run=_support,
            exact=False,
            complete=False,
            tol=TOL,
            description="nashpy support enumeration (floating point; may miss equilibria, esp. of degenerate games)",
        ),
        Method(
            name="vertex-enumeration",
            run=_vertex,
            exact=False,
            complete=True,
            tol=TOL,
            description="nashpy vertex enumeration (floating point; extreme equilibria of nondegenerate games)",
        ),
        Method(
            name="lemke-howson",
            run=_lemke_howson,
            exact=False,
            complete=False,
            tol=TOL,
            description="nashpy Lemke-Howson from every initial label (floating point; not guaranteed complete)",
        ),
    )
