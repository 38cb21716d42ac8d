"""One exception family for the whole package.

Input errors also subclass :class:`ValueError`. Their message says what was
expected, what was found, and where: ``games/x.toml, payoffs.China[2][1]: ...``.
The command line turns any :class:`BargainingError` into one line on stderr and
exit status 2.
"""

from __future__ import annotations


class BargainingError(Exception):
    """Base class of every error this package raises on purpose."""


class InputError(BargainingError, ValueError):
    """Bad input: a game file, a formula, a command-line value.

    Parameters
    ----------
    message : str
        What was expected and what was found.
    source : str, optional
        The file (or other origin) the input came from.
    where : str, optional
        The place inside it, such as ``payoffs.China[2][1]``.
    """

    def __init__(self, message: str, *, source: str | None = None, where: str | None = None):
        self.message = message
        self.source = source
        self.where = where
        super().__init__(self._render())

    def _render(self) -> str:
        place = ", ".join(p for p in (self.source, self.where) if p)
        return f"{place}: {self.message}" if place else self.message

    def located_as(self, *, where: str | None) -> "InputError":
        """A copy whose place is ``where`` (the command line names its flags here)."""
        return type(self)(self.message, source=self.source, where=where)

    def located(self, *, source: str | None = None, where: str | None = None) -> "InputError":
        """Return a copy that also names ``source``/``where`` if not set yet."""
        return type(self)(
            self.message,
            source=self.source or source,
            where=self.where or where,
        )


class LimitError(InputError):
    """A run refused before any work: its estimated cost is above a limit.

    The message names the estimate, the limit and the way out (a smaller
    grid, fewer draws, ``--method``, ``--keep``), as one line; ``where`` names
    the option that asked for the work (``draws``, ``axis``, ``method``).
    """


class FormulaError(InputError):
    """A payoff or term formula that does not parse or cannot be evaluated."""


class SolverError(BargainingError):
    """A solver failed, or an equilibrium failed verification (a bug, not bad input)."""


def did_you_mean(name: str, known) -> str:
    """`` (did you mean 'T'?)`` when one of ``known`` is close to ``name`` (difflib's ratio), else ``""``.

    Examples
    --------
    >>> did_you_mean("TT", ["T", "lam", "w_R"])
    " (did you mean 'T'?)"
    >>> did_you_mean("xyz", ["T", "lam"])
    ''
    """
    import difflib

    close = difflib.get_close_matches(str(name), [str(k) for k in known], n=1)
    return f" (did you mean {close[0]!r}?)" if close else ""
