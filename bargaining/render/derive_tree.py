"""Renderer for the closed-form subgame-perfect play of a game tree (``derive`` on a tree).

The document follows the two-player one (:mod:`bargaining.render.derive`,
whose writer it extends): the symbolic parameters; the paths of play, each
with the subgame-perfect profiles that play it and, with ``--solve-for``, the
values of the parameter (the others at the file's values) where one does;
the stage games' equilibria, pure and mixed (with the mixes' closed
forms); every profile found somewhere in the
ranges with the conditions at its decision nodes, on the path and off it;
and the tipping points. Text, JSON, Markdown or LaTeX; the text form keeps
to the page's width. JSON is ``TreeDerivation.to_dict()`` unchanged.
"""

from __future__ import annotations

import json

from bargaining.render import layout
from bargaining.render.derive import _set_words, _wrap, _Writer, num

__all__ = ["render"]

WIDTH = None  # the page's width (bargaining.render.layout)


class _TWriter(_Writer):
    """The two-player writer with the sections of a game tree."""

    def __init__(self, d, form: str):
        super().__init__(d, form)
        # profiles with a witness, and those of paths that have none unless proved impossible
        unsure = {n for r in d.paths if not r.found and not r.impossible for n in r.profiles}
        self.found = [p for p in d.profiles if p.witness is not None or (p.name in unsure and not p.impossible)]
        names = {p.name for p in self.found}
        self.tipping_shown = {
            t.context for t in d.tipping if t.context in names and _set_words(t.interval_at_file, "x") != "nowhere"
        }

    def _impossible(self, name: str) -> bool:
        return any(p.impossible for p in self.d.profiles if p.name == name)

    def shown(self, name: str) -> bool:
        return name in self.tipping_shown

    def para(self, text: str) -> None:
        if self.form == "text":
            self.lines += _wrap(text, WIDTH, "")
        else:
            self.lines += [text, ""]

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
                f"\\title{{Subgame-perfect play in closed form: {self.t(d.title)}}}",
                r"\date{}",
                r"\begin{document}",
                r"\maketitle",
                "",
            ]
        else:
            self.heading(f"Subgame-perfect play: {d.title}", 0)
        self.header()
        self.paths()
        self.stages()
        self.profiles()
        if d.solve_for:
            self.thresholds()
        self.degenerate_sets()
        self.notes()
        if self.form == "latex":
            self.lines += [r"\end{document}"]
        return self.finish()

    def header(self) -> None:
        d = self.d
        self.para(self.t(f"From {d.source}, a game tree. Players: {', '.join(d.players)}."))
        self.parameters(labelled=False)

    def paths(self) -> None:
        d = self.d
        x = d.solve_for
        self.heading("1. Paths of play")
        self.para(self.t(
            "Each path is played in a subgame-perfect equilibrium where the conditions of one of its "
            "profiles (section 3) hold; a path that ends with \"mixed on\" reaches a stage game played in a "
            "mixed equilibrium, and play goes on by chance. ✓: at the file's values."
            + (f" With the other parameters at the file's values, the values of {x} where it is." if x else "")
        ))
        found = {p.name for p in self.found}
        impossible = [r for r in d.paths if r.impossible]
        unsure = [r for r in d.paths if not r.impossible and not r.found]
        count = f"{len(d.paths)} path(s) of play in all: {len(d.paths) - len(impossible)} below"
        if unsure:
            count += f" ({len(unsure)} with no parameter point found where it is played)"
        if impossible:
            count += (f"; {len(impossible)} path(s) are impossible (conditions contradictory: no point of the "
                      "ranges where all the conditions of a profile hold strictly), --format json lists them")
        self.para("")
        self.para(self.t(count + "."))
        for r in d.paths:
            if r.impossible:
                continue
            names = [n for n in r.profiles if n in found]
            if not names:
                names = [n for n in r.profiles if not self._impossible(n)]
            path = ", ".join(r.path) if r.path is not None else "(by chance)"
            mark = "  ✓" if r.at_file else ""
            rows = []
            if r.label:
                rows.append(self.t(r.label))
            if not r.found:
                rows.append(self.t("(no parameter point found where this holds; may be empty)"))
            rows.append(self.t(f"profiles: {', '.join(names)}"))
            if x:
                rows.append(self.t(f"{x}: {_set_words(r.set_at_file, x)}"))
                for t in r.thresholds:
                    rows.append(self.t(f"{x} = ") + self.m(t.bound.expr) + self.t(
                        f" = {num(t.bound.at_file)}: {t.label}"))
            head = f"{path}{mark}"
            if self.form == "text":
                self.lines += ["", head]
                for row in rows:
                    self.lines += _wrap(row, WIDTH, "    ", "      ")
            else:
                self._block(head, rows)

    def _conditions(self, conditions) -> list[str]:
        rows = []
        for c in conditions:
            if c.trivial:
                continue
            if self.form == "text":
                rows.append(c.label)
                rows.append("    " + self.cond(c.expr, c.rel))
            else:
                rows.append(self._condition_row(c))
        always = [c.label for c in conditions if c.trivial]
        if always:
            rows.append(self.t(f"always true in the ranges: {len(always)} more"))
        return rows

    def _text_block(self, head: str, rows: list[str]) -> None:
        if self.form == "text":
            self.lines += ["", head]
            for row in rows:
                self.lines += _wrap(row, WIDTH, "    ", "      ")
        else:
            self._block(head, rows)

    def stages(self) -> None:
        used = {n for p in self.found for n in p.stages}
        stages = [s for s in self.d.stages if s.name in used]
        if not stages:
            return
        self.heading("2. Stage games")
        self.para(self.t(
            "The equilibria of the simultaneous stage games that the profiles of section 3 play. Pure: no "
            "player at the node gains by switching alone (the payoff kept minus that of switching, ≥ 0). "
            "Mixed: each player's mix makes the other indifferent across the support; every probability is "
            "positive and no move outside the support gains."
        ))
        for s in stages:
            rows = []
            for player, mix in s.mixes:
                for move, q in mix:
                    rows.append(self.t(f"{player} plays {move} with probability ") + self.m(q.expr))
            rows += self._conditions(s.conditions)
            rows.append(self.t("at the file's values: an equilibrium ✓" if s.equilibrium_at_file
                               else "at the file's values: not an equilibrium"))
            self._text_block(s.name, rows)

    def profiles(self) -> None:
        d = self.d
        self.heading("3. Subgame-perfect profiles")
        self.para(self.t(
            "A profile is subgame-perfect when, at every node, on the path of play and off it, the move "
            "taken is a best reply given play after it: its stage equilibria (section 2) and, at each decision "
            "node, the condition that the continuation payoff kept minus that of switching is ≥ 0 (expected "
            "payoffs where a stage game after it is played mixed)."
        ))
        stage_nodes = {s.node for s in d.stages}
        for p in self.found:
            moves = [f"{n} → {m}" for n, m in p.plan if n not in stage_nodes]
            rows = [self.t("plays: " + "; ".join(moves))] if moves else []
            if p.stages:
                rows.append(self.t("stage equilibria: " + "; ".join(p.stages)))
            rows += self._conditions(p.decisions)
            rows.append(self.t(
                "at the file's values: subgame-perfect ✓" if p.equilibrium_at_file
                else "at the file's values: not subgame-perfect"
            ))
            self._text_block(f"{p.name}: {p.path_text}", rows)
        proved = sum(1 for p in d.profiles if p.impossible)
        missing = len(d.profiles) - len(self.found) - proved
        if missing or proved:
            parts = []
            if proved:
                parts.append(f"{proved} are impossible (conditions contradictory, proved)")
            if missing:
                parts.append(f"{missing} have no point of the ranges found where all their conditions hold "
                             "(sampled, not proved)")
            self.para("")
            self.para(self.t(
                f"{proved + missing} further profile(s): " + "; ".join(parts) + "; --format json lists them."
            ))

    def thresholds(self) -> None:
        d = self.d
        x = d.solve_for
        if not d.boundaries:
            return
        self.heading(f"4. Tipping points in {x}, by value at the file's values")
        self.para(self.t(
            f"Every condition above solved for {x}; each value is the closed form's at the file's values. "
            "--format json gives each profile's bounds."
        ))
        for b in d.boundaries:
            value = num(b.bound.at_file) if b.bound.at_file is not None or not b.bound.note else b.bound.note
            head = self.t(f"{x} = ") + self.m(b.bound.expr) + self.t(f"   [file: {value}]")
            rows = [self.t("; ".join(b.labels))]
            if self.form == "text":
                self.lines += _wrap(head, WIDTH, "  ", "    ")
                self.lines += _wrap(rows[0], WIDTH, "      ", "      ")
            else:
                self.items([head + self.t(": ") + rows[0]])

    def degenerate_sets(self) -> None:
        d = self.d
        if not d.degenerate:
            return
        self.heading("Where the description stops")
        self.para(self.t(
            "On each boundary below a stage game is degenerate (its equilibria may form a continuum) or a move "
            "or stage profile ties with another (optimal only there, so no profile above plays it): more "
            "subgame-perfect equilibria may exist there; `solve` at such a point lists them."
        ))
        rows = []
        for g in d.degenerate:
            where = " and ".join(self.rel(c.expr, "==") for c in g.equations)
            rows.append(self.t(f"{g.name}: ") + where + self.t(f" ({g.reason})"))
        if self.form == "text":
            for row in rows:
                self.lines += _wrap(row, WIDTH, "  - ", "    ")
        else:
            self.items(rows)
        if d.degenerate_at_file:
            where = "; ".join(dict.fromkeys(
                " and ".join(self.rel(c.expr, "==") for c in g.equations)
                for g in d.degenerate if g.name in d.degenerate_at_file
            ))
            self.para("")
            self.para(self.t("Degenerate stage game at the file's values: conditions hold on the boundary ")
                      + where + self.t(" (see solve for the components)."))

    def notes(self) -> None:
        self.heading("Notes")
        if self.form == "text":
            for n in self.d.notes:
                self.lines += _wrap(n, WIDTH, "  - ", "    ")
        else:
            self.items([self.t(n) for n in self.d.notes])

    def _bounds(self, thresholds, binding) -> list[str]:
        rows = super()._bounds(thresholds, binding)
        if self.form != "text":
            return rows
        out = []
        for r in rows:
            out += _wrap(r.strip(), layout.width() - 4, "", "    ")
        return out


def render(derivation, fmt: str = "text") -> str:
    """The derivation of a game tree as ``text``, ``json``, ``markdown`` or ``latex`` (a complete document).

    Examples
    --------
    >>> from bargaining.io.gamefile import load_model
    >>> from bargaining.symbolic.tree import derive_tree
    >>> text = render(derive_tree(load_model("games/treaty_proposal.toml"), keep=["T"]))
    >>> print(text.splitlines()[0])
    Subgame-perfect play: Treaty proposal: Russia proposes, China ratifies
    >>> max(len(line) for line in text.splitlines()) <= 80
    True
    """
    if fmt == "json":
        return json.dumps(derivation.to_dict(), indent=2, ensure_ascii=False) + "\n"
    return _TWriter(derivation, fmt if fmt in ("markdown", "latex") else "text").document()
