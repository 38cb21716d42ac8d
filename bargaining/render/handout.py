r"""Renderers for a :class:`~bargaining.analysis.handout.Handout`: Markdown and a complete LaTeX document.

The sheet is first laid out as blocks (paragraphs, lists, tables, questions
and their answers) whose text is a sequence of *parts*: plain text, numbers
(:class:`_N`), strategy or profile names (:class:`_S`) and parameter names
(:class:`_P`). Each format then writes the same blocks its own way, numbers as
``22/45`` in Markdown and ``$\tfrac{22}{45}$`` in LaTeX, so that the two
sheets say the same thing. The LaTeX document uses only packages of a basic
TeX Live (``texlive-latex-base`` and ``texlive-latex-recommended``) and
compiles with ``pdflatex`` or ``lualatex``.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from bargaining.errors import InputError
from bargaining.numbers import decimal, exact, latex_number
from bargaining.render.words import latex_escape

__all__ = ["render", "FORMATS"]

FORMATS = ("markdown", "latex")


# ----------------------------------------------------------------------------- parts


@dataclass(frozen=True)
class _N:
    """A number; ``decimal`` also shows a fraction's decimal value."""

    value: Any
    decimal: bool = False


@dataclass(frozen=True)
class _S:
    """A strategy or profile name."""

    text: str


@dataclass(frozen=True)
class _P:
    """A parameter name."""

    text: str


@dataclass(frozen=True)
class _F:
    """A formula in the game's parameters: its text and its LaTeX."""

    text: str
    latex: str


def _profile(g, i, j) -> _S:
    return _S(f"({g.strategies[0][i]}, {g.strategies[1][j]})")


def _join(items: list[list], last: str = "and") -> list:
    """``a``, ``a and b``, ``a, b and c`` as parts."""
    out: list = []
    for k, item in enumerate(items):
        if k:
            out.append(f" {last} " if k == len(items) - 1 else ", ")
        out.extend(item)
    return out


# ----------------------------------------------------------------------------- blocks


@dataclass(frozen=True)
class _Para:
    parts: tuple


@dataclass(frozen=True)
class _Items:
    items: tuple[tuple, ...]


@dataclass(frozen=True)
class _Params:
    rows: tuple[tuple[str, Fraction, str, bool], ...]  # name, value, label, set for this sheet


@dataclass(frozen=True)
class _Bimatrix:
    marks: bool


@dataclass(frozen=True)
class _Question:
    number: int
    title: str
    parts: tuple
    answer: tuple  # blocks
    after: tuple = ()  # blocks that belong to the question (the formulas it is answered from)


def _p(*parts) -> _Para:
    return _Para(tuple(parts))


# ----------------------------------------------------------------------------- the sheet's content


def _best_response_answer(h) -> list:
    ex, g = h.explanation, h.game
    items = []
    for br in ex.best_responses:
        p, t = br.player, br.against
        own, other = g.strategies[p], g.strategies[1 - p]
        best = [own[k] for k in br.best]
        verb = "best response is" if len(best) == 1 else "best responses are"
        rest = [[_S(own[k]), " ", _N(br.payoffs[k])] for k in range(len(own)) if k not in br.best]
        line = [f"Against {g.players[1 - p]}'s ", _S(other[t]), f", {g.players[p]}'s {verb} "]
        line += _join([[_S(s)] for s in best])
        line += [" (", _N(br.payoffs[br.best[0]])]
        if rest:
            line += ["; "] + _join(rest, "and")
        line += [")."]
        items.append(tuple(line))
    return [
        _Items(tuple(items)),
        _p("In the table, the best responses are marked (bold and underlined):"),
        _Bimatrix(True),
    ]


def _pure_answer(h) -> list:
    ex, g = h.explanation, h.game
    pure = [(k, e) for k, e in enumerate(h.solution.equilibria) if e.pure]
    if not pure:
        return [_p("None: in every cell at least one player has a better reply, so no pure profile is an equilibrium.")]
    names = [[_profile(g, *e.profile())] for _, e in pure]
    if len(pure) == 1:
        out = [_p(*names[0], " is the only pure Nash equilibrium: it is the only cell where both payoffs are marked, "
                  "each player's strategy a best response to the other's.")]
    else:
        out = [_p("The pure Nash equilibria are ", *_join(names), ": the cells where both payoffs are marked, "
                  "each player's strategy a best response to the other's.")]
    items = []
    for k, e in pure:
        i, j = e.profile()
        line: list = ["At ", _profile(g, i, j), ": "]
        for p, check in enumerate(ex.checks[k]):
            own = g.strategies[p]
            others = [[_S(own[o.strategy]), " ", _N(o.payoff)] for o in check.options if not o.played]
            if p:
                line.append("; ")
            line += [f"{g.players[p]} gets ", _N(check.payoff)]
            if others:
                line += [", and would get "] + _join(others, "or") + [" by switching"]
        items.append(tuple(line + ["."]))
    out.append(_Items(tuple(items)))
    if h.solution.degenerate:
        out.append(_p("Note: at these values the game is degenerate (some player is indifferent between two replies), "
                      "so equilibria can form continua; the exact solver lists them with solve."))
    return out


def _mixed_question(h) -> tuple[str, tuple, list]:
    g = h.game
    mixed = [(k, e) for k, e in enumerate(h.solution.equilibria) if not e.pure]
    if not mixed:
        question = (
            f"Is there a Nash equilibrium in which {g.players[0]} or {g.players[1]} mixes, playing more than one "
            "strategy with positive probability? Explain.",
        )
        return "Mixed equilibria", question, _no_mixed_answer(h)
    k, e = mixed[0]
    supports = []
    for p in range(2):
        names = [[_S(g.strategies[p][q])] for q in e.support(p)]
        supports.append([f"{g.players[p]} mixes between "] + _join(names) if len(names) > 1
                        else [f"{g.players[p]} plays ", *names[0]])
    more = f" (the game has {len(mixed)} such equilibria; find this one)" if len(mixed) > 1 else ""
    question = ("Find the mixed Nash equilibrium in which ", *supports[0], " and ", *supports[1], more,
                ". Hint: a player mixes only between strategies that pay the same, so each player's "
                "probabilities make the other indifferent.")
    return "The mixed equilibrium", question, _mixed_answer(h, k, e)


def _mixed_answer(h, k, e) -> list:
    g = h.game
    out = []
    for ind in h.explanation.indifferences[k]:
        mixer, player = g.players[ind.mixer], g.players[ind.player]
        own, other = g.strategies[ind.player], g.strategies[ind.mixer]
        strategies = [[_S(own[s])] for s, _, _ in ind.rows]
        out.append(_p(f"{mixer}'s mix must make {player} indifferent between ", *_join(strategies), "."))
        if ind.two_by_two is not None:
            L1, L2, q = ind.two_by_two
            (t1, _), (t2, _) = ind.mixture
            (s1, pays1, _), (s2, pays2, _) = ind.rows
            out.append(_Items((
                (f"If {mixer} plays ", _S(other[t1]), f" with probability q, {player}'s ", _S(own[s1]), " pays ",
                 _N(pays1[0]), "·q + ", _N(pays1[1]), "·(1 − q) and ", _S(own[s2]), " pays ",
                 _N(pays2[0]), "·q + ", _N(pays2[1]), "·(1 − q)."),
                ("Against ", _S(other[t1]), f", {player}'s ", _S(own[s1]), " gains ", _N(L1), " over ", _S(own[s2]),
                 "; against ", _S(other[t2]), ", ", _S(own[s2]), " gains ", _N(L2), " over ", _S(own[s1]), "."),
                ("The two are equal when q = ", _N(L2), " / (", _N(L1), " + ", _N(L2), ") = ", _N(q, True), "."),
            )))
        else:
            mix = [[_S(other[t]), " ", _N(p, True)] for t, p in ind.mixture]
            pays = [[_S(own[s]), " pays ", _N(v)] for s, _, v in ind.rows]
            out.append(_p(f"Solving the indifference equations with the probabilities summing to 1 gives {mixer} ",
                          *_join(mix), "; then ", *_join(pays), "."))
    parts = []
    for p in range(2):
        s = e.strategy(p)
        parts.append(
            [f"{g.players[p]} plays "]
            + _join([[_S(g.strategies[p][q]), " with probability ", _N(s[q], True)] for q in e.support(p)])
        )
    out.append(_p("The mixed equilibrium: ", *parts[0], "; ", *parts[1], ". Expected payoffs: ",
                  _N(e.payoffs[0], True), f" for {g.players[0]}, ", _N(e.payoffs[1], True), f" for {g.players[1]}."))
    return out


def _no_mixed_answer(h) -> list:
    g = h.game
    dom = h.explanation.dominance
    if dom.steps:
        items = []
        for step in dom.steps:
            own = g.strategies[step.player]
            if step.mixed:
                by = ["a mixture of "] + _join([[_S(own[q]), " ", _N(p)] for q, p in step.by])
            else:
                by = [_S(own[step.by[0][0]])]
            margins = [[_N(m)] for m in step.margins]
            items.append((f"{g.players[step.player]}'s ", _S(own[step.strategy]), " is strictly dominated by ", *by,
                          " (it pays less by ", *_join(margins), " against the strategies still in play)."))
        left = [[f"{g.players[p]}: "] + _join([[_S(g.strategies[p][q])] for q in dom.surviving[p]]) for p in range(2)]
        out = [_p("No. Eliminate strictly dominated strategies, one after another:"), _Items(tuple(items)),
               _p("What is left: ", *left[0], "; ", *left[1], ". A strictly dominated strategy is never played "
                  "with positive probability in an equilibrium.")]
        if dom.solved:
            out.append(_p("One strategy is left for each player, so the game has exactly one equilibrium, "
                          "and it is pure: nobody mixes."))
        else:
            out.append(_p("Among the strategies left, the complete enumeration of equilibria (exact, every support) "
                          "finds only the pure equilibria above: nobody mixes."))
        return out
    return [_p("No. No strategy is strictly dominated, but the complete enumeration of equilibria (exact, every "
               "pair of supports) finds only the pure equilibria above: for every pair of supports with more than "
               "one strategy, the indifference conditions have no solution with positive probabilities that "
               "no other strategy beats.")]


def _selection_answer(h, hunt) -> list:
    g, eqs = h.game, h.solution.equilibria
    e1, e2 = eqs[hunt.first], eqs[hunt.second]
    a, b = _profile(g, *e1.profile()), _profile(g, *e2.profile())
    out = []
    if hunt.payoff_dominant is not None:
        better, worse = (e1, e2) if hunt.payoff_dominant == hunt.first else (e2, e1)
        name = a if better is e1 else b
        out.append(_p("Payoff dominance: ", name, " gives both players more (", _N(better.payoffs[0]), " against ",
                      _N(worse.payoffs[0]), f" for {g.players[0]}, ", _N(better.payoffs[1]), " against ",
                      _N(worse.payoffs[1]), f" for {g.players[1]}), so it is payoff-dominant."))
    else:
        out.append(_p("Payoff dominance: neither gives both players more, so neither is payoff-dominant."))
    (l1r, l1c), (l2r, l2c) = hunt.losses
    out.append(_p("Risk dominance compares the products of the players' losses from deviating alone: at ", a, " ",
                  _N(l1r), " × ", _N(l1c), " = ", _N(hunt.products[0]), "; at ", b, " ", _N(l2r), " × ", _N(l2c),
                  " = ", _N(hunt.products[1]), "."))
    if hunt.risk_dominant is None:
        out.append(_p("The products are equal: neither is risk-dominant."))
    else:
        out.append(_p(a if hunt.risk_dominant == hunt.first else b, " has the larger product, so it is risk-dominant."))
    s1 = e1.profile()
    out.append(
        _p(
            f"Equivalently, {g.players[0]} prefers ",
            _S(g.strategies[0][s1[0]]),
            f" only if it believes {g.players[1]} plays ",
            _S(g.strategies[1][s1[1]]),
            " with probability at least ",
            _N(hunt.thresholds[0], True),
            f"; {g.players[1]} needs ",
            _N(hunt.thresholds[1], True),
            ".",
        )
    )
    return out


def _threshold_question(h) -> tuple[str, tuple, list, list]:
    t = h.threshold
    g = h.game
    name = _profile(g, *t.profile)
    label = f" ({t.label})" if t.label else ""
    question = ("Keep the other parameters at their values. For which values of ", _P(t.parameter), label,
                " between ", _N(t.range[0]), " and ", _N(t.range[1]), " is ", name,
                " a Nash equilibrium? Write each player's no-deviation condition as a bound on ", _P(t.parameter),
                ", first in the game's parameters, then at their values. Which condition binds?")
    after = []
    if t.cells:
        after.append(_p("The payoffs that decide it, in the game's parameters:"))
        after.append(_Items(tuple((f"{c.player} at ", _S(c.profile), ": ", _F(c.formula, c.latex)) for c in t.cells)))
    out = [_p(name, " is an equilibrium when no player gains by switching away from it. With the other parameters "
                    "fixed, each condition is a bound on ", _P(t.parameter), ":")]
    if t.bounds:
        rel = {">=": " ≥ ", "<=": " ≤ "}
        out.append(
            _Items(tuple(
                (f"{b.label}: ", _P(t.parameter), rel[b.relation],
                 *((_F(b.formula, b.latex), " = ") if b.formula is not None else ()), _N(b.value, True))
                for b in t.bounds
            ))
        )
    else:
        out.append(_p("(no condition changes on this range)"))
    if t.interval is None:
        out.append(_p("They never hold together on this range: ", name, " is not an equilibrium for any value of ",
                      _P(t.parameter), " from ", _N(t.range[0]), " to ", _N(t.range[1]), "."))
    else:
        lo, hi = t.interval
        out.append(_p("All hold together for ", _N(lo, True), " ≤ ", _P(t.parameter), " ≤ ", _N(hi, True), "."))
        if t.binding:
            binding = [[b.label] for b in (t.bounds[k] for k in t.binding)]
            out.append(_p("The binding condition: ", *_join(binding), "."))
    where = "is" if t.at_file else "is not"
    line = ["At the sheet's value ", _P(t.parameter), " = ", _N(t.value), ", ", name, f" {where} an equilibrium"]
    if not t.at_file and t.interval is not None:
        edge = t.interval[0] if t.value < t.interval[0] else t.interval[1]
        line += [
            f"; {t.parameter} would have to {'rise' if edge > t.value else 'fall'} by ",
            _N(abs(edge - t.value), True),
        ]
    out.append(_p(*line, "."))
    if t.method == "symbolic":
        out.append(_p("(Exact: each bound is the no-deviation condition solved in closed form.)"))
    elif t.exact:
        out.append(_p("(Exact: each condition was evaluated exactly on a grid, and each change of sign is where "
                      "the condition, linear there, is exactly zero.)"))
    else:
        out.append(_p("(Found numerically: each condition was evaluated exactly on a grid and its sign change narrowed "
                      "by bisection; each bound is shown as the simplest fraction within 2^-50 of the range.)"))
    return "A threshold", question, out, after


def _blocks(h, answers: bool) -> tuple[list, list]:
    """The sheet's introduction and its questions."""
    g, model = h.game, h.model
    intro: list = []
    if model.description:
        intro += [_p(par) for par in model.description.split("\n\n")]
    if model.parameters:
        intro.append(_p("The parameters:"))
        intro.append(_Params(tuple((n, p.value, p.label, n in h.changed) for n, p in model.parameters.items())))
    intro.append(_p(f"{g.players[0]} chooses a row, {g.players[1]} a column; each cell gives {g.players[0]}'s payoff, "
                    f"then {g.players[1]}'s."))
    intro.append(_Bimatrix(False))

    questions = []

    def ask(title, parts, answer, after=()):
        questions.append(_Question(len(questions) + 1, title, tuple(parts), tuple(answer) if answers else (),
                                   tuple(after)))

    ask("Best responses",
        (f"For each strategy of {g.players[1]}, find {g.players[0]}'s best response(s); for each strategy of "
         f"{g.players[0]}, find {g.players[1]}'s. Mark them in the table.",),
        _best_response_answer(h))
    ask("Pure equilibria", ("Which pure-strategy profiles are Nash equilibria? For each, say why neither player "
                            "gains by switching.",), _pure_answer(h))
    title, parts, answer = _mixed_question(h)
    ask(title, parts, answer)
    for hunt in h.explanation.stag_hunts[:1]:
        eqs = h.solution.equilibria
        a, b = _profile(g, *eqs[hunt.first].profile()), _profile(g, *eqs[hunt.second].profile())
        ask("Which equilibrium?", (a, " and ", b, " are both strict equilibria. Is one of them payoff-dominant? "
                                   "Which is risk-dominant (Harsanyi and Selten)? Which would you expect the players "
                                   "to reach, and why?"), _selection_answer(h, hunt))
    if h.threshold is not None:
        title, parts, answer, after = _threshold_question(h)
        ask(title, parts, answer, after)
    return intro, questions


def _title(title: str) -> str:
    return title if title.endswith(("?", ".")) else title + "."


# ----------------------------------------------------------------------------- Markdown


def _md(parts) -> str:
    out = []
    for x in parts:
        if isinstance(x, _N):
            text = exact(x.value)
            out.append(f"{text} ({decimal(x.value)})" if x.decimal and "/" in text else text)
        elif isinstance(x, _S):
            out.append(f"*{x.text}*")
        elif isinstance(x, _P):
            out.append(f"`{x.text}`")
        elif isinstance(x, _F):
            out.append(f"`{x.text}`")
        else:
            out.append(str(x))
    return "".join(out)


def _md_cell(text: str) -> str:
    from bargaining.render.words import md_escape

    return md_escape(text)


def _md_bimatrix(g, marks: bool) -> list[str]:
    row_marks, col_marks = g.best_response_marks() if marks else (None, None)
    lines = [f"| {_md_cell(g.players[0])} \\ {_md_cell(g.players[1])} | "
             + " | ".join(_md_cell(s) for s in g.strategies[1]) + " |",
             "|---" + "|:---:" * len(g.strategies[1]) + "|"]
    for i, s in enumerate(g.strategies[0]):
        cells = []
        for j in range(len(g.strategies[1])):
            a, b = exact(g.A[i][j]), exact(g.B[i][j])
            if marks:
                a = f"**{a}**" if row_marks[i][j] else a
                b = f"**{b}**" if col_marks[i][j] else b
            cells.append(f"{a} ; {b}")
        lines.append(f"| **{_md_cell(s)}** | " + " | ".join(cells) + " |")
    return lines


def _md_blocks(blocks, g, quote: str = "") -> list[str]:
    lines: list[str] = []
    for b in blocks:
        if isinstance(b, _Para):
            lines += [_md(b.parts), ""]
        elif isinstance(b, _Items):
            lines += [f"- {_md(item)}" for item in b.items] + [""]
        elif isinstance(b, _Params):
            lines += ["| parameter | value | meaning |", "|---|---|---|"]
            for name, value, label, changed in b.rows:
                lines.append(
                    f"| `{name}` | {exact(value)}{' (set for this sheet)' if changed else ''} | {_md_cell(label)} |"
                )
            lines.append("")
        elif isinstance(b, _Bimatrix):
            lines += _md_bimatrix(g, b.marks) + [""]
    while lines and lines[-1] == "":
        lines.pop()
    return [f"{quote}{line}".rstrip() if quote else line for line in lines]


def _markdown(h, answers: bool) -> str:
    intro, questions = _blocks(h, answers)
    g = h.game
    heading = "Exercise sheet with answers" if answers else "Exercise sheet"
    lines = [f"# {heading}: {h.model.title}", ""]
    lines += _md_blocks(intro, g) + ["", "## Questions", ""]
    for q in questions:
        lines += [f"**{q.number}. {_title(q.title)}** {_md(q.parts)}", ""]
        if q.after:
            lines += _md_blocks(q.after, g) + [""]
        if q.answer:
            lines += ["> **Answer.**", ">"] + _md_blocks(q.answer, g, quote="> ") + [""]
    return "\n".join(lines).rstrip() + "\n"


# ----------------------------------------------------------------------------- LaTeX

_UNICODE = {"≥": r"$\geq$", "≤": r"$\leq$", "×": r"$\times$", "·": r"$\cdot$", "−": r"$-$", "→": r"$\to$"}


def _tex_text(text: str) -> str:
    return "".join(_UNICODE.get(ch, ch) for ch in latex_escape(text))


def _tex_number(x: _N) -> str:
    text = f"${latex_number(x.value)}$"
    if x.decimal and not isinstance(x.value, float) and "/" in exact(x.value):
        text += f" (${decimal(x.value)}$)"
    return text


def _tex(parts) -> str:
    out = []
    for x in parts:
        if isinstance(x, _N):
            out.append(_tex_number(x))
        elif isinstance(x, _S):
            out.append(f"\\emph{{{_tex_text(x.text)}}}")
        elif isinstance(x, _P):
            out.append(f"\\texttt{{{latex_escape(x.text)}}}")
        elif isinstance(x, _F):
            out.append(f"${x.latex}$")
        else:
            out.append(_tex_text(str(x)))
    return "".join(out)


def _tex_bimatrix(g, marks: bool) -> list[str]:
    row_marks, col_marks = g.best_response_marks() if marks else (None, None)
    m, n = g.shape

    def cell(v, marked):
        return f"\\underline{{$\\mathbf{{{latex_number(v)}}}$}}" if marked else f"${latex_number(v)}$"

    lines = [r"\begin{center}", r"\renewcommand{\arraystretch}{1.5}",
             r"\begin{tabular}{r|" + "c|" * n + "}",
             f"\\multicolumn{{1}}{{r}}{{{_tex_text(g.players[0])} $\\backslash$ {_tex_text(g.players[1])}}} & "
             + " & ".join(f"\\multicolumn{{1}}{{c}}{{\\emph{{{_tex_text(s)}}}}}" for s in g.strategies[1]) + r" \\",
             r"\cline{2-" + str(n + 1) + "}"]
    for i in range(m):
        cells = [
            f"{cell(g.A[i][j], marks and row_marks[i][j])}, {cell(g.B[i][j], marks and col_marks[i][j])}"
            for j in range(n)
        ]
        lines.append(
            f"\\emph{{{_tex_text(g.strategies[0][i])}}} & " + " & ".join(cells) + r" \\ \cline{2-" + str(n + 1) + "}"
        )
    lines += [r"\end{tabular}", r"\end{center}"]
    return lines


def _tex_blocks(blocks, g) -> list[str]:
    lines: list[str] = []
    for b in blocks:
        if isinstance(b, _Para):
            lines += [_tex(b.parts), ""]
        elif isinstance(b, _Items):
            lines += [r"\begin{itemize}"] + [f"  \\item {_tex(item)}" for item in b.items] + [r"\end{itemize}", ""]
        elif isinstance(b, _Params):
            lines += [r"\begin{center}", r"\begin{tabular}{llp{0.62\textwidth}}", r"\toprule",
                      r"parameter & value & meaning \\", r"\midrule"]
            for name, value, label, changed in b.rows:
                note = " (set for this sheet)" if changed else ""
                lines.append(
                    f"\\texttt{{{latex_escape(name)}}} & ${latex_number(value)}${note} & {_tex_text(label)} \\\\"
                )
            lines += [r"\bottomrule", r"\end{tabular}", r"\end{center}", ""]
        elif isinstance(b, _Bimatrix):
            lines += _tex_bimatrix(g, b.marks) + [""]
    return lines


def _latex(h, answers: bool) -> str:
    intro, questions = _blocks(h, answers)
    g = h.game
    heading = "Exercise sheet with answers" if answers else "Exercise sheet"
    lines = [
        r"\documentclass[11pt,a4paper]{article}",
        r"\usepackage[T1]{fontenc}",
        r"\usepackage[utf8]{inputenc}",
        r"\usepackage{lmodern}",
        r"\usepackage{amsmath}",
        r"\usepackage{booktabs}",
        r"\usepackage[margin=2.3cm]{geometry}",
        r"\setlength{\parindent}{0pt}",
        r"\setlength{\parskip}{0.5em}",
        r"\begin{document}",
        "",
        f"\\section*{{{heading}: {_tex_text(h.model.title)}}}",
        "",
    ]
    lines += _tex_blocks(intro, g)
    lines += [r"\subsection*{Questions}", "", r"\begin{enumerate}", ""]
    for q in questions:
        lines += [f"\\item \\textbf{{{_tex_text(_title(q.title))}}} {_tex(q.parts)}", ""]
        if q.after:
            lines += _tex_blocks(q.after, g)
        if q.answer:
            lines += [r"\begin{quote}", r"\textbf{Answer.}", ""] + _tex_blocks(q.answer, g) + [r"\end{quote}", ""]
    lines += [r"\end{enumerate}", "", r"\end{document}"]
    return "\n".join(lines) + "\n"


def render(h, fmt: str = "markdown", *, answers: bool = False) -> str:
    """Write a handout as ``markdown`` or as a complete ``latex`` document.

    Examples
    --------
    >>> from bargaining.io.gamefile import load_model
    >>> from bargaining.analysis.handout import handout
    >>> h = handout(load_model("games/baseline.toml"), method="bisection")
    >>> text = render(h, "markdown", answers=True)
    >>> text.splitlines()[0]
    '# Exercise sheet with answers: Baseline: deep alignment without a treaty'
    >>> "> - Russia: ally rather than align: `T` ≥ `(a*j + e_R + r + w_R - lam*w_R)/(1 - lam)` = 0.888" in text
    True
    """
    if fmt not in FORMATS:
        raise InputError(f"unknown handout format {fmt!r}; formats: {', '.join(FORMATS)}")
    return {"markdown": _markdown, "latex": _latex}[fmt](h, answers)
