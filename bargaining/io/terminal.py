"""What the terminal says about itself: whether a stream is one, and how wide it is."""

from __future__ import annotations

import shutil

__all__ = ["is_terminal", "columns"]


def is_terminal(stream) -> bool:
    """Whether ``stream`` is a terminal (False for a pipe, a file, a buffer, a closed stream)."""
    try:
        return bool(stream.isatty())
    except (AttributeError, ValueError):
        return False


def columns(default: int = 80) -> int:
    """The terminal's width in columns (``COLUMNS`` first, as :func:`shutil.get_terminal_size` reads it)."""
    return shutil.get_terminal_size((default, 24)).columns
