"""Asking the terminal about itself."""

import io

from bargaining.io import terminal


def test_a_buffer_or_a_closed_stream_is_not_a_terminal():
    assert not terminal.is_terminal(io.StringIO())
    closed = io.StringIO()
    closed.close()
    assert not terminal.is_terminal(closed)
    assert not terminal.is_terminal(object())


def test_columns_reads_COLUMNS_first(monkeypatch):
    monkeypatch.setenv("COLUMNS", "73")
    assert terminal.columns() == 73
