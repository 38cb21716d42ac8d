r"""Compiled assembly of a sweep's CSV rows (numba): the bytes :class:`bargaining.io.tables.CsvWriter` writes.

A 2000 x 2000 sweep writes 5.7 million rows of thirteen columns; formatting
them one value at a time in Python, or even a chunk at a time with numpy
(sorting each column's values to format each distinct one once, then
squeezing fixed-width rows), costs more than solving the games. The writer
hands each chunk's arrays to two compiled loops instead:

1. :func:`lookup` numbers every float through a hash table keyed by its 64
   bits (so ``-0.0`` stays itself), kept from chunk to chunk in a
   :class:`TokenCache`. A float not met before gets the next number, and only
   those new floats are formatted, by :func:`repr` (what the ``csv`` module
   writes), once for the whole sweep: a sweep meets few distinct numbers
   (the probabilities of pure equilibria are ``0.0`` and ``1.0``; payoffs and
   mixed equilibria repeat along grid lines), 78,549 in the 1.4 million rows
   of a 1000 x 1000 sweep of the baseline.
2. :func:`assemble` writes the rows: for each its grid values (the grid's
   own texts), the equilibrium's number in decimal, its floats, and
   ``batch`` or ``exact`` and ``false`` or ``true``. Every text sits in a
   fixed-width slot padded with NULs, so that each is copied by a constant
   number of unaligned word moves (:func:`_mover`) and the next starts where
   its text ends, over the padding.

The writer hands the buffer to the file as it is. Memory stays bounded: the
cache holds at most :data:`MAX_TOKENS` numbers (it starts afresh when a
chunk could overflow it) and the buffer one chunk's rows.
"""

from __future__ import annotations

import numpy as np
from llvmlite import ir
from numba import njit, types
from numba.core.extending import intrinsic

__all__ = ["TokenCache", "lookup", "assemble", "slot_table", "row_bound", "TAILS", "MAX_TOKENS", "SLOT", "TAIL"]

#: Distinct floats the cache keeps before it starts afresh (its table has twice as many slots).
MAX_TOKENS = 1 << 19

#: Bytes of a float's slot: a comma, the longest :func:`repr` of a float (24, ``-2.2250738585072014e-308``),
#: padding.
SLOT = 32

#: Bytes of a tail's slot: ``,exact,false`` and the newline, padding.
TAIL = 16

#: Bytes the buffer must hold beyond the rows' bound: the padding of the last slot copied.
SLACK = SLOT

_EMPTY = -1


def _mover(width: int):
    """An intrinsic ``move(dst, at, src, start)`` copying ``width`` bytes of one uint8 array to another
    unaligned, without bounds checks (the callers check their bounds), in one vector load and store."""

    @intrinsic
    def move(typingctx, dst, at, src, start):
        def codegen(context, builder, signature, args):
            d, da, s, sa = args
            darr = context.make_array(signature.args[0])(context, builder, d)
            sarr = context.make_array(signature.args[2])(context, builder, s)
            vector = ir.VectorType(ir.IntType(8), width).as_pointer()
            value = builder.load(builder.bitcast(builder.gep(sarr.data, [sa]), vector), align=1)
            builder.store(value, builder.bitcast(builder.gep(darr.data, [da]), vector), align=1)
            return context.get_dummy_value()

        return types.void(dst, types.intp, src, types.intp), codegen

    return move


_move8 = _mover(8)
_move16 = _mover(TAIL)
_move32 = _mover(SLOT)


@njit(cache=True)
def lookup(x, y, u, keys, ids, shift, ntokens, new):
    """Token numbers of the floats of each row of ``x``, ``y`` and ``u`` (rows of the columns side by side).

    The table ``keys``/``ids`` has ``2 ** (64 - shift)`` slots (``ids[s] == -1``:
    empty), at least twice the tokens it may hold; a float's first slot is
    the top bits of the product of its 64 bits with the golden-ratio
    constant, then the next free one. Floats not in the table are added
    with the numbers ``ntokens``, ``ntokens + 1``, ... in the order met, and
    their bits written to ``new``. Returns the numbers (rows by columns) and
    how many floats were new.
    """
    rows = x.shape[0]
    widths = (x.shape[1], y.shape[1], u.shape[1])
    codes = np.empty((rows, widths[0] + widths[1] + widths[2]), dtype=np.int32)
    last = keys.size - 1
    top = np.uint64(shift)
    golden = np.uint64(0x9E3779B97F4A7C15)
    fresh = 0
    for r in range(rows):
        c = 0
        for part in range(3):
            a = x if part == 0 else (y if part == 1 else u)
            for k in range(widths[part]):
                b = a[r, k]
                slot = np.int64((np.uint64(b) * golden) >> top)
                while True:
                    t = ids[slot]
                    if t == _EMPTY:
                        t = ntokens + fresh
                        keys[slot] = b
                        ids[slot] = t
                        new[fresh] = b
                        fresh += 1
                        break
                    if keys[slot] == b:
                        break
                    slot = (slot + 1) & last
                codes[r, c] = t
                c += 1
    return codes, fresh


@njit(cache=True)
def assemble(point, start, ncols_grid, index, codes, exact, degenerate, axis_slots, axis_lengths, slots, lengths,
             tails, tail_lengths, bound, out):
    """Write the rows into ``out``; the bytes they take, or -1 if ``out`` is too small.

    Row ``r`` is the equilibrium ``index[r]`` (from 0) of the flat grid point
    ``p = start + point[r]`` (for two varied parameters ``(p // ncols_grid,
    p % ncols_grid)``, for one ``(p,)``): for each varied parameter ``k`` its
    value ``i``'s text and comma (``axis_slots[k, 8 * i:][:axis_lengths[k, i]]``,
    slots of ``axis_slots.shape[1] // axis_lengths.shape[1]`` bytes, a
    multiple of 8); the number ``index[r] + 1`` in decimal; for each float
    column ``c`` a comma and the text of token ``t = codes[r, c]``
    (``slots[SLOT * t:][:lengths[t]]``); and the tail of ``2 * exact[q] +
    degenerate[q]`` at the point ``q = point[r]`` of the chunk
    (``tails[TAIL * e:][:tail_lengths[e]]``: solver, degenerate, newline).
    A row takes at most ``bound`` bytes; ``out`` needs :data:`SLACK` more
    after the last row.
    """
    rows = point.size
    d = axis_lengths.shape[0]
    ncols = codes.shape[1]
    width = axis_slots.shape[1] // axis_lengths.shape[1]
    digits = np.empty(24, dtype=np.uint8)
    at = 0
    for r in range(rows):
        if at + bound + SLACK > out.size:
            return -1
        p = start + point[r]
        for k in range(d):
            if d == 1:
                i = p
            elif k == 0:
                i = p // ncols_grid
            else:
                i = p % ncols_grid
            for w in range(0, width, 8):
                _move8(out, at + w, axis_slots[k], width * i + w)
            at += axis_lengths[k, i]
        v = index[r] + 1
        n = 0
        while True:
            digits[n] = 48 + v % 10
            n += 1
            v //= 10
            if v == 0:
                break
        for j in range(n):
            out[at + j] = digits[n - 1 - j]
        at += n
        for c in range(ncols):
            t = codes[r, c]
            _move32(out, at, slots, SLOT * t)
            at += lengths[t]
        q = point[r]
        e = 2 * np.int64(exact[q]) + np.int64(degenerate[q])
        _move16(out, at, tails, TAIL * e)
        at += tail_lengths[e]
    return at


def slot_table(texts, width: int) -> tuple[np.ndarray, np.ndarray]:
    """Texts (bytes) in slots of ``width`` bytes, one after the other, padded with NULs; and their lengths.

    Examples
    --------
    >>> slots, lengths = slot_table([b",0.5", b",1e-05"], 8)
    >>> slots.tobytes(), lengths.tolist()
    (b',0.5\\x00\\x00\\x00\\x00,1e-05\\x00\\x00', [4, 6])
    """
    if any(len(t) > width for t in texts):
        raise ValueError(f"a text longer than its slot of {width} bytes")
    slots = np.frombuffer(b"".join(t.ljust(width, b"\0") for t in texts), dtype=np.uint8)
    return slots.copy(), np.array([len(t) for t in texts], dtype=np.int64)


#: The solver and degenerate columns and the newline, by ``2 * exact + degenerate``.
TAILS = slot_table([b",batch,false\n", b",batch,true\n", b",exact,false\n", b",exact,true\n"], TAIL)


class TokenCache:
    """The distinct floats met so far, each with its :func:`repr` (after a comma); bounded by :data:`MAX_TOKENS`.

    Examples
    --------
    >>> cache = TokenCache()
    >>> codes = cache.codes(np.array([[0.5, -0.0]]), np.array([[0.5]]), np.array([[1e-05]]))
    >>> codes.tolist(), [cache.text(t) for t in range(cache.ntokens)]
    ([[0, 1, 0, 2]], ['0.5', '-0.0', '1e-05'])
    """

    def __init__(self, max_tokens: int | None = None):
        self.max_tokens = MAX_TOKENS if max_tokens is None else max_tokens
        self._clear(self.max_tokens)

    def _clear(self, capacity: int) -> None:
        bits = max(4, (2 * capacity - 1).bit_length())
        self.shift = 64 - bits
        self.keys = np.zeros(1 << bits, dtype=np.int64)
        self.ids = np.full(1 << bits, _EMPTY, dtype=np.int32)
        self.capacity = capacity
        self.ntokens = 0
        self.slots = np.zeros(capacity * SLOT, dtype=np.uint8)
        self.lengths = np.zeros(capacity, dtype=np.int64)

    def codes(self, *columns: np.ndarray) -> np.ndarray:
        """The token numbers of three 2-D float arrays' rows side by side, adding the floats not met before."""
        bits = [np.ascontiguousarray(c, dtype=np.float64).view(np.int64) for c in columns]
        size = sum(b.size for b in bits)
        if self.ntokens + size > self.capacity:  # start afresh, large enough for this chunk
            self._clear(max(self.max_tokens, size))
        new = np.empty(size, dtype=np.int64)
        codes, fresh = lookup(*bits, self.keys, self.ids, self.shift, self.ntokens, new)
        if fresh:
            self._add(new[:fresh])
        return codes

    def _add(self, bits: np.ndarray) -> None:
        texts = repr(bits.view(np.float64).tolist())[1:-1].split(", ")
        slots, lengths = slot_table([f",{t}".encode("ascii") for t in texts], SLOT)
        n = self.ntokens
        self.slots[SLOT * n : SLOT * (n + len(texts))] = slots
        self.lengths[n : n + len(texts)] = lengths
        self.ntokens += len(texts)

    def text(self, t: int) -> str:
        """Token ``t``'s text (without its comma)."""
        return self.slots[SLOT * t + 1 : SLOT * t + self.lengths[t]].tobytes().decode("ascii")


def row_bound(axis_width: int, axes: int, ncols: int) -> int:
    """The most bytes a row takes: the grid values' slots, the number (up to 20 digits), the floats' and the tail's
    slots."""
    return axes * axis_width + 20 + ncols * SLOT + TAIL
