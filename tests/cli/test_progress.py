"""Tests of :mod:`bargaining.cli.progress`: a bar on standard error at a terminal, after a delay; nothing otherwise."""

from __future__ import annotations

import io
import sys

from bargaining.cli.progress import Progress


class Terminal(io.StringIO):
    def isatty(self):
        return True


def test_nothing_is_drawn_when_stderr_is_not_a_terminal(monkeypatch):
    monkeypatch.setattr(sys, "stderr", io.StringIO())
    with Progress("working", delay=0) as progress:
        progress(1, 10)
        progress(10, 10)
    assert progress.bar is None and sys.stderr.getvalue() == ""


def test_a_quick_run_draws_nothing(monkeypatch):
    monkeypatch.setattr(sys, "stderr", Terminal())
    with Progress("working", delay=60) as progress:
        progress(5, 10)
    assert progress.enabled and progress.bar is None and sys.stderr.getvalue() == ""


def test_a_long_run_draws_a_bar_that_follows_the_count(monkeypatch):
    monkeypatch.setattr(sys, "stderr", Terminal())
    with Progress("sweeping the grid", delay=0) as progress:
        progress(3, 12)
        assert progress.bar is not None
        (task,) = progress.bar.tasks
        assert (task.description, task.completed, task.total) == ("sweeping the grid", 3, 12)
        progress(12, 12)
        assert progress.bar.tasks[0].completed == 12
    assert not progress.bar.live.is_started  # stopped at the end of the block
