"""Result types of the symbolic derivation, each with a ``to_dict()``.

Every expression is kept as a sympy object and written, by ``to_dict()``, as
``expr`` (text that ``sympy.parse_expr`` reads back; pass the parameter names
as ``local_dict``) and ``latex``. Exact values at the file's parameter values
are written as fraction strings (``"111/125"``) with a float beside them.
A condition ``expr >= 0`` is also written whole as ``condition``, which
``parse_expr`` reads as a sympy relation.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any, Mapping

import sympy

from bargaining.numbers import number_to_json
from bargaining.symbolic.printing import latex, plain, relation_text

__all__ = [
    "Formula",
    "Condition",
    "PureProfile",
    "MixedCandidate",
    "Static",
    "Selection",
    "SolvedBound",
    "Tipping",
    "TippingPoint",
    "Derivation",
    "MixSide",
    "Family",
    "Degeneracy",
    "Regime",
    "Threshold",
    "Summary",
    "number_json",
]

#: status of a condition over the declared parameter ranges
STATUSES = {
    "identity": "holds identically",
    "always": "holds for all parameter values in their ranges",
    "interior": "holds except where the expression is zero",
    "depends": "depends on the parameter values",
    "boundary": "holds only where the expression is zero",
    "never": "fails for all parameter values in their ranges",
    "contradiction": "fails identically",
}


def number_json(value) -> str | None:
    """An exact sympy number as a string (``"3/20"``); None where undefined."""
    if value is None:
        return None
    if isinstance(value, Fraction):
        return str(value)
    if value.has(sympy.nan, sympy.zoo, sympy.oo, -sympy.oo):
        return None
    if value.is_Rational:
        return str(value)
    return plain(value)


def number_float(value) -> float | None:
    if value is None:
        return None
    if isinstance(value, Fraction):
        return float(value)
    try:
        f = float(value)
    except (TypeError, ValueError):
        return None
    return f


def set_json(s) -> list | None:
    """A sympy set of reals as a list of intervals ``{lo, hi, left_open, right_open}`` (None bound: unbounded)."""
    if s is None:
        return None
    if s == sympy.EmptySet:
        return []
    if isinstance(s, sympy.Union):
        return [i for part in s.args for i in set_json(part)]
    if isinstance(s, sympy.FiniteSet):
        return [{"lo": number_json(v), "hi": number_json(v), "left_open": False, "right_open": False} for v in s]
    if isinstance(s, sympy.Interval):
        return [
            {
                "lo": number_json(s.start),
                "hi": number_json(s.end),
                "left_open": bool(s.left_open),
                "right_open": bool(s.right_open),
            }
        ]
    return [{"set": plain(s)}]


@dataclass(frozen=True, kw_only=True)
class Formula:
    """A closed form with its exact value at the file's parameter values.

    Attributes
    ----------
    expr : sympy.Expr
    at_file : sympy number or None
        The value at the file's values; None where it is undefined (a zero
        denominator).
    simplified : bool
        False when bounded simplification left it as computed.
    note : str or None
    """

    expr: Any
    at_file: Any = None
    simplified: bool = True
    note: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "expr": plain(self.expr),
            "latex": latex(self.expr),
            "at_file": number_json(self.at_file),
            "at_file_float": number_float(self.at_file),
            "simplified": self.simplified,
            "note": self.note,
        }


@dataclass(frozen=True, kw_only=True)
class Condition:
    """One condition in the parameters: ``expr rel 0``.

    Attributes
    ----------
    label : str
        What it says, in words: ``Russia: ally rather than align``.
    player : int or None
        Whose incentive it is (0 row, 1 column).
    expr : sympy.Expr
        The reduced expression.
    rel : str
        One of ``>=``, ``>``, ``<=``, ``<``, ``==``.
    status : str
        A key of :data:`STATUSES`, judged over the declared ranges.
    assumptions : tuple of str
        Signs of factors the reduction took from the declared ranges
        (``lam > 0``); empty when it used none. ``assumed`` holds the same as
        ``(expr, rel)`` pairs, for renderers.
    gain : Formula or None
        The unreduced quantity (a payoff difference, a probability) with its
        value at the file's values.
    holds_at_file : bool or None
    """

    label: str
    player: int | None
    expr: Any
    rel: str
    status: str
    assumptions: tuple[str, ...] = ()
    gain: Formula | None = None
    holds_at_file: bool | None = None
    simplified: bool = True
    note: str | None = None
    assumed: tuple = ()

    @property
    def relation(self):
        """The condition as a sympy relation (``expr >= 0``)."""
        op = {">=": sympy.Ge, ">": sympy.Gt, "<=": sympy.Le, "<": sympy.Lt, "==": sympy.Eq, "!=": sympy.Ne}[self.rel]
        return op(self.expr, 0, evaluate=False)

    @property
    def trivial(self) -> bool:
        """True when it holds identically or throughout the ranges."""
        return self.status in ("identity", "always")

    def text(self, form: str = "board") -> str:
        return relation_text(self.expr, self.rel, form)

    def to_dict(self) -> dict[str, Any]:
        return {
            "label": self.label,
            "player": self.player,
            "expr": plain(self.expr),
            "rel": self.rel,
            "condition": relation_text(self.expr, self.rel, "plain"),
            "latex": relation_text(self.expr, self.rel, "latex"),
            "status": self.status,
            "status_text": STATUSES[self.status],
            "assumptions": list(self.assumptions),
            "gain": self.gain.to_dict() if self.gain else None,
            "holds_at_file": self.holds_at_file,
            "simplified": self.simplified,
            "note": self.note,
        }


@dataclass(frozen=True, kw_only=True)
class PureProfile:
    """Conditions for a pure profile to be a Nash equilibrium.

    Attributes
    ----------
    profile : (int, int)
    name : str
    conditions : tuple of Condition
        Necessary and sufficient together (including those that always hold).
    verdict : str
        ``always``, ``conditional``, ``boundary`` (only where some condition
        holds with equality) or ``never``.
    equilibrium_at_file : bool
    payoffs : (Formula, Formula)
    """

    profile: tuple[int, int]
    name: str
    conditions: tuple[Condition, ...]
    verdict: str
    equilibrium_at_file: bool
    payoffs: tuple[Formula, Formula]

    def to_dict(self) -> dict[str, Any]:
        return {
            "profile": list(self.profile),
            "name": self.name,
            "verdict": self.verdict,
            "equilibrium_at_file": self.equilibrium_at_file,
            "payoffs": [f.to_dict() for f in self.payoffs],
            "conditions": [c.to_dict() for c in self.conditions],
        }


@dataclass(frozen=True, kw_only=True)
class Static:
    """The derivative of an equilibrium quantity with respect to a parameter.

    Attributes
    ----------
    quantity : str
        ``probability`` or ``payoff``.
    player : int
    strategy : int or None
        For a probability, the strategy whose probability it is.
    parameter : str
    derivative : Formula
    sign_at_file : int or None
        -1, 0 or 1; None where undefined.
    sign_on_ranges : str
        ``positive``, ``nonnegative``, ..., ``of either sign``.
    gloss : str
        The sign at the file's values in plain words.
    """

    quantity: str
    player: int
    strategy: int | None
    parameter: str
    derivative: Formula
    sign_at_file: int | None
    sign_on_ranges: str
    gloss: str

    def to_dict(self) -> dict[str, Any]:
        return {
            "quantity": self.quantity,
            "player": self.player,
            "strategy": self.strategy,
            "parameter": self.parameter,
            "derivative": self.derivative.to_dict(),
            "sign_at_file": self.sign_at_file,
            "sign_on_ranges": self.sign_on_ranges,
            "gloss": self.gloss,
        }


@dataclass(frozen=True, kw_only=True)
class MixedCandidate:
    """A pair of supports and the mixed equilibrium they can carry.

    Attributes
    ----------
    supports : (tuple of int, tuple of int)
    name : str
    kind : str
        ``generic``: the indifference equations have a unique solution for
        generic parameters; ``degenerate``: they have one only on a boundary
        (see ``degenerate_conditions``) or never.
    probabilities : (tuple of Formula, tuple of Formula)
        Each player's probabilities over its support (empty when degenerate).
    payoffs : (Formula, Formula) or None
    conditions : tuple of Condition
        Necessary and sufficient for a valid equilibrium: probabilities in
        (0, 1) and no profitable deviation outside the support.
    verdict : str
        ``possible`` (an exactly verified point of the ranges where it is an
        equilibrium exists: ``witness``), ``not found`` (none found by
        sampling), ``never`` (some condition fails on all the ranges) or
        ``degenerate``.
    equilibrium_at_file : bool
    explanation : str
    degenerate_conditions : tuple of Condition
    statics : tuple of Static
    """

    supports: tuple[tuple[int, ...], tuple[int, ...]]
    name: str
    kind: str
    probabilities: tuple[tuple[Formula, ...], tuple[Formula, ...]] = ((), ())
    payoffs: tuple[Formula, Formula] | None = None
    conditions: tuple[Condition, ...] = ()
    verdict: str = "possible"
    equilibrium_at_file: bool = False
    explanation: str = ""
    degenerate_conditions: tuple[Condition, ...] = ()
    statics: tuple[Static, ...] = ()
    witness: Mapping[str, Fraction] | None = None

    def to_dict(self, players, strategies) -> dict[str, Any]:
        return {
            "supports": {players[p]: [strategies[p][k] for k in self.supports[p]] for p in range(2)},
            "name": self.name,
            "kind": self.kind,
            "verdict": self.verdict,
            "equilibrium_at_file": self.equilibrium_at_file,
            "explanation": self.explanation,
            "probabilities": {
                players[p]: {strategies[p][k]: f.to_dict() for k, f in zip(self.supports[p], self.probabilities[p])}
                for p in range(2)
            }
            if self.kind == "generic"
            else None,
            "payoffs": [f.to_dict() for f in self.payoffs] if self.payoffs else None,
            "conditions": [c.to_dict() for c in self.conditions],
            "degenerate_conditions": [c.to_dict() for c in self.degenerate_conditions],
            "statics": [s.to_dict() for s in self.statics],
            "witness": None if self.witness is None else {k: str(v) for k, v in self.witness.items()},
        }


def _holds_at(condition, point) -> bool:
    """Whether ``condition`` holds exactly at ``point`` (symbol -> Rational); False where it is undefined."""
    value = condition.expr.xreplace(point) if hasattr(condition.expr, "xreplace") else condition.expr
    if not getattr(value, "is_number", False) or value.has(sympy.nan, sympy.zoo, sympy.oo, -sympy.oo):
        return False
    if value.is_extended_real is False:
        return False
    return bool({">=": value >= 0, ">": value > 0, "<=": value <= 0, "<": value < 0, "==": value == 0,
                 "!=": value != 0}[condition.rel])


def cases_hold(cases, point) -> bool:
    """Whether some case (a conjunction of conditions) holds at ``point``."""
    return any(all(_holds_at(c, point) for c in case) for case in cases)


@dataclass(frozen=True, kw_only=True)
class MixSide:
    """One player's mixes in a family of equilibria on a pair of supports.

    The player mixes over ``support``; the probabilities of the strategies in
    ``free`` are the family's own variables (symbols named in ``variables``,
    each in (0, 1)), the others are closed forms in them and the parameters.
    ``constraints`` are necessary and sufficient for such a mix to be part of
    an equilibrium on these supports (every probability positive, no gain for
    the *other* player from a strategy outside its support); ``cases`` says
    for which parameters some mix satisfies them: one of the cases
    (conjunctions) must hold. ``cases`` is None where the variables could not
    be eliminated; ``constraints`` then still decide, point by point.

    Attributes
    ----------
    player : int
    support : tuple of int
    free : tuple of int
        The strategies (indices) whose probabilities are free.
    variables : tuple of str
        Their symbols' names, in the order of ``free``.
    probabilities : tuple of Formula
        One per strategy of ``support``.
    constraints : tuple of Condition
        In the parameters and the variables.
    cases : tuple of tuple of Condition, or None
    note : str or None
    """

    player: int
    support: tuple[int, ...]
    free: tuple[int, ...]
    variables: tuple[str, ...]
    probabilities: tuple[Formula, ...]
    constraints: tuple[Condition, ...]
    cases: tuple[tuple[Condition, ...], ...] | None
    note: str | None = None

    @property
    def dimension(self) -> int:
        return len(self.free)

    def to_dict(self, players, strategies) -> dict[str, Any]:
        p = self.player
        return {
            "player": players[p],
            "support": [strategies[p][k] for k in self.support],
            "free": {v: strategies[p][k] for v, k in zip(self.variables, self.free)},
            "probabilities": {strategies[p][k]: f.to_dict() for k, f in zip(self.support, self.probabilities)},
            "constraints": [c.to_dict() for c in self.constraints],
            "cases": None if self.cases is None else [[c.to_dict() for c in case] for case in self.cases],
            "note": self.note,
        }


@dataclass(frozen=True, kw_only=True)
class Family:
    """A family of equilibria on one pair of supports, for generic parameter values: a continuum, or a point.

    Arises where the game is degenerate on an open region of the parameters
    (supports of unequal size, or a player indifferent among strategies that
    pay the same against everything): a product of the two players' sets of
    mixes (:class:`MixSide`). The family exists at a parameter point iff both
    sides have a case that holds there.

    Attributes
    ----------
    supports : (tuple of int, tuple of int)
    name : str
    sides : (MixSide, MixSide)
        The row player's mixes, then the column player's.
    payoffs : (Formula, Formula)
        Expected payoffs, in the parameters and the sides' variables.
    verdict : str
        ``possible`` (a verified parameter point where it exists: ``witness``),
        ``not found``, ``boundary`` (only on lower-dimensional cases) or ``never``.
    equilibrium_at_file : bool
    explanation : str
    """

    supports: tuple[tuple[int, ...], tuple[int, ...]]
    name: str
    sides: tuple[MixSide, MixSide]
    payoffs: tuple[Formula, Formula]
    verdict: str
    equilibrium_at_file: bool
    explanation: str = ""
    witness: Mapping[str, Fraction] | None = None

    @property
    def dimension(self) -> int:
        return self.sides[0].dimension + self.sides[1].dimension

    @property
    def projected(self) -> bool:
        return all(s.cases is not None for s in self.sides)

    def to_dict(self, players, strategies) -> dict[str, Any]:
        return {
            "supports": {players[p]: [strategies[p][k] for k in self.supports[p]] for p in range(2)},
            "name": self.name,
            "kind": "family",
            "dimension": self.dimension,
            "verdict": self.verdict,
            "equilibrium_at_file": self.equilibrium_at_file,
            "explanation": self.explanation,
            "sides": [s.to_dict(players, strategies) for s in self.sides],
            "payoffs": [f.to_dict() for f in self.payoffs],
            "witness": None if self.witness is None else {k: str(v) for k, v in self.witness.items()},
        }


@dataclass(frozen=True, kw_only=True)
class Degeneracy:
    """A set of parameter values where ``derive``'s description of one pair of supports may be incomplete.

    Where all ``equations`` hold, the indifference equations on the supports
    ``name`` change their structure (the game is degenerate there, in a way
    not derived): equilibria on these supports other than those reported may
    exist, continua in particular. ``solve`` at such a point lists them.
    Everywhere else the description is complete.
    """

    supports: tuple[tuple[int, ...], tuple[int, ...]]
    name: str
    player: int
    equations: tuple[Condition, ...]
    reason: str

    def holds_at(self, point) -> bool:
        """Whether ``point`` (symbol -> Rational) lies in the set."""
        return all(_holds_at(c, point) for c in self.equations)

    def to_dict(self) -> dict[str, Any]:
        return {
            "supports": self.name,
            "player": self.player,
            "equations": [c.to_dict() for c in self.equations],
            "reason": self.reason,
        }


@dataclass(frozen=True, kw_only=True)
class Selection:
    """Equilibrium selection between two pure profiles that can both be strict equilibria.

    Attributes
    ----------
    first, second : (int, int)
    risk : Condition
        ``first`` risk-dominates ``second`` (Harsanyi and Selten 1988) iff it holds.
    payoff : tuple of Condition
        ``first`` payoff-dominates ``second`` iff all hold.
    both_at_file : bool
        Both are strict equilibria at the file's values.
    """

    first: tuple[int, int]
    second: tuple[int, int]
    names: tuple[str, str]
    risk: Condition
    payoff: tuple[Condition, ...]
    both_at_file: bool
    witness: Mapping[str, Fraction] | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "first": self.names[0],
            "second": self.names[1],
            "risk_dominance": self.risk.to_dict(),
            "payoff_dominance": [c.to_dict() for c in self.payoff],
            "both_strict_equilibria_at_file": self.both_at_file,
            "witness": None if self.witness is None else {k: str(v) for k, v in self.witness.items()},
        }


@dataclass(frozen=True, kw_only=True)
class SolvedBound:
    """One boundary of one condition, solved for a parameter.

    ``parameter relation bound`` is the condition, when ``case`` holds (for
    example ``when j > 0``); ``relation`` is ``=`` for a boundary whose side
    could not be told apart. ``parts`` is ``case`` for renderers: words and
    ``(expr, rel)`` conditions, so that each form writes the expressions its
    own way.
    """

    parameter: str
    context: str
    label: str
    player: int | None
    relation: str
    bound: Formula
    case: str | None = None
    parts: tuple = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            "parameter": self.parameter,
            "context": self.context,
            "label": self.label,
            "player": self.player,
            "relation": self.relation,
            "bound": self.bound.to_dict(),
            "case": self.case,
        }


@dataclass(frozen=True, kw_only=True)
class Tipping:
    """The range of one parameter in which a profile (or mixed candidate) is an equilibrium.

    Attributes
    ----------
    context : str
    lower, upper : tuple of SolvedBound
        The lower bounds (the profile needs ``parameter >= each``) and upper bounds.
    other : tuple of SolvedBound
        Boundaries without a single direction (sign changes).
    fixed : tuple of Condition
        Conditions that do not involve the parameter.
    binding_lower, binding_upper : int or None
        Which bound binds at the file's values (index into lower / upper).
    interval_at_file : sympy.Set or None
        The exact set of values of the parameter, the others at the file's
        values, in which the conditions hold (an Interval, a Union, or
        EmptySet); None where it could not be found exactly.
    """

    context: str
    kind: str
    lower: tuple[SolvedBound, ...]
    upper: tuple[SolvedBound, ...]
    other: tuple[SolvedBound, ...]
    fixed: tuple[Condition, ...]
    binding_lower: int | None
    binding_upper: int | None
    interval_at_file: tuple[Any, Any] | None
    exact_interval: bool = True

    def to_dict(self) -> dict[str, Any]:
        return {
            "context": self.context,
            "kind": self.kind,
            "lower": [t.to_dict() for t in self.lower],
            "upper": [t.to_dict() for t in self.upper],
            "other": [t.to_dict() for t in self.other],
            "fixed": [c.to_dict() for c in self.fixed],
            "binding_lower": self.binding_lower,
            "binding_upper": self.binding_upper,
            "interval_at_file": set_json(self.interval_at_file),
            "exact_interval": self.exact_interval,
        }


@dataclass(frozen=True, kw_only=True)
class TippingPoint:
    """A distinct tipping point of the parameter, with the conditions it bounds."""

    parameter: str
    bound: Formula
    contexts: tuple[str, ...]
    labels: tuple[str, ...]

    def to_dict(self) -> dict[str, Any]:
        return {
            "parameter": self.parameter,
            "bound": self.bound.to_dict(),
            "contexts": list(self.contexts),
            "labels": list(self.labels),
        }


@dataclass(frozen=True, kw_only=True)
class Regime:
    """A piece of the range of the parameter solved for, and the equilibria on it (the others at the file's values).

    ``low`` and ``high`` are exact (sympy numbers, or ``±oo``); a point has
    ``low == high``. ``degenerate``: some :class:`Degeneracy` holds there, so
    equilibria beyond those named may exist.
    """

    low: Any
    high: Any
    low_closed: bool
    high_closed: bool
    equilibria: tuple[str, ...]
    degenerate: bool = False

    def to_dict(self) -> dict[str, Any]:
        return {
            "low": number_json(self.low) if self.low.is_finite else None,
            "high": number_json(self.high) if self.high.is_finite else None,
            "low_closed": self.low_closed,
            "high_closed": self.high_closed,
            "equilibria": list(self.equilibria),
            "degenerate": self.degenerate,
        }


@dataclass(frozen=True, kw_only=True)
class Threshold:
    """An end of a regime: where candidates start or stop being equilibria, and the condition that binds.

    Attributes
    ----------
    value : sympy number
        At the file's values of the other parameters.
    forms : tuple of Formula
        Its closed form(s) in the parameters.
    entering, leaving : tuple of str
        Candidates that are equilibria just above it and not just below, and the reverse.
    binding : tuple of (context, label, player)
        The conditions that reach their bound here.
    rivals : tuple of (context, label, Formula)
        For a pure profile, the other player's own strongest bound in the same direction.
    """

    parameter: str
    value: Any
    forms: tuple[Formula, ...]
    entering: tuple[str, ...]
    leaving: tuple[str, ...]
    binding: tuple[tuple[str, str, int | None], ...]
    rivals: tuple[tuple[str, str, Formula], ...] = ()
    degenerate: bool = False

    def to_dict(self) -> dict[str, Any]:
        return {
            "parameter": self.parameter,
            "value": number_json(self.value),
            "value_float": number_float(self.value),
            "forms": [f.to_dict() for f in self.forms],
            "entering": list(self.entering),
            "leaving": list(self.leaving),
            "binding": [{"context": c, "label": lab, "player": p} for c, lab, p in self.binding],
            "rivals": [{"context": c, "label": lab, "bound": f.to_dict()} for c, lab, f in self.rivals],
            "degenerate": self.degenerate,
        }


@dataclass(frozen=True, kw_only=True)
class Summary:
    """The summary ``derive`` leads with (see :mod:`bargaining.symbolic.summary`)."""

    at_file: tuple[str, ...]
    possible: tuple[str, ...]
    parameter: str | None = None
    regimes: tuple[Regime, ...] = ()
    thresholds: tuple[Threshold, ...] = ()
    exact: bool = True

    def to_dict(self) -> dict[str, Any]:
        return {
            "at_file": list(self.at_file),
            "possible": list(self.possible),
            "parameter": self.parameter,
            "regimes": [r.to_dict() for r in self.regimes],
            "thresholds": [t.to_dict() for t in self.thresholds],
            "exact": self.exact,
        }


@dataclass(frozen=True, kw_only=True)
class Derivation:
    """Everything ``derive`` finds about a parameterised game.

    Attributes
    ----------
    symbols : tuple of str
        The parameters kept symbolic.
    fixed : Mapping[str, Fraction]
        Parameters fixed at their values.
    values : Mapping[str, Fraction]
        The file's values of all parameters.
    ranges : Mapping[str, (lo, hi)]
        Declared ranges of the symbolic parameters, used as assumptions.
    payoffs : tuple
        ``payoffs[p][i][j]``: the payoff formulas.
    pure, mixed, selection : tuples of results
    families : tuple of Family
        Equilibria on supports whose indifference equations are dependent for
        generic parameter values (continua, unequal supports).
    degenerate : tuple of Degeneracy
        The lower-dimensional sets where the description may be incomplete;
        everywhere else every equilibrium is in ``pure``, ``mixed`` or
        ``families``.
    solve_for : str or None
    tipping : tuple of Tipping
    boundaries : tuple of TippingPoint
        Distinct tipping points, sorted by their value at the file's values.
    notes : tuple of str
    unsimplified : int
        How many expressions bounded simplification left as computed.
    """

    title: str
    source: str
    players: tuple[str, str]
    strategies: tuple[tuple[str, ...], tuple[str, ...]]
    symbols: tuple[str, ...]
    fixed: Mapping[str, Fraction]
    values: Mapping[str, Fraction]
    ranges: Mapping[str, tuple]
    labels: Mapping[str, str]
    payoffs: tuple
    pure: tuple[PureProfile, ...]
    mixed: tuple[MixedCandidate, ...]
    selection: tuple[Selection, ...] = ()
    families: tuple[Family, ...] = ()
    degenerate: tuple[Degeneracy, ...] = ()
    summary: Summary | None = None
    solve_for: str | None = None
    tipping: tuple[Tipping, ...] = ()
    boundaries: tuple[TippingPoint, ...] = ()
    notes: tuple[str, ...] = ()
    unsimplified: int = 0
    budget: Mapping[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        players, strategies = self.players, self.strategies
        return {
            "title": self.title,
            "source": self.source,
            "method": "symbolic",
            "exact": True,
            "players": list(players),
            "strategies": {players[p]: list(strategies[p]) for p in range(2)},
            "symbols": list(self.symbols),
            "fixed": {k: number_to_json(v) for k, v in self.fixed.items()},
            "values": {k: number_to_json(v) for k, v in self.values.items()},
            "ranges": {k: [number_to_json(lo), number_to_json(hi)] for k, (lo, hi) in self.ranges.items()},
            "labels": dict(self.labels),
            "payoffs": {players[p]: [[f.to_dict() for f in row] for row in self.payoffs[p]] for p in range(2)},
            "pure": [p.to_dict() for p in self.pure],
            "mixed": [m.to_dict(players, strategies) for m in self.mixed],
            "selection": [s.to_dict() for s in self.selection],
            "summary": self.summary.to_dict() if self.summary else None,
            "families": [f.to_dict(players, strategies) for f in self.families],
            "degenerate": [g.to_dict() for g in self.degenerate],
            "solve_for": self.solve_for,
            "tipping": [t.to_dict() for t in self.tipping],
            "boundaries": [b.to_dict() for b in self.boundaries],
            "notes": list(self.notes),
            "unsimplified": self.unsimplified,
            "budget": dict(self.budget),
            "parse_hint": (
                "read expressions with sympy.parse_expr(text, "
                "local_dict={name: sympy.Symbol(name) for name in symbols})"
            ),
        }

