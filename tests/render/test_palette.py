"""Tests of :mod:`bargaining.render.palette`: one colour per equilibrium set, whatever the order."""

from __future__ import annotations

from hypothesis import given, strategies as st

from bargaining.render.palette import PALETTE, colour_of, set_colours, set_key
from bargaining.solution import EquilibriumSet

NAMES = (("ally", "align", "hedge"),) * 2

keys = st.lists(st.text(max_size=12), unique=True, max_size=15)


@given(keys, st.randoms())
def test_the_colours_depend_on_the_keys_not_their_order(ks, rnd):
    shuffled = ks[:]
    rnd.shuffle(shuffled)
    mapping = colour_of(ks)
    assert colour_of(shuffled) == mapping
    assert len(set(mapping.values())) == min(len(ks), len(PALETTE))  # one picture: all told apart
    assert set(mapping.values()) <= set(PALETTE)


@given(keys, keys)
def test_extra_keys_never_move_a_colour_of_the_picture(ks, more):
    alone = colour_of(ks)
    with_more = colour_of(ks, more)
    assert {k: with_more[k] for k in ks} == alone
    if len(set(ks) | set(more)) <= len(PALETTE):
        assert len(set(with_more.values())) == len(set(ks) | set(more))


def test_a_key_alone_has_its_home_colour():
    import zlib

    for key in ("(align, align)", "(hedge, hedge)", "(ally, ally); (align, align)"):
        assert set_colours([key]) == [PALETTE[zlib.crc32(key.encode()) % len(PALETTE)]]


members = st.lists(st.tuples(st.integers(1, 7), st.integers(1, 7)), min_size=1, max_size=5, unique=True)


@given(members, st.randoms())
def test_the_key_of_a_set_is_canonical(ms, rnd):
    shuffled = ms[:]
    rnd.shuffle(shuffled)
    a, b = EquilibriumSet(tuple(ms)), EquilibriumSet(tuple(shuffled))
    assert set_key(a, NAMES) == set_key(b, NAMES)
    # and it tells sets apart
    other = EquilibriumSet(tuple(ms[:-1])) if len(ms) > 1 else EquilibriumSet(((ms[0][0], ms[0][1] ^ 1 or 2),))
    assert set_key(other, NAMES) != set_key(a, NAMES)
