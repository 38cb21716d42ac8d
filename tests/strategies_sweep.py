"""Hypothesis strategies for sweeps: parameterised games whose grids hit ties exactly.

- :func:`affine_models`: a game file (as a dict, for
  :func:`bargaining.gamefile.model_from_dict`) whose payoffs are affine in one
  parameter ``t`` with small rational coefficients, and a ``--vary`` spec for
  ``t``. Some pairs of payoffs are made equal exactly at a grid value, so the
  grid hits degenerate games (a player indifferent between two strategies).
- :func:`float_games`: stacks of games with continuous random payoffs (almost
  surely nondegenerate), as float arrays.
- :func:`integer_games`: stacks of games with small integer payoffs (full of
  ties), as float arrays.
"""

from __future__ import annotations

from fractions import Fraction

import numpy as np
from hypothesis import strategies as st


def _text(q: Fraction) -> str:
    return f"({q.numerator}/{q.denominator})" if q.denominator != 1 else f"({q.numerator})"


@st.composite
def affine_models(draw, sizes=((3, 3), (4, 4), (2, 3), (3, 2)), max_coef: int = 3, max_ties: int = 3):
    """``(game_dict, spec)``: payoffs ``c0 + c1*t`` and the grid ``t=0:1:NUM``.

    With ``k`` forced ties, ``k`` times a player's payoffs in two cells it
    chooses between (two rows of one column for the row player, two columns of
    one row for the column player) are made equal at a grid value ``t*``.
    """
    m, n = draw(st.sampled_from(sizes))
    num = draw(st.integers(3, 9))
    coef = st.integers(-max_coef, max_coef).map(Fraction)
    cells = [[[[draw(coef), draw(coef)] for _ in range(n)] for _ in range(m)] for _ in range(2)]
    for _ in range(draw(st.integers(0, max_ties))):
        player = draw(st.integers(0, 1))
        g = draw(st.integers(0, num - 1))
        t_star = Fraction(g, num - 1)
        slope = draw(st.integers(-2, 2).filter(bool)).__int__()
        if player == 0 and m > 1:
            j = draw(st.integers(0, n - 1))
            a, b = draw(st.lists(st.integers(0, m - 1), min_size=2, max_size=2, unique=True))
            c0, c1 = cells[0][a][j]
            cells[0][b][j] = [c0 - slope * t_star, c1 + slope]
        elif player == 1 and n > 1:
            i = draw(st.integers(0, m - 1))
            a, b = draw(st.lists(st.integers(0, n - 1), min_size=2, max_size=2, unique=True))
            c0, c1 = cells[1][i][a]
            cells[1][i][b] = [c0 - slope * t_star, c1 + slope]
    players = ["Row", "Column"]
    data = {
        "title": "affine test game",
        "players": players,
        "strategies": {"Row": [f"r{i}" for i in range(m)], "Column": [f"c{j}" for j in range(n)]},
        "parameters": {"t": {"value": "0", "min": "0", "max": "1", "label": "the parameter t"}},
        "payoffs": {
            players[p]: [[f"{_text(c0)} + {_text(c1)}*t" for c0, c1 in row] for row in cells[p]] for p in range(2)
        },
    }
    return data, f"t=0:1:{num}"


@st.composite
def float_games(draw, shapes=((3, 3), (4, 4)), points=st.integers(1, 30)):
    """``(A, B)`` float arrays of shape ``(P, m, n)`` with continuous random payoffs."""
    m, n = draw(shapes if isinstance(shapes, st.SearchStrategy) else st.sampled_from(shapes))
    P = draw(points)
    seed = draw(st.integers(0, 2**32 - 1))
    rng = np.random.default_rng(seed)
    scale = draw(st.sampled_from([1e-3, 1.0, 1e3]))
    return rng.normal(size=(P, m, n)) * scale, rng.normal(size=(P, m, n)) * scale


@st.composite
def integer_games(draw, shapes=((2, 2), (2, 3), (3, 3), (3, 4), (4, 4)), points=st.integers(1, 20), max_value: int = 3):
    """``(A, B)`` float arrays of small integers: many ties and degenerate games."""
    m, n = draw(st.sampled_from(shapes))
    P = draw(points)
    seed = draw(st.integers(0, 2**32 - 1))
    rng = np.random.default_rng(seed)
    A = rng.integers(-max_value, max_value + 1, size=(P, m, n)).astype(float)
    B = rng.integers(-max_value, max_value + 1, size=(P, m, n)).astype(float)
    return A, B
