"""Renderer for the closed-form conditions of a game of three or more players (``derive`` on the triangle).

The document has the shape of the two-player one (:mod:`bargaining.render.derive`,
whose writer it extends): the symbolic parameters, every profile's payoffs,
the conditions for every pure profile to be an equilibrium, and with
``--solve-for`` every tipping point; in text, JSON, Markdown or LaTeX.
"""

from __future__ import annotations

import json

from bargaining.render.derive import _Writer

__all__ = ["render"]


class _NWriter(_Writer):
    """The two-player writer with the header and payoffs of a game of any number of players, and no mixed part."""

    def mixed(self) -> None:
        pass

    def selection(self) -> None:
        pass

    # The n-player derivation gives the conditions of pure profiles only: no regime summary along the
    # solved-for parameter, no families on unequal supports and no degenerate sets (its notes say so).
    def summary(self) -> None:
        pass

    def families(self) -> None:
        pass

    def degenerate(self) -> None:
        pass

    def header(self) -> None:
        d = self.d
        self.para(self.t(f"From {d.source}. " + " ".join(
            f"{p}: {', '.join(s)}." for p, s in zip(d.players, d.strategies))))
        self.parameters()

    def payoffs(self) -> None:
        d = self.d
        self.heading(f"Payoffs ({' ; '.join(d.players)})")
        names = {prof: "(" + ", ".join(d.strategies[p][k] for p, k in enumerate(prof)) + ")" for prof in d.payoffs}
        if self.form == "text":
            width = max(len(v) for v in names.values())
            for prof, pay in d.payoffs.items():
                self.lines.append(f"  {names[prof].ljust(width)}   " + "  ;  ".join(self.m(f.expr) for f in pay))
            return
        self.items([f"{self.t(names[prof])}: " + " ; ".join(self.m(f.expr) for f in pay)
                    for prof, pay in d.payoffs.items()])

    def pure(self) -> None:
        before = len(self.lines)
        super().pure()
        self.lines[before:] = [line.replace("when neither player gains", "when no player gains")
                               for line in self.lines[before:]]


def render(derivation, fmt: str = "text") -> str:
    """The derivation as ``text``, ``json``, ``markdown`` or ``latex``."""
    if fmt == "json":
        return json.dumps(derivation.to_dict(), indent=2, ensure_ascii=False) + "\n"
    return _NWriter(derivation, fmt).document()

