"""``sweep FILE --vary NAME=START:STOP:NUM``: comparative statics over a grid of one or two parameters."""

from __future__ import annotations

import sys
import time

from ..errors import InputError
from .common import add_game_argument, emit, load_model_from_args, parse_assignments

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
    from ..batch import keep_freed_memory
    from ..regimes import regimes_1d, regions_2d
    from ..sweep import CsvWriter, Grid, JsonWriter, run_sweep

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

    stream = None
    writers = []
    json_writer = None
    if args.format in ("csv", "json"):
        stream = _open(args.output) if args.output else sys.stdout
        if args.format == "csv":
            writers.append(CsvWriter(stream, grid))
        else:
            json_writer = JsonWriter(stream, grid)
            writers.append(json_writer)
    try:
        with LazyProgress(f"sweeping {grid.size} points") as progress:
            result = run_sweep(grid, writers=writers, progress=progress)
        report = regimes_1d(result) if len(grid.axes) == 1 else regions_2d(result)
        if json_writer is not None:
            json_writer.finish({"summary": result.summary(), ("regimes" if len(grid.axes) == 1 else "regions"): report.to_dict()})
    finally:
        if stream is not None and stream is not sys.stdout:
            stream.close()
    if args.format == "table":
        emit(render_table(result, report), args.output)
    else:
        if args.output:
            print(f"wrote {args.output}", file=sys.stderr)
        print(_fallback_line(result), file=sys.stderr)
    if args.plot:
        from .. import plots

        if len(grid.axes) == 1:
            plots.bifurcation(result, report, args.plot)
        else:
            plots.regime_map(result, report, args.plot)
        print(f"wrote {args.plot}", file=sys.stderr)
    return 0


def _open(path: str):
    try:
        return open(path, "w", encoding="utf-8", newline="")
    except OSError as err:
        raise InputError(f"cannot write: {err.strerror}", source=path) from None


def _fallback_line(result) -> str:
    s = result.summary()
    exact, degenerate = s["exact_points"], s["degenerate_points"]
    if exact == 0:
        why = ""
    elif degenerate == exact:
        why = " (degenerate games)"
    else:
        why = f" ({degenerate} degenerate games, {exact - degenerate} too close to a tie to decide in floating point)"
    return (
        f"solved {s['points']} points: {s['batch_points']} by the batch solver (floating point, certified to 1e-10), "
        f"{exact} by the exact solver{why}"
    )


class LazyProgress:
    """A rich progress bar on stderr that appears only once a run has taken more than a second."""

    def __init__(self, description: str, delay: float = 1.0):
        self.description = description
        self.delay = delay
        self.bar = None
        self.task = None
        self.start = time.monotonic()

    def __enter__(self):
        self.start = time.monotonic()
        return self

    def __call__(self, done: int, total: int) -> None:
        if self.bar is None:
            if time.monotonic() - self.start < self.delay:
                return
            from rich.console import Console
            from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeElapsedColumn, TimeRemainingColumn

            self.bar = Progress(
                self.description,
                BarColumn(),
                MofNCompleteColumn(),
                TimeElapsedColumn(),
                TimeRemainingColumn(),
                console=Console(stderr=True),
                transient=True,
            )
            self.bar.start()
            self.task = self.bar.add_task(self.description, total=total)
        self.bar.update(self.task, completed=done)

    def __exit__(self, *exc):
        if self.bar is not None:
            self.bar.stop()
        return False


# ----------------------------------------------------------------------------- the table


def render_table(result, report) -> str:
    """The regimes (one parameter) or regions (two parameters) as a terminal table."""
    import io

    from rich.console import Console
    from rich.table import Table

    buf = io.StringIO()
    console = Console(file=buf, width=110, force_terminal=False, color_system=None, highlight=False)
    grid = result.grid
    model = grid.model
    console.print(model.title)
    for axis in grid.axes:
        console.print(f"sweep of {axis.name} ({axis.label or axis.name}) from {_num(axis.start)} to {_num(axis.stop)}, {axis.num} points")
    varied = {a.name for a in grid.axes}
    others = ", ".join(f"{n} = {_num(p.value)}" for n, p in model.parameters.items() if n not in varied)
    if others:
        console.print(f"other parameters: {others}")
    console.print()
    if len(grid.axes) == 1:
        _regime_table(console, Table, report, grid.axes[0])
    else:
        _region_table(console, Table, report, grid)
    console.print()
    console.print(_fallback_line(result))
    return buf.getvalue()


def _num(q) -> str:
    from ..render.numbers import exact

    return exact(q)


def _bound(value, is_exact: bool) -> str:
    return _num(value) if is_exact else f"≈{float(value):.13g}"


def _regime_table(console, Table, report, axis) -> None:
    name = report.parameter
    players, strategies = report.players, report.strategies
    table = Table(title=f"Regimes of the equilibrium set along {name}", title_justify="left")
    table.add_column(name, no_wrap=True)
    table.add_column("equilibria", ratio=3)
    table.add_column("notes", ratio=2)
    # interleave regimes and boundaries by position
    rows = [(r.lower, 0, r) for r in report.regimes] + [(b.value, -1, b) for b in report.boundaries]
    rows.sort(key=lambda t: (t[0], t[1]))
    for _, kind, item in rows:
        if kind == -1:
            b = item
            where = f"{name} = {_num(b.value)}" if b.exact else f"{name} ≈ {float(b.value):.13g}"
            what = b.at_text or (
                f"(changes from {b.left.describe(players, strategies)} to {b.right.describe(players, strategies)} "
                f"between {float(b.low):.15g} and {float(b.high):.15g})"
            )
            note = f"boundary (exact): {b.how}" if b.exact else f"boundary, bracketed to {report.precision:g}: {b.how}"
            table.add_row(where, what, note)
            continue
        r = item
        if r.first is not None and r.first == r.last and r.lower == r.upper:
            where = f"{name} = {_num(r.lower)}"
        else:
            lo_op = "≤" if r.first == 0 else "<"
            hi_op = "≤" if r.last == axis.num - 1 else "<"
            where = f"{_bound(r.lower, r.lower_exact)} {lo_op} {name} {hi_op} {_bound(r.upper, r.upper_exact)}"
        if r.at_text:
            notes = ["a degenerate grid point at the end of the grid"]
        else:
            notes = [f"{r.points} grid point{'s' if r.points != 1 else ''}" if r.points else "narrower than the grid spacing"]
            if r.degenerate_at:
                at = ", ".join(_num(v) for v in r.degenerate_at[:4]) + (", ..." if len(r.degenerate_at) > 4 else "")
                notes.append(f"degenerate game at {name} = {at} (same equilibria there)")
        table.add_row(where, r.at_text or r.set.describe(players, strategies), "; ".join(notes))
    console.print(table)


def _region_table(console, Table, report, grid) -> None:
    players, strategies = report.players, report.strategies
    n0, n1 = report.parameters
    table = Table(title=f"Regions of the equilibrium set over {n0} and {n1}, largest first", title_justify="left")
    table.add_column("#", justify="right")
    table.add_column("equilibria")
    table.add_column("share", justify="right")
    table.add_column(f"{n0} range", no_wrap=True)
    table.add_column(f"{n1} range", no_wrap=True)
    table.add_column("notes")
    for k, r in enumerate(report.regions, 1):
        notes = []
        if r.contains_file_point:
            notes.append("the file's point")
        if r.degenerate_points == r.points:
            notes.append("only on a boundary the grid hits (degenerate games)")
        elif r.degenerate_points:
            notes.append(f"{r.degenerate_points} degenerate points")
        (a0, b0), (a1, b1) = r.ranges
        table.add_row(
            str(k),
            r.set.describe(players, strategies),
            f"{100 * r.share:.1f}%",
            f"{_short(a0)} to {_short(b0)}",
            f"{_short(a1)} to {_short(b1)}",
            "; ".join(notes),
        )
    console.print(table)
    fp = ", ".join(f"{n} = {_num(v)}" for n, v in zip(report.parameters, report.file_point))
    inside = "" if report.file_inside else " (outside the grid)"
    console.print(f"The file's point ({fp}){inside}: {report.file_text}")
    console.print("Ranges are the grid values where a region occurs; regions need not be rectangles (see --plot).")


def _short(q) -> str:
    from ..render.numbers import is_terminating

    return _num(q) if is_terminating(q) else f"{float(q):.4g}"
