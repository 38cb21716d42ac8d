"""``handout FILE``: an exercise sheet for a game (Markdown or LaTeX), with or without the answers."""

from __future__ import annotations

from bargaining.cli.common import add_game_argument, emit, parse_assignments


def register(sub) -> None:
    p = sub.add_parser(
        "handout",
        help="write an exercise sheet for a game (Markdown or LaTeX), with the answers if asked",
        description=(
            "Write an exercise sheet for a game at its parameter values (change them with --set): the payoff "
            "table and questions on best responses, pure equilibria, the mixed equilibrium (or why there is "
            "none), equilibrium selection when strict equilibria compete, and a threshold: for which values of a "
            "parameter a pure profile is an equilibrium. --answers adds the worked answers. LaTeX output is a "
            "complete document for pdflatex or lualatex."
        ),
    )
    add_game_argument(p)
    p.add_argument(
        "--format", choices=("markdown", "latex"), default="markdown", help="output format (default markdown)"
    )
    p.add_argument("--answers", action="store_true", help="include the worked answers")
    p.add_argument(
        "--threshold",
        metavar="NAME",
        help="the parameter of the threshold question (default: the first with a range in the file)",
    )
    p.add_argument(
        "--profile",
        metavar='"ROW, COLUMN"',
        help="the pure profile of the threshold question, e.g. \"ally, ally\" (default: the first that "
        "is an equilibrium on part of the parameter's range)",
    )
    p.add_argument(
        "--threshold-method",
        choices=("auto", "symbolic", "bisection"),
        default="auto",
        help="how the threshold is found: symbolic (exact, needs sympy), bisection with exact payoffs, or auto "
        "(symbolic when it can say; default)",
    )
    p.add_argument("--output", "-o", metavar="PATH", help="write to a file instead of the terminal")
    p.set_defaults(func=run)


def run(args) -> int:
    from bargaining.api import handout
    from bargaining.render.handout import render

    profile = None if args.profile is None else tuple(s.strip() for s in args.profile.split(","))
    sheet = handout(args.file, parameter=args.threshold, profile=profile, method=args.threshold_method,
                    set=parse_assignments(args.set), params=args.params)
    emit(render(sheet, args.format, answers=args.answers), args.output)
    return 0
