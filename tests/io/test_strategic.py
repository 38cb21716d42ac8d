"""The ``[uncertainty]`` table of a game file, read by :mod:`bargaining.io.strategic` and merged over ``extends``."""

from __future__ import annotations

from pathlib import Path

import pytest

from bargaining.errors import InputError
from bargaining.io.gamefile import load_model

ROOT = Path(__file__).resolve().parents[2]


def write(tmp_path, text, name="g.toml"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_a_table_is_read_and_inherited_entry_by_entry(tmp_path):
    parent = write(tmp_path, f'extends = "{ROOT / "games" / "taiwan_crisis.toml"}"\n[uncertainty]\n'
                   'T = { distribution = "triangular", low = 0.8, mode = 1.0, high = 1.0 }\n'
                   'lam = { distribution = "normal", sd = 0.05 }\n', "parent.toml")
    child = write(tmp_path, 'extends = "parent.toml"\n[parameters]\nlam = 0.6\n[uncertainty]\n'
                  'T = "fixed"\n', "child.toml")
    m = load_model(child)
    assert set(m.uncertainty) == {"T", "lam"}
    assert m.uncertainty["T"].kind == "fixed"
    # the inherited normal belief is centred on the child's own value
    assert m.uncertainty["lam"].marginal(m.parameters["lam"]).numbers["mean"] == pytest.approx(0.6)
    assert load_model(parent).uncertainty["T"].kind == "triangular"


def test_errors_name_the_file_and_entry(tmp_path):
    bad = write(tmp_path, f'extends = "{ROOT / "games" / "baseline.toml"}"\n[uncertainty]\nlam = {{ distribution = "normal", sd = 0 }}\n')
    with pytest.raises(InputError, match=r"g\.toml, uncertainty\.lam\.sd: expected a positive number"):
        load_model(bad)


def test_game_files_without_the_table_have_no_stated_beliefs():
    assert dict(load_model(ROOT / "games" / "baseline.toml").uncertainty) == {}
