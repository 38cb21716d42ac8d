"""Hypothesis strategies for bimatrix games.

- :func:`bimatrix_games`: random games with small integer payoffs, as exact
  fractions;
- :func:`degenerate_games`: games that are degenerate by construction (a pure
  strategy with two pure best responses) and full of further ties.
"""

from __future__ import annotations

from fractions import Fraction

from hypothesis import strategies as st

Matrix = list[list[Fraction]]


def _matrices(m: int, n: int, min_value: int, max_value: int) -> st.SearchStrategy[Matrix]:
    entry = st.integers(min_value, max_value).map(Fraction)
    return st.lists(st.lists(entry, min_size=n, max_size=n), min_size=m, max_size=m)


@st.composite
def bimatrix_games(
    draw,
    max_m: int = 4,
    max_n: int = 4,
    min_value: int = -5,
    max_value: int = 5,
    min_m: int = 1,
    min_n: int = 1,
) -> tuple[Matrix, Matrix]:
    """Games ``(A, B)`` of shape ``m x n`` with integer entries as Fractions.

    Parameters
    ----------
    max_m, max_n, min_m, min_n : int
        Bounds on the number of rows and columns.
    min_value, max_value : int
        Bounds on every payoff. Narrow ranges give many ties, wide ranges
        mostly nondegenerate games.
    """
    m = draw(st.integers(min_m, max_m))
    n = draw(st.integers(min_n, max_n))
    A = draw(_matrices(m, n, min_value, max_value))
    B = draw(_matrices(m, n, min_value, max_value))
    return A, B


@st.composite
def degenerate_games(draw, max_m: int = 4, max_n: int = 4, max_value: int = 2) -> tuple[Matrix, Matrix]:
    """Degenerate games: payoffs in ``0..max_value`` with a forced tie.

    Column 0's best payoff for the row player is shared by rows 0 and 1, so
    the pure strategy "column 0" has two pure best responses. Its vertex of
    ``Q`` then has ``n + 1`` labels, and the game is degenerate whatever else
    was drawn.
    """
    A, B = draw(bimatrix_games(max_m, max_n, 0, max_value, min_m=2))
    top = max(row[0] for row in A)
    A[0][0] = A[1][0] = top
    return A, B
