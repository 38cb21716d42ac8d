"""Tests of :mod:`bargaining.solvers.base`: what a method is and what it returns before verification."""

from __future__ import annotations

import dataclasses

import pytest

from bargaining.registry import Entry, Registry
from bargaining.solvers.base import Method, MethodResult


def test_a_method_result_leaves_unknowns_unknown():
    r = MethodResult(pairs=(((1,), (1,)),))
    assert (r.degenerate, r.components, r.warnings, r.complete) == (None, None, (), None)


def test_results_and_methods_are_frozen_and_keyword_only():
    r = MethodResult(pairs=())
    with pytest.raises(dataclasses.FrozenInstanceError):
        r.pairs = ((1,), (1,))
    with pytest.raises(TypeError):
        MethodResult(())
    with pytest.raises(TypeError, match="exact"):
        Method(name="m", run=lambda game: r, description="d", complete=True)


def test_a_method_is_a_registry_entry_with_its_guarantees():
    m = Method(name="m", run=lambda game: MethodResult(pairs=(game,)), description="echo", exact=False, complete=False,
               tol=1e-6)
    assert isinstance(m, Entry) and m.tol == 1e-6 and m.options == frozenset()
    methods = Registry("method")
    methods.register(m)
    assert methods.call("m", "a game").pairs == ("a game",)
