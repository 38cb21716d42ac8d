"""Bounded simplification: readable closed forms without hanging.

``sympy.simplify`` tries many rewritings and can take minutes on an expression
of a few hundred operations; ``factor`` and ``cancel`` are polynomial-time but
still grow with the expression. A :class:`Simplifier` therefore spends effort
in proportion to size, and never waits on an operation it cannot bound:

* an expression with more operations (``sympy.count_ops``) than
  :attr:`Budget.factor_ops` is left as computed, and marked so;
* ``cancel``, ``factor``, ``expand``, partial fractions and a grouping of
  linear terms (which turns ``T - T*lam - w + lam*w`` into
  ``(1 - lam)*(T - w)``) are tried below that size;
* ``sympy.simplify`` itself only below :attr:`Budget.simplify_ops`;
* once expressions of :attr:`Budget.total_ops` operations in all have been
  simplified, the rest are left as computed.

The budget counts operations, never seconds: two runs of the same analysis
give the same forms, byte for byte, however loaded the machine is. No signal
or thread is used; the size limits keep each step short. Every expression left
as computed is recorded (:attr:`Simplifier.left`) with where it occurs and why.

Among the candidate forms the shortest one (fewest operations, then fewest
characters) is kept, and signs are oriented so that a factor that is positive
on the declared ranges reads positive: ``(1 - lam)``, not ``-(lam - 1)``.
"""

from __future__ import annotations

from contextlib import contextmanager
from dataclasses import dataclass
from fractions import Fraction
from typing import Mapping

import sympy

from bargaining.symbolic import ops as _ops, poly as _poly
from bargaining.symbolic.signs import NEGATIVE, NONNEGATIVE, NONPOSITIVE, POSITIVE, signs

poly = _poly

__all__ = ["Budget", "Tidied", "Simplifier", "Left", "count_ops", "clear_caches"]


@dataclass(frozen=True)
class Budget:
    """How much effort simplification may spend, in operations (``sympy.count_ops``).

    Attributes
    ----------
    factor_ops : int
        Expressions with more operations than this are left as computed
        (``--budget`` on the command line).
    simplify_ops : int
        ``sympy.simplify`` is tried only below this many operations.
    total_ops : int
        Once expressions of this many operations in all have been
        simplified, the rest are left as computed.

    Examples
    --------
    >>> Budget.scaled(1000).factor_ops, Budget.scaled(1000).total_ops
    (1000, 500000)
    """

    factor_ops: int = 400
    simplify_ops: int = 60
    total_ops: int = 200_000

    @classmethod
    def scaled(cls, ops: int) -> "Budget":
        """The budget for expressions of up to ``ops`` operations, the total scaled with it."""
        ops = int(ops)
        return cls(factor_ops=ops, simplify_ops=max(cls.simplify_ops, ops * cls.simplify_ops // cls.factor_ops),
                   total_ops=ops * (cls.total_ops // cls.factor_ops))


@dataclass(frozen=True)
class Left:
    """An expression left as computed: where it occurs, its size, and why."""

    where: str
    ops: int
    reason: str


@dataclass(frozen=True)
class Tidied:
    """An expression after bounded simplification.

    Attributes
    ----------
    expr : sympy.Expr
    simplified : bool
        False when the expression was too large (or the time budget spent) and
        is shown as computed.
    note : str or None
        Why it was left unsimplified.
    """

    expr: sympy.Expr
    simplified: bool = True
    note: str | None = None


_SCORES: dict = {}


def _score(expr) -> tuple[int, int]:
    # operations plus occurrences of symbols: a form that names each parameter once reads best
    try:
        return _SCORES[expr]
    except KeyError:
        pass
    occurrences, nodes = _ops.size(expr)
    if len(_SCORES) > 50000:
        _SCORES.clear()
    out = _SCORES[expr] = (count_ops(expr) + 2 * occurrences, nodes)
    return out


count_ops = _ops.count_ops


def clear_caches() -> None:
    """Forget remembered sizes and regroupings (for benchmarks that time a cold run)."""
    _SCORES.clear()
    _ops.clear()
    _REGROUPED.clear()


class Simplifier:
    """Bounded simplification with a shared budget (see the module docstring).

    Parameters
    ----------
    box : Mapping[str, (lo, hi)]
        Declared parameter ranges, used to orient signs.
    budget : Budget, optional

    Examples
    --------
    >>> T, lam, w = sympy.symbols("T lam w", nonnegative=True)
    >>> s = Simplifier({"lam": (0, 1)})
    >>> s.tidy(T - T*lam - w + lam*w).expr
    (1 - lam)*(T - w)
    >>> big = sympy.Add(*[sympy.Symbol(f"x{i}") * sympy.Symbol(f"y{i}") for i in range(300)])
    >>> s.tidy(big).simplified
    False
    """

    def __init__(self, box: Mapping | None = None, budget: Budget | None = None):
        self.box = dict(box or {})
        self.budget = budget or Budget()
        self._spent = 0
        self._cache: dict = {}
        self.left: list[Left] = []
        self.where = ""

    @property
    def skipped(self) -> int:
        """How many expressions were left as computed."""
        return len(self.left)

    @contextmanager
    def at(self, where: str):
        """Name the place (``P(China plays ally) in {ally, align} × {ally, align}``) of what is tidied inside."""
        outer, self.where = self.where, where
        try:
            yield
        finally:
            self.where = outer

    def affordable(self, expr) -> bool:
        """True when ``expr`` is small enough for factoring, expansion and solving."""
        return not self.exhausted and count_ops(expr) <= self.budget.factor_ops

    @property
    def exhausted(self) -> bool:
        """True once the total budget of operations is spent."""
        return self._spent >= self.budget.total_ops

    def tidy(self, expr) -> Tidied:
        """The shortest equivalent form found within the budget."""
        if not isinstance(expr, sympy.Basic):
            q = Fraction(expr)
            expr = sympy.Rational(q.numerator, q.denominator)
        if expr.is_number or expr.is_Symbol:
            return Tidied(expr)
        if expr not in self._cache:
            self._cache[expr] = self._tidy(expr)
        return self._cache[expr]

    def _tidy(self, expr) -> Tidied:
        ops = count_ops(expr)
        if ops > self.budget.factor_ops:
            reason = f"{ops} operations, above the budget of {self.budget.factor_ops} for one expression"
        elif self.exhausted:
            reason = f"the total budget of {self.budget.total_ops} operations was spent"
        else:
            self._spent += ops
            # orient only the few shortest forms: orientation needs signs, which cost
            # candidates in the order they were made, so that ties never depend on hashing
            shortlist = sorted(dict.fromkeys(self._candidates(expr, ops)), key=_score)[:3]
            return Tidied(min((self.orient(c) for c in shortlist), key=_score))
        self.left.append(Left(where=self.where, ops=ops, reason=reason))
        return Tidied(expr, False, "left as computed: " + reason)

    def _candidates(self, expr, ops):
        out = [expr]
        syms = sorted(_ops.free_symbols(expr), key=lambda s: s.name)
        if syms and expr.is_rational_function(*syms):
            c = poly.cancel(expr)
            out += [c, regroup_factors(expr)]
            num, den = sympy.fraction(c)
            f = poly.factor(c)
            out.append(f)
            out.append(regroup_factors(f))
            if den == 1:
                out.extend(_grouped(poly.expand(num)))
            else:
                grouped_num = min([num] + _grouped(poly.expand(num)), key=_score)
                grouped_den = min([den] + _grouped(poly.expand(den)), key=_score)
                out.append(grouped_num / grouped_den)
                if ops <= 40:
                    # partial fractions in a symbol the denominator is linear in:
                    # (a + w*(1 - lam))/(1 - lam) becomes w + a/(1 - lam)
                    for s in syms:
                        if (
                            _ops.free_symbols(den) == {s}
                            and _ops.free_symbols(num) - {s}
                            and _poly.degree(den, s) == 1
                            and _poly.degree(num, s) <= 1
                        ):
                            out.append(sympy.apart(c, s))
        elif ops <= self.budget.simplify_ops and not self.exhausted:
            # rational functions are settled by cancel and factor; simplify is for the rest
            # (min, max, abs, roots), where it is slow but has something to find
            out.append(sympy.simplify(expr))
        return out

    # ------------------------------------------------------------------ signs

    def orient(self, expr):
        """Rewrite products so that factors read with their natural sign.

        A factor that is negative (or nonpositive) on the box is negated, and
        the sign moved to the coefficient; a negative coefficient is then
        absorbed by a factor of unknown sign if one can take it.
        """
        if expr.is_Atom:
            return expr
        if expr.is_Add:
            return sympy.Add(*[self.orient(a) for a in expr.args])
        if not (expr.is_Mul or expr.is_Pow):
            return expr.func(*[self.orient(a) for a in expr.args])
        coeff, factors = expr.as_coeff_mul()
        sign = 1 if coeff >= 0 else -1
        out = []
        for f in factors:
            base, exp = f.as_base_exp()
            if not base.is_Atom:
                base = self.orient(base)
            if base.is_Add and exp.is_Integer:
                if self._negative(base) or (not self._positive(base) and main_term_negative(base)):
                    base = -base
                    if int(exp) % 2:
                        sign = -sign
            out.append((base, exp))
        if sign < 0:
            # give the minus sign to a factor of unknown sign that extracts it naturally
            for k, (base, exp) in enumerate(out):
                odd = exp.is_Integer and int(exp) % 2
                if base.is_Add and odd and base.could_extract_minus_sign() and not self._positive(base):
                    out[k] = (-base, exp)
                    sign = 1
                    break
        parts = [b if e == 1 else sympy.Pow(b, e, evaluate=False) for b, e in out]
        c = abs(coeff) * sign
        if c != 1:
            parts.insert(0, c)
        if not parts:
            return sympy.Integer(1)
        return parts[0] if len(parts) == 1 else sympy.Mul(*parts, evaluate=False)

    def _negative(self, expr) -> bool:
        s = signs(expr, self.box)
        return s in (NEGATIVE, NONPOSITIVE)

    def _positive(self, expr) -> bool:
        s = signs(expr, self.box)
        return s in (POSITIVE, NONNEGATIVE)


def _grouped(poly) -> list:
    """Forms ``(s + c)*P + R`` of a polynomial that is linear in some symbol ``s``.

    For ``s`` with ``poly = s*P + Q``, every ``c`` that makes a term of ``Q``
    cancel against ``c*P`` is tried: ``T - T*lam - w + lam*w`` is
    ``lam*(w - T) + (T - w)``, and ``c = -1`` gives ``(lam - 1)*(w - T)``.
    """
    if not poly.is_Add or len(poly.args) > 60:
        return []
    split = _linear_parts(poly)
    if split is None:
        # a term that is not a monomial (a power of a sum, a float): ask sympy
        syms = sorted(poly.free_symbols, key=lambda x: x.name)
        if not syms or not poly.is_polynomial(*syms):
            return []
        split = [(s, (poly.coeff(s, 1), poly.coeff(s, 0))) for s, d in zip(syms, _poly.degrees(poly, syms)) if d == 1]
    out = []
    for s, (P, Q) in split:
        if P == 0:
            continue
        Pf = _poly.factor(P) if P.is_Add else P
        out.append(s * Pf + Q)
        p_terms = {}
        for term in sympy.Add.make_args(P):
            c, m = term.as_coeff_Mul()
            p_terms[m] = c
        ratios = set()
        for term in sympy.Add.make_args(Q):
            c, m = term.as_coeff_Mul()
            if m in p_terms:
                ratios.add(c / p_terms[m])
        for c in sorted(ratios, key=lambda r: (abs(r), r)):
            R = _poly.expand(Q - c * P)
            out.append((s + c) * Pf + R)
    return out


def _linear_parts(poly):
    """``[(s, (P, Q))]`` for each symbol ``s`` in which the expanded polynomial ``poly = s*P + Q`` is linear,
    in the order of the symbols' names; None if a term is not a monomial.

    One pass over the terms does what ``poly.coeff(s, 1)`` and ``poly.coeff(s, 0)`` do for each ``s``
    (the same sums of the same terms).
    """
    terms = []
    for t in poly.args:
        powers = {}
        for f in sympy.Mul.make_args(t):
            if f.is_Symbol:
                powers[f] = powers.get(f, 0) + 1
            elif f.is_Pow and f.base.is_Symbol and f.exp.is_Integer and f.exp > 0:
                powers[f.base] = powers.get(f.base, 0) + int(f.exp)
            elif not f.is_Rational:
                return None
        terms.append((t, powers))
    degree: dict = {}
    for _, powers in terms:
        for x, k in powers.items():
            degree[x] = max(degree.get(x, 0), k)
    out = []
    for s in sorted(degree, key=lambda x: x.name):
        if degree[s] != 1:
            continue
        P = sympy.Add(*[sympy.Mul(*[f for f in sympy.Mul.make_args(t) if f != s]) for t, pw in terms if s in pw])
        Q = sympy.Add(*[t for t, pw in terms if s not in pw])
        out.append((s, (P, Q)))
    return out


def main_term_negative(expr) -> bool:
    """True when the main term of a sum has a minus sign.

    The main term involves the most parameters (then has the highest degree,
    then the most operations, numeric coefficients aside): in
    ``e + r - (1 - lam)*(T - w)`` it is ``(1 - lam)*(T - w)``. When terms of
    both signs tie, sympy's canonical choice decides (``T - 2*w``, not
    ``2*w - T``).
    """

    def key(t):
        syms = _ops.free_symbols(t)
        degree = (_poly.total_degree(t, _poly.gens_of(t)) or 0) if syms else 0
        return len(syms), degree, count_ops(t.as_coeff_Mul()[1])

    terms = sympy.Add.make_args(expr)
    keys = [key(t) for t in terms]
    top = max(keys)
    signs_ = {t.could_extract_minus_sign() for t, k in zip(terms, keys) if k == top}
    if len(signs_) == 2:
        return expr.could_extract_minus_sign()
    return signs_ == {True}


_REGROUPED: dict = {}


def regroup_factors(expr):
    """``expr`` with each polynomial sum inside it written in its shortest grouped form."""
    try:
        return _REGROUPED[expr]
    except KeyError:
        pass
    if len(_REGROUPED) > 20000:
        _REGROUPED.clear()
    out = _REGROUPED[expr] = _regroup(expr)
    return out


def _regroup(expr):
    if expr.is_Add:
        syms = _ops.free_symbols(expr)
        if syms and len(expr.args) <= 60 and expr.is_polynomial(*syms):
            return min([expr] + _grouped(_poly.expand(expr)), key=_score)
        return sympy.Add(*[regroup_factors(a) for a in expr.args])
    if expr.is_Mul or expr.is_Pow:
        return expr.func(*[regroup_factors(a) for a in expr.args])
    return expr
