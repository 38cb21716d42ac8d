"""``repeat FILE``: the stage game repeated forever; which profiles are subgame-perfect outcomes, from which δ.

Options: ``--delta NAME=VALUE`` (repeatable; NAME a discount factor such as
``delta_C`` or a player's name) or ``--delta VALUE`` for both players checks
given discount factors; ``--profile "ally, ally"`` shows one profile's
closed forms; ``--conditions`` lists where each closed form applies;
``--keep`` fixes the other parameters in the closed forms; ``--exact-only``
skips sympy. The analysis is :func:`bargaining.symbolic.repeated.repeated_analysis`,
the output :mod:`bargaining.render.repeated`.
"""

from __future__ import annotations

from bargaining.cli.common import add_format_argument, add_game_argument, emit, parse_assignments, parse_delta

FORMATS = ("table", "json", "markdown")


def add_delta_argument(parser) -> None:
    """``--delta NAME=VALUE`` (repeatable) or ``--delta VALUE``: discount factors of the repeated game."""
    parser.add_argument(
        "--delta",
        action="append",
        default=[],
        metavar="NAME=VALUE",
        help=(
            "a discount factor of the repeated game to check, exact (0.9, 9/10): delta_R=0.9, or a player's name,"
            " or a bare VALUE for both players (repeatable)"
        ),
    )


def register(sub) -> None:
    p = sub.add_parser(
        "repeat",
        help="the game repeated forever: which profiles are subgame-perfect outcomes, from which discount factor",
        description=(
            "The stage game repeated forever with discounting. For each pure profile: whether it is sustained by"
            " Nash reversion (grim trigger) and by harsher punishments (the minmax bound; stick and carrot), each"
            " player's critical discount factor exactly and as a decimal, and its formula in the parameters; with"
            " transfers (the file's [bargaining] transfers = true), when a per-period payment makes a profile"
            " self-enforcing."
        ),
    )
    add_game_argument(p)
    add_delta_argument(p)
    p.add_argument("--profile", metavar="PROFILE", help='show the closed forms of one profile only, e.g. "ally, ally"')
    p.add_argument("--conditions", action="store_true", help="list the conditions under which each closed form applies")
    p.add_argument(
        "--keep",
        metavar="NAME,...",
        help="keep only these parameters symbolic in the closed forms (default: all symbolic)",
    )
    p.add_argument("--exact-only", dest="exact_only", action="store_true",
                   help="skip the closed forms (no sympy): only the exact numbers")
    add_format_argument(p, FORMATS)
    p.add_argument("-o", "--output", metavar="PATH", help="write to a file instead of standard output")
    p.set_defaults(func=run)


def run(args) -> int:
    from bargaining.api import repeat
    from bargaining.render.repeated import render

    keep = None if args.keep is None else [k.strip() for k in args.keep.split(",") if k.strip()]
    analysis = repeat(args.file, delta=parse_delta(args.delta), keep=keep, formulas=not args.exact_only,
                      set=parse_assignments(args.set), params=args.params)
    emit(render(analysis, args.format, profile=args.profile, conditions=args.conditions), args.output)
    return 0
