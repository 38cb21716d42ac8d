"""Reading game files (TOML) into a :class:`~bargaining.model.Model`.

This is the only module that reads game files. It checks everything before
anything is evaluated: the TOML syntax, the tables and keys, matrix shapes,
every formula against the whitelist grammar of :mod:`bargaining.formula`, and
every name a formula uses. A problem raises :class:`~bargaining.errors.InputError`
naming the file and the place (``payoffs.China[2][1]``).

``extends = "baseline.toml"`` makes a file inherit everything from its parent
(relative to the child's folder) and override what it states. A parameter given
in the short form (``T = 1.0``) keeps the parent's range and label; a table
(``T = {value = 1.0, max = 2}``) overrides the keys it gives.
"""

from __future__ import annotations

import sys
import tomllib
from decimal import Decimal
from importlib import resources
from pathlib import Path
from typing import Any, Mapping

from bargaining.errors import InputError
from bargaining.io.strategic import model_from_dict, read_parameters

__all__ = ["load_model", "model_from_dict", "read_toml", "read_game_table", "game_files", "is_tree_file", "find_game",
           "shipped_games", "list_games"]

_MAX_EXTENDS = 32


#: The name that reads a game from standard input (``solve -``), and the name its messages give it.
STDIN, STDIN_NAME = "-", "<stdin>"
_stdin_bytes: bytes | None = None


def _name(path) -> str:
    return STDIN_NAME if str(path) == STDIN else str(path)


def shipped_games() -> Path:
    """The folder of the scenario files that ship with the package (``bargaining/games``, the repository's
    ``games/``)."""
    return Path(str(resources.files("bargaining").joinpath("games")))


def find_game(path: str | Path) -> Path:
    """The file or folder a command-line name stands for: ``path`` itself when it exists (a path always wins) or is
    absolute; else the shipped game of that name, as ``bargaining games`` lists them (``baseline`` or
    ``baseline.toml``: ``games/baseline.toml`` of the package; ``triangle/detente`` one of a subfolder;
    ``triangle`` that folder; ``games`` the shipped folder itself); else ``path`` (reading it says it is not
    found).

    Examples
    --------
    >>> find_game("games/baseline.toml")  # a path that exists is itself
    PosixPath('games/baseline.toml')
    >>> find_game("baseline") == shipped_games() / "baseline.toml"
    True
    >>> find_game("no-such-game")  # not shipped either: reading it says "file not found"
    PosixPath('no-such-game')
    """
    p = Path(path)
    if str(p) == STDIN or p.is_absolute() or ".." in p.parts or p.exists():
        return p
    shipped = shipped_games()
    if p.parts == ("games",):
        return shipped
    for candidate in (shipped / p, shipped / f"{p}.toml"):
        if candidate.exists():
            return candidate
    return p


def list_games() -> list[tuple[str, str]]:
    """The shipped games as (name, title), sorted by name; a subfolder's games as ``triangle/baseline``.

    Examples
    --------
    >>> dict(list_games())["baseline"]
    'Baseline: deep alignment without a treaty'
    """
    shipped = shipped_games()
    out = []
    for folder in [shipped, *sorted(p for p in shipped.iterdir() if p.is_dir() and not p.name.startswith("."))]:
        for f in game_files(folder, require=False):
            name = f.relative_to(shipped).with_suffix("").as_posix()
            out.append((name, str(read_game_table(f).get("title", ""))))
    return sorted(out)


def _read_stdin() -> bytes:
    """Standard input, read once (a command may look at the game twice: is it a tree? then load it)."""
    global _stdin_bytes
    if _stdin_bytes is None:
        _stdin_bytes = sys.stdin.buffer.read()
    return _stdin_bytes


def read_toml(path: str | Path) -> dict:
    """Read a TOML file with decimals kept exact (``0.1`` stays ``Decimal('0.1')``); ``-`` is standard input."""
    path = Path(path)
    try:
        if str(path) == STDIN:
            return tomllib.loads(_read_stdin().decode("utf-8"), parse_float=Decimal)
        with path.open("rb") as f:
            return tomllib.load(f, parse_float=Decimal)
    except FileNotFoundError:
        raise InputError("file not found", source=_name(path)) from None
    except IsADirectoryError:
        raise InputError("expected a game file, found a folder", source=_name(path)) from None
    except tomllib.TOMLDecodeError as err:
        raise InputError(f"malformed TOML: {err}", source=_name(path)) from None
    except UnicodeDecodeError:
        raise InputError("not a text file (UTF-8 expected)", source=_name(path)) from None
    except RecursionError:
        raise InputError("malformed TOML: arrays or tables nested too deeply", source=_name(path)) from None
    except OSError as err:  # a name too long for the file system, a permission, a device
        raise InputError(f"cannot read the file: {err.strerror or err}", source=_short(str(path))) from None


def _short(name: str, limit: int = 100) -> str:
    """A file name for a one-line message: a 5,000-character name is shown by its ends."""
    return name if len(name) <= limit else f"{name[:40]}...{name[-40:]}"


def load_model(path: str | Path, overrides: Mapping[str, Any] | None = None):
    """Read a game file, following ``extends``, and apply ``--set`` overrides.

    A ``.nfg`` file (Gambit's strategic form) is read too, as a game without
    parameters. A file with a ``[tree]`` table, or a ``.efg`` file (Gambit's
    extensive form), gives a :class:`~bargaining.tree.TreeModel`
    (:mod:`bargaining.io.treefile`).

    Parameters
    ----------
    path : str or Path
        The game file.
    overrides : Mapping[str, value], optional
        Parameter values for this run (``--set NAME=VALUE``).

    Examples
    --------
    >>> m = load_model("games/baseline.toml")
    >>> m.players, m.strategies[0]
    (('Russia', 'China'), ('ally', 'align', 'hedge'))
    >>> load_model("baseline").title  # a bare name that is no file: the shipped game (find_game)
    'Baseline: deep alignment without a treaty'
    """
    path = find_game(path)
    if path.suffix.lower() == ".nfg":
        from bargaining.io.nfg import read_nfg  # Gambit's strategic-form format

        model = read_nfg(path)
        return model.with_values(overrides) if overrides else model
    if path.suffix.lower() == ".efg":
        from bargaining.io.efg import read_efg_model  # Gambit's extensive-form format

        model = read_efg_model(path)
        return model.with_values(overrides) if overrides else model
    merged, chain = _resolve(path, ())
    parent_values = None
    if len(chain) > 1:
        parent_merged, _ = _resolve(chain[1], ())
        parent_values = {
            name: spec["value"] for name, spec in read_parameters(parent_merged, str(chain[1])).items()
        }
    if "tree" in merged:  # a game in time (io/treefile.py)
        from bargaining.io.treefile import tree_model_from_dict as build
    else:
        build = model_from_dict
    model = build(
        merged,
        source=_name(path),
        parent=str(chain[1]) if len(chain) > 1 else None,
        parent_values=parent_values,
    )
    if overrides:
        model = model.with_values(overrides)
    return model


def read_game_table(path: str | Path) -> dict:
    """A game file's table merged over its parents' (``extends`` followed): what :func:`load_model` builds from.

    Examples
    --------
    >>> read_game_table("games/taiwan_crisis.toml")["players"]
    ['Russia', 'China']
    """
    return _resolve(find_game(path), ())[0]


def _resolve(path: Path, seen: tuple[Path, ...]) -> tuple[dict, tuple[Path, ...]]:
    """The file's table merged over its ancestors', and the chain of files (this file first)."""
    real = path.resolve()
    if real in seen:
        cycle = " -> ".join(str(p) for p in seen + (real,))
        raise InputError(f"'extends' forms a cycle: {cycle}", source=_name(path), where="extends")
    if len(seen) > _MAX_EXTENDS:
        raise InputError(f"'extends' chain longer than {_MAX_EXTENDS} files", source=_name(path))
    data = read_toml(path)
    parent_name = data.get("extends")
    if parent_name is None:
        return data, (path,)
    if not isinstance(parent_name, str) or not parent_name.strip():
        raise InputError("expected the name of a parent game file", source=_name(path), where="extends")
    parent_path = path.parent / parent_name
    try:
        found = parent_path.is_file()
    except OSError as err:  # a name longer than the file system allows
        message = f"cannot read the parent game file: {err.strerror}"
        raise InputError(message, source=_name(path), where="extends") from None
    if not found:
        raise InputError(
            f"parent game file {_short(str(parent_path))!r} not found", source=_name(path), where="extends"
        )
    parent, chain = _resolve(parent_path, seen + (real,))
    return _merge(parent, data), (path,) + chain


def _merge(parent: dict, child: dict) -> dict:
    out = dict(parent)
    for key, value in child.items():
        if key == "extends":
            continue
        tables = ("parameters", "terms", "strategies", "payoffs", "bargaining", "uncertainty")
        if key in tables and isinstance(value, dict) and isinstance(parent.get(key), dict):
            table = dict(parent[key])
            for name, item in value.items():
                if key == "parameters" and isinstance(item, dict) and isinstance(table.get(name), dict):
                    table[name] = {**table[name], **item}
                elif key == "parameters" and not isinstance(item, dict) and isinstance(table.get(name), dict):
                    table[name] = {**table[name], "value": item}
                else:
                    table[name] = item
            out[key] = table
        else:
            out[key] = value
    return out


def is_tree_file(path: str | Path) -> bool:
    """Whether a game file describes a game tree: a ``.efg`` file, or a ``[tree]`` in it or a parent.

    A file that cannot be read is not one (reading it reports the problem).
    """
    path = find_game(path)
    if path.suffix.lower() == ".efg":
        return True
    try:
        return "tree" in _resolve(path, ())[0]
    except InputError:
        return False


def game_files(
    folder: str | Path, suffixes: tuple[str, ...] = (".toml",), *, require: bool = True, trees: bool = True
) -> list[Path]:
    """The game files directly in ``folder`` (by default ``*.toml``), sorted by name.

    Hidden files (a name starting with a dot) are left out. With ``require``,
    a missing folder or a folder without game files is an InputError. With
    ``trees=False`` game trees (:func:`is_tree_file`) are left out: a folder's
    scenarios are its strategic-form files. A bare name that is no folder here
    is a shipped folder (:func:`find_game`: ``games``, ``triangle``).
    """
    path = find_game(folder)
    if not path.exists():
        raise InputError("folder not found", source=str(folder))
    if not path.is_dir():
        raise InputError("expected a folder of game files, found a file", source=str(folder))
    files = sorted(
        p for p in path.iterdir() if p.is_file() and p.suffix.lower() in suffixes and not p.name.startswith(".")
    )
    if not trees:
        files = [p for p in files if not is_tree_file(p)]
    if not files and require:
        kinds = ", ".join(f"*{s}" for s in suffixes)
        raise InputError(f"no game files ({kinds}) in this folder", source=str(folder))
    return files
