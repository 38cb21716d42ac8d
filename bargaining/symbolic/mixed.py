r"""Closed-form mixed equilibria, support by support.

In a Nash equilibrium every strategy a player uses earns the same, maximal,
expected payoff (the indifference principle). For supports :math:`I` (rows)
and :math:`J` (columns) of size :math:`k`, the column player's mix :math:`y`
on :math:`J` must make the row player indifferent over :math:`I`:

.. math::

    (A_{iJ} - A_{i_0 J})\, y = 0 \quad (i \in I \setminus \{i_0\}), \qquad
    \textstyle\sum_{j \in J} y_j = 1,

a :math:`k \times k` linear system :math:`M y = e_k`. By Cramer's rule
:math:`y_j = N_j / D` with :math:`D = \det M = \sum_j N_j`. The row mix
:math:`x` on :math:`I` comes from the column player's indifference in the same
way. The pair is an equilibrium iff (von Stengel 2002, Theorem 3.1)

* every probability is positive: all :math:`N_j` have one strict sign, that is
  :math:`N_{j_0} N_j > 0` for every :math:`j` (then each :math:`y_j` lies in
  (0, 1)), and likewise for :math:`x`;
* no strategy outside the support earns more:
  :math:`A_{i_0 J} y - A_{r J} y \ge 0` for every row :math:`r \notin I`, and
  likewise for the column player.

For generic parameters a game is nondegenerate and only supports of equal
size carry equilibria (von Stengel 2002, Theorem 3.4), so those are the
candidates enumerated here. Where :math:`\det M` vanishes identically the
indifference equations are dependent: they can then be solved only on a
boundary of the parameters (found as the condition that :math:`e_k` lies in
the column space of :math:`M`), where the game is degenerate and equilibria
can form continua or have supports of unequal size.

Reference: B. von Stengel, "Computing equilibria for two-person games",
Handbook of Game Theory vol. 3, ch. 45, 2002.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass

import sympy
from sympy.matrices.utilities import dotprodsimp

from bargaining.numbers import significant
from bargaining.symbolic import poly
from bargaining.symbolic.conditions import formula, make_conditions, verdict
from bargaining.symbolic.families import degeneracies_of_point
from bargaining.symbolic.game import SymbolicGame
from bargaining.symbolic.ops import count_ops
from bargaining.symbolic.printing import board
from bargaining.symbolic.result import Condition, MixedCandidate
from bargaining.symbolic.sampling import find_witness, generic_points
from bargaining.symbolic.simplify import Simplifier

__all__ = ["mixed_candidates", "mixed_analysis", "support_name"]


@dataclass(frozen=True)
class _Indifference:
    kind: str  # "generic", "boundary", "never", "continuum"
    numerators: tuple = ()
    determinant: object = None
    equations: tuple = ()


def support_name(game: SymbolicGame, I, J) -> str:
    """``{ally, align} × {ally, align}``."""
    s0, s1 = game.strategies
    return "{" + ", ".join(s0[i] for i in I) + "} × {" + ", ".join(s1[j] for j in J) + "}"


def _is_zero(expr, points) -> bool:
    """Whether ``expr`` vanishes identically: a random-point test, confirmed by expansion if affordable."""
    for p in points:
        if expr.xreplace(p) != 0:
            return False
    if count_ops(expr) <= 300:
        return sympy.expand(expr) == 0
    return True  # nonzero at no random point: zero with probability one


def _indifference(P: sympy.Matrix, points) -> _Indifference:
    """Solve the indifference of the player whose payoffs on the support are ``P`` (own strategies x opponent's)."""
    k = P.shape[0]
    rows = [P.row(r) - P.row(0) for r in range(1, k)] + [sympy.ones(1, k)]
    M = sympy.Matrix(sympy.Matrix.vstack(*rows))
    # Cramer: N_c = det(M with column c replaced by e_k), the last column of adj(M)
    numerators = []
    for c in range(k):
        Mc = M.copy()
        Mc[:, c] = sympy.Matrix([0] * (k - 1) + [1])
        # no intermediate simplification: sympy's default would cancel without bound
        with dotprodsimp(False):
            numerators.append(Mc.det(method="berkowitz"))
    D = sympy.Add(*numerators)  # the sum of the numerators is det(M) (expand along the last row)
    if not _is_zero(D, points):
        return _Indifference("generic", tuple(numerators), D)
    # singular: the rows of adj(M) are left null vectors, so M y = e_k needs every N_c = 0
    # (exactly so where M has rank k - 1, the generic case here)
    nonzero = [N for N in numerators if not _is_zero(N, points)]
    if nonzero:
        g = poly.factor(poly.gcd_list(nonzero))
        if not g.free_symbols:
            return _Indifference("never")
        return _Indifference("boundary", equations=(g,))
    # rank k - 2 or less: fall back on a null space of M^T, with denominators cleared
    equations = []
    with dotprodsimp(False):
        null = M.T.nullspace(simplify=False, iszerofunc=lambda e: _is_zero(e, points))
    for w in null:
        parts = [sympy.fraction(sympy.together(e)) for e in w]
        scale = sympy.lcm([d for _, d in parts])
        num = poly.factor(poly.cancel(parts[-1][0] * scale / parts[-1][1]))
        if _is_zero(num, points):
            continue
        if not num.free_symbols:
            return _Indifference("never")
        equations.append(num)
    if not equations:
        return _Indifference("continuum")
    return _Indifference("boundary", equations=tuple(equations))


def mixed_candidates(game: SymbolicGame, simp: Simplifier, rng) -> tuple[MixedCandidate, ...]:
    """Every pair of equal-size supports (size >= 2) with its closed-form mixed equilibrium.

    Parameters
    ----------
    game : SymbolicGame
    simp : Simplifier
    rng : numpy.random.Generator
        For the random-point zero tests and the witness search.

    Examples
    --------
    A coordination game whose payoff ``a`` for (x, x) is a parameter in [1, 3]:

    >>> import numpy as np
    >>> a = sympy.Symbol("a", positive=True)
    >>> g = SymbolicGame("", "", ("R", "C"), (("x", "y"), ("x", "y")),
    ...     sympy.ImmutableMatrix([[a, 0], [0, 1]]), sympy.ImmutableMatrix([[1, 0], [0, 1]]),
    ...     {"a": a}, {}, {"a": 2}, {"a": (1, 3)}, {"a": ""})
    >>> (m,) = mixed_candidates(g, Simplifier(g.box), np.random.default_rng(0))
    >>> [f.expr for f in m.probabilities[1]], m.equilibrium_at_file
    ([1/(a + 1), a/(a + 1)], True)
    """
    return mixed_analysis(game, simp, rng)[0]


def mixed_analysis(game: SymbolicGame, simp: Simplifier, rng):
    """:func:`mixed_candidates`, with what the rest of the analysis needs.

    Returns
    -------
    candidates : tuple of MixedCandidate
        The equal-size supports that have a closed form or carry no
        equilibrium for generic parameters.
    deferred : list of (I, J)
        Equal-size supports on which a player's indifference leaves a
        continuum of mixes: families (:mod:`~bargaining.symbolic.families`).
    degenerate : list of (I, J)
        The supports of ``candidates`` without a closed form, whose degenerate
        sets :mod:`~bargaining.symbolic.families` finds.
    degeneracies : list of Degeneracy
        Where the closed forms of ``candidates`` fail.
    points : list of dict
        The random points of the zero tests.
    """
    m, n = game.A.shape
    out, deferred, degenerate, degeneracies = [], [], [], []
    points = generic_points(game, 3, rng)
    for k in range(2, min(m, n) + 1):
        for I in itertools.combinations(range(m), k):
            for J in itertools.combinations(range(n), k):
                with simp.at(f"the mixed equilibrium on {support_name(game, I, J)}"):
                    c, degs = _candidate(game, I, J, simp, points, rng)
                if c is None:
                    deferred.append((I, J))
                    continue
                out.append(c)
                if c.kind == "degenerate":
                    degenerate.append((I, J))
                degeneracies += degs
    return tuple(out), deferred, degenerate, degeneracies, points


def _candidate(game, I, J, simp, points, rng):
    A, B = game.A, game.B
    players, strategies = game.players, game.strategies
    name = support_name(game, I, J)
    row = _indifference(A.extract(list(I), list(J)), points)  # gives the column mix y
    col = _indifference(B.extract(list(I), list(J)).T, points)  # gives the row mix x
    kinds = {row.kind, col.kind}
    if "continuum" in kinds and not kinds & {"boundary", "never"}:
        return None, []
    if row.kind != "generic" or col.kind != "generic":
        return _degenerate(game, I, J, name, row, col, simp), []
    degs = degeneracies_of_point(game, simp, I, J, name, ((0, row.numerators), (1, col.numerators)))

    # left as quotients: bounded simplification tidies what it can afford
    x = [N / col.determinant for N in col.numerators]
    y = [N / row.determinant for N in row.numerators]
    probabilities = (
        tuple(formula(p, game, simp) for p in x),
        tuple(formula(q, game, simp) for q in y),
    )
    v = A.extract([I[0]], list(J)).dot(y)
    u = B.extract(list(I), [J[0]]).T.dot(x)
    payoffs = (formula(v, game, simp), formula(u, game, simp))

    conditions: list[Condition] = []
    # each mix is a proper probability vector: all numerators share one strict sign
    for p, (support, ind, mix) in enumerate(((I, col, x), (J, row, y))):
        s = strategies[p]
        for c in range(1, len(support)):
            label = f"{players[p]}'s mix: {s[support[0]]} and {s[support[c]]} both get positive probability"
            conditions += make_conditions(
                label, p, ind.numerators[0] * ind.numerators[c], ">", game, simp, gain=mix[c]
            )
    # no profitable deviation outside the support
    for r in range(A.shape[0]):
        if r not in I:
            gain = (A.extract([I[0]], list(J)) - A.extract([r], list(J))).dot(y)
            label = f"{players[0]}: no gain from switching to {strategies[0][r]}"
            conditions += make_conditions(label, 0, gain, ">=", game, simp)
    for l in range(A.shape[1]):
        if l not in J:
            gain = (B.extract(list(I), [J[0]]) - B.extract(list(I), [l])).T.dot(x)
            label = f"{players[1]}: no gain from switching to {strategies[1][l]}"
            conditions += make_conditions(label, 1, gain, ">=", game, simp)

    at_file = all(c.holds_at_file for c in conditions) and all(
        f.at_file is not None for f in probabilities[0] + probabilities[1]
    )
    v_ = verdict(conditions)
    witness = None
    if v_ in ("never", "boundary"):
        outcome = v_
    else:
        witness = find_witness([(c.expr, c.rel) for c in conditions], game, rng)
        outcome = "possible" if witness is not None else "not found"
    return MixedCandidate(
        supports=(tuple(I), tuple(J)),
        name=name,
        kind="generic",
        probabilities=probabilities,
        payoffs=payoffs,
        conditions=tuple(conditions),
        verdict=outcome,
        equilibrium_at_file=at_file,
        explanation=_explain(game, I, J, probabilities, conditions, at_file, outcome),
        witness=witness,
    ), degs


def _explain(game, I, J, probabilities, conditions, at_file, outcome) -> str:
    players, strategies = game.players, game.strategies
    if at_file:
        return "a mixed equilibrium at the file's values"
    if any(f.at_file is None for f in probabilities[0] + probabilities[1]):
        return "at the file's values the indifference equations have no unique solution"
    reasons = []
    for p, support in enumerate((I, J)):
        for s, f in zip(support, probabilities[p]):
            if f.at_file <= 0 or f.at_file >= 1:
                reasons.append(f"{players[p]} would play {strategies[p][s]} with probability {_num(f.at_file)}")
    for c in conditions:
        if c.holds_at_file is False and "switching" in c.label:
            target = c.label.rsplit(" ", 1)[-1]
            reasons.append(f"{players[c.player]} would gain {_num(-c.gain.at_file)} by switching to {target}")
    lead = (
        "never an equilibrium for parameters in their ranges"
        if outcome == "never"
        else "not an equilibrium at the file's values"
    )
    return lead + (": " + "; ".join(reasons) if reasons else "")


def _num(q) -> str:
    """A sympy number in a sentence: a fraction to three significant digits, anything else as printed."""
    return significant(q, 3) if q.is_Rational and q.q != 1 else board(q)


def _degenerate(game, I, J, name, row, col, simp) -> MixedCandidate:
    players, strategies = game.players, game.strategies
    conditions: list[Condition] = []
    parts = []
    never = False
    for p, ind, own, opp in ((0, row, I, J), (1, col, J, I)):
        who = players[p]
        mine = ", ".join(strategies[p][s] for s in own)
        theirs = ", ".join(strategies[1 - p][s] for s in opp)
        if ind.kind == "generic":
            continue
        if ind.kind == "never":
            never = True
            parts.append(f"{who} is never indifferent among {{{mine}}} against a mix of {{{theirs}}}")
        elif ind.kind == "continuum":
            parts.append(
                f"{who}'s indifference among {{{mine}}} leaves a continuum of mixes of {{{theirs}}} (duplicate payoffs)"
            )
        else:
            eqs = []
            for eq in ind.equations:
                cs = make_conditions(f"{who} indifferent among {{{mine}}}", p, eq, "==", game, simp)
                conditions += cs
                eqs += [c.text() for c in cs]
                never = never or any(c.status in ("never", "contradiction") for c in cs)
            parts.append(
                f"{who} can be indifferent among {{{mine}}} against a mix of {{{theirs}}} only where "
                + " and ".join(eqs)
            )
    if never:
        lead = "no mixed equilibrium on these supports for any parameter values in their ranges"
        outcome = "never"
    else:
        lead = (
            "no isolated mixed equilibrium for generic parameters; on the boundary below the game is degenerate "
            "and equilibria can form a continuum (a segment), which `solve` reports as a component"
        )
        outcome = "degenerate"
    return MixedCandidate(
        supports=(tuple(I), tuple(J)),
        name=name,
        kind="degenerate",
        verdict=outcome,
        equilibrium_at_file=False,
        explanation=lead + ": " + "; ".join(parts),
        degenerate_conditions=tuple(conditions),
    )
