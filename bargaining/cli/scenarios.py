"""``scenarios [DIR]``: solve every game file of a folder and print the scenario table.

A file that cannot be read or solved does not hide the others: the table is
printed for the good files, each bad file gets one error line on stderr, and
the exit status is 2.
"""

from __future__ import annotations

import sys

from bargaining.cli.common import add_format_argument, add_set_argument, emit, parse_assignments


def register(sub) -> None:
    p = sub.add_parser(
        "scenarios",
        help="solve every game file in a folder and compare the scenarios",
        description=(
            "Solve every game file (*.toml) in a folder and print one table: each scenario's parameter changes "
            "from its parent, its equilibria, the one selection picks and the rule that decided, and whether "
            "the treaty (ally, ally) is an equilibrium. A bad file is reported on stderr (exit status 2) "
            "after the table of the others. Game trees in the folder are game forms, not scenarios: they are "
            "left out; --form FILE solves one under every scenario's parameters."
        ),
    )
    p.add_argument("folder", metavar="DIR", nargs="?", default="games", help="folder of game files (default games/)")
    add_set_argument(p)
    add_format_argument(p)
    p.add_argument("--method", default="exact", metavar="NAME", help="solution method (default exact)")
    p.add_argument("--output", "-o", metavar="PATH", help="write to a file instead of the terminal")
    p.add_argument(
        "--form",
        metavar="FILE",
        help="a game tree (such as games/treaty_proposal.toml) to solve under each scenario's parameters, "
        "its subgame-perfect outcomes beside the simultaneous game's equilibria",
    )
    p.add_argument(
        "--ordinal",
        action="store_true",
        help="add the ordinal check of each scenario: which conclusions hold for every payoff assignment with "
        "the same orderings (see solve --ordinal)",
    )
    p.set_defaults(func=run)


def run(args) -> int:
    from bargaining.api import scenarios
    from bargaining.render.scenarios import render

    table = scenarios(args.folder, set=parse_assignments(args.set), method=args.method, form=args.form,
                      ordinal=args.ordinal)
    emit(render(table, args.format), args.output)
    for failure in table.failures:
        print(f"error: {failure.message}", file=sys.stderr)
    return 0 if table.ok else 2
