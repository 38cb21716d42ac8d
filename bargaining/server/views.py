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
from bargaining.render.solve import _components_text as components_text
from bargaining.render.words import label_words
from bargaining.server.sliders import slider
from bargaining.solution import Solution

__all__ = ["model_view", "solution_view", "headline", "tree_model_view", "tree_view"]


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


def headline(solution: Solution) -> str:
    """How many equilibria there are, in words: a continuum when a component holds more than one extreme one.

    A degenerate game can have infinitely many equilibria: each component
    (:attr:`bargaining.solution.Solution.components`) with more than one
    extreme equilibrium holds every mixture of them. The count of extreme
    equilibria is then no count of equilibria, so the headline says so, as
    ``solve`` does ("Equilibria #1, #2 span a continuum").

    Examples
    --------
    >>> from fractions import Fraction as F
    >>> from bargaining.io.gamefile import load_model
    >>> from bargaining.solvers.registry import solve
    >>> m = load_model("games/baseline.toml")
    >>> headline(solve(m.game()))
    '1 Nash equilibrium'
    >>> headline(solve(m.with_values({"T": F(111, 125)}).game()))
    'infinitely many Nash equilibria: 3 extreme ones; #1, #2 span a continuum'
    """
    count = len(solution.equilibria)
    continua = ["#" + ", #".join(str(k + 1) for k in c) for c in solution.components if len(c) > 1]
    if not continua:
        return f"{count} Nash equilibri{'um' if count == 1 else 'a'}"
    return f"infinitely many Nash equilibria: {count} extreme ones; {' and '.join(continua)} span a continuum"


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
    part = {k: c for c in solution.components if len(c) > 1 for k in c}
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
                "continuum_with": [j + 1 for j in part.get(k, ()) if j != k],
            }
        )
    return {
        "values": {name: str(p.value) for name, p in model.parameters.items()},
        "cells": cells,
        "equilibria": equilibria,
        "headline": headline(solution),
        "continua": components_text(solution),
        "selected": solution.selected,
        "selection_rule": solution.selection_rule,
        "components": [list(c) for c in solution.components],
        "warnings": list(solution.warnings),
        "method": solution.method,
        "exact": solution.exact,
        "solution": solution.to_dict(),
    }


def tree_model_view(model) -> dict[str, Any]:
    """A game tree's title, description, players and one slider per parameter (no strategies: it has moves)."""
    return {
        "kind": "tree",
        "title": model.title,
        "description": model.description,
        "expectation": model.expectation,
        "players": list(model.players),
        "strategies": [],
        "parameters": [slider(p).to_dict() for p in model.parameters.values()],
    }


def tree_view(model, solution) -> dict[str, Any]:
    """A game tree's subgame-perfect outcomes, and the drawing ``solve`` prints (▶ marks each path of play).

    Examples
    --------
    >>> from bargaining.io.gamefile import load_model
    >>> from bargaining.solvers.tree import solve_tree
    >>> m = load_model("games/treaty_proposal.toml")
    >>> v = tree_view(m, solve_tree(m.tree()))
    >>> v["headline"], [o["path"] for o in v["outcomes"]]
    ('2 subgame-perfect equilibria, 2 paths of play', ['propose, reject, align, align', 'no proposal, align, align'])
    >>> "├─▶ propose → ratification" in v["text"]
    True
    """
    from dataclasses import replace

    from bargaining.numbers import exact as exact_text
    from bargaining.render.tree import render

    solution = replace(solution, source=model.source, parameters=tuple(model.values().items()))
    tree = solution.tree
    outcomes: list[dict[str, Any]] = []
    seen: dict[tuple, dict[str, Any]] = {}
    for e in solution.subgame_perfect:
        key = tuple((o.path, o.terminal, o.probability) for o in e.play)
        if key in seen:  # equilibria differing only off the path of play share their outcome
            seen[key]["equilibria"] += 1
            continue
        seen[key] = {
                "number": len(outcomes) + 1,
                "equilibria": 1,
                "path": "; ".join(", ".join(o.path) or "(no move)" for o in e.play),
                "outcome": e.outcome,
                "reading": solution.reading(e.outcome) or "",
                "payoffs": [
                    {"player": p, "exact": str(e.payoffs[i]), "text": exact_text(e.payoffs[i])}
                    for i, p in enumerate(tree.players)
                ],
            }
        outcomes.append(seen[key])
    n = len(solution.subgame_perfect)
    return {
        "kind": "tree",
        "values": {name: str(p.value) for name, p in model.parameters.items()},
        "headline": f"{n} subgame-perfect equilibri{'um' if n == 1 else 'a'}"
        + (f", {len(outcomes)} paths of play" if len(outcomes) > 1 else ""),
        "outcomes": outcomes,
        "nash": len(solution.equilibria),
        "text": render(solution, "table"),
        "warnings": list(solution.warnings),
        "method": solution.method,
        "exact": solution.exact,
    }
