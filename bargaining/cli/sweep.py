"""``sweep FILE --vary NAME=START:STOP:NUM``: comparative statics over a grid of one or two parameters."""

from __future__ import annotations

import contextlib
import sys

from bargaining.errors import InputError
from bargaining.cli.progress import Progress
from bargaining.cli.common import add_game_argument, emit, load_model_from_args, parse_assignments

FORMATS = ("table", "csv", "json")
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
            "(batch or exact) and 'degenerate'. See docs/sweeps.md."
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
    p.add_argument("--format", choices=FORMATS, default="table", help="output format (default table)")
    p.add_argument("--output", metavar="PATH", help="write the output to PATH instead of standard output")
    p.add_argument(
        "--plot",
        metavar="PATH",
        help="draw a bifurcation diagram (one parameter) or a regime map (two) to PATH (.png, .svg or .pdf)",
    )
    p.set_defaults(func=run)


def run(args) -> int:
    from bargaining.solvers.batch import keep_freed_memory
    from bargaining.statics.regimes import regimes_1d, regions_2d
    from bargaining.io.files import open_output
    from bargaining.render.sweep import fallback_line, render, stream_writer
    from bargaining.statics.grid import Grid
    from bargaining.statics.sweep import run_sweep

    keep_freed_memory()  # the batch solver reuses freed memory instead of faulting it in again

    if len(args.vary) > 2:
        raise InputError(f"a sweep varies one or two parameters, found {len(args.vary)} --vary", where="--vary")
    if args.plot and not args.plot.lower().endswith(PLOT_SUFFIXES):
        raise InputError(f"expected a file name ending in {', '.join(PLOT_SUFFIXES)}, found {args.plot!r}", where="--plot")
    model = load_model_from_args(args)
    grid = Grid.from_specs(model, args.vary)
    fixed = parse_assignments(args.set)
    for axis in grid.axes:
        if axis.name in fixed:
            raise InputError(f"{axis.name} is both set (--set) and varied (--vary); give it once", where="--vary")

    writers = []
    json_writer = None
    with contextlib.ExitStack() as files:
        if args.format in ("csv", "json"):
            stream = files.enter_context(open_output(args.output)) if args.output else sys.stdout
            writers.append(stream_writer(args.format, stream, grid))
            if args.format == "json":
                json_writer = writers[0]
        with Progress(f"sweeping {grid.size} points") as progress:
            result = run_sweep(grid, writers=writers, progress=progress)
        report = regimes_1d(result) if len(grid.axes) == 1 else regions_2d(result)
        if json_writer is not None:
            json_writer.finish({"summary": result.summary(), ("regimes" if len(grid.axes) == 1 else "regions"): report.to_dict()})
    if args.format == "table":
        emit(render(result, report, args.format), args.output)
    else:
        if args.output:
            print(f"wrote {args.output}", file=sys.stderr)
        print(fallback_line(result), file=sys.stderr)
    if args.plot:
        from bargaining.figures.statics import bifurcation, regime_map
        from bargaining.io.files import save_figure

        draw = bifurcation if len(grid.axes) == 1 else regime_map
        save_figure(draw(result, report), args.plot)
        print(f"wrote {args.plot}", file=sys.stderr)
    return 0
