"""``solve FILE``: every Nash equilibrium of a game file, verified and labelled."""

from __future__ import annotations

from bargaining.cli.common import add_format_argument, add_game_argument, emit, load_model_from_args, parse_assignments


def register(sub) -> None:
    from bargaining.solvers.registry import METHODS

    p = sub.add_parser(
        "solve",
        help="find every Nash equilibrium of a game file",
        description="Find every Nash equilibrium of a game file, pure and mixed, verified before it is printed.",
    )
    add_game_argument(p)
    p.add_argument(
        "--method",
        default="exact",
        metavar="NAME",
        help="solution method: " + "; ".join(f"{m.name}: {m.description}" for m in METHODS.values()),
    )
    add_format_argument(p)
    p.set_defaults(func=run)


def run(args) -> int:
    from bargaining.render.solve import render
    from bargaining.solvers.registry import solve

    model = load_model_from_args(args)
    solution = solve(model.game(), method=args.method)
    if args.format == "json":
        extra = {"source": model.source}
    else:
        extra = {
            "changed": list(parse_assignments(args.set)),
            "labels": {name: p.label for name, p in model.parameters.items()},
        }
    emit(render(solution, args.format, outcomes=model.outcomes, extra=extra))
    return 0
