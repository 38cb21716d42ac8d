"""Arguments and helpers shared by the subcommands."""

from __future__ import annotations

import argparse
import sys

from bargaining.errors import InputError

FORMATS = ("table", "json", "markdown", "latex")


def add_game_argument(parser: argparse.ArgumentParser) -> None:
    """FILE, ``--params FILE`` and repeatable ``--set NAME=VALUE``."""
    parser.add_argument("file", metavar="FILE", help="a game file (.toml; .nfg and .efg are Gambit's)")
    add_params_argument(parser)
    add_set_argument(parser)


def add_params_argument(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--params",
        metavar="FILE",
        help="take the parameter values of another game file (a scenario), e.g. to solve a game tree "
        "under it; --set applies after it",
    )


def add_set_argument(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--set",
        dest="set",
        metavar="NAME=VALUE",
        action="append",
        default=[],
        help="override a parameter for this run (repeatable); VALUE is exact: 0.9, 9/10",
    )


def add_format_argument(parser: argparse.ArgumentParser, formats=FORMATS) -> None:
    parser.add_argument("--format", choices=formats, default=formats[0], help=f"output format (default {formats[0]})")


def count(text: str) -> int:
    """A whole number of draws or samples as typed: ``1000``, ``1_000``, ``1e6``, ``10**9``, ``2**30``.

    Only the spelling is read here; whether the count is within its limit is the library's to say.
    """
    t = text.strip().replace("_", "")
    base, sep, power = t.partition("**")
    try:
        if sep:
            b, e = int(base), int(power)
            if not (0 <= e <= 1000 and abs(b) <= 10**6):
                raise ValueError
            return b**e
        mantissa, e_sep, exponent = t.lower().partition("e")
        if e_sep:
            m, e = int(mantissa), int(exponent)
            if not 0 <= e <= 1000:
                raise ValueError
            return m * 10**e
        return int(t)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"expected a whole number such as 1000, 1e6 or 2**14, found {text!r}"
        ) from None


def parse_assignments(items: list[str], flag: str = "--set") -> dict[str, str]:
    """``["T=0.9", "lam=1/2"]`` -> ``{"T": "0.9", "lam": "1/2"}``."""
    out = {}
    for item in items:
        name, sep, value = item.partition("=")
        if not sep or not name.strip() or not value.strip():
            raise InputError(f"expected NAME=VALUE, found {item!r}", where=flag)
        out[name.strip()] = value.strip()
    return out


def parse_delta(items: list[str]):
    """``["delta_C=0.9"]`` -> ``{"delta_C": "0.9"}``; ``["0.9"]`` -> ``"0.9"``; ``[]`` -> None."""
    if not items:
        return None
    named = {}
    bare = []
    for item in items:
        name, sep, value = item.partition("=")
        if not sep:
            bare.append(item.strip())
        elif not name.strip() or not value.strip():
            raise InputError(f"expected NAME=VALUE or VALUE, found {item!r}", where="--delta")
        else:
            named[name.strip()] = value.strip()
    if bare and (named or len(bare) > 1):
        raise InputError("give one bare VALUE for both players, or NAME=VALUE for each", where="--delta")
    return bare[0] if bare else named


def load_model_from_args(args):
    """The model named by ``args.file`` with ``args.params`` and ``args.set`` applied."""
    from bargaining.api import load
    from bargaining.tree import TreeModel

    model = load(args.file, set=parse_assignments(getattr(args, "set", []) or []), params=getattr(args, "params", None))
    if isinstance(model, TreeModel):
        raise InputError(f"{args.command} works on strategic-form games; this is a game tree", source=model.source)
    return model


#: The optional dependencies, by the extra that installs each: ``pip install "bargaining[figures]"``.
EXTRAS = {"matplotlib": "figures", "SALib": "sensitivity"}


def require(module: str, what: str) -> None:
    """Refuse at once, in one line (exit status 2), a command that needs an optional dependency that is not
    installed, saying how to install it; nothing is imported here.

    Examples
    --------
    >>> require("matplotlib", "--plot")  # installed: nothing happens
    """
    import importlib.util

    if importlib.util.find_spec(module) is None:
        raise InputError(f"{what} needs {module}; install with pip install \"bargaining[{EXTRAS[module]}]\"")


def emit(text: str, output: str | None = None) -> None:
    """Print, or write to ``output`` when given."""
    if output:
        from bargaining.io.files import write_text

        write_text(output, text)
        print(f"wrote {output}", file=sys.stderr)
    else:
        sys.stdout.write(text if text.endswith("\n") else text + "\n")
