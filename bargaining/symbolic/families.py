r"""Equilibria on every pair of supports, degenerate games included: families, and where the description stops.

Every Nash equilibrium :math:`(x, y)` of a bimatrix game has a pair of
supports :math:`(I, J)`, and the equilibria with exactly these supports form
the product :math:`X_{IJ} \times Y_{IJ}` of

.. math::

    Y_{IJ} = \{y : y_j > 0 \ (j \in J),\ \textstyle\sum_J y_j = 1,\
    (Ay)_i = (Ay)_{i_0} \ (i \in I),\ (Ay)_{i_0} \ge (Ay)_r \ (r \notin I)\}

and the same for :math:`x` with :math:`B^\top` (von Stengel 2002, Theorem
3.1). So the equilibrium set is the union over all pairs of supports, and
``derive`` is complete when it describes every pair. Pure profiles
(:mod:`~bargaining.symbolic.conditions`) and equal supports whose indifference
equations have a unique generic solution (:mod:`~bargaining.symbolic.mixed`)
are closed forms. This module does the rest: supports of unequal size, and
equal supports whose equations are dependent.

For each side the indifference system is solved over the rational functions
of the parameters (:mod:`~bargaining.symbolic.linear`). Where it is
inconsistent for generic values, the supports carry no equilibrium except on
the lower-dimensional set where it becomes consistent (a *degeneracy*, named
below). Where it is consistent, the side's mixes form a polytope: some
probabilities are free variables, the others affine in them, subject to
linear inequalities (every probability positive, no gain from a strategy
outside the support) whose coefficients are closed forms. A *family* of
equilibria exists at a parameter point iff both polytopes are nonempty
there. The free variables are eliminated by Fourier–Motzkin elimination
(Ziegler 1995, sec. 1.2; Schrijver 1986, sec. 12.2): each inequality is a
lower or an upper bound on a variable according to the sign of its
coefficient, and the variable can be chosen iff every lower bound lies below
every upper bound. Where a coefficient's sign is not fixed on the declared
ranges the elimination splits into cases (positive, negative, zero), so the
condition for a family is a disjunction of conjunctions, each reduced as the
other conditions are. An inequality that is a multiple of a positivity
constraint (``q·(1 − x) ≥ 0`` with ``q > 0``) becomes a condition on the
parameters alone without a split.

Where the pivot minor of a side's solution vanishes (or, for inconsistent
systems, where every remainder does), the structure can change: equilibria on
these supports other than those described may exist there. Each such set is
reported as a :class:`~bargaining.symbolic.result.Degeneracy`. Off the union
of these lower-dimensional sets, the pure profiles, mixed equilibria and
families together are every equilibrium of the game.

References
----------
B. von Stengel, "Computing equilibria for two-person games", Handbook of Game
Theory vol. 3, ch. 45, 2002. G. M. Ziegler, *Lectures on Polytopes*,
Springer, 1995. A. Schrijver, *Theory of Linear and Integer Programming*,
Wiley, 1986.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass

import sympy

from bargaining.symbolic.conditions import holds, make_conditions, reduce_inequality
from bargaining.symbolic.game import SymbolicGame
from bargaining.symbolic.linear import LinearSolution, solve_linear
from bargaining.symbolic.result import Condition, Degeneracy, Family, Formula, MixedCandidate, MixSide
from bargaining.symbolic.sampling import find_witness
from bargaining.symbolic.signs import signs
from bargaining.symbolic.simplify import Simplifier

__all__ = ["support_pairs", "side_solution", "eliminate", "families", "degeneracies_of_point", "degeneracies_of",
           "boundary_candidates", "feasible_at"]

#: Fourier–Motzkin gives up (and says so) beyond this many cases or inequalities
MAX_CASES = 27
MAX_INEQUALITIES = 60


def support_pairs(m: int, n: int):
    """Every pair of supports that is not a pure profile, equal sizes first (in the order of ``mixed``)."""
    equal = [(I, J) for k in range(2, min(m, n) + 1)
             for I in itertools.combinations(range(m), k) for J in itertools.combinations(range(n), k)]
    unequal = [(I, J) for a in range(1, m + 1) for b in range(1, n + 1) if a != b
               for I in itertools.combinations(range(m), a) for J in itertools.combinations(range(n), b)]
    unequal.sort(key=lambda IJ: (len(IJ[0]) + len(IJ[1]), len(IJ[0]), IJ))
    return equal, unequal


def support_name(game: SymbolicGame, I, J) -> str:
    s0, s1 = game.strategies
    return "{" + ", ".join(s0[i] for i in I) + "} × {" + ", ".join(s1[j] for j in J) + "}"


def side_solution(P: sympy.Matrix, points) -> LinearSolution:
    """The indifference system of the player whose payoffs on the supports are ``P`` (own × the other's)."""
    k = P.shape[0]
    rows = [P.row(r) - P.row(0) for r in range(1, k)] + [sympy.ones(1, P.shape[1])]
    return solve_linear(sympy.Matrix.vstack(*rows), points)


# ----------------------------------------------------------------------------- Fourier–Motzkin


@dataclass(frozen=True)
class _Ineq:
    """``sum(coeffs[v] * v) + const > 0`` (strict) or ``>= 0``; ``sources``: the inequalities it comes from."""

    coeffs: tuple  # ((symbol, coefficient), ...), coefficients not identically zero
    const: object
    strict: bool
    sources: frozenset = frozenset()

    def coeff(self, v):
        return next((a for s, a in self.coeffs if s == v), sympy.Integer(0))


def _affine(expr, variables, strict: bool, source=None) -> _Ineq:
    """``expr > 0`` (or ``>= 0``), ``expr`` affine in ``variables``, as an :class:`_Ineq`."""
    e = sympy.together(expr)
    num, den = sympy.fraction(e)
    poly = sympy.Poly(sympy.expand(num), *variables) if variables else None
    coeffs = []
    for v in variables:
        c = sympy.cancel(poly.coeff_monomial(v) / den)
        if c != 0:
            coeffs.append((v, c))
    const = sympy.cancel((poly.coeff_monomial(1) if poly is not None else num) / den)
    return _Ineq(tuple(coeffs), const, strict, frozenset() if source is None else frozenset({source}))


def _sign_options(a, facts, box) -> frozenset:
    if a.is_number:
        return frozenset({1 if a > 0 else -1 if a < 0 else 0})
    for f, s, _ in facts:
        if sympy.cancel(a - f) == 0:
            return frozenset({s})
        if sympy.cancel(a + f) == 0:
            return frozenset({-s})
    return signs(a, box)


def _proportional(c: _Ineq, g: _Ineq):
    """``lam`` (free of the variables) with ``c = lam * g``, or None."""
    pairs = [(c.const, g.const)] + [(c.coeff(v), a) for v, a in g.coeffs]
    if any(v not in dict(g.coeffs) for v, _ in c.coeffs):
        return None
    ref = next(((x, y) for x, y in pairs if y != 0), None)
    if ref is None:
        return None
    lam = sympy.cancel(ref[0] / ref[1])
    if all(sympy.cancel(x - lam * y) == 0 for x, y in pairs):
        return lam
    return None


def eliminate(inequalities, variables, box, positive=(), sources=None):
    """Fourier–Motzkin elimination with case splits on unknown signs.

    Parameters
    ----------
    inequalities : sequence of (expr, strict)
        ``expr > 0`` (strict) or ``expr >= 0``, each affine in ``variables``.
    variables : sequence of sympy.Symbol
    box : Mapping
        Declared ranges, for the signs of coefficients.
    positive : sequence of int
        Indices of inequalities that are strict positivity constraints
        (a probability is positive); an inequality that is a multiple of one
        of them becomes a condition on its multiplier.
    sources : sequence, optional
        A tag for each inequality; with it, each condition returned is
        ``(expr, rel, tags)``, the tags of the inequalities it comes from.

    Returns
    -------
    list of list of (expr, rel), or None
        The cases (a disjunction; each a conjunction of conditions on the
        parameters alone), or None beyond :data:`MAX_CASES` cases or
        :data:`MAX_INEQUALITIES` inequalities.

    Examples
    --------
    Some ``q`` in (0, 1) with ``q*(1 - x) >= 0`` exists iff ``1 - x >= 0``:

    >>> q, x = sympy.Symbol("q", positive=True), sympy.Symbol("x")
    >>> eliminate([(q, True), (1 - q, True), (q * (1 - x), False)], [q], {"x": (0, 2)}, positive=[0, 1])
    [[(1 - x, '>=')]]
    """
    tags = list(sources) if sources is not None else [None] * len(inequalities)
    cons = [_affine(e, list(variables), s, t) for (e, s), t in zip(inequalities, tags)]
    pos = [cons[k] for k in positive]
    out = []
    for c in cons:
        if c in pos or not c.coeffs:
            out.append(c)
            continue
        lam = next((x for x in (_proportional(c, g) for g in pos) if x is not None), None)
        out.append(_Ineq((), lam, c.strict, c.sources) if lam is not None else c)
    cases: list = []
    if not _fm(out, list(variables), [], box, cases):
        return None
    if sources is None:
        return [[(e, rel) for e, rel, _ in case] for case in cases]
    return cases


def _fm(cons, variables, facts, box, cases) -> bool:
    if len(cons) > MAX_INEQUALITIES or len(cases) > MAX_CASES:
        return False
    if not variables:
        case = [(c.const, ">" if c.strict else ">=", c.sources) for c in cons]
        case += [(f, {1: ">", -1: "<", 0: "=="}[s], src) for f, s, src in facts]
        if any(e.is_number and not holds(e, rel) for e, rel, _ in case):
            return True  # a contradiction among numbers: this case is empty
        cases.append([x for x in case if not x[0].is_number])
        return True
    # eliminate first the variable whose coefficients need the fewest case splits
    def splits(v):
        return sum(len(_sign_options(c.coeff(v), facts, box)) > 1 for c in cons if c.coeff(v) != 0)

    v = min(variables, key=splits)
    rest = [w for w in variables if w != v]
    lower, upper, keep = [], [], []
    for c in cons:
        a = c.coeff(v)
        if a == 0:
            keep.append(c)
            continue
        options = _sign_options(a, facts, box)
        if len(options) > 1:
            for s in sorted(options, reverse=True):
                if not _fm(cons, variables, facts + [(a, s, c.sources)], box, cases):
                    return False
            return True
        s = next(iter(options))
        if s == 0:
            keep.append(_Ineq(tuple((w, b) for w, b in c.coeffs if w != v), c.const, c.strict, c.sources))
        elif s > 0:
            lower.append((a, c))
        else:
            upper.append((a, c))
    for (a, p), (b, n) in itertools.product(lower, upper):
        # (-b) * p + a * n: positive multipliers, v cancels
        coeffs = []
        for w in rest:
            x = sympy.cancel(-b * p.coeff(w) + a * n.coeff(w))
            if x != 0:
                coeffs.append((w, x))
        keep.append(_Ineq(tuple(coeffs), sympy.cancel(-b * p.const + a * n.const), p.strict or n.strict,
                          p.sources | n.sources))
    return _fm(keep, rest, facts, box, cases)


def feasible_at(inequalities, variables, point) -> bool:
    """Whether the inequalities (``(expr, strict)``, affine in ``variables``) have a solution at ``point``, exactly."""
    at = [(e.xreplace(point) if isinstance(e, sympy.Basic) else sympy.Rational(e), s) for e, s in inequalities]
    cases = eliminate(at, variables, {})
    return bool(cases) and any(all(holds(e, rel) for e, rel in case) for case in cases)


# ----------------------------------------------------------------------------- families


def _variables(game: SymbolicGame, letter: str, count: int, taken: set) -> list:
    out = []
    k = 1
    while len(out) < count:
        name = f"{letter}{k}"
        while name in taken:
            name += "_"
        taken.add(name)
        out.append(sympy.Symbol(name, positive=True))
        k += 1
    return out


def _merge(cases):
    """Merge cases that differ in one condition ``g > 0`` / ``g = 0`` (into ``g >= 0``); drop implied ones."""
    sets = [frozenset((c.expr, c.rel) for c in case) for case in cases]
    by_key = {}
    for case, key in zip(cases, sets):
        by_key.setdefault(key, case)
    changed = True
    while changed:
        changed = False
        keys = list(by_key)
        for a, b in itertools.combinations(keys, 2):
            if a not in by_key or b not in by_key:
                continue
            da, db = a - b, b - a
            if len(da) == 1 and len(db) == 1:
                (ea, ra), (eb, rb) = next(iter(da)), next(iter(db))
                if ea == eb and {ra, rb} in ({">", "=="}, {"<", "=="}):
                    rel = ">=" if ">" in (ra, rb) else "<="
                    keep = [c for c in by_key[a] if (c.expr, c.rel) != (ea, ra)]
                    src = next(c for c in by_key[a] if (c.expr, c.rel) == (ea, ra))
                    from dataclasses import replace

                    merged = tuple(keep) + (replace(src, rel=rel, status="depends"),)
                    del by_key[a], by_key[b]
                    by_key[frozenset((c.expr, c.rel) for c in merged)] = merged
                    changed = True
                    break
        for a, b in itertools.permutations(list(by_key), 2):
            if a in by_key and b in by_key and a < b:
                del by_key[b]  # a weaker case (fewer conditions) implies the stronger one's region
                changed = True
    return list(by_key.values())


def _side(game, simp, p: int, I, J, sol: LinearSolution, variables, label: str):
    """One player's mixes: probabilities, constraints and the cases where a mix exists."""
    players, strategies = game.players, game.strategies
    own, other = (I, J) if p == 0 else (J, I)
    free_syms = dict(zip(sol.free, variables))
    probs = []
    for c in range(len(own)):
        if c in free_syms:
            probs.append(free_syms[c])
        else:
            probs.append(sol.constant[c] + sympy.Add(*[sol.coefficients[c, f] * free_syms[f] for f in sol.free]))
    # the other player's payoffs: no gain for it outside its support, given this mix
    M = game.B if p == 0 else game.A.T  # rows: the other player's strategies after transposing
    inequalities: list = []
    labels: list = []
    for c, q in enumerate(probs):
        inequalities.append((q, True))
        labels.append(f"{players[p]}'s mix: {strategies[p][own[c]]} gets positive probability")
    positive = list(range(len(probs)))
    first = other[0]
    base = [M[own[c], first] if p == 0 else M[own[c], first] for c in range(len(own))]
    for r in range(M.shape[1]):
        if r in other:
            continue
        gain = sympy.Add(*[(M[own[c], first] - M[own[c], r]) * probs[c] for c in range(len(own))])
        inequalities.append((gain, False))
        labels.append(f"{players[1 - p]}: no gain from switching to {strategies[1 - p][r]}")
    del base
    constraints = []
    for (e, strict), lab in zip(inequalities, labels):
        if e.is_number:
            continue
        for r in reduce_inequality(sympy.cancel(e), ">" if strict else ">=", simp):
            constraints.append(Condition(label=lab, player=1 - p if "switching" in lab else p, expr=r.expr, rel=r.rel,
                                         status=r.status, assumptions=r.assumptions, assumed=r.assumed,
                                         simplified=r.simplified, note=r.note))
    numeric_fail = any(e.is_number and not holds(e, ">" if s else ">=") for e, s in inequalities)
    cases = None
    note = None
    if numeric_fail:
        cases = ()
    else:
        tags = [(lab, 1 - p if "switching" in lab else p) for lab in labels]
        raw = eliminate(inequalities, variables, simp.box, positive, sources=tags)
        if raw is None:
            note = "the variables could not be eliminated within the limits; the constraints decide point by point"
        else:
            out = []
            for case in raw:
                conds: list[Condition] = []
                dead = False
                for e, rel, src in case:
                    if e.is_number:
                        if not holds(e, rel):
                            dead = True
                            break
                        continue
                    # name the condition after the inequalities it comes from: a player's incentive, if any
                    named = sorted(src, key=lambda t: ("positive" in t[0], t[0]))
                    lab, who = (
                        (" and ".join(t[0] for t in named if "positive" not in t[0]) or named[0][0], named[0][1])
                        if named
                        else (label, p)
                    )
                    for c in make_conditions(lab, who, e, rel, game, simp):
                        if c.status in ("never", "contradiction"):
                            dead = True
                            break
                        if c.status not in ("identity", "always"):
                            conds.append(c)
                    if dead:
                        break
                if not dead:
                    out.append(tuple(dict.fromkeys(conds)))
            cases = tuple(_merge(out))
    formulas = tuple(
        Formula(
            expr=simp.tidy(q).expr, at_file=None if q.free_symbols - set(game.symbols.values()) else game.at_file(q)
        )
        for q in probs
    )
    return (
        MixSide(
            player=p,
            support=tuple(own),
            free=tuple(own[c] for c in sol.free),
            variables=tuple(v.name for v in variables),
            probabilities=formulas,
            constraints=tuple(constraints),
            cases=cases,
            note=note,
        ),
        inequalities,
        probs,
    )


def _verdict(sides, game, rng):
    if any(s.cases == () for s in sides):
        return "never", None
    if any(s.cases is None for s in sides):
        return "not found", None
    combos = itertools.product(*(s.cases for s in sides))
    boundary_only = True
    for combo in combos:
        conds = [c for case in combo for c in case]
        if any(c.rel == "==" for c in conds):
            continue
        boundary_only = False
        w = find_witness([(c.expr, c.rel) for c in conds], game, rng)
        if w is not None:
            return "possible", w
    return ("boundary" if boundary_only else "not found"), None


def _exists_at(side: MixSide, inequalities, variables, point) -> bool:
    if side.cases is not None:
        from bargaining.symbolic.result import cases_hold

        return cases_hold(side.cases, point)
    return feasible_at(inequalities, variables, point)


def families(game: SymbolicGame, simp: Simplifier, rng, points, pairs):
    """Families of equilibria and degenerate supports for the given pairs of supports.

    Returns
    -------
    families : list of Family
    boundary : list of (I, J, LinearSolution, LinearSolution)
        Pairs some side of which is inconsistent for generic parameters.
    degeneracies : list of Degeneracy
    """
    out, boundary, degenerate = [], [], []
    taken = set(game.symbols) | {s.name for s in game.symbols.values()}
    for I, J in pairs:
        name = support_name(game, I, J)
        ys = side_solution(game.A.extract(list(I), list(J)), points)
        xs = side_solution(game.B.extract(list(I), list(J)).T, points)
        with simp.at(f"the supports {name}"):
            degenerate += _degeneracies(game, simp, I, J, name, ((0, xs), (1, ys)))
        if not (ys.consistent and xs.consistent):
            boundary.append((I, J, xs, ys))
            continue
        with simp.at(f"the family on {name}"):
            out.append(_family(game, simp, rng, I, J, name, xs, ys, taken))
    return out, boundary, degenerate


def _family(game, simp, rng, I, J, name, xs, ys, taken) -> Family:
    players = game.players
    pv = _variables(game, "p", xs.dimension, taken)
    qv = _variables(game, "q", ys.dimension, taken)
    for v in pv + qv:
        simp.box[v.name] = (0, 1)
    sx, ineq_x, x = _side(game, simp, 0, I, J, xs, pv, f"{players[0]} can mix as required")
    sy, ineq_y, y = _side(game, simp, 1, I, J, ys, qv, f"{players[1]} can mix as required")
    v = sympy.Add(*[game.A[I[0], J[c]] * y[c] for c in range(len(J))])
    u = sympy.Add(*[game.B[I[c], J[0]] * x[c] for c in range(len(I))])
    payoffs = tuple(Formula(expr=simp.tidy(e).expr) for e in (v, u))
    verdict, witness = _verdict((sx, sy), game, rng)
    point = game.point()
    at_file = verdict != "never" and _exists_at(sx, ineq_x, pv, point) and _exists_at(sy, ineq_y, qv, point)
    return Family(
        supports=(tuple(I), tuple(J)),
        name=name,
        sides=(sx, sy),
        payoffs=payoffs,
        verdict=verdict,
        equilibrium_at_file=at_file,
        explanation=_explain(game, sx, sy, verdict),
        witness=witness,
    )


def _explain(game, sx, sy, verdict) -> str:
    players, strategies = game.players, game.strategies
    parts = []
    for s in (sx, sy):
        who = players[s.player]
        names = [strategies[s.player][k] for k in s.support]
        if len(names) == 1:
            parts.append(f"{who} plays {names[0]}")
        elif s.dimension == 0:
            parts.append(f"{who} mixes {', '.join(names)} in fixed proportions")
        else:
            free = ", ".join(f"{v} = P({strategies[s.player][k]})" for v, k in zip(s.variables, s.free))
            parts.append(f"{who} mixes {', '.join(names)} with {free} free")
    dim = sx.dimension + sy.dimension
    lead = (
        "a point" if dim == 0 else "a segment of equilibria" if dim == 1 else f"a {dim}-dimensional set of equilibria"
    )
    if verdict == "never":
        return "never an equilibrium for parameters in their ranges"
    return f"{lead}: " + "; ".join(parts)


def _equations(game, simp, player, label, exprs) -> tuple[Condition, ...] | None:
    """The reduced equations ``e = 0``; None when they cannot hold together on the ranges."""
    out = []
    for e in exprs:
        if e.is_number:
            if e != 0:
                return None
            continue
        for c in make_conditions(label, player, e, "==", game, simp):
            if c.status in ("never", "contradiction"):
                return None
            if c.status == "identity":
                continue
            out.append(c)
    return tuple(dict.fromkeys(out))


def _degeneracies(game, simp, I, J, name, sides) -> list[Degeneracy]:
    players, strategies = game.players, game.strategies
    out = []
    for p, sol in sides:
        own, other = (I, J) if p == 0 else (J, I)
        mine = ", ".join(strategies[1 - p][s] for s in other)
        label = f"{players[1 - p]} indifferent among {{{mine}}}"
        if not sol.pivot_minor.is_number:
            eqs = _equations(game, simp, 1 - p, label, [sol.pivot_minor])
            if eqs:
                out.append(
                    Degeneracy(
                        supports=(tuple(I), tuple(J)),
                        name=name,
                        player=1 - p,
                        equations=eqs,
                        reason=f"{players[1 - p]}'s indifference among {{{mine}}} changes its structure",
                    )
                )
        if not sol.consistent:
            eqs = _equations(game, simp, 1 - p, label, list(sol.remainders))
            if eqs:
                out.append(
                    Degeneracy(
                        supports=(tuple(I), tuple(J)),
                        name=name,
                        player=1 - p,
                        equations=eqs,
                        reason=f"{players[1 - p]} can be indifferent among {{{mine}}} there",
                    )
                )
    return out


def degeneracies_of_point(game, simp, I, J, name, numerators) -> list[Degeneracy]:
    """Where a generic mixed equilibrium's closed form fails: all Cramer numerators of one side vanish.

    ``numerators`` is ``((player, N_0, ..., N_k), ...)``: the player whose
    indifference the numerators solve, and the numerators.
    """
    players, strategies = game.players, game.strategies
    out = []
    for p, nums in numerators:
        own = I if p == 0 else J
        mine = ", ".join(strategies[p][s] for s in own)
        label = f"{players[p]} indifferent among {{{mine}}}"
        eqs = _equations(game, simp, p, label, list(nums))
        if eqs:
            out.append(
                Degeneracy(
                    supports=(tuple(I), tuple(J)),
                    name=name,
                    player=p,
                    equations=eqs,
                    reason=f"{players[p]}'s indifference among {{{mine}}} has no unique solution there",
                )
            )
    return out


def degeneracies_of(game: SymbolicGame, simp: Simplifier, points, pairs) -> list[Degeneracy]:
    """The degenerate sets of supports that carry no equilibrium for generic parameters."""
    out = []
    for I, J in pairs:
        name = support_name(game, I, J)
        ys = side_solution(game.A.extract(list(I), list(J)), points)
        xs = side_solution(game.B.extract(list(I), list(J)).T, points)
        with simp.at(f"the supports {name}"):
            out += _degeneracies(game, simp, I, J, name, ((0, xs), (1, ys)))
    return out


def boundary_candidates(game: SymbolicGame, simp: Simplifier, boundary) -> list[MixedCandidate]:
    """Supports some player's indifference on which is inconsistent for generic parameters.

    Each carries equilibria at most where the remainders of that player's
    indifference system vanish; that set is named, as for equal supports in
    :mod:`~bargaining.symbolic.mixed`.
    """
    players, strategies = game.players, game.strategies
    out = []
    for I, J, xs, ys in boundary:
        name = support_name(game, I, J)
        conditions: list[Condition] = []
        parts = []
        never = False
        for p, sol, own, opp in ((0, ys, I, J), (1, xs, J, I)):
            if sol.consistent:
                continue
            who = players[p]
            mine = ", ".join(strategies[p][s] for s in own)
            theirs = ", ".join(strategies[1 - p][s] for s in opp)
            with simp.at(f"the supports {name}"):
                eqs = _equations(game, simp, p, f"{who} indifferent among {{{mine}}}", list(sol.remainders))
            if eqs is None:
                never = True
                parts.append(f"{who} is never indifferent among {{{mine}}} against a mix of {{{theirs}}}")
                continue
            conditions += eqs
            parts.append(
                f"{who} can be indifferent among {{{mine}}} against a mix of {{{theirs}}} only where "
                + " and ".join(c.text() for c in eqs)
            )
        if never:
            lead = "no equilibrium on these supports for any parameter values in their ranges"
            outcome = "never"
        else:
            lead = (
                "no equilibrium on these supports for generic parameters; on the boundary below the game is "
                "degenerate, and equilibria on them are not derived there (`solve` lists them)"
            )
            outcome = "degenerate"
        out.append(
            MixedCandidate(
                supports=(tuple(I), tuple(J)),
                name=name,
                kind="degenerate",
                verdict=outcome,
                equilibrium_at_file=False,
                explanation=lead + ": " + "; ".join(parts),
                degenerate_conditions=tuple(conditions),
            )
        )
    return out
