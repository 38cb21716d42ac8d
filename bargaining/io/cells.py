"""CSV cells a spreadsheet cannot take for formulas.

A spreadsheet reads a cell that begins with ``=``, ``+``, ``-`` or ``@`` (and,
in some, a tab or a carriage return) as a formula: a strategy called
``=HYPERLINK(...)`` would run when the file is opened. As OWASP recommends,
such a text cell is written with a single quote in front (``'=HYPERLINK(...)``),
which the spreadsheet shows as the text itself. Numbers are left alone: a
number cell (a float, or a text that is a plain number such as ``-0.1``,
``-1/3`` or ``-inf``) stays a number. Quoting commas, quotes and newlines is
the :mod:`csv` module's work, and every writer here goes through it (a carriage return is written as a
line feed, which the module quotes; it leaves a bare carriage return unquoted when lines end in ``\n``).
"""

from __future__ import annotations

import re
from typing import Any

__all__ = ["FORMULA_STARTS", "csv_cell", "csv_row", "csv_frame"]

#: The first characters that make a spreadsheet read a text cell as a formula.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")

_NUMBER = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?(?:/\d+)?|[+-]?(?:inf|nan)", re.IGNORECASE)


def csv_cell(value: Any) -> Any:
    """``value`` safe to write as one CSV cell: a text that a spreadsheet would take for a formula gets a
    leading ``'``; numbers, and texts that are plain numbers, are returned as they are. A carriage return
    becomes a line feed (which the csv module then quotes).

    Examples
    --------
    >>> csv_cell("=1+2"), csv_cell("@SUM(A1)"), csv_cell("+x"), csv_cell("-attack")
    ("'=1+2", "'@SUM(A1)", "'+x", "'-attack")
    >>> csv_cell("-0.1"), csv_cell("-1/3"), csv_cell(-0.1), csv_cell("ally")
    ('-0.1', '-1/3', -0.1, 'ally')
    """
    if not isinstance(value, str):
        return value
    if value.startswith(FORMULA_STARTS) and not _NUMBER.fullmatch(value):
        value = "'" + value
    # the csv module quotes a cell with a line feed, but not one with a bare carriage return when the line ends
    # in "\n": a carriage return is written as the line break it stands for
    return value.replace("\r\n", "\n").replace("\r", "\n")


def csv_row(values) -> list:
    """:func:`csv_cell` of each value of a row."""
    return [csv_cell(v) for v in values]


def csv_frame(frame):
    """A copy of a pandas ``DataFrame`` with its column names and its text cells made safe by :func:`csv_cell`
    (number columns are not touched).

    Examples
    --------
    >>> import pandas as pd
    >>> csv_frame(pd.DataFrame({"=name": ["-x", "ok"], "v": [-0.1, 2.0]})).to_csv(index=False)
    "'=name,v\\n'-x,-0.1\\nok,2.0\\n"
    """
    out = frame.copy()
    out.columns = [csv_cell(str(c)) for c in frame.columns]
    for k in range(out.shape[1]):
        column = out.iloc[:, k]
        if column.dtype.kind not in "biufcmM":  # text, objects, categories
            out.isetitem(k, column.astype(object).map(csv_cell))
    return out
