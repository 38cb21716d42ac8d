"""The explorer's JSON API, without HTTP: checks each request and answers it.

:class:`Explorer` serves the game files of one folder (``*.toml`` and
``*.nfg``, the scenario menu). Every request is checked before anything is
computed: the scenario must be one of the folder's files (names only: no path
from a request ever reaches the file system), parameter names must be the
game's, values must be short exact numbers (``0.9``, ``-1/3``; at most 15
digits each side, so that no request can ask for a huge computation) inside
the file's ranges, and keys the API does not know are refused. A problem
raises :class:`~bargaining.errors.InputError`, which the HTTP layer turns into
a JSON error with status 400.

A game edited in the page travels as its text (``"game"`` instead of
``"scenario"``), checked by :func:`bargaining.server.edit.read_game_text` as a
game file is; the server writes nothing and keeps only a small cache of the
texts it has read.
"""

from __future__ import annotations

import re
import threading
import time
from fractions import Fraction
from pathlib import Path
from typing import Any, Mapping

from bargaining.errors import InputError, did_you_mean
from bargaining.model import Model
from bargaining.server.edit import SOURCE, game_text, read_game_text
from bargaining.server.nplayer import nplayer_view
from bargaining.server.regime import MAX_SIZE, SIZE, regime_map
from bargaining.server.sliders import slider
from bargaining.server.views import model_view, solution_view, tree_model_view, tree_view

__all__ = ["Explorer", "GAME_SUFFIXES"]

#: The files the scenario menu offers.
GAME_SUFFIXES = (".toml", ".nfg")

_VALUE = re.compile(r"[+-]?\d{1,15}(?:\.\d{1,15})?|[+-]?\d{1,15}/\d{1,15}")


def _keys(body: Mapping, allowed: tuple[str, ...], where: str = "request") -> None:
    if not isinstance(body, dict):
        raise InputError(f"expected a JSON object, found {type(body).__name__}", where=where)
    for key in body:
        if key not in allowed:
            raise InputError(f"unknown key {key!r}; expected {', '.join(allowed)}", where=where)


def _value(raw: Any, where: str) -> Fraction:
    if isinstance(raw, bool) or not isinstance(raw, (str, int, float)):
        raise InputError(
            f"expected a number as a string such as \"0.9\" or \"1/3\", found {type(raw).__name__}", where=where
        )
    text = raw.strip() if isinstance(raw, str) else repr(raw)
    if not _VALUE.fullmatch(text):
        shown = text if len(text) <= 40 else text[:37] + "..."
        raise InputError(
            f"expected a number such as 0.9, -0.25 or 1/3 (at most 15 digits), found {shown!r}", where=where
        )
    try:
        return Fraction(text)
    except ZeroDivisionError:
        raise InputError(f"division by zero in {text!r}", where=where) from None


def _is_tree(model) -> bool:
    from bargaining.tree import TreeModel

    return isinstance(model, TreeModel)


def _kind(model) -> str:
    """``"tree"``, ``"nplayer"`` (three or more players: one table per profile of the first ones) or ``"strategic"``."""
    if _is_tree(model):
        return "tree"
    return "nplayer" if model.n_players > 2 else "strategic"


#: Why an n-player game has no regime map in the page (the page says it too).
NPLAYER_REGIME = (
    "the regime map is drawn for two-player games; this game has {n} players "
    "(map it with 'sweep', which takes it)"
)


class Explorer:
    """The game files of a folder, and the answers to the page's requests.

    Parameters
    ----------
    path : str or Path
        The game file to open first; the scenario menu lists the game files
        of its folder.

    Examples
    --------
    >>> ex = Explorer("games/baseline.toml")
    >>> out = ex.solve({"scenario": "baseline.toml", "values": {"T": "0.95"}})
    >>> [e["reading"] for e in out["equilibria"]][0]
    'a military alliance: both sign a mutual-defence treaty'
    >>> ex.solve({"scenario": "baseline.toml", "values": {"T": "2"}})
    Traceback (most recent call last):
    ...
    bargaining.errors.InputError: games/baseline.toml, values.T: T = 2 lies outside its range [0, 1]
    """

    def __init__(self, path: str | Path):
        from bargaining.io.gamefile import load_model

        path = Path(path)
        if path.suffix.lower() not in GAME_SUFFIXES:
            raise InputError(f"expected a game file ({', '.join(GAME_SUFFIXES)})", source=str(path))
        load_model(path)  # a bad first file is an error before the server starts
        self.folder = path.parent
        self.initial = path.name
        self._cache: dict[str, tuple[float, Model]] = {}
        self._edited: dict[str, Model] = {}  # game text -> model, the last few only
        self._lock = threading.Lock()

    # ------------------------------------------------------------------ files

    def paths(self) -> dict[str, Path]:
        """The folder's game files by name (the scenario ids)."""
        from bargaining.io.gamefile import game_files

        found = {p.name: p for p in game_files(self.folder, GAME_SUFFIXES, require=False)}
        found.setdefault(self.initial, self.folder / self.initial)
        return found

    def model(self, scenario: Any) -> Model:
        """The model of a scenario id, re-read when its file (or the folder's files) changed."""
        from bargaining.io.gamefile import load_model

        if not isinstance(scenario, str):
            raise InputError("expected the name of a game file", where="scenario")
        path = self.paths().get(scenario)
        if path is None:
            raise InputError(f"no game file {scenario!r} in the folder {str(self.folder)!r}", where="scenario")
        stamp = max(p.stat().st_mtime for p in self.paths().values())
        with self._lock:
            cached = self._cache.get(scenario)
        if cached is not None and cached[0] == stamp:
            return cached[1]
        model = load_model(path)
        with self._lock:
            self._cache[scenario] = (stamp, model)
        return model

    def edited(self, text: Any) -> Model:
        """The model of a game text edited in the page (read once, then cached by its text)."""
        if isinstance(text, str):
            with self._lock:
                model = self._edited.get(text)
            if model is not None:
                return model
        model = read_game_text(text)
        with self._lock:
            if len(self._edited) >= 8:
                self._edited.pop(next(iter(self._edited)))
            self._edited[text] = model
        return model

    def _model_of(self, body: Mapping[str, Any]) -> Model:
        if "game" in body:
            if "scenario" in body:
                raise InputError("give a scenario or an edited game, not both", where="game")
            return self.edited(body["game"])
        return self.model(body.get("scenario"))

    def _with_values(self, model: Model, raw: Any) -> Model:
        if raw is None:
            return model
        if not isinstance(raw, dict):
            raise InputError(
                f"expected an object of parameter values, found {type(raw).__name__}",
                source=model.source,
                where="values",
            )
        values = {}
        for name, v in raw.items():
            if name not in model.parameters:
                known = ", ".join(model.parameters) or "none"
                raise InputError(
                    f"unknown parameter {name!r}{did_you_mean(name, model.parameters)}"
                    f"; known parameters: {known}", source=model.source, where="values"
                )
            values[name] = _value(v, f"values.{name}")
        for name, v in values.items():
            p = model.parameters[name]
            p.check(v, source=model.source, where=f"values.{name}")
        return model.with_values(values, where="values")

    def warm(self) -> None:
        """Import the solvers and solve the first file once, so that the page's first answer is quick."""
        info = self.info({"scenario": self.initial})
        self.solve({"scenario": self.initial})
        if len(info["parameters"]) >= 2 and info["kind"] == "strategic":
            self.regime({"scenario": self.initial, "size": 2})

    # ------------------------------------------------------------------ requests

    def scenarios(self) -> dict[str, Any]:
        """The scenario menu: each game file of the folder with its title (or its error)."""
        items = []
        for name in self.paths():
            try:
                items.append({"id": name, "title": self.model(name).title})
            except InputError as err:
                items.append({"id": name, "title": name, "error": str(err)})
        return {"folder": str(self.folder), "initial": self.initial, "scenarios": items}

    def info(self, query: Mapping[str, Any]) -> dict[str, Any]:
        """A scenario's title, description and sliders: ``{"scenario": id}``."""
        _keys(query, ("scenario",))
        model = self.model(query.get("scenario"))
        names = list(model.parameters)
        if _is_tree(model):
            return {"scenario": query["scenario"], **tree_model_view(model), "axes": []}
        kind = _kind(model)
        return {"scenario": query["scenario"], "kind": kind, **model_view(model),
                "axes": names[:2] if kind == "strategic" else []}

    def source(self, query: Mapping[str, Any]) -> dict[str, Any]:
        """A scenario as the text of a game file, for the page's editor: ``{"scenario": id}``.

        A file with ``extends`` is written merged over its parents, so that the text stands alone.
        """
        from bargaining.io.gamefile import read_game_table

        _keys(query, ("scenario",))
        if _is_tree(self.model(query.get("scenario"))):  # a known, readable scenario, and not a tree
            raise InputError("the page edits strategic-form games; edit a game tree's file", where="scenario")
        path = self.paths()[query["scenario"]]
        if path.suffix.lower() != ".toml":
            raise InputError("only TOML game files can be edited in the page", where="scenario")
        return {"scenario": query["scenario"], "game": game_text(read_game_table(path))}

    def check(self, body: Mapping[str, Any]) -> dict[str, Any]:
        """An edited game's title, description and sliders, or the error that refuses it: ``{"game": text}``."""
        _keys(body, ("game",))
        model = self.edited(body.get("game"))
        names = list(model.parameters)
        kind = _kind(model)
        return {"scenario": None, "source": SOURCE, "kind": kind, **model_view(model),
                "axes": names[:2] if kind == "strategic" else []}

    def solve(self, body: Mapping[str, Any]) -> dict[str, Any]:
        """Every equilibrium at the given values: ``{"scenario": id, "values": {name: "0.9"}}``."""
        from bargaining.solvers.registry import solve

        _keys(body, ("scenario", "game", "values"))
        start = time.perf_counter()
        model = self._with_values(self._model_of(body), body.get("values"))
        if _is_tree(model):
            from bargaining.solvers.tree import solve_tree

            view = tree_view(model, solve_tree(model.tree()))
        elif model.n_players > 2:
            view = nplayer_view(model, solve(model.game()))
        else:
            view = {"kind": "strategic", **solution_view(model, solve(model.game()))}
        view["elapsed_ms"] = round(1000 * (time.perf_counter() - start), 2)
        return {"scenario": body.get("scenario"), **view}

    def regime(self, body: Mapping[str, Any]) -> dict[str, Any]:
        """The regime map: ``{"scenario": id, "values": {...}, "x": name, "y": name, "size": 40}``."""
        _keys(body, ("scenario", "game", "values", "x", "y", "size"))
        start = time.perf_counter()
        base = self._model_of(body)
        if _is_tree(base):
            raise InputError("the regime map is drawn for strategic-form games; map a game tree with 'sweep'",
                             source=base.source)
        if base.n_players > 2:
            raise InputError(NPLAYER_REGIME.format(n=base.n_players), source=base.source)
        model = self._with_values(base, body.get("values"))
        names = list(model.parameters)
        if len(names) < 2:
            raise InputError(
                "a regime map needs two parameters; this game has " + (f"one ({names[0]})" if names else "none"),
                source=model.source,
            )
        x, y = body.get("x", names[0]), body.get("y", names[1])
        for axis, name in (("x", x), ("y", y)):
            if not isinstance(name, str) or name not in model.parameters:
                raise InputError(f"expected a parameter name ({', '.join(names)}), found {name!r}", where=axis)
        if x == y:
            raise InputError(f"the two axes need different parameters, found {x!r} twice", where="y")
        size = body.get("size", SIZE)
        if isinstance(size, bool) or not isinstance(size, int) or not 2 <= size <= MAX_SIZE:
            raise InputError(
                f"expected a whole number of grid points from 2 to {MAX_SIZE}, found {size!r}", where="size"
            )
        # the axes span the sliders' ranges, guessed (if at all) from the file's values, not the current ones
        out = regime_map(model, slider(base.parameters[x]), slider(base.parameters[y]), size)
        out["elapsed_ms"] = round(1000 * (time.perf_counter() - start), 2)
        return {"scenario": body.get("scenario"), **out}
