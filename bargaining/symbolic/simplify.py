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
* once :attr:`Budget.seconds` have been spent in total, only the cheap steps
  run. No signal or thread is used: the budget is checked between steps, and
  the size limits keep each step short.

Among the candidate forms the shortest one (fewest operations, then fewest
characters) is kept, and signs are oriented so that a factor that is positive
on the declared ranges reads positive: ``(1 - lam)``, not ``-(lam - 1)``.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from fractions import Fraction
from typing import Mapping

import sympy

from bargaining.symbolic.signs import NEGATIVE, NONNEGATIVE, NONPOSITIVE, POSITIVE, signs

__all__ = ["Budget", "Tidied", "Simplifier"]


@dataclass(frozen=True)
class Budget:
    """How much effort simplification may spend.

    Attributes
    ----------
    factor_ops : int
        Expressions with more operations than this are left as computed.
    simplify_ops : int
        ``sympy.simplify`` is tried only below this many operations.
    seconds : float
        Total time after which only cheap steps run.
    """

    factor_ops: int = 400
    simplify_ops: int = 60
    seconds: float = 30.0


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


def _score(expr) -> tuple[int, int]:
    # operations plus occurrences of symbols: a form that names each parameter once reads best
    occurrences = nodes = 0
    for node in sympy.preorder_traversal(expr):
        nodes += 1
        occurrences += node.is_Symbol
    return sympy.count_ops(expr) + 2 * occurrences, nodes


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

    def __init__(self, box: Mapping | None = None, budget: Budget | None = None, clock=time.monotonic):
        self.box = dict(box or {})
        self.budget = budget or Budget()
        self._clock = clock
        self._spent = 0.0
        self._cache: dict = {}
        self.skipped = 0

    def affordable(self, expr) -> bool:
        """True when ``expr`` is small enough for factoring, expansion and solving."""
        return not self.exhausted and sympy.count_ops(expr) <= self.budget.factor_ops

    @property
    def exhausted(self) -> bool:
        """True once the time budget is spent."""
        return self._spent >= self.budget.seconds

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
        ops = sympy.count_ops(expr)
        if ops > self.budget.factor_ops:
            self.skipped += 1
            return Tidied(
                expr,
                False,
                f"left as computed: {ops} operations, above the simplification budget of {self.budget.factor_ops}",
            )
        if self.exhausted:
            self.skipped += 1
            return Tidied(
                expr,
                False,
                f"left as computed: the time budget of {self.budget.seconds:g} s for simplification was spent",
            )
        start = self._clock()
        try:
            # orient only the few shortest forms: orientation needs signs, which cost
            shortlist = sorted(set(self._candidates(expr, ops)), key=_score)[:3]
            best = min((self.orient(c) for c in shortlist), key=_score)
        finally:
            self._spent += self._clock() - start
        return Tidied(best)

    def _candidates(self, expr, ops):
        out = [expr]
        syms = sorted(expr.free_symbols, key=lambda s: s.name)
        if syms and expr.is_rational_function(*syms):
            c = sympy.cancel(expr)
            out += [c, regroup_factors(expr)]
            num, den = sympy.fraction(c)
            f = sympy.factor(c)
            out.append(f)
            out.append(regroup_factors(f))
            if den == 1:
                out.extend(_grouped(sympy.expand(num)))
            else:
                grouped_num = min([num] + _grouped(sympy.expand(num)), key=_score)
                grouped_den = min([den] + _grouped(sympy.expand(den)), key=_score)
                out.append(grouped_num / grouped_den)
                if ops <= 40:
                    # partial fractions in a symbol the denominator is linear in:
                    # (a + w*(1 - lam))/(1 - lam) becomes w + a/(1 - lam)
                    for s in syms:
                        if (
                            den.free_symbols == {s}
                            and num.free_symbols - {s}
                            and sympy.degree(den, s) == 1
                            and sympy.degree(num, s) <= 1
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
    syms = sorted(poly.free_symbols, key=lambda x: x.name)
    if not syms or not poly.is_polynomial(*syms):
        return []
    out = []
    for s, d in zip(syms, sympy.Poly(poly, *syms).degree_list()):
        if d != 1:
            continue
        P = poly.coeff(s, 1)
        Q = poly.coeff(s, 0)
        if P == 0:
            continue
        Pf = sympy.factor(P) if P.is_Add else P
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
            R = sympy.expand(Q - c * P)
            out.append((s + c) * Pf + R)
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
        syms = t.free_symbols
        try:
            degree = sympy.Poly(t, *syms).total_degree() if syms else 0
        except sympy.PolynomialError:
            degree = 0
        return len(syms), degree, sympy.count_ops(t.as_coeff_Mul()[1])

    terms = sympy.Add.make_args(expr)
    keys = [key(t) for t in terms]
    top = max(keys)
    signs_ = {t.could_extract_minus_sign() for t, k in zip(terms, keys) if k == top}
    if len(signs_) == 2:
        return expr.could_extract_minus_sign()
    return signs_ == {True}


def regroup_factors(expr):
    """``expr`` with each polynomial sum inside it written in its shortest grouped form."""
    if expr.is_Add:
        syms = expr.free_symbols
        if syms and len(expr.args) <= 60 and expr.is_polynomial(*syms):
            return min([expr] + _grouped(sympy.expand(expr)), key=_score)
        return sympy.Add(*[regroup_factors(a) for a in expr.args])
    if expr.is_Mul or expr.is_Pow:
        return expr.func(*[regroup_factors(a) for a in expr.args])
    return expr
