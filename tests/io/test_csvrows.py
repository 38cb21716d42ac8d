"""Tests of :mod:`bargaining.io.csvrows`, the compiled CSV rows: every float as :func:`repr` writes it, every row
as the ``csv`` module writes it (against the writer's numpy path and the csv module in tests/io/test_tables.py)."""

from __future__ import annotations

import csv
import io

import numpy as np
import pytest
from hypothesis import given, strategies as st
from hypothesis.extra import numpy as hnp

pytest.importorskip("numba")

from bargaining.io import csvrows  # noqa: E402

FLOATS = st.one_of(
    st.floats(allow_nan=True, allow_infinity=True, allow_subnormal=True),
    st.sampled_from([0.0, -0.0, 1.0, 0.5, 1e-05, 1e16, 1e-4, 9.999999999999999e-05, 1e22, -2.2250738585072014e-308]),
)


def _arrays(rows, width):
    return hnp.arrays(np.float64, (rows, width), elements=FLOATS)


@st.composite
def _columns(draw):
    rows = draw(st.integers(0, 12))
    return [draw(_arrays(rows, w)) for w in (draw(st.integers(1, 4)), draw(st.integers(1, 4)), 2)]


@given(st.lists(_columns(), min_size=1, max_size=4), st.integers(1, 40))
def test_tokens_are_the_reprs_of_the_floats_and_equal_bits_share_one(chunks, max_tokens):
    cache = csvrows.TokenCache(max_tokens=max_tokens)  # small: the cache starts afresh between chunks
    for columns in chunks:
        codes = cache.codes(*columns)
        values = np.concatenate(columns, axis=1)
        assert codes.shape == values.shape
        for v, t in zip(values.ravel().tolist(), codes.ravel().tolist()):
            assert cache.text(t) == repr(v)
        bits = values.view(np.int64).ravel()
        for b in set(bits.tolist()):  # one token per bit pattern (so 0.0 and -0.0 differ)
            assert len(set(codes.ravel()[bits == b].tolist())) == 1


def test_the_cache_keeps_its_tokens_from_chunk_to_chunk_until_full():
    cache = csvrows.TokenCache(max_tokens=8)
    one = cache.codes(np.array([[0.25]]), np.array([[0.5]]), np.array([[0.75, 0.25]]))
    two = cache.codes(np.array([[0.5]]), np.array([[0.75]]), np.array([[0.25, 1.0]]))  # 3 + 4 <= 8: kept
    assert one.tolist() == [[0, 1, 2, 0]] and two.tolist() == [[1, 2, 0, 3]] and cache.ntokens == 4
    # 4 tokens + 5 values could overflow 8: afresh
    three = cache.codes(np.array([[2.0], [0.25]]), np.array([[3.0], [0.5]]), np.array([[0.25, 4.0]] * 2)[:, :1])
    assert three.tolist() == [[0, 1, 2], [2, 3, 2]] and cache.ntokens == 4
    assert [cache.text(t) for t in range(4)] == ["2.0", "3.0", "0.25", "0.5"]


def _tables(axes_texts):
    width = -(-max(len(t) + 1 for texts in axes_texts for t in texts) // 8) * 8
    count = max(map(len, axes_texts))
    slots = np.zeros((len(axes_texts), count * width), dtype=np.uint8)
    lengths = np.zeros((len(axes_texts), count), dtype=np.int64)
    for k, texts in enumerate(axes_texts):
        s, n = csvrows.slot_table([f"{t},".encode() for t in texts], width)
        slots[k, : len(s)], lengths[k, : len(texts)] = s, n
    return width, slots, lengths


@given(
    st.integers(1, 2).flatmap(
        lambda d: st.tuples(
            st.lists(st.lists(st.from_regex(r"-?[0-9]{1,30}(\.[0-9]{1,40})?", fullmatch=True), min_size=1,
                              max_size=5), min_size=d, max_size=d),
            st.integers(1, 3),
            st.data(),
        )
    )
)
def test_assembled_rows_are_the_rows_the_csv_module_writes(args):
    axes_texts, ncols, data = args
    shape = tuple(map(len, axes_texts))
    size = int(np.prod(shape))
    point = np.array(sorted(data.draw(st.lists(st.integers(0, size - 1), max_size=20))), dtype=np.int64)
    index = np.array(data.draw(st.lists(st.integers(0, 10**12), min_size=len(point), max_size=len(point))),
                     dtype=np.int64)
    x = data.draw(_arrays(len(point), ncols))
    exact = np.array(data.draw(st.lists(st.booleans(), min_size=size, max_size=size)))
    degenerate = np.array(data.draw(st.lists(st.booleans(), min_size=size, max_size=size)))
    cache = csvrows.TokenCache()
    codes = cache.codes(x[:, :1], x[:, 1:], np.zeros((len(point), 0)))
    width, slots, lengths = _tables(axes_texts)
    bound = csvrows.row_bound(width, len(shape), ncols)
    out = np.empty(len(point) * bound + csvrows.SLACK, dtype=np.uint8)
    n = csvrows.assemble(point, 0, shape[-1], index, codes, exact, degenerate, slots, lengths, cache.slots,
                         cache.lengths, *csvrows.TAILS, bound, out)
    expected = io.StringIO()
    w = csv.writer(expected, lineterminator="\n")
    for e, p in enumerate(point.tolist()):
        lead = [texts[i] for texts, i in zip(axes_texts, np.unravel_index(p, shape))]
        w.writerow([*lead, int(index[e]) + 1, *x[e].tolist(), "exact" if exact[p] else "batch",
                    "true" if degenerate[p] else "false"])
    assert out[:n].tobytes().decode() == expected.getvalue()


def test_assemble_refuses_a_buffer_too_small():
    width, slots, lengths = _tables([["0", "1"]])
    cache = csvrows.TokenCache()
    codes = cache.codes(np.ones((3, 1)), np.ones((3, 1)), np.ones((3, 2)))
    bound = csvrows.row_bound(width, 1, 4)
    point, index, flags = np.array([0, 1, 1]), np.array([0, 0, 1]), np.zeros(2, dtype=bool)
    args = (point, 0, 2, index, codes, flags, flags, slots, lengths, cache.slots, cache.lengths, *csvrows.TAILS, bound)
    out = np.empty(3 * bound + csvrows.SLACK, dtype=np.uint8)
    n = csvrows.assemble(*args, out)
    assert out[:n].tobytes() == b"0,1,1.0,1.0,1.0,1.0,batch,false\n1,1,1.0,1.0,1.0,1.0,batch,false\n" \
        b"1,2,1.0,1.0,1.0,1.0,batch,false\n"
    # each row checks that its bound and the slack still fit before it writes
    assert csvrows.assemble(*args, np.empty(bound + csvrows.SLACK - 1, dtype=np.uint8)) == -1


def test_a_text_longer_than_its_slot_is_refused():
    with pytest.raises(ValueError, match="longer than its slot"):
        csvrows.slot_table([b"0123456789"], 8)
