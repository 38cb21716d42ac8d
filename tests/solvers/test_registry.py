"""Tests of :mod:`bargaining.solvers.registry`: one ``solve`` for every method, and what it guarantees.

Whatever a method returns goes through verification before it is labelled, so
a method that returns a non-equilibrium is a :class:`~bargaining.errors.SolverError`,
never an answer.
"""

from __future__ import annotations

from fractions import Fraction as F

import pytest
from hypothesis import given

from bargaining.errors import BargainingError, InputError, SolverError
from bargaining.game import Game
from bargaining.solvers.base import Method, MethodResult
from bargaining.solvers.registry import METHODS, register, solve
from bargaining.solvers.verify import regret
from tests.strategies import games

STAG_HUNT = Game.from_arrays([[4, 0], [3, 3]], [[4, 3], [0, 3]])


def test_solution_carries_the_methods_provenance():
    s = solve(STAG_HUNT, "vertex-enumeration")
    assert (s.method, s.exact, s.complete, s.tol) == ("vertex-enumeration", False, False, 1e-9)
    assert s.warnings == (
        "floating-point method: probabilities and payoffs are accurate to about 1e-09",
        "vertex-enumeration is not guaranteed to find every equilibrium: some may be missing",
    )
    exact = solve(STAG_HUNT)
    assert (exact.method, exact.exact, exact.complete, exact.tol, exact.warnings) == ("exact", True, True, None, ())
    assert [e.x for e in exact.equilibria] == [(1, 0), (F(3, 4), F(1, 4)), (0, 1)]


def test_an_incomplete_method_says_so():
    s = solve(STAG_HUNT, "lemke-howson")
    assert s.complete is False
    assert "lemke-howson is not guaranteed to find every equilibrium: some may be missing" in s.warnings


def test_a_method_that_returns_a_non_equilibrium_is_refused(monkeypatch):
    wrong = Method(name="wrong", run=lambda game: MethodResult(pairs=(((1, 0), (0, 1)),)), exact=True, complete=True,
                   description="returns (row 0, column 1), which is no equilibrium of the stag hunt")
    monkeypatch.setitem(METHODS._entries, "wrong", wrong)
    with pytest.raises(SolverError, match="verification failed"):
        solve(STAG_HUNT, "wrong")


def test_a_method_without_components_gets_one_per_equilibrium(monkeypatch):
    pure = Method(name="pure", run=lambda game: MethodResult(pairs=(((1, 0), (1, 0)), ((0, 1), (0, 1)))), exact=True,
                  complete=False, description="the two pure equilibria of the stag hunt")
    monkeypatch.setitem(METHODS._entries, "pure", pure)
    s = solve(STAG_HUNT, "pure")
    assert s.components == ((0,), (1,))
    assert (s.selected, s.selection_rule) == (0, "payoff dominance")


def test_names_are_registered_once():
    with pytest.raises(BargainingError, match="method 'exact' is already registered"):
        register(METHODS["exact"])


def test_registry_and_unknown_method():
    assert set(METHODS) >= {"exact", "support-enumeration", "vertex-enumeration", "lemke-howson"}
    assert METHODS["exact"].exact and METHODS["exact"].complete
    assert not METHODS["lemke-howson"].complete
    with pytest.raises(InputError, match="unknown method 'simplex'; methods: exact"):
        solve(Game.from_arrays([[1]], [[1]]), method="simplex")


def test_one_by_one_game():
    (e,) = solve(Game.from_arrays([[5]], [[-2]])).equilibria
    assert e.payoffs == (5, -2) and e.pure and e.strict


@given(games(min_value=-6, max_value=6))
def test_every_method_returns_verified_equilibria(game):
    """Each method's equilibria pass verification; the exact ones have zero regret exactly."""
    exact = solve(game)
    assert exact.equilibria
    for e in exact.equilibria:
        assert regret(game, e.x, e.y) == (0, 0)
        assert sum(e.x) == 1 and sum(e.y) == 1
    for name in ("vertex-enumeration", "support-enumeration"):
        try:
            found = solve(game, name).equilibria
        except SolverError as err:  # nashpy fails on some degenerate games; we say so
            assert "nashpy" in str(err)
            continue
        for e in found:
            assert max(regret(game, e.x, e.y)) <= 1e-6


def test_only_the_exact_methods_are_complete():
    assert [name for name, m in METHODS.items() if m.complete] == [name for name, m in METHODS.items() if m.exact]
    assert [name for name, m in METHODS.items() if m.complete] == ["exact", "polynomial"]
    g = Game.from_arrays([[2, 0], [0, 1]], [[1, 0], [0, 2]])
    assert solve(g).complete
    for name in ("support-enumeration", "vertex-enumeration", "lemke-howson"):
        sol = solve(g, name)
        assert not sol.complete and any("not guaranteed" in w or "missed" in w for w in sol.warnings)
