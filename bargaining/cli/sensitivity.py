"""``sensitivity FILE``: Sobol indices of whether an outcome is an equilibrium, over the parameters' ranges."""

from __future__ import annotations

import sys

from bargaining.cli.common import add_game_argument, count, emit, parse_assignments, require
from bargaining.errors import InputError

FORMATS = ("table", "json")


def register(sub) -> None:
    from bargaining.statics.sensitivity import SAMPLES

    p = sub.add_parser(
        "sensitivity",
        help="which parameters decide whether an outcome is an equilibrium (Sobol indices)",
        description=(
            "Draw every parameter from the game file's [uncertainty] table, or, for a parameter it does not "
            "name, uniformly over its range (min and max in the game file; with --spread, within ±SPREAD of "
            "its value), solve each drawn game, and split the variance of 'the outcome is a Nash equilibrium' "
            "over the parameters: first-order and total Sobol indices with bootstrap confidence intervals "
            "(SALib), ranked by total index (a shared rank: the intervals overlap)."
        ),
    )
    add_game_argument(p)
    p.add_argument(
        "--samples",
        type=count,
        default=SAMPLES,
        metavar="N",
        help=f"base sample size, a power of 2 (default {SAMPLES}); the game is solved N*(D+2) times for D parameters",
    )
    p.add_argument(
        "--spread",
        metavar="S",
        help="draw the parameters the [uncertainty] table does not name within ±S of their value "
        "(as outlook does) instead of over their whole range",
    )
    p.add_argument(
        "--seed", type=int, default=0, metavar="S", help="random seed (default 0): the same seed gives the same indices"
    )
    p.add_argument(
        "--outcome",
        metavar="ROW,COLUMN",
        help="a pure profile such as ally,ally (default: the equilibrium selected at the file's values, if pure)",
    )
    p.add_argument("--format", choices=FORMATS, default="table", help="output format (default table)")
    p.add_argument("--output", metavar="PATH", help="write the output to PATH instead of standard output")
    p.add_argument("--plot", metavar="PATH", help="draw the indices as a bar chart to PATH (.png, .svg or .pdf)")
    p.set_defaults(func=run)


def run(args) -> int:
    from bargaining.api import sensitivity
    from bargaining.cli.progress import Progress
    from bargaining.cli.sweep import PLOT_SUFFIXES
    from bargaining.render.sensitivity import render
    from bargaining.solvers.batch import keep_freed_memory

    keep_freed_memory()

    require("SALib", "sensitivity")
    if args.plot and not args.plot.lower().endswith(PLOT_SUFFIXES):
        raise InputError(
            f"expected a file name ending in {', '.join(PLOT_SUFFIXES)}, found {args.plot!r}", where="--plot"
        )
    if args.samples < 2:
        raise InputError(f"expected a power of 2 such as 1024, found {args.samples}", where="--samples")
    with Progress("solving drawn games") as progress:
        result = sensitivity(args.file, outcome=args.outcome, samples=args.samples, seed=args.seed, spread=args.spread,
                             set=parse_assignments(args.set), params=args.params, progress=progress)
    emit(render(result, args.format), args.output)
    if args.plot:
        from bargaining.figures.statics import sobol_bars
        from bargaining.io.files import save_figure

        save_figure(sobol_bars(result), args.plot)
        print(f"wrote {args.plot}", file=sys.stderr)
    return 0
