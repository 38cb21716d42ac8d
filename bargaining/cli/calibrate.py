"""``calibrate FILE``: the asymmetry parameter from each basis of the capabilities data, and its outcome."""

from __future__ import annotations

from bargaining.cli.common import add_format_argument, add_game_argument, emit, parse_assignments


def register(sub) -> None:
    p = sub.add_parser(
        "calibrate",
        help="set the asymmetry a from capabilities data (CINC, military spending, GDP) and compare outcomes",
        description=(
            "Compute the capability asymmetry a = (China - Russia) / (China + Russia) from each basis of the "
            "capabilities data shipped with the package (CINC 2016, NMC military spending and personnel 2016, "
            "SIPRI military spending 2023, World Bank GDP 2020) and solve the game with each value."
        ),
    )
    add_game_argument(p)
    p.add_argument("--basis", action="append", metavar="NAME", help="only this basis (repeatable; default all)")
    p.add_argument("--parameter", default="a", metavar="NAME", help="the asymmetry parameter (default a)")
    p.add_argument("--method", default="exact", metavar="NAME", help="solution method (default exact)")
    add_format_argument(p, ("table", "json", "markdown"))
    p.add_argument("--output", "-o", metavar="PATH", help="write to a file instead of the terminal")
    p.set_defaults(func=run)


def run(args) -> int:
    from bargaining.api import calibrate
    from bargaining.render.calibration import render_calibration

    result = calibrate(args.file, bases=args.basis, parameter=args.parameter, method=args.method,
                       set=parse_assignments(args.set), params=args.params)
    emit(render_calibration(result, args.format), args.output)
    return 0
