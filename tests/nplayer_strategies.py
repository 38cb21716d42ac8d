"""Hypothesis strategies for games of three or more players (a small reusable API beside ``tests/strategies.py``)."""

from __future__ import annotations

from fractions import Fraction

import numpy as np
from hypothesis import strategies as st

__all__ = ["tensor_games", "exact_entries", "permutations_of"]


def exact_entries(lo: int = -9, hi: int = 9, max_denominator: int = 4) -> st.SearchStrategy[Fraction]:
    """Small exact payoffs: integers and simple fractions."""
    return st.builds(Fraction, st.integers(lo * max_denominator, hi * max_denominator),
                     st.integers(1, max_denominator))


@st.composite
def tensor_games(draw, shapes=((2, 2, 2), (3, 2, 2), (2, 3, 2), (2, 2, 2, 2)), entries=None):
    """One payoff tensor per player (nested lists of Fractions) for a shape drawn from ``shapes``."""
    shape = draw(st.sampled_from(shapes))
    size = int(np.prod(shape))
    entries = st.integers(-99, 99).map(Fraction) if entries is None else entries
    out = []
    for _ in shape:
        flat = draw(st.lists(entries, min_size=size, max_size=size))
        out.append(np.array(flat, dtype=object).reshape(shape).tolist())
    return out


def permutations_of(n: int) -> st.SearchStrategy[list[int]]:
    return st.permutations(list(range(n)))
