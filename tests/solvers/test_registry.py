"""The registry's verdicts (:mod:`bargaining.solvers.registry`): only a complete method is marked complete."""

from __future__ import annotations

from bargaining.game import Game
from bargaining.solvers.registry import METHODS, solve


def test_only_exact_is_complete():
    assert [name for name, m in METHODS.items() if m.complete] == ["exact"]
    g = Game.from_arrays([[2, 0], [0, 1]], [[1, 0], [0, 2]])
    assert solve(g).complete
    for name in ("support-enumeration", "vertex-enumeration", "lemke-howson"):
        sol = solve(g, name)
        assert not sol.complete and any("not guaranteed" in w or "missed" in w for w in sol.warnings)
