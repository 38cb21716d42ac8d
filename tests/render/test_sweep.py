"""Tests of :mod:`bargaining.render.sweep`: regimes along a parameter, regions over two, and where the solver fell back.

Known answers (docs/explanation/model.md): the baseline's regimes along T change
at 0.3, 0.44 and 0.888.
"""

from __future__ import annotations

import pytest

import bargaining as bg
from bargaining.errors import InputError
from bargaining.render.sweep import fallback_line, render

SWEEP = bg.sweep("games/baseline.toml", vary={"T": (0, 1, 11)})


def test_the_regime_table_with_exact_boundaries():
    text = render(SWEEP.result, SWEEP.report, "table")
    assert "sweep of T (US/Western pressure (threat to balance)) from 0 to 1, 11 points" in text
    for regime in ("0 ≤ T < 0.3", "0.3 < T < 0.44", "0.44 < T < 0.888", "0.888 < T ≤ 1"):
        assert regime in text
    assert "boundary (exact): a grid point" in text  # T = 0.3 is on the grid


def test_the_fallback_line_counts_the_exact_solves():
    assert fallback_line(SWEEP.result) == (
        "solved 11 points: 10 by the batch solver (floating point, certified to 1e-10), 1 by the exact solver "
        "(degenerate games)"
    )


def test_regions_over_two_parameters():
    two = bg.sweep("games/baseline.toml", vary=["T=0:1:5", "a=0:1:3"])
    text = render(two.result, two.report, "table")
    assert "(align, align)" in text and "15 points" in text


@pytest.mark.parametrize("fmt", ["csv", "json"])
def test_row_formats_are_streamed_not_rendered(fmt):
    with pytest.raises(InputError, match=f"{fmt} rows are streamed while the sweep runs"):
        render(SWEEP.result, SWEEP.report, fmt)
