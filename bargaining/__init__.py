"""bargaining: a game-theoretic alliance bargaining solver.

The public API, loaded lazily so that ``import bargaining`` (and the command
line's start-up) stays light::

    import bargaining as bg
    model = bg.load("games/baseline.toml")
    sol = bg.solve(model, set={"T": "0.95"})

Functions (:mod:`bargaining.api`): :func:`load`, :func:`solve`, :func:`sweep`,
:func:`derive`, :func:`bargain`, :func:`repeat`, :func:`scenarios`, :func:`explain`,
:func:`robustness`, :func:`outlook`, :func:`ordinal`, :func:`calibrate`, :func:`sensitivity`,
:func:`handout`, :func:`qre`, :func:`export`. Types: :class:`Game`, :class:`Model`, :class:`Solution`,
:class:`Equilibrium`, :class:`EquilibriumSet`; errors: :class:`BargainingError`,
:class:`InputError`. See ``docs/reference/api.md``.
"""

from __future__ import annotations

import importlib

__all__ = [
    "__version__",
    "load",
    "solve",
    "sweep",
    "derive",
    "bargain",
    "repeat",
    "scenarios",
    "explain",
    "robustness",
    "outlook",
    "ordinal",
    "calibrate",
    "sensitivity",
    "handout",
    "qre",
    "export",
    "Game",
    "Model",
    "Parameter",
    "Solution",
    "Equilibrium",
    "EquilibriumSet",
    "BargainingError",
    "InputError",
]

#: Public name -> the module that defines it.
_HOMES = {
    **{name: "bargaining.api" for name in (
        "load", "solve", "sweep", "derive", "bargain", "repeat", "scenarios", "explain", "robustness",
        "outlook", "ordinal", "calibrate", "sensitivity", "handout", "qre", "export",
    )},
    "Game": "bargaining.game",
    "Model": "bargaining.model",
    "Parameter": "bargaining.model",
    "Solution": "bargaining.solution",
    "Equilibrium": "bargaining.solution",
    "EquilibriumSet": "bargaining.solution",
    "BargainingError": "bargaining.errors",
    "InputError": "bargaining.errors",
}


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("bargaining")
    except PackageNotFoundError:  # running from a source tree that was never installed
        return "0+unknown"


def __getattr__(name: str):
    if name == "__version__":
        value = _version()
    elif name in _HOMES:
        value = getattr(importlib.import_module(_HOMES[name]), name)
    else:
        raise AttributeError(f"module 'bargaining' has no attribute {name!r}")
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
