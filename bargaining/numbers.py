"""Numbers in and out: the one reader of exact numbers, and the writers every output uses.

Reading
-------
:func:`to_fraction` is the one place where a value becomes an exact
:class:`~fractions.Fraction`. Integers, fractions, decimals and number strings
(``"1/3"``, ``"0.1"``, ``"1e-3"``) are read exactly. A Python ``float`` is read
as the decimal that ``repr`` shows, so ``0.3`` is ``3/10`` everywhere (not the
binary fraction nearest to 0.3, 5404319552844595/18014398509481984): a value
typed as ``0.3`` in Python means what it means in a game file or on the
command line. Booleans, NaN and infinities are refused.

Writing
-------
- :func:`exact`: as a person writes it, ``0.081`` when short, else ``22/45``;
- :func:`decimal`: rounded, without trailing zeros;
- :func:`exact_and_decimal`: ``23/45 (0.5111)``;
- :func:`latex_number`: ``\\tfrac{23}{45}``;
- :func:`plain`: the exact decimal when there is one, else ``p/q`` (messages);
- :func:`fraction_text`: ``p/q`` for an exact number, ``repr`` for a float (exact strings in JSON);
- :func:`significant`: a float rounded to a few significant digits (labels on figures);
- :func:`format_value`: the exact decimal when it has at most 17 digits, else
  the nearest float (grid values in sweep tables);
- :func:`number_to_json`: exact numbers as strings (``"9/40"``), floats as floats.

Games of three or more players have irrational equilibria: exact real algebraic
numbers (:class:`bargaining.solvers.algebraic.RealAlgebraic`). The writers
print them exactly too, by their own text: a radical such as
``573/952 - sqrt(8457)/952``, or a minimal polynomial with an isolating
interval (:func:`is_algebraic` recognises them without importing the solvers).
"""

from __future__ import annotations

import math
import numbers as _numbers
import re
import sys
from decimal import Decimal
from fractions import Fraction

from bargaining.errors import InputError

# Python refuses to print integers of more than 4,300 digits (a guard against quadratic conversions
# of untrusted text). Exact values here are bounded by the readers' guards (10,000-digit exponents,
# bits of products in bargaining.formula), and an exact answer must be printable, so the limit is raised to
# cover them; text read from files is still bounded by this module's own limit on digits.
if 0 < sys.get_int_max_str_digits() < 100_000:
    sys.set_int_max_str_digits(100_000)

__all__ = [
    "to_fraction",
    "exact",
    "decimal",
    "exact_and_decimal",
    "latex_number",
    "plain",
    "format_value",
    "fraction_text",
    "significant",
    "number_to_json",
    "is_terminating",
    "is_algebraic",
]

# Digits of a number string; Python refuses to convert longer ones into an int at all.
_MAX_DIGITS = 4000


def to_fraction(value, *, where: str | None = None) -> Fraction:
    """Read a number exactly.

    Parameters
    ----------
    value : int, Fraction, Decimal, str, float or a numpy number
        The number; a float is read as the decimal ``repr`` shows.
    where : str, optional
        Where the value came from, for the error message.

    Raises
    ------
    InputError
        If ``value`` is not a finite number.

    Examples
    --------
    >>> to_fraction("0.1"), to_fraction(0.1), to_fraction("-2/6"), to_fraction(0.3)
    (Fraction(1, 10), Fraction(1, 10), Fraction(-1, 3), Fraction(3, 10))
    """
    if isinstance(value, bool):
        raise InputError(f"expected a number, found a boolean ({value})", where=where)
    if isinstance(value, (Fraction, int)):
        return Fraction(value)
    if isinstance(value, _numbers.Rational):
        return Fraction(value.numerator, value.denominator)
    if isinstance(value, Decimal):
        if not value.is_finite():
            raise InputError(f"expected a finite number, found {value}", where=where)
        _check_size(len(value.as_tuple().digits), value.as_tuple().exponent, value, where)
        return Fraction(value)
    if isinstance(value, float):
        if not math.isfinite(value):
            raise InputError(f"expected a finite number, found {value}", where=where)
        return Fraction(repr(float(value)))  # numpy's float64 is a float whose repr names its type
    if isinstance(value, str):
        text = value.strip()
        if len(text) > _MAX_DIGITS:
            raise InputError(f"a number of more than {_MAX_DIGITS} characters", where=where)
        exponent = _EXPONENT.search(text)
        if exponent:
            _check_size(0, int(exponent.group(1)[:12]), text, where)
        try:
            return Fraction(text)
        except (ValueError, ZeroDivisionError, OverflowError):
            raise InputError(f"expected a number such as 3, -0.25 or 1/3, found {value!r}", where=where) from None
    if isinstance(value, _numbers.Integral):  # numpy integers
        return Fraction(int(value))
    if isinstance(value, _numbers.Real):  # numpy floats
        return to_fraction(float(value), where=where)
    raise InputError(f"expected a number, found {type(value).__name__}", where=where)


def is_algebraic(q) -> bool:
    """True for an exact irrational algebraic number (it has a minimal polynomial), not a Fraction or float.

    Examples
    --------
    >>> from bargaining.solvers.algebraic import real_roots
    >>> is_algebraic(real_roots([-2, 0, 1])[1]), is_algebraic(Fraction(1, 2)), is_algebraic(0.5)
    (True, False, False)
    """
    return not isinstance(q, (Fraction, int, float)) and hasattr(q, "minpoly")


_EXPONENT = re.compile(r"[eE]\s*([+-]?\d+)\s*$")
#: Largest decimal exponent read exactly: ``1e10000`` is 33,000 bits; ``1e999999999`` would take hours.
MAX_EXPONENT = 10_000


def _check_size(digits: int, exponent: int, value, where) -> None:
    if abs(exponent) > MAX_EXPONENT or digits > _MAX_DIGITS:
        shown = str(value) if len(str(value)) <= 40 else str(value)[:37] + "..."
        raise InputError(
            f"{shown} is too large to compute exactly (decimal exponents up to ±{MAX_EXPONENT}, "
            f"at most {_MAX_DIGITS} digits)",
            where=where,
        )


def is_terminating(q: Fraction, max_digits: int = 6) -> bool:
    """True when ``q`` is a decimal with at most ``max_digits`` digits after the point."""
    return (q * 10**max_digits).denominator == 1


def _decimal_digits(q: Fraction, digits: int) -> str:
    """The exact decimal of ``q``, which has at most ``digits`` digits after the point."""
    if q.denominator == 1:
        return str(q.numerator)
    sign = "-" if q < 0 else ""
    scaled = abs(q.numerator) * 10**digits // q.denominator
    text = str(scaled).rjust(digits + 1, "0")
    return f"{sign}{text[:-digits]}.{text[-digits:]}".rstrip("0").rstrip(".")


def _terminating_digits(q: Fraction, limit: int) -> int | None:
    """The number of digits of ``q``'s exact decimal, if it has one of at most ``limit`` digits."""
    for digits in range(0, limit + 1):
        if (q * 10**digits).denominator == 1:
            return digits
    return None


def exact(q) -> str:
    """An exact number as a person writes it: ``0.081`` when short, else ``22/45``.

    Examples
    --------
    >>> exact(Fraction(81, 1000)), exact(Fraction(22, 45)), exact(Fraction(-3)), exact(0.25)
    ('0.081', '22/45', '-3', '0.25')
    >>> from bargaining.solvers.algebraic import real_roots
    >>> exact(real_roots([-2, 0, 1])[1])
    'sqrt(2)'
    """
    if isinstance(q, float):
        return decimal(q)
    if is_algebraic(q):
        return str(q)
    q = Fraction(q)
    if q.denominator == 1:
        return str(q.numerator)
    if is_terminating(q):
        return _decimal_digits(q, 6)
    return f"{q.numerator}/{q.denominator}"


def plain(q) -> str:
    """The exact decimal of ``q`` when it has one (of at most 30 digits), else ``p/q``.

    Examples
    --------
    >>> plain(Fraction(3, 20)), plain(Fraction(1, 3)), plain(2), plain(Fraction(1234567, 10**7))
    ('0.15', '1/3', '2', '0.1234567')
    """
    if isinstance(q, float):
        return repr(q)
    if is_algebraic(q):
        return str(q)
    q = Fraction(q)
    digits = _terminating_digits(q, 30)
    if digits is None:
        return f"{q.numerator}/{q.denominator}"
    return _decimal_digits(q, max(digits, 1))


def format_value(q) -> str:
    """An exact decimal when ``q`` has one of at most 17 digits, else the nearest float.

    Examples
    --------
    >>> format_value(Fraction(3, 10)), format_value(Fraction(1, 3)), format_value(Fraction(2))
    ('0.3', '0.3333333333333333', '2')
    """
    q = Fraction(q)
    digits = _terminating_digits(q, 17)
    if digits is None:
        return repr(float(q))
    return _decimal_digits(q, max(digits, 1))


def fraction_text(q) -> str:
    """``"1181/2000"`` for an exact number, the float's ``repr`` for a float.

    Examples
    --------
    >>> fraction_text(Fraction(1181, 2000)), fraction_text(3), fraction_text(0.25)
    ('1181/2000', '3', '0.25')
    """
    if isinstance(q, float):
        return repr(q)
    if is_algebraic(q):
        return str(q)
    return str(Fraction(q))


def significant(q, digits: int = 4) -> str:
    """A number rounded to ``digits`` significant digits: ``0.4879``, ``1.181``, ``2.5e-05``.

    Examples
    --------
    >>> significant(Fraction(1181, 1000)), significant(Fraction(10**400, 3))
    ('1.181', '3.333e+399')
    """
    try:
        return f"{float(q):.{digits}g}"
    except OverflowError:  # beyond a double: the leading digits, read exactly
        return _huge(q, digits)


def _huge(q, digits: int) -> str:
    q = Fraction(q)
    sign = "-" if q < 0 else ""
    text = str(abs(q.numerator) // q.denominator)
    mantissa = (text[0] + "." + text[1:digits]).rstrip("0").rstrip(".")
    return f"{sign}{mantissa}e+{len(text) - 1}"


def decimal(q, digits: int = 4) -> str:
    """A rounded decimal, without trailing zeros (``-0`` shown as ``0``); beyond a double, as ``1e+4000``."""
    try:
        text = f"{float(q):.{digits}f}".rstrip("0").rstrip(".")
    except OverflowError:
        return _huge(q, digits)
    return "0" if text in ("-0", "") else text


def short(q) -> str:
    """:func:`plain`, or for a number of more than 30 characters its leading digits, for one-line messages.

    Examples
    --------
    >>> short(Fraction(3, 20)), short(Fraction(10**4000)), short(Fraction(1, 10**50))
    ('0.15', '1e+4000', '1e-50')
    >>> short(Fraction(1, 10**4000))
    'about 1e-4000'
    """
    text = plain(q)
    if len(text) <= 30:
        return text
    if isinstance(q, float) or 2**-1000 < abs(Fraction(q)) < 2**1000:
        return f"{float(q):.4g}"
    q = Fraction(q)
    if abs(q) >= 1:
        return _huge(q, 4)
    return f"{'-' if q < 0 else ''}about 1e-{len(str(q.denominator // abs(q.numerator))) - 1}"


def exact_and_decimal(q) -> str:
    """``23/45 (0.5111)`` for a fraction, just ``0.5`` where the decimal is exact; ``sqrt(2) (1.4142)``."""
    if isinstance(q, float):
        return decimal(q, 6)
    if is_algebraic(q):
        return f"{q} ({decimal(q)})"
    text = exact(q)
    return text if "/" not in text else f"{text} ({decimal(q)})"


def latex_number(q) -> str:
    """``\\tfrac{23}{45}``, ``0.081`` or ``-3``; a radical as ``\\tfrac{573}{952} - \\tfrac{\\sqrt{8457}}{952}``."""
    if isinstance(q, float):
        return decimal(q, 6)
    if is_algebraic(q):
        return _latex_algebraic(str(q))
    text = exact(q)
    if "/" not in text:
        return text
    q = Fraction(q)
    sign = "-" if q < 0 else ""
    return f"{sign}\\tfrac{{{abs(q.numerator)}}}{{{q.denominator}}}"


def _latex_algebraic(text: str) -> str:
    """LaTeX for the text of an algebraic number: ``a/b``, ``k*sqrt(d)/b`` and ``root of P in [lo, hi]``."""
    import re

    if text.startswith("root of "):
        poly, _, interval = text[len("root of "):].partition(" in ")
        poly = re.sub(r"\^(\d+)", r"^{\1}", poly).replace("*", " ")
        return f"\\text{{root of }} {poly} \\text{{ in }} {interval}"
    out = re.sub(r"sqrt\((\d+)\)", r"\\sqrt{\1}", text).replace("*", " ")
    return re.sub(r"([0-9]+|\\sqrt\{\d+\}|[0-9]+ \\sqrt\{\d+\})/(\d+)", r"\\tfrac{\1}{\2}", out)


def number_to_json(value) -> str | float | None:
    """Exact numbers as strings (``"9/40"``, ``"sqrt(2)"``), floats as floats, None as None."""
    if value is None:
        return None
    if isinstance(value, (Fraction, int)) and not isinstance(value, bool):
        return str(Fraction(value))
    if is_algebraic(value):
        return str(value)
    return float(value)
