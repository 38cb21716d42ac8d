"""The colours of equilibrium sets: one palette for the figures and the explorer.

A set's colour is keyed by the set itself, never by the order in which a
sweep happens to meet it, so the same set has the same colour in a
bifurcation diagram, a regime map and the explorer's map.

- :func:`set_key`: the canonical key of an equilibrium set, its labels in
  canonical order (:meth:`bargaining.solution.EquilibriumSet.labels`: pure
  profiles sorted, then mixed equilibria by support), joined.
- :func:`set_colours`: a colour for each key. The home colour of a key is
  picked by a checksum of the key (CRC-32: the same in every process and on
  every machine, unlike ``hash``). Two keys of one picture with the same home
  colour are told apart by giving the larger key (in sorted order) the next
  free colour, so a set keeps its colour across pictures except where it
  collides with another set of the same picture; the answer never depends on
  the order of the keys. Keys met only besides the picture's sets (``extra``)
  take the colours left over and move none.

The palette is Okabe and Ito's colour-blind-safe one (without black; Okabe
and Ito, *Color Universal Design*, 2008), then Paul Tol's wine, indigo and
olive and two softer tints; no grey, which would read as "no answer".
"""

from __future__ import annotations

import zlib
from typing import Iterable, Sequence

__all__ = ["PALETTE", "set_key", "set_colours", "colour_of"]

#: Colours of equilibrium sets, in the order a key's checksum picks them.
PALETTE = ("#56B4E9", "#E69F00", "#009E73", "#F0E442", "#CC79A7", "#0072B2", "#D55E00",
           "#882255", "#332288", "#999933", "#8DA0CB", "#A6D854")


def set_key(equilibrium_set, strategies: Sequence[Sequence[str]]) -> str:
    """The canonical key of an equilibrium set: its labels in canonical order, joined by ``; ``.

    Examples
    --------
    >>> from bargaining.solution import EquilibriumSet
    >>> names = (("ally", "align", "hedge"),) * 2
    >>> set_key(EquilibriumSet(((0b011, 0b011), (0b010, 0b010), (0b001, 0b001))), names)
    '(ally, ally); (align, align); mixed {ally, align} x {ally, align}'
    """
    return "; ".join(equilibrium_set.labels(strategies))


def set_colours(keys: Iterable[str], extra: Iterable[str] = ()) -> list[str]:
    """A colour for each key of ``keys`` and then of ``extra`` (repeated keys get the same colour).

    ``keys`` are the sets that make up a picture (the regions of a map, the
    regimes of a diagram); their colours depend on them alone, never on their
    order. ``extra`` are the keys met besides (a set only at degenerate grid
    points, a branch of a diagram that is no regime's set): they take the
    colours left over, so they never move a region's colour.

    Examples
    --------
    >>> set_colours(["(align, align)", "(hedge, hedge)"]) == set_colours(["(hedge, hedge)", "(align, align)"])[::-1]
    True
    >>> len(set(set_colours([f"set {k}" for k in range(12)])))
    12
    >>> set_colours(["(align, align)"], extra=["(ally, ally)"])[0] == set_colours(["(align, align)"])[0]
    True
    """
    keys = list(keys)
    extra = list(extra)
    taken: dict[str, str] = {}
    used: set[str] = set()
    for tier in (keys, [k for k in extra if k not in set(keys)]):
        for key in sorted(set(tier)):
            home = zlib.crc32(key.encode("utf-8")) % len(PALETTE)
            colour = PALETTE[home]
            for step in range(len(PALETTE)):
                colour = PALETTE[(home + step) % len(PALETTE)]
                if colour not in used or len(used) >= len(PALETTE):
                    break
            taken[key] = colour
            used.add(colour)
    return [taken[k] for k in keys + extra]


def colour_of(keys: Iterable[str], extra: Iterable[str] = ()) -> dict[str, str]:
    """The colour of each key, as a dict (see :func:`set_colours`)."""
    keys, extra = list(keys), list(extra)
    return dict(zip(keys + extra, set_colours(keys, extra)))
