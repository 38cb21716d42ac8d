"""``export FILE --to nfg``: a game at given parameter values, in another program's file format."""

from __future__ import annotations

from bargaining.cli.common import add_game_argument, emit, parse_assignments

#: Export formats and what reads them (only Gambit's for now).
EXPORTS = {
    "nfg": "Gambit's strategic-form format (payoff version, exact rationals); Gambit and Game Theory Explorer read it",
}


def register(sub) -> None:
    p = sub.add_parser(
        "export",
        help="write a game at given parameter values in Gambit's .nfg format",
        description=(
            "Write the game of a file, at its parameter values (change them with --set), in another "
            "program's format. "
            + " ".join(f"{name}: {text}." for name, text in EXPORTS.items())
            + " 'solve' reads .nfg files back."
        ),
    )
    add_game_argument(p)
    p.add_argument("--to", required=True, choices=tuple(EXPORTS), help="the format to write")
    p.add_argument("--output", "-o", metavar="PATH", help="write to a file instead of the terminal")
    p.set_defaults(func=run)


def run(args) -> int:
    from bargaining.api import export

    emit(export(args.file, to=args.to, set=parse_assignments(args.set)), args.output)
    return 0
