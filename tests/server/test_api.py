"""Tests of :mod:`bargaining.server.api`: the explorer's JSON API without HTTP, on folders of every kind."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from bargaining.errors import InputError
from bargaining.server.api import Explorer

ROOT = Path(__file__).resolve().parents[2]


def test_folder_with_nfg_and_unranged_parameter(tmp_path):
    shutil.copy(ROOT / "games" / "baseline.toml", tmp_path / "baseline.toml")
    (tmp_path / "pd.nfg").write_text('NFG 1 R "Prisoner\'s dilemma" { "Row" "Col" } { 2 2 } 3 3 5 0 0 5 1 1')
    (tmp_path / "k.toml").write_text(
        'title = "Coordination"\nplayers = ["A", "B"]\n[strategies]\nA = ["x", "y"]\nB = ["x", "y"]\n'
        '[parameters]\nk = 2\nm = { value = 1, min = 0 }\n'
        '[payoffs]\nA = [["k", 0], [0, "m"]]\nB = [["k", 0], [0, "m"]]\n'
    )
    (tmp_path / "broken.toml").write_text("title = ")
    ex = Explorer(tmp_path / "baseline.toml")
    menu = {s["id"]: s for s in ex.scenarios()["scenarios"]}
    assert set(menu) == {"baseline.toml", "broken.toml", "k.toml", "pd.nfg"}
    assert "malformed TOML" in menu["broken.toml"]["error"]
    assert menu["pd.nfg"]["title"] == "Prisoner's dilemma"
    info = ex.info({"scenario": "pd.nfg"})
    assert info["parameters"] == []
    assert [e["profile"] for e in ex.solve({"scenario": "pd.nfg"})["equilibria"]] == [[1, 1]]
    with pytest.raises(InputError, match="needs two parameters; this game has none"):
        ex.regime({"scenario": "pd.nfg"})
    k, m = ex.info({"scenario": "k.toml"})["parameters"]
    assert (k["min"], k["max"], k["guessed"]) == ("0", "4", ["min", "max"]) and "guessed" in k["note"]
    assert (m["min"], m["max"], m["guessed"]) == ("0", "2", ["max"])
    # no declared bound, so any value is accepted, even beyond the guessed slider range
    assert ex.solve({"scenario": "k.toml", "values": {"k": "10"}})["values"]["k"] == "10"
    with pytest.raises(InputError, match="lies outside its range"):
        ex.solve({"scenario": "k.toml", "values": {"m": "-1"}})
    out = ex.regime({"scenario": "k.toml", "values": {"k": "3"}, "size": 5})
    assert (out["x"]["min"], out["x"]["max"]) == (0, 4)  # the range guessed from the file's value, not the current one


def test_edited_file_is_read_again(tmp_path):
    path = tmp_path / "g.toml"
    text = 'title = "{}"\nplayers = ["A", "B"]\n[strategies]\nA = ["x"]\nB = ["y"]\n[payoffs]\nA = [[1]]\nB = [[1]]\n'
    path.write_text(text.format("First"))
    ex = Explorer(path)
    assert ex.info({"scenario": "g.toml"})["title"] == "First"
    path.write_text(text.format("Second"))
    import os

    st = path.stat()
    os.utime(path, (st.st_atime, st.st_mtime + 5))
    assert ex.info({"scenario": "g.toml"})["title"] == "Second"


def test_an_edited_game_is_checked_solved_and_mapped_without_a_file():
    ex = Explorer(ROOT / "games" / "baseline.toml")
    text = ex.source({"scenario": "baseline.toml"})["game"]
    edited = text.replace('"balancing_half", "balancing_half", 0]', '"balancing_half", "balancing_half", 1]').replace(
        '"balancing_half - west_align_C", 0]', '"balancing_half - west_align_C", 1]'
    )
    assert edited.count(", 1]") == 2
    info = ex.check({"game": edited})
    assert info["title"] == "Baseline: deep alignment without a treaty" and info["source"] == "edited game"
    # both now get 1 at (hedge, hedge), more than anything else: a second pure equilibrium appears there
    out = ex.solve({"game": edited})
    assert [e["profile"] for e in out["equilibria"] if e["pure"]] == [[1, 1], [2, 2]]
    assert ex.solve({"game": text})["equilibria"] == ex.solve({"scenario": "baseline.toml"})["equilibria"]
    regime = ex.regime({"game": edited, "size": 3})
    assert len(regime["codes"]) == 3
    with pytest.raises(InputError, match="not both"):
        ex.solve({"game": text, "scenario": "baseline.toml"})
    with pytest.raises(InputError, match="outside its range"):
        ex.solve({"game": edited, "values": {"T": "3"}})


def test_the_source_of_a_file_with_extends_stands_alone():
    ex = Explorer(ROOT / "games" / "baseline.toml")
    text = ex.source({"scenario": "taiwan_crisis.toml"})["game"]
    assert "extends" not in text
    assert ex.check({"game": text})["title"] == ex.info({"scenario": "taiwan_crisis.toml"})["title"]
    with pytest.raises(InputError, match="no game file"):
        ex.source({"scenario": "../secrets.toml"})


def test_a_game_tree_in_the_explorer():
    """treaty_proposal.toml: as `solve` finds, at the file's values two subgame-perfect paths end in (align, align)."""
    ex = Explorer(ROOT / "games" / "treaty_proposal.toml")
    assert "treaty_proposal.toml" in [s["id"] for s in ex.scenarios()["scenarios"]]
    info = ex.info({"scenario": "treaty_proposal.toml"})
    assert info["kind"] == "tree" and info["players"] == ["Russia", "China"] and len(info["parameters"]) == 9
    out = ex.solve({"scenario": "treaty_proposal.toml"})
    assert out["headline"] == "2 subgame-perfect equilibria, 2 paths of play"
    assert [o["path"] for o in out["outcomes"]] == ["propose, reject, align, align", "no proposal, align, align"]
    assert [p["text"] for p in out["outcomes"][0]["payoffs"]] == ["0.225", "0.19"]
    assert "├─▶ propose → ratification" in out["text"] and out["nash"] == 16
    # the sliders move the outcomes: a cheaper treaty for China (e_C = 0) makes it a subgame-perfect path
    moved = ex.solve({"scenario": "treaty_proposal.toml", "values": {"e_C": "0", "j": "0"}})
    assert "propose, accept" in [o["path"] for o in moved["outcomes"]]
    with pytest.raises(InputError, match="regime map is drawn for strategic-form games"):
        ex.regime({"scenario": "treaty_proposal.toml"})
    with pytest.raises(InputError, match="outside its range"):
        ex.solve({"scenario": "treaty_proposal.toml", "values": {"T": "5"}})
    with pytest.raises(InputError, match="edits strategic-form games"):
        ex.source({"scenario": "treaty_proposal.toml"})
