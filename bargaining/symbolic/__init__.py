"""Symbolic analysis of parameterised games (the ``derive`` command).

Modules, one job each:

- :mod:`~bargaining.symbolic.game`: a model as a bimatrix game of sympy expressions;
- :mod:`~bargaining.symbolic.signs`: signs of expressions over the declared parameter ranges;
- :mod:`~bargaining.symbolic.simplify`: bounded simplification;
- :mod:`~bargaining.symbolic.conditions`: pure-profile equilibrium conditions, reduction of inequalities;
- :mod:`~bargaining.symbolic.mixed`: closed-form mixed equilibria, support by support;
- :mod:`~bargaining.symbolic.statics`: comparative statics of mixed equilibria;
- :mod:`~bargaining.symbolic.selection`: payoff and risk dominance in closed form;
- :mod:`~bargaining.symbolic.thresholds`: tipping points in one parameter;
- :mod:`~bargaining.symbolic.sampling`: random points for zero tests and witnesses;
- :mod:`~bargaining.symbolic.printing`: parseable text, board text and LaTeX;
- :mod:`~bargaining.symbolic.result`: the result types;
- :mod:`~bargaining.symbolic.derive`: :func:`derive`, which runs them all.

This package imports sympy; the command line imports it only when ``derive`` runs.
"""

from bargaining.symbolic.derive import derive
from bargaining.symbolic.result import Derivation
from bargaining.symbolic.simplify import Budget

__all__ = ["derive", "Derivation", "Budget"]
