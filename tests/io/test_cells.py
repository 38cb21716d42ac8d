"""Tests of :mod:`bargaining.io.cells`: CSV cells a spreadsheet cannot take for formulas, numbers left numbers."""

import csv
import io

import pandas as pd
from hypothesis import given, strategies as st

from bargaining.io.cells import FORMULA_STARTS, csv_cell, csv_frame, csv_row


def test_formula_starts_get_a_quote():
    for text in ("=1+2", "+cmd", "-attack", "@SUM(A1)", "\tx", '=HYPERLINK("http://x")'):
        assert csv_cell(text) == "'" + text
    assert csv_cell("\rx") == "'\nx"  # a carriage return is a line break, which the csv module quotes


def test_numbers_stay_numbers():
    for value in ("-0.1", "+3", "-1/3", "-2.5e-3", "-inf", "0", "ally", "", -0.1, 3, None, True):
        assert csv_cell(value) == value
    assert csv_cell("-0.1x") == "'-0.1x" and csv_cell("-1/3+1") == "'-1/3+1"


@given(st.lists(st.text(max_size=12), min_size=1, max_size=5))
def test_written_rows_read_back_as_the_safe_cells(row):
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\n").writerow(csv_row(row))
    back = next(csv.reader(io.StringIO(buf.getvalue(), newline="")))
    assert back == [csv_cell(v) for v in row]  # quotes, commas and line breaks survive the csv module's quoting
    for text, cell in zip(row, back):
        text = text.replace("\r\n", "\n").replace("\r", "\n")
        assert cell in (text, "'" + text)
        if cell.startswith(FORMULA_STARTS):
            assert float(cell.split("/")[0]) == float(cell.split("/")[0])  # only a plain number starts so


def test_frames_keep_their_number_columns():
    frame = pd.DataFrame({"=name": ["-x", "ok"], "v": [-0.1, 2.0], "n": [1, -2]})
    text = csv_frame(frame).to_csv(index=False)
    assert text == "'=name,v,n\n'-x,-0.1,1\nok,2.0,-2\n"
    assert list(frame.columns) == ["=name", "v", "n"]  # the frame itself is left alone
