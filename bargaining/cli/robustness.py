"""``robustness FILE``: how often a game's equilibria survive random perturbations of its parameters."""

from __future__ import annotations

from bargaining.cli.common import add_format_argument, add_game_argument, count, emit, parse_assignments
from bargaining.cli.progress import Progress


def register(sub) -> None:
    p = sub.add_parser(
        "robustness",
        help="perturb every parameter at random and count the equilibrium sets",
        description=(
            "Draw every parameter from the game file's [uncertainty] table, or, for a parameter it does not "
            "name, uniformly within ±SPREAD of its value inside its range (a draw outside the range is drawn "
            "again, not clipped), solve each draw, and report the share of draws in which each equilibrium set "
            "occurs, with its standard error. The same seed gives the same draws."
        ),
    )
    add_game_argument(p)
    p.add_argument(
        "--spread",
        default="0.1",
        metavar="S",
        help="relative perturbation of the parameters the [uncertainty] table does not name (default 0.1: ±10%%)",
    )
    p.add_argument("--draws", type=count, default=1000, metavar="N", help="number of draws (default 1000)")
    p.add_argument("--seed", type=int, default=0, metavar="S", help="random seed (default 0)")
    p.add_argument("--method", default="exact", metavar="NAME", help="solution method (default exact)")
    add_format_argument(p, ("table", "json"))
    p.add_argument("--output", "-o", metavar="PATH", help="write to a file instead of the terminal")
    p.set_defaults(func=run)


def run(args) -> int:
    from bargaining.api import robustness
    from bargaining.render.robustness import render_robustness

    with Progress("solving draws") as progress:
        result = robustness(args.file, spread=args.spread, draws=args.draws, seed=args.seed, method=args.method,
                            set=parse_assignments(args.set), params=args.params, progress=progress)
    emit(render_robustness(result, args.format), args.output)
    return 0
