"""Tests of :mod:`bargaining.negotiation.report`: a game's bargaining problem, its solutions and their verdicts.

Known answers: in the Taiwan crisis the weighted Nash split of the surplus
0.281 gives (0.487935, 0.693065) with Russia paying China 0.023065 (the
design note, "Bargaining over treaty terms"); at baseline there is no
agreement at any terms.
"""

from __future__ import annotations

import json
from fractions import Fraction as F
from pathlib import Path

import pytest

from bargaining.errors import InputError
from bargaining.io.gamefile import load_model
from bargaining.negotiation import SOLUTIONS
from bargaining.negotiation.report import bargain

ROOT = Path(__file__).resolve().parents[2]
TAIWAN = load_model(ROOT / "games" / "taiwan_crisis.toml")


def test_every_solution_with_its_verdict():
    b = bargain(TAIWAN)
    # equal bargaining power by default: the weighted Nash solution is the symmetric one, reported once
    assert [s.name for s in b.solutions] == [n for n in SOLUTIONS if n != "weighted-nash"]
    assert len(b.enforcement) == len(b.solutions)
    nash = b.solutions[0]
    assert nash.payoffs == (F("0.5905"), F("0.5905")) and nash.transfer == F("0.0795")
    assert b.parameters["T"] == 1 and b.title == TAIWAN.title


def test_one_solution_and_given_discount_factors():
    b = bargain(load_model(ROOT / "games" / "junior_partner.toml"), "nash", discount={"delta_C": "0.9"})
    (s,), (e,) = b.solutions, b.enforcement
    assert s.exists and e.holds is True
    b = bargain(load_model(ROOT / "games" / "junior_partner.toml"), "nash", discount={"delta_C": "0.5"})
    assert b.enforcement[0].holds is False


def test_no_agreement_at_baseline():
    b = bargain(load_model(ROOT / "games" / "baseline.toml"))
    assert not any(s.exists for s in b.solutions)
    assert all(s.payoffs == (F(9, 40), F(19, 100)) for s in b.solutions)


def test_json_and_table():
    b = bargain(TAIWAN, "weighted-nash")
    d = json.loads(json.dumps(b.to_dict()))
    assert d["parameters"]["T"] == "1" and d["problem"]["weights"] == ["1/2", "1/2"]
    # weighted by equal powers, it is the symmetric solution and named so
    assert d["solutions"][0]["solution"] == "nash" and "self_enforcing" in d["solutions"][0]
    df = bargain(TAIWAN).to_pandas()
    assert list(df["solution"]) == [n for n in SOLUTIONS if n != "weighted-nash"]
    assert df.loc[0, "payoff.Russia"] == pytest.approx(0.5905) and df.loc[0, "transfer"] == pytest.approx(0.0795)


def test_an_unknown_solution_lists_the_known_ones():
    with pytest.raises(InputError, match="unknown bargaining solution 'shapley'; bargaining solutions: nash"):
        bargain(TAIWAN, "shapley")
