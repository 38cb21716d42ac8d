"""Number formatting for the renderers; the functions live in :mod:`bargaining.numbers`."""

from ..numbers import decimal, exact, exact_and_decimal, is_terminating, latex_number

__all__ = ["exact", "decimal", "exact_and_decimal", "latex_number", "is_terminating"]
