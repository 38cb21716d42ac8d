"""``outlook FILE``: how likely each outcome is, given beliefs about the parameters, and what moves it."""

from __future__ import annotations

from bargaining.cli.common import add_format_argument, add_game_argument, count, emit, parse_assignments, require


def register(sub) -> None:
    p = sub.add_parser(
        "outlook",
        help="the probability of each outcome under beliefs about the parameters, and what moves it",
        description=(
            "Draw every parameter from the game file's [uncertainty] table (a parameter it does not name: "
            "uniformly within ±SPREAD of its value, inside its range), solve every draw, and report the "
            "probability of each selected outcome and of each equilibrium set, with standard errors and 95% "
            "intervals; then the Sobol indices of 'the outcome (default: the treaty) is selected', ranked."
        ),
    )
    add_game_argument(p)
    p.add_argument("--draws", type=count, default=10000, metavar="N", help="Monte Carlo draws (default 10000)")
    p.add_argument(
        "--seed", type=int, default=0, metavar="S", help="random seed (default 0): the same seed, the same figures"
    )
    p.add_argument("--spread", default="0.1", metavar="S",
                   help="relative spread of the parameters the [uncertainty] table does not name (default 0.1: ±10%%)")
    p.add_argument("--samples", type=count, default=None, metavar="N",
                   help="base sample size of the Sobol analysis, a power of 2 (default 16384); 0 leaves it out")
    p.add_argument("--outcome", metavar="ROW,COLUMN",
                   help="the pure profile to follow (default: ally by both, else the equilibrium selected at the "
                   "file's values)")
    add_format_argument(p, ("table", "json"))
    p.add_argument("--output", "-o", metavar="PATH", help="write to a file instead of the terminal")
    p.set_defaults(func=run)


def run(args) -> int:
    from bargaining.api import outlook
    from bargaining.cli.progress import Progress
    from bargaining.render.outlook import render
    from bargaining.solvers.batch import keep_freed_memory

    keep_freed_memory()
    if args.samples != 0:
        require("SALib", "outlook's Sobol analysis (--samples 0 leaves it out)")
    with Progress("solving draws") as progress:
        result = outlook(args.file, draws=args.draws, seed=args.seed, spread=args.spread, samples=args.samples,
                         outcome=args.outcome, set=parse_assignments(args.set), params=args.params, progress=progress)
    emit(render(result, args.format), args.output)
    return 0
