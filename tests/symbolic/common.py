"""Helpers shared by the tests of :mod:`bargaining.symbolic`: the baseline's derivation and exact checks.

Known answers come from the design note (docs/explanation/model.md, "What
follows in closed form", and its scenario table, checked there with Gambit).
"""

from __future__ import annotations

import functools

import sympy

from bargaining.io.gamefile import load_model
from bargaining.solvers.enumeration import extreme_equilibria
from bargaining.symbolic import derive
from bargaining.symbolic.game import rational

TAIWAN = {"T": "1.0", "w_R": "0.10", "w_C": "0.10", "e_R": "0.12"}


@functools.lru_cache(maxsize=None)
def baseline(solve_for=None, **overrides):
    return derive(load_model("games/baseline.toml", overrides or None), solve_for=solve_for)


def syms(d):
    model = load_model("games/baseline.toml")
    return {n: sympy.Symbol(n, real=True, **assumption(model.parameters[n])) for n in d.symbols}


def assumption(p):
    return {"positive": True} if p.min and p.min > 0 else {"nonnegative": True} if p.min == 0 else {}


def equal(a, b) -> bool:
    return sympy.simplify(sympy.expand(a - b)) == 0


def condition(d, profile, label):
    p = next(p for p in d.pure if p.name == profile)
    return [c for c in p.conditions if c.label == label]


def solver_equilibria(model_at_point):
    g = model_at_point.game()
    return extreme_equilibria(g.A, g.B)


def env_at(d, point):
    return {sympy.Symbol(n, real=True, **assumption(load_model("games/baseline.toml").parameters[n])): rational(v)
            for n, v in point.items()}


def holds_at(cond, env) -> bool:
    return bool(cond.relation.xreplace(env))
