"""A whitelist parser for payoff formulas.

A formula is built from numbers, names, ``+ - * / ^ **``, unary minus and
plus, parentheses and the functions ``min``, ``max``, ``abs`` and ``sqrt``.
Nothing else parses: there is no attribute access, no indexing, no other
call, no keyword. The text is never handed to ``eval`` or to sympy's
``sympify``; it is tokenised and parsed here by recursive descent into a small
tree of frozen nodes, which can then be evaluated exactly (``Fraction``),
element-wise on numpy arrays, or turned into a sympy expression.

Grammar (``^`` and ``**`` are the same operator and associate to the right;
unary minus binds looser than a power, so ``-2^2`` is ``-(2^2)``)::

    expr    := product (("+" | "-") product)*
    product := unary (("*" | "/") unary)*
    unary   := ("-" | "+") unary | power
    power   := atom (("^" | "**") unary)?
    atom    := NUMBER | NAME | FUNC "(" expr ("," expr)* ")" | "(" expr ")"

Numbers are read exactly: ``0.1`` is ``Fraction(1, 10)``, ``1e-3`` is
``Fraction(1, 1000)``.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from fractions import Fraction
from typing import Any, Mapping

from bargaining.errors import FormulaError

__all__ = [
    "Expr",
    "Num",
    "Name",
    "Neg",
    "BinOp",
    "Call",
    "parse",
    "FUNCTIONS",
    "MAX_BITS",
    "MAX_VALUE_BITS",
]

#: Functions a formula may call, with their number of arguments (None: one or more).
FUNCTIONS: dict[str, int | None] = {"min": None, "max": None, "abs": 1, "sqrt": 1}

#: Largest numerator or denominator, in bits, an exact power may produce.
MAX_BITS = 4096

#: Largest numerator or denominator, in bits, any exact value may reach (a product, a sum, a root):
#: about 20,000 decimal digits, far beyond a double (``1e4000`` is 13,288 bits) and still quick to compute.
MAX_VALUE_BITS = 1 << 16

_MAX_LENGTH = 10_000
#: Nesting of the parse tree (brackets, powers, unary signs, chains of ``*`` and ``+``); the
#: recursive parser, evaluator and printer stay well inside Python's recursion limit.
_MAX_DEPTH = 100
#: Digits of one number literal, below Python's limit on reading integers from text (4,300).
_MAX_DIGITS = 4000
#: Largest decimal exponent of a literal, ``1e10000``; ``1e999999999`` would take hours to compute exactly.
_MAX_EXPONENT = 10_000

_TOKEN = re.compile(
    r"""
    (?P<space>\s+)
  | (?P<number>(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?)
  | (?P<name>[A-Za-z_][A-Za-z0-9_]*)
  | (?P<op>\*\*|[-+*/^(),])
    """,
    re.VERBOSE,
)


# --------------------------------------------------------------------------- nodes


class Expr:
    """A parsed formula. Subclasses are frozen dataclasses."""

    __slots__ = ()

    def names(self) -> frozenset[str]:
        """The names the formula refers to."""
        raise NotImplementedError

    def evaluate(self, env: Mapping[str, Any], ops: "Ops | None" = None) -> Any:
        """Evaluate with the values in ``env``.

        With the default exact operations, values must be ``Fraction`` (or
        ``int``) and the result is a ``Fraction``, or a ``float`` where a square
        root is irrational. With :data:`NUMPY_OPS`, values may be numpy arrays
        and the result broadcasts.
        """
        return self._eval(env, ops or EXACT_OPS)

    def _eval(self, env, ops):
        raise NotImplementedError

    def to_sympy(self, symbols: Mapping[str, Any]):
        """A sympy expression, with each name replaced by ``symbols[name]``."""
        import sympy

        return self._sympy(symbols, sympy)

    def _sympy(self, symbols, sympy):
        raise NotImplementedError

    def substitute(self, replacements: Mapping[str, "Expr"]) -> "Expr":
        """Replace names by expressions (used to expand named terms)."""
        raise NotImplementedError

    def additive_parts(self) -> list[tuple[int, "Expr"]]:
        """Split a top-level sum into ``(sign, part)`` pairs.

        ``a - b + c`` gives ``[(1, a), (-1, b), (1, c)]``; anything that is not
        a sum is a single part ``[(1, self)]``.
        """
        return [(1, self)]

    def __str__(self) -> str:
        return self.to_text()

    def to_text(self) -> str:
        """Canonical text that :func:`parse` reads back to an equal tree."""
        return self._text(0)

    def _text(self, context: int) -> str:
        raise NotImplementedError


@dataclass(frozen=True, slots=True)
class Num(Expr):
    value: Fraction

    def names(self):
        return frozenset()

    def _eval(self, env, ops):
        return ops.number(self.value)

    def _sympy(self, symbols, sympy):
        return sympy.Rational(self.value.numerator, self.value.denominator)

    def substitute(self, replacements):
        return self

    def _text(self, context):
        v = self.value
        text = str(v.numerator) if v.denominator == 1 else f"{v.numerator}/{v.denominator}"
        # a fraction is a division: bracket it where a division would be
        if v.denominator != 1 and context > _PREC["*"]:
            return f"({text})"
        return text


@dataclass(frozen=True, slots=True)
class Name(Expr):
    name: str

    def names(self):
        return frozenset({self.name})

    def _eval(self, env, ops):
        try:
            return env[self.name]
        except KeyError:
            raise FormulaError(f"unknown name {self.name!r}") from None

    def _sympy(self, symbols, sympy):
        return symbols[self.name]

    def substitute(self, replacements):
        return replacements.get(self.name, self)

    def _text(self, context):
        return self.name


@dataclass(frozen=True, slots=True)
class Neg(Expr):
    operand: Expr

    def names(self):
        return self.operand.names()

    def _eval(self, env, ops):
        return -self.operand._eval(env, ops)

    def _sympy(self, symbols, sympy):
        return -self.operand._sympy(symbols, sympy)

    def substitute(self, replacements):
        return Neg(self.operand.substitute(replacements))

    def _text(self, context):
        text = "-" + self.operand._text(_PREC["neg"])
        return f"({text})" if context > _PREC["neg"] else text


@dataclass(frozen=True, slots=True)
class BinOp(Expr):
    op: str  # one of + - * / ^
    left: Expr
    right: Expr

    def names(self):
        return self.left.names() | self.right.names()

    def _eval(self, env, ops):
        return ops.binary(self.op, self.left._eval(env, ops), self.right._eval(env, ops))

    def _sympy(self, symbols, sympy):
        a = self.left._sympy(symbols, sympy)
        b = self.right._sympy(symbols, sympy)
        if self.op == "+":
            return a + b
        if self.op == "-":
            return a - b
        if self.op == "*":
            return a * b
        if self.op == "/":
            return a / b
        return a**b

    def substitute(self, replacements):
        return BinOp(self.op, self.left.substitute(replacements), self.right.substitute(replacements))

    def additive_parts(self):
        if self.op == "+":
            return self.left.additive_parts() + self.right.additive_parts()
        if self.op == "-":
            return self.left.additive_parts() + [(-s, p) for s, p in self.right.additive_parts()]
        return [(1, self)]

    def _text(self, context):
        prec = _PREC[self.op]
        if self.op == "^":
            # right-associative: the left side needs brackets at equal precedence
            text = f"{self.left._text(prec + 1)}^{self.right._text(prec)}"
        else:
            sep = f" {self.op} " if self.op in "+-" else self.op
            text = f"{self.left._text(prec)}{sep}{self.right._text(prec + 1)}"
        return f"({text})" if context > prec else text


@dataclass(frozen=True, slots=True)
class Call(Expr):
    func: str
    args: tuple[Expr, ...]

    def names(self):
        out: frozenset[str] = frozenset()
        for a in self.args:
            out |= a.names()
        return out

    def _eval(self, env, ops):
        return ops.call(self.func, [a._eval(env, ops) for a in self.args])

    def _sympy(self, symbols, sympy):
        args = [a._sympy(symbols, sympy) for a in self.args]
        fn = {"min": sympy.Min, "max": sympy.Max, "abs": sympy.Abs, "sqrt": sympy.sqrt}[self.func]
        return fn(*args)

    def substitute(self, replacements):
        return Call(self.func, tuple(a.substitute(replacements) for a in self.args))

    def _text(self, context):
        return f"{self.func}({', '.join(a._text(0) for a in self.args)})"


_PREC = {"+": 1, "-": 1, "*": 2, "/": 2, "neg": 3, "^": 4}


# --------------------------------------------------------------------------- evaluation


class Ops:
    """The arithmetic a formula is evaluated with."""

    def number(self, value: Fraction):
        raise NotImplementedError

    def binary(self, op: str, a, b):
        raise NotImplementedError

    def call(self, func: str, args: list):
        raise NotImplementedError


def _bits(q: Fraction | int) -> int:
    q = Fraction(q)
    return max(abs(q.numerator).bit_length(), q.denominator.bit_length())


class ExactOps(Ops):
    """Exact rational arithmetic, with guards against values too large to compute."""

    def number(self, value):
        return value

    def binary(self, op, a, b):
        if op == "/" and b == 0:
            raise FormulaError("division by zero")
        exact = not (isinstance(a, float) or isinstance(b, float))
        if exact and op in "*/" and _bits(a) + _bits(b) > MAX_VALUE_BITS:
            raise FormulaError(f"value too large to compute: a {'product' if op == '*' else 'quotient'} "
                               f"with about {_bits(a) + _bits(b)} bits (at most {MAX_VALUE_BITS})")
        try:
            if op == "+":
                out = a + b
            elif op == "-":
                out = a - b
            elif op == "*":
                out = a * b
            elif op == "/":
                out = a / b if not exact else Fraction(a) / Fraction(b)
            else:
                return self._power(a, b)
        except OverflowError:  # a huge exact value met a float
            raise FormulaError("value too large to compute in floating point (a float met a huge number)") from None
        if exact and _bits(out) > MAX_VALUE_BITS:
            raise FormulaError(f"value too large to compute: about {_bits(out)} bits (at most {MAX_VALUE_BITS})")
        if not exact and not math.isfinite(out):
            raise FormulaError("value too large to compute in floating point")
        return out

    def _power(self, a, b):
        if isinstance(b, Fraction) and b.denominator == 1 and not isinstance(a, float):
            n = b.numerator
            if a == 0 and n < 0:
                raise FormulaError("division by zero (0 raised to a negative power)")
            if _bits(a) * abs(n) > MAX_BITS and abs(a) != 1 and a != 0:
                raise FormulaError(f"value too large to compute: a power with about {_bits(a) * abs(n)} bits")
            return Fraction(a) ** n
        # a fractional exponent: exact when the root is exact, otherwise a float
        try:
            fa, fb = float(a), float(b)
        except OverflowError:
            raise FormulaError("value too large to compute: a huge number raised to a fractional power") from None
        if fa < 0:
            raise FormulaError(f"a negative number ({a}) raised to a fractional power ({b})")
        if fa == 0 and fb < 0:
            raise FormulaError("division by zero (0 raised to a negative power)")
        if isinstance(a, Fraction) and isinstance(b, Fraction) and abs(b.numerator) <= 64:
            root = _exact_root(a, b.denominator)
            if root is not None:
                return self._power(root, Fraction(b.numerator))
        try:
            value = fa**fb
        except OverflowError:
            raise FormulaError("value too large to compute") from None
        if not math.isfinite(value):
            raise FormulaError("value too large to compute")
        return value

    def call(self, func, args):
        if func == "min":
            return min(args)
        if func == "max":
            return max(args)
        (x,) = args
        if func == "abs":
            return abs(x)
        if x < 0:
            raise FormulaError(f"square root of a negative number ({x})")
        if isinstance(x, Fraction):
            root = _exact_root(x, 2)
            if root is not None:
                return root
        try:
            return math.sqrt(x)
        except OverflowError:
            raise FormulaError("value too large to compute: the square root of a huge irrational") from None


def _exact_root(q: Fraction, k: int) -> Fraction | None:
    """The exact k-th root of a non-negative rational, or None if it is irrational."""
    if q < 0 or _bits(q) > MAX_VALUE_BITS:
        return None

    def iroot(n: int) -> int | None:
        if n < 2:
            return n
        if k >= n.bit_length():  # 1 < root < 2: not an integer (and 2**k would be astronomically large)
            return None
        # exact integer roots: a float guess is off by more than one past 2**52 (sqrt(0.043^64) underflowed)
        r = math.isqrt(n) if k == 2 else _int_root(n, k)
        return r if r**k == n else None

    p, d = iroot(q.numerator), iroot(q.denominator)
    return None if p is None or d is None else Fraction(p, d)


def _int_root(n: int, k: int) -> int:
    lo, hi = 0, 1 << (n.bit_length() // k + 1)
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if mid**k <= n:
            lo = mid
        else:
            hi = mid - 1
    return lo


class NumpyOps(Ops):
    """Element-wise floating-point arithmetic on numpy arrays (for batch sweeps).

    A division by zero, an overflow or the root of a negative number gives inf or nan, which the batch
    solver leaves to the exact one; the caller silences numpy's warnings once for a whole evaluation
    (:meth:`bargaining.model.Model.payoff_arrays` does) rather than each operation here.
    """

    def __init__(self):
        import numpy

        self.np = numpy

    def number(self, value):
        return float(value)

    def binary(self, op, a, b):
        np = self.np
        if op == "+":
            return np.add(a, b)
        if op == "-":
            return np.subtract(a, b)
        if op == "*":
            return np.multiply(a, b)
        if op == "/":
            return np.divide(a, b)
        return np.power(np.asarray(a, dtype=float), b)

    def call(self, func, args):
        np = self.np
        if func == "min":
            out = args[0]
            for a in args[1:]:
                out = np.minimum(out, a)
            return out
        if func == "max":
            out = args[0]
            for a in args[1:]:
                out = np.maximum(out, a)
            return out
        if func == "abs":
            return np.abs(args[0])
        return np.sqrt(args[0])


EXACT_OPS = ExactOps()


def numpy_ops() -> NumpyOps:
    """Operations for element-wise evaluation on numpy arrays."""
    return NumpyOps()


# --------------------------------------------------------------------------- parsing


def _tokenise(text: str) -> list[tuple[str, str, int]]:
    tokens = []
    pos = 0
    while pos < len(text):
        m = _TOKEN.match(text, pos)
        if m is None:
            # reported when the parser reaches it, so that earlier errors (a forbidden call) come first
            tokens.append(("bad", text[pos], pos))
            break
        kind = m.lastgroup
        if kind != "space":
            tokens.append((kind, m.group(), pos))
        pos = m.end()
    else:
        pos = len(text)
    tokens.append(("end", "", pos))
    return tokens


class _Parser:
    def __init__(self, text: str):
        self.text = text
        self.tokens = _tokenise(text)
        self.i = 0
        self.depth = 0

    def peek(self) -> tuple[str, str, int]:
        return self.tokens[self.i]

    def take(self) -> tuple[str, str, int]:
        tok = self.tokens[self.i]
        self.i += 1
        return tok

    def fail(self, tok, expected: str):
        kind, value, pos = tok
        if kind == "bad":
            hint = " (attribute access is not allowed)" if value == "." else ""
            raise FormulaError(f"unexpected character {value!r} at position {pos + 1} in {self.text!r}{hint}")
        found = "the end of the formula" if kind == "end" else repr(value)
        raise FormulaError(f"expected {expected} at position {pos + 1}, found {found} in {self.text!r}")

    def expect(self, value: str):
        tok = self.take()
        if tok[1] != value or tok[0] == "name":
            self.fail(tok, repr(value))

    def enter(self):
        self.depth += 1
        if self.depth > _MAX_DEPTH:
            raise FormulaError(f"formula nested more than {_MAX_DEPTH} levels deep")

    def expr(self) -> Expr:
        self.enter()
        node = self.product()
        while self.peek()[0] == "op" and self.peek()[1] in ("+", "-"):
            op = self.take()[1]
            node = BinOp(op, node, self.product())
        self.depth -= 1
        return node

    def product(self) -> Expr:
        node = self.unary()
        while self.peek()[0] == "op" and self.peek()[1] in ("*", "/"):
            op = self.take()[1]
            node = BinOp(op, node, self.unary())
        return node

    def unary(self) -> Expr:
        kind, value, _ = self.peek()
        if kind == "op" and value in ("-", "+"):
            self.take()
            self.enter()
            operand = self.unary()
            self.depth -= 1
            return Neg(operand) if value == "-" else operand
        return self.power()

    def power(self) -> Expr:
        base = self.atom()
        kind, value, _ = self.peek()
        if kind == "op" and value in ("^", "**"):
            self.take()
            self.enter()
            exponent = self.unary()
            self.depth -= 1
            return BinOp("^", base, exponent)
        return base

    def atom(self) -> Expr:
        tok = self.take()
        kind, value, _ = tok
        if kind == "number":
            return Num(self.number(value))
        if kind == "name":
            if self.peek()[1] == "(" and self.peek()[0] == "op":
                if value not in FUNCTIONS:
                    allowed = ", ".join(FUNCTIONS)
                    raise FormulaError(f"function {value!r} is not allowed (allowed: {allowed}) in {self.text!r}")
                return self.call(value)
            if value in FUNCTIONS:
                raise FormulaError(f"function {value!r} must be called with arguments in {self.text!r}")
            return Name(value)
        if kind == "op" and value == "(":
            node = self.expr()
            self.expect(")")
            return node
        self.fail(tok, "a number, a name or '('")

    def number(self, text: str) -> Fraction:
        mantissa, _, exponent = text.lower().partition("e")
        digits = len(mantissa.replace(".", "").lstrip("0"))
        if digits > _MAX_DIGITS:
            raise FormulaError(f"a number with more than {_MAX_DIGITS} digits in {_brief(self.text)}")
        if exponent and abs(int(exponent[:12])) > _MAX_EXPONENT:
            raise FormulaError(f"a number with an exponent beyond ±{_MAX_EXPONENT} ({_brief(text)}) is too large "
                               f"to compute exactly, in {_brief(self.text)}")
        return Fraction(text)

    def call(self, func: str) -> Expr:
        self.expect("(")
        args = [self.expr()]
        while self.peek()[1] == ",":
            self.take()
            args.append(self.expr())
        self.expect(")")
        arity = FUNCTIONS[func]
        if arity is not None and len(args) != arity:
            raise FormulaError(f"{func}() takes {arity} argument, got {len(args)} in {self.text!r}")
        return Call(func, tuple(args))


def parse(text: str) -> Expr:
    """Parse a formula into an expression tree.

    Parameters
    ----------
    text : str
        The formula, e.g. ``"T*lam - w_R"``.

    Returns
    -------
    Expr

    Raises
    ------
    FormulaError
        If the text is not in the formula language.

    Examples
    --------
    >>> e = parse("(1 - lam) * (T - w) ^ 2")
    >>> sorted(e.names())
    ['T', 'lam', 'w']
    >>> from fractions import Fraction as F
    >>> e.evaluate({"lam": F(1, 2), "T": F(3, 5), "w": F(1, 10)})
    Fraction(1, 8)
    >>> parse("__import__('os')")
    Traceback (most recent call last):
    ...
    bargaining.errors.FormulaError: function '__import__' is not allowed (allowed: min, max, abs, sqrt)
    in "__import__('os')"
    """
    if not isinstance(text, str):
        raise FormulaError(f"a formula must be text, found {type(text).__name__}")
    if len(text) > _MAX_LENGTH:
        raise FormulaError(f"formula longer than {_MAX_LENGTH} characters")
    if not text.strip():
        raise FormulaError("empty formula")
    parser = _Parser(text)
    node = parser.expr()
    tok = parser.peek()
    if tok[0] != "end":
        parser.fail(tok, "an operator or the end of the formula")
    depth = tree_depth(node)
    if depth > _MAX_DEPTH:
        raise FormulaError(
            f"formula nested {depth} levels deep (at most {_MAX_DEPTH}; a long chain of + or * counts one level "
            f"per term): name parts of it as [terms], in {_brief(text)}"
        )
    return node


def tree_depth(node: Expr) -> int:
    """The depth of an expression tree, counted without recursion (so that any tree can be measured).

    Examples
    --------
    >>> tree_depth(parse("1")), tree_depth(parse("a + b*c"))
    (1, 3)
    """
    deepest, stack = 0, [(node, 1)]
    while stack:
        n, d = stack.pop()
        deepest = max(deepest, d)
        if isinstance(n, Neg):
            stack.append((n.operand, d + 1))
        elif isinstance(n, BinOp):
            stack.extend(((n.left, d + 1), (n.right, d + 1)))
        elif isinstance(n, Call):
            stack.extend((a, d + 1) for a in n.args)
    return deepest


def _brief(text: str, limit: int = 60) -> str:
    """A formula quoted for an error message, shortened so that the message stays one line."""
    text = " ".join(text.split())
    return repr(text if len(text) <= limit else text[: limit - 3] + "...")
