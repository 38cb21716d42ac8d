"""Slider ranges for the live explorer: the file's range, or a range guessed around the value.

The range is :meth:`bargaining.model.Parameter.span`: the file's ``min`` and
``max``, with a bound the file does not give guessed from the value. The
slider says which bounds were guessed; the server accepts any value for a
bound the file does not declare.

The step is 1, 2 or 5 times a power of ten, the largest that still gives at
least :data:`STEPS` positions, so that slider values are short decimals.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from bargaining.model import Parameter
from bargaining.numbers import exact

__all__ = ["Slider", "slider", "STEPS"]

#: Fewest positions of a slider.
STEPS = 100


@dataclass(frozen=True)
class Slider:
    """A parameter's slider: range, step and where the range comes from.

    Attributes
    ----------
    name, label : str
    value, min, max, step : Fraction
    guessed : tuple of str
        The bounds (``"min"``, ``"max"``) not given by the file.
    """

    name: str
    label: str
    value: Fraction
    min: Fraction
    max: Fraction
    step: Fraction
    guessed: tuple[str, ...] = ()

    @property
    def positions(self) -> int:
        """The slider's last position (its first is 0)."""
        return int((self.max - self.min) / self.step)

    @property
    def decimals(self) -> int:
        """Digits after the point that slider values need."""
        d, q = 0, self.step
        while q.denominator != 1:
            q *= 10
            d += 1
        return d

    def to_dict(self) -> dict[str, Any]:
        note = ""
        if self.guessed:
            note = "range not given in the file: " + " and ".join(self.guessed) + " guessed from the value"
        return {
            "name": self.name,
            "label": self.label,
            "value": str(self.value),
            "value_text": exact(self.value),
            "min": str(self.min),
            "max": str(self.max),
            "min_text": exact(self.min),
            "max_text": exact(self.max),
            "step": float(self.step),
            "positions": self.positions,
            "decimals": self.decimals,
            "guessed": list(self.guessed),
            "note": note,
        }


def _step(width: Fraction) -> Fraction:
    best = Fraction(1, 10**12)
    for k in range(-12, 13):
        for mantissa in (1, 2, 5):
            step = mantissa * Fraction(10) ** k
            if width / step >= STEPS:
                best = max(best, step)
    return best


def slider(p: Parameter) -> Slider:
    """The slider of a parameter.

    Examples
    --------
    >>> from fractions import Fraction as F
    >>> s = slider(Parameter("T", F(3, 5), F(0), F(1), "pressure"))
    >>> s.min, s.max, s.step, s.guessed
    (Fraction(0, 1), Fraction(1, 1), Fraction(1, 100), ())
    >>> s = slider(Parameter("k", F(3)))
    >>> s.min, s.max, s.step, s.guessed
    (Fraction(0, 1), Fraction(6, 1), Fraction(1, 20), ('min', 'max'))
    >>> s = slider(Parameter("d", F(-2), max=F(0)))
    >>> s.min, s.max, s.guessed
    (Fraction(-4, 1), Fraction(0, 1), ('min',))
    """
    v = p.value
    lo, hi, guessed = p.span()
    if hi == lo:  # a parameter fixed by its range
        return Slider(p.name, p.label, v, lo, hi, Fraction(1), tuple(guessed))
    return Slider(p.name, p.label, v, lo, hi, _step(hi - lo), tuple(guessed))
