"""An exercise sheet for a game: the bimatrix, questions, and the worked answers.

:func:`handout` gathers what the sheet asks and answers; the renderers in
:mod:`bargaining.render.handout` write it as Markdown or as a LaTeX document.
The questions follow a seminar on strategic form games (Osborne, *An
Introduction to Game Theory*, 2004, chapters 2-4):

1. best responses to each pure strategy of the other player;
2. the pure Nash equilibria, and why no player deviates;
3. the mixed equilibria, by the indifference principle (or why there is none);
4. equilibrium selection by payoff and risk dominance (Harsanyi and Selten
   1988), when strict equilibria compete;
5. a threshold: for which values of one parameter a pure profile is an
   equilibrium, each player's no-deviation condition written as a bound on
   that parameter, the other parameters held at their values.

Most of it is the teaching walk-through of :func:`bargaining.analysis.explain.explain`.
The threshold comes from the symbolic engine (:func:`bargaining.symbolic.derive`,
exact) when it can give it, and otherwise numerically (:func:`numeric_threshold`):
each no-deviation condition ``u(profile) - u(deviation) >= 0`` is evaluated
exactly on a grid over the parameter's range, and each sign change is located
by the boundary engine of :mod:`bargaining.statics.boundaries`: exactly where
the condition is linear there, else by bisection to within ``2**-50`` of the
range.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from typing import Any, Sequence

from bargaining.analysis.explain import Explanation, explain
from bargaining.errors import BargainingError, InputError, did_you_mean
from bargaining.model import Model
from bargaining.numbers import exact
from bargaining.solution import number_to_json
from bargaining.statics.boundaries import along, linear_root, simplest_between

__all__ = ["Bound", "Cell", "Threshold", "Handout", "handout", "numeric_threshold", "symbolic_threshold", "threshold"]

#: Grid points of the numerical threshold search, and bisection steps for a change not located exactly.
GRID = 200
STEPS = 50


@dataclass(frozen=True, kw_only=True)
class Bound:
    """One no-deviation condition of a profile as a bound on the parameter: ``parameter relation value``."""

    label: str  # "Russia: ally rather than align"
    relation: str  # ">=" or "<="
    value: Fraction
    formula: str | None = None  # the bound in the game's parameters, "(w_R + e_R)/(1 - lam)"
    latex: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"condition": self.label, "relation": self.relation, "value": number_to_json(self.value),
                "formula": self.formula}


@dataclass(frozen=True, kw_only=True)
class Cell:
    """A payoff the threshold question needs, as a formula in the game's parameters."""

    player: str
    profile: str  # "(ally, ally)"
    formula: str
    latex: str

    def to_dict(self) -> dict[str, Any]:
        return {"player": self.player, "profile": self.profile, "formula": self.formula}


@dataclass(frozen=True, kw_only=True)
class Threshold:
    """Where one pure profile is a Nash equilibrium, as one parameter varies over its range.

    Attributes
    ----------
    parameter, label : str
        The parameter and its label.
    profile : tuple of int
        (row strategy, column strategy).
    value : Fraction
        The parameter's value in the file.
    range : tuple of Fraction
        The range searched: the file's, or a range guessed around the value.
    bounds : tuple of Bound
        Each no-deviation condition that the parameter decides, as a bound;
        conditions that hold (or fail) on the whole range are left out.
    interval : tuple of Fraction or None
        The closed interval of the range on which every condition holds
        (None: nowhere in the range).
    binding : tuple of int
        Indices into ``bounds`` of the bounds that are the interval's ends.
    method : str
        ``"symbolic"`` (closed form), ``"exact on a grid"`` (every change located
        exactly from exact payoffs) or ``"bisection"`` (some bound only to within
        ``2**-50`` of the range).
    """

    parameter: str
    label: str
    profile: tuple[int, int]
    value: Fraction
    range: tuple[Fraction, Fraction]
    bounds: tuple[Bound, ...]
    interval: tuple[Fraction, Fraction] | None
    binding: tuple[int, ...]
    method: str
    cells: tuple[Cell, ...] = ()

    @property
    def exact(self) -> bool:
        """Every bound and both ends of the interval are exact (closed form, or located exactly)."""
        return self.method in ("symbolic", "exact on a grid")

    @property
    def at_file(self) -> bool:
        """Whether the profile is an equilibrium at the file's value."""
        return self.interval is not None and self.interval[0] <= self.value <= self.interval[1]

    def to_dict(self) -> dict[str, Any]:
        return {
            "parameter": self.parameter,
            "label": self.label,
            "profile": list(self.profile),
            "value": number_to_json(self.value),
            "range": [number_to_json(v) for v in self.range],
            "bounds": [b.to_dict() for b in self.bounds],
            "interval": None if self.interval is None else [number_to_json(v) for v in self.interval],
            "binding": list(self.binding),
            "equilibrium_at_file": self.at_file,
            "method": self.method,
            "exact": self.exact,
            "payoffs": [c.to_dict() for c in self.cells],
        }


@dataclass(frozen=True, kw_only=True)
class Handout:
    """Everything an exercise sheet asks and answers about one game at one point of its parameters.

    Attributes
    ----------
    explanation : Explanation
        The walk-through: payoffs, best responses, dominance, equilibria, indifference, selection.
    threshold : Threshold or None
        The threshold question, when some parameter decides a pure profile.
    changed : tuple of str
        Parameters set for this sheet (``--set``).
    """

    explanation: Explanation
    threshold: Threshold | None
    changed: tuple[str, ...] = ()

    @property
    def model(self) -> Model:
        return self.explanation.model

    @property
    def game(self):
        return self.explanation.game

    @property
    def solution(self):
        return self.explanation.solution

    def to_dict(self) -> dict[str, Any]:
        return {
            "explanation": self.explanation.to_dict(),
            "threshold": None if self.threshold is None else self.threshold.to_dict(),
            "changed": list(self.changed),
        }


# ----------------------------------------------------------------------------- thresholds


def _range(model: Model, name: str) -> tuple[Fraction, Fraction]:
    lo, hi, _ = model.parameters[name].span()
    return lo, hi


def _deviations(model: Model, i: int, j: int):
    """The no-deviation conditions of the profile (i, j): labels and a function of the game."""
    s0, s1 = model.strategies
    out = []
    for k in range(len(s0)):
        if k != i:
            out.append((f"{model.players[0]}: {s0[i]} rather than {s0[k]}", lambda g, k=k: g.A[i][j] - g.A[k][j]))
    for k in range(len(s1)):
        if k != j:
            out.append((f"{model.players[1]}: {s1[j]} rather than {s1[k]}", lambda g, k=k: g.B[i][j] - g.B[i][k]))
    return out


def numeric_threshold(model: Model, name: str, profile: tuple[int, int]) -> Threshold:
    """Where ``profile`` is an equilibrium as ``name`` varies, from exact payoffs on a grid.

    Each no-deviation condition is evaluated exactly on a grid of the range,
    and each change is located by the boundary engine
    (:func:`bargaining.statics.boundaries.along`): exactly where the
    condition is linear between two grid points (its root, checked to give
    exactly zero), else by bisection to within ``2**-50`` of the range.

    Examples
    --------
    >>> from bargaining.io.gamefile import load_model
    >>> t = numeric_threshold(load_model("games/baseline.toml"), "T", (0, 0))
    >>> t.interval, t.bounds[t.binding[0]].label, t.exact
    ((Fraction(111, 125), Fraction(1, 1)), 'Russia: ally rather than align', True)
    """
    lo, hi = _range(model, name)
    i, j = profile
    conditions = [f for _, f in _deviations(model, i, j)]
    labels = [label for label, _ in _deviations(model, i, j)]
    games: dict[Fraction, Any] = {}

    def game(t):
        if t not in games:
            games[t] = model.with_values({name: t}, where="threshold parameter").game()
        return games[t]

    grid = [lo + (hi - lo) * Fraction(k, GRID) for k in range(GRID + 1)]
    precision = float((hi - lo) / 2**STEPS) / float(max(1, abs(lo), abs(hi)))

    def holds(c):
        return lambda t: conditions[c](game(t)) >= 0

    def roots(cs):
        def candidates(a, b):
            for c in cs:
                da, db = conditions[c](game(a)), conditions[c](game(b))
                q = a if da == 0 else b if db == 0 else linear_root(a, da, b, db)
                if q is not None and conditions[c](game(q)) == 0:
                    yield q, f"{labels[c]}: exactly indifferent here"
        return candidates

    def settled(b, holding) -> tuple[Fraction, bool]:
        """A boundary as one value on the side where the condition holds, and whether it is exact."""
        if b.exact:
            return b.value, True
        q = simplest_between(b.low, b.high)
        return (q if holding(q) else b.high if b.right else b.low), False

    bounds, exact = [], True
    for c in range(len(conditions)):
        h = holds(c)
        found = along(grid, [h(g) for g in grid], h, candidates=roots([c]), precision=precision)
        for b in found.boundaries:
            value, ok = settled(b, h)
            exact &= ok
            bounds.append(Bound(label=labels[c], relation=">=" if b.right else "<=", value=value))

    def all_hold(t):
        return all(f(game(t)) >= 0 for f in conditions)

    found = along(grid, [all_hold(g) for g in grid], all_hold, candidates=roots(range(len(conditions))),
                  precision=precision)
    interval = None
    inside = [r for r in found.regimes if r.answer]
    if inside:
        value = model.parameters[name].value
        regime = next((r for r in inside if r.contains(value)), inside[0])
        ends = []
        for end, side in ((regime.lower, "lower"), (regime.upper, "upper")):
            b = next((b for b in found.boundaries if b.value == end and (b.right if side == "lower" else b.left)), None)
            if b is None:
                ends.append(end)
                continue
            v, ok = settled(b, all_hold)
            exact &= ok
            ends.append(v)
        interval = (ends[0], ends[1])
    method = "exact on a grid" if exact else "bisection"
    return _threshold(model, name, profile, (lo, hi), tuple(bounds), interval, method)


def _formulas(model: Model, name: str, profile: tuple[int, int], bounds):
    """The payoffs the question needs as formulas, and each bound solved for ``name`` in the game's parameters.

    Returns ``(cells, bounds)``; without sympy, or where a condition has no single solution for ``name``,
    the bounds are left as they are (their values only).
    """
    try:
        import sympy

        from bargaining.symbolic.game import SymbolicGame
        from bargaining.symbolic.printing import latex, plain
    except ImportError:
        return (), bounds
    try:
        game = SymbolicGame.from_model(model, None)
    except BargainingError:
        return (), bounds
    i, j = profile
    s0, s1 = model.strategies
    p0, p1 = model.players
    cells, conditions = [], {}
    wanted = [(0, i, j)] + [(0, k, j) for k in range(len(s0)) if k != i]
    wanted += [(1, i, j)] + [(1, i, k) for k in range(len(s1)) if k != j]
    for player, a, b in wanted:
        expr = (game.A if player == 0 else game.B)[a, b]
        cells.append(Cell(player=(p0, p1)[player], profile=f"({s0[a]}, {s1[b]})", formula=_text(plain(expr)),
                          latex=latex(expr)))
    for k in range(len(s0)):
        if k != i:
            conditions[f"{p0}: {s0[i]} rather than {s0[k]}"] = game.A[i, j] - game.A[k, j]
    for k in range(len(s1)):
        if k != j:
            conditions[f"{p1}: {s1[j]} rather than {s1[k]}"] = game.B[i, j] - game.B[i, k]
    symbol = game.symbols.get(name)
    out = []
    for bound in bounds:
        expr = conditions.get(bound.label)
        formula = None
        if symbol is not None and expr is not None and sympy.count_ops(expr) <= 200:
            expanded = sympy.expand(expr)
            slope, rest = expanded.coeff(symbol, 1), expanded.coeff(symbol, 0)
            if sympy.expand(slope * symbol + rest - expanded) == 0 and slope != 0:
                roots = [-rest / slope]  # linear in the parameter: its one root, without sympy's solver
            elif sympy.count_ops(expanded) <= 30:
                try:
                    roots = sympy.solve(expanded, symbol)
                except (NotImplementedError, ValueError, TypeError):
                    roots = []
            else:
                roots = []
            if len(roots) == 1 and not roots[0].has(sympy.I):
                num, den = sympy.fraction(sympy.together(roots[0]))
                at_file = {sym: sympy.Rational(game.values[n].numerator, game.values[n].denominator)
                           for n, sym in game.symbols.items()}
                if den.subs(at_file).is_negative:
                    num, den = -num, -den
                formula = sympy.expand(num) / den
        if formula is None:
            out.append(bound)
        else:
            out.append(Bound(label=bound.label, relation=bound.relation, value=bound.value,
                             formula=_text(plain(formula)), latex=latex(formula)))
    return tuple(cells), tuple(out)


def _text(formula: str) -> str:
    """A formula as a game file writes it: powers with ``^``."""
    return formula.replace("**", "^")


def _threshold(model, name, profile, rng, bounds, interval, method) -> Threshold:
    cells, bounds = _formulas(model, name, profile, bounds)
    binding = ()
    if interval is not None:
        binding = tuple(
            k
            for k, b in enumerate(bounds)
            if (b.relation == ">=" and b.value == interval[0] and interval[0] > rng[0])
            or (b.relation == "<=" and b.value == interval[1] and interval[1] < rng[1])
        )
    p = model.parameters[name]
    return Threshold(
        parameter=name,
        label=p.label,
        profile=profile,
        value=p.value,
        range=rng,
        bounds=bounds,
        interval=interval,
        binding=binding,
        method=method,
        cells=cells,
    )


def symbolic_threshold(model: Model, name: str, profile: tuple[int, int], derivation=None) -> Threshold | None:
    """The same as :func:`numeric_threshold`, exactly, from the symbolic engine (None if it cannot say).

    ``derivation`` is ``derive(model, keep=[name], solve_for=name)`` when the caller has it already.
    """
    from bargaining.symbolic import derive

    lo, hi = _range(model, name)
    s0, s1 = model.strategies
    context = f"({s0[profile[0]]}, {s1[profile[1]]})"
    d = derivation if derivation is not None else derive(model, keep=[name], solve_for=name)
    tipping = next((t for t in d.tipping if t.kind == "pure" and t.context == context), None)
    if tipping is None or tipping.other or tipping.fixed or not tipping.exact_interval:
        return None
    bounds = []
    for group, relation in ((tipping.lower, ">="), (tipping.upper, "<=")):
        for b in group:
            if b.case is not None or b.relation != relation:
                return None
            value = _fraction(b.bound.at_file)
            if value is None:
                return None
            if lo < value < hi or (relation == ">=" and value == hi) or (relation == "<=" and value == lo):
                bounds.append(Bound(label=b.label, relation=relation, value=value))
    interval = _interval(tipping.interval_at_file, lo, hi)
    if interval is False:
        return None
    return _threshold(model, name, profile, (lo, hi), tuple(bounds), interval, "symbolic")


def _fraction(value) -> Fraction | None:
    try:
        import sympy

        if isinstance(value, Fraction):
            return value
        if isinstance(value, sympy.Rational):
            return Fraction(int(value.p), int(value.q))
    except (TypeError, ValueError):
        pass
    return None


def _interval(s, lo: Fraction, hi: Fraction):
    """A sympy interval clipped to [lo, hi] as two Fractions; None when empty; False when not one closed interval."""
    import sympy

    if s is None:
        return False
    s = sympy.Intersection(
        s, sympy.Interval(sympy.Rational(lo.numerator, lo.denominator), sympy.Rational(hi.numerator, hi.denominator))
    )
    if s is sympy.S.EmptySet or s.is_empty:
        return None
    if not isinstance(s, sympy.Interval):
        return False
    a, b = _fraction(s.start), _fraction(s.end)
    if a is None or b is None or (s.left_open and a != lo) or (s.right_open and b != hi):
        return False  # an open end is a strict condition: not what the question asks
    return (a, b)


def threshold(
    model: Model, name: str | None = None, profile: tuple[int, int] | None = None, *, method: str = "auto"
) -> Threshold | None:
    """The threshold question's answer: where a pure profile is an equilibrium as one parameter varies.

    Parameters
    ----------
    model : Model
    name : str, optional
        The parameter (default: the first with a declared range, else the first).
    profile : (int, int), optional
        The pure profile (default: the first, in row-major order, that is an
        equilibrium on part but not all of the range).
    method : str
        ``"symbolic"``, ``"bisection"`` or ``"auto"`` (symbolic when the engine
        can say, else bisection).

    Returns
    -------
    Threshold or None
        None when the game has no parameter, or no profile changes status on the range.
    """
    if method not in ("auto", "symbolic", "bisection"):
        raise InputError(f"unknown threshold method {method!r}; methods: auto, symbolic, bisection")
    if not model.parameters:
        return None
    if name is None:
        ranged = [n for n, p in model.parameters.items() if p.min is not None and p.max is not None and p.min < p.max]
        name = (ranged or list(model.parameters))[0]
    elif name not in model.parameters:
        known = ", ".join(model.parameters)
        raise InputError(
            f"unknown parameter {name!r}{did_you_mean(name, model.parameters)}"
            f"; known parameters: {known}", source=model.source, where="threshold parameter"
        )
    lo, hi = _range(model, name)
    if lo == hi:
        return None
    m, n = len(model.strategies[0]), len(model.strategies[1])
    candidates = [profile] if profile is not None else [(i, j) for i in range(m) for j in range(n)]
    derivation = None
    if method in ("auto", "symbolic"):
        try:
            from bargaining.symbolic import derive

            derivation = derive(model, keep=[name], solve_for=name)
        except (ImportError, BargainingError):
            if method == "symbolic":
                return None
    for prof in candidates:
        found = _one(model, name, prof, method, derivation)
        if found is None:
            continue
        partial = found.interval is not None and found.interval != (lo, hi)
        if profile is not None or partial:
            return found
    return None


def _one(model, name, profile, method, derivation) -> Threshold | None:
    if derivation is not None:
        found = symbolic_threshold(model, name, profile, derivation)
        if found is not None or method == "symbolic":
            return found
    elif method == "symbolic":
        return None
    return numeric_threshold(model, name, profile)


# ----------------------------------------------------------------------------- the sheet


def handout(
    model: Model,
    *,
    parameter: str | None = None,
    profile: Sequence[str] | None = None,
    method: str = "auto",
    changed: Sequence[str] = (),
) -> Handout:
    """Gather the exercise sheet of a game at the model's parameter values.

    Parameters
    ----------
    model : Model
        A game file with any ``--set`` values applied.
    parameter : str, optional
        The threshold question's parameter (see :func:`threshold`).
    profile : (str, str), optional
        The threshold question's profile, by strategy names.
    method : str
        How the threshold is found: ``"auto"``, ``"symbolic"`` or ``"bisection"``.
    changed : sequence of str
        Parameters set for this sheet, named on it.

    Examples
    --------
    >>> from bargaining.io.gamefile import load_model
    >>> h = handout(load_model("games/baseline.toml"), method="bisection")
    >>> [e.pure for e in h.solution.equilibria], h.threshold.interval[0]
    ([True], Fraction(111, 125))
    """
    prof = None
    if profile is not None:
        s0, s1 = model.strategies
        if len(profile) != 2 or profile[0] not in s0 or profile[1] not in s1:
            raise InputError(
                f"expected a profile such as \"{s0[0]}, {s1[0]}\" ({model.players[0]}'s strategy first), "
                f"found {', '.join(profile)!r}",
                where="profile",
            )
        prof = (s0.index(profile[0]), s1.index(profile[1]))
    found = threshold(model, parameter, prof, method=method)
    if parameter is not None and found is None and prof is None:
        lo, hi = _range(model, parameter)
        why = (f"{parameter} has the one value {exact(lo)} in its range" if lo == hi else
               f"no pure profile turns into or out of an equilibrium as {parameter} runs from {exact(lo)} to "
               f"{exact(hi)} (the payoffs do not depend on it there, or not enough to change a best response)")
        raise InputError(f"{why}; name another parameter for the threshold question", source=model.source,
                         where="threshold parameter")
    return Handout(explanation=explain(model), threshold=found, changed=tuple(changed))
