"""The one progress bar of the command line: a rich bar on standard error, for long runs at a terminal.

Library functions that take long (sweeps, robustness draws, sensitivity
samples) accept a ``progress(done, total)`` callback and know nothing of
terminals; the commands hand them a :class:`Progress`. It draws nothing when
standard error is not a terminal (a pipe, a file, a test), and appears only
once a run has taken more than a second, so quick runs print nothing extra.
"""

from __future__ import annotations

import sys
import time

__all__ = ["Progress"]


class Progress:
    """A context manager whose value is a ``progress(done, total)`` callback drawing a bar on stderr."""

    def __init__(self, description: str, delay: float = 1.0):
        self.description = description
        self.delay = delay
        self.bar = None
        self.task = None
        self.start = time.monotonic()
        self.enabled = sys.stderr.isatty()

    def __enter__(self):
        self.start = time.monotonic()
        return self

    def __call__(self, done: int, total: int) -> None:
        if not self.enabled:
            return
        if self.bar is None:
            if time.monotonic() - self.start < self.delay:
                return
            from rich.console import Console
            from rich.progress import (
                BarColumn,
                MofNCompleteColumn,
                Progress as Bar,
                TimeElapsedColumn,
                TimeRemainingColumn,
            )

            self.bar = Bar(
                self.description,
                BarColumn(),
                MofNCompleteColumn(),
                TimeElapsedColumn(),
                TimeRemainingColumn(),
                console=Console(stderr=True),
                transient=True,
            )
            self.bar.start()
            self.task = self.bar.add_task(self.description, total=total)
        self.bar.update(self.task, completed=done)

    def __exit__(self, *exc):
        if self.bar is not None:
            self.bar.stop()
        return False
