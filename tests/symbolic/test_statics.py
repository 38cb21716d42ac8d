"""Tests of :mod:`bargaining.symbolic.statics`: comparative statics of mixed equilibria.

In the Taiwan crisis a higher T lowers the probability that China allies (its
mix keeps Russia indifferent), and a parameter only in Russia's payoffs moves
China's mix, not Russia's.
"""

from __future__ import annotations

from tests.symbolic.common import TAIWAN, baseline


def test_statics_signs_in_a_mixed_equilibrium():
    d = baseline(**TAIWAN)
    m = next(m for m in d.mixed if m.name == "{ally, align} × {ally, align}")
    st_ = next(s for s in m.statics if s.player == 1 and s.parameter == "T" and s.quantity == "probability")
    assert st_.sign_at_file == -1
    assert st_.gloss.startswith("a higher T lowers the probability that China plays ally")
    # a parameter only in Russia's payoffs moves China's mix, not Russia's
    assert not any(s.parameter == "e_R" and s.player == 0 and s.quantity == "probability" for s in m.statics)
