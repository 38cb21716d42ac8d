"""How exact numbers are written: short decimals or fractions, rounded decimals, LaTeX fractions.

Used by the core where a result carries a description (a scenario row, a regime) and by every renderer.
"""

from __future__ import annotations

from fractions import Fraction

__all__ = ["exact", "decimal", "exact_and_decimal", "latex_number", "is_terminating"]


def is_terminating(q: Fraction, max_digits: int = 6) -> bool:
    """True when ``q`` is a decimal with at most ``max_digits`` digits after the point."""
    return (q * 10**max_digits).denominator == 1


def exact(q) -> str:
    """An exact number as a person writes it: ``0.081`` when short, else ``22/45``.

    Examples
    --------
    >>> exact(Fraction(81, 1000)), exact(Fraction(22, 45)), exact(Fraction(-3)), exact(0.25)
    ('0.081', '22/45', '-3', '0.25')
    """
    if isinstance(q, float):
        return decimal(q)
    q = Fraction(q)
    if q.denominator == 1:
        return str(q.numerator)
    if is_terminating(q):
        sign = "-" if q < 0 else ""
        a = abs(q)
        whole, rest = divmod(a.numerator, a.denominator)
        digits = str(Fraction(rest, a.denominator) * 10**6)
        return f"{sign}{whole}.{int(digits):06d}".rstrip("0")
    return f"{q.numerator}/{q.denominator}"


def decimal(q, digits: int = 4) -> str:
    """A rounded decimal, without trailing zeros (``-0`` shown as ``0``)."""
    text = f"{float(q):.{digits}f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def exact_and_decimal(q) -> str:
    """``23/45 (0.5111)`` for a fraction, just ``0.5`` where the decimal is exact."""
    if isinstance(q, float):
        return decimal(q, 6)
    text = exact(q)
    return text if "/" not in text else f"{text} ({decimal(q)})"


def latex_number(q) -> str:
    """``\\tfrac{23}{45}``, ``0.081`` or ``-3``."""
    if isinstance(q, float):
        return decimal(q, 6)
    text = exact(q)
    if "/" not in text:
        return text
    q = Fraction(q)
    sign = "-" if q < 0 else ""
    return f"{sign}\\tfrac{{{abs(q.numerator)}}}{{{q.denominator}}}"
