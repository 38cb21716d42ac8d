"""``explain FILE``: the game walked through as a teacher at the board."""

from __future__ import annotations

from bargaining.cli.common import add_game_argument, emit, parse_assignments


def register(sub) -> None:
    p = sub.add_parser(
        "explain",
        help="walk through a game step by step: payoffs, dominance, equilibria, selection",
        description=(
            "Walk through a game as a teacher at the board: each payoff as a sum of its named terms, best "
            "responses and iterated strict dominance, why each equilibrium is one, what pins down mixed "
            "probabilities, and payoff against risk dominance. A game tree is walked through by backward "
            "induction, subgame by subgame, with the path of play, the Nash equilibria that rest on "
            "non-credible threats and, for a signalling game, its perfect Bayesian equilibria."
        ),
    )
    add_game_argument(p)
    p.add_argument(
        "--format", choices=("text", "markdown", "json"), default="text", help="output format (default text)"
    )
    p.add_argument("--output", "-o", metavar="PATH", help="write to a file instead of the terminal")
    p.set_defaults(func=run)


def run(args) -> int:
    from bargaining.analysis.explain_nplayer import NPlayerExplanation
    from bargaining.analysis.explain_tree import TreeExplanation
    from bargaining.api import explain
    from bargaining.render.explain import render
    from bargaining.render.explain_tree import render as render_tree

    result = explain(args.file, set=parse_assignments(args.set), params=args.params)
    if isinstance(result, TreeExplanation):
        render = render_tree
    elif isinstance(result, NPlayerExplanation):  # games of three or more players have their own walk-through
        from bargaining.render.explain_nplayer import render
    emit(render(result, args.format), args.output)
    return 0
