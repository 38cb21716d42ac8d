"""Tests of :mod:`bargaining.registry`: named entries, the one way to look up a name a user typed."""

from __future__ import annotations

import pytest

from bargaining.errors import BargainingError, InputError
from bargaining.registry import Entry, Registry


def make() -> Registry:
    r = Registry("bargaining solution", "bargaining solutions")
    r.register(Entry(name="double", run=lambda x, *, factor=2: factor * x, description="twice the input",
                     options=frozenset({"factor"})))
    r.register(Entry(name="negate", run=lambda x: -x, description="minus the input"))
    return r


def test_a_mapping_in_registration_order():
    r = make()
    assert list(r) == ["double", "negate"] and len(r) == 2 and "negate" in r
    assert r["negate"].run(3) == -3 and r.lookup("double").description == "twice the input"
    assert r.describe() == "double: twice the input; negate: minus the input"


@pytest.mark.parametrize("name", ["triple", None, ["double"]])
def test_an_unknown_name_lists_the_valid_ones(name):
    with pytest.raises(InputError) as err:
        make().lookup(name)
    assert err.value.where == "bargaining solution"
    assert err.value.message == f"unknown bargaining solution {name!r}; bargaining solutions: double, negate"


def test_call_passes_only_the_options_an_entry_takes():
    r = make()
    assert r.call("double", 5, factor=3, weights=(1, 2)) == 15
    assert r.call("double", 5, factor=None) == 10  # None means not given
    assert r.call("negate", 5, factor=3) == -5


def test_a_name_is_registered_once():
    r = make()
    with pytest.raises(BargainingError, match="bargaining solution 'negate' is already registered"):
        r.register(Entry(name="negate", run=abs, description="again"))
    assert r["negate"].description == "minus the input"


def test_the_plural_defaults_to_an_s():
    r = Registry("method")
    with pytest.raises(InputError, match="methods: $"):
        r.lookup("x")
