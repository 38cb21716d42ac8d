"""Adapters to nashpy's algorithms (floating point), each run under a time limit.

nashpy is imported only when one of these methods runs. None of them is
complete, and each result says so:

- support enumeration (nashpy 0.0.43) can miss mixed equilibria of
  nondegenerate games and loses equilibria of degenerate ones;
- vertex enumeration finds the extreme equilibria of a nondegenerate game
  only when both best-response polytopes are bounded; nashpy shifts payoffs
  to be at least 0, which leaves a polytope unbounded when a row or column is
  all zeros, so we shift them to be at least 1 (equilibria do not change when
  a constant is added to a player's payoffs). It still misses equilibria of
  degenerate games, and qhull refuses games with one strategy on a side;
- Lemke–Howson finds one equilibrium per initial dropped label, and can cycle
  for ever on degenerate games (nashpy's pivoting loop has no bound).

Each method runs in a child process (forked where the platform allows) that
sends every equilibrium back as it is found, and is stopped after
:data:`TIME_LIMIT` seconds; what it found by then is kept. Lemke–Howson runs
each initial label in its own child, with an equal share of the limit, so one
label that cycles does not cost the others. A fault of nashpy (an exception)
ends that run with a warning, not an error: what was found before it is kept.
The equilibria are verified afterwards by :func:`bargaining.solvers.registry.solve`,
which drops, with a warning, any that fails verification. A method that finds
no equilibrium of a finite game has certainly missed one (Nash 1951): the
registry says so. Our ``exact`` method is the reference.
"""

from __future__ import annotations

import time
import warnings as _warnings

from bargaining.solvers.base import Method, MethodResult

TOL = 1e-9

#: Seconds a nashpy method may run before it is stopped (what it found is kept).
TIME_LIMIT = 20.0

__all__ = ["methods", "TOL", "TIME_LIMIT", "run_limited"]


def _arrays(game):
    """Float payoffs shifted to be at least 1 (bounded best-response polytopes; the same equilibria)."""
    A, B = game.float_arrays()
    return A + (1.0 - A.min()), B + (1.0 - B.min())


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


# ----------------------------------------------------------------------------- running under a limit


def _child(conn, work, args):
    """In the child: send each item ``work(*args)`` yields, then ``("done", None)`` or ``("error", text)``."""
    try:
        with _warnings.catch_warnings():
            _warnings.simplefilter("ignore")
            for item in work(*args):
                conn.send(("item", item))
        conn.send(("done", None))
    except Exception as err:  # nashpy's faults (qhull errors, singular pivots) end the run, reported
        conn.send(("error", f"{type(err).__name__}: {str(err).splitlines()[0] if str(err) else ''}".rstrip(": ")))
    finally:
        conn.close()


def _context():
    import multiprocessing

    methods = multiprocessing.get_all_start_methods()
    return multiprocessing.get_context("fork" if "fork" in methods else "spawn")


def run_limited(work, args, limit: float):
    """Run the generator function ``work(*args)`` in a child process for at most ``limit`` seconds.

    Returns
    -------
    items : list
        What it yielded before it finished, failed or was stopped.
    error : str or None
        The exception that ended it, if one did.
    timed_out : bool
        Whether it was stopped at the limit.

    Examples
    --------
    >>> run_limited(range, (3,), 10.0)
    ([0, 1, 2], None, False)
    """
    ctx = _context()
    parent, child = ctx.Pipe(duplex=False)
    proc = ctx.Process(target=_child, args=(child, work, args), daemon=True)
    proc.start()
    child.close()
    items, error, finished = [], None, False
    deadline = time.monotonic() + limit
    try:
        while not finished:
            remaining = deadline - time.monotonic()
            if remaining <= 0 or not parent.poll(remaining):
                break
            try:
                kind, value = parent.recv()
            except EOFError:  # the child died without a word (killed by the system)
                error = "the worker process ended unexpectedly"
                finished = True
                break
            if kind == "item":
                items.append(value)
            else:
                error = value
                finished = True
    finally:
        if proc.is_alive():
            proc.kill()
        proc.join()
        parent.close()
    return items, error, not finished


# ----------------------------------------------------------------------------- the methods


def _support_work(A, B):
    import nashpy

    yield from nashpy.Game(A, B).support_enumeration(tol=TOL)


def _vertex_work(A, B):
    import nashpy

    yield from nashpy.Game(A, B).vertex_enumeration()


class _Cycle(Exception):
    """Lemke-Howson's pivoting came back to a basis it had left: it would cycle for ever."""


def _lemke_howson_work(A, B, label):
    """nashpy's Lemke-Howson path (its tableaux and pivots), stopped as soon as it revisits a basis.

    nashpy 0.0.43 loops ``while not fully_labeled`` with no bound, and on some
    games (a 1 x 1 game, some m x 1 games) the path returns to a basis it has
    left. The path of a nondegenerate game visits each basis at most once
    (von Stengel 2002, section 3.4), so a repeated basis is a cycle: we raise
    instead of looping.
    """
    import nashpy
    from nashpy.algorithms import lemke_howson as lh

    if not all(hasattr(lh, f) for f in ("create_col_tableau", "create_row_tableau")):
        yield nashpy.Game(A, B).lemke_howson(initial_dropped_label=label)  # another nashpy: its own loop
        return
    from itertools import cycle

    col, row = lh.create_col_tableau(A, True), lh.create_row_tableau(B, True)
    tableaux = cycle((row, col) if label in row.non_basic_variables else (col, row))
    full, entering, seen = col.labels, label, set()
    while True:
        state = (frozenset(col.non_basic_variables), frozenset(row.non_basic_variables), entering)
        if state in seen:
            raise _Cycle(f"the pivoting path from initial label {label} cycles")
        seen.add(state)
        entering = next(tableaux).pivot_and_drop_label(entering)
        if col.non_basic_variables.union(row.non_basic_variables) == full:
            break
    yield row.to_strategy(col.non_basic_variables), col.to_strategy(row.non_basic_variables)


def _import_before_forking() -> None:
    """Import nashpy once in this process, so that forked children do not each import it again."""
    if _context().get_start_method() == "fork":
        import nashpy  # noqa: F401


def _enumerate(name, work, limit):
    def run(game) -> MethodResult:
        _import_before_forking()
        A, B = _arrays(game)
        found, error, timed_out = run_limited(work, (A, B), limit)
        notes = []
        if error is not None:
            notes.append(f"nashpy's {name} failed on this game ({error}) after {len(found)} equilibria;"
                         " the answer is incomplete (the exact method handles every game)")
        if timed_out:
            notes.append(f"{name} was stopped at its time limit of {limit:g} s after {len(found)} equilibria;"
                         " the answer is incomplete")
        return MethodResult(pairs=_dedupe(found), warnings=tuple(notes), complete=False)

    return run


def _lemke_howson(limit):
    def run(game) -> MethodResult:
        _import_before_forking()
        A, B = _arrays(game)
        labels = A.shape[0] + A.shape[1]
        share = limit / labels
        found, failed, cycled, stopped = [], [], [], []
        for label in range(labels):
            items, error, timed_out = run_limited(_lemke_howson_work, (A, B, label), share)
            found += items
            if timed_out:
                stopped.append(label)
            elif error is not None and error.startswith("_Cycle"):
                cycled.append(label)
            elif error is not None:
                failed.append(label)
        notes = []
        if cycled:
            notes.append(f"Lemke-Howson's path cycles from initial label(s) {', '.join(map(str, cycled))}"
                         " (nashpy's pivoting on this game); stopped there")
        if stopped:
            notes.append(
                f"Lemke-Howson did not end within {share:.3g} s from initial label(s) "
                f"{', '.join(map(str, stopped))} (it can cycle on degenerate games) and was stopped there"
            )
        if failed:
            notes.append(f"nashpy's Lemke-Howson failed from initial label(s) {', '.join(map(str, failed))}")
        return MethodResult(pairs=_dedupe(found), warnings=tuple(notes), complete=False)

    return run


def methods(limit: float = TIME_LIMIT):
    """The nashpy methods, as registry entries, each stopped after ``limit`` seconds."""
    return (
        Method(
            name="support-enumeration",
            run=_enumerate("support enumeration", _support_work, limit),
            exact=False,
            complete=False,
            tol=TOL,
            description="nashpy support enumeration (two players, floating point; may miss equilibria, esp. of "
            f"degenerate games; stopped after {limit:g} s)",
        ),
        Method(
            name="vertex-enumeration",
            run=_enumerate("vertex enumeration", _vertex_work, limit),
            exact=False,
            complete=False,
            tol=TOL,
            description="nashpy vertex enumeration (two players, floating point; the extreme equilibria of "
            f"nondegenerate games, may miss those of degenerate ones; stopped after {limit:g} s)",
        ),
        Method(
            name="lemke-howson",
            run=_lemke_howson(limit),
            exact=False,
            complete=False,
            tol=TOL,
            description="nashpy Lemke-Howson from every initial label (two players, floating point; not guaranteed "
            f"complete; stopped after {limit:g} s)",
        ),
    )
