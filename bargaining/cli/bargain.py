"""``bargain FILE``: bargaining over the terms of an agreement (Nash, Kalai–Smorodinsky, ...).

The problem comes from the game file's ``[bargaining]`` table (see
:mod:`bargaining.negotiation.from_game`); the solutions from
:data:`bargaining.negotiation.SOLUTIONS`. The renderers are in
:mod:`bargaining.render.bargain`.
"""

from __future__ import annotations

import sys

from bargaining.cli.common import (
    FORMATS as SINGLE_FORMATS,
    add_format_argument,
    add_game_argument,
    emit,
    parse_assignments,
    parse_delta,
)
from bargaining.errors import InputError

SWEEP_FORMATS = ("table", "csv", "json")
FORMATS = (*SINGLE_FORMATS, "csv")


def register(sub) -> None:
    from bargaining.negotiation import SOLUTIONS  # pure Python, cheap to import; scipy only loads on demand

    p = sub.add_parser(
        "bargain",
        help="bargaining over the terms of an agreement: Nash, Kalai-Smorodinsky, Rubinstein, ...",
        description=(
            "Bargaining over the terms of an agreement. The players can agree on any lottery over the"
            " game's pure profiles (and on a transfer when the file's [bargaining] table says"
            " transfers = true); without agreement they get the disagreement point. Prints what each"
            " bargaining solution gives."
        ),
    )
    add_game_argument(p)
    p.add_argument(
        "--solution",
        choices=(*SOLUTIONS, "all"),
        default="all",
        metavar="NAME",
        help=f"which solution to report: {', '.join((*SOLUTIONS, 'all'))} (default: all)",
    )
    add_format_argument(p, FORMATS)
    p.add_argument(
        "--vary",
        action="append",
        metavar="NAME=START:STOP:NUM",
        help=(
            "solve at every point of an exact grid of one parameter, e.g. T=0.6:1:41, and report how the"
            " bargained payoffs move (formats table, csv, json; --plot draws the shares of the surplus)"
        ),
    )
    from bargaining.cli.repeat import add_delta_argument

    add_delta_argument(p)
    p.add_argument(
        "--plot",
        metavar="PATH.png",
        help="also draw the feasible set and the solutions (with --vary: the shares against the parameter) to PATH.png",
    )
    p.set_defaults(func=run)


def run(args) -> int:
    from bargaining.api import bargain
    from bargaining.cli.sweep import PLOT_SUFFIXES
    from bargaining.render.bargain import render

    if args.plot and not args.plot.lower().endswith(PLOT_SUFFIXES):
        raise InputError(
            f"expected a file name ending in {', '.join(PLOT_SUFFIXES)}, found {args.plot!r}", where="--plot"
        )
    if args.vary:
        return _run_sweep(args)
    if args.format == "csv":
        raise InputError(
            "csv is for a sweep; add --vary NAME=START:STOP:NUM or choose table, json, markdown or latex",
            where="--format",
        )
    result = bargain(args.file, solution=args.solution, delta=parse_delta(args.delta),
                     set=parse_assignments(args.set), params=args.params)
    if args.plot:
        from bargaining.figures.bargain import plot_problem
        from bargaining.io.files import save_figure

        save_figure(
            plot_problem(result.setup.problem, result.solutions, title=result.title), args.plot, pad_inches=0.15
        )
    emit(render(result, args.format))
    if args.plot:
        print(f"wrote {args.plot}", file=sys.stderr)
    return 0


def _run_sweep(args) -> int:
    from bargaining.api import bargain
    from bargaining.render.bargain import render_sweep

    if len(args.vary) > 1:
        raise InputError(f"bargain varies one parameter, found {len(args.vary)} --vary", where="--vary")
    if args.format not in SWEEP_FORMATS:
        raise InputError(
            f"with --vary the format is {', '.join(SWEEP_FORMATS)}, found {args.format!r}", where="--format"
        )
    result = bargain(args.file, solution=args.solution, vary=args.vary[0], delta=parse_delta(args.delta),
                     set=parse_assignments(args.set), params=args.params)
    if args.plot:
        from bargaining.figures.bargain import plot_sweep
        from bargaining.io.files import save_figure

        save_figure(plot_sweep(result), args.plot, pad_inches=0.15)
    emit(render_sweep(result, args.format))
    if args.plot:
        print(f"wrote {args.plot}", file=sys.stderr)
    return 0
