"""What the explorer page shows of a game of three or more players, as JSON-ready dicts.

A game of ``n`` players is shown as ``solve`` shows it
(:mod:`bargaining.render.nplayer`): one bimatrix of the last two players per
pure profile of the first ``n - 2`` (for the strategic triangle, one
Russia × China table per strategy of the United States), each cell with every
player's payoff, a best response to the others marked, and the cells of pure
equilibria marked. The equilibria are the certified exact ones of
:func:`bargaining.solvers.registry.solve`: each probability travels as its
exact string (a fraction, or a radical for an irrational equilibrium) beside
its decimal and the text ``solve`` prints (``ally 7/30 (0.2333)``), with the
reading, the labels, the certificate sentence and the continua of the
command line. Nothing is computed here beyond looking up best responses of
pure profiles.
"""

from __future__ import annotations

from typing import Any

from bargaining.model import Model
from bargaining.numbers import decimal, exact, exact_and_decimal, number_to_json
from bargaining.render.nplayer import certificate_text, continuum_lines, slices, strategy_text
from bargaining.render.words import label_words
from bargaining.server.views import headline
from bargaining.solution import Solution

__all__ = ["nplayer_view"]


def _number(q) -> dict[str, Any]:
    return {"exact": number_to_json(q), "text": exact(q), "decimal": decimal(q), "both": exact_and_decimal(q)}


def nplayer_view(model: Model, solution: Solution) -> dict[str, Any]:
    """The tables (one per pure profile of all players but the last two) and the certified equilibria.

    Examples
    --------
    >>> from bargaining.io.gamefile import load_model
    >>> from bargaining.solvers.registry import solve
    >>> m = load_model("games/triangle/two_front.toml")
    >>> v = nplayer_view(m, solve(m.game()))
    >>> [t["title"] for t in v["tables"]][:2], v["row_player"], v["column_player"]
    (['United States plays contain_both', 'United States plays wedge_Russia'], 'Russia', 'China')
    >>> [s["text"] for s in v["equilibria"][1]["strategies"][1]]   # Russia's mix, as solve prints it
    ['ally 7/30 (0.2333)', 'align 23/30 (0.7667)']
    >>> v["headline"], v["tables"][0]["rows"][1][1]["equilibrium"]
    ('3 Nash equilibria', 0)
    """
    g = solution.game
    n = g.n_players
    pure = {e.profile(): k for k, e in enumerate(solution.equilibria) if e.pure}
    tables = []
    for words, fixed in slices(g):
        rows = []
        for i in range(g.shape[n - 2]):
            row = []
            for j in range(g.shape[n - 1]):
                prof = fixed + (i, j)
                row.append(
                    {
                        "payoffs": [_number(g.payoff(p, *prof)) for p in range(n)],
                        "best": [prof[p] in g.best_responses(p, prof) for p in range(n)],
                        "equilibrium": pure.get(prof),
                        "outcome": g.outcome(prof),
                    }
                )
            rows.append(row)
        # the equilibria that play this table's profile of the first players with positive probability
        played = [
            k + 1 for k, e in enumerate(solution.equilibria)
            if all(e.mixed[p][fixed[p]] != 0 for p in range(n - 2))
        ]
        tables.append({"title": words, "fixed": list(fixed), "rows": rows, "played_in": played})
    equilibria = []
    for k, e in enumerate(solution.equilibria):
        strategies = []
        for p in range(n):
            support = e.support(p)
            strategies.append(
                [
                    {
                        "strategy": g.strategies[p][q],
                        "probability": _number(e.mixed[p][q]),
                        "text": g.strategies[p][q] if len(support) == 1
                        else f"{g.strategies[p][q]} {exact_and_decimal(e.mixed[p][q])}",
                    }
                    for q in support
                ]
            )
        equilibria.append(
            {
                "number": k + 1,
                "pure": e.pure,
                "profile": None if not e.pure else list(e.profile()),
                "strategies": strategies,
                "strategy_text": [strategy_text(g, e, p, sep=", ") for p in range(n)],
                "payoffs": [_number(u) for u in e.payoffs],
                "reading": solution.reading(k),
                "labels": label_words(solution, k),
                "certificate": certificate_text(e),
                "selected": solution.selected == k,
            }
        )
    return {
        "kind": "nplayer",
        "values": {name: str(p.value) for name, p in model.parameters.items()},
        "players": list(g.players),
        "strategies": [list(s) for s in g.strategies],
        "row_player": g.players[n - 2],
        "column_player": g.players[n - 1],
        "tables": tables,
        "equilibria": equilibria,
        "headline": headline(solution),
        "continua": continuum_lines(solution),
        "selected": solution.selected,
        "selection_rule": solution.selection_rule,
        "warnings": list(solution.warnings),
        "method": solution.method,
        "exact": solution.exact,
        "solution": solution.to_dict(),
    }
