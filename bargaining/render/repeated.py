"""Renderers for ``repeat``: an 80-column table for a student, Markdown, and JSON.

They print a :class:`~bargaining.symbolic.repeated.RepeatedAnalysis` and add
nothing to it: every verdict, number, formula and sentence comes from the
analysis. JSON is ``RepeatedAnalysis.to_dict()`` unchanged. rich is imported
inside the table renderer.
"""

from __future__ import annotations

import json

from bargaining.numbers import exact_and_decimal
from bargaining.render import layout
from bargaining.symbolic.printing import board

__all__ = ["render", "FORMATS"]

FORMATS = ("table", "json", "markdown")


_SCHEME_HEADS = (("nash", "Nash reversion"), ("minmax", "minmax bound"), ("stick", "stick & carrot"))


def render(analysis, fmt: str = "table", *, profile=None, conditions: bool = False) -> str:
    """The analysis as ``table``, ``json`` or ``markdown``.

    Parameters
    ----------
    analysis : RepeatedAnalysis
    fmt : str
    profile : str, optional
        Show the formulas of this profile only (``"ally, ally"``); default: every
        profile with a threshold.
    conditions : bool
        Also list the conditions under which each formula applies.

    Examples
    --------
    >>> from bargaining.io.gamefile import load_model
    >>> from bargaining.symbolic.repeated import repeated_analysis
    >>> text = render(repeated_analysis(load_model("games/junior_partner.toml"), formulas=False))
    >>> "a transfer works iff delta_C ≥ 6/11 (0.5455)" in text
    True
    """
    if fmt == "json":
        return json.dumps(analysis.to_dict(), indent=2, ensure_ascii=False) + "\n"
    lines = _Lines(analysis, fmt, profile, conditions)
    if fmt == "markdown":
        return lines.markdown()
    return lines.table()


def _fraction(value):
    """A sympy rational as a Fraction, for the number writers."""
    from fractions import Fraction

    return Fraction(int(value.p), int(value.q))


def _wrap(line: str, indent: int = 0, hanging: bool = True) -> str:
    """``line`` wrapped to the page; with ``hanging`` the continuation lines are indented two more."""
    lead = " " * (indent + len(line) - len(line.lstrip(" ")))
    return "\n".join(layout.wrap(line.strip(), lead, lead + ("  " if hanging else "")))


def _cell(c) -> str:
    """A critical discount factor for the table: ``4/15 (0.2667)``, ``0 (NE)``, ``never``."""
    if c is None:
        return "—"
    if c.status == "equilibrium":
        return "0 (stage NE)"
    if c.status == "no-gain":
        return "0 (no gain)"
    if c.status == "never":
        return "never"
    return exact_and_decimal(c.delta)


class _Lines:
    def __init__(self, analysis, fmt, profile, conditions):
        self.a = analysis
        self.r = analysis.exact
        self.fmt = fmt
        self.only = None if profile is None else self.r.profile(profile).profile
        self.conditions = conditions

    # ------------------------------------------------------------------ pieces

    def intro(self) -> list[str]:
        r = self.r
        P, N = r.players, r.names
        lines = [
            f"The stage game is played in every period with the actions observed; {P[0]} discounts the future by "
            f"{N[0]}, {P[1]} by {N[1]} (each in [0, 1)). A profile is sustainable when a subgame-perfect "
            "equilibrium plays it in every period. Critical discount factors below: the profile is sustained "
            "iff each player's δ is at least its entry.",
            "",
            f"Stage equilibria (the Nash-reversion punishments), payoffs {P[0]}, {P[1]}:",
        ]
        lines += [
            f"  {e.label}: {exact_and_decimal(e.payoffs[0])}, {exact_and_decimal(e.payoffs[1])}" for e in r.equilibria
        ]
        parts = []
        for mm in r.minmax:
            other = 1 - mm.player
            names = r.game.strategies[other]
            mix = ", ".join(f"{names[k]} {exact_and_decimal(q)}" if q != 1 else names[k]
                            for k, q in enumerate(mm.punisher) if q > 0)
            text = f"{P[mm.player]} {exact_and_decimal(mm.value)} ({P[other]} plays {mix})"
            if mm.pure_value != mm.value:
                text += f", {exact_and_decimal(mm.pure_value)} in pure strategies"
            parts.append(text)
        lines.append("Minmax values (the harshest punishments): " + "; ".join(parts) + ".")
        return lines

    def legend(self) -> list[str]:
        return [
            "Nash reversion: a deviation is punished by the deviator's worst stage equilibrium forever "
            "(Friedman 1971). Minmax bound: no subgame-perfect equilibrium sustains the profile below it (the "
            "deviator held to its minmax value forever). Stick & carrot: one period of the stick profile, then "
            "back to the path (Abreu 1986); — where no one-period stick works. See docs/explanation/repeated.md.",
        ]

    def rows(self):
        for pa in self.r.profiles:
            for p in range(2):
                pl = pa.players[p]
                cells = [_cell(pl.critical(s)) for s, _ in _SCHEME_HEADS]
                yield pa, p, pa.name if p == 0 else "", cells

    def _name(self, b) -> str:
        S = self.r.game.strategies
        return f"({S[0][b[0]]}, {S[1][b[1]]})"

    def sticks(self) -> list[str]:
        used: dict[str, list[str]] = {}
        for pa in self.r.profiles:
            if pa.stick is not None:
                used.setdefault(self._name(pa.stick), []).append(pa.name)
        if not used:
            return []
        return ["Stick profiles: " + "; ".join(f"{', '.join(names)}: {stick}" for stick, names in used.items()) + "."]

    def verdicts(self) -> list[str]:
        r = self.r
        if all(d is None for d in r.discount):
            return []
        given = ", ".join(f"{r.names[p]} = {exact_and_decimal(d)}" for p, d in enumerate(r.discount) if d is not None)
        out = [f"At {given}:"]
        for scheme, words in (("nash", "sustained with Nash reversion"), ("stick", "sustained with stick and carrot"),
                              ("minmax", "ruled out by the minmax bound")):
            target = scheme != "minmax"  # the minmax bound can only rule a profile out
            verdict = {pa.name: dict(pa.at_discount)[scheme] for pa in r.profiles}
            names = [n for n, v in verdict.items() if v is target]
            unknown = [n for n, v in verdict.items() if v is None]
            text = f"  {words}: {', '.join(names) if names else 'none'}"
            if unknown:
                text += f" (undecided without every discount factor: {', '.join(unknown)})"
            out.append(text)
        for pa in r.profiles:
            t = pa.transfer
            if t is None or not pa.transfer_at_known:
                continue
            if pa.transfer_at is None:
                out.append(f"  {pa.name} with transfers: no transfer works")
            else:
                lo, hi = pa.transfer_at
                out.append(f"  {pa.name} with transfers: {r.players[t.payer]} pays {r.players[t.receiver]} "
                           f"τ between {exact_and_decimal(lo)} and {exact_and_decimal(hi)} per period")
        return out

    def transfer_summary(self) -> list[str]:
        r = self.r
        if not r.transfers_allowed:
            return []
        working = [pa for pa in r.profiles if pa.transfer is not None]
        if not working:
            return ["Transfers: no profile that is not a stage equilibrium can be made self-enforcing by a "
                    "per-period transfer under Nash reversion, at any discount factors below 1."]
        out = ["Transfers (paid at the end of each period in which the receiver kept to the profile; a payer "
               "who withholds is punished by Nash reversion):"]
        for pa in working:
            if self.only is not None and pa.profile != self.only:
                continue
            out.append(f"{pa.name}: {pa.transfer.reason}")
        return out

    def formula_blocks(self) -> list[tuple[str, list[str]]]:
        """Per profile: a heading and its lines (formula, value, reason, conditions)."""
        blocks = []
        r = self.r
        for f, pa in zip(self.a.formulas, r.profiles):
            if self.only is not None and pa.profile != self.only:
                continue
            if pa.stage_equilibrium and self.only is None:
                continue
            lines = []
            for p in range(2):
                pl = pa.players[p]
                for c in f.players[p]:
                    crit = pl.critical(c.scheme)
                    if crit is None or crit.status in ("equilibrium", "no-gain"):
                        continue
                    if c.formula is None:
                        if self.only is not None:
                            lines.append(f"{c.label}: never. {crit.reason}.")
                            lines += self._conditions(c)
                        continue
                    lines.append(f"{c.label}: {r.names[p]} ≥ {exact_and_decimal(crit.delta)}")
                    lines.append(f"  = {board(c.formula.expr)}")
                    if self.only is not None:
                        lines.append(f"  {crit.reason}.")
                    lines += self._conditions(c)
            for c in f.transfer:
                if c.formula is None:
                    continue
                at = c.formula.at_file
                if at is not None and at.is_Rational:
                    lines.append(f"{c.label}: {exact_and_decimal(_fraction(at))}")
                    lines.append(f"  = {board(c.formula.expr)}")
                else:
                    lines.append(f"{c.label}: {board(c.formula.expr)}")
                if c.note:
                    lines.append(f"  {c.note}")
                lines += self._conditions(c)
            if lines:
                blocks.append((pa.name, lines))
        return blocks

    def _conditions(self, c) -> list[str]:
        if not self.conditions:
            return []
        shown = c.binding_conditions
        if not shown:
            return ["  applies throughout the declared ranges"]
        out = ["  applies where:"]
        for cond in shown:
            mark = {True: "holds", False: "fails", None: "undefined"}[cond.holds_at_file]
            out.append(f"    {cond.text()}   ({cond.label}; {mark} at the file's values)")
        return out

    # ------------------------------------------------------------------ documents

    def table(self) -> str:
        from io import StringIO

        from rich.text import Text

        buf = StringIO()
        console = layout.console(buf)
        console.print(Text(f"Repeated game: {self.a.title}", style="bold"))
        for line in self.intro():
            console.print(Text(_wrap(line, hanging=line.startswith(" ")) if line else ""))
        t = layout.table(title="Critical discount factors", title_justify="left")
        t.add_column("profile")
        t.add_column("player", no_wrap=True)
        for _, head in _SCHEME_HEADS:
            t.add_column(head, justify="right")
        for pa, p, head, cells in self.rows():
            t.add_row(head, self.r.players[p], *cells, end_section=p == 1)
        console.print()
        console.print(t)
        for line in self.sticks() + self.legend():
            console.print(Text(_wrap(line, hanging=False)))
        for line in self.verdicts():
            console.print(Text(_wrap(line)))
        summary = self.transfer_summary()
        if summary:
            console.print()
            for k, line in enumerate(summary):
                console.print(Text(_wrap(line, 0 if k == 0 else 2, hanging=k > 0)))
        blocks = self.formula_blocks()
        if blocks:
            console.print()
            fixed = (
                f" (fixed: {', '.join(f'{k} = {exact_and_decimal(v)}' for k, v in self.a.fixed)})"
                if self.a.fixed
                else ""
            )
            hint = "" if self.only is not None else '; --profile "…" explains one profile in words'
            console.print(Text(_wrap(f"Closed forms in the parameters{fixed} (--conditions: where each applies{hint}):",
                                     hanging=False)))
            for name, lines in blocks:
                console.print(Text(name, style="bold"))
                for line in lines:
                    console.print(Text(_wrap(line, 2)))
        return buf.getvalue().rstrip() + "\n"

    def markdown(self) -> str:
        from bargaining.render.words import md_escape

        out = [f"### Repeated game: {md_escape(self.a.title)}", ""]
        listing = False
        for line in self.intro():
            item = line.startswith("  ")
            if listing and not item:
                out.append("")
            out.append(f"- {md_escape(line.strip())}" if item else md_escape(line))
            listing = item
        out += ["", "| profile | player | " + " | ".join(h for _, h in _SCHEME_HEADS) + " |",
                "|---|---|" + "---|" * len(_SCHEME_HEADS)]
        for pa, p, head, cells in self.rows():
            out.append(f"| {md_escape(head)} | {self.r.players[p]} | " + " | ".join(cells) + " |")
        out += [""] + [md_escape(line) for line in self.sticks() + self.legend() + self.verdicts()]
        summary = self.transfer_summary()
        if summary:
            out += [""] + [f"- {md_escape(line)}" if k else md_escape(line) for k, line in enumerate(summary)]
        for name, lines in self.formula_blocks():
            out += ["", f"**{name}**", ""]
            out += [f"- {md_escape(line.strip())}" if not line.startswith("  ") else f"  {md_escape(line.strip())}"
                    for line in lines]
        return "\n".join(out) + "\n"
