"""Conditions for pure profiles to be Nash equilibria, and the reduction of inequalities.

A pure profile (i, j) of a bimatrix game (A, B) is a Nash equilibrium iff no
player gains by a unilateral deviation to another pure strategy (Nash 1951;
a deviation to a mixed strategy cannot gain more than the best pure one):

    A[i][j] - A[k][j] >= 0 for every row k != i,
    B[i][j] - B[i][l] >= 0 for every column l != j.

Each difference is a closed form in the parameters. :func:`reduce_inequality`
turns ``f rel 0`` into its simplest equivalent form: it factors ``f``, divides
out the factors whose sign is fixed on the declared parameter ranges (noting
each such assumption, e.g. ``lam > 0``), orients the result, and judges the
condition over the ranges: identically true (dropped from the list a reader
sees), always or never true on the ranges, true only on a boundary where the
expression vanishes, or dependent on the parameters.

Reference: J. Nash, "Non-cooperative games", Annals of Mathematics 54(2), 1951.
"""

from __future__ import annotations

from dataclasses import dataclass

import sympy

from bargaining.symbolic import poly
from bargaining.symbolic.game import SymbolicGame
from bargaining.symbolic.printing import plain
from bargaining.symbolic.result import Condition, Formula, PureProfile
from bargaining.symbolic.signs import NEGATIVE, NONNEGATIVE, NONPOSITIVE, POSITIVE, UNKNOWN, signs
from bargaining.symbolic.simplify import Simplifier, Tidied, main_term_negative, regroup_factors

__all__ = [
    "reduce_inequality",
    "make_conditions",
    "formula",
    "pure_profiles",
    "classify",
    "holds",
    "verdict",
    "Reduced",
    "FLIP",
]

FLIP = {">=": "<=", ">": "<", "<=": ">=", "<": ">", "==": "==", "!=": "!="}


@dataclass(frozen=True)
class Reduced:
    """A reduced condition ``expr rel 0`` (see :func:`reduce_inequality`)."""

    expr: object
    rel: str
    status: str
    assumptions: tuple[str, ...] = ()
    simplified: bool = True
    note: str | None = None
    assumed: tuple = ()


def holds(value, rel: str) -> bool | None:
    """Whether the number ``value`` satisfies ``value rel 0``; None where it is undefined."""
    if value is None or value.has(sympy.nan, sympy.zoo, sympy.oo, -sympy.oo) or value.is_extended_real is False:
        return None
    return bool(
        {">=": value >= 0, ">": value > 0, "<=": value <= 0, "<": value < 0, "==": value == 0, "!=": value != 0}[rel]
    )


def classify(expr, rel: str, box) -> str:
    """How ``expr rel 0`` fares over the box (a key of :data:`~bargaining.symbolic.result.STATUSES`).

    Examples
    --------
    >>> w, e = sympy.symbols("w e", nonnegative=True)
    >>> classify(w + e, "<=", {"w": (0, 1), "e": (0, 1)})
    'boundary'
    >>> classify(w - e, ">=", {"w": (0, 1), "e": (0, 1)})
    'depends'
    """
    if not expr.free_symbols:
        ok = holds(expr, rel)
        return "identity" if ok else "contradiction"
    status = _classify(expr, rel, box)
    # the zero set of a nonzero rational function is a boundary; that of min(1, p) - 1 can be a region
    if status in ("boundary", "interior") and not expr.is_rational_function(*expr.free_symbols):
        return "depends"
    return status


def _classify(expr, rel: str, box) -> str:
    s = signs(expr, box)
    if rel in ("<=", "<"):
        s = frozenset(-x for x in s)
        rel = ">=" if rel == "<=" else ">"
    if rel == ">=":
        if s <= {0, 1}:
            return "always"
        if s == {-1}:
            return "never"
        if s == {-1, 0}:
            return "boundary"
        return "depends"
    if rel == ">":
        if s == {1}:
            return "always"
        if s <= {-1, 0}:
            return "never"
        if s == {0, 1}:
            return "interior"
        return "depends"
    if rel == "==":
        if s == {0}:
            return "always"
        if 0 not in s:
            return "never"
        return "depends"
    return "depends"  # "!="


def _reads_negative(expr) -> bool:
    """True for ``-a - b`` or ``-2*a``: every term carries a minus sign."""
    terms = sympy.Add.make_args(expr)
    return all(t.could_extract_minus_sign() for t in terms)


def reduce_inequality(f, rel: str, simp: Simplifier, tidied: Tidied | None = None) -> list[Reduced]:
    """Reduce ``f rel 0`` to simplest equivalent conditions (a conjunction).

    Factors whose sign is fixed on the declared ranges are divided out (and
    the assumption recorded). Under a strict relation, a factor that is
    nonnegative on the ranges splits off as a condition of its own:
    ``h*g > 0`` with ``h >= 0`` is ``h > 0 and g > 0``.

    Parameters
    ----------
    f : sympy.Expr
    rel : str
        ``>=``, ``>``, ``<=``, ``<`` or ``==``.
    simp : Simplifier
        Carries the box of ranges and the simplification budget.

    Examples
    --------
    >>> T, lam, w = sympy.symbols("T lam w", nonnegative=True)
    >>> s = Simplifier({"lam": (sympy.Rational(3, 10), sympy.Rational(4, 5)), "T": (0, 1), "w": (0, 1)})
    >>> [(r.expr, r.rel, r.assumptions) for r in reduce_inequality(lam*T/2 - lam*w, ">=", s)]
    [(T - 2*w, '>=', ('lam > 0',))]
    >>> [(r.expr, r.rel, r.status) for r in reduce_inequality(-(1 - lam)*w, ">=", s)]
    [(w, '<=', 'boundary')]
    """
    box = simp.box
    t = tidied or simp.tidy(f)
    g = t.expr
    if not g.free_symbols:
        return [Reduced(g, rel, classify(g, rel, box))]
    if not t.simplified:
        return [Reduced(g, rel, classify(g, rel, box), (), False, t.note)]
    syms = sorted(g.free_symbols, key=lambda s: s.name)
    lists = poly.factor_lists(g, syms)
    if lists is None:
        return [_orient(g, rel, (), box)]
    (cn, fn), (cd, fd) = lists
    sign = 1 if cn / cd > 0 else -1
    assumptions: list[str] = []
    assumed: list[tuple] = []
    kept: list[tuple] = []
    split: list[Reduced] = []
    changed = False
    for h, m, in_den in [(h, m, False) for h, m in fn] + [(h, m, True) for h, m in fd]:
        s = signs(h, box)
        if s == POSITIVE:
            assumptions.append(f"{plain(h)} > 0")
            assumed.append((h, ">"))
            changed = True
            continue
        if s == NEGATIVE:
            assumptions.append(f"{plain(h)} < 0")
            assumed.append((h, "<"))
            sign *= (-1) ** m
            changed = True
            continue
        if (
            rel in (">", "<", "==")
            and s in (NONNEGATIVE, NONPOSITIVE, frozenset({-1, 1}))
            and (rel != "==" or 0 not in s)
        ):
            if rel == "==":  # a factor that never vanishes can be divided out of an equation
                assumptions.append(f"{plain(h)} != 0")
                assumed.append((h, "!="))
                changed = True
                continue
            # h^m * rest > 0 with h >= 0 is h > 0 and rest > 0
            hs = simp.orient(regroup_factors(h))
            if s == NONNEGATIVE:
                split.append(Reduced(hs, ">", classify(hs, ">", box)))
            elif s == NONPOSITIVE:
                split.append(Reduced(hs, "<", classify(hs, "<", box)))
                sign *= (-1) ** m
            else:
                continue
            changed = True
            continue
        kept.append((h, m, in_den))
    if not changed:
        expr = g
    else:
        top = [(regroup_factors(h)) ** m for h, m, d in kept if not d]
        bottom = [(regroup_factors(h)) ** m for h, m, d in kept if d]
        expr = simp.orient(sympy.Mul(*top) / sympy.Mul(*bottom))
        if sign < 0:
            rel = FLIP[rel]
    if not expr.free_symbols:
        main = Reduced(expr, rel, classify(expr, rel, box), tuple(assumptions), assumed=tuple(assumed))
        if main.status == "identity" and split:
            return split
        if main.status == "identity":
            status = "always" if assumptions else "identity"
            return [Reduced(expr, rel, status, tuple(assumptions), assumed=tuple(assumed))]
        return [
            Reduced(expr, rel, "never" if assumptions else "contradiction", tuple(assumptions), assumed=tuple(assumed))
        ] + split
    return split + [_orient(expr, rel, tuple(assumptions), box, tuple(assumed))]


def _orient(expr, rel, assumptions, box, assumed=()) -> Reduced:
    """Orient a condition so that it reads positively: each sum of unknown sign with its main term positive."""
    if expr.is_Add:
        if _reads_negative(expr) or (signs(expr, box) == UNKNOWN and main_term_negative(expr)):
            expr, rel = -expr, FLIP[rel]
    elif expr.is_Mul:
        coeff, factors = expr.as_coeff_mul()
        flip = coeff < 0
        parts = []
        for f in factors:
            base, exp = f.as_base_exp()
            if (
                base.is_Add
                and exp.is_Integer
                and int(exp) % 2
                and signs(base, box) == UNKNOWN
                and main_term_negative(base)
            ):
                base, flip = -base, not flip
            parts.append(base**exp)
        if flip or len(parts) != len(factors) or any(p != f for p, f in zip(parts, factors)):
            expr = sympy.Mul(abs(coeff), *parts)
            if flip:
                rel = FLIP[rel]
    return Reduced(expr, rel, classify(expr, rel, box), assumptions, assumed=assumed)


def formula(expr, game: SymbolicGame, simp: Simplifier, tidied: Tidied | None = None) -> Formula:
    """A tidied closed form with its exact value at the file's values."""
    t = tidied or simp.tidy(expr)
    value = game.at_file(t.expr)
    if value.has(sympy.nan, sympy.zoo, sympy.oo, -sympy.oo):
        value = None
    return Formula(expr=t.expr, at_file=value, simplified=t.simplified, note=t.note)


def make_conditions(
    label: str, player: int | None, f, rel: str, game: SymbolicGame, simp: Simplifier, *, gain=None
) -> list[Condition]:
    """The reduced conditions for ``f rel 0``, with the value of ``gain`` (default ``f``) at the file's values.

    Whether each condition holds at the file's values is decided on the
    unreduced ``f``, so that the reduction cannot change the answer.
    """
    t = simp.tidy(f)
    gain_formula = formula(f if gain is None else gain, game, simp, t if gain is None else None)
    holds_at_file = holds(game.at_file(t.expr), rel)
    out = []
    for r in reduce_inequality(f, rel, simp, t):
        sub_holds = holds_at_file
        if len(out) or r.expr != t.expr:
            value = game.at_file(r.expr)
            sub_holds = holds(value, r.rel) if holds(value, r.rel) is not None else holds_at_file
        out.append(
            Condition(
                label=label,
                player=player,
                expr=r.expr,
                rel=r.rel,
                status=r.status,
                assumptions=r.assumptions,
                assumed=r.assumed,
                gain=gain_formula,
                holds_at_file=sub_holds,
                simplified=r.simplified,
                note=r.note,
            )
        )
    return out


def verdict(conditions) -> str:
    """``never``, ``boundary``, ``always`` or ``conditional`` for a conjunction of conditions."""
    statuses = {c.status for c in conditions}
    if statuses & {"never", "contradiction"}:
        return "never"
    if "boundary" in statuses:
        return "boundary"
    if statuses <= {"identity", "always"}:
        return "always"
    return "conditional"


def pure_profiles(game: SymbolicGame, simp: Simplifier) -> tuple[PureProfile, ...]:
    """Necessary and sufficient conditions for each pure profile to be a Nash equilibrium.

    Examples
    --------
    >>> from bargaining.game import Game
    >>> from bargaining.model import Model
    >>> a = sympy.Symbol("a", real=True)
    >>> g = SymbolicGame("", "", ("R", "C"), (("x", "y"), ("x", "y")),
    ...     sympy.ImmutableMatrix([[a, 0], [0, 1]]), sympy.ImmutableMatrix([[1, 0], [0, 1]]),
    ...     {"a": a}, {}, {"a": 2}, {"a": (None, None)}, {"a": ""})
    >>> [(p.name, p.verdict, [c.text() for c in p.conditions]) for p in pure_profiles(g, Simplifier())][:2]
    [('(x, x)', 'conditional', ['a ≥ 0', '1 ≥ 0']), ('(x, y)', 'never', ['−1 ≥ 0', '−1 ≥ 0'])]
    """
    A, B = game.A, game.B
    m, n = A.shape
    players, strategies = game.players, game.strategies
    out = []
    for i in range(m):
        for j in range(n):
            conditions: list[Condition] = []
            for k in range(m):
                if k != i:
                    label = f"{players[0]}: {strategies[0][i]} rather than {strategies[0][k]}"
                    cs = make_conditions(label, 0, A[i, j] - A[k, j], ">=", game, simp)
                    conditions += cs
            for l in range(n):
                if l != j:
                    label = f"{players[1]}: {strategies[1][j]} rather than {strategies[1][l]}"
                    conditions += make_conditions(label, 1, B[i, j] - B[i, l], ">=", game, simp)
            at_file = all(c.gain.at_file is not None and c.gain.at_file >= 0 for c in conditions)
            out.append(
                PureProfile(
                    profile=(i, j),
                    name=game.profile_name(i, j),
                    conditions=tuple(conditions),
                    verdict=verdict(conditions),
                    equilibrium_at_file=at_file,
                    payoffs=(formula(A[i, j], game, simp), formula(B[i, j], game, simp)),
                )
            )
    return tuple(out)
