"""Renderers for an :class:`~bargaining.analysis.explain.Explanation`: plain text and Markdown.

The walk-through is first laid out as a list of blocks (headings, paragraphs,
lists, tables, lines of working), then written out in either format, so that
the two say the same thing. No computation happens here beyond arithmetic on
numbers the explanation already holds (differences shown in the working).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from fractions import Fraction

from bargaining.numbers import exact, exact_and_decimal
from bargaining.render import layout

__all__ = ["render"]


# ----------------------------------------------------------------------------- blocks


@dataclass(frozen=True)
class _Heading:
    level: int
    text: str


@dataclass(frozen=True)
class _Para:
    text: str
    indent: int = 0


@dataclass(frozen=True)
class _Items:
    items: tuple[str, ...]
    indent: int = 0


@dataclass(frozen=True)
class _Table:
    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    indent: int = 0


@dataclass(frozen=True)
class _Working:
    """Lines of working, kept as they are (a derivation at the board)."""

    lines: tuple[str, ...]
    indent: int = 0


def _f(q) -> str:
    """A number as a factor in a product: negative ones in brackets."""
    text = exact(q)
    return f"({text})" if text.startswith("-") else text


def _sum_text(parts, values: bool) -> str:
    out = []
    for k, part in enumerate(parts):
        item = exact(part.value) if values else part.text
        if values and isinstance(part.value, Fraction) and part.value < 0:
            item = f"({item})"
        if k == 0:
            out.append(item if part.sign > 0 else f"-{item}")
        else:
            out.append(("+ " if part.sign > 0 else "- ") + item)
    return " ".join(out)


def _profile(g, i, j) -> str:
    return f"({g.strategies[0][i]}, {g.strategies[1][j]})"


def _reading(ex, e) -> str:
    g = ex.game
    if e.pure:
        i, j = e.profile()
        return ex.model.outcomes.get((g.strategies[0][i], g.strategies[1][j]), "")
    return ""


def _eq_name(ex, k) -> str:
    g = ex.game
    e = ex.solution.equilibria[k]
    if e.pure:
        return _profile(g, *e.profile())
    return f"the mixed equilibrium (#{k + 1})"


def _listing(words) -> str:
    words = list(words)
    if len(words) <= 1:
        return "".join(words)
    return ", ".join(words[:-1]) + " and " + words[-1]


def _percent(q) -> str:
    return f"{float(q) * 100:.0f}%"


# ----------------------------------------------------------------------------- the walk-through


def _blocks(ex) -> list:
    g = ex.game
    m = ex.model
    P = g.players
    S = g.strategies
    out: list = [_Heading(1, m.title)]
    if m.description:
        out.append(_Para(m.description))
    if m.expectation:
        out.append(_Para(f"The study expects: {m.expectation}."))

    parent = m.parent_values or {}
    rows = []
    for name, p in m.parameters.items():
        note = ""
        if parent and parent.get(name) != p.value:
            note = f"(was {exact(parent[name])} in the parent file)" if parent.get(name) is not None else "(new here)"
        elif name in m.overrides:
            note = "(set on the command line)"
        rows.append((name, exact(p.value), p.label, note))
    out.append(_Para("Parameters:"))
    out.append(_Table(("name", "value", "meaning", ""), tuple(rows), indent=2))

    # 1 -------------------------------------------------------------- payoffs
    out.append(_Heading(2, "1. Where each payoff comes from"))
    out.append(
        _Para(
            "Each payoff is a sum of named terms, read straight from the game file: benefits are added, "
            "costs subtracted. The terms, at these parameter values:"
        )
    )
    out.append(
        _Table(
            ("term", "formula", "value", "meaning"),
            tuple(
                (t.name, t.formula if t.kind == "term" else "(parameter)", exact(t.value), t.label) for t in ex.terms
            ),
            indent=2,
        )
    )
    mm, nn = g.shape
    for p in range(2):
        out.append(_Para(f"{P[p]}'s payoff in each cell ({P[0]}'s strategy first):"))
        lines = []
        for i in range(mm):
            for j in range(nn):
                c = ex.cell(p, i, j)
                head = f"{_profile(g, i, j):<18}"
                if len(c.parts) == 1 and c.parts[0].kind == "number":
                    lines.append(f"{head}{exact(c.payoff)}")
                    continue
                lines.append(f"{head}{_sum_text(c.parts, values=False)}")
                tail = f" = {exact(c.payoff)}" if len(c.parts) > 1 else ""
                lines.append(f"{'':<18}= {_sum_text(c.parts, values=True)}{tail}")
        out.append(_Working(tuple(lines), indent=2))
    if not all(c.exact for c in ex.cells):
        out.append(_Para("Note: some parts are irrational (a square root); their sum is shown rounded."))

    row_marks, col_marks = g.best_response_marks()
    header = (f"{P[0]} \\ {P[1]}",) + S[1]
    trows = []
    for i in range(mm):
        cells = []
        for j in range(nn):
            a = exact(g.A[i][j]) + ("*" if row_marks[i][j] else "")
            b = exact(g.B[i][j]) + ("*" if col_marks[i][j] else "")
            cells.append(f"{a} ; {b}")
        trows.append((S[0][i],) + tuple(cells))
    out.append(_Para(f"The whole game: payoffs ({P[0]} ; {P[1]}); * marks a best response to the other's strategy."))
    out.append(_Table(header, tuple(trows), indent=2))

    # 2 -------------------------------------------------------------- best responses, dominance
    out.append(_Heading(2, "2. Best responses and dominated strategies"))
    out.append(
        _Para(
            "A best response is a strategy that pays most against a given strategy of the other player. "
            "(Ties list every best strategy.)"
        )
    )
    for p in range(2):
        rows = []
        for b in ex.best_responses:
            if b.player != p:
                continue
            pays = ", ".join(f"{s} {exact(v)}" for s, v in zip(S[p], b.payoffs))
            rows.append((S[1 - p][b.against], pays, _listing(S[p][k] for k in b.best)))
        out.append(_Para(f"{P[p]}'s best responses:"))
        out.append(_Table((f"if {P[1 - p]} plays", f"{P[p]} gets", "best response"), tuple(rows), indent=2))

    d = ex.dominance
    out.append(
        _Para(
            "Iterated elimination of strictly dominated strategies. A strategy is strictly dominated when another "
            "pays strictly more whatever the other player does; no rational player uses it, so we cross it out, "
            "and look again at the smaller game."
        )
    )
    steps = []
    for k, s in enumerate(d.steps, 1):
        p = s.player
        if s.mixed:
            by = "the mixture " + " + ".join(f"{exact(q)} {S[p][i]}" for i, q in s.by)
        else:
            by = S[p][s.by[0][0]]
        if len(s.against) == 1:
            margins = (
                f"{exact(s.margins[0])} more against {P[1 - p]}'s only remaining strategy, {S[1 - p][s.against[0]]}"
            )
        else:
            margins = ", ".join(
                f"{exact(v)} more if {P[1 - p]} plays {S[1 - p][t]}" for t, v in zip(s.against, s.margins)
            )
        gone = [S[x.player][x.strategy] for x in d.steps[: k - 1] if x.player != p]
        verb = "is" if len(gone) == 1 else "are"
        context = f" (now that {P[1 - p]}'s {_listing(gone)} {verb} crossed out)" if gone else ""
        steps.append(
            f"Step {k}. {P[p]}'s {S[p][s.strategy]} is strictly dominated by {by}{context}: "
            f"{by} pays {margins}. Cross out {P[p]}'s {S[p][s.strategy]}."
        )
    if not steps:
        steps.append("No strategy is strictly dominated.")
    out.append(_Items(tuple(steps), indent=2))
    left = "; ".join(f"{P[p]} {{{', '.join(S[p][k] for k in d.surviving[p])}}}" for p in range(2))
    checked = "by a pure strategy or by a mixture of strategies" if d.mixed else "by a pure strategy"
    if d.solved:
        i, j = d.surviving[0][0], d.surviving[1][0]
        out.append(
            _Para(
                f"What is left: {left}. The game is solved by dominance alone: {_profile(g, i, j)} is the only "
                "outcome rational players can reach, and so the only equilibrium."
            )
        )
    else:
        out.append(
            _Para(
                f"What is left: {left}. Nothing more is strictly dominated ({checked}), so dominance alone does "
                "not decide the game: we need the equilibria."
            )
        )

    # 3 -------------------------------------------------------------- equilibria
    sol = ex.solution
    count = len(sol.equilibria)
    out.append(_Heading(2, "3. The equilibria, and why no one wants to deviate"))
    out.append(
        _Para(
            "A Nash equilibrium is a pair of strategies in which neither player can gain by changing its own "
            f"strategy while the other keeps its own. This game has {count} equilibri{'um' if count == 1 else 'a'}."
        )
    )
    for k, (e, checks) in enumerate(zip(sol.equilibria, ex.checks)):
        if e.pure:
            i, j = e.profile()
            reading = _reading(ex, e)
            title = f"Equilibrium {k + 1}: {_profile(g, i, j)}" + (f" — {reading}" if reading else "")
            out.append(_Heading(3, title))
        else:
            mixes = "; ".join(
                f"{P[p]} " + ", ".join(f"{S[p][q]} {exact_and_decimal(e.strategy(p)[q])}" for q in e.support(p))
                for p in range(2)
            )
            out.append(_Heading(3, f"Equilibrium {k + 1} (mixed): {mixes}"))
        out.append(_Para(f"Payoffs: {P[0]} {exact(e.payoffs[0])}, {P[1]} {exact(e.payoffs[1])}."))
        items = []
        for c in checks:
            p = c.player
            if e.pure:
                own = e.support(p)[0]
                devs = [
                    f"switching to {S[p][o.strategy]} would give {exact(o.payoff)} "
                    + ("(the same)" if o.gain == 0 else f"({exact(-o.gain)} less)")
                    for o in c.options
                    if o.strategy != own
                ]
                items.append(f"{P[p]} plays {S[p][own]} and gets {exact(c.payoff)}; " + "; ".join(devs) + ".")
            else:
                played = [o for o in c.options if o.played]
                unused = [o for o in c.options if not o.played]
                kind = "mix" if len(e.support(1 - p)) > 1 else "strategy"
                text = f"Against {P[1 - p]}'s {kind}, {P[p]}'s strategies pay "
                if len(played) > 1:
                    text += (
                        ", ".join(f"{S[p][o.strategy]} {exact(o.payoff)}" for o in played)
                        + f": equal, so {P[p]} is willing to mix them"
                    )
                else:
                    text += f"{S[p][played[0].strategy]} {exact(played[0].payoff)}"
                if unused:
                    text += "; " + ", ".join(
                        f"{S[p][o.strategy]} {exact(o.payoff)} "
                        + ("(the same, but unused)" if o.gain == 0 else f"({exact(-o.gain)} less, unused)")
                        for o in unused
                    )
                items.append(text + ".")
        out.append(_Items(tuple(items), indent=2))
        if e.strict:
            out.append(_Para("Every deviation loses: a strict equilibrium.", indent=2))
        elif e.pure:
            out.append(_Para("Some deviation loses nothing: a weak equilibrium.", indent=2))
    for c in sol.components:
        if len(c) > 1:
            members = ", ".join(str(k + 1) for k in c)
            out.append(
                _Para(f"Equilibria {members} span a continuum: every mixture between them is an equilibrium too.")
            )

    # 4 -------------------------------------------------------------- indifference
    mixed = [k for k, e in enumerate(sol.equilibria) if not e.pure]
    if mixed:
        out.append(_Heading(2, "4. What pins down the mixed probabilities"))
        out.append(
            _Para(
                "A player mixes only between strategies that pay the same, otherwise it would drop the worse one. "
                "So each player's probabilities are set by the OTHER player's payoffs: they are exactly what "
                "makes the other indifferent."
            )
        )
        for k in mixed:
            for ind in ex.indifferences[k]:
                out.extend(_indifference_blocks(ex, k, ind))

    number = 5 if mixed else 4
    if ex.treaty is not None:
        out.extend(_treaty_blocks(ex, number))
        number += 1

    # 5 -------------------------------------------------------------- selection
    out.append(_Heading(2, f"{number}. Which equilibrium? Payoff dominance and risk dominance"))
    if count == 1:
        out.append(_Para("There is only one equilibrium, so there is nothing to choose between."))
    elif not ex.stag_hunts:
        out.append(
            _Para(
                "Payoff and risk dominance compare strict pure equilibria; this game has fewer than two, "
                "so they do not apply here."
            )
        )
    for hunt in ex.stag_hunts:
        out.extend(_stag_hunt_blocks(ex, hunt))
    if sol.selected is not None and count > 1:
        k = sol.selected
        reading = _reading(ex, sol.equilibria[k])
        out.append(
            _Para(
                f"Selection: the solver picks {_eq_name(ex, k)}{(' (' + reading + ')') if reading else ''} "
                f"by {sol.selection_rule}. The rules, in order: a unique equilibrium; else one that is better for "
                "both players than every other (payoff dominance); else one that risk-dominates every other strict "
                "equilibrium (Harsanyi and Selten 1988)."
            )
        )
    elif count > 1:
        out.append(_Para("Selection: no rule (payoff or risk dominance) picks a single equilibrium."))

    if sol.selected is not None:
        e = sol.equilibria[sol.selected]
        reading = _reading(ex, e)
        summary = f"In short: the model predicts {_eq_name(ex, sol.selected)}{(' — ' + reading) if reading else ''}"
        if count > 1:
            summary += f" (picked by {sol.selection_rule} among {count} equilibria"
            risk = next((k for k, q in enumerate(sol.equilibria) if q.risk_dominant), None)
            if risk is not None and risk != sol.selected:
                summary += f"; {_eq_name(ex, risk)} is risk-dominant"
            summary += ")"
    else:
        summary = f"In short: the model has {count} equilibria and no rule picks one"
    summary += "."
    if m.expectation:
        summary += f" The study expects: {m.expectation}."
    out.append(_Para(summary))
    for w in sol.warnings:
        out.append(_Para(f"Note: {w}"))
    return out


def _indifference_blocks(ex, k, ind) -> list:
    g = ex.game
    P, S = g.players, g.strategies
    p, q = ind.player, ind.mixer
    own = [S[p][s] for s, _, _ in ind.rows]
    out = [
        _Para(
            f"Equilibrium {k + 1}: {P[q]} mixes so that {P[p]} is indifferent between {_listing(own)}.",
        )
    ]
    lines = []
    if ind.two_by_two is not None:
        (t1, prob1), (t2, _) = ind.mixture
        L1, L2, prob = ind.two_by_two
        (s1, v1, _), (s2, v2, _) = ind.rows
        lines.append(f"Let q be the probability that {P[q]} plays {S[q][t1]}.")
        width = max(len(S[p][s1]), len(S[p][s2]))
        for s, v in ((s1, v1), (s2, v2)):
            lines.append(f"{P[p]}'s payoff from {S[p][s] + ':':<{width + 1}}  q × {_f(v[0])} + (1 - q) × {_f(v[1])}")
        lines.append(
            f"These are equal when q × ({exact(v1[0])} - {exact(v2[0])}) = (1 - q) × ({exact(v2[1])} - {exact(v1[1])}),"
        )
        lines.append(f"that is q × {_f(L1)} = (1 - q) × {_f(L2)},")
        lines.append(f"so q = {exact(L2)} / ({exact(L1)} + {exact(L2)}) = {exact_and_decimal(prob)}.")
        lines.append(
            f"Check: {S[p][s1]} gives {exact(prob)} × {_f(v1[0])} + {exact(1 - prob)} × {_f(v1[1])} "
            f"= {exact(ind.rows[0][2])}, and {S[p][s2]} gives {exact(ind.rows[1][2])}."
        )
        out.append(_Working(tuple(lines), indent=2))
        out.append(
            _Para(
                f"In words: {exact(L1)} is what {P[p]} gains from {S[p][s1]} over {S[p][s2]} when {P[q]} plays "
                f"{S[q][t1]}, {exact(L2)} what it gains from {S[p][s2]} when {P[q]} plays {S[q][t2]}. "
                f"The larger {P[p]}'s gain from {S[p][s2]}, the more often {P[q]} must play {S[q][t1]} to keep "
                f"{P[p]} willing to play {S[p][s1]} at all.",
                indent=2,
            )
        )
        return out
    mix = ", ".join(f"{S[q][t]} with probability {exact(prob)}" for t, prob in ind.mixture)
    lines.append(f"{P[q]} plays {mix}. {P[p]}'s expected payoffs:")
    for s, vals, total in ind.rows:
        terms = " + ".join(f"{exact(prob)} × {_f(v)}" for (_, prob), v in zip(ind.mixture, vals))
        lines.append(f"  {S[p][s]}: {terms} = {exact(total)}")
    lines.append(
        f"All equal: these {len(ind.rows)} equations (with the probabilities summing to 1) fix {P[q]}'s mixture."
    )
    out.append(_Working(tuple(lines), indent=2))
    return out


def _treaty_blocks(ex, number) -> list:
    g = ex.game
    P, S = g.players, g.strategies
    t = ex.treaty
    name = _profile(g, *t.profile)
    out = [
        _Heading(2, f"{number}. The treaty {name}: would each side sign?"),
        _Para(
            "A treaty needs both signatures. Suppose the other side signs: does each side do better by signing "
            "too, or by its best alternative? The difference is the two cells' terms, side by side (terms that "
            "appear in both cancel)."
        ),
    ]
    for side in t.sides:
        p = side.player
        own = S[p][t.profile[p]]
        alt = S[p][side.alternative]
        width = max([len(q.text) for q in side.parts] + [len("what signing adds")])
        lines = [
            f"{P[p]}, if {P[1 - p]} signs: {own} gives {exact(side.payoff)}, "
            f"{alt} gives {exact(side.alternative_payoff)}."
        ]
        where = {"treaty": f"in {own}", "alternative": f"in {alt}, subtracted", "both": f"in {own} and {alt}"}
        vwidth = max([len(exact(q.value)) for q in side.parts] + [len(exact(side.margin))])
        for q, origin in zip(side.parts, side.origins):
            sign = "+" if q.sign > 0 else "-"
            coef = f"{abs(q.sign)} × " if abs(q.sign) != 1 else ""
            lines.append(f"  {sign} {coef + q.text:<{width}}  {exact(q.value):<{vwidth}}  ({where[origin]})")
        verdict = f"{P[p]} would sign" if side.margin >= 0 else f"{P[p]} would not sign"
        lines.append(f"  = {'what signing adds':<{width}}  {exact(side.margin):<{vwidth}}  ({verdict})")
        out.append(_Working(tuple(lines), indent=2))
    if t.is_equilibrium:
        text = f"Both would sign if the other did, so {name} is an equilibrium: a treaty can hold."
    else:
        blockers = t.blockers
        if len(blockers) == 1:
            text = (
                f"{P[blockers[0]]} blocks the treaty: even if {P[1 - blockers[0]]} signed, {P[blockers[0]]} would do "
                f"better without one, so {name} is not an equilibrium."
            )
        else:
            text = (
                f"Both block the treaty: even if the other signed, each would do better without one, so {name} is "
                "not an equilibrium."
            )
        signers = [p for p in range(2) if p not in blockers]
        if signers:
            text += f" {_listing(P[p] for p in signers)} would sign."
        for p in blockers:
            side = t.sides[p]
            q = side.largest_cost
            if q is not None:
                text += f" {P[p]}'s largest cost of signing is {q.text} ({exact(-q.signed)})"
                if side.margin - q.signed >= 0:
                    text += f": without it, {P[p]} would sign."
                else:
                    text += "."
    out.append(_Para(text))
    return out


def _stag_hunt_blocks(ex, hunt) -> list:
    g = ex.game
    P, S = g.players, g.strategies
    sol = ex.solution
    e, f = sol.equilibria[hunt.first], sol.equilibria[hunt.second]
    (r1, c1), (r2, c2) = e.profile(), f.profile()
    name1, name2 = _profile(g, r1, c1), _profile(g, r2, c2)
    out = [
        _Para(
            f"{name1} and {name2} are both strict equilibria: each player does best by matching what it expects "
            "the other to do. "
            + (
                "This is a coordination game of the stag-hunt kind: one equilibrium is better for both, and the "
                "question is whether it is also the safer one."
                if hunt.payoff_dominant is not None
                else "This is a coordination game in which the players disagree about which equilibrium is better "
                "(a battle of the sexes)."
            )
        )
    ]
    u1, u2 = e.payoffs, f.payoffs
    if hunt.payoff_dominant is not None:
        best, other = (name1, name2) if hunt.payoff_dominant == hunt.first else (name2, name1)
        bu, ou = (u1, u2) if hunt.payoff_dominant == hunt.first else (u2, u1)
        out.append(
            _Para(
                f"Payoff dominance: at {best} {P[0]} gets {exact(bu[0])} (against {exact(ou[0])} at {other}) "
                f"and {P[1]} {exact(bu[1])} (against {exact(ou[1])}). Both are better off, so {best} is "
                "payoff-dominant: if they could "
                "trust each other to play it, both would choose it."
            )
        )
    else:
        out.append(
            _Para(
                f"Payoff dominance: neither is better for both ({P[0]} gets {exact(u1[0])} and {exact(u2[0])}, {P[1]} "
                f"{exact(u1[1])} and {exact(u2[1])}); they disagree about which to coordinate on."
            )
        )
    (a1, b1), (a2, b2) = hunt.losses
    lines = [
        f"at {name1}: {P[0]} loses {exact(a1)} by switching to {S[0][r2]}, "
        f"{P[1]} loses {exact(b1)} by switching to {S[1][c2]}",
        f"{'':<{len(name1) + 4}}product {exact(a1)} × {exact(b1)} = {exact(hunt.products[0])}",
        f"at {name2}: {P[0]} loses {exact(a2)} by switching to {S[0][r1]}, "
        f"{P[1]} loses {exact(b2)} by switching to {S[1][c1]}",
        f"{'':<{len(name2) + 4}}product {exact(a2)} × {exact(b2)} = {exact(hunt.products[1])}",
    ]
    out.append(
        _Para(
            "Risk dominance (Harsanyi and Selten 1988): for each equilibrium, multiply the two players' losses "
            "from deviating to their strategy in the other one. The equilibrium with the larger product is the "
            "one that is costlier to leave, so safer to play when each is unsure of the other."
        )
    )
    out.append(_Working(tuple(lines), indent=2))
    if hunt.risk_dominant is None:
        out.append(_Para("The products are equal: neither equilibrium risk-dominates the other.", indent=2))
    else:
        rd = name1 if hunt.risk_dominant == hunt.first else name2
        out.append(_Para(f"The product is larger at {rd}: it is risk-dominant.", indent=2))
    t0, t1 = hunt.thresholds
    out.append(
        _Para(
            f"What it means: {P[0]} is better off with {S[0][r1]} only if it is at least {_percent(t0)} sure "
            f"({exact(t0)}) that {P[1]} plays {S[1][c1]}; {P[1]} is better off with {S[1][c1]} only if it is at least "
            f"{_percent(t1)} sure ({exact(t1)}) that {P[0]} plays {S[0][r1]}. (Each threshold is the loss at "
            f"{name2} divided by the sum of the two losses; they are the other player's probabilities in the "
            "mixed equilibrium of these two strategies.)"
        )
    )
    pd, rdk = hunt.payoff_dominant, hunt.risk_dominant
    if pd is not None and rdk is not None:
        pname = name1 if pd == hunt.first else name2
        rname = name1 if rdk == hunt.first else name2
        if pd == rdk:
            text = (
                f"{pname} is both better for both players and the safer bet: the two criteria agree, and it is the "
                "clear prediction."
            )
        else:
            text = (
                f"{pname} is better for both, but {rname} is the safer bet: a player that is unsure what the other "
                f"will do does better to play its part of {rname}. Which one is played depends on how much each "
                "side trusts the other."
            )
        out.append(_Para(text))
    treaty = _treaty_reading(ex, hunt)
    if treaty:
        out.append(_Para(treaty))
    return out


def _treaty_reading(ex, hunt) -> str:
    """The stag hunt read for the alliance question, when the treaty profile is one of the two equilibria."""
    g = ex.game
    S = g.strategies
    if "ally" not in S[0] or "ally" not in S[1]:
        return ""
    treaty = (S[0].index("ally"), S[1].index("ally"))
    sol = ex.solution
    k = next((k for k in (hunt.first, hunt.second) if sol.equilibria[k].profile() == treaty), None)
    if k is None:
        return ""
    pd = hunt.payoff_dominant == k
    rd = hunt.risk_dominant == k
    if pd and rd:
        return (
            "For the alliance: the treaty is both the better and the safer equilibrium; each side can sign "
            "without much confidence that the other will, so an alliance is likely."
        )
    if pd:
        return (
            "For the alliance: a treaty would leave both better off, but signing is the risky move: a side that "
            "signs while the other only aligns carries an obligation that is not returned. Without a way to "
            "make both commitments credible at once, alignment without a treaty is the safer outcome; the "
            "alliance is possible, not assured."
        )
    return "For the alliance: the treaty is an equilibrium, but not the one either criterion favours."


# ----------------------------------------------------------------------------- writers


def _text(blocks, width: int | None = None) -> str:
    width = width or layout.width()
    lines: list[str] = []
    for b in blocks:
        if isinstance(b, _Heading):
            if lines and lines[-1]:
                lines.append("")
            head = layout.wrap(b.text, columns=width)
            lines.extend(head)
            if b.level < 3:
                lines.append(("=" if b.level == 1 else "-") * max(len(h) for h in head))
        elif isinstance(b, _Para):
            pad = " " * b.indent
            for para in b.text.split("\n\n"):
                lines.extend(layout.wrap(" ".join(para.split()), pad, pad, columns=width))
            lines.append("")
        elif isinstance(b, _Items):
            pad = " " * b.indent
            for item in b.items:
                lines.extend(layout.wrap(item, pad + "- ", pad + "  ", columns=width))
            lines.append("")
        elif isinstance(b, _Working):
            pad = " " * b.indent
            for line in b.lines:
                if len(pad + line) <= width:
                    lines.append(layout.plain(pad + line))
                    continue
                lead = pad + " " * (len(line) - len(line.lstrip(" ")))
                lines.extend(layout.wrap(line, lead, lead + "    ", columns=width))
            lines.append("")
        elif isinstance(b, _Table):
            lines.extend(_text_table(b, width))
            lines.append("")
    return "\n".join(line.rstrip() for line in lines).rstrip() + "\n"


def _text_table(t: _Table, width: int) -> list[str]:
    """The table in columns two spaces apart, the widest columns narrowed (their cells wrapped at words,
    never below a cell's longest word) until the table fits ``width``."""
    from itertools import zip_longest

    cols = len(t.header)
    table = [tuple(layout.plain(str(v)) for v in r) for r in (t.header,) + t.rows]
    widths = [max(len(r[c]) for r in table) for c in range(cols)]
    floors = [max([len(w) for r in table for w in r[c].split()] + [min(widths[c], 12)]) for c in range(cols)]
    pad = " " * t.indent
    if t.indent + sum(floors) + 2 * (cols - 1) > width:  # too narrow for the columns: one record per row
        out = []
        for row in table[1:]:
            out += layout.wrap(row[0], pad, pad + "  ", columns=width)
            for head, cell in zip(table[0][1:], row[1:]):
                if cell:
                    out += layout.wrap(f"{head}: {cell}" if head else cell, pad + "  ", pad + "      ", columns=width)
        return out
    while t.indent + sum(widths) + 2 * (cols - 1) > width:
        c = max(range(cols), key=lambda k: (widths[k] - floors[k] > 0, widths[k]))
        if widths[c] <= floors[c]:
            break
        widths[c] -= 1

    def row_lines(row):
        cells = [layout.wrap(v, columns=w) if len(v) > w else [v] for v, w in zip(row, widths)]
        return [pad + "  ".join(v.ljust(w) for v, w in zip(parts, widths)).rstrip()
                for parts in zip_longest(*cells, fillvalue="")]

    out = []
    if any(t.header):
        out += row_lines(table[0])
        out.append(pad + "  ".join("-" * w for w in widths).rstrip())
    for row in table[1:]:
        out += row_lines(row)
    return out


def _md_cell(text: str) -> str:
    return str(text).replace("|", "\\|")


def _markdown(blocks) -> str:
    lines: list[str] = []
    for b in blocks:
        if isinstance(b, _Heading):
            lines += ["#" * b.level + " " + b.text, ""]
        elif isinstance(b, _Para):
            lines += [" ".join(b.text.split()), ""]
        elif isinstance(b, _Items):
            lines += [f"- {item}" for item in b.items] + [""]
        elif isinstance(b, _Working):
            lines += ["```"] + list(b.lines) + ["```", ""]
        elif isinstance(b, _Table):
            header = [h or " " for h in b.header]
            lines.append("| " + " | ".join(_md_cell(h) for h in header) + " |")
            lines.append("|" + "---|" * len(header))
            for row in b.rows:
                lines.append("| " + " | ".join(_md_cell(v) for v in row) + " |")
            lines.append("")
    return "\n".join(lines).rstrip() + "\n"


def render(explanation, fmt: str = "text", *, width: int | None = None) -> str:
    """Render the walk-through as ``text``, ``markdown`` or ``json``."""
    if fmt == "json":
        return json.dumps(explanation.to_dict(), indent=2, ensure_ascii=False)
    blocks = _blocks(explanation)
    if fmt == "markdown":
        return _markdown(blocks)
    return _text(blocks, width)
