"""The command line: argument parsing and error reporting, nothing else.

Each subcommand lives in its own module under :mod:`bargaining.commands` and
exposes ``register(subparsers)``, which adds its parser and sets ``func``.
Command modules import heavy libraries inside their functions so that
``solve`` starts fast. Any :class:`~bargaining.errors.BargainingError` becomes
one line on stderr and exit status 2.
"""

from __future__ import annotations

import argparse
import importlib
import sys
import textwrap

from bargaining.errors import BargainingError, InputError

#: Subcommand modules, in the order ``--help`` lists them.
COMMANDS = (
    "solve",
    "games",
    "scenarios",
    "explain",
    "robustness",
    "outlook",
    "calibrate",
    "derive",
    "sweep",
    "sensitivity",
    "bargain",
    "repeat",
    "qre",
    "serve",
    "handout",
    "export",
)


#: The library names an input by what it is ("axis T", "parameter T"); the command line
#: says which flag gave it. A ``where`` that starts with a key (a whole word) starts with its flag.
FLAGS = {
    "parameter": "--set",
    "params": "--params",
    "form": "--form",
    "axis": "--vary",
    "method": "--method",
    "bargaining solution": "--solution",
    "solve for": "--solve-for",
    "kept parameters": "--keep",
    "outcome": "--outcome",
    "seed": "--seed",
    "samples": "--samples",
    "basis": "--basis",
    "calibration parameter": "--parameter",
    "threshold parameter": "--threshold",
    "profile": "--profile",
    "shown candidate": "--only",
    "budget": "--budget",
    "spread": "--spread",
    "draws": "--draws",
    "port": "--port",
    "delta": "--delta",
    "discount factor": "--delta",
    "qre lambda": "--lambdas",
    "pure": "--pure",
    "nfg layout": "--layout",
    "export format": "--to",
    "output": "--output",
    "plot": "--plot",
}

#: The options that name a file to write: each is checked before any work, and an existing file is replaced
#: only with ``--force``.
OUTPUTS = ("output", "plot")


USAGE_HINT = """\
usage: bargaining COMMAND FILE [options]   (or: python cli.py COMMAND FILE ...)

Start with:  python cli.py solve games/baseline.toml
Then:        python cli.py explain games/baseline.toml
             python cli.py scenarios games
""" + textwrap.fill(
    "Commands:    " + ", ".join(COMMANDS) + ".", 80, subsequent_indent=" " * 13, break_on_hyphens=False
) + """
Help:        python cli.py --help, or python cli.py COMMAND --help
"""


ASCII_HELP = "tables in ASCII boxes and ASCII marks only (as BARGAINING_ASCII=1 does); names stay as written"


def flag_of(where: str | None) -> str | None:
    """The command-line spelling of a library input name: ``"axis T START"`` -> ``"--vary T START"``."""
    if not where:
        return where
    for key in sorted(FLAGS, key=len, reverse=True):
        if where == key or where.startswith(key + " "):
            return FLAGS[key] + where[len(key):]
    return where


class _Version(argparse.Action):
    """``--version``, looked up in the installed metadata only when asked (that lookup is slow to import)."""

    def __call__(self, parser, namespace, values, option_string=None):
        import bargaining

        parser.exit(0, f"{parser.prog} {bargaining.__version__}\n")


class _Parser(argparse.ArgumentParser):
    def error(self, message):  # one line and exit status 2, as for every input error
        self.exit(2, f"{self.prog}: error: {message}\n")


def build_parser(only: str | None = None) -> argparse.ArgumentParser:
    """The parser with every subcommand, or with ``only`` that one.

    Each command module's ``register`` may import what its choices come from
    (the bargaining solutions, the solver methods); building just the command
    that runs keeps that off the start-up path of the others.
    """
    parser = _Parser(
        prog="bargaining",
        description=(
            "Game-theoretic alliance bargaining: solve, explain and analyse games of two or more players "
            "from TOML files."
        ),
    )
    parser.add_argument("--version", action=_Version, nargs=0, help="show the version and exit")
    parser.add_argument("--ascii", action="store_true", help=ASCII_HELP)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    sub.required = True
    for name in (only,) if only in COMMANDS else COMMANDS:
        importlib.import_module(f"{__package__}.{name}").register(sub)
    for command in sub.choices.values():
        if any(action.dest in OUTPUTS for action in command._actions):
            command.add_argument("--force", action="store_true", help="replace an output file that exists")
        command.add_argument("--ascii", action="store_true", help=ASCII_HELP)
    return parser


#: The output formats that are text for a reader (tables, prose): in ASCII when written to a pipe or a file.
#: Documents and data (Markdown, LaTeX, JSON, CSV) keep their characters.
TEXT_FORMATS = ("table", "text", "payoffs", "symbolic", "outcomes")


def main(argv: list[str] | None = None) -> int:
    """Run the command line; return the exit status."""
    argv = sys.argv[1:] if argv is None else list(argv)
    end = argv.index("--") if "--" in argv else len(argv)
    ascii_only = "--ascii" in argv[:end]
    argv = [a for k, a in enumerate(argv) if a != "--ascii" or k >= end]
    if ascii_only and not argv:
        argv = ["--help"]
    if ascii_only:
        from bargaining.render import layout

        with layout.using(ascii=True):
            return main(argv)
    if not argv:  # a first try: say how to start
        print(USAGE_HINT, end="")
        return 2
    if not argv[0].startswith("-") and argv[0] not in COMMANDS:
        from bargaining.errors import did_you_mean

        print(
            f"bargaining: error: unknown command {argv[0]!r}{did_you_mean(argv[0], COMMANDS)}; "
            f"commands: {', '.join(COMMANDS)}",
            file=sys.stderr,
        )
        return 2
    parser = build_parser(only=argv[0])
    args = parser.parse_args(argv)
    from bargaining.io import terminal
    from bargaining.render import layout

    if (getattr(args, "format", "table") in TEXT_FORMATS and layout.ascii_request() is None
            and not terminal.is_terminal(sys.stdout)):  # a pipe or a file: plain ASCII text, one byte a column
        with layout.using(ascii=True):
            return _run(parser, args)
    return _run(parser, args)


def _run(parser, args) -> int:
    try:
        for dest in OUTPUTS:
            if getattr(args, dest, None):
                from bargaining.io.files import check_output

                check_output(getattr(args, dest), force=args.force, where=dest)
        if getattr(args, "plot", None):  # every figure is matplotlib's, an optional dependency
            from bargaining.cli.common import require

            require("matplotlib", "--plot")
        return int(args.func(args) or 0)
    except InputError as err:
        print(f"error: {err.located_as(where=flag_of(err.where))}", file=sys.stderr)
        return 2
    except BargainingError as err:
        print(f"error: {err}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0


if __name__ == "__main__":
    raise SystemExit(main())
