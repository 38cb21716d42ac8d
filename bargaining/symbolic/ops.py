"""Sizes of expressions: ``sympy.count_ops`` and node counts, remembered node by node.

Simplification compares candidate forms by their size again and again, and the
candidates share most of their subexpressions. ``sympy.count_ops`` walks each
expression from the top and builds a symbolic sum of operation names to count
them; :func:`count_ops` here follows the same walk, node for node (each node
adds its own operations and hands on the same children, made by the same sympy
calls), but adds integers and remembers the count of every node it has seen, so
a shared subexpression is measured once. The result equals ``sympy.count_ops``
(``visual=False``) on every expression; anything that is not a plain
expression (relations, booleans, containers) is handed to sympy itself. The
tests compare the two on random expressions and on every expression that
``derive`` measures in the games of ``games/``.
"""

from __future__ import annotations

import sympy
from sympy import Derivative, Integral, Sum
from sympy.core.function import _coeff_isneg
from sympy.core.operations import LatticeOp

__all__ = ["count_ops", "size", "free_symbols", "clear"]

_LIMIT = 200_000
_OPS: dict = {}
_SIZES: dict = {}
_FREE: dict = {}
_ONE = sympy.S.One
_MINUS_ONE = sympy.S.NegativeOne
_E = sympy.S.Exp1


def clear() -> None:
    """Forget the remembered sizes."""
    _OPS.clear()
    _SIZES.clear()
    _FREE.clear()


def count_ops(expr) -> int:
    """``int(sympy.count_ops(expr))``, with each node's count remembered."""
    if not isinstance(expr, sympy.Expr) or expr.is_Relational:
        return int(sympy.count_ops(expr))
    try:
        return _OPS[expr]
    except KeyError:
        pass
    if len(_OPS) > _LIMIT:
        _OPS.clear()
    out = _OPS[expr] = _node(expr)
    return out


def _node(a) -> int:
    # one step of the loop of sympy.count_ops: this node's operations plus its children's counts
    if a.is_Rational:
        if a is not _ONE:
            return (a.p < 0) + (a.q != 1)
    elif a.is_Mul:
        ops = 0
        if _coeff_isneg(a):
            ops += 1
            a = a.as_two_terms()[1] if a.args[0] is _MINUS_ONE else -a
        n, d = sympy.fraction(a)
        if n.is_Integer:
            return ops + 1 + (1 if n < 0 else 0) + count_ops(d)
        if d is not _ONE:
            return ops + 1 + (0 if d.is_Integer else count_ops(d)) + count_ops(n)
        return ops + _rest(a)
    elif a.is_Add:
        ops = 0
        negs = 0
        for i, ai in enumerate(a.args):
            if _coeff_isneg(ai):
                negs += 1
                ops += count_ops(-ai) + (i > 0)
            else:
                ops += count_ops(ai) + (i > 0)
        if negs == len(a.args):
            ops += 1
        return ops
    return _rest(a)


def _rest(a) -> int:
    if a.is_Pow and a.exp is _MINUS_ONE:
        return 1 + count_ops(a.base)
    if a == _E:
        return 1
    if a.is_Pow and a.base == _E:
        return 1 + count_ops(a.exp)
    ops = 0
    if a.is_Mul or isinstance(a, LatticeOp):
        ops += len(a.args) - 1
    elif a.args and (a.is_Pow or a.is_Function or isinstance(a, (Derivative, Integral, Sum))):
        ops += 1
    if not a.is_Symbol:
        ops += sum(_child(b) for b in a.args)
    return ops


def _child(b) -> int:
    return count_ops(b) if isinstance(b, sympy.Expr) and not b.is_Relational else int(sympy.count_ops(b))



def size(expr) -> tuple[int, int]:
    """``(occurrences of symbols, nodes)`` of ``expr``, as ``sympy.preorder_traversal`` counts them."""
    try:
        return _SIZES[expr]
    except KeyError:
        pass
    occurrences, nodes = int(bool(getattr(expr, "is_Symbol", False))), 1
    for b in getattr(expr, "args", ()):
        o, n = size(b)
        occurrences += o
        nodes += n
    if len(_SIZES) > _LIMIT:
        _SIZES.clear()
    _SIZES[expr] = (occurrences, nodes)
    return occurrences, nodes


def free_symbols(expr) -> frozenset:
    """``expr.free_symbols``, remembered (sympy computes it afresh, walking the whole tree, at every call)."""
    try:
        return _FREE[expr]
    except KeyError:
        pass
    except TypeError:  # not hashable
        return frozenset(expr.free_symbols)
    if len(_FREE) > _LIMIT:
        _FREE.clear()
    out = _FREE[expr] = frozenset(expr.free_symbols)
    return out
