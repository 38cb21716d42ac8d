"""The page every text renderer writes on: its width, its box characters, and how long lines wrap.

One place decides how wide the text output is:

* ``COLUMNS`` when it is set (a shell exports it; ``COLUMNS=60 python cli.py ...`` asks for 60);
* else the terminal's width when standard output is a terminal;
* else :data:`DEFAULT` (80 columns), for a pipe, a file, a test;

kept between :data:`NARROWEST` and :data:`WIDEST`. The output is plain text
whatever the width: the consoles here write no colour and no escape
sequences. With ``BARGAINING_ASCII=1`` or the command line's ``--ascii``
(and, for the command line's text output, when standard output is a pipe or
a file), table boxes are drawn in ASCII and the other non-ASCII marks
(arrows, ``≥``, ``×``, dashes) spelled in ASCII; names from a game file are
left as written. ``BARGAINING_ASCII=0`` keeps the Unicode boxes in a pipe.

Long lines wrap at spaces only. A formula marked with :func:`formula` wraps
only before an operator outside every bracket (``+ − ≥ ≤ = ;``), the
continuation starting with the operator; when even such a piece is too long,
before an operator inside brackets. Wrapping loses nothing: the wrapped lines,
their indents removed and joined with one space, give back the text.
"""

from __future__ import annotations

import contextlib
import os
import re
import sys
from contextvars import ContextVar

from bargaining.io import terminal

__all__ = [
    "DEFAULT", "NARROWEST", "WIDEST", "width", "ascii_only", "using", "plain", "console", "table", "wrap",
    "formula", "text",
]

#: The width when the output is not a terminal and ``COLUMNS`` is not set: a seminar room's terminal.
DEFAULT = 80
#: The narrowest and widest widths used, whatever the terminal says.
NARROWEST = 40
WIDEST = 120

_WIDTH: ContextVar[int | None] = ContextVar("width", default=None)
_ASCII: ContextVar[bool | None] = ContextVar("ascii", default=None)


def width() -> int:
    """The width of the text output, in characters (see the module's description)."""
    n = _WIDTH.get()
    if n is None:
        env = os.environ.get("COLUMNS", "").strip()
        if env.isdigit() and int(env) > 0:
            n = int(env)
        elif terminal.is_terminal(sys.stdout):
            n = terminal.columns(DEFAULT)
        else:
            n = DEFAULT
    return max(NARROWEST, min(WIDEST, n))


def ascii_request() -> bool | None:
    """What ``BARGAINING_ASCII`` asks: True for 1 (true, yes, on), False for 0 (false, no, off), else None."""
    env = os.environ.get("BARGAINING_ASCII", "").strip().lower()
    if env in ("1", "true", "yes", "on"):
        return True
    if env in ("0", "false", "no", "off"):
        return False
    return None


def ascii_only() -> bool:
    """Whether to write ASCII only: inside :func:`using` with ``ascii``, else as ``BARGAINING_ASCII`` asks
    (default no). The command line writes its text tables in ASCII to a pipe or a file (see
    :mod:`bargaining.cli`); a library call, a notebook included, gets Unicode unless asked."""
    flag = _ASCII.get()
    if flag is None:
        flag = bool(ascii_request())
    return flag


@contextlib.contextmanager
def using(*, columns: int | None = None, ascii: bool | None = None):
    """Within the block, write ``columns`` wide and/or ASCII only, whatever the environment says."""
    tokens = []
    if columns is not None:
        tokens.append((_WIDTH, _WIDTH.set(columns)))
    if ascii is not None:
        tokens.append((_ASCII, _ASCII.set(ascii)))
    try:
        yield
    finally:
        for var, token in reversed(tokens):
            var.reset(token)


# ----------------------------------------------------------------------------- ASCII

#: The ASCII spelling of each non-ASCII mark the renderers write.
ASCII = {
    "≈": "~", "±": "+/-", "×": "x", "·": "*", "−": "-", "–": "-", "—": "--", "…": "...", "→": "->",
    "←": "<-", "≥": ">=", "≤": "<=", "≠": "!=", "∂": "d", "∞": "inf", "∈": "in", "✓": "(yes)", "“": '"',
    "”": '"', "‘": "'", "’": "'", "λ": "lambda", "δ": "delta", "σ": "sigma", "▶": ">", "╌": "-", "─": "-",
    "│": "|", "├": "|", "└": "`", "┌": "+", "┐": "+", "┘": "+", "┬": "+", "┴": "+", "┼": "+", "┤": "|",
    "•": "*", "²": "^2", "½": "1/2", "\u00a0": " ",
}
_ASCII_RE = re.compile("|".join(map(re.escape, ASCII)))


def plain(s: str) -> str:
    """``s`` as it is, or with the marks of :data:`ASCII` spelled in ASCII when writing ASCII only."""
    if not ascii_only() or s.isascii():
        return s
    return _ASCII_RE.sub(lambda m: ASCII[m.group(0)], s)


def text(s: str) -> str:
    """A whole output: :func:`plain` applied (for a renderer whose lines are already laid out)."""
    return plain(s)


# ----------------------------------------------------------------------------- rich

def console(buf=None, columns: int | None = None):
    """A rich console writing plain text (no colour, no escapes) :func:`width` wide to ``buf``.

    ``buf`` defaults to a new ``StringIO`` (``console().file.getvalue()`` is what was printed). In ASCII
    mode the console spells what it prints in ASCII (:func:`plain`), tables included.
    """
    from io import StringIO

    from rich.console import Console

    class _Console(Console):
        def print(self, *objects, **kwargs):
            super().print(*(_fitted(self, _plain_renderable(o)) for o in objects), **kwargs)

    return _Console(file=StringIO() if buf is None else buf, width=columns or width(), force_terminal=False,
                    color_system=None, highlight=False, emoji=False)


def _fitted(console, obj):
    """A table as it is when its columns fit the console without breaking a word; else as records: each row
    its first cell, then one line per other column, ``header: cell``, wrapped with a hanging indent."""
    from rich.console import Group
    from rich.measure import Measurement
    from rich.table import Table
    from rich.text import Text

    if not isinstance(obj, Table) or not obj.columns:
        return obj
    columns = [[_cell_text(c) for c in col.cells] for col in obj.columns]
    if any(c is None for col in columns for c in col):
        return obj
    # rich measures a column by its longest word, but cuts a no_wrap column's cells short (with an ellipsis)
    unwrapped = 0
    for col, cells in zip(obj.columns, columns):
        if col.no_wrap:
            texts = cells + [_cell_text(col.header) or ""]
            lines = [line for t in texts for line in t.split("\n")]
            unwrapped += max(map(len, lines), default=0) - max((len(w) for line in lines for w in line.split()),
                                                             default=0)
    if Measurement.get(console, console.options.update(width=10_000), obj).minimum + unwrapped <= console.width:
        return obj
    headers = [_cell_text(col.header) or "" for col in obj.columns]
    out = []
    if obj.title:
        out += [Text(_cell_text(obj.title) or ""), Text("")]
    for k in range(obj.row_count):
        cells = [" ".join(col[k].split("\n")) if len(col[k].split("\n")) == 1 else "; ".join(
            col[k].split("\n")) for col in columns]
        if not obj.show_header:
            out += [Text(line) for line in wrap("  ".join(c for c in cells if c), "", "    ", console.width)]
            continue
        if out and k:
            out.append(Text(""))
        out += [Text(line) for line in wrap(cells[0] or "—", "", "  ", console.width)]
        for head, cell in zip(headers[1:], cells[1:]):
            if cell:
                out += [Text(line) for line in wrap(f"{head}: {cell}", "  ", "      ", console.width)]
    if obj.caption:
        out.append(Text(_cell_text(obj.caption) or ""))
    return Group(*out)


def _cell_text(cell):
    from rich.text import Text

    if isinstance(cell, str):
        return cell
    if isinstance(cell, Text):
        return cell.plain
    return None


def _plain_renderable(obj):
    if not ascii_only():
        return obj
    from rich.text import Text

    if isinstance(obj, str):
        return plain(obj)
    if isinstance(obj, Text):
        return _plain_text(obj)
    return obj


def _plain_text(t):
    from rich.text import Text

    new = plain(t.plain)
    if new == t.plain:
        return t
    return Text(new, style=t.style, justify=t.justify, overflow=t.overflow, no_wrap=t.no_wrap, end=t.end)


def table(*, box="default", **kwargs):
    """A rich ``Table``: its box heavy-headed as rich draws it, or ASCII (``box.ASCII2``) in ASCII mode.

    ``box=None`` keeps a table without lines. Cell text wraps at words; a column is never squeezed below
    the longest word of its cells (``min_width`` on :meth:`add_column` to ask for more).
    """
    from rich import box as boxes
    from rich.table import Table
    from rich.text import Text

    ascii_mode = ascii_only()
    if box == "default":
        box = boxes.HEAVY_HEAD
    if box is not None and ascii_mode:
        box = boxes.ASCII2
    for key in ("title", "caption"):
        if isinstance(kwargs.get(key), str):
            kwargs[key] = plain(kwargs[key])

    class _Table(Table):
        def add_column(self, header="", *args, **kw):
            super().add_column(_cell(header), *args, **kw)

        def add_row(self, *cells, **kw):
            super().add_row(*(_cell(c) for c in cells), **kw)

    def _cell(c):
        if not ascii_mode:
            return c
        if isinstance(c, str):
            return plain(c)
        if isinstance(c, Text):
            return _plain_text(c)
        return c

    return _Table(box=box, safe_box=False, **kwargs)


# ----------------------------------------------------------------------------- wrapping

#: In a :func:`formula`: a space never to break at, and one to break at only when a piece is too long.
_KEEP = "\ue000"
_DEEP = "\ue001"
_OPERATORS = ("+", "−", "-", "≥", "≤", ">", "<", "=", "≠", ";", "×")


def formula(s: str) -> str:
    """Mark ``s`` as a formula for :func:`wrap`: it breaks only before an operator, outside brackets first.

    The marks are private characters that :func:`wrap` turns back into spaces; text so marked must go
    through :func:`wrap`.
    """
    out = []
    depth = 0
    for k, ch in enumerate(s):
        if ch in "([{":
            depth += 1
        elif ch in ")]}":
            depth = max(0, depth - 1)
        if ch == " ":
            after = s[k + 1:k + 2]
            before_operator = after in _OPERATORS and s[k + 2:k + 3] in (" ", "")
            if not before_operator:
                out.append(_KEEP)
            elif depth > 0:
                out.append(_DEEP)
            else:
                out.append(" ")
        else:
            out.append(ch)
    return "".join(out)


def _unmark(s: str) -> str:
    return s.replace(_KEEP, " ").replace(_DEEP, " ")


def _split_long(word: str, room: int) -> list[str]:
    """A formula piece longer than ``room``, cut before inner operators (greedily), else whole."""
    parts = word.split(_DEEP)
    if len(parts) == 1:
        return [word]
    out = [parts[0]]
    for p in parts[1:]:
        if len(_unmark(out[-1])) + 1 + len(_unmark(p)) <= room:
            out[-1] += _DEEP + p
        else:
            out.append(p)
    return out


def wrap(s: str, indent: str = "", rest: str | None = None, columns: int | None = None) -> list[str]:
    """``s`` wrapped to ``columns`` (default :func:`width`) at spaces: the first line after ``indent``, the
    others after ``rest`` (default ``indent``, a hanging indent when longer). A run of spaces inside a line
    stays as written; where a line breaks, the run goes. A word longer than a line stays whole (a formula
    piece is cut before an operator inside brackets first). In ASCII mode the text is spelled in ASCII first.
    """
    columns = columns or width()
    rest = indent if rest is None else rest
    s = plain(s)
    tokens = re.split(r"( +)", s.strip(" "))
    words = tokens[0::2]
    gaps = tokens[1::2] + [""]
    lines: list[str] = []
    line = indent
    fresh = True  # nothing on the line after its indent yet
    pending = ""
    for word, gap in zip(words, gaps):
        pieces = [word]
        if len(_unmark(line)) + (0 if fresh else len(pending)) + len(_unmark(word)) > columns:
            pieces = _split_long(word, columns - len(rest))
        for k, piece in enumerate(pieces):
            sep = "" if fresh else (pending if k == 0 else " ")
            if not fresh and len(_unmark(line)) + len(sep) + len(_unmark(piece)) > columns:
                lines.append(_unmark(line))
                line, fresh, sep = rest, True, ""
            line += sep + piece
            fresh = False
        pending = gap
    if not fresh or not lines:
        lines.append(_unmark(line).rstrip() if fresh else _unmark(line))
    return lines
