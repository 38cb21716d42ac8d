"""Renderer for solved game trees: a text drawing with the path of play marked, and every equilibrium in words.

:func:`draw` draws a :class:`~bargaining.tree.GameTree` for an 80-column
terminal, one line per move, ``▶`` on the moves played; :func:`render` turns a
:class:`~bargaining.solvers.tree.TreeSolution` into text (``table``), JSON or
Markdown: the subgame-perfect equilibria grouped by their path of play (the
tree drawn once per path), the Nash equilibria of the reduced strategic form
with the non-credible threat each non-subgame-perfect one rests on, and for a
signalling game its perfect Bayesian equilibria with beliefs.

No computation happens here.
"""

from __future__ import annotations

import json
from typing import Iterable

from bargaining.numbers import exact
from bargaining.render import layout
from bargaining.tree import Chance, Decision, GameTree, Simultaneous, Terminal

__all__ = ["render", "render_sweep", "draw", "strategy_text", "path_text", "threat_text", "form_point_text",
           "form_count_text", "intuitive_text"]



def _payoffs(tree: GameTree, values) -> str:
    return ", ".join(f"{p} {exact(v)}" for p, v in zip(tree.players, values))


def _node_text(tree: GameTree, name: str) -> str:
    n = tree.node(name)
    if isinstance(n, Terminal):
        words = f"{n.name}: {n.label}" if n.label and n.label != n.name else n.name
        return f"{words} ({_payoffs(tree, n.payoffs)})"
    if isinstance(n, Decision):
        return f"{n.name}: {n.label}" if n.label else f"{n.name}: {n.player} moves"
    if isinstance(n, Chance):
        return f"{n.name}: chance"
    size = " × ".join(str(len(a)) for a in n.actions)
    return f"{n.name}: {' and '.join(n.players)} choose at once ({size})"


def _wrapped(first: str, rest: str, text: str, width: int | None) -> list[str]:
    width = max(width or layout.width(), len(first) + 20, len(rest) + 20)
    if not text.strip():
        return [first.rstrip()]
    return [line.rstrip() for line in layout.wrap(text, first, rest, columns=width)]


def draw(tree: GameTree, played: Iterable[tuple[str, str]] = (), *, width: int | None = None) -> str:
    """The tree as text, one line per move, ``▶`` marking the moves in ``played`` (``(node, move)`` pairs).

    A simultaneous node shows only the cells played (``"ally, ally"``) and how
    many others there are.

    Examples
    --------
    >>> from bargaining.tree import decision, terminal
    >>> t = GameTree.build(["E", "I"], [decision("enter?", "E", {"out": "o", "in": "r"}), terminal("o", [0, 2]),
    ...     decision("r", "I", {"fight": "f", "share": "s"}), terminal("f", [-1, -1]), terminal("s", [1, 1])])
    >>> print(draw(t, [("enter?", "in"), ("r", "share")]))
    enter?: E moves
    ├── out → o (E 0, I 2)
    └─▶ in → r: I moves
        ├── fight → f (E -1, I -1)
        └─▶ share → s (E 1, I 1)
    """
    width = width or layout.width()
    played = set(played)
    lines = _wrapped("", "", _node_text(tree, tree.root.name), width)

    def edges(n):
        if isinstance(n, Decision):
            return [(a, c, a) for a, c in n.moves]
        if isinstance(n, Chance):
            return [(a, c, f"{a} (probability {exact(p)})") for a, p, c in n.moves]
        if isinstance(n, Simultaneous):
            return [(", ".join(k), c, f"({', '.join(k)})") for k, c in n.cells]
        return []

    def walk(name: str, prefix: str):
        n = tree.node(name)
        out = edges(n)
        if isinstance(n, Simultaneous):
            shown = [e for e in out if (name, e[0]) in played]
            hidden = len(out) - len(shown)
            out = shown
            if hidden:
                out = out + [(None, None, f"{hidden} other cell{'s' if hidden > 1 else ''}" if shown else
                              f"{hidden} cells")]
        for k, (move, child, text) in enumerate(out):
            last = k == len(out) - 1
            on = move is not None and (name, move) in played
            branch = ("└─" if last else "├─") + ("▶ " if on else "─ ")
            rest = prefix + ("    " if last else "│   ")
            if child is None:
                lines.extend(_wrapped(prefix + ("└╌╌ " if last else "├╌╌ "), rest, text, width))
                continue
            lines.extend(_wrapped(prefix + branch, rest + "  ", f"{text} → {_node_text(tree, child)}", width))
            walk(child, rest)

    walk(tree.root.name, "")
    return layout.plain("\n".join(lines))


def _expanded_moves(tree: GameTree, e) -> set[tuple[str, str]]:
    """Like :func:`_played` but reading a simultaneous node's cell from the expanded path."""
    out = set()
    for o in e.play:
        node = tree.root
        path = list(o.path)
        while path and not isinstance(node, Terminal):
            if isinstance(node, Simultaneous):
                k = len(node.players)
                cell, path = tuple(path[:k]), path[k:]
                out.add((node.name, ", ".join(cell)))
                node = tree.node(dict(node.cells)[cell])
                continue
            move = path.pop(0)
            out.add((node.name, move))
            child = (
                dict(node.moves)[move] if isinstance(node, Decision) else next(c for a, _, c in node.moves if a == move)
            )
            node = tree.node(child)
    return out


def path_text(tree: GameTree, e) -> str:
    """``propose, accept → treaty`` (or each path with its probability when play is uncertain)."""
    parts = []
    for o in e.play:
        text = f"{', '.join(o.path) or '(no move)'} → {o.terminal}"
        parts.append(text if len(e.play) == 1 else f"{text} (probability {exact(o.probability)})")
    return "; ".join(parts)


def _moves_text(moves) -> str:
    if moves is None:
        return "(left open)"
    pure = [a for a, q in moves if q == 1]
    if pure:
        return pure[0]
    return "(" + ", ".join(f"{a} {exact(q)}" for a, q in moves if q) + ")"


def _infoset_text(name: str, player: str) -> str:
    suffix = f":{player}"
    return name[: -len(suffix)] if name.endswith(suffix) else name


def strategy_text(e, p: int) -> str:
    """``proposal propose; after rejection ally; partnership ally``: a player's behaviour strategy."""
    player = e.players[p]
    return "; ".join(f"{_infoset_text(h, player)} {_moves_text(moves)}" for h, moves in e.behaviour[p])


def _mixed_text(e, p: int) -> str:
    names, x = e.strategy_names[p], e.mixed[p]
    support = [(s, q) for s, q in zip(names, x) if q]
    if len(support) == 1:
        return support[0][0]
    return ", ".join(f"{s} {exact(q)}" for s, q in support)


def _listing(words) -> str:
    words = list(words)
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1]


def threat_text(t) -> str:
    """A :class:`~bargaining.solvers.tree.Threat` in words: which prescribed move would not be carried out, and why."""
    where = _infoset_text(t.subgame, t.player)
    if not t.changes:
        return f"{t.player} gains by deviating in the subgame at \"{where}\""
    moves = " and ".join(
        f"{'mix' if a == 'a mix' else 'play ' + a} at \"{_infoset_text(h, t.player)}\"" for h, a, _ in t.changes
    )
    better = ", ".join(b for _, _, b in t.changes)
    text = f"{t.player}'s threat to {moves} is not credible: if it came to that, "
    if t.replies:
        answers = _listing(
            f"{p}'s best reply would be {', '.join(m for _, m in moves_)}" for p, moves_ in t.replies
        )
        text += f"{answers}{' (one of several)' if t.other_replies else ''}, and against it "
    text += f"{better} would give {t.player} {exact(t.better_value)} there, not {exact(t.value)}"
    known = [(r, end) for r, _, end in t.continuation if end is not None]
    if known:
        text += " (" + "; ".join(f"at \"{r}\" play would then end in {end}" for r, end in known) + ")"
    return text


def form_point_text(solution, e) -> str:
    """Where a subgame-perfect equilibrium lies among the strategic form's Nash equilibria, in words."""
    q = e.form_point
    if q is None:
        return ""
    if q.equal_to is not None:
        return f"Nash equilibrium {q.equal_to + 1} of the strategic form"
    if not q.subset:
        return "a Nash equilibrium of the strategic form (zero regret), not an extreme one"
    spanned = [str(k + 1) for k in q.spanned]
    return f"not an extreme point: a mixture of Nash equilibria {_listing(spanned)} of the strategic form"


def form_count_text(solution) -> str:
    """What the counts of subgame-perfect and of extreme Nash equilibria mean, side by side."""
    s = solution.form_summary
    eqs = solution.equilibria
    if s is None:
        return ""

    def are(n: int) -> str:
        return "is" if n == 1 else "are"

    parts = []
    comps = len(solution.components)
    if len(eqs) == 1:
        parts.append("It is the strategic form's only Nash equilibrium.")
    else:
        parts.append(
            f"The {len(eqs)} are the extreme points of the strategic form's set of Nash equilibria"
            + (f", which has {comps} connected components" if comps > 1 else "")
            + "; every mixture within one of its convex pieces is an equilibrium too."
        )
    one = s.subgame_perfect == 1
    verified = ("is" if one else "are all") if s.verified else ("is NOT" if one else "are NOT all")
    text = (
        ("The subgame-perfect equilibrium" if one else f"The {s.subgame_perfect} subgame-perfect equilibria")
        + f" of backward induction {verified} {'a Nash equilibrium' if one else 'Nash equilibria'} of it "
        "(zero regret, checked exactly)"
    )
    if s.components and comps > 1:
        where = _listing([str(k + 1) for k in s.components])
        text += f", all in component {where}" if len(s.components) == 1 else f", in components {where}"
    text += ":"
    if s.extreme == s.subgame_perfect and len(s.distinct) == s.extreme:
        text += " it is an extreme point" if one else " each is an extreme point"
    elif len(s.distinct) == s.extreme:
        text += f" {s.extreme} {are(s.extreme)} {'an extreme point' if s.extreme == 1 else 'extreme points'}"
    elif s.extreme:
        text += (f" {s.extreme} are extreme points, {len(s.distinct)} distinct "
                 f"{'one' if len(s.distinct) == 1 else 'ones'} (the reduced strategic form does "
                 "not record a move that a player's own earlier move rules out, so equilibria that differ only "
                 "there are one)")
    if s.inside:
        text += (f"{';' if s.extreme else ''} {s.inside} {'mixes' if s.inside == 1 else 'mix'} in a subgame and "
                 f"{'lies' if s.inside == 1 else 'lie'} inside a convex set of equilibria spanned by extreme ones, "
                 f"so {'it is' if s.inside == 1 else 'they are'} not among the extreme points")
    text += "."
    parts.append(text)
    marked = set(s.marked)
    distinct = set(s.distinct)
    m = len(marked)
    if marked == distinct:
        parts.append(f"So {m} of the {len(eqs)} {are(m)} marked subgame-perfect: exactly the "
                     f"{'one' if m == 1 else 'ones'} backward induction reaches.")
    else:
        extra = sorted(marked - distinct)
        parts.append(
            f"{m} of the {len(eqs)} {are(m)} marked subgame-perfect"
            + (f"; {_listing([str(k + 1) for k in extra])} {are(len(extra))} subgame-perfect with moves that "
               "backward induction does not follow (ties)" if extra else "")
            + "."
        )
    return " ".join(parts)


def _outcome_line(solution, e) -> str:
    reading = solution.reading(e.outcome)
    payoffs = _payoffs(solution.tree, e.payoffs)
    return f"{reading}; payoffs {payoffs}" if reading else f"payoffs {payoffs}"


def _groups(solution):
    groups: dict[tuple, list] = {}
    for e in solution.subgame_perfect:
        key = tuple((o.path, o.terminal, o.probability) for o in e.play)
        groups.setdefault(key, []).append(e)
    return list(groups.values())


def _packed(first: str, rest: str, items: list[str], width: int) -> list[str]:
    """Items joined by ``", "``, broken between items only."""
    lines, line = [], first
    for k, item in enumerate(items):
        piece = item + ("," if k < len(items) - 1 else "")
        if line not in (first, rest) and len(line) + 1 + len(piece) > width:
            lines.append(line)
            line = rest
        line += ("" if line in (first, rest) else " ") + piece
    return lines + [line]


def _table(solution, width: int | None = None) -> str:
    width = width or layout.width()
    tree = solution.tree
    out = [tree.title or "Game tree"]
    if solution.source:
        out.append(f"({solution.source})")
    if solution.parameters:
        out.extend(_packed("Parameters: ", "  ", [f"{n} = {exact(v)}" for n, v in solution.parameters], width))
    out.append("")
    groups = _groups(solution)
    n = len(solution.subgame_perfect)
    out.extend(_wrapped("", "", (
        f"Subgame-perfect equilibria: {n}"
        + (f", with {len(groups)} paths of play" if len(groups) > 1 else "")
        + " (backward induction over subgames, exact). ▶ marks the path of play."
    ), width))
    k = 0
    for g, members in enumerate(groups, 1):
        first = members[0]
        out.append("")
        count = f" ({len(members)} equilibria)" if len(members) > 1 else ""
        out.extend(_wrapped(f"Path {g}{count}: ", "  ", path_text(tree, first), width))
        out.append(draw(tree, _expanded_moves(tree, first), width=width))
        out.extend(_wrapped("  Outcome: ", "    ", _outcome_line(solution, first), width))
        for e in members:
            k += 1
            for p, player in enumerate(tree.players):
                lead = f"  {k}. " if p == 0 else " " * len(f"  {k}. ")
                out.extend(_wrapped(f"{lead}{player}: ", " " * (len(lead) + 2), strategy_text(e, p), width))
            where = form_point_text(solution, e)
            if where:
                pad = " " * len(f"  {k}. ")
                out.extend(_wrapped(pad, pad + "  ", f"= {where}.", width))
    out.append("")
    eqs = solution.equilibria
    spe = sum(e.subgame_perfect is True for e in eqs)
    threats = sum(e.subgame_perfect is False for e in eqs)
    undecided = len(eqs) - spe - threats
    parts = [f"{spe} subgame-perfect", f"{threats} resting on non-credible threats"]
    if undecided:
        parts.append(f"{undecided} undecided")
    kind = "Bayesian Nash equilibria" if isinstance(tree.expanded().root, Chance) else "Nash equilibria"
    out.extend(_wrapped("", "", f"{kind} of the reduced strategic form: {len(eqs)} ({', '.join(parts)}).", width))
    counts = form_count_text(solution)
    if counts:
        out.extend(_wrapped("", "", counts, width))
    for k, e in enumerate(eqs, 1):
        lead = f"{k:>3}. "
        plans = "; ".join(f"{p} {_mixed_text(e, i)}" for i, p in enumerate(e.players))
        verdict = {True: "Subgame-perfect.", False: "Not subgame-perfect.", None: "Subgame perfection undecided."}
        text = f"{plans}. {path_text(tree, e)}; {_payoffs(tree, e.payoffs)}. {verdict[e.subgame_perfect]}"
        if e.subgame_perfect is False and e.threats:
            text += " " + "; ".join(threat_text(t) for t in e.threats) + "."
        out.extend(_wrapped(lead, " " * len(lead), text, width))
    if solution.perfect_bayesian is not None:
        out.append("")
        out.extend(_signalling_lines(solution.perfect_bayesian, width))
    for w in solution.warnings:
        out.extend(_wrapped("warning: ", "  ", w, width))
    return layout.plain("\n".join(out) + "\n")


def _signalling_lines(pbe, width) -> list[str]:
    g = pbe.game
    first = g.types[0]
    out = _wrapped(
        "",
        "",
        f"Perfect Bayesian equilibria in pure strategies: {len(pbe.equilibria)} ({g.sender} knows its type, "
        f"{' or '.join(g.types)}, with prior P({first}) = {exact(g.prior[0])}; {g.receiver} sees only the message).",
        width,
    )
    for k, e in enumerate(pbe.equilibria, 1):
        lead = f"{k:>3}. "
        pad = " " * len(lead)
        sends = ", ".join(f"{t} {m}" for t, m in e.sender)
        kind = e.kind if e.kind == "separating" else f"pooling on {e.sender[0][1]}"
        responds = ", ".join(f"after {m} {a}" for m, a in e.receiver)
        out.extend(_wrapped(lead, pad, f"{kind}: {g.sender} {sends}; {g.receiver} {responds}.", width))
        beliefs = []
        for m, (lo, hi), on in e.beliefs:
            if on:
                beliefs.append(f"after {m} {exact(lo)} (on the path, Bayes' rule)")
            elif lo == hi:
                beliefs.append(f"after {m} {exact(lo)} (off the path)")
            else:
                beliefs.append(f"after {m} any from {exact(lo)} to {exact(hi)} (off the path)")
        out.extend(_wrapped(pad + f"Beliefs P({first}): ", pad + "  ", "; ".join(beliefs) + ".", width))
        pays = ", ".join(f"{t} {exact(u)}" for t, u in e.payoffs)
        out.extend(_wrapped(pad + "Payoffs: ", pad + "  ", f"{g.sender} {pays}; expected {g.sender} "
                            f"{exact(e.expected[0])}, {g.receiver} {exact(e.expected[1])}.", width))
        out.extend(_wrapped(pad + "Intuitive criterion: ", pad + "  ", intuitive_text(g, e), width))
    for w in pbe.warnings:
        out.extend(_wrapped("  Note: ", "    ", w[0].upper() + w[1:] + ".", width))
    return out


def _a(word: str) -> str:
    return ("an " if word[:1].lower() in "aeiou" else "a ") + word


def intuitive_text(g, e) -> str:
    """Whether a perfect Bayesian equilibrium survives the intuitive criterion (Cho and Kreps 1987), and why."""
    if not e.intuitive:
        return "survives. Every message is sent, so no belief off the path is tested."
    parts = []
    for check in e.intuitive:
        m = check.message
        payoff = dict(check.equilibrium)
        best = dict(check.best_deviation)

        def sender(t):
            return f"{_a(t)} {g.sender}"

        head = f"no type sends {m}. "
        if not check.dominated:
            parts.append(head + "No type is sure to lose by sending it (" + "; ".join(
                f"{sender(t)} gets {exact(payoff[t])} in the equilibrium and up to {exact(best[t])} by sending {m}"
                for t in g.types) + "), so every belief after it is allowed")
            continue
        lose = "; ".join(f"{sender(t)} gets {exact(payoff[t])} in the equilibrium and at most {exact(best[t])} by "
                         f"sending {m}" for t in check.dominated)
        if len(check.dominated) == len(g.types):
            parts.append(head + f"Every type would lose by sending it, whatever {g.receiver} answered ({lose}), so "
                         "the criterion does not restrict the belief after it")
            continue
        (rest,) = [t for t in g.types if t not in check.dominated]
        worst = dict(check.worst)[rest]
        text = (head + f"{lose[0].upper() + lose[1:]}, whatever {g.receiver} answers: it would never send it. So "
                f"{g.receiver} should believe that {m} comes from {sender(rest)}, and answer "
                f"{_listing(check.restricted)}; ")
        if check.breaks:
            text += (f"then {sender(rest)} would get {exact(worst)} by sending {m}, more than its "
                     f"{exact(payoff[rest])} in the equilibrium: it would deviate, so the belief that supports the "
                     "equilibrium is not reasonable")
        else:
            text += (f"then {sender(rest)} could get as little as {exact(worst)} by sending {m}, no more than its "
                     f"{exact(payoff[rest])} in the equilibrium")
        parts.append(text)
    verdict = "survives" if e.survives_intuitive else "fails"
    return f"{verdict}. " + " ".join(p[0].upper() + p[1:] + "." for p in parts)


def _json(solution, width=None) -> str:
    return json.dumps(solution.to_dict(), indent=2, ensure_ascii=False)


def _markdown(solution, width=None) -> str:
    return f"```text\n{_table(solution, width)}```\n"


def render(solution, fmt: str = "table", *, width: int | None = None) -> str:
    """Render a :class:`~bargaining.solvers.tree.TreeSolution` as ``table`` (text), ``json`` or ``markdown``."""
    from bargaining.errors import InputError

    writers = {"table": _table, "json": _json, "markdown": _markdown}
    if fmt not in writers:
        raise InputError(f"a game tree is written as {', '.join(writers)}, not {fmt}", where="format")
    return writers[fmt](solution, width)


def render_sweep(sweep, fmt: str = "table", *, width: int | None = None) -> str:
    """A :class:`~bargaining.statics.tree_sweep.TreeSweep` as text (``table``), ``json`` or ``csv``."""
    width = width or layout.width()
    from bargaining.errors import InputError

    if fmt == "json":
        return json.dumps(sweep.to_dict(), indent=2, ensure_ascii=False)
    if fmt == "csv":
        from bargaining.io.cells import csv_frame

        return csv_frame(sweep.to_pandas()).to_csv(index=False)
    if fmt != "table":
        raise InputError(f"a sweep of a game tree is written as table, json or csv, not {fmt}", where="format")
    names = [a for a, _ in sweep.axes]
    out = [sweep.title, f"({sweep.source})" if sweep.source else "", ""]
    grid = " × ".join(f"{a} from {exact(v[0])} to {exact(v[-1])} ({len(v)} points)" for a, v in sweep.axes)
    out.extend(_wrapped("", "", f"Subgame-perfect outcomes over {grid}, solved exactly at every point.", width))
    if sweep.profile is not None:
        a = names[0]
        out.append("")
        out.append("Regimes:")
        for r in sweep.profile.regimes:
            lead = f"  {a} from {exact(r.lower)} to {exact(r.upper)}: "
            out.extend(_wrapped(lead, "      ", "; ".join(r.answer) or "none", width))
        if sweep.profile.boundaries:
            out.append("Boundaries:")
            for b in sweep.profile.boundaries:
                where = exact(b.value) if b.exact else f"between {exact(b.low)} and {exact(b.high)}"
                at = f"; exactly there: {b.at_text}" if b.exact and b.at_text else ""
                out.extend(_wrapped(f"  {a} = {where}: ", "      ", f"{b.how}{at}", width))
    else:
        counts: dict[tuple[str, ...], list] = {}
        for p in sweep.points:
            counts.setdefault(p.outcomes, []).append(p.values)
        out.append("")
        out.append(f"Regions ({len(counts)}):")
        for answer, pts in counts.items():
            box = ", ".join(
                f"{a} {exact(min(v[k] for v in pts))} to {exact(max(v[k] for v in pts))}" for k, a in enumerate(names)
            )
            out.extend(_wrapped("  ", "    ", f"{'; '.join(answer) or 'none'}: {len(pts)} points ({box})", width))
    return layout.plain("\n".join(line for line in out) + "\n")
