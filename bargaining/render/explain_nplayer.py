"""Renderers for an :class:`~bargaining.analysis.explain_nplayer.NPlayerExplanation`: plain text and Markdown.

The walk-through of a game of three or more players, laid out in the blocks of
:mod:`bargaining.render.explain` (headings, paragraphs, tables, working) and
written by its writers, so that both walk-throughs read alike. With three
players each player's best responses fit one small table (rows and columns the
two others' strategies). No computation happens here beyond differences of
numbers the explanation holds.
"""

from __future__ import annotations

import json

from bargaining.numbers import exact
from bargaining.render.explain import _Heading, _Items, _markdown, _Para, _Table, _text, _Working
from bargaining.render.nplayer import continuum_lines

__all__ = ["render"]


def _listing(words) -> str:
    words = list(words)
    if len(words) <= 1:
        return "".join(words)
    return ", ".join(words[:-1]) + " and " + words[-1]


def _possessive(name: str) -> str:
    return f"{name}'" if name.endswith("s") else f"{name}'s"


def _sum_text(parts, values: bool) -> str:
    out = ""
    for k, p in enumerate(parts):
        text = exact(p.value) if values else p.text
        if values and text.startswith("-"):
            text = f"({text})"
        if k == 0:
            out = text if p.sign > 0 else f"-{text}"
        else:
            out += (" + " if p.sign > 0 else " - ") + text
    return out or "0"


def _breakdown_lines(ex, b) -> list[str]:
    g = ex.game
    head = f"{g.players[b.player]}: "
    if len(b.parts) == 1 and b.parts[0].kind == "number":
        return [f"{head}{exact(b.payoff)}"]
    line = f"{head}{_sum_text(b.parts, values=False)}"
    if len(b.parts) > 1 or b.parts[0].kind != "number":
        line += f" = {_sum_text(b.parts, values=True)}"
    if len(b.parts) > 1:
        line += f" = {exact(b.payoff)}"
    return [line]


def _reply_blocks(ex, p: int) -> list:
    g = ex.game
    P, S = g.players, g.strategies
    others = [q for q in range(g.n_players) if q != p]
    replies = ex.replies(p)
    against = "(" + ", ".join(P[q] for q in others) + ")"
    title = f"{_possessive(P[p])} best response to {against}:"

    def names(r):
        return " / ".join(S[p][k] for k in r.best)

    if len(others) == 2:
        a, b = others
        header = (f"{P[a]} \\ {P[b]}",) + S[b]
        rows = []
        for i in range(g.shape[a]):
            rows.append((S[a][i],) + tuple(
                names(next(r for r in replies if r.against == (i, j))) for j in range(g.shape[b])
            ))
        return [_Para(title), _Table(header, tuple(rows), indent=2)]
    rows = tuple(("(" + ", ".join(S[q][k] for q, k in zip(others, r.against)) + ")", names(r)) for r in replies)
    return [_Para(title), _Table((against, "best response"), rows, indent=2)]


def _check_items(ex, why) -> list[str]:
    g = ex.game
    P, S = g.players, g.strategies
    items = []
    for c in why.checks:
        played = [k for k, on in enumerate(c.played) if on]
        rest = [k for k, on in enumerate(c.played) if not on]
        pays = ", ".join(f"{S[c.player][k]} {exact(c.values[k])}" for k in range(len(c.values)))
        if len(played) == 1:
            gains = [c.values[k] - c.payoff for k in rest]
            verdict = "no deviation gains" if all(x < 0 for x in gains) else "no deviation gains (a tie)"
            items.append(f"{P[c.player]} plays {S[c.player][played[0]]}: against the others it pays {pays}; {verdict}.")
        else:
            mix = _listing(S[c.player][k] for k in played)
            items.append(f"{P[c.player]} mixes {mix}: each pays {exact(c.payoff)} against the others' "
                         f"strategies ({pays}), so it is indifferent among them and gains nothing elsewhere.")
    return items


def _blocks(ex) -> list:
    g = ex.game
    m = ex.model
    sol = ex.solution
    P, S = g.players, g.strategies
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
    if rows:
        out.append(_Para("Parameters:"))
        out.append(_Table(("name", "value", "meaning", ""), tuple(rows), indent=2))

    # 1 -------------------------------------------------------------- payoffs
    out.append(_Heading(2, "1. Where the payoffs come from"))
    out.append(_Para(
        f"A game of {g.n_players} players: {_listing(P)}, with "
        + "; ".join(f"{P[p]} choosing {', '.join(S[p])}" for p in range(g.n_players))
        + f". Every pure profile (there are {len(ex.breakdown) // g.n_players}) gives each player a payoff, a sum of "
        "named terms read from the game file: benefits added, costs subtracted. The terms, at these values:"
    ))
    if ex.terms:
        out.append(
            _Table(
                ("term", "formula", "value", "meaning"),
                tuple(
                    (t.name, t.formula if t.kind == "term" else "(parameter)", exact(t.value), t.label)
                    for t in ex.terms
                ),
                indent=2,
            )
        )
    out.append(
        _Para("Section 4 shows the payoffs of each equilibrium term by term; --format json has every profile's.")
    )

    # 2 -------------------------------------------------------------- best responses
    out.append(_Heading(2, "2. Best responses"))
    out.append(_Para("Each player's best strategy against each pure choice of the others (ties separated by /):"))
    for p in range(g.n_players):
        out.extend(_reply_blocks(ex, p))

    # 3 -------------------------------------------------------------- dominance
    out.append(_Heading(2, "3. Dominated strategies"))
    if ex.eliminations:
        out.append(
            _Para(
                "Strategies strictly worse than another of the same player against everything the others "
                "can still play, removed in turn:"
            )
        )
        out.append(
            _Items(
                tuple(
                    f"{P[e.player]}: {S[e.player][e.strategy]} (always worse than {S[e.player][e.by]})"
                    for e in ex.eliminations
                )
            )
        )
    else:
        out.append(
            _Para(
                "No strategy is strictly worse than another of the same player against everything the others "
                "can play: every strategy stays in play."
            )
        )

    # 4 -------------------------------------------------------------- equilibria
    count = len(sol.equilibria)
    out.append(_Heading(2, "4. The equilibria, and why each is one"))
    out.append(
        _Para(
            f"{count} Nash equilibri{'um' if count == 1 else 'a'}, found by trying every support profile and solving "
            "its indifference equations exactly; each is certified (no player gains by deviating, proved exactly). "
            "With three or more players a mixing player's indifference is a polynomial equation in the others' "
            "probabilities, so equilibria can be irrational; they are printed exactly."
        )
    )
    for k, (e, why) in enumerate(zip(sol.equilibria, ex.why)):
        out.append(_Heading(3, f"#{k + 1}: {sol.reading(k)}"))
        out.append(_Items(tuple(_check_items(ex, why))))
        if why.breakdown:
            lines = []
            for b in why.breakdown:
                lines.extend(_breakdown_lines(ex, b))
            out.append(_Para("Its payoffs, term by term:", indent=2))
            out.append(_Working(tuple(lines), indent=4))
    if sol.continua:
        out.append(_Para("Besides these, sets of equilibria (continua):"))
        out.append(_Working(tuple(continuum_lines(sol)), indent=2))

    # 5 -------------------------------------------------------------- treaty
    if ex.treaty:
        signers = _listing(P[p] for p in ex.signers)
        both = "both" if len(ex.signers) == 2 else "all"
        out.append(_Heading(2, "5. The treaty"))
        others = [p for p in range(g.n_players) if p not in ex.signers]
        out.append(
            _Para(
                f"A treaty: {signers} {both} play ally. Whether it holds depends on the choice of "
                f"{_listing(P[p] for p in others)}. For each choice:"
            )
        )

        def name(t):
            return "(" + ", ".join(S[p][k] for p, k in enumerate(t.profile)) + ")"

        items = []
        for t in ex.treaty:
            if t.is_equilibrium:
                items.append(f"{name(t)}: an equilibrium; no one gains by deviating.")
            else:
                moves = "; ".join(
                    f"{P[p]} would rather play {S[p][k]} (gaining {exact(gain)})" for p, k, gain in t.deviations
                )
                items.append(f"{name(t)}: {moves}.")
        out.append(_Items(tuple(items)))
        holds = [t for t in ex.treaty if t.is_equilibrium]
        if holds:
            out.append(
                _Para("So the treaty is an equilibrium when " + " or ".join(name(t) for t in holds) + " is played.")
            )
        else:
            text = "So the treaty is no pure equilibrium: whatever the others choose, someone would leave it."
            for t in ex.treaty:
                movers = {p for p, _, _ in t.deviations}
                if movers and not movers & set(ex.signers):
                    answer = list(t.profile)
                    for p, k, _ in t.deviations:
                        answer[p] = k
                    then = next((u for u in ex.treaty if u.profile == tuple(answer)), None)
                    leavers = [P[p] for p, _, _ in (then.deviations if then else ()) if p in ex.signers]
                    if leavers:
                        replies = _listing(f"{P[p]} would answer it with {S[p][k]}" for p, k, _ in t.deviations)
                        text += (
                            f" At {name(t)} {signers} would keep it, but {replies}, and then "
                            f"{_listing(leavers)} would leave: the treaty provokes the wedge that splits it "
                            "(Crawford 2011)."
                        )
                        break
            out.append(_Para(text))

    # 6 -------------------------------------------------------------- selection
    out.append(_Heading(2, "6. Which equilibrium"))
    if sol.selected is not None:
        out.append(_Para(f"Selected: #{sol.selected + 1}, {sol.reading(sol.selected)} ({sol.selection_rule})."))
    else:
        out.append(
            _Para(
                "No equilibrium is better for every player than all the others (payoff dominance), and risk dominance "
                "is a two-player notion. The logit quantal response equilibrium says where play with small errors "
                "tends: python cli.py qre FILE."
            )
        )
    for w in sol.warnings:
        out.append(_Para(f"Note: {w}"))
    return out


def render(explanation, fmt: str = "text", *, width: int | None = None) -> str:
    """Render the walk-through as ``text``, ``markdown`` or ``json``."""
    if fmt == "json":
        return json.dumps(explanation.to_dict(), indent=2, ensure_ascii=False)
    blocks = _blocks(explanation)
    if fmt == "markdown":
        return _markdown(blocks)
    return _text(blocks, width)
