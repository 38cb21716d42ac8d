"""Hypothesis strategies for bargaining problems (to be merged into ``tests/strategies.py``).

- :func:`payoffs`: exact rational payoffs with small denominators;
- :func:`point_sets`: finite sets of payoff pairs (the outcomes of a game);
- :func:`problems`: bargaining problems whose disagreement point is an
  outcome, the worst corner, or a random point;
- :func:`symmetric_problems`: problems closed under swapping the players,
  with the disagreement point on the diagonal;
- :func:`discount_factors`: rational discount factors in (0, 1).
"""

from __future__ import annotations

from fractions import Fraction

from hypothesis import strategies as st

from bargaining.bargain.problem import BargainingProblem


def payoffs(lo: int = -5, hi: int = 5, max_denominator: int = 12) -> st.SearchStrategy[Fraction]:
    """Exact payoffs in ``[lo, hi]``."""
    return st.fractions(min_value=lo, max_value=hi, max_denominator=max_denominator)


def point_sets(min_size: int = 1, max_size: int = 8, **kw) -> st.SearchStrategy[list]:
    """Distinct payoff pairs."""
    return st.lists(
        st.tuples(payoffs(**kw), payoffs(**kw)), min_size=min_size, max_size=max_size, unique=True
    )


@st.composite
def problems(draw, transfers=st.booleans(), min_size: int = 1, max_size: int = 8, **kw):
    """Bargaining problems over random point sets.

    The disagreement point is one of the outcomes (as when it is an equilibrium
    of the game), the componentwise minimum of the outcomes, or any point.
    """
    pts = draw(point_sets(min_size, max_size, **kw))
    kind = draw(st.sampled_from(["outcome", "corner", "free"]))
    if kind == "outcome":
        d = draw(st.sampled_from(pts))
    elif kind == "corner":
        d = (min(p[0] for p in pts), min(p[1] for p in pts))
    else:
        d = (draw(payoffs(**kw)), draw(payoffs(**kw)))
    labels = tuple((f"s{i}", f"t{i}") for i in range(len(pts)))
    return BargainingProblem(tuple(pts), d, draw(transfers), labels)


@st.composite
def symmetric_problems(draw, transfers=st.booleans(), max_size: int = 5, **kw):
    """Problems invariant under swapping the players: points and their mirror images."""
    pts = draw(point_sets(1, max_size, **kw))
    sym = list(dict.fromkeys(pts + [(q, p) for p, q in pts]))
    corner = min(min(p) for p in sym)
    t = draw(st.one_of(st.just(corner), payoffs(**kw)))
    labels = tuple((f"o{i}",) for i in range(len(sym)))
    return BargainingProblem(tuple(sym), (t, t), draw(transfers), labels)


def discount_factors(max_denominator: int = 50) -> st.SearchStrategy[Fraction]:
    """Rational discount factors strictly between 0 and 1."""
    return st.fractions(min_value=0, max_value=1, max_denominator=max_denominator).filter(
        lambda x: 0 < x < 1
    )
