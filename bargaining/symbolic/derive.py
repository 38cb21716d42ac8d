"""The ``derive`` analysis: everything that follows in closed form from a game file.

:func:`derive` takes a :class:`~bargaining.model.Model` and returns a
:class:`~bargaining.symbolic.result.Derivation`: the payoff formulas, the
conditions for every pure profile to be a Nash equilibrium
(:mod:`~bargaining.symbolic.conditions`), the closed-form mixed equilibrium of
every pair of equal-size supports (:mod:`~bargaining.symbolic.mixed`) with its
comparative statics (:mod:`~bargaining.symbolic.statics`), the payoff- and
risk-dominance conditions between coexisting strict equilibria
(:mod:`~bargaining.symbolic.selection`) and, for one chosen parameter, every
tipping point (:mod:`~bargaining.symbolic.thresholds`). It reads no file and
prints nothing.
"""

from __future__ import annotations

import itertools
from dataclasses import asdict
from typing import Iterable

import numpy as np

from bargaining.errors import InputError, did_you_mean
from bargaining.limits import check_derive
from bargaining.symbolic.conditions import formula, pure_profiles
from bargaining.symbolic.families import boundary_candidates, degeneracies_of, families, support_pairs
from bargaining.symbolic.game import SymbolicGame
from bargaining.symbolic.mixed import mixed_analysis
from bargaining.symbolic.result import Derivation
from bargaining.symbolic.selection import selections
from bargaining.symbolic.simplify import Budget, Simplifier
from bargaining.symbolic.statics import comparative_statics
from bargaining.symbolic.summary import summarise
from bargaining.symbolic.thresholds import tipping_points

__all__ = ["derive", "clear_caches"]


def clear_caches() -> None:
    """Forget what the analysis remembers between calls, as a fresh process has nothing remembered.

    sympy's cache, signs over ranges, sizes and regroupings, polynomial conversions and printed forms:
    a benchmark timing a cold run, or a test that must see a derivation do all its work, calls this first.
    """
    from sympy.core.cache import clear_cache

    from bargaining.symbolic import poly, printing, signs, simplify

    clear_cache()
    signs._CACHE.clear()
    printing._PLAIN.clear()
    simplify.clear_caches()
    poly.clear_caches()


def derive(
    model,
    *,
    keep: Iterable[str] | None = None,
    solve_for: str | None = None,
    budget: Budget | None = None,
    seed: int = 0,
) -> Derivation:
    """Derive the equilibrium conditions of a parameterised game in closed form.

    Parameters
    ----------
    model : bargaining.model.Model
    keep : iterable of str, optional
        Parameters kept symbolic; the others are fixed at the model's values
        (exact rationals). Default: all stay symbolic.
    solve_for : str, optional
        A parameter: solve every boundary of the conditions for it.
    budget : Budget, optional
        Bounds on simplification effort (see :mod:`~bargaining.symbolic.simplify`).
    seed : int
        Seed of the random points used for zero tests and witness searches.

    Returns
    -------
    Derivation

    Examples
    --------
    >>> from bargaining.io.gamefile import load_model
    >>> d = derive(load_model("games/baseline.toml"), solve_for="T")
    >>> [p.name for p in d.pure if p.equilibrium_at_file]
    ['(align, align)']
    >>> treaty = next(t for t in d.tipping if t.context == "(ally, ally)")
    >>> b = treaty.lower[treaty.binding_lower]
    >>> b.label, b.bound.at_file
    ('Russia: ally rather than align', 111/125)
    """
    notes = []
    keep = None if keep is None else list(keep)
    if solve_for is not None:
        if solve_for not in model.parameters:
            known = ", ".join(model.parameters) or "none"
            raise InputError(
                f"unknown parameter {solve_for!r}{did_you_mean(solve_for, model.parameters)}"
                f"; known parameters: {known}", source=model.source, where="solve for"
            )
        if keep is not None and solve_for not in keep:
            keep.append(solve_for)
            notes.append(f"{solve_for} is kept symbolic because it is solved for")
    game = SymbolicGame.from_model(model, keep)
    rows, cols = game.A.shape
    check_derive(len(game.symbols), 2 * rows * cols, (2**rows - 1) * (2**cols - 1))
    budget = budget or Budget()
    simp = Simplifier(game.box, budget)
    rng = np.random.default_rng(seed)

    payoffs = tuple(
        tuple(tuple(formula(M[i, j], game, simp) for j in range(M.shape[1])) for i in range(M.shape[0]))
        for M in (game.A, game.B)
    )
    pure = pure_profiles(game, simp)
    mixed = []
    candidates, deferred, degenerate_pairs, degenerate, points = mixed_analysis(game, simp, rng)
    for c in candidates:
        if c.kind == "generic" and c.verdict == "possible":
            with simp.at(f"the comparative statics of {c.name}"):
                c = _with_statics(c, game, simp)
        mixed.append(c)
    selection = selections(game, pure, simp, rng)
    # supports of unequal size, and equal ones with dependent equations: their own random stream, so that
    # the witnesses above do not depend on how many of them there are
    m, n = game.A.shape
    frng = np.random.default_rng([seed, 1])
    fams, boundary, more = families(game, simp, frng, points, list(deferred) + support_pairs(m, n)[1])
    mixed += boundary_candidates(game, simp, boundary)
    mixed = tuple(mixed)
    degenerate = tuple(degenerate) + tuple(degeneracies_of(game, simp, points, degenerate_pairs)) + tuple(more)

    tipping, boundaries = (), ()
    theta = game.symbols[solve_for] if solve_for is not None else None
    if theta is not None:
        contexts = [(p.name, "pure", p.conditions) for p in pure if p.verdict in ("always", "conditional", "boundary")]
        contexts += [
            (m.name, "mixed", m.conditions)
            for m in mixed
            if m.kind == "generic" and m.verdict in ("possible", "not found")
        ]
        contexts += _family_contexts(fams)
        contexts += [(s.risk.label, "selection", (s.risk,)) for s in selection]
        tipping, boundaries = tipping_points(contexts, theta, game, simp)
    candidates_ = [(p.name, "pure", p.equilibrium_at_file, p.verdict in ("always", "conditional")) for p in pure]
    candidates_ += [
        (m.name, "mixed", m.equilibrium_at_file, m.verdict == "possible") for m in mixed if m.kind == "generic"
    ]
    candidates_ += [(f.name, "family", f.equilibrium_at_file, f.verdict == "possible") for f in fams]
    summary = summarise(game, candidates_, tipping, boundaries, degenerate, theta)

    if degenerate:
        notes.append(
            "complete: every equilibrium, at every parameter point of the ranges, is one of those above (pure "
            "profiles, mixed equilibria and families of equilibria), except on the degenerate sets listed under "
            "'Where the description stops', where further equilibria (continua, supports of unequal size) can "
            "exist that are not derived; `solve` at such a point lists them"
        )
    else:
        notes.append("complete: every equilibrium, at every parameter point of the ranges, is one of those above")
    skipped_statics = [
        c.name
        for c in mixed
        if c.kind == "generic"
        and c.verdict == "possible"
        and c.payoffs
        and not all(simp.affordable(f.expr) for f in c.probabilities[0] + c.probabilities[1] + c.payoffs)
    ]
    if skipped_statics:
        notes.append(
            "comparative statics are left out for quantities too large to differentiate within the budget "
            f"(in {', '.join(skipped_statics)})"
        )
    if simp.left:
        places = "; ".join(f"{x.where or 'an expression'} ({x.reason})" for x in simp.left)
        notes.append(
            f"{len(simp.left)} expression(s) were left as computed, unsimplified, to stay within the simplification "
            f"budget; they are correct but longer (--budget raises it): {places}"
        )
    return Derivation(
        title=game.title,
        source=game.source,
        players=game.players,
        strategies=game.strategies,
        symbols=tuple(game.symbols),
        fixed=dict(game.fixed),
        values=dict(game.values),
        ranges=dict(game.box),
        labels=dict(game.labels),
        payoffs=payoffs,
        pure=pure,
        mixed=mixed,
        selection=selection,
        families=tuple(fams),
        degenerate=degenerate,
        summary=summary,
        solve_for=solve_for,
        tipping=tipping,
        boundaries=boundaries,
        notes=tuple(notes),
        unsimplified=simp.skipped,
        budget=asdict(budget),
    )


def _family_contexts(fams):
    """One context per combination of the two sides' cases (their conditions together)."""
    out = []
    for f in fams:
        if f.verdict not in ("possible", "not found", "boundary") or not f.projected:
            continue
        combos = list(itertools.product(*(s.cases for s in f.sides)))
        for k, combo in enumerate(combos):
            name = f.name if len(combos) == 1 else f"{f.name} (case {k + 1})"
            out.append((name, "family", tuple(c for case in combo for c in case)))
    return out


def _with_statics(candidate, game, simp):
    from dataclasses import replace

    return replace(candidate, statics=comparative_statics(candidate, game, simp))
