"""Tests of :mod:`bargaining.io.files`: atomic outputs, errors that name the path, the package's own files."""

from __future__ import annotations

import os

import pytest
from matplotlib.figure import Figure

from bargaining.errors import InputError
from bargaining.io.files import open_output, package_bytes, package_text, save_figure, write_text


def test_write_text_ends_with_a_newline(tmp_path):
    write_text(tmp_path / "a.txt", "one line")
    write_text(tmp_path / "b.txt", "two\nlines\n")
    assert (tmp_path / "a.txt").read_text() == "one line\n" and (tmp_path / "b.txt").read_text() == "two\nlines\n"


def test_an_interrupted_write_leaves_the_old_file_and_no_temporary(tmp_path):
    target = tmp_path / "out.csv"
    target.write_text("old\n")
    with pytest.raises(RuntimeError):
        with open_output(target) as stream:
            stream.write("half")
            raise RuntimeError("interrupted")
    assert target.read_text() == "old\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.csv"]


def test_a_replaced_file_keeps_its_permissions(tmp_path):
    target = tmp_path / "out.txt"
    target.write_text("old\n")
    os.chmod(target, 0o640)
    write_text(target, "new")
    assert target.read_text() == "new\n" and target.stat().st_mode & 0o777 == 0o640


def test_an_unwritable_path_is_an_input_error_naming_it(tmp_path):
    missing = tmp_path / "no" / "such" / "folder" / "out.txt"
    with pytest.raises(InputError, match="cannot write") as err:
        write_text(missing, "x")
    assert err.value.source == str(missing)


def test_figures_by_their_suffix(tmp_path):
    fig = Figure()
    fig.subplots().plot([0, 1], [1, 0])
    save_figure(fig, tmp_path / "f.png")
    save_figure(fig, tmp_path / "f.svg")
    assert (tmp_path / "f.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert "<svg" in (tmp_path / "f.svg").read_text()[:500]
    with pytest.raises(InputError, match="cannot write the figure") as err:
        save_figure(fig, tmp_path / "f.xyz")
    assert err.value.source == str(tmp_path / "f.xyz") and not (tmp_path / "f.xyz").exists()


def test_the_package_ships_its_data_and_its_page():
    assert package_text("data/capabilities.csv").startswith("indicator,year,unit,")
    assert b"<script" in package_bytes("server/static/index.html")


def test_check_output_refuses_what_would_be_lost_or_cannot_be_written(tmp_path):
    import pytest

    from bargaining.errors import InputError
    from bargaining.io.files import check_output

    check_output(tmp_path / "new.csv")
    (tmp_path / "old.csv").write_text("kept", encoding="utf-8")
    with pytest.raises(InputError, match="exists; add --force"):
        check_output(tmp_path / "old.csv", where="plot")
    check_output(tmp_path / "old.csv", force=True)
    with pytest.raises(InputError, match="does not exist"):
        check_output(tmp_path / "missing" / "x.csv")
    with pytest.raises(InputError, match="is a folder"):
        check_output(tmp_path, force=True)
    assert (tmp_path / "old.csv").read_text(encoding="utf-8") == "kept"
