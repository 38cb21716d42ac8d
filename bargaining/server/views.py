"""What the explorer page shows of a game and its equilibria, as JSON-ready dicts.

Exact numbers travel as fraction strings (``"22/45"``) beside the text a
person reads (``"22/45"`` or ``"0.081"``, from :func:`bargaining.numbers.exact`).
Best-response marks, plain-language readings and labels come from the
renderers of ``solve`` (:mod:`bargaining.render.solve`), so the page says what
the command line says.
"""

from __future__ import annotations

from typing import Any

from bargaining.model import Model
from bargaining.numbers import decimal, exact
from bargaining.render.words import label_words
from bargaining.server.sliders import slider
from bargaining.solution import Solution

__all__ = ["model_view", "solution_view"]


def _number(q) -> dict[str, str]:
    return {"exact": str(q), "text": exact(q), "decimal": decimal(q)}


def model_view(model: Model) -> dict[str, Any]:
    """Title, description, players, strategies and one slider per parameter."""
    return {
        "title": model.title,
        "description": model.description,
        "expectation": model.expectation,
        "players": list(model.players),
        "strategies": [list(s) for s in model.strategies],
        "parameters": [slider(p).to_dict() for p in model.parameters.values()],
    }


def solution_view(model: Model, solution: Solution) -> dict[str, Any]:
    """The bimatrix with best responses and equilibrium cells marked, and the equilibria.

    Examples
    --------
    >>> from bargaining.io.gamefile import load_model
    >>> from bargaining.solvers.registry import solve
    >>> m = load_model("games/taiwan_crisis.toml")
    >>> v = solution_view(m, solve(m.game()))
    >>> [e["reading"] for e in v["equilibria"]][0], v["selection_rule"]
    ('a military alliance: both sign a mutual-defence treaty', 'payoff dominance')
    >>> [s["text"] for s in v["equilibria"][1]["strategies"][0]]   # Russia's mix
    ['ally 23/45', 'align 22/45']
    """
    g = solution.game
    row_marks, col_marks = g.best_response_marks()
    pure = {e.profile(): k for k, e in enumerate(solution.equilibria) if e.pure}
    m, n = g.shape
    cells = [
        [
            {
                "payoffs": [_number(g.A[i][j]), _number(g.B[i][j])],
                "best": [row_marks[i][j], col_marks[i][j]],
                "equilibrium": pure.get((i, j)),
                "outcome": model.outcomes.get((g.strategies[0][i], g.strategies[1][j]), ""),
            }
            for j in range(n)
        ]
        for i in range(m)
    ]
    equilibria = []
    for k, e in enumerate(solution.equilibria):
        strategies = []
        for p in range(2):
            s = e.strategy(p)
            strategies.append(
                [
                    {
                        "strategy": g.strategies[p][q],
                        "probability": _number(s[q]),
                        "text": g.strategies[p][q] if e.pure else f"{g.strategies[p][q]} {exact(s[q])}",
                    }
                    for q in e.support(p)
                ]
            )
        equilibria.append(
            {
                "number": k + 1,
                "pure": e.pure,
                "profile": None if not e.pure else list(e.profile()),
                "strategies": strategies,
                "payoffs": [_number(e.payoffs[0]), _number(e.payoffs[1])],
                "reading": solution.reading(k),
                "labels": label_words(solution, k),
                "selected": solution.selected == k,
            }
        )
    return {
        "values": {name: str(p.value) for name, p in model.parameters.items()},
        "cells": cells,
        "equilibria": equilibria,
        "selected": solution.selected,
        "selection_rule": solution.selection_rule,
        "components": [list(c) for c in solution.components],
        "warnings": list(solution.warnings),
        "method": solution.method,
        "exact": solution.exact,
        "solution": solution.to_dict(),
    }
