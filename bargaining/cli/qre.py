"""``qre FILE``: the logit quantal response equilibrium, its outcome probabilities along lambda and its limit."""

from __future__ import annotations

import sys

from bargaining.cli.common import add_game_argument, emit, parse_assignments
from bargaining.errors import InputError

PLOT_SUFFIXES = (".png", ".svg", ".pdf")


def register(sub) -> None:
    p = sub.add_parser(
        "qre",
        help="the logit quantal response equilibrium: how likely each outcome is, and which equilibrium play tends to",
        description=(
            "Trace the principal branch of the logit quantal response equilibrium (McKelvey and Palfrey 1995) from "
            "uniform play to a Nash equilibrium: a table of the probability of each outcome (and of the treaty) at "
            "a few precisions lambda, the limit, and which exact equilibrium of 'solve' it is. Any number of "
            "players. 'sweep FILE --vary ... --qre LAMBDA' gives the probabilities over a parameter grid."
        ),
    )
    add_game_argument(p)
    p.add_argument("--lambdas", metavar="L1,L2,...", help="the precisions of the table (default 1,10,100,1000)")
    p.add_argument("--format", choices=("table", "json", "csv"), default="table",
                   help="output format (default table; csv: every point of the branch)")
    p.add_argument("--output", "-o", metavar="PATH", help="write to a file instead of the terminal")
    p.add_argument("--plot", metavar="PATH", help="draw the outcome probabilities against lambda (.png, .svg or .pdf)")
    p.set_defaults(func=run)


def _lambdas(text: str | None):
    if text is None:
        return None
    out = []
    for part in text.split(","):
        try:
            out.append(float(part))
        except ValueError:
            raise InputError(
                f"expected numbers separated by commas, found {part.strip()!r}", where="--lambdas"
            ) from None
    return out


def run(args) -> int:
    from bargaining.api import qre
    from bargaining.render.qre import render_report

    if args.plot and not args.plot.lower().endswith(PLOT_SUFFIXES):
        raise InputError(
            f"expected a file name ending in {', '.join(PLOT_SUFFIXES)}, found {args.plot!r}", where="--plot"
        )
    report = qre(args.file, lambdas=_lambdas(args.lambdas), set=parse_assignments(args.set), params=args.params)
    emit(render_report(report, args.format), args.output)
    if args.plot:
        from bargaining.figures.qre import qre_paths
        from bargaining.io.files import save_figure

        save_figure(qre_paths(report), args.plot)
        print(f"wrote {args.plot}", file=sys.stderr)
    return 0
