"""``derive FILE``: equilibrium conditions, mixed equilibria and tipping points in closed form."""

from __future__ import annotations

from bargaining.cli.common import add_format_argument, add_game_argument, emit, load_model_from_args

FORMATS = ("text", "json", "markdown", "latex")


def register(sub) -> None:
    p = sub.add_parser(
        "derive",
        help="derive equilibrium conditions and tipping points in closed form",
        description=(
            "Derive, in closed form, when each pure profile is a Nash equilibrium, the mixed equilibria of every "
            "pair of supports with their comparative statics, and (with --solve-for) every tipping point of one "
            "parameter. Parameters stay symbolic; their declared ranges are assumed."
        ),
    )
    add_game_argument(p)
    p.add_argument(
        "--keep",
        metavar="NAME,...",
        help="keep only these parameters symbolic and fix the others at the file's values (default: all symbolic)",
    )
    p.add_argument("--solve-for", dest="solve_for", metavar="NAME", help="solve every boundary for this parameter")
    add_format_argument(p, FORMATS)
    p.add_argument("-o", "--output", metavar="PATH", help="write to a file instead of standard output")
    p.set_defaults(func=run)


def run(args) -> int:
    from bargaining.errors import InputError
    from bargaining.render.derive import render
    from bargaining.symbolic import derive

    keep = None
    if args.keep is not None:
        keep = [k.strip() for k in args.keep.split(",") if k.strip()]
        if not keep:
            raise InputError("expected parameter names separated by commas, found nothing", where="--keep")
    model = load_model_from_args(args)
    result = derive(model, keep=keep, solve_for=args.solve_for)
    emit(render(result, args.format), args.output)
    return 0
