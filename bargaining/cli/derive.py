"""``derive FILE``: equilibrium conditions, mixed equilibria and tipping points in closed form."""

from __future__ import annotations

from bargaining.cli.common import add_format_argument, add_game_argument, emit, parse_assignments
from bargaining.errors import InputError

FORMATS = ("text", "json", "markdown", "latex")


def register(sub) -> None:
    p = sub.add_parser(
        "derive",
        help="derive equilibrium conditions and tipping points in closed form",
        description=(
            "Derive, in closed form, when each pure profile is a Nash equilibrium, the mixed equilibria of every "
            "pair of supports with their comparative statics, and (with --solve-for) every tipping point of one "
            "parameter. Parameters stay symbolic; their declared ranges are assumed. On a game tree: the "
            "conditions under which each strategy profile (pure moves, stage games in pure or mixed equilibria) is "
            "subgame-perfect, and each path of play."
        ),
    )
    add_game_argument(p)
    p.add_argument(
        "--keep",
        metavar="NAME,...",
        help="keep only these parameters symbolic and fix the others at the file's values (default: all symbolic)",
    )
    p.add_argument("--solve-for", dest="solve_for", metavar="NAME", help="solve every boundary for this parameter")
    p.add_argument(
        "--only", metavar="PROFILE", help="show one equilibrium candidate only, e.g. \"(ally, ally)\" or ally,ally"
    )
    p.add_argument(
        "--budget",
        type=int,
        metavar="OPS",
        help="simplify expressions of up to OPS operations (default 400); larger is slower, never different in meaning",
    )
    add_format_argument(p, FORMATS)
    p.add_argument("-o", "--output", metavar="PATH", help="write to a file instead of standard output")
    p.set_defaults(func=run)


def run(args) -> int:
    from bargaining.api import derive
    from bargaining.render.derive import render
    from bargaining.symbolic.nplayer import NPlayerDerivation
    from bargaining.symbolic.tree import TreeDerivation

    keep = None if args.keep is None else [k.strip() for k in args.keep.split(",") if k.strip()]
    result = derive(
        args.file, keep=keep, solve_for=args.solve_for, set=parse_assignments(args.set), params=args.params,
        budget=args.budget,
    )
    if isinstance(result, TreeDerivation):
        from bargaining.render.derive_tree import render

        if args.only:
            raise InputError("one profile is shown for strategic-form games; a game tree lists every "
                             "subgame-perfect profile", where="shown candidate")
        emit(render(result, args.format), args.output)
    elif isinstance(result, NPlayerDerivation):
        from bargaining.render.derive_nplayer import render

        if args.only:
            raise InputError("one profile is shown for two-player games; a game of three or more players "
                             "lists the conditions of every pure profile", where="shown candidate")
        emit(render(result, args.format), args.output)
    else:
        emit(render(result, args.format, only=args.only), args.output)
    return 0
