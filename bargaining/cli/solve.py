"""``solve FILE``: every Nash equilibrium of a game file, verified and labelled."""

from __future__ import annotations

from bargaining.cli.common import add_format_argument, add_game_argument, emit, parse_assignments


def register(sub) -> None:
    from bargaining.solvers.registry import METHODS

    p = sub.add_parser(
        "solve",
        help="find every Nash equilibrium of a game file",
        description=(
            "Find every Nash equilibrium of a game file, pure and mixed, verified before it is printed. For a game "
            "tree: every subgame-perfect equilibrium (backward induction, drawn on the tree), every Nash "
            "equilibrium of the reduced strategic form with the non-credible threats, and for a signalling game "
            "the perfect Bayesian equilibria."
        ),
    )
    add_game_argument(p)
    p.add_argument(
        "--method",
        default="exact",
        metavar="NAME",
        help="solution method: " + "; ".join(f"{m.name}: {m.description}" for m in METHODS.values()),
    )
    add_format_argument(p)
    p.add_argument(
        "--ordinal",
        action="store_true",
        help="also check which conclusions hold for every payoff assignment with the same orderings: the "
        "comparisons each pure equilibrium rests on, and how often the equilibrium set, the selection and risk "
        "dominance survive random payoffs with the same ranking of all cells",
    )
    p.add_argument(
        "--standalone",
        action="store_true",
        help="with --format latex: a whole document that pdflatex compiles (\\documentclass{article} ... "
        "\\end{document}) rather than a fragment to paste",
    )
    p.set_defaults(func=run)


def run(args) -> int:
    from bargaining.api import solve
    from bargaining.errors import InputError
    from bargaining.render.solve import render
    from bargaining.render.tree import render as render_tree
    from bargaining.render.words import standalone
    from bargaining.solvers.tree import TreeSolution

    if args.standalone and args.format != "latex":
        raise InputError("a standalone document is LaTeX; add --format latex", where="--standalone")
    if args.ordinal:
        return _run_ordinal(args)
    solution = solve(args.file, set=parse_assignments(args.set), method=args.method, params=args.params)
    text = (render_tree if isinstance(solution, TreeSolution) else render)(solution, args.format)
    emit(standalone(text) if args.standalone else text)
    return 0


def _run_ordinal(args) -> int:
    import json

    from bargaining.api import ordinal
    from bargaining.render.ordinal import render as render_check
    from bargaining.render.solve import render
    from bargaining.render.words import standalone

    check = ordinal(args.file, set=parse_assignments(args.set), method=args.method, params=args.params)
    if args.format == "json":
        data = json.loads(render(check.solution, "json"))
        data["ordinal"] = check.to_dict()
        emit(json.dumps(data, indent=2, ensure_ascii=False))
    else:
        text = render(check.solution, args.format) + "\n" + render_check(check)
        emit(standalone(text) if args.standalone else text)
    return 0
