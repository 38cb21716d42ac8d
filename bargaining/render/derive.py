"""Renderers for ``derive``: board text, Markdown, a LaTeX document and JSON.

No computation happens here beyond formatting: every expression, value and
verdict comes from the :class:`~bargaining.symbolic.result.Derivation`. The
text form is written for a student at the board: numbered sections, one
condition per line, each with its meaning in words and its value at the
file's parameter values. JSON is ``Derivation.to_dict()`` unchanged.
"""

from __future__ import annotations

import json
from fractions import Fraction

from bargaining.errors import InputError
from bargaining.numbers import decimal, exact
from bargaining.render import layout
from bargaining.symbolic.printing import board, latex, relation_text

__all__ = ["render", "FORMATS"]

FORMATS = ("text", "json", "markdown", "latex")

_REL_WORDS = {">=": "≥", ">": ">", "<=": "≤", "<": "<", "==": "=", "=": "="}


def render(derivation, fmt: str = "text", only: str | None = None) -> str:
    """The derivation as ``text``, ``json``, ``markdown`` or ``latex`` (a complete document).

    ``only`` names one candidate (a pure profile such as ``(ally, ally)``, a
    pair of supports, a family): the summary and the blocks about it alone.

    Examples
    --------
    >>> from bargaining.io.gamefile import load_model
    >>> from bargaining.symbolic import derive
    >>> text = render(derive(load_model("games/baseline.toml"), keep=["T"]), "text")
    >>> print(text.splitlines()[0])
    Closed-form analysis: Baseline: deep alignment without a treaty
    >>> "(align, align): an equilibrium if and only if" in text
    True
    """
    name = None if only is None else candidate_name(derivation, only)
    if fmt == "json":
        data = derivation.to_dict()
        if name is not None:
            for key in ("pure", "mixed", "families"):
                data[key] = [c for c in data[key] if c["name"] == name]
            data["tipping"] = [t for t in data["tipping"] if t["context"].split(" (case ")[0] == name]
            data["selection"] = [s for s in data["selection"] if name in (s["first"], s["second"])]
        return json.dumps(data, indent=2, ensure_ascii=False) + "\n"
    return _Writer(derivation, fmt if fmt in ("markdown", "latex") else "text", name).document()


def _squash(text: str) -> str:
    return "".join(ch for ch in text if ch not in " ()")


def candidate_name(derivation, only: str) -> str:
    """The candidate ``only`` names: exactly, or up to spaces and parentheses (``ally,ally``).

    Raises
    ------
    InputError
        If no pure profile, pair of supports or family has that name.
    """
    names = [p.name for p in derivation.pure] + [m.name for m in derivation.mixed]
    names += [f.name for f in derivation.families]
    if only in names:
        return only
    match = [n for n in names if _squash(n) == _squash(only)]
    if match:
        return match[0]
    known = [p.name for p in derivation.pure] + [m.name for m in derivation.mixed if m.kind == "generic"]
    known += [f.name for f in derivation.families if f.verdict == "possible"]
    raise InputError(
        f"no equilibrium candidate called {only!r}; candidates include: {', '.join(dict.fromkeys(known))}",
        where="shown candidate",
    )


# ---------------------------------------------------------------------------- numbers


def num(value) -> str:
    """An exact sympy number for reading: ``0.888``, ``22/45 (0.4889)``, or a decimal for a root."""
    if value is None:
        return "undefined"
    if isinstance(value, Fraction):
        q = value
    elif getattr(value, "is_Rational", False):
        q = Fraction(int(value.p), int(value.q))
    else:
        return "≈ " + decimal(float(value))
    text = exact(q)
    return text if "/" not in text else f"{text} ({decimal(q)})"


def _fraction(q) -> str:
    return "−∞" if q is None else exact(Fraction(q))


# ---------------------------------------------------------------------------- escaping

_TEX_SPECIAL = {
    "&": r"\&", "%": r"\%", "$": r"\$", "#": r"\#", "_": r"\_", "{": r"\{", "}": r"\}",
    "~": r"\textasciitilde{}", "^": r"\textasciicircum{}", "\\": r"\textbackslash{}",
    "×": r"$\times$", "≥": r"$\ge$", "≤": r"$\le$", "≠": r"$\ne$", "−": "-", "—": "---", "–": "--",
    "·": r"$\cdot$", "∂": r"$\partial$", "≈": r"$\approx$", "←": r"$\leftarrow$", "∞": r"$\infty$",
    "∈": r"$\in$", "→": r"$\to$", "✓": "", "“": "``", "”": "''", "’": "'",
}


def tex(text: str) -> str:
    """Plain text escaped for LaTeX, with the symbols used in glosses mapped to math."""
    return "".join(_TEX_SPECIAL.get(ch, ch) for ch in str(text))


def _md(text: str) -> str:
    from bargaining.render.words import md_escape

    return md_escape(str(text)).replace("*", "\\*").replace("_", "\\_")


# ---------------------------------------------------------------------------- writer


class _Writer:
    """One document in one of three forms; the structure is shared, the markup differs."""

    def __init__(self, d, form: str, only: str | None = None):
        self.d = d
        self.form = form
        self.only = only
        self.lines: list[str] = []

    def shown(self, name: str) -> bool:
        return self.only is None or name.split(" (case ")[0] == self.only

    # -- markup helpers -----------------------------------------------------

    def t(self, text: str) -> str:
        """Plain words in this form."""
        if self.form == "latex":
            return tex(text)
        if self.form == "markdown":
            return _md(text)
        return text

    def m(self, expr) -> str:
        """An expression."""
        if self.form == "latex":
            code = latex(expr)
            return f"${code}$" if len(code) < 160 else r"\resizebox{\linewidth}{!}{$" + code + "$}"
        if self.form == "markdown":
            return f"${latex(expr)}$"
        return layout.formula(board(expr))

    def rel(self, expr, rel: str) -> str:
        """A condition ``expr rel 0``."""
        if self.form == "text":
            return layout.formula(relation_text(expr, rel, "board"))
        code = relation_text(expr, rel, "latex")
        if self.form == "latex" and len(code) >= 160:
            return r"\resizebox{\linewidth}{!}{$" + code + "$}"
        return f"${code}$"

    def n(self, value) -> str:
        text = num(value)
        if self.form == "latex":
            return tex(text)
        return text

    def heading(self, text: str, level: int = 1) -> None:
        if self.form == "latex":
            cmd = {0: "section*", 1: "section*", 2: "subsection*", 3: "paragraph"}[level]
            self.lines += [f"\\{cmd}{{{tex(text)}}}", ""]
        elif self.form == "markdown":
            self.lines += ["#" * (level + 1) + " " + _md(text), ""]
        else:
            head = _wrap(text, None, "")
            self.lines += [""] + head
            if level <= 1:
                self.lines.append(("=" if level == 0 else "-") * max(map(len, head)))

    def para(self, text: str) -> None:
        if self.form == "text":
            self.lines += _wrap(text, None, "")
        else:
            self.lines += [text, ""]

    def items(self, rows: list[str], indent: int = 2) -> None:
        if not rows:
            return
        if self.form == "latex":
            self.lines.append(r"\begin{itemize}")
            self.lines += [f"  \\item {r}" for r in rows]
            self.lines += [r"\end{itemize}", ""]
        elif self.form == "markdown":
            self.lines += [f"- {r}" for r in rows] + [""]
        else:
            self.lines += [" " * indent + r for r in rows]

    # -- document ------------------------------------------------------------

    def document(self) -> str:
        d = self.d
        if self.form == "latex":
            self.lines += [
                r"\documentclass[11pt]{article}",
                r"\usepackage[T1]{fontenc}",
                r"\usepackage[utf8]{inputenc}",
                r"\usepackage{lmodern}",
                r"\usepackage{amsmath}",
                r"\usepackage{graphicx}",
                r"\setlength{\parindent}{0pt}",
                r"\setlength{\parskip}{0.5ex}",
                r"\allowdisplaybreaks",
                f"\\title{{Closed-form analysis: {tex(d.title)}}}",
                r"\date{}",
                r"\begin{document}",
                r"\maketitle",
                "",
            ]
        else:
            self.heading(f"Closed-form analysis: {d.title}", 0)
        self.header()
        self.summary()
        if self.only is None:
            self.payoffs()
        self.pure()
        self.mixed()
        self.families()
        self.selection()
        if d.solve_for:
            self.tipping()
        self.degenerate()
        self.notes()
        if self.form == "latex":
            self.lines += [r"\end{document}"]
        return self.finish()

    def finish(self) -> str:
        """The document's lines as text; in the text form each line wider than the page wrapped (formulas
        before their operators), its continuation indented four more."""
        lines = self.lines
        if self.form == "text":
            lines = []
            for line in self.lines:
                lead = " " * (len(line) - len(line.lstrip(" ")))
                lines += _wrap(line, None, lead, lead + "    " if lead else "")
        return "\n".join(lines).strip("\n") + "\n"

    def header(self) -> None:
        d = self.d
        p0, p1 = d.players
        self.para(
            self.t(
                f"From {d.source}. {p0} (rows): {', '.join(d.strategies[0])}. "
                f"{p1} (columns): {', '.join(d.strategies[1])}."
            )
        )
        self.parameters()

    def parameters(self, labelled: bool = True) -> None:
        """The symbolic parameters with their file values and ranges (and labels), then those fixed by ``--keep``."""
        d = self.d
        rows = []
        for name in d.symbols:
            lo, hi = d.ranges[name]
            rng = (
                f"in [{_fraction(lo)}, {'∞' if hi is None else _fraction(hi)}]"
                if (lo, hi) != (None, None)
                else "unbounded"
            )
            label = (d.labels.get(name) or "") if labelled else ""
            rows.append(self.t(f"{name} = {exact(d.values[name])} (file), {rng}{': ' + label if label else ''}"))
        intro = "Symbolic parameters (file value; declared range, assumed throughout):"
        if self.form == "text":
            self.lines += ["", intro]
        else:
            self.para(self.t(intro))
        self.items(rows)
        if d.fixed:
            fixed = ", ".join(f"{k} = {exact(v)}" for k, v in d.fixed.items())
            if self.form == "text":
                self.lines.append("")
            self.para(self.t(f"Fixed at the file's values (--keep): {fixed}."))

    def payoffs(self) -> None:
        d = self.d
        p0, p1 = d.players
        self.heading(f"Payoffs ({p0} ; {p1})")
        s0, s1 = d.strategies
        if self.form == "text":
            width = max(len(f"({a}, {b})") for a in s0 for b in s1)
            for i, a in enumerate(s0):
                for j, b in enumerate(s1):
                    cell = f"({a}, {b})".ljust(width)
                    self.lines.append(
                        f"  {cell}   {self.m(d.payoffs[0][i][j].expr)}  ;  {self.m(d.payoffs[1][i][j].expr)}"
                    )
            return
        if self.form == "markdown":
            self.lines.append(f"| {_md(p0)} \\ {_md(p1)} | " + " | ".join(_md(b) for b in s1) + " |")
            self.lines.append("|---" * (len(s1) + 1) + "|")
            for i, a in enumerate(s0):
                cells = [
                    f"{self.m(d.payoffs[0][i][j].expr)} ; {self.m(d.payoffs[1][i][j].expr)}" for j in range(len(s1))
                ]
                self.lines.append(f"| **{_md(a)}** | " + " | ".join(cells) + " |")
            self.lines.append("")
            return
        rows = []
        for i, a in enumerate(s0):
            for j, b in enumerate(s1):
                rows.append(
                    f"({tex(a)}, {tex(b)}): {tex(p0)} {self.m(d.payoffs[0][i][j].expr)}; "
                    f"{tex(p1)} {self.m(d.payoffs[1][i][j].expr)}"
                )
        self.items(rows)

    # -- pure ----------------------------------------------------------------

    def cond(self, expr, rel: str, status: str | None = None) -> str:
        """A condition; one without parameters that fails reads "never", one that holds "always"."""
        if not getattr(expr, "free_symbols", None):
            from bargaining.symbolic.conditions import holds

            verdict = holds(expr, rel)
            if verdict is not None:
                return self.t("always" if verdict else "never")
        return self.rel(expr, rel)

    def assumed(self, c) -> str:
        """The signs a reduction took from the ranges, as expressions in this form."""
        if c.assumed:
            return ", ".join(self.rel(h, r) for h, r in c.assumed)
        return self.t(", ".join(c.assumptions))

    def case(self, t) -> str:
        """The case of a solved bound, its expressions written in this form."""
        if t.parts:
            return "".join(self.t(x) if isinstance(x, str) else self.rel(*x) for x in t.parts)
        return self.t(t.case)

    def _condition_row(self, c, label_width: int = 0) -> str:
        label = c.label
        extra = []
        uses = ""
        if c.assumptions:
            uses = "uses " if self.form == "text" else self.t("uses ") + self.assumed(c)
            if self.form == "text":
                extra.append("uses " + self.assumed(c))
        if c.status == "boundary":
            extra.append("holds only where it is = 0")
        elif c.status == "never":
            extra.append("fails everywhere in the ranges")
        elif c.status == "interior":
            extra.append("holds except where it is 0")
        if not c.simplified:
            extra.append("unsimplified")
        tail = f"   ({'; '.join(extra)})" if extra else ""
        if self.form == "text":
            return f"{label.ljust(label_width)}   {self.cond(c.expr, c.rel)}{tail}"
        words = "; ".join(self.t(x) for x in extra)
        inner = "; ".join(x for x in (uses, words) if x)
        return f"{self.t(label)}: {self.cond(c.expr, c.rel)}" + (f"   ({inner})" if inner else "")

    def pure(self) -> None:
        d = self.d
        if not any(self.shown(p.name) for p in d.pure):
            return
        self.heading("1. Pure-strategy equilibria")
        self.para(
            self.t(
                "A profile is a Nash equilibrium when neither player gains by switching alone. Each line is one "
                "such condition (the payoff kept minus the payoff from switching, ≥ 0); a profile needs all of them."
            )
        )
        width = max((len(c.label) for p in d.pure for c in p.conditions), default=0)
        for p in d.pure:
            if not self.shown(p.name):
                continue
            shown = [c for c in p.conditions if not c.trivial]
            always = [c for c in p.conditions if c.trivial]
            if p.verdict == "never":
                bad = [c for c in p.conditions if c.status in ("never", "contradiction")]
                head = f"{p.name}: never an equilibrium for parameters in their ranges"
                rows = [self._condition_row(c, width) for c in bad]
            elif p.verdict == "boundary":
                bad = [c for c in p.conditions if c.status == "boundary"]
                head = f"{p.name}: an equilibrium only on a boundary of the ranges, where"
                rows = [self._condition_row(c, width) for c in bad]
                rows.append(self.t("(and the other conditions hold); generically never an equilibrium"))
            elif p.verdict == "always":
                head = f"{p.name}: an equilibrium for all parameter values in their ranges"
                rows = []
            else:
                head = f"{p.name}: an equilibrium if and only if"
                rows = [self._condition_row(c, width) for c in shown]
            if always and p.verdict == "conditional":
                rows.append(self.t("always true in the ranges: " + "; ".join(c.label for c in always)))
            rows.append(self._file_line(p))
            self._block(head, rows)

    def _file_line(self, p) -> str:
        if p.equilibrium_at_file:
            return self.t("at the file's values: an equilibrium ✓")
        fails = [c for c in p.conditions if c.gain is not None and c.gain.at_file is not None and c.gain.at_file < 0]
        seen = []
        for c in fails:
            if c.label not in seen:
                seen.append(c.label)
        words = "; ".join(
            f"{label} fails by {num(-next(c.gain.at_file for c in fails if c.label == label))}" for label in seen[:3]
        )
        return self.t(f"at the file's values: not an equilibrium ({words})")

    def _block(self, head: str, rows: list[str]) -> None:
        if self.form == "text":
            self.lines += ["", head]
            self.lines += ["    " + r for r in rows]
        elif self.form == "markdown":
            self.lines += [f"**{_md(head)}**", ""] + [f"- {r}" for r in rows] + [""]
        else:
            self.lines += [f"\\paragraph{{{tex(head)}}}", r"\begin{itemize}"]
            self.lines += [f"  \\item {r}" for r in rows]
            self.lines += [r"\end{itemize}", ""]

    # -- mixed ---------------------------------------------------------------

    def mixed(self) -> None:
        d = self.d
        if not any(self.shown(m.name) for m in d.mixed):
            return
        self.heading("2. Mixed equilibria")
        self.para(
            self.t(
                "In a mixed equilibrium each player's mix makes the other player indifferent among the strategies "
                "the other uses, so each player's probabilities are set by the other player's payoffs."
            )
        )
        generic = [m for m in d.mixed if m.kind == "generic" and m.verdict in ("possible", "not found")]
        if not any(m.equilibrium_at_file for m in d.mixed):
            self.para(
                self.t(
                    "At the file's values there is no mixed equilibrium; the closed forms below hold where the "
                    "conditions listed under each are met."
                )
            )
        generic = [m for m in generic if self.shown(m.name)]
        for m in generic:
            self._mixed_block(m)
        rest = [m for m in d.mixed if m not in generic and self.shown(m.name)]
        if rest:
            if self.form == "text":
                self.lines += ["", "Supports that carry no isolated mixed equilibrium for generic parameters:"]
            else:
                self.para(self.t("Supports that carry no isolated mixed equilibrium for generic parameters:"))
            rows = []
            for m in rest:
                rows.append(self.t(f"{m.name}: {m.explanation}"))
            self.items(rows, indent=4)

    def _mixed_block(self, m) -> None:
        d = self.d
        if m.verdict == "possible":
            if m.equilibrium_at_file:
                status = "a mixed equilibrium at the file's values"
            else:
                w = ", ".join(f"{k} = {exact(v)}" for k, v in (m.witness or {}).items())
                status = f"an equilibrium somewhere in the ranges (for example at {w}); {m.explanation}"
        else:
            status = (
                "no point of the ranges found where it is an equilibrium (sampled, not proved); "
                + m.explanation
            )
        head = f"{m.name}"
        rows = [self.t(status)]
        for p in range(2):
            for s, f in zip(m.supports[p], m.probabilities[p]):
                rows.append(
                    self.t(f"P({d.players[p]} plays {d.strategies[p][s]}) = ")
                    + self.m(f.expr)
                    + self.t(f"   [file: {num(f.at_file)}]")
                )
        for p in range(2):
            f = m.payoffs[p]
            rows.append(self.t(f"{d.players[p]}'s payoff = ") + self.m(f.expr) + self.t(f"   [file: {num(f.at_file)}]"))
        rows.append(self.t("valid (all probabilities in (0, 1), no gain from a strategy outside the supports) iff:"))
        width = max((len(c.label) for c in m.conditions), default=0)
        for c in m.conditions:
            rows.append(("    " if self.form == "text" else "") + self._condition_row(c, width))
        self._block(head, rows)
        if m.statics:
            self._statics(m)

    def _statics(self, m) -> None:
        d = self.d
        title = f"Comparative statics of {m.name}"
        rows = []
        if not m.equilibrium_at_file:
            rows.append(
                self.t(
                    "this mixed profile is not an equilibrium at the file's values, so the signs there describe "
                    "the formulas, not an equilibrium"
                )
            )
        by_quantity: dict = {}
        for s in m.statics:
            by_quantity.setdefault((s.quantity, s.player, s.strategy), []).append(s)
        for (kind, p, strat), group in by_quantity.items():
            if kind == "probability":
                name = f"P({d.players[p]} plays {d.strategies[p][strat]})"
                if len(m.supports[p]) == 2:
                    other = d.strategies[p][[k for k in m.supports[p] if k != strat][0]]
                    name += f" (P({other}) moves the opposite way)"
            else:
                name = f"{d.players[p]}'s payoff"
            rows.append(self.t(name + ":"))
            for s in group:
                rows.append(
                    ("    " if self.form == "text" else "")
                    + self.t(f"∂/∂{s.parameter} = ")
                    + self.m(s.derivative.expr)
                    + self.t(f"   — {s.gloss}")
                )
        self._block(title, rows)

    # -- summary -------------------------------------------------------------

    def summary(self) -> None:
        d, s = self.d, self.d.summary
        if s is None:
            return
        self.heading("Summary")
        pick = [n for n in s.at_file if self.shown(n)]
        can = [n for n in s.possible if self.shown(n)]
        self.para(self.t("At the file's values: " + (", ".join(pick) if pick else "no equilibrium among those named")
                         + "."))
        if s.parameter is None:
            self.para(self.t("Equilibria for some parameter values in the ranges: " + (", ".join(can) or "none") + "."))
            return
        x = s.parameter
        self.para(self.t(f"Along {x}, the other parameters at the file's values, the equilibria are:"))
        rows = []
        # with --only, the points where the game is degenerate matter only where the candidate changes
        for r in _joined([_regime_shown(r, self.shown, self.only is None) for r in s.regimes]):
            names = list(r.equilibria)
            flag = " (degenerate here: `solve` may list more)" if r.degenerate else ""
            where = _regime_words(r, x)
            if self.form == "text":
                rows.append(f"{where.ljust(24)} {', '.join(names) or 'none'}{flag}")
            else:
                rows.append(self.t(f"{where}: {', '.join(names) or 'none'}{flag}"))
        self.items(rows, indent=4)
        if not s.exact:
            self.para(self.t("(some conditions were not solved exactly; their candidates are left out above)"))
        rows = []
        for t in s.thresholds:
            moving = [n for n in t.entering + t.leaving if self.shown(n)]
            if not moving:
                continue
            form = (self.m(t.forms[0].expr) + self.t(" = ")) if t.forms and t.forms[0].expr != t.value else ""
            words = []
            entering = [n for n in t.entering if self.shown(n)]
            leaving = [n for n in t.leaving if self.shown(n)]
            if entering:
                words.append(", ".join(entering) + " from here up")
            if leaving:
                words.append(", ".join(leaving) + " up to here")
            binds = {}
            for context, label, player in t.binding:
                if self.shown(context):
                    who = d.players[player] if player is not None else "both"
                    binds.setdefault(who, f"{who} ({label.split(': ', 1)[-1]})")
            rival = ""
            if t.rivals:
                context, label, bound = t.rivals[0]
                rival = self.t(f"; not {_player_of(label)}, whose own bound is ") + self.m(bound.expr) + self.t(
                    f" = {num(bound.at_file)}"
                )
            rows.append(
                self.t(f"{x} = ") + form + self.t(num(t.value)) + self.t(": " + "; ".join(words))
                + (self.t("; binds: " + ", ".join(binds.values())) if binds else "") + rival
            )
        if rows:
            self.para(self.t("Thresholds (closed form = value at the file's values):"))
            if self.form == "text":
                self.lines += [line for r in rows for line in _wrap(r, None, "    ", "      ")]
            else:
                self.items(rows)

    # -- families ------------------------------------------------------------

    def families(self) -> None:
        d = self.d
        shown = [f for f in d.families if f.verdict in ("possible", "not found") and self.shown(f.name)]
        if not shown:
            return
        self.heading("Families of equilibria", 2)
        self.para(self.t(
            "Where a player is indifferent among strategies on an open region of the parameters, equilibria "
            "come in families: the free probabilities below range over every value that satisfies the "
            "constraints. A family exists where, for each player, one of the cases listed holds."
        ))
        for f in shown:
            rows = [self.t(f.explanation)]
            for side in f.sides:
                p = side.player
                probs = [self.t(f"P({d.strategies[p][k]}) = ") + self.m(pr.expr)
                         for k, pr in zip(side.support, side.probabilities)]
                rows.append(self.t(f"{d.players[p]}: ") + ", ".join(probs))
            for side in f.sides:
                p = side.player
                if side.cases is None:
                    rows.append(self.t(f"{d.players[p]}'s side, point by point: ") + "; ".join(
                        self.cond(c.expr, c.rel) for c in side.constraints))
                    continue
                cases = [
                    " and ".join(self.cond(c.expr, c.rel) for c in case) or self.t("always") for case in side.cases
                ]
                if cases:
                    other = d.players[1 - p]
                    rows.append(
                        self.t(f"such mixes of {d.players[p]} (with {other} not gaining by a switch) exist where: ")
                        + self.t(" or ").join(cases)
                    )
            rows.append(
                self.t(
                    "at the file's values: "
                    + ("a family of equilibria ✓" if f.equilibrium_at_file else "not an equilibrium")
                )
            )
            self._block(f.name, rows)

    def degenerate(self) -> None:
        d = self.d
        shown = [g for g in d.degenerate if self.shown(g.name)]
        if not shown:
            return
        self.heading("Where the description stops")
        self.para(
            self.t(
                "On each set below (a boundary where the game is degenerate) equilibria on the supports named may "
                "exist beyond those described above, continua in particular; `solve` at such a point lists them."
            )
        )
        rows = []
        for g in shown:
            where = " and ".join(self.rel(c.expr, "==" if c.rel == "==" else c.rel) for c in g.equations)
            rows.append(self.t(f"{g.name}: ") + where + self.t(f" ({g.reason})"))
        self.items(rows, indent=4)

    # -- selection -----------------------------------------------------------

    def selection(self) -> None:
        d = self.d
        if not any(self.only is None or self.only in s.names for s in d.selection):
            return
        self.heading("3. Equilibrium selection between coexisting strict equilibria")
        self.para(
            self.t(
                "Where two strict pure equilibria coexist, Harsanyi and Selten select the payoff-dominant one "
                "(better for both), else the risk-dominant one (larger product of the losses from deviating)."
            )
        )
        for s in d.selection:
            if self.only is not None and self.only not in s.names:
                continue
            a, b = s.names
            rows = []
            if s.both_at_file:
                rows.append(self.t("both are strict equilibria at the file's values"))
            elif s.witness:
                w = ", ".join(f"{k} = {exact(v)}" for k, v in s.witness.items())
                rows.append(self.t(f"both are strict equilibria somewhere in the ranges, e.g. at {w}"))
            rows.append(
                self.t(f"{a} payoff-dominates {b} iff: ") + " and ".join(self.rel(c.expr, c.rel) for c in s.payoff)
            )
            rows.append(self.t(f"{a} risk-dominates {b} iff: ") + self.rel(s.risk.expr, s.risk.rel))
            if s.risk.holds_at_file is not None:
                rows.append(
                    self.t(
                        "at the file's values the risk-dominance condition "
                        f"{'holds' if s.risk.holds_at_file else 'fails'}"
                    )
                )
            self._block(f"{a} against {b}", rows)

    # -- tipping points ------------------------------------------------------

    def tipping(self) -> None:
        d = self.d
        x = d.solve_for
        lo, hi = d.ranges[x]
        self.heading(f"4. Tipping points in {x}")
        self.para(
            self.t(
                f"Every condition above solved for {x}. Each bound is also evaluated at the file's values; "
                f"the binding one is marked ←. {x} ranges over "
                f"[{_fraction(lo)}, {'∞' if hi is None else _fraction(hi)}]."
            )
        )
        sweep = []
        for tp in d.tipping:
            if not self.shown(tp.context):
                continue
            rows = []
            if tp.lower:
                rows.append(self.t(f"{x} ≥ each of:" if len(tp.lower) > 1 else f"{x} ≥"))
                rows += self._bounds(tp.lower, tp.binding_lower)
            if tp.upper:
                rows.append(self.t(f"{x} ≤ each of:" if len(tp.upper) > 1 else f"{x} ≤"))
                rows += self._bounds(tp.upper, tp.binding_upper)
            if tp.other:
                rows.append(self.t("boundaries where a condition changes sign:"))
                rows += self._bounds(tp.other, None)
            if tp.fixed:
                rows.append(self.t(f"conditions without {x}: ") + "; ".join(self.cond(c.expr, c.rel) for c in tp.fixed))
            if tp.kind != "selection":
                where = _set_words(tp.interval_at_file, x)
                binding = []
                if tp.binding_lower is not None:
                    binding.append(_player_of(tp.lower[tp.binding_lower].label))
                if tp.binding_upper is not None:
                    binding.append(_player_of(tp.upper[tp.binding_upper].label))
                if tp.interval_at_file is None:
                    rows.append(self.t("at the file's values: see the conditions (not solved exactly)"))
                else:
                    rows.append(self.t(f"with the other parameters at the file's values: {where}"))
                    if where != "nowhere":
                        sweep.append((tp.context, where))
            self._block(tp.context, rows)
        if sweep:
            self.heading(f"Along {x}, the other parameters at the file's values", 2)
            self.items([self.t(f"{c}: {w}") for c, w in sweep])
        if d.boundaries and self.only is None:
            self.heading(f"All tipping points in {x}, by value at the file's values", 2)
            rows = []
            for b in d.boundaries:
                rows.append(
                    self.t(f"{x} = ")
                    + self.m(b.bound.expr)
                    + self.t(f"   [file: {num(b.bound.at_file)}]   in: {', '.join(b.contexts)}")
                )
            self.items(rows)

    def _bounds(self, thresholds, binding) -> list[str]:
        rows = []
        for k, t in enumerate(thresholds):
            mark = "   ← binding" if k == binding else ""
            case = self.t("  (") + self.case(t) + self.t(")") if t.case else ""
            note = "  (value only: closed form too long)" if not t.bound.simplified and t.bound.note else ""
            rows.append(
                ("    " if self.form == "text" else "")
                + self.m(t.bound.expr)
                + self.t(f"   {_eq(num(t.bound.at_file))}   {t.label}")
                + case
                + self.t(f"{note}{mark}")
            )
        return rows

    def notes(self) -> None:
        d = self.d
        self.heading("Notes")
        notes = list(d.notes)
        conds = [c for p in d.pure for c in p.conditions] + [c for m in d.mixed for c in m.conditions]
        used = sorted((c for c in conds if c.assumptions), key=lambda c: c.assumptions)
        rows = [self.t(n) for n in notes]
        if used:
            rows.append(
                self.t("“uses ") + self.assumed(used[0]).split(", ")[0] + self.t(
                    "” and the like: a factor was divided out because its sign is fixed on the "
                    "declared ranges; outside those ranges that step, and the condition, may not hold"
                )
            )
        self.items(rows)


def _eq(text: str) -> str:
    return text if text.startswith("≈") else "= " + text


def _regime_shown(r, shown, degenerate: bool):
    from dataclasses import replace

    return replace(r, equilibria=tuple(n for n in r.equilibria if shown(n)), degenerate=r.degenerate and degenerate)


def _joined(regimes):
    """Neighbouring regimes with the same equilibria shown, as one (points where the game is degenerate kept)."""
    from dataclasses import replace

    out = []
    for r in regimes:
        if out and out[-1].equilibria == r.equilibria and not r.degenerate and not out[-1].degenerate:
            r = replace(r, low=out[-1].low, low_closed=out[-1].low_closed)
            out.pop()
        out.append(r)
    return out


def _regime_words(r, x: str) -> str:
    """``0.3 < T < 0.44``, ``T = 0.3`` or ``T ≥ 1`` for a regime."""
    if r.low == r.high:
        return f"{x} = {num(r.low)}"
    left = "" if not r.low.is_finite else f"{num(r.low)} {'≤' if r.low_closed else '<'} "
    right = "" if not r.high.is_finite else f" {'≤' if r.high_closed else '<'} {num(r.high)}"
    return f"{left}{x}{right}"


def _player_of(label: str) -> str:
    return label.split(":", 1)[0]


def _set_words(s, x: str) -> str:
    """``0.44 ≤ T ≤ 1`` for a sympy set of values of ``x``."""
    import sympy

    if s is None:
        return "unknown"
    if s is sympy.EmptySet or s == sympy.EmptySet:
        return "nowhere"
    if isinstance(s, sympy.Interval):
        left = "" if s.start == -sympy.oo else f"{num(s.start)} {'<' if s.left_open else '≤'} "
        right = "" if s.end == sympy.oo else f" {'<' if s.right_open else '≤'} {num(s.end)}"
        if s.start == s.end:
            return f"{x} = {num(s.start)}"
        return f"{left}{x}{right}"
    if isinstance(s, sympy.FiniteSet):
        return " or ".join(f"{x} = {num(v)}" for v in s)
    if isinstance(s, sympy.Union):
        return " or ".join(_set_words(a, x) for a in s.args)
    return str(s)


def _wrap(text: str, width: int | None, indent: str, rest: str | None = None) -> list[str]:
    """``text`` wrapped to ``width`` (default: the page's), formulas marked by :meth:`_Writer.m` kept whole
    between their operators; an empty text is one empty line."""
    if not text.strip():
        return [""]
    return [line.rstrip() for line in layout.wrap(text, indent, rest, columns=width)]
