"""``sweep FILE --vary NAME=START:STOP:NUM``: comparative statics over a grid of one or two parameters."""

from __future__ import annotations

import contextlib
import sys

from bargaining.cli.common import add_game_argument, count, emit, parse_assignments
from bargaining.cli.progress import Progress
from bargaining.errors import InputError

FORMATS = ("table", "csv", "json", "parquet")
PLOT_SUFFIXES = (".png", ".svg", ".pdf")


def register(sub) -> None:
    p = sub.add_parser(
        "sweep",
        help="solve a game over a grid of one or two parameters (regimes, boundaries, CSV, plots)",
        description=(
            "Solve a game at every point of a grid over one or two parameters, all points at once "
            "(points the fast floating-point solver cannot decide, such as degenerate games, are solved "
            "exactly). One parameter: the regimes of the equilibrium set and their boundaries, located "
            "exactly or to 1e-12, and a bifurcation diagram. Two parameters: the regions and a regime map."
        ),
        epilog=(
            "CSV and JSON have one row per grid point and equilibrium: the varied parameters, 'equilibrium' "
            "(its number at that point, from 1), 'Player.strategy' probabilities, 'payoff.Player', 'solver' "
            "(batch or exact) and 'degenerate'; Parquet the same columns, typed. See docs/how-to/sweeps.md."
        ),
    )
    add_game_argument(p)
    p.add_argument(
        "--vary",
        action="append",
        required=True,
        metavar="NAME=START:STOP:NUM",
        help="a parameter and its grid, e.g. T=0:1:101 (exact values); give it once or twice",
    )
    p.add_argument(
        "--draws",
        type=count,
        metavar="N",
        help="at each grid point draw the other parameters N times from the file's [uncertainty] table (the "
        "others within ±SPREAD of their value) and report the probability of each selected outcome",
    )
    p.add_argument("--seed", type=int, default=0, metavar="S", help="random seed of --draws (default 0)")
    p.add_argument("--spread", default="0.1", metavar="S",
                   help="with --draws: relative spread of the parameters the [uncertainty] table does not name "
                   "(default 0.1: ±10%%)")
    p.add_argument("--format", choices=FORMATS, default="table", help="output format (default table)")
    p.add_argument("--output", metavar="PATH", help="write the output to PATH instead of standard output")
    p.add_argument(
        "--plot",
        metavar="PATH",
        help="draw a bifurcation diagram (one parameter) or a regime map (two) to PATH (.png, .svg or .pdf); "
        "with --qre the outcome probabilities",
    )
    p.add_argument(
        "--qre",
        metavar="LAMBDA",
        type=float,
        help="instead of the equilibria, the logit quantal response equilibrium at precision LAMBDA at every point: "
        "the probability of the treaty and of each outcome (any number of players)",
    )
    p.add_argument(
        "--pure",
        action="store_true",
        help="a game of three or more players: only its pure equilibria, by vectorised best-response checks "
        "(for large grids); by default every equilibrium at every point, exactly",
    )
    p.set_defaults(func=run)


def run(args) -> int:
    from bargaining.api import sweep
    from bargaining.io.files import open_output
    from bargaining.io.tables import writer_for
    from bargaining.render.sweep import fallback_line, render
    from bargaining.solvers.batch import keep_freed_memory

    keep_freed_memory()  # the batch solver reuses freed memory instead of faulting it in again

    if len(args.vary) > 2:
        raise InputError(f"a sweep varies one or two parameters, found {len(args.vary)} --vary", where="--vary")
    if args.plot and not args.plot.lower().endswith(PLOT_SUFFIXES):
        raise InputError(
            f"expected a file name ending in {', '.join(PLOT_SUFFIXES)}, found {args.plot!r}", where="--plot"
        )
    fixed = parse_assignments(args.set)
    from bargaining.api import load
    from bargaining.io.gamefile import is_tree_file

    tree = is_tree_file(args.file)
    if args.format == "parquet" and (
        tree or args.qre is not None or args.draws is not None or args.pure
        or load(args.file, params=args.params).n_players > 2
    ):
        raise InputError("Parquet is written for sweeps of two-player strategic-form games", where="--format")
    if tree:
        return _run_tree(args, fixed)
    if args.qre is not None:
        return _run_qre(args, fixed)
    if args.draws is not None:
        return _run_beliefs(args, fixed)
    if args.pure or load(args.file, params=args.params).n_players > 2:
        return _run_nplayer(args, fixed)
    with contextlib.ExitStack() as files:
        writers = []
        if args.format in ("csv", "json", "parquet"):
            binary = args.format == "parquet"
            if args.output:
                stream = files.enter_context(open_output(args.output, binary=binary))
            else:
                stream = sys.stdout.buffer if binary else sys.stdout
            writers.append(writer_for(args.format, stream))
        with Progress("sweeping the grid") as progress:
            study = sweep(args.file, vary=args.vary, set=fixed, params=args.params, progress=progress,
                          writers=writers, keep_equilibria=len(args.vary) == 1)
        if args.format == "json":
            key = "regimes" if len(study.grid.axes) == 1 else "regions"
            writers[0].finish({"summary": study.result.summary(), key: study.report.to_dict()})
        if args.format == "parquet":
            writers[0].close()
    if args.format == "table":
        emit(render(study.result, study.report, args.format), args.output)
    else:
        if args.output:
            print(f"wrote {args.output}", file=sys.stderr)
        print(fallback_line(study.result), file=sys.stderr)
    if args.plot:
        from bargaining.figures.statics import bifurcation, regime_map
        from bargaining.io.files import save_figure

        if len(study.grid.axes) == 1:
            fig = bifurcation(study.result, study.report)
        else:
            fig = regime_map(study.result, study.report, study.boundary_curves())
        save_figure(fig, args.plot)
        print(f"wrote {args.plot}", file=sys.stderr)
    return 0


def _run_beliefs(args, fixed) -> int:
    """Under uncertainty: the probability of each selected outcome at each grid point."""
    from bargaining.api import sweep
    from bargaining.render.belief_sweep import render

    if args.plot:
        raise InputError("plots are drawn for sweeps without --draws", where="--plot")
    with Progress("solving the draws at every point") as progress:
        study = sweep(args.file, vary=args.vary, set=fixed, params=args.params, progress=progress,
                      draws=args.draws, seed=args.seed, spread=args.spread)
    emit(render(study, args.format), args.output)
    return 0


def _run_tree(args, fixed) -> int:
    """A game tree: its subgame-perfect outcomes at every grid point, solved exactly."""
    from bargaining.api import sweep
    from bargaining.render.tree import render_sweep

    if args.plot:
        raise InputError("plots are drawn for strategic-form sweeps; a game tree's sweep is a table", where="--plot")
    with Progress("solving the tree at every point") as progress:
        study = sweep(args.file, vary=args.vary, set=fixed, params=args.params, progress=progress)
    emit(render_sweep(study, args.format), args.output)
    return 0


def _run_nplayer(args, fixed) -> int:
    """A game of three or more players: every equilibrium at every grid point exactly (or, --pure, the pure ones)."""
    from bargaining.api import sweep
    from bargaining.render.sweep_nplayer import render

    if args.plot:
        raise InputError("plots of a sweep of three or more players are drawn with --qre LAMBDA (outcome "
                         "probabilities); the equilibria are a table", where="--plot")
    with Progress("solving every grid point exactly" if not args.pure else "checking pure profiles") as progress:
        study = sweep(args.file, vary=args.vary, set=fixed, params=args.params, progress=progress, pure=args.pure)
    emit(render(study, args.format), args.output)
    return 0


def _run_qre(args, fixed) -> int:
    """The logit QRE at one precision at every grid point."""
    from bargaining.api import qre
    from bargaining.render.qre import render_sweep

    if args.pure:
        raise InputError("--pure and --qre ask for different things; give one", where="--pure")
    with Progress("tracing the logit QRE at every point") as progress:
        study = qre(args.file, vary=args.vary, lam=args.qre, set=fixed, params=args.params, progress=progress)
    emit(render_sweep(study, args.format), args.output)
    if args.plot:
        from bargaining.figures.qre import qre_sweep_figure
        from bargaining.io.files import save_figure

        save_figure(qre_sweep_figure(study), args.plot)
        print(f"wrote {args.plot}", file=sys.stderr)
    return 0
