"""``export FILE --to nfg``: a game at given parameter values, in another program's file format."""

from __future__ import annotations

from bargaining.cli.common import add_game_argument, emit, parse_assignments

#: Export formats and what reads them (only Gambit's for now).
EXPORTS = {
    "nfg": "Gambit's strategic-form format (exact rationals, any number of players; the payoff version, or with "
    "--layout outcomes the outcome version); Gambit and Game Theory Explorer read it; a game tree is written as its "
    "reduced strategic form",
    "efg": "Gambit's extensive-form format (version 2, exact rationals); a strategic-form game is written as a "
    "tree with one simultaneous node",
}


def register(sub) -> None:
    p = sub.add_parser(
        "export",
        help="write a game at given parameter values in Gambit's .nfg or .efg format",
        description=(
            "Write the game of a file, at its parameter values (change them with --set), in another "
            "program's format. "
            + " ".join(f"{name}: {text}." for name, text in EXPORTS.items())
            + " 'solve' reads .nfg and .efg files back."
        ),
    )
    add_game_argument(p)
    p.add_argument("--to", required=True, choices=tuple(EXPORTS), help="the format to write")
    p.add_argument("--layout", choices=("payoffs", "outcomes"), default="payoffs",
                   help="the .nfg version: payoffs (every profile's payoffs; default) or outcomes (one outcome per "
                   "profile, as Gambit 16 writes)")
    p.add_argument("--output", "-o", metavar="PATH", help="write to a file instead of the terminal")
    p.set_defaults(func=run)


def run(args) -> int:
    from bargaining.api import export

    emit(export(args.file, to=args.to, set=parse_assignments(args.set), params=args.params, layout=args.layout),
         args.output)
    return 0
