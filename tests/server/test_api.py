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
