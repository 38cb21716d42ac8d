"""Renderers for a :class:`~bargaining.analysis.explain_tree.TreeExplanation`: text (80 columns), Markdown, JSON.

The walk-through is laid out as blocks (headings, paragraphs, lists, tables,
lines of working; those of :mod:`bargaining.render.explain`) and written in
either format, so that both say the same. Sentences are built from numbers
the explanation holds; nothing is computed here.
"""

from __future__ import annotations

import json

from bargaining.numbers import exact, exact_and_decimal
from bargaining.render import layout
from bargaining.render.explain import _Heading, _Items, _markdown, _Para, _Table, _text, _Working
from bargaining.render.tree import (
    _listing,
    draw,
    form_count_text,
    form_point_text,
    intuitive_text,
    strategy_text,
    threat_text,
)
from bargaining.tree import Decision

__all__ = ["render"]


def _fitted(header, rows, *, indent: int, width: int | None = None) -> list:
    """A table as one or more tables of its columns, the first column repeated, each fitting ``width``."""
    width = width or layout.width()
    sizes = [max(len(str(r[c])) for r in [header, *rows]) for c in range(len(header))]
    groups: list[list[int]] = [[]]
    used = indent + sizes[0]
    for c in range(1, len(header)):
        if groups[-1] and used + 2 + sizes[c] > width:
            groups.append([])
            used = indent + sizes[0]
        groups[-1].append(c)
        used += 2 + sizes[c]
    return [_Table((header[0],) + tuple(header[c] for c in cols),
                   tuple((r[0],) + tuple(r[c] for c in cols) for r in rows), indent=indent) for cols in groups]


def _a(word: str) -> str:
    return ("an " if word[:1].lower() in "aeiou" else "a ") + word


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def _pay(players, values) -> str:
    return ", ".join(f"{p} {exact(v)}" for p, v in zip(players, values))


def _either(words) -> str:
    words = list(words)
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " or " + words[-1]


def _numbers(ks) -> str:
    return _listing([str(k + 1) for k in ks])


def _plural(n: int, word: str, many: str | None = None) -> str:
    return f"{n} {word if n == 1 else (many or word + 's')}"


# ----------------------------------------------------------------------------- backward induction


def _eq_name(walk, k) -> str:
    g, e = walk.game, walk.solution.equilibria[k]
    if e.pure:
        i, j = e.profile()
        return f"({g.strategies[0][i]}, {g.strategies[1][j]})"
    return "the mixed equilibrium"


def _continuation_names(ex, root, values) -> str:
    """The equilibria of the subgame at ``root`` whose payoffs are ``values``, by name where they have one."""
    step = next((s for s in ex.steps if s.step.root == root), None)
    if step is None:
        return ""
    names = []
    for case, walk in zip(step.step.cases, step.walks):
        for k, (_, v) in enumerate(case.equilibria):
            if v == values:
                names.append(_eq_name(walk, k) if walk is not None else None)
    if names and all(names):
        names = list(dict.fromkeys(names))
        return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " or " + names[-1]
    return ""


def _walk_blocks(ex, walk) -> list:
    g, sol = walk.game, walk.solution
    P, S = g.players, g.strategies
    row_marks, col_marks = g.best_response_marks()
    rows = []
    for i in range(g.shape[0]):
        cells = []
        for j in range(g.shape[1]):
            a = exact(g.A[i][j]) + ("*" if row_marks[i][j] else "")
            b = exact(g.B[i][j]) + ("*" if col_marks[i][j] else "")
            cells.append(f"{a} ; {b}")
        rows.append((S[0][i],) + tuple(cells))
    out = [_Para(f"Its payoffs ({P[0]} ; {P[1]}); * marks a best response:", indent=2)]
    out.extend(_fitted((f"{P[0]} \\ {P[1]}",) + S[1], rows, indent=4))
    count = len(sol.equilibria)
    out.append(_Para(f"{_plural(count, 'equilibrium', 'equilibria')}:", indent=2))
    items = []
    for k, (e, checks, ind) in enumerate(zip(sol.equilibria, walk.checks, walk.indifferences)):
        pays = _pay(P, e.payoffs)
        if e.pure:
            i, j = e.profile()
            parts = []
            for c in checks:
                p = c.player
                own = (i, j)[p]
                other = (j, i)[p]
                options = ", ".join(f"{exact(o.payoff)} from {S[p][o.strategy]}" for o in c.options)
                parts.append(f"against {P[1 - p]}'s {S[1 - p][other]}, {P[p]} gets {options}")
            verdict = "every switch loses (strict)" if e.strict else "some switch loses nothing (weak)"
            items.append(f"{_eq_name(walk, k)}: {pays}. " + _capital("; ".join(parts)) + f": {verdict}.")
            continue
        mixes = "; ".join(
            f"{P[p]} " + (S[p][e.support(p)[0]] if len(e.support(p)) == 1 else
                          ", ".join(f"{S[p][q]} {exact(e.strategy(p)[q])}" for q in e.support(p)))
            for p in range(2)
        )
        parts = []
        for d in ind:
            own = [S[d.player][s] for s, _, _ in d.rows]
            value = exact(d.rows[0][2])
            what = "mix" if len(d.mixture) > 1 else "strategy"
            text = f"{P[d.mixer]}'s {what} makes {P[d.player]} indifferent: {_listing(own)} each give {value}"
            if d.two_by_two is not None:
                L1, L2, q = d.two_by_two
                first = S[d.mixer][d.mixture[0][0]]
                text += (f" ({P[d.mixer]} plays {first} with probability {exact(L2)} / ({exact(L1)} + {exact(L2)}) "
                         f"= {exact(q)})")
            parts.append(text)
        text = f"mixed: {mixes}; {pays}. " + _capital("; ".join(parts)) + "."
        linked = sorted({j for comp in sol.components if k in comp and len(comp) > 1 for j in comp if j != k})
        if linked:
            text += (f" With {_listing([_eq_name(walk, j) for j in linked])} it spans a continuum: every mixture "
                     "of them is an equilibrium too.")
        elif all(len(e.support(p)) > 1 for p in range(2)):
            text += " Each player's probabilities are fixed by the other's payoffs."
        items.append(text)
    out.append(_Items(tuple(items), indent=2))
    return out


def _option_lines(ex, tree, step, case) -> list[str]:
    """``- accept → treaty (a military alliance ...): China 0.67, Russia 0.511``."""
    node = tree.by_name.get(step.step.root)
    mover = step.step.players[0] if step.step.players else None
    single = isinstance(node, Decision) and len(step.step.nodes) == 1
    children = dict(node.moves) if single else {}
    continuation = dict(case.continuation)
    players = tree.players
    out = []
    for option, values in case.options:
        child = children.get(option)
        where = ""
        if child is not None:
            target = tree.by_name.get(child)
            if child in continuation:
                names = _continuation_names(ex, child, continuation[child])
                where = f" → {child} ({'played as ' + names if names else 'as solved above'})"
            elif target is not None and getattr(target, "label", ""):
                where = f" → {child}: {target.label}"
            else:
                where = f" → {child}"
        if mover is not None:
            k = players.index(mover)
            others = [(p, v) for p, v in zip(players, values) if p != mover]
            rest = (" (" + ", ".join(f"{p} {exact(v)}" for p, v in others) + ")") if others else ""
            out.append(f"{option}{where}: {mover} {exact(values[k])}{rest}")
        else:
            out.append(f"{option}{where}: {_pay(players, values)}")
    return out


def _step_blocks(ex, step) -> list:
    tree = ex.tree
    s = step.step
    head = f"Step {step.number}. "
    if s.kind == "stage":
        head += f"The stage game at \"{s.root}\": {' and '.join(s.players)} choose at once"
    elif s.kind == "decision" and len(s.nodes) == 1:
        head += f"\"{s.root}\": {step.label or s.players[0] + ' moves'}"
    elif s.kind == "decision":
        head += f"The subgame at \"{s.root}\": {s.players[0]} moves in it"
    elif s.kind == "chance":
        head += f"\"{s.root}\": a chance move"
    else:
        head += f"The subgame at \"{s.root}\": {' and '.join(s.players)}, with information sets"
    out: list = [_Heading(3, head)]
    if step.information:
        sets = "; ".join(
            f"{p} cannot tell {_listing(list(nodes))} apart (information set \"{h}\")"
            for p, h, nodes in step.information
        )
        if len(s.players) == 1:
            then = (f"So the subgame is solved by comparing {s.players[0]}'s plans (a move at each of its "
                    "information sets) by their expected payoffs.")
        else:
            then = ("So the strategic form of the subgame takes over: each player's plans (a move at each of its "
                    "information sets) against the others'.")
        out.append(_Para(
            f"{sets}. Backward induction cannot go through these nodes: what is best at one depends on the "
            f"beliefs about being at the other, and no smaller subgame starts at them. {then}",
            indent=2,
        ))
    if s.below:
        below = _listing([f"\"{r}\"" for r in s.below])
        one = len(s.below) == 1
        out.append(_Para(f"The smaller {'subgame' if one else 'subgames'} {below}, solved above, "
                         f"{'is' if one else 'are'} replaced by the payoffs of the equilibrium played there; each "
                         "equilibrium found there is followed in turn.", indent=2))
    for case, walk in zip(s.cases, step.walks):
        # options sit under their "If ..." line when there is one, else directly under the step
        inner = 4 if len(s.cases) > 1 or (s.below and s.kind == "decision") else 2
        if inner == 4:
            conts = []
            for root, values in case.continuation:
                names = _continuation_names(ex, root, values)
                conts.append(f"\"{root}\" is played as {names} ({_pay(tree.players, values)})" if names else
                             f"the play at \"{root}\" gives {_pay(tree.players, values)}")
            ways = (f"; {case.combinations} combinations of the equilibria below give these payoffs"
                    if case.combinations > 1 else "")
            out.append(_Para(f"If {_listing(conts)}{ways}:", indent=2))
        if walk is not None:
            if walk.same_as is not None:
                n = len(walk.solution.equilibria)
                out.append(_Para(f"This is the same game as at \"{walk.same_as}\", with the same "
                                 f"{_plural(n, 'equilibrium', 'equilibria')}: "
                                 + ", ".join(_eq_name(walk, k) for k in range(n)) + ".", indent=2))
            else:
                out.extend(_walk_blocks(ex, walk))
            continue
        if s.kind == "chance":
            node = tree.by_name.get(s.root)
            probs = {a: p for a, p, _ in node.moves} if node is not None and hasattr(node, "moves") else {}
            lines = [f"{a} (probability {exact(probs.get(a, 0))}): {_pay(tree.players, v)}" for a, v in case.options]
            out.append(_Items(tuple(lines), indent=inner))
            (moves, value), = case.equilibria or (((), ()),)
            out.append(_Para(f"Chance decides: the expected payoffs are {_pay(tree.players, value)}.", indent=inner))
            continue
        if s.kind == "decision":
            mover = s.players[0]
            out.append(_Items(tuple(_option_lines(ex, tree, step, case)), indent=inner))
            if len(case.best) > 1:
                out.append(_Para(
                    f"A tie: {_listing(list(case.best))} give {mover} the same. {mover} is willing to take any of "
                    "them (or to mix), so each leads to its own subgame-perfect equilibria: the tie is why there is "
                    "more than one.", indent=inner))
            else:
                out.append(_Para(f"Best for {mover}: {case.best[0]}.", indent=inner))
            continue
        lines = [strategy_line(tree, moves) + f": {_pay(tree.players, v)}" for moves, v in case.equilibria]
        out.append(_Items(tuple(lines), indent=inner))
    text = (
        f"So there {'is' if step.ways == 1 else 'are'} {_plural(step.ways, 'way')} to play this subgame in equilibrium"
    )
    if s.below and len(s.cases) > 1:
        sums = " + ".join(f"{case.combinations} × {len(case.equilibria)}" for case in s.cases)
        text += f" ({sums}: each combination of the equilibria below, with each equilibrium after it)"
    out.append(_Para(text + ".", indent=2))
    return out


def strategy_line(tree, moves) -> str:
    """The behaviour at a truncated game's information sets, ``"ratification" accept``."""
    parts = []
    for h, m in moves:
        if m is None:
            parts.append(f"{h} (left open)")
            continue
        pure = [a for a, q in m if q == 1]
        parts.append(f"{h} {pure[0]}" if pure else f"{h} (" + ", ".join(f"{a} {exact(q)}" for a, q in m if q) + ")")
    return "; ".join(parts)


# ----------------------------------------------------------------------------- play, threats, signalling


def _play_sentence(line, *, odds: bool = True) -> str:
    parts = []
    for mv in line.moves:
        if mv.actor == "chance":
            parts.append(f"chance picks {mv.move}" + (f" (probability {exact(mv.probability)})" if odds else ""))
        elif " and " in mv.actor:
            parts.append(f"at \"{mv.node}\" {mv.actor} play {mv.move}")
        else:
            parts.append(f"{mv.actor} chooses {mv.move} at \"{mv.node}\"")
    text = "; ".join(parts) or "no one moves"
    ending = f"{line.terminal}" + (f": {line.reading}" if line.reading else "")
    return f"{text[0].upper() + text[1:]}. It ends at {ending}"


def _path_blocks(ex) -> list:
    sol = ex.solution
    tree = ex.tree
    out: list = [_Heading(2, "2. The path of play")]
    n = len(sol.subgame_perfect)
    out.append(_Para(
        f"Backward induction found {_plural(n, 'subgame-perfect equilibrium', 'subgame-perfect equilibria')}: "
        "each picks one equilibrium in every subgame, consistently with the choices above it"
        + (f"; they follow {_plural(len(ex.paths), 'path')} of play." if len(ex.paths) > 1 else ".")))
    for g, path in enumerate(ex.paths, 1):
        members = path.equilibria
        which = (f"subgame-perfect equilibrium {members[0] + 1}" if len(members) == 1 else
                 f"subgame-perfect equilibria {_numbers(members)}")
        out.append(_Heading(3, f"Path {g} ({which})"))
        if len(path.lines) == 1:
            out.append(_Para(_play_sentence(path.lines[0]) + f". Payoffs: {_pay(tree.players, path.payoffs)}.",
                             indent=2))
        else:
            items = [f"With probability {exact(line.probability)}: {_play_sentence(line, odds=False)}."
                     for line in path.lines]
            out.append(_Items(tuple(items), indent=2))
            out.append(_Para(f"Expected payoffs: {_pay(tree.players, path.payoffs)}.", indent=2))
        items = []
        for k in members:
            e = sol.subgame_perfect[k]
            text = f"SPE {k + 1}. " + " ".join(f"{p}: {strategy_text(e, i)}." for i, p in enumerate(tree.players))
            where = form_point_text(sol, e)
            if where:
                text += f" It is {where}."
            items.append(text)
        out.append(_Items(tuple(items), indent=2))
    endings = {}
    for g, path in enumerate(ex.paths, 1):
        if len(path.lines) == 1:
            line = path.lines[0]
            endings.setdefault(line.reading or line.terminal, []).append(g)
    if endings and len(endings) == 1 and sum(len(v) for v in endings.values()) == len(ex.paths):
        (reading,) = endings
        out.append(_Para(f"In short: every subgame-perfect equilibrium ends in {reading}."))
    elif endings and sum(len(v) for v in endings.values()) == len(ex.paths):
        out.append(_Para("In short: the subgame-perfect equilibria end in " + _listing(
            [f"{r} (path{'s' if len(v) > 1 else ''} {_listing([str(g) for g in v])})" for r, v in endings.items()])
            + "."))
    return out


def _form_blocks(ex) -> list:
    sol = ex.solution
    eqs = sol.equilibria
    if not eqs:
        return []
    out: list = [_Heading(2, "3. Nash equilibria that are not subgame-perfect")]
    sizes = " × ".join(str(len(s)) for s in sol.strategic_form.strategies)
    out.append(_Para(
        "A Nash equilibrium asks only that no player gains by changing its whole plan while the others keep "
        "theirs. A move in a subgame that play never reaches costs its player nothing, so a Nash equilibrium can "
        "rest on a threat that would not be carried out if the subgame were reached. A subgame-perfect equilibrium "
        "is a Nash equilibrium in every subgame, reached or not: its threats are credible (Selten 1965, 1975)."))
    spe = sum(e.subgame_perfect is True for e in eqs)
    counts = form_count_text(sol)
    found = _plural(len(eqs), "extreme Nash equilibrium", "extreme Nash equilibria")
    out.append(_Para(
        f"The reduced strategic form ({sizes}: a plan names a move at each of the player's information sets, * "
        f"where its own earlier move rules one out) has {found}"
        + ("." if counts else f"; {spe} of them {'is' if spe == 1 else 'are'} subgame-perfect.")))
    if counts:
        out.append(_Para(counts))
    if not ex.threats:
        text = "None rests on a non-credible threat."
        if len(sol.subgames) == 1:
            text += " The whole game is its only subgame, so every Nash equilibrium is subgame-perfect."
        out.append(_Para(text))
    for group in ex.threats:
        t = group.threat
        members = group.equilibria
        lead = (f"Equilibrium {members[0] + 1}" if len(members) == 1 else f"Equilibria {_numbers(members)}")
        first = eqs[members[0]]
        plans = "; ".join(f"{p} {_mixed(first, i)}" for i, p in enumerate(first.players))
        one = len(members) == 1
        text = (f"{lead} ({'' if one else 'the first: '}{plans}) never reach{'es' if one else ''} the subgame at "
                f"\"{t.subgame}\", so what {'it prescribes' if one else 'they prescribe'} there is never tested. "
                f"{threat_text(t)}.")
        if not group.same_numbers:
            text += " (The numbers are the first one's; the others mix differently.)"
        out.append(_Items((text,)))
    if ex.undecided:
        out.append(_Para(f"Undecided: {_numbers(ex.undecided)} (ties in a subgame these equilibria rule out)."))
    return out


def _mixed(e, p: int) -> str:
    names, x = e.strategy_names[p], e.mixed[p]
    support = [(s, q) for s, q in zip(names, x) if q]
    if len(support) == 1:
        return support[0][0]
    return ", ".join(f"{s} {exact(q)}" for s, q in support)


def _signalling_blocks(ex, number: int) -> list:
    walk = ex.signalling
    pbe = walk.solution
    g = pbe.game
    t1, t2 = g.types
    out: list = [_Heading(2, f"{number}. Private information: perfect Bayesian equilibria")]
    out.append(_Para(
        f"This is a signalling game. Chance draws {g.sender}'s type: {t1} with probability {exact(g.prior[0])}, "
        f"{t2} with probability {exact(g.prior[1])} ({g.receiver}'s prior). {g.sender} knows its type and sends "
        f"a message ({_either(g.messages)}); {g.receiver} sees the message, not the type, and answers "
        f"({_either(g.actions)})."))
    out.append(_Para(
        f"Subgame perfection says little here: no subgame starts after the message, because {g.receiver}'s "
        "information sets join the two types' nodes. A perfect Bayesian equilibrium asks more: after each message "
        f"{g.receiver} holds a belief about the type, and answers optimally given it; on the path the belief "
        "follows from the prior by Bayes' rule; off the path (a message no type sends) it is free, and the "
        "equilibrium names the beliefs that support it (Fudenberg and Tirole 1991, ch. 8). In a pooling "
        "equilibrium both types send the same message, so it reveals nothing; in a separating one they send "
        "different messages, so the message reveals the type."))
    if not walk.equilibria:
        out.append(_Para("There is no perfect Bayesian equilibrium in pure strategies."))
    for k, w in enumerate(walk.equilibria, 1):
        e = w.equilibrium
        sent = dict(e.sender)
        if e.kind == "pooling":
            kind = (f"pooling on {sent[t1]}: both types send {sent[t1]}, so {g.receiver} learns nothing from it and "
                    f"keeps its prior")
        else:
            kind = (f"separating: {_a(t1)} {g.sender} sends {sent[t1]}, {_a(t2)} one {sent[t2]}, so the message "
                    "reveals the type")
        out.append(_Heading(3, f"Perfect Bayesian equilibrium {k}"))
        out.append(_Para(kind[0].upper() + kind[1:] + ".", indent=2))
        items = []
        for r in w.responses:
            lo, hi = r.belief
            pays = "; ".join(
                f"{a} gives {exact(u)} against either" if u == v else
                f"{a} gives {exact(u)} against {_a(t1)} {g.sender}, {exact(v)} against {_a(t2)} one"
                for a, u, v in r.payoffs)
            if r.on_path:
                exp = ", ".join(f"{a} {exact(v)}" for a, v in r.expected)
                items.append(f"After {r.message} (on the path): Bayes' rule gives P({t1}) = {exact_and_decimal(lo)}. "
                             f"{_capital(pays)}. Expected: {exp}; so {r.action}.")
            else:
                if lo == hi:
                    span = f"P({t1}) is {exact_and_decimal(lo)}"
                elif lo == 0:
                    span = f"P({t1}) is at most {exact_and_decimal(hi)}"
                elif hi == 1:
                    span = f"P({t1}) is at least {exact_and_decimal(lo)}"
                else:
                    span = f"P({t1}) is between {exact_and_decimal(lo)} and {exact_and_decimal(hi)}"
                items.append(f"After {r.message} (off the path: no type sends it, so Bayes' rule says nothing): "
                             f"{_capital(pays)}. {_capital(r.action)} is best exactly when {span}; any such "
                             "belief supports the equilibrium.")
        out.append(_Para(f"{g.receiver}'s beliefs and answers:", indent=2))
        out.append(_Items(tuple(items), indent=2))
        items = []
        for sc in w.senders:
            opts = "; ".join(f"{m} (answered by {a}) gives {exact(u)}" for m, a, u in sc.options)
            items.append(f"{_capital(_a(sc.type))} {g.sender} sends {sc.message}: {opts}.")
        out.append(_Para(f"Why each type sends its message, given {g.receiver}'s answers:", indent=2))
        out.append(_Items(tuple(items), indent=2))
        out.append(_Para(f"Payoffs: {g.sender} " + ", ".join(f"{t} {exact(u)}" for t, u in e.payoffs)
                         + f"; expected {g.sender} {exact(e.expected[0])}, {g.receiver} {exact(e.expected[1])}.",
                         indent=2))
        out.append(_Para("Intuitive criterion (Cho and Kreps 1987): " + intuitive_text(g, e), indent=2))
    if walk.equilibria:
        kinds = [f"{k}. {w.equilibrium.kind}, which " + ("survives" if w.equilibrium.survives_intuitive else "fails")
                 + " the intuitive criterion" for k, w in enumerate(walk.equilibria, 1)]
        out.append(
            _Para(
                "In short: "
                + _plural(len(walk.equilibria), "perfect Bayesian equilibrium", "perfect Bayesian equilibria")
                + " in pure strategies: " + "; ".join(kinds) + "."
            )
        )
    for note in pbe.warnings:
        out.append(_Para(f"Note: {note[0].upper() + note[1:]}."))
    return out


# ----------------------------------------------------------------------------- the walk-through


def _blocks(ex) -> list:
    sol = ex.solution
    tree = ex.tree
    out: list = [_Heading(1, tree.title or "Game tree")]
    if sol.source:
        out.append(_Para(f"({sol.source})"))
    if tree.description:
        out.append(_Para(tree.description))
    if ex.model is not None and ex.model.expectation:
        out.append(_Para(f"The study expects: {ex.model.expectation}."))
    if sol.parameters:
        text = "Parameters: " + ", ".join(f"{n} = {exact(v)}" for n, v in sol.parameters) + "."
        if ex.changed:
            text += (f" Different from {ex.parent or 'the parent file'}: "
                     + ", ".join(f"{n} {exact(old) if old is not None else '(new)'} → {exact(new)}"
                                 for n, old, new in ex.changed) + ".")
        out.append(_Para(text))
    out.append(_Para("The tree:"))
    out.append(_Working(tuple(draw(tree, width=layout.width() - 2).splitlines()), indent=2))

    out.append(_Heading(2, "1. Backward induction, from the last movers back"))
    subgames = [s.step.root for s in ex.steps]
    out.append(
        _Para(
            "A subgame starts at a node where the mover knows everything that has happened, and contains everything "
            f"after it. This tree has {_plural(len(subgames), 'subgame')}: "
            f"{_listing([chr(34) + r + chr(34) for r in reversed(subgames)])}. "
            "Backward induction solves the smallest ones first and replaces each by the payoffs of an equilibrium "
            "played there; where a subgame has several equilibria, each is followed in turn (Selten 1965)."
        )
    )
    for step in ex.steps:
        out.extend(_step_blocks(ex, step))
    out.extend(_path_blocks(ex))
    out.extend(_form_blocks(ex))
    if ex.signalling is not None:
        out.extend(_signalling_blocks(ex, 4))
    for w in sol.warnings:
        out.append(_Para(f"Note: {w[0].upper() + w[1:]}{'' if w.endswith('.') else '.'}"))
    return out


def render(explanation, fmt: str = "text", *, width: int | None = None) -> str:
    """Render the walk-through of a game tree as ``text`` (80 columns), ``markdown`` or ``json``."""
    if fmt == "json":
        return json.dumps(explanation.to_dict(), indent=2, ensure_ascii=False)
    blocks = _blocks(explanation)
    if fmt == "markdown":
        return _markdown(blocks)
    return _text(blocks, width)
